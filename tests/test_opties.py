"""Options that hold everywhere: --kort in every format, -o's extension picks the format,
and a command line that speaks Dutch in its help, usage and every argparse error."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from toetsing.cli import _parser, main
from toetsing.dienst import lees_invoer, toets_bestand
from toetsing.rapport import formaten

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
CONCEPT = VOORBEELDEN / "werkplan-concept.xlsx"
CONFORM = VOORBEELDEN / "werkplan-conform.xlsx"

# argparse's own English: none of it may reach the user
ENGELS = re.compile(r"usage|options|positional|arguments?\b|invalid|choose from|required|unrecognized|expected|"
                    r"error|show this|help message|not allowed|ambiguous|version number|REGELSET_OPTIE", re.I)
COMMANDO_S = [c for c in _parser()._subparsers._group_actions[0].choices]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toetsing.cli", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("commando", ["", *COMMANDO_S])
def test_hulp_is_nederlands(commando):
    uit = _cli(*([commando] if commando else []), "--help")
    assert uit.returncode == 0 and uit.stdout.startswith("Gebruik: toetsing")
    tekst = uit.stdout.replace("--help", "")  # the option's own name is not a word of the help
    assert not ENGELS.search(tekst), ENGELS.search(tekst)
    assert "opties:" in tekst


@pytest.mark.parametrize("args", [
    [], ["toetz"], ["toets"], ["toets", str(CONCEPT), "--formaat", "pdf"], ["toets", str(CONCEPT), "--werkers", "x"],
    ["toets", str(CONCEPT), "--werkers", "0"], ["toets", str(CONCEPT), "--onbekend"], ["toets", str(CONCEPT), "-o"],
    ["regels", "--verschil", "a"], ["verantwoording", "x.xlsx"], ["web", "--port", "abc"],
    ["aanvulling", str(CONCEPT), "--formaat", "pdf"], ["regels", "--formaat", "xml"],
])
def test_fouten_van_de_opdrachtregel_zijn_nederlands(args):
    uit = _cli(*args)
    assert uit.returncode == 2 and uit.stdout == ""
    assert uit.stderr.startswith("Gebruik: toetsing") and "Meer uitleg: toetsing" in uit.stderr
    assert not ENGELS.search(uit.stderr.replace("--help", "")), uit.stderr


def test_werkplan_staat_een_keer_in_de_hulp():
    hulp = _cli("toets", "--help").stdout
    assert "WERKPLAN ..." in hulp and hulp.count("WERKPLAN") == 2  # the usage line and its explanation


def test_de_naam_na_o_kiest_het_formaat(tmp_path, capsys):
    for naam, begin in (("r.json", b"{"), ("r.xlsx", b"PK"), ("r.html", b"<!DOCTYPE html>"), ("r.txt", b"Toetsingsrapport")):
        assert main(["toets", str(CONCEPT), "-o", str(tmp_path / naam)]) == 1
        assert (tmp_path / naam).read_bytes().startswith(begin), naam
    capsys.readouterr()
    assert main(["toets", str(CONCEPT), "--formaat", "json", "-o", str(tmp_path / "x.xlsx")]) == 2
    fout = capsys.readouterr().err
    assert "hoort bij het formaat xlsx" in fout and "--formaat json" in fout and ".json" in fout
    assert not (tmp_path / "x.xlsx").exists()


def test_kort_in_elk_formaat():
    """Only what ontbreekt or afwijkt is listed; the counts stay those of all bevindingen."""
    rapport = toets_bestand(lees_invoer(CONCEPT))
    te_doen = {b.regel for b in rapport.bevindingen if b.status.value in ("ontbreekt", "afwijkend")}
    voldaan = {b.regel for b in rapport.bevindingen if b.status.value == "voldaan"}
    assert te_doen and voldaan

    data = json.loads(formaten.inhoud(rapport, "json", kort=True))
    assert data["kort"] is True and {b["regel"] for b in data["bevindingen"]} == te_doen
    assert data["samenvatting"] == rapport.telling()
    assert "kort" not in json.loads(formaten.inhoud(rapport, "json"))

    blad = openpyxl.load_workbook(io.BytesIO(formaten.inhoud(rapport, "xlsx", kort=True)))["Bevindingen"]
    regels = {r[0] for r in blad.iter_rows(min_row=3, values_only=True) if r[0]}
    assert regels == te_doen and "kort rapport" in blad["A1"].value

    html = formaten.inhoud(rapport, "html", kort=True).decode()
    rijen = set(re.findall(r'data-bevinding="([^"]+)"', html))
    assert rijen == te_doen and "kort rapport" in html
    assert set(re.findall(r'data-bevinding="([^"]+)"', formaten.inhoud(rapport, "html").decode())) >= voldaan

    tekst = formaten.inhoud(rapport, "tekst", kort=True).decode()
    assert all(r in tekst for r in te_doen) and not any(f" {r} " in tekst for r in voldaan)
