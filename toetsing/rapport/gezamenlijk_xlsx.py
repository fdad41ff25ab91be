"""A joint toetsing as an Excel workbook: Dekking first (the matrix deelopdracht x werkplan,
the sheet Excel opens on), Samenvatting and Gezamenlijk (the joint rules), then a sheet per
werkplan with its own summary and bevindingen. Built from the single report's sheet builders (als_xlsx.py)."""
from __future__ import annotations

import re

from openpyxl import Workbook

from toetsing.bevindingen import GezamenlijkRapport
from toetsing.rapport.als_xlsx import (
    BOVEN, _koprij, afdrukken, geen_formules, kleur, opslaan, rijhoogte, schrijf_bevindingen, schrijf_samenvatting,
)
from toetsing.rapport.gezamenlijk_tekst import LEGENDA, cel
from toetsing.status import Status


def als_xlsx_gezamenlijk(rapport: GezamenlijkRapport, kort: bool = False) -> bytes:
    wb = Workbook()
    dekking = wb.active  # the first sheet, the one Excel opens on: who covers what
    dekking.title = "Dekking"
    _dekking(dekking, rapport)
    samenvatting = wb.create_sheet("Samenvatting")
    schrijf_samenvatting(samenvatting, rapport.gezamenlijk, per_onderdeel=False)
    afdrukken(samenvatting, kopregel=None)
    schrijf_bevindingen(wb.create_sheet("Gezamenlijk"), rapport.gezamenlijk, eerste_rij=1, kort=kort)
    bezet = set(wb.sheetnames)
    for indiener, eigen in zip(rapport.indieners, rapport.werkplannen):
        ws = wb.create_sheet(_bladnaam(indiener, bezet))
        schrijf_bevindingen(ws, eigen, eerste_rij=schrijf_samenvatting(ws, eigen, per_onderdeel=True), kort=kort)
    geen_formules(wb)
    return opslaan(wb)


def _dekking(ws, rapport: GezamenlijkRapport) -> None:
    koppen = ["Deelopdracht", *rapport.indieners, "Werkplannen"]
    _koprij(ws, 1, koppen)
    for kop in ws[1]:
        ws.column_dimensions[kop.column_letter].width = 40 if kop.column == 1 else 22
    for rij in rapport.matrix:
        aantal = sum(bool(d.rijen) for d in rij.dekking)
        ws.append([f"{rij.nr}. {rij.naam}", *(cel(d) for d in rij.dekking), aantal])
        for c in ws[ws.max_row]:
            c.alignment = BOVEN  # a long name wraps within its column, on screen and on paper
        rijhoogte(ws, ws.max_row)
        if aantal == 0:
            kleur(ws.cell(ws.max_row, len(koppen)), Status.ontbreekt)
    ws.append([])
    ws.append([LEGENDA])
    ws.freeze_panes = "B2"
    afdrukken(ws, kopregel=1)


def _bladnaam(naam: str, bezet: set[str]) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name; names are unique."""
    basis = re.sub(r"[\[\]:*?/\\]", " ", naam).strip()[:28] or "Werkplan"
    kandidaat, n = basis, 1
    while kandidaat.lower() in {b.lower() for b in bezet}:
        n += 1
        kandidaat = f"{basis} {n}"
    bezet.add(kandidaat)
    return kandidaat
