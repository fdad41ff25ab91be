"""The werkplan template (`toetsing sjabloon`) for one opdracht.

Generated, never kept by hand: the sheets and column headers come from the importer's
sheet table (lezen/bladen.py, the contract's names first), the codes, descriptions, units
and deelopdrachten from the rule set. So the template cannot drift from what toetsing
reads and what the rules expect. Each sheet has an instruction row above its header row
(the importer looks for the header in the first rows), and every column the importer reads
as a number, date, ja/nee or deelopdracht number gets a data validation with a Dutch
prompt and error message.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from toetsing.lezen import bladen
from toetsing.lezen.bladen import Column, Kind
from toetsing.regels.model import ProductKwartalen, Regelset

KOPREGEL = 2  # row 1 is the instruction
INVOERRIJEN = 200  # rows below the header that get the validations
KOP = Font(bold=True)
KOPVULLING = PatternFill("solid", fgColor="D9E1F2")
UITLEG = Font(italic=True, color="404040")
TEKSTKOLOM = Alignment(vertical="top", wrap_text=True)
# columns the rules never read from the organisation: blok A must not have them at all
# prestatie columns are what blok A must not have; the *_begroot columns belong to a verantwoording
_WEGLATEN = {"prestatie_inhoud", "uren_begroot", "bedrag_begroot"}

# Which sheet a check reads, by the first word of its soort; a check with a `tabel` names it.
BLAD_VAN_SOORT = {
    "veld": "Algemeen", "datum": "Algemeen", "kengetal": "Kengetallen", "product": "Producten",
    "codes": "Randvoorwaarden", "formatie": "Blok A", "fte": "Blok A", "deelopdracht": "Deelopdrachten",
    "deelopdrachten": "Deelopdrachten",
}
# Algemeen fields every werkplan has (contract v1); others only when a rule reads them
_VASTE_VELDEN = {"organisatie", "subsidiejaar", "opdracht", "indieningsdatum", "aanspreekpunt"}

UITLEG_PER_BLAD = {
    "Algemeen": "Vul de kolom Waarde in. Opdracht en Subsidiejaar zijn al ingevuld; laat die staan.",
    "Blok A": "Eén rij per functie in het gebiedsteam: functie, aantal fte en kwalificatie (opleiding of "
              "registratie). Zet hier geen activiteiten of prestaties.",
    "Randvoorwaarden": "Zet bij elke randvoorwaarde in de kolom Akkoord ja of nee.",
    "Deelopdrachten": "Eén rij per deelopdracht: hoe u het doet, hoe u de resultaten meet en wat er verandert. "
                      "Meer rijen voor één deelopdracht? Geef ze hetzelfde nummer.",
    "Kengetallen": "Vul bij elke code de waarde in, in de eenheid die ernaast staat.",
    "Producten": "Vul bij elk product in wanneer u het oplevert: een kwartaal (Q1 2020) of een datum. "
                 "Komt een product twee keer, dan heeft het twee rijen.",
    "Uren": "Vul per onderdeel de uren in, voor dit jaar en vorig jaar. Totaal is de som van de andere regels.",
    "Begroting": "Vul per post het bedrag in, voor dit jaar en vorig jaar. Voeg posten toe boven Totaal. "
                 "Totaal is de som van de andere regels.",
    "Activiteiten": "Eén rij per activiteit of project: aan welke opgave u werkt, met wie, welk resultaat, hoe u "
                    "dat meet en wat het kost.",
}

UITLEG_ALGEMEEN = {
    "organisatie": "De naam van uw organisatie, of van het samenwerkingsverband bij een gezamenlijk werkplan.",
    "subsidiejaar": "Het jaar waarvoor u subsidie vraagt.",
    "opdracht": "De opdracht van de gemeente waar dit werkplan bij hoort.",
    "indieningsdatum": "De datum waarop u het werkplan indient.",
    "aanspreekpunt": "De contactpersoon voor de gemeente. Meer namen: scheid ze met ;",
    "reikwijdte": "Leeg als het werkplan alle deelopdrachten dekt; anders de nummers, zoals 1, 2, 7.",
    "looptijd": "Het aantal jaren dat de aanvraag loopt, zoals 4.",
}


def maak_sjabloon(regelset: Regelset) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    _algemeen(wb.create_sheet("Algemeen"), regelset)
    nodig = bladen_nodig(regelset)
    for tabel in bladen.TABLES:
        if tabel is bladen.ALGEMEEN or tabel.sheet not in nodig:
            continue
        kolommen = [k for k in tabel.columns if k.field not in _WEGLATEN]
        ws = wb.create_sheet(tabel.sheet)
        _kop(ws, tabel.sheet, [k.names[0] for k in kolommen])
        for rij, waarden in enumerate(_rijen(tabel.sheet, regelset), start=KOPREGEL + 1):
            for kolom, k in enumerate(kolommen, start=1):
                ws.cell(rij, kolom, waarden.get(k.field))
        for kolom, k in enumerate(kolommen, start=1):
            letter = get_column_letter(kolom)
            _breedte(ws, letter, k)
            validatie = _validatie(k.kind, regelset)
            if validatie:
                validatie.add(f"{letter}{KOPREGEL + 1}:{letter}{KOPREGEL + INVOERRIJEN}")
                ws.add_data_validation(validatie)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def bladen_nodig(regelset: Regelset) -> set[str]:
    """Algemeen and every sheet a rule of the rule set reads: Meierijstad's eight, or
    Algemeen and Activiteiten for an aanvraag per activiteit."""
    per_tabel = {t.attribute: t.sheet for t in bladen.TABLES if t.attribute}
    nodig = {"Algemeen"}
    for regel in regelset.regels:
        for controle in regel.controles:
            tabel = getattr(controle, "tabel", None)
            nodig.add(per_tabel[tabel] if tabel else BLAD_VAN_SOORT[controle.soort.split("-")[0]])
    return nodig


def _kop(ws: Worksheet, blad: str, koppen: list[str]) -> None:
    ws.cell(1, 1, UITLEG_PER_BLAD[blad]).font = UITLEG
    for kolom, kop in enumerate(koppen, start=1):
        cel = ws.cell(KOPREGEL, kolom, kop)
        cel.font = KOP
        cel.fill = KOPVULLING
    ws.freeze_panes = ws.cell(KOPREGEL + 1, 1)


def _algemeen(ws: Worksheet, regelset: Regelset) -> None:
    _kop(ws, "Algemeen", ["Veld", "Waarde", "Uitleg"])
    vooraf = {"subsidiejaar": regelset.subsidiejaar, "opdracht": regelset.id}
    gelezen = {c.veld for r in regelset.regels for c in r.controles if hasattr(c, "veld")}
    reikwijdte = {"reikwijdte"} if regelset.deelopdrachten else set()
    velden = [v for v in bladen.ALGEMEEN_FIELDS if v.field in _VASTE_VELDEN | gelezen | reikwijdte]
    for rij, veld in enumerate(velden, start=KOPREGEL + 1):
        ws.cell(rij, 1, veld.names[0]).font = KOP
        waarde = ws.cell(rij, 2, vooraf.get(veld.field))
        ws.cell(rij, 3, UITLEG_ALGEMEEN[veld.field]).font = UITLEG
        if veld.kind is Kind.DATE:
            waarde.number_format = "DD-MM-YYYY"
        validatie = _validatie(veld.kind, regelset)
        if validatie:
            validatie.add(waarde.coordinate)
            ws.add_data_validation(validatie)
    for letter, breedte in zip("ABC", (18, 44, 80)):
        ws.column_dimensions[letter].width = breedte


def _rijen(blad: str, regelset: Regelset) -> Iterator[dict[str, object]]:
    """The pre-filled rows of a sheet: every code and deelopdracht the rule set expects."""
    if blad == "Randvoorwaarden":
        for code, rv in regelset.randvoorwaarden.items():
            yield {"code": code, "randvoorwaarde": rv.omschrijving}
    elif blad == "Deelopdrachten":
        for nr, deelopdracht in sorted(regelset.deelopdrachten.items()):
            yield {"nr": nr, "deelopdracht": deelopdracht.naam}
    elif blad == "Kengetallen":
        for code, kengetal in regelset.kengetallen.items():
            yield {"code": code, "omschrijving": kengetal.omschrijving, "eenheid": kengetal.eenheid}
    elif blad == "Producten":
        for code, product in regelset.producten.items():
            for _ in range(_opleveringen(regelset, code)):
                yield {"code": code, "product": product.omschrijving, "deelopdracht": product.deelopdracht}
    elif blad == "Uren":
        yield {"onderdeel": "Blok A"}
        for nr, deelopdracht in sorted(regelset.deelopdrachten.items()):
            yield {"onderdeel": f"{nr}. {deelopdracht.naam}"}
        yield {"onderdeel": "Totaal"}
    elif blad == "Begroting":
        yield from ({} for _ in range(10))  # room for the posts above the total
        yield {"post": "Totaal"}


def _opleveringen(regelset: Regelset, product: str) -> int:
    """One row per delivery: as many as the quarters a product-kwartalen rule asks for."""
    return max([len(c.kwartalen) for r in regelset.regels for c in r.controles
                if isinstance(c, ProductKwartalen) and c.product == product], default=1)


def _breedte(ws: Worksheet, letter: str, kolom: Column) -> None:
    langste = max((len(str(c.value)) for c in ws[letter][KOPREGEL - 1:] if c.value is not None), default=0)
    breedte = max(len(kolom.names[0]) + 4, min(langste + 2, 60))
    if kolom.kind in (Kind.TEXT, Kind.LIST) and not langste > len(kolom.names[0]):
        breedte = max(breedte, 40)  # an empty column for the organisation's own text
    ws.column_dimensions[letter].width = breedte
    if kolom.kind in (Kind.TEXT, Kind.LIST):
        for cel in ws[letter][KOPREGEL:]:
            cel.alignment = TEKSTKOLOM


def _validatie(kind: Kind, regelset: Regelset) -> DataValidation | None:
    """Excel's check on input, with a prompt that says what belongs in the cell."""
    hoogste = max(regelset.deelopdrachten, default=1)
    soorten = {
        Kind.NUMBER: ("decimal", "greaterThanOrEqual", "0", None, "Getal",
                      "Vul een getal in van 0 of meer, bijvoorbeeld 1,5.", "Hier hoort een getal van 0 of meer."),
        Kind.WHOLE_NUMBER: ("whole", "between", "2000", "2100", "Jaartal",
                            "Vul een jaartal in, bijvoorbeeld 2020.", "Hier hoort een jaartal, zoals 2020."),
        Kind.DEELOPDRACHT_NR: ("whole", "between", "1", str(hoogste), "Nummer deelopdracht",
                               f"Vul het nummer van de deelopdracht in: 1 tot en met {hoogste}.",
                               f"Hier hoort een nummer van 1 tot en met {hoogste}."),
        Kind.DATE: ("date", "greaterThanOrEqual", str((date(2000, 1, 1) - date(1899, 12, 30)).days), None, "Datum",
                    "Vul een datum in, bijvoorbeeld 11-10-2019.", "Hier hoort een datum, zoals 11-10-2019."),
        Kind.YES_NO: ("list", None, '"ja,nee"', None, "Akkoord", "Kies ja of nee.", "Kies ja of nee uit de lijst."),
        Kind.QUARTER: (None, None, None, None, "Oplevering",
                       "Een kwartaal, zoals Q1 2020, of een datum, zoals 15-06-2020.", None),
    }
    if kind not in soorten:
        return None
    soort, operator, formule1, formule2, titel, vraag, fout = soorten[kind]
    return DataValidation(
        type=soort, operator=operator, formula1=formule1, formula2=formule2, allow_blank=True,
        showInputMessage=True, promptTitle=titel, prompt=vraag,
        showErrorMessage=fout is not None, errorStyle="stop", errorTitle=titel if fout else None, error=fout,
    )
