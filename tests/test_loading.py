"""The strict loader: user files on top of the bundled data, every problem at once, nothing lost."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import mtib
from mtib import DataError
from tests.conftest import MINIMAL

Write = Callable[..., Path]


def errors(path: Path, **kwargs: object) -> list[tuple[str, str]]:
    with pytest.raises(DataError) as info:
        mtib.load(path, **kwargs)  # type: ignore[arg-type]
    return [(p.path, p.message) for p in info.value.problems]


def test_user_file_loads_on_top_of_bundled(write: Write, ds: mtib.Dataset) -> None:
    mine = mtib.load(write(MINIMAL))
    assert len(mine.partnerships) == len(ds.partnerships) + 1
    p = mine.partnerships["my-ppp"]
    assert p.spheres == {mtib.HelixSphere.ACADEMIA, mtib.HelixSphere.CIVIL_SOCIETY}
    assert p.budget == mtib.Money(__import__("decimal").Decimal(1500000), "EUR")
    assert mine.partnerships.where(organisation="my-org") == (p,)
    assert p in mine.partnerships_of("energie")
    # the bundled dataset is untouched and still cached
    assert "my-ppp" not in mtib.load().partnerships
    assert mtib.load() is ds


def test_user_file_alone(write: Write) -> None:
    text = (
        MINIMAL.replace('"tno"', '"my-org"').replace('["energie", "lsh"]', "[]").replace('["energietransitie"]', "[]")
    )
    alone = mtib.load(write(text), bundled=False)
    assert alone.counts()["partnerships"] == 1
    assert alone.counts()["topsectors"] == 0
    # refers to a bundled id: fails alone
    assert ("$.partnerships[0].participants[0].organisation", "unknown organisation 'tno'") in errors(
        write(MINIMAL, "again.yaml"), bundled=False
    )


def test_every_problem_is_reported_with_its_path(write: Write, ds: mtib.Dataset) -> None:
    bad = write(
        """
        sources:
          - {id: "s1", title: "T", url: "ftp://x"}
          - {id: "s1", title: "T2", url: "https://example.org/2"}
        organisations:
          - {id: "o1", name: yes, sphere: "goverment"}
          - {id: "o2", name: "Two", sphere: "industry", colour: "red"}
        partnerships:
          - id: "p1"
            name: "P"
            topsectors: ["lsh", "watr"]
            themes: "gezondheid-zorg"
            sdgs: [{goal: 3, target: "3.333"}, {goal: 18}]
            participants: [{organisation: "o9", role: "partner"}]
            period: {start: 2024, end: 2020}
            budget: {amount: -5, currency: "EUR"}
            sources: ["s1"]
          - {id: "P 2", name: "Q", topsectors: [], themes: [], sdgs: [], participants: [], sources: []}
          - {id: "p3", name: "R"}
        """
    )
    found = errors(bad)
    paths = [p for p, _ in found]
    messages = dict(found)
    assert messages["$.sources[0].url"].startswith("not a web address")
    assert messages["$.sources[1].id"].startswith("duplicate id 's1'")
    assert "boolean" in messages["$.organisations[0].name"]
    assert messages["$.organisations[0].sphere"].startswith("unknown value 'goverment' (did you mean 'government'?)")
    assert messages["$.organisations[1].colour"].startswith("unknown key 'colour'")
    assert messages["$.partnerships[0].themes"] == "expected a list, got the string 'gezondheid-zorg'"
    assert "malformed SDG target" in messages["$.partnerships[0].sdgs[0]"]
    assert "1-17" in messages["$.partnerships[0].sdgs[1]"]
    assert "before start" in messages["$.partnerships[0].period"]
    assert "negative" in messages["$.partnerships[0].budget"]
    assert messages["$.partnerships[1].sources"] == "needs at least one source"
    assert messages["$.partnerships[1].id"].startswith("malformed id 'P 2'")
    for field in ("topsectors", "themes", "sdgs", "participants", "sources"):
        assert f"$.partnerships[2].{field}" in paths
    # nothing was lost: the bundled data is as it was
    assert mtib.load() is ds
    assert "p1" not in ds.partnerships


def test_dangling_references_suggest_the_right_id(write: Write) -> None:
    text = MINIMAL.replace('"lsh"]', '"watr"]').replace('"tno"', '"tnoo"').replace('"7.2"', '"7.9"')
    found = dict(errors(write(text)))
    assert found["$.partnerships[0].topsectors[1]"] == "unknown topsector 'watr' (did you mean 'water'?)"
    assert (
        found["$.partnerships[0].participants[0].organisation"] == "unknown organisation 'tnoo' (did you mean 'tno'?)"
    )
    assert found["$.partnerships[0].sdgs[0].target"] == "unknown SDG target '7.9'"


def test_ids_must_not_clash_with_bundled_ids(write: Write) -> None:
    found = errors(write(MINIMAL.replace('"my-ppp"', '"momentum"')))
    assert found[0][0] == "$.partnerships[0].id"
    assert found[0][1] == "duplicate id 'momentum' (already used in the bundled dataset, in partnerships)"


def test_problems_name_their_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL)
    (tmp_path / "b.json").write_text(
        json.dumps({"organisations": [{"id": "my-org", "name": "X", "sphere": "industry"}]})
    )
    with pytest.raises(DataError) as info:
        mtib.load(tmp_path)
    (problem,) = info.value.problems
    assert problem.file == str(tmp_path / "b.json")
    assert problem.path == "$.organisations[0].id"


def test_directory_and_json_load(tmp_path: Path, write: Write) -> None:
    import yaml

    (tmp_path / "sub").mkdir()
    data = yaml.safe_load(MINIMAL)
    (tmp_path / "sub" / "mine.json").write_text(json.dumps(data))
    assert "my-ppp" in mtib.load(tmp_path).partnerships


@pytest.mark.parametrize(
    ("text", "path", "fragment"),
    [
        ("[1, 2]", "$", "the top level must be a mapping"),
        ("partnership: []", "$.partnership", "did you mean 'partnerships'"),
        ("partnerships: {id: x}", "$.partnerships", "expected a list of records"),
        ("partnerships: [5]", "$.partnerships[0]", "expected a mapping"),
        ("events: [{id: e, title: {en: x}, date: 2023-02-29}]", "$.events[0].date", "day is out of range"),
        ("events: [{id: e, title: {en: x}, date: 2023-02-01T10:00:00}]", "$.events[0].date", "without a time"),
        ("events: [{id: e, title: {en: x}, year: '1953'}]", "$.events[0].year", "expected a whole number"),
        ("sources: [{id: s, title: t, url: 'https://x.org', language: NO}]", "$.sources[0].language", "boolean"),
        ("sources: [{id: s, title: t}]", "$.sources[0].url", "missing required field"),
        ("organisations: [{id: o, name: n}]", "$.organisations[0].sphere", "missing required field"),
        ("facts: [{id: f, topic: t, statement: {en: x}, value: .nan, sources: []}]", "$.facts[0].value", "finite"),
        (
            "partnerships: [{id: p, name: n, topsectors: [], themes: [], sdgs: [], participants: "
            "[{organisation: tno, sphere: industry}], sources: [mtib-note]}]",
            "$.partnerships[0].participants[0].sphere",
            "comes from its organisation",
        ),
        (
            "partnerships: [{id: p, name: n, topsectors: [lsh, lsh], themes: [], sdgs: [], participants: [], "
            "sources: [mtib-note], budget: {amount: 5, currency: XYZ}}]",
            "$.partnerships[0].budget",
            "unknown currency 'XYZ'",
        ),
        (
            "instruments: [{id: i, name: {nl: x}, kind: allowance, rates: [{percent: 130}], sources: [mtib-note]}]",
            "$.instruments[0].rates[0]",
            "0 to 100",
        ),
        ("instruments: [{id: i, name: {nl: x}, kind: grant}]", "$.instruments[0].kind", "expected one of allowance"),
        ("instruments: [{id: i, name: {nl: x}, kind: loan, successor: pps}]", "$.instruments[0].successor", "'pps'"),
        ("instruments: [{id: i, name: {nl: x}, kind: loan, funders: [ezk]}]", "$.instruments[0].funders[0]", "ezk"),
        (
            "covenants: [{id: k, name: {nl: x}, commitment: {amount: 5}}]",
            "$.covenants[0]",
            "'commitment' and 'commitment_year' together",
        ),
        ("agendas: [{id: a, name: {nl: x}, covenant: kic-2030}]", "$.agendas[0].covenant", "unknown covenant"),
        ("agendas: [{id: a, name: {nl: x}, themes: [zorg]}]", "$.agendas[0].themes[0]", "unknown theme"),
        ("agendas: [{id: a, name: {nl: x}, parent: kic-2020-2023}]", "$.agendas[0].parent", "unknown agenda"),
    ],
)
def test_specific_mistakes(write: Write, text: str, path: str, fragment: str) -> None:
    found = errors(write(text))
    assert any(p == path and fragment in m for p, m in found), found


def test_duplicate_list_entries(write: Write) -> None:
    text = MINIMAL.replace('["energie", "lsh"]', '["energie", "energie"]')
    assert ("$.partnerships[0].topsectors[1]", "'energie' is listed twice") in errors(write(text))


def test_missing_path_and_bad_suffix(tmp_path: Path) -> None:
    assert errors(tmp_path / "nope.yaml") == [("$", "no such file or directory")]
    (tmp_path / "x.txt").write_text("a: 1")
    assert "unsupported file type" in errors(tmp_path / "x.txt")[0][1]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no .yaml" in errors(empty)[0][1]


def test_limits_are_configurable(write: Write) -> None:
    path = write(MINIMAL)
    found = errors(path, limits=mtib.Limits(max_bytes=100))
    assert "max_bytes" in found[0][1]


def test_round_trip_of_the_bundled_dataset(tmp_path: Path, ds: mtib.Dataset) -> None:
    for name in ("all.yaml", "all.json"):
        target = mtib.dump(ds, tmp_path / name)
        assert mtib.load(target, bundled=False) == ds


def test_dump_does_not_overwrite_unless_asked(tmp_path: Path, ds: mtib.Dataset) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("keep me")
    note = ds.sources["mtib-note"]
    with pytest.raises(FileExistsError):
        mtib.dump(note, target)
    assert target.read_text() == "keep me"
    mtib.dump(note, target, overwrite=True)
    assert mtib.load(target, bundled=False).sources.records == (note,)


def test_dumped_participants_have_no_sphere(ds: mtib.Dataset) -> None:
    text = mtib.dumps(ds.partnerships["momentum"])
    assert "sphere" not in text
    assert "organisation: zonmw" in text


def test_concurrent_first_load_happens_once() -> None:
    import mtib.io.bundle as bundle
    import mtib.io.loading as loading

    saved = loading._bundled
    loading._bundled = None
    calls = []
    original = bundle.read_bundle

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    bundle.read_bundle = counting  # type: ignore[assignment]
    try:
        results: list[mtib.Dataset] = []
        barrier = threading.Barrier(8)

        def work() -> None:
            barrier.wait()
            results.append(mtib.load())

        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(calls) == 1
        assert len(results) == 8
        assert all(r is results[0] for r in results)
    finally:
        bundle.read_bundle = original
        if saved is not None:
            loading._bundled = saved


def test_participants_get_spheres_from_other_files(tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load(MINIMAL)
    (tmp_path / "a-partnerships.yaml").write_text(
        yaml.safe_dump({"sources": data["sources"], "partnerships": data["partnerships"]})
    )
    (tmp_path / "b-organisations.yaml").write_text(yaml.safe_dump({"organisations": data["organisations"]}))
    p = mtib.load(tmp_path).partnerships["my-ppp"]
    assert [x.sphere for x in p.participants] == [mtib.HelixSphere.ACADEMIA, mtib.HelixSphere.CIVIL_SOCIETY]


def test_a_file_may_write_sdg_links_and_participants_short(write: Callable[..., Path]) -> None:
    path = write(
        """
        partnerships:
          - id: "short"
            name: "Short"
            topsectors: ["water"]
            themes: []
            sdgs: [3, "6.1", {goal: "7"}]
            participants: ["deltares", "tno:coordinator"]
            sources: ["mtib-note"]
        """
    )
    p = mtib.load(path).partnerships["short"]
    assert [link.code for link in p.sdgs] == ["3", "6.1", "7"]
    assert [(x.organisation, x.role.value) for x in p.participants] == [("deltares", "partner"), ("tno", "coordinator")]
    assert all(x.sphere is not None for x in p.participants)


def test_refused_shorthand_says_what_is_accepted(write: Callable[..., Path]) -> None:
    path = write(
        """
        partnerships:
          - {id: "p", name: "P", topsectors: [], themes: [], sdgs: [{goal: 6, target: 6.1}, "six", 18],
             participants: [5], sources: ["mtib-note"]}
        """
    )
    found = dict(errors(path))
    assert found["$.partnerships[0].sdgs[0].target"].endswith("quote it, as in '6.1'")
    assert "a goal number or a target code, such as 3 or '6.1'" in found["$.partnerships[0].sdgs[1]"]
    assert found["$.partnerships[0].sdgs[2]"] == "SDG goal must be 1-17, got 18"
    assert "an organisation id, or 'id:role'" in found["$.partnerships[0].participants[0]"]


def test_a_reference_by_name_is_told_the_id(write: Callable[..., Path]) -> None:
    path = write(
        """
        partnerships:
          - {id: "p", name: "P", topsectors: ["Life Sciences & Health"], themes: [], sdgs: [],
             participants: ["Deltares"], sources: ["mtib-note"]}
        """
    )
    found = dict(errors(path))
    ds = mtib.load()
    lsh = ds.topsectors.lookup("Life Sciences & Health")
    assert found["$.partnerships[0].topsectors[0]"].startswith(
        f"unknown topsector 'Life Sciences & Health' (did you mean {lsh.id!r}"
    )
    assert repr(ds.organisations.lookup("Deltares").id) in found["$.partnerships[0].participants[0].organisation"]


def test_a_bundled_record_is_corrected_only_when_asked(write: Callable[..., Path]) -> None:
    ds = mtib.load()
    old = ds.organisations["tno"]
    path = write(
        f"""
        organisations:
          - {{id: "tno", name: "TNO (corrected)", sphere: "{old.sphere.value}", sources: ["mtib-note"]}}
        """
    )
    found = errors(path)
    assert found[0][0] == "$.organisations[0].id" and "duplicate id 'tno'" in found[0][1]
    mine = mtib.load(path, replace=True)
    assert mine.organisations["tno"].name == "TNO (corrected)" and mine.replaced == ("tno",)
    assert mine.organisations.ids() == ds.organisations.ids()  # in the bundled record's place
    assert len(mine.partnerships.where(organisation="tno")) == len(ds.partnerships.where(organisation="tno"))
    assert mtib.load().organisations["tno"] is old  # the bundled dataset is as it was
    other_kind = write('sources: [{id: "tno", title: "T", url: "https://example.org"}]', "other.yaml")
    assert "duplicate id 'tno'" in errors(other_kind, replace=True)[0][1]  # only a record of the same kind


def test_a_file_with_mistakes_of_every_kind_gives_them_all_in_one_pass(write: Callable[..., Path]) -> None:
    path = write(
        """
        sources:
          - {id: "s1", title: "S", url: "example.org/page"}
        partnerships:
          - id: "p1"
            name: "P"
            topsectors: ["lsh", "lsh"]
            themes: []
            sdgs: [3]
            participants: ["tno"]
            budget: {amount: 5, currency: "euro"}
            status: "running"
            website: "javascript:alert(1)"
            sources: ["s1"]
        """
    )
    found = dict(errors(path))
    assert set(found) == {
        "$.sources[0].url",
        "$.partnerships[0].topsectors[1]",
        "$.partnerships[0].budget",
        "$.partnerships[0].status",
        "$.partnerships[0].website",
    }
    assert "unknown currency 'euro'" in found["$.partnerships[0].budget"]
    assert "unknown value 'running'" in found["$.partnerships[0].status"]


def _problems_of_one(tmp_path: Path, sdgs: str, participants: str) -> list[mtib.Problem]:
    """The problems of one partnership whose SDG links and participants are written as given."""
    path = tmp_path / "one.yaml"
    path.write_text(
        'partnerships:\n  - id: "qa"\n    name: "QA"\n    topsectors: ["lsh"]\n    themes: ["gezondheid-zorg"]\n'
        f'    sdgs: {sdgs}\n    participants: {participants}\n    sources: ["mtib-note"]\n'
    )
    with pytest.raises(mtib.DataError) as info:
        mtib.load(path)
    return list(info.value.problems)


def test_short_form_values_have_their_references_checked_with_every_other_problem(tmp_path: Path) -> None:
    found = {p.path: p.message for p in _problems_of_one(tmp_path, '[18, "3.99"]', '["nobody", "ZonMw:funder"]')}
    assert found["$.partnerships[0].sdgs[0]"].startswith("SDG goal must be 1-17")
    assert found["$.partnerships[0].sdgs[1].target"] == "unknown SDG target '3.99'"
    assert found["$.partnerships[0].participants[0].organisation"].startswith("unknown organisation 'nobody'")
    assert "did you mean 'zonmw'" in found["$.partnerships[0].participants[1].organisation"]


def test_an_organisation_in_one_role_and_an_sdg_are_listed_once(tmp_path: Path) -> None:
    problems = _problems_of_one(
        tmp_path, '[3, "6.1", {goal: 3, target: "3.9"}, 3]', '["tno", "tno:coordinator", " tno"]'
    )
    assert {(p.path, p.message) for p in problems} == {
        ("$.partnerships[0].sdgs[3]", "SDG 3 is listed twice"),
        ("$.partnerships[0].participants[2]", "'tno' as partner is listed twice"),
    }
    twice = (mtib.SDGLink(goal=3), mtib.SDGLink(goal=3))
    with pytest.raises(ValueError, match="listed twice"):  # the same rule when built in Python
        mtib.Partnership(id="p", name="P", sdgs=twice, sources=("s",))
