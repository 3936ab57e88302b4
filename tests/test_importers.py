"""The CORDIS and STIP Compass importers: fixtures in both layouts, the mapping, bad input, and the
imported datasets through the analyses, the report and the command line."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mtib
from mtib.analysis import frames, helix, matrices, tables
from mtib.analysis.graph import dataset_graph
from mtib.cli import main
from mtib.core.model import HelixSphere, HelixType, PartnershipKind, PartnershipStatus, Role
from mtib.io.importers import cordis, stip
from mtib.io.importers._tables import MAX_LISTED
from mtib.render.report import report_html

FIXTURES = Path(__file__).parent / "fixtures"
H2020 = FIXTURES / "cordis" / "h2020"
HORIZON = FIXTURES / "cordis" / "horizon"
STIP = FIXTURES / "stip" / "STIP_Survey.csv"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def zipped(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for name in ("project.csv", "organization.csv"):
            archive.write(folder / name, prefix + name)
    return target


def copy(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def problems_of(excinfo: pytest.ExceptionInfo[mtib.DataError]) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


# ------------------------------------------------------------------ CORDIS: the mapping


@pytest.fixture(scope="module")
def imported() -> mtib.Dataset:
    return cordis.load_cordis(H2020)


def test_projects_become_partnerships(imported: mtib.Dataset) -> None:
    p = imported.partnerships["cordis-900001"]
    assert p.kind is PartnershipKind.PROJECT and p.acronym == "AQUAPILOT"
    assert p.name == "Aquatic pilots; testing water sensing"  # a quoted ';'
    assert (p.period.start, p.period.end) == (2019, 2022) if p.period else False
    assert p.budget == mtib.Money(Decimal("1234567.5"))  # a decimal comma
    assert p.funding == mtib.Money(Decimal("1000000"))
    assert p.status is PartnershipStatus.ACTIVE and p.programme == "H2020"
    assert p.topics == ("SC5-01-2018",) and p.cordis_id == "900001" and p.doi == "10.9999/900001"
    assert p.topsectors == p.themes == p.missions == () and p.sdgs == ()
    assert p.sources == ("cordis-h2020",)
    assert p.description is None  # objectives only on request
    q = imported.partnerships["cordis-900002"]
    assert q.topics == ("LCE-01-2014", "LCE-02-2014") and q.funding == mtib.Money(Decimal("2000000.25"))
    assert q.status is PartnershipStatus.COMPLETED and q.doi is None
    assert imported.partnerships["cordis-900003"].budget is None  # an empty amount


def test_participants_roles_order_and_spheres(imported: mtib.Dataset) -> None:
    p = imported.partnerships["cordis-900001"]
    assert [(x.organisation, x.role, x.sphere) for x in p.participants] == [
        ("pic-999000001", Role.COORDINATOR, HelixSphere.ACADEMIA),
        ("tno", Role.PARTNER, HelixSphere.ACADEMIA),  # the bundled TNO, matched by name and country
        ("pic-999000004", Role.ASSOCIATED_PARTNER, HelixSphere.GOVERNMENT),  # order 3
        ("pic-999000003", Role.THIRD_PARTY, HelixSphere.INDUSTRY),  # order 4
    ]
    assert p.helix_type is HelixType.TRIPLE
    gridlab = imported.partnerships["cordis-900002"]
    assert gridlab.spheres == {HelixSphere.INDUSTRY, HelixSphere.ACADEMIA, HelixSphere.CIVIL_SOCIETY}


def test_organisations_one_per_pic(imported: mtib.Dataset) -> None:
    org = imported.organisations["pic-999000003"]
    assert org.name == "Sensoren; Meten & Weten B.V." and org.aliases == ("SMW",)
    assert (org.pic, org.country, org.nuts, org.sme) == ("999000003", "NL", "NL41", True)
    assert org.website == "https://smw.example.test/"
    assert imported.organisations["pic-999000001"].website == "http://www.example-university.test"
    assert imported.organisations["pic-999000007"].country == "GR"  # CORDIS writes EL
    assert "pic-999000002" not in imported.organisations  # it is the bundled TNO
    imported_orgs = [o for o in imported.organisations if o.id.startswith("pic-")]
    assert len(imported_orgs) == 6 and all(o.sources == ("cordis-h2020",) for o in imported_orgs)


def test_the_source_cites_the_download(imported: mtib.Dataset) -> None:
    source = imported.sources["cordis-h2020"]
    assert source.title == "CORDIS - EU research projects under Horizon 2020 (2014-2020)"
    assert source.publisher == "European Commission, CORDIS"
    assert source.url == "https://data.europa.eu/data/datasets/cordish2020projects"
    assert source.date is not None and source.kind is mtib.SourceKind.DATASET


def test_alone_nothing_is_matched() -> None:
    ds = cordis.load_cordis(H2020, bundled=False)
    assert "tno" not in ds.organisations and "pic-999000002" in ds.organisations
    assert len(ds.partnerships) == 3 and len(ds.topsectors) == 0


def test_same_pic_matches_a_bundled_organisation() -> None:
    base = mtib.load()
    tno = base.organisations["tno"]
    organisations = [attrs.evolve(o, pic="999000005") if o is tno else o for o in base.organisations]
    other = mtib.Dataset({**base.collections(), "organisations": organisations})
    records = cordis.read_cordis(H2020, base=other)
    gridlab = next(r for r in records if isinstance(r, mtib.Partnership) and r.id == "cordis-900002")
    assert gridlab.participants[0].organisation == "tno"  # the PIC decides, whatever the name


def test_country_keeps_projects_with_a_participant_there() -> None:
    ds = cordis.load_cordis(H2020, country="NL", bundled=False)
    assert sorted(ds.partnerships.ids()) == ["cordis-900001", "cordis-900002"]
    gridlab = ds.partnerships["cordis-900002"]
    assert "pic-999000005" in {p.organisation for p in gridlab.participants}  # the German one stays
    assert "pic-999000007" not in ds.organisations  # only in the Greek-led project
    assert sorted(cordis.load_cordis(H2020, country="EL", bundled=False).partnerships.ids()) == ["cordis-900003"]
    assert sorted(cordis.load_cordis(H2020, country="gr", bundled=False).partnerships.ids()) == ["cordis-900003"]


def test_an_empty_activity_type_is_a_problem_unless_placed(tmp_path: Path) -> None:
    folder = copy(H2020, tmp_path)
    _edit(folder, "organization.csv", "false;OTH;", "false;;")
    with pytest.raises(mtib.DataError, match="column 'activityType': no activity type"):
        cordis.read_cordis(folder)
    target = tmp_path / "out.json"
    code, _, err = run("import", "cordis", str(folder), "--alone", "--sphere", "=civil_society", "-o", str(target))
    assert code == 0, err
    assert mtib.load(target, bundled=False).organisations["pic-999000006"].sphere is HelixSphere.CIVIL_SOCIETY


def test_the_sphere_mapping_can_be_overridden() -> None:
    ds = cordis.load_cordis(H2020, bundled=False, spheres={"OTH": HelixSphere.INDUSTRY, "REC": "government"})
    assert ds.organisations["pic-999000006"].sphere is HelixSphere.INDUSTRY
    assert ds.organisations["pic-999000002"].sphere is HelixSphere.GOVERNMENT
    assert ds.organisations["pic-999000001"].sphere is HelixSphere.ACADEMIA  # the default for HES stays


def test_objectives_on_request() -> None:
    ds = cordis.load_cordis(H2020, bundled=False, objectives=True)
    text = ds.partnerships["cordis-900001"].description
    assert text is not None and text.en == 'A fixture objective with "quotes", a ; and\na second line.'


@pytest.mark.parametrize("prefix", ["", "csv/"])
def test_a_zip_and_the_two_files_give_the_same(tmp_path: Path, prefix: str) -> None:
    archive = zipped(H2020, tmp_path / "cordis-h2020projects-csv.zip", prefix)
    from_zip = cordis.read_cordis(archive, base=mtib.load())
    from_files = cordis.read_cordis([H2020 / "organization.csv", H2020 / "project.csv"], base=mtib.load())

    def uncited(records: tuple[mtib.core.model.Record, ...]) -> list[object]:
        # all but the Source, whose id differs; and without the citation of it
        return [
            (type(r), {k: v for k, v in attrs.asdict(r, recurse=False).items() if k != "sources"}) for r in records[1:]
        ]

    assert uncited(from_zip) == uncited(from_files)
    assert from_zip[0].id == "cordis-h2020projects-csv" and from_files[0].id == "cordis-h2020"


def test_the_horizon_europe_layout_and_two_downloads_together() -> None:
    ds = cordis.load_cordis([H2020, HORIZON])
    heat = ds.partnerships["cordis-900101"]
    assert heat.programme == "HORIZON" and heat.budget == mtib.Money(Decimal("4999999.99"))
    assert [p.organisation for p in heat.participants] == ["pic-999000008", "pic-999000001", "pic-999000009"]
    assert ds.sources["cordis-horizon"].title == "CORDIS - EU research projects under HORIZON EUROPE (2021-2027)"
    assert ds.organisations["pic-999000001"].sources == ("cordis-h2020", "cordis-horizon")
    assert ds.organisations["pic-999000008"].name == "Warmte Coöperatie Voorbeeld U.A."


def test_where_and_analyses_work_on_the_import(imported: mtib.Dataset) -> None:
    found = imported.partnerships.where(kind="project", sphere="industry", active_in=2021)
    assert [p.id for p in found if p.cordis_id] == ["cordis-900001"]
    assert [p.id for p in imported.partnerships.where(organisation="tno") if p.cordis_id] == ["cordis-900001"]
    assert len(imported.partnerships.where(sphere="industry")) > len(mtib.load().partnerships.where(sphere="industry"))
    projects = [p for p in imported.partnerships if p.cordis_id]
    comp = helix.composition(projects)
    assert comp.total == 3 and comp.count(HelixType.TRIPLE) == 1 and comp.count(HelixType.PARTIAL) == 2
    counts = helix.sphere_counts(projects)
    assert sum(counts.values()) == 3
    assert isinstance(
        helix.synergy(counts, [HelixSphere.INDUSTRY, HelixSphere.ACADEMIA, HelixSphere.GOVERNMENT]), float
    )
    for name in matrices.MATRICES:
        assert matrices.matrix(name, imported).rows is not None
    graph = dataset_graph(imported, kinds=["partnerships", "organisations"])
    assert graph.node("cordis-900001") is not None
    assert any(e.source == "cordis-900001" and e.target == "tno" for e in graph.edges)


def test_frames_and_csv_carry_the_new_fields(imported: mtib.Dataset) -> None:
    columns = [c.name for c in frames.schema("partnerships")]
    assert {"funding_amount", "funding_currency", "programme", "topics", "cordis_id", "doi"} <= set(columns)
    row = next(r for r in frames.rows("partnerships", imported) if r["id"] == "cordis-900002")
    assert row["funding_amount"] == 2000000.25 and row["topics"] == ["LCE-01-2014", "LCE-02-2014"]
    org = next(r for r in frames.rows("organisations", imported) if r["id"] == "pic-999000003")
    assert (org["pic"], org["nuts"], org["sme"]) == ("999000003", "NL41", True)
    flat = tables.flat_row(imported.partnerships["cordis-900002"])
    assert flat["topics"] == "LCE-01-2014;LCE-02-2014" and flat["programme"] == "H2020"
    part = [r for r in frames.rows("participants", imported) if r["partnership"] == "cordis-900001"]
    assert [r["role"] for r in part] == ["coordinator", "partner", "associated_partner", "third_party"]


def test_the_report_renders_the_import(imported: mtib.Dataset) -> None:
    html = report_html(imported)
    assert "<html" in html.lower() and str(len(imported.partnerships)) in html


def test_the_import_round_trips_through_a_data_file(tmp_path: Path) -> None:
    records = cordis.read_cordis([H2020, HORIZON], base=mtib.load())
    for name in ("out.json", "out.yaml"):
        mtib.dump(records, tmp_path / name)
        ds = mtib.load(tmp_path / name)
        assert ds == cordis.load_cordis([H2020, HORIZON])


# ------------------------------------------------------------------ CORDIS: bad input


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_bytes().decode("utf-8")
    assert old in text
    path.write_bytes(text.replace(old, new, 1).encode("utf-8"))


def test_bad_values_are_each_reported_with_row_and_column(tmp_path: Path) -> None:
    folder = copy(H2020, tmp_path)
    _edit(folder, "project.csv", "2015-05-01", "01/05/2015")
    _edit(folder, "project.csv", "2500000.00", "2.500.000")
    _edit(folder, "project.csv", "CLOSED", "PAUSED")
    _edit(folder, "organization.csv", "false;PUB;", "false;GOV;")
    _edit(folder, "organization.csv", ";associatedPartner;", ";observer;")
    with pytest.raises(mtib.DataError) as excinfo:
        cordis.read_cordis(folder)
    found = problems_of(excinfo)
    assert any("project.csv: row 3, column 'startDate': not a date: '01/05/2015'" in f for f in found), found
    assert any("row 3, column 'totalCost': not an amount: '2.500.000'" in f for f in found), found
    assert any("row 3, column 'status': unknown status 'PAUSED'" in f for f in found), found
    assert any("organization.csv: row 5, column 'activityType': unknown activity type 'GOV'" in f for f in found)
    assert any("row 5, column 'role': unknown role 'observer'" in f for f in found), found
    assert "nothing imported" in str(excinfo.value)


def test_a_missing_column_and_a_file_of_another_kind(tmp_path: Path) -> None:
    folder = copy(H2020, tmp_path)
    _edit(folder, "organization.csv", ";activityType;", ";kind;")
    with pytest.raises(mtib.DataError) as excinfo:
        cordis.read_cordis(folder)
    assert any("row 1: missing column 'activityType'" in f for f in problems_of(excinfo))
    other = tmp_path / "other"
    other.mkdir()
    (other / "project.csv").write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    (other / "organization.csv").write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(mtib.DataError) as excinfo:
        cordis.read_cordis(other)
    found = problems_of(excinfo)
    assert len(found) == 2 and "organization.csv: row 1: not an organization.csv of CORDIS" in found[0], found
    assert "project.csv: row 1: not a project.csv of CORDIS" in found[1] and "one column" in found[1]
    with pytest.raises(mtib.DataError, match="not a readable zip file"):
        cordis.read_cordis(_write(tmp_path / "fake.zip", b"PK no zip"))
    with zipfile.ZipFile(tmp_path / "half.zip", "w") as archive:
        archive.write(H2020 / "project.csv", "project.csv")
    with pytest.raises(mtib.DataError, match=r"holds no organization\.csv"):
        cordis.read_cordis(tmp_path / "half.zip")
    with pytest.raises(mtib.DataError, match=r"give the CORDIS organization\.csv as well"):
        cordis.read_cordis(H2020 / "project.csv")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_broken_quote_and_a_mixed_encoding(tmp_path: Path) -> None:
    folder = copy(H2020, tmp_path)
    _edit(folder, "project.csv", '"Aquatic pilots; testing water sensing"', '"Aquatic pilots; testing" water sensing"')
    with pytest.raises(mtib.DataError) as excinfo:
        cordis.read_cordis(folder)
    assert any("project.csv: row 2: the file cannot be read past line 2" in f for f in problems_of(excinfo))

    folder = copy(HORIZON, tmp_path / "second")
    path = folder / "organization.csv"
    path.write_bytes(path.read_bytes().replace("Coöperatie".encode(), "Coöperatie".encode("latin-1")))
    with pytest.raises(mtib.DataError) as excinfo:
        cordis.read_cordis(folder)
    assert problems_of(excinfo) == [
        f"{path}: row 3, column 'name': bytes that are not UTF-8: the file mixes encodings (save it as UTF-8)"
    ]


def test_an_unclosed_quote_at_the_end_is_reported(tmp_path: Path) -> None:
    folder = copy(H2020, tmp_path)
    path = folder / "project.csv"
    path.write_bytes(path.read_bytes() + b'900004;X;SIGNED;"never closed;2020-01-01\n')
    with pytest.raises(mtib.DataError) as excinfo:
        cordis.read_cordis(folder)
    assert any("cannot be read past line" in f and "row 5" in f for f in problems_of(excinfo)), problems_of(excinfo)


def test_the_problems_are_capped_with_the_total(tmp_path: Path) -> None:
    folder = copy(H2020, tmp_path)
    path = folder / "project.csv"
    row = "8{:05d};X;SIGNED;T;soon;2020-01-01;1;1;;T;H2020;;;;;;;;\n"
    path.write_bytes(path.read_bytes() + "".join(row.format(i) for i in range(300)).encode())
    with pytest.raises(mtib.DataError) as excinfo:
        cordis.read_cordis(folder)
    assert len(excinfo.value.problems) == MAX_LISTED
    assert str(excinfo.value).startswith(f"300 problems in the CORDIS files (the first {MAX_LISTED} listed)")


def test_with_a_country_each_problem_is_told_once(tmp_path: Path) -> None:
    folder = copy(H2020, tmp_path)
    _edit(folder, "organization.csv", ";associatedPartner;", ";associatedPartner;extra;")
    with pytest.raises(mtib.DataError) as excinfo:
        cordis.read_cordis(folder, country="NL")
    assert len(problems_of(excinfo)) == 1 and "row 5: the row has 24 fields" in problems_of(excinfo)[0]
    _edit(folder, "organization.csv", ";activityType;", ";kind;")
    with pytest.raises(mtib.DataError) as excinfo:
        cordis.read_cordis(folder, country="NL")
    assert len(problems_of(excinfo)) == 1 and "missing column 'activityType'" in problems_of(excinfo)[0]


def test_rows_that_end_in_a_delimiter_are_read(tmp_path: Path) -> None:
    folder = copy(HORIZON, tmp_path)
    path = folder / "project.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], *(line + ";" for line in lines[1:])]) + "\n", encoding="utf-8")
    path = folder / "organization.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\n".join([lines[0] + ";", *lines[1:]]) + "\n", encoding="utf-8")
    records = cordis.read_cordis(folder)
    assert sum(isinstance(r, mtib.Partnership) for r in records) == 1


def test_a_bad_country_code() -> None:
    with pytest.raises(mtib.DataError, match="not a country code"):
        cordis.read_cordis(H2020, country="Netherlands")


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False), st.booleans())
def test_amounts_read_back_equal_with_comma_or_point(amount: Decimal, comma: bool) -> None:
    text = f"{amount:f}".replace(".", ",") if comma else f"{amount:f}"
    got = cordis._amount(text)
    assert isinstance(got, Decimal) and got == amount


# ------------------------------------------------------------------ STIP Compass


@pytest.fixture(scope="module")
def survey() -> mtib.Dataset:
    return stip.load_stip(STIP)


def test_initiatives_with_instruments_themes_and_groups(survey: mtib.Dataset) -> None:
    assert sorted(survey.initiatives.ids()) == ["stip-2021-90001", "stip-2021-90002", "stip-2021-90003"]
    i = survey.initiatives["stip-2021-90001"]
    assert i.country == "NLD" and i.name == "Fixture mission policy"
    assert i.uri == "http://stip.oecd.org/2021/data/policyInitiatives/90001"
    assert (
        i.description is not None
        and i.description.en == 'A made-up initiative; with a | pipe,\na second line and "quotes".'
    )
    assert (i.period.start, i.period.end) == (2019, None) if i.period else False
    assert i.budget_range == "1M-5M"
    assert i.instruments == ("Grants for business R&D and innovation", "Networking and collaborative platforms")
    assert [(t.code, t.label) for t in i.themes] == [
        ("TH31", "Financial support to business R&D and innovation"),
        ("TH32", "Non-financial support to business R&D and innovation"),  # from the second instrument
        ("TH91", "Mission-oriented innovation policies"),
    ]
    assert [t.code for t in i.target_groups] == ["TG9", "TG18"]
    assert i.tags == ("missions", "societal challenges", "networks")
    assert survey.initiatives["stip-2021-90003"].instruments == ()
    source = survey.sources["stip-survey"]
    assert source.url == stip.DATA_LAB and i.sources == ("stip-survey",)


def test_initiatives_where(survey: mtib.Dataset) -> None:
    mission = stip.initiatives_where(survey, theme="TH91", country="NLD")
    assert [i.id for i in mission] == ["stip-2021-90001", "stip-2021-90003"]
    assert [
        i.id for i in stip.initiatives_where(survey, theme="mission-oriented innovation policies", active_in=2020)
    ] == ["stip-2021-90001"]
    assert [i.id for i in stip.initiatives_where(survey, target_group="TG18", country="DEU")] == ["stip-2021-90002"]
    only = stip.load_stip(STIP, country="nld", bundled=False)
    assert sorted(only.initiatives.ids()) == ["stip-2021-90001", "stip-2021-90003"]


def test_stip_frames_csv_and_round_trip(survey: mtib.Dataset, tmp_path: Path) -> None:
    row = next(r for r in frames.rows("initiatives", survey) if r["id"] == "stip-2021-90001")
    assert row["themes"] == ["TH31", "TH32", "TH91"] and row["period_start"] == 2019
    assert tables.flat_row(survey.initiatives["stip-2021-90002"])["themes"] == "TH31"
    mtib.dump(stip.read_stip(STIP), tmp_path / "s.json")
    again = mtib.load(tmp_path / "s.json")
    assert again.initiatives == survey.initiatives
    assert again.search("Fixture mission policy")[0].id == "stip-2021-90001"


def test_stip_bad_input(tmp_path: Path) -> None:
    text = STIP.read_text(encoding="utf-8-sig")
    bad = text.replace("|2015|2020|", "|2015|twenty|").replace("|1|0|0|0|1|", "|1|0|2|0|1|")
    bad = bad.replace("policyInitiatives/90003", "elsewhere/90003")
    path = tmp_path / "STIP_Survey.csv"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(mtib.DataError) as excinfo:
        stip.read_stip(path)
    found = problems_of(excinfo)
    assert any("row 5, column 'EndDateYear': not a year: 'twenty'" in f for f in found), found
    assert any("row 5, column 'TH91': expected 1, 0 or nothing, got '2'" in f for f in found), found
    assert any("row 6, column 'InitiativeID': not the URI of a STIP Compass initiative" in f for f in found), found
    path.write_text(text.replace("StartDateYear", "Start"), encoding="utf-8")
    with pytest.raises(mtib.DataError, match="missing column 'StartDateYear'"):
        stip.read_stip(path)
    with pytest.raises(mtib.DataError, match="not a STIP Compass file"):
        stip.read_stip(H2020 / "project.csv")
    path.write_bytes(STIP.read_bytes().replace(b"Germany", "Deutschland \xe4".encode("latin-1")))
    with pytest.raises(mtib.DataError, match="mixes encodings"):
        stip.read_stip(path)


# ------------------------------------------------------------------ the command line


def test_cli_import_cordis_then_every_command_reads_it(tmp_path: Path) -> None:
    archive = zipped(H2020, tmp_path / "cordis-h2020projects-csv.zip")
    out_file = tmp_path / "h2020-nl.json"
    code, out, err = run("import", "cordis", str(archive), "--country", "NL", "-o", str(out_file))
    assert code == 0, err
    assert out == f"imported 2 projects, 5 organisations and 1 source to {out_file}\n"
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert [p["id"] for p in data["partnerships"]] == ["cordis-900001", "cordis-900002"]
    code, out, err = run("helix", "--data", str(out_file), "--format", "json")
    assert code == 0, err
    code, out, err = run("partnerships", "--data", str(out_file), "--sphere", "civil_society", "--active-in", "2016")
    assert code == 0 and "cordis-900002" in out and "cordis-900001" not in out
    code, out, err = run("report", "--data", str(out_file), "-o", str(tmp_path / "r.html"))
    assert code == 0, err
    code, out, err = run("export", "--data", str(out_file), "--format", "csv", "-o", str(tmp_path / "csv"))
    assert code == 0, err
    assert "cordis-900001" in (tmp_path / "csv" / "partnerships.csv").read_text(encoding="utf-8")
    code, out, err = run("import", "cordis", str(archive), "-o", str(out_file))
    assert code == 1 and "exists" in err and "--force" in err


def test_cli_import_options_and_mistakes(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    code, _, err = run("import", "cordis", str(H2020), "--alone", "--sphere", "OTH=industry", "-o", str(target))
    assert code == 0, err
    ds = mtib.load(target, bundled=False)
    assert ds.organisations["pic-999000006"].sphere is HelixSphere.INDUSTRY and "pic-999000002" in ds.organisations
    code, _, err = run("import", "cordis", str(H2020), "--sphere", "OTH", "-o", str(tmp_path / "y.json"))
    assert code == 2 and "TYPE=SPHERE" in err
    folder = copy(H2020, tmp_path)
    _edit(folder, "project.csv", "2019-01-01", "2019-13-01")
    code, _, err = run("import", "cordis", str(folder), "-o", str(tmp_path / "z.json"))
    assert code == 1 and "column 'startDate': not a date" in err and "Traceback" not in err
    assert not (tmp_path / "z.json").exists()  # nothing half written


def test_cli_import_stip(tmp_path: Path) -> None:
    target = tmp_path / "stip.json"
    code, out, err = run("import", "stip", str(STIP), "--country", "NLD", "-o", str(target))
    assert code == 0 and out == f"imported 2 initiatives and 1 source to {target}\n", err
    code, out, err = run("list", "initiatives", "--data", str(target))
    assert code == 0 and "stip-2021-90001" in out and "stip-2021-90002" not in out
    code, out, err = run("show", "stip-2021-90001", "--data", str(target))
    assert code == 0 and "Fixture mission policy" in out, err


# ------------------------------------------------------------------ round trip of any text


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")) | st.sampled_from(';"\n|¬'),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() == t and t.strip() != "")


@given(
    st.lists(st.tuples(_TEXT, _TEXT, st.sampled_from(list(cordis.DEFAULT_SPHERES))), min_size=1, max_size=6),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
)
def test_any_text_and_amount_read_back_as_written(orgs: list[tuple[str, str, str]], cost: Decimal) -> None:
    import csv
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        title = " ; ".join(name for name, _, _ in orgs)
        with (folder / "project.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter=";", lineterminator="\n")
            writer.writerow(cordis.PROJECT_COLUMNS)
            amount = f"{cost:f}".replace(".", ",")
            writer.writerow(
                ["1", orgs[0][1], "SIGNED", title, "2020-01-01", "2021-12-31", amount, amount, "T1", "H2020"]
            )
        with (folder / "organization.csv").open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            writer.writerow([*cordis.ORGANISATION_COLUMNS, "shortName", "order"])
            for k, (name, short, activity) in enumerate(orgs):
                role = "coordinator" if k == 0 else "participant"
                writer.writerow(["1", f"{100000000 + k}", name, activity, "NL", role, short, str(k + 1)])
        ds = cordis.load_cordis(folder, bundled=False)
    p = ds.partnerships["cordis-1"]
    assert p.name == title and p.budget == mtib.Money(cost) and p.acronym == orgs[0][1]
    assert [ds.organisations[x.organisation].name for x in p.participants] == [name for name, _, _ in orgs]
    assert [x.sphere for x in p.participants] == [cordis.DEFAULT_SPHERES[a] for _, _, a in orgs]


@given(
    st.lists(
        st.tuples(_TEXT, _TEXT, st.lists(_TEXT.filter(lambda t: "¬" not in t), max_size=3)), min_size=1, max_size=4
    ),
    st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_any_stip_text_reads_back_as_written(items: list[tuple[str, str, list[str]]], ticks: list[bool]) -> None:
    import csv
    import tempfile

    header = [*stip.COLUMNS, "ShortDescription", "Tags", "TH1", "TH2", "TG1"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "STIP_Survey.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter="|", lineterminator="\n")
            writer.writerow(header)
            writer.writerow(["ID", "Code", "Name", "Start", "End", "Instrument", "Text", "Tags", "A", "B", "C"])
            for k, (name, text, tags) in enumerate(items):
                uri = f"http://stip.oecd.org/2023/data/policyInitiatives/{k + 1}"
                cells = ["1" if t else "0" for t in ticks]
                writer.writerow([uri, "NLD", name, "2020", "", text, text, "¬".join(tags), *cells])
        ds = stip.load_stip(path, bundled=False)
    for k, (name, text, tags) in enumerate(items):
        i = ds.initiatives[f"stip-2023-{k + 1}"]
        assert (i.name, i.instruments, i.tags) == (name, (text,), tuple(dict.fromkeys(tags)))
        assert i.description is not None and i.description.en == text
        codes = [c for c, t in zip(("TH1", "TH2"), ticks[:2], strict=True) if t]
        assert [(t.code, t.label) for t in i.themes] == [(c, {"TH1": "A", "TH2": "B"}[c]) for c in codes]
        assert [t.code for t in i.target_groups] == (["TG1"] if ticks[2] else [])


def test_an_import_as_parquet_tables_reads_back_in_duckdb(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    folder = tmp_path / "h2020.parquet"
    code, out, err = run("import", "cordis", str(H2020), "--alone", "-o", str(folder))
    assert code == 0 and "Parquet tables" in out, err
    ds = cordis.load_cordis(H2020, bundled=False)
    con = duckdb.connect()
    from mtib.analysis.frames import rows as table_rows

    for kind in ("partnerships", "organisations", "sources", "participants", "sdg_links"):
        (count,) = con.execute(f"select count(*) from read_parquet('{folder / (kind + '.parquet')}')").fetchone()
        assert count == len(table_rows(kind, ds)), kind
    assert len(table_rows("participants", ds)) == sum(len(p.participants) for p in ds.partnerships) > 0
    joined = con.execute(
        f"select p.partnership, o.name, p.sphere from read_parquet('{folder / 'participants.parquet'}') p "
        f"join read_parquet('{folder / 'organisations.parquet'}') o on o.id = p.organisation"
    ).fetchall()
    assert len(joined) == sum(len(p.participants) for p in ds.partnerships)
    assert {sphere for _, _, sphere in joined} <= {s.value for s in mtib.HelixSphere}
