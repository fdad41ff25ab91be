"""What every report writer shows the same way: status words, symbols and colours, the
grouping by blok and deelopdracht, the title and header lines and the receipt.

Presentation only: every status comes from the Rapport; nothing here decides one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from toetsing.bevindingen import Beoordeling, Bevinding, Deelbevinding, Ontvangst, Rapport
from toetsing.status import Status
from toetsing.tekst import aantal
from toetsing.werkplan.model import Melding
from toetsing.werkplan.model import leesvolgorde

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
    return _gegroepeerd(getoond(rapport.bevindingen, kort))


def in_orde(rapport: Rapport) -> list[tuple[str, list[Bevinding]]]:
    """What a short report leaves out (voldaan, niet van toepassing), by group: the web page
    folds it away below what is still to do."""
    return _gegroepeerd([b for b in rapport.bevindingen if b.status not in TE_DOEN])


def in_orde_kop(rapport: Rapport) -> str:
    """ "20 eisen voldaan en 3 niet van toepassing": what the folded part holds."""
    voldaan, nvt = (sum(b.status == s for b in rapport.bevindingen) for s in (Status.voldaan, Status.niet_van_toepassing))
    delen = [aantal(voldaan, "eis voldaan", "eisen voldaan")] if voldaan else []
    if nvt:
        delen.append(f"{nvt} niet van toepassing" if delen else f"{aantal(nvt, 'eis', 'eisen')} niet van toepassing")
    return " en ".join(delen)


def _gegroepeerd(bevindingen: list[Bevinding]) -> list[tuple[str, list[Bevinding]]]:
    return [(naam, list(bev)) for naam, bev in groupby(sorted(bevindingen, key=_volgorde), key=groepnaam)]


KORT = "Dit is een kort rapport: alleen de eisen die ontbreken of afwijken staan erin. De aantallen gaan over alle eisen."


def telling(bevindingen: list[Bevinding]) -> dict[Status, int]:
    """Per eindstatus: the officer's oordeel where it holds, else the program's."""
    return {status: sum(b.eindstatus == status for b in bevindingen) for status in STATUSSEN}


def beoordeling(b: Beoordeling | None) -> str:
    """The officer's judgement in one sentence, beside the program's outcome; '' when none."""
    if b is None:
        return ""
    wie = b.beoordelaar + (f", {b.datum.strftime('%d-%m-%Y')}" if b.datum else "")
    zin = f"Oordeel medewerker: {statuswoord(b.oordeel)} ({wie})" + (f": {b.motivering}" if b.motivering else "")
    return f"{zin}. Verouderd, niet toegepast: {b.reden}" if b.verouderd else zin


def titel(rapport: Rapport) -> str:
    return "Toetsingsrapport verantwoording" if rapport.stuk == "verantwoording" else "Toetsingsrapport"


def kop(rapport: Rapport) -> list[tuple[str, str]]:
    """Which files were toetst: the werkplan, or a verantwoording with the werkplan it accounts for."""
    # file names only: a report is passed on, the folders of this machine are nobody's business
    if rapport.stuk == "verantwoording":
        stukken = [("Verantwoording", bestandsnaam(rapport.werkplan)),
                   ("Werkplan (toezegging)", bestandsnaam(rapport.toezegging) if rapport.toezegging else "")]
    else:
        stukken = [("Werkplan", bestandsnaam(rapport.werkplan))]
    return [
        *stukken,
        ("Organisatie", rapport.organisatie or "(niet ingevuld)"),
        ("Opdracht", f"{rapport.opdracht_titel} ({rapport.opdracht})"),
        ("Getoetst op", rapport.getoetst_op.strftime(DATUM)),
    ]


def bestandsnaam(pad: str) -> str:
    """A file as a document names it: its name, never a folder of this machine."""
    return Path(pad).name


def melding(m: Melding) -> str:
    """An unreadable cell as a report shows it: the file by its name."""
    return str(m.model_copy(update={"bestand": bestandsnaam(m.bestand)}))


def oordeel(rapport: Rapport) -> str:
    tellers = rapport.telling()
    for eis in rapport.handmatig:  # a demand the officer judged counts as a bevinding does
        if eis.eindstatus in tellers:
            tellers[eis.eindstatus] += 1
    open_ = len(rapport.te_beoordelen)
    nog = f" De medewerker moet nog {aantal(open_, 'eis', 'eisen')} beoordelen." if open_ else ""
    if rapport.exitcode == 0:
        return "Alle eisen zijn voldaan." + nog
    return (f"{aantal(tellers['ontbreekt'], 'eis ontbreekt', 'eisen ontbreken')} en "
            f"{aantal(tellers['afwijkend'], 'eis wijkt', 'eisen wijken')} af." + nog)


WAT_TE_DOEN = "Wat moet u nog doen"
TE_BEOORDELEN = "Door de medewerker te beoordelen"
TE_BEOORDELEN_UITLEG = ("Deze eisen van de opdracht kan toetsing niet nagaan. De medewerker van de gemeente "
                        "beoordeelt ze zelf.")


@dataclass
class Taak:
    """One thing to do: an action, the worst status it mends, the rules and cells it concerns."""

    status: Status
    actie: str
    regels: list[str] = field(default_factory=list)
    cellen: list[str] = field(default_factory=list)

    def cellen_kort(self, hoeveel: int = 4) -> str:
        """ "Planning!D3, D4": the sheet once per run of cells, at most `hoeveel` cells."""
        delen, vorig = [], None
        for cel in self.cellen[:hoeveel]:
            blad, _, plek = cel.rpartition("!")
            delen.append(plek if blad == vorig else cel)
            vorig = blad
        meer = len(self.cellen) - hoeveel
        return ", ".join(delen) + (f" en {aantal(meer, 'cel', 'cellen')} meer" if meer > 0 else "")


def te_doen(rapport: Rapport) -> list[Taak]:
    """Every problem once, most serious first, in the order of the opdracht within a status:
    the actions of the parts that are afwijkend or ontbreekt. The same action for several
    rules (one missing row of a deelopdracht) is one task."""
    taken: dict[str, Taak] = {}
    for _, bevindingen in groepen(rapport):
        for b in bevindingen:
            for d in b.delen:
                if d.status not in (Status.afwijkend, Status.ontbreekt) or not d.actie:
                    continue
                taak = taken.setdefault(d.actie, Taak(d.status, d.actie))
                if d.status.ernst > taak.status.ernst:
                    taak.status = d.status
                taak.regels = list(dict.fromkeys([*taak.regels, b.regel]))
                taak.cellen = list(dict.fromkeys([*taak.cellen, *(c.cel for c in d.details)]))
    for taak in taken.values():
        volgorde = leesvolgorde(taak.cellen)
        taak.cellen.sort(key=volgorde)
    return sorted(taken.values(), key=lambda t: -t.status.ernst)  # stable: the opdracht's order within a status


def waarschuwing(rapport: Rapport) -> str | None:
    """When the toetsing used another opdracht than the werkplan names itself (--opdracht, the web's choice)."""
    if not rapport.opdracht_in_werkplan:
        return None
    return (f"Let op: het werkplan noemt zelf de opdracht '{rapport.opdracht_in_werkplan}', maar is getoetst aan "
            f"{rapport.opdracht_titel} ({rapport.opdracht}). Klopt dat niet, toets dan opnieuw met de opdracht van het "
            "werkplan.")


def handmatig(rapport: Rapport) -> list[tuple[str, str, str, str]]:
    """The niet_toetsbaar demands as (id, eis with its bron, eindstatus word, the officer's judgement)."""
    return [(e.id, f"{e.eis} ({e.bron})", statuswoord(Status(e.eindstatus)) if e.eindstatus in _WAARDEN else e.eindstatus,
             beoordeling(e.beoordeling)) for e in rapport.handmatig]


_WAARDEN = {s.value for s in Status}


def ontvangst(rapport: Rapport) -> list[tuple[str, str]]:
    """The receipt as label/value lines: enough to show later what decided on which file."""
    o = rapport.ontvangst
    if o is None:
        return []
    return [
        ("Getoetst met", f"toetsing {o.toetsing_versie}"),
        ("Regelset", o.regelset),
        ("Vingerafdruk regels (sha256)", o.regelset_vingerafdruk),
        *(_bestanden(o) if o.bestanden else [("Bestand", o.bestand), ("Vingerafdruk bestand (sha256)", o.bestand_sha256)]),
        *([("Vergeleken met werkplan", o.toezegging_bestand), ("Vingerafdruk werkplan (sha256)", o.toezegging_sha256 or "")]
          if o.toezegging_bestand else []),
        *([("Beoordelingsformulier", o.beoordeling_bestand),
           ("Vingerafdruk formulier (sha256)", o.beoordeling_sha256 or "")] if o.beoordeling_bestand else []),
        ("Getoetst op", o.getoetst_op.strftime(DATUM)),
    ]


def _bestanden(o: Ontvangst) -> list[tuple[str, str]]:
    """A joint toetsing: each werkplan with its own fingerprint, then that of the set."""
    return [*((f"Vingerafdruk {b.naam} (sha256)", b.sha256) for b in o.bestanden),
            ("Vingerafdruk van de werkplannen samen (sha256)", o.bestand_sha256)]


# --- a hertoetsing: since the previous toetsing ----------------------------------------------

VERGELIJKING = "Sinds de vorige toetsing"


def vergelijking_kop(rapport: Rapport) -> str:
    v = rapport.vergelijking
    tijd = f", getoetst op {v.vorige_getoetst_op.strftime(DATUM)}" if v.vorige_getoetst_op else ""
    return f"Vergeleken met de vorige toetsing van {bestandsnaam(v.vorige)}{tijd}."  # no folder of this machine


def vergelijking_groepen(rapport: Rapport) -> list[tuple[str, list[Bevinding]]]:
    """Opgelost, nog open and nieuw, each with the rules' bevindingen as they are now."""
    v = rapport.vergelijking
    nu = {b.regel: b for b in rapport.bevindingen}
    return [(kop, [nu[r] for r in regels]) for kop, regels in (
        ("Opgelost: was niet in orde, is nu in orde", v.opgelost),
        ("Nog open: was niet in orde, is nog steeds niet in orde", v.nog_open),
        ("Nieuw: was in orde, is nu niet in orde", v.nieuw),
    )]


def waarde(tekst: str) -> str:
    """A cell's value in a sentence: quoted, or 'niets' when it was empty."""
    return f"„{tekst}”" if tekst else "niets"
