"""The beoordelingsformulier: one row per bevinding (every status) and one per niet_toetsbaar
demand, with columns for the officer's Oordeel, Motivering, Beoordelaar and Datum. A hidden,
protected sheet records what the form was made from (werkplan and its sha256, rule set and
its fingerprint, per row the rule's fingerprint and the cell values its outcome rested on),
so that merging it later applies nothing stale (samenvoegen.py)."""
from __future__ import annotations

import json
from datetime import datetime

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.styles import Font, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from toetsing import __version__
from toetsing.beoordeling import (BLAD, DATUM, EIS, GEGEVENS, KOLOMMEN, OORDEEL, VERSIE, cellen, cellen_sha256,
                                  regel_vingerafdruk, vingerafdruk)
from toetsing.bevindingen import TE_BEOORDELEN, Rapport
from toetsing.rapport import weergave
from toetsing.rapport.als_xlsx import BOVEN, KOPVULLING, VET, afdrukken, geen_formules_in, kleur, opslaan
from toetsing.regels.model import Regelset
from toetsing.status import Status

BREEDTES = (26, 40, 30, 16, 50, 20, 45, 20, 13)
UITLEG = (
    "Zo vult u dit formulier in:",
    "1. Kijk per rij naar de uitkomst van de toetsing. Bent u het eens, dan hoeft u niets in te vullen.",
    "2. Wilt u een ander oordeel geven, kies dan in de kolom Oordeel: voldaan, afwijkend, ontbreekt of "
    "niet van toepassing. Schrijf in Motivering waarom, en vul uw naam (Beoordelaar) en de datum in.",
    "3. Eisen met de uitkomst 'te beoordelen' kan geen programma toetsen. Geef daar uw oordeel, met uw naam.",
    "4. Bewaar het formulier en toets opnieuw: toetsing toets WERKPLAN.xlsx --beoordeling DIT-FORMULIER.xlsx",
    "Verandert het werkplan daarna, dan geldt een oordeel alleen nog als de cellen waarop het rust, "
    "hetzelfde zijn gebleven. Anders is het verouderd en telt weer de uitkomst van de toetsing.",
)
# the officer's choices; the reader accepts exactly these (lezen.py)
OORDELEN = [s.value for s in Status]
WACHTWOORD = "toetsing"  # not a secret: the protection prevents accidents, the fingerprints catch the rest


def maak_formulier(rapport: Rapport, regelset: Regelset) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = BLAD
    kop = _kop(ws, rapport)
    gegevens = wb.create_sheet(GEGEVENS)
    _vastleggen(gegevens, rapport, regelset)

    rij = kop + 1
    for naam, bevindingen in weergave.groepen(rapport):
        for b in bevindingen:
            gevonden = "; ".join(f"{cel}: {waarde}" for cel, waarde in cellen(b).items())
            _rij(ws, rij, [b.regel, b.titel, b.bron, weergave.statuswoord(b.status),
                           b.toelichting + (f"\n{gevonden}" if gevonden else "")])
            kleur(ws.cell(rij, 4), b.status)
            rij += 1
    for eis in regelset.niet_toetsbaar:
        _rij(ws, rij, [eis.id, eis.eis, eis.bron, TE_BEOORDELEN, eis.waarom])
        rij += 1
    laatste = rij - 1

    keuze = DataValidation(type="list", formula1='"{}"'.format(",".join(OORDELEN)), allow_blank=True,
                           showErrorMessage=True, errorTitle="Oordeel",
                           error="Kies: " + ", ".join(OORDELEN) + ".")
    keuze.add(f"{get_column_letter(OORDEEL)}{kop + 1}:{get_column_letter(OORDEEL)}{laatste}")
    datum = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                           showErrorMessage=True, errorTitle="Datum",
                           error="Vul een datum in, bijvoorbeeld 22-10-2019.")
    datum.add(f"{get_column_letter(DATUM)}{kop + 1}:{get_column_letter(DATUM)}{laatste}")
    ws.add_data_validation(keuze)
    ws.add_data_validation(datum)
    for r in range(kop + 1, laatste + 1):
        for k in range(OORDEEL, DATUM + 1):  # only the officer's cells are open
            ws.cell(r, k).protection = Protection(locked=False)
        ws.cell(r, DATUM).number_format = "DD-MM-YYYY"
    ws.auto_filter.ref = f"A{kop}:{get_column_letter(len(KOLOMMEN))}{laatste}"
    ws.freeze_panes = f"B{kop + 1}"
    ws.protection.set_password(WACHTWOORD)
    ws.protection.enable()
    ws.protection.autoFilter = False  # filtering and sorting stay allowed: rows are found by their Regel
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    afdrukken(ws, kopregel=kop)
    geen_formules_in(ws)  # a werkplan's '=...' text stays text here too
    return opslaan(wb)


def _kop(ws, rapport: Rapport) -> int:
    """Title, the files and the instructions; returns the row of the column headers."""
    ws["A1"] = "Beoordelingsformulier bij het toetsingsrapport"
    ws["A1"].font = Font(bold=True, size=14)
    rij = 2
    for label, waarde in weergave.kop(rapport):
        ws.cell(rij, 1, label).font = VET
        ws.cell(rij, 2, waarde)
        rij += 1
    rij += 1
    for zin in UITLEG:
        ws.cell(rij, 1, zin).font = VET if zin is UITLEG[0] else Font()
        rij += 1
    rij += 1
    for kolom, (naam, breedte) in enumerate(zip(KOLOMMEN, BREEDTES), start=1):
        cel = ws.cell(rij, kolom, naam)
        cel.font, cel.fill, cel.alignment = VET, KOPVULLING, BOVEN
        ws.column_dimensions[get_column_letter(kolom)].width = breedte
    return rij


def _rij(ws, rij: int, waarden: list) -> None:
    for kolom, waarde in enumerate(waarden, start=1):
        ws.cell(rij, kolom, waarde).alignment = BOVEN
    for kolom in range(OORDEEL, DATUM + 1):
        ws.cell(rij, kolom).alignment = BOVEN


_MAX_CEL = 32_000  # Excel holds at most 32,767 characters in a cell


def _vastleggen(ws, rapport: Rapport, regelset: Regelset) -> None:
    """What the form was made from, as key/value rows, then one row per form row."""
    o = rapport.ontvangst
    for sleutel, waarde in (("formulier", VERSIE), ("toetsing_versie", __version__),
                            ("gemaakt_op", datetime.now().astimezone().replace(microsecond=0).isoformat()),
                            ("stuk", rapport.stuk), ("werkplan", o.bestand if o else rapport.werkplan),
                            ("werkplan_sha256", o.bestand_sha256 if o else ""),
                            ("organisatie", rapport.organisatie or ""),
                            ("regelset", regelset.id), ("regelset_vingerafdruk", regelset.vingerafdruk)):
        ws.append([sleutel, waarde])
    ws.append([])
    ws.append(["regel", "soort", "uitkomst", "vingerafdruk", "cellen_sha256", "cellen"])
    for b in rapport.bevindingen:
        waarden = cellen(b)
        tekst = json.dumps(waarden, ensure_ascii=False)
        # too long for a cell: the hash still tells a change, only the reason is then less precise
        ws.append([b.regel, "regel", b.status.value, regel_vingerafdruk(regelset.regel(b.regel)),
                   cellen_sha256(waarden), tekst if len(tekst) <= _MAX_CEL else ""])
    for eis in regelset.niet_toetsbaar:
        ws.append([eis.id, EIS, TE_BEOORDELEN, vingerafdruk(eis), "", ""])
    geen_formules_in(ws)
    ws.sheet_state = "hidden"
    ws.protection.set_password(WACHTWOORD)
    ws.protection.enable()
