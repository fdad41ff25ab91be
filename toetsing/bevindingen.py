"""What the engine fired -> bevindingen and the toetsingsrapport model.

Every report writer renders this model and nothing else; none of them decides a status.
A rule's status is the most serious status among its fired parts (ontbreekt before
afwijkend before voldaan); its toelichting names every part that is not voldaan.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from toetsing.engine.sessie import Uitkomst
from toetsing.feiten import Index
from toetsing.regels.model import Regel, Regelset, Status
from toetsing.tekst import getal_nl
from toetsing.werkplan.model import Melding, Plek, W


class Bewijs(BaseModel):
    """One cell a bevinding rests on, frictionless-style."""

    cel: str  # "Kengetallen!C4"
    blad: str
    kolom: str | None = None
    verwacht: str = ""
    gevonden: str = ""


class Bevinding(BaseModel):
    regel: str
    titel: str
    status: Status
    toelichting: str
    bron: str  # document + clause
    citaat: str
    interpretatie: str = ""  # the rule set's reading where the source leaves it open
    blok: str
    deelopdracht: int | None = None
    deelopdracht_naam: str | None = None
    bewijs: list[str] = []
    details: list[Bewijs] = []


class Ontvangst(BaseModel):
    """The receipt: which tool and rules decided on which file, and when."""

    toetsing_versie: str
    regelset: str
    regelset_vingerafdruk: str  # sha256 over the rule files
    bestand: str  # the werkplan's file name
    bestand_sha256: str
    getoetst_op: datetime
    # for a verantwoording: the werkplan it was compared with
    toezegging_bestand: str | None = None
    toezegging_sha256: str | None = None


class Rapport(BaseModel):
    opdracht: str
    opdracht_titel: str
    werkplan: str
    organisatie: str | None = None
    getoetst_op: datetime
    bevindingen: list[Bevinding]
    meldingen: list[Melding] = []
    ontvangst: Ontvangst | None = None
    # "werkplan", or "verantwoording" (after the year) with the werkplan it accounts for
    stuk: str = "werkplan"
    toezegging: str | None = None

    def telling(self) -> dict[str, int]:
        tellers = {s.value: 0 for s in Status}
        for b in self.bevindingen:
            tellers[b.status.value] += 1
        return tellers

    @property
    def exitcode(self) -> int:
        """0 when every applicable bevinding is voldaan, else 1."""
        return int(any(b.status in (Status.afwijkend, Status.ontbreekt) for b in self.bevindingen))


_LANG = 200  # a finding quotes a cell, it does not repeat a whole page of it


def weergave(w: W) -> str:
    tekst = _weergave(w)
    return tekst if len(tekst) <= _LANG else tekst[:_LANG] + "…"


def _weergave(w: W) -> str:
    if w.ruw is not None:
        return w.ruw
    waarde: Any = w.waarde
    if isinstance(waarde, float):
        return getal_nl(waarde)
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, list):
        return ", ".join(str(v) for v in waarde)
    if hasattr(waarde, "strftime"):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


def beoordeel(regelset: Regelset, uitkomsten: list[Uitkomst], index: Index) -> list[Bevinding]:
    per_regel: dict[str, list[Uitkomst]] = defaultdict(list)
    for uitkomst in uitkomsten:
        per_regel[uitkomst.deel.regel].append(uitkomst)
    return [_bevinding(regelset, regel, per_regel.get(regel.id, []), index) for regel in regelset.regels]


def _bevinding(regelset: Regelset, regel: Regel, uitkomsten: list[Uitkomst], index: Index) -> Bevinding:
    if not uitkomsten:
        # every check compiles to parts that cover all cases, so this is a defect of ours
        raise RuntimeError(f"regel {regel.id}: de engine gaf geen uitkomst")
    status = max((u.deel.status for u in uitkomsten), key=lambda s: s.ernst)
    relevant = [u for u in uitkomsten if u.deel.status == status]
    # keyed by content: comparing pydantic models one by one is quadratic on large werkplannen
    details: dict[tuple[str, str | None, str, str], Bewijs] = {}
    zinnen: list[str] = []
    for uitkomst in relevant:
        cellen = _cellen(uitkomst, index)
        gevonden = "; ".join(dict.fromkeys(weergave(w) for w in cellen)) or "niets"
        zin = _FEITVELD.sub(lambda m: _toon(uitkomst.feiten.get(m[1], {}).get(m[2])),
                            uitkomst.deel.tekst.replace("{gevonden}", gevonden))
        if zin not in zinnen:
            zinnen.append(zin)
        for w in cellen:
            sleutel = (str(w.plek), w.plek.kolom, uitkomst.deel.verwacht, weergave(w))
            if sleutel not in details:
                details[sleutel] = Bewijs(cel=sleutel[0], blad=w.plek.blad, kolom=w.plek.kolom,
                                          verwacht=sleutel[2], gevonden=sleutel[3])
    document = regelset.documenten[regel.bron.document]
    naam = regelset.deelopdrachten[regel.deelopdracht].naam if regel.deelopdracht else None
    return Bevinding(
        regel=regel.id, titel=regel.titel, status=status, toelichting=" ".join(zinnen),
        bron=f"{document.titel}, {regel.bron.plaats}", citaat=regel.bron.citaat,
        interpretatie=regel.interpretatie, blok=regel.blok,
        deelopdracht=regel.deelopdracht, deelopdracht_naam=naam,
        bewijs=list(dict.fromkeys(d.cel for d in details.values())), details=list(details.values()),
    )


_FEITVELD = re.compile(r"\{(\w+)\.(\w+)\}")


def _toon(waarde: Any) -> str:
    """A fact's value in a sentence."""
    if isinstance(waarde, float):
        return getal_nl(waarde)
    return "?" if waarde is None else str(waarde)


def _cellen(uitkomst: Uitkomst, index: Index) -> list[W]:
    cellen: dict[Plek, W] = {}  # one value per cell (a merged cell is read for every row it spans)
    for alias, velden in uitkomst.deel.bewijs.items():
        feit = uitkomst.feiten.get(alias)
        if not feit:
            continue
        for veld, w in index.get(feit["id"], []):
            if veld in velden:
                cellen.setdefault(w.plek, w)
    return list(cellen.values())
