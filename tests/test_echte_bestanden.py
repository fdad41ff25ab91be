"""Workbooks the way Excel, LibreOffice and people really save them, and the way a hostile
sender shapes them (issue 14), through the real command line: the exact Dutch melding or
verdict, no traceback, no English, the input unchanged. docs/veiligheid-en-privacy.md lists them.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.table import Table

from tests.test_robuust import CONFORM, bevinding, meldingen, onleesbaar, rapport, toets
from toetsing.cli import main
from toetsing.lezen import lees_werkplan

# transitional -> Strict, as Excel writes "Strict Open XML Spreadsheet"
NAAR_STRICT = (
    ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
     "http://purl.oclc.org/ooxml/officeDocument/relationships"),
    ("http://schemas.openxmlformats.org/drawingml/2006/", "http://purl.oclc.org/ooxml/drawingml/"),
)


def herschrijf(bron: Path, doel: Path, bewerk) -> Path:
    """A copy of `bron` with every XML member passed through bewerk(name, text)."""
    with zipfile.ZipFile(bron) as archief, zipfile.ZipFile(doel, "w", zipfile.ZIP_DEFLATED) as kopie:
        for lid in archief.infolist():
            inhoud = archief.read(lid)
            if lid.filename.endswith((".xml", ".rels")):
                inhoud = bewerk(lid.filename, inhoud.decode()).encode()
            kopie.writestr(lid.filename, inhoud)
    return doel


def strict(naam: str, tekst: str) -> str:
    for oud, nieuw in NAAR_STRICT:
        tekst = tekst.replace(oud, nieuw)
    if naam == "xl/workbook.xml":
        tekst = tekst.replace("<workbook ", '<workbook conformance="strict" ', 1)
    return tekst


def oordelen(verslag: dict) -> list[tuple[str, str]]:
    return [(b["regel"], b["status"]) for b in verslag["bevindingen"]]


def bewerk(tmp_path: Path, wijzig, naam: str = "werkplan.xlsx") -> Path:
    wb = load_workbook(CONFORM)
    wijzig(wb)
    pad = tmp_path / naam
    wb.save(pad)
    return pad


# --- 1. Strict Open XML, 1904 dates, inline strings, Excel tables ---


def test_strict_open_xml_wordt_gelezen_als_het_gewone_formaat(tmp_path, capsys):
    pad = herschrijf(CONFORM, tmp_path / "strict.xlsx", strict)
    assert b"purl.oclc.org" in zipfile.ZipFile(pad).read("xl/workbook.xml")
    assert oordelen(rapport(capsys, pad)) == oordelen(rapport(capsys, CONFORM))
    assert rapport(capsys, pad)["meldingen"] == []


def test_strict_open_xml_annoteren_houdt_alle_bladen(tmp_path, capsys):
    pad = herschrijf(CONFORM, tmp_path / "strict.xlsx", strict)
    voor = pad.read_bytes()
    kopie = tmp_path / "kopie.xlsx"
    code = main(["annoteer", str(pad), "--opdracht", "meierijstad-2020", "-o", str(kopie)])
    uit, fout = capsys.readouterr()
    assert (code, uit, fout) == (0, "", f"Het getoetste werkplan geschreven naar {kopie}.\n")
    assert pad.read_bytes() == voor
    assert load_workbook(kopie).sheetnames == ["Toetsing", *load_workbook(CONFORM).sheetnames]


def test_datums_in_het_1904_systeem(tmp_path, capsys):
    def mac(wb) -> None:
        wb.epoch = CALENDAR_MAC_1904

    pad = bewerk(tmp_path, mac)
    assert b'date1904="1"' in zipfile.ZipFile(pad).read("xl/workbook.xml")
    verslag = rapport(capsys, pad)
    assert verslag["meldingen"] == []
    assert oordelen(verslag) == oordelen(rapport(capsys, CONFORM))
    assert lees_werkplan(pad).algemeen.indieningsdatum.waarde == date(2019, 10, 11)


def _opgemaakt(naam: str, tekst: str) -> str:
    """Every inline text as Excel writes formatted text: in runs, the first one bold."""
    def runs(m: re.Match) -> str:
        inhoud = m[1]  # without entities, so that the split never cuts one
        helft = len(inhoud) // 2
        return f"<is><r><rPr><b/></rPr><t>{inhoud[:helft]}</t></r><r><t xml:space=\"preserve\">{inhoud[helft:]}</t></r></is>"

    if not naam.startswith("xl/worksheets/"):
        return tekst
    return re.sub(r"<is><t>([^<&]*)</t></is>", runs, tekst)


def test_tekst_in_de_cel_zelf_in_opgemaakte_stukken(tmp_path, capsys):
    pad = herschrijf(CONFORM, tmp_path / "inline.xlsx", _opgemaakt)
    assert b"<rPr><b/></rPr>" in zipfile.ZipFile(pad).read("xl/worksheets/sheet5.xml")
    verslag = rapport(capsys, pad)
    assert verslag["meldingen"] == []
    assert oordelen(verslag) == oordelen(rapport(capsys, CONFORM))


def test_blad_als_excel_tabel_opgemaakt(tmp_path, capsys):
    def tabel(wb) -> None:
        ws = wb["Kengetallen"]
        ws.add_table(Table(displayName="Kengetallen", ref=f"A2:E{ws.max_row}"))

    verslag = rapport(capsys, bewerk(tmp_path, tabel))
    assert verslag["meldingen"] == []
    assert oordelen(verslag) == oordelen(rapport(capsys, CONFORM))


def test_werkmap_zonder_een_enkel_blad_van_het_werkplan(tmp_path, capsys):
    def hernoem(wb) -> None:
        for i, blad in enumerate(wb.worksheets):
            blad.title = f"Blad{i + 1}"

    verslag = rapport(capsys, bewerk(tmp_path, hernoem))
    bladen = ", ".join(f'"Blad{i + 1}"' for i in range(8))
    assert meldingen(verslag) == [(None, None, "geen van de bladen van een werkplan gevonden (zoals Algemeen en "
                                   f"Kengetallen); de werkmap heeft de bladen {bladen}")]


# --- 2. percent formats and percent text ---


@pytest.mark.parametrize(("waarde", "notatie", "status"), [
    (50, '0" %"', "afwijkend"),
    (50, "0\\%", "afwijkend"),
    (60, '0" %"', "voldaan"),
    (0.5, "0%", "afwijkend"),
    (0.6, "[Blue]0%", "voldaan"),
    ("50 %", "General", "afwijkend"),
    ("60 %", "@", "voldaan"),
])
def test_procent_als_teken_of_als_notatie(tmp_path, capsys, waarde, notatie, status):
    def zet(wb) -> None:
        cel = wb["Kengetallen"]["C18"]  # JW-BEREIK, at least 60%
        cel.value, cel.number_format = waarde, notatie

    assert bevinding(rapport(capsys, bewerk(tmp_path, zet)), "JW-BEREIK")["status"] == status


# --- 3. hidden sheets ---


def _verborgen_tweeling(staat: str):
    def maak(wb) -> None:
        echt = wb["Kengetallen"]
        kopie = wb.copy_worksheet(echt)
        echt["C18"] = 10  # the hidden one would fail JW-BEREIK
        echt.sheet_state = staat
        kopie.title = "Kengetallen (2)"
        wb.active = 0

    return maak


@pytest.mark.parametrize(("staat", "woord"), [
    ("hidden", "verborgen"),
    ("veryHidden", "verborgen (zo dat Excel het niet zichtbaar kan maken)"),
])
def test_zichtbaar_blad_wint_van_een_verborgen_tweeling(tmp_path, capsys, staat, woord):
    # "Kengetallen (2)" is no synonym: make it one by naming the visible copy Indicatoren
    def maak(wb) -> None:
        _verborgen_tweeling(staat)(wb)
        wb["Kengetallen (2)"].title = "Indicatoren"

    pad = bewerk(tmp_path, maak)
    verslag = rapport(capsys, pad)
    assert lees_werkplan(pad).bladen["Kengetallen"] == "Indicatoren"
    assert meldingen(verslag) == [
        ("Kengetallen", None, f'dit blad is niet gelezen: het is {woord} en blad "Indicatoren" is gelezen als Kengetallen')
    ]
    assert bevinding(verslag, "JW-BEREIK")["status"] == "voldaan"


def test_een_verborgen_blad_zonder_tweeling_wordt_gelezen_en_gemeld(tmp_path, capsys):
    def verberg(wb) -> None:
        wb["Kengetallen"].sheet_state = "veryHidden"

    verslag = rapport(capsys, bewerk(tmp_path, verberg))
    assert meldingen(verslag) == [
        ("Kengetallen", None, "dit blad is verborgen (zo dat Excel het niet zichtbaar kan maken) en toch gelezen als "
         "Kengetallen; maak het zichtbaar of haal het weg")
    ]


# --- 4. group header rows ---


def test_rij_met_groepskoppen_boven_de_kopregel(tmp_path, capsys):
    def groepen(wb) -> None:
        ws = wb["Kengetallen"]
        ws["A1"], ws["C1"] = "Kengetal", "Streefwaarde"
        ws.merge_cells("A1:B1")
        ws.merge_cells("C1:D1")

    verslag = rapport(capsys, bewerk(tmp_path, groepen))
    assert verslag["meldingen"] == []
    assert oordelen(verslag) == oordelen(rapport(capsys, CONFORM))


def test_twee_rijen_die_bijna_even_goed_als_kopregel_passen(tmp_path, capsys):
    def twee(wb) -> None:
        ws = wb["Kengetallen"]
        ws["A1"], ws["B1"], ws["C1"], ws["D1"], ws["E1"] = "Code", "Kengetal", "Streefwaarde", "Per", "Uitleg"

    verslag = rapport(capsys, bewerk(tmp_path, twee))
    assert ("Kengetallen", None, "rij 2 is als kopregel gelezen; rij 1 noemt bijna even veel kolommen: kijk na of "
            "dat de goede rij is") in meldingen(verslag)


# --- 6. package integrity ---


def test_zip_met_hetzelfde_onderdeel_twee_keer(tmp_path, capsys):
    pad = tmp_path / "dubbel.xlsx"
    with zipfile.ZipFile(CONFORM) as archief, zipfile.ZipFile(pad, "w") as kopie:
        for lid in archief.infolist():
            kopie.writestr(lid.filename, archief.read(lid))
        with pytest.warns(UserWarning):  # zipfile itself knows it is wrong
            kopie.writestr("XL/worksheets/sheet5.xml".lower(), archief.read("xl/worksheets/sheet5.xml"))
    assert onleesbaar(capsys, pad) == (
        "het bestand bevat een onderdeel twee keer en is dus beschadigd; "
        "open het in Excel of LibreOffice en bewaar het als .xlsx"
    )


# --- 5. names with control, escape and bidi characters ---

VREEMD = "plan\x1b[31m\u202ekeer\nom"
TOONBAAR = "plan\\x1b[31m\\u202ekeer\\x0aom"
ONZICHTBAAR = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_vreemde_bestandsnaam_in_elk_rapport(tmp_path, capsys):
    pad = tmp_path / f"{VREEMD}.xlsx"
    pad.write_bytes(CONFORM.read_bytes())
    for formaat in ("tekst", "json", "html"):
        uitkomst = toets(capsys, pad, "--formaat", formaat)
        assert uitkomst.code == 0 and uitkomst.fout == ""
        uit = json.loads(uitkomst.uit)["werkplan"] if formaat == "json" else uitkomst.uit
        assert TOONBAAR in uit and not ONZICHTBAAR.search(uitkomst.uit)
    xlsx = tmp_path / "rapport.xlsx"
    assert main(["toets", str(pad), "--opdracht", "meierijstad-2020", "--formaat", "xlsx", "-o", str(xlsx)]) == 0
    capsys.readouterr()
    teksten = [c.value for ws in load_workbook(xlsx) for rij in ws.iter_rows() for c in rij if isinstance(c.value, str)]
    assert any(TOONBAAR in t for t in teksten) and not any(ONZICHTBAAR.search(t) for t in teksten)


def test_vreemde_uitvoernaam_in_de_melding(tmp_path, capsys):
    """The one-line message quotes the -o path as typed, its escape characters made visible."""
    doel = tmp_path / "rapport\x1b[31m\u202e.txt"
    doel.write_text("er staat al iets")
    assert main(["toets", str(CONFORM), "-o", str(doel)]) == 2
    fout = capsys.readouterr().err
    assert "bestaat al" in fout and "rapport\\x1b[31m\\u202e.txt" in fout and not ONZICHTBAAR.search(fout)
    assert doel.read_text() == "er staat al iets"


def test_vreemde_bestandsnaam_breekt_de_reeks_niet_af(tmp_path, capsys):
    map_ = tmp_path / "plannen"
    map_.mkdir()
    (map_ / f"{VREEMD}.xlsx").write_bytes(b"geen zip")
    (map_ / "goed.xlsx").write_bytes(CONFORM.read_bytes())
    code = main(["toets", str(map_), "--opdracht", "meierijstad-2020", "-o", str(tmp_path / "uit")])
    uit, fout = capsys.readouterr()
    assert code == 2 and "Traceback" not in fout
    assert "plan\\x1b[31m" in uit + fout and not ONZICHTBAAR.search(uit + fout)  # the summary wraps lines
    assert (tmp_path / "uit" / "goed-rapport.txt").is_file()


def test_vreemde_bladnaam_overal_zichtbaar_gemaakt(tmp_path, capsys):
    def hernoem(wb) -> None:
        ws = wb["Formatie"]
        ws.title = "Formatie\u202e\x9b"
        ws["B3"] = "veel"  # Fte: a melding on this sheet

    pad = bewerk(tmp_path, hernoem)
    verslag = rapport(capsys, pad)
    bladen = {m["blad"] for m in verslag["meldingen"]}
    assert bladen == {"Formatie\\u202e\\x9b"}
    kopie = tmp_path / "kopie.xlsx"
    assert main(["annoteer", str(pad), "--opdracht", "meierijstad-2020", "-o", str(kopie)]) == 1
    capsys.readouterr()
    assert "Formatie\u202e\x9b" in load_workbook(kopie).sheetnames  # the organisation's own sheet, untouched


def test_werkplan_met_de_naam_van_een_optie(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("-o.xlsx").write_bytes(CONFORM.read_bytes())
    assert main(["toets", "--opdracht", "meierijstad-2020", "--", "-o.xlsx"]) == 0
    uit, fout = capsys.readouterr()
    assert fout == "" and "-o.xlsx" in uit


# --- 7. no library or operating system text reaches the user ---

UITBREIDING = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" count="1">'
    '<x14:dataValidation type="list"><x14:formula1><xm:f>Lijsten!$A$1:$A$2</xm:f></x14:formula1>'
    '<xm:sqref>C3</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>'
)


def test_geen_waarschuwing_van_openpyxl_bij_toetsen_of_annoteren(tmp_path):
    # in a process of its own: pytest would catch the warnings before they reach stderr
    pad = herschrijf(CONFORM, tmp_path / "uitbreiding.xlsx",
                     lambda n, t: t.replace("</worksheet>", UITBREIDING + "</worksheet>") if n.endswith("sheet5.xml") else t)
    voor = pad.read_bytes()
    kopie = tmp_path / "kopie.xlsx"
    for opdracht, uitvoer in (("toets", []), ("annoteer", ["-o", str(kopie)])):
        klaar = subprocess.run([sys.executable, "-m", "toetsing.cli", opdracht, str(pad), "--opdracht", "meierijstad-2020",
                                *uitvoer], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1],
                               timeout=120)
        assert klaar.returncode == 0
        assert klaar.stderr == ("" if opdracht == "toets" else f"Het getoetste werkplan geschreven naar {kopie}.\n")
    assert pad.read_bytes() == voor


def test_snelkoppeling_in_een_kring(tmp_path, capsys):
    pad = tmp_path / "kring.xlsx"
    pad.symlink_to(pad)
    assert onleesbaar(capsys, pad) == (
        "het bestand kan niet worden gelezen: de snelkoppeling (symbolische link) wijst in een kring naar zichzelf"
    )


# --- 8. texts that look like formulas stay text ---


def test_formuletekst_blijft_tekst_in_de_kopie_en_het_rapport(tmp_path, capsys):
    def zet(wb) -> None:
        for cel, tekst in (("Algemeen!B3", '=HYPERLINK("http://example.org")'), ("Kengetallen!C6", "-in overleg")):
            blad, ref = cel.split("!")
            wb[blad][ref].value = tekst
            wb[blad][ref].data_type = "s"  # typed as text, as after a quote prefix

    pad = bewerk(tmp_path, zet)
    kopie, xlsx = tmp_path / "kopie.xlsx", tmp_path / "rapport.xlsx"
    main(["annoteer", str(pad), "--opdracht", "meierijstad-2020", "-o", str(kopie)])
    main(["toets", str(pad), "--opdracht", "meierijstad-2020", "--formaat", "xlsx", "-o", str(xlsx)])
    capsys.readouterr()
    eigen = load_workbook(kopie)["Kengetallen"]["C6"]
    assert (eigen.value, eigen.quotePrefix) == ("-in overleg", True)
    cellen = [c for ws in load_workbook(xlsx) for rij in ws.iter_rows() for c in rij
              if isinstance(c.value, str) and c.value.startswith(("=", "-", "+", "@"))]
    assert cellen and all(c.quotePrefix and c.data_type == "s" for c in cellen)


# --- 9. web server bounds ---


@pytest.fixture
def webserver(monkeypatch):
    import socket
    import threading
    import time

    from toetsing.web import app as web

    monkeypatch.setattr(web, "KOP_TIJD", 0.5)
    monkeypatch.setattr(web, "LEES_TIJD", 0.5)
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        poort = vrij.getsockname()[1]
    server = web.server(web.maak_app(), "127.0.0.1", poort)
    draad = threading.Thread(target=server.run, daemon=True)
    draad.start()
    while not server.started:
        time.sleep(0.05)
    yield poort
    server.should_exit = True
    draad.join(10)


def _antwoord(poort: int, verzoek: bytes) -> bytes:
    import socket

    with socket.create_connection(("127.0.0.1", poort), timeout=10) as verbinding:
        verbinding.sendall(verzoek)
        ontvangen = b""
        while deel := verbinding.recv(65536):
            ontvangen += deel
        return ontvangen


def test_trage_kopregels_sluiten_de_verbinding(webserver):
    assert _antwoord(webserver, b"GET / HTTP/1.1\r\nHost: x\r\n") == b""  # the blank line never comes


def test_trage_kopregels_van_het_volgende_verzoek_sluiten_de_verbinding(webserver):
    """On a kept-alive connection the clock runs again after each response."""
    import socket
    import time

    with socket.create_connection(("127.0.0.1", webserver), timeout=10) as verbinding:
        verbinding.sendall(b"GET /static/web.css HTTP/1.1\r\nHost: x\r\n\r\n")
        ontvangen = b""
        while b"\r\n\r\n" not in ontvangen:
            ontvangen += verbinding.recv(65536)
        kop, _, lijf = ontvangen.partition(b"\r\n\r\n")
        lengte = int(next(r.split(b":")[1] for r in kop.split(b"\r\n") if r.lower().startswith(b"content-length")))
        while len(lijf) < lengte:
            lijf += verbinding.recv(65536)
        assert kop.startswith(b"HTTP/1.1 200")
        begin = time.monotonic()
        verbinding.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # the blank line never comes
        assert verbinding.recv(65536) == b""  # closed, nothing answered
        assert time.monotonic() - begin < 5  # by the clock (0.5 s here), not by the socket's timeout


def test_trage_upload_krijgt_een_nederlandse_melding(webserver):
    antwoord = _antwoord(webserver, b"POST /toetsen HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
                                    b"boundary=g\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n--g\r\n")
    assert antwoord.startswith(b"HTTP/1.1 408")
    assert "Het bestand kwam te langzaam binnen en is niet getoetst." in antwoord.decode()


def test_commando_web_start_met_de_grenzen(monkeypatch, capsys):
    import uvicorn

    from toetsing.web import app as web

    gestart = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **opties: gestart.append(opties))
    assert main(["web"]) == 0
    capsys.readouterr()
    assert gestart == [{"host": "127.0.0.1", "port": 8000, "server_header": False, "http": web._Kopklok,
                        "limit_concurrency": web.MAX_VERBINDINGEN, "timeout_keep_alive": web.KEEP_ALIVE,
                        "log_level": "error", "access_log": False}]


# --- the same shapes, saved by LibreOffice Calc ---


@pytest.mark.libreoffice
def test_procentteken_en_verborgen_tweeling_na_libreoffice(tmp_path, capsys):
    from tests.test_lezen_libreoffice import _bewaar_met_libreoffice

    def maak(wb) -> None:
        _verborgen_tweeling("hidden")(wb)
        wb["Kengetallen (2)"].title = "Indicatoren"
        cel = wb["Indicatoren"]["C18"]
        cel.value, cel.number_format = 50, '0" %"'

    pad = _bewaar_met_libreoffice(bewerk(tmp_path, maak), tmp_path / "lo")
    verslag = rapport(capsys, pad)
    assert meldingen(verslag) == [
        ("Kengetallen", None, 'dit blad is niet gelezen: het is verborgen en blad "Indicatoren" is gelezen als Kengetallen')
    ]
    assert bevinding(verslag, "JW-BEREIK")["status"] == "afwijkend"
