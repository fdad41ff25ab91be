"""Building small werkplan workbooks for the importer tests."""
from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook


def maak_werkboek(map_: Path, bladen: dict[str, list[list[object]]], naam: str = "werkplan.xlsx") -> Path:
    """One sheet per entry, rows from row 1; returns the saved path."""
    wb = Workbook()
    wb.remove(wb.active)
    for titel, rijen in bladen.items():
        ws = wb.create_sheet(titel)
        for rij in rijen:
            ws.append(rij)
    pad = map_ / naam
    wb.save(pad)
    return pad


def vervang_in_zip(pad: Path, lid: str, inhoud: bytes, nieuw: Path | None = None) -> Path:
    """Copy the workbook with one archive member replaced (for crafted, hostile files)."""
    nieuw = nieuw or pad.with_name("bewerkt-" + pad.name)
    with zipfile.ZipFile(pad) as bron, zipfile.ZipFile(nieuw, "w", zipfile.ZIP_DEFLATED) as doel:
        for item in bron.infolist():
            doel.writestr(item.filename, inhoud if item.filename == lid else bron.read(item.filename))
    return nieuw


def compleet_werkplan() -> dict[str, list[list[object]]]:
    """A werkplan with every contract sheet filled in, as the template lays it out."""
    return {
        "Algemeen": [
            ["Veld", "Waarde"],
            ["Organisatie", "Welzijn De Meierij"],
            ["Subsidiejaar", 2020],
            ["Opdracht", "meierijstad-2020"],
            ["Indieningsdatum", date(2019, 10, 1)],
            ["Aanspreekpunt", "Jan Jansen"],
            ["Reikwijdte", "volledig"],
        ],
        "Blok A": [
            ["Blok A – formatie in het gebiedsteam"],
            ["Functie", "Fte", "Kwalificatie", "Gebiedsteam", "Instelling", "Toelichting"],
            ["Opbouwwerker", 1.5, "hbo, SKJ", "Noord", "Welzijn De Meierij", None],
            ["Jongerenwerker", "0,8", "hbo", "Zuid", "Welzijn De Meierij", "per 1 maart"],
        ],
        "Randvoorwaarden": [
            ["Code", "Randvoorwaarde", "Akkoord", "Toelichting"],
            ["RV-OPLEIDING", "kwaliteitseisen opleiding", "ja", None],
            ["RV-WERKWIJZE", "werkwijzen gebiedsteam", "ja", None],
            ["RV-SCHOLING", "scholing", "ja", None],
            ["RV-NORMEN", "normen", "ja", None],
            ["RV-VERVANGING", "vervanging bij ziekte", "nee", "in overleg"],
            ["RV-VINDBAARHEID", "vindbaarheid", "ja", None],
        ],
        "Deelopdrachten": [
            ["Nr", "Deelopdracht", "Uitwerking", "Resultaatmeting", "Verandering", "Randvoorwaarden", "Instelling"],
            [1, "Preventie", "wij doen", "we meten", "niets", None, "Welzijn De Meierij"],
            [2, "Jeugd", "wij doen", "we meten", None, None, "Welzijn De Meierij; Farent"],
        ],
        "Kengetallen": [
            ["Code", "Omschrijving", "Waarde", "Eenheid", "Toelichting"],
            ["CJG-TELEFONISCH", "telefonische bereikbaarheid", 5, "dagen per week", None],
            ["CJG-DIGITAAL", "digitale bereikbaarheid", "5", "dagen per week", None],
            ["CJG-FYSIEK-LOCATIES", "waar", "Veghel en Schijndel", "text", None],
        ],
        "Producten": [
            ["Code", "Product", "Deelopdracht", "Oplevering", "Toelichting"],
            ["TRENDRAPPORTAGE", "trendrapportage", 2, "Q1", None],
            ["TRENDRAPPORTAGE", "trendrapportage", 2, "Q3 2020", None],
            ["ONDERZOEK-DAGBESTEDING", "onderzoek", 7, date(2020, 5, 15), None],
        ],
        "Uren": [
            ["Onderdeel", "Uren", "Uren vorig jaar", "Instelling"],
            ["Blok A", 2000, 1900, "Welzijn De Meierij"],
            ["Deelopdracht 1", "1.234,5", None, None],
            ["Totaal", 3234.5, 1900, None],
        ],
        "Begroting": [
            ["Post", "Bedrag", "Bedrag vorig jaar"],
            ["Personeel", "€ 12.500,00", 12000],
            ["Totaal", 12500, 12000],
        ],
    }
