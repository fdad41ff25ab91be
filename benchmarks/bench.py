"""How fast is toetsing, and where does the time go? A script, not a test:

    .venv/bin/python benchmarks/bench.py [--aantal 1000] [--werkers 2]

It builds realistic werkplannen with voorbeelden/maak_voorbeelden.py (the joint werkplan
of the five organisations, and one with 10x the rows on every sheet) and measures, in
one run: the time per werkplan split into its stages, the floor (a bare openpyxl load
and iteration of the same file), a batch of many werkplannen through the command line
with the memory of its workers, the engine against the same checks in plain Python, and
the start of `toetsing --help`. It prints the figures as Markdown tables (see README.md).
"""
from __future__ import annotations

import argparse
import copy
import gc
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import openpyxl

HIER = Path(__file__).resolve().parent
# this checkout's toetsing, not the one the venv has installed (another worktree, perhaps)
sys.path[:0] = [str(HIER.parent), str(HIER.parent / "voorbeelden")]
import maak_voorbeelden as mk  # noqa: E402

from toetsing.dienst import engine_voor, lees_invoer, rapport_van, toets_bestand  # noqa: E402
from toetsing.oordeel import beoordeel  # noqa: E402
from toetsing.engine.sessie import Engine  # noqa: E402
from toetsing.feiten import Feit, maak_feiten  # noqa: E402
from toetsing.lezen import importeer  # noqa: E402
from toetsing.lezen.importeer import lees_werkplan  # noqa: E402
from toetsing.lezen.werkboek import Workbook  # noqa: E402
from toetsing.rapport import formaten  # noqa: E402
from toetsing.regels.model import Status  # noqa: E402

REGELSET = "meierijstad-2020"
TOETSING = [sys.executable, "-m", "toetsing.cli"]
OMGEVING = {**os.environ, "PYTHONPATH": str(HIER.parent)}


# --- werkplannen -------------------------------------------------------------------------

def normaal() -> openpyxl.Workbook:
    """The joint werkplan of the five organisations, as the municipality receives it."""
    return mk.bouw(mk.CONFORM, concept=False)


def groot(factor: int = 10) -> openpyxl.Workbook:
    """`factor` x the rows on every sheet; Algemeen excepted, as its fields are unique."""
    w = copy.deepcopy(mk.CONFORM)
    for blad in ("Blok A", "Producten"):
        w[blad] = w[blad] * factor
    for blad in ("Uren", "Begroting"):
        rijen = [r for r in w[blad] if r[0] != "Totaal"] * factor
        totaal = tuple(round(sum(r[i] for r in rijen), 2) for i in (1, 2))
        w[blad] = rijen + [("Totaal", *totaal) + (None,) * (len(rijen[0]) - 3)]
    with mock.patch.multiple(mk, KENGETALLEN=mk.KENGETALLEN * factor, RANDVOORWAARDEN=mk.RANDVOORWAARDEN * factor):
        return mk.bouw(w, concept=False, deelopdrachten=mk.DEELOPDRACHTEN * factor)


def met_formules(wb: openpyxl.Workbook, pad: Path) -> None:
    """Save with the Totaal rows of Uren and Begroting as SUM formulas holding their
    calculated value, as Excel saves them (openpyxl itself writes no value)."""
    waarden = {}
    for nr, ws in enumerate(wb.worksheets, start=1):
        for rij in ws.iter_rows(min_row=3):
            if rij[0].value == "Totaal":
                for cel in rij[1:3]:
                    formule = f"SUM({cel.column_letter}3:{cel.column_letter}{cel.row - 1})"
                    waarden[(f"xl/worksheets/sheet{nr}.xml", formule)] = cel.value
                    cel.value = f"={formule}"
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as bron, zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as doel:
        for lid in bron.infolist():
            inhoud = bron.read(lid)
            for (naam, formule), waarde in waarden.items():
                if naam == lid.filename:
                    for leeg in ("<v />", "<v></v>"):  # openpyxl without and with lxml
                        inhoud = inhoud.replace(f"<f>{formule}</f>{leeg}".encode(), f"<f>{formule}</f><v>{waarde}</v>".encode())
            doel.writestr(lid, inhoud)


def cellen(pad: Path) -> int:
    wb = openpyxl.load_workbook(pad)
    return sum(c.value is not None for ws in wb for rij in ws.iter_rows() for c in rij)


# --- time per werkplan -------------------------------------------------------------------

def vloer(pad: Path) -> None:
    """What any program reading the file pays at least: openpyxl's load and one pass over every cell."""
    wb = openpyxl.load_workbook(pad)
    for ws in wb:
        for _ in ws.iter_rows(values_only=True):
            pass


def mediaan_ms(functie: Callable[[], object], keer: int) -> float:
    """Processor time of one call, the median of `keer` after one to warm up."""
    functie()
    tijden = []
    for _ in range(keer):
        begin = time.process_time_ns()
        functie()
        tijden.append((time.process_time_ns() - begin) / 1e6)
    return statistics.median(tijden)


class Klok:
    """Processor time of this process (other work on the machine counts less), per stage:
    each stage is timed on its own, from the end of the one before."""

    def __init__(self) -> None:
        self.stappen: dict[str, float] = {}
        self._vorige = time.process_time_ns()

    def stap(self, naam: str) -> None:
        nu = time.process_time_ns()
        self.stappen[naam] = (nu - self._vorige) / 1e6
        self._vorige = time.process_time_ns()  # the bookkeeping above counts for no stage


TOT_JSON = ["bestand lezen", "werkboek openen (controle + openpyxl)", "importeren", "feiten", "engine",
            "bevindingen", "rapportmodel", "json"]
FORMATEN = ["html", "xlsx", "tekst"]  # written too, but not by the batch: outside the total


def een_ronde(pad: Path, engine: Engine) -> dict[str, float]:
    """One werkplan through every stage, then the floor and the service in one call, so
    that all three meet the machine in the same state."""
    klok = Klok()
    invoer = lees_invoer(pad)
    klok.stap("bestand lezen")
    reader = importeer._Reader(invoer.naam)
    with Workbook(invoer, reader.report) as werkboek:
        klok.stap("werkboek openen (controle + openpyxl)")
        werkplan = importeer._read_sheets(werkboek, reader)
    klok.stap("importeren")
    feiten, index = maak_feiten(werkplan, engine.kader)
    klok.stap("feiten")
    uitkomsten = engine.evalueer(feiten)
    klok.stap("engine")
    bevindingen = beoordeel(engine.regelset, uitkomsten, index)
    klok.stap("bevindingen")
    rapport = rapport_van(werkplan, engine, bevindingen, None, invoer.sha256)
    klok.stap("rapportmodel")
    for formaat in ["json", *FORMATEN]:
        formaten.inhoud(rapport, formaat)
        klok.stap(formaat)
    vloer(pad)
    klok.stap("vloer: openpyxl laden en doorlopen")
    formaten.inhoud(toets_bestand(lees_invoer(pad), REGELSET), "json")
    klok.stap("totaal in één aanroep (dienst + json)")
    return klok.stappen


def stappen(pad: Path, keer: int) -> dict[str, tuple[float, float]]:
    """Stage -> (minimum, median) over `keer` rounds, after one to warm up (imports, caches)."""
    engine = engine_voor(REGELSET)
    een_ronde(pad, engine)
    rondes = [een_ronde(pad, engine) for _ in range(keer)]
    for ronde in rondes:
        ronde["totaal (som tot en met json)"] = sum(ronde[s] for s in TOT_JSON)
    uit = {s: (min(r[s] for r in rondes), statistics.median(r[s] for r in rondes)) for s in rondes[0]}
    totaal, vloer_ = uit["totaal (som tot en met json)"], uit["vloer: openpyxl laden en doorlopen"]
    uit["totaal / vloer"] = (totaal[0] / vloer_[0], totaal[1] / vloer_[1])  # of the minima, of the medians
    volgorde = [*TOT_JSON, "totaal (som tot en met json)", "totaal in één aanroep (dienst + json)",
                "vloer: openpyxl laden en doorlopen", "totaal / vloer", *FORMATEN]
    return {s: uit[s] for s in volgorde}


# --- a batch through the command line, with the memory of its processes -------------------

def _rss_kb(pid: int) -> tuple[int, int]:
    """(resident, peak) in kB of a process, from /proc."""
    waarden = {}
    try:
        for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
            sleutel, _, rest = regel.partition(":")
            if sleutel in ("VmRSS", "VmHWM"):
                waarden[sleutel] = int(rest.split()[0])
    except OSError:
        return 0, 0
    return waarden.get("VmRSS", 0), waarden.get("VmHWM", 0)


def _kinderen(pid: int) -> list[int]:
    kinderen = []
    for taak in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kinderen += [int(k) for k in taak.read_text().split()]
        except OSError:
            pass
    return kinderen


def batch(bron: Path, aantal: int, werkers: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        invoer, uitvoer = Path(tmp) / "werkplannen", Path(tmp) / "rapporten"
        invoer.mkdir()
        for i in range(aantal):
            shutil.copy(bron, invoer / f"werkplan-{i:04d}.xlsx")
        voor = resource.getrusage(resource.RUSAGE_CHILDREN)
        begin = time.perf_counter()
        proces = subprocess.Popen([*TOETSING, "toets", str(invoer), "--opdracht", REGELSET, "-o", str(uitvoer),
                                   "--formaat", "json", "--werkers", str(werkers)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=OMGEVING)
        metingen: list[tuple[int, list[tuple[int, int]], tuple[int, int]]] = []

        def meet() -> None:
            while proces.poll() is None:
                klaar = len(os.listdir(uitvoer)) if uitvoer.exists() else 0
                metingen.append((klaar, [_rss_kb(k) for k in _kinderen(proces.pid)], _rss_kb(proces.pid)))
                time.sleep(0.02)

        meter = threading.Thread(target=meet)
        meter.start()
        code = proces.wait()
        seconden = time.perf_counter() - begin
        na = resource.getrusage(resource.RUSAGE_CHILDREN)
        processortijd = (na.ru_utime - voor.ru_utime) + (na.ru_stime - voor.ru_stime)  # the CLI and its workers
        meter.join()
        assert code == 0, f"batch gaf exit {code}"
        assert len(os.listdir(uitvoer)) == aantal + 2  # a report each, and the summary twice

    def werkers_rss(vanaf: int) -> int:
        """Resident memory of the largest worker when `vanaf` reports had been written."""
        meting = next((m for m in metingen if m[0] >= vanaf and m[1]), None) or metingen[-1]
        return max(r for r, _ in meting[1]) if meting[1] else 0

    return {
        "seconden": seconden,
        "werkplannen per seconde": aantal / seconden,
        "processortijd, alle processen samen (s)": processortijd,
        "processortijd per werkplan (ms)": processortijd / aantal * 1000,
        "belasting van de machine na afloop": os.getloadavg()[0],
        "rss werker na 100 (MB)": werkers_rss(100) / 1024,
        f"rss werker na {int(aantal * 0.95)} (MB)": werkers_rss(int(aantal * 0.95)) / 1024,
        "piek werker (MB)": max(p for m in metingen for _, p in m[1]) / 1024,
        "piek hoofdproces (MB)": max(m[2][1] for m in metingen) / 1024,
    }


# --- the engine against the same checks in plain Python ------------------------------------

def _python_regels(feiten: list[Feit]) -> dict[str, Status]:
    """CJG-BEREIKBAARHEID, JGD-TRENDRAPPORTAGE, BLOKA-RANDVOORWAARDEN and DEKKING-B01..B13,
    written directly over the same facts (reikwijdte is volledig in these werkplannen)."""
    def per(soort: str) -> list[Feit]:
        return [f for f in feiten if f["soort"] == soort]

    def ernst(statussen: list[Status]) -> Status:
        return max(statussen, key=lambda s: s.ernst)

    kengetallen, producten, rv, rijen = per("kengetal"), per("product"), per("randvoorwaarde"), per("deelopdracht")
    uit = {}
    delen = []
    for code in ("CJG-TELEFONISCH", "CJG-DIGITAAL"):
        eigen = [k for k in kengetallen if k.get("code") == code and k.get("ingevuld")]
        delen += [Status.ontbreekt] if not eigen else [
            Status.voldaan if k.get("getal", -1) >= 5 else Status.afwijkend for k in eigen]
    uit["CJG-BEREIKBAARHEID"] = ernst(delen)
    trend = [p for p in producten if p.get("code") == "TRENDRAPPORTAGE" and "kwartaalnr" in p]
    uit["JGD-TRENDRAPPORTAGE"] = Status.ontbreekt if not trend else (
        Status.voldaan if {20201, 20203} <= {p["kwartaalnr"] for p in trend} else Status.afwijkend)
    delen = []
    for code in ("RV-OPLEIDING", "RV-WERKWIJZE", "RV-SCHOLING", "RV-NORMEN", "RV-VERVANGING", "RV-VINDBAARHEID"):
        eigen = [r for r in rv if r.get("code") == code]
        delen += [Status.ontbreekt] if not eigen else [Status.voldaan if r.get("akkoord") is True else Status.afwijkend
                                                       for r in eigen]
    uit["BLOKA-RANDVOORWAARDEN"] = ernst(delen)
    for nr in range(1, 14):
        eigen = [r for r in rijen if r.get("nr") == float(nr)]
        uit[f"DEKKING-B{nr:02d}"] = Status.ontbreekt if not eigen else (
            Status.voldaan if all(any(v in r for r in eigen) for v in ("uitwerking", "resultaatmeting"))
            else Status.afwijkend)
    return uit


def engine_tegen_python(pad: Path, keer: int) -> dict[str, float]:
    volledig = engine_voor(REGELSET).regelset
    ids = {"CJG-BEREIKBAARHEID", "JGD-TRENDRAPPORTAGE", "BLOKA-RANDVOORWAARDEN", *(f"DEKKING-B{n:02d}" for n in range(1, 14))}
    engine = Engine(volledig.model_copy(update={"regels": [r for r in volledig.regels if r.id in ids]}))
    feiten, index = maak_feiten(lees_werkplan(pad), engine.kader)
    met_engine = {b.regel: b.status for b in beoordeel(engine.regelset, engine.evalueer(feiten), index)}
    assert met_engine == _python_regels(feiten), "de engine en Python zijn het niet eens"
    engine_ms = mediaan_ms(lambda: engine.evalueer(feiten), keer)
    python_ms = mediaan_ms(lambda: _python_regels(feiten), keer)
    return {"regels": len(ids), "engine (ms)": engine_ms, "python (ms)": python_ms, "engine / python": engine_ms / python_ms}


def help_tijd(keer: int = 7) -> float:
    tijden = []
    for _ in range(keer):
        begin = time.perf_counter()
        subprocess.run([*TOETSING, "--help"], capture_output=True, check=True, env=OMGEVING)
        tijden.append(time.perf_counter() - begin)
    return statistics.median(tijden)


# --- output ------------------------------------------------------------------------------

def tabel(koppen: list[str], rijen: list[list[object]]) -> str:
    def cel(x: object) -> str:
        return f"{x:.1f}" if isinstance(x, float) else str(x)

    regels = ["| " + " | ".join(koppen) + " |", "|" + "---|" * len(koppen)]
    regels += ["| " + " | ".join(cel(x) for x in rij) + " |" for rij in rijen]
    return "\n".join(regels)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--aantal", type=int, default=1000, help="werkplannen in de batch")
    p.add_argument("--werkers", type=int, default=os.cpu_count(), help="werkers in de batch")
    p.add_argument("--keer", type=int, default=40, help="herhalingen per meting")
    p.add_argument("--zonder-batch", action="store_true", help="alleen de tijd per werkplan (snel, om te profileren)")
    args = p.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        paden = {"normaal": Path(tmp) / "normaal.xlsx", "normaal, totalen als formule": Path(tmp) / "formules.xlsx",
                 "10x groter": Path(tmp) / "groot.xlsx"}
        normaal().save(paden["normaal"])
        met_formules(normaal(), paden["normaal, totalen als formule"])
        groot().save(paden["10x groter"])
        engine_voor(REGELSET)
        gc.freeze()  # as each batch worker does once it has compiled the rules
        print(f"# toetsing benchmark ({os.cpu_count()} kernen, Python {sys.version.split()[0]}, "
              f"belasting vooraf {os.getloadavg()[0]:.1f})\n")

        metingen = {naam: stappen(pad, args.keer if naam.startswith("normaal") else max(5, args.keer // 2))
                    for naam, pad in paden.items()}
        print("## Tijd per werkplan (ms processortijd, minimum / mediaan)\n")
        print(tabel(["stap", *(f"{n} ({cellen(p)} cellen)" for n, p in paden.items())],
                    [[stap, *(f"{m[stap][0]:.{2 if '/' in stap else 1}f} / {m[stap][1]:.{2 if '/' in stap else 1}f}"
                              for m in metingen.values())] for stap in metingen["normaal"]]))

        if args.zonder_batch:
            return
        print(f"\n## Batch van {args.aantal} werkplannen (normaal), {args.werkers} werkers, via de opdrachtregel\n")
        print(tabel(["meting", "waarde"], [[k, v] for k, v in batch(paden["normaal"], args.aantal, args.werkers).items()]))

        print("\n## Engine tegen dezelfde controles in gewoon Python (normaal werkplan, ms, mediaan)\n")
        print(tabel(["meting", "waarde"], [[k, v] for k, v in engine_tegen_python(paden["normaal"], args.keer * 10).items()]))

    print(f"\n## Opstarten\n\n`toetsing --help`: {help_tijd():.2f} s")


if __name__ == "__main__":
    main()
