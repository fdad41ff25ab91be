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
from toetsing.werkplan.model import Plek, W


def beoordeel(regelset: Regelset, uitkomsten: list[Uitkomst], index: Index) -> list[Bevinding]:
    per_regel: dict[str, list[Uitkomst]] = defaultdict(list)
    for uitkomst in uitkomsten:
        per_regel[uitkomst.deel.regel].append(uitkomst)
    return [_bevinding(regelset, regel, per_regel.get(regel.id, []), index) for regel in regelset.regels]


def _bevinding(regelset: Regelset, regel: Regel, uitkomsten: list[Uitkomst], index: Index) -> Bevinding:
    if not uitkomsten:
        # every check compiles to parts that cover all cases, so this is a defect of ours
        raise RuntimeError(f"regel {regel.id}: de engine gaf geen uitkomst")
    # keyed by content: the same part can fire for several facts with the same words and cells
    delen: dict[tuple, Deelbevinding] = {}
    for uitkomst in uitkomsten:
        deel = _deel(uitkomst, index)
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
    document = regelset.documenten[regel.bron.document]
    naam = regelset.deelopdrachten[regel.deelopdracht].naam if regel.deelopdracht else None
    return Bevinding(
        regel=regel.id, titel=regel.titel, status=status,
        toelichting=" ".join(dict.fromkeys(d.toelichting for d in winnend)),
        bron=f"{document.titel}, {regel.bron.plaats}", citaat=regel.bron.citaat,
        interpretatie=regel.interpretatie, blok=regel.blok,
        deelopdracht=regel.deelopdracht, deelopdracht_naam=naam,
        bewijs=list(dict.fromkeys(d.cel for d in details.values())), details=list(details.values()), delen=geordend,
    )


def _deel(uitkomst: Uitkomst, index: Index) -> Deelbevinding:
    cellen = _cellen(uitkomst, index)
    gevonden = "; ".join(dict.fromkeys(weergave(w) for w in cellen)) or "niets"
    zin = _FEITVELD.sub(lambda m: _toon(uitkomst.feiten.get(m[1], {}).get(m[2])),
                        uitkomst.deel.tekst.replace("{gevonden}", gevonden))
    verwacht = uitkomst.deel.verwacht
    details = {}
    for w in cellen:
        cel, tekst = str(w.plek), weergave(w)
        details.setdefault((cel, w.plek.kolom, tekst),
                           Bewijs(cel=cel, blad=w.plek.blad, kolom=w.plek.kolom, verwacht=verwacht, gevonden=tekst))
    return Deelbevinding(status=uitkomst.deel.status, toelichting=zin, verwacht=verwacht, gevonden=gevonden,
                         details=list(details.values()))


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
