"""A filled beoordelingsformulier -> `Beoordelingen`: what the form was made from (its hidden
sheet) and each judgement the officer filled in. A row that cannot count (an unknown
oordeel, an overruling without Motivering, no Beoordelaar, no date) is a melding naming its
sheet and cell, and is left out: it is never half applied."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils import get_column_letter
from pydantic import BaseModel

from toetsing.beoordeling import BEOORDELAAR, BLAD, DATUM, EIS, GEGEVENS, KOLOMMEN, MOTIVERING, OORDEEL
from toetsing.fouten import ToetsingFout
from toetsing.lezen.invoer import Invoer
from toetsing.lezen.werkboek import open_veilig
from toetsing.status import Status
from toetsing.werkplan.model import Melding


class Vastgelegd(BaseModel):
    """One row as the form recorded it when it was made."""

    regel: str  # a rule id, or a niet_toetsbaar demand's id
    soort: str  # "regel" or "eis"
    uitkomst: str  # the program's outcome then ("te beoordelen" for a demand)
    vingerafdruk: str  # of the rule or demand then
    cellen_sha256: str = ""
    cellen: dict[str, str] | None = None  # cell -> value then; None when it did not fit in a cell


class Invulling(BaseModel):
    """One judgement the officer filled in, checked."""

    regel: str
    oordeel: Status
    motivering: str = ""
    beoordelaar: str
    datum: date | None = None
    cel: str  # where its Oordeel is, "Beoordeling!F12"


class Beoordelingen(BaseModel):
    bestand: str
    sha256: str
    stuk: str
    werkplan: str
    werkplan_sha256: str
    organisatie: str = ""
    regelset: str
    regelset_vingerafdruk: str
    vastgelegd: dict[str, Vastgelegd]
    invullingen: list[Invulling] = []
    meldingen: list[Melding] = []


def lees_beoordelingen(invoer: Invoer) -> Beoordelingen:
    naam = Path(invoer.naam).name
    wb = open_veilig(invoer)
    try:
        if GEGEVENS not in wb.sheetnames or BLAD not in wb.sheetnames:
            raise ToetsingFout(f"{invoer.naam}: dit is geen beoordelingsformulier van toetsing (het blad {BLAD} of "
                               f"{GEGEVENS} ontbreekt). Maak er een met: toetsing beoordeling WERKPLAN.xlsx")
        kop, vastgelegd = _gegevens(invoer.naam, wb[GEGEVENS])
        meldingen: list[Melding] = []
        invullingen = list(_invullingen(wb[BLAD], vastgelegd, naam, meldingen))
    finally:
        wb.close()
    return Beoordelingen(bestand=naam, sha256=invoer.sha256, vastgelegd=vastgelegd, invullingen=invullingen,
                         meldingen=meldingen, **kop)


_SLEUTELS = ("stuk", "werkplan", "werkplan_sha256", "organisatie", "regelset", "regelset_vingerafdruk")


def _gegevens(bestand: str, ws) -> tuple[dict[str, str], dict[str, Vastgelegd]]:
    kop: dict[str, str] = {}
    vastgelegd: dict[str, Vastgelegd] = {}
    rijen = ws.iter_rows(values_only=True)
    for rij in rijen:
        if not rij or rij[0] is None:
            break
        kop[str(rij[0])] = "" if rij[1] is None else str(rij[1])
    next(rijen, None)  # the header of the rows
    try:
        for regel, soort, uitkomst, afdruk, sha, tekst, *_ in rijen:
            if regel:
                vastgelegd[str(regel)] = Vastgelegd(regel=str(regel), soort=str(soort), uitkomst=str(uitkomst),
                                                    vingerafdruk=str(afdruk), cellen_sha256=str(sha or ""),
                                                    cellen=json.loads(tekst) if tekst else None)
        if any(s not in kop for s in _SLEUTELS):
            raise ValueError
    except (ValueError, TypeError):
        raise ToetsingFout(f"{bestand}: het verborgen blad {GEGEVENS} van dit beoordelingsformulier is veranderd of "
                           "beschadigd. Maak een nieuw formulier met: toetsing beoordeling WERKPLAN.xlsx") from None
    return {s: kop[s] for s in _SLEUTELS}, vastgelegd


def _invullingen(ws, vastgelegd: dict[str, Vastgelegd], bestand: str, meldingen: list[Melding]):
    kop = _koprij(ws, bestand)

    def melding(rij: int, kolom: int, tekst: str) -> None:
        meldingen.append(Melding(bestand=bestand, blad=BLAD, cel=f"{get_column_letter(kolom)}{rij}",
                                 tekst=f"{tekst} Dit oordeel is niet toegepast."))

    for rij in range(kop + 1, ws.max_row + 1):
        regel, oordeel, motivering, beoordelaar = (_tekst(ws.cell(rij, k).value) for k in (1, OORDEEL, MOTIVERING,
                                                                                           BEOORDELAAR))
        datum_waarde = ws.cell(rij, DATUM).value
        if not (oordeel or motivering or beoordelaar or datum_waarde not in (None, "")):
            continue  # nothing filled in: the program's outcome stands
        vast = vastgelegd.get(regel)
        if vast is None:
            melding(rij, 1, f"'{regel}' is geen regel of eis van dit formulier.")
            continue
        status = _OORDELEN.get(oordeel.lower())
        if status is None:
            melding(rij, OORDEEL, ("Vul een Oordeel in" if not oordeel else f"'{oordeel}' is geen oordeel; kies")
                    + ": " + ", ".join(s.value for s in Status) + ".")
            continue
        if not beoordelaar:
            melding(rij, BEOORDELAAR, f"{regel}: vul bij een oordeel uw naam in (Beoordelaar).")
            continue
        if vast.soort != EIS and status.value != vast.uitkomst and not motivering:
            melding(rij, MOTIVERING, f"{regel}: u wijkt af van de uitkomst van de toetsing ({vast.uitkomst}); "
                                     "schrijf in Motivering waarom.")
            continue
        datum = _datum(datum_waarde)
        if datum is False:
            melding(rij, DATUM, f"{regel}: '{datum_waarde}' is geen datum; schrijf bijvoorbeeld 22-10-2019.")
            continue
        yield Invulling(regel=regel, oordeel=status, motivering=motivering, beoordelaar=beoordelaar, datum=datum,
                        cel=f"{BLAD}!{get_column_letter(OORDEEL)}{rij}")


_OORDELEN = {s.value: s for s in Status} | {"nvt": Status.niet_van_toepassing, "n.v.t.": Status.niet_van_toepassing}


def _koprij(ws, bestand: str) -> int:
    for rij in range(1, min(ws.max_row, 50) + 1):
        if tuple(_tekst(ws.cell(rij, k).value) for k in range(1, len(KOLOMMEN) + 1)) == KOLOMMEN:
            return rij
    raise ToetsingFout(f"{bestand}: op het blad {BLAD} staan de kolommen {', '.join(KOLOMMEN)} niet meer. "
                       "Maak een nieuw formulier met: toetsing beoordeling WERKPLAN.xlsx")


def _tekst(waarde) -> str:
    return "" if waarde is None else str(waarde).strip()


def _datum(waarde) -> date | None | bool:
    """None when empty, False when it is not a date."""
    if waarde in (None, ""):
        return None
    if isinstance(waarde, datetime):
        return waarde.date()
    if isinstance(waarde, date):
        return waarde
    for vorm in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(str(waarde).strip(), vorm).date()
        except ValueError:
            pass
    return False

