"""Search ranks exactly as the original, record-by-record scorer did, on the bundled names.

``Collection.scored`` answers from a token index with a bounded candidate set. The
reference below is the scorer it replaced, kept here as the oracle: every record is
normalised and scored one by one (exact name 1.0, compact 0.95, prefix 0.9, every word
0.8, substring 0.7, near miss 0.5-0.6 with difflib, then descriptions 0.45 and 0.4). The
queries are made from the data itself (every name, its words, prefixes, inner parts of
words, typos, pairs of words), so the test follows the bundled data as it grows.
"""

from __future__ import annotations

import difflib
import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mtib
from mtib.core.schema import COLLECTIONS
from mtib.core.search import names as _names
from mtib.core.search import texts as _texts
from mtib.core.text import normalise


def _reference_name_score(query: str, q_tokens: list[str], q_compact: str, name: str) -> float:
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
    ratios = []
    for q in q_tokens:
        best = max((difflib.SequenceMatcher(None, q, w).ratio() for w in n_tokens), default=0.0)
        ratios.append(best)
    mean = sum(ratios) / len(ratios)
    if mean >= 0.75 and min(ratios) >= 0.6:
        return 0.5 + 0.1 * mean
    return 0.0


def reference_scored(collection: mtib.Collection[Any], text: str) -> list[tuple[float, str]]:
    """The original scorer: every record, one by one."""
    query = normalise(text)
    if not query:
        return []
    q_tokens = query.split()
    q_compact = query.replace(" ", "")
    scored: list[tuple[float, int, str]] = []
    for position, record in enumerate(collection):
        names = [normalise(n) for n in _names(record)]
        texts = [normalise(t) for t in _texts(record)]
        score = 0.0
        for name in names:
            score = max(score, _reference_name_score(query, q_tokens, q_compact, name))
            if score >= 1.0:
                break
        if score < 0.5:
            for text_ in texts:
                if query in text_:
                    score = max(score, 0.45)
                elif all(any(w.startswith(q) for w in text_.split()) for q in q_tokens):
                    score = max(score, 0.4)
        if score > 0:
            scored.append((-score, position, record.id))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [(-neg, rid) for neg, _, rid in scored]


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 3:
        return word + "x"
    i = rng.randrange(len(word))
    how = rng.randrange(3)
    if how == 0:
        return word[:i] + word[i + 1 :]  # a letter dropped
    if how == 1:
        return word[:i] + "e" + word[i + 1 :]  # a letter replaced
    return word[:i] + word[i:][:2][::-1] + word[i + 2 :]  # two letters swapped


def queries(collection: mtib.Collection[Any], seed: int = 16, size: int = 100) -> list[str]:
    """``size`` queries made from the collection's own names and texts (the reference is slow)."""
    per_record = 2
    rng = random.Random(seed)
    out: set[str] = {"", "zzzzqqq", "2030", "&", "en", "a"}
    records = list(collection)
    for record in rng.sample(records, min(len(records), 40)):
        names = _names(record)
        texts = _texts(record)
        out.update(rng.sample(names, min(len(names), per_record)))  # names as written
        words = [w for n in names for w in normalise(n).split()]
        text_words = [w for t in texts for w in normalise(t).split()]
        for pool in (words, text_words):
            if not pool:
                continue
            for word in rng.sample(pool, min(len(pool), per_record)):
                out.add(word)
                out.add(word[: max(1, len(word) // 2)])  # a prefix
                if len(word) > 4:
                    out.add(word[1:-1])  # inside a word
                    out.add(word[2:])  # the end of a word
                out.add(_typo(word, rng))
                out.add(word.upper())
            if len(pool) >= 2:
                i = rng.randrange(len(pool) - 1)
                out.add(f"{pool[i]} {pool[i + 1]}")  # two words in order
                out.add(f"{pool[i + 1]} {pool[i][:3]}")  # out of order, one cut short
                out.add(f"{_typo(pool[i], rng)} {pool[i + 1]}")
        if names:
            name = normalise(names[-1])
            out.add(name.replace(" ", ""))  # written without spaces
            out.add(name[1:])  # a name without its first letter
    fixed = ["", "zzzzqqq", "2030", "&", "en", "a"]
    made = sorted(out - set(fixed))
    return fixed + rng.sample(made, min(len(made), size - len(fixed)))


@pytest.mark.parametrize("kind", list(COLLECTIONS))
def test_ranking_is_the_reference_ranking_on_the_bundled_names(ds: mtib.Dataset, kind: str) -> None:
    collection = getattr(ds, kind)
    # sources answer to their URLs too: long names the reference's difflib is slow on
    for query in queries(collection, size=10 if kind == "sources" else 100):
        got = [(score, record.id) for score, record in collection.scored(query)]
        assert got == reference_scored(collection, query), query


@pytest.mark.parametrize("kind", ["partnerships", "organisations", "topsectors", "sdgs", "missions"])
def test_ranking_is_the_reference_ranking_on_the_fixture(fixture_ds: mtib.Dataset, kind: str) -> None:
    collection = getattr(fixture_ds, kind)
    for query in queries(collection, seed=61):
        got = [(score, record.id) for score, record in collection.scored(query)]
        assert got == reference_scored(collection, query), query


def test_search_is_the_head_of_the_ranking(ds: mtib.Dataset) -> None:
    for query in ("water", "zorg", "Logistek", "microplastics", "sdg 3", "klimaat"):
        for collection in (ds.partnerships, ds.topsectors, ds.organisations, ds.sdg_targets):
            ranking = [r for _, r in collection.scored(query)]
            assert list(collection.search(query, limit=3)) == ranking[:3]
            assert list(collection.search(query, limit=None)) == ranking


_WORDS = sorted({w for r in mtib.load().organisations for n in _names(r) for w in normalise(n).split()})


@given(st.lists(st.sampled_from(_WORDS) | st.text(alphabet="aeiorstnlk &-é", max_size=6), min_size=1, max_size=3))
def test_ranking_of_any_words_is_the_reference_ranking(words: list[str]) -> None:
    collection = mtib.load().organisations
    query = " ".join(words)
    got = [(score, record.id) for score, record in collection.scored(query)]
    assert got == reference_scored(collection, query)


@given(st.text(alphabet="abc1", min_size=1, max_size=8), st.text(alphabet="abcd12", min_size=1, max_size=10))
def test_the_plain_ratios_are_difflibs(q: str, w: str) -> None:
    from mtib.core.search import ratio as _ratio

    assert _ratio(q, w) == difflib.SequenceMatcher(None, q, w).ratio()
