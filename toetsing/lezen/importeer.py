"""lees_werkplan(): the werkplan workbook -> `Werkplan`, every value with its cell.

What cannot be read becomes a `Melding` and the rest is still read; only a file that
cannot be opened at all raises `WerkplanFout`.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from toetsing.lezen.invoer import Invoer, lees_invoer
from toetsing.lezen.waarden import (
    Unreadable,
    as_text,
    parse_code,
    parse_date,
    parse_deelopdracht_nr,
    parse_list,
    parse_number,
    parse_number_or_text,
    parse_onderdeel,
    parse_opdracht,
    parse_quarter,
    parse_reikwijdte,
    parse_whole_number,
    parse_yes_no,
    quote,
)
from toetsing.lezen.werkboek import Cell, Sheet, Workbook, lookup
from toetsing.tekst import normaliseer
from toetsing.werkplan.contract import ALGEMEEN, ALGEMEEN_FIELDS, TABLES, Column, Kind, Table, header_key, is_totaalnaam, TEKST_EENHEDEN
from toetsing.werkplan.model import RIJMODELLEN, Algemeen, Melding, W, Werkplan

# each parser gets the cell and the werkplan's Subsidiejaar (for quarters without a year)
_PARSERS: dict[Kind, Callable[[Cell, int | None], Any]] = {
    Kind.TEXT: lambda cell, _: as_text(cell.value, cell.percent),
    Kind.CODE: lambda cell, _: parse_code(cell.value),
    Kind.NUMBER: lambda cell, _: parse_number(cell.value, cell.percent),
    Kind.WHOLE_NUMBER: lambda cell, _: parse_whole_number(cell.value),
    Kind.NUMBER_OR_TEXT: lambda cell, _: parse_number_or_text(cell.value, cell.percent),
    Kind.DATE: lambda cell, _: parse_date(cell.value),
    Kind.QUARTER: lambda cell, year: parse_quarter(cell.value, year),
    Kind.YES_NO: lambda cell, _: parse_yes_no(cell.value),
    Kind.LIST: lambda cell, _: parse_list(cell.value),
    Kind.DEELOPDRACHT_NR: lambda cell, _: parse_deelopdracht_nr(cell.value),
    Kind.ONDERDEEL: lambda cell, _: parse_onderdeel(cell.value),
    Kind.REIKWIJDTE: lambda cell, _: parse_reikwijdte(cell.value),
    Kind.OPDRACHT: lambda cell, _: parse_opdracht(cell.value),
}


class _Reader:
    """Reads cells into `W` values and collects the meldingen (each once)."""

    def __init__(self, bestand: str):
        self.bestand = bestand
        self.meldingen: list[Melding] = []
        self._reported: set[tuple[str | None, str | None, str]] = set()
        self.subsidiejaar: int | None = None

    def report(self, blad: str | None, cel: str | None, tekst: str) -> None:
        if (blad, cel, tekst) not in self._reported:  # a merged cell is read for every row it spans
            self._reported.add((blad, cel, tekst))
            self.meldingen.append(Melding(bestand=self.bestand, blad=blad, cel=cel, tekst=tekst))

    def value(self, sheet: Sheet, cell: Cell | None, column: Column, header: str | None) -> W | None:
        if cell is None:
            return None
        try:
            value = _PARSERS[column.kind](cell, self.subsidiejaar)
        except Unreadable as error:
            self.report(sheet.title, cell.ref, str(error))
            return None
        if value is None or value == [] or value == "":
            return None  # e.g. Reikwijdte "volledig", a list cell holding only ";"
        typed = isinstance(cell.value, str)
        ruw = cell.value if typed and value != cell.value.strip() else None
        value_type = list[type(value[0])] if isinstance(value, list) else type(value)
        # the Plek as a dict: pydantic builds it in the same validation, a third cheaper per cell
        return _w(value_type)(waarde=value, plek={"blad": sheet.title, "cel": cell.ref, "kolom": header}, ruw=ruw)


@cache
def _w(value_type: Any) -> type[W]:
    # pydantic looks a parametrised model up anew on every W[...]: a sixth of reading a table
    return W[value_type]


def _mark_total(field: str) -> Callable[[dict[str, Any], _Reader], None]:
    def mark(fields: dict[str, Any], _: _Reader) -> None:
        label: W | None = fields.get(field)
        fields["is_totaal"] = label is not None and is_totaalnaam(label.ruw or label.waarde)

    return mark


def _check_kengetal(fields: dict[str, Any], reader: _Reader) -> None:
    """A Waarde that is text where the Eenheid asks for a number: kept, but reported."""
    waarde: W | None = fields.get("waarde")
    eenheid: W | None = fields.get("eenheid")
    if waarde and isinstance(waarde.waarde, str) and eenheid and normaliseer(eenheid.waarde) not in TEKST_EENHEDEN:
        reader.report(waarde.plek.blad, waarde.plek.cel, f"{quote(waarde.waarde)} is geen getal")


# per contract sheet: what a row needs beyond its cells
_FINISH: dict[str, Callable[[dict[str, Any], _Reader], None]] = {
    "Kengetallen": _check_kengetal,
    **{t.sheet: _mark_total(t.naamkolom) for t in TABLES if t.totaal},
}


# sheets on which a code has one answer, by the field that holds it (Producten lists a
# code once per delivery)
_ONE_ANSWER = {"Randvoorwaarden": "akkoord", "Kengetallen": "waarde"}


def _report_conflicting_codes(rows: list[Any], field: str, reader: _Reader) -> None:
    """A code twice with different answers: both rows go to the rules, and the melding
    names both rows."""
    first: dict[str, Any] = {}
    for row in rows:
        if row.code is None:
            continue
        seen = first.setdefault(row.code.waarde, row)
        if _answer(seen, field) != _answer(row, field):
            tekst = (
                f"de code {row.code.waarde} staat ook in {seen.code.plek.cel}, met een ander antwoord; "
                "beide rijen zijn getoetst, laat er één staan"
            )
            reader.report(row.code.plek.blad, row.code.plek.cel, tekst)


def _answer(row: Any, field: str) -> Any:
    w: W | None = getattr(row, field)
    return None if w is None else w.waarde


def _expected_headers(table: Table) -> str:
    names = {column.field: column.names[0] for column in table.columns}
    return " en ".join(" of ".join(names[field] for field in group) for group in table.required)


def _read_table(sheet: Sheet, table: Table, reader: _Reader) -> list[Any]:
    header = sheet.find_header(table)
    if header is None:
        reader.report(
            sheet.title,
            None,
            f"geen kopregel gevonden in de eerste rijen; verwacht de kolommen {_expected_headers(table)}",
        )
        return []
    finish = _FINISH.get(table.sheet)
    rows = []
    for row in sheet.rows(header.row + 1, header.columns):
        fields: dict[str, Any] = {}
        for col, (column, name) in header.columns.items():
            value = reader.value(sheet, sheet.cell(row, col), column, name)
            if value is None:
                continue
            if column.every_match:
                fields.setdefault(column.field, []).append(value)
            else:
                fields[column.field] = value
        if finish:
            finish(fields, reader)
        rows.append(RIJMODELLEN[table.attribute](rij=row, **fields))
    if table.sheet in _ONE_ANSWER:
        _report_conflicting_codes(rows, _ONE_ANSWER[table.sheet], reader)
    return rows


def _read_algemeen(sheet: Sheet, reader: _Reader) -> Algemeen:
    """Key/value: with a Veld/Waarde header row, or else column A = field, B = value."""
    header = sheet.find_header(ALGEMEEN)
    key_col, value_col, first, value_header = 1, 2, 1, None
    if header:
        by_field = {column.field: (col, name) for col, (column, name) in header.columns.items()}
        (key_col, _), (value_col, value_header) = by_field["veld"], by_field["waarde"]
        first = header.row + 1
    fields_by_name = lookup(ALGEMEEN_FIELDS)
    fields: dict[str, W] = {}
    for row in sheet.rows(first, (key_col, value_col)):
        column = fields_by_name.get(header_key(sheet.text(row, key_col)))
        if column is None:
            continue  # a title, an instruction or a field of a later contract version
        value = reader.value(sheet, sheet.cell(row, value_col), column, value_header)
        if value is None:
            continue
        if column.field in fields:
            first_cel = fields[column.field].plek.cel
            tekst = f"{column.names[0]} staat er twee keer; de waarde in {first_cel} is gebruikt"
            reader.report(sheet.title, value.plek.cel, tekst)
        else:
            fields[column.field] = value
    return Algemeen(**fields)


def lees_werkplan(bron: Invoer | Path) -> Werkplan:
    """Read a werkplan workbook from its bytes (a path is read first, for scripts and tests);
    raises WerkplanFout when it cannot be opened."""
    invoer = bron if isinstance(bron, Invoer) else lees_invoer(bron)
    reader = _Reader(invoer.naam)
    with Workbook(invoer, reader.report) as workbook:
        return _read_sheets(workbook, reader)


def _read_sheets(workbook: Workbook, reader: _Reader) -> Werkplan:
    """The contract's sheets of an opened workbook (benchmarks/bench.py times this on its own)."""
    sheets = workbook.match(TABLES)
    algemeen = _read_algemeen(sheets["Algemeen"], reader) if "Algemeen" in sheets else Algemeen()
    if algemeen.subsidiejaar:
        reader.subsidiejaar = algemeen.subsidiejaar.waarde
    tables = {
        table.attribute: _read_table(sheets[table.sheet], table, reader) if table.sheet in sheets else []
        for table in TABLES
        if table.attribute
    }
    return Werkplan(
        bestand=reader.bestand,
        bladen={name: sheet.title for name, sheet in sheets.items()},
        algemeen=algemeen,
        meldingen=reader.meldingen,
        **tables,
    )
