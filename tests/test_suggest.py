"""The one "did you mean": always one of the options or None, difflib's answer when there are few options."""

from __future__ import annotations

import difflib
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mtib
from mtib.core import suggest
from mtib.core.suggest import MAX_SCORED, MAX_WORD, Options, did_you_mean, hint

slug = st.text("abcdefghijklmnopqrstuvwxyz-0123456789", min_size=0, max_size=24)
words = st.one_of(slug, st.text(max_size=100))


@given(words, st.lists(slug, max_size=40))
def test_the_answer_is_an_option_or_none(word: str, options: list[str]) -> None:
    found = did_you_mean(word, options)
    assert found is None or found in options


@given(words, st.lists(slug, min_size=MAX_SCORED + 1, max_size=MAX_SCORED + 200))
def test_the_answer_is_an_option_or_none_with_many_options(word: str, options: list[str]) -> None:
    found = did_you_mean(word, options)
    assert found is None or found in options
    assert found == did_you_mean(word, Options(options))  # an index gives the same answers


@given(slug, st.lists(slug, max_size=MAX_SCORED))
def test_few_options_give_difflibs_answer(word: str, options: list[str]) -> None:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6) if word else []
    assert did_you_mean(word, options) == (close[0] if close else None)


def test_long_words_and_empty_words_get_nothing() -> None:
    assert did_you_mean("a" * MAX_WORD, ["a" * MAX_WORD]) == "a" * MAX_WORD
    assert did_you_mean("a" * (MAX_WORD + 1), ["a" * (MAX_WORD + 1)]) is None
    assert did_you_mean("", ["", "a"]) is None and did_you_mean("abc", []) is None
    assert hint("x" * 10_000, ["x"]) == ""


def test_the_hints_on_the_bundled_ids(ds: mtib.Dataset) -> None:
    assert hint("watr", ds.topsectors.ids()) == " (did you mean 'water'?)"
    assert hint("tnoo", ds.organisations.ids()) == " (did you mean 'tno'?)"
    assert hint("my-notes", ds.sources.ids()) == " (did you mean 'mtib-note'?)"
    assert hint("tki-nope", ds.tkis.ids()) == " (did you mean 'tki-wind-op-zee'?)"
    assert hint("partnership", mtib.core.schema.COLLECTIONS) == " (did you mean 'partnerships'?)"
    assert hint("goverment", [s.value for s in mtib.HelixSphere]) == " (did you mean 'government'?)"


def test_one_typo_among_many_ids_is_found() -> None:
    rng = random.Random(7)
    parts = ["organisation", "partnership", "water", "energie", "zorg", "kennis", "digitaal"]
    ids = [f"{rng.choice(parts)}-{rng.choice(parts)}-{i}" for i in range(20_000)]
    index = Options(ids)
    for target in rng.sample(ids, 200):
        at = rng.randrange(len(target))
        typo = target[:at] + target[at + 1 :]  # one character left out
        found = index.best(typo)
        assert found is not None and difflib.SequenceMatcher(None, found, typo).ratio() >= (
            difflib.SequenceMatcher(None, target, typo).ratio() - 0.05
        ), (typo, found, target)


def test_one_index_answers_a_bounded_number_of_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(suggest, "MAX_WORDS", 3)
    index = Options(["water", "energie", "zorg", "logistiek"])
    assert [index.best(w) for w in ("watr", "energi", "zorgg")] == ["water", "energie", "zorg"]
    assert index.best("logistik") is None  # the budget is spent
    assert index.best("watr") == "water"  # a word answered before keeps its answer
