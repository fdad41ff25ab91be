"""Opening the workbook: files that cannot be read, hostile files, absurd sheets,
formulas, merged cells (toetsing/lezen/werkboek.py, through lees_werkplan)."""
from __future__ import annotations

import hashlib
import re
import time
import zipfile
from datetime import date

import pytest
from tests.lezen_helpers import compleet_werkplan, maak_werkboek, vervang_in_zip
from openpyxl import Workbook, load_workbook

from toetsing.fouten import ToetsingFout, WerkplanFout
from toetsing.lezen import lees_werkplan, werkboek
from toetsing.werkplan.model import Kwartaal, Plek

UREN = [["Onderdeel", "Uren"], ["Blok A", 100]]


def _fout(pad) -> str:
    with pytest.raises(WerkplanFout) as info:
        lees_werkplan(pad)
    tekst = str(info.value)
    assert "\n" not in tekst and str(pad) in tekst  # one line, naming the file
    assert isinstance(info.value, ToetsingFout)
    return tekst


# --- files that cannot be opened ---


def test_bestand_bestaat_niet(tmp_path):
    assert "bestaat niet" in _fout(tmp_path / "weg.xlsx")


def test_map_in_plaats_van_bestand(tmp_path):
    assert "map" in _fout(tmp_path)


def test_leeg_bestand(tmp_path):
    pad = tmp_path / "leeg.xlsx"
    pad.write_bytes(b"")
    assert "leeg" in _fout(pad) and "bewaar het als .xlsx" in _fout(pad)


def test_csv(tmp_path):
    pad = tmp_path / "werkplan.csv"
    pad.write_text("Veld;Waarde\nOrganisatie;Welzijn\n", encoding="utf-8")
    tekst = _fout(pad)
    assert "geen Excel-werkmap" in tekst and "bewaar het als .xlsx" in tekst


def test_oud_xls(tmp_path):
    pad = tmp_path / "werkplan.xls"
    pad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    assert "oud Excel-bestand (.xls)" in _fout(pad)


def test_versleuteld(tmp_path):
    # Excel stores a password-protected .xlsx as an OLE file with an EncryptedPackage stream
    pad = tmp_path / "werkplan.xlsx"
    pad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600) + "EncryptedPackage".encode("utf-16-le") + bytes(600))
    assert "wachtwoord" in _fout(pad)


def test_ods(tmp_path):
    pad = tmp_path / "werkplan.ods"
    with zipfile.ZipFile(pad, "w") as archief:
        archief.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archief.writestr("content.xml", "<office:document-content/>")
    assert "OpenDocument" in _fout(pad)


def test_beschadigde_zip(tmp_path):
    heel = maak_werkboek(tmp_path, compleet_werkplan())
    pad = tmp_path / "half.xlsx"
    pad.write_bytes(heel.read_bytes()[: heel.stat().st_size // 2])
    assert "beschadigd" in _fout(pad)


def test_zip_zonder_werkmap(tmp_path):
    pad = tmp_path / "brief.xlsx"  # e.g. a .docx renamed
    with zipfile.ZipFile(pad, "w") as archief:
        archief.writestr("word/document.xml", "<document/>")
    assert "kan niet als Excel-werkmap worden gelezen" in _fout(pad)


def test_xlsx_met_andere_extensie_wordt_gelezen(tmp_path):
    pad = maak_werkboek(tmp_path, {"Uren": UREN}, naam="werkplan.dat")
    assert lees_werkplan(pad).uren[0].uren.waarde == 100


def test_xlsm_wordt_gelezen_zonder_macro(tmp_path):
    pad = maak_werkboek(tmp_path, {"Uren": UREN}, naam="werkplan.xlsm")
    with zipfile.ZipFile(pad, "a") as archief:
        archief.writestr("xl/vbaProject.bin", b"\x00" * 512)  # never run, never kept
    werkplan = lees_werkplan(pad)
    assert werkplan.uren[0].uren.waarde == 100
    assert werkplan.meldingen == []


def test_invoer_wordt_niet_gewijzigd(tmp_path):
    pad = maak_werkboek(tmp_path, compleet_werkplan())
    voor = (hashlib.sha256(pad.read_bytes()).hexdigest(), pad.stat().st_mtime_ns)
    lees_werkplan(pad)
    assert (hashlib.sha256(pad.read_bytes()).hexdigest(), pad.stat().st_mtime_ns) == voor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["werkplan.xlsx"]


# --- hostile files ---

_LACHEN = (
    '<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>"
)


def _met_entiteiten(tmp_path):
    pad = maak_werkboek(tmp_path, {"Uren": UREN})
    with zipfile.ZipFile(pad) as archief:
        xml = archief.read("xl/worksheets/sheet1.xml").decode()
    begin = xml.index("<worksheet")
    xml = xml[:begin] + _LACHEN + xml[begin:].replace("Blok A", "&lol9;")
    return vervang_in_zip(pad, "xl/worksheets/sheet1.xml", xml.encode())


def test_billion_laughs_wordt_geweigerd(tmp_path):
    pad = _met_entiteiten(tmp_path)
    begin = time.monotonic()
    assert "DTD of entiteiten" in _fout(pad)
    assert time.monotonic() - begin < 5


def test_openpyxl_zelf_gebruikt_defusedxml(tmp_path):
    # also without our own scan of the archive, the entities are refused, not expanded
    pad = _met_entiteiten(tmp_path)
    with pytest.raises(WerkplanFout, match="DTD of entiteiten"):
        werkboek._load(pad, pad.read_bytes(), data_only=True)


def test_zipbom_wordt_geweigerd(tmp_path):
    pad = maak_werkboek(tmp_path, {"Uren": UREN})
    with zipfile.ZipFile(pad, "a", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("xl/media/nullen.bin", bytes(20 * 1024 * 1024))  # compresses ~1000x
    assert "zipbom" in _fout(pad)


def test_te_groot_uitgepakt_wordt_geweigerd(tmp_path, monkeypatch):
    pad = maak_werkboek(tmp_path, compleet_werkplan())
    monkeypatch.setattr(werkboek, "MAX_UNCOMPRESSED_BYTES", 1000)  # 200 MB in real life
    assert "zipbom" in _fout(pad)


def test_absurd_samengevoegd_gebied_wordt_geweigerd(tmp_path):
    # openpyxl creates an object for every merged cell: A1:XFD1048576 would never finish
    pad = maak_werkboek(tmp_path, {"Uren": UREN})
    with zipfile.ZipFile(pad) as archief:
        xml = archief.read("xl/worksheets/sheet1.xml").decode()
    xml = xml.replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="C1:XFD1048576"/></mergeCells>')
    assert "samengevoegde cellen" in _fout(vervang_in_zip(pad, "xl/worksheets/sheet1.xml", xml.encode()))


# --- absurd sheets ---


def test_opgemaakte_cel_ver_weg_kost_geen_miljoen_rijen(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Uren"
    for rij in UREN:
        ws.append(rij)
    ws.cell(row=1_048_576, column=16_384).number_format = "0.00"  # styled, empty
    ws.cell(row=1_048_576, column=1).number_format = "0.00"
    pad = tmp_path / "werkplan.xlsx"
    wb.save(pad)
    begin = time.monotonic()
    werkplan = lees_werkplan(pad)
    assert time.monotonic() - begin < 10
    assert [r.onderdeel.waarde for r in werkplan.uren] == ["A"]


def test_na_200_lege_rijen_stopt_de_tabel(tmp_path):
    rijen = [*UREN, *[[None]] * 200, ["Deelopdracht 3", 5]]
    werkplan = lees_werkplan(maak_werkboek(tmp_path, {"Uren": rijen}))
    assert [r.rij for r in werkplan.uren] == [2]


def test_hoogstens_10000_rijen_per_blad(tmp_path):
    rijen = [["Onderdeel", "Uren"], *[[f"Post {i}", i] for i in range(10_005)]]
    werkplan = lees_werkplan(maak_werkboek(tmp_path, {"Uren": rijen}))
    assert len(werkplan.uren) == 10_000
    assert werkplan.uren[-1].rij == 10_001
    assert [(m.blad, m.cel, m.tekst) for m in werkplan.meldingen] == [
        ("Uren", None, "het blad heeft meer dan 10000 rijen; alleen de eerste 10000 zijn gelezen")
    ]


# --- formulas and error values ---


# a formula without a calculated value: openpyxl writes <v /> or, since 3.1, <v></v>
LEGE_WAARDE = r"<f>40\*50</f><v ?/>|<f>40\*50</f><v></v>"


def _met_formules(tmp_path, berekend: bool):
    wb = Workbook()
    ws = wb.active
    ws.title = "Uren"
    ws.append(["Onderdeel", "Uren"])
    ws.append(["Blok A", "=40*50"])
    ws.append(["Deelopdracht 3", 10])
    pad = tmp_path / "formules.xlsx"
    wb.save(pad)
    if not berekend:
        return pad  # openpyxl stores formulas without a calculated value, as some tools do
    with zipfile.ZipFile(pad) as archief:
        xml = archief.read("xl/worksheets/sheet1.xml").decode()
    assert re.search(LEGE_WAARDE, xml)
    return vervang_in_zip(pad, "xl/worksheets/sheet1.xml", re.sub(LEGE_WAARDE, "<f>40*50</f><v>2000</v>", xml).encode())


def test_formule_met_berekende_waarde(tmp_path):
    werkplan = lees_werkplan(_met_formules(tmp_path, berekend=True))
    assert werkplan.uren[0].uren.waarde == 2000
    assert werkplan.uren[0].uren.plek == Plek(blad="Uren", cel="B2", kolom="Uren")
    assert werkplan.meldingen == []


@pytest.mark.parametrize("berekend,ladingen", [(True, 1), (False, 2)])
def test_tweede_lezing_alleen_voor_formules_zonder_waarde(tmp_path, monkeypatch, berekend, ladingen):
    """data_only reads an uncalculated formula as empty; only then is the workbook read a
    second time to find it (an empty Uren vorig jaar makes the reader ask)."""
    wb = Workbook()
    wb.active.title = "Uren"
    wb.active.append(["Onderdeel", "Uren", "Uren vorig jaar"])
    wb.active.append(["Blok A", "=40*50", None])
    pad = tmp_path / "formules.xlsx"
    wb.save(pad)
    if berekend:
        with zipfile.ZipFile(pad) as archief:
            xml = archief.read("xl/worksheets/sheet1.xml").decode()
        pad = vervang_in_zip(pad, "xl/worksheets/sheet1.xml", re.sub(LEGE_WAARDE, "<f>40*50</f><v>2000</v>", xml).encode())
    geladen = []
    echt = werkboek._load
    monkeypatch.setattr(werkboek, "_load", lambda *a, **k: geladen.append(k) or echt(*a, **k))
    werkplan = lees_werkplan(pad)
    assert len(geladen) == ladingen
    assert len(werkplan.meldingen) == (0 if berekend else 1)


def test_formule_zonder_berekende_waarde(tmp_path):
    werkplan = lees_werkplan(_met_formules(tmp_path, berekend=False))
    assert werkplan.uren[0].uren is None
    assert werkplan.uren[1].uren.waarde == 10  # the rest is still read
    [melding] = werkplan.meldingen
    assert (melding.blad, melding.cel) == ("Uren", "B2")
    assert melding.tekst == "de cel is een formule zonder berekende waarde; open en bewaar het bestand in Excel"
    assert str(melding).endswith("formules.xlsx, blad Uren!B2: " + melding.tekst)


def test_foutwaarde(tmp_path):
    werkplan = lees_werkplan(maak_werkboek(tmp_path, {"Uren": [["Onderdeel", "Uren"], ["Blok A", "#DIV/0!"]]}))
    assert werkplan.uren[0].uren is None
    assert [(m.cel, m.tekst) for m in werkplan.meldingen] == [
        ("B2", "de cel bevat de foutwaarde #DIV/0!; verbeter de formule of de invoer")
    ]


# --- merged, hidden ---


def test_samengevoegde_cel_telt_voor_elke_rij(tmp_path):
    pad = maak_werkboek(
        tmp_path,
        {
            "Producten": [
                ["Code", "Product", "Deelopdracht", "Oplevering"],
                ["TRENDRAPPORTAGE", "trendrapportage", "2. Jeugd", "Q1 2020"],
                ["TRENDRAPPORTAGE", "trendrapportage", None, "Q3 2020"],
                [None, "nog een rapport", None, "Q4 2020"],
                [None, None, None, None],
            ]
        },
    )
    wb = load_workbook(pad)
    wb["Producten"].merge_cells("C2:C5")
    wb.save(pad)
    werkplan = lees_werkplan(pad)
    assert [r.rij for r in werkplan.producten] == [2, 3, 4]  # a merge alone does not make a row
    for rij in werkplan.producten:
        assert rij.deelopdracht.waarde == 2
        assert rij.deelopdracht.plek == Plek(blad="Producten", cel="C2", kolom="Deelopdracht")


def test_samengevoegde_onleesbare_cel_geeft_een_melding(tmp_path):
    pad = maak_werkboek(tmp_path, {"Blok A": [["Functie", "Fte"], ["a", "veel"], ["b", None]]})
    wb = load_workbook(pad)
    wb["Blok A"].merge_cells("B2:B3")
    wb.save(pad)
    werkplan = lees_werkplan(pad)
    assert [(m.cel, m.tekst) for m in werkplan.meldingen] == [("B2", '"veel" is geen getal')]


def test_verborgen_rijen_en_kolommen_worden_gelezen(tmp_path):
    pad = maak_werkboek(
        tmp_path,
        {"Uren": [["Onderdeel", "Uren", "Uren vorig jaar"], ["Blok A", 100, 90], ["Deelopdracht 3", 50, 40]]},
    )
    wb = load_workbook(pad)
    ws = wb["Uren"]
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["C"].hidden = True
    wb.save(pad)
    werkplan = lees_werkplan(pad)
    assert [(r.onderdeel.waarde, r.uren.waarde, r.uren_vorig_jaar.waarde) for r in werkplan.uren] == [
        ("A", 100, 90),
        ("3", 50, 40),
    ]


def test_verborgen_blad_wordt_gelezen(tmp_path):
    pad = maak_werkboek(tmp_path, {"Voorblad": [["x"]], "Uren": UREN})
    wb = load_workbook(pad)
    wb["Uren"].sheet_state = "hidden"
    wb.save(pad)
    assert lees_werkplan(pad).uren[0].uren.waarde == 100


def test_excel_datum_en_procentcel(tmp_path):
    pad = maak_werkboek(
        tmp_path,
        {
            "Kengetallen": [["Code", "Waarde", "Eenheid"], ["BEREIK", 0.6, "%"]],
            "Producten": [["Code", "Oplevering"], ["X", date(2020, 11, 2)]],
        },
    )
    wb = load_workbook(pad)
    wb["Kengetallen"]["B2"].number_format = "0%"
    wb.save(pad)
    werkplan = lees_werkplan(pad)
    assert werkplan.kengetallen[0].waarde.waarde == 60
    assert werkplan.producten[0].oplevering.waarde == Kwartaal(jaar=2020, kwartaal=4, datum=date(2020, 11, 2))
    assert werkplan.meldingen == []



def test_samengevoegd_over_kolommen_telt_alleen_in_de_eigen_kolom(tmp_path):
    pad = maak_werkboek(
        tmp_path,
        {
            "Deelopdrachten": [
                ["Nr", "Uitwerking", "Resultaatmeting"],
                [1, "lange tekst over twee kolommen en twee rijen", None],
                [2, None, None],
            ]
        },
    )
    wb = load_workbook(pad)
    wb["Deelopdrachten"].merge_cells("B2:C3")
    wb.save(pad)
    werkplan = lees_werkplan(pad)
    assert [(r.nr.waarde, r.uitwerking.plek.cel, r.resultaatmeting) for r in werkplan.deelopdrachten] == [
        (1, "B2", None),
        (2, "B2", None),
    ]


@pytest.mark.parametrize("ref", ["A:B", "C1:XFD1048576", "1:200"])
def test_samenvoeging_zonder_grenzen_wordt_geweigerd(tmp_path, ref):
    pad = maak_werkboek(tmp_path, {"Uren": UREN})
    with zipfile.ZipFile(pad) as archief:
        xml = archief.read("xl/worksheets/sheet1.xml").decode()
    xml = xml.replace("</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>')
    assert "samengevoegde cellen" in _fout(vervang_in_zip(pad, "xl/worksheets/sheet1.xml", xml.encode()))


def test_onzinnige_samenvoeging_laat_de_controle_niet_vastlopen(tmp_path):
    pad = maak_werkboek(tmp_path, {"Uren": UREN})
    with zipfile.ZipFile(pad) as archief:
        xml = archief.read("xl/worksheets/sheet1.xml").decode()
    xml = xml.replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="onzin"/></mergeCells>')
    with pytest.raises(WerkplanFout, match="kan niet als Excel-werkmap worden gelezen"):
        lees_werkplan(vervang_in_zip(pad, "xl/worksheets/sheet1.xml", xml.encode()))
