"""The annotated werkplan (or verantwoording): a copy of the organisation's own workbook in which every cell a
bevinding rests on has the colour of its status and a comment naming rule, status and
toelichting, with a first sheet Toetsing listing the bevindingen with links to those cells.

The copy is made from the very bytes that were toetst (checked against the receipt's
sha256), with formulas as formulas. What openpyxl keeps survives: values, formulas,
formatting, merged cells, data validation, other sheets. Excel recalculates the formulas
when the copy is opened (openpyxl keeps no calculated values); charts and pictures may be
lost, which is why the copy never replaces the original. Macros are never copied: an
.xlsm becomes a plain .xlsx copy (see `heeft_macros`).
"""
from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from collections import defaultdict

from toetsing.lezen import werkboek  # noqa: I001  (first: its defuse_stdlib() guards the XML parsers)

import openpyxl
from openpyxl.comments import Comment

from toetsing.bevindingen import Rapport
from toetsing.fouten import ToetsingFout
from toetsing.rapport import weergave
from toetsing.rapport.als_xlsx import (
    blijft_tekst, geen_formules_in,
    cellen, coordinaat, opslaan, schrijf_bevindingen, schrijf_samenvatting, vulling,
)
from toetsing.status import Status
from toetsing.tekst import toonbaar

BLAD = "Toetsing"
AUTEUR = "toetsing"


def heeft_macros(werkplan: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(werkplan)) as archief:
        return any(naam.lower().endswith("vbaproject.bin") for naam in archief.namelist())


def annoteer(rapport: Rapport, werkplan: bytes) -> bytes:
    """The annotated copy of `werkplan` (the bytes of the toetst file) as .xlsx bytes."""
    if rapport.ontvangst is None or hashlib.sha256(werkplan).hexdigest() != rapport.ontvangst.bestand_sha256:
        raise ToetsingFout("Het bestand is veranderd terwijl het werd getoetst. Toets het opnieuw.")
    with warnings.catch_warnings():  # openpyxl's English about extensions it drops is not for the user
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(werkboek.transitional(werkplan)), keep_vba=False)
    notities: dict[tuple[str, str], list[str]] = defaultdict(list)
    zwaarste: dict[tuple[str, str], Status] = {}
    for b in rapport.bevindingen:
        for bewijs in cellen(b):
            plek = (bewijs.blad, coordinaat(bewijs))
            oordeel = f"\n{weergave.beoordeling(b.beoordeling)}" if b.beoordeling else ""
            notities[plek].append(f"{b.regel}: {weergave.statuswoord(b.status)}\n{b.toelichting}{oordeel}")
            if plek not in zwaarste or b.eindstatus.ernst > zwaarste[plek].ernst:
                zwaarste[plek] = b.eindstatus
    for melding in rapport.meldingen:
        # a verantwoording's report also names cells of its werkplan: those are not in this copy
        if melding.bestand == rapport.werkplan and melding.blad and melding.cel:
            notities[(melding.blad, melding.cel)].append(f"Niet te lezen: {melding.tekst}")
    bladen = {toonbaar(blad.title): blad for blad in wb.worksheets}  # the report names sheets as the reader shows them
    for blad in wb.worksheets:  # the werkplan's own texts too; its formulas stay formulas
        for rij in blad.iter_rows():
            for cel in rij:
                blijft_tekst(cel)
    for plek, teksten in notities.items():
        cel = bladen[plek[0]][plek[1]]
        if plek in zwaarste:
            cel.fill = vulling(zwaarste[plek])
        cel.comment = _commentaar(cel.comment, teksten)

    ws = wb.create_sheet(_vrije_naam(wb.sheetnames), 0)
    rij = schrijf_samenvatting(ws, rapport, per_onderdeel=False, koppelen=True)
    schrijf_bevindingen(ws, rapport, eerste_rij=rij, koppelen=True)
    geen_formules_in(ws)  # only our sheet: the werkplan's own formulas stay formulas
    for blad in wb.worksheets:  # more than one selected tab would group the sheets
        blad.sheet_view.tabSelected = blad is ws
    wb.active = ws
    return opslaan(wb)


def _commentaar(bestaand: Comment | None, teksten: list[str]) -> Comment:
    """toetsing's notes under the organisation's own comment, if the cell had one."""
    tekst = "\n\n".join(teksten)
    if bestaand is not None:
        tekst = f"{bestaand.text}\n\n{AUTEUR}:\n{tekst}"
    regels = sum(len(t) // 45 + 1 for t in tekst.split("\n"))
    return Comment(tekst, AUTEUR, width=320, height=min(20 + 15 * regels, 600))


def _vrije_naam(namen: list[str]) -> str:
    """Toetsing, or Toetsing (2) etc. when the workbook already has a sheet by that name."""
    bezet = {n.lower() for n in namen}
    nummer = 1
    naam = BLAD
    while naam.lower() in bezet:
        nummer += 1
        naam = f"{BLAD} ({nummer})"
    return naam
