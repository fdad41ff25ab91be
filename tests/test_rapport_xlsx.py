"""The Excel report: a summary sheet and a bevindingen sheet, rendered from the Rapport
model, with status words and colours, a filter, a frozen header and print settings."""
from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from toetsing.cli import main
from toetsing.dienst import lees_invoer, toets_bestand, toets_verantwoording_bestand
from toetsing.rapport import weergave
from toetsing.rapport.als_xlsx import KOLOMMEN, als_xlsx
from toetsing.rapport.annoteren import annoteer
from toetsing.regels.model import Status

CONCEPT = Path(__file__).resolve().parents[1] / "voorbeelden" / "werkplan-concept.xlsx"


@pytest.fixture(scope="module")
def rapport():
    return toets_bestand(lees_invoer(CONCEPT))


@pytest.fixture(scope="module")
def wb(rapport):
    return openpyxl.load_workbook(io.BytesIO(als_xlsx(rapport)))


def _waarden(ws) -> dict:
    """Column A label -> the row's other values, for the summary sheet."""
    return {r[0].value: [c.value for c in r[1:]] for r in ws.iter_rows() if r[0].value is not None}


def test_samenvatting_noemt_werkplan_opdracht_en_tellingen(wb, rapport):
    assert wb.sheetnames == ["Samenvatting", "Bevindingen"]
    ws = wb["Samenvatting"]
    regels = _waarden(ws)
    assert regels["Werkplan"][0] == CONCEPT.name  # the file name only, never a folder of this machine
    assert regels["Organisatie"][0] == rapport.organisatie
    assert "meierijstad-2020" in regels["Opdracht"][0]
    assert regels["Getoetst op"][0] == rapport.getoetst_op.strftime("%d-%m-%Y %H:%M")
    for status in Status:
        assert regels[weergave.statuswoord(status)][0] == rapport.telling()[status.value]
    assert regels["! afwijkend"][0] > 0 and regels["✘ ontbreekt"][0] > 0


def test_samenvatting_per_blok_en_deelopdracht(wb, rapport):
    regels = _waarden(wb["Samenvatting"])
    groepen = [naam for naam in regels if naam == "Algemeen" or naam.startswith("Blok ") and " – " in naam]
    assert groepen[0] == "Algemeen" and "Blok B – deelopdracht 13" in groepen[-1]
    totaal = 0
    for naam in groepen:
        *per_status, som = regels[naam][:5]
        assert sum(per_status) == som
        totaal += som
    assert totaal == len(rapport.bevindingen)
    # the draft leaves out deelopdracht 9: its rules on the Deelopdrachten sheet ontbreken
    ontbreken = sum(b.deelopdracht == 9 and b.status == Status.ontbreekt for b in rapport.bevindingen)
    assert weergave.STATUSSEN[0] == Status.ontbreekt and regels["Blok B – deelopdracht 9: Dementie"][0] == ontbreken >= 3


def test_samenvatting_toont_ontvangst_en_onleesbare_cellen(wb):
    regels = _waarden(wb["Samenvatting"])
    assert regels["Vingerafdruk bestand (sha256)"][0] == hashlib.sha256(CONCEPT.read_bytes()).hexdigest()
    assert len(regels["Vingerafdruk regels (sha256)"][0]) == 64
    assert regels["Bestand"][0] == "werkplan-concept.xlsx"
    assert regels["Getoetst met"][0].startswith("toetsing ")
    assert '"zestig" is geen getal' in regels["Kengetallen!C18"][0]


def test_bevindingen_een_rij_per_bevinding(wb, rapport):
    ws = wb["Bevindingen"]
    assert [c.value for c in ws[1]] == [k for k, _ in KOLOMMEN]
    rijen = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert len(rijen) == ws.max_row - 1 == len(rapport.bevindingen)
    cjg = rijen["CJG-BEREIKBAARHEID"]
    assert [c.value for c in cjg] == [
        "CJG-BEREIKBAARHEID", "Het CJG is minimaal 5 dagen per week telefonisch en digitaal bereikbaar",
        "! afwijkend", "CJG-DIGITAAL is 4 dagen per week; de opdracht vraagt minimaal 5 dagen per week.",
        "Kengetallen!C4: 4", "minimaal 5 dagen per week", "Zet op het blad Kengetallen bij CJG-DIGITAAL minimaal 5 dagen per week.",
        "Blok B – deelopdracht 1: CJG", cjg[8].value, cjg[9].value, "Kengetallen!C4"]
    assert "Deelopdracht 1 (CJG)" in cjg[8].value and "minimaal 5 dagen per week telefonisch" in cjg[9].value
    assert rijen["DEKKING-B09"][10].value is None  # ontbreekt: no cell to point at
    assert "onderaan het blad Deelopdrachten" in rijen["DEKKING-B09"][6].value


def test_status_in_woord_en_kleur(wb, rapport):
    ws = wb["Bevindingen"]
    per_status = {}
    for rij in ws.iter_rows(min_row=2):
        status = next(b.status for b in rapport.bevindingen if b.regel == rij[0].value)
        cel = rij[2]
        assert cel.value == weergave.statuswoord(status)
        assert cel.fill.fgColor.rgb[-6:] == weergave.KLEUREN[status][1]
        assert cel.font.color.rgb[-6:] == weergave.KLEUREN[status][0]
        per_status[status] = cel.fill.fgColor.rgb
    assert len(set(per_status.values())) == len(per_status) >= 3


def test_filter_vaste_kop_breedtes_en_afdrukken(wb):
    ws = wb["Bevindingen"]
    assert ws.auto_filter.ref == f"A1:K{ws.max_row}"
    assert ws.freeze_panes == "B2"
    # the Toelichting is the widest column; a rule id fits on one line (tests/test_afdrukken.py: the page)
    breedtes = {k: ws.column_dimensions[k].width for k in "ABCDEFGH"}
    assert max(breedtes, key=breedtes.get) == "D" and breedtes["A"] >= len("BEGROTING-KADER")
    assert ws["D2"].alignment.wrap_text and ws["D2"].alignment.vertical == "top"
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"


def test_commando_schrijft_excel_rapport(tmp_path, capsys):
    doel = tmp_path / "rapport.xlsx"
    assert main(["toets", str(CONCEPT), "--formaat", "xlsx", "-o", str(doel)]) == 1
    assert openpyxl.load_workbook(doel)["Bevindingen"]["A1"].value == "Regel"
    assert main(["toets", str(CONCEPT), "--formaat", "xlsx", "-o", str(doel)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert main(["toets", str(CONCEPT), "--formaat", "xlsx", "-o", str(doel), "--overschrijf"]) == 1


def test_commando_excel_rapport_vraagt_een_xlsx_naam_en_nooit_het_werkplan(tmp_path, capsys):
    assert main(["toets", str(CONCEPT), "--formaat", "xlsx"]) == 2
    assert "-o rapport.xlsx" in capsys.readouterr().err
    assert main(["toets", str(CONCEPT), "--formaat", "xlsx", "-o", str(tmp_path / "rapport.csv")]) == 2
    kopie = tmp_path / "w.xlsx"
    shutil.copy(CONCEPT, kopie)
    voor = kopie.read_bytes()
    assert main(["toets", str(kopie), "--formaat", "xlsx", "-o", str(kopie), "--overschrijf"]) == 2
    assert "het werkplan zelf" in capsys.readouterr().err
    assert kopie.read_bytes() == voor


VOORBEELDEN = CONCEPT.parent
TEKORTEN = VOORBEELDEN / "verantwoording-2020-tekorten.xlsx"
CONFORM = VOORBEELDEN / "werkplan-conform.xlsx"


def test_verantwoording_noemt_beide_bestanden(tmp_path):
    doel = tmp_path / "rapport.xlsx"
    assert main(["verantwoording", str(TEKORTEN), "--werkplan", str(CONFORM), "--formaat", "xlsx", "-o", str(doel)]) == 1
    ws = openpyxl.load_workbook(doel)["Samenvatting"]
    assert ws["A1"].value == "Toetsingsrapport verantwoording"
    regels = _waarden(ws)
    assert regels["Verantwoording"][0] == TEKORTEN.name
    assert regels["Werkplan (toezegging)"][0] == CONFORM.name
    assert "Werkplan" not in regels
    assert regels["Bestand"][0] == TEKORTEN.name  # the receipt is the verantwoording's


def test_verantwoording_annoteren_met_onleesbare_cel_in_het_werkplan(tmp_path):
    """The report of a verantwoording names unreadable cells of both files; the annotated copy
    of the verantwoording marks and links only its own."""
    werkplan = tmp_path / "werkplan.xlsx"
    wb = openpyxl.load_workbook(CONFORM)
    wb["Kengetallen"]["C3"] = "vijf"
    wb.save(werkplan)
    rapport = toets_verantwoording_bestand(lees_invoer(TEKORTEN), lees_invoer(werkplan))
    assert [m.bestand for m in rapport.meldingen] == [str(werkplan)]
    kopie = openpyxl.load_workbook(io.BytesIO(annoteer(rapport, TEKORTEN.read_bytes())))
    ws = kopie["Toetsing"]
    assert ws["A1"].value == "Toetsingsrapport verantwoording"
    regels = _waarden(ws)
    assert regels["Werkplan (toezegging)"][0] == werkplan.name
    melding = regels["werkplan.xlsx: Kengetallen!C3"]
    assert '"vijf" is geen getal' in melding[0]
    assert ws.cell(next(c.row for c in ws["A"] if c.value == "werkplan.xlsx: Kengetallen!C3"), 1).hyperlink is None
    assert "Niet te lezen" not in kopie["Kengetallen"]["C3"].comment.text  # the verantwoording's own C3 is fine


def test_tekst_met_isgelijkteken_blijft_tekst_in_rapport_en_kopie(tmp_path):
    """A werkplan's '=...' (e.g. as Organisatie) must not become a live formula in what we write."""
    werkplan = tmp_path / "w.xlsx"
    wb = openpyxl.load_workbook(CONFORM)
    ws = wb["Algemeen"]
    rij = next(r for r in ws.iter_rows() if r[0].value == "Organisatie")
    rij[1].value = '=HYPERLINK("http://example.invalid","klik")'
    rij[1].data_type = "s"  # a text that starts with '=', as a user can type it ('=... in a text cell)
    wb.save(werkplan)
    doel = tmp_path / "r.xlsx"
    main(["toets", str(werkplan), "--formaat", "xlsx", "-o", str(doel)])
    kopie = tmp_path / "k.xlsx"
    main(["annoteer", str(werkplan), "-o", str(kopie)])
    for pad, blad in ((doel, "Samenvatting"), (kopie, "Toetsing")):
        cellen = [c for r in openpyxl.load_workbook(pad)[blad].iter_rows() for c in r if isinstance(c.value, str)]
        assert any("HYPERLINK" in c.value for c in cellen), pad  # the text is there...
        assert not [c for c in cellen if c.data_type == "f"], pad  # ...as text
