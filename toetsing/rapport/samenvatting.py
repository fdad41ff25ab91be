"""The summary of a batch: one line per werkplan with its counts, as a terminal table and
as JSON. It renders the Samenvatting; it decides nothing."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from toetsing import __version__
from toetsing.tekst import getal_nl
from toetsing.rapport.als_tekst import KLEUR
from toetsing.rapport.weergave import TEKEN
from toetsing.status import Status
from toetsing.tekst import aantal

if TYPE_CHECKING:  # the batch runs the engine; a writer only renders its summary
    from toetsing.batch import Samenvatting, Uitslag

_KOLOMMEN = (Status.voldaan, Status.afwijkend, Status.ontbreekt, Status.niet_van_toepassing)


def toon_samenvatting(samenvatting: Samenvatting, console: Console) -> None:
    tabel = Table(title=f"Samenvatting: {aantal(len(samenvatting.uitslagen), 'bestand', 'bestanden')}", title_justify="left",
                  box=box.SIMPLE_HEAD, caption=" · ".join(f"{TEKEN[s]} {s.value}" for s in _KOLOMMEN),
                  caption_justify="left")
    tabel.add_column("Werkplan", overflow="fold", min_width=16)
    tabel.add_column("Organisatie", no_wrap=True, overflow="ellipsis", max_width=22)
    for status in _KOLOMMEN:
        tabel.add_column(Text(TEKEN[status], style=KLEUR[status]), justify="right", no_wrap=True)
    tabel.add_column("onleesbaar", justify="right", no_wrap=True)
    for u in samenvatting.uitslagen:
        if u.fout:
            tabel.add_row(Text(Path(u.werkplan).name), Text(uitslag(u), style="bold red"))
        else:
            tabel.add_row(Text(Path(u.werkplan).name), Text(u.organisatie or ""), *(str(u.telling.get(s.value, 0)) for s in _KOLOMMEN),
                          str(u.meldingen))
    console.print(tabel)
    fouten = [u for u in samenvatting.uitslagen if u.fout]
    if fouten:
        console.print(Text(f"Niet getoetst ({len(fouten)}):", style="bold"))
        for u in fouten:
            console.print(Text(f"  • {u.fout}"))
    console.print(Text(oordeel(samenvatting), style="bold"))


_UITSLAGEN = {"onleesbaar": "onleesbaar", "verantwoording": "een verantwoording", "niet getoetst": "niet getoetst",
              "programmafout": "niet getoetst (fout in toetsing)"}

# each kind of outcome as a sentence part, for one and for more files
_ZINSDELEN = (
    ("alles voldaan", "voldoet aan alle eisen", "voldoen aan alle eisen"),
    ("bevindingen", "heeft bevindingen", "hebben bevindingen"),
    ("onleesbaar", "kon niet worden gelezen", "konden niet worden gelezen"),
    ("een verantwoording", "is een verantwoording, geen werkplan", "zijn verantwoordingen, geen werkplannen"),
    ("niet getoetst", "kon niet worden getoetst", "konden niet worden getoetst"),
    ("niet getoetst (fout in toetsing)", "kon niet worden getoetst door een fout in toetsing",
     "konden niet worden getoetst door een fout in toetsing"),
)


def uitslag(u: Uitslag) -> str:
    if u.fout:
        return _UITSLAGEN[u.reden or "niet getoetst"]
    return "alles voldaan" if u.exitcode == 0 else "bevindingen"


def oordeel(samenvatting: Samenvatting) -> str:
    """One true sentence: how many files, and each kind of outcome that occurred, counted."""
    uitslagen = [uitslag(u) for u in samenvatting.uitslagen]
    delen = [f"{n} {een if n == 1 else meer}" for soort, een, meer in _ZINSDELEN if (n := uitslagen.count(soort))]
    zin = ", ".join(delen[:-1]) + (" en " if len(delen) > 1 else "") + (delen[-1] if delen else "")
    return (f"{aantal(len(uitslagen), 'bestand', 'bestanden')} in {getal_nl(round(samenvatting.seconden, 1))} s"
            + (f": {zin}." if zin else "."))


def samenvatting_json(samenvatting: Samenvatting) -> str:
    data = {
        "getoetst_op": samenvatting.getoetst_op.isoformat(timespec="seconds"),
        "toetsing_versie": __version__,
        "seconden": samenvatting.seconden,
        "exitcode": samenvatting.exitcode,
        "werkplannen": [u.model_dump() | {"uitslag": uitslag(u)} for u in samenvatting.uitslagen],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def samenvatting_xlsx(samenvatting: Samenvatting) -> bytes:
    """The same table as a workbook, with a filter on the header row."""
    from openpyxl import Workbook

    from toetsing.rapport.als_xlsx import _koprij, afdrukken, geen_formules, kleur, opslaan

    wb = Workbook()
    ws = wb.active
    ws.title = "Samenvatting"
    koppen = ["Werkplan", "Organisatie", *(f"{TEKEN[s]} {s.value}" for s in _KOLOMMEN), "Onleesbare cellen", "Uitslag",
              "Waarom niet getoetst", "Rapport"]
    _koprij(ws, 1, koppen)
    for cel in ws[1]:
        ws.column_dimensions[cel.column_letter].width = 40 if cel.column in (1, 2, len(koppen) - 1, len(koppen)) else 14
    for status, cel in zip(_KOLOMMEN, ws[1][2:]):
        kleur(cel, status)
    for u in samenvatting.uitslagen:
        aantallen = [None] * (len(_KOLOMMEN) + 1) if u.fout else [*(u.telling.get(s.value, 0) for s in _KOLOMMEN), u.meldingen]
        # file names only: a summary is passed on, the folders of this machine are nobody's business
        ws.append([Path(u.werkplan).name, u.organisatie, *aantallen, uitslag(u), u.fout,
                   Path(u.rapport).name if u.rapport else u.rapport])
    ws.auto_filter.ref = f"A1:{ws.cell(ws.max_row, len(koppen)).coordinate}"
    ws.freeze_panes = "B2"
    ws.append([])
    ws.append([oordeel(samenvatting)])
    afdrukken(ws, kopregel=1)
    geen_formules(wb)
    return opslaan(wb)
