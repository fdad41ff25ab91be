"""The beoordelingsformulier (issue 16): made for a werkplan, filled in with openpyxl as an
officer would in Excel, merged with `--beoordeling`; stale judgements are not applied."""
from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from toetsing.beoordeling import BLAD, GEGEVENS, KOLOMMEN
from toetsing.cli import main
from toetsing.regels.laden import laad_regelset
from toetsing.regels.model import NietToetsbaar

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
EIS = "NT-DIENSTVERLENINGSCONCEPT"
MOTIVERING = "Toegelicht in het gesprek van 22 oktober"


@pytest.fixture
def werkplan(tmp_path) -> Path:
    pad = tmp_path / "werkplan-concept.xlsx"
    shutil.copy(VOORBEELDEN / "werkplan-concept.xlsx", pad)
    return pad


def _formulier(werkplan: Path, *extra: str) -> Path:
    assert main(["beoordeling", str(werkplan), *extra]) == 0
    pad = werkplan.with_name(f"{werkplan.stem}-beoordeling.xlsx")
    assert pad.exists()
    return pad


def _vul_in(formulier: Path, invulling: dict[str, dict[str, object]]) -> dict[str, int]:
    """Fill the officer's columns by rule id, as in Excel; returns each rule's row."""
    wb = openpyxl.load_workbook(formulier)
    ws = wb[BLAD]
    kop = next(r for r in range(1, 40) if ws.cell(r, 1).value == "Regel")
    rijen = {ws.cell(r, 1).value: r for r in range(kop + 1, ws.max_row + 1)}
    for regel, waarden in invulling.items():
        for kolom, waarde in waarden.items():
            ws.cell(rijen[regel], KOLOMMEN.index(kolom) + 1, waarde)
    wb.save(formulier)
    return rijen


def _json(capsys, *args) -> tuple[int, dict]:
    code = main([*map(str, args), "--formaat", "json"])
    return code, json.loads(capsys.readouterr().out)


def _oordeel_cjg(formulier: Path) -> dict[str, int]:
    return _vul_in(formulier, {
        "CJG-BEREIKBAARHEID": {"Oordeel": "voldaan", "Motivering": MOTIVERING, "Beoordelaar": "J. de Vries",
                               "Datum": date(2019, 10, 22)},
        EIS: {"Oordeel": "voldaan", "Beoordelaar": "J. de Vries"},
    })


def test_formulier_heeft_een_rij_per_bevinding_en_per_handmatige_eis(werkplan, capsys):
    _, rapport = _json(capsys, "toets", werkplan)
    wb = openpyxl.load_workbook(_formulier(werkplan))
    ws = wb[BLAD]
    kop = next(r for r in range(1, 40) if ws.cell(r, 1).value == "Regel")
    assert tuple(c.value for c in ws[kop][:len(KOLOMMEN)]) == KOLOMMEN
    regels = [ws.cell(r, 1).value for r in range(kop + 1, ws.max_row + 1)]
    eisen = [n.id for n in laad_regelset("meierijstad-2020").niet_toetsbaar]
    assert regels[-len(eisen):] == eisen and EIS in eisen
    assert sorted(regels[:-len(eisen)]) == sorted(b["regel"] for b in rapport["bevindingen"])
    assert wb[GEGEVENS].sheet_state == "hidden" and wb[GEGEVENS].protection.sheet and ws.protection.sheet
    assert any("voldaan" in dv.formula1 for dv in ws.data_validations.dataValidation)
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    gegevens = {r[0]: r[1] for r in wb[GEGEVENS].iter_rows(values_only=True) if r and r[0]}
    assert gegevens["werkplan_sha256"] == hashlib.sha256(werkplan.read_bytes()).hexdigest()
    assert gegevens["regelset"] == "meierijstad-2020"


def test_oordeel_van_de_medewerker_wordt_de_eindstatus(werkplan, capsys):
    _, zonder = _json(capsys, "toets", werkplan)
    formulier = _formulier(werkplan)
    _oordeel_cjg(formulier)
    code, met = _json(capsys, "toets", werkplan, "--beoordeling", formulier)

    per_regel = {b["regel"]: b for b in met["bevindingen"]}
    cjg = per_regel["CJG-BEREIKBAARHEID"]
    assert cjg["status"] == "afwijkend" and cjg["eindstatus"] == "voldaan"
    assert cjg["beoordeling"] == {"oordeel": "voldaan", "motivering": MOTIVERING, "beoordelaar": "J. de Vries",
                                  "datum": "2019-10-22", "verouderd": False, "reden": ""}
    eis = next(e for e in met["handmatig"] if e["id"] == EIS)
    assert eis["eindstatus"] == "voldaan" and eis["beoordeling"]["beoordelaar"] == "J. de Vries"
    assert {e["eindstatus"] for e in met["handmatig"] if e["id"] != EIS} == {"te beoordelen"}
    # the rest unchanged
    for b in zonder["bevindingen"]:
        if b["regel"] != "CJG-BEREIKBAARHEID":
            assert per_regel[b["regel"]]["beoordeling"] is None
            assert per_regel[b["regel"]]["eindstatus"] == per_regel[b["regel"]]["status"] == b["status"]
    assert met["samenvatting"]["afwijkend"] == zonder["samenvatting"]["afwijkend"] - 1
    assert met["samenvatting"]["voldaan"] == zonder["samenvatting"]["voldaan"] + 1
    assert met["ontvangst"]["beoordeling_bestand"] == formulier.name
    assert met["ontvangst"]["beoordeling_sha256"] == hashlib.sha256(formulier.read_bytes()).hexdigest()
    assert code == 1  # other demands still ontbreken

    assert main(["toets", str(werkplan), "--beoordeling", str(formulier)]) == 1
    tekst = " ".join(capsys.readouterr().out.split())  # as read, whatever the terminal's width
    assert "J. de Vries, 22-10-2019" in tekst and "De medewerker moet nog" in tekst


def test_gewijzigde_cel_maakt_het_oordeel_verouderd(werkplan, capsys):
    formulier = _formulier(werkplan)
    _oordeel_cjg(formulier)
    wb = openpyxl.load_workbook(werkplan)
    ws = wb["Kengetallen"]
    rij = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "CJG-DIGITAAL")
    ws.cell(rij, 3, 3)
    wb.save(werkplan)

    _, rapport = _json(capsys, "toets", werkplan, "--beoordeling", formulier)
    cjg = next(b for b in rapport["bevindingen"] if b["regel"] == "CJG-BEREIKBAARHEID")
    assert cjg["beoordeling"]["verouderd"] is True
    assert cjg["eindstatus"] == cjg["status"] == "afwijkend"
    assert f"Kengetallen!C{rij}" in cjg["beoordeling"]["reden"] and "'3'" in cjg["beoordeling"]["reden"]
    # a judgement resting on no cell of it still holds
    assert next(e for e in rapport["handmatig"] if e["id"] == EIS)["eindstatus"] == "voldaan"


def test_afwijken_zonder_motivering_is_een_melding_en_telt_niet(werkplan, capsys):
    formulier = _formulier(werkplan)
    rijen = _vul_in(formulier, {"CJG-BEREIKBAARHEID": {"Oordeel": "voldaan", "Beoordelaar": "J. de Vries"},
                                "INDIENING-TIJDIG": {"Oordeel": "voldaan", "Motivering": "per mail op 14 oktober"}})
    _, rapport = _json(capsys, "toets", werkplan, "--beoordeling", formulier)
    per_regel = {b["regel"]: b for b in rapport["bevindingen"]}
    for regel in ("CJG-BEREIKBAARHEID", "INDIENING-TIJDIG"):
        assert per_regel[regel]["beoordeling"] is None
        assert per_regel[regel]["eindstatus"] == per_regel[regel]["status"]
    cellen = {(m["bestand"], m["blad"], m["cel"]) for m in rapport["meldingen"]}
    motivering, beoordelaar = KOLOMMEN.index("Motivering") + 1, KOLOMMEN.index("Beoordelaar") + 1
    assert (formulier.name, BLAD, f"{chr(64 + motivering)}{rijen['CJG-BEREIKBAARHEID']}") in cellen
    assert (formulier.name, BLAD, f"{chr(64 + beoordelaar)}{rijen['INDIENING-TIJDIG']}") in cellen


def test_formulier_voor_een_andere_regelset_of_werkplan_wordt_geweigerd(werkplan, tmp_path, capsys):
    formulier = _formulier(werkplan)
    _oordeel_cjg(formulier)
    assert main(["toets", str(werkplan), "--opdracht", "meierijstad-2021", "--beoordeling", str(formulier)]) == 2
    fout = capsys.readouterr().err
    assert "hoort bij de opdracht meierijstad-2020" in fout and "Traceback" not in fout

    ander = tmp_path / "ander.xlsx"
    wb = openpyxl.load_workbook(werkplan)
    wb["Algemeen"]["B3"] = "Stichting Elders"
    wb.save(ander)
    assert main(["toets", str(ander), "--beoordeling", str(formulier)]) == 2
    assert "hoort bij een ander werkplan" in capsys.readouterr().err

    assert main(["toets", str(werkplan), "--beoordeling", str(werkplan)]) == 2
    assert "geen beoordelingsformulier" in capsys.readouterr().err


def test_verouderd_als_de_regel_veranderde(werkplan):
    from toetsing.beoordeling.lezen import lees_beoordelingen
    from toetsing.beoordeling.samenvoegen import voeg_samen
    from toetsing.dienst import lees_invoer, toets_bestand

    formulier = _formulier(werkplan)
    _oordeel_cjg(formulier)
    regelset = laad_regelset("meierijstad-2020")
    regels = [r.model_copy(update={"wat": "anders"}) if r.id == "CJG-BEREIKBAARHEID" else r for r in regelset.regels]
    rapport = voeg_samen(toets_bestand(lees_invoer(werkplan)), lees_beoordelingen(lees_invoer(formulier)),
                         regelset.model_copy(update={"regels": regels}))
    cjg = next(b for b in rapport.bevindingen if b.regel == "CJG-BEREIKBAARHEID")
    assert cjg.beoordeling.verouderd and "regel CJG-BEREIKBAARHEID is veranderd" in cjg.beoordeling.reden
    assert cjg.eindstatus == cjg.status


def test_eis_zonder_id_krijgt_een_vast_id_uit_de_eis():
    a = NietToetsbaar(eis="Een eis die een mens beoordeelt", bron="§1", waarom="oordeel")
    b = NietToetsbaar(eis="Een eis die een mens beoordeelt", bron="§2", waarom="iets anders")
    assert a.id == b.id and a.id.startswith("NT-")
    assert NietToetsbaar(eis="Een andere eis", bron="§1", waarom="oordeel").id != a.id
    assert NietToetsbaar(id="NT-EIGEN", eis="Een eis", bron="§1", waarom="oordeel").id == "NT-EIGEN"


def test_gezamenlijk_met_een_formulier_per_werkplan(tmp_path, capsys):
    """With --gezamenlijk each werkplan may have its form: it goes to the werkplan of its
    organisation, and only that werkplan's report follows it."""
    map_ = tmp_path / "samenwerking"
    shutil.copytree(VOORBEELDEN / "samenwerking", map_)
    werkplannen = sorted(map_.glob("*.xlsx"))
    _, zonder = _json(capsys, "toets", *werkplannen, "--gezamenlijk")
    # the werkplan that has a finding not voldaan (MEE was late): the officer accepts it
    eigen = next(r for r in zonder["werkplannen"] if any(b["status"] in ("afwijkend", "ontbreekt") for b in r["bevindingen"]))
    regel = next(b["regel"] for b in eigen["bevindingen"] if b["status"] in ("afwijkend", "ontbreekt"))
    pad = next(p for p in werkplannen if p.name == eigen["werkplan"])
    formulier = _formulier(pad)
    _vul_in(formulier, {regel: {"Oordeel": "voldaan", "Motivering": MOTIVERING, "Beoordelaar": "J. de Vries"}})
    capsys.readouterr()
    _, met = _json(capsys, "toets", *werkplannen, "--gezamenlijk", "--beoordeling", formulier)
    per_werkplan = {r["werkplan"]: r for r in met["werkplannen"]}
    oordeel = next(b for b in per_werkplan[eigen["werkplan"]]["bevindingen"] if b["regel"] == regel)
    assert oordeel["eindstatus"] == "voldaan" and oordeel["beoordeling"]["beoordelaar"] == "J. de Vries"
    assert per_werkplan[eigen["werkplan"]]["ontvangst"]["beoordeling_bestand"] == formulier.name
    for naam, r in per_werkplan.items():
        if naam != eigen["werkplan"]:
            assert all(b["beoordeling"] is None for b in r["bevindingen"]), naam

    # two forms for one werkplan, or one for a werkplan not in the set: a message, exit 2
    tweede = formulier.with_name("tweede-beoordeling.xlsx")
    shutil.copy(formulier, tweede)
    assert main(["toets", *map(str, werkplannen), "--gezamenlijk", "--beoordeling", str(formulier),
                 "--beoordeling", str(tweede)]) == 2
    assert "twee beoordelingsformulieren" in capsys.readouterr().err
    ander = tmp_path / "werkplan-concept.xlsx"
    shutil.copy(VOORBEELDEN / "werkplan-concept.xlsx", ander)
    vreemd = _formulier(ander)
    capsys.readouterr()
    assert main(["toets", *map(str, werkplannen), "--gezamenlijk", "--beoordeling", str(vreemd)]) == 2
    assert "wordt hier niet getoetst" in capsys.readouterr().err
    # without --gezamenlijk, several werkplannen take no form
    assert main(["toets", *map(str, werkplannen), "--beoordeling", str(formulier)]) == 2
    assert "--gezamenlijk" in capsys.readouterr().err
