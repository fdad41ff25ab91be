"""A gemeente's own rule folder (--regels MAP, TOETSING_REGELS) beside the shipped rule sets,
and `toetsing regels controleer`, the rule author's check."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.test_bronnen import BRONNEN
from toetsing.cli import main
from toetsing.fouten import RegelFout
from toetsing.regels.gevallen import bouw_werkplan
from toetsing.regels.laden import EIGEN_REGELS, beschikbare_regelsets, laad_regelset, standaard_map
from toetsing.web import app as web

VIER_DAGEN = {"Kengetallen": [{"Code": "CJG-TELEFONISCH", "Waarde": 4}, {"Code": "CJG-DIGITAAL", "Waarde": 4}]}


@pytest.fixture(autouse=True)
def _geen_eigen_regels(monkeypatch):
    # --regels sets TOETSING_REGELS for one run; empty here, so every test starts without an own folder
    monkeypatch.setenv(EIGEN_REGELS, "")


@pytest.fixture
def eigen(tmp_path) -> Path:
    """A copy of meierijstad-2020 as eigen-2020, with CJG-BEREIKBAARHEID at minimaal 4 days."""
    map_ = tmp_path / "eigen-regels"
    shutil.copytree(standaard_map() / "meierijstad-2020", map_ / "eigen-2020")
    kop = map_ / "eigen-2020" / "regelset.yaml"
    kop.write_text(kop.read_text(encoding="utf-8").replace("id: meierijstad-2020", "id: eigen-2020"), encoding="utf-8")
    _vervang(map_ / "eigen-2020" / "b01-cjg.yaml", "CJG-BEREIKBAARHEID", "minimaal: 5", "minimaal: 4")
    return map_


def _vervang(bestand: Path, regel_id: str, oud: str, nieuw: str) -> None:
    """Replace the first `oud` after the rule `regel_id` in a rule file."""
    tekst = bestand.read_text(encoding="utf-8")
    begin = tekst.index(f"id: {regel_id}\n")
    plek = tekst.index(oud, begin)
    bestand.write_text(tekst[:plek] + nieuw + tekst[plek + len(oud):], encoding="utf-8")


def _status(capsys, werkplan: Path, *opties: str) -> str:
    assert main(["toets", str(werkplan), "--formaat", "json", *opties]) == 1
    rapport = json.loads(capsys.readouterr().out)
    return next(b["status"] for b in rapport["bevindingen"] if b["regel"] == "CJG-BEREIKBAARHEID")


def test_eigen_regelset_beslist_met_haar_eigen_waarde(eigen, tmp_path, capsys, monkeypatch):
    werkplan = bouw_werkplan(VIER_DAGEN, tmp_path / "werkplan.xlsx")
    assert _status(capsys, werkplan, "--opdracht", "eigen-2020", "--regels", str(eigen)) == "voldaan"
    assert _status(capsys, werkplan, "--opdracht", "meierijstad-2020", "--regels", str(eigen)) == "afwijkend"
    monkeypatch.setenv(EIGEN_REGELS, str(eigen))  # the environment variable does the same
    assert _status(capsys, werkplan, "--opdracht", "eigen-2020") == "voldaan"


def test_opdrachten_noemt_eigen_en_meegeleverde(eigen, capsys):
    assert main(["opdrachten", "--regels", str(eigen)]) == 0
    namen = [regel.split()[0] for regel in capsys.readouterr().out.splitlines()]
    assert namen == ["eigen-2020", "meierijstad-2020", "meierijstad-2021", "vijfheerenlanden-2021"]
    assert main(["opdrachten"]) == 0  # --regels counted for that one run only
    assert "eigen-2020" not in capsys.readouterr().out


def test_eigen_opvolger_van_een_meegeleverde(tmp_path):
    map_ = tmp_path / "regels"
    (map_ / "meierijstad-2022").mkdir(parents=True)
    (map_ / "meierijstad-2022" / "regelset.yaml").write_text(
        "id: meierijstad-2022\nopvolger_van: meierijstad-2021\ntitel: Opdracht 2022\ngemeente: Meierijstad\n"
        "subsidiejaar: 2022\ndocumenten: {}\n", encoding="utf-8")
    (map_ / "meierijstad-2022" / "wijzigingen.yaml").write_text(
        "regels:\n  - wijzig: SUBSIDIEJAAR\n    controles: [{soort: veld-gelijk, veld: subsidiejaar, waarde: 2022}]\n",
        encoding="utf-8")
    regelset = laad_regelset("meierijstad-2022", map_)
    assert regelset.herkomst["SUBSIDIEJAAR"] == "gewijzigd ten opzichte van meierijstad-2021"
    assert len(regelset.regels) == len(laad_regelset("meierijstad-2021").regels)
    assert "meierijstad-2022" not in beschikbare_regelsets()


@pytest.mark.parametrize("commando", [["sjabloon", "--opdracht", "eigen-2020", "-o", "{uit}/sjabloon.xlsx"],
                                      ["regels", "eigen-2020", "--regel", "CJG-BEREIKBAARHEID"]])
def test_sjabloon_en_regels_uit_de_eigen_map(eigen, tmp_path, capsys, commando):
    assert main([a.format(uit=tmp_path) for a in commando]) == 2  # without the folder: unknown
    assert "Regelset 'eigen-2020' bestaat niet" in capsys.readouterr().err
    assert main([*(a.format(uit=tmp_path) for a in commando), "--regels", str(eigen)]) == 0
    assert (tmp_path / "sjabloon.xlsx").is_file() or "minimaal = 4" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("soort", ["weg", "bestand"])
def test_ontbrekende_regelmap_is_een_nederlandse_melding(tmp_path, capsys, soort):
    map_ = tmp_path / "mijn-regels"
    if soort == "bestand":
        map_.write_text("geen map")
    assert main(["opdrachten", "--regels", str(map_)]) == 2
    fout = capsys.readouterr().err
    assert str(map_) in fout and ("bestaat niet" in fout or "geen map" in fout) and "Traceback" not in fout


def test_webpagina_gebruikt_dezelfde_map(eigen, monkeypatch):
    monkeypatch.setenv(EIGEN_REGELS, str(eigen))
    client = TestClient(web.maak_app(), raise_server_exceptions=False)
    assert 'value="eigen-2020"' in client.get("/").text
    pagina = client.get("/regels", params={"opdracht": "eigen-2020"}).text
    assert "CJG-BEREIKBAARHEID" in pagina and "minimaal 5" in pagina  # the copy kept the title


def test_alias_bom_wordt_geweigerd(tmp_path):
    map_ = tmp_path / "regels"
    shutil.copytree(standaard_map() / "vijfheerenlanden-2021", map_ / "bom-2021")
    kop = map_ / "bom-2021" / "regelset.yaml"
    kop.write_text(kop.read_text(encoding="utf-8").replace("id: vijfheerenlanden-2021", "id: bom-2021"), encoding="utf-8")
    lagen = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    (map_ / "bom-2021" / "bom.yaml").write_text("\n".join(lagen) + "\nregels: [*a8]\n", encoding="utf-8")
    with pytest.raises(RegelFout, match="bom.yaml: het bestand verwijst zo vaak naar zijn eigen stukken"):
        laad_regelset("bom-2021", map_)


def test_interpretatie_staat_naast_het_citaat(capsys):
    voorbeeld = Path(__file__).resolve().parents[1] / "voorbeelden" / "werkplan-concept.xlsx"
    main(["toets", str(voorbeeld), "--formaat", "json"])
    bevindingen = {b["regel"]: b for b in json.loads(capsys.readouterr().out)["bevindingen"]}
    verwacht = laad_regelset("meierijstad-2020").regel("BLOKA-RANDVOORWAARDEN").interpretatie
    assert verwacht and bevindingen["BLOKA-RANDVOORWAARDEN"]["interpretatie"] == verwacht
    assert bevindingen["INDIENING-TIJDIG"]["interpretatie"] == ""


# --- toetsing regels controleer ------------------------------------------------------------

def _controleer(capsys, *args: str) -> tuple[int, list[dict]]:
    code = main(["regels", "controleer", *args, "--formaat", "json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.skipif(not BRONNEN.is_dir(), reason="../shared/bronnen ontbreekt naast deze checkout")
def test_controleer_vindt_citaat_getal_en_geval(eigen, capsys):
    _vervang(eigen / "eigen-2020" / "b01-cjg.yaml", "CJG-BEREIKBAARHEID", 'citaat: "Zorg voor een',
             'citaat: "Zorg altijd voor een')
    code, opmerkingen = _controleer(capsys, str(eigen), "--bronnen", str(BRONNEN))
    assert code == 1
    over = {(o["bestand"], o["regel_id"]) for o in opmerkingen}
    assert over == {("eigen-2020/b01-cjg.yaml", "CJG-BEREIKBAARHEID")}
    teksten = " | ".join(o["tekst"] for o in opmerkingen)
    assert "het citaat staat niet letterlijk in 002_7114fbc4d978bdf5.txt" in teksten
    assert "de titel noemt 'minimaal 5', maar de controle zegt minimaal: 4" in teksten
    assert "geval 'digitaal vier dagen': verwacht afwijkend, maar de toetsing geeft voldaan" in teksten


def test_controleer_citaat_naast_de_regelset_en_weglating(eigen, capsys):
    """Without --bronnen the sources lie beside the rule set; capitals, line breaks and quote
    marks do not count, and `…` leaves out a passage."""
    regelset = laad_regelset("eigen-2020", eigen)
    for sleutel, document in regelset.documenten.items():
        if sleutel != "werkplan-formaat":  # toetsing's own docs/werkplan-formaat.md
            citaten = [r.bron.citaat.replace(" ", "\n", 1).upper().replace('"', "“")
                       for r in regelset.regels if r.bron.document == sleutel]
            (eigen / "eigen-2020" / document.bestand).write_text("\n\n".join(citaten), encoding="utf-8")
    _vervang(eigen / "eigen-2020" / "b01-cjg.yaml", "CJG-BEREIKBAARHEID", "minimaal: 4", "minimaal: 5")
    citaat = 'citaat: "Zorg voor een bereikbaarheid van minimaal 5 dagen'
    _vervang(eigen / "eigen-2020" / "b01-cjg.yaml", "CJG-BEREIKBAARHEID", f"{citaat} per week telefonisch",
             f"{citaat} … telefonisch")
    assert _controleer(capsys, str(eigen)) == (0, [])
    _vervang(eigen / "eigen-2020" / "b01-cjg.yaml", "CJG-BEREIKBAARHEID", f"{citaat} … telefonisch",
             f"{citaat} … per fax")
    code, opmerkingen = _controleer(capsys, str(eigen))
    assert code == 1 and [o["regel_id"] for o in opmerkingen] == ["CJG-BEREIKBAARHEID"]


def test_controleer_regel_zonder_geval_dat_niet_voldoet(eigen):
    from toetsing.regels.controleer import controleer

    bestand = eigen / "eigen-2020" / "b01-cjg.yaml"
    tekst = bestand.read_text(encoding="utf-8")
    begin = tekst.index("      - naam: digitaal vier dagen", tekst.index("id: CJG-BEREIKBAARHEID"))
    bestand.write_text(tekst[:begin] + tekst[tekst.index("\n\n  - id: CJG-FYSIEK"):], encoding="utf-8")
    over_de_regel = [o.tekst for o in controleer(eigen) if o.regel_id == "CJG-BEREIKBAARHEID"]
    assert "de regel heeft niet zowel een geval dat voldoet als een geval dat niet voldoet" in over_de_regel


def test_controleer_kapotte_yaml_geeft_2_met_bestand_en_regel(eigen, capsys):
    bestand = eigen / "eigen-2020" / "algemeen.yaml"
    bestand.write_text(bestand.read_text(encoding="utf-8") + "  - id: [\n", encoding="utf-8")
    code, opmerkingen = _controleer(capsys, str(eigen))
    assert code == 2
    fout = next(o for o in opmerkingen if o["onleesbaar"])
    assert fout["bestand"] == "eigen-2020/algemeen.yaml" and fout["regel"] > 100 and "geen geldige YAML" in fout["tekst"]
    assert main(["regels", "controleer", str(eigen)]) == 2
    assert "eigen-2020/algemeen.yaml:" in capsys.readouterr().out


def test_controleer_schemafout_met_regel_id(eigen, capsys):
    _vervang(eigen / "eigen-2020" / "b01-cjg.yaml", "CJG-BEREIKBAARHEID", "soort: kengetal-drempel",
             "soort: kengetal-raden")
    code, opmerkingen = _controleer(capsys, str(eigen))
    assert code == 1
    assert [(o["bestand"], o["regel_id"]) for o in opmerkingen] == [("eigen-2020/b01-cjg.yaml", "CJG-BEREIKBAARHEID")]
    assert "onbekende soort controle 'kengetal-raden'" in opmerkingen[0]["tekst"] and opmerkingen[0]["regel"]


def test_controleer_onbekende_map(tmp_path, capsys):
    assert main(["regels", "controleer", str(tmp_path / "weg")]) == 2


def test_eigen_actie_van_een_regel(eigen, tmp_path, capsys):
    """A rule's own `uitleg.actie` is what the organisation is told to do, with {gevonden} filled in."""
    _vervang(eigen / "eigen-2020" / "b01-cjg.yaml", "CJG-BEREIKBAARHEID", "    gevallen:",
             '    uitleg:\n      actie: "Spreek met de GGD een rooster af; nu staat er {gevonden}."\n    gevallen:')
    werkplan = bouw_werkplan({"Kengetallen": [{"Code": "CJG-TELEFONISCH", "Waarde": 3},
                                              {"Code": "CJG-DIGITAAL", "Waarde": 4}]}, tmp_path / "werkplan.xlsx")
    assert main(["toets", str(werkplan), "--formaat", "json", "--opdracht", "eigen-2020", "--regels", str(eigen)]) == 1
    cjg = next(b for b in json.loads(capsys.readouterr().out)["bevindingen"] if b["regel"] == "CJG-BEREIKBAARHEID")
    assert cjg["status"] == "afwijkend"
    assert cjg["actie"] == "Spreek met de GGD een rooster af; nu staat er 3."
    assert all(d["actie"].startswith("Spreek met de GGD") for d in cjg["delen"] if d["status"] != "voldaan")
