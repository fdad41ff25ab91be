"""Joint toetsing: the werkplannen of several organisations judged together, with the joint
rules decided in one engine session over the facts of all of them."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import openpyxl
import pytest

from toetsing.bevindingen import Rapport
from toetsing.regels.gevallen import bouw_werkplan
from toetsing.cli import main
from toetsing.dienst import lees_invoer, toets_gezamenlijk
from toetsing.feiten import EINDE_GROEPEN, einde, maak_gezamenlijke_feiten
from toetsing.lezen.importeer import lees_werkplan
from toetsing.regels.laden import beschikbare_regelsets, laad_regelset
from toetsing.regels.model import Status
from toetsing.tekst import namen

GEVALLEN = [
    pytest.param(rs, regel.id, geval, id=f"{rs}:{regel.id}:{geval.naam}")
    for rs in beschikbare_regelsets()
    for regel in laad_regelset(rs).regels
    if regel.gezamenlijk
    for geval in regel.gevallen
]


@pytest.mark.parametrize("regelset_id,regel_id,geval", GEVALLEN)
def test_geval(tmp_path, regelset_id, regel_id, geval):
    """A joint rule's case gives a werkplan per organisation."""
    jaar = laad_regelset(regelset_id).subsidiejaar
    paden = [bouw_werkplan(spec, tmp_path / f"werkplan-{i}.xlsx",
                           {"Organisatie": organisatie, "Subsidiejaar": jaar, "Opdracht": regelset_id})
             for i, (organisatie, spec) in enumerate(geval.werkplan.items())]
    rapport = toets_gezamenlijk([lees_invoer(p) for p in paden])
    bevinding = next(b for b in rapport.gezamenlijk.bevindingen if b.regel == regel_id)
    assert bevinding.status == geval.status, bevinding.toelichting
    assert {b.regel for b in rapport.gezamenlijk.bevindingen} == {
        r.id for r in laad_regelset(regelset_id).regels if r.gezamenlijk}


def _organisatie(tmp_path, naam: str, nrs: list[int], kengetallen: dict[str, float], **algemeen) -> Path:
    spec = {
        "Algemeen": {"Organisatie": naam, "Reikwijdte": ", ".join(map(str, nrs)), **algemeen},
        "Deelopdrachten": [{"Nr": nr, "Uitwerking": f"Wij doen deelopdracht {nr}.", "Resultaatmeting": "Enquête."}
                           for nr in nrs],
        "Kengetallen": [{"Code": code, "Waarde": waarde} for code, waarde in kengetallen.items()],
        "Uren": [{"Onderdeel": str(nr), "Uren": 100 * nr} for nr in nrs],
    }
    return bouw_werkplan(spec, tmp_path / f"{naam.lower().replace(' ', '-')}.xlsx")


@pytest.fixture
def drie_organisaties(tmp_path):
    """Deelopdracht 9 is nobody's; Farent and Lumens disagree on CJG-DIGITAAL."""
    return [
        _organisatie(tmp_path, "Farent", [1, 2, 10], {"CJG-TELEFONISCH": 5, "CJG-DIGITAAL": 5}),
        _organisatie(tmp_path, "Lumens", [1, 3, 4, 5, 6], {"CJG-DIGITAAL": 4}),
        _organisatie(tmp_path, "ONS Welzijn", [7, 8, 11, 12, 13], {}),
    ]


def test_gedeelde_opdracht_met_gat_en_tegenstrijdig_getal(drie_organisaties, capsys):
    code = main(["toets", *map(str, drie_organisaties), "--gezamenlijk", "--formaat", "json"])
    rapport = json.loads(capsys.readouterr().out)
    assert code == 1
    status = {b["regel"]: b for b in rapport["bevindingen"]}
    dekking = status["GEZAMENLIJK-DEKKING"]
    assert dekking["status"] == "ontbreekt"
    assert dekking["toelichting"] == "Geen van de werkplannen heeft een rij voor deelopdracht 9 (Dementie)."
    cjg = status["GEZAMENLIJK-CJG-BEREIKBAARHEID"]
    assert cjg["status"] == "afwijkend"
    assert "4 in het werkplan van Lumens en 5 in dat van Farent" in cjg["toelichting"]
    assert sorted(cjg["bewijs"]) == ["[farent.xlsx]Kengetallen!B3", "[lumens.xlsx]Kengetallen!B2"]
    assert cjg["citaat"] and cjg["bron"].startswith("Opdracht voor de vijf welzijnsinstellingen")

    matrix = {rij["nr"]: {d["indiener"]: d for d in rij["dekking"]} for rij in rapport["matrix"]}
    assert matrix[1]["Farent"]["uren"] == 100 and matrix[1]["Lumens"]["rijen"] == ["Deelopdrachten!A2"]
    assert not any(d["rijen"] for d in matrix[9].values())
    assert matrix[7]["ONS Welzijn"] == {"indiener": "ONS Welzijn", "rijen": ["Deelopdrachten!A2"], "uren": 700.0}
    # each werkplan's own bevindingen too, judged against its own reikwijdte
    eigen = {Path(w["werkplan"]).name: {b["regel"]: b["status"] for b in w["bevindingen"]} for w in rapport["werkplannen"]}
    assert eigen["lumens.xlsx"]["CJG-BEREIKBAARHEID"] == "ontbreekt"  # no CJG-TELEFONISCH
    assert eigen["ons-welzijn.xlsx"]["DEKKING-B01"] == "niet van toepassing"


def test_feiten_van_alle_werkplannen_in_een_sessie(drie_organisaties):
    werkplannen = [(lees_werkplan(p), p.stem) for p in drie_organisaties]
    feiten, index = maak_gezamenlijke_feiten(werkplannen)
    ids = [f["id"] for f in feiten]
    n = EINDE_GROEPEN
    assert len(ids) == len(set(ids)) == len(index) + n  # einde rests on no cell
    assert feiten[-n:] == einde() and sum(f["soort"] == "einde" for f in feiten) == n  # once, after all werkplannen
    assert {f["werkplan"] for f in feiten[:-n]} == {1, 2, 3}
    assert all(f["indiener"] == werkplannen[f["werkplan"] - 1][1] for f in feiten[:-n])


def test_samen_alles_gedekt_en_eensluidend(tmp_path):
    paden = [_organisatie(tmp_path, "Farent", list(range(1, 8)), {"CJG-DIGITAAL": 5}),
             _organisatie(tmp_path, "MEE", list(range(8, 14)), {"CJG-DIGITAAL": 5})]
    rapport = toets_gezamenlijk([lees_invoer(p) for p in paden])
    assert {b.regel: b.status for b in rapport.gezamenlijk.bevindingen} == {
        "GEZAMENLIJK-DEKKING": Status.voldaan, "GEZAMENLIJK-CJG-BEREIKBAARHEID": Status.voldaan,
        "GEZAMENLIJK-JW-METING": Status.niet_van_toepassing,  # neither names a meetinstrument
        "GEZAMENLIJK-JW-OJOR": Status.niet_van_toepassing}  # nor the kernen of its jongerenwerkers
    assert rapport.gezamenlijk.exitcode == 0


def test_tekstrapport_toont_de_matrix(drie_organisaties, capsys):
    assert main(["toets", *map(str, drie_organisaties), "--gezamenlijk", "--kort"]) == 1
    uit = capsys.readouterr().out
    assert "Wie doet welke deelopdracht" in uit and "9. Dementie" in uit
    assert "✔ 100 u" in uit
    assert "Geen van de werkplannen heeft een rij voor deelopdracht 9 (Dementie)." in uit
    assert "Het werkplan van Lumens" in uit


def test_map_gezamenlijk_en_als_excel(drie_organisaties, tmp_path):
    doel = tmp_path / "uit" / "samen.xlsx"
    doel.parent.mkdir()
    assert main(["toets", str(drie_organisaties[0].parent), "--gezamenlijk", "--formaat", "xlsx", "-o", str(doel)]) == 1
    wb = openpyxl.load_workbook(doel)
    assert wb.sheetnames == ["Dekking", "Samenvatting", "Gezamenlijk", "Farent", "Lumens", "ONS Welzijn"]
    assert wb.active.title == "Dekking"  # Excel opens on who covers what
    dekking = [[c.value for c in rij] for rij in wb["Dekking"].iter_rows(max_row=14)]
    assert dekking[0] == ["Deelopdracht", "Farent", "Lumens", "ONS Welzijn", "Werkplannen"]
    assert dekking[9] == ["9. Dementie", None, None, None, 0]


def test_verschillende_opdrachten(drie_organisaties, tmp_path, capsys):
    ander = _organisatie(tmp_path, "MEE", [9], {}, Opdracht="meierijstad-2021", Subsidiejaar=2021)
    assert main(["toets", *map(str, drie_organisaties), str(ander), "--gezamenlijk"]) == 2
    fout = capsys.readouterr().err
    assert "verschillende opdrachten" in fout and "mee.xlsx: meierijstad-2021" in fout and "--opdracht" in fout


def test_een_onleesbaar_werkplan_stopt_de_gezamenlijke_toetsing(drie_organisaties, tmp_path, capsys):
    kapot = tmp_path / "kapot.xlsx"
    kapot.write_text("geen werkmap")
    assert main(["toets", *map(str, drie_organisaties), str(kapot), "--gezamenlijk"]) == 2
    assert "kapot.xlsx: dit is geen Excel-werkmap" in capsys.readouterr().err


def test_als_webpagina(drie_organisaties, capsys):
    assert main(["toets", *map(str, drie_organisaties), "--gezamenlijk", "--formaat", "html"]) == 1
    pagina = capsys.readouterr().out
    assert pagina.startswith("<!DOCTYPE html>") and pagina.count("<h1>") == 1
    assert '<h2 id="dekking">Wie doet welke deelopdracht</h2>' in pagina
    assert '<th scope="row">9. Dementie</th><td class="dekking"></td><td class="dekking"></td><td class="dekking"></td><td class="aantal s-ontbreekt">0</td>' in pagina
    assert pagina.count('<h2 id="werkplan-') == 3 and "Het werkplan van ONS Welzijn" in pagina
    assert "Geen van de werkplannen heeft een rij voor deelopdracht 9 (Dementie)." in pagina
    ids = re.findall(r'id="([^"]+)"', pagina)
    assert len(ids) == len(set(ids))


def test_namen_uit_het_werkplan_zijn_geen_opmaak(tmp_path, capsys):
    opmaak = bouw_werkplan({"Algemeen": {"Organisatie": "[/] [bold]Welzijn"}, "Deelopdrachten": [{"Nr": 1, "Uitwerking": "x"}]},
                           tmp_path / "opmaak.xlsx")
    paden = [opmaak, _organisatie(tmp_path, "MEE", [2], {})]
    assert main(["toets", *map(str, paden), "--gezamenlijk", "--kort"]) == 1
    uit = capsys.readouterr().out
    assert uit.count("[/] [bold]Welzijn") >= 2  # the matrix column and the werkplan's own heading


def test_een_formule_als_naam_blijft_tekst_in_excel(tmp_path):
    naam = '=HYPERLINK("https://voorbeeld.invalid","klik")'
    a = _organisatie(tmp_path, "A", [1], {})
    wb = openpyxl.load_workbook(a)
    wb["Algemeen"]["B2"].value, wb["Algemeen"]["B2"].data_type = naam, "s"  # typed as text, as Excel can
    wb.save(a)
    paden = [a, _organisatie(tmp_path, "MEE", [2], {})]
    doel = tmp_path / "samen.xlsx"
    assert main(["toets", *map(str, paden), "--gezamenlijk", "--formaat", "xlsx", "-o", str(doel)]) == 1
    wb = openpyxl.load_workbook(doel)
    assert not [c.coordinate for ws in wb for rij in ws.iter_rows() for c in rij if c.data_type == "f"]
    assert wb["Dekking"]["B1"].value == naam


def test_ontvangst_noemt_elk_werkplan_met_zijn_eigen_vingerafdruk(drie_organisaties, tmp_path, capsys):
    """The joint receipt: each werkplan by name with the sha256 of its own bytes, in every
    format that shows a receipt; the set's fingerprint stays as it was."""
    eigen = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in drie_organisaties}
    assert main(["toets", *map(str, drie_organisaties), "--gezamenlijk", "--formaat", "json"]) == 1
    ontvangst = json.loads(capsys.readouterr().out)["ontvangst"]
    assert [(b["naam"], b["sha256"]) for b in ontvangst["bestanden"]] == list(eigen.items())
    assert ontvangst["bestand_sha256"] == hashlib.sha256("\n".join(eigen.values()).encode()).hexdigest()

    assert main(["toets", *map(str, drie_organisaties), "--gezamenlijk"]) == 1
    tekst = capsys.readouterr().out
    for naam, sha in eigen.items():
        assert f"{naam} (sha256 {sha[:12]})" in tekst

    assert main(["toets", *map(str, drie_organisaties), "--gezamenlijk", "--formaat", "html"]) == 1
    voet = capsys.readouterr().out.split("<footer>")[1]
    for naam, sha in eigen.items():
        assert f"<dt>Vingerafdruk {naam} (sha256)</dt><dd>{sha}</dd>" in voet

    doel = tmp_path / "samen.xlsx"
    assert main(["toets", *map(str, drie_organisaties), "--gezamenlijk", "--formaat", "xlsx", "-o", str(doel)]) == 1
    regels = {rij[0]: rij[1] for rij in openpyxl.load_workbook(doel)["Samenvatting"].iter_rows(values_only=True) if rij[0]}
    for naam, sha in eigen.items():
        assert regels[f"Vingerafdruk {naam} (sha256)"] == sha
    assert regels["Vingerafdruk van de werkplannen samen (sha256)"] == ontvangst["bestand_sha256"]


def test_een_enkel_rapport_noemt_geen_lijst_van_bestanden(drie_organisaties, capsys):
    assert main(["toets", str(drie_organisaties[0]), "--formaat", "json"]) == 1
    ontvangst = json.loads(capsys.readouterr().out)["ontvangst"]
    assert ontvangst["bestanden"] == [] and ontvangst["bestand"] == drie_organisaties[0].name


def test_het_rapport_begint_met_de_matrix_in_elk_formaat(drie_organisaties, tmp_path, capsys):
    """Who covers what is what an officer reads first: before the joint bevindingen and the
    werkplannen' own reports, in the terminal, the HTML file, Excel and JSON."""
    paden = list(map(str, drie_organisaties))
    assert main(["toets", *paden, "--gezamenlijk"]) == 1
    tekst = capsys.readouterr().out
    assert tekst.lstrip().startswith("Wie doet welke deelopdracht")
    assert tekst.index("9. Dementie") < tekst.index("De werkplannen samen") < tekst.index("GEZAMENLIJK-DEKKING")

    assert main(["toets", *paden, "--gezamenlijk", "--formaat", "html"]) == 1
    pagina = capsys.readouterr().out
    hoofd = pagina.split("<main>")[1]
    assert re.findall(r"<h2 id=\"([^\"]+)\"", hoofd)[:2] == ["dekking", "samen"]

    doel = tmp_path / "samen.xlsx"
    assert main(["toets", *paden, "--gezamenlijk", "--formaat", "xlsx", "-o", str(doel)]) == 1
    wb = openpyxl.load_workbook(doel)
    assert wb.sheetnames[0] == wb.active.title == "Dekking"

    assert main(["toets", *paden, "--gezamenlijk", "--formaat", "json"]) == 1
    sleutels = list(json.loads(capsys.readouterr().out))
    assert sleutels.index("matrix") == sleutels.index("bevindingen") - 1
    kop = list(Rapport.model_fields)
    assert sleutels[:sleutels.index("matrix")] == kop[:kop.index("bevindingen")]  # the header data, then the matrix
    assert sleutels[-1] == "werkplannen"


def test_kernen_van_alle_werkplannen_samen_geteld(tmp_path):
    """GEZAMENLIJK-JW-OJOR counts the different kernen of all werkplannen: a kern two
    organisations name counts once, however it is written."""
    paden = [_organisatie(tmp_path, "ONS Welzijn", [3], {"JW-OJOR-KERNNAMEN": "Veghel; Schijndel"}),
             _organisatie(tmp_path, "Lumens", [3], {"JW-OJOR-KERNNAMEN": "VEGHEL"})]
    ojor = next(b for b in toets_gezamenlijk([lees_invoer(p) for p in paden]).gezamenlijk.bevindingen
                if b.regel == "GEZAMENLIJK-JW-OJOR")
    assert ojor.status == Status.afwijkend
    assert "samen 2 verschillende namen bij JW-OJOR-KERNNAMEN" in ojor.toelichting and "'Schijndel', 'Veghel'" in ojor.toelichting
    assert ojor.bewijs == ["[ons-welzijn.xlsx]Kengetallen!B2", "[lumens.xlsx]Kengetallen!B2"]

    paden.append(_organisatie(tmp_path, "MEE", [3], {"JW-OJOR-KERNNAMEN": "Sint-Oedenrode"}))
    ojor = next(b for b in toets_gezamenlijk([lees_invoer(p) for p in paden]).gezamenlijk.bevindingen
                if b.regel == "GEZAMENLIJK-JW-OJOR")
    assert ojor.status == Status.voldaan, ojor.toelichting


@pytest.mark.parametrize("tekst,verwacht", [
    ("Veghel; Schijndel", {"veghel": "Veghel", "schijndel": "Schijndel"}),
    ("Veghel, Schijndel en Sint-Oedenrode", {"veghel": "Veghel", "schijndel": "Schijndel", "sint-oedenrode": "Sint-Oedenrode"}),
    ("Veghel\nSchijndel / veghel", {"veghel": "Veghel", "schijndel": "Schijndel"}),
    ("Eerde", {"eerde": "Eerde"}),  # 'en' only splits as a word
    ("  Sint  Oedenrode ", {"sint oedenrode": "Sint Oedenrode"}),
    (" ; ", {}),
])
def test_namen_in_een_cel(tekst, verwacht):
    assert namen(tekst) == verwacht
