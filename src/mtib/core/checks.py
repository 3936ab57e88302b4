"""The rules across records, in one place: both :func:`mtib.load` and ``mtib.Dataset(...)`` run them.

A record on its own is checked when it is built (its validators). What needs
other records is checked here, from the schema's plans: ids unique across the
dataset, every reference resolving into the collection it points to, no loop
in any field that refers to its own kind (parents, successors). Values derived from other records (a participant's
helix sphere) are filled in here too, by :func:`fill_spheres`, the one place
that computes them. Validation *profiles* add rules for a purpose:
``"bundled"`` holds the policy of mtib's own data (a rationale on every SDG
link, a source on every record, every source cited).

>>> from mtib.core.model import Organisation, HelixSphere
>>> problems = []
>>> org = Organisation(id="o", name="O", sphere=HelixSphere.INDUSTRY, sources=("nope",))
>>> check([Located(org, "organisations", 0, None)], {}, problems)
>>> [str(p) for p in problems]
["$.organisations[0].sources[0]: unknown source 'nope'"]
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Protocol

import attrs

from mtib.core import suggest
from mtib.core.errors import Problem
from mtib.core.fields import SLUG_RE, shown
from mtib.core.model import Organisation, Participant, Partnership, SDGLink, Source, Text
from mtib.core.schema import COLLECTIONS, Reference, Shape, path_of, plan, reference_fields
from mtib.core.text import normalise

__all__ = ["PROFILES", "Located", "Unreadable", "check", "check_profile", "fill_spheres", "organisations_sphere"]


class _Ids(Protocol):
    def __contains__(self, key: object, /) -> bool: ...
    def __iter__(self) -> Any: ...
    def __len__(self) -> int: ...


@attrs.frozen
class Unreadable:
    """A record that could not be built: its id, its class and the references that could be read.

    >>> Unreadable("x", Organisation).refs
    ()
    """

    id: str
    cls: type
    refs: tuple[Reference, ...] = ()


@attrs.frozen
class Located:
    """A record with where it came from: its collection, its index there and its file.

    >>> Located(None, "partnerships", 3, "mine.yaml").path
    '$.partnerships[3]'
    """

    record: Any
    collection: str
    index: int
    file: str | None

    @property
    def path(self) -> str:
        """The record's path in its file.

        >>> Located(None, "sources", 0, None).path
        '$.sources[0]'
        """
        return f"$.{self.collection}[{self.index}]"


def _singular(collection: str) -> str:
    return {"tkis": "TKI", "sdgs": "SDG goal", "sdg_targets": "SDG target", "sdg_indicators": "SDG indicator"}.get(
        collection, collection.removesuffix("s").replace("_", " ")
    )


def _names(record: Any) -> list[str]:
    """The names a record is known by: its name (in both languages), acronym and aliases."""
    if isinstance(record, Unreadable):
        return []
    name = getattr(record, "name", None)
    out = list(name.values()) if isinstance(name, Text) else [name] if isinstance(name, str) else []
    acronym = getattr(record, "acronym", None)
    return [*out, *([acronym] if acronym else []), *getattr(record, "aliases", ())]


def check(located: Sequence[Located], base: Mapping[str, _Ids], problems: list[Problem]) -> None:
    """Check ids and references of ``located`` on top of ``base`` (collection -> ids); append problems.

    ``base`` holds the ids of a dataset the records join (the bundled one), or nothing.

    >>> from mtib.core.model import TKI, Text
    >>> problems = []
    >>> tki = TKI(id="t", name=Text(nl="T"), successor="t")
    >>> check([Located(tki, "tkis", 0, "mine.yaml")], {}, problems)
    >>> [str(p) for p in problems]
    ['mine.yaml: $.tkis[0].successor: a TKI cannot be its own successor']
    """
    own: dict[str, dict[str, Located]] = {name: {} for name in COLLECTIONS}
    first: dict[str, Located] = {}
    base_kind = {rid: name for name, ids in base.items() for rid in ids} if base else {}
    for loc in located:
        rid = loc.record.id
        earlier = first.get(rid)
        if earlier is not None or rid in base_kind:
            if earlier is not None:
                where = f"already used at {earlier.file + ': ' if earlier.file else ''}{earlier.path}"
            else:
                where = f"already used in the bundled dataset, in {base_kind[rid]}"
            problems.append(Problem(f"{loc.path}.id", f"duplicate id {shown(rid)} ({where})", loc.file))
            continue
        first[rid] = loc
        own[loc.collection][rid] = loc

    known: dict[str, set[str]] = {}

    def ids_of(collection: str) -> set[str]:
        ids = known.get(collection)
        if ids is None:
            if collection == "*":
                ids = set(first) | set(base_kind)
            else:
                ids = set(own[collection]) | set(base.get(collection, ()))
            known[collection] = ids
        return ids

    options: dict[str, suggest.Options] = {}

    def candidates(collection: str) -> suggest.Options:
        """The ids a dangling reference into ``collection`` may have meant (one index per collection)."""
        found = options.get(collection)
        if found is None:
            ids = [*first, *base_kind] if collection == "*" else [*own[collection], *base.get(collection, ())]
            found = options[collection] = suggest.Options(ids)
        return found

    named: dict[str, dict[str, tuple[str, str]]] = {}

    def by_name(collection: str, ref: str) -> str:
        """A hint for a reference written as a record's name instead of its id."""
        if collection == "*" or SLUG_RE.fullmatch(ref) or len(ref) > suggest.MAX_WORD:
            return ""
        index = named.get(collection)
        if index is None:
            index = named[collection] = {}
            records = [loc.record for loc in own[collection].values()] + list(
                getattr(base.get(collection), "values", list)()
            )
            for record in records:
                for name in _names(record):
                    index.setdefault(normalise(name), (record.id, name))
        found = index.get(normalise(ref))
        return f" (did you mean {found[0]!r} ({found[1]})? refer to records by id)" if found else ""

    def dangling(loc: Located, place: tuple[str | int, ...], ref: str, to: str, soft: bool) -> None:
        ids = ids_of(to)
        if ref in ids or (soft and not ids):
            return
        kind = "record" if to == "*" else _singular(to)
        hint = "" if soft else (by_name(to, ref) or suggest.hint(ref, candidates(to)))
        problems.append(Problem(f"{loc.path}.{path_of(place)}", f"unknown {kind} {shown(ref)}{hint}", loc.file))

    for loc in located:
        record = loc.record
        if isinstance(record, Unreadable):
            for place, ref, to, soft in record.refs:
                dangling(loc, place, ref, to, soft)
            continue
        # The common case, planned per class: set operations, and no path built unless a reference dangles.
        for rf in reference_fields(type(record)):
            got = getattr(record, rf.name)
            if got is None:
                continue
            if rf.to is not None:
                if rf.shape is Shape.LIST:
                    if not ids_of(rf.to).issuperset(got):
                        for i, ref in enumerate(got):
                            dangling(loc, (rf.name, i), ref, rf.to, rf.soft)
                else:
                    dangling(loc, (rf.name,), str(got), rf.to, rf.soft)
                continue
            items = got if rf.shape is Shape.VALUES else (got,)
            for sub in rf.subs:
                assert sub.to is not None  # value objects hold direct references only
                ids = ids_of(sub.to)
                if sub.soft and not ids:
                    continue
                values = [getattr(item, sub.name) for item in items]
                if ids.issuperset(str(v) for v in values if v is not None):
                    continue
                for i, value in enumerate(values):
                    if value is not None:
                        at: tuple[str | int, ...] = (
                            (rf.name, i, sub.name) if rf.shape is Shape.VALUES else (rf.name, sub.name)
                        )
                        dangling(loc, at, str(value), sub.to, sub.soft)
    _check_loops(own, problems)


def _check_loops(own: Mapping[str, Mapping[str, Located]], problems: list[Problem]) -> None:
    """No field that refers to its own kind may lead round in a loop: one pass over each chain."""
    for collection, records in own.items():
        for field in plan(COLLECTIONS[collection]).self_references:
            nxt: dict[str, str] = {}
            for rid, loc in records.items():
                target = None if isinstance(loc.record, Unreadable) else getattr(loc.record, field.name)
                if isinstance(target, str) and target in records:
                    nxt[rid] = target
            state: dict[str, int] = {}  # 1: on the current walk, 2: done
            for start in nxt:
                walk: list[str] = []
                node: str | None = start
                while node is not None and node not in state:
                    state[node] = 1
                    walk.append(node)
                    node = nxt.get(node)
                if node is not None and state[node] == 1:  # the walk ran into itself: a loop
                    cycle = walk[walk.index(node) :]
                    for rid in cycle:
                        loc = records[rid]
                        if len(cycle) == 1:
                            message = f"a{'n' if _singular(collection)[0] in 'aeiou' else ''} "
                            message += f"{_singular(collection)} cannot be its own {field.name}"
                        else:
                            message = f"{_singular(collection)} {field.name}s form a loop through {rid!r}"
                        problems.append(Problem(f"{loc.path}.{field.name}", message, loc.file))
                for rid in walk:
                    state[rid] = 2


def fill_spheres(partnerships: Sequence[Any], sphere_of: Callable[[str], Any], fresh: Container[int] = ()) -> list[Any]:
    """The partnerships with each participant's sphere taken from its organisation.

    This is the one place a participant's sphere is computed. A partnership
    whose participants already carry the right spheres is kept as it is; equal
    participants are shared between partnerships. A partnership whose ``id()`` is
    in ``fresh`` (one the loader has just built, that nothing else holds yet) gets
    its participants in place instead of being copied, so that a large load does
    not build every partnership twice.

    >>> from mtib.core.model import HelixSphere, Participant, Partnership
    >>> p = Partnership(id="p", name="P", participants=(Participant("tno"),), sources=("s",))
    >>> fill_spheres([p], {"tno": HelixSphere.ACADEMIA}.get)[0].participants[0].sphere
    <HelixSphere.ACADEMIA: 'academia'>
    """
    shared: dict[tuple[str, Any], Participant] = {}
    out: list[Any] = []
    for p in partnerships:
        if not isinstance(p, Partnership):
            out.append(p)
            continue
        parts = p.participants
        if all(part.sphere is sphere_of(part.organisation) for part in parts):
            out.append(p)
            continue
        new: list[Participant] = []
        for part in parts:
            key = (part.organisation, part.role)
            filled = shared.get(key)
            if filled is None:
                filled = shared[key] = Participant(part.organisation, part.role, sphere_of(part.organisation))
            new.append(filled)
        if id(p) in fresh:
            object.__setattr__(p, "participants", tuple(new))
            out.append(p)
        else:
            out.append(_with_participants(p, tuple(new)))
    return out


_PARTNERSHIP_SLOTS = tuple(a.name for a in attrs.fields(Partnership))


def _with_participants(p: Partnership, participants: tuple[Participant, ...]) -> Partnership:
    """``p`` with other participants; its other fields were checked when it was built, and the
    participants differ only in their derived sphere, so the validators need not run again."""
    new = object.__new__(Partnership)
    for name in _PARTNERSHIP_SLOTS:
        object.__setattr__(new, name, getattr(p, name))
    object.__setattr__(new, "participants", participants)
    return new


# ------------------------------------------------------------------------------- profiles


def _bundled_rules(located: Sequence[Located]) -> Iterable[Problem]:
    """The policy of mtib's own data, beyond what any dataset must meet."""
    cited: set[str] = set()
    for loc in located:
        record, path = loc.record, loc.path
        if isinstance(record, Unreadable):
            continue
        sources = getattr(record, "sources", ())
        cited.update(sources)
        if not isinstance(record, Source) and not sources:
            yield Problem(f"{path}.sources", "every bundled record cites at least one source", loc.file)
        links: tuple[SDGLink, ...] = getattr(record, "sdgs", ())
        if loc.collection in ("themes", "missions", "partnerships") and not links:
            yield Problem(f"{path}.sdgs", "every bundled theme, mission and partnership links an SDG", loc.file)
        if loc.collection in ("themes", "partnerships"):
            for j, link in enumerate(links):
                if link.rationale is None or not link.rationale.en:
                    yield Problem(
                        f"{path}.sdgs[{j}].rationale", "a bundled SDG link needs a rationale in English", loc.file
                    )
        if isinstance(record, Source) and record.kind.value != "policy_note" and not record.publisher:
            yield Problem(f"{path}.publisher", "a bundled source names its publisher", loc.file)
    for loc in located:
        if isinstance(loc.record, Source) and loc.record.id not in cited:
            yield Problem(loc.path, f"source {loc.record.id!r} is not cited by any record", loc.file)


PROFILES: Mapping[str, Callable[[Sequence[Located]], Iterable[Problem]]] = MappingProxyType(
    {"default": lambda _: (), "bundled": _bundled_rules}
)
"""Validation profiles: extra rules for a purpose (``mtib.load(path, profile=...)``,
``mtib validate --profile NAME``). ``default`` adds nothing; ``bundled`` is the policy of
mtib's own data: every record cites a source, every source is cited and names its
publisher, every theme, mission and partnership links an SDG, and every SDG link of a
theme or partnership gives its rationale in English."""


def check_profile(located: Sequence[Located], profile: str) -> list[Problem]:
    """The problems of ``located`` records under a validation profile.

    >>> from mtib.core.model import Source, SourceKind
    >>> note = Source(id="note", title="Note", kind=SourceKind.POLICY_NOTE)
    >>> [p.message for p in check_profile([Located(note, "sources", 0, None)], "bundled")]
    ["source 'note' is not cited by any record"]
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown validation profile {profile!r}; expected one of {', '.join(PROFILES)}")
    return list(PROFILES[profile](located))


def organisations_sphere(organisations: Iterable[Organisation]) -> dict[str, Any]:
    """Organisation id -> helix sphere, for :func:`fill_spheres`.

    >>> from mtib.core.model import HelixSphere
    >>> organisations_sphere([Organisation(id="o", name="O", sphere=HelixSphere.INDUSTRY)])
    {'o': <HelixSphere.INDUSTRY: 'industry'>}
    """
    return {o.id: o.sphere for o in organisations}
