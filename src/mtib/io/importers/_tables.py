"""Reading delimited files as streams of rows, and collecting the problems found in them.

Shared by the CORDIS and STIP Compass importers. A file is opened as a text
stream (UTF-8, a byte-order mark dropped); bytes that are not UTF-8 are kept as
escapes and reported with their row and column, so a file that mixes encodings
is reported, never half read. The ``csv`` module reads the rows strictly: a
broken quote ends the file's reading with a problem naming its line.

>>> problems = Problems()
>>> problems.add("a.csv", "not a date: 'soon'", row=3, column="startDate")
>>> str(problems.listed[0])
"a.csv: row 3, column 'startDate': not a date: 'soon'"
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import attrs

from mtib.core.bulk import paused_gc
from mtib.core.errors import DataError, Problem

if TYPE_CHECKING:
    from mtib.core.model import Record
    from mtib.dataset import Dataset

__all__ = [
    "MAX_LISTED",
    "Problems",
    "Table",
    "as_dataset",
    "file_table",
    "header_index",
    "read_rows",
    "zip_tables",
]

MAX_LISTED = 200
"""How many problems an import lists; the rest are counted."""

_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (errors="surrogateescape")


class Problems:
    """The problems of one import: the first :data:`MAX_LISTED` kept, every one counted.

    >>> p = Problems()
    >>> for i in range(250):
    ...     p.add("x.csv", "bad", row=i + 2)
    >>> len(p.listed), p.total
    (200, 250)
    """

    def __init__(self) -> None:
        self.listed: list[Problem] = []
        self.total = 0

    def add(self, file: str, message: str, *, row: int | None = None, column: str | None = None) -> None:
        """Count a problem (and keep it, while fewer than :data:`MAX_LISTED` are kept).

        >>> p = Problems(); p.add("x.csv", "no header"); str(p.listed[0])
        'x.csv: $: no header'
        """
        self.total += 1
        if len(self.listed) < MAX_LISTED:
            where = "$" if row is None else f"row {row}" + (f", column {column!r}" if column else "")
            self.listed.append(Problem(where, message, file))

    def merge(self, other: Problems) -> None:
        """Count (and keep, as room allows) the problems of ``other`` too.

        >>> a, b = Problems(), Problems(); b.add("x.csv", "bad"); a.merge(b); a.total
        1
        """
        self.total += other.total
        self.listed.extend(other.listed[: max(0, MAX_LISTED - len(self.listed))])

    def __bool__(self) -> bool:
        return self.total > 0

    def raise_if_any(self, what: str) -> None:
        """Raise one :class:`mtib.DataError` with every problem kept, if there is any.

        >>> p = Problems(); p.add("x.csv", "bad", row=2); p.raise_if_any("the CORDIS files")
        Traceback (most recent call last):
        ...
        mtib.core.errors.DataError: 1 problem in the CORDIS files, nothing imported:
          x.csv: row 2: bad
        """
        if not self.total:
            return
        n = self.total
        listed = "" if n <= len(self.listed) else f" (the first {len(self.listed)} listed)"
        raise DataError(self.listed, f"{n:,} problem{'s' if n != 1 else ''} in {what}{listed}, nothing imported")


@attrs.frozen
class Table:
    """A delimited file to read: its name in messages, how to open it, and its date.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = path.write_text("a;b\\n1;2\\n")
    >>> file_table(path).name == str(path)
    True
    """

    name: str
    opener: Callable[[], IO[bytes]]
    date: datetime.date | None = None


def file_table(path: Path) -> Table:
    """A file on disk as a :class:`Table`; its date is the file's modification date (UTC).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = path.write_text("a;b\\n")
    >>> isinstance(file_table(path).date, datetime.date)
    True
    """
    mtime = path.stat().st_mtime
    date = datetime.datetime.fromtimestamp(mtime, tz=datetime.timezone.utc).date()
    return Table(str(path), lambda: path.open("rb"), date)


def zip_tables(path: Path, names: tuple[str, ...], problems: Problems) -> dict[str, Table]:
    """The members of a zip file whose base names are in ``names``, as tables (by base name).

    A member's date is the date the zip records for it. A file that is not a
    zip file is a problem.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "x.zip"
    >>> with zipfile.ZipFile(path, "w") as z:
    ...     z.writestr("csv/project.csv", "id\\n")
    >>> sorted(zip_tables(path, ("project.csv", "organization.csv"), Problems()))
    ['project.csv']
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        problems.add(str(path), f"not a readable zip file ({exc})")
        return {}
    found: dict[str, Table] = {}
    for info in infos:
        base = info.filename.rsplit("/", 1)[-1]
        if base in names and base not in found and not info.is_dir():
            member = info.filename

            def opener(member: str = member) -> IO[bytes]:
                # The member's stream keeps the file open after the archive is closed.
                with zipfile.ZipFile(path) as archive:
                    return archive.open(member)

            found[base] = Table(f"{path}/{member}", opener, datetime.date(*info.date_time[:3]))
    return found


def read_rows(table: Table, delimiter: str, problems: Problems) -> Iterator[tuple[int, list[str]]]:
    """The rows of ``table`` with their numbers (the header is row 1), read as a stream.

    Blank rows are skipped. Empty fields after the header's last column are
    dropped (a row that ends in a delimiter); a row with more or fewer fields than
    the header is reported and skipped; a broken quote ends the reading with a problem naming
    the line. Bytes that are not UTF-8 end the reading too: the file is then
    read once more to report each row and column that holds them.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = path.write_bytes(b'\\xef\\xbb\\xbfa;b\\n1;"x\\ny"\\n\\n2;3;4\\n')
    >>> p = Problems()
    >>> list(read_rows(file_table(path), ";", p))
    [(1, ['a', 'b']), (2, ['1', 'x\\ny'])]
    >>> [pr.message for pr in p.listed]
    ['the row has 3 fields, the header 2 (a stray delimiter, or a quote not closed?)']
    """
    try:
        yield from _rows(table, delimiter, problems, careful=False)
    except UnicodeDecodeError:
        for _ in _rows(table, delimiter, problems, careful=True):
            pass


def _rows(table: Table, delimiter: str, problems: Problems, *, careful: bool) -> Iterator[tuple[int, list[str]]]:
    """The rows of ``table``. Not ``careful``: decoded strictly (fast), so that a byte that is
    not UTF-8 raises. ``careful``: such bytes are kept as escapes and only they are reported."""
    with table.opener() as raw:
        text = io.TextIOWrapper(
            raw, encoding="utf-8-sig", errors="surrogateescape" if careful else "strict", newline=""
        )
        escaped: list[int] = []  # careful: lines read since the last row that hold bytes that are not UTF-8

        def lines() -> Iterator[str]:
            for number, line in enumerate(text, start=1):
                if _ESCAPED.search(line):
                    escaped.append(number)
                yield line

        reader = csv.reader(lines() if careful else text, delimiter=delimiter, strict=True)
        header: list[str] | None = None
        number = 0
        try:
            for cells in reader:
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    escaped.clear()
                    continue
                number += 1
                if header is None:
                    header = [c.strip() for c in cells]
                    while header and not header[-1]:
                        header.pop()  # a header that ends in a delimiter
                    if escaped:
                        problems.add(table.name, "the header is not UTF-8 text: not a CSV file of this kind?", row=1)
                        return
                    yield number, header
                    continue
                if escaped:  # the csv reader reads no further than the row it gives
                    escaped.clear()
                    column = next((h for h, c in zip(header, cells, strict=False) if _ESCAPED.search(c)), None)
                    problems.add(
                        table.name,
                        "bytes that are not UTF-8: the file mixes encodings (save it as UTF-8)",
                        row=number,
                        column=column,
                    )
                    continue
                if careful:
                    continue  # only the encoding is reported on the second reading
                while len(cells) > len(header) and not cells[-1].strip():
                    cells.pop()  # a row that ends in a delimiter (some releases end their rows so)
                if len(cells) != len(header):
                    problems.add(
                        table.name,
                        f"the row has {len(cells)} fields, the header {len(header)} "
                        "(a stray delimiter, or a quote not closed?)",
                        row=number,
                    )
                    continue
                yield number, cells
        except csv.Error as exc:
            if not careful:
                problems.add(
                    table.name,
                    f"the file cannot be read past line {reader.line_num}: {exc} (a quote not closed?)",
                    row=number + 1,
                )
        if header is None and not careful:
            problems.add(table.name, "the file is empty")


def header_index(
    table: Table, header: list[str], required: tuple[str, ...], optional: tuple[str, ...], problems: Problems, kind: str
) -> dict[str, int] | None:
    """The position of each known column in ``header``; ``None`` (and problems) if a required one is missing.

    >>> header_index(Table("t", lambda: io.BytesIO()), ["b", "a"], ("a",), ("b", "c"), Problems(), "a table")
    {'a': 1, 'b': 0}
    """
    index = {name: i for i, name in reversed(list(enumerate(header)))}
    missing = [name for name in required if name not in index]
    if missing:
        if len(missing) > len(required) // 2:
            shown = ", ".join(header[:6]) + (", ..." if len(header) > 6 else "")
            if len(header) == 1:
                shown = f"one column, {header[0][:60]!r} (another delimiter?)"
            problems.add(
                table.name,
                f"not {kind}: {len(missing)} of its {len(required)} columns are missing "
                f"({', '.join(missing)}); the header has {shown}",
                row=1,
            )
        else:
            for name in missing:
                problems.add(table.name, f"missing column {name!r} ({kind})", row=1)
        return None
    return {name: index[name] for name in (*required, *optional) if name in index}


def as_dataset(records: Iterable[Record], base: Dataset | None) -> Dataset:
    """Imported records, checked as a user's data file is, as a dataset on top of ``base``.

    >>> from mtib.core.model import Source, SourceKind
    >>> source = Source(id="s", title="S", kind=SourceKind.DATASET, url="https://example.org")
    >>> as_dataset([source], None).counts()["sources"]
    1
    """
    from mtib.core.checks import Located
    from mtib.core.schema import KIND_OF
    from mtib.io.loading import build

    with paused_gc():
        located: list[Located] = []
        counts: dict[str, int] = {}
        for record in records:
            kind = KIND_OF[type(record)]
            located.append(Located(record, kind, counts.get(kind, 0), None))
            counts[kind] = counts.get(kind, 0) + 1
        try:
            return build(located, base)
        except DataError as exc:
            raise DataError(exc.problems, "the imported records are not valid (please report this)") from None
