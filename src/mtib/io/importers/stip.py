"""The OECD/EC STIP Compass survey read into policy initiatives.

STIP Compass publishes its survey of science, technology and innovation
policies as one ``|``-separated UTF-8 file, ``STIP_Survey.csv``: a header, then
a codebook row that describes each variable, then one row per instrument of
each policy initiative. Each initiative (``InitiativeID``, a URI) becomes one
:class:`~mtib.core.model.Initiative` with its country (``CountryCode``, ISO
3166 alpha-3), English name, short description, years, yearly budget range,
the types of its instruments (``InstrumentTypeLabel``, one per row), its
themes (``TH..`` columns) and target groups (``TG..`` columns) that hold a 1,
each with the label the codebook row gives it, and its tags (``Tags``,
separated by ``¬``). Every initiative cites one :class:`~mtib.Source` for the
file. See ``docs/guide/stip.md`` for the mapping and its limits.

Any problem (not a STIP Compass file, a missing column, a bad year or
dummy, an id that is not an initiative's URI, a broken quote, bytes that are
not UTF-8) is reported with its row and column in one :class:`mtib.DataError`,
and nothing is imported.

>>> ds = load_stip("tests/fixtures/stip/STIP_Survey.csv", bundled=False)
>>> [i.name for i in initiatives_where(ds, theme="TH91")]
['Fixture mission policy', 'Fixture strategy']
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mtib._version import __version__
from mtib.core.bulk import paused_gc
from mtib.core.errors import DataError, Problem
from mtib.core.model import Category, Initiative, Period, Record, Source, SourceKind, Text
from mtib.dataset import Dataset
from mtib.io.importers._tables import Problems, as_dataset, file_table, header_index, read_rows

__all__ = ["COLUMNS", "DATA_LAB", "initiatives_where", "load_stip", "read_stip"]

COLUMNS: tuple[str, ...] = (
    "InitiativeID",
    "CountryCode",
    "NameEnglish",
    "StartDateYear",
    "EndDateYear",
    "InstrumentTypeLabel",
)
"""The columns of ``STIP_Survey.csv`` the importer needs; ``ShortDescription``,
``YearlyBudgetRange``, ``Tags`` and the ``TH..``/``TG..`` dummies are read when present."""
_OPTIONAL = ("ShortDescription", "YearlyBudgetRange", "Tags")

DATA_LAB = "https://stip.oecd.org/stip/pages/stipDataLab"
"""The page of STIP Compass that offers its data for download, cited by the Source record."""
PUBLISHER = "OECD and European Commission (EC-OECD STIP Compass)"

_THEME = re.compile(r"TH\d+")
_GROUP = re.compile(r"TG\d+")
_URI = re.compile(r"https?://stip\.oecd\.org/(?:(\d{4})/)?(?:\S*/)?policyInitiatives/(\d+)/?")
_YEAR = re.compile(r"\d{4}")
_ONE = frozenset({"1", "1.0"})
_ZERO = frozenset({"", "0", "0.0"})
_COUNTRY = re.compile(r"[A-Z]{2,4}")


class _Initiative:
    """What the rows of one initiative say, gathered while the file is read."""

    __slots__ = ("budget", "country", "description", "end", "instruments", "name", "start", "tags", "themes", "uri")

    def __init__(self, uri: str, country: str, name: str, start: int | None, end: int | None) -> None:
        self.uri = uri
        self.country = country
        self.name = name
        self.start = start
        self.end = end
        self.description: str | None = None
        self.budget: str | None = None
        self.instruments: list[str] = []
        self.themes: dict[str, None] = {}
        self.tags: dict[str, None] = {}


def _year(text: str) -> int | str | None:
    text = text.strip()
    if not text:
        return None
    if _YEAR.fullmatch(text) is None:
        return f"not a year: {text[:40]!r}"
    return int(text)


def read_stip(path: str | os.PathLike[str], *, country: str | None = None) -> tuple[Record, ...]:
    """The records of a STIP Compass ``STIP_Survey.csv``: one Source and the initiatives.

    ``country`` (the survey's alpha-3 code, such as ``"NLD"``) keeps that
    country's initiatives only. Raises one :class:`mtib.DataError` listing every
    problem (row and column).

    >>> records = read_stip("tests/fixtures/stip/STIP_Survey.csv")
    >>> records[0].title, len(records)
    ('STIP Compass survey data (STIP_Survey.csv)', 4)
    """
    problems = Problems()
    file = Path(path)
    if not file.is_file():
        raise DataError([Problem("$", "no such file", str(file))])
    wanted = None if country is None else country.strip().upper()
    if wanted is not None and _COUNTRY.fullmatch(wanted) is None:
        raise DataError(
            [Problem("$", f"not a country code: {country!r} (use the survey's alpha-3 code, such as 'NLD')")]
        )
    with paused_gc():
        return _read(file, wanted, problems)


def _read(file: Path, wanted: str | None, problems: Problems) -> tuple[Record, ...]:
    table = file_table(file)
    rows = read_rows(table, "|", problems)
    first = next(rows, None)
    at = None if first is None else header_index(table, first[1], COLUMNS, _OPTIONAL, problems, "a STIP Compass file")
    if first is None or at is None:
        problems.raise_if_any("the STIP Compass file")
        return ()
    header = first[1]
    dummies = [(i, name) for i, name in enumerate(header) if _THEME.fullmatch(name) or _GROUP.fullmatch(name)]
    labels: dict[str, str | None] = {name: None for _, name in dummies}
    stem = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-") or "survey"
    source_id = stem if stem.startswith("stip") else f"stip-{stem}"
    found: dict[str, _Initiative] = {}
    i_id, i_country, i_name = at["InitiativeID"], at["CountryCode"], at["NameEnglish"]
    i_description, i_budget, i_tags = at.get("ShortDescription"), at.get("YearlyBudgetRange"), at.get("Tags")
    codebook_seen = False
    for row, cells in rows:

        def bad(column: str, message: str, row: int = row) -> None:
            problems.add(table.name, message, row=row, column=column)

        uri = cells[i_id].strip()
        match = _URI.fullmatch(uri)
        if match is None:
            if not codebook_seen and row == 2:  # the codebook row: the variables' descriptions
                codebook_seen = True
                for i, name in dummies:
                    labels[name] = cells[i].strip() or None
                continue
            bad("InitiativeID", f"not the URI of a STIP Compass initiative: {uri[:60]!r}")
            continue
        code = cells[i_country].strip().upper()
        if wanted is not None and code != wanted:
            continue
        edition, number = match[1], match[2]
        rid = f"stip-{edition}-{number}" if edition else f"stip-{number}"
        start, end = _year(cells[at["StartDateYear"]]), _year(cells[at["EndDateYear"]])
        failed = False
        for column, value in (("StartDateYear", start), ("EndDateYear", end)):
            if isinstance(value, str):
                bad(column, value)
                failed = True
        if _COUNTRY.fullmatch(code) is None:
            bad("CountryCode", f"not a country code: {code[:40]!r}")
            failed = True
        ticked: list[str] = []
        for i, name in dummies:
            value = cells[i].strip()
            if value in _ONE:
                ticked.append(name)
            elif value not in _ZERO:
                bad(name, f"expected 1, 0 or nothing, got {value[:40]!r}")
                failed = True
        name = cells[i_name].strip()
        if not name:
            bad("NameEnglish", "the initiative has no English name")
            failed = True
        if failed:
            continue
        assert not isinstance(start, str) and not isinstance(end, str)
        item = found.get(rid)
        if item is None:
            if start is not None and end is not None and end < start:
                bad("EndDateYear", f"the initiative ends ({end}) before it starts ({start})")
                continue
            item = found[rid] = _Initiative(uri, code, name, start, end)
            if i_description is not None:
                item.description = cells[i_description].strip() or None
            if i_budget is not None:
                item.budget = cells[i_budget].strip() or None
        instrument = cells[at["InstrumentTypeLabel"]].strip()
        if instrument:
            item.instruments.append(instrument)
        item.themes.update(dict.fromkeys(ticked))
        if i_tags is not None:
            item.tags.update(dict.fromkeys(t.strip() for t in cells[i_tags].split("¬") if t.strip()))
    problems.raise_if_any("the STIP Compass file")
    themes = [name for _, name in dummies if _THEME.fullmatch(name)]  # in the order of the header
    groups = [name for _, name in dummies if _GROUP.fullmatch(name)]
    initiatives = [
        Initiative(
            id=rid,
            name=item.name,
            country=item.country,
            uri=item.uri,
            description=Text(en=item.description) if item.description else None,
            period=Period(item.start, item.end) if item.start is not None or item.end is not None else None,
            budget_range=item.budget,
            instruments=tuple(item.instruments),
            themes=tuple(Category(c, labels[c]) for c in themes if c in item.themes),
            target_groups=tuple(Category(c, labels[c]) for c in groups if c in item.themes),
            tags=tuple(item.tags),
            sources=(source_id,),
        )
        for rid, item in found.items()
    ]
    source = Source(
        id=source_id,
        title=f"STIP Compass survey data ({file.name})",
        kind=SourceKind.DATASET,
        url=DATA_LAB,
        publisher=PUBLISHER,
        date=table.date,
        language="en",
        note=f"Read by mtib {__version__} from {file.name}; the date is the file's modification date.",
    )
    return (source, *initiatives)


def load_stip(path: str | os.PathLike[str], *, country: str | None = None, bundled: bool = True) -> Dataset:
    """A dataset of a STIP Compass file's initiatives, on top of the bundled data (or alone).

    >>> ds = load_stip("tests/fixtures/stip/STIP_Survey.csv", country="NLD")
    >>> ds.initiatives["stip-2021-90001"].themes[-1].label
    'Mission-oriented innovation policies'
    """
    from mtib.io.loading import load

    base = load() if bundled else None
    return as_dataset(read_stip(path, country=country), base)


def initiatives_where(
    ds: Dataset,
    *,
    country: str | None = None,
    theme: str | None = None,
    target_group: str | None = None,
    active_in: int | None = None,
) -> tuple[Initiative, ...]:
    """The initiatives of ``ds`` that meet every criterion given (in the data's order).

    ``theme`` and ``target_group`` are codes (``"TH91"``) or codebook labels (any case);
    ``country`` is an alpha-3 code.

    >>> from mtib.core.model import Category
    >>> ds = Dataset({"initiatives": [Initiative(id="i", name="I", country="NLD",
    ...                                          themes=(Category("TH91", "Mission-oriented innovation policies"),))]})
    >>> [i.id for i in initiatives_where(ds, theme="mission-oriented innovation policies", country="nld")]
    ['i']
    """

    def has(categories: tuple[Category, ...], wanted: str) -> bool:
        key = wanted.strip().casefold()
        return any(c.code.casefold() == key or (c.label or "").casefold() == key for c in categories)

    code = None if country is None else country.strip().upper()
    return tuple(
        i
        for i in ds.initiatives
        if (code is None or i.country == code)
        and (theme is None or has(i.themes, theme))
        and (target_group is None or has(i.target_groups, target_group))
        and (active_in is None or i.active_in(active_in))
    )
