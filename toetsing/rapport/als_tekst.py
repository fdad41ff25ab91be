"""The toetsingsrapport in the terminal: summary first, then the bevindingen grouped by
blok and deelopdracht. Status is always a word, colour only helps."""
from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from toetsing.bevindingen import Bevinding, Rapport
from toetsing.rapport.weergave import KORT, TEKEN, groepen, kop, ook, oordeel, titel
from toetsing.status import Status

KLEUR = {
    Status.voldaan: "green",
    Status.afwijkend: "yellow",
    Status.ontbreekt: "red",
    Status.niet_van_toepassing: "bright_black",
}


def toon(rapport: Rapport, console: Console, alles: bool = True) -> None:
    tabel = Table.grid(padding=(0, 2))
    for label, waarde in kop(rapport):
        tabel.add_row(label, Text(waarde))  # Text: a werkplan's own words are never read as rich markup
    console.print(Panel(tabel, title=titel(rapport), title_align="left"))

    telling = rapport.telling()
    samen = Table(title="Samenvatting", title_justify="left", show_header=True)
    samen.add_column("Status")
    samen.add_column("Aantal", justify="right")
    for status in Status:
        samen.add_row(Text(f"{TEKEN[status]} {status.value}", style=KLEUR[status]), str(telling[status.value]))
    console.print(samen)

    if rapport.meldingen:
        console.print(Text(f"\nDeze cellen konden niet worden gelezen ({len(rapport.meldingen)}):", style="bold"))
        for melding in rapport.meldingen:
            console.print(Text(f"  • {melding}"))

    if not alles:
        console.print(Text(f"\n{KORT}", style="italic"))
    for groep, bevindingen in groepen(rapport, kort=not alles):
        console.print(Text(f"\n{groep}", style="bold underline"))
        for b in bevindingen:
            console.print(_bevinding(b))

    console.print(Text(f"\n{oordeel(rapport)}", style="bold"))
    if rapport.ontvangst:
        o = rapport.ontvangst
        console.print(Text(f"toetsing {o.toetsing_versie} · regelset {o.regelset} ({o.regelset_vingerafdruk[:12]}) · "
                           f"{o.bestand} (sha256 {o.bestand_sha256[:12]})", style="bright_black"))


def _bevinding(b: Bevinding) -> Group:
    regel = Text()
    regel.append(f"  {TEKEN[b.status]} {b.status.value.upper():<12}", style=f"bold {KLEUR[b.status]}")
    regel.append(f" {b.regel}", style="bold")
    regel.append(f"  {b.titel}")
    delen = [regel]
    if b.status not in (Status.voldaan, Status.niet_van_toepassing):
        delen.append(Text(f"      {b.toelichting}"))
        for d in ook(b):
            cellen = f" ({', '.join(c.cel for c in d.details)})" if d.details else ""
            delen.append(Text(f"      Ook {TEKEN[d.status]} {d.status.value}: {d.toelichting}{cellen}"))
        delen.append(Text(f"      Bron: {b.bron}: “{b.citaat}”", style="italic"))
        if b.interpretatie:
            delen.append(Text(f"      Interpretatie: {b.interpretatie}", style="italic"))
    if b.bewijs:
        delen.append(Text(f"      Cellen: {', '.join(b.bewijs)}", style="cyan"))
    return Group(*delen)
