"""A batch: many werkplannen (a folder, or several files), each toetst in its own engine
session, on parallel worker processes that each compile the rule set once.

The result is one summary, a line per werkplan; with an output folder also one report
per werkplan, <werkplan>-rapport.<ext> as the web names it. A werkplan that cannot be read,
or a verantwoording among the werkplannen, is a line with its Dutch message, and the batch
goes on. A second run over the same folder skips what the first one wrote there.
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

from typing import Literal

from pydantic import BaseModel, field_validator

from toetsing.bevindingen import Rapport
from toetsing.dienst import engine_voor, lees_en_toets, lees_invoer
from toetsing.fouten import ToetsingFout, WerkplanFout
from toetsing.rapport import formaten
from toetsing.rapport.schrijven import schrijf_veilig
from toetsing.tekst import toonbaar
from toetsing.werkplan.contract import TABLES, header_key
from toetsing.werkplan.model import W, Werkplan

SAMENVATTING = "samenvatting"  # file name (without extension) of the summary in the output folder
RAPPORT = "-rapport"  # a werkplan's report is <werkplan>-rapport.<ext>
GETOETST = "-getoetst"  # the annotated copy (toetsing annoteer)

# the headers only a verantwoording's template has ("Fte geleverd", "Nagekomen", ...), by sheet
_VERANTWOORDING = {header_key(c.kop_verantwoording): (t.sheet, c.kop_verantwoording)
                   for t in TABLES for c in t.columns if c.kop_verantwoording}
_GENOEG = 3  # of them, on different sheets: one could be a werkplan's own choice of words
KOPPEN_VERANTWOORDING = list(dict.fromkeys(kop for _, kop in _VERANTWOORDING.values()))


Reden = Literal["onleesbaar", "verantwoording", "niet getoetst", "programmafout"]


class Uitslag(BaseModel):
    """One werkplan's line in the summary."""

    werkplan: str
    organisatie: str | None = None
    telling: dict[str, int] = {}  # status -> number of bevindingen
    meldingen: int = 0  # cells that could not be read
    exitcode: int  # 0 all voldaan, 1 something ontbreekt or is afwijkend, 2 not checked
    fout: str | None = None  # why it could not be checked
    # why not: the file cannot be read, is a verantwoording, could not be toetst (no rule set), or our defect
    reden: Reden | None = None
    rapport: str | None = None  # the report file written

    @field_validator("werkplan", "fout", "rapport")
    @classmethod
    def _toonbaar(cls, tekst: str | None) -> str | None:
        return None if tekst is None else toonbaar(tekst)  # a file name may hold escape sequences


class GeenWerkplan(ToetsingFout):
    """A file among the werkplannen that is something else (a verantwoording)."""


class Samenvatting(BaseModel):
    getoetst_op: datetime
    seconden: float
    uitslagen: list[Uitslag]

    @property
    def exitcode(self) -> int:
        """2 when a werkplan could not be read, else 1 when any has a finding, else 0."""
        return max((u.exitcode for u in self.uitslagen), default=0)


def werkplannen_in(paden: list[Path]) -> list[Path]:
    """The files given, and every .xlsx in a folder given: without Excel's ~$ lock files and
    without what toetsing wrote there itself (the summary, a werkplan's report or annotated copy)."""
    uit: list[Path] = []
    for pad in paden:
        if not pad.is_dir():
            uit.append(pad)
            continue
        xlsx = sorted(p for p in pad.iterdir()
                      if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$") and p.is_file())
        stammen = {p.stem.lower() for p in xlsx}
        gevonden = [p for p in xlsx if not _van_toetsing(p.stem.lower(), stammen)]
        if not gevonden:
            raise ToetsingFout(f"{pad}: in deze map staan geen werkplannen (.xlsx).")
        uit.extend(gevonden)
    return uit


def _van_toetsing(stam: str, stammen: set[str]) -> bool:
    if stam == SAMENVATTING:
        return True
    return any(stam.endswith(staart) and stam.removesuffix(staart) in stammen for staart in (RAPPORT, GETOETST))


def lijkt_verantwoording(werkplan: Werkplan) -> list[str]:
    """The verantwoording's own headers this workbook has, when it has enough of them on
    different sheets to be one (read as a werkplan it would miss every deelopdracht)."""
    koppen = verantwoording_koppen(werkplan)
    return koppen if len(koppen) >= _GENOEG else []


def verantwoording_koppen(werkplan: Werkplan) -> list[str]:
    """The verantwoording's own headers this workbook has values under, one per sheet: none
    at all, and it is no verantwoording."""
    per_blad: dict[str, str] = {}
    for w in _waarden(werkplan):
        tabel_kop = _VERANTWOORDING.get(header_key(w.plek.kolom or ""))
        if tabel_kop:
            per_blad.setdefault(tabel_kop[0], tabel_kop[1])
    return list(per_blad.values())


def _waarden(x) -> Iterator[W]:
    if isinstance(x, W):
        yield x
    elif isinstance(x, BaseModel):
        for naam in type(x).model_fields:
            yield from _waarden(getattr(x, naam))
    elif isinstance(x, list):
        for y in x:
            yield from _waarden(y)


def _geen_verantwoording(werkplan: Werkplan) -> None:
    koppen = lijkt_verantwoording(werkplan)
    if koppen:
        naam = werkplan.bestand
        raise GeenWerkplan(f"{naam}: dit lijkt een verantwoording, geen werkplan (het heeft de kolommen "
                           f"{', '.join(koppen[:-1])} en {koppen[-1]}). Toets het met: toetsing verantwoording "
                           f"{naam} --werkplan <het werkplan>")


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
        naam, n = f"{pad.stem}{RAPPORT}{extensie}", 1
        while naam in bezet:  # two werkplannen with the same name in different folders
            n += 1
            naam = f"{pad.stem}-{n}{RAPPORT}{extensie}"
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
                    uitslagen[i] = Uitslag(werkplan=str(taken[i][0]), exitcode=2, reden="programmafout",
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
        _, rapport = lees_en_toets(lees_invoer(pad), regelset_id, eerst=_geen_verantwoording)
        if doel:
            schrijf_veilig(doel, formaten.inhoud(rapport, formaat, kort), overschrijf=overschrijf, invoer=[pad])
    except ToetsingFout as fout:
        return niet_getoetst(str(pad), fout)
    except Exception as fout:  # a defect of ours stops this werkplan, not the batch
        return Uitslag(werkplan=str(pad), exitcode=2, reden="programmafout",
                       fout=f"{pad}: er ging iets mis in het programma zelf ({type(fout).__name__}: {fout})")
    return getoetst(str(pad), rapport, doel)


def getoetst(werkplan: str, rapport: Rapport, doel: Path | None = None) -> Uitslag:
    """A werkplan's line in the summary (the web's batch makes it too)."""
    return Uitslag(werkplan=werkplan, organisatie=rapport.organisatie, telling=rapport.telling(),
                   meldingen=len(rapport.meldingen), exitcode=rapport.exitcode, rapport=str(doel) if doel else None)


def niet_getoetst(werkplan: str, fout: ToetsingFout) -> Uitslag:
    """The line of a file that was not toetst, with why."""
    reden = ("verantwoording" if isinstance(fout, GeenWerkplan) else
             "onleesbaar" if isinstance(fout, WerkplanFout) else "niet getoetst")
    return Uitslag(werkplan=werkplan, exitcode=2, fout=str(fout), reden=reden)


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
