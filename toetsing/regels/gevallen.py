"""A rule's own cases (`gevallen`) through the whole pipeline: a workbook is built from the
case's few cells, read by the importer, and judged by the engine. The project's tests and
`toetsing regels controleer` run them the same way.

A case writes a werkplan as sheet name -> list of rows (column header -> value); Algemeen
as field -> value."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from toetsing.bevindingen import Bevinding
from toetsing.engine.sessie import Engine
from toetsing.regels.model import Geval, Regelset

# Without these every case would also fail the general rules; a case overrides them
# (a value None removes the field).
STANDAARD_ALGEMEEN = {"Organisatie": "Testorganisatie", "Subsidiejaar": 2020, "Opdracht": "meierijstad-2020"}


def bouw_werkplan(spec: dict[str, Any], pad: Path, algemeen: dict[str, Any] | None = None) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    velden = {**(STANDAARD_ALGEMEEN if algemeen is None else algemeen), **spec.get("Algemeen", {})}
    ws = wb.create_sheet("Algemeen")
    ws.append(["Veld", "Waarde"])
    for veld, waarde in velden.items():
        if waarde is not None:
            ws.append([veld, waarde])
    for blad, rijen in spec.items():
        if blad == "Algemeen":
            continue
        ws = wb.create_sheet(blad)
        koppen = list(dict.fromkeys(k for rij in rijen for k in rij))
        ws.append(koppen)
        for rij in rijen:
            ws.append([rij.get(k) for k in koppen])
    wb.save(pad)
    return pad


def toets_geval(regelset: Regelset, regel_id: str, geval: Geval, werkmap: Path,
                engine: Callable[[str], Engine]) -> Bevinding | None:
    """The bevinding the engine gives for a (not joint) rule's case; `engine(stuk)` gives the
    compiled rule set for "werkplan" or "verantwoording". None: the rule gave no bevinding."""
    from toetsing.lezen.importeer import lees_werkplan
    from toetsing.dienst import toets_verantwoording, toets_werkplan

    algemeen = {"Organisatie": "Testorganisatie", "Subsidiejaar": regelset.subsidiejaar, "Opdracht": regelset.id}
    werkplan = lees_werkplan(bouw_werkplan(geval.werkplan, werkmap / "werkplan.xlsx", algemeen))
    if geval.verantwoording is None:
        rapport = toets_werkplan(werkplan, engine("werkplan"))
    else:  # a verantwoording, with the werkplan as what was committed
        verantwoording = lees_werkplan(bouw_werkplan(geval.verantwoording, werkmap / "verantwoording.xlsx", algemeen))
        rapport = toets_verantwoording(verantwoording, werkplan, engine("verantwoording"))
    return next((b for b in rapport.bevindingen if b.regel == regel_id), None)
