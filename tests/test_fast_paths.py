"""The fast paths of loading give exactly what the general paths give.

Partnerships and the values inside them are structured by hand-written functions when
they are well-formed (mtib.io.converting), and JSON nesting is measured on the text
(mtib.io.reading). Here random well-formed and malformed input goes through both ways:
the records, and the problems with their paths and messages, must be the same.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import mtib
from mtib.core.errors import Problem
from mtib.core.model import Money, Participant, Partnership, Period, SDGLink, Text
from mtib.io import converting as validation
from mtib.io.reading import NonFiniteNumber, _json_too_deep, read_text

# ----------------------------------------------------------------------------- structuring


GENERATED_ONLY = validation._make_converter(fast=False)


@contextmanager
def generated_only() -> Iterator[None]:
    """Structure with the generated structurers alone (no fast paths) inside the block."""
    saved = validation.converter()
    validation._converter = GENERATED_ONLY
    try:
        yield
    finally:
        validation._converter = saved


def both_ways(data: Any) -> tuple[Any, Any]:
    """The records and problems of ``data``, with the fast paths and without."""
    fast_problems: list[Problem] = []
    fast = validation.structure_document(data, "mine.json", fast_problems)
    with generated_only():
        slow_problems: list[Problem] = []
        slow = validation.structure_document(data, "mine.json", slow_problems)
    return (fast, fast_problems), (slow, slow_problems)


def odd(*values: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


# Each kind of value comes as a pair of strategies: well-formed values (which the fast
# paths build), and values with something wrong or unusual (which they hand to the
# generated structurer). Malformed values are mixed in at every level.


def either(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(good, good, good, bad)


def lists(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any], *odd_values: Any) -> Pair:
    """Lists of good items; lists with a bad item among good ones, or no list at all."""
    with_a_bad_one = st.builds(
        lambda items, item, at: [*items[:at], item, *items[at:]], st.lists(good, max_size=2), bad, st.integers(0, 2)
    )
    return st.lists(good, max_size=3), st.one_of(with_a_bad_one, odd(*odd_values))


Pair = tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]
words = st.text("abcxyz -_.:é", min_size=0, max_size=8)
nonblank = words.filter(lambda w: w.strip() != "")
slugs = st.from_regex(r"\A[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?\Z")
not_a_string = odd(None, 5, 2.5, True, [], {}, ["x"], {"nl": "x"})


def vocabulary(cls: type[Any]) -> Pair:
    return st.sampled_from([m.value for m in cls]), odd(None, "bogus", "Direct", 1, True, [], "")


TEXT: Pair = (
    st.one_of(
        st.fixed_dictionaries({"en": nonblank}, optional={"nl": st.none() | nonblank}),
        st.fixed_dictionaries({"nl": nonblank}, optional={"en": st.none() | nonblank}),
    ),
    st.one_of(
        st.fixed_dictionaries({}, optional={"nl": st.none() | words, "en": st.none() | words}),
        st.fixed_dictionaries({"nl": words}, optional={"fr": words, "en": not_a_string}),
        odd(None, "Energie", 7, [], {"nl": "  "}, {"nl": None, "en": None}, {1: "x"}),
    ),
)


@st.composite
def good_links(draw: st.DrawFn) -> dict[str, Any]:
    goal = draw(st.integers(1, 17))
    link: dict[str, Any] = {"goal": goal}
    if draw(st.booleans()):
        link["target"] = draw(st.none() | st.builds(lambda k: f"{goal}.{k}", st.integers(1, 19) | odd("a", "b")))
    if draw(st.booleans()):
        link["relation"] = draw(odd("direct", "indirect"))
    if draw(st.booleans()):
        link["rationale"] = draw(st.none() | TEXT[0])
    return link


LINK: Pair = (
    good_links(),
    st.one_of(
        st.fixed_dictionaries(
            {"goal": either(st.integers(1, 17), odd(0, 18, -1, 10**20, "7", 7.0, True, None))},
            optional={
                "target": st.one_of(odd("3.3", "1.a", "4.1", "3.x", "", 3, 3.3, None), words),
                "relation": either(*vocabulary(mtib.SDGRelation)),
                "rationale": st.none() | either(*TEXT),
            },
        ),
        st.fixed_dictionaries({"goal": st.integers(1, 17), "why": words}),
        st.fixed_dictionaries({}, optional={"relation": either(*vocabulary(mtib.SDGRelation))}),
        odd(3, "3", None, [3]),
    ),
)
PARTICIPANT: Pair = (
    st.fixed_dictionaries({"organisation": slugs}, optional={"role": vocabulary(mtib.Role)[0]}),
    st.one_of(
        st.fixed_dictionaries(
            {"organisation": either(slugs, not_a_string)}, optional={"role": vocabulary(mtib.Role)[1]}
        ),
        st.fixed_dictionaries({"organisation": slugs, "sphere": odd("industry", 1)}),
        st.fixed_dictionaries({}, optional={"role": either(*vocabulary(mtib.Role))}),
        odd("tno", None, 1, ["tno"]),
    ),
)
years = either(st.none() | st.integers(990, 3010), odd("2020", 2020.0, True, -(10**18), 10**18))
PERIOD: Pair = (
    st.one_of(
        st.builds(
            lambda a, b: {"start": min(a, b), "end": max(a, b)}, st.integers(1000, 2999), st.integers(1000, 2999)
        ),
        st.fixed_dictionaries({}, optional={"start": st.none() | st.integers(1000, 2999)}),
        st.fixed_dictionaries({}, optional={"end": st.none() | st.integers(1000, 2999)}),
    ),
    st.one_of(
        st.fixed_dictionaries({}, optional={"start": years, "end": years}),
        st.fixed_dictionaries({"begin": years}),
        odd("2020-2024", 2020, [2020, 2024]),
    ),
)
AMOUNT: Pair = (
    st.integers(0, 10**12) | odd(0, 0.5, 1e6, "12.50", 10**30, 10**31 - 1, Decimal("1.000")),
    st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True, places=2).map(lambda d: float(d) if d.is_finite() else d),
        odd(
            *(10**31, -(10**31), 10**61, -5, -0.0, " 7 ", "1e5", "1e40", "abc", ""),
            *(True, None, [], NonFiniteNumber("NaN"), NonFiniteNumber("1e400")),
        ),
    ),
)
MONEY: Pair = (
    st.fixed_dictionaries({"amount": AMOUNT[0]}, optional={"currency": odd("EUR", "USD", "JPY")}),
    st.one_of(
        st.fixed_dictionaries({"amount": AMOUNT[1]}, optional={"currency": odd("EUR", "USD")}),
        st.fixed_dictionaries({"amount": AMOUNT[0], "currency": st.one_of(odd("XXX", "eur", ""), not_a_string)}),
        st.fixed_dictionaries({"amount": AMOUNT[0], "value": AMOUNT[0]}),
        st.fixed_dictionaries({}, optional={"currency": odd("EUR")}),
        odd(5, "EUR 5", [5]),
    ),
)
STRINGS: Pair = lists(slugs, not_a_string, None, "lsh", 3, {"a": "b"})
OPTIONAL_STRING: Pair = (st.none() | words, not_a_string.filter(lambda v: v is not None))


def optional(pair: Pair) -> Pair:
    return st.none() | pair[0], pair[1]


PARTNERSHIP_FIELDS: dict[str, Pair] = {
    "id": (slugs, not_a_string),
    "name": (words, not_a_string),
    "kind": vocabulary(mtib.PartnershipKind),
    "acronym": OPTIONAL_STRING,
    "aliases": STRINGS,
    "description": optional(TEXT),
    "topsectors": STRINGS,
    "themes": STRINGS,
    "missions": STRINGS,
    "sdgs": lists(*LINK, None, 3, {"goal": 3}),
    "participants": lists(*PARTICIPANT, None, "tno", {"organisation": "tno"}),
    "period": optional(PERIOD),
    "budget": optional(MONEY),
    "status": vocabulary(mtib.PartnershipStatus),
    "environmental_change": lists(*vocabulary(mtib.EnvironmentalChange), None, "pollution"),
    "health_dimensions": lists(*vocabulary(mtib.HealthDimension), None, "hunger"),
    "website": OPTIONAL_STRING,
    "evidence": vocabulary(mtib.Evidence),
    "sources": STRINGS,
}


@st.composite
def partnerships(draw: st.DrawFn) -> Any:
    """A partnership as read from a file: well-formed, or with a few things wrong."""
    if draw(st.integers(0, 19)) == 0:
        return draw(odd(None, "a partnership", 5, [], [{"id": "x"}]))
    optional_fields = [n for n in PARTNERSHIP_FIELDS if n not in ("id", "name")]
    names = ["id", "name", *draw(st.lists(st.sampled_from(optional_fields), unique=True))]
    if draw(st.integers(0, 9)) == 0:
        names.remove(draw(st.sampled_from(["id", "name"])))  # a missing required field
    bad = set(draw(st.lists(st.sampled_from(names), max_size=draw(odd(0, 0, 0, 1, 1, 2)))))
    item: dict[Any, Any] = {}
    for name in draw(st.permutations(names)):
        good, wrong = PARTNERSHIP_FIELDS[name]
        item[name] = draw(wrong if name in bad else good)
    if draw(st.integers(0, 9)) == 0:
        item[draw(odd("sphere", "budgte", "Name", 1))] = draw(odd("industry", 5))  # an unknown key
    return item


TEXTS = either(*TEXT)
LINKS = either(*LINK)
PARTICIPANTS = either(*PARTICIPANT)
PERIODS = either(*PERIOD)
BUDGETS = either(*MONEY)


@st.composite
def well_formed_partnerships(draw: st.DrawFn, i: int) -> dict[str, Any]:
    return {
        "id": f"p-{i}",
        "name": draw(words),
        "kind": draw(st.sampled_from([k.value for k in mtib.PartnershipKind])),
        "description": {"en": "A partnership.", "nl": "Een samenwerking."},
        "topsectors": draw(st.lists(slugs, max_size=3)),
        "themes": draw(st.lists(slugs, max_size=2)),
        "sdgs": [{"goal": 3, "target": "3.3", "relation": "indirect", "rationale": {"en": "Health."}}, {"goal": 7}],
        "participants": [{"organisation": "tno", "role": "coordinator"}, {"organisation": "x"}],
        "period": {"start": 2020, "end": draw(st.integers(2020, 2030))},
        "budget": {"amount": draw(st.integers(0, 10**9)), "currency": "EUR"},
        "status": "active",
        "environmental_change": ["pollution", "climate_change"],
        "health_dimensions": [],
        "website": "https://example.org",
        "evidence": "confirmed",
        "sources": ["s"],
    }


@given(st.lists(partnerships(), min_size=1, max_size=4))
def test_partnerships_the_same_with_and_without_fast_paths(items: list[Any]) -> None:
    fast, slow = both_ways({"partnerships": items})
    assert fast == slow


@given(st.data())
def test_well_formed_partnerships_take_the_fast_path(data: st.DataObject) -> None:
    items = [data.draw(well_formed_partnerships(i)) for i in range(3)]
    (located, problems), slow = both_ways({"partnerships": items})
    assert (located, problems) == slow
    assert problems == []
    assert all(type(loc.record) is Partnership for loc in located)
    for item in items:
        assert validation._fast_partnership(item) == validation.converter().structure(item, Partnership)


def structured(cls: type[Any], value: Any) -> Any:
    """The value structured as ``cls``, or the problems it has."""
    try:
        return validation.converter().structure(value, cls)
    except Exception as exc:  # noqa: BLE001
        return validation._problems_of(exc, "$", cls)


@pytest.mark.parametrize(
    ("cls", "values"),
    [
        (Text, TEXTS),
        (SDGLink, LINKS),
        (Period, PERIODS),
        (Money, BUDGETS),
        (Participant, PARTICIPANTS),
        (Partnership, partnerships()),
    ],
)
@given(data=st.data())
def test_each_fast_path_gives_what_the_generated_structurer_gives(
    cls: type[Any], values: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    value = data.draw(values)
    fast = structured(cls, value)
    with generated_only():
        slow = structured(cls, value)
    assert fast == slow


def test_fast_paths_keep_exact_messages() -> None:
    item = {
        "id": "p",
        "name": "P",
        "sdgs": [{"goal": "7"}],
        "budget": {"amount": -5},
        "period": {"start": 2024, "end": 2020},
        "participants": [{"organisation": "tno", "role": "boss"}],
        "topsectors": ["lsh", 5],
        "themes": [],
        "sources": ["s"],
    }
    fast, slow = both_ways({"partnerships": [item]})
    assert fast == slow
    expected = [
        ("$.partnerships[0].topsectors[1]", "expected a string, got the number 5"),
        ("$.partnerships[0].sdgs[0].goal", "expected a whole number, got the string '7'"),
        ("$.partnerships[0].participants[0].role", "unknown value 'boss'; expected one of coordinator"),
        ("$.partnerships[0].period", "end 2020 is before start 2024"),
        ("$.partnerships[0].budget", "amount must not be negative, got -5"),
    ]
    problems = fast[1]
    assert len(problems) == len(expected)
    for problem, (path, start) in zip(problems, expected, strict=True):
        assert problem.path == path
        assert problem.message.startswith(start)


def test_a_participant_on_the_fast_path_gets_its_sphere() -> None:
    token = validation.SPHERES.set({"tno": mtib.HelixSphere.ACADEMIA})
    try:
        record = validation.converter().structure(
            {"id": "p", "name": "P", "participants": [{"organisation": "tno"}, {"organisation": "x"}]}, Partnership
        )
    finally:
        validation.SPHERES.reset(token)
    assert [p.sphere for p in record.participants] == [mtib.HelixSphere.ACADEMIA, None]


def test_a_json_file_loads_the_same_both_ways(tmp_path: Path) -> None:
    ds = mtib.load()
    topsectors, themes, orgs = ds.topsectors.ids(), ds.themes.ids(), ds.organisations.ids()
    partnerships: list[dict[str, Any]] = [
        {
            "id": f"p-{i}",
            "name": f"Partnership {i}",
            "topsectors": [topsectors[i % len(topsectors)]],
            "themes": [themes[i % len(themes)]],
            "sdgs": [{"goal": 1 + i % 17, "target": f"{1 + i % 17}.1", "rationale": {"en": f"Link {i}."}}],
            "participants": [{"organisation": orgs[i % len(orgs)], "role": "partner"}, {"organisation": orgs[0]}],
            "period": {"start": 2000 + i % 20},
            "budget": {"amount": 1000 * i},
            "sources": ["s"],
        }
        for i in range(100)
    ]
    source = {"id": "s", "title": "S", "url": "https://example.org/s"}
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"sources": [source], "partnerships": partnerships}), encoding="utf-8")
    fast = mtib.load(path)
    with generated_only():
        slow = mtib.load(path)
    assert fast == slow
    assert fast.partnerships["p-7"].spheres == {ds.organisations[orgs[7]].sphere, ds.organisations[orgs[0]].sphere}
    # and the same problems when some partnerships are wrong
    partnerships[3]["participants"][0]["organisation"] = "nobody"
    partnerships[5]["budget"] = {"amount": "lots"}
    partnerships[8]["sdgs"][0]["target"] = "99.1"
    path.write_text(json.dumps({"sources": [source], "partnerships": partnerships}), encoding="utf-8")
    with pytest.raises(mtib.DataError) as fast_error:
        mtib.load(path)
    with generated_only(), pytest.raises(mtib.DataError) as slow_error:
        mtib.load(path)
    assert fast_error.value.problems == slow_error.value.problems
    assert [p.path for p in fast_error.value.problems] == [
        "$.partnerships[5].budget.amount",
        "$.partnerships[8].sdgs[0]",
        "$.partnerships[3].participants[0].organisation",
    ]


# ----------------------------------------------------------------------------- JSON nesting


def depth(value: Any) -> int:
    """The nesting depth of the containers in a parsed JSON value, by walking it."""
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


tricky = st.text(st.sampled_from('[]{}"\\:,ab é\n\u2028'), max_size=6)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | tricky,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(tricky, children, max_size=3),
    max_leaves=20,
)


@given(json_values, st.integers(0, 8), st.booleans(), st.booleans())
@example({"a": [1, {"b": '[[[\\"[['}]}, 2, True, False)
@example(['"', "\\", '\\"', "[", "]]", [[]]], 3, False, True)
def test_json_nesting_measured_on_the_text_is_exact(value: Any, limit: int, ascii: bool, indent: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii, indent=1 if indent else None)
    assert _json_too_deep(text, limit) == (depth(value) > limit)


@given(json_values, st.integers(1, 6))
def test_json_nesting_limit_reported_as_before(value: Any, limit: int) -> None:
    text = json.dumps({"partnerships": [value]})
    try:
        read_text(text, "json", mtib.Limits(max_depth=limit))
    except mtib.DataError as exc:
        assert depth(json.loads(text)) > limit
        assert any("max_depth" in p.message for p in exc.problems)
    else:
        assert depth(json.loads(text)) <= limit


def test_releasing_plain_values_while_structuring_changes_nothing_else() -> None:
    def document() -> dict[str, Any]:
        return {
            "sources": [{"id": "s", "title": "S", "url": "https://example.org"}, {"id": "t"}],
            "partnerships": [{"id": "p", "name": "P", "sources": ["s"]}, 5],
            "missions": None,
        }

    kept: list[Problem] = []
    released: list[Problem] = []
    data = document()
    assert validation.structure_document(document(), "x", kept) == validation.structure_document(
        data, "x", released, release=True
    )
    assert kept == released != []
    assert data == {"sources": [None, None], "partnerships": [None, None], "missions": None}
