"""A batch: many werkplannen (a folder, or several files), each toetst in its own engine
session, on parallel worker processes that each compile the rule set once.

The result is one summary, a line per werkplan; with an output folder also one report
per werkplan. A werkplan that cannot be read is a line with its Dutch error message, and
the batch goes on.
"""
from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, field_validator

from toetsing.fouten import ToetsingFout
from toetsing.rapport import formaten
from toetsing.rapport.schrijven import schrijf_veilig
from toetsing.tekst import toonbaar
from toetsing.dienst import engine_voor, lees_invoer, toets_bestand

SAMENVATTING = "samenvatting"  # file name (without extension) of the summary in the output folder


class Uitslag(BaseModel):
    """One werkplan's line in the summary."""

    werkplan: str
    organisatie: str | None = None
    telling: dict[str, int] = {}  # status -> number of bevindingen
    meldingen: int = 0  # cells that could not be read
    exitcode: int  # 0 all voldaan, 1 something ontbreekt or is afwijkend, 2 not checked
    fout: str | None = None  # why it could not be checked
    rapport: str | None = None  # the report file written

    @field_validator("werkplan", "fout", "rapport")
    @classmethod
    def _toonbaar(cls, tekst: str | None) -> str | None:
        return None if tekst is None else toonbaar(tekst)  # a file name may hold escape sequences


class Samenvatting(BaseModel):
    getoetst_op: datetime
    seconden: float
    uitslagen: list[Uitslag]

    @property
    def exitcode(self) -> int:
        """2 when a werkplan could not be read, else 1 when any has a finding, else 0."""
        return max((u.exitcode for u in self.uitslagen), default=0)


def werkplannen_in(paden: list[Path]) -> list[Path]:
    """The files given, and every .xlsx in a folder given (Excel's ~$ lock files left out)."""
    uit: list[Path] = []
    for pad in paden:
        if not pad.is_dir():
            uit.append(pad)
            continue
        gevonden = sorted(p for p in pad.iterdir()
                          if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$") and p.is_file())
        if not gevonden:
            raise ToetsingFout(f"{pad}: in deze map staan geen werkplannen (.xlsx).")
        uit.extend(gevonden)
    return uit


def uitvoerpaden(werkplannen: list[Path], map_: Path, formaat: str, overschrijf: bool) -> list[Path]:
    """One report file per werkplan, named after it; checked before any work is done, so
    that an existing report stops the batch at once instead of failing werkplan by werkplan.
    Makes the folder when it does not exist yet."""
    if map_.exists() and not map_.is_dir():
        raise ToetsingFout(f"{map_}: dit is een bestand; geef bij meer werkplannen met -o een map op.")
    map_.mkdir(parents=True, exist_ok=True)
    extensie = formaten.formaat(formaat).extensie
    bezet = {f"{SAMENVATTING}.json", f"{SAMENVATTING}.xlsx"}
    doelen = []
    for pad in werkplannen:
        naam, n = f"{pad.stem}{extensie}", 1
        while naam in bezet:  # two werkplannen with the same name in different folders
            n += 1
            naam = f"{pad.stem}-{n}{extensie}"
        bezet.add(naam)
        doelen.append(map_ / naam)
    if not overschrijf:
        bestaand = [d for d in [*doelen, *(map_ / n for n in (f"{SAMENVATTING}.json", f"{SAMENVATTING}.xlsx"))]
                    if d.exists()]
        if bestaand:
            raise ToetsingFout(f"{bestaand[0]} bestaat al (en nog {len(bestaand) - 1} andere). "
                               "Kies een andere map, of gebruik --overschrijf.")
    return doelen


def toets_alle(werkplannen: list[Path], regelset_id: str | None = None, doelen: list[Path] | None = None,
               formaat: str = "json", kort: bool = False, overschrijf: bool = False, werkers: int | None = None,
               na_elk: Callable[[Uitslag], None] = lambda _: None) -> Samenvatting:
    """Toets every werkplan; `na_elk` hears of each one as it finishes (in any order)."""
    begin, tijd = time.perf_counter(), datetime.now().astimezone().replace(microsecond=0)
    taken = [(pad, doel, regelset_id, formaat, kort, overschrijf)
             for pad, doel in zip(werkplannen, doelen or [None] * len(werkplannen))]
    werkers = min(werkers or os.cpu_count() or 1, len(taken))
    uitslagen: dict[int, Uitslag] = {}
    if werkers <= 1:
        _start_werker(regelset_id)
        for i, taak in enumerate(taken):
            uitslagen[i] = _toets_een(*taak)
            na_elk(uitslagen[i])
    else:
        pool = ProcessPoolExecutor(max_workers=werkers, initializer=_start_werker, initargs=(regelset_id, True))
        try:
            lopend = {pool.submit(_toets_een, *taak): i for i, taak in enumerate(taken)}
            for klaar in as_completed(lopend):
                i = lopend[klaar]
                try:
                    uitslagen[i] = klaar.result()
                except BrokenProcessPool:  # a worker died (out of memory, a crash in the engine)
                    uitslagen[i] = Uitslag(werkplan=str(taken[i][0]), exitcode=2,
                                           fout=f"{taken[i][0]}: toetsing stopte onverwacht, bij dit of een ander "
                                                "werkplan; probeer dit werkplan opnieuw met --werkers 1")
                na_elk(uitslagen[i])
        finally:
            # on Ctrl-C, do not first run the werkplannen still waiting
            pool.shutdown(wait=True, cancel_futures=True)
    return Samenvatting(getoetst_op=tijd, seconden=round(time.perf_counter() - begin, 2),
                        uitslagen=[uitslagen[i] for i in range(len(taken))])


def _start_werker(regelset_id: str | None, eigen_proces: bool = False) -> None:
    """Each worker process compiles the rule set once; without --opdracht, on first use."""
    if regelset_id:
        engine_voor(regelset_id)
    if eigen_proces:
        # what lives now (modules, the engine) lives until the end: the garbage collector
        # need not walk it again at every collection during a werkplan
        gc.freeze()


def _toets_een(pad: Path, doel: Path | None, regelset_id: str | None, formaat: str, kort: bool,
               overschrijf: bool) -> Uitslag:
    try:
        rapport = toets_bestand(lees_invoer(pad), regelset_id)
        if doel:
            schrijf_veilig(doel, formaten.inhoud(rapport, formaat, kort), overschrijf=overschrijf, invoer=[pad])
    except ToetsingFout as fout:
        return Uitslag(werkplan=str(pad), exitcode=2, fout=str(fout))
    except Exception as fout:  # a defect of ours stops this werkplan, not the batch
        return Uitslag(werkplan=str(pad), exitcode=2,
                       fout=f"{pad}: er ging iets mis in het programma zelf ({type(fout).__name__}: {fout})")
    return Uitslag(werkplan=str(pad), organisatie=rapport.organisatie, telling=rapport.telling(),
                   meldingen=len(rapport.meldingen), exitcode=rapport.exitcode, rapport=str(doel) if doel else None)


@contextmanager
def voortgang(totaal: int, console) -> Iterator[Callable[[Uitslag], None]]:
    """A progress bar on the console (stderr), only when it is a terminal: piped or
    redirected output gets no control characters."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    balk = Progress(TextColumn("Toetsen"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("nog"), TimeRemainingColumn(), console=console, disable=not console.is_terminal)
    taak = balk.add_task("toetsen", total=totaal)
    with balk:
        yield lambda _: balk.advance(taak)
