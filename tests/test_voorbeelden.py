"""The example werkplannen in voorbeelden/: each conform one meets every rule of its rule
set, each draft shows exactly the faults it was built with."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from toetsing.cli import main

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
sys.path.insert(0, str(VOORBEELDEN))
import maak_voorbeelden  # noqa: E402


def _rapport(capsys, pad: Path) -> tuple[int, dict]:
    code = main(["toets", str(pad), "--formaat", "json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("naam,opdracht", [("werkplan-conform.xlsx", "meierijstad-2020"),
                                           ("werkplan-2021.xlsx", "meierijstad-2021"),
                                           ("aanvraag-vijfheerenlanden.xlsx", "vijfheerenlanden-2021")])
def test_conform_voorbeeld(capsys, naam, opdracht):
    code, rapport = _rapport(capsys, VOORBEELDEN / naam)
    assert rapport["opdracht"] == opdracht  # chosen from the werkplan's own Opdracht field
    assert code == 0 and not rapport["meldingen"]
    assert {b["status"] for b in rapport["bevindingen"]} == {"voldaan"}


@pytest.mark.parametrize("naam,fouten", [("werkplan-concept.xlsx", maak_voorbeelden.FOUTEN),
                                         ("aanvraag-vijfheerenlanden-concept.xlsx", maak_voorbeelden.FOUTEN_VIJFHEERENLANDEN)])
def test_concept_voorbeeld(capsys, naam, fouten):
    code, rapport = _rapport(capsys, VOORBEELDEN / naam)
    assert code == 1
    status = {b["regel"]: b["status"] for b in rapport["bevindingen"]}
    for regel, beschrijving in fouten.items():
        assert status[regel] == beschrijving.split("(")[-1].split(",")[0].rstrip(")"), regel


def test_verantwoording_zoals_afgesproken(capsys):
    code = main(["verantwoording", str(VOORBEELDEN / "verantwoording-2020.xlsx"),
                 "--werkplan", str(VOORBEELDEN / "werkplan-conform.xlsx"), "--formaat", "json"])
    rapport = json.loads(capsys.readouterr().out)
    assert code == 0 and rapport["stuk"] == "verantwoording"
    assert rapport["toezegging"].endswith("werkplan-conform.xlsx")
    regels = {b["regel"] for b in rapport["bevindingen"]}
    assert "VA-FTE-GELEVERD" in regels and "BLOKA-RANDVOORWAARDEN" in regels
    assert not any(r.startswith("DEKKING-") for r in regels)  # werkplan-only rules do not judge a verantwoording


def test_verantwoording_met_tekorten(capsys):
    code = main(["verantwoording", str(VOORBEELDEN / "verantwoording-2020-tekorten.xlsx"),
                 "--werkplan", str(VOORBEELDEN / "werkplan-conform.xlsx"), "--formaat", "json"])
    rapport = json.loads(capsys.readouterr().out)
    assert code == 1
    status = {b["regel"]: b["status"] for b in rapport["bevindingen"]}
    assert {r for r, s in status.items() if s != "voldaan"} == set(maak_voorbeelden.FOUTEN_VERANTWOORDING)
    fte = next(b for b in rapport["bevindingen"] if b["regel"] == "VA-FTE-GELEVERD")
    assert "Geleverd: 10,7 fte; toegezegd in het werkplan: 13,1 fte" in fte["toelichting"]


def test_ontvangst_van_verantwoording_noemt_ook_het_werkplan(capsys):
    import hashlib

    main(["verantwoording", str(VOORBEELDEN / "verantwoording-2020.xlsx"), "--werkplan", str(VOORBEELDEN / "werkplan-conform.xlsx"),
          "--formaat", "json"])
    ontvangst = json.loads(capsys.readouterr().out)["ontvangst"]
    assert ontvangst["toezegging_bestand"] == "werkplan-conform.xlsx"
    assert ontvangst["toezegging_sha256"] == hashlib.sha256((VOORBEELDEN / "werkplan-conform.xlsx").read_bytes()).hexdigest()
