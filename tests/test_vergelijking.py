"""The hertoetsing (`toetsing toets NIEUW --vorige OUD`): what was solved, is still open or is
new since the previous toetsing, and which quoted cells changed; OUD a JSON report or the
earlier werkplan. Every expectation comes from the examples' own reports and cells."""
from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from toetsing.cli import main
from toetsing.dienst import lees_invoer, toets_bestand
from toetsing.rapport.als_json import als_json
from toetsing.status import Status
from toetsing.vergelijking import vergelijk

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
CONCEPT = VOORBEELDEN / "werkplan-concept.xlsx"
CONFORM = VOORBEELDEN / "werkplan-conform.xlsx"
WERKPLAN_2021 = VOORBEELDEN / "werkplan-2021.xlsx"
OPEN = {Status.ontbreekt.value, Status.afwijkend.value}


def _toets(capsys, *args) -> tuple[int, str]:
    code = main(["toets", *map(str, args)])
    return code, capsys.readouterr().out


def _rapport_json(capsys, tmp_path: Path, werkplan: Path) -> tuple[Path, dict]:
    code, uit = _toets(capsys, werkplan, "--formaat", "json")
    assert code in (0, 1)
    pad = tmp_path / f"{werkplan.stem}.json"
    pad.write_text(uit, encoding="utf-8")
    return pad, json.loads(uit)


def _open(rapport: dict) -> list[str]:
    return [b["regel"] for b in rapport["bevindingen"] if b["status"] in OPEN]


def _vergelijking(capsys, nieuw: Path, oud: Path) -> dict:
    code, uit = _toets(capsys, nieuw, "--vorige", oud, "--formaat", "json")
    rapport = json.loads(uit)
    assert code == int(bool(_open(rapport)))
    return rapport["vergelijking"]


@pytest.fixture(scope="module")
def concept_fouten() -> list[str]:
    return [b.regel for b in toets_bestand(lees_invoer(CONCEPT)).bevindingen if b.status.value in OPEN]


@pytest.mark.parametrize("als", ["json", "werkplan"])
def test_conform_lost_elke_fout_van_het_concept_op(capsys, tmp_path, als, concept_fouten):
    oud = _rapport_json(capsys, tmp_path, CONCEPT)[0] if als == "json" else CONCEPT
    v = _vergelijking(capsys, CONFORM, oud)
    assert concept_fouten and v["opgelost"] == concept_fouten
    assert v["nog_open"] == [] and v["nieuw"] == []
    assert v["vorige"] == CONCEPT.name  # the file name: no folder of the machine it was judged on


@pytest.mark.parametrize("als", ["json", "werkplan"])
def test_omgekeerd_is_elke_fout_nieuw(capsys, tmp_path, als, concept_fouten):
    oud = _rapport_json(capsys, tmp_path, CONFORM)[0] if als == "json" else CONFORM
    v = _vergelijking(capsys, CONCEPT, oud)
    assert v["nieuw"] == concept_fouten
    assert v["opgelost"] == [] and v["nog_open"] == []


def test_zelfde_werkplan_houdt_alles_open_en_geen_cel_verandert(capsys, concept_fouten):
    v = _vergelijking(capsys, CONCEPT, CONCEPT)
    assert v["nog_open"] == concept_fouten and v["opgelost"] == [] and v["nieuw"] == []
    assert v["cellen"] == []


def test_veranderde_cellen_zijn_die_van_de_werkplannen(capsys, tmp_path):
    v = _vergelijking(capsys, CONFORM, _rapport_json(capsys, tmp_path, CONCEPT)[0])
    cellen = {c["cel"]: c for c in v["cellen"]}
    assert cellen
    oud, nieuw = (openpyxl.load_workbook(p, data_only=True) for p in (CONCEPT, CONFORM))
    for naam in ("Kengetallen!C4", "Randvoorwaarden!C7"):
        blad, _, cel = naam.partition("!")
        was, nu = oud[blad][cel].value, nieuw[blad][cel].value
        assert was != nu
        assert cellen[naam]["was"] == str(was) and cellen[naam]["nu"] == str(nu)
        assert cellen[naam]["regels"]
    for c in v["cellen"]:
        assert c["was"] != c["nu"]


def test_vergelijk_volgt_elke_status():
    """One rule set to ontbreekt in the new report, one voldaan: nieuw and opgelost, the rest as before."""
    vorig = toets_bestand(lees_invoer(CONCEPT))
    open_ = next(b for b in vorig.bevindingen if b.status.value in OPEN)
    dicht = next(b for b in vorig.bevindingen if b.status == Status.voldaan)
    nieuw = vorig.model_copy(update={"bevindingen": [
        b.model_copy(update={"status": {open_.regel: Status.voldaan, dicht.regel: Status.ontbreekt}.get(b.regel, b.status)})
        for b in vorig.bevindingen]})
    v = vergelijk(vorig, nieuw)
    assert v.opgelost == [open_.regel] and v.nieuw == [dicht.regel]
    assert open_.regel not in v.nog_open and len(v.nog_open) == len([b for b in vorig.bevindingen
                                                                     if b.status.value in OPEN]) - 1


def test_tekst_begint_met_de_vergelijking(capsys, tmp_path, concept_fouten):
    code, uit = _toets(capsys, CONFORM, "--vorige", _rapport_json(capsys, tmp_path, CONCEPT)[0])
    assert code == 0
    assert uit.index("Sinds de vorige toetsing") < uit.index("Samenvatting")
    deel = uit[uit.index("Opgelost"):uit.index("Nog open")]
    assert all(regel in deel for regel in concept_fouten)


def test_html_en_excel_tonen_de_vergelijking(capsys, tmp_path, concept_fouten):
    oud = _rapport_json(capsys, tmp_path, CONCEPT)[0]
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    for doel in (html, xlsx):
        main(["toets", str(CONFORM), "--vorige", str(oud), "--formaat", doel.suffix[1:], "-o", str(doel)])
    tekst = html.read_text(encoding="utf-8")
    assert tekst.index("Sinds de vorige toetsing") < tekst.index('id="samenvatting"')
    opgelost = tekst[tekst.index('data-vergelijking="1"'):]
    assert [r for r in concept_fouten if f'data-regel="{r}"' in opgelost[:opgelost.index("</ul>")]] == concept_fouten
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()))
    assert wb.sheetnames[0] == "Sinds de vorige toetsing"
    kolom_a = [c.value for c in wb.worksheets[0]["A"]]
    assert all(r in kolom_a for r in concept_fouten) and "Kengetallen!C4" in kolom_a


def test_zonder_vorige_is_er_geen_vergelijking(capsys):
    code, uit = _toets(capsys, CONFORM, "--formaat", "json")
    assert json.loads(uit)["vergelijking"] is None
    assert "Sinds de vorige toetsing" not in _toets(capsys, CONFORM)[1]


def _fout(capsys, *args) -> str:
    assert main(["toets", *map(str, args)]) == 2
    uit = capsys.readouterr()
    assert "Traceback" not in uit.err
    return uit.err


def test_rapport_van_een_andere_regelset(capsys, tmp_path):
    oud, rapport = _rapport_json(capsys, tmp_path, CONCEPT)
    tekst = _fout(capsys, WERKPLAN_2021, "--vorige", oud)
    assert str(oud) in tekst and rapport["opdracht"] in tekst and "dezelfde regelset" in tekst


@pytest.mark.parametrize("inhoud", ['{"a": 1}', "{kapot", "[]", '{"gezamenlijk": {}, "werkplannen": []}'])
def test_geen_toetsingsrapport(capsys, tmp_path, inhoud):
    oud = tmp_path / "oud.json"
    oud.write_text(inhoud, encoding="utf-8")
    tekst = _fout(capsys, CONFORM, "--vorige", oud)
    assert str(oud) in tekst and "geen toetsingsrapport" in tekst


def test_rapport_van_een_verantwoording(capsys, tmp_path):
    rapport = json.loads(als_json(toets_bestand(lees_invoer(CONCEPT))))
    oud = tmp_path / "verantwoording.json"
    oud.write_text(json.dumps(rapport | {"stuk": "verantwoording"}), encoding="utf-8")
    tekst = _fout(capsys, CONFORM, "--vorige", oud)
    assert str(oud) in tekst and "verantwoording" in tekst


def test_geen_werkplan(capsys, tmp_path):
    oud = tmp_path / "oud.xlsx"
    oud.write_bytes(b"PK\x03\x04 geen werkmap")
    assert str(oud) in _fout(capsys, CONFORM, "--vorige", oud)


def test_vorige_hoort_bij_een_werkplan(capsys, tmp_path):
    assert "één werkplan" in _fout(capsys, CONFORM, CONCEPT, "--vorige", CONCEPT)


def test_een_rij_ertussen_is_geen_verandering_van_de_cellen_eronder(capsys, tmp_path):
    """A row inserted at the top of Kengetallen moves every row below it: a cell is followed by
    its row's code, so only the value that really changed is a change (at its new address)."""
    wb = openpyxl.load_workbook(CONCEPT)
    ws = wb["Kengetallen"]
    ws.insert_rows(3)
    for kolom, waarde in zip("ABCD", ("EIGEN-EXTRA", "een extra kengetal", 7, "aantal")):
        ws[f"{kolom}3"] = waarde
    rij = next(r for r in range(3, ws.max_row + 1) if ws[f"A{r}"].value == "CJG-DIGITAAL")
    was = ws[f"C{rij}"].value
    ws[f"C{rij}"] = 5
    nieuw = tmp_path / "werkplan-concept-2.xlsx"
    wb.save(nieuw)
    assert rij > 3 and was != 5

    v = _vergelijking(capsys, nieuw, _rapport_json(capsys, tmp_path, CONCEPT)[0])
    assert [(c["cel"], c["was"], c["nu"]) for c in v["cellen"]] == [(f"Kengetallen!C{rij}", str(was), "5")]
