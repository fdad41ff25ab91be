"""The toetsingsrapport in the terminal: summary first, then the bevindingen grouped by
blok and deelopdracht. Status is always a word, colour only helps."""
from __future__ import annotations

from itertools import groupby

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from toetsing.bevindingen import Bevinding, Rapport
from toetsing.regels.model import Status

KLEUR = {
    Status.voldaan: "green",
    Status.afwijkend: "yellow",
    Status.ontbreekt: "red",
    Status.niet_van_toepassing: "bright_black",
}
TEKEN = {Status.voldaan: "✔", Status.afwijkend: "!", Status.ontbreekt: "✘", Status.niet_van_toepassing: "–"}


def groepnaam(b: Bevinding) -> str:
    if b.blok == "algemeen":
        return "Algemeen"
    if b.blok == "A":
        return "Blok A – formatie in het gebiedsteam"
    return f"Blok B – deelopdracht {b.deelopdracht}: {b.deelopdracht_naam}"


def _volgorde(b: Bevinding) -> tuple:
    return ({"algemeen": 0, "A": 1, "B": 2}[b.blok], b.deelopdracht or 0)


def toon(rapport: Rapport, console: Console, alles: bool = True) -> None:
    kop = Table.grid(padding=(0, 2))
    if rapport.stuk == "verantwoording":
        kop.add_row("Verantwoording", rapport.werkplan)
        kop.add_row("Werkplan", f"{rapport.toezegging} (wat is toegezegd)")
    else:
        kop.add_row("Werkplan", rapport.werkplan)
    kop.add_row("Organisatie", rapport.organisatie or "(niet ingevuld)")
    kop.add_row("Opdracht", f"{rapport.opdracht_titel} ({rapport.opdracht})")
    kop.add_row("Getoetst op", rapport.getoetst_op.strftime("%d-%m-%Y %H:%M"))
    titel = "Toetsingsrapport verantwoording" if rapport.stuk == "verantwoording" else "Toetsingsrapport"
    console.print(Panel(kop, title=titel, title_align="left"))

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
            console.print(f"  • {melding}", highlight=False)

    for groep, bevindingen in groupby(sorted(rapport.bevindingen, key=_volgorde), key=groepnaam):
        getoond = [b for b in bevindingen if alles or b.status in (Status.afwijkend, Status.ontbreekt)]
        if getoond:
            console.print(Text(f"\n{groep}", style="bold underline"))
        for b in getoond:
            console.print(_bevinding(b))

    oordeel = "Alle eisen zijn voldaan." if rapport.exitcode == 0 else (
        f"{telling['ontbreekt']} eis(en) ontbreken en {telling['afwijkend']} eis(en) wijken af.")
    console.print(Text(f"\n{oordeel}", style="bold"))
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
        delen.append(Text(f"      Bron: {b.bron}: “{b.citaat}”", style="italic"))
    if b.bewijs:
        delen.append(Text(f"      Cellen: {', '.join(b.bewijs)}", style="cyan"))
    return Group(*delen)
