"""The hertoetsing: a werkplan's report next to that of the previous toetsing.

Pure: two Rapport models in, the Vergelijking (toetsing/bevindingen.py) out. What the
reports say is all there is to compare: a rule is open when it is ontbreekt or afwijkend,
and a cell's value is what a bevinding (or one of its parts) quotes of it. A cell that
only one of the reports quotes is left out: of the other report's file nothing is known.
The service layer (toetsing/dienst.py) makes the earlier report, from its JSON or by
toetsing the earlier werkplan with the same rule set.
"""
from __future__ import annotations

from pathlib import PurePath

from pydantic import ValidationError

from toetsing.bevindingen import Bevinding, Celwijziging, Rapport, Vergelijking
from toetsing.fouten import ToetsingFout
from toetsing.lezen.invoer import Invoer
from toetsing.status import Status

OPEN = (Status.ontbreekt, Status.afwijkend)


def is_json(invoer: Invoer) -> bool:
    """An earlier report rather than an earlier werkplan (a workbook is a zip file, never text)."""
    return invoer.naam.lower().endswith(".json") or invoer.inhoud.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def lees_rapport(invoer: Invoer) -> Rapport:
    """An earlier JSON report (of `toetsing toets --formaat json`); anything else is one Dutch sentence."""
    try:
        rapport = Rapport.model_validate_json(invoer.inhoud)
    except ValidationError:
        raise ToetsingFout(f"{invoer.naam}: dit is geen toetsingsrapport van één werkplan (JSON van toetsing toets "
                           "--formaat json). Geef het rapport van de vorige toetsing, of het vorige werkplan "
                           "(.xlsx).") from None
    if rapport.stuk != "werkplan":
        raise ToetsingFout(f"{invoer.naam}: dit is het rapport van een verantwoording, niet van een werkplan. "
                           "Geef het rapport van de vorige toetsing van het werkplan.")
    return rapport


def met_vergelijking(vorig: Rapport, nieuw: Rapport, naam: str) -> Rapport:
    """The new report with what changed since `vorig`; `naam` is the file the earlier report came from."""
    if vorig.opdracht != nieuw.opdracht:
        raise ToetsingFout(f"{naam}: dit rapport is getoetst met de regelset {vorig.opdracht}, het werkplan nu met "
                           f"{nieuw.opdracht}. Vergelijk alleen toetsingen met dezelfde regelset: kies bij het "
                           "toetsen dezelfde opdracht als de vorige keer.")
    return nieuw.model_copy(update={"vergelijking": vergelijk(vorig, nieuw)})


def vergelijk(vorig: Rapport, nieuw: Rapport) -> Vergelijking:
    was_open = {b.regel for b in vorig.bevindingen if b.status in OPEN}
    nu_open = {b.regel for b in nieuw.bevindingen if b.status in OPEN}
    regels = [b.regel for b in nieuw.bevindingen]  # in the order of the new report
    oud, nu = _cellen(vorig), _cellen(nieuw)
    return Vergelijking(
        vorige=PurePath(vorig.werkplan).name,  # the file, not a folder of the machine it was judged on
        vorige_sha256=vorig.ontvangst.bestand_sha256 if vorig.ontvangst else "",
        vorige_getoetst_op=vorig.getoetst_op,
        opgelost=[r for r in regels if r in was_open and r not in nu_open],
        nog_open=[r for r in regels if r in was_open and r in nu_open],
        nieuw=[r for r in regels if r in nu_open and r not in was_open],
        cellen=[Celwijziging(cel=cel, was=oud[cel][0], nu=waarde, regels=sorted({*oud[cel][1], *bij}))
                for cel, (waarde, bij) in nu.items() if cel in oud and oud[cel][0] != waarde],
    )


def _cellen(rapport: Rapport) -> dict[str, tuple[str, list[str]]]:
    """Every quoted cell: the value quoted (the first that is not empty) and the rules quoting it."""
    cellen: dict[str, tuple[str, list[str]]] = {}
    for b in rapport.bevindingen:
        for bewijs in _bewijzen(b):
            waarde, regels = cellen.get(bewijs.cel, ("", []))
            cellen[bewijs.cel] = (waarde or bewijs.gevonden, regels if b.regel in regels else [*regels, b.regel])
    return cellen


def _bewijzen(b: Bevinding):
    yield from b.details
    for deel in b.delen:
        yield from deel.details
