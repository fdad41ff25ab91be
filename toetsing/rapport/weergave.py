"""What every report writer shows the same way: status words, symbols and colours, the
grouping by blok and deelopdracht, the title and header lines and the receipt.

Presentation only: every status comes from the Rapport; nothing here decides one.
"""
from __future__ import annotations

from itertools import groupby

from toetsing.bevindingen import Bevinding, Deelbevinding, Rapport
from toetsing.status import Status

TEKEN = {Status.voldaan: "✔", Status.afwijkend: "!", Status.ontbreekt: "✘", Status.niet_van_toepassing: "–"}

# (text, fill) as hex; Excel's own "good / neutral / bad" styles, the neutral text darkened
# so that every pair reaches a contrast of 4.5:1 (WCAG AA). Colour only helps: the word
# and the symbol always say the status too.
KLEUREN = {
    Status.voldaan: ("006100", "C6EFCE"),
    Status.afwijkend: ("6B4100", "FFEB9C"),
    Status.ontbreekt: ("9C0006", "FFC7CE"),
    Status.niet_van_toepassing: ("404040", "E7E6E6"),
}
STATUSSEN = (Status.ontbreekt, Status.afwijkend, Status.voldaan, Status.niet_van_toepassing)  # worst first
TE_DOEN = (Status.ontbreekt, Status.afwijkend)  # what a short report (--kort) still shows
DATUM = "%d-%m-%Y %H:%M"


def statuswoord(status: Status) -> str:
    return f"{TEKEN[status]} {status.value}"


def ook(b: Bevinding) -> list[Deelbevinding]:
    """The parts of a rule that are not in order either, besides those that decided its
    status: with CJG-TELEFONISCH missing (ontbreekt), CJG-DIGITAAL 4 (afwijkend) too."""
    return [d for d in b.delen if d.status != b.status and d.status in (Status.afwijkend, Status.ontbreekt)]


def groepnaam(b: Bevinding) -> str:
    if b.blok == "algemeen":
        return "Algemeen"
    if b.blok == "A":
        return "Blok A – formatie in het gebiedsteam"
    return f"Blok B – deelopdracht {b.deelopdracht}: {b.deelopdracht_naam}"


def _volgorde(b: Bevinding) -> tuple:
    return ({"algemeen": 0, "A": 1, "B": 2}[b.blok], b.deelopdracht or 0)


def getoond(bevindingen: list[Bevinding], kort: bool) -> list[Bevinding]:
    """The bevindingen a report lists: all, or with `kort` only what ontbreekt or afwijkt.
    Counts always come from all of them."""
    return [b for b in bevindingen if not kort or b.status in TE_DOEN]


def groepen(rapport: Rapport, kort: bool = False) -> list[tuple[str, list[Bevinding]]]:
    """The bevindingen by blok and deelopdracht, in the order of the opdracht; with `kort`
    only those still to do, and only the groups that have any."""
    return [(naam, list(bev)) for naam, bev in
            groupby(sorted(getoond(rapport.bevindingen, kort), key=_volgorde), key=groepnaam)]


KORT = "Dit is een kort rapport: alleen de eisen die ontbreken of afwijken staan erin. De aantallen gaan over alle eisen."


def telling(bevindingen: list[Bevinding]) -> dict[Status, int]:
    return {status: sum(b.status == status for b in bevindingen) for status in STATUSSEN}


def titel(rapport: Rapport) -> str:
    return "Toetsingsrapport verantwoording" if rapport.stuk == "verantwoording" else "Toetsingsrapport"


def kop(rapport: Rapport) -> list[tuple[str, str]]:
    """Which files were toetst: the werkplan, or a verantwoording with the werkplan it accounts for."""
    if rapport.stuk == "verantwoording":
        stukken = [("Verantwoording", rapport.werkplan), ("Werkplan (toezegging)", rapport.toezegging or "")]
    else:
        stukken = [("Werkplan", rapport.werkplan)]
    return [
        *stukken,
        ("Organisatie", rapport.organisatie or "(niet ingevuld)"),
        ("Opdracht", f"{rapport.opdracht_titel} ({rapport.opdracht})"),
        ("Getoetst op", rapport.getoetst_op.strftime(DATUM)),
    ]


def oordeel(rapport: Rapport) -> str:
    tellers = rapport.telling()
    if rapport.exitcode == 0:
        return "Alle eisen zijn voldaan."
    return f"{tellers['ontbreekt']} eis(en) ontbreken en {tellers['afwijkend']} eis(en) wijken af."


def ontvangst(rapport: Rapport) -> list[tuple[str, str]]:
    """The receipt as label/value lines: enough to show later what decided on which file."""
    o = rapport.ontvangst
    if o is None:
        return []
    return [
        ("Getoetst met", f"toetsing {o.toetsing_versie}"),
        ("Regelset", o.regelset),
        ("Vingerafdruk regels (sha256)", o.regelset_vingerafdruk),
        ("Bestand", o.bestand),
        ("Vingerafdruk bestand (sha256)", o.bestand_sha256),
        *([("Vergeleken met werkplan", o.toezegging_bestand), ("Vingerafdruk werkplan (sha256)", o.toezegging_sha256 or "")]
          if o.toezegging_bestand else []),
        ("Getoetst op", o.getoetst_op.strftime(DATUM)),
    ]
