"""Build a werkplan workbook from a small spec, as rule cases (`gevallen`) write it:
sheet name -> list of rows (column header -> value); Algemeen as field -> value."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

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
