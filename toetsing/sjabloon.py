"""The werkplan template (`toetsing sjabloon`) for one opdracht, and the template for the
verantwoording after the year (`--verantwoording`).

Generated, never kept by hand: the sheets and column headers come from the importer's
sheet table (lezen/bladen.py, the contract's names first; a verantwoording's own names
such as Fte geleverd are synonyms there), the codes, descriptions, units and deelopdrachten
from the rule set, and which sheets and Algemeen fields appear from the rules that judge
that document (their `toepassing`). So the template cannot drift from what toetsing reads
and what the rules expect. Each sheet has an instruction row above its header row (the
importer looks for the header in the first rows), and every column the importer reads as a
number, date, ja/nee or deelopdracht number gets a data validation with a Dutch prompt and
error message. A verantwoording's template can start from the werkplan: its functions,
codes, onderdelen and posts, with the werkplan's hours and amounts as the budgeted ones and
its other commitments (fte, kengetallen, planned deliveries) as notes on the cells to fill.
"""
from __future__ import annotations

import io
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
from toetsing.lezen import bladen
from toetsing.lezen.bladen import Column, Kind
from toetsing.regels.model import CodeOmschrijving, ProductKwartalen, Regel, Regelset, VorigJaarVergeleken
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

# A verantwoording's columns per sheet (docs/werkplan-formaat.md), and the headers that
# differ from the werkplan's; each is a name the importer reads for that field. A sheet not
# named here gets the werkplan's columns.
VERANTWOORDING_KOLOMMEN = {
    "Blok A": ("functie", "fte", "kwalificatie", "gebiedsteam", "instelling", "toelichting"),
    "Randvoorwaarden": ("code", "randvoorwaarde", "akkoord", "toelichting"),
    "Kengetallen": ("code", "omschrijving", "waarde", "eenheid", "toelichting"),
    "Producten": ("code", "product", "deelopdracht", "oplevering", "toelichting"),
    "Uren": ("onderdeel", "uren", "uren_begroot", "toelichting"),
    "Begroting": ("post", "bedrag", "bedrag_begroot", "toelichting"),
}
VERANTWOORDING_KOPPEN = {"fte": "Fte geleverd", "akkoord": "Nagekomen", "waarde": "Realisatie",
                         "oplevering": "Opgeleverd op", "uren": "Uren gerealiseerd", "bedrag": "Besteed"}
# the cell that gets the werkplan's commitment as a note: what the organisation fills in beside it
TOEGEZEGD = "toegezegd"
TOEGEZEGD_BIJ = {"Blok A": "fte", "Kengetallen": "waarde", "Producten": "oplevering"}

# Which sheet a check reads, by the first word of its soort; a check with a `tabel` names it.
BLAD_VAN_SOORT = {
    "veld": "Algemeen", "datum": "Algemeen", "kengetal": "Kengetallen", "product": "Producten",
    "codes": "Randvoorwaarden", "formatie": "Blok A", "fte": "Blok A", "deelopdracht": "Deelopdrachten",
    "deelopdrachten": "Deelopdrachten",
}
# Algemeen fields every werkplan or verantwoording has (contract v1); others only when a rule reads them
VASTE_VELDEN = {"werkplan": {"organisatie", "subsidiejaar", "opdracht", "indieningsdatum", "aanspreekpunt"},
                "verantwoording": {"organisatie", "subsidiejaar", "opdracht"}}

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
UITLEG_VERANTWOORDING = {
    **UITLEG_PER_BLAD,
    "Algemeen": "Vul de kolom Waarde in. Wat al is ingevuld, komt uit de opdracht of uit het werkplan; laat dat staan.",
    "Blok A": "Eén rij per functie in het gebiedsteam: hoeveel fte u in het subsidiejaar echt heeft geleverd, en de "
              "kwalificatie (opleiding of registratie). Zet hier geen activiteiten of prestaties.",
    "Randvoorwaarden": "Zet bij elke randvoorwaarde in de kolom Nagekomen ja of nee. Bij nee: zeg in de kolom "
                       "Toelichting waarom.",
    "Kengetallen": "Vul bij elke code in wat u heeft bereikt (Realisatie), in de eenheid die ernaast staat.",
    "Producten": "Vul bij elk product de datum in waarop u het heeft opgeleverd. Komt een product twee keer, dan "
                 "heeft het twee rijen.",
    "Uren": "Vul per onderdeel in hoeveel uur er echt is gewerkt (Uren gerealiseerd). Uren begroot zijn de uren uit "
            "het werkplan. Totaal is de som van de andere regels.",
    "Begroting": "Vul per post in hoeveel u echt heeft uitgegeven (Besteed). Bedrag begroot is het bedrag uit het "
                 "werkplan. Totaal is de som van de andere regels.",
}
# added to a verantwoording's instruction when the template starts from the werkplan
UITLEG_UIT_WERKPLAN = {
    "Blok A": "De functies komen uit het werkplan. Hoeveel fte u toezegde, staat in de opmerking bij de cel.",
    "Kengetallen": "Wat u in het werkplan toezegde, staat in de opmerking bij de cel.",
    "Producten": "Wanneer u het product volgens het werkplan zou opleveren, staat in de opmerking bij de cel.",
    "Uren": "De onderdelen en de begrote uren komen uit het werkplan; laat die staan.",
    "Begroting": "De posten en de begrote bedragen komen uit het werkplan; laat die staan.",
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
UITLEG_ALGEMEEN_VERANTWOORDING = {
    **UITLEG_ALGEMEEN,
    "subsidiejaar": "Het jaar waarover deze verantwoording gaat.",
    "opdracht": "De opdracht van de gemeente waar het werkplan bij hoort.",
    "reikwijdte": "Zoals in het werkplan: leeg als het alle deelopdrachten dekt; anders de nummers, zoals 1, 2, 7.",
}


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
    _algemeen(wb.create_sheet("Algemeen"), regelset, regels, stuk, toezegging.algemeen)
    nodig = bladen_nodig(regelset, stuk)
    for tabel in bladen.TABLES:
        if tabel is bladen.ALGEMEEN or tabel.sheet not in nodig:
            continue
        kolommen = _kolommen(tabel, stuk)
        ws = wb.create_sheet(tabel.sheet)
        _kop(ws, _uitleg(tabel, regels, stuk, uit_werkplan), [kop for _, kop in kolommen])
        for rij, waarden in enumerate(_rijen(tabel.sheet, regelset, toezegging), start=KOPREGEL + 1):
            for kolom, (k, _) in enumerate(kolommen, start=1):
                cel = ws.cell(rij, kolom, waarden.get(k.field))
                if waarden.get(TOEGEZEGD) and k.field == TOEGEZEGD_BIJ.get(tabel.sheet):
                    cel.comment = Comment(waarden[TOEGEZEGD], "toetsing", width=260, height=60)
        for kolom, (k, kop) in enumerate(kolommen, start=1):
            letter = get_column_letter(kolom)
            _breedte(ws, letter, k, kop)
            validatie = _validatie(k.kind, regelset)
            if validatie:
                validatie.add(f"{letter}{KOPREGEL + 1}:{letter}{KOPREGEL + INVOERRIJEN}")
                ws.add_data_validation(validatie)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def bladen_nodig(regelset: Regelset, stuk: str = "werkplan") -> set[str]:
    """Algemeen and every sheet a rule for this `stuk` reads: Meierijstad's eight for a
    werkplan, or Algemeen and Activiteiten for an aanvraag per activiteit."""
    per_tabel = {t.attribute: t.sheet for t in bladen.TABLES if t.attribute}
    nodig = {"Algemeen"}
    for regel in regelset.regels:
        for controle in regel.controles if stuk in regel.toepassing else ():
            tabel = getattr(controle, "tabel", None)
            nodig.add(per_tabel[tabel] if tabel else BLAD_VAN_SOORT[controle.soort.split("-")[0]])
    return nodig


def _kolommen(tabel: bladen.Table, stuk: str) -> list[tuple[Column, str]]:
    """The template's columns of a sheet, each with its header."""
    velden = VERANTWOORDING_KOLOMMEN.get(tabel.sheet) if stuk == "verantwoording" else None
    if velden is None:
        return [(k, k.names[0]) for k in tabel.columns if k.field not in _WEGLATEN]
    per_veld = {k.field: k for k in tabel.columns}
    return [(per_veld[v], VERANTWOORDING_KOPPEN.get(v, per_veld[v].names[0])) for v in velden]


def _uitleg(tabel: bladen.Table, regels: list[Regel], stuk: str, uit_werkplan: bool) -> str:
    blad = tabel.sheet
    if stuk != "verantwoording":
        return UITLEG_PER_BLAD[blad]
    zinnen = [UITLEG_VERANTWOORDING[blad]]
    # the threshold above which a difference needs a reason is the rule's, so the sheet says it
    drempels = [c.drempel_procent for r in regels for c in r.controles
                if isinstance(c, VorigJaarVergeleken) and c.met == "begroot" and c.tabel == tabel.attribute]
    if drempels:
        zinnen.append(f"Verschilt het meer dan {min(drempels):g}% van wat begroot was? Zeg dan waarom in de kolom "
                      "Toelichting.")
    if uit_werkplan and blad in UITLEG_UIT_WERKPLAN:
        zinnen.append(UITLEG_UIT_WERKPLAN[blad])
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
    _kop(ws, (UITLEG_VERANTWOORDING if verantwoording else UITLEG_PER_BLAD)["Algemeen"], ["Veld", "Waarde", "Uitleg"])
    uitleg = UITLEG_ALGEMEEN_VERANTWOORDING if verantwoording else UITLEG_ALGEMEEN
    # a werkplan's own Algemeen is empty, so only a verantwoording takes the werkplan's
    vooraf = {"organisatie": _waarde(werkplan.organisatie),
              "subsidiejaar": _waarde(werkplan.subsidiejaar) or regelset.subsidiejaar, "opdracht": regelset.id,
              "reikwijdte": werkplan.reikwijdte and weergave(werkplan.reikwijdte)}
    gelezen = {c.veld for r in regels for c in r.controles if hasattr(c, "veld")}
    reikwijdte = {"reikwijdte"} if regelset.deelopdrachten else set()
    velden = [v for v in bladen.ALGEMEEN_FIELDS if v.field in VASTE_VELDEN[stuk] | gelezen | reikwijdte]
    for rij, veld in enumerate(velden, start=KOPREGEL + 1):
        ws.cell(rij, 1, veld.names[0]).font = KOP
        waarde = ws.cell(rij, 2, vooraf.get(veld.field))
        ws.cell(rij, 3, uitleg[veld.field]).font = UITLEG
        if veld.kind is Kind.DATE:
            waarde.number_format = "DD-MM-YYYY"
        validatie = _validatie(veld.kind, regelset)
        if validatie:
            validatie.add(waarde.coordinate)
            ws.add_data_validation(validatie)
    for letter, breedte in zip("ABC", (18, 44, 80)):
        ws.column_dimensions[letter].width = breedte


def _rijen(blad: str, regelset: Regelset, werkplan: Werkplan) -> Iterator[dict[str, object]]:
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
    return max([len(c.kwartalen) for r in regelset.regels for c in r.controles
                if isinstance(c, ProductKwartalen) and c.product == product], default=1)


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
