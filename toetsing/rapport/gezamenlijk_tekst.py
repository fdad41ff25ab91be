"""A joint toetsing in the terminal: who covers which deelopdracht (the matrix), the
bevindingen of the joint rules, then each werkplan's own report."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from toetsing.tekst import getal_nl
from toetsing.bevindingen import Dekking, GezamenlijkRapport
from toetsing.rapport.als_tekst import toon

LEGENDA = "✔ = een rij op het blad Deelopdrachten; u = uren op het blad Uren."


def toon_gezamenlijk(rapport: GezamenlijkRapport, console: Console, alles: bool = True) -> None:
    console.print(matrix(rapport))
    console.print(Text(LEGENDA, style="bright_black"))
    console.rule("De werkplannen samen")
    toon(rapport.gezamenlijk, console, alles=alles)
    for indiener, eigen in zip(rapport.indieners, rapport.werkplannen):
        console.rule(Text(f"Het werkplan van {indiener}"))  # Text: the werkplan's own words, never markup
        toon(eigen, console, alles=alles)


def matrix(rapport: GezamenlijkRapport) -> Table:
    tabel = Table(title="Wie doet welke deelopdracht", title_justify="left")
    tabel.add_column("Deelopdracht")
    for indiener in rapport.indieners:
        tabel.add_column(Text(indiener), justify="center")
    tabel.add_column("Werkplannen", justify="right")
    for rij in rapport.matrix:
        aantal = sum(bool(d.rijen) for d in rij.dekking)
        tabel.add_row(Text(f"{rij.nr}. {rij.naam}"), *(cel(d) for d in rij.dekking),
                      Text(str(aantal), style="bold red" if aantal == 0 else ""))
    return tabel


def cel(d: Dekking) -> str:
    uren = f"{getal_nl(d.uren)} u" if d.uren is not None else ""
    if d.rijen:
        return f"✔ {uren}".strip()
    return f"{uren} (geen rij)" if uren else ""
