"""Opening a werkplan workbook safely, and reading its sheets the way the contract
describes: sheets found by name, a header row somewhere in the first rows, merged
cells that count for every row they span, bounded work on absurd sheets.

The workbook is read from an `Invoer`: the file's bytes, read once and never written.
"""
from __future__ import annotations

import io
import lzma
import posixpath
import re
import warnings
import zipfile
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import IO
from xml.parsers import expat

import defusedxml

with warnings.catch_warnings():
    # defuse_stdlib() imports the deprecated defusedxml.cElementTree; harmless
    warnings.simplefilter("ignore", DeprecationWarning)
    defusedxml.defuse_stdlib()

import openpyxl  # noqa: E402  (after defuse_stdlib on purpose)
from defusedxml import DefusedXmlException  # noqa: E402
from openpyxl.cell import Cell as OpenpyxlCell  # noqa: E402
from openpyxl.cell import MergedCell  # noqa: E402
from openpyxl.utils import range_boundaries  # noqa: E402
from openpyxl.worksheet.worksheet import Worksheet  # noqa: E402

from toetsing.fouten import WerkplanFout  # noqa: E402
from toetsing.tekst import toonbaar  # noqa: E402
from toetsing.werkplan.contract import Column, Table, header_key  # noqa: E402
from toetsing.lezen.invoer import MAX_FILE_BYTES, Invoer, te_groot  # noqa: E402
from toetsing.lezen.waarden import CellValue, as_text, shorten  # noqa: E402

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# a ratio says nothing about a small member (10 kB of styles can compress 300x)
RATIO_MIN_BYTES = 1024 * 1024
# openpyxl spends ~15-20 µs and ~300 bytes on every cell, filled, only formatted or
# covered by a merge: these keep a file to a few seconds and ~100 MB; a werkplan has a
# few thousand cells
MAX_CELLS = 100_000
MAX_MERGED_CELLS = 100_000
MAX_XML_ELEMENTS = 500_000  # cells, texts and formatting together
# openpyxl holds about seven bytes for each byte of XML (50 MB of text: 350 MB); pictures,
# which it does not read, do not count
MAX_XML_BYTES = 20 * 1024 * 1024
# zipfile makes an object for every member as it opens the archive (300,000 empty members:
# a minute); a workbook has tens of members, with many sheets and pictures a few hundred
MAX_MEMBERS = 5_000
HEADER_ROWS = 10
MAX_COLUMNS = 200
MAX_ROWS = 10_000  # data rows read per sheet
MAX_EMPTY_RUN = 200  # consecutive empty rows that end a table
_MAX_SHEET_ROW = HEADER_ROWS + MAX_ROWS + MAX_EMPTY_RUN
_SHEET_ROWS, _SHEET_COLUMNS = 1_048_576, 16_384  # Excel's limits

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and encrypted .xlsx
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_RESAVE = "open het in Excel of LibreOffice en bewaar het als .xlsx"
_DAMAGED = f"het bestand is beschadigd of geen .xlsx; {_RESAVE}"
_ENTITIES = "het bestand bevat XML met een DTD of entiteiten, wat in een .xlsx niet hoort, en wordt niet geopend"


def _dutch(number: int) -> str:
    return f"{number:_}".replace("_", ".")  # 100.000


_TOO_BIG = (
    f"het bestand is te groot voor een werkplan (meer dan {_dutch(MAX_CELLS)} cellen, {_dutch(MAX_XML_ELEMENTS)} "
    f"onderdelen of {MAX_XML_BYTES // 2**20} MB aan tekst en opmaak) en wordt niet geopend; "
    "haal lege rijen en kolommen met opmaak weg en bewaar het opnieuw"
)
_REPEATED = f"in het bestand staat hetzelfde blad meer dan eens; {_RESAVE}"
_MERGED = (
    "het bestand heeft samengevoegde cellen over een onredelijk groot gebied; "
    "maak die samenvoeging ongedaan en bewaar het opnieuw"
)

# Excel's "Strict Open XML Spreadsheet" names the same elements and relationships in
# other namespaces; openpyxl knows only the transitional ones and would read such a
# workbook as one without sheets. Prefixes: drawingml/main, drawingml/chart, ... map alike.
_STRICT_NAMESPACES = (
    ("http://purl.oclc.org/ooxml/spreadsheetml/main", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"),
    ("http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"),
    ("http://purl.oclc.org/ooxml/officeDocument/relationships",
     "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    ("http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
     "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
    ("http://purl.oclc.org/ooxml/officeDocument/customProperties",
     "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"),
    ("http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes",
     "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"),
    ("http://purl.oclc.org/ooxml/drawingml/", "http://schemas.openxmlformats.org/drawingml/2006/"),
)
_STRICT = re.compile("|".join(re.escape(strict) for strict, _ in _STRICT_NAMESPACES).encode())
_TRANSITIONAL = {strict.encode(): transitional.encode() for strict, transitional in _STRICT_NAMESPACES}

# control characters (but tab and line breaks) and bidirectional overrides mean nothing in
# a werkplan; in a terminal or on a web page they can hide or fake text
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# the parts of a number format that print as they are, or only colour or pad
_LITERAL = re.compile(r'"[^"]*"?|\\.|\[[^\]]*\]?|[_*].')

_HIDDEN = {"hidden": "verborgen", "veryHidden": "verborgen (zo dat Excel het niet zichtbaar kan maken)"}

Report = Callable[[str | None, str | None, str], None]  # (blad, cel, tekst)


@dataclass(frozen=True)
class Cell:
    """A cell with content (never None or blank text)."""

    value: CellValue
    ref: str  # e.g. "C4"; for a merged range, its first cell
    percent: bool  # a number whose number format shows a percentage


@dataclass(frozen=True)
class Header:
    row: int
    columns: dict[int, tuple[Column, str]]  # column index -> (column, header as typed)


@cache
def lookup(columns: tuple[Column, ...]) -> dict[str, Column]:
    """Normalised name -> column, for table headers and for the fields of Algemeen."""
    return {header_key(name): column for column in columns for name in column.names}


def _fail(naam: str, text: str) -> WerkplanFout:
    return WerkplanFout(f"{naam}: {text}")


def _check_bytes(naam: str, data: bytes) -> None:
    """What the first bytes and the size say: not a workbook at all, or one we cannot open."""
    if len(data) > MAX_FILE_BYTES:
        raise te_groot(naam)
    if not data:
        raise _fail(naam, f"het bestand is leeg; {_RESAVE}")
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            raise _fail(
                naam, "het bestand is met een wachtwoord versleuteld; haal het wachtwoord weg en bewaar het opnieuw als .xlsx"
            )
        raise _fail(naam, f"dit is een oud Excel-bestand (.xls); {_RESAVE}")
    if not data.startswith(b"PK"):
        raise _fail(naam, f"dit is geen Excel-werkmap (.xlsx); {_RESAVE}")


def _area(ref: str) -> int:
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except ValueError:
        return 0  # not a range; openpyxl decides what to make of it
    # "A:A" or "1:1" leave bounds open: the whole column or row
    return ((max_col or _SHEET_COLUMNS) - (min_col or 1) + 1) * ((max_row or _SHEET_ROWS) - (min_row or 1) + 1)


class _Refused(Exception):
    """Stops the scan of the archive; str() is the message for the user."""


@dataclass
class _Scan:
    """What one pass over every XML member finds, before openpyxl builds a single object.

    expat with a handler per element keeps nothing in memory; a DTD is refused at its
    first declaration, so no entity is ever defined, let alone expanded or fetched.
    """

    elements: int = 0
    cells: int = 0
    xml_bytes: int = 0
    merged: int = 0
    # a formula without a calculated value (its <v> missing or empty): only then does the
    # workbook need a second pass to find such cells, as data_only reads them as empty
    uncalculated: bool = False
    _formula: bool = False  # the current cell has a formula
    _in_value: bool = False  # inside the current formula cell's <v>
    _value: bool = False  # and that <v> holds text
    # openpyxl parses a sheet once for every reference to it: a small file naming one
    # sheet thousands of times would cost minutes, so each sheet and its part may appear once
    _sheet_ids: set[str] = field(default_factory=set)
    _sheet_parts: set[str] = field(default_factory=set)
    _member: str = ""

    def read(self, stream: IO[bytes], member: str) -> None:
        self._member = member
        parser = expat.ParserCreate()
        parser.StartElementHandler = self._start
        parser.CharacterDataHandler = self._text
        parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = _refuse_entities
        try:
            parser.ParseFile(stream)
        except expat.ExpatError:
            pass  # not XML (images), or XML openpyxl will report on
        self._end_cell()
        self.xml_bytes += max(parser.CurrentByteIndex, 0)
        if self.xml_bytes > MAX_XML_BYTES:
            raise _Refused(_TOO_BIG)

    def _end_cell(self) -> None:
        self.uncalculated |= self._formula and not self._value
        self._formula = self._value = False

    def _text(self, text: str) -> None:
        if self._in_value and text.strip():
            self._value = True

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        tag = name.rpartition(":")[2]  # with or without a namespace prefix
        self.elements += 1
        self._in_value = tag == "v" and self._formula  # <v> has no children: the next start ends it
        if tag == "c":
            self._end_cell()
            self.cells += 1
        elif tag == "f":
            self._formula = True
        elif tag == "mergeCell":
            self.merged += _area(attributes.get("ref", ""))
            if self.merged > MAX_MERGED_CELLS:
                raise _Refused(_MERGED)
        elif tag == "sheet":  # in workbook.xml: <sheet name=".." r:id="rId1"/>
            _once(self._sheet_ids, next((v for k, v in attributes.items() if k.endswith(":id")), ""))
        elif tag == "Relationship" and attributes.get("Type", "").endswith(("/worksheet", "/chartsheet")):
            _once(self._sheet_parts, _part(self._member, attributes.get("Target", "")))
        if self.cells > MAX_CELLS or self.elements > MAX_XML_ELEMENTS:
            raise _Refused(_TOO_BIG)


def _refuse_entities(*_: object) -> None:
    raise _Refused(_ENTITIES)


def _once(seen: set[str], key: str) -> None:
    if key in seen:
        raise _Refused(_REPEATED)
    if key:
        seen.add(key)


def _part(rels: str, target: str) -> str:
    """The member a relationship points at: in xl/_rels/workbook.xml.rels,
    'worksheets/sheet1.xml', '/xl/worksheets/sheet1.xml' and './worksheets/../worksheets/sheet1.xml'
    are all xl/worksheets/sheet1.xml."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(posixpath.dirname(rels)), target))


_ZIP_DAMAGE = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, EOFError, NotImplementedError, RuntimeError,
               ValueError)


def _check_archive(naam: str, data: bytes) -> _Scan:
    """Refuse zip bombs, XML entities, absurd merged ranges and absurd numbers of cells
    before openpyxl sees the file."""
    # every member has an entry in the zip's table of contents, which starts with this
    # signature: a count that bounds what zipfile builds, before it builds anything
    if data.count(b"PK\x01\x02") > MAX_MEMBERS:
        raise _fail(naam, f"het bestand bestaat uit meer dan {_dutch(MAX_MEMBERS)} delen en wordt niet geopend")
    scan = _Scan()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            # a part name is case-insensitive (OPC): a second member of the same name is a
            # second version of that part, and which one a program reads is anyone's guess
            names = [member.filename.lower() for member in members]
            if len(set(names)) < len(names):
                raise _fail(naam, f"het bestand bevat een onderdeel twee keer en is dus beschadigd; {_RESAVE}")
            if "mimetype" in archive.namelist() and archive.read("mimetype").startswith(b"application/vnd.oasis"):
                raise _fail(
                    naam, "dit is een OpenDocument-bestand (.ods); bewaar het in LibreOffice als Excel-werkmap (.xlsx)"
                )
            total = sum(member.file_size for member in members)
            too_compressed = any(
                member.file_size > RATIO_MIN_BYTES
                and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
                for member in members
            )
            if total > MAX_UNCOMPRESSED_BYTES or too_compressed:
                raise _fail(naam, "het bestand pakt uit tot verdacht veel gegevens (zipbom) en wordt niet geopend")
            # every member, whatever its name: the workbook's relations decide what is a sheet
            for member in members:
                with archive.open(member) as stream:
                    scan.read(stream, member.filename)
    except _ZIP_DAMAGE:
        # RuntimeError: a zip member with a password; NotImplementedError: an unknown compression;
        # ValueError: a member's offset pointing before the start of the file; OSError and
        # LZMAError: a damaged bzip2 or lzma member (the archive is in memory, so no other OSError)
        raise _fail(naam, _DAMAGED) from None
    except _Refused as refused:
        raise _fail(naam, str(refused)) from None
    return scan


def transitional(data: bytes) -> bytes:
    """The package as openpyxl can read it: for Strict Open XML a copy (in memory; the
    file itself is never written) with the namespaces replaced by their transitional
    twins, else `data` itself. Only for an archive that passed `_check_archive`, so that
    its XML is bounded."""
    output = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            xml = {m.filename: archive.read(m) for m in members if m.filename.lower().endswith((".xml", ".rels"))}
            if not any(_STRICT.search(content) for content in xml.values()):
                return data
            with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as copy:
                for member in members:
                    content = xml.get(member.filename)
                    content = archive.read(member) if content is None else _STRICT.sub(_to_transitional, content)
                    copy.writestr(member.filename, content)
    except _ZIP_DAMAGE:  # damage past the point where the scan's parser gave up: openpyxl reports it
        return data
    return output.getvalue()


def _to_transitional(match: re.Match[bytes]) -> bytes:
    return _TRANSITIONAL[match.group()]


def _load(naam: str, data: bytes, **options: bool) -> openpyxl.Workbook:
    if not openpyxl.DEFUSEDXML:  # e.g. OPENPYXL_DEFUSEDXML=False in the environment
        raise _fail(naam, "openpyxl gebruikt defusedxml niet; zet OPENPYXL_DEFUSEDXML niet op False")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about every unsupported extension; none matters here
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), keep_vba=False, keep_links=False, **options)
    except Exception as error:  # whatever openpyxl trips over in a damaged file
        if _caused_by(error, DefusedXmlException):  # openpyxl wraps it in a ValueError
            raise _fail(naam, _ENTITIES) from None
        if _caused_by(error, (zipfile.BadZipFile, zlib.error)):  # damage the scan stopped before
            raise _fail(naam, _DAMAGED) from None
        raise _fail(naam, f"het bestand kan niet als Excel-werkmap worden gelezen; {_RESAVE}") from None


def _caused_by(error: BaseException | None, kind: type[BaseException] | tuple[type[BaseException], ...]) -> bool:
    while error is not None:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
    return False


def open_veilig(invoer: Invoer) -> openpyxl.Workbook:
    """Any workbook toetsing reads besides a werkplan (the beoordelingsformulier), with the
    same checks: values only, refused as a werkplan is when damaged or hostile."""
    _check_bytes(invoer.naam, invoer.inhoud)
    _check_archive(invoer.naam, invoer.inhoud)
    return _load(invoer.naam, invoer.inhoud, data_only=True)


class Workbook:
    """A werkplan workbook, opened with the cached values of formulas (data_only)."""

    def __init__(self, invoer: Invoer, report: Report):
        self.naam = invoer.naam
        self._report = report
        self._data = invoer.inhoud
        _check_bytes(self.naam, self._data)
        self._uncalculated = _check_archive(self.naam, self._data).uncalculated
        self._data = transitional(self._data)
        self._values = _load(self.naam, self._data, data_only=True)
        self._formulas: openpyxl.Workbook | None = None
        self.sheets = [Sheet(ws, self, report) for ws in self._values.worksheets]

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_: object) -> None:
        self._values.close()
        if self._formulas is not None:
            self._formulas.close()

    def formula_cells(self, title: str) -> frozenset[str]:
        """Cells of a sheet holding a formula; data_only loses that, so a second,
        read-only pass finds them (only needed when a cell reads as empty)."""
        if not self._uncalculated:
            return frozenset()  # every formula has its value: none of them reads as empty
        if self._formulas is None:
            self._formulas = _load(self.naam, self._data, read_only=True, data_only=False)
        rows = self._formulas[title].iter_rows(max_row=_MAX_SHEET_ROW, max_col=MAX_COLUMNS)
        return frozenset(cell.coordinate for row in rows for cell in row if cell.data_type == "f")

    def match(self, tables: Iterable[Table]) -> dict[str, Sheet]:
        """Contract sheet name -> sheet, by sheet name and synonyms. A visible sheet wins
        over a hidden one (what the organisation sees is what it sent), else the first;
        the others are named in a melding, and so is a hidden sheet that is read."""
        by_name = {header_key(name): table for table in tables for name in table.sheet_names}
        candidates: dict[str, list[Sheet]] = {}
        for sheet in self.sheets:
            if (table := by_name.get(header_key(sheet.raw_title))) is not None:
                candidates.setdefault(table.sheet, []).append(sheet)
        found: dict[str, Sheet] = {}
        for name, sheets in candidates.items():
            chosen = found[name] = next((sheet for sheet in sheets if sheet.hidden is None), sheets[0])
            if chosen.hidden:
                self._report(chosen.title, None, f"dit blad is {chosen.hidden} en toch gelezen als {name}; "
                             "maak het zichtbaar of haal het weg")
            for sheet in sheets:
                if sheet is not chosen:
                    reden = f"het is {sheet.hidden} en " if sheet.hidden else ""
                    al = "" if sheet.hidden else "al "
                    self._report(sheet.title, None,
                                 f'dit blad is niet gelezen: {reden}blad "{chosen.title}" is {al}gelezen als {name}')
        if not found:
            names = ", ".join(f'"{sheet.title}"' for sheet in self.sheets) or "geen"
            self._report(None, None, "geen van de bladen van een werkplan gevonden (zoals Algemeen en Kengetallen); "
                         f"de werkmap heeft de bladen {names}")
        return found


class Sheet:
    def __init__(self, ws: Worksheet, workbook: Workbook, report: Report):
        self._ws = ws
        # openpyxl's own map (row, column) -> cell: ws.cell() would make, and keep, a cell
        # for every empty coordinate asked for, and ws.max_row walks every cell again
        self._cells: dict[tuple[int, int], OpenpyxlCell | MergedCell] = ws._cells
        self._workbook = workbook
        self._report = report
        # as every output shows it; annoteren finds the sheet back by the same function
        self.title: str = toonbaar(ws.title)
        self.raw_title: str = ws.title  # for matching: normaliseer() drops what toonbaar() shows
        # how the sheet is hidden, in words; None when it is visible
        self.hidden: str | None = _HIDDEN.get(ws.sheet_state)
        self._formulas: frozenset[str] | None = None
        self._merged: dict[int, tuple[list[int], list[tuple[int, int]]]] | None = None

    @cached_property
    def _max_row(self) -> int:
        return self._ws.max_row

    @cached_property
    def _max_column(self) -> int:
        return self._ws.max_column

    # --- cells ---

    def _merged_anchor(self, row: int, col: int) -> int | None:
        """The first row of the merged range that starts in column `col` and covers `row`.

        A merged value counts for every row it spans, in its own column only: text
        merged across Uitwerking and Resultaatmeting does not fill Resultaatmeting.
        """
        if self._merged is None:
            spans_by_col: dict[int, list[tuple[int, int]]] = {}
            for merged in self._ws.merged_cells.ranges:
                spans_by_col.setdefault(merged.min_col, []).append((merged.min_row, merged.max_row))
            self._merged = {}
            for c, spans in spans_by_col.items():
                spans.sort()  # ranges never overlap, so per column they sort by first row
                self._merged[c] = ([first for first, _ in spans], spans)
        starts, spans = self._merged.get(col, ([], []))
        index = bisect_right(starts, row) - 1
        if index >= 0 and row <= spans[index][1]:
            return spans[index][0]
        return None

    def _resolve(self, row: int, col: int) -> OpenpyxlCell | MergedCell | None:
        """The cell at (row, col), for a merged cell its range's first; None when the file has none there."""
        cell = self._cells.get((row, col))
        if isinstance(cell, MergedCell) and (first_row := self._merged_anchor(row, col)):
            cell = self._cells.get((first_row, col))
        return cell

    def _has_own_content(self, row: int, col: int) -> bool:
        # a merged range's value labels the rows below it, but does not make them rows;
        # a formula without a calculated value does, so that it is reported
        cell = self._cells.get((row, col))
        if cell is None or isinstance(cell, MergedCell):
            return False
        return not _blank(cell.value) or (cell.value is None and cell.coordinate in self._formula_cells())

    def _formula_cells(self) -> frozenset[str]:
        if self._formulas is None:
            self._formulas = self._workbook.formula_cells(self._ws.title)
        return self._formulas

    def cell(self, row: int, col: int) -> Cell | None:
        """The cell's content; None when empty, an error value, or an uncalculated formula."""
        cell = self._resolve(row, col)
        if cell is None:
            return None
        value = _clean(cell.value)
        if cell.data_type == "e":
            foutwaarde = "" if value is None else f" {shorten(str(value))}"
            self._report(
                self.title, cell.coordinate, f"de cel bevat de foutwaarde{foutwaarde}; verbeter de formule of de invoer"
            )
            return None
        if value is None:
            if cell.coordinate in self._formula_cells():
                self._report(
                    self.title,
                    cell.coordinate,
                    "de cel is een formule zonder berekende waarde; open en bewaar het bestand in Excel",
                )
            return None
        if _blank(value):
            return None
        # only a number shows as a percentage; the style lookup is skipped for the rest
        return Cell(value, cell.coordinate, isinstance(value, (int, float)) and _percent_format(cell))

    def text(self, row: int, col: int) -> str:
        """The cell's content as text, '' when empty; for headers and Algemeen fields."""
        cell = self._resolve(row, col)
        value = None if cell is None else _clean(cell.value)
        return "" if _blank(value) else as_text(value)

    # --- rows and header ---

    def rows(self, first: int, columns: Iterable[int]) -> Iterator[int]:
        """Row numbers from `first` on with content of their own in one of `columns`.

        Stops after MAX_EMPTY_RUN empty rows (a styled cell at row 1048576 must not
        cost a million reads) and after MAX_ROWS rows, with a Melding.
        """
        columns = tuple(columns)
        last = min(self._max_row, first + MAX_ROWS - 1)
        empty_run = 0
        for row in range(first, last + 1):
            if any(self._has_own_content(row, col) for col in columns):
                empty_run = 0
                yield row
            else:
                empty_run += 1
                if empty_run >= MAX_EMPTY_RUN:
                    return
        beyond = range(last + 1, min(self._max_row, last + MAX_EMPTY_RUN) + 1)
        if any(self._has_own_content(row, col) for row in beyond for col in columns):
            self._report(
                self.title, None, f"het blad heeft meer dan {MAX_ROWS} rijen; alleen de eerste {MAX_ROWS} zijn gelezen"
            )

    def find_header(self, table: Table) -> Header | None:
        """Of the first HEADER_ROWS rows that name one field of each required group, the one
        naming most columns: a merged row of group titles above the real header ("Kengetal"
        over Code and Omschrijving) may name a required field too, but fewer. When another
        row comes within one column, the melding says which row was taken."""
        columns_by_name = lookup(table.columns)
        candidates: list[Header] = []
        for row in range(1, min(self._max_row, HEADER_ROWS) + 1):
            columns: dict[int, tuple[Column, str]] = {}
            fields: set[str] = set()
            for col in range(1, min(self._max_column, MAX_COLUMNS) + 1):
                name = self.text(row, col)
                column = columns_by_name.get(header_key(name)) if name else None
                if column and (column.every_match or column.field not in fields):
                    columns[col] = (column, name)
                    fields.add(column.field)
            if all(fields.intersection(group) for group in table.required):
                candidates.append(Header(row, columns))
        if not candidates:
            return None
        best = max(candidates, key=lambda header: len(header.columns))  # the first of equals
        close = [h.row for h in candidates if h is not best and len(h.columns) >= len(best.columns) - 1]
        if close:
            self._report(self.title, None, f"rij {best.row} is als kopregel gelezen; rij {close[0]} noemt bijna "
                         "even veel kolommen: kijk na of dat de goede rij is")
        return best


def _percent_format(cell: OpenpyxlCell) -> bool:
    try:
        number_format = cell.number_format
    except IndexError:  # a style pointing at a number format the file does not define
        return False
    # a literal sign ('0" %"', '0\%') only prints; a colour or currency in brackets is no percentage
    return "%" in _LITERAL.sub("", number_format or "")


def _clean(value: CellValue | None) -> CellValue | None:
    return _CONTROL.sub("", value) if isinstance(value, str) else value


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
