"""What ``Collection.lookup`` and ``Collection.search`` find records by: names, texts and a word index.

A record answers to its names (:func:`names`: id, name in both languages, acronym,
aliases) and, with a lower weight, to its texts (:func:`texts`: description, statement,
title, rationale). Both are normalised as :func:`mtib.core.text.normalise` does (case,
accents, punctuation and ``&``/``en``/``and`` ignored), in bulk where they can be.

:class:`WordIndex` points every normalised word to the positions of the records that use
it, and ranks a query in tiers, best first (the score of each is the one
:func:`score` gives, the scorer that once went through every record):

========  =======================================================================
1.0       a name is the query (the collection's normalised name index)
0.95      a name without its spaces is the query without its spaces
0.9       a name starts with the query
0.8       every query word starts a word of one name
0.7       a name contains the query
0.5-0.6   every query word is close to a word of one name (a near miss)
0.45      a text contains the query
0.4       every query word starts a word of one text
========  =======================================================================

Each tier's candidates come from the word index (a superset of the records with that
score); since every record scoring more is known when a tier's turn comes, a candidate is
only tested for what its tier matches. For the best ``k``, the tiers are taken in order,
the candidates of a tier in the order of the records, and the search stops as soon as
``k`` records are known to rank first: a broad query at a million records tests a few of
them, not all.

>>> from mtib.core.model import Organisation, HelixSphere
>>> records = (
...     Organisation(id="tno", name="TNO", sphere=HelixSphere.GOVERNMENT),
...     Organisation(id="tu-delft", name="TU Delft", sphere=HelixSphere.ACADEMIA),
... )
>>> index = WordIndex(records)
>>> [records[p].id for s, p in index.ranked("delft", {}, limit=None)]
['tu-delft']
"""

from __future__ import annotations

import array
import bisect
import heapq
import itertools
import operator
import re
import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Any

from mtib.core.bulk import paused_gc
from mtib.core.model import Goal, Source, Text
from mtib.core.text import normalise

__all__ = ["WordIndex", "name_pairs", "names", "normalised", "ratio", "score", "shared", "table", "text_pairs", "texts"]


def names(record: Any) -> list[str]:
    """Every name a record answers to in a lookup: id, name (nl and en), acronym, aliases.

    >>> from mtib.core.model import Organisation, HelixSphere
    >>> names(Organisation(id="tno", name="TNO", sphere=HelixSphere.GOVERNMENT, aliases=("Toegepast",)))
    ['tno', 'TNO', 'Toegepast']
    """
    out: list[str] = [record.id]
    name = getattr(record, "name", None)
    if isinstance(name, Text):
        out.extend(name.values())
    elif isinstance(name, str):
        out.append(name)
    acronym = getattr(record, "acronym", None)
    if acronym:
        out.append(acronym)
    out.extend(getattr(record, "aliases", ()))
    if isinstance(record, Goal):
        n = record.number
        out.extend([f"SDG {n}", f"Goal {n}", f"Doel {n}", f"SDG{n}"])
    if isinstance(record, Source) and record.url:
        out.append(record.url)
    return out


_TEXT_FIELDS = ("description", "statement", "title", "rationale")


def texts(record: Any) -> list[str]:
    """Longer texts of a record, searched with a lower weight than names.

    >>> from mtib.core.model import Organisation, HelixSphere, Text
    >>> texts(Organisation(id="o", name="O", sphere=HelixSphere.INDUSTRY, description=Text(en="A firm")))
    ['A firm']
    """
    out: list[str] = []
    for field in _TEXT_FIELDS:
        value = getattr(record, field, None)
        if isinstance(value, Text):
            out.extend(value.values())
        elif isinstance(value, str) and field == "title" and not isinstance(record, Source):
            out.append(value)
    return out


def name_pairs(
    records: Sequence[Any], ids: bool = True, owners: Sequence[Any] | None = None
) -> tuple[list[str], list[Any]]:
    """Every name of every record (:func:`names`) with its owner, read by columns where it can be.

    The owner of a name is its record, or with ``owners`` (one per record: its position, say)
    what stands for it. The same pairs as record after record, but not in that order: a field
    at a time, each read in C across the records (ids, names, acronyms, aliases). Goals and
    sources, which have names of their own making, and a collection of several classes go
    record by record. With ``ids=False``, the ids (each record's first name) are left out.

    >>> from mtib.core.model import Organisation, HelixSphere
    >>> name_pairs([Organisation(id="tno", name="TNO", sphere=HelixSphere.GOVERNMENT)], owners=[0])
    (['tno', 'TNO'], [0, 0])
    """
    own: Sequence[Any] = records if owners is None else owners
    cls = type(records[0]) if records else None
    if cls is None or cls in (Goal, Source) or set(map(type, records)) != {cls}:
        pairs = [(n, o) for r, o in zip(records, own, strict=True) for n in names(r)[0 if ids else 1 :]]
        return [n for n, _ in pairs], [o for _, o in pairs]
    keys: list[Any] = list(map(attrgetter("id"), records)) if ids else []
    out: list[Any] = list(own) if ids else []
    if hasattr(cls, "name"):
        found = list(map(attrgetter("name"), records))
        if set(map(type, found)) == {str}:
            keys += found
            out += own
        else:
            for n, o in zip(found, own, strict=True):
                if isinstance(n, Text):
                    keys.extend(n.values())
                    out.extend(itertools.repeat(o, len(n.values())))
                elif isinstance(n, str):
                    keys.append(n)
                    out.append(o)
    if hasattr(cls, "acronym"):
        acronyms = list(map(attrgetter("acronym"), records))
        given = list(map(bool, acronyms))
        keys += itertools.compress(acronyms, given)
        out += itertools.compress(own, given)
    if hasattr(cls, "aliases"):
        aliases = list(map(attrgetter("aliases"), records))
        if any(aliases):  # most records have none: no pass over the owners then
            keys += itertools.chain.from_iterable(aliases)
            out += itertools.chain.from_iterable(map(itertools.repeat, own, map(len, aliases)))
    return keys, out


def text_pairs(records: Sequence[Any], owners: Sequence[Any]) -> tuple[list[str], list[Any]]:
    """Every text of every record (:func:`texts`) with its owner, a field and a language at a time where it can be.

    >>> from mtib.core.model import Organisation, HelixSphere, Text
    >>> text_pairs([Organisation(id="o", name="O", sphere=HelixSphere.INDUSTRY, description=Text(en="A firm"))], [7])
    (['A firm'], [7])
    """
    cls = type(records[0]) if records else None
    if cls is None or cls is Source or set(map(type, records)) != {cls}:
        pairs = [(t, o) for r, o in zip(records, owners, strict=True) for t in texts(r)]
        return [t for t, _ in pairs], [o for _, o in pairs]
    keys: list[str] = []
    out: list[Any] = []
    for field in _TEXT_FIELDS:
        if not hasattr(cls, field):
            continue
        values = list(map(attrgetter(field), records))
        if field == "title":  # a plain title, on records other than sources
            plain = list(map(isinstance, values, itertools.repeat(str)))
            keys += itertools.compress(values, plain)
            out += itertools.compress(owners, plain)
        given = list(map(isinstance, values, itertools.repeat(Text)))
        found = list(itertools.compress(values, given))
        owned = list(itertools.compress(owners, given))
        for lang in ("nl", "en"):
            text = list(map(attrgetter(lang), found))
            there = list(map(operator.is_not, text, itertools.repeat(None)))
            keys += itertools.compress(text, there)
            out += itertools.compress(owned, there)
    return keys, out


_TO_SPACE = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isdigit() or "a" <= chr(c) <= "z" or c == 10)}
)
_SPACES = re.compile("  +")
_EN_WORD = re.compile(r"en(?<=\ben)\b")  # the word "en" (a literal first: found fast)


def normalised(texts: list[str]) -> list[str]:
    """``[normalise(t) for t in texts]``, done on all the plain ASCII ones at once, in C.

    Those texts are joined by newlines (when none holds one), and the joined text goes through
    the steps :func:`mtib.core.text.normalise` takes for one ASCII text; a newline is neither
    a letter nor a digit, so each text's words and ``en``s are found as they would be alone.
    The other texts are normalised one by one.

    >>> normalised(["Agri & Food", "Coöperatie"])
    ['agri and food', 'cooperatie']
    """
    plain = list(map(str.isascii, texts))
    simple = list(itertools.compress(texts, plain))
    joined = "\n".join(simple)
    if not simple or joined.count("\n") != len(simple) - 1:
        return list(map(normalise, texts))
    # every character but a-z, 0-9 and the newline a space (translate, in C), then each run of spaces one
    text = _SPACES.sub(" ", joined.replace("&", " and ").lower().translate(_TO_SPACE))
    if "en" in text:
        text = _EN_WORD.sub("and", text)
    done = list(map(str.strip, text.split("\n")))
    if len(done) == len(texts):
        return done
    ascii_keys = iter(done)
    return [next(ascii_keys) if p else normalise(t) for t, p in zip(texts, plain, strict=True)]


def shared(keys: list[Any], owners: list[Any], made: dict[Any, Any]) -> set[Any]:
    """The keys of ``made`` (``dict(zip(keys, owners))``) that more than one owner has.

    >>> keys, owners = ["a", "b", "a"], [1, 2, 3]
    >>> shared(keys, owners, dict(zip(keys, owners)))
    {'a'}
    """
    if len(made) == len(keys):
        return set()  # every key once
    # a key whose pair names another owner than the table kept (in C: no loop over the pairs in Python)
    return set(itertools.compress(keys, map(operator.is_not, map(made.__getitem__, keys), owners)))


def _grouped(keys: list[Any], owners: list[Any]) -> dict[Any, Any]:
    """Each key's owner, or the list of its owners (in pair order, perhaps repeated) where several share it.

    Made in C either way, no Python loop over the pairs: where most keys have one owner (names), a
    dictionary of the pairs and the shared keys' lists after it; where most pairs are of shared keys
    (the words of texts), every pair appended to its key's list, and the lists of one owner replaced
    by the owner.
    """
    made: dict[Any, Any] = dict(zip(keys, owners, strict=True))
    if len(made) == len(keys):
        return made
    if 2 * len(made) > len(keys):
        several = shared(keys, owners, made)
        if several:
            keep = list(map(several.__contains__, keys))
            picked = itertools.compress(owners, keep)
            lists: defaultdict[Any, list[Any]] = defaultdict(list)
            # lists[key].append(owner) for each shared pair
            deque(map(list.append, map(lists.__getitem__, itertools.compress(keys, keep)), picked), maxlen=0)
            made.update(lists)
        return made
    lists = defaultdict(list)
    deque(map(list.append, map(lists.__getitem__, keys), owners), maxlen=0)
    made = dict(lists)
    del lists
    once = list(map((1).__eq__, map(len, made.values())))
    alone = map(operator.itemgetter(0), itertools.compress(made.values(), once))
    made.update(zip(list(itertools.compress(made.keys(), once)), list(alone), strict=True))
    return made


def table(keys: list[str], owners: list[int]) -> dict[str, Any]:
    """Each key's owner (a position), or the sorted list of its owners where several share it.

    >>> table(["x", "y", "x", "x"], [3, 1, 0, 3])
    {'x': [0, 3], 'y': 1}
    """
    made = _grouped(keys, owners)
    if len(made) != len(keys):
        for key, entry in made.items():
            if type(entry) is list:
                owned = sorted(set(entry))
                made[key] = owned if len(owned) > 1 else owned[0]
    return made


def ratio(q: str, w: str) -> float:
    """``difflib.SequenceMatcher(None, q, w).ratio()``, without difflib where the answer is plain.

    Words this short have no junk (difflib's autojunk starts at 200 characters), so a word
    inside the other matches as one block of its length, and words without a letter in
    common match nothing: ``2.0 * matches / (len(q) + len(w))``, as difflib computes it.

    >>> ratio("water", "waters")
    0.9090909090909091
    """
    lq, lw = len(q), len(w)
    if lw < 200 and lq < 200:
        if q in w:
            return 2.0 * lq / (lq + lw)
        if w in q:
            return 2.0 * lw / (lq + lw)
        if set(q).isdisjoint(w):
            return 0.0
    import difflib  # imported on the first search: ``import mtib`` and lookups do not need it

    return difflib.SequenceMatcher(None, q, w).ratio()


def _text_score(query: str, q_tokens: list[str], q_compact: str, name: str) -> float:
    """How well a normalised ``name`` matches the query by its text alone (0.7 and up), else 0."""
    if not name:
        return 0.0
    if name == query:
        return 1.0
    if name.replace(" ", "") == q_compact:
        return 0.95
    if name.startswith(query):
        return 0.9
    n_tokens = name.split()
    if all(any(w.startswith(q) for w in n_tokens) for q in q_tokens):
        return 0.8
    if query in name:
        return 0.7
    return 0.0


def _name_score(
    query: str, q_tokens: list[str], q_compact: str, name: str, memo: dict[tuple[str, str], float] | None = None
) -> float:
    """How well a normalised ``name`` matches the query; ``memo`` keeps difflib's ratios of word pairs."""
    found = _text_score(query, q_tokens, q_compact, name)
    if found or not name:
        return found
    n_tokens = name.split()
    # Near misses: every query word close to some word of the name.
    ratios = []
    for q in q_tokens:
        best = 0.0
        for w in n_tokens:
            r = memo.get((q, w)) if memo is not None else None
            if r is None:
                r = ratio(q, w)
                if memo is not None:
                    memo[q, w] = r
            best = max(best, r)
        ratios.append(best)
    mean = sum(ratios) / len(ratios)
    if mean >= 0.75 and min(ratios) >= 0.6:
        return 0.5 + 0.1 * mean
    return 0.0


def score(record: Any, query: str, memo: dict[tuple[str, str], float] | None = None) -> float:
    """How well ``record`` matches the normalised ``query`` (0 when it does not).

    Its best name counts (1.0 exact ... 0.5-0.6 a near miss); a record no name of which
    matches scores 0.45 when a text contains the query and 0.4 when every query word starts
    a word of one text.

    >>> from mtib.core.model import Organisation, HelixSphere
    >>> score(Organisation(id="tu-delft", name="TU Delft", sphere=HelixSphere.ACADEMIA), "delft")
    0.8
    """
    q_tokens = query.split()
    q_compact = query.replace(" ", "")
    best = 0.0
    for name in names(record):
        best = max(best, _name_score(query, q_tokens, q_compact, normalise(name), memo))
        if best >= 1.0:
            return best
    if best < 0.5:
        for text in texts(record):
            key = normalise(text)
            if query in key:
                best = max(best, 0.45)
            elif all(any(w.startswith(q) for w in key.split()) for q in q_tokens):
                best = max(best, 0.4)
    return best


SCAN_LIMIT = 10_000
"""Vocabularies up to this many words (every collection of the bundled data: the partnerships' is the
largest, about 3,100 words) are gone through whole for near misses, exactly as the record-by-record
scorer found them. In larger ones, the near misses of a query word are looked for among the words one edit
away from it (a letter left out, added, changed, or two swapped), the words it starts and the words inside
it; a record whose name is a near miss of another kind ranks by what else it matches (its texts)."""

_WIDE = 100
"""A query word whose records outnumber the candidates this many times is not intersected with them:
scoring the candidates costs less than making the set."""

_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def _size(entry: Any) -> int:
    return 1 if type(entry) is int else len(entry)


class _Words:
    """Normalised words and the positions of the records that use them."""

    __slots__ = ("_joined", "_lock", "_starts", "_vocab", "postings")

    def __init__(self, words: list[str], owners: list[int]) -> None:
        postings = _grouped(words, owners)
        # the lists as arrays of C ints: half the memory, and nothing inside for the garbage collector to go through
        lists = list(map(operator.is_, map(type, postings.values()), itertools.repeat(list)))
        if any(lists):
            several = list(itertools.compress(postings.keys(), lists))
            found = list(itertools.compress(postings.values(), lists))
            # a word a record uses twice (in its Dutch and English texts) has one owner
            alone = list(map((1).__eq__, map(len, map(set, found))))
            postings.update(
                zip(
                    itertools.compress(several, alone),
                    map(operator.itemgetter(0), itertools.compress(found, alone)),
                    strict=False,
                )
            )
            many = list(map(operator.not_, alone))
            code = "i" if len(owners) < 2**31 else "q"
            arrays = map(array.array, itertools.repeat(code), itertools.compress(found, many))
            postings.update(zip(itertools.compress(several, many), arrays, strict=False))
        self.postings: dict[str, Any] = postings  # a position, or an array of positions (perhaps repeated)
        self._vocab: tuple[str, ...] | None = None  # sorted when first asked for
        self._lock = threading.Lock()
        self._joined: str | None = None
        self._starts: tuple[int, ...] = ()

    @property
    def vocab(self) -> tuple[str, ...]:
        """The words, sorted (for the words a query word starts)."""
        vocab = self._vocab
        if vocab is None:
            with self._lock:
                vocab = self._vocab
                if vocab is None:  # a tuple of strings: once the garbage collector has seen it, it is left alone
                    vocab = self._vocab = tuple(sorted(self.postings))
        return vocab

    @classmethod
    def of(cls, keys: list[str], owners: list[int]) -> tuple[_Words, list[list[str]]]:
        """The words of normalised ``keys`` (``owners[i]`` owns ``keys[i]``), and each key's words."""
        split = list(map(str.split, keys))
        words = list(itertools.chain.from_iterable(split))
        owned = list(itertools.chain.from_iterable(map(itertools.repeat, owners, map(len, split))))
        return cls(words, owned), split

    def positions(self, words: Iterable[str]) -> set[int]:
        """The positions of the records using any of ``words``."""
        out: set[int] = set()
        postings = self.postings
        for word in words:
            entry = postings[word]
            if type(entry) is int:
                out.add(entry)
            else:
                out.update(entry)
        return out

    def size(self, words: Iterable[str]) -> int:
        """How many postings ``words`` have (records, counted again for each word)."""
        return sum(map(_size, map(self.postings.__getitem__, words)))

    def exact(self, q: str) -> list[str]:
        return [q] if q in self.postings else []

    def prefixed(self, q: str) -> list[str]:
        """The words that start with ``q``."""
        vocab = self.vocab
        low = bisect.bisect_left(vocab, q)
        high = bisect.bisect_left(vocab, q + "\U0010ffff", low)
        return list(vocab[low:high])

    def containing(self, q: str) -> list[str]:
        """The words that contain ``q``."""
        vocab = self.vocab
        if len(vocab) <= SCAN_LIMIT:
            return [w for w in vocab if q in w]
        if self._joined is None:  # every word on a line of one text, searched in C
            self._starts = tuple(itertools.accumulate(map((1).__add__, map(len, vocab)), initial=0))  # in C
            self._joined = "\n".join(vocab)
        joined, starts = self._joined, self._starts
        found = []
        at = joined.find(q)
        while at != -1:
            n = bisect.bisect_right(starts, at) - 1
            found.append(vocab[n])
            at = joined.find(q, starts[n + 1])  # on from the next word
        return found

    def near(self, q: str, memo: dict[tuple[str, str], float]) -> list[str]:
        """The words whose difflib ratio to ``q`` is at least 0.6 (a near miss, as the scorer counts it);
        the ratios computed are kept in ``memo``, for the scorer."""
        lq = len(q)
        if len(self.postings) <= SCAN_LIMIT:
            pool: Iterable[str] = self.vocab
        else:
            postings = self.postings
            letters = _LETTERS + "".join(sorted(set(q) - set(_LETTERS)))
            edits = {q[:i] + q[i + 1 :] for i in range(lq)}
            edits.update(q[:i] + q[i + 1] + q[i] + q[i + 2 :] for i in range(lq - 1))
            edits.update(q[:i] + c + q[i + 1 :] for i in range(lq) for c in letters)
            edits.update(q[:i] + c + q[i:] for i in range(lq + 1) for c in letters)
            edits.update(q[i:j] for i in range(lq) for j in range(i + 1, lq + 1))  # the words inside it
            longest = int(lq * 1.4 / 0.6) + 1
            pool = sorted({w for w in edits if w in postings}.union(w for w in self.prefixed(q) if len(w) <= longest))
        import difflib  # imported on the first search: ``import mtib`` and lookups do not need it

        matcher = difflib.SequenceMatcher(None, q, "")
        found = []
        for w in pool:
            lw = len(w)
            if 2 * min(lq, lw) < 0.6 * (lq + lw):  # too different in length to reach 0.6
                continue
            if q in w or w in q:  # difflib's ratio without difflib (see ratio())
                r = memo[q, w] = ratio(q, w)
                if r >= 0.6:
                    found.append(w)
                continue
            matcher.set_seq2(w)
            if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
                r = matcher.ratio()  # as SequenceMatcher(None, q, w).ratio(): the same a and b
                memo[q, w] = r
                if r >= 0.6:
                    found.append(w)
        return found

    def spanned(self, q_tokens: list[str]) -> set[int]:
        """The records whose texts can contain the whole query: the first query word inside a word (the end of
        one), the words between as whole words, the last the start of a word. Where the words after the
        first leave fewer records than looking through the whole vocabulary for the first would cost, those
        records (the tier tests each)."""
        if len(q_tokens) == 1:
            return _candidates([(self, self.containing(q_tokens[0]))])
        cheap = [(self, self.exact(q)) for q in q_tokens[1:-1]] + [(self, self.prefixed(q_tokens[-1]))]
        if not all(words for _, words in cheap):
            return set()
        if len(self.postings) > SCAN_LIMIT:
            few = _candidates(cheap)
            if len(few) * 400 < len(self.postings):  # testing one record costs about as much as 400 words scanned
                return few
        return _candidates([(self, self.containing(q_tokens[0])), *cheap])


def _candidates(parts: list[tuple[_Words, list[str]]]) -> set[int]:
    """The records with, for each part, one of its words; a superset where a part is too common to intersect
    (the tiers test every candidate)."""
    if not parts or not all(words for _, words in parts):
        return set()
    sized = sorted(((index.size(words), n) for n, (index, words) in enumerate(parts)))
    first, words = parts[sized[0][1]]
    chosen = first.positions(words)
    for total, n in sized[1:]:
        if not chosen or total > _WIDE * len(chosen):
            break  # the rest are larger still: testing the candidates costs less
        index, words = parts[n]
        chosen &= index.positions(words)
    return chosen


def _each(asked: list[tuple[_Words, str]], find: Callable[[_Words, str], list[str]]) -> list[tuple[_Words, list[str]]]:
    """``[(index, find(index, q)) for index, q in asked]``, the longest query words first, and nothing as soon
    as one finds nothing (no record can have them all)."""
    out = []
    for index, q in sorted(asked, key=lambda item: -len(item[1])):
        words = find(index, q)
        if not words:
            return []
        out.append((index, words))
    return out


class WordIndex:
    """The words of a collection's names and texts, and the ranking of a query from them.

    :meth:`ranked` gives what scoring every record with :func:`score` and sorting by score
    (best first), then by position, would give; with ``limit``, its first ``limit`` entries.

    >>> from mtib.core.model import Organisation, HelixSphere
    >>> records = [Organisation(id=f"o{i}", name=f"Lab {i}", sphere=HelixSphere.ACADEMIA) for i in range(30)]
    >>> index = table(normalised([n for r in records for n in names(r)]), [i for i in range(30) for _ in "ab"])
    >>> WordIndex(records).ranked("lab 1", index, limit=3)
    [(1.0, 1), (0.9, 10), (0.9, 11)]
    """

    __slots__ = ("_first", "_last", "_lock", "_names", "_owners", "_records", "_texts")

    def __init__(
        self,
        records: Sequence[Any],
        pairs: tuple[list[str], list[int]] | None = None,
        positions: list[int] | None = None,
    ) -> None:
        """``pairs`` are the records' normalised names (none empty) and their positions, if made already."""
        self._records = records
        self._owners = tuple(positions if positions is not None else range(len(records)))
        self._texts: _Words | None = None  # made when a query first reaches the texts
        self._lock = threading.Lock()
        with paused_gc():
            if pairs is None:
                found, owned = name_pairs(records, owners=self._owners)
                keys = normalised(found)
                given = list(map(bool, keys))
                pairs = list(itertools.compress(keys, given)), list(itertools.compress(owned, given))
            self._names, split = _Words.of(*pairs)
            # the first word of every name: a name starts with the query only if one starts with its first word
            self._first = _Words(list(map(operator.itemgetter(0), split)), pairs[1])
            # ... and the last: a name without its spaces is the query's only if it starts and ends as the query does
            self._last = _Words(list(map(operator.itemgetter(-1), split)), pairs[1])

    def _text_words(self) -> _Words:
        """The words of the texts, made on the first query that needs them."""
        with self._lock:
            if self._texts is None:
                with paused_gc():
                    found, owned = text_pairs(self._records, self._owners)
                    self._texts = _Words.of(normalised(found), owned)[0]
            return self._texts

    def ranked(self, query: str, index: Mapping[str, Any], limit: int | None) -> list[tuple[float, int]]:
        """``(score, position)`` of the records matching the normalised ``query``, best first.

        ``index`` is the collection's normalised name index (each name to a position or a list
        of positions); with ``limit``, only the best ``limit``.

        The tiers are taken best first. When a tier's turn comes, every record scoring more
        is known, so a candidate not known yet scores the tier's score if it passes the
        tier's test, and less if not: each tier tests what it matches (a prefix, a part),
        not the whole score. An ordered tier tests its candidates in the records' order and
        stops once ``limit`` records are known: any later one ranks after them.

        >>> from mtib.core.model import Organisation, HelixSphere
        >>> records = [Organisation(id="tno", name="TNO", sphere=HelixSphere.GOVERNMENT)]
        >>> WordIndex(records).ranked("tno", {"tno": 0}, limit=None)
        [(1.0, 0)]
        """
        q_tokens = query.split()
        q_compact = query.replace(" ", "")
        records = self._records
        memo: dict[tuple[str, str], float] = {}  # the same words come back in many names
        names_of: dict[int, list[str]] = {}
        texts_of: dict[int, list[str]] = {}

        def name_keys(position: int) -> list[str]:
            keys = names_of.get(position)
            if keys is None:
                keys = names_of[position] = [k for k in map(normalise, names(records[position])) if k]
            return keys

        def text_keys(position: int) -> list[str]:
            keys = texts_of.get(position)
            if keys is None:
                keys = texts_of[position] = list(map(normalise, texts(records[position])))
            return keys

        def every_word_starts(keys: list[str]) -> bool:
            return any(all(any(w.startswith(q) for w in k.split()) for q in q_tokens) for k in keys)

        def near(position: int) -> float:
            return max((_name_score(query, q_tokens, q_compact, k, memo) for k in name_keys(position)), default=0.0)

        def entries(entry: Any) -> set[int]:
            return set() if entry is None else set(entry) if type(entry) is list else {entry}

        names_, first, final = self._names, self._first, self._last
        # a name without its spaces is the query's: its first word starts the query, its last word ends it
        starts_compact = [p for p in (q_compact[:i] for i in range(1, len(q_compact) + 1)) if p in first.postings]
        ends_compact = [e for e in (q_compact[i:] for i in range(len(q_compact))) if e in final.postings]
        last, inner = q_tokens[-1], q_tokens[1:-1]
        words = list(dict.fromkeys(q_tokens))
        starts = [(first, first.prefixed(last))] if len(q_tokens) == 1 else [(first, first.exact(q_tokens[0]))]
        if len(q_tokens) > 1:
            starts += [(names_, names_.exact(q)) for q in inner] + [(names_, names_.prefixed(last))]
        tiers: list[tuple[float, bool, Callable[[], set[int]], Callable[[int], float]]] = [
            (1.0, False, lambda: entries(index.get(query)), lambda p: 1.0),
            (
                0.95,
                True,
                lambda: _candidates([(first, starts_compact), (final, ends_compact)]),
                lambda p: 0.95 if any(k.replace(" ", "") == q_compact for k in name_keys(p)) else 0.0,
            ),
            (
                0.9,
                True,
                lambda: _candidates(starts),
                lambda p: 0.9 if any(k.startswith(query) for k in name_keys(p)) else 0.0,
            ),
            (
                0.8,
                True,
                lambda: _candidates([(names_, names_.prefixed(q)) for q in words]),
                lambda p: 0.8 if every_word_starts(name_keys(p)) else 0.0,
            ),
            (
                0.7,
                True,
                lambda: names_.spanned(q_tokens),
                lambda p: 0.7 if any(query in k for k in name_keys(p)) else 0.0,
            ),
            (0.5, False, lambda: _candidates(_each([(names_, q) for q in words], lambda n, q: n.near(q, memo))), near),
            (
                0.45,
                True,
                lambda: self._text_words().spanned(q_tokens),
                lambda p: 0.45 if any(query in t for t in text_keys(p)) else 0.0,
            ),
            (
                0.4,
                True,
                lambda: _candidates([(texts, texts.prefixed(q)) for texts in [self._text_words()] for q in words]),
                lambda p: 0.4 if every_word_starts(text_keys(p)) else 0.0,
            ),
        ]
        scores: dict[int, float] = {}  # every record known to score: at each tier's turn, all that score more
        for _, ordered, candidates, test in tiers:
            found = candidates()
            if limit is None or not ordered:
                for position in found.difference(scores):
                    s = test(position)
                    if s:
                        scores[position] = s
                if limit is not None and len(scores) >= limit:
                    break
                continue
            heap = list(found.difference(scores))
            heapq.heapify(heap)
            while heap:
                position = heapq.heappop(heap)
                s = test(position)
                if s:
                    scores[position] = s
                    if len(scores) >= limit:  # the rest of this tier (later records) and below rank after
                        return _best(list(map(_swapped, scores.items())), limit)
        return _best(list(map(_swapped, scores.items())), limit)


def _swapped(item: tuple[int, float]) -> tuple[float, int]:
    return item[1], item[0]


def _best(found: list[tuple[float, int]], limit: int | None) -> list[tuple[float, int]]:
    """``found`` best first, then in the records' order; the first ``limit``."""
    if limit is not None and len(found) > 8 * limit:
        return heapq.nsmallest(limit, found, key=lambda item: (-item[0], item[1]))
    found.sort(key=lambda item: (-item[0], item[1]))
    return found if limit is None else found[:limit]
