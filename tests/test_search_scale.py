"""Search in a collection larger than the bundled ones ranks as the record-by-record scorer does.

The bundled collections have small vocabularies, which the word index goes through whole
(``mtib.core.search.SCAN_LIMIT``). Here a synthetic collection has more words than that, and
names that many records share, so that the tiers, the early stop of ``search(limit=...)``
and the large-vocabulary rules for near misses are exercised. The reference is the
original scorer of tests/test_search_ranking.py.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mtib
from mtib.core import search
from mtib.core.model import Text
from mtib.core.text import normalise
from mtib.dataset import Collection

from .test_search_ranking import queries, reference_scored

_WORDS = ["water", "energie", "zorg", "Coöperatie", "wind", "op", "zee", "circulair", "plastic", "bodem", "lucht"]


def _collection(n: int = 4000, seed: int = 5) -> Collection[Any]:
    rng = random.Random(seed)
    records = []
    for i in range(n):
        first, second = rng.choice(_WORDS), rng.choice(_WORDS)
        records.append(
            mtib.Partnership(
                id=f"p-{i:05d}",
                name=f"{first} {second} {i}" if i % 7 else f"{first} & {second}",
                acronym=f"WS{i}" if i % 3 else None,
                aliases=(f"{second}{first}",) if i % 11 == 0 else (),
                description=Text(en=f"A {rng.choice(_WORDS)} project number {i}.", nl=f"Proef {i}." if i % 2 else None),
                sources=("s",),
            )
        )
    return Collection(records, "partnerships")


BIG = _collection()
QUERIES = [
    *queries(BIG, seed=3, size=80),
    "water zorg",
    "zorg water",
    "water",
    "energie & zorg",
    "ws12",
    "ws 12",
    "1",
    "12",
    "project number 12",
    "number 99",
    "watre zrog",
    "cooperatie",
    "zorgwater",
    "proef 3",
]


def test_the_vocabulary_is_large() -> None:
    words = BIG._build_words()._names.vocab
    assert len(words) > search.SCAN_LIMIT


@pytest.mark.parametrize("query", QUERIES)
def test_search_is_the_head_of_the_ranking(query: str) -> None:
    ranking = BIG.scored(query)
    for limit in (1, 3, 10, 50):
        assert list(BIG.search(query, limit=limit)) == [r for _, r in ranking[:limit]], (query, limit)


@pytest.mark.parametrize("query", QUERIES)
def test_the_ranking_is_the_reference_but_for_far_near_misses(query: str) -> None:
    got = {r.id: score for score, r in BIG.scored(query)}
    reference = {rid: score for score, rid in reference_scored(BIG, query)}
    # every record has the reference's score but the near misses a large vocabulary does not look for
    # (not one edit away, not a start or a part of a word): they rank by their texts, if at all
    query_key = normalise(query)
    assert all(search.score(BIG[rid], query_key) == score for rid, score in got.items()), query
    for rid in got.keys() | reference.keys():
        if got.get(rid) != reference.get(rid):
            assert 0.5 <= reference.get(rid, 0) < 0.7 and got.get(rid, 0) < 0.5, (query, rid)


def test_with_the_whole_vocabulary_gone_through_the_ranking_is_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SCAN_LIMIT", 10**9)
    big = _collection(2500, seed=9)
    for query in [*queries(big, seed=4, size=40), "water zorg", "zorg water", "wtaer", "ws 1"]:
        assert [(score, r.id) for score, r in big.scored(query)] == reference_scored(big, query), query
        ranking = big.scored(query)
        assert list(big.search(query, limit=5)) == [r for _, r in ranking[:5]], query


def test_a_word_one_edit_away_is_a_near_miss_in_a_large_vocabulary() -> None:
    target = BIG["p-01234"]
    for typo in ("p-0234", "p-01243", "p-012344", "p-01x34"):
        assert target in BIG.search(typo, limit=None), typo


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from([w.lower() for w in _WORDS] + ["ws1", "12", "3", "number", "proef", "project"])
        | st.text(alphabet="aeiorstwz19 ", min_size=1, max_size=5),
        min_size=1,
        max_size=3,
    ),
    st.integers(min_value=1, max_value=30),
)
def test_any_query_any_limit(words: list[str], limit: int) -> None:
    query = " ".join(words)
    ranking = BIG.scored(query)
    assert list(BIG.search(query, limit=limit)) == [r for _, r in ranking[:limit]]
    assert [s for s, _ in ranking] == sorted((s for s, _ in ranking), reverse=True)
