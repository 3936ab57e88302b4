"""Optional dependencies: imported inside the function that needs them, with a clear error.

mtib's runtime needs attrs, cattrs and PyYAML only. pandas, pyarrow, networkx and
matplotlib are extras (``pip install 'mtib[pandas]'``); :func:`require` imports one
where it is needed and raises :class:`MissingExtraError`, naming the extra, when it is
not installed.

>>> require("json", "none").__name__
'json'
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from mtib.core.errors import MtibError

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(MtibError, ImportError):
    """An optional dependency is not installed; the message names the extra to install.

    >>> str(MissingExtraError("pandas", "pandas"))
    "this needs pandas, which is not installed: pip install 'mtib[pandas]'"
    """

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(f"this needs {module}, which is not installed: pip install 'mtib[{extra}]'")
        self.extra = extra


def require(module: str, extra: str) -> Any:
    """Import an optional dependency, or raise :class:`MissingExtraError` naming the extra.

    >>> require("json", "none").__name__
    'json'
    """
    if sys.modules.get(module, ...) is None:  # hidden on purpose (tests) or known missing
        raise MissingExtraError(module.split(".")[0], extra)
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(module.split(".")[0], extra) from None
