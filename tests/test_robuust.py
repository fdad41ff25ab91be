"""Bad and hostile werkplannen through the real command line (issue 4).

A werkplan that cannot be read gives exit status 2 and one Dutch line naming the file; a
readable one gives 0 or 1, with what could not be read as Meldingen naming sheet and
cell. Never a traceback, never a changed input file, bounded time and memory.
The exact lines below are what a user sees; docs/veiligheid-en-privacy.md lists them.
"""
from __future__ import annotations

import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time as tijdstip
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.lezen_helpers import vervang_in_zip
from toetsing.cli import main
from toetsing.dienst import engine_voor

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
CONFORM = VOORBEELDEN / "werkplan-conform.xlsx"
CONCEPT = VOORBEELDEN / "werkplan-concept.xlsx"
OPDRACHT = "meierijstad-2020"
# what main prints for a defect of ours: a bad werkplan must never get there
DEFECT = "er ging iets mis in het programma zelf"

OPNIEUW = "open het in Excel of LibreOffice en bewaar het als .xlsx"
BESCHADIGD = f"het bestand is beschadigd of geen .xlsx; {OPNIEUW}"
ZIPBOM = "het bestand pakt uit tot verdacht veel gegevens (zipbom) en wordt niet geopend"
ENTITEITEN = "het bestand bevat XML met een DTD of entiteiten, wat in een .xlsx niet hoort, en wordt niet geopend"
TE_GROOT = (
    "het bestand is te groot voor een werkplan (meer dan 100.000 cellen, 500.000 onderdelen of 20 MB aan tekst en "
    "opmaak) en wordt niet geopend; haal lege rijen en kolommen met opmaak weg en bewaar het opnieuw"
)


@dataclass
class Uitkomst:
    code: int
    uit: str
    fout: str


def toets(capsys, pad: Path, *opties: str) -> Uitkomst:
    """`toetsing toets` in this process, checking what holds for every input."""
    voor = pad.read_bytes() if pad.is_file() else None
    code = main(["toets", str(pad), "--opdracht", OPDRACHT, *opties])
    uit, fout = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "Traceback" not in fout and DEFECT not in fout, fout
    if voor is not None:
        assert pad.read_bytes() == voor  # the werkplan is never changed
    return Uitkomst(code, uit, fout)


def onleesbaar(capsys, pad: Path) -> str:
    """Exit 2, nothing on stdout, one line on stderr naming the file; returns the rest of it."""
    uitkomst = toets(capsys, pad)
    assert (uitkomst.code, uitkomst.uit) == (2, "")
    [regel] = uitkomst.fout.splitlines()
    voorvoegsel = f"toetsing: {pad}: "
    assert regel.startswith(voorvoegsel), regel
    return regel.removeprefix(voorvoegsel)


def rapport(capsys, pad: Path) -> dict:
    """Exit 0 or 1 and the JSON report; every Melding names the file (its name: no folder of this
    machine in a report) and, for a cell, its sheet."""
    uitkomst = toets(capsys, pad, "--formaat", "json")
    assert uitkomst.code in (0, 1) and uitkomst.fout == "", uitkomst.fout
    verslag = json.loads(uitkomst.uit)
    for melding in verslag["meldingen"]:
        assert melding["bestand"] == pad.name and (melding["blad"] or not melding["cel"])
    return verslag


def meldingen(verslag: dict) -> list[tuple[str | None, str | None, str]]:
    return [(m["blad"], m["cel"], m["tekst"]) for m in verslag["meldingen"]]


def bevinding(verslag: dict, regel: str) -> dict:
    return next(b for b in verslag["bevindingen"] if b["regel"] == regel)


# --- building bad werkplannen from the conform example ---


def blad_xml(titel: str) -> str:
    """The archive member of a sheet of the examples (openpyxl numbers them in order)."""
    with zipfile.ZipFile(CONFORM) as archief:
        # openpyxl writes the attributes of <sheet> in an order that differs between versions
        titels = re.findall(r'<sheet\b[^>]*?\bname="([^"]+)"', archief.read("xl/workbook.xml").decode())
    return f"xl/worksheets/sheet{titels.index(titel) + 1}.xml"


def bewerk_lid(bron: Path, lid: str, bewerk: Callable[[str], str], doel: Path) -> Path:
    """A copy of `bron` with one archive member's XML edited."""
    with zipfile.ZipFile(bron) as archief:
        xml = archief.read(lid).decode()
    nieuw = bewerk(xml)
    assert nieuw != xml
    return vervang_in_zip(bron, lid, nieuw.encode(), doel)


def bewerk_blad(tmp_path: Path, titel: str, bewerk: Callable[[str], str]) -> Path:
    return bewerk_lid(CONFORM, blad_xml(titel), bewerk, tmp_path / "werkplan.xlsx")


def zet_cel(cel: str, xml_van_cel: str) -> Callable[[str], str]:
    """Replace one cell of a sheet's XML by raw XML (for what Excel would not write)."""
    return lambda xml: re.sub(rf'<c r="{cel}"(?: [^>]*)?(?:/>|>.*?</c>)', xml_van_cel, xml, count=1)


def voor_sheetdata(tekst: str) -> Callable[[str], str]:
    return lambda xml: xml.replace("</sheetData>", tekst + "</sheetData>")


def na_sheetdata(tekst: str) -> Callable[[str], str]:
    return lambda xml: xml.replace("</sheetData>", "</sheetData>" + tekst)


def met_doctype(doctype: str, oud: str, nieuw: str) -> Callable[[str], str]:
    def bewerk(xml: str) -> str:
        begin = xml.index("<", xml.index("?>") + 2 if xml.startswith("<?xml") else 0)
        return xml[:begin] + doctype + xml[begin:].replace(oud, nieuw, 1)

    return bewerk


def bewerk_werkboek(tmp_path: Path, bewerk: Callable[[Workbook], None]) -> Path:
    werkboek = load_workbook(CONFORM)
    bewerk(werkboek)
    pad = tmp_path / "werkplan.xlsx"
    werkboek.save(pad)
    return pad


def met_cel(blad: str, cel: str, waarde: object) -> Callable[[Workbook], None]:
    def bewerk(werkboek: Workbook) -> None:
        werkboek[blad][cel] = waarde

    return bewerk


def schrijf(naam: str, inhoud: bytes) -> Callable[[Path], Path]:
    def maak(tmp_path: Path) -> Path:
        pad = tmp_path / naam
        pad.write_bytes(inhoud)
        return pad

    return maak


def zip_met(leden: dict[str, bytes], naam: str = "werkplan.xlsx", op: bytes = b"") -> Callable[[Path], Path]:
    """A zip with these members, added to the zip `op` when given."""
    def maak(tmp_path: Path) -> Path:
        pad = tmp_path / naam
        pad.write_bytes(op)
        with zipfile.ZipFile(pad, "a", zipfile.ZIP_DEFLATED) as archief:
            for lid, inhoud in leden.items():
                archief.writestr(lid, inhoud)
        return pad

    return maak


def voorbeeld_plus(leden: dict[str, bytes], naam: str = "werkplan.xlsx") -> Callable[[Path], Path]:
    return zip_met(leden, naam, CONFORM.read_bytes())


def afgebroken(tmp_path: Path) -> Path:
    return schrijf("werkplan.xlsx", CONFORM.read_bytes()[: CONFORM.stat().st_size // 2])(tmp_path)


def bytes_omgedraaid(tmp_path: Path) -> Path:
    """Damage inside a compressed member: the zip's checksum no longer matches."""
    data = bytearray(CONFORM.read_bytes())
    with zipfile.ZipFile(CONFORM) as archief:
        lid = archief.getinfo(blad_xml("Kengetallen"))
    begin = lid.header_offset + 30 + len(lid.filename) + len(lid.extra) + lid.compress_size // 2
    data[begin : begin + 8] = bytes(b ^ 0xFF for b in data[begin : begin + 8])
    return schrijf("werkplan.xlsx", bytes(data))(tmp_path)


def zip_wachtwoord(tmp_path: Path) -> Path:
    """A zip member flagged as encrypted (zip's own password, not Excel's)."""
    data = bytearray(CONFORM.read_bytes())
    for kop, plek in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        for gevonden in re.finditer(re.escape(kop), data):
            data[gevonden.start() + plek] |= 1
    return schrijf("werkplan.xlsx", bytes(data))(tmp_path)


def verschoven_inhoudsopgave(tmp_path: Path) -> Path:
    """The zip's table of contents claims to start 1 MB later: every member then lies before the file."""
    data = bytearray(CONFORM.read_bytes())
    eind = data.rindex(b"PK\x05\x06")
    plek = int.from_bytes(data[eind + 16 : eind + 20], "little") + 2**20
    data[eind + 16 : eind + 20] = plek.to_bytes(4, "little")
    return schrijf("werkplan.xlsx", bytes(data))(tmp_path)


def beschadigd_bzip2_lid(tmp_path: Path) -> Path:
    """The example repacked with bzip2 (a method zip allows), one member's compressed data garbled."""
    pad = tmp_path / "werkplan.xlsx"
    with zipfile.ZipFile(CONFORM) as bron, zipfile.ZipFile(pad, "w", zipfile.ZIP_BZIP2) as doel:
        for lid in bron.infolist():
            doel.writestr(lid.filename, bron.read(lid))
    data = bytearray(pad.read_bytes())
    with zipfile.ZipFile(pad) as archief:
        lid = archief.getinfo("xl/workbook.xml")
    begin = lid.header_offset + 30 + len(lid.filename) + len(lid.extra)
    data[begin + 4 : begin + 24] = bytes(20)  # after the "BZh9" header
    pad.write_bytes(bytes(data))
    return pad


def te_groot(tmp_path: Path) -> Path:
    """201 MB on paper (a sparse file): refused before a byte is read."""
    pad = tmp_path / "werkplan.xlsx"
    with pad.open("wb") as bestand:
        bestand.truncate(201 * 2**20)
    return pad


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Excel stores a password-protected .xlsx as an OLE file with an EncryptedPackage stream
_VERSLEUTELD = _OLE + bytes(600) + "EncryptedPackage".encode("utf-16-le") + bytes(600)
_LACHEN = (
    '<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>"
)
_PASSWD = '<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]>'

ONLEESBAAR = {
    "geen spreadsheet": (schrijf("werkplan.xlsx", b"Beste gemeente, hierbij ons werkplan."),
                         f"dit is geen Excel-werkmap (.xlsx); {OPNIEUW}"),
    "leeg bestand": (schrijf("werkplan.xlsx", b""), f"het bestand is leeg; {OPNIEUW}"),
    "afgebroken zip": (afgebroken, BESCHADIGD),
    "beschadigde bytes in de zip": (bytes_omgedraaid, BESCHADIGD),
    "zip met wachtwoord": (zip_wachtwoord, BESCHADIGD),
    "beschadigd bzip2-lid": (beschadigd_bzip2_lid, BESCHADIGD),
    "zip met verschoven inhoudsopgave": (verschoven_inhoudsopgave, BESCHADIGD),
    "oud Excel (.xls)": (schrijf("werkplan.xls", _OLE + bytes(2000)), f"dit is een oud Excel-bestand (.xls); {OPNIEUW}"),
    "OpenDocument (.ods)": (
        zip_met({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}, "werkplan.ods"),
        "dit is een OpenDocument-bestand (.ods); bewaar het in LibreOffice als Excel-werkmap (.xlsx)",
    ),
    "csv": (schrijf("werkplan.csv", "Veld;Waarde\nOrganisatie;Welzijn\n".encode()),
            f"dit is geen Excel-werkmap (.xlsx); {OPNIEUW}"),
    "met wachtwoord versleuteld": (
        schrijf("werkplan.xlsx", _VERSLEUTELD),
        "het bestand is met een wachtwoord versleuteld; haal het wachtwoord weg en bewaar het opnieuw als .xlsx",
    ),
    "Word-document als .xlsx": (
        zip_met({"word/document.xml": b"<document/>"}),
        f"het bestand kan niet als Excel-werkmap worden gelezen; {OPNIEUW}",
    ),
    "zipbom (verhouding)": (voorbeeld_plus({"xl/media/nullen.bin": bytes(20 * 2**20)}), ZIPBOM),
    # 201 members of 1 MiB each stay under the ratio check, but not under 200 MB in all
    "zipbom (omvang)": (voorbeeld_plus({f"xl/media/{i}.bin": bytes(2**20) for i in range(201)}), ZIPBOM),
    "billion laughs": (lambda p: bewerk_blad(p, "Kengetallen", met_doctype(_LACHEN, "dagen per week", "&lol9;")),
                       ENTITEITEN),
    "externe entiteit in een blad": (
        lambda p: bewerk_blad(p, "Kengetallen", met_doctype(_PASSWD, "dagen per week", "&x;")), ENTITEITEN),
    "externe entiteit in de werkmap": (
        lambda p: bewerk_lid(CONFORM, "xl/workbook.xml", met_doctype(_PASSWD, 'name="Algemeen"', 'name="&x;"'),
                             p / "werkplan.xlsx"), ENTITEITEN),
    "onafgemaakte XML": (
        lambda p: bewerk_blad(p, "Kengetallen", lambda xml: xml[: len(xml) // 2]),
        f"het bestand kan niet als Excel-werkmap worden gelezen; {OPNIEUW}",
    ),
    "stuurteken in de XML": (
        lambda p: bewerk_blad(p, "Kengetallen", lambda xml: xml.replace("dagen per week", "dagen\x01per week", 1)),
        f"het bestand kan niet als Excel-werkmap worden gelezen; {OPNIEUW}",
    ),
    "verwijzing naar een gedeelde tekst die niet bestaat": (
        lambda p: bewerk_blad(p, "Kengetallen", zet_cel("C3", '<c r="C3" t="s"><v>999</v></c>')),
        f"het bestand kan niet als Excel-werkmap worden gelezen; {OPNIEUW}",
    ),
    # openpyxl reads a sheet once for every mention: 2,000 mentions of one sheet took 9 seconds
    "hetzelfde blad duizenden keren in de werkmap": (
        lambda p: bewerk_lid(CONFORM, "xl/workbook.xml", lambda xml: xml.replace("</sheets>", "".join(
            f'<sheet name="Blad{i}" sheetId="{100 + i}" r:id="rId5"/>' for i in range(2000)) + "</sheets>"),
            p / "werkplan.xlsx"),
        f"in het bestand staat hetzelfde blad meer dan eens; {OPNIEUW}",
    ),
    "twee verwijzingen naar hetzelfde blad": (
        lambda p: bewerk_lid(bewerk_lid(CONFORM, "xl/workbook.xml", lambda xml: xml.replace(
            "</sheets>", '<sheet name="Kopie" sheetId="99" r:id="rIdKopie"/></sheets>'), p / "stap.xlsx"),
            "xl/_rels/workbook.xml.rels", lambda xml: xml.replace("</Relationships>", (
                '<Relationship Id="rIdKopie" Target="/xl/worksheets/./sheet5.xml" Type='
                '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>')),
            p / "werkplan.xlsx"),
        f"in het bestand staat hetzelfde blad meer dan eens; {OPNIEUW}",
    ),
    "samengevoegde hele kolom": (
        lambda p: bewerk_blad(p, "Kengetallen", na_sheetdata('<mergeCells count="1"><mergeCell ref="F:F"/></mergeCells>')),
        "het bestand heeft samengevoegde cellen over een onredelijk groot gebied; "
        "maak die samenvoeging ongedaan en bewaar het opnieuw",
    ),
    "groter dan 200 MB": (te_groot, "het bestand is groter dan 200 MB; dat is geen werkplan"),
    # zipfile makes an object per member: 300,000 empty ones once took a minute
    "zip met duizenden lege delen": (voorbeeld_plus({f"x/{i}": b"" for i in range(5001)}),
                                     "het bestand bestaat uit meer dan 5.000 delen en wordt niet geopend"),
    "bestand bestaat niet": (lambda p: p / "weg.xlsx", "het bestand bestaat niet"),
}


@pytest.mark.parametrize("geval", ONLEESBAAR)
def test_onleesbaar_werkplan(tmp_path, capsys, geval):
    maak, verwacht = ONLEESBAAR[geval]
    assert onleesbaar(capsys, maak(tmp_path)) == verwacht


@pytest.mark.parametrize("geval", ["geen spreadsheet", "billion laughs", "zipbom (verhouding)"])
def test_onleesbaar_werkplan_als_commando(tmp_path, geval):
    maak, verwacht = ONLEESBAAR[geval]
    pad = maak(tmp_path)
    voor = pad.read_bytes()
    uit = subprocess.run([sys.executable, "-m", "toetsing.cli", "toets", str(pad)], capture_output=True, text=True,
                         timeout=60)
    assert (uit.returncode, uit.stdout, uit.stderr) == (2, "", f"toetsing: {pad}: {verwacht}\n")
    assert pad.read_bytes() == voor


@pytest.mark.parametrize("apparaat", ["/dev/zero", "pijp"])
def test_apparaat_of_pijp_in_plaats_van_een_bestand(tmp_path, apparaat):
    # /dev/zero never ends and a named pipe waits for a writer: neither may be read
    pad = Path(apparaat) if apparaat.startswith("/") else tmp_path / "werkplan.xlsx"
    if apparaat == "pijp":
        os.mkfifo(pad)
    uit = subprocess.run([sys.executable, "-m", "toetsing.cli", "toets", str(pad)], capture_output=True, text=True,
                         timeout=60)
    assert (uit.returncode, uit.stderr) == (
        2, f"toetsing: {pad}: dit is geen gewoon bestand (maar bijvoorbeeld een apparaat); geef het .xlsx-bestand op\n")


def test_leesbaar_werkplan_met_meldingen_als_commando(tmp_path):
    pad = bewerk_werkboek(tmp_path, met_cel("Kengetallen", "C3", "vijf"))
    uit = subprocess.run([sys.executable, "-m", "toetsing.cli", "toets", str(pad), "--formaat", "json"],
                         capture_output=True, text=True, timeout=60)
    assert (uit.returncode, uit.stderr) == (1, "")
    assert meldingen(json.loads(uit.stdout)) == [("Kengetallen", "C3", '"vijf" is geen getal')]


# --- hostile files that must not cost time or memory ---


def begrensd(capsys, pad: Path) -> Uitkomst:
    """Run toetsing within a few seconds and tens of megabytes (the rules compiled beforehand)."""
    engine_voor(OPDRACHT)
    tracemalloc.start()
    begin = time.perf_counter()
    try:
        uitkomst = toets(capsys, pad, "--formaat", "json")
        duur, (_, piek) = time.perf_counter() - begin, tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert duur < 5 and piek < 100 * 2**20, (duur, piek)
    return uitkomst


def test_cel_op_xfd1048576_in_een_blad_van_excels_maximale_omvang(tmp_path, capsys):
    pad = bewerk_blad(tmp_path, "Kengetallen", lambda xml: re.sub(
        r'<dimension ref="[^"]+"', '<dimension ref="A1:XFD1048576"',
        voor_sheetdata('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>ver weg</t></is></c></row>')(xml)))
    assert begrensd(capsys, pad).code == 0


def test_blad_van_een_miljoen_rijen_volgens_de_dimensie(tmp_path, capsys):
    pad = bewerk_blad(tmp_path, "Urenoverzicht", lambda xml: re.sub(
        r'<dimension ref="[^"]+"', '<dimension ref="A1:E1048576"',
        voor_sheetdata('<row r="1048576"><c r="E1048576" s="1"/></row>')(xml)))
    assert begrensd(capsys, pad).code == 0


def test_een_miljoen_opgemaakte_lege_rijen_worden_snel_geweigerd(tmp_path, capsys):
    rijen = "".join(f'<row r="{r}"><c r="A{r}" s="1"/></row>' for r in range(100, 1_000_100))
    pad = bewerk_blad(tmp_path, "Kengetallen", voor_sheetdata(rijen))
    uitkomst = begrensd(capsys, pad)
    assert (uitkomst.code, uitkomst.fout) == (2, f"toetsing: {pad}: {TE_GROOT}\n")


def test_cel_met_duizenden_cijfers_kost_geen_kwadratische_tijd(tmp_path, capsys):
    # Excel allows 32,767 characters in a cell; Reikwijdte once tried a range from every digit
    pad = bewerk_werkboek(tmp_path, met_cel("Algemeen", "B8", "0" * 32_000))
    assert meldingen(json.loads(begrensd(capsys, pad).uit)) == [
        ("Algemeen", "B8", f'"{"0" * 60}…" is geen reikwijdte: nummers lopen van 1 tot 99')
    ]


def test_twintig_megabyte_tekst_worden_geweigerd_voor_ze_geheugen_kosten(tmp_path, capsys):
    # random text hardly compresses, so no zip bomb; read, it would cost seven times its size
    tekst = random.Random(4).randbytes(2**19).hex()  # 1 MB
    rijen = "".join(f'<row r="{100 + i}"><c r="C{100 + i}" t="inlineStr"><is><t>{tekst}</t></is></c></row>'
                    for i in range(21))
    uitkomst = begrensd(capsys, bewerk_blad(tmp_path, "Deelopdrachten", voor_sheetdata(rijen)))
    assert uitkomst.code == 2 and TE_GROOT in uitkomst.fout


def test_zipbom_wordt_geweigerd_voor_hij_geheugen_kost(tmp_path, capsys):
    assert begrensd(capsys, ONLEESBAAR["zipbom (omvang)"][0](tmp_path)).code == 2


# --- readable werkplannen with bad content: Meldingen and bevindingen, never a crash ---


def test_xlsm_met_macro_wordt_gelezen_en_de_macro_niet_uitgevoerd(tmp_path, capsys):
    # a macro that would write a file if anything ran it; openpyxl drops vbaProject.bin unread
    pad = voorbeeld_plus({"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"Sub Auto_Open() Kill \"C:\\*\" End Sub"},
                         "werkplan.xlsm")(tmp_path)
    verslag = rapport(capsys, pad)
    assert verslag["meldingen"] == [] and {b["status"] for b in verslag["bevindingen"]} == {"voldaan"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["werkplan.xlsm"]


def test_ontbrekend_blad(tmp_path, capsys):
    pad = bewerk_werkboek(tmp_path, lambda wb: wb.remove(wb["Kengetallen"]))
    verslag = rapport(capsys, pad)
    assert verslag["meldingen"] == []
    assert bevinding(verslag, "CJG-BEREIKBAARHEID")["status"] == "ontbreekt"


def test_alleen_onbekende_bladen(tmp_path, capsys):
    def hernoem(werkboek: Workbook) -> None:
        for i, blad in enumerate(werkboek.worksheets):
            blad.title = f"Blad{i + 1}"

    verslag = rapport(capsys, bewerk_werkboek(tmp_path, hernoem))
    assert {b["status"] for b in verslag["bevindingen"]} <= {"ontbreekt", "niet van toepassing"}


def test_dubbel_blad_via_synoniem(tmp_path, capsys):
    def kopieer(werkboek: Workbook) -> None:
        werkboek.copy_worksheet(werkboek["Kengetallen"]).title = "Indicatoren"

    verslag = rapport(capsys, bewerk_werkboek(tmp_path, kopieer))
    assert meldingen(verslag) == [
        ("Indicatoren", None, 'dit blad is niet gelezen: blad "Kengetallen" is al gelezen als Kengetallen')
    ]


def test_dubbele_code_met_een_ander_antwoord(tmp_path, capsys):
    # both rows are checked, so a bad second answer shows in the bevinding; the melding names both rows
    rij = []

    def voeg_toe(werkboek: Workbook) -> None:
        werkboek["Kengetallen"].append(["CJG-DIGITAAL", "digitale bereikbaarheid", 3, "dagen per week"])
        rij.append(werkboek["Kengetallen"].max_row)

    verslag = rapport(capsys, bewerk_werkboek(tmp_path, voeg_toe))
    assert meldingen(verslag) == [
        ("Kengetallen", f"A{rij[0]}",
         "de code CJG-DIGITAAL staat ook in A4, met een ander antwoord; beide rijen zijn getoetst, laat er één staan")
    ]
    cjg = bevinding(verslag, "CJG-BEREIKBAARHEID")
    assert (cjg["status"], cjg["bewijs"]) == ("afwijkend", [f"Kengetallen!C{rij[0]}"])


def test_kopregel_niet_gevonden(tmp_path, capsys):
    def verstop(werkboek: Workbook) -> None:
        werkboek["Kengetallen"]["A2"] = "Kode"
        werkboek["Kengetallen"]["C2"] = "Getal"

    verslag = rapport(capsys, bewerk_werkboek(tmp_path, verstop))
    assert meldingen(verslag) == [
        ("Kengetallen", None, "geen kopregel gevonden in de eerste rijen; verwacht de kolommen Waarde en Code of Omschrijving")
    ]
    assert bevinding(verslag, "CJG-BEREIKBAARHEID")["status"] == "ontbreekt"


_VERKEERD = {
    "ja/nee": True,
    "datum met tijd": datetime(2020, 1, 1, 13, 45),
    "tijd": tijdstip(12, 30),
    "tekst": "??",
    "foutwaarde": "#N/A",
}


@pytest.mark.parametrize("soort", _VERKEERD)
def test_verkeerd_type_in_elke_kolom(tmp_path, capsys, soort):
    def vul(werkboek: Workbook) -> None:
        for blad in werkboek.worksheets:  # row 3 is the first data row of every sheet
            for kolom in range(1, blad.max_column + 1):
                blad.cell(row=3, column=kolom, value=_VERKEERD[soort])

    verslag = rapport(capsys, bewerk_werkboek(tmp_path, vul))
    assert verslag["meldingen"] and all(m["cel"] for m in verslag["meldingen"])
    cellen = {(m["blad"], m["cel"]) for m in verslag["meldingen"]}
    if soort != "tekst":  # text is a valid answer in text columns and in Kengetallen
        assert {("Formatie", "B3"), ("Kengetallen", "C3"), ("Urenoverzicht", "B3")} <= cellen


@pytest.mark.parametrize(
    ("blad", "cel", "waarde", "verwacht"),
    [
        ("Formatie", "B3", -2, ("bevinding", "BLOKA-ALLEEN-FTE", "afwijkend", "Formatie!B3")),
        ("Algemeen", "B4", 1900, ("bevinding", "SUBSIDIEJAAR", "afwijkend", "Algemeen!B4")),
        ("Kengetallen", "C3", -5, ("bevinding", "CJG-BEREIKBAARHEID", "afwijkend", "Kengetallen!C3")),
        ("Kengetallen", "C3", 1e20,
         ("melding", '"100000000000000000000" is te groot; toetsing rekent met getallen tot 1.000.000.000.000')),
        ("Urenoverzicht", "B3", "9" * 400,
         ("melding", f'"{"9" * 60}…" is te groot; toetsing rekent met getallen tot 1.000.000.000.000')),
        ("Algemeen", "B8", "1-" + "9" * 5000,
         ("melding", f'"1-{"9" * 58}…" is geen reikwijdte: nummers lopen van 1 tot 99')),
        ("Planning", "D3", "Q1 1900", ("bevinding", "JGD-TRENDRAPPORTAGE", "afwijkend", "Planning!D3")),
        # read as 500 fte: the rules ask for more than 0 and set no maximum
        ("Formatie", "B4", "500%", ("geen", None)),
    ],
)
def test_onzinnige_waarde(tmp_path, capsys, blad, cel, waarde, verwacht):
    verslag = rapport(capsys, bewerk_werkboek(tmp_path, met_cel(blad, cel, waarde)))
    soort, *rest = verwacht
    if soort == "melding":
        assert meldingen(verslag) == [(blad, cel, rest[0])]
    elif soort == "bevinding":
        regel, status, bewijs = rest
        assert bevinding(verslag, regel)["status"] == status and bewijs in bevinding(verslag, regel)["bewijs"]
    else:
        assert verslag["meldingen"] == [] and verslag["samenvatting"]["afwijkend"] == 0


@pytest.mark.parametrize("opdracht", ["../../../tmp/regels", "/etc", "1" * 5000, 1e308])
def test_opdracht_uit_het_werkplan_is_geen_pad(tmp_path, capsys, opdracht):
    # the field names a folder of rule files: a path or a huge text never reaches the file system
    pad = bewerk_werkboek(tmp_path, met_cel("Algemeen", "B5", opdracht))
    assert main(["toets", str(pad), "--formaat", "json"]) == 2
    fout = capsys.readouterr().err
    assert fout.startswith("toetsing: Geef aan welke opdracht geldt") and DEFECT not in fout


def test_oneindig_getal_in_de_xml(tmp_path, capsys):
    verslag = rapport(capsys, bewerk_blad(tmp_path, "Kengetallen", zet_cel("C3", '<c r="C3"><v>1E999</v></c>')))
    assert meldingen(verslag) == [
        ("Kengetallen", "C3", '"inf" is te groot; toetsing rekent met getallen tot 1.000.000.000.000')
    ]


def test_zeer_lange_tekst(tmp_path, capsys):
    def vul(werkboek: Workbook) -> None:
        werkboek["Deelopdrachten"]["C3"] = "lang " * 20_000
        werkboek["Formatie"]["B3"] = "x" * 100_000

    verslag = rapport(capsys, bewerk_werkboek(tmp_path, vul))
    assert meldingen(verslag) == [("Formatie", "B3", f'"{"x" * 60}…" is geen getal')]
    assert bevinding(verslag, "DEKKING-B01")["status"] == "voldaan"


def test_stuurtekens_en_richtingstekens_verdwijnen(tmp_path, capsys):
    # C1 control characters may stand in XML; on a terminal \x9b starts an escape sequence
    verborgen = "\x9b31m\u202evijf\u2066\x85"
    pad = bewerk_blad(tmp_path, "Kengetallen",
                      zet_cel("C3", f'<c r="C3" t="inlineStr"><is><t>{verborgen}</t></is></c>'))
    verslag = rapport(capsys, pad)
    assert meldingen(verslag) == [("Kengetallen", "C3", '"31mvijf" is geen getal')]
    uitkomst = toets(capsys, pad)
    assert not re.search("[\x80-\x9f\u202a-\u202e\u2066-\u2069]", uitkomst.uit)


def test_regeleinden_in_een_cel_blijven_een_melding_van_een_regel(tmp_path, capsys):
    verslag = rapport(capsys, bewerk_werkboek(tmp_path, met_cel("Formatie", "B3", "twee\nen een\r\nhalf")))
    assert meldingen(verslag) == [("Formatie", "B3", '"twee en een half" is geen getal')]


def test_formule_zonder_berekende_waarde(tmp_path, capsys):
    pad = bewerk_blad(tmp_path, "Kengetallen", zet_cel("C3", '<c r="C3"><f>SUM(A1:A2)</f></c>'))
    verslag = rapport(capsys, pad)
    assert meldingen(verslag) == [
        ("Kengetallen", "C3", "de cel is een formule zonder berekende waarde; open en bewaar het bestand in Excel")
    ]
    assert bevinding(verslag, "CJG-BEREIKBAARHEID")["status"] == "ontbreekt"


def test_rij_met_alleen_formules_zonder_waarde_wordt_gemeld(tmp_path, capsys):
    rij = '<row r="90"><c r="A90"><f>"CJG-EXTRA"</f></c><c r="C90"><f>1+1</f></c></row>'
    verslag = rapport(capsys, bewerk_blad(tmp_path, "Kengetallen", voor_sheetdata(rij)))
    tekst = "de cel is een formule zonder berekende waarde; open en bewaar het bestand in Excel"
    assert meldingen(verslag) == [("Kengetallen", "A90", tekst), ("Kengetallen", "C90", tekst)]


def test_foutwaarde_met_vreemde_tekst(tmp_path, capsys):
    pad = bewerk_blad(tmp_path, "Kengetallen", zet_cel("C3", f'<c r="C3" t="e"><v>#{"X" * 200}</v></c>'))
    assert meldingen(rapport(capsys, pad)) == [
        ("Kengetallen", "C3", f"de cel bevat de foutwaarde #{'X' * 59}…; verbeter de formule of de invoer")
    ]


def test_lege_foutwaarde(tmp_path, capsys):
    pad = bewerk_blad(tmp_path, "Kengetallen", zet_cel("C3", '<c r="C3" t="e"><v></v></c>'))
    assert meldingen(rapport(capsys, pad)) == [
        ("Kengetallen", "C3", "de cel bevat de foutwaarde; verbeter de formule of de invoer")
    ]


def test_opmaak_met_een_getalnotatie_die_niet_bestaat(tmp_path, capsys):
    # the percentage style of the examples now points at number format 999, which is not defined
    pad = bewerk_lid(CONFORM, "xl/styles.xml", lambda xml: xml.replace('numFmtId="9"', 'numFmtId="999"'),
                     tmp_path / "werkplan.xlsx")
    verslag = rapport(capsys, pad)
    assert verslag["meldingen"] == []


def _met_externe_koppeling(tmp_path: Path) -> Path:
    """C4 (CJG-DIGITAAL) refers to another workbook on a web server; its cached value is 5."""
    pad = bewerk_blad(tmp_path, "Kengetallen", zet_cel("C4", '<c r="C4"><f>[1]Blad1!A1</f><v>5</v></c>'))
    for lid, bewerk in {
        "xl/_rels/workbook.xml.rels": lambda xml: xml.replace("</Relationships>", (
            '<Relationship Id="rIdX" Target="externalLinks/externalLink1.xml" Type='
            '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink"/></Relationships>')),
        # r: declared here too: newer openpyxl declares it on each <sheet>, not on <workbook>
        "xl/workbook.xml": lambda xml: xml.replace("<definedNames", (
            '<externalReferences><externalReference xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            'r:id="rIdX"/></externalReferences><definedNames')),
        "[Content_Types].xml": lambda xml: xml.replace("</Types>", (
            '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>')),
    }.items():
        pad = bewerk_lid(pad, lid, bewerk, pad.with_name(f"{pad.stem}+.xlsx"))
    with zipfile.ZipFile(pad, "a") as archief:
        archief.writestr("xl/externalLinks/externalLink1.xml", (
            '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<externalBook r:id="rId1"><sheetNames><sheetName val="Blad1"/></sheetNames></externalBook></externalLink>'))
        archief.writestr("xl/externalLinks/_rels/externalLink1.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" TargetMode="External" Target="http://werkplan.invalid/bron.xlsx" Type='
            '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath"/></Relationships>'))
    return pad


# --- no network ---


@pytest.fixture
def geen_netwerk(monkeypatch):
    def geweigerd(*_, **__):
        raise AssertionError("toetsing probeerde het netwerk te gebruiken")

    for naam in ("socket", "create_connection", "getaddrinfo", "socketpair"):
        monkeypatch.setattr(socket, naam, geweigerd)


@pytest.mark.parametrize("opties", [[], ["--formaat", "json"], ["--kort"]])
def test_toetsen_gebruikt_geen_netwerk(tmp_path, capsys, geen_netwerk, opties):
    assert toets(capsys, CONFORM, *opties).code == 0
    assert toets(capsys, CONCEPT, *opties).code == 1
    # a link to another workbook on a web server: its stored value is used, nothing is fetched
    pad = _met_externe_koppeling(tmp_path)
    assert toets(capsys, pad, *opties).code == 0


@pytest.mark.parametrize(("formaat", "naam"), [("json", "rapport.json"), ("html", "rapport.html"), ("xlsx", "rapport.xlsx")])
def test_rapport_naar_bestand_gebruikt_geen_netwerk(tmp_path, capsys, geen_netwerk, formaat, naam):
    assert toets(capsys, CONCEPT, "--formaat", formaat, "-o", str(tmp_path / naam)).code == 1
    assert (tmp_path / naam).stat().st_size > 0


def test_annoteren_en_sjabloon_gebruiken_geen_netwerk(tmp_path, capsys, geen_netwerk):
    assert main(["annoteer", str(CONCEPT), "-o", str(tmp_path / "getoetst.xlsx")]) == 1
    assert main(["sjabloon", "--opdracht", OPDRACHT, "-o", str(tmp_path / "sjabloon.xlsx")]) == 0
    assert DEFECT not in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["getoetst.xlsx", "sjabloon.xlsx"]


def test_toetsen_laat_niets_achter(tmp_path, capsys, monkeypatch):
    """No cache, log or temporary file: not in the working folder, the home folder or the temp folder."""
    for naam in ("werk", "thuis", "tijdelijk"):
        (tmp_path / naam).mkdir()
    monkeypatch.chdir(tmp_path / "werk")
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tijdelijk"))
    assert toets(capsys, CONCEPT).code == 1
    assert toets(capsys, afgebroken(tmp_path / "werk")).code == 2
    assert [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*"))] == [
        "thuis", "tijdelijk", "werk", "werk/werkplan.xlsx"]


# --- where the report goes (toetsing/rapport/schrijven.py) ---


def test_rapport_via_een_snelkoppeling_naar_het_werkplan_wordt_geweigerd(tmp_path, capsys):
    werkplan = tmp_path / "werkplan.xlsx"
    werkplan.write_bytes(CONFORM.read_bytes())
    koppeling = tmp_path / "rapport.json"
    koppeling.symlink_to(werkplan)
    uitkomst = toets(capsys, werkplan, "--formaat", "json", "-o", str(koppeling), "--overschrijf")
    assert uitkomst.code == 2
    assert uitkomst.fout == f"toetsing: {koppeling}: dit is het werkplan zelf; kies een andere naam voor het rapport.\n"


def test_rapport_in_een_map_die_niet_bestaat(tmp_path, capsys):
    doel = tmp_path / "nergens" / "rapport.json"
    uitkomst = toets(capsys, CONFORM, "-o", str(doel))
    assert uitkomst.fout == f"toetsing: {doel}: de map {doel.parent} bestaat niet.\n"
    assert not doel.parent.exists()


def test_geen_rapport_en_geen_tijdelijk_bestand_bij_een_onleesbaar_werkplan(tmp_path, capsys):
    pad = afgebroken(tmp_path)
    assert toets(capsys, pad, "-o", str(tmp_path / "rapport.txt")).code == 2
    assert [p.name for p in tmp_path.iterdir()] == ["werkplan.xlsx"]


def test_opmaakcodes_in_een_cel_breken_het_tekstrapport_niet(tmp_path, capsys):
    # a werkplan's own words are shown as written, never read as rich markup
    assert main(["toets", str(bewerk_werkboek(tmp_path, met_cel("Algemeen", "B3", "[/] [bold]Welzijn")))]) in (0, 1)
    assert "[/] [bold]Welzijn" in capsys.readouterr().out


# --- docs/veiligheid-en-privacy.md states the limits of the code ---


def _nl(getal: int) -> str:
    return f"{getal:_}".replace("_", ".")


def test_grenzen_in_de_documentatie_kloppen():
    from toetsing.lezen import waarden, werkboek

    tekst = (Path(__file__).resolve().parents[1] / "docs" / "veiligheid-en-privacy.md").read_text()
    grenzen = [
        f"grootte van het bestand | {werkboek.MAX_FILE_BYTES // 2**20} MB",
        f"| {werkboek.MAX_UNCOMPRESSED_BYTES // 2**20} MB samen",
        f"meer dan {werkboek.RATIO_MIN_BYTES // 2**20} MB is ingepakt | hoogstens {werkboek.MAX_COMPRESSION_RATIO} keer",
        f"ook lege cellen met alleen opmaak | {_nl(werkboek.MAX_CELLS)}",
        f"samengevoegde cellen, samen | {_nl(werkboek.MAX_MERGED_CELLS)}",
        f"teksten en opmaak samen) | {_nl(werkboek.MAX_XML_ELEMENTS)}",
        f"tekst en opmaak (de XML, zonder afbeeldingen) | {werkboek.MAX_XML_BYTES // 2**20} MB",
        f"delen in het zip-bestand | {_nl(werkboek.MAX_MEMBERS)}",
        f"in de eerste {werkboek.HEADER_ROWS} rijen",
        f"de eerste {werkboek.MAX_COLUMNS} |",
        f"| {_nl(werkboek.MAX_ROWS)} (daarna een melding); na {werkboek.MAX_EMPTY_RUN} lege rijen",
        f"kleiner dan {_nl(waarden.MAX_NUMBER)}",
        f"1 tot en met {waarden.MAX_DEELOPDRACHT}",
        f"hoogstens {waarden.MAX_OPDRACHT} tekens: nooit een pad",
        f"de eerste {waarden.MAX_QUOTE} tekens",
    ]
    assert [grens for grens in grenzen if grens not in tekst] == []


def test_openpyxl_leest_via_defusedxml_ook_als_lxml_er_is():
    # in a fresh process, as the command line starts: toetsing is imported before openpyxl
    uit = subprocess.run([sys.executable, "-c", "import toetsing.lezen.werkboek, openpyxl.xml as x; print(x.LXML, x.DEFUSEDXML)"],
                         capture_output=True, text=True, check=True)
    assert uit.stdout.split() == ["False", "True"]
