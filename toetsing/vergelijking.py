"""The hertoetsing: a werkplan's report next to that of the previous toetsing.

Pure: two Rapport models in, the Vergelijking (toetsing/bevindingen.py) out. What the
reports say is all there is to compare: a rule is open when it is ontbreekt or afwijkend,
and a cell's value is what a bevinding (or one of its parts) quotes of it. A cell is the
same cell when its row has the same name (code, number or field) in the same column, so a
row that moved (one inserted above it) is not a change; cells without a row name, and those
whose name changed, are matched by address. A cell that only one of the reports quotes is
left out: of the other report's file nothing is known.
The service layer (toetsing/dienst.py) makes the earlier report, from its JSON or by
toetsing the earlier werkplan with the same rule set.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from pydantic import ValidationError

from toetsing.bevindingen import Bevinding, Celwijziging, Rapport, Vergelijking
from toetsing.fouten import ToetsingFout
from toetsing.lezen.invoer import Invoer
from toetsing.status import Status
from toetsing.tekst import normaliseer
from toetsing.werkplan.model import leesvolgorde

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
    zelfde = _zelfde_cellen(oud, nu)
    return Vergelijking(
        vorige=PurePath(vorig.werkplan).name,  # the file, not a folder of the machine it was judged on
        vorige_sha256=vorig.ontvangst.bestand_sha256 if vorig.ontvangst else "",
        vorige_getoetst_op=vorig.getoetst_op,
        opgelost=[r for r in regels if r in was_open and r not in nu_open],
        nog_open=[r for r in regels if r in was_open and r in nu_open],
        nieuw=[r for r in regels if r in nu_open and r not in was_open],
        cellen=[Celwijziging(cel=cel, was=oud[was].waarde, nu=c.waarde, regels=sorted({*oud[was].regels, *c.regels}))
                for cel, c in nu.items() if (was := zelfde.get(cel)) and oud[was].waarde != c.waarde],
    )


@dataclass
class _Cel:
    waarde: str = ""  # the value quoted (the first that is not empty)
    regels: list[str] = field(default_factory=list)  # the rules quoting it
    sleutel: tuple | None = None  # (sheet, row name, column, n-th such row), when its row has a name


def _cellen(rapport: Rapport) -> dict[str, _Cel]:
    """Every quoted cell by its address."""
    cellen: dict[str, _Cel] = {}
    rijen: dict[str, tuple[str, str, str]] = {}
    for b in rapport.bevindingen:
        for bewijs in _bewijzen(b):
            cel = cellen.setdefault(bewijs.cel, _Cel())
            cel.waarde = cel.waarde or bewijs.gevonden
            if b.regel not in cel.regels:
                cel.regels.append(b.regel)
            if bewijs.rij:
                rijen[bewijs.cel] = (bewijs.blad, normaliseer(bewijs.rij), bewijs.kolom or "")
    # two rows may carry one name (a code delivered twice): the n-th of them, top to bottom
    volgorde = leesvolgorde(list(rijen))
    tel: dict[tuple, int] = {}
    for adres in sorted(rijen, key=volgorde):
        n = tel[rijen[adres]] = tel.get(rijen[adres], 0) + 1
        cellen[adres].sleutel = (*rijen[adres], n)
    return cellen


def _zelfde_cellen(oud: dict[str, _Cel], nu: dict[str, _Cel]) -> dict[str, str]:
    """Each new cell's address -> that of the same cell in the earlier report: by row name, else by address."""
    per_sleutel = {c.sleutel: adres for adres, c in oud.items() if c.sleutel}
    paren = {adres: per_sleutel[c.sleutel] for adres, c in nu.items() if c.sleutel in per_sleutel}
    vrij = set(oud) - set(paren.values())
    paren.update({adres: adres for adres in nu if adres not in paren and adres in vrij})
    return paren


def _bewijzen(b: Bevinding):
    yield from b.details
    for deel in b.delen:
        yield from deel.details
