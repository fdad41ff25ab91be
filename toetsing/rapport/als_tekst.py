"""The toetsingsrapport in the terminal: what to do first (so the first screen shows every
problem with its cell and action), then the header and counts, then the bevindingen grouped
by blok and deelopdracht, then what the medewerker judges. Status is always a word, colour
only helps."""
from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from toetsing.bevindingen import Bevinding, Rapport
from toetsing.rapport import weergave
from toetsing.rapport.weergave import melding as weergave_melding
from toetsing.rapport.weergave import (KORT, TE_BEOORDELEN, TE_BEOORDELEN_UITLEG, TEKEN, WAT_TE_DOEN, beoordeling,
                                       bestandsnaam, groepen, handmatig, kop, ook, oordeel, te_doen, titel,
                                       waarschuwing)
from toetsing.status import Status

KLEUR = {
    Status.voldaan: "green",
    Status.afwijkend: "yellow",
    Status.ontbreekt: "red",
    Status.niet_van_toepassing: "bright_black",
}


def toon(rapport: Rapport, console: Console, alles: bool = True) -> None:
    console.print(Text(f"{titel(rapport)}: {bestandsnaam(rapport.werkplan)}", style="bold"))
    let_op = waarschuwing(rapport)
    if let_op:
        console.print(Text(let_op, style="bold red"))
    _te_doen(rapport, console)

    tabel = Table.grid(padding=(0, 2))
    for label, waarde in kop(rapport):
        tabel.add_row(label, Text(waarde))  # Text: a werkplan's own words are never read as rich markup
    console.print(Panel(tabel, title=titel(rapport), title_align="left"))
    if rapport.vergelijking:
        _vergelijking(rapport, console)

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
            console.print(Text(f"  • {weergave_melding(melding)}"))

    if not alles:
        console.print(Text(f"\n{KORT}", style="italic"))
    for groep, bevindingen in groepen(rapport, kort=not alles):
        console.print(Text(f"\n{groep}", style="bold underline"))
        for b in bevindingen:
            console.print(_bevinding(b))

    if rapport.handmatig:
        console.print(Text("\nEisen die alleen de medewerker kan beoordelen", style="bold underline"))
        for eis_id, eis, status, wat in handmatig(rapport):
            console.print(Text(f"  {status.upper():<14} {eis_id}  {eis}" + (f"\n      {wat}" if wat else "")))
    elif rapport.niet_toetsbaar:
        console.print(Text(f"\n{TE_BEOORDELEN}", style="bold underline"))
        console.print(Text(TE_BEOORDELEN_UITLEG))
        for n in rapport.niet_toetsbaar:
            console.print(Text(f"  [ ] {n.eis} ({n.bron}). {n.waarom}"))

    console.print(Text(f"\n{oordeel(rapport)}", style="bold"))
    if rapport.ontvangst:
        o = rapport.ontvangst
        bestand = f"{len(o.bestanden)} werkplannen samen" if o.bestanden else o.bestand
        console.print(Text(f"toetsing {o.toetsing_versie} · regelset {o.regelset} ({o.regelset_vingerafdruk[:12]}) · "
                           f"{bestand} (sha256 {o.bestand_sha256[:12]})"
                           + (f" · {o.beoordeling_bestand} (sha256 {(o.beoordeling_sha256 or '')[:12]})"
                              if o.beoordeling_bestand else ""), style="bright_black"))
        for b in o.bestanden:  # a joint toetsing: each werkplan with its own fingerprint
            console.print(Text(f"  {b.naam} (sha256 {b.sha256[:12]})", style="bright_black"))


def _te_doen(rapport: Rapport, console: Console) -> None:
    taken = te_doen(rapport)
    if not taken:
        console.print(Text(f"{WAT_TE_DOEN}: niets. Alle eisen zijn voldaan.", style="bold green"))
        return
    console.print(Text(f"{WAT_TE_DOEN} ({len(taken)})", style="bold underline"))
    lijst = Table.grid(padding=(0, 1))
    lijst.add_column(justify="right", no_wrap=True)
    lijst.add_column()
    for i, taak in enumerate(taken, 1):
        regel = Text()
        if taak.cellen:
            regel.append(f"{taak.cellen_kort()}: ", style="cyan")
        regel.append(taak.actie)
        regel.append(f" ({', '.join(taak.regels)})", style="bright_black")
        lijst.add_row(Text(f"{i}. {TEKEN[taak.status]}", style=f"bold {KLEUR[taak.status]}"), regel)
    console.print(lijst)


def _bevinding(b: Bevinding) -> Group:
    regel = Text()
    regel.append(f"  {TEKEN[b.status]} {b.status.value.upper():<12}", style=f"bold {KLEUR[b.status]}")
    regel.append(f" {b.regel}", style="bold")
    regel.append(f"  {b.titel}")
    delen = [regel]
    if b.beoordeling:
        delen.append(Text(f"      {beoordeling(b.beoordeling)}", style="bold"))
    if b.status not in (Status.voldaan, Status.niet_van_toepassing):
        delen.append(Text(f"      {b.toelichting}"))
        delen.append(Text(f"      Nu: {b.gevonden}"))
        delen.append(Text(f"      Gevraagd: {b.verwacht}"))
        delen.append(Text(f"      Wat u doet: {b.actie}", style="bold"))
        for d in ook(b):
            cellen = f" ({', '.join(c.cel for c in d.details)})" if d.details else ""
            delen.append(Text(f"      Ook {TEKEN[d.status]} {d.status.value}: {d.toelichting}{cellen}"))
        delen.append(Text(f"      Bron: {b.bron}: “{b.citaat}”", style="italic"))
        if b.interpretatie:
            delen.append(Text(f"      Interpretatie: {b.interpretatie}", style="italic"))
    if b.bewijs:
        delen.append(Text(f"      Cellen: {', '.join(b.bewijs)}", style="cyan"))
    return Group(*delen)


def _vergelijking(rapport: Rapport, console: Console) -> None:
    """A hertoetsing opens with what changed since the previous toetsing."""
    console.print(Text(weergave.VERGELIJKING, style="bold underline"))
    console.print(Text(weergave.vergelijking_kop(rapport)))
    for kop_, bevindingen in weergave.vergelijking_groepen(rapport):
        console.print(Text(f"{kop_} ({len(bevindingen)})", style="bold"))
        for b in bevindingen:
            console.print(Text(f"  {TEKEN[b.status]} {b.status.value:<12} {b.regel}  {b.titel}"))
    cellen = rapport.vergelijking.cellen
    console.print(Text(f"Cellen met een andere waarde ({len(cellen)})", style="bold"))
    for c in cellen:
        console.print(Text(f"  {c.cel}: was {weergave.waarde(c.was)}, nu {weergave.waarde(c.nu)} "
                           f"({', '.join(c.regels)})"))
