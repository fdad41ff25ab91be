"""`toetsing regels controleer [MAP]`: the rule author's check, like `ruff check` for rule files.

Loads every rule set in MAP and reports, each with file, line, rule id and a Dutch sentence:
what does not load (schema), a `citaat` that is not in its source document, a number in the
title or `wat` that disagrees with the check's parameter, a rule without a case that passes
and one that fails, and a case whose status the engine does not give.
Exit status 0: nothing found, 1: findings, 2: a file cannot be read (no YAML, no folder).
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from toetsing.fouten import RegelFout
from toetsing.regels.laden import (REGELSET_BESTAND, RegelsetFout, eigen_map, laad_regelset, plaatsen, regelset_map,
                                   standaard_map)
from toetsing.regels.model import Regel, Regelset
from toetsing.status import Status

# toetsing's own documents, such as the werkplan format that `soort: vorm` rules cite
EIGEN_DOCUMENTEN = Path(__file__).resolve().parents[2] / "docs"


@dataclass(frozen=True)
class Opmerking:
    """One finding of the check."""

    bestand: str  # <regelset>/<file>
    regel: int | None  # line
    regel_id: str | None
    tekst: str
    onleesbaar: bool = False

    def __str__(self) -> str:
        waar = ":".join([self.bestand, *([str(self.regel)] if self.regel else [])])
        return f"{waar}: " + (f"{self.regel_id}: " if self.regel_id else "") + self.tekst


def controleer(map_: Path | None = None, bronnen: Path | None = None) -> list[Opmerking]:
    """Every rule set in map_ (default: the own folder of --regels/TOETSING_REGELS, else the shipped ones)."""
    map_ = map_ or eigen_map() or standaard_map()
    if not map_.is_dir():
        return [Opmerking(str(map_), None, None, "deze map bestaat niet", onleesbaar=True)]
    sets = sorted(p.parent.name for p in map_.glob(f"*/{REGELSET_BESTAND}"))
    if not sets:
        return [Opmerking(str(map_), None, None, f"hier staat geen regelset (een map met een {REGELSET_BESTAND})",
                          onleesbaar=True)]
    return [o for regelset_id in sets for o in _controleer_regelset(regelset_id, map_, bronnen)]


def _controleer_regelset(regelset_id: str, map_: Path, bronnen: Path | None) -> list[Opmerking]:
    try:
        regelset = laad_regelset(regelset_id, map_)
    except RegelsetFout as fout:
        return [Opmerking(f"{regelset_id}/{p.bestand}", p.regel, p.regel_id, p.tekst, p.onleesbaar)
                for p in fout.problemen]
    except RegelFout as fout:  # e.g. opvolger_van names a rule set that is not there
        return [Opmerking(f"{regelset_id}/{REGELSET_BESTAND}", None, None, str(fout))]
    waar = plaatsen(regelset_id, map_)
    eigen = [r for r in regelset.regels if not regelset.herkomst.get(r.id, "").startswith("overgenomen")]
    opmerkingen = _citaten(regelset, eigen, waar, map_, bronnen)

    def opmerking(regel: Regel, tekst: str) -> None:
        bestand, lijn = waar.get(regel.id, (REGELSET_BESTAND, None))
        opmerkingen.append(Opmerking(f"{regelset_id}/{bestand}", lijn, regel.id, tekst))

    engines = _engines(regelset)
    for regel in eigen:
        for tekst in getallen_in_strijd(regel):
            opmerking(regel, tekst)
        if mist_goed_of_fout(regel):
            opmerking(regel, "de regel heeft niet zowel een geval dat voldoet als een geval dat niet voldoet")
        if regel.gezamenlijk:  # their cases hold several werkplannen: run by the tests (test_gezamenlijk.py)
            continue
        for geval in regel.gevallen:
            tekst = _geval_klopt_niet(regelset, regel, geval, engines)
            if tekst:
                opmerking(regel, tekst)
    return opmerkingen


def mist_goed_of_fout(regel: Regel) -> bool:
    statussen = {g.status for g in regel.gevallen}
    return Status.voldaan not in statussen or not statussen & {Status.afwijkend, Status.ontbreekt}


def _engines(regelset: Regelset):
    from toetsing.engine.sessie import Engine

    return cache(lambda stuk: Engine(regelset, stuk=stuk))


def _geval_klopt_niet(regelset: Regelset, regel: Regel, geval, engines) -> str:
    from toetsing.fouten import ToetsingFout
    from toetsing.regels.gevallen import toets_geval

    with tempfile.TemporaryDirectory(prefix="toetsing-geval-") as werkmap:
        try:
            bevinding = toets_geval(regelset, regel.id, geval, Path(werkmap), engines)
        except ToetsingFout as fout:
            return f"geval '{geval.naam}': het werkplan van dit geval kan niet worden gelezen ({fout})"
    if bevinding is None:
        return f"geval '{geval.naam}': de regel geeft geen bevinding (verwacht: {geval.status.value})"
    if bevinding.status != geval.status:
        return (f"geval '{geval.naam}': verwacht {geval.status.value}, maar de toetsing geeft "
                f"{bevinding.status.value} ({bevinding.toelichting})")
    return ""


# --- quotes -------------------------------------------------------------------------------

_AANHALINGSTEKENS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
                                   "`": "'", "´": "'"})


def plat(tekst: str) -> str:
    """Text for comparing a quote: quote marks alike, line breaks and repeated spaces as one
    space (layout, not words), no difference between capitals and small letters."""
    return re.sub(r"\s+", " ", tekst.translate(_AANHALINGSTEKENS)).strip().casefold()


def citaat_staat_in(citaat: str, tekst: str) -> bool:
    """Every part of the quote (`…` marks a left-out passage) occurs in the text, in order."""
    plek = 0
    for deel in (d.strip(" .") for d in re.split(r"…|\.\.\.", plat(citaat))):
        if not deel:
            continue
        plek = tekst.find(deel, plek)
        if plek < 0:
            return False
        plek += len(deel)
    return True


def _citaten(regelset: Regelset, regels: list[Regel], waar: dict, map_: Path, bronnen: Path | None) -> list[Opmerking]:
    mappen = [m for m in (bronnen, regelset_map(regelset.id, map_), EIGEN_DOCUMENTEN) if m]
    if regelset.opvolger_van:  # a successor may cite its predecessor's documents, which lie beside that one
        mappen.append(regelset_map(regelset.opvolger_van, map_))
    teksten: dict[str, str | None] = {}
    uit: list[Opmerking] = []
    for sleutel, document in regelset.documenten.items():
        pad = next((m / document.bestand for m in mappen if m and (m / document.bestand).is_file()), None)
        try:
            teksten[sleutel] = plat(pad.read_text(encoding="utf-8")) if pad else None
        except (OSError, UnicodeDecodeError):
            teksten[sleutel] = None
        if teksten[sleutel] is None and any(r.bron.document == sleutel for r in regels):
            uit.append(Opmerking(f"{regelset.id}/{REGELSET_BESTAND}", None, None,
                                 f"het brondocument {document.bestand} ({sleutel}) is niet gevonden of niet leesbaar; "
                                 "geef de map met de brondocumenten met --bronnen"))
    for regel in regels:
        tekst = teksten.get(regel.bron.document)
        if tekst is not None and not citaat_staat_in(regel.bron.citaat, tekst):
            bestand, lijn = waar.get(regel.id, (REGELSET_BESTAND, None))
            uit.append(Opmerking(f"{regelset.id}/{bestand}", lijn, regel.id,
                                 f"het citaat staat niet letterlijk in {regelset.documenten[regel.bron.document].bestand}: "
                                 f"“{regel.bron.citaat[:120]}”"))
    return uit


# --- numbers in the text against the parameters ---------------------------------------------

_GETAL = r"(\d+(?:[.,]\d+)?)"
# words before a number in a title or `wat`, and the parameters of a check they speak of
_WOORDEN = [
    (re.compile(rf"\b(?:minimaal|minstens|ten minste|tenminste|minimum van|op zijn minst) {_GETAL}\b"), ("minimaal",)),
    (re.compile(rf"\b(?:maximaal|hoogstens|ten hoogste|niet meer dan) {_GETAL}\b"), ("maximaal",)),
    (re.compile(rf"\bmeer dan {_GETAL}\b"), ("groter_dan", "fte_groter_dan")),
    (re.compile(rf"\b{_GETAL} ?(?:%|procent)"), ("drempel_procent", "tolerantie_procent")),
]


_VELDEN = {"titel": "de titel", "wat": "de beschrijving (wat)"}


def getallen_in_strijd(regel: Regel) -> list[str]:
    """A number in the title or `wat` after 'minimaal', 'maximaal', 'meer dan' or before '%'
    that none of the rule's checks has as that parameter (the title says 5 days, `minimaal: 4`)."""
    waarden: dict[str, set[float]] = {}
    for controle in regel.controles:
        for naam, waarde in controle.model_dump(exclude_none=True).items():
            if isinstance(waarde, (int, float)) and not isinstance(waarde, bool):
                waarden.setdefault(naam, set()).add(float(waarde))
    uit = []
    for veld in ("titel", "wat"):
        tekst = getattr(regel, veld)
        for patroon, namen in _WOORDEN:
            gegeven = set().union(*(waarden.get(n, set()) for n in namen))
            if not gegeven:
                continue  # the text speaks of something no check of this rule has as a parameter
            for treffer in patroon.finditer(tekst.lower()):
                getal = float(treffer.group(1).replace(",", "."))
                if getal not in gegeven:
                    genoemd = ", ".join(f"{n}: {_getal(w)}" for n in namen for w in sorted(waarden.get(n, ())))
                    uit.append(f"{_VELDEN[veld]} noemt '{treffer.group(0)}', maar de controle zegt {genoemd}")
    return uit


def _getal(waarde: float) -> str:
    return str(int(waarde)) if waarde == int(waarde) else str(waarde)


# --- command line -------------------------------------------------------------------------

def controleer_cli(map_: Path | None, bronnen: Path | None, formaat: str) -> int:
    if bronnen is not None and not bronnen.is_dir():
        print(f"toetsing: de map met brondocumenten {bronnen} (--bronnen) bestaat niet.", file=sys.stderr)
        return 2
    opmerkingen = controleer(map_, bronnen)
    if formaat == "json":
        sys.stdout.write(json.dumps([asdict(o) for o in opmerkingen], ensure_ascii=False, indent=2) + "\n")
    else:
        for o in opmerkingen:
            print(o)
        print(f"{len(opmerkingen)} bevinding(en)." if opmerkingen else "De regelbestanden zijn in orde.",
              file=sys.stderr)
    if any(o.onleesbaar for o in opmerkingen):
        return 2
    return 1 if opmerkingen else 0
