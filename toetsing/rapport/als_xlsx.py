"""The toetsingsrapport as an Excel workbook: a sheet Samenvatting (what to do first, then
the files, opdracht, counts per status and per onderdeel, unreadable cells, what the
medewerker judges, the receipt) and a sheet
Bevindingen (one row per bevinding, ready to filter and print).

The sheet builders here are shared with the annotated werkplan (annoteren.py).
"""
from __future__ import annotations

import io
import textwrap
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from toetsing.bevindingen import Bevinding, Bewijs, Rapport
from toetsing.rapport import weergave
from toetsing.status import Status

# column header, width in characters: together they fit A4 landscape (PAPIER) with the page fitted
# to its width, so the 11 pt text does not shrink below 9 pt
KOLOMMEN = (("Regel", 16), ("Titel", 17), ("Status", 11), ("Toelichting", 24), ("Nu in het werkplan", 18),
            ("Gevraagd", 16), ("Wat u doet", 22), ("Onderdeel", 12), ("Bron", 13), ("Citaat", 14),
            ("Cellen", 17))  # a linked cell does not wrap: room for Blad!C4
PAPIER = 150  # what A4 landscape holds within 1 cm margins, in Excel's column width units
REGELHOOGTE = 13.5  # points per line of wrapped 11 pt text
_CELLEN = len(KOLOMMEN)  # the Cellen column is the last
VET = Font(bold=True)
KOPVULLING = PatternFill("solid", fgColor="D9E1F2")
BOVEN = Alignment(vertical="top", wrap_text=True)
LINK = Font(color="0B50A0", underline="single")


def als_xlsx(rapport: Rapport, kort: bool = False) -> bytes:
    wb = Workbook()
    samenvatting = wb.active
    samenvatting.title = "Samenvatting"
    schrijf_samenvatting(samenvatting, rapport, per_onderdeel=True)
    afdrukken(samenvatting, kopregel=None)
    schrijf_bevindingen(wb.create_sheet("Bevindingen"), rapport, eerste_rij=1, kort=kort)
    if rapport.vergelijking:
        schrijf_vergelijking(wb.create_sheet(weergave.VERGELIJKING, 0), rapport)
    geen_formules(wb)
    return opslaan(wb)


def opslaan(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def geen_formules(wb: Workbook) -> None:
    """Keep every text that starts with '=' a text (openpyxl makes it a formula), for a
    workbook that holds only what toetsing wrote: a werkplan's '=HYPERLINK(...)' as
    Organisatie must not come alive in the report."""
    for ws in wb.worksheets:
        geen_formules_in(ws)


def geen_formules_in(ws) -> None:
    for rij in ws.iter_rows():
        for cel in rij:
            if cel.data_type == "f":
                cel.data_type = "s"
            blijft_tekst(cel)


def blijft_tekst(cel) -> None:
    """A text that starts like a formula ('=', '+', '-', '@') gets Excel's quote prefix, so
    that it stays text when someone later edits the cell and presses Enter."""
    if isinstance(cel.value, str) and cel.value.startswith(("=", "+", "-", "@")) and cel.data_type == "s":
        cel.quotePrefix = True


def vulling(status: Status) -> PatternFill:
    return PatternFill("solid", fgColor=weergave.KLEUREN[status][1])


def kleur(cel, status: Status) -> None:
    cel.fill = vulling(status)
    cel.font = Font(bold=True, color=weergave.KLEUREN[status][0])


def interne_link(blad: str, cel: str) -> str:
    """A location inside the workbook, as Excel writes it: 'Blad'!C4 (quotes doubled)."""
    return "'{}'!{}".format(blad.replace("'", "''"), cel)


def koppel(cel, blad: str, doel: str) -> None:
    cel.hyperlink = Hyperlink(ref=cel.coordinate, location=interne_link(blad, doel), display=cel.value)
    cel.font = LINK


def schrijf_samenvatting(ws: Worksheet, rapport: Rapport, per_onderdeel: bool,
                         koppelen: bool = False) -> int:
    """The summary from row 1 on; returns the first free row. With `koppelen`, an
    unreadable cell links to itself (when the sheet is the werkplan's own)."""
    ws.column_dimensions["A"].width = 34
    for kolom in "BCDEF":
        ws.column_dimensions[kolom].width = 18
    ws["A1"] = weergave.titel(rapport)
    ws["A1"].font = Font(bold=True, size=14)
    rij = 2
    let_op = weergave.waarschuwing(rapport)
    if let_op:
        ws.cell(rij, 1, let_op).font = Font(bold=True, color=weergave.KLEUREN[Status.ontbreekt][0])
        rij += 2
    rij = _te_doen(ws, rapport, rij)
    for label, waarde in weergave.kop(rapport):
        ws.cell(rij, 1, label).font = VET
        ws.cell(rij, 2, waarde)
        rij += 1
    ws.cell(rij, 1, weergave.oordeel(rapport)).font = VET
    rij += 2

    rij = _koprij(ws, rij, ["Status", "Aantal"])
    for status, aantal in weergave.telling(rapport.bevindingen).items():
        kleur(ws.cell(rij, 1, weergave.statuswoord(status)), status)
        ws.cell(rij, 2, aantal)
        rij += 1
    rij += 1

    if per_onderdeel:
        rij = _koprij(ws, rij, ["Onderdeel", *(weergave.statuswoord(s) for s in weergave.STATUSSEN), "Totaal"])
        for kolom, status in enumerate(weergave.STATUSSEN, start=2):
            kleur(ws.cell(rij - 1, kolom), status)
        for naam, bevindingen in weergave.groepen(rapport):
            ws.cell(rij, 1, naam).alignment = BOVEN
            for kolom, aantal in enumerate(weergave.telling(bevindingen).values(), start=2):
                ws.cell(rij, kolom, aantal)
            ws.cell(rij, len(weergave.STATUSSEN) + 2, len(bevindingen))
            rij += 1
        rij += 1

    if rapport.meldingen:
        ws.cell(rij, 1, f"Deze cellen konden niet worden gelezen ({len(rapport.meldingen)}):").font = VET
        rij += 1
        for melding in rapport.meldingen:
            plek = f"{melding.blad}!{melding.cel}" if melding.cel else melding.blad or melding.bestand
            eigen = melding.bestand == rapport.werkplan  # not the werkplan a verantwoording is toetst against
            cel = ws.cell(rij, 1, plek if eigen else f"{Path(melding.bestand).name}: {plek}")
            if koppelen and eigen and melding.blad and melding.cel:
                koppel(cel, melding.blad, melding.cel)
            ws.cell(rij, 2, melding.tekst)
            rij += 1
        rij += 1

    if rapport.handmatig:  # a merged beoordelingsformulier: the officer's judgement of each demand
        rij = schrijf_handmatig(ws, rapport, rij)
    elif rapport.niet_toetsbaar:
        ws.cell(rij, 1, weergave.TE_BEOORDELEN).font = VET
        ws.cell(rij + 1, 1, weergave.TE_BEOORDELEN_UITLEG)
        rij = _koprij(ws, rij + 2, ["Eis", "Bron", "Waarom niet getoetst", "Beoordeeld"])
        for n in rapport.niet_toetsbaar:
            for kolom, waarde in enumerate((n.eis, n.bron, n.waarom), start=1):
                ws.cell(rij, kolom, waarde).alignment = BOVEN
            rij += 1
        rij += 1

    if rapport.ontvangst:
        ws.cell(rij, 1, "Ontvangstbewijs").font = VET
        rij += 1
        for label, waarde in weergave.ontvangst(rapport):
            ws.cell(rij, 1, label)
            ws.cell(rij, 2, waarde)
            rij += 1
    return rij + 1


def schrijf_vergelijking(ws: Worksheet, rapport: Rapport) -> None:
    """A hertoetsing: the rules by what happened to them, then the cells whose value changed."""
    for kolom, breedte in zip("ABCD", (30, 50, 50, 30)):
        ws.column_dimensions[kolom].width = breedte
    ws["A1"] = weergave.VERGELIJKING
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = weergave.vergelijking_kop(rapport)
    rij = 4
    for kop, bevindingen in weergave.vergelijking_groepen(rapport):
        ws.cell(rij, 1, f"{kop} ({len(bevindingen)})").font = VET
        rij += 1
        for b in bevindingen:
            ws.cell(rij, 1, b.regel)
            ws.cell(rij, 2, b.titel).alignment = BOVEN
            kleur(ws.cell(rij, 3, weergave.statuswoord(b.status)), b.status)
            rij += 1
        rij += 1
    cellen = rapport.vergelijking.cellen
    ws.cell(rij, 1, f"Cellen met een andere waarde ({len(cellen)})").font = VET
    rij = _koprij(ws, rij + 1, ["Cel", "Was", "Nu", "Regels"])
    for c in cellen:
        for kolom, waarde in enumerate((c.cel, weergave.waarde(c.was), weergave.waarde(c.nu), ", ".join(c.regels)), 1):
            ws.cell(rij, kolom, waarde).alignment = BOVEN
        rij += 1
    afdrukken(ws, kopregel=None)


def _te_doen(ws: Worksheet, rapport: Rapport, rij: int) -> int:
    """Wat moet u nog doen: one row per task, most serious first; returns the first free row."""
    taken = weergave.te_doen(rapport)
    ws.cell(rij, 1, f"{weergave.WAT_TE_DOEN}: niets" if not taken else weergave.WAT_TE_DOEN).font = Font(bold=True, size=12)
    if not taken:
        return rij + 2
    ws.column_dimensions["B"].width = 70  # the action; the counts below use B for a number only
    rij = _koprij(ws, rij + 1, ["Status", "Wat u doet", "Cellen", "Regels"])
    for i, taak in enumerate(taken, 1):
        kleur(ws.cell(rij, 1, f"{i}. {weergave.statuswoord(taak.status)}"), taak.status)
        for kolom, waarde in enumerate((taak.actie, taak.cellen_kort(), ", ".join(taak.regels)), start=2):
            ws.cell(rij, kolom, waarde).alignment = BOVEN
        rij += 1
    return rij + 1


def _koprij(ws: Worksheet, rij: int, koppen: list[str]) -> int:
    for kolom, kop in enumerate(koppen, start=1):
        cel = ws.cell(rij, kolom, kop)
        cel.font = VET
        cel.fill = KOPVULLING
        cel.alignment = BOVEN
    return rij + 1


def schrijf_bevindingen(ws: Worksheet, rapport: Rapport, eerste_rij: int, koppelen: bool = False,
                        kort: bool = False) -> None:
    """One row per bevinding under a header row at `eerste_rij`, with a filter on it; with
    `kort` only those that ontbreken or afwijken, under a line that says so.

    With `koppelen` the Cellen column links to the first cell of the bevinding, and every
    further cell gets a row of its own (regel, status and link), so each cell is one click.
    """
    bovenaan = eerste_rij == 1
    if kort:
        ws.cell(eerste_rij, 1, weergave.KORT).font = Font(italic=True)
        eerste_rij += 1
    _koprij(ws, eerste_rij, [kop for kop, _ in KOLOMMEN])
    for kolom, (_, breedte) in enumerate(KOLOMMEN, start=1):
        ws.column_dimensions[ws.cell(eerste_rij, kolom).column_letter].width = breedte
    rij = eerste_rij + 1
    for naam, bevindingen in weergave.groepen(rapport, kort):
        for b in bevindingen:
            eigen = cellen(b)
            _rij(ws, rij, b, [b.regel, b.titel, _status(b), b.toelichting,
                              *((b.gevonden, b.verwacht, b.actie) if b.actie else (None, None, None)), naam, b.bron,
                              b.citaat + (f"\nInterpretatie: {b.interpretatie}" if b.interpretatie else ""),
                              ", ".join(b.bewijs)])
            if koppelen:
                for bewijs in eigen:
                    if bewijs is not eigen[0]:
                        rij += 1
                        _rij(ws, rij, b, [b.regel, None, weergave.statuswoord(b.status)])
                    koppel(ws.cell(rij, _CELLEN, bewijs.cel), bewijs.blad, coordinaat(bewijs))
                    ws.cell(rij, _CELLEN).alignment = BOVEN
            rij += 1
    for gevuld in range(eerste_rij + 1, rij):
        rijhoogte(ws, gevuld)
    laatste = ws.cell(max(rij - 1, eerste_rij), len(KOLOMMEN)).coordinate
    ws.auto_filter.ref = f"A{eerste_rij}:{laatste}"
    if bovenaan:
        ws.freeze_panes = f"B{eerste_rij + 1}"
    afdrukken(ws, kopregel=eerste_rij)


def _status(b: Bevinding) -> str:
    """The program's outcome, with the officer's judgement beside it when there is one."""
    return "\n".join(filter(None, (weergave.statuswoord(b.status), weergave.beoordeling(b.beoordeling))))


def schrijf_handmatig(ws: Worksheet, rapport: Rapport, rij: int) -> int:
    """The niet_toetsbaar demands, judged or still te beoordelen; returns the first free row."""
    if not rapport.handmatig:
        return rij
    ws.cell(rij, 1, "Eisen die alleen de medewerker kan beoordelen").font = VET
    rij = _koprij(ws, rij + 1, ["Eis", "Status", "Wat de opdracht vraagt", "Oordeel medewerker"])
    for eis_id, eis, woord, wat in weergave.handmatig(rapport):
        for kolom, waarde in enumerate((eis_id, woord, eis, wat), start=1):
            ws.cell(rij, kolom, waarde).alignment = BOVEN
        rij += 1
    return rij + 1


def _rij(ws: Worksheet, rij: int, b: Bevinding, waarden: list) -> None:
    for kolom, waarde in enumerate(waarden, start=1):
        ws.cell(rij, kolom, waarde).alignment = BOVEN
    kleur(ws.cell(rij, 3), b.status)


def rijhoogte(ws: Worksheet, rij: int) -> None:
    """Room for every line of the row's wrapped text: Excel does not grow a row by itself
    for text written by a program, and a printed row that is too low cuts the text off."""
    regels = 1
    for cel in ws[rij]:
        if cel.value is None or not (cel.alignment and cel.alignment.wrap_text):
            continue
        # a width unit is a digit's width; text averages a little more than a character per unit
        breedte = max(int(((ws.column_dimensions[cel.column_letter].width or 10) - 1) * 1.1), 1)
        regels = max(regels, sum(len(textwrap.wrap(deel, breedte, break_on_hyphens=False)) or 1
                                 for deel in str(cel.value).split("\n")))
    ws.row_dimensions[rij].height = min(regels * REGELHOOGTE + 4, 409)  # 409 pt: Excel's highest row


def cellen(b: Bevinding) -> list[Bewijs]:
    """The bevinding's cells, each once (a cell can carry several expectations)."""
    return list({d.cel: d for d in b.details}.values())


def coordinaat(bewijs: Bewijs) -> str:
    # cel is "Blad!C4"; a sheet name may itself contain '!', a coordinate never does
    return bewijs.cel.rpartition("!")[2]


def afdrukken(ws: Worksheet, kopregel: int | None) -> None:
    """A4 landscape, fitted to the page width (as many pages down as it takes), 1 cm margins,
    the header row repeated on every page, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4  # inches: 1 cm
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "Pagina &P van &N"
    if kopregel:
        ws.print_title_rows = f"{kopregel}:{kopregel}"
