"""The pipeline for one werkplan: read workbook -> werkplan model -> facts -> engine ->
bevindingen -> report model. Writers take it from there."""
from __future__ import annotations

import hashlib
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from toetsing import __version__
from toetsing.bevindingen import Ontvangst, Rapport
from toetsing.engine.sessie import Engine
from toetsing.feiten import Feit, Index, maak_feiten, maak_verantwoording_feiten
from toetsing.oordeel import beoordeel
from toetsing.regels.laden import laad_regelset
from toetsing.werkplan.model import Werkplan


@lru_cache(maxsize=None)
def engine_voor(regelset_id: str, stuk: str = "werkplan") -> Engine:
    """Compile a rule set once per process; every werkplan then gets its own session."""
    return Engine(laad_regelset(regelset_id), stuk=stuk)


def toets_werkplan(werkplan: Werkplan, engine: Engine, tijd: datetime | None = None,
                   sha256: str = "") -> Rapport:
    return _rapport(werkplan, engine, *maak_feiten(werkplan, engine.kader), tijd, sha256)


def toets_verantwoording(verantwoording: Werkplan, werkplan: Werkplan, engine: Engine, tijd: datetime | None = None,
                         sha256: str = "", werkplan_sha256: str = "") -> Rapport:
    """Realisation against commitment: the verantwoording's facts with the werkplan's as toezegging."""
    feiten, index = maak_verantwoording_feiten(verantwoording, werkplan, engine.kader)
    rapport = _rapport(verantwoording, engine, feiten, index, tijd, sha256)
    ontvangst = rapport.ontvangst.model_copy(update={"toezegging_bestand": Path(werkplan.bestand).name,
                                                     "toezegging_sha256": werkplan_sha256})
    return rapport.model_copy(update={"stuk": "verantwoording", "toezegging": werkplan.bestand, "ontvangst": ontvangst,
                                      "meldingen": [*werkplan.meldingen, *verantwoording.meldingen]})


def _rapport(stuk: Werkplan, engine: Engine, feiten: list[Feit], index: Index, tijd: datetime | None,
             sha256: str) -> Rapport:
    bevindingen = beoordeel(engine.regelset, engine.evalueer(feiten), index)
    organisatie = stuk.algemeen.organisatie
    tijd = tijd or datetime.now().astimezone().replace(microsecond=0)
    return Rapport(
        opdracht=engine.regelset.id, opdracht_titel=engine.regelset.titel, werkplan=stuk.bestand,
        organisatie=organisatie.waarde if organisatie else None, getoetst_op=tijd,
        bevindingen=bevindingen, meldingen=stuk.meldingen,
        ontvangst=Ontvangst(toetsing_versie=__version__, regelset=engine.regelset.id,
                            regelset_vingerafdruk=engine.regelset.vingerafdruk, bestand=Path(stuk.bestand).name,
                            bestand_sha256=sha256, getoetst_op=tijd),
    )


def kies_regelset(werkplan: Werkplan, gevraagd: str | None) -> str:
    """The command line wins, then the werkplan's own Opdracht field."""
    if gevraagd:
        return gevraagd
    if werkplan.algemeen.opdracht:
        return werkplan.algemeen.opdracht.waarde.strip().lower()
    return ""


def toets_bestand(pad: Path, regelset_id: str | None = None) -> Rapport:
    from toetsing.lezen.importeer import lees_werkplan

    werkplan = lees_werkplan(pad)
    engine = engine_voor(kies_regelset(werkplan, regelset_id) or _geen_keuze())
    return toets_werkplan(werkplan, engine, sha256=_sha256(pad))


def toets_verantwoording_bestand(pad: Path, werkplan_pad: Path, regelset_id: str | None = None) -> Rapport:
    from toetsing.lezen.importeer import lees_werkplan

    verantwoording, werkplan = lees_werkplan(pad), lees_werkplan(werkplan_pad)
    gekozen = kies_regelset(verantwoording, regelset_id) or kies_regelset(werkplan, None) or _geen_keuze()
    return toets_verantwoording(verantwoording, werkplan, engine_voor(gekozen, "verantwoording"), sha256=_sha256(pad),
                                werkplan_sha256=_sha256(werkplan_pad))


def _sha256(pad: Path) -> str:
    return hashlib.sha256(Path(pad).read_bytes()).hexdigest()


def _geen_keuze() -> str:
    from toetsing.fouten import RegelFout
    from toetsing.regels.laden import beschikbare_regelsets

    raise RegelFout(
        "Geef aan welke opdracht geldt: met --opdracht, of in het veld Opdracht op het blad Algemeen. "
        f"Beschikbaar: {', '.join(beschikbare_regelsets())}."
    )
