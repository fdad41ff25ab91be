"""A batch: a folder of werkplannen on parallel workers, one summary, a report per werkplan,
and a broken file that is reported without stopping the rest."""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from toetsing import batch
from toetsing.batch import toets_alle, werkplannen_in
from toetsing.cli import main

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
CONFORM = VOORBEELDEN / "werkplan-conform.xlsx"
CONCEPT = VOORBEELDEN / "werkplan-concept.xlsx"


def _map(tmp_path, *bestanden: tuple[str, Path | str]) -> Path:
    map_ = tmp_path / "werkplannen"
    map_.mkdir()
    for naam, inhoud in bestanden:
        if isinstance(inhoud, Path):
            shutil.copy(inhoud, map_ / naam)
        else:
            (map_ / naam).write_text(inhoud)
    return map_


def _samenvatting(capsys, *args) -> tuple[int, dict]:
    code = main(["toets", *map(str, args), "--formaat", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_een_kapot_bestand_staat_in_de_samenvatting_en_de_rest_gaat_door(tmp_path, capsys):
    map_ = _map(tmp_path, ("a-conform.xlsx", CONFORM), ("b-kapot.xlsx", "dit is geen werkmap"),
                ("c-concept.xlsx", CONCEPT), ("~$a-conform.xlsx", "Excel's lock file"), ("notities.txt", "niet mee"))
    code, samenvatting = _samenvatting(capsys, map_, "--werkers", "2")
    assert code == 2
    regels = {Path(u["werkplan"]).name: u for u in samenvatting["werkplannen"]}
    assert list(regels) == ["a-conform.xlsx", "b-kapot.xlsx", "c-concept.xlsx"]
    assert regels["b-kapot.xlsx"]["exitcode"] == 2
    assert "b-kapot.xlsx: dit is geen Excel-werkmap (.xlsx)" in regels["b-kapot.xlsx"]["fout"]
    assert regels["a-conform.xlsx"]["exitcode"] == 0 and regels["a-conform.xlsx"]["telling"]["voldaan"] >= 50
    assert regels["c-concept.xlsx"]["exitcode"] == 1 and regels["c-concept.xlsx"]["meldingen"] == 1


@pytest.mark.parametrize("bestanden,verwacht", [
    ([CONFORM, CONFORM], 0),
    ([CONFORM, CONCEPT], 1),
    ([CONCEPT, "kapot"], 2),
])
def test_exitcode(tmp_path, capsys, bestanden, verwacht):
    map_ = _map(tmp_path, *((f"w{i}.xlsx", b) for i, b in enumerate(bestanden)))
    code, samenvatting = _samenvatting(capsys, map_)
    assert code == verwacht == samenvatting["exitcode"]


def test_rapporten_in_uitvoermap_niet_overschreven(tmp_path, capsys):
    map_ = _map(tmp_path, ("conform.xlsx", CONFORM), ("concept.xlsx", CONCEPT))
    uit = tmp_path / "rapporten"
    assert main(["toets", str(map_), "-o", str(uit), "--formaat", "json"]) == 1
    assert sorted(p.name for p in uit.iterdir()) == ["concept-rapport.json", "conform-rapport.json", "samenvatting.json", "samenvatting.xlsx"]
    concept = json.loads((uit / "concept-rapport.json").read_text())
    assert concept["werkplan"].endswith("concept.xlsx") and concept["samenvatting"]["ontbreekt"] > 0
    bewaard = json.loads((uit / "samenvatting.json").read_text())
    assert [u["rapport"] for u in bewaard["werkplannen"]] == [str(uit / "concept-rapport.json"), str(uit / "conform-rapport.json")]
    blad = openpyxl.load_workbook(uit / "samenvatting.xlsx")["Samenvatting"]
    # file names only, in the Werkplan and Rapport columns alike: no folder of this machine in a document
    assert [blad.cell(r, 1).value for r in (2, 3)] == ["concept.xlsx", "conform.xlsx"]
    assert [blad.cell(r, blad.max_column).value for r in (2, 3)] == ["concept-rapport.json", "conform-rapport.json"]
    capsys.readouterr()

    assert main(["toets", str(map_), "-o", str(uit)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert main(["toets", str(map_), "-o", str(uit), "--overschrijf"]) == 1


def test_meer_bestanden_met_dezelfde_naam(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(CONFORM, tmp_path / sub / "werkplan.xlsx")
    werkplannen = werkplannen_in([tmp_path / "a" / "werkplan.xlsx", tmp_path / "b"])
    assert main(["toets", *map(str, werkplannen), "-o", str(tmp_path / "uit"), "--formaat", "tekst"]) == 0
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == [
        "samenvatting.json", "samenvatting.xlsx", "werkplan-2-rapport.txt", "werkplan-rapport.txt"]


def test_lege_map(tmp_path, capsys):
    assert main(["toets", str(tmp_path)]) == 2
    assert "in deze map staan geen werkplannen (.xlsx)" in capsys.readouterr().err


def test_werkers_geven_dezelfde_uitslag_als_een_proces(tmp_path):
    werkplannen = [CONFORM, CONCEPT, tmp_path / "weg.xlsx"] * 2
    een, twee = (toets_alle(werkplannen, werkers=n).uitslagen for n in (1, 2))
    assert [u.model_dump() for u in een] == [u.model_dump() for u in twee]
    assert [u.exitcode for u in een] == [0, 1, 2] * 2


def test_voortgangsbalk_breekt_geen_uitvoer_die_geen_terminal_is(tmp_path):
    """Piped, the bar is left out entirely: no carriage returns or escape codes in either stream."""
    map_ = _map(tmp_path, ("a.xlsx", CONFORM), ("b.xlsx", CONCEPT), ("c.xlsx", "kapot"))
    for formaat in ("tekst", "json"):
        klaar = subprocess.run([sys.executable, "-m", "toetsing.cli", "toets", str(map_), "--formaat", formaat],
                               capture_output=True, text=True, timeout=120)
        assert klaar.returncode == 2
        for stroom in (klaar.stdout, klaar.stderr):
            assert "\r" not in stroom and "\x1b" not in stroom
    assert json.loads(klaar.stdout)["werkplannen"][2]["fout"]
    assert klaar.stderr == ""


def test_een_fout_van_het_programma_stopt_alleen_dat_werkplan(tmp_path, monkeypatch):
    echt = batch.lees_en_toets

    def toets(invoer, regelset_id=None, **opties):
        if Path(invoer.naam).name == "stuk.xlsx":
            raise KeyError("onverwacht")
        return echt(invoer, regelset_id, **opties)

    monkeypatch.setattr(batch, "lees_en_toets", toets)
    stuk = shutil.copy(CONFORM, tmp_path / "stuk.xlsx")
    uitslagen = toets_alle([stuk, CONFORM], werkers=1).uitslagen
    assert uitslagen[0].exitcode == 2 and "er ging iets mis in het programma zelf (KeyError" in uitslagen[0].fout
    assert uitslagen[0].reden == "programmafout" and uitslagen[1].exitcode == 0


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the workers must inherit the patch")
def test_een_gestopte_werker_stopt_de_batch_niet(tmp_path, monkeypatch):
    """A worker that dies (out of memory, a crash in the engine): the summary still comes."""
    def toets(invoer, regelset_id=None, **opties):
        os._exit(1)

    monkeypatch.setattr(batch, "lees_en_toets", toets)  # the workers are forked with it
    samenvatting = toets_alle([CONFORM, CONCEPT, CONFORM], werkers=2)
    assert samenvatting.exitcode == 2
    assert all("toetsing stopte onverwacht" in u.fout for u in samenvatting.uitslagen)


VERANTWOORDING = VOORBEELDEN / "verantwoording-2020.xlsx"


def test_een_verantwoording_tussen_de_werkplannen(tmp_path, capsys):
    """Recognised by its own headers and reported as what it is, not as a werkplan that misses everything."""
    map_ = _map(tmp_path, ("conform.xlsx", CONFORM), ("verantwoording.xlsx", VERANTWOORDING),
                ("kapot.xlsx", "geen werkmap"))
    code, samenvatting = _samenvatting(capsys, map_)
    regels = {Path(u["werkplan"]).name: u for u in samenvatting["werkplannen"]}
    verantwoording = regels["verantwoording.xlsx"]
    assert code == 2 and verantwoording["reden"] == "verantwoording" and verantwoording["telling"] == {}
    assert "dit lijkt een verantwoording" in verantwoording["fout"] and "toetsing verantwoording" in verantwoording["fout"]
    assert "Nagekomen" in verantwoording["fout"]
    assert regels["kapot.xlsx"]["reden"] == "onleesbaar" and regels["conform.xlsx"]["reden"] is None


def test_een_werkplan_is_geen_verantwoording():
    from toetsing.lezen.importeer import lees_werkplan

    assert [batch.lijkt_verantwoording(lees_werkplan(p)) for p in (CONFORM, CONCEPT)] == [[], []]
    assert len(batch.lijkt_verantwoording(lees_werkplan(VERANTWOORDING))) >= 3


def test_de_samenvatting_telt_wat_er_gebeurde(tmp_path, capsys):
    from toetsing.rapport.samenvatting import oordeel

    map_ = _map(tmp_path, ("a.xlsx", CONFORM), ("b.xlsx", CONCEPT), ("c.xlsx", CONCEPT), ("d.xlsx", VERANTWOORDING))
    zin = oordeel(toets_alle(werkplannen_in([map_]), werkers=1))
    assert zin.startswith("4 bestanden in ") and " s: " in zin
    assert zin.endswith(": 1 voldoet aan alle eisen, 2 hebben bevindingen en 1 is een verantwoording, geen werkplan.")
    assert "gelezen" not in zin  # nothing was unreadable


def test_een_tweede_ronde_leest_de_eigen_rapporten_niet(tmp_path, capsys):
    """Reports in the werkplannen's own folder: named after their werkplan, and skipped the next time."""
    map_ = _map(tmp_path, ("conform.xlsx", CONFORM), ("concept.xlsx", CONCEPT))
    for keer in range(2):
        assert main(["toets", str(map_), "-o", str(map_), "--formaat", "xlsx", "--overschrijf"]) == 1
        assert [Path(u) for u in werkplannen_in([map_])] == [map_ / "concept.xlsx", map_ / "conform.xlsx"]
    assert sorted(p.name for p in map_.iterdir()) == [
        "concept-rapport.xlsx", "concept.xlsx", "conform-rapport.xlsx", "conform.xlsx", "samenvatting.json",
        "samenvatting.xlsx"]
    assert "2 bestanden in" in capsys.readouterr().out


def test_meer_werkplannen_naar_een_bestand_is_een_fout(tmp_path, capsys):
    for naam in ("x.xlsx", "x.json", "x.html"):
        assert main(["toets", str(CONFORM), str(CONCEPT), "-o", str(tmp_path / naam)]) == 2
        fout = capsys.readouterr().err
        assert "bij meer werkplannen is -o een map" in fout and "--gezamenlijk" in fout
        assert not (tmp_path / naam).exists()
