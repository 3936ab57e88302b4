"""One "did you mean" for every message that names something unknown: ids, keys, values, columns.

:func:`did_you_mean` picks the option most like a word (by :class:`difflib.SequenceMatcher`
ratio, at least 0.6, as :func:`difflib.get_close_matches` does), and :func:`hint` formats it
for a message. Its cost is bounded, whatever the input:

- a word of more than :data:`MAX_WORD` characters gets no suggestion;
- only options of a length that could reach the cutoff are considered
  (a ratio of 0.6 needs the shorter string to be at least 3/7 of the longer one);
- at most :data:`MAX_SCORED` options are scored. When more are in reach, they are chosen
  by a cheap key: the options next to the word in sorted order (a shared beginning) and
  next to it in the order of the reversed strings (a shared end);
- one :class:`Options` index answers at most :data:`MAX_WORDS` different words; the
  words after those get no suggestion (a hostile file of a million dangling ids costs no
  more than one of ten thousand).

With few options (every list of keys, values and columns, and the bundled ids of any one
kind) every option in reach is scored, so the answer is exactly difflib's. Many queries
against the same large set of options (a file with thousands of dangling references)
should build an :class:`Options` index once and pass it instead of a plain iterable.

>>> did_you_mean("goverment", ["industry", "government"])
'government'
>>> hint("watr", ["energie", "water"])
" (did you mean 'water'?)"
>>> hint("xyz", ["energie", "water"])
''
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import difflib
from collections.abc import Iterable, Iterator

__all__ = ["CUTOFF", "MAX_SCORED", "MAX_WORD", "MAX_WORDS", "Options", "did_you_mean", "hint", "muted"]

MAX_WORD = 80
"""Longer words get no suggestion (the matcher's cost grows with their length)."""
MAX_SCORED = 200
"""At most this many options are scored for one word."""
CUTOFF = 0.6
"""The least similarity ratio of a suggestion (difflib's default)."""
MAX_WORDS = 10_000
"""At most this many different words are answered by one :class:`Options` index."""

_NEIGHBOURS = MAX_SCORED // 4  # on each side of the word, in each of the two sorted orders


class Options:
    """A set of options indexed for many :func:`did_you_mean` queries (sorted once, both ways).

    >>> ids = Options(f"organisation-{i}" for i in range(100_000))
    >>> len(ids), ids.best("organisatoin-77")
    (100000, 'organisation-77')
    """

    __slots__ = ("_answers", "_options", "_sorted")

    def __init__(self, options: Iterable[str]) -> None:
        self._options: tuple[str, ...] = tuple(dict.fromkeys(options))
        self._sorted: tuple[list[str], list[str]] | None = None  # by beginning and by end, built on first need
        self._answers: dict[str, str | None] = {}  # a word asked again (the same dangling id) is not scored again

    def __len__(self) -> int:
        return len(self._options)

    def _in_reach(self, word: str) -> list[str]:
        """The options whose length allows a ratio of :data:`CUTOFF` with ``word``, at most :data:`MAX_SCORED`."""
        n = len(word)
        low, high = (3 * n + 6) // 7, (7 * n) // 3  # 2*min/(n+m) >= 0.6  <=>  3n/7 <= m <= 7n/3
        if len(self._options) <= MAX_SCORED:
            return [o for o in self._options if low <= len(o) <= high]
        if self._sorted is None:  # one assignment: safe when threads race to build it
            self._sorted = (sorted(self._options), sorted(o[::-1] for o in self._options))
        by_start, by_end = self._sorted
        chosen: dict[str, None] = {}
        for ordered, key, flip in ((by_start, word, False), (by_end, word[::-1], True)):
            at = bisect.bisect_left(ordered, key)
            # walk outwards from the word's place, keeping the options in reach, until enough are found
            below, above, taken = at - 1, at, 0
            while taken < 2 * _NEIGHBOURS and (below >= 0 or above < len(ordered)):
                for i in (above, below):
                    if 0 <= i < len(ordered):
                        option = ordered[i][::-1] if flip else ordered[i]
                        if low <= len(option) <= high and option not in chosen:
                            chosen[option] = None
                            taken += 1
                below, above = below - 1, above + 1
                if below < at - 4 * MAX_SCORED:  # bounded walk even when few options are in reach
                    break
        return list(chosen)[:MAX_SCORED]

    def best(self, word: str) -> str | None:
        """The option most like ``word``, or ``None`` (see :func:`did_you_mean`).

        >>> Options(["tno", "tu-delft"]).best("tnoo"), Options(["tno"]).best("x" * 81)
        ('tno', None)
        """
        if not word or len(word) > MAX_WORD:
            return None
        if word in self._answers:
            return self._answers[word]
        if len(self._answers) >= MAX_WORDS:
            return None
        best = self._answers[word] = self._score(word)
        return best

    def _score(self, word: str) -> str | None:
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        bounds = []
        for option in self._in_reach(word):
            matcher.set_seq1(option)
            bound = matcher.quick_ratio()  # an upper bound of the ratio, cheaper to compute
            if bound >= CUTOFF:
                bounds.append((bound, option))
        bounds.sort(reverse=True)
        found: tuple[float, str] = (CUTOFF, "")
        best: str | None = None
        for bound, option in bounds:
            if bound < found[0]:
                break  # no option left can beat (or tie) the best one
            matcher.set_seq1(option)
            score = matcher.ratio()
            # as difflib.get_close_matches: the highest ratio, and of equal ones the greatest option
            if (score, option) >= found:
                found, best = (score, option), option
        return best


def did_you_mean(word: str, options: Iterable[str] | Options) -> str | None:
    """The option most like ``word`` (a similarity ratio of at least 0.6), or ``None``.

    Always one of ``options`` or ``None``; ``None`` for an empty word and for one of
    more than :data:`MAX_WORD` characters.

    >>> did_you_mean("partnership", ["partnerships", "themes"])
    'partnerships'
    >>> did_you_mean("colour", ["name", "country", "website"])
    'country'
    >>> did_you_mean("nothing like it", ["lsh"]) is None
    True
    """
    return (options if isinstance(options, Options) else Options(options)).best(word)


def hint(word: str, options: Iterable[str] | Options) -> str:
    """``" (did you mean 'x'?)"`` for the option most like ``word``, or ``""``: for the end of a message.

    >>> "unknown topsector 'watr'" + hint("watr", ["water", "energie"])
    "unknown topsector 'watr' (did you mean 'water'?)"
    """
    if _muted.get():
        return ""
    best = did_you_mean(word, options)
    return f" (did you mean {best!r}?)" if best is not None else ""


_muted: contextvars.ContextVar[bool] = contextvars.ContextVar("mtib_suggest_muted", default=False)


@contextlib.contextmanager
def muted() -> Iterator[None]:
    """No hints inside the block: for problems that are only counted, never shown.

    >>> with muted():
    ...     hint("watr", ["water"])
    ''
    >>> hint("watr", ["water"])
    " (did you mean 'water'?)"
    """
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)
