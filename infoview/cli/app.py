"""`infoview app ...` commands (placeholder: the owning issue fills it in)."""


def register(sub) -> None:
    """Add this module's subcommands to the parser."""
