"""The werkplan template (`toetsing sjabloon`) for one opdracht, and the template for the
verantwoording after the year (`--verantwoording`).

Generated, never kept by hand: the sheets and column headers come from the importer's
contract (werkplan/contract.py, with the instruction texts; a verantwoording's own names
such as Fte geleverd are synonyms there), the codes, descriptions, units and deelopdrachten
from the rule set, and which sheets and Algemeen fields appear from the rules that judge
that document (their `toepassing`). So the template cannot drift from what toetsing reads
and what the rules expect. Each sheet has an instruction row above its header row (the
importer looks for the header in the first rows), and every column the importer reads as a
number, date, ja/nee or deelopdracht number gets a data validation with a Dutch prompt and
error message. The Totaal rows of Uren and Begroting add up the rows above them (SUM). A verantwoording's template can start from the werkplan: its functions,
codes, onderdelen and posts, with the werkplan's hours and amounts as the budgeted ones and
its other commitments (fte, kengetallen, planned deliveries) as notes on the cells to fill.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from toetsing.bevindingen import weergave
from toetsing.fouten import ToetsingFout
from toetsing.rapport.als_xlsx import afdrukken
from toetsing.regels.model import CodeOmschrijving, Regel, Regelset
from toetsing.werkplan import contract
from toetsing.werkplan.contract import Column, Kind, is_totaalnaam
from toetsing.tekst import normaliseer
from toetsing.werkplan.model import Algemeen, Rij, W, Werkplan

KOPREGEL = 2  # row 1 is the instruction
INVOERRIJEN = 200  # rows below the header that get the validations
KOP = Font(bold=True)
KOPVULLING = PatternFill("solid", fgColor="D9E1F2")
UITLEG = Font(italic=True, color="404040")
TEKSTKOLOM = Alignment(vertical="top", wrap_text=True)
# a werkplan's columns are all of the contract's but these: prestatie columns are what blok A
# must not have; the *_begroot columns belong to a verantwoording
_WEGLATEN = {"prestatie_inhoud", "uren_begroot", "bedrag_begroot"}

# the cell that gets the werkplan's commitment as a note: what the organisation fills in beside it
TOEGEZEGD = "toegezegd"

# Algemeen fields every werkplan or verantwoording has (contract v1); others only when a rule reads them
VASTE_VELDEN = {"werkplan": {"organisatie", "subsidiejaar", "opdracht", "indieningsdatum", "aanspreekpunt"},
                "verantwoording": {"organisatie", "subsidiejaar", "opdracht"}}

def maak_sjabloon(regelset: Regelset, stuk: str = "werkplan", toezegging: Werkplan | None = None) -> bytes:
    """The template for a werkplan, or (`stuk` "verantwoording") for the verantwoording after
    the year, pre-filled with what the werkplan `toezegging` committed when it is given."""
    regels = [r for r in regelset.regels if stuk in r.toepassing]
    if not regels:
        raise ToetsingFout(f"De opdracht {regelset.id} heeft geen regels voor een {stuk}; "
                           "daarom is er geen sjabloon voor.")
    uit_werkplan = toezegging is not None
    toezegging = toezegging or Werkplan(bestand="")  # no werkplan: nothing committed to show
    wb = Workbook()
    wb.remove(wb.active)
    wb.calculation.fullCalcOnLoad = True  # Excel and LibreOffice compute the sums when the file opens
    sommen: dict[tuple[int, str], float] = {}  # (sheet index, cell) -> the value of its SUM as written
    _algemeen(wb.create_sheet("Algemeen"), regelset, regels, stuk, toezegging.algemeen)
    nodig = bladen_nodig(regelset, stuk)
    for tabel in contract.TABLES:
        if tabel is contract.ALGEMEEN or tabel.sheet not in nodig:
            continue
        kolommen = _kolommen(tabel, stuk)
        ws = wb.create_sheet(tabel.sheet)
        _kop(ws, _uitleg(tabel, regels, stuk, uit_werkplan), [kop for _, kop in kolommen])
        getal = _validatie(Kind.NUMBER, regelset)
        for rij, waarden in enumerate(_rijen(tabel.sheet, regelset, toezegging, regels), start=KOPREGEL + 1):
            totaal = tabel.totaal and is_totaalnaam(waarden.get(tabel.naamkolom))
            for kolom, (k, _) in enumerate(kolommen, start=1):
                cel = ws.cell(rij, kolom, waarden.get(k.field))
                if waarden.get(TOEGEZEGD) and k.field == tabel.toegezegd_bij:
                    cel.comment = Comment(waarden[TOEGEZEGD], "toetsing", width=260, height=60)
                if k.kind is Kind.NUMBER_OR_TEXT and (waarden.get("code") in regelset.kengetallen or waarden.get("deelopdracht")):
                    getal.add(cel.coordinate)  # a kengetal of the rule set, or an own prestatie, is a number
                if totaal and k.field in tabel.som_kolommen and cel.value is None:
                    sommen[(len(wb.worksheets) - 1, cel.coordinate)] = _som(ws, cel, KOPREGEL + 1)
        if getal.sqref:
            ws.add_data_validation(getal)
        for kolom, (k, kop) in enumerate(kolommen, start=1):
            letter = get_column_letter(kolom)
            _breedte(ws, letter, k, kop)
            validatie = _validatie(k.kind, regelset)
            if validatie:
                validatie.add(f"{letter}{KOPREGEL + 1}:{letter}{KOPREGEL + INVOERRIJEN}")
                ws.add_data_validation(validatie)
    for ws in wb.worksheets:
        afdrukken(ws, kopregel=KOPREGEL)
    buffer = io.BytesIO()
    wb.save(buffer)
    return _met_uitkomsten(buffer.getvalue(), sommen)


def _som(ws: Worksheet, cel, eerste: int) -> float:
    """A Totaal cell becomes the SUM of the cells above it; returns what it adds up to now."""
    letter = cel.column_letter
    cel.value = f"=SUM({letter}{eerste}:{letter}{cel.row - 1})"
    cel.number_format = ws.cell(cel.row - 1, cel.column).number_format
    return sum(v for r in range(eerste, cel.row) if isinstance(v := ws[f"{letter}{r}"].value, (int, float)))


def _met_uitkomsten(inhoud: bytes, sommen: dict[tuple[int, str], float]) -> bytes:
    """openpyxl writes a formula without its result, and a reader that does not compute (toetsing
    itself, on an untouched template) would see an empty cell: each SUM gets its value written in."""
    bron, uit = zipfile.ZipFile(io.BytesIO(inhoud)), io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for item in bron.infolist():
            data = bron.read(item)
            nummer = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if nummer:
                blad = int(nummer[1]) - 1
                data = re.sub(rb'(<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f>)<v\s*/?>(?:</v>)?',
                              lambda m: m[1] + b"<v>%s</v>" % repr(sommen.get((blad, m[2].decode()), 0)).encode(),
                              data)
            doel.writestr(item, data)
    return uit.getvalue()


def bladen_nodig(regelset: Regelset, stuk: str = "werkplan") -> set[str]:
    """Algemeen and every sheet a rule for this `stuk` reads: Meierijstad's eight for a
    werkplan, or Algemeen and Activiteiten for an aanvraag per activiteit."""
    nodig = {"Algemeen"}
    for regel in regelset.regels:
        for controle in regel.controles if stuk in regel.toepassing else ():
            nodig |= controle.bladen()
    return nodig


def _kolommen(tabel: contract.Table, stuk: str) -> list[tuple[Column, str]]:
    """The template's columns of a sheet, each with its header."""
    velden = tabel.verantwoording if stuk == "verantwoording" else None
    if velden is None:
        return [(k, k.label) for k in tabel.columns if k.field not in _WEGLATEN]
    return [(tabel.kolom(v), tabel.kolom(v).kop_verantwoording or tabel.kolom(v).label) for v in velden]


def _uitleg(tabel: contract.Table, regels: list[Regel], stuk: str, uit_werkplan: bool) -> str:
    if stuk != "verantwoording":
        return tabel.uitleg
    zinnen = [tabel.uitleg_verantwoording or tabel.uitleg]
    # the threshold above which a difference needs a reason is the rule's, so the sheet says it
    drempels = [d for r in regels for c in r.controles if (d := c.toelichting_boven(tabel.attribute)) is not None]
    if drempels:
        zinnen.append(f"Verschilt het meer dan {min(drempels):g}% van wat begroot was? Zeg dan waarom in de kolom "
                      "Toelichting.")
    if uit_werkplan and tabel.uitleg_uit_werkplan:
        zinnen.append(tabel.uitleg_uit_werkplan)
    return " ".join(zinnen)


def _kop(ws: Worksheet, uitleg: str, koppen: list[str]) -> None:
    ws.cell(1, 1, uitleg).font = UITLEG
    for kolom, kop in enumerate(koppen, start=1):
        cel = ws.cell(KOPREGEL, kolom, kop)
        cel.font = KOP
        cel.fill = KOPVULLING
    ws.freeze_panes = ws.cell(KOPREGEL + 1, 1)


def _algemeen(ws: Worksheet, regelset: Regelset, regels: list[Regel], stuk: str, werkplan: Algemeen) -> None:
    verantwoording = stuk == "verantwoording"
    _kop(ws, contract.ALGEMEEN.uitleg_verantwoording if verantwoording else contract.ALGEMEEN.uitleg,
         ["Veld", "Waarde", "Uitleg"])
    # a werkplan's own Algemeen is empty, so only a verantwoording takes the werkplan's
    vooraf = {"organisatie": _waarde(werkplan.organisatie),
              "subsidiejaar": _waarde(werkplan.subsidiejaar) or regelset.subsidiejaar, "opdracht": regelset.id,
              "reikwijdte": werkplan.reikwijdte and weergave(werkplan.reikwijdte)}
    gelezen = {v for r in regels for c in r.controles for v in c.algemeen_velden()}
    reikwijdte = {"reikwijdte"} if regelset.deelopdrachten else set()
    velden = [v for v in contract.ALGEMEEN_FIELDS if v.field in VASTE_VELDEN[stuk] | gelezen | reikwijdte]
    for rij, veld in enumerate(velden, start=KOPREGEL + 1):
        ws.cell(rij, 1, veld.names[0]).font = KOP
        waarde = ws.cell(rij, 2, vooraf.get(veld.field))
        ws.cell(rij, 3, veld.uitleg_verantwoording if verantwoording and veld.uitleg_verantwoording
                else veld.uitleg).font = UITLEG
        if veld.kind is Kind.DATE:
            waarde.number_format = "DD-MM-YYYY"
        validatie = _validatie(veld.kind, regelset)
        if validatie:
            validatie.add(waarde.coordinate)
            ws.add_data_validation(validatie)
    for letter, breedte in zip("ABC", (18, 44, 80)):
        ws.column_dimensions[letter].width = breedte


def _rijen(blad: str, regelset: Regelset, werkplan: Werkplan, regels: list[Regel]) -> Iterator[dict[str, object]]:
    """The pre-filled rows of a sheet: every code and deelopdracht the rule set expects and
    what the werkplan committed (empty for a werkplan's own template), its commitment under
    TOEGEZEGD."""
    if blad == "Blok A":
        for r in werkplan.blok_a:
            yield {"functie": _waarde(r.functie), "kwalificatie": _waarde(r.kwalificatie),
                   "gebiedsteam": _waarde(r.gebiedsteam), "instelling": _waarde(r.instelling),
                   TOEGEZEGD: r.fte and f"Toegezegd in het werkplan: {weergave(r.fte)} fte"}
    elif blad == "Randvoorwaarden":
        for code, rv in regelset.randvoorwaarden.items():
            yield {"code": code, "randvoorwaarde": rv.omschrijving}
    elif blad == "Deelopdrachten":
        for nr, deelopdracht in sorted(regelset.deelopdrachten.items()):
            yield {"nr": nr, "deelopdracht": deelopdracht.naam}
    elif blad == "Kengetallen":
        for code, kengetal, r in _met_toezegging(regelset.kengetallen, werkplan.kengetallen, "omschrijving"):
            yield {"code": code, "omschrijving": kengetal.omschrijving if kengetal else _waarde(r.omschrijving),
                   "eenheid": kengetal.eenheid if kengetal else _waarde(r.eenheid),
                   TOEGEZEGD: r and r.waarde and f"Toegezegd in het werkplan: {weergave(r.waarde)}"}
        yield from _prestatierijen(regelset, werkplan, regels)
    elif blad == "Producten":
        for code, product, r in _met_toezegging(regelset.producten, werkplan.producten, "product",
                                                lambda code: _opleveringen(regelset, code)):
            yield {"code": code, "product": product.omschrijving if product else _waarde(r.product),
                   "deelopdracht": product.deelopdracht if product else _waarde(r.deelopdracht),
                   TOEGEZEGD: r and r.oplevering and f"Gepland in het werkplan: {weergave(r.oplevering)}"}
    elif blad == "Uren":
        yield from _begroot(werkplan.uren, "onderdeel", "uren") or [
            {"onderdeel": "Blok A"},
            *({"onderdeel": f"{nr}. {d.naam}"} for nr, d in sorted(regelset.deelopdrachten.items())),
            {"onderdeel": "Totaal"}]
    elif blad == "Begroting":
        # room for the posts above the total
        yield from _begroot(werkplan.begroting, "post", "bedrag") or [*({} for _ in range(10)), {"post": "Totaal"}]


def _prestatierijen(regelset: Regelset, werkplan: Werkplan, regels: list[Regel]) -> Iterator[dict[str, object]]:
    """A row for the organisation's own prestatie of each deelopdracht a rule wants one for
    (PRESTATIES-B..), where no figure of the rule set's list belongs to it (nor of the werkplan)."""
    gedekt = {k.deelopdracht for k in regelset.kengetallen.values()
              if k.deelopdracht and normaliseer(k.eenheid) not in contract.TEKST_EENHEDEN}
    gedekt |= {r.deelopdracht.waarde for r in werkplan.kengetallen if r.deelopdracht}
    for nr in sorted({n for r in regels for c in r.controles if (n := c.prestatie_van())} - gedekt):
        yield {"omschrijving": f"uw eigen prestatie voor deelopdracht {nr} ({regelset.deelopdrachten[nr].naam}), "
                               "bijvoorbeeld een aantal bijeenkomsten", "eenheid": "aantal", "deelopdracht": nr}


def _waarde(w: W | None) -> object:
    return w.waarde if w else None


_Toezegging = tuple[str | None, CodeOmschrijving | None, Rij | None]  # code, its catalogue entry, the werkplan's row


def _met_toezegging(catalogus: dict[str, CodeOmschrijving], rijen: list, naamveld: str,
                    aantal: Callable[[str], int] = lambda _: 1) -> Iterator[_Toezegging]:
    """Every code of the rule set with the werkplan's rows for it (without any, `aantal`
    empty ones), then the werkplan's rows with other codes. A row without a code counts
    for the code whose description it has, as the engine reads it."""
    per_omschrijving = {normaliseer(c.omschrijving): code for code, c in catalogus.items()}
    per_code: dict[str | None, list] = defaultdict(list)
    for r in rijen:
        naam = getattr(r, naamveld)
        if r.code or naam:
            per_code[r.code.waarde if r.code else per_omschrijving.get(normaliseer(naam.waarde))].append(r)
    for code, info in catalogus.items():
        for r in per_code.pop(code, None) or [None] * aantal(code):
            yield code, info, r
    for code, overige in per_code.items():
        for r in overige:
            yield code, None, r


def _begroot(rijen: list, naamveld: str, kolom: str) -> list[dict[str, object]]:
    """The werkplan's Uren or Begroting rows, its figures as the budgeted ones of the verantwoording."""
    begroot = [{naamveld: weergave(getattr(r, naamveld)), f"{kolom}_begroot": _waarde(getattr(r, kolom))}
               for r in rijen if getattr(r, naamveld)]
    if begroot and not any(r.is_totaal for r in rijen):
        begroot.append({naamveld: "Totaal"})
    return begroot


def _opleveringen(regelset: Regelset, product: str) -> int:
    """One row per delivery: as many as the quarters a product-kwartalen rule asks for."""
    return max([c.opleveringen(product) for r in regelset.regels for c in r.controles], default=0) or 1


def _breedte(ws: Worksheet, letter: str, kolom: Column, kop: str) -> None:
    langste = max((len(str(c.value)) for c in ws[letter][KOPREGEL - 1:] if c.value is not None), default=0)
    breedte = max(len(kop) + 4, min(langste + 2, 60))
    if kolom.kind in (Kind.TEXT, Kind.LIST) and not langste > len(kop):
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
