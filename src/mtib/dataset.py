"""The Dataset and its collections: lookups, search, filters and navigation.

A :class:`Dataset` holds one :class:`Collection` per record kind. Collections
are immutable and index their records by id; name lookups and reverse
references are indexed on first use.

>>> import mtib
>>> ds = mtib.load()
>>> ds.topsectors["lsh"].name.en
'Life Sciences & Health'
>>> ds.sdgs.get(3) == ds.sdgs.get("3") == ds.sdgs.lookup("Good health and well-being")
True
"""

from __future__ import annotations

import datetime
import enum
import html
import itertools
import operator
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Generic, TypeAlias, TypeVar, Union, overload

import attrs

from mtib.core import suggest
from mtib.core.bulk import paused_gc
from mtib.core.checks import Located, check, fill_spheres, organisations_sphere
from mtib.core.errors import DataError, MtibError, Problem
from mtib.core.extras import require
from mtib.core.fields import TARGET_RE
from mtib.core.labels import LANGS, enum_word, label
from mtib.core.model import (
    TKI,
    Agenda,
    Concept,
    Covenant,
    Event,
    Fact,
    Goal,
    HelixSphere,
    HelixType,
    Indicator,
    Initiative,
    Instrument,
    Lang,
    Mission,
    Organisation,
    Participant,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Rate,
    Record,
    SDGLink,
    SDGRelation,
    Source,
    Target,
    Text,
    Theme,
    Topsector,
    classify,
)
from mtib.core.schema import COLLECTIONS, KIND_OF, FieldPlan, Shape, path_of, plan, references
from mtib.core.search import WordIndex, name_pairs, normalised, shared, table
from mtib.core.tables import clip, html_table, text_table
from mtib.core.text import normalise
from mtib.core.views import pretty

__all__ = [
    "Collection",
    "Dataset",
    "EventCollection",
    "FactCollection",
    "NotFoundError",
    "PartnershipCollection",
    "RecordView",
    "SDGCollection",
    "Selection",
    "Series",
    "display_name",
    "reference_paths",
    "references_of",
]

R = TypeVar("R", bound=Record)


_SINGULAR = {
    "sdgs": "SDG goal",
    "sdg_targets": "SDG target",
    "sdg_indicators": "SDG indicator",
    "tkis": "TKI",
    "agendas": "agenda",
    "sources": "source",
    "organisations": "organisation",
    "topsectors": "topsector",
    "themes": "theme",
    "missions": "mission",
    "partnerships": "partnership",
    "facts": "fact",
    "events": "event",
    "concepts": "concept",
    "instruments": "instrument",
    "covenants": "covenant",
    "initiatives": "initiative",
}
"""One record of each collection, in words (for messages)."""


class NotFoundError(MtibError, KeyError):
    """No record matches an id or a name. A ``KeyError`` and so a ``LookupError``.

    >>> import mtib
    >>> try:
    ...     mtib.load().topsectors["energy-sector"]
    ... except KeyError as e:
    ...     print(e)
    no topsector with id 'energy-sector' (did you mean 'energie'?)
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def display_name(record: Record, lang: Lang = "en") -> str:
    """A short human-readable name of any record, in ``lang`` where it exists.

    >>> import mtib
    >>> display_name(mtib.load().sdgs[3], "nl")
    'SDG 3: Goede gezondheid en welzijn'
    """
    if isinstance(record, Mission):
        label = record.name.get(lang) if record.name is not None else None
        text = label or record.statement.get(lang) or ""
        return f"{record.code}. {text}" if record.code else text
    if isinstance(record, (Fact,)):
        return record.statement.get(lang) or record.id
    if isinstance(record, Event):
        return record.title.get(lang) or record.id
    if isinstance(record, (Target, Indicator)):
        return f"{record.id} {record.title.get(lang) or ''}".strip()
    if isinstance(record, Goal):
        return f"SDG {record.number}: {record.name.get(lang)}"
    if isinstance(record, Source):
        return record.title
    name = record.name
    if isinstance(name, Text):
        return name.get(lang) or record.id
    return name


class Collection(Generic[R]):
    """An immutable, indexed collection of records of one kind.

    >>> import mtib
    >>> ts = mtib.load().topsectors
    >>> len(ts) >= 10, "lsh" in ts, ts.get("nope") is None
    (True, True, True)
    >>> ts.lookup("life sciences and health").id
    'lsh'
    >>> [r.id for r in ts.search("tuinbouw", limit=1)]
    ['tuinbouw']
    """

    __slots__ = ("_by_id", "_compact", "_dataset", "_exact", "_index", "_kind", "_lock", "_records", "_words")

    def __init__(self, records: Iterable[R], kind: str, dataset: Dataset | None = None) -> None:
        self._records: tuple[R, ...] = tuple(records)
        self._by_id: dict[str, R] = {r.id: r for r in self._records}
        self._kind = kind
        self._dataset = dataset
        self._index: dict[str, Any] | None = None  # normalised name -> position, or list of positions
        self._compact: dict[str, Any] | None = None  # the same without spaces
        self._exact: dict[str, R] | None = None
        self._words: WordIndex | None = None  # the names' and texts' words, for search
        self._lock = threading.Lock()

    # -- basic protocol -------------------------------------------------------------

    @property
    def kind(self) -> str:
        """The collection's name, e.g. ``"partnerships"``.

        >>> import mtib
        >>> mtib.load().partnerships.kind
        'partnerships'
        """
        return self._kind

    @property
    def records(self) -> tuple[R, ...]:
        """All records, in data order.

        >>> import mtib
        >>> [g.number for g in mtib.load().sdgs.records][:3]
        [1, 2, 3]
        """
        return self._records

    def ids(self) -> tuple[str, ...]:
        """All ids, in data order.

        >>> import mtib
        >>> mtib.load().sdgs.ids()[:3]
        ('1', '2', '3')
        """
        return tuple(self._by_id)

    def _key(self, key: object) -> str | None:
        if isinstance(key, str):
            return key
        if isinstance(key, int) and not isinstance(key, bool):
            return str(key)
        if attrs.has(type(key)) and hasattr(key, "id"):
            return str(key.id)
        return None

    def get(self, key: object, default: R | None = None) -> R | None:
        """The record with this id, or ``default`` (``None``).

        >>> import mtib
        >>> mtib.load().sdgs.get(13).name.nl
        'Klimaatactie'
        """
        k = self._key(key)
        if k is None:
            return default
        return self._by_id.get(k, default)

    def __getitem__(self, key: object) -> R:
        record = self.get(key)
        if record is None:
            singular = self._kind[:-1] if self._kind.endswith("s") else self._kind
            raise NotFoundError(f"no {singular.replace('_', ' ')} with id {key!r}{suggest.hint(str(key), self._by_id)}")
        return record

    def __contains__(self, key: object) -> bool:
        k = self._key(key)
        if k is None or k not in self._by_id:
            return False
        return not attrs.has(type(key)) or self._by_id[k] == key

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[R]:
        return iter(self._records)

    def __bool__(self) -> bool:
        return bool(self._records)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Collection):
            return NotImplemented
        return self._kind == other._kind and self._records == other._records

    def __hash__(self) -> int:
        return hash((self._kind, self._records))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._kind}: {len(self)} records>"

    # -- display in Jupyter / IPython: the first records as an id/name table (mtib.core.tables)

    def _repr_html_(self, limit: int = 20) -> str:
        more = f" (first {limit} shown)" if len(self) > limit else ""
        rows = [[r.id, display_name(r)] for r in self.records[:limit]]
        return html_table(["id", "name"], rows, caption=f"{self._kind}: {len(self)} records{more}")

    def _repr_pretty_(self, printer: Any, cycle: bool, limit: int = 10) -> None:
        lines = [f"{self._kind}: {len(self)} records"]
        if self.records:
            lines.append(text_table(["id", "name"], [[r.id, display_name(r)] for r in self.records[:limit]]))
        if len(self) > limit:
            lines.append("...")
        pretty(self, "\n".join(lines), printer, cycle)

    # -- lookup -----------------------------------------------------------------------

    def _build_exact(self) -> None:
        """The names exactly as written (those of one record only): cheap, no normalising.

        The ids are left out: :meth:`lookup` tries the id index first, so an entry for a text that
        is an id would never be read (and a name that is also another record's id is found as the
        id, as before). A name is exact when no other record has it as a name.
        """
        with self._lock:
            if self._exact is not None:
                return
            with paused_gc():  # millions of small objects: the collector would rescan them all
                names, owners = name_pairs(self._records, ids=False)
                if not all(names):
                    given = list(map(bool, names))
                    names, owners = list(itertools.compress(names, given)), list(itertools.compress(owners, given))
                exact: dict[str, Any] = dict(zip(names, owners, strict=True))
                for name in shared(names, owners, exact):  # a name of several records is not exact
                    del exact[name]
                self._exact = exact

    def _normalised_names(self, positions: list[int]) -> tuple[list[str], list[int]]:
        """Every record's names normalised (the empty ones left out), each with its record's position."""
        names, owners = name_pairs(self._records, owners=positions)
        keys = normalised(names)
        if not all(keys):
            given = list(map(bool, keys))
            keys, owners = list(itertools.compress(keys, given)), list(itertools.compress(owners, given))
        return keys, owners

    def _build_index(self) -> None:
        """The normalised names, each to its record's position or positions (built on the first lookup that
        needs them, or the first search)."""
        with self._lock:
            if self._index is not None:
                return
            with paused_gc():
                self._index = table(*self._normalised_names(list(range(len(self._records)))))

    def _build_compact(self) -> None:
        """The normalised names without spaces, made from the normalised index on the first lookup it does
        not answer: each key of it without its spaces, owned by its record or records."""
        if self._index is None:
            self._build_index()
        with self._lock:
            if self._compact is not None:
                return
            index = self._index
            assert index is not None
            with paused_gc():
                keys = list(index)
                owners: list[Any] = list(index.values())
                several = list(itertools.compress(keys, map(operator.is_, map(type, owners), itertools.repeat(list))))
                if several:  # a key of several records: one pair for each of them
                    plain = list(map(operator.is_not, map(type, owners), itertools.repeat(list)))
                    keys, owners = list(itertools.compress(keys, plain)), list(itertools.compress(owners, plain))
                    for key in several:
                        keys.extend(itertools.repeat(key, len(index[key])))
                        owners.extend(index[key])
                compact = list(map(str.replace, keys, itertools.repeat(" "), itertools.repeat("")))
                self._compact = table(compact, owners)

    def _build_words(self) -> WordIndex:
        """The word index of the names and texts (on the first search), and the normalised name index if not made."""
        with self._lock:
            if self._words is None:
                with paused_gc():
                    positions = list(range(len(self._records)))
                    pairs = self._normalised_names(positions)
                    if self._index is None:  # made from the same normalised names
                        self._index = table(*pairs)
                    self._words = WordIndex(self._records, pairs, positions)
            return self._words

    def lookup(self, text: object) -> R:
        """The one record whose id, code, acronym, name (nl or en) or alias is ``text``.

        Case, accents, punctuation and ``&``/``en``/``and`` do not matter. Raises
        :class:`NotFoundError` (a ``LookupError``) when nothing or more than one
        record matches.

        >>> import mtib
        >>> ds = mtib.load()
        >>> ds.topsectors.lookup("HTSM").id
        'htsm'
        >>> ds.sdgs.lookup("klimaatactie").number
        13
        """
        exact = self.get(text)
        if exact is not None:
            return exact
        if isinstance(text, str):
            if self._exact is None:
                self._build_exact()
            assert self._exact is not None
            named = self._exact.get(text)  # a name exactly as written in the data: no normalising
            if named is not None:
                return named
        if not isinstance(text, (str, int)) or isinstance(text, bool):
            raise NotFoundError(f"cannot look up {type(text).__name__} {text!r} in {self._kind}")
        if self._index is None:
            self._build_index()
        query = str(text)
        assert self._index is not None
        key = normalise(query)
        entry = self._index.get(key)
        if entry is None:  # the same name written without (or with other) spaces
            if self._compact is None:
                self._build_compact()
            assert self._compact is not None
            entry = self._compact.get(key.replace(" ", ""))
        if entry is not None and type(entry) is not list:
            return self._records[entry]  # type: ignore[no-any-return]
        found = [self._records[position] for position in entry or ()]
        if found:
            options = ", ".join(r.id for r in found)
            raise NotFoundError(f"{query!r} matches several {self._kind}: {options}; use an id")
        best = self.search(query, limit=1)
        hint = f" (did you mean {display_name(best[0])!r}, id {best[0].id!r}?)" if best else ""
        hint = hint or suggest.hint(query, self._by_id)  # a mistyped id ('lhs' for 'lsh')
        raise NotFoundError(f"no {_SINGULAR.get(self._kind, self._kind)} is called {query!r}{hint}")

    def search(self, text: str, limit: int | None = 10) -> tuple[R, ...]:
        """Records ranked by how well their names (then descriptions) match ``text``.

        Exact names rank first, then names that start with the query, names that
        contain every word of it, near-misses (typos), and finally records whose
        description or statement mentions it. May be empty.

        >>> import mtib
        >>> [p.id for p in mtib.load().partnerships.search("microplastics")][:1]
        ['momentum']
        """
        found = self._scored(text, limit if limit is not None and limit > 0 else None)
        result = tuple(record for _, record in found)
        return result if limit is None else result[:limit]

    def scored(self, text: str) -> list[tuple[float, R]]:
        """Every record that matches ``text`` with its score (1.0 is an exact name), best first.

        >>> import mtib
        >>> score, record = mtib.load().topsectors.scored("Energie")[0]
        >>> score, record.id
        (1.0, 'energie')
        """
        return self._scored(text, None)

    def _scored(self, text: str, limit: int | None) -> list[tuple[float, R]]:
        """:meth:`scored`; with ``limit``, only the best ``limit`` (:meth:`mtib.core.search.WordIndex.ranked`)."""
        query = normalise(text)
        if not query:
            return []
        words = self._words if self._words is not None else self._build_words()
        assert self._index is not None
        records = self._records
        with paused_gc():  # a query's objects are short-lived and hold no cycles: nothing for the collector to find
            ranked = words.ranked(query, self._index, limit)
        return [(score, records[position]) for score, position in ranked]


class SDGCollection(Collection[Goal]):
    """The 17 SDG goals; ``get`` accepts the number as an int or a string.

    >>> import mtib
    >>> goals = mtib.load().sdgs
    >>> goals[7].name.en, goals.lookup("SDG 7").number
    ('Affordable and clean energy', 7)
    """

    __slots__ = ()


def _ids_of(value: object) -> list[object]:
    if value is None:
        return []
    if isinstance(value, (str, int)) or attrs.has(type(value)) or isinstance(value, HelixSphere):
        return [value]
    if isinstance(value, Iterable):
        return list(value)
    return [value]


class _Postings:
    """Positions of records, in order (to iterate), and as a set (to test membership) made on first use.

    Most postings are only ever read in order (a query with one criterion); the set is made
    when an intersection first needs it. Two threads making it at once make equal sets.
    """

    __slots__ = ("_members", "order")

    def __init__(self, order: tuple[int, ...]) -> None:
        self.order = order
        self._members: frozenset[int] | None = None

    @staticmethod
    def of(positions: Iterable[int]) -> _Postings:
        return _Postings(tuple(positions))

    @property
    def members(self) -> frozenset[int]:
        members = self._members
        if members is None:
            members = self._members = frozenset(self.order)
        return members

    @staticmethod
    def union(parts: list[_Postings]) -> _Postings:
        if len(parts) == 1:
            return parts[0]
        members = frozenset().union(*(p.members for p in parts))
        union = _Postings(tuple(sorted(members)))
        union._members = members
        return union

    def __len__(self) -> int:
        return len(self.order)


_EMPTY = _Postings(())


def _group(values: Iterable[Any], owners: Iterable[int] | None = None) -> dict[Any, list[int]]:
    """The positions (or ``owners``, in order) of each value."""
    groups: dict[Any, list[int]] = {}
    get = groups.get
    for i, v in enumerate(values) if owners is None else zip(owners, values, strict=True):
        found = get(v)
        if found is None:
            groups[v] = [i]
        else:
            found.append(i)
    return groups


def _group_shared(values: Sequence[Any]) -> dict[Any, list[int]]:
    """:func:`_group` of values that are mostly shared objects (enum members, the tuples of ids a load
    shares): grouped by identity first, which hashes an int instead of the value, then by value."""
    by_id = _group(map(id, values))
    if len(by_id) == 1:
        return {values[0]: next(iter(by_id.values()))}
    first = {i: values[positions[0]] for i, positions in by_id.items()}
    lists: dict[Any, list[list[int]]] = {}
    for i, positions in by_id.items():
        lists.setdefault(first[i], []).append(positions)
    return {value: _merged(runs) for value, runs in lists.items()}


def _merged(lists: list[list[int]]) -> list[int]:
    """Sorted runs of positions that no two share, as one sorted run (a merge of the runs, in C)."""
    if len(lists) == 1:
        return lists[0]
    return sorted(itertools.chain.from_iterable(lists))


def _spread(groups: dict[Any, list[int]]) -> dict[Any, list[int]]:
    """From the positions of each collection of keys (a tuple of ids, a set of spheres) to those of each key.

    The groups are of distinct collections, so no position is in two of them: a key's runs merge
    without repeats."""
    lists: dict[Any, list[list[int]]] = {}
    for keys, positions in groups.items():
        for key in dict.fromkeys(keys):
            if key is not None:
                lists.setdefault(key, []).append(positions)
    return {key: _merged(runs) for key, runs in lists.items()}


def _owners(column: list[tuple[Any, ...]]) -> list[int]:
    """The position of each item of the flattened ``column`` (a tuple of items per record)."""
    return list(itertools.chain.from_iterable(map(itertools.repeat, range(len(column)), map(len, column))))


_Tables = dict[str, dict[Any, list[int]]]


def _topsector_facets(records: tuple[Partnership, ...]) -> _Tables:
    """Topsectors, and whether a partnership has two or more (both from the tuples of topsector ids)."""
    groups = _group_shared(list(map(attrgetter("topsectors"), records)))
    cross: dict[bool, list[list[int]]] = {}
    for ids, positions in groups.items():
        cross.setdefault(len(ids) >= 2, []).append(positions)
    return {"topsector": _spread(groups), "cross_sectoral": {k: _merged(v) for k, v in cross.items()}}


def _theme_facets(records: tuple[Partnership, ...]) -> _Tables:
    return {"theme": _spread(_group_shared(list(map(attrgetter("themes"), records))))}


def _mission_facets(records: tuple[Partnership, ...]) -> _Tables:
    return {"mission": _spread(_group_shared(list(map(attrgetter("missions"), records))))}


def _kind_facets(records: tuple[Partnership, ...]) -> _Tables:
    return {"kind": _group_shared(list(map(attrgetter("kind"), records)))}


def _status_facets(records: tuple[Partnership, ...]) -> _Tables:
    return {"status": _group_shared(list(map(attrgetter("status"), records)))}


def _sdg_facets(records: tuple[Partnership, ...]) -> _Tables:
    """SDG goals (as strings) and targets, grouped link by link as (goal, target) in one pass."""
    sdgs = list(map(attrgetter("sdgs"), records))
    links = list(itertools.chain.from_iterable(sdgs))
    pairs = _group(map(attrgetter("goal", "target"), links), _owners(sdgs))
    goals: dict[str, list[list[int]]] = {}
    table: dict[Any, list[int]] = {}
    for (goal, target), owners in pairs.items():
        goals.setdefault(str(goal), []).append(owners)
        if target is not None:
            table[target] = list(dict.fromkeys(owners))
    # a partnership may link to several targets of one goal: its runs can share positions
    sdg = {
        g: list(dict.fromkeys(runs[0])) if len(runs) == 1 else sorted(set(itertools.chain.from_iterable(runs)))
        for g, runs in goals.items()
    }
    sdg.update(table)
    return {"sdg": sdg}


def _organisation_facets(records: tuple[Partnership, ...]) -> _Tables:
    """Organisations, participant by participant."""
    participants = list(map(attrgetter("participants"), records))
    members = list(itertools.chain.from_iterable(participants))
    groups = _group(map(attrgetter("organisation"), members), _owners(participants))
    return {"organisation": {k: list(dict.fromkeys(v)) for k, v in groups.items()}}


def _sphere_facets(records: tuple[Partnership, ...]) -> _Tables:
    """Spheres and helix types, by each partnership's set of its participants' spheres."""
    participants = list(map(attrgetter("participants"), records))
    # each partnership's spheres, as the identities of its participants' spheres (ints hash in C; enums do
    # not), made in C: a map over the participants of each partnership
    of_each = map(map, itertools.repeat(attrgetter("sphere")), participants)
    by_ids = _group(map(frozenset, map(map, itertools.repeat(id), of_each)))
    sphere_id = {id(s): s for s in (*HelixSphere, None)}
    runs: dict[frozenset[HelixSphere], list[list[int]]] = {}
    for ids, positions in by_ids.items():  # with and without a participant of no sphere: the same spheres
        runs.setdefault(frozenset(sphere_id[i] for i in ids) - _NO_SPHERE, []).append(positions)
    by_spheres = {spheres: _merged(lists) for spheres, lists in runs.items()}
    helix: dict[Any, list[list[int]]] = {}
    for spheres, positions in by_spheres.items():
        helix.setdefault(classify(spheres), []).append(positions)
    return {"sphere": _spread(by_spheres), "helix": {k: _merged(v) for k, v in helix.items()}}


_FACET_BUILDS: dict[str, Callable[[tuple[Partnership, ...]], _Tables]] = {
    "topsector": _topsector_facets,
    "cross_sectoral": _topsector_facets,
    "theme": _theme_facets,
    "mission": _mission_facets,
    "sdg": _sdg_facets,
    "sphere": _sphere_facets,
    "helix": _sphere_facets,
    "organisation": _organisation_facets,
    "kind": _kind_facets,
    "status": _status_facets,
}
"""Each facet of :meth:`PartnershipCollection.where`, and what builds it (with the facets that share its work)."""


def _facets_of(
    records: tuple[Partnership, ...], names: Iterable[str] = _FACET_BUILDS
) -> dict[str, dict[object, _Postings]]:
    """The inverted indexes of :meth:`PartnershipCollection.where` named (and those built with them)."""
    tables: _Tables = {}
    for name in names:
        if name not in tables:
            tables.update(_FACET_BUILDS[name](records))
    return {n: {k: _Postings.of(v) for k, v in t.items()} for n, t in tables.items()}


_NO_SPHERE = frozenset({None})


class Selection(Sequence[Partnership]):
    """The partnerships :meth:`PartnershipCollection.where` selects: a read-only sequence, in data order.

    It holds the positions of the partnerships, not a copy of them, so that a
    query that selects most of a million partnerships costs no more than its
    index lookup; records are taken from the collection as they are read. It
    behaves as the tuple of those partnerships: ``len``, indexing and slicing,
    iteration, ``in``, ``count``/``index``, ``+``, and ``==`` and ``hash`` equal
    to the tuple's (a selection equals a tuple or another selection of the same
    records). :meth:`ids` gives the ids without touching the records' fields.

    >>> import mtib
    >>> ds = mtib.load()
    >>> lsh = ds.partnerships.where(topsector="lsh")
    >>> lsh == tuple(p for p in ds.partnerships if "lsh" in p.topsectors)
    True
    >>> lsh[0] in lsh, len(lsh[:2]), type(lsh[:2]).__name__
    (True, 2, 'Selection')
    """

    __slots__ = ("_ids", "_positions", "_records")

    _records: tuple[Partnership, ...]
    _positions: tuple[int, ...] | range
    _ids: tuple[str, ...] | None

    def __init__(
        self, records: tuple[Partnership, ...], positions: tuple[int, ...] | range, ids: tuple[str, ...] | None = None
    ) -> None:
        object.__setattr__(self, "_records", records)
        object.__setattr__(self, "_positions", positions)
        object.__setattr__(self, "_ids", ids)  # every record's id, by position (the collection's)

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> Partnership: ...

    @overload
    def __getitem__(self, index: slice) -> Selection: ...

    def __getitem__(self, index: int | slice) -> Partnership | Selection:
        if isinstance(index, slice):
            return Selection(self._records, self._positions[index], self._ids)
        return self._records[self._positions[index]]

    def __iter__(self) -> Iterator[Partnership]:
        records = self._records
        return (records[i] for i in self._positions)

    def __contains__(self, value: object) -> bool:
        return any(p == value for p in self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Selection):
            if other._records is self._records:
                return tuple(self._positions) == tuple(other._positions)
            return tuple(self) == tuple(other)
        if isinstance(other, tuple):
            return len(other) == len(self) and tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __add__(self, other: object) -> tuple[Partnership, ...]:
        if isinstance(other, (tuple, Selection)):
            return (*self, *other)
        return NotImplemented

    def __radd__(self, other: object) -> tuple[Partnership, ...]:
        if isinstance(other, tuple):
            return (*other, *self)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Selection({tuple(self)!r})"

    def ids(self) -> tuple[str, ...]:
        """The ids of the selected partnerships, in data order.

        >>> import mtib
        >>> mtib.load().partnerships.where(organisation="zonmw").ids()[:1]
        ('momentum',)
        """
        if self._ids is not None:
            return tuple(map(self._ids.__getitem__, self._positions))  # in C, no record is touched
        records = self._records
        return tuple(records[i].id for i in self._positions)


T = TypeVar("T")
OneOrMany: TypeAlias = Union[T, Iterable[T]]  # noqa: UP007 - a generic alias that runs on Python 3.10
"""A criterion's value: one value, or several (any of which may match)."""
Criterion: TypeAlias = Union[str, T, Iterable[Union[str, T]], None]  # noqa: UP007
"""A criterion naming records: an id, a name :meth:`Collection.lookup` resolves, a record, or several."""
SDGCriterion: TypeAlias = Union[int, str, Goal, Target, Iterable[Union[int, str, Goal, Target]], None]  # noqa: UP007
"""An SDG criterion: a goal number (``3``, ``"3"``), a target code (``"3.3"``), a Goal or Target, or several."""


class PartnershipCollection(Collection[Partnership]):
    """The partnerships, with :meth:`where` to filter them.

    >>> import mtib
    >>> ds = mtib.load()
    >>> [p.id for p in ds.partnerships.where(organisation="zonmw")][:1]
    ['momentum']
    """

    __slots__ = ("_combinations", "_facets", "_id_order", "_known", "_years")

    def __init__(
        self, records: Iterable[Partnership], kind: str = "partnerships", dataset: Dataset | None = None
    ) -> None:
        super().__init__(records, kind, dataset)
        self._facets: dict[str, dict[object, _Postings]] = {"topsector_sdg": {}}  # built facet by facet
        self._years: tuple[int, int, dict[int, _Postings]] | None = None
        self._id_order: tuple[str, ...] | None = None
        self._combinations: Mapping[frozenset[HelixSphere], int] | None = None
        self._known: dict[int, _Postings] = {}  # year -> the partnerships known to be active then

    def sphere_combinations(self) -> Mapping[frozenset[HelixSphere], int]:
        """How many partnerships have each combination of helix spheres (the empty one
        included), counted once and kept: the collection is immutable.

        >>> import mtib
        >>> combos = mtib.load().partnerships.sphere_combinations()
        >>> sum(combos.values()) == len(mtib.load().partnerships)
        True
        """
        if self._combinations is None:
            bits = {sphere: 1 << i for i, sphere in enumerate(HelixSphere)}
            masks: dict[int, int] = {}
            for p in self._records:
                mask = 0
                for part in p.participants:
                    if part.sphere is not None:
                        mask |= bits[part.sphere]
                masks[mask] = masks.get(mask, 0) + 1
            combos = {frozenset(s for s, b in bits.items() if mask & b): n for mask, n in masks.items()}
            self._combinations = MappingProxyType(combos)
        return self._combinations

    def _build_facets(self) -> dict[str, dict[object, _Postings]]:
        """Every facet's index (see :meth:`_facet`), built now where it is not yet."""
        for name in _FACET_BUILDS:
            self._facet(name)
        return self._facets

    def _facet(self, name: str) -> dict[object, _Postings]:
        """An inverted index: for each value of the facet, the positions of the partnerships that have it.

        Built when a query first asks for the facet (with the facets that share its work: the
        topsectors with ``cross_sectoral``, the spheres with the helix types), and kept. Built by
        columns rather than record by record: one pass reads one field of every partnership, and
        the positions are grouped by value (a tuple of ids that many partnerships share is looked
        at once, not once per partnership). The pairs of a topsector and an SDG goal are made
        when a query first asks for one (:meth:`_pair`).
        """
        facets = self._facets
        table = facets.get(name)
        if table is not None:
            return table
        with self._lock:
            table = facets.get(name)
            if table is None:
                with paused_gc():
                    built = _facets_of(self._records, (name,))
                for n, t in built.items():  # each facet whole or not at all, as other threads read them
                    facets.setdefault(n, t)
                table = facets[name]
            return table

    def _pair(self, facets: dict[str, dict[object, _Postings]], topsector: object, goal: object) -> _Postings | None:
        """The partnerships of a topsector that link to an SDG goal, made on first use and kept."""
        pairs = facets["topsector_sdg"]
        key = (topsector, goal)
        found = pairs.get(key)
        if found is None:
            of_topsector = self._facet("topsector").get(topsector)
            of_goal = self._facet("sdg").get(goal)
            if of_topsector is None or of_goal is None or not isinstance(goal, str) or not goal.isdigit():
                return None  # a target (no pair index), or no partnership has one of them
            small, large = sorted((of_topsector, of_goal), key=len)
            found = pairs[key] = _Postings.of(sorted(large.members.intersection(small.order)))
        return found if found.order else None

    def _year_index(self) -> tuple[int, int, dict[int, _Postings]]:
        """For each year from the earliest to the latest year any period names, who is active."""
        if self._years is not None:
            return self._years
        with self._lock:
            if self._years is not None:
                return self._years
            bounds = [y for p in self._records if p.period for y in (p.period.start, p.period.end) if y is not None]
            low, high = (min(bounds), max(bounds)) if bounds else (0, -1)
            years: dict[int, list[int]] = {y: [] for y in range(low, high + 1)}
            with paused_gc():
                for i, p in enumerate(self._records):
                    period = p.period
                    if period is None:
                        continue
                    start = low if period.start is None else period.start
                    end = high if period.end is None else period.end
                    for y in range(start, end + 1):
                        years[y].append(i)
                self._years = (low, high, {y: _Postings.of(v) for y, v in years.items()})
            return self._years

    def where(
        self,
        *,
        topsector: Criterion[Topsector] = None,
        theme: Criterion[Theme] = None,
        mission: Criterion[Mission] = None,
        sdg: SDGCriterion = None,
        sphere: OneOrMany[HelixSphere | str] | None = None,
        organisation: Criterion[Organisation] = None,
        kind: OneOrMany[PartnershipKind | str] | None = None,
        status: OneOrMany[PartnershipStatus | str] | None = None,
        helix: OneOrMany[HelixType | str] | None = None,
        active_in: int | None = None,
        include_open: bool = False,
        cross_sectoral: bool | None = None,
    ) -> Selection:
        """The partnerships that meet every criterion given (criteria combine with AND), as a :class:`Selection`.

        Each criterion takes an id, a record, a name that :meth:`Collection.lookup`
        resolves, or a list of these (any of which may match). ``sdg`` takes a goal
        (``3``, ``"3"``, a :class:`Goal`) or a target (``"3.3"``, a :class:`Target`);
        a goal also matches links to its targets. ``sphere`` takes a
        :class:`HelixSphere` or its value; all spheres given must be present.
        ``active_in`` keeps the partnerships known to be active in that year (see
        :meth:`Partnership.active_in`: a known start before it and a known end after it, or an
        open end while the status is ``active``); ``include_open=True`` keeps those that may be
        (an unknown start or end counts as open). An unknown
        id or name raises :class:`NotFoundError`. Results keep the data order, and
        come as a :class:`Selection`: a sequence that behaves as the tuple of those
        partnerships (and equals it) but holds only their positions.

        Every criterion is answered from an index built on first use, and the
        smallest candidate set is checked against the others, so the cost grows
        with the size of the answer rather than with the number of partnerships.

        >>> import mtib
        >>> ds = mtib.load()
        >>> all(p.active_in(2022) for p in ds.partnerships.where(sdg=3, active_in=2022))
        True
        >>> ds.partnerships.where(topsector="Water & Maritiem", theme="gezondheid-zorg")[0].id
        'gloria-5-swim'
        """
        facets = self._facets
        postings: list[_Postings] = []
        ds = self._dataset
        resolvers: list[tuple[str, object, Callable[[object], object]]] = [
            ("topsector", topsector, lambda v: self._resolve(v, ds.topsectors if ds else None)),
            ("theme", theme, lambda v: self._resolve(v, ds.themes if ds else None)),
            ("mission", mission, lambda v: self._resolve(v, ds.missions if ds else None)),
            ("organisation", organisation, lambda v: self._resolve(v, ds.organisations if ds else None)),
            ("sdg", sdg, self._resolve_sdg),
            ("kind", kind, lambda v: v if isinstance(v, PartnershipKind) else PartnershipKind(v)),
            ("status", status, lambda v: v if isinstance(v, PartnershipStatus) else PartnershipStatus(v)),
            ("helix", helix, lambda v: v if isinstance(v, HelixType) else HelixType(v)),
        ]
        chosen: dict[str, list[object]] = {}
        of_facet: dict[str, _Postings] = {}
        for facet, value, resolve in resolvers:
            if value is None:
                continue
            keys = [self._checked(resolve, v, facet) for v in _ids_of(value)]
            table = self._facet(facet)  # built on first use, after the values are known to be valid
            chosen[facet] = keys
            of_facet[facet] = _Postings.union([table.get(k, _EMPTY) for k in keys])
        if len(chosen.get("topsector", ())) == 1 and len(chosen.get("sdg", ())) == 1:
            pair = self._pair(facets, chosen["topsector"][0], chosen["sdg"][0])  # a goal; a target has none
            if pair is not None:  # the partnerships of both: it takes the place of the two
                del of_facet["topsector"], of_facet["sdg"]
                postings.append(pair)
        postings.extend(of_facet.values())
        if sphere is not None:
            for v in _ids_of(sphere):
                key = self._checked(lambda x: x if isinstance(x, HelixSphere) else HelixSphere(x), v, "sphere")
                postings.append(self._facet("sphere").get(key, _EMPTY))
        if cross_sectoral is not None:
            postings.append(self._facet("cross_sectoral").get(bool(cross_sectoral), _EMPTY))
        if active_in is not None:
            if isinstance(active_in, bool) or not isinstance(active_in, int):
                raise TypeError(f"active_in must be a year (int), not {active_in!r}")
            if not 1000 <= active_in <= 2999:
                raise ValueError(f"active_in must be a year from 1000 to 2999, not {active_in}")
            low, high, years = self._year_index()
            if low <= active_in <= high:
                possible = years[active_in]  # every period that does not rule the year out
            else:  # outside every stated year: only open-ended periods can cover it
                possible = _Postings.of([i for i, p in enumerate(self._records) if p.active_in(active_in, True)])
            if not include_open:  # narrowed once per year, then kept (the collection is immutable)
                known = self._known.get(active_in)
                if known is None:
                    records_ = self._records
                    known = _Postings.of([i for i in possible.order if records_[i].active_in(active_in)])
                    self._known[active_in] = known
                possible = known
            postings.append(possible)
        records = self._records
        ids = self._ids_by_position()
        if not postings:
            return Selection(records, range(len(records)), ids)
        if len(postings) == 1:
            return Selection(records, postings[0].order, ids)
        postings.sort(key=len)
        # Set intersection runs in C over the smaller set; sorting keeps the data order.
        found = postings[0].members.intersection(*(p.members for p in postings[1:]))
        return Selection(records, tuple(sorted(found)), ids)

    def _ids_by_position(self) -> tuple[str, ...] | None:
        """Every partnership's id by position (the id index's keys), or None if ids repeat."""
        if self._id_order is None:
            ids = tuple(self._by_id)
            self._id_order = ids if len(ids) == len(self._records) else ()
        return self._id_order or None

    @staticmethod
    def _checked(resolve: Callable[[object], object], value: object, facet: str) -> object:
        try:
            return resolve(value)
        except ValueError:
            raise NotFoundError(f"{value!r} is not a valid {facet}") from None

    @staticmethod
    def _resolve(value: object, collection: Collection[Any] | None) -> str:
        if attrs.has(type(value)) and hasattr(value, "id"):
            return str(value.id)
        if collection is None:
            return str(value)
        if isinstance(value, str) and value in collection._by_id:
            return value
        return str(collection.lookup(value).id)

    def _resolve_sdg(self, value: object) -> str:
        if isinstance(value, Goal):
            return value.id
        if isinstance(value, Target):
            return value.id
        if isinstance(value, int) and not isinstance(value, bool):
            if not 1 <= value <= 17:
                raise NotFoundError(f"there is no SDG {value} (goals are 1-17)")
            return str(value)
        if isinstance(value, str):
            ds = self._dataset
            if ds is not None:
                if value in ds.sdgs._by_id or value in ds.sdg_targets._by_id:
                    return value
                code = value.strip()
                if TARGET_RE.fullmatch(code) or (code[:1].isascii() and code[:1].isdigit() and "." in code):
                    goal = code.split(".")[0]
                    known = [t.id for t in ds.sdg_targets if t.goal == int(goal)] if goal.isdigit() else []
                    of = f"; SDG {goal} has {', '.join(known)}" if known else ""
                    raise NotFoundError(f"no SDG target {code!r}{of}")
                return ds.sdgs.lookup(value).id
            return value
        raise NotFoundError(f"{value!r} is not an SDG goal or target")


class FactCollection(Collection[Fact]):
    """The facts, grouped by topic so competing claims can be read side by side.

    >>> import mtib
    >>> claims = mtib.load().facts.claims("healthcare-co2-share-nl")
    >>> len(claims) >= 2
    True
    """

    __slots__ = ()

    def topics(self) -> tuple[str, ...]:
        """Every topic, in data order.

        >>> import mtib
        >>> "healthcare-co2-share-nl" in mtib.load().facts.topics()
        True
        """
        return tuple(dict.fromkeys(f.topic for f in self._records))

    def claims(self, topic: str) -> tuple[Fact, ...]:
        """Every claim on ``topic``; raises :class:`NotFoundError` for an unknown topic.

        >>> import mtib
        >>> claims = mtib.load().facts.claims("healthcare-co2-share-nl")
        >>> {f.topic for f in claims}, len(claims) >= 2
        ({'healthcare-co2-share-nl'}, True)
        """
        found = tuple(f for f in self._records if f.topic == topic)
        if not found:
            raise NotFoundError(f"no facts on topic {topic!r}{suggest.hint(topic, self.topics())}")
        return found

    def series(self, topic: str) -> Series:
        """The claims on ``topic`` that give a value for a year, in year order: a series over time.

        Raises :class:`NotFoundError` for an unknown topic.

        >>> import mtib
        >>> s = mtib.load().facts.series("pps-toeslag-rate")
        >>> list(s.years) == sorted(s.years) and len(s) >= 1
        True
        """
        facts = [f for f in self.claims(topic) if f.year is not None and f.value is not None]
        facts.sort(key=lambda f: (f.year or 0, f.id))
        return Series(topic, tuple(facts))

    def contested(self) -> dict[str, tuple[Fact, ...]]:
        """The topics on which sources disagree, with all their claims.

        Two claims disagree when they give different values (or units) for the same
        year, or when either leaves its year open; a series of values over the
        years is not a disagreement.

        >>> import mtib
        >>> "healthcare-co2-share-nl" in mtib.load().facts.contested()
        True
        """
        out: dict[str, tuple[Fact, ...]] = {}
        for topic in self.topics():
            claims = self.claims(topic)
            valued = [f for f in claims if f.value is not None]
            if any(
                (a.value, a.unit) != (b.value, b.unit) and (a.year is None or b.year is None or a.year == b.year)
                for i, a in enumerate(valued)
                for b in valued[i + 1 :]
            ):
                out[topic] = claims
        return out


@attrs.frozen
class Series:
    """The values of one topic over the years, each with the claim (:class:`Fact`) it comes from.

    Several claims for one year (sources that disagree) are all kept, side by side.

    >>> from decimal import Decimal
    >>> from mtib.core.model import Fact, Text
    >>> f = Fact(id="a", topic="t", statement=Text(en="..."), value=Decimal(5), unit="EUR", year=2020)
    >>> s = Series("t", (f,))
    >>> s.rows()
    [{'year': 2020, 'value': Decimal('5'), 'unit': 'EUR', 'scope': None, 'fact': 'a', 'sources': ()}]
    """

    topic: str
    facts: tuple[Fact, ...]

    def __len__(self) -> int:
        return len(self.facts)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)

    @property
    def years(self) -> tuple[int, ...]:
        """The year of each value, in order.

        >>> Series("t", ()).years
        ()
        """
        return tuple(f.year for f in self.facts if f.year is not None)

    @property
    def units(self) -> frozenset[str]:
        """The units the values are given in (one, in a well-kept series).

        >>> Series("t", ()).units
        frozenset()
        """
        return frozenset(f.unit for f in self.facts if f.unit is not None)

    def rows(self) -> list[dict[str, Any]]:
        """One mapping per value: year, value, unit, scope, the fact's id and its sources.

        >>> Series("t", ()).rows()
        []
        """
        return [
            {"year": f.year, "value": f.value, "unit": f.unit, "scope": f.scope, "fact": f.id, "sources": f.sources}
            for f in self.facts
        ]

    def to_pandas(self) -> Any:
        """The series as a ``pandas.DataFrame`` (needs the ``pandas`` extra), one row per value.

        Values are floats (``Float64``), years ``Int64``.

        >>> import mtib
        >>> mtib.load().facts.series("pps-toeslag-rate").to_pandas().columns.tolist()
        ['year', 'value', 'unit', 'scope', 'fact', 'sources']
        """
        pd = require("pandas", "pandas")
        rows = self.rows()
        frame = pd.DataFrame(rows, columns=["year", "value", "unit", "scope", "fact", "sources"])
        frame["value"] = [float(v) for v in frame["value"]]
        return frame.astype({"year": "Int64", "value": "Float64", "unit": "string", "scope": "string"})


class EventCollection(Collection[Event]):
    """The events; :meth:`timeline` gives them in time order.

    >>> import mtib
    >>> events = mtib.load().events.timeline()
    >>> events[0].when <= events[-1].when
    True
    """

    __slots__ = ()

    def timeline(self, start: int | None = None, end: int | None = None) -> tuple[Event, ...]:
        """The events in time order, optionally only those from ``start`` to ``end`` (years).

        >>> import mtib
        >>> mtib.load().events.timeline()[0].id
        'watersnoodramp-1953'
        >>> all(2018 <= e.when <= 2020 for e in mtib.load().events.timeline(2018, 2020))
        True
        """
        chosen = (e for e in self._records if (start is None or e.when >= start) and (end is None or e.when <= end))
        return tuple(sorted(chosen, key=lambda e: e.sort_key))


_MAKING = threading.Lock()
"""Held while a collection of a lazy dataset (:meth:`Dataset._lazy`) is made."""

_COLLECTION_CLASSES: dict[str, type[Collection[Any]]] = {
    "sdgs": SDGCollection,
    "partnerships": PartnershipCollection,
    "facts": FactCollection,
    "events": EventCollection,
}


class Dataset:
    """A complete, validated set of records, with navigation both ways.

    Build one with :func:`mtib.load`; it is immutable and safe to share between
    threads.

    >>> import mtib
    >>> ds = mtib.load()
    >>> [t.id for t in ds.tkis_of("chemie")][:1]
    ['tki-chemie']
    >>> ds.resolve("momentum").name
    'Microplastics and Human Health Consortium'
    """

    sources: Collection[Source]
    organisations: Collection[Organisation]
    topsectors: Collection[Topsector]
    tkis: Collection[TKI]
    themes: Collection[Theme]
    missions: Collection[Mission]
    sdgs: SDGCollection
    sdg_targets: Collection[Target]
    sdg_indicators: Collection[Indicator]
    partnerships: PartnershipCollection
    facts: FactCollection
    events: EventCollection
    concepts: Collection[Concept]
    instruments: Collection[Instrument]
    covenants: Collection[Covenant]
    agendas: Collection[Agenda]
    initiatives: Collection[Initiative]
    _by_id: dict[str, Any] | None
    _referrers: dict[str, tuple[Record, ...]] | None
    _lock: threading.Lock
    _replaced: tuple[str, ...]
    _pending: dict[str, Callable[[], tuple[Any, ...]]] | None

    __slots__ = (*COLLECTIONS, "_by_id", "_lock", "_pending", "_referrers", "_replaced")

    def __init__(self, records: Mapping[str, Iterable[Any]] | None = None) -> None:
        """A dataset of ``records`` (collection name -> records), checked as :func:`mtib.load` checks files.

        The rules across records (unique ids, references that resolve, no loops,
        a source for every partnership) run here as they do for files
        (:mod:`mtib.core.checks`); a broken rule raises one :class:`mtib.DataError`
        listing every problem. Participants get their spheres from the organisations.

        >>> import mtib
        >>> tno = mtib.Organisation(id="tno", name="TNO", sphere=mtib.HelixSphere.ACADEMIA)
        >>> src = mtib.Source(id="s", title="S", url="https://example.org")
        >>> p = mtib.Partnership(id="p", name="P", participants=(mtib.Participant("tno"),), sources=("s",))
        >>> ds = mtib.Dataset({"organisations": [tno], "sources": [src], "partnerships": [p]})
        >>> [x.id for x in ds.partnerships.where(sphere="academia")]
        ['p']
        >>> mtib.Dataset({"partnerships": [p]})
        Traceback (most recent call last):
        ...
        mtib.core.errors.DataError: 2 problems in the records:
          $.partnerships[0].participants[0].organisation: unknown organisation 'tno'
          $.partnerships[0].sources[0]: unknown source 's'
        """
        grouped: dict[str, list[Any]] = {}
        problems: list[Problem] = []
        located: list[Located] = []
        for name, items in (records or {}).items():
            if name not in COLLECTIONS:
                hint = suggest.hint(str(name), COLLECTIONS)
                problems.append(Problem(f"$.{name}", f"unknown collection {name!r}{hint}"))
                continue
            cls = COLLECTIONS[name]
            grouped[name] = list(items)
            for i, record in enumerate(grouped[name]):
                if type(record) is not cls:
                    problems.append(
                        Problem(f"$.{name}[{i}]", f"expected a {cls.__name__}, got {type(record).__name__}")
                    )
                else:
                    located.append(Located(record, name, i, None))
        if not problems:
            check(located, {}, problems)
        if problems:
            raise DataError(problems, f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the records")
        spheres = organisations_sphere(grouped.get("organisations", ()))
        grouped["partnerships"] = fill_spheres(grouped.get("partnerships", ()), spheres.get)
        self._hold(grouped)

    @classmethod
    def _checked(cls, grouped: Mapping[str, Iterable[Any]]) -> Dataset:
        """A dataset of records that have been checked and whose spheres are filled in (by the loader)."""
        ds = cls.__new__(cls)
        ds._hold(grouped)
        return ds

    @classmethod
    def _lazy(cls, pending: Mapping[str, Callable[[], tuple[Any, ...]]]) -> Dataset:
        """A dataset of checked records whose collections are made on first use, each by its function
        (the bundle's: a process that asks for the topsectors decodes only those)."""
        ds = cls.__new__(cls)
        ds._hold({})
        for name in pending:
            object.__delattr__(ds, name)  # an unset slot: the first access comes to __getattr__
        object.__setattr__(ds, "_pending", dict(pending))
        return ds

    def __getattr__(self, name: str) -> Any:
        # Only for a collection not made yet (see _lazy); once made, it is a plain slot.
        try:
            pending = object.__getattribute__(self, "_pending")
        except AttributeError:
            pending = None
        if pending is None or name not in COLLECTIONS:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        with _MAKING:  # not self._lock: a method holding it (_index, _refs) may be what asks
            try:
                return object.__getattribute__(self, name)  # made by another thread meanwhile
            except AttributeError:
                pass
            made = _COLLECTION_CLASSES.get(name, Collection)(pending[name](), name, self)
            object.__setattr__(self, name, made)
            del pending[name]
            return made

    def _hold(self, grouped: Mapping[str, Iterable[Any]]) -> None:
        for name in COLLECTIONS:
            cls = _COLLECTION_CLASSES.get(name, Collection)
            object.__setattr__(self, name, cls(grouped.get(name, ()), name, self))
        object.__setattr__(self, "_by_id", None)
        object.__setattr__(self, "_referrers", None)
        object.__setattr__(self, "_lock", threading.Lock())
        object.__setattr__(self, "_replaced", ())
        object.__setattr__(self, "_pending", None)

    def _note_replaced(self, ids: tuple[str, ...]) -> None:
        object.__setattr__(self, "_replaced", ids)

    @property
    def replaced(self) -> tuple[str, ...]:
        """The ids of bundled records that records of a user's files replaced
        (``mtib.load(path, replace=True)``); empty otherwise.

        >>> import mtib
        >>> mtib.load().replaced
        ()
        """
        return self._replaced

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in COLLECTIONS)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in COLLECTIONS))

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={len(getattr(self, n))}" for n in COLLECTIONS)
        return f"<Dataset {counts}>"

    # display in Jupyter: the collections and their sizes (mtib.core.tables)
    def _repr_html_(self) -> str:
        rows = [[k, str(n)] for k, n in self.counts().items()]
        return html_table(["collection", "records"], rows, numeric={1}, caption="mtib Dataset")

    def collections(self) -> dict[str, Collection[Any]]:
        """The collections by name, in a fixed order.

        >>> import mtib
        >>> list(mtib.load().collections())[:3]
        ['sources', 'organisations', 'topsectors']
        """
        return {name: getattr(self, name) for name in COLLECTIONS}

    def counts(self) -> dict[str, int]:
        """How many records each collection holds.

        >>> import mtib
        >>> mtib.load().counts()["sdgs"]
        17
        """
        return {name: len(getattr(self, name)) for name in COLLECTIONS}

    # -- resolution ---------------------------------------------------------------------

    def ids_by_collection(self) -> Mapping[str, Mapping[str, Record]]:
        """Each collection's records by id (read-only), for checks of records that join the dataset.

        >>> import mtib
        >>> "lsh" in mtib.load().ids_by_collection()["topsectors"]
        True
        """
        return MappingProxyType({name: MappingProxyType(getattr(self, name)._by_id) for name in COLLECTIONS})

    def id_index(self) -> Mapping[str, Record]:
        """A read-only mapping from every id to its record, whatever its kind.

        >>> import mtib
        >>> mtib.load().id_index()["lsh"].acronym
        'LSH'
        """
        return MappingProxyType(self._index())

    def _index(self) -> dict[str, Any]:
        if self._by_id is None:
            with self._lock:
                if self._by_id is None:
                    by_id: dict[str, Any] = {}
                    for name in COLLECTIONS:
                        for record in getattr(self, name):
                            by_id.setdefault(record.id, record)
                    object.__setattr__(self, "_by_id", by_id)
        assert self._by_id is not None
        return self._by_id

    def resolve(self, key: object) -> Record:
        """The record with this id, whatever its kind. Raises :class:`NotFoundError`.

        >>> import mtib
        >>> type(mtib.load().resolve("3.3")).__name__
        'Target'
        """
        if attrs.has(type(key)) and hasattr(key, "id"):
            key = key.id
        if isinstance(key, int) and not isinstance(key, bool):
            key = str(key)
        by_id = self._index()
        if not isinstance(key, str) or key not in by_id:
            raise NotFoundError(f"no record with id {key!r}{suggest.hint(str(key), by_id)}")
        record: Record = by_id[key]
        return record

    def _refs(self) -> dict[str, tuple[Record, ...]]:
        if self._referrers is None:
            with self._lock:
                if self._referrers is None:
                    refs: dict[str, list[Record]] = {}
                    for name in COLLECTIONS:
                        for record in getattr(self, name):
                            for target in references_of(record):
                                bucket = refs.setdefault(target, [])
                                if not bucket or bucket[-1] is not record:
                                    bucket.append(record)
                    object.__setattr__(self, "_referrers", {k: tuple(v) for k, v in refs.items()})
        assert self._referrers is not None
        return self._referrers

    def referrers(self, record: object, kind: str | None = None) -> tuple[Record, ...]:
        """Every record that refers to ``record`` (an id or a record), optionally of one kind.

        >>> import mtib
        >>> ds = mtib.load()
        >>> any(r.id == "momentum" for r in ds.referrers("zonmw", kind="partnerships"))
        True
        """
        target = self.resolve(record)
        found = self._refs().get(target.id, ())
        if kind is not None:
            if kind not in COLLECTIONS:
                raise NotFoundError(f"no collection {kind!r}{suggest.hint(kind, COLLECTIONS)}")
            cls = COLLECTIONS[kind]
            found = tuple(r for r in found if isinstance(r, cls))
        return found

    def search(self, text: str, limit: int | None = 10) -> tuple[Record, ...]:
        """Records of every kind ranked by how well they match ``text``.

        >>> import mtib
        >>> mtib.load().search("Klimaatactie", limit=1)[0].id
        '13'
        """
        scored: list[tuple[float, int, Record]] = []
        each = limit if limit is not None and limit > 0 else None  # the best of all are among the best of each
        for order, name in enumerate(COLLECTIONS):
            scored.extend((score, order, record) for score, record in getattr(self, name)._scored(text, each))
        scored.sort(key=lambda item: (-item[0], item[1]))
        result = tuple(record for _, _, record in scored)
        return result if limit is None else result[:limit]

    def view(self, record: object, lang: Lang = "en") -> RecordView:
        """A record (or its id) shown with this dataset: names beside the ids it refers to.

        Jupyter shows the view as a table with links to the sources; ``print()`` gives the text
        of ``mtib show``. A record shown on its own (``ds.partnerships["momentum"]`` in a
        notebook) lists ids only, since a record does not know the dataset it is in.

        >>> import mtib
        >>> ds = mtib.load()
        >>> print(ds.view("momentum", lang="nl").text().splitlines()[1])
        partnership 'momentum'
        >>> ds.view(ds.topsectors["lsh"]).record is ds.topsectors["lsh"]
        True
        """
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
        return RecordView(self, self.resolve(record), lang)

    # -- navigation ----------------------------------------------------------------------

    def sources_of(self, record: object) -> tuple[Source, ...]:
        """The sources a record cites.

        >>> import mtib
        >>> ds = mtib.load()
        >>> "mtib-note" in [s.id for s in ds.sources_of("gloria-5-swim")]
        True
        """
        target = self.resolve(record)
        return tuple(self.sources[s] for s in getattr(target, "sources", ()))

    def partnerships_of(self, record: object) -> Selection:
        """The partnerships of a topsector, theme, mission, organisation, SDG goal or target (a :class:`Selection`).

        >>> import mtib
        >>> ds = mtib.load()
        >>> ds.partnerships_of("lsh") == ds.partnerships.where(topsector="lsh")
        True
        """
        target = self.resolve(record)
        where = self.partnerships.where
        if isinstance(target, Topsector):
            return where(topsector=target.id)
        if isinstance(target, Theme):
            return where(theme=target.id)
        if isinstance(target, Mission):
            return where(mission=target.id)
        if isinstance(target, Organisation):
            return where(organisation=target.id)
        if isinstance(target, (Goal, Target)):
            return where(sdg=target.id)
        raise NotFoundError(f"{type(target).__name__} {target.id!r} has no partnerships")

    def tkis_of(self, topsector: object) -> tuple[TKI, ...]:
        """The TKIs of a topsector.

        >>> import mtib
        >>> "tki-dinalog" in [t.id for t in mtib.load().tkis_of("logistiek")]
        True
        """
        ts = self.topsectors[self.topsectors.lookup(topsector).id]
        return tuple(self.tkis[t] for t in ts.tkis)

    def topsectors_of(self, record: object) -> tuple[Topsector, ...]:
        """The topsectors of a TKI (those that list it), of a partnership, or that coordinate an agenda.

        >>> import mtib
        >>> sorted(t.id for t in mtib.load().topsectors_of("tki-bbe"))
        ['agri-food', 'chemie', 'energie']
        """
        target = self.resolve(record)
        if isinstance(target, TKI):
            return tuple(t for t in self.topsectors if target.id in t.tkis)
        if isinstance(target, (Partnership, Agenda)):
            return tuple(self.topsectors[t] for t in target.topsectors)
        raise NotFoundError(f"{type(target).__name__} {target.id!r} has no topsectors")

    def missions_of(self, record: object) -> tuple[Mission, ...]:
        """The missions of a theme, the sub-missions of a mission, the missions linked to
        an SDG goal or target, or the missions a partnership works on.

        >>> import mtib
        >>> ds = mtib.load()
        >>> all(m.theme == "gezondheid-zorg" for m in ds.missions_of("gezondheid-zorg"))
        True
        """
        target = self.resolve(record)
        if isinstance(target, Theme):
            return tuple(m for m in self.missions if m.theme == target.id)
        if isinstance(target, Mission):
            return tuple(m for m in self.missions if m.parent == target.id)
        if isinstance(target, (Goal, Target)):
            return tuple(m for m in self.missions if _links_to(m.sdgs, target))
        if isinstance(target, Partnership):
            return tuple(self.missions[m] for m in target.missions)
        raise NotFoundError(f"{type(target).__name__} {target.id!r} has no missions")

    def themes_of(self, record: object) -> tuple[Theme, ...]:
        """The themes linked to an SDG goal or target, or the themes of a partnership, mission or agenda.

        >>> import mtib
        >>> "gezondheid-zorg" in [t.id for t in mtib.load().themes_of(3)]
        True
        """
        target = self.resolve(record)
        if isinstance(target, (Goal, Target)):
            return tuple(t for t in self.themes if _links_to(t.sdgs, target))
        if isinstance(target, (Partnership, Agenda)):
            return tuple(self.themes[t] for t in target.themes)
        if isinstance(target, Mission):
            return (self.themes[target.theme],)
        raise NotFoundError(f"{type(target).__name__} {target.id!r} has no themes")

    def sdgs_of(self, record: object) -> tuple[Goal, ...]:
        """The SDG goals a theme, mission or partnership links to (directly or via a target).

        >>> import mtib
        >>> 3 in [g.number for g in mtib.load().sdgs_of("gezondheid-zorg")]
        True
        """
        target = self.resolve(record)
        links: tuple[SDGLink, ...] = getattr(target, "sdgs", ())
        goals = sorted({link.goal for link in links})
        return tuple(self.sdgs[g] for g in goals)

    def agendas_of(self, record: object) -> tuple[Agenda, ...]:
        """The knowledge and innovation agendas of a covenant, the parts of an agenda, or the
        agendas of a theme or of a coordinating topsector or organisation.

        >>> import mtib
        >>> ds = mtib.load()
        >>> [a.id for a in ds.agendas_of("kic-2024-2027")][:2]
        ['kia-klimaat-energie-2024-2027', 'kia-ce-2024-2027']
        """
        target = self.resolve(record)
        if isinstance(target, Covenant):
            return tuple(a for a in self.agendas if a.covenant == target.id)
        if isinstance(target, Agenda):
            return tuple(a for a in self.agendas if a.parent == target.id)
        if isinstance(target, Theme):
            return tuple(a for a in self.agendas if target.id in a.themes)
        if isinstance(target, Topsector):
            return tuple(a for a in self.agendas if target.id in a.topsectors)
        if isinstance(target, Organisation):
            return tuple(a for a in self.agendas if target.id in a.organisations)
        raise NotFoundError(f"{type(target).__name__} {target.id!r} has no agendas")

    def instruments_of(self, record: object) -> tuple[Instrument, ...]:
        """The parts of an instrument, or the instruments an organisation runs or funds.

        >>> import mtib
        >>> ds = mtib.load()
        >>> [i.id for i in ds.instruments_of("pps-toeslag")][:1]
        ['pps-projecttoeslag-samenwerkingsverbanden']
        """
        target = self.resolve(record)
        if isinstance(target, Instrument):
            return tuple(i for i in self.instruments if i.parent == target.id)
        if isinstance(target, Organisation):
            return tuple(i for i in self.instruments if target.id in i.administrators or target.id in i.funders)
        raise NotFoundError(f"{type(target).__name__} {target.id!r} has no instruments")

    def organisations_of(self, partnership: object) -> tuple[Organisation, ...]:
        """The organisations that take part in a partnership.

        >>> import mtib
        >>> "zonmw" in [o.id for o in mtib.load().organisations_of("momentum")]
        True
        """
        target = self.partnerships[self.partnerships.lookup(partnership).id]
        return tuple(dict.fromkeys(self.organisations[p.organisation] for p in target.participants))

    def facts_about(self, record: object) -> tuple[Fact, ...]:
        """The facts whose subjects include a record.

        >>> import mtib
        >>> all("leyden-labs" in f.subjects for f in mtib.load().facts_about("leyden-labs"))
        True
        """
        target = self.resolve(record)
        return tuple(f for f in self.facts if target.id in f.subjects)

    def events_about(self, record: object) -> tuple[Event, ...]:
        """The events related to a record, in time order.

        >>> import mtib
        >>> len(mtib.load().events_about("momentum")) >= 1
        True
        """
        target = self.resolve(record)
        return tuple(sorted((e for e in self.events if target.id in e.related), key=lambda e: e.sort_key))


def _links_to(links: tuple[SDGLink, ...], target: Goal | Target) -> bool:
    if isinstance(target, Goal):
        return any(link.goal == target.number for link in links)
    return any(link.target == target.id for link in links)


def references_of(record: Record) -> list[str]:
    """The ids a record refers to, in field order (derived from the schema).

    >>> from mtib.core.model import TKI, Text
    >>> references_of(TKI(id="a", name=Text(nl="A"), successor="b", sources=("s",)))
    ['b', 's']
    """
    return [ref for _, ref, _, _ in references(record)]


def reference_paths(record: Record) -> list[tuple[str, str]]:
    """The references a record makes, as pairs of field path and id.

    >>> from mtib.core.model import TKI, Text
    >>> reference_paths(TKI(id="a", name=Text(nl="A"), successor="b", sources=("s",)))
    [('successor', 'b'), ('sources[0]', 's')]
    """
    return [(path_of(where), ref) for where, ref, _, _ in references(record)]


# -- a record shown with its dataset ---------------------------------------------------


@attrs.frozen(repr=False)
class RecordView:
    """A record as people read it, with the dataset it belongs to: names beside ids, money with
    its currency, periods as years, participants with their role and sphere, in one language.

    A record on its own knows only the ids it refers to; a view asks the dataset for their
    names. Get one from :meth:`Dataset.view`. In Jupyter it shows as a table with the record's
    sources as links; in IPython and with ``print()`` as text (what ``mtib show ID`` prints).

    >>> import mtib
    >>> view = mtib.load().view("momentum")
    >>> print(view.text().splitlines()[0])
    Microplastics and Human Health Consortium
    >>> [text for name, text in view.rows() if name == "topsectors"]
    ['lsh (Life Sciences & Health)']
    >>> "lsh (Life Sciences &amp; Health)" in view._repr_html_()
    True
    """

    dataset: Dataset
    record: Record
    lang: Lang = "en"

    @property
    def kind(self) -> str:
        """The record's collection in the singular (``"partnership"``).

        >>> import mtib
        >>> mtib.load().view("lsh").kind
        'topsector'
        """
        kind = KIND_OF[type(self.record)]
        return kind[:-1] if kind.endswith("s") else kind

    def title(self) -> str:
        """The record's name in the view's language.

        >>> import mtib
        >>> mtib.load().view("13", lang="nl").title()
        'SDG 13: Klimaatactie'
        """
        return display_name(self.record, self.lang)

    def named(self, ref: str) -> str:
        """An id with the name of the record it refers to, where the dataset has it.

        >>> import mtib
        >>> mtib.load().view("momentum").named("zonmw")
        'zonmw (ZonMw)'
        """
        found = self.dataset.id_index().get(ref)
        name = display_name(found, self.lang) if found is not None else None
        return f"{ref} ({clip(name, 60)})" if name and name != ref else ref

    def shown(self, field: FieldPlan, value: Any) -> str:
        """A field's value for people: names beside ids, texts in the view's language, words for
        vocabulary values, money with its currency, periods as years.

        >>> import mtib
        >>> from mtib.core.schema import plan
        >>> view = mtib.load().view("momentum")
        >>> themes = next(f for f in plan(mtib.Partnership).readable if f.name == "themes")
        >>> view.shown(themes, ("gezondheid-zorg",))
        'gezondheid-zorg (Health & Care)'
        """
        lang = self.lang
        if field.meta.ref is not None:
            refs = value if field.shape is Shape.LIST else (value,)
            return "; ".join(self.named(str(r)) for r in refs)
        if isinstance(value, Text):
            return value.get(lang) or ""
        if isinstance(value, enum.Enum):
            return enum_word(value, lang)
        if isinstance(value, bool):
            return label("word.yes" if value else "word.no", lang)
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, frozenset):
            return ", ".join(sorted(enum_word(v, lang) if isinstance(v, enum.Enum) else str(v) for v in value))
        if isinstance(value, tuple):
            return "; ".join(self._item(v) for v in value)
        return str(value)  # Money, Period, Rate and scalars have their own text form

    def _item(self, value: Any) -> str:
        if isinstance(value, Participant):
            sphere = f", {enum_word(value.sphere, self.lang)}" if value.sphere is not None else ""
            return f"{self.named(value.organisation)} [{enum_word(value.role, self.lang)}{sphere}]"
        if isinstance(value, SDGLink):
            relation = f" ({enum_word(value.relation, self.lang)})" if value.relation is not SDGRelation.DIRECT else ""
            return f"SDG {value.code}{relation}"
        if isinstance(value, Rate) and value.basis is not None:  # what the percentage is of
            text = label("view.rate_of", self.lang, percent=value.percent, basis=value.basis.get(self.lang) or "")
            return text + (f" ({value.period})" if value.period is not None else "")
        return str(value)

    def field_label(self, name: str) -> str:
        """A field's name in the view's language (the field's own name where the catalogue has none).

        >>> import mtib
        >>> mtib.load().view("lsh", lang="nl").field_label("established")
        'opgericht'
        """
        try:
            return label(f"field.{name}", self.lang)
        except KeyError:
            return name

    def rows(self) -> list[tuple[str, str]]:
        """``(field, text)`` for each field that says something (ids and sources apart); a
        partnership adds its helix type with its spheres and whether it is cross-sectoral.

        >>> import mtib
        >>> dict(mtib.load().view("momentum").rows())["helix"]
        'triple helix (academia, government, industry)'
        """
        record, lang = self.record, self.lang
        rows: list[tuple[str, str]] = []
        for f in plan(type(record)).readable:
            value = getattr(record, f.name)
            if f.name in ("id", "sources") or value is None or value == () or value == frozenset():
                continue
            if f.has_default and value == f.attribute.default and f.shape is Shape.ENUM and f.name != "status":
                continue  # a default vocabulary value (kind, relation, evidence) says nothing
            rows.append((f.name, self.shown(f, value)))
        if isinstance(record, Partnership):
            spheres = ", ".join(sorted(s.label(lang) for s in record.spheres)) or label("word.none", lang)
            rows.append(("helix", f"{record.helix_type.label(lang)} ({spheres})"))
            yes_no = label("word.yes" if record.cross_sectoral else "word.no", lang)
            rows.append(("cross_sectoral", yes_no))
        return rows

    def labelled_rows(self) -> list[tuple[str, str]]:
        """:meth:`rows` with each field named in the view's language, as the text and the table show them.

        >>> import mtib
        >>> mtib.load().view("lsh", lang="nl").labelled_rows()[0][0]
        'naam'
        """
        extra = {"helix": label("view.helix", self.lang), "cross_sectoral": label("word.cross_sectoral", self.lang)}
        return [(extra.get(name) or self.field_label(name), text) for name, text in self.rows()]

    def referrers(self) -> tuple[Record, ...]:
        """The records of the dataset that refer to this one.

        >>> import mtib
        >>> "momentum" in [r.id for r in mtib.load().view("zonmw").referrers()]
        True
        """
        return self.dataset.referrers(self.record)

    def sources(self) -> tuple[Source, ...]:
        """The sources the record cites (none for a source itself).

        >>> import mtib
        >>> "mtib-note" in [s.id for s in mtib.load().view("gloria-5-swim").sources()]
        True
        """
        return self.dataset.sources_of(self.record) if hasattr(self.record, "sources") else ()

    def text(self) -> str:
        """The view as text: the name, the kind and id, a line per field, who refers to it, its sources.

        >>> import mtib
        >>> print(mtib.load().view("lsh", lang="nl").text().splitlines()[1])
        topsector 'lsh'
        """
        lang = self.lang
        lines = [self.title(), f"{self.kind} {self.record.id!r}", ""]
        lines += [f"  {name}: {text}" for name, text in self.labelled_rows()]
        referrers = self.referrers()
        if referrers:
            more = " ..." if len(referrers) > 12 else ""
            lines += [
                "",
                f"  {label('view.referred_to_by', lang, n=len(referrers))}: "
                f"{', '.join(r.id for r in referrers[:12])}{more}",
            ]
        sources = self.sources()
        if sources:
            lines += ["", f"{label('view.sources', lang)}:"]
            for s in sources:
                year = f" ({s.published})" if s.published else ""
                lines.append(f"  [{s.id}] {s.title}{year}{' - ' + s.url if s.url else ''}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"<RecordView {self.kind} {self.record.id!r} ({self.lang})>"

    def _repr_html_(self) -> str:
        lang = self.lang
        caption = f"{self.title()} ({self.kind} {self.record.id!r})"
        header = [label("word.field", lang), label("word.value", lang)]
        parts = [html_table(header, self.labelled_rows(), caption=caption, row_header=True)]
        referrers = self.referrers()
        if referrers:
            shown = ", ".join(html.escape(r.id) for r in referrers[:12]) + (" ..." if len(referrers) > 12 else "")
            parts.append(f"<p>{html.escape(label('view.referred_to_by', lang, n=len(referrers)))}: {shown}</p>")
        sources = self.sources()
        if sources:
            items = []
            for s in sources:
                title = html.escape(s.title) + (f" ({html.escape(str(s.published))})" if s.published else "")
                if s.url:  # a validated http(s) address
                    title = f'<a href="{html.escape(s.url, quote=True)}">{title}</a>'
                items.append(f"<li>[{html.escape(s.id)}] {title}</li>")
            parts.append(f"<p>{html.escape(label('view.sources', lang))}:</p><ul>{''.join(items)}</ul>")
        return "\n".join(parts)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        pretty(self, self.text(), printer, cycle)
