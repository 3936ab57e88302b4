"""The exceptions mtib raises.

>>> issubclass(DataError, ValueError) and issubclass(DataError, MtibError)
True
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["DataError", "MtibError", "Problem", "path_join"]


def path_join(path: str, key: str | int) -> str:
    """The path of ``key`` inside ``path``.

    >>> path_join("$.partnerships", 3)
    '$.partnerships[3]'
    >>> path_join("$", "sources")
    '$.sources'
    >>> path_join("$", "odd key")
    "$['odd key']"
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{key!r}]"


class MtibError(Exception):
    """The base class of every error mtib raises on purpose.

    >>> try:
    ...     raise MtibError("something went wrong")
    ... except MtibError as e:
    ...     str(e)
    'something went wrong'
    """


@attrs.frozen
class Problem:
    """One problem in input data: where it is and what is wrong.

    ``path`` is a JSONPath-like location such as ``$.partnerships[3].sdgs[0]``;
    ``file`` names the file the problem is in, when there is one.

    >>> str(Problem("$.partnerships[0].id", "missing required field"))
    '$.partnerships[0].id: missing required field'
    """

    path: str
    message: str
    file: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.file else self.path
        return f"{where}: {self.message}"


class DataError(MtibError, ValueError):
    """Input data is invalid. ``problems`` lists every problem found, each with its path.

    >>> err = DataError([Problem("$.sources[0].url", "not a URL")])
    >>> len(err.problems)
    1
    >>> print(err)
    1 problem in the data:
      $.sources[0].url: not a URL
    """

    def __init__(self, problems: Iterable[Problem], summary: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        n = len(self.problems)
        head = summary or f"{n} problem{'s' if n != 1 else ''} in the data"
        lines = [f"{head}:"] + [f"  {p}" for p in self.problems[:200]]
        if n > 200:
            lines.append(f"  ... and {n - 200} more")
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[type[DataError], tuple[tuple[Problem, ...]]]:
        return (DataError, (self.problems,))
