"""CORDIS project downloads read into partnerships, organisations and their participants.

CORDIS, the EU's record of the research and innovation projects it funds,
publishes one download per framework programme (``cordis-h2020projects-csv.zip``,
``cordis-HORIZONprojects-csv.zip``). Two of its files are read here:
``project.csv`` (one row per project) and ``organization.csv`` (one row per
participation of an organisation in a project), both ``;``-separated UTF-8.
The mapping (see ``docs/guide/cordis.md``):

* each project becomes a :class:`~mtib.Partnership` of kind ``project``, id
  ``cordis-<id>``, with its period (the years of ``startDate``/``endDate``),
  status (``SIGNED`` active, ``CLOSED`` and ``TERMINATED`` completed), total cost
  as ``budget``, EU contribution as ``funding``, framework programme, topics,
  CORDIS id and grant DOI, and no topsectors, themes, missions or SDGs;
* each organisation (one per PIC, ``organisationID``) becomes an
  :class:`~mtib.Organisation` ``pic-<PIC>`` with its name, short name (as an
  alias), country (ISO 3166: CORDIS's ``EL`` and ``UK`` become ``GR`` and ``GB``),
  NUTS code, website, SME flag and PIC, placed in a helix sphere by its
  ``activityType`` (:data:`DEFAULT_SPHERES`, which the caller can override);
  where a bundled organisation is the same (the same PIC, or the same
  normalised name and country) the participant refers to the bundled one;
* each participation becomes a :class:`~mtib.Participant` in its role
  (``coordinator``, ``participant`` as partner, ``thirdParty``, ``associatedPartner``),
  in the order of the ``order`` column;
* every record cites one :class:`~mtib.Source` for the download it came from.

With ``country``, the projects with at least one participant in that country
are kept, with all their participants. Any problem (not a CORDIS file, a
missing column, a bad date or amount, an unknown activity type or role, a
broken quote, bytes that are not UTF-8) is reported with its file, row and
column in one :class:`mtib.DataError`, and nothing is imported.

>>> ds = load_cordis("tests/fixtures/cordis/h2020", country="NL")   # a folder, a zip or the two files
>>> p = ds.partnerships["cordis-900001"]
>>> p.acronym, str(p.funding), p.helix_type.value
('AQUAPILOT', 'EUR 1,000,000', 'triple')
>>> [(x.organisation, x.role.value) for x in p.participants][:2]     # TNO is the bundled TNO
[('pic-999000001', 'coordinator'), ('tno', 'partner')]
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from mtib._version import __version__
from mtib.core.bulk import paused_gc
from mtib.core.errors import DataError, Problem
from mtib.core.fields import COUNTRY_RE, URL_RE
from mtib.core.model import (
    HelixSphere,
    Money,
    Organisation,
    Participant,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Period,
    Record,
    Role,
    Source,
    SourceKind,
    Text,
)
from mtib.core.text import normalise
from mtib.dataset import Dataset
from mtib.io.importers._tables import (
    Problems,
    Table,
    as_dataset,
    file_table,
    header_index,
    read_rows,
    zip_tables,
)

__all__ = [
    "DATASETS",
    "DEFAULT_SPHERES",
    "ORGANISATION_COLUMNS",
    "PROJECT_COLUMNS",
    "ROLES",
    "STATUSES",
    "load_cordis",
    "read_cordis",
]

DEFAULT_SPHERES: Mapping[str, HelixSphere] = MappingProxyType(
    {
        "PRC": HelixSphere.INDUSTRY,  # private for-profit entities
        "HES": HelixSphere.ACADEMIA,  # higher or secondary education establishments
        "REC": HelixSphere.ACADEMIA,  # research organisations
        "PUB": HelixSphere.GOVERNMENT,  # public bodies
        "OTH": HelixSphere.CIVIL_SOCIETY,  # other
    }
)
"""The helix sphere of each CORDIS ``activityType``, unless the caller gives others.

Our classification: a public research organisation is ``REC`` in CORDIS and so
academia here; ``OTH`` (associations, foundations, NGOs and the rest) is placed
in civil society, which it mostly but not only is.
"""

ROLES: Mapping[str, Role] = MappingProxyType(
    {
        "coordinator": Role.COORDINATOR,
        "participant": Role.PARTNER,
        "thirdparty": Role.THIRD_PARTY,
        "associatedpartner": Role.ASSOCIATED_PARTNER,
    }
)
"""The mtib role of each CORDIS ``role`` (compared without case)."""

STATUSES: Mapping[str, PartnershipStatus] = MappingProxyType(
    {
        "SIGNED": PartnershipStatus.ACTIVE,
        "CLOSED": PartnershipStatus.COMPLETED,
        "TERMINATED": PartnershipStatus.COMPLETED,
    }
)
"""The mtib status of each CORDIS project ``status``; an empty status is ``unknown``."""

PROJECT_COLUMNS: tuple[str, ...] = (
    "id",
    "acronym",
    "status",
    "title",
    "startDate",
    "endDate",
    "totalCost",
    "ecMaxContribution",
    "topics",
    "frameworkProgramme",
)
"""The columns of ``project.csv`` the importer needs (others may be there too)."""
_PROJECT_OPTIONAL = ("grantDoi", "objective")

ORGANISATION_COLUMNS: tuple[str, ...] = ("projectID", "organisationID", "name", "activityType", "country", "role")
"""The columns of ``organization.csv`` the importer needs (others may be there too)."""
_ORGANISATION_OPTIONAL = ("shortName", "SME", "nutsCode", "organizationURL", "order")


@attrs.frozen
class _Dataset:
    title: str
    url: str


DATASETS: Mapping[str, _Dataset] = MappingProxyType(
    {
        "H2020": _Dataset(
            "CORDIS - EU research projects under Horizon 2020 (2014-2020)",
            "https://data.europa.eu/data/datasets/cordish2020projects",
        ),
        "HORIZON": _Dataset(
            "CORDIS - EU research projects under HORIZON EUROPE (2021-2027)",
            "https://data.europa.eu/data/datasets/cordis-eu-research-projects-under-horizon-europe-2021-2027",
        ),
    }
)
"""The title and page of the CORDIS dataset of each framework programme, for the Source records."""
_CORDIS_HOME = _Dataset("CORDIS projects", "https://cordis.europa.eu/")
PUBLISHER = "European Commission, CORDIS"

_COUNTRIES = {"EL": "GR", "UK": "GB"}  # CORDIS follows the EU's codes for Greece and the United Kingdom
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_AMOUNT = re.compile(r"\d+(?:\.\d+)?")
_DIGITS = re.compile(r"\d+")
_SLUG_PART = re.compile(r"[^a-z0-9]+")
_HOST = re.compile(r"(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/?#]\S*)?")
_TRUE = frozenset({"true", "1", "yes", "y"})
_FALSE = frozenset({"false", "0", "no", "n"})


# ----------------------------------------------------------------------------- inputs


@attrs.frozen
class _Download:
    """One download: its project and organisation tables, and the name its Source gets."""

    label: str
    projects: Table
    organisations: Table


def _downloads(paths: Iterable[str | os.PathLike[str]], problems: Problems) -> list[_Download]:
    names = ("project.csv", "organization.csv")
    out: list[_Download] = []
    loose: dict[str, Table] = {}
    loose_label = ""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            problems.add(str(path), "no such file or directory")
            continue
        tables: dict[str, Table]
        if path.is_dir():
            tables = {n: file_table(path / n) for n in names if (path / n).is_file()}
            label = path.resolve().name
        elif path.suffix.lower() == ".zip":
            tables = zip_tables(path, names, problems)
            if not tables and problems:
                continue
            label = path.stem
        else:
            base = path.name if path.name in names else _sniff(path)
            if base is None:
                problems.add(str(path), "not a CORDIS file: expected project.csv, organization.csv, a zip or a folder")
                continue
            loose[base] = file_table(path)
            loose_label = loose_label or path.resolve().parent.name
            continue
        missing = [n for n in names if n not in tables]
        if missing:
            problems.add(str(path), f"not a CORDIS projects download: it holds no {' and no '.join(missing)}")
            continue
        out.append(_Download(label, tables["project.csv"], tables["organization.csv"]))
    if loose:
        missing = [n for n in names if n not in loose]
        if missing:
            given = ", ".join(t.name for t in loose.values())
            problems.add(given, f"give the CORDIS {' and '.join(missing)} as well (the two files go together)")
        else:
            out.append(_Download(loose_label, loose["project.csv"], loose["organization.csv"]))
    return out


def _sniff(path: Path) -> str | None:
    """Which CORDIS table a CSV file of another name is, from its header."""
    try:
        with path.open("rb") as fh:
            head = fh.readline(65536).decode("utf-8-sig", errors="replace")
    except OSError:
        return None
    columns = {c.strip().strip('"') for c in head.strip().split(";")}
    if {"projectID", "organisationID"} <= columns:
        return "organization.csv"
    if {"id", "frameworkProgramme"} <= columns:
        return "project.csv"
    return None


# ----------------------------------------------------------------------------- values


def _date_year(text: str) -> int | str | None:
    """The year of a CORDIS date; ``None`` for an empty cell; the message for a bad one."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if match is None:
        return f"not a date: {text[:40]!r} (expected YYYY-MM-DD)"
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3])).year
    except ValueError:
        return f"not a date: {text[:40]!r}"


def _amount(text: str) -> Decimal | str | None:
    """An amount in euros (a decimal comma or point); ``None`` for an empty cell; the message for a bad one."""
    text = text.strip()
    if not text:
        return None
    plain = text.replace(",", ".") if "," in text and "." not in text else text
    if _AMOUNT.fullmatch(plain) is None:
        return f"not an amount: {text[:40]!r} (expected digits with a decimal comma or point)"
    number = Decimal(plain)
    whole = number.to_integral_value()
    return whole if number == whole else number.normalize()


def _website(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if URL_RE.fullmatch(text):
        return text
    if _HOST.fullmatch(text):
        return "http://" + text  # an address given without its scheme
    return None  # not a web address: left out


def _topics(text: str) -> tuple[str, ...]:
    text = text.strip()
    if ";" not in text:
        return (text,) if text else ()
    return tuple(dict.fromkeys(t.strip() for t in text.split(";") if t.strip()))


def _slug(text: str) -> str:
    return _SLUG_PART.sub("-", text.lower()).strip("-") or "download"


# ----------------------------------------------------------------------------- organisations


class _Organisations:
    """Organisations by PIC, built from ``organization.csv`` rows, matched to bundled ones."""

    def __init__(self, base: Dataset | None, spheres: Mapping[str, HelixSphere]) -> None:
        self.spheres = spheres
        self.by_pic: dict[str, Organisation] = {}
        self.bundled: dict[str, Organisation] = {}  # PIC -> bundled organisation it is
        self.id_of: dict[str, str] = {}  # PIC -> record id
        self.cited: dict[str, list[str]] = {}  # PIC -> source ids
        self._parts: dict[tuple[str, Role], Participant] = {}
        self.known: dict[tuple[str, str], tuple[Participant, list[str]]] = {}  # raw PIC and role cells
        self._base_pic: dict[str, Organisation] = {}
        self._base_name: dict[tuple[str, str], Organisation] = {}
        if base is not None:
            for org in base.organisations:
                if org.pic is not None:
                    self._base_pic.setdefault(org.pic, org)
                if org.country is not None:
                    for name in (org.name, *org.aliases):
                        self._base_name.setdefault((normalise(name), org.country), org)

    def participant(
        self, cells: list[str], at: dict[str, int], row: int, table: Table, source: str, problems: Problems
    ) -> Participant | None:
        pic = cells[at["organisationID"]].strip()
        role_text = cells[at["role"]].strip()
        role = ROLES.get(role_text.lower())
        if role is None:
            known = ", ".join(("coordinator", "participant", "thirdParty", "associatedPartner"))
            problems.add(
                table.name, f"unknown role {role_text[:40]!r}; expected one of {known}", row=row, column="role"
            )
        if len(pic) != 9 or not (pic.isascii() and pic.isdigit()):
            problems.add(table.name, f"not a PIC (nine digits): {pic[:40]!r}", row=row, column="organisationID")
            return None
        record_id = self.id_of.get(pic)
        if record_id is None:
            record_id = self._first_row(pic, cells, at, row, table, source, problems)
            if record_id is None:
                return None
        else:
            cited = self.cited[pic]
            if cited[-1] != source:
                cited.append(source)
        if role is None:
            return None
        # Participants are immutable: one instance serves every project of an organisation in a role.
        part = self._parts.get((pic, role))
        if part is None:
            sphere = self.bundled[pic].sphere if pic in self.bundled else self.by_pic[pic].sphere
            part = self._parts[(pic, role)] = Participant(record_id, role, sphere)
        # The next rows with these very cells take the short way (see _participants).
        self.known[(cells[at["organisationID"]], cells[at["role"]])] = (part, self.cited[pic])
        return part

    def _first_row(
        self, pic: str, cells: list[str], at: dict[str, int], row: int, table: Table, source: str, problems: Problems
    ) -> str | None:
        """Build the organisation of ``pic`` from the first row that names it (or match a bundled one)."""

        def cell(column: str) -> str:
            return cells[at[column]].strip() if column in at else ""

        def bad(column: str, message: str) -> None:
            problems.add(table.name, message, row=row, column=column)

        name = cell("name")
        country_text = cell("country").upper()
        country = _COUNTRIES.get(country_text, country_text) or None
        if country is not None and not COUNTRY_RE.fullmatch(country):
            bad("country", f"not a country code: {country_text[:40]!r}")
            return None
        match = self._base_pic.get(pic) or (
            self._base_name.get((normalise(name), country)) if country and name and self._base_name else None
        )
        if match is not None:
            self.bundled[pic] = match
            self.id_of[pic] = match.id
            self.cited[pic] = [source]
            return match.id
        activity = cell("activityType").upper()
        sphere = self.spheres.get(activity)
        if sphere is None:
            known = ", ".join(sorted(k for k in self.spheres if k))
            what = "no activity type" if not activity else f"unknown activity type {activity[:40]!r}"
            bad("activityType", f"{what}; expected one of {known} (or give its sphere)")
            return None
        if not name:
            bad("name", "the organisation has no name")
            return None
        sme_text = cell("SME").lower()
        sme = True if sme_text in _TRUE else False if sme_text in _FALSE else None
        if sme is None and sme_text:
            bad("SME", f"expected true or false, got {sme_text[:40]!r}")
            return None
        nuts = cell("nutsCode").upper() or None
        short = cell("shortName")
        try:
            org = Organisation(
                id=f"pic-{pic}",
                name=name,
                sphere=sphere,
                aliases=(short,) if short and short != name else (),
                country=country,
                website=_website(cell("organizationURL")),
                pic=pic,
                nuts=nuts,
                sme=sme,
            )
        except ValueError as exc:
            bad("nutsCode" if "nuts" in str(exc) else "name", str(exc))
            return None
        self.by_pic[pic] = org
        self.id_of[pic] = org.id
        self.cited[pic] = [source]
        return org.id

    def records(self, used: set[str]) -> Iterator[Organisation]:
        """The imported organisations that take part in a project kept, citing their downloads."""
        for pic, org in self.by_pic.items():
            if org.id in used:
                yield attrs.evolve(org, sources=tuple(self.cited[pic]))


# ----------------------------------------------------------------------------- reading


def _participants(
    download: _Download,
    source: str,
    orgs: _Organisations,
    country: str | None,
    problems: Problems,
) -> dict[str, list[tuple[int, int, Participant]]]:
    """The participants of each project id, read from ``organization.csv`` (with ``country``: of the
    projects with a participant there)."""
    table = download.organisations
    keep: set[str] | None = None
    if country is not None:  # a first, light pass: which projects have a participant in the country
        keep = set()
        scratch = Problems()  # the second pass reports every problem of the file
        rows = read_rows(table, ";", scratch)
        at = _header(table, rows, ORGANISATION_COLUMNS, _ORGANISATION_OPTIONAL, scratch, "an organization.csv")
        if at is None:
            problems.merge(scratch)
            return {}
        i_project, i_country = at["projectID"], at["country"]
        for _, cells in rows:
            code = cells[i_country].strip().upper()
            if _COUNTRIES.get(code, code) == country:
                keep.add(cells[i_project].strip())
    rows = read_rows(table, ";", problems)
    at = _header(table, rows, ORGANISATION_COLUMNS, _ORGANISATION_OPTIONAL, problems, "an organization.csv")
    if at is None:
        return {}
    out: dict[str, list[tuple[int, int, Participant]]] = {}
    taken: set[tuple[str, int]] = set()
    i_project, i_pic, i_role = at["projectID"], at["organisationID"], at["role"]
    i_order = at.get("order")
    known = orgs.known
    for row, cells in rows:
        project = cells[i_project].strip()
        if keep is not None and project not in keep:
            continue
        if not (project.isascii() and project.isdigit()):
            problems.add(table.name, f"not a project id: {project[:40]!r}", row=row, column="projectID")
            continue
        order_text = cells[i_order].strip() if i_order is not None else ""
        if order_text and not (order_text.isascii() and order_text.isdigit()):
            problems.add(table.name, f"not a position: {order_text[:40]!r}", row=row, column="order")
            continue
        hit = known.get((cells[i_pic], cells[i_role]))
        if hit is None:
            part = orgs.participant(cells, at, row, table, source, problems)
            if part is None:
                continue
        else:
            part, cited = hit
            if cited[-1] != source:
                cited.append(source)
        key = (project, id(part))  # one instance per organisation and role (see participant)
        if key in taken:
            continue  # the same organisation in the same role twice
        taken.add(key)
        bucket = out.setdefault(project, [])
        bucket.append((int(order_text) if order_text else 1 << 30, len(bucket), part))
    return out


def _header(
    table: Table,
    rows: Iterator[tuple[int, list[str]]],
    required: tuple[str, ...],
    optional: tuple[str, ...],
    problems: Problems,
    kind: str,
) -> dict[str, int] | None:
    first = next(rows, None)
    if first is None:
        return None
    return header_index(table, first[1], required, optional, problems, f"{kind} of CORDIS")


def _projects(
    download: _Download,
    source: str,
    participants: dict[str, list[tuple[int, int, Participant]]],
    only_with_participants: bool,
    objectives: bool,
    seen: set[str],
    problems: Problems,
) -> Iterator[Partnership]:
    table = download.projects
    rows = read_rows(table, ";", problems)
    at = _header(table, rows, PROJECT_COLUMNS, _PROJECT_OPTIONAL, problems, "a project.csv")
    if at is None:
        return
    i_doi = at.get("grantDoi")
    i_objective = at.get("objective") if objectives else None
    for row, cells in rows:

        def bad(column: str, message: str, row: int = row) -> None:
            problems.add(table.name, message, row=row, column=column)

        pid = cells[at["id"]].strip()
        if only_with_participants and pid not in participants:
            continue
        if _DIGITS.fullmatch(pid) is None:
            bad("id", f"not a project id: {pid[:40]!r}")
            continue
        if pid in seen:
            continue  # a project listed twice (the first row is kept)
        seen.add(pid)
        values: dict[str, Any] = {}
        for column in ("startDate", "endDate"):
            year = _date_year(cells[at[column]])
            if isinstance(year, str):
                bad(column, year)
            values[column] = year
        for column in ("totalCost", "ecMaxContribution"):
            amount = _amount(cells[at[column]])
            if isinstance(amount, str):
                bad(column, amount)
            values[column] = amount
        status_text = cells[at["status"]].strip().upper()
        status = STATUSES.get(status_text, PartnershipStatus.UNKNOWN if not status_text else None)
        if status is None:
            bad("status", f"unknown status {status_text[:40]!r}; expected one of {', '.join(STATUSES)}")
        title = cells[at["title"]].strip()
        if not title:
            bad("title", "the project has no title")
        if any(isinstance(v, str) for v in values.values()) or status is None or not title:
            continue
        start, end = values["startDate"], values["endDate"]
        if start is not None and end is not None and end < start:
            bad("endDate", f"the project ends ({end}) before it starts ({start})")
            continue
        doi = cells[i_doi].strip() if i_doi is not None else ""
        objective = cells[i_objective].strip() if i_objective is not None else ""
        found = participants.pop(pid, [])
        found.sort(key=lambda t: (t[0], t[1]))
        try:
            yield Partnership(
                id=f"cordis-{pid}",
                name=title,
                kind=PartnershipKind.PROJECT,
                acronym=cells[at["acronym"]].strip() or None,
                description=Text(en=objective) if objective else None,
                participants=tuple(dict.fromkeys(p for _, _, p in found)),  # a PIC listed twice in a role: once
                period=Period(start, end) if start is not None or end is not None else None,
                budget=None if values["totalCost"] is None else Money(values["totalCost"]),
                status=status,
                sources=(source,),
                funding=None if values["ecMaxContribution"] is None else Money(values["ecMaxContribution"]),
                programme=cells[at["frameworkProgramme"]].strip() or None,
                topics=_topics(cells[at["topics"]]),
                cordis_id=pid,
                doi=doi or None,
            )
        except ValueError as exc:
            bad("grantDoi" if "doi" in str(exc) else "startDate", str(exc))


def read_cordis(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    country: str | None = None,
    spheres: Mapping[str, HelixSphere | str] | None = None,
    base: Dataset | None = None,
    objectives: bool = False,
) -> tuple[Record, ...]:
    """The records of one or more CORDIS downloads: sources, organisations and partnerships.

    Each of ``paths`` is a download's zip file, a folder holding its
    ``project.csv`` and ``organization.csv``, or one of those two files (give
    both). ``country`` (ISO 3166 alpha-2, such as ``"NL"``; CORDIS's ``"EL"`` and
    ``"UK"`` are understood) keeps the projects with at least one participant
    in that country, with all their participants. ``spheres`` maps activity
    types to helix spheres over :data:`DEFAULT_SPHERES` (a key ``""`` places
    organisations without an activity type). ``base`` is the dataset the
    records will join: a participant that is one of its organisations (the same
    PIC, or the same normalised name and country) refers to it. With
    ``objectives``, each project's objective becomes its English description.

    Raises one :class:`mtib.DataError` listing every problem (file, row and column).

    >>> records = read_cordis("tests/fixtures/cordis/h2020")
    >>> sorted({type(r).__name__ for r in records})
    ['Organisation', 'Partnership', 'Source']
    """
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    problems = Problems()
    wanted: str | None = None
    if country is not None:
        code = country.strip().upper()
        wanted = _COUNTRIES.get(code, code)
        if not COUNTRY_RE.fullmatch(wanted):
            raise DataError([Problem("$", f"not a country code: {country!r} (use ISO 3166 alpha-2, such as 'NL')")])
    mapping = dict(DEFAULT_SPHERES)
    for key, value in (spheres or {}).items():
        mapping[key.strip().upper()] = value if isinstance(value, HelixSphere) else HelixSphere(value)
    downloads = _downloads(items, problems)
    problems.raise_if_any("the CORDIS input")
    with paused_gc():
        return _read(downloads, wanted, mapping, base, objectives, problems)


def _read(
    downloads: list[_Download],
    wanted: str | None,
    mapping: Mapping[str, HelixSphere],
    base: Dataset | None,
    objectives: bool,
    problems: Problems,
) -> tuple[Record, ...]:
    orgs = _Organisations(base, mapping)
    taken = set(base.id_index()) if base is not None else set()
    sources: list[Source] = []
    partnerships: list[Partnership] = []
    seen: set[str] = set()
    for download in downloads:
        source_id = _source_id(download.label, taken)
        participants = _participants(download, source_id, orgs, wanted, problems)
        programmes: dict[str, None] = {}
        for p in _projects(download, source_id, participants, wanted is not None, objectives, seen, problems):
            partnerships.append(p)
            if p.programme:
                programmes.setdefault(p.programme)
        sources.append(_source(source_id, download, tuple(programmes)))
    problems.raise_if_any("the CORDIS files")
    used = {part.organisation for p in partnerships for part in p.participants}
    return (*sources, *orgs.records(used), *partnerships)


def _source_id(label: str, taken: set[str]) -> str:
    stem = _slug(label)
    candidate = stem if stem.startswith("cordis") else f"cordis-{stem}"
    n = 1
    unique = candidate
    while unique in taken:
        n += 1
        unique = f"{candidate}-{n}"
    taken.add(unique)
    return unique


def _source(source_id: str, download: _Download, programmes: tuple[str, ...]) -> Source:
    known = [DATASETS[p] for p in programmes if p in DATASETS]
    dataset = known[0] if len(known) == 1 and len(programmes) == 1 else _CORDIS_HOME
    title = dataset.title if dataset is not _CORDIS_HOME else f"CORDIS projects ({', '.join(programmes) or 'none'})"
    how = "the date the zip file records for it" if ".zip/" in download.projects.name else "its modification date"
    return Source(
        id=source_id,
        title=title,
        kind=SourceKind.DATASET,
        url=dataset.url,
        publisher=PUBLISHER,
        date=download.projects.date,
        language="en",
        note=(
            f"Read by mtib {__version__} from {Path(download.projects.name).name} and "
            f"{Path(download.organisations.name).name} of {download.label}; the date is that of "
            f"project.csv ({how})."
        ),
    )


def load_cordis(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    country: str | None = None,
    spheres: Mapping[str, HelixSphere | str] | None = None,
    bundled: bool = True,
    objectives: bool = False,
) -> Dataset:
    """A dataset of one or more CORDIS downloads, on top of the bundled data (or alone).

    The arguments are those of :func:`read_cordis`; with ``bundled`` (the
    default) the bundled dataset is the base, so that participants that are
    bundled organisations refer to them. The records pass the same checks as a
    user's data file.

    >>> ds = load_cordis("tests/fixtures/cordis/h2020", bundled=False)
    >>> [p.id for p in ds.partnerships.where(sphere="civil_society", active_in=2016)]
    ['cordis-900002']
    """
    from mtib.io.loading import load

    base = load() if bundled else None
    records = read_cordis(paths, country=country, spheres=spheres, base=base, objectives=objectives)
    return as_dataset(records, base)
