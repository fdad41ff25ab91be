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
        assert status[regel] == _status(beschrijving), regel


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


def _status(beschrijving: str) -> str:
    """'digitaal 4 dagen per week (afwijkend)' -> 'afwijkend', as FOUTEN declare them."""
    return beschrijving.rsplit("(", 1)[-1].split(",")[0].rstrip(")")


SAMENWERKING = sorted(maak_voorbeelden.SAMENWERKING.glob("*.xlsx"))


def test_samenwerking_is_een_werkplan_per_organisatie():
    assert [p.name for p in SAMENWERKING] == sorted(b for b, _, _ in maak_voorbeelden.ORGANISATIES.values())


def test_samenwerking_gezamenlijk_geeft_precies_de_bedoelde_problemen(capsys):
    code = main(["toets", *map(str, SAMENWERKING), "--gezamenlijk", "--formaat", "json"])
    rapport = json.loads(capsys.readouterr().out)
    assert code == 1
    status = {b["regel"]: b["status"] for b in rapport["bevindingen"]}
    assert status["GEZAMENLIJK-DEKKING"] == "voldaan"
    open_ = {r: s for r, s in status.items() if s != "voldaan"}
    assert open_ == {r: _status(b) for r, b in maak_voorbeelden.FOUTEN_SAMENWERKING.items()}
    # together they cover every deelopdracht, each organisation its own share
    assert all(any(d["rijen"] for d in rij["dekking"]) for rij in rapport["matrix"])
    assert all(any(rij["dekking"][i]["rijen"] for rij in rapport["matrix"]) for i in range(len(SAMENWERKING)))
    assert sorted(w["organisatie"] for w in rapport["werkplannen"]) == sorted(maak_voorbeelden.ORGANISATIES)


@pytest.mark.parametrize("organisatie", list(maak_voorbeelden.ORGANISATIES))
def test_samenwerking_eigen_rapport(capsys, organisatie):
    """Each organisation's own report: voldaan for its own reikwijdte, but for the faults declared."""
    bestand = maak_voorbeelden.ORGANISATIES[organisatie][0]
    code, rapport = _rapport(capsys, maak_voorbeelden.SAMENWERKING / bestand)
    fouten = maak_voorbeelden.FOUTEN_ORGANISATIES[organisatie]
    assert rapport["organisatie"] == organisatie and not rapport["meldingen"]
    assert code == (1 if fouten else 0)
    assert {b["regel"]: b["status"] for b in rapport["bevindingen"] if b["status"] not in ("voldaan", "niet van toepassing")} == {
        r: _status(b) for r, b in fouten.items()}
    # the reikwijdte is its own: the rules of the other deelopdrachten do not apply
    assert any(b["status"] == "niet van toepassing" for b in rapport["bevindingen"] if b["blok"] == "B")


def test_readme_gezamenlijk_doet_wat_er_staat(capsys):
    """README, 'Meer werkplannen tegelijk': the command on the example set and what it shows."""
    readme = (VOORBEELDEN.parent / "README.md").read_text(encoding="utf-8")
    assert "toetsing toets voorbeelden/samenwerking/*.xlsx --gezamenlijk" in readme
    assert main(["toets", *map(str, SAMENWERKING), "--gezamenlijk"]) == 1  # "geeft 1 terug"
    uit = " ".join(capsys.readouterr().out.split())
    assert uit.startswith("Wie doet welke deelopdracht")
    assert "is 4 in het werkplan van Lumens en 5 in dat van Farent" in uit
    assert "Indieningsdatum 16-10-2019 is niet vóór 15-10-2019" in uit  # MEE, the only own fault
    for organisatie, (bestand, _, _) in maak_voorbeelden.ORGANISATIES.items():
        assert f"Het werkplan van {organisatie}" in uit and f"{bestand} (sha256 " in uit
