"""The annotated werkplan: the organisation's own workbook with the bevindingen in it.
The input is never changed; its sheets, formulas and formatting survive in the copy."""
from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment

from toetsing.cli import main
from toetsing.dienst import lees_invoer, toets_bestand
from toetsing.fouten import ToetsingFout
from toetsing.rapport import weergave
from toetsing.rapport.annoteren import annoteer
from toetsing.regels.model import Status

CONCEPT = Path(__file__).resolve().parents[1] / "voorbeelden" / "werkplan-concept.xlsx"


@pytest.fixture(scope="module")
def invoer(tmp_path_factory) -> Path:
    """The draft example plus what a real workbook has: a formula, an own comment, a notes sheet."""
    pad = tmp_path_factory.mktemp("annoteren") / "werkplan.xlsx"
    wb = openpyxl.load_workbook(CONCEPT)
    wb["Kengetallen"]["C4"].comment = Comment("Navragen bij Farent", "Organisatie")
    notities = wb.create_sheet("Notities")
    notities["A1"] = 2
    notities["A2"] = "=A1*21"
    wb.save(pad)
    return pad


@pytest.fixture(scope="module")
def rapport(invoer):
    return toets_bestand(lees_invoer(invoer))


@pytest.fixture(scope="module")
def kopie(invoer, rapport):
    return openpyxl.load_workbook(io.BytesIO(annoteer(rapport, invoer.read_bytes())))


def test_toetsing_is_het_eerste_en_actieve_blad(kopie, invoer):
    origineel = openpyxl.load_workbook(invoer).sheetnames
    assert kopie.sheetnames == ["Toetsing", *origineel]
    assert kopie.active.title == "Toetsing"
    assert [ws.title for ws in kopie.worksheets if ws.sheet_view.tabSelected] == ["Toetsing"]


def test_bewijscellen_hebben_kleur_en_opmerking(kopie, rapport):
    for b in rapport.bevindingen:
        for bewijs in b.details:
            blad, _, cel = bewijs.cel.rpartition("!")
            c = kopie[blad][cel]
            assert c.comment is not None and b.regel in c.comment.text, bewijs.cel
            assert weergave.statuswoord(b.status) in c.comment.text
            assert c.fill.fgColor.rgb[-6:] in {vulling for _, vulling in weergave.KLEUREN.values()}
    cjg = kopie["Kengetallen"]["C4"]
    assert cjg.fill.fgColor.rgb[-6:] == weergave.KLEUREN[Status.afwijkend][1]
    assert "CJG-BEREIKBAARHEID: ! afwijkend" in cjg.comment.text
    assert "CJG-DIGITAAL is 4 dagen per week" in cjg.comment.text
    voldaan = kopie["Kengetallen"]["C3"]  # CJG-TELEFONISCH 5: voldaan for the same rule, afwijkend part elsewhere
    assert voldaan.comment is None or "CJG-BEREIKBAARHEID" not in voldaan.comment.text


def test_een_cel_met_meer_bevindingen_krijgt_de_zwaarste_kleur(kopie, rapport):
    per_cel: dict[str, list[Status]] = {}
    for b in rapport.bevindingen:
        for cel in b.bewijs:
            per_cel.setdefault(cel, []).append(b.status)
    for cel, statussen in per_cel.items():
        blad, _, plek = cel.rpartition("!")
        zwaarste = max(statussen, key=lambda s: s.ernst)
        assert kopie[blad][plek].fill.fgColor.rgb[-6:] == weergave.KLEUREN[zwaarste][1], cel


def test_eigen_opmerking_blijft_staan(kopie):
    tekst = kopie["Kengetallen"]["C4"].comment.text
    assert tekst.startswith("Navragen bij Farent") and "CJG-BEREIKBAARHEID" in tekst


def test_onleesbare_cel_krijgt_een_opmerking(kopie):
    assert '"zestig" is geen getal' in kopie["Kengetallen"]["C18"].comment.text


def test_formules_opmaak_en_andere_bladen_blijven(kopie, invoer):
    origineel = openpyxl.load_workbook(invoer)
    assert kopie["Notities"]["A2"].value == "=A1*21"
    assert kopie["Notities"]["A2"].data_type == "f"
    assert kopie["Deelopdrachten"].merged_cells.ranges == origineel["Deelopdrachten"].merged_cells.ranges
    assert kopie["Kengetallen"].freeze_panes == origineel["Kengetallen"].freeze_panes == "A3"
    assert kopie["Financieel overzicht"]["B3"].number_format == '"€" #,##0.00'
    assert kopie["Algemeen"]["A1"].font.b and kopie["Algemeen"]["A1"].font.sz == 13
    assert kopie["Kengetallen"].column_dimensions["A"].width == origineel["Kengetallen"].column_dimensions["A"].width
    for blad in origineel.sheetnames:
        for rij in origineel[blad].iter_rows():
            for cel in rij:
                assert kopie[blad][cel.coordinate].value == cel.value, f"{blad}!{cel.coordinate}"


def _links(ws) -> dict[str, list[str]]:
    """Column A (regel) -> the locations its rows link to."""
    links: dict[str, list[str]] = {}
    for rij in ws.iter_rows():
        for cel in rij:
            if cel.hyperlink is not None:
                links.setdefault(rij[0].value, []).append(cel.hyperlink.location)
    return links


def test_toetsing_blad_linkt_naar_elke_bewijscel(kopie, rapport):
    links = _links(kopie["Toetsing"])
    for b in rapport.bevindingen:
        verwacht = [f"'{cel.rpartition('!')[0]}'!{cel.rpartition('!')[2]}" for cel in b.bewijs]
        assert links.get(b.regel, []) == verwacht, b.regel
    assert links["CJG-BEREIKBAARHEID"] == ["'Kengetallen'!C4"]
    assert links["Kengetallen!C18"] == ["'Kengetallen'!C18"]  # the unreadable cell
    for plekken in links.values():
        for plek in plekken:  # every link lands on a sheet that exists
            blad = plek.rpartition("!")[0].strip("'").replace("''", "'")
            assert blad in kopie.sheetnames


def test_toetsing_blad_noemt_ook_wat_ontbreekt(kopie, rapport):
    ws = kopie["Toetsing"]
    regels = {rij[0].value: rij for rij in ws.iter_rows()}
    for b in rapport.bevindingen:
        assert b.regel in regels
    rij = regels["DEKKING-B09"]
    assert rij[2].value == "✘ ontbreekt" and rij[-1].value is None and rij[-1].hyperlink is None
    assert "Deelopdrachten heeft geen rij" in rij[3].value


def test_toetsing_blad_toont_het_ontvangstbewijs(kopie, invoer):
    waarden = {rij[0].value: rij[1].value for rij in kopie["Toetsing"].iter_rows()}
    assert waarden["Vingerafdruk bestand (sha256)"] == hashlib.sha256(invoer.read_bytes()).hexdigest()
    assert waarden["Bestand"] == "werkplan.xlsx"
    assert waarden["Kengetallen!C18"] == '"zestig" is geen getal'


def test_kopie_toetst_hetzelfde_als_het_origineel(tmp_path, invoer, rapport):
    pad = tmp_path / "kopie.xlsx"
    pad.write_bytes(annoteer(rapport, invoer.read_bytes()))
    opnieuw = toets_bestand(lees_invoer(pad))
    assert [(b.regel, b.status) for b in opnieuw.bevindingen] == [(b.regel, b.status) for b in rapport.bevindingen]


def test_een_geannoteerde_kopie_opnieuw_annoteren(tmp_path, invoer, rapport):
    eerste = tmp_path / "kopie.xlsx"
    eerste.write_bytes(annoteer(rapport, invoer.read_bytes()))
    tweede = annoteer(toets_bestand(lees_invoer(eerste)), eerste.read_bytes())
    assert openpyxl.load_workbook(io.BytesIO(tweede)).sheetnames[:3] == ["Toetsing (2)", "Toetsing", "Algemeen"]


def test_veranderd_werkplan_wordt_niet_geannoteerd(invoer, rapport):
    with pytest.raises(ToetsingFout, match="veranderd"):
        annoteer(rapport, invoer.read_bytes() + b"\0")


def test_commando_annoteer(tmp_path, capsys, invoer):
    werkplan = tmp_path / "mijn werkplan.xlsx"
    shutil.copy(invoer, werkplan)
    voor = hashlib.sha256(werkplan.read_bytes()).hexdigest()
    assert main(["annoteer", str(werkplan)]) == 1
    standaard = tmp_path / "mijn werkplan-getoetst.xlsx"
    assert openpyxl.load_workbook(standaard).sheetnames[0] == "Toetsing"
    assert "geschreven naar" in capsys.readouterr().err
    assert main(["annoteer", str(werkplan)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert main(["annoteer", str(werkplan), "-o", str(werkplan), "--overschrijf"]) == 2
    assert "het werkplan zelf" in capsys.readouterr().err
    assert main(["annoteer", str(werkplan), "-o", str(tmp_path / "kopie.xlsm")]) == 2
    assert hashlib.sha256(werkplan.read_bytes()).hexdigest() == voor


def test_macros_gaan_niet_mee(tmp_path, capsys, invoer):
    """An .xlsm is annotated as a plain .xlsx copy; the user is told the macros stayed behind."""
    xlsm = tmp_path / "met macro.xlsm"
    with zipfile.ZipFile(invoer) as bron, zipfile.ZipFile(xlsm, "w") as doel:
        for item in bron.infolist():
            doel.writestr(item, bron.read(item))
        doel.writestr("xl/vbaProject.bin", b"\0" * 64)
    doelpad = tmp_path / "kopie.xlsx"
    assert main(["annoteer", str(xlsm), "-o", str(doelpad)]) == 1
    assert "macro's" in capsys.readouterr().err
    with zipfile.ZipFile(doelpad) as kopie:
        assert not any("vba" in naam.lower() for naam in kopie.namelist())
