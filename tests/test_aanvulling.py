"""toetsing aanvulling: the term counted by the Algemene termijnenwet, and the letter as the
organisation reads it (the Word file read back with python-docx)."""
from __future__ import annotations

import io
import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document

from toetsing.aanvulling.maak import briefsjabloon
from toetsing.aanvulling.termijn import bereken, feestdagen, geen_werkdag, pasen
from toetsing.cli import main
from toetsing.fouten import ToetsingFout
from toetsing.regels.laden import laad_regelset, standaard_map
from toetsing.regels.model import Status
from toetsing.dienst import lees_invoer, toets_bestand

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
CONCEPT = VOORBEELDEN / "werkplan-concept.xlsx"
CONFORM = VOORBEELDEN / "werkplan-conform.xlsx"

# Easter Sunday from published calendars, including the earliest (22 March) and latest (25 April)
PASEN = {2014: date(2014, 4, 20), 2016: date(2016, 3, 27), 2019: date(2019, 4, 21), 2020: date(2020, 4, 12),
         2022: date(2022, 4, 17), 2025: date(2025, 4, 20), 2026: date(2026, 4, 5), 2038: date(2038, 4, 25),
         2285: date(2285, 3, 22)}

# The Atw list (art. 3 lid 1 and 2) written out from the calendar of each year: Nieuwjaarsdag, Goede
# Vrijdag, tweede paasdag, Koningsdag, 5 mei, Hemelvaartsdag, tweede pinksterdag, both kerstdagen.
ATW = {
    2014: ["01-01", "04-18", "04-21", "04-26", "05-05", "05-29", "06-09", "12-25", "12-26"],  # 27 April a Sunday
    2016: ["01-01", "03-25", "03-28", "04-27", "05-05", "05-16", "12-25", "12-26"],  # Hemelvaart on 5 mei
    2019: ["01-01", "04-19", "04-22", "04-27", "05-05", "05-30", "06-10", "12-25", "12-26"],
    2020: ["01-01", "04-10", "04-13", "04-27", "05-05", "05-21", "06-01", "12-25", "12-26"],
    2022: ["01-01", "04-15", "04-18", "04-27", "05-05", "05-26", "06-06", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "04-26", "05-05", "05-29", "06-09", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "04-27", "05-05", "05-14", "05-25", "12-25", "12-26"],
}


@pytest.mark.parametrize("jaar", PASEN)
def test_pasen_volgens_de_kalender(jaar):
    assert pasen(jaar) == PASEN[jaar]


@pytest.mark.parametrize("jaar", ATW)
def test_feestdagen_zijn_precies_de_lijst_van_de_termijnenwet(jaar):
    verwacht = {date.fromisoformat(f"{jaar}-{d}") for d in ATW[jaar]}
    assert set(feestdagen(jaar)) == verwacht


@pytest.mark.parametrize("dag", [date.fromisoformat(f"{j}-{d}") for j, dagen in ATW.items() for d in dagen])
def test_een_termijn_eindigt_nooit_op_een_feestdag(dag):
    termijn = bereken(dag - timedelta(days=14), 14)
    assert termijn.berekend == dag and termijn.uiterlijk > dag
    assert termijn.overgeslagen[0].datum == dag and termijn.overgeslagen[0].reden != "zaterdag"
    assert geen_werkdag(termijn.uiterlijk) is None and termijn.uiterlijk.weekday() < 5
    # every day in between is a day on which no term can end
    assert [d.datum for d in termijn.overgeslagen] == [dag + timedelta(days=i) for i in range((termijn.uiterlijk - dag).days)]


@pytest.mark.parametrize("dag", ["2019-12-24", "2019-12-31", "2020-05-04", "2020-05-01", "2020-04-09", "2020-05-22"])
def test_geen_feestdag_volgens_de_termijnenwet(dag):
    """Oudejaarsdag, 4 mei, 1 mei and Witte Donderdag are working days for a term; so is the Friday
    after Hemelvaartsdag until the gemeente lists it as designated (lid 3)."""
    dag = date.fromisoformat(dag)
    assert geen_werkdag(dag) is None and bereken(dag - timedelta(days=14), 14).uiterlijk == dag


def test_aangewezen_dag_telt_als_feestdag():
    termijn = bereken(date(2020, 5, 7), 14, [date(2020, 5, 22)])  # ends on Hemelvaartsdag 21 May
    assert termijn.uiterlijk == date(2020, 5, 25)
    assert [d.datum.day for d in termijn.overgeslagen] == [21, 22, 23, 24]
    assert bereken(date(2020, 5, 7), 14).uiterlijk == date(2020, 5, 22)


def test_het_opvolgende_jaar_houdt_de_aangewezen_dagen_bij():
    assert date(2020, 5, 22) in laad_regelset("meierijstad-2020").brief.aangewezen_dagen
    nieuw = laad_regelset("meierijstad-2021").brief
    assert date(2021, 5, 14) in nieuw.aangewezen_dagen
    # the texts are inherited, not repeated
    assert nieuw.model_dump(exclude={"aangewezen_dagen"}) == laad_regelset("meierijstad-2020").brief.model_dump(
        exclude={"aangewezen_dagen"})


def _brief(tmp_path, *opties, werkplan=CONCEPT) -> tuple[int, Path]:
    doel = tmp_path / "brief.docx"
    return main(["aanvulling", str(werkplan), "-o", str(doel), *opties]), doel


def _tekst(pad: Path) -> str:
    doc = Document(str(pad))
    delen = [p.text for p in doc.paragraphs]
    delen += [c.text for t in doc.tables for rij in t.rows for c in rij.cells]
    return "\n".join(delen)


def test_brief_noemt_organisatie_elke_open_bevinding_en_de_termijn(tmp_path):
    code, doel = _brief(tmp_path, "--datum", "2019-12-11", "--termijn", "14")
    assert code == 0
    tekst = _tekst(doel)
    rapport = toets_bestand(lees_invoer(CONCEPT))
    open_ = [b for b in rapport.bevindingen if b.status in (Status.ontbreekt, Status.afwijkend)]
    assert len(open_) >= 5
    assert rapport.organisatie in tekst and "A. de Vries" in tekst
    assert "Verzoek om aanvulling subsidieaanvraag 2020" in tekst and "11 december 2019" in tekst
    for b in open_:
        assert b.titel in tekst and f"„{b.citaat}”" in tekst, b.regel
        for cel in b.bewijs:
            assert cel in tekst, (b.regel, cel)
    for b in rapport.bevindingen:
        if b.status == Status.voldaan:
            assert b.titel not in tekst, b.regel
    assert "uiterlijk op vrijdag 27 december 2019" in tekst
    assert "25 december (eerste kerstdag) en 26 december (tweede kerstdag)" in tekst
    assert "artikel 4:5 van de Algemene wet bestuursrecht" in tekst and "artikel 4:15" in tekst
    assert "Vanaf 12 december 2019 staat de beslistermijn stil" in tekst
    # the gemeente's own texts from regelset.yaml
    assert "Burgemeester en wethouders van Meierijstad," in tekst and "subsidieadviseur" in tekst
    assert tekst.startswith("Gemeente Meierijstad\nSubsidies welzijn")  # no letterhead: the sender on top
    for programmeertaal in ("None", "True", "Status.", "{", "}", "ontbreekt:", "afwijkend:"):
        assert programmeertaal not in tekst, programmeertaal


def test_brief_volgt_blok_en_deelopdracht(tmp_path):
    _, doel = _brief(tmp_path, "--datum", "2019-12-11")
    koppen = [p.text for p in Document(str(doel)).paragraphs if p.style.name == "Heading 2"]
    groepen = [k for k in koppen if k == "Algemeen" or k.startswith("Blok")]
    assert groepen[0] == "Algemeen" and groepen[1].startswith("Blok A")
    nummers = [int(k.split("deelopdracht ")[1].split(":")[0]) for k in groepen if k.startswith("Blok B")]
    assert nummers == sorted(nummers) and len(nummers) == len(set(nummers)) >= 3


@pytest.mark.parametrize("datum, overgeslagen", [
    ("2020-03-30", "13 april (tweede paasdag)"),
    ("2020-03-27", "10 april (Goede Vrijdag), 11 april (zaterdag), 12 april (zondag) en 13 april (tweede paasdag)"),
])
def test_termijn_over_pasen(tmp_path, datum, overgeslagen):
    _, doel = _brief(tmp_path, "--datum", datum)
    tekst = _tekst(doel)
    assert "uiterlijk op dinsdag 14 april 2020" in tekst and overgeslagen in tekst


def test_uiterlijk_met_de_hand(tmp_path):
    _, doel = _brief(tmp_path, "--datum", "2019-12-11", "--uiterlijk", "2020-01-10")
    tekst = _tekst(doel)
    assert "uiterlijk op vrijdag 10 januari 2020" in tekst and "zelf vastgesteld" in tekst
    assert "gerekend vanaf de datum" not in tekst


@pytest.mark.parametrize("opties, melding", [
    (["--uiterlijk", "2019-12-01", "--datum", "2019-12-11"], "ligt niet na de datum van de brief"),
    (["--uiterlijk", "2020-01-10", "--termijn", "20"], "niet allebei"),
    (["--datum", "11-12-2019"], "Schrijf JJJJ-MM-DD"),
    (["--termijn", "veertien"], "aantal dagen"),
    (["--termijn", "0"], "aantal dagen"),
    (["--beoordeling", "beoordeling.xlsx"], "beoordeling.xlsx"),
    (["--formaat", "docx", "-o", "brief.pdf"], "eindigt op .docx"),
])
def test_foute_opties_geven_een_nederlandse_melding(tmp_path, capsys, opties, melding):
    code = main(["aanvulling", str(CONCEPT), "-o", str(tmp_path / "brief.docx"), *opties])
    assert code == 2
    fout = capsys.readouterr().err
    assert melding in fout and "Traceback" not in fout
    assert not (tmp_path / "brief.docx").exists()


def test_geen_brief_als_alles_voldaan_is(tmp_path, capsys):
    code, doel = _brief(tmp_path, werkplan=CONFORM)
    assert code == 0 and not doel.exists()
    assert "niets om aan te vullen" in capsys.readouterr().err


def test_standaardnaam_naast_het_werkplan_en_niet_overschrijven(tmp_path, capsys):
    werkplan = tmp_path / "mijn-werkplan.xlsx"
    shutil.copy(CONCEPT, werkplan)
    assert main(["aanvulling", str(werkplan), "--datum", "2019-12-11"]) == 0
    doel = tmp_path / "mijn-werkplan-aanvulling.docx"
    eerst = doel.read_bytes()
    assert main(["aanvulling", str(werkplan), "--datum", "2020-03-30"]) == 2
    assert "bestaat al" in capsys.readouterr().err and doel.read_bytes() == eerst
    assert main(["aanvulling", str(werkplan), "--formaat", "html"]) == 0
    assert (tmp_path / "mijn-werkplan-aanvulling.html").exists()
    assert werkplan.read_bytes() == CONCEPT.read_bytes()


def test_html_en_json_zijn_dezelfde_brief(tmp_path):
    html, js = tmp_path / "brief.html", tmp_path / "brief.json"
    for doel, formaat in ((html, "html"), (js, "json")):
        assert main(["aanvulling", str(CONCEPT), "--datum", "2019-12-11", "--formaat", formaat, "-o", str(doel)]) == 0
    verzoek = json.loads(js.read_text(encoding="utf-8"))
    assert verzoek["termijn"]["uiterlijk"] == "2019-12-27" and verzoek["termijn"]["dagen"] == 14
    punten = [p for g in verzoek["groepen"] for p in g["punten"]]
    rapport = toets_bestand(lees_invoer(CONCEPT))
    assert {p["regel"] for p in punten} == {b.regel for b in rapport.bevindingen
                                             if b.status in (Status.ontbreekt, Status.afwijkend)}
    pagina = html.read_text(encoding="utf-8")
    assert pagina.startswith("<!DOCTYPE html>") and 'lang="nl"' in pagina
    for p in punten:
        assert f'id="{p["regel"]}"' in pagina and all(c in pagina for c in p["cellen"])
    assert "vrijdag 27 december 2019" in pagina


def _map_met_briefpapier(tmp_path, inhoud: bytes) -> Path:
    regels = tmp_path / "regels"
    shutil.copytree(standaard_map(), regels)
    (regels / "meierijstad-2020" / "brief.docx").write_bytes(inhoud)
    return regels


def _briefpapier() -> bytes:
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Briefpapier van de gemeente Meierijstad"
    uit = io.BytesIO()
    doc.save(uit)
    return uit.getvalue()


def test_briefpapier_van_de_gemeente(tmp_path, monkeypatch):
    regels = _map_met_briefpapier(tmp_path, _briefpapier())
    # the successor inherits its predecessor's letterhead
    sjabloon = briefsjabloon(laad_regelset("meierijstad-2021", regels), regels)
    assert sjabloon is not None
    assert Document(io.BytesIO(sjabloon)).sections[0].header.paragraphs[0].text.startswith("Briefpapier")
    assert briefsjabloon(laad_regelset("vijfheerenlanden-2021", regels), regels) is None

    monkeypatch.setattr("toetsing.regels.laden.standaard_map", lambda: regels)
    _, doel = _brief(tmp_path, "--datum", "2019-12-11")
    doc = Document(str(doel))
    assert doc.sections[0].header.paragraphs[0].text == "Briefpapier van de gemeente Meierijstad"
    tekst = _tekst(doel)
    assert "uiterlijk op vrijdag 27 december 2019" in tekst
    # the letterhead names the sender: no second sender block
    assert "Subsidies welzijn" not in tekst


def test_kapot_briefpapier_geeft_een_melding(tmp_path):
    regels = _map_met_briefpapier(tmp_path, b"PK\x03\x04 geen Word-bestand")
    with pytest.raises(ToetsingFout, match="geen Word-document"):
        briefsjabloon(laad_regelset("meierijstad-2020", regels), regels)


def _brief_json(tmp_path, werkplan, *opties) -> tuple[int, dict]:
    doel = tmp_path / f"brief-{len(list(tmp_path.glob('brief-*.json')))}.json"
    code = main(["aanvulling", str(werkplan), "--formaat", "json", "-o", str(doel), *opties])
    return code, json.loads(doel.read_text(encoding="utf-8"))


def test_brief_met_het_oordeel_van_de_medewerker(tmp_path, capsys):
    """What the officer judged voldaan is left out, what the officer found lacking is in, a
    niet_toetsbaar demand too, each with the motivering; what is still to judge is said."""
    from tests.test_beoordeling import _formulier, _vul_in

    werkplan = tmp_path / CONCEPT.name
    shutil.copy(CONCEPT, werkplan)
    zonder = _brief_json(tmp_path, werkplan)[1]
    regels = {p["regel"] for g in zonder["groepen"] for p in g["punten"]}
    voldaan = next(b.regel for b in toets_bestand(lees_invoer(werkplan)).bevindingen if b.status == Status.voldaan)
    eisen = [e.id for e in laad_regelset("meierijstad-2020").niet_toetsbaar]
    formulier = _formulier(werkplan)
    capsys.readouterr()
    _vul_in(formulier, {
        "CJG-BEREIKBAARHEID": {"Oordeel": "voldaan", "Motivering": "Toegelicht in het gesprek", "Beoordelaar": "J. de Vries"},
        voldaan: {"Oordeel": "afwijkend", "Motivering": "De cijfers horen bij 2018.", "Beoordelaar": "J. de Vries"},
        eisen[0]: {"Oordeel": "ontbreekt", "Motivering": "Er staat geen dienstverleningsconcept in.",
                   "Beoordelaar": "J. de Vries"},
        "INDIENING-TIJDIG": {"Oordeel": "voldaan", "Beoordelaar": "J. de Vries"},  # no motivering: not applied
    })
    code, brief = _brief_json(tmp_path, werkplan, "--beoordeling", str(formulier))
    assert code == 0
    punten = {p["regel"]: p for g in brief["groepen"] for p in g["punten"]}
    assert set(punten) == regels - {"CJG-BEREIKBAARHEID"} | {voldaan, eisen[0]}
    assert "De cijfers horen bij 2018." in punten[voldaan]["onderdelen"][0]["regels"]
    assert punten[voldaan]["status"] == "afwijkend" and punten[voldaan]["kop"].startswith("Wijkt af: ")
    eis = punten[eisen[0]]
    assert eis["status"] == "ontbreekt" and eis["onderdelen"][0]["regels"] == ["Er staat geen dienstverleningsconcept in."]
    assert brief["groepen"][-1]["naam"] == "Eisen die de medewerker heeft beoordeeld"
    assert brief["beoordeling"] == formulier.name and len(brief["beoordeling_sha256"]) == 64
    fout = " ".join(capsys.readouterr().err.split())
    assert f"U moet nog {len(eisen) - 1} eisen beoordelen" in fout
    assert "INDIENING-TIJDIG" in fout and "Beoordeling!" in fout  # the row not applied, by its cell


def test_brief_met_een_formulier_van_een_ander_werkplan_wordt_geweigerd(tmp_path, capsys):
    from tests.test_beoordeling import _formulier

    werkplan = tmp_path / CONCEPT.name
    shutil.copy(CONCEPT, werkplan)
    ander = tmp_path / "ander" / "werkplan-2021.xlsx"
    ander.parent.mkdir()
    shutil.copy(VOORBEELDEN / "werkplan-2021.xlsx", ander)
    formulier = _formulier(ander)
    code = main(["aanvulling", str(werkplan), "--beoordeling", str(formulier), "-o", str(tmp_path / "brief.docx")])
    assert code == 2
    assert "hoort bij de opdracht meierijstad-2021" in capsys.readouterr().err
    assert not (tmp_path / "brief.docx").exists()
