"""Joint toetsing: the werkplannen that several organisations submit for one joint
opdracht, judged together (`toetsing toets A.xlsx B.xlsx --gezamenlijk`).

Each werkplan gets its own report as usual (toetsing/dienst.py reads them and calls
this). Besides, the facts of all werkplannen go into one engine session, tagged per
werkplan (feiten.maak_gezamenlijke_feiten), where the joint rules of the rule set decide:
is every deelopdracht covered, do the figures agree. The matrix deelopdracht x werkplan
shows who covers what; it shows, the rules decide.
"""
from __future__ import annotations

import hashlib
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from toetsing import __version__
from toetsing.bevindingen import Dekking, GezamenlijkRapport, MatrixRij, OntvangenBestand, Ontvangst, Rapport
from toetsing.engine.sessie import Engine
from toetsing.feiten import maak_gezamenlijke_feiten
from toetsing.oordeel import beoordeel
from toetsing.regels.laden import laad_regelset
from toetsing.regels.model import Regelset
from toetsing.werkplan.model import Werkplan


@lru_cache(maxsize=None)
def gezamenlijke_engine(regelset_id: str) -> Engine:
    """The joint rules of a rule set, compiled once per process."""
    return Engine(laad_regelset(regelset_id), gezamenlijk=True)


def beoordeel_samen(werkplannen: list[Werkplan], rapporten: list[Rapport], regelset_id: str, sha256: list[str],
                    tijd: datetime) -> GezamenlijkRapport:
    """The joint rules over read werkplannen, beside each werkplan's own report
    (dienst.toets_gezamenlijk reads them and makes those)."""
    indieners = _indieners(werkplannen)
    gezamenlijk = gezamenlijke_engine(regelset_id)
    bevindingen = []
    if gezamenlijk.regelset.regels:
        feiten, index = maak_gezamenlijke_feiten(list(zip(werkplannen, indieners)), gezamenlijk.kader)
        bevindingen = beoordeel(gezamenlijk.regelset, gezamenlijk.evalueer(feiten), index)
    namen = ", ".join(Path(w.bestand).name for w in werkplannen)
    regelset = gezamenlijk.regelset
    return GezamenlijkRapport(
        gezamenlijk=Rapport(
            opdracht=regelset.id, opdracht_titel=regelset.titel, werkplan=namen, organisatie="; ".join(indieners),
            getoetst_op=tijd, bevindingen=bevindingen,
            # one fingerprint for the set: sha256 over the files' own, in the order given
            ontvangst=Ontvangst(toetsing_versie=__version__, regelset=regelset.id,
                                regelset_vingerafdruk=regelset.vingerafdruk, bestand=namen,
                                bestand_sha256=hashlib.sha256("\n".join(sha256).encode()).hexdigest(),
                                getoetst_op=tijd,
                                bestanden=[OntvangenBestand(naam=Path(w.bestand).name, sha256=s)
                                           for w, s in zip(werkplannen, sha256)]),
        ),
        indieners=indieners,
        matrix=_matrix(regelset, werkplannen),
        werkplannen=rapporten,
    )


def _indieners(werkplannen: list[Werkplan]) -> list[str]:
    """Who submitted each werkplan: the Organisatie field, else the file name; the file
    name is added where two werkplannen name the same organisation."""
    namen = [w.algemeen.organisatie.waarde if w.algemeen.organisatie else Path(w.bestand).name for w in werkplannen]
    return [f"{n} ({Path(w.bestand).name})" if namen.count(n) > 1 else n for n, w in zip(namen, werkplannen)]


def _matrix(regelset: Regelset, werkplannen: list[Werkplan]) -> list[MatrixRij]:
    return [MatrixRij(nr=nr, naam=d.naam, dekking=[_dekking(w, nr) for w in werkplannen])
            for nr, d in regelset.deelopdrachten.items()]


def _dekking(werkplan: Werkplan, nr: int) -> Dekking:
    # a merged Nr cell is read for every row it spans: its cell once
    rijen = list(dict.fromkeys(str(r.nr.plek) for r in werkplan.deelopdrachten if r.nr and r.nr.waarde == nr))
    uren = [r.uren.waarde for r in werkplan.uren
            if r.uren and r.onderdeel and r.onderdeel.waarde == str(nr) and not r.is_totaal]
    return Dekking(rijen=rijen, uren=round(sum(uren), 2) if uren else None)
