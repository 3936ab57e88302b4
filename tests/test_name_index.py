"""The name indexes of ``lookup`` are built by columns; they hold what the record-by-record build held.

The reference below is the build they replaced, kept as the oracle: each record's names
(:func:`mtib.dataset._names`) normalised one by one, record after record.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mtib
from mtib.core.search import names as _names
from mtib.core.search import normalised as _normalised
from mtib.core.text import normalise
from mtib.dataset import Collection

from .test_properties import _with_spheres, datasets


def _table(keys: list[str], records: list[Any]) -> dict[str, Any]:
    table: dict[str, Any] = dict(zip(keys, records, strict=True))
    shared = {k for k, r in zip(keys, records, strict=True) if table[k] is not r}
    for k in shared:
        table[k] = []
    for k, r in zip(keys, records, strict=True):
        if k in shared and (not table[k] or table[k][-1] is not r):
            table[k].append(r)
    return table


def _identities(table: dict[str, Any]) -> dict[str, Any]:
    return {k: [id(r) for r in v] if type(v) is list else id(v) for k, v in table.items()}


def _records(table: dict[str, Any], records: tuple[Any, ...]) -> dict[str, Any]:
    """A table of positions (or sorted lists of them) as the table of the records at those positions."""
    for entry in table.values():
        assert type(entry) is int or (type(entry) is list and len(entry) > 1 and entry == sorted(set(entry)))
    return {k: [records[p] for p in v] if type(v) is list else records[v] for k, v in table.items()}


def _same(collection: Collection[Any]) -> None:
    records = collection.records
    names = [[n for n in _names(r) if n] for r in records]
    owners = [r for r, ns in zip(records, names, strict=True) for _ in ns]
    exact = {k: v for k, v in _table([n for ns in names for n in ns], owners).items() if type(v) is not list}
    keys = [[k for k in map(normalise, _names(r)) if k] for r in records]
    owners = [r for r, ks in zip(records, keys, strict=True) for _ in ks]
    flat = [k for ks in keys for k in ks]
    collection._build_exact()
    collection._build_index()
    collection._build_compact()
    # the exact index leaves the ids out (lookup reads the id index first): the same for every other text
    ids = {r.id for r in records}
    built = {k: v for k, v in (collection._exact or {}).items() if k not in ids}
    assert _identities(built) == _identities({k: v for k, v in exact.items() if k not in ids})
    # the normalised indexes hold positions: the records they stand for are the reference's
    assert _identities(_records(collection._index or {}, records)) == _identities(_table(flat, owners))
    compact = _table([k.replace(" ", "") for k in flat], owners)
    assert _identities(_records(collection._compact or {}, records)) == _identities(compact)


@pytest.mark.parametrize("name", list(mtib.load().collections()))
def test_the_bundled_collections(name: str) -> None:
    _same(mtib.Dataset._checked({name: mtib.load().collections()[name].records}).collections()[name])


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=datasets())
def test_random_datasets(records: dict[str, list[Any]]) -> None:
    for collection in _with_spheres(records).collections().values():
        _same(collection)


def test_names_shared_by_records_and_written_alike() -> None:
    ps = [
        mtib.Partnership(id=i, name=n, acronym=a, aliases=al, sources=("s",))
        for i, n, a, al in [
            ("a", "Water en Land", "WL", ("water & land",)),
            ("b", "Water & Land", "wl", ()),
            ("c", "A\nB", "a-b", ("Coöperatie", "x")),
            ("d", "--", "en", ("EN", "c")),
            ("e", "Tien en twintig", None, ("en en en",)),
        ]
    ]
    _same(mtib.Dataset._checked({"partnerships": ps}).partnerships)


@given(st.lists(st.text(alphabet=st.sampled_from("aEn &-\n.ö1 "), max_size=12), max_size=30))
def test_normalised_in_bulk_is_normalise(names: list[str]) -> None:
    assert _normalised(names) == [normalise(n) for n in names]


def test_a_name_that_is_another_records_id_finds_the_id() -> None:
    ps = [
        mtib.Partnership(id="alpha", name="beta", acronym="AB", sources=("s",)),
        mtib.Partnership(id="beta", name="Gamma", aliases=("alpha", "AB"), sources=("s",)),
        mtib.Partnership(id="delta", name="Delta", acronym="alpha", sources=("s",)),
    ]
    collection = mtib.Dataset._checked({"partnerships": ps}).partnerships
    assert collection.lookup("beta").id == "beta" and collection.lookup("alpha").id == "alpha"
    assert collection.lookup("Gamma").id == "beta" and collection.lookup("Delta").id == "delta"
    with pytest.raises(mtib.NotFoundError, match="matches several"):
        collection.lookup("AB")  # the acronym of one and an alias of the other
    assert set(collection._exact or {}) == {"beta", "Gamma", "Delta"}  # no id; "AB" and "alpha" are shared
    _same(collection)


def test_the_index_without_spaces_is_made_on_the_first_lookup_it_answers() -> None:
    ps = [
        mtib.Partnership(id="a", name="Water en Land", sources=("s",)),
        mtib.Partnership(id="b", name="Zee Haven", sources=("s",)),
        mtib.Partnership(id="c", name="ZeeHaven", acronym="ZH", sources=("s",)),
    ]
    collection = mtib.Dataset._checked({"partnerships": ps}).partnerships
    assert collection.lookup("water & land").id == "a" and collection._compact is None  # found with its spaces
    assert collection.lookup("WATERANDLAND").id == "a" and collection._compact is not None
    with pytest.raises(mtib.NotFoundError, match="matches several"):
        collection.lookup("zeeh aven")  # 'zeehaven' without spaces: b's and c's
    assert collection.lookup("zee haven").id == "b" and collection.lookup("zeehaven").id == "c"
    _same(collection)
