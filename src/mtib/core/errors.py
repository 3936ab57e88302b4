"""The exceptions mtib raises.

>>> issubclass(DataError, ValueError) and issubclass(DataError, MtibError)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

__all__ = ["MAX_COUNTED", "MAX_PROBLEMS", "DataError", "MtibError", "Problem", "ProblemList", "path_join"]

MAX_PROBLEMS = 1000
"""The most problems a :class:`DataError` lists; the rest are counted (:attr:`DataError.total`)."""

MAX_COUNTED = 100_000
"""The number of problems after which the loaders stop checking (:attr:`DataError.stopped`): input
with more mistakes than this is reported in bounded time, with the first :data:`MAX_PROBLEMS` listed."""


def path_join(path: str, key: str | int) -> str:
    """The path of ``key`` inside ``path``.

    >>> path_join("$.partnerships", 3)
    '$.partnerships[3]'
    >>> path_join("$", "sources")
    '$.sources'
    >>> path_join("$", "odd key")
    "$['odd key']"
    >>> path_join("$", "k" * 1000)
    "$['kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...' (1,000 characters)]"
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    if len(key) > _KEY_LIMIT:  # a path never quotes a huge key in full
        return f"{path}[{key[: _KEY_LIMIT - 3] + '...'!r} ({len(key):,} characters)]"
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{key!r}]"


_KEY_LIMIT = 60


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


class ProblemList(list[Problem]):
    """A list of problems that keeps the first ``limit`` and only counts the rest.

    The loaders collect into one, so that a file with millions of mistakes costs
    memory for a thousand problems, not for millions; :attr:`total` counts them all.

    >>> found = ProblemList(limit=2)
    >>> found.extend(Problem(f"$.x[{i}]", "wrong") for i in range(5))
    >>> len(found), found.total, found.unlisted
    (2, 5, 3)
    """

    def __init__(self, items: Iterable[Problem] = (), *, limit: int = MAX_PROBLEMS) -> None:
        super().__init__()
        self.limit = limit
        self.unlisted = 0
        self.stopped = False
        """Set by a loader that stopped checking after :data:`MAX_COUNTED` problems."""
        self.extend(items)

    @property
    def full(self) -> bool:
        """Whether the list holds ``limit`` problems, so that more are only counted.

        >>> ProblemList([Problem("$", "x")], limit=1).full
        True
        """
        return len(self) >= self.limit

    @property
    def enough(self) -> bool:
        """Whether :data:`MAX_COUNTED` problems have been found: time for a loader to stop.

        >>> found = ProblemList(); found.add_unlisted(MAX_COUNTED); found.enough
        True
        """
        return self.total >= MAX_COUNTED

    def append(self, problem: Problem) -> None:
        """Keep ``problem`` if there is room, else count it.

        >>> found = ProblemList(limit=0)
        >>> found.append(Problem("$", "x")); found.total
        1
        """
        if len(self) < self.limit:
            super().append(problem)
        else:
            self.unlisted += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        """:meth:`append` each of ``problems``.

        >>> found = ProblemList([Problem("$", "x")], limit=5); found.extend([Problem("$", "y")]); len(found)
        2
        """
        if isinstance(problems, ProblemList):
            self.unlisted += problems.unlisted
            self.stopped = self.stopped or problems.stopped
        for problem in problems:
            self.append(problem)

    def __iadd__(self, problems: Iterable[Problem]) -> ProblemList:  # type: ignore[override,misc]
        self.extend(problems)
        return self

    def add_unlisted(self, n: int) -> None:
        """Count ``n`` more problems that are not stored (found and summarised elsewhere).

        >>> found = ProblemList(); found.add_unlisted(3); found.total
        3
        """
        self.unlisted += n

    @property
    def total(self) -> int:
        """Every problem found: those kept and those only counted.

        >>> ProblemList([Problem("$", "x")]).total
        1
        """
        return len(self) + self.unlisted


class DataError(MtibError, ValueError):
    """Input data is invalid. ``problems`` lists the problems found, each with its path.

    At most :data:`MAX_PROBLEMS` are listed (the first ones found); ``total`` counts
    every problem found, listed or not. ``stopped`` says that checking stopped after
    :data:`MAX_COUNTED` problems, so that there may be more than ``total``.

    >>> err = DataError([Problem("$.sources[0].url", "not a URL")])
    >>> len(err.problems), err.total
    (1, 1)
    >>> print(err)
    1 problem in the data:
      $.sources[0].url: not a URL
    >>> many = DataError(Problem(f"$.sdgs[{i}]", "wrong") for i in range(1500))
    >>> len(many.problems), many.total, str(many).splitlines()[-1]
    (1000, 1500, '  ... and 500 more problems, not listed')
    >>> print(str(DataError([Problem("$", "x")], total=100_000, stopped=True)).splitlines()[0])
    at least 100,000 problems in the data (checking stopped there; the first 1 is listed):
    """

    def __init__(
        self,
        problems: Iterable[Problem],
        summary: str | None = None,
        *,
        total: int | None = None,
        stopped: bool | None = None,
    ) -> None:
        kept = ProblemList(problems)
        self.problems: tuple[Problem, ...] = tuple(kept)
        self.total: int = max(kept.total, total or 0)
        self.stopped: bool = kept.stopped if stopped is None else stopped
        self.summary = summary
        n = self.total
        s = "s" if n != 1 else ""
        head = summary or (f"at least {n:,} problem{s}" if self.stopped else f"{n:,} problem{s}") + " in the data"
        if summary is None and (n > len(self.problems) or self.stopped):
            listed = f"the first {len(self.problems):,} {'is' if len(self.problems) == 1 else 'are'} listed"
            head += f" (checking stopped there; {listed})" if self.stopped else f" ({listed})"
        lines = [f"{head}:"] + [f"  {p}" for p in self.problems]
        if n > len(self.problems):
            more = n - len(self.problems)
            plural = "s" if more != 1 else ""
            lines.append(f"  ... and {more:,}{' or more' if self.stopped else ''} more problem{plural}, not listed")
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.problems, self.summary, self.total, self.stopped))


def _rebuild(problems: tuple[Problem, ...], summary: str | None, total: int, stopped: bool = False) -> DataError:
    return DataError(problems, summary, total=total, stopped=stopped)
