"""What the engine fired -> bevindingen (the model in bevindingen.py).

A rule's status is the most serious status among its fired parts (ontbreekt before
afwijkend before voldaan); its toelichting and cells are those of the parts with that
status, and the bevinding keeps every part that fired, each with its own sentence,
cells, expected and found value.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from toetsing.bevindingen import Bevinding, Bewijs, Deelbevinding, weergave
from toetsing.engine.sessie import Uitkomst
from toetsing.feiten import Index
from toetsing.regels.model import Regel, Regelset
from toetsing.tekst import getal_nl
from toetsing.werkplan.model import Plek, W, leesvolgorde


def beoordeel(regelset: Regelset, uitkomsten: list[Uitkomst], index: Index,
              bladen: dict[str, str] | None = None, rijen: dict[str, str] | None = None) -> list[Bevinding]:
    """`bladen`: the sheet names as the workbook spells them, by contract name, so that a
    sentence says "het blad Urenoverzicht" where the person wrote Urenoverzicht. `rijen`: what
    names each cell's row (feiten.rijnamen), kept with the cell."""
    per_regel: dict[str, list[Uitkomst]] = defaultdict(list)
    for uitkomst in uitkomsten:
        per_regel[uitkomst.deel.regel].append(uitkomst)
    eigen = {contract: naam for contract, naam in (bladen or {}).items() if naam != contract}
    return [_bevinding(regelset, regel, per_regel.get(regel.id, []), index, eigen, rijen or {})
            for regel in regelset.regels]


def _bevinding(regelset: Regelset, regel: Regel, uitkomsten: list[Uitkomst], index: Index,
               bladen: dict[str, str], rijen: dict[str, str]) -> Bevinding:
    if not uitkomsten:
        # every check compiles to parts that cover all cases, so this is a defect of ours
        raise RuntimeError(f"regel {regel.id}: de engine gaf geen uitkomst")
    # keyed by content: the same part can fire for several facts with the same words and cells
    delen: dict[tuple, Deelbevinding] = {}
    for uitkomst in uitkomsten:
        deel = _deel(uitkomst, index, bladen, rijen)
        sleutel = (deel.status, deel.toelichting, deel.verwacht, tuple((d.cel, d.gevonden) for d in deel.details))
        delen.setdefault(sleutel, deel)
    geordend = sorted(delen.values(), key=lambda d: -d.status.ernst)  # stable: the engine's order within a status
    status = geordend[0].status
    winnend = [d for d in geordend if d.status == status]
    # keyed by content: comparing pydantic models one by one is quadratic on large werkplannen
    details: dict[tuple[str, str | None, str, str], Bewijs] = {}
    for deel in winnend:
        for d in deel.details:
            details.setdefault((d.cel, d.kolom, d.verwacht, d.gevonden), d)
    volgorde = leesvolgorde([d.cel for d in details.values()])
    cellen = sorted(details.values(), key=lambda d: volgorde(d.cel))
    gevonden = [d.gevonden for d in winnend if not d.details] + [f"{d.cel}: {d.gevonden}" for d in cellen]
    document = regelset.documenten[regel.bron.document]
    naam = regelset.deelopdrachten[regel.deelopdracht].naam if regel.deelopdracht else None
    return Bevinding(
        regel=regel.id, titel=regel.titel, status=status,
        toelichting=" ".join(dict.fromkeys(d.toelichting for d in winnend)),
        bron=f"{document.titel}, {regel.bron.plaats}", citaat=regel.bron.citaat,
        interpretatie=regel.interpretatie, blok=regel.blok,
        deelopdracht=regel.deelopdracht, deelopdracht_naam=naam,
        bewijs=list(dict.fromkeys(d.cel for d in cellen)), details=cellen, delen=geordend,
        gevonden="; ".join(dict.fromkeys(gevonden)), verwacht="; ".join(dict.fromkeys(d.verwacht for d in winnend if d.verwacht)),
        actie=" ".join(dict.fromkeys(d.actie for d in winnend if d.actie)),
    )


def _deel(uitkomst: Uitkomst, index: Index, bladen: dict[str, str], rijen: dict[str, str]) -> Deelbevinding:
    cellen = _cellen(uitkomst, index)
    volgorde = leesvolgorde([str(w.plek) for w in cellen])
    cellen.sort(key=lambda w: volgorde(str(w.plek)))
    waarden = "; ".join(dict.fromkeys(weergave(w) for w in cellen))

    def vul(zin: str) -> str:
        zin = _FEITVELD.sub(lambda m: _toon(uitkomst.feiten.get(m[1], {}).get(m[2])),
                            zin.replace("{gevonden}", waarden or "niets"))
        zin = _DUBBEL_PROCENT.sub("%", zin)  # "90%" as typed, then the unit: "90%", not "90%%"
        return _BLAD.sub(lambda m: f"blad {bladen.get(m[1], m[1])}", zin) if bladen else zin

    blad = bladen.get(uitkomst.deel.blad, uitkomst.deel.blad)
    gevonden = waarden or (f"niets op het blad {blad}" if blad else "niets")
    zin, actie = vul(uitkomst.deel.tekst), vul(uitkomst.deel.actie)
    verwacht = uitkomst.deel.verwacht
    details = {}
    for w in cellen:
        cel, tekst = str(w.plek), weergave(w)
        details.setdefault((cel, w.plek.kolom, tekst),
                           Bewijs(cel=cel, blad=w.plek.blad, kolom=w.plek.kolom, verwacht=verwacht, gevonden=tekst,
                                  rij=rijen.get(cel, "")))
    return Deelbevinding(status=uitkomst.deel.status, toelichting=zin, verwacht=verwacht, gevonden=gevonden,
                         actie=actie, details=list(details.values()))


_FEITVELD = re.compile(r"\{(\w+)\.(\w+)\}")
_DUBBEL_PROCENT = re.compile(r"% ?(?:%|procent\b)")
_BLAD = re.compile(r"\bblad ((?:[A-Z]\w*)(?: [A-Z]\b)?)")


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
