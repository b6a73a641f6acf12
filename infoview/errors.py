"""The one exception family of infoview.

Every error a caller can provoke is an :class:`InfoviewError`. Subclasses also inherit the
builtin they resemble, so ``except ValueError`` keeps working for code that does not know
infoview. Messages say what went wrong and what to do about it.
"""

from __future__ import annotations


class InfoviewError(Exception):
    """Base of every error infoview raises on purpose."""


class BadInput(InfoviewError, ValueError):
    """A value given by the user is not acceptable (wrong range, unknown choice, ...)."""


class BadField(BadInput):
    """A value typed into one field of a form is not acceptable.

    Attributes:
        field: the name of the field (``"email"``), so that a form can show the message
            beside it.
    """

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


class BadFields(BadField):
    """Values typed into several fields of a form are not acceptable, each for its reason.

    Attributes:
        problems: ``{field name: message}``, in the order of the form; ``field`` is the
            first of them, for callers that show one.
    """

    def __init__(self, problems: dict[str, str]):
        super().__init__(" ".join(problems.values()), next(iter(problems)))
        self.problems = dict(problems)


class BadInputFile(BadInput):
    """A file given by the user cannot be read as what it claims to be.

    Attributes:
        path: the file.
        line: the 1-based line number of the first problem, when known.
    """

    def __init__(self, message: str, path: object = None, line: int | None = None):
        where = ""
        if path is not None:
            where = f"{path}"
            if line is not None:
                where += f", line {line}"
            where += ": "
        super().__init__(where + message)
        self.path = path
        self.line = line


class NotFound(InfoviewError, LookupError):
    """A record, file or question asked for does not exist.

    Attributes:
        record: for a stored record, what it is in words (``"person"``, ``"meeting"``), so
            that a page can say it is gone without the id and command the message gives a
            terminal; ``None`` otherwise.
    """

    def __init__(self, message: str = "", record: str | None = None):
        super().__init__(message)
        self.record = record


class StoreError(InfoviewError, OSError):
    """The database file cannot be used (missing, unreadable, not SQLite, corrupt)."""


class StoreVersionError(StoreError):
    """The database file was written by a newer infoview and is left untouched."""


class FetchError(InfoviewError, IOError):
    """A page could not be fetched.

    Attributes:
        url: the page.
        status: the HTTP status, when a response arrived.
    """

    def __init__(self, message: str, url: str | None = None, status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


class RobotsRefused(FetchError):
    """robots.txt of the site does not allow infoview to fetch this URL."""


class PageTooLarge(FetchError):
    """The body (as received or as decompressed) passed the size cap."""


class NotHTML(FetchError):
    """The response is not an HTML page (a PDF, an image, ...)."""


class AddressRefused(FetchError, PermissionError):
    """A redirect or a link led to an address inside a private network (loopback, the
    local network, a cloud's metadata service) that the user did not name."""


class FetchForbidden(FetchError):
    """The site's terms forbid automated fetching (LinkedIn and other social profiles).

    Such URLs are kept as links for the user to open in a browser, never fetched.
    """
