"""The package as a user installs it: a wheel, in a fresh venv outside the checkout, has the
shipped rule sets and toetst like the checkout. Slow (durable-rules compiles with gcc), so
only in CI (.ci/run sets CI)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toetsing.cli import main
from toetsing.regels.laden import beschikbare_regelsets

CHECKOUT = Path(__file__).resolve().parents[1]
CONCEPT = CHECKOUT / "voorbeelden" / "werkplan-concept.xlsx"

pytestmark = pytest.mark.skipif(not os.environ.get("CI"), reason=(
    "bouwt een wheel en installeert het met zijn afhankelijkheden in een nieuwe venv (minuten); alleen in CI"))


def _zonder_tijd(uitvoer: str) -> dict:
    return json.loads(re.sub(r'"getoetst_op": "[^"]+"', '"getoetst_op": ""', uitvoer))


def test_wheel_buiten_de_checkout(tmp_path, capsys):
    # build from a copy of the tracked files, as from a clean clone, so the checkout gets no build/ folder
    bron = tmp_path / "bron"
    bestanden = subprocess.run(["git", "ls-files", "-z"], cwd=CHECKOUT, capture_output=True, check=True).stdout
    for naam in filter(None, bestanden.decode().split("\0")):
        if (CHECKOUT / naam).is_file():
            (bron / naam).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(CHECKOUT / naam, bron / naam)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(tmp_path / "wheel"), str(bron)], check=True, cwd=tmp_path)
    wheel = next((tmp_path / "wheel").glob("toetsing-*.whl"))
    subprocess.run([*pip, "install", str(wheel)], check=True, cwd=tmp_path)
    toetsing = str(venv / "bin" / "toetsing")
    omgeving = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TOETSING_REGELS")}

    opdrachten = subprocess.run([toetsing, "opdrachten"], cwd=tmp_path, env=omgeving, capture_output=True, text=True)
    assert opdrachten.returncode == 0, opdrachten.stderr
    assert [r.split()[0] for r in opdrachten.stdout.splitlines()] == beschikbare_regelsets()

    geinstalleerd = subprocess.run([toetsing, "toets", str(CONCEPT), "--formaat", "json"], cwd=tmp_path, env=omgeving,
                                   capture_output=True, text=True)
    assert geinstalleerd.returncode == 1, geinstalleerd.stderr
    assert main(["toets", str(CONCEPT), "--formaat", "json"]) == 1
    assert _zonder_tijd(geinstalleerd.stdout) == _zonder_tijd(capsys.readouterr().out)
