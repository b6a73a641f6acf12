"""Names a package re-exports without importing their modules until first use.

``import infoview`` (and ``infoview --help``) stay fast because a package's ``__init__``
lists its public names and the module of each, and this helper loads that module only
when the name is first looked up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` that imports ``exports[name]`` on first use.

    Args:
        package: the package's own name (``__name__``), for the error message.
        exports: public name -> the full name of the module that defines it.

    Returns:
        The function to assign to the package's ``__getattr__``.
    """

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)

    return __getattr__
