"""The service layer: files as bytes in, a toetsingsrapport out.

Each toetsing takes `Invoer`s (a file's name and bytes) and runs the pipeline: read
workbook -> werkplan model -> facts -> engine -> bevindingen -> report model. The command
line, the batch and the web page read every file once into an Invoer (`lees_invoer` for a
path) and call one of the three toetsingen here: one werkplan (`toets_bestand`), a
verantwoording against its werkplan (`toets_verantwoording_bestand`), several werkplannen
jointly (`toets_gezamenlijk`). The receipt's sha256 is of the Invoer's bytes, the very bytes
that were judged. Writers take the Rapport from there.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from toetsing import __version__
from toetsing.bevindingen import Bevinding, GezamenlijkRapport, Ontvangst, Rapport
from toetsing.engine.sessie import Engine
from toetsing.feiten import maak_feiten, maak_verantwoording_feiten, rijnamen
from toetsing.fouten import RegelFout, ToetsingFout
from toetsing.gezamenlijk import beoordeel_samen
from toetsing.lezen.importeer import lees_werkplan
from toetsing.lezen.invoer import Invoer, lees_invoer
from toetsing.oordeel import beoordeel
from toetsing.regels.laden import beschikbare_regelsets, eigen_map, laad_regelset
from toetsing.werkplan.model import Werkplan

__all__ = ["Invoer", "lees_invoer", "toets_bestand", "toets_opnieuw", "toets_verantwoording_bestand", "toets_gezamenlijk",
           "engine_voor", "kies_regelset", "toets_werkplan", "toets_verantwoording"]


# --- the three toetsingen, on bytes ------------------------------------------------------

def toets_bestand(invoer: Invoer, regelset_id: str | None = None) -> Rapport:
    """One werkplan, against the rule set asked for or else the one its Opdracht field names."""
    return lees_en_toets(invoer, regelset_id)[1]


def lees_en_toets(invoer: Invoer, regelset_id: str | None = None,
                  eerst: Callable[[Werkplan], None] = lambda _: None) -> tuple[Werkplan, Rapport]:
    """`toets_bestand`, with the werkplan as read (for what the report does not carry, such as the aanspreekpunt);
    `eerst` may look at the werkplan before it is toetst, and refuse it (the batch refuses a verantwoording)."""
    werkplan = lees_werkplan(invoer)
    eerst(werkplan)
    engine = engine_voor(kies_regelset(werkplan, regelset_id) or _geen_keuze())
    return werkplan, toets_werkplan(werkplan, engine, sha256=invoer.sha256)


def toets_opnieuw(invoer: Invoer, vorige: Invoer, regelset_id: str | None = None) -> Rapport:
    """A hertoetsing: the werkplan's report with what changed since the previous toetsing, given
    as its JSON report or as the earlier werkplan (toetst with the same rule set)."""
    from toetsing.vergelijking import met_vergelijking

    rapport = toets_bestand(invoer, regelset_id)
    return met_vergelijking(vorig_rapport(vorige, rapport.opdracht), rapport, vorige.naam)


def vorig_rapport(vorige: Invoer, regelset_id: str) -> Rapport:
    """The report of the previous toetsing: its JSON as it was, or the earlier werkplan toetst now."""
    from toetsing.vergelijking import is_json, lees_rapport

    if is_json(vorige):
        return lees_rapport(vorige)
    return toets_werkplan(lees_werkplan(vorige), engine_voor(regelset_id), sha256=vorige.sha256)


def toets_verantwoording_bestand(invoer: Invoer, werkplan_invoer: Invoer, regelset_id: str | None = None,
                                 lees: Callable[[Invoer, str], Werkplan] = lambda invoer, _: lees_werkplan(invoer)
                                 ) -> Rapport:
    """A verantwoording against the werkplan on which the subsidy was granted. `lees` reads each
    file, told which one it is ("verantwoording", "werkplan"): the web page ties an error to its field."""
    verantwoording, werkplan = lees(invoer, "verantwoording"), lees(werkplan_invoer, "werkplan")
    gekozen = kies_regelset(verantwoording, regelset_id) or kies_regelset(werkplan, None) or _geen_keuze()
    return toets_verantwoording(verantwoording, werkplan, engine_voor(gekozen, "verantwoording"),
                                sha256=invoer.sha256, werkplan_sha256=werkplan_invoer.sha256)


def toets_gezamenlijk(invoeren: list[Invoer], regelset_id: str | None = None,
                      eerst: Callable[[Werkplan], None] = lambda _: None) -> GezamenlijkRapport:
    """Several werkplannen for one joint opdracht: each its own report, and the joint rules
    over all of them (toetsing/gezamenlijk.py). `eerst` may refuse a werkplan as read."""
    if not invoeren:
        raise ToetsingFout("Er zijn geen werkplannen (.xlsx) om samen te toetsen.")
    # every werkplan must be readable: without one, its deelopdrachten would look uncovered
    werkplannen = [lees_werkplan(invoer) for invoer in invoeren]
    for werkplan in werkplannen:
        eerst(werkplan)
    engine = engine_voor(_een_regelset(werkplannen, regelset_id))
    tijd = datetime.now().astimezone().replace(microsecond=0)
    sha256 = [invoer.sha256 for invoer in invoeren]
    rapporten = [toets_werkplan(w, engine, tijd, s) for w, s in zip(werkplannen, sha256)]
    return beoordeel_samen(werkplannen, rapporten, engine.regelset.id, sha256, tijd)


# --- the pipeline on read werkplannen ----------------------------------------------------

def engine_voor(regelset_id: str, stuk: str = "werkplan") -> Engine:
    """Compile a rule set once per process and rule folder; every werkplan then gets its own session."""
    return _engine(regelset_id, stuk, eigen_map())


@lru_cache(maxsize=None)
def _engine(regelset_id: str, stuk: str, map_: Path | None) -> Engine:
    return Engine(laad_regelset(regelset_id), stuk=stuk)


def toets_werkplan(werkplan: Werkplan, engine: Engine, tijd: datetime | None = None,
                   sha256: str = "") -> Rapport:
    feiten, index = maak_feiten(werkplan, engine.kader)
    bevindingen = beoordeel(engine.regelset, engine.evalueer(feiten), index, werkplan.bladen, rijnamen(werkplan))
    return rapport_van(werkplan, engine, bevindingen, tijd, sha256)


def toets_verantwoording(verantwoording: Werkplan, werkplan: Werkplan, engine: Engine, tijd: datetime | None = None,
                         sha256: str = "", werkplan_sha256: str = "") -> Rapport:
    """Realisation against commitment: the verantwoording's facts with the werkplan's as toezegging."""
    feiten, index = maak_verantwoording_feiten(verantwoording, werkplan, engine.kader)
    rapport = rapport_van(verantwoording, engine,
                          beoordeel(engine.regelset, engine.evalueer(feiten), index, verantwoording.bladen), tijd, sha256)
    ontvangst = rapport.ontvangst.model_copy(update={"toezegging_bestand": Path(werkplan.bestand).name,
                                                     "toezegging_sha256": werkplan_sha256})
    return rapport.model_copy(update={"stuk": "verantwoording", "toezegging": werkplan.bestand, "ontvangst": ontvangst,
                                      "meldingen": [*werkplan.meldingen, *verantwoording.meldingen]})


def rapport_van(stuk: Werkplan, engine: Engine, bevindingen: list[Bevinding], tijd: datetime | None,
                sha256: str) -> Rapport:
    """The report model around the bevindingen, with its receipt."""
    organisatie = stuk.algemeen.organisatie
    tijd = tijd or datetime.now().astimezone().replace(microsecond=0)
    eigen = kies_regelset(stuk, None)  # the werkplan's own Opdracht field: --opdracht may have chosen another
    return Rapport(
        opdracht=engine.regelset.id, opdracht_titel=engine.regelset.titel, werkplan=stuk.bestand,
        organisatie=organisatie.waarde if organisatie else None, getoetst_op=tijd,
        bevindingen=bevindingen, meldingen=stuk.meldingen,
        opdracht_in_werkplan=stuk.algemeen.opdracht.waarde.strip() if eigen and eigen != engine.regelset.id else None,
        niet_toetsbaar=engine.regelset.niet_toetsbaar,
        ontvangst=Ontvangst(toetsing_versie=__version__, regelset=engine.regelset.id,
                            regelset_vingerafdruk=engine.regelset.vingerafdruk, bestand=Path(stuk.bestand).name,
                            bestand_sha256=sha256, getoetst_op=tijd),
    )


# --- which rule set ------------------------------------------------------------------------

def kies_regelset(werkplan: Werkplan, gevraagd: str | None) -> str:
    """The command line wins, then the werkplan's own Opdracht field."""
    if gevraagd:
        return gevraagd
    if werkplan.algemeen.opdracht:
        return werkplan.algemeen.opdracht.waarde.strip().lower()
    return ""


def _een_regelset(werkplannen: list[Werkplan], gevraagd: str | None) -> str:
    gekozen = {Path(w.bestand).name: kies_regelset(w, gevraagd) for w in werkplannen}
    ids = set(gekozen.values()) - {""}
    if len(ids) > 1:
        welke = "; ".join(f"{naam}: {i or '(geen)'}" for naam, i in gekozen.items())
        raise RegelFout(f"De werkplannen noemen verschillende opdrachten ({welke}). Kies er één met --opdracht.")
    return ids.pop() if ids else _geen_keuze()


def _geen_keuze() -> str:
    raise RegelFout(
        "Geef aan welke opdracht geldt: met --opdracht, of in het veld Opdracht op het blad Algemeen. "
        f"Beschikbaar: {', '.join(beschikbare_regelsets())}."
    )
