"""A werkplan re-saved by LibreOffice Calc is read exactly like the original."""
from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.lezen_helpers import compleet_werkplan, maak_werkboek
from toetsing.fouten import WerkplanFout
from toetsing.lezen import lees_werkplan

pytestmark = pytest.mark.libreoffice


def _soffice() -> str:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is niet geïnstalleerd; in CI installeert .ci/run het")
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")
    return soffice


def _bewaar_met_libreoffice(pad: Path, map_: Path, formaat: str = "xlsx") -> Path:
    map_.mkdir()
    profiel = map_ / "profiel"  # a fresh profile: no dialogs, no interference with a running instance
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation={profiel.as_uri()}",
            "--headless",
            "--convert-to",
            formaat,
            "--outdir",
            str(map_),
            str(pad),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return map_ / f"{pad.stem}.{formaat}"


def _werkplan_met_alles(tmp_path: Path) -> Path:
    bladen = compleet_werkplan()
    bladen["Kengetallen"].append(["BEREIK", "bereik", 0.6, "%", None])
    bladen["Producten"].append(["RAPPORTAGE-VRIJWILLIGERS", "rapportage", 12, "2e kwartaal", None])
    bladen["Randvoorwaarden"].append(["RV-EXTRA", "extra", True, None])
    bladen["Uren"].append(["Overhead", "=10*10", None, None])
    pad = maak_werkboek(tmp_path, bladen)
    wb = load_workbook(pad)
    wb["Kengetallen"]["C5"].number_format = "0%"
    wb["Blok A"].merge_cells("E3:E4")  # Instelling of both positions
    wb["Blok A"].row_dimensions[4].hidden = True
    wb["Deelopdrachten"].column_dimensions["C"].hidden = True
    wb.save(pad)
    return pad


def test_opnieuw_bewaard_door_libreoffice_wordt_hetzelfde_gelezen(tmp_path):
    origineel_pad = _werkplan_met_alles(tmp_path)
    kopie_pad = _bewaar_met_libreoffice(origineel_pad, tmp_path / "libreoffice")
    with zipfile.ZipFile(kopie_pad) as archief:
        assert b"LibreOffice" in archief.read("docProps/app.xml")
    origineel, kopie = lees_werkplan(origineel_pad), lees_werkplan(kopie_pad)

    # the formula =10*10 has no calculated value until a spreadsheet program saves it
    assert [(m.blad, m.cel) for m in origineel.meldingen] == [("Uren", "B5")]
    assert origineel.uren[-1].uren is None
    assert kopie.meldingen == []
    assert kopie.uren[-1].uren.waarde == 100

    # apart from that formula, everything reads the same, down to cell and header
    for werkplan in (origineel, kopie):
        werkplan.uren[-1].uren = None
    assert kopie.model_dump(exclude={"bestand", "meldingen"}) == origineel.model_dump(exclude={"bestand", "meldingen"})
    assert kopie.blok_a[1].instelling.plek.cel == "E3"
    assert kopie.kengetallen[-1].waarde.waarde == 60
    assert kopie.randvoorwaarden[-1].akkoord.waarde is True


@pytest.mark.parametrize(
    ("formaat", "tekst"),
    [
        ("xls", "dit is een oud Excel-bestand (.xls); open het in Excel of LibreOffice en bewaar het als .xlsx"),
        ("ods", "dit is een OpenDocument-bestand (.ods); bewaar het in LibreOffice als Excel-werkmap (.xlsx)"),
        ("csv", "dit is geen Excel-werkmap (.xlsx); open het in Excel of LibreOffice en bewaar het als .xlsx"),
    ],
)
def test_echte_andere_formaten_worden_geweigerd(tmp_path, formaat, tekst):
    pad = _bewaar_met_libreoffice(maak_werkboek(tmp_path, compleet_werkplan()), tmp_path / formaat, formaat)
    with pytest.raises(WerkplanFout) as info:
        lees_werkplan(pad)
    assert str(info.value) == f"{pad}: {tekst}"
