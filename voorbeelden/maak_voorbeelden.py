"""Builds the example werkplannen in this folder (run: python voorbeelden/maak_voorbeelden.py).

- werkplan-conform.xlsx: a joint werkplan of the five organisations that meets every
  rule of meierijstad-2020.
- werkplan-concept.xlsx: the same werkplan as a draft, with the faults organisations
  typically make (each listed in FOUTEN below).
- werkplan-2021.xlsx: the werkplan for meierijstad-2021 (meets every rule).
- aanvraag-vijfheerenlanden.xlsx and -concept.xlsx: an aanvraag for vijfheerenlanden-2021,
  conform and with the faults in FOUTEN_VIJFHEERENLANDEN.
- verantwoording-2020.xlsx and -tekorten.xlsx: the verantwoording of werkplan-conform.xlsx,
  as agreed and with the shortfalls in FOUTEN_VERANTWOORDING.
- samenwerking/*.xlsx: werkplan-conform.xlsx as the five organisations' own werkplannen, to
  toets together (--gezamenlijk), with the faults in FOUTEN_SAMENWERKING and FOUTEN_ORGANISATIES.
"""
from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import toetsing  # noqa: F401  (first: keeps openpyxl on the standard library's XML writer, as toetsing does)
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

MAP = Path(__file__).resolve().parent
INSTELLINGEN = "ONS Welzijn; Welzijn De Meierij; MEE; Farent; Lumens"

DEELOPDRACHTEN = [
    (1, "CJG", "Wij leveren 4,2 fte voor het CJG naast GGD en gemeente, vanuit de huidige bezetting. Eén team onder één naam, één telefoonnummer "
     "en website, een gedeelde agenda. Preventieve trainingen in alle drie de kernen.",
     "90% van ouders en jongeren heeft aantoonbaar baat (korte vragenlijst na elk contact); deelnemers aan trainingen idem.",
     "Het CJG treedt op als één team met centrale bereikbaarheid, verbonden met de drie gebiedsteams.",
     "Wij nemen deel aan de Overleggen Jeugd Openbare Ruimte en werken samen met GGD, HALT en onderwijs.", "Farent; Lumens"),
    (2, "Jongeren met beginnende problematiek", "Passend aanbod voor de vier aandachtsgroepen: jongeren met psychische problematiek of LVB, eenzame jongeren, "
     "jongeren en ouders in een vechtscheiding, en jonge mantelzorgers. Meierijstad breed, samen met de partners in het preventieve jeugdveld.",
     "Bereik, tevredenheid en baat per bestaande interventie; trendrapportage met advies in Q1 en Q3, met input van de partners.",
     "Het aanbod wordt Meierijstad breed en in afstemming met partners ontwikkeld.", "Eén contactpersoon per school.", "Lumens; Farent"),
    (3, "Jongerenwerk", "Ambulant jongerenwerk tegen overlast, beheer van de jongerencentra en een programma over alcohol en drugs, normoverschrijdend "
     "gedrag en seksueel geweld (meidenwerk).",
     "Bereik minimaal 60% van de jongeren; 90% baat bij coaching. Wij monitoren de interventies: zinvolle dagbesteding en meldingen van overlast, "
     "in alle kernen op dezelfde manier.",
     "De organisatie is niet meer per kern maar Meierijstad breed.",
     "Per kern een jongerenwerker in het Overleg Jeugd Openbare Ruimte; verbonden met de drie gebiedsteams.", "ONS Welzijn; Welzijn De Meierij"),
    (3, "Jongerenwerk", "Individuele coaching: voorkomen, vroeg signaleren en doorverwijzen.", None, None, None, "Lumens"),
    (4, "VVE en taalstimulering", "Coördinatie VVE en taalactiviteiten zoals Voorleesexpress.",
     "Bereik doelgroepkinderen naar 98%; toeleiding naar een VVE-locatie; tevredenheid VVE-partners; aantal deelnemers aan de taalprojecten, "
     "hun waardering en hoe zij vooruit zijn gegaan.",
     "Er verandert niets.", "Functieprofiel VVE-coördinator is van toepassing.", "ONS Welzijn"),
    (5, "Aanpak laaggeletterdheid", "Bewustwording bij werkgevers en inwoners, en een preventieve aanpak met de bibliotheek.",
     "Bereik laaggeletterden en doorgeleiding naar formeel aanbod.", "Onderscheid tussen bewustwording en preventie enerzijds en cursussen anderzijds.",
     "Het Uitvoeringsplan Laaggeletterdheid 2018-2022 is van toepassing.", "Welzijn De Meierij"),
    (6, "Inclusieve samenleving", "Ambassadeursrol inclusie en bewustwording bij partners; activiteiten ook voor mensen met een beperking; wij delen expertise, "
     "organiseren ontmoetingen en zijn lid van de coalitie tegen eenzaamheid.",
     "Waardering van de ambassadeursrol (enquête); aantal weggehaalde barrières.", "Expertise wordt breder ingezet.", "Activiteiten fysiek en sociaal toegankelijk.", "MEE"),
    (7, "Inloopvoorzieningen en daginvulling", "Krachten bundelen met lokale initiatieven en hun vrijwilligers ondersteunen; onderzoek niet-geïndiceerde "
     "dagbesteding; deelname aan PIM en Leefgoed.",
     "Tevredenheid bezoekers en vrijwilligers.", "Afhankelijk van het onderzoek andere locaties.", "Inloop breed qua bezoekers en activiteiten.", "ONS Welzijn; Welzijn De Meierij"),
    (8, "Mantelzorg", "Herkennen, informeren, ondersteunen en waarderen van mantelzorgers, ook jonge mantelzorgers; jaarlijks advies aan de gemeente.",
     "Toename bereik ten opzichte van de nulmeting 2019; tevredenheid; minder ervaren overbelasting.", "Er verandert niets.", "Deskundige sociaal werkers.",
     "Welzijn De Meierij; ONS Welzijn"),
    (9, "Dementie", "Samen met het netwerk DVG en lokale netwerken: voorlichting en activiteiten voor meer begrip, en een website en folders.",
     "Tevredenheid van de DVG-partners over ondersteuning en informatie.", "Er verandert niets.", None, "ONS Welzijn"),
    (10, "Zorg en veiligheid", "Signaleren en adviseren, ook over preventie; wij zetten buurtbemiddeling voort; partner in Thuis in de wijk.",
     "Tevredenheid gemeentelijke partners; succes buurtbemiddeling.", "Mogelijk verandert de inhoud; dan overleggen wij.", "Deskundige sociaal werkers.", "Farent"),
    (11, "Onafhankelijke cliëntondersteuning", "Informatie en advies, procesbegeleiding, hulp bij bezwaar en beroep, en mediation; apart van de "
     "basisondersteuning in de gebiedsteams.",
     "Bekendheid en tevredenheid van cliënten.", "Er verandert niets.",
     "Scholing bij erkende instituten; vast contact met de gebiedsteams, Door en Voor en Ouders & Jeugdzorg.", "MEE"),
    (12, "Vrijwilligers", "Bemiddeling, de Beursvloer, informatie en advies, trainingen, ondersteuning van vrijwilligersorganisaties, de klussendienst "
     "en promotie van vrijwilligerswerk.",
     "Behoud en toename actieve vrijwilligers (nulmeting 2019); matches; tevredenheid over ondersteuning en training; rapportage in Q1.",
     "Vanaf 2020 nieuw vrijwilligersbeleid.", None, "Welzijn De Meierij; ONS Welzijn"),
    (13, "Burgerinitiatieven en sociale partners", "Tijdelijke ondersteuning van burgerinitiatieven en inzet van expertise voor sociale partners.",
     "Aantal ondersteunde initiatieven; tevredenheid van sociale partners en burgerinitiatieven.", "Er verandert niets.", "Zie kengetallen BI-*.",
     "ONS Welzijn; Welzijn De Meierij"),
]

KENGETALLEN = [
    ("CJG-TELEFONISCH", "telefonische bereikbaarheid CJG tijdens kantooruren", 5, "dagen per week"),
    ("CJG-DIGITAAL", "digitale bereikbaarheid CJG tijdens kantooruren", 5, "dagen per week"),
    ("CJG-FYSIEK", "voorstel fysieke bereikbaarheid CJG", 6, "dagdelen per week"),
    ("CJG-FYSIEK-LOCATIES", "waar / in welke vorm fysiek bereikbaar", "Inloopspreekuur in Veghel, Schijndel en Sint-Oedenrode", "tekst"),
    ("CJG-TAAKVERDELING", "taakverdeling met de taken en rollen van partners (GGD en gemeente)", "GGD: 0-4 jaar; welzijn: 4-23 jaar; gemeente: regie", "tekst"),
    ("CJG-BAAT", "ouders en jongeren die aantoonbaar baat hebben bij informatie en advies", "90%", "procent"),
    ("CJG-AANBOD-BAAT", "deelnemers preventief aanbod die aantoonbaar baat hebben", 0.92, "procent"),
    ("JGD-PSYCHISCH-OMVANG", "omvang: kwetsbare jongeren met psychische problematiek, gedragsstoornissen of LVB", 420, "aantal jongeren"),
    ("JGD-PSYCHISCH-BEREIK", "bereik: kwetsbare jongeren met psychische problematiek, gedragsstoornissen of LVB", 130, "aantal jongeren"),
    ("JGD-EENZAAM-OMVANG", "omvang: eenzame jongeren", 600, "aantal jongeren"),
    ("JGD-EENZAAM-BEREIK", "bereik: eenzame jongeren", 90, "aantal jongeren"),
    ("JGD-VECHTSCHEIDING-OMVANG", "omvang: jongeren en ouders in een vechtscheiding", 150, "aantal"),
    ("JGD-VECHTSCHEIDING-BEREIK", "bereik: jongeren en ouders in een vechtscheiding", 45, "aantal"),
    ("JGD-MANTELZORG-OMVANG", "omvang: jonge mantelzorgers", 800, "aantal jongeren"),
    ("JGD-MANTELZORG-BEREIK", "bereik: jonge mantelzorgers", 120, "aantal jongeren"),
    ("JW-BEREIK", "jongeren die het aanbod van het jongerenwerk bereikt", "60 %", "procent"),
    ("JW-COACHING-BAAT", "jongeren die aantoonbaar baat hebben bij individuele coaching", 90, "procent"),
    ("JW-OJOR-KERNEN", "kernen waar een jongerenwerker deelneemt aan de Overleggen Jeugd Openbare Ruimte", 3, "aantal kernen"),
    ("VVE-BEREIK", "bereik doelgroepkinderen VVE (streefwaarde)", 98, "procent"),
    ("MZ-BEREIK-NULMETING", "bereik onder mantelzorgers in 2019 (nulmeting)", 1250, "aantal mantelzorgers"),
    ("MZ-BEREIK", "bereik onder mantelzorgers (streefwaarde)", "1.400", "aantal mantelzorgers"),
    ("VW-ACTIEF-NULMETING", "actieve vrijwilligers in 2019 (nulmeting)", 2100, "aantal vrijwilligers"),
    ("VW-ACTIEF", "actieve vrijwilligers (streefwaarde)", 2200, "aantal vrijwilligers"),
    ("VW-MATCHES", "geslaagde matches tussen vraag en aanbod van vrijwilligerswerk (streefwaarde)", 350, "aantal"),
    ("VW-BEURSVLOER-MATCHES", "geslaagde matches door de Beursvloer (streefwaarde)", 45, "aantal"),
    ("VW-KLUSSEN", "uitgevoerde klussen (streefwaarde)", 1100, "aantal"),
    ("BI-ONDERSTEUNING-PARTNERS", "type ondersteuning dat sociale partners vragen en wat daarvoor geboden kan worden", "KBO's en Vluchtelingenwerk: advies en deskundigheid", "tekst"),
    ("BI-INITIATIEVEN", "burgerinitiatieven die om ondersteuning vroegen of in 2020 verwacht worden", "Buurtkamer Zijtaart; Repair Café Veghel; Dorpsraad Eerde", "tekst"),
    ("BI-INZET", "inzet die redelijkerwijs nodig is voor burgerinitiatieven", 450, "uren per jaar"),
    ("BI-ONDERSTEUNDE-INITIATIEVEN", "ondersteunde burgerinitiatieven (streefwaarde)", 30, "aantal"),
    ("BI-HULPVRAGEN", "hulpvragen van burgerinitiatieven en sociale partners (streefwaarde)", 120, "aantal"),
    # after the existing rows, so their cells (Kengetallen!C18 in the draft) stay where they were
    ("JGD-PSYCHISCH-BEREIK-DOEL", "haalbaar bereik met passende interventies: kwetsbare jongeren met psychische problematiek, gedragsstoornissen of LVB", 160, "aantal"),
    ("JGD-EENZAAM-BEREIK-DOEL", "haalbaar bereik met passende interventies: eenzame jongeren", 120, "aantal"),
    ("JGD-VECHTSCHEIDING-BEREIK-DOEL", "haalbaar bereik met passende interventies: jongeren en ouders in een vechtscheiding", 60, "aantal"),
    ("JGD-MANTELZORG-BEREIK-DOEL", "haalbaar bereik met passende interventies: jonge mantelzorgers", 170, "aantal"),
]

# the organisation's own prestaties for the deelopdrachten whose catalogue has no figure (contract v2:
# Kengetallen column Deelopdracht)
PRESTATIES = [
    ("EIGEN-TAALCAFES", "taalcafés per week", 6, "aantal", 5),
    ("EIGEN-AMBASSADEURS", "ambassadeurs inclusieve samenleving", 25, "aantal", 6),
    ("EIGEN-INLOOP", "inloopvoorzieningen open", 9, "aantal", 7),
    ("EIGEN-DVG-NETWERK", "bijeenkomsten netwerk dementievriendelijke gemeente", 4, "aantal", 9),
    ("EIGEN-BEMIDDELING", "zaken buurtbemiddeling", 120, "aantal", 10),
    ("EIGEN-OCO", "cliënten onafhankelijke cliëntondersteuning", 350, "aantal", 11),
    ("EIGEN-INITIATIEVEN", "ondersteunde burgerinitiatieven", 15, "aantal", 13),
]
# a budget above last year's explains why (BEGROTING-KADER)
BEGROTING_TOELICHTING = {"Personeel blok B": "Hoger door de cao-verhoging van 2020."}

RANDVOORWAARDEN = [
    ("RV-OPLEIDING", "kwaliteitseisen m.b.t. opleiding e.d.", "ja"),
    ("RV-WERKWIJZE", "accepteren van de werkwijzen binnen het gebiedsteam", "ja"),
    ("RV-SCHOLING", "deelname aan (bij)scholing, studiedagen en teambuilding van het gebiedsteam", "ja"),
    ("RV-NORMEN", "onderschrijven van de normen van het gebiedsteam (inclusieve samenleving, onderlinge vervanging)", "ja"),
    ("RV-VERVANGING", "afspraken over vervanging bij ziekte", "ja"),
    ("RV-VINDBAARHEID", "eenduidigheid qua bekendheid/vindbaarheid richting inwoners", "ja"),
    ("RV-REGISTRATIE", "gebruik van het gemeentelijk (cliënt)registratiesysteem", "ja"),
]

CONFORM = {
    "Algemeen": [
        ("Organisatie", "Samenwerkende welzijnsorganisaties Meierijstad"),
        ("Subsidiejaar", 2020),
        ("Opdracht", "meierijstad-2020"),
        ("Indieningsdatum", date(2019, 10, 11)),
        ("Aanspreekpunt", "A. de Vries (ONS Welzijn)"),
        ("Reikwijdte", "volledig"),
    ],
    "Blok A": [
        ("Maatschappelijk werker", 6.4, "HBO MWD, SKJ-registratie", "Veghel", "Farent"),
        ("Ouderenadviseur", 2.0, "HBO SPH", "Schijndel", "ONS Welzijn"),
        ("Cliëntondersteuner", 1.5, "HBO MWD", "Sint-Oedenrode", "MEE"),
        ("Sociaal werker", 3.2, "HBO SPH", "Veghel", "Welzijn De Meierij"),
    ],
    "Producten": [
        ("TRENDRAPPORTAGE", "trendrapportage jongeren met beginnende problematiek", 2, "Q1 2020"),
        ("TRENDRAPPORTAGE", "trendrapportage jongeren met beginnende problematiek", 2, "Q3 2020"),
        ("ONDERZOEK-DAGBESTEDING", "onderzoek niet-geïndiceerde dagbesteding/daginvulling", 7, date(2020, 6, 15)),
        ("RAPPORTAGE-VRIJWILLIGERS", "rapportage ondersteuningsbehoeften en barrières vrijwilligers", 12, "1e kwartaal 2020"),
        ("ADVIES-WAARDERING-MZ", "jaarlijks advies aan de gemeente over de waardering van mantelzorgers", 8, "Q3 2020"),
    ],
    "Uren": [
        ("Blok A", 19_656, 19_100, INSTELLINGEN), ("1", 7_560, 7_400, "Farent; Lumens"), ("2", 1_800, 1_500, "Lumens; Farent"),
        ("3", 6_200, 6_200, "ONS Welzijn; Welzijn De Meierij; Lumens"), ("4", 1_400, 1_400, "ONS Welzijn"),
        ("5", 900, 800, "Welzijn De Meierij"), ("6", 1_100, 1_000, "MEE"), ("7", 2_600, 2_400, "ONS Welzijn; Welzijn De Meierij"),
        ("8", 2_200, 2_200, "Welzijn De Meierij; ONS Welzijn"), ("9", 600, 600, "ONS Welzijn"), ("10", 1_500, 1_500, "Farent"),
        ("11", 1_800, 1_800, "MEE"), ("12", 2_000, 2_000, "Welzijn De Meierij; ONS Welzijn"), ("13", 1_200, 1_100, "ONS Welzijn; Welzijn De Meierij"),
    ],
    "Begroting": [
        ("Personeel blok A", 1_356_264.00, 1_317_900.00), ("Personeel blok B", 2_164_320.00, 2_088_000.00),
        ("Huisvesting", 185_000.00, 180_000.00), ("Activiteiten", 142_500.50, 139_000.00),
    ],
}
for _blad_naam, _kolommen in (("Uren", 3), ("Begroting", 3)):
    _rijen = CONFORM[_blad_naam]
    _totaal = ("Totaal",) + tuple(round(sum(r[i] for r in _rijen), 2) for i in range(1, _kolommen))
    _rijen.append(_totaal + (None,) * (len(_rijen[0]) - len(_totaal)))

# The faults of the draft: each changes the conform werkplan and is found by the rule named.
FOUTEN = {
    "INDIENING-TIJDIG": "geen indieningsdatum (ontbreekt)",
    "CJG-BEREIKBAARHEID": "digitaal 4 dagen per week (afwijkend)",
    "JGD-TRENDRAPPORTAGE": "trendrapportage in Q2 en Q4 (afwijkend)",
    "DB-ONDERZOEK": "onderzoek dagbesteding pas in Q3 2020 (afwijkend)",
    "BLOKA-ALLEEN-FTE": "prestaties in blok A (afwijkend)",
    "BLOKA-RANDVOORWAARDEN": "vervanging bij ziekte niet akkoord (afwijkend)",
    "DEKKING-B09": "deelopdracht 9 ontbreekt (ontbreekt)",
    "UREN-TOTAAL": "totaal uren klopt niet (afwijkend)",
    "JW-BEREIK": "bereik jongerenwerk als woord 'zestig' (afwijkend, met melding)",
    "BEGROTING-KADER": "begroting hoger dan vorig jaar, zonder toelichting (afwijkend)",
    "JW-THEMAS": "programma over alcohol, maar niet over drugs (afwijkend)",
    "OCO-ONDERDELEN": "cliëntondersteuning noemt advies, maar geen informatie (afwijkend)",
    "TEVREDENHEID-B07": "alleen de tevredenheid van bezoekers, niet van vrijwilligers (afwijkend)",
    "VW-RAPPORTAGE-Q1": "rapportage vrijwilligers al in december 2019, niet in Q1 2020 (afwijkend)",
    "VW-INDICATOREN": "geen streefwaarde voor uitgevoerde klussen (ontbreekt)",
}
# the draft's Kengetallen: code -> the value written instead (None: left empty)
KENGETALLEN_CONCEPT = {"CJG-DIGITAAL": "4", "JW-BEREIK": "zestig", "VW-KLUSSEN": None}
# the draft's Deelopdrachten: (nr, column index) -> the text written instead
DEELOPDRACHTEN_CONCEPT = {
    (3, 2): "Ambulant jongerenwerk tegen overlast, beheer van de jongerencentra en een programma over alcohol, normoverschrijdend gedrag en "
            "seksueel geweld.",
    (7, 3): "Tevredenheid van de bezoekers.",
    (11, 2): "Advies, procesbegeleiding, hulp bij bezwaar en beroep, en mediation; apart van de basisondersteuning in de gebiedsteams.",
}


def _concept() -> dict:
    w = copy.deepcopy(CONFORM)
    w["Algemeen"] = [r for r in w["Algemeen"] if r[0] != "Indieningsdatum"]
    w["Producten"][0] = w["Producten"][0][:3] + ("Q2 2020",)
    w["Producten"][1] = w["Producten"][1][:3] + ("K4",)
    w["Producten"][2] = w["Producten"][2][:3] + ("Q3 2020",)
    w["Producten"][3] = w["Producten"][3][:3] + (date(2019, 12, 16),)
    w["Uren"][-1] = ("Totaal", w["Uren"][-1][1] + 1_500) + w["Uren"][-1][2:]
    return w


def _blad(wb: Workbook, naam: str, titel: str, koppen: list[str], rijen: list[tuple]) -> None:
    ws = wb.create_sheet(naam)
    ws.append([titel])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(koppen)
    for cel in ws[2]:
        cel.font = Font(bold=True)
    for rij in rijen:
        ws.append(list(rij))
    for i, _ in enumerate(koppen, start=1):
        ws.column_dimensions[get_column_letter(i)].width = 18 if i > 1 else 26
    ws.freeze_panes = "A3"


def _werkboek(titel: str, algemeen: list[tuple]) -> Workbook:
    """A new workbook that starts with its Algemeen sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    _blad(wb, "Algemeen", titel, ["Veld", "Waarde"], algemeen)
    return wb


def bouw(werkplan: dict, concept: bool, deelopdrachten: list[tuple] = DEELOPDRACHTEN) -> Workbook:
    wb = _werkboek("Werkplan 2020 – algemene gegevens", werkplan["Algemeen"])
    formatie = [r + (None,) for r in werkplan["Blok A"]]
    koppen_a = ["Functie", "Fte", "Kwalificatie", "Gebiedsteam", "Instelling", "Toelichting"]
    if concept:
        koppen_a.append("Prestatie")
        formatie[0] = formatie[0] + ("300 huisbezoeken",)
    _blad(wb, "Formatie", "Blok A – formatie in het gebiedsteam", koppen_a, formatie)
    rv = [(c, t, "nee" if concept and c == "RV-VERVANGING" else a, None) for c, t, a in RANDVOORWAARDEN]
    _blad(wb, "Randvoorwaarden", "Blok A – randvoorwaarden (§6)", ["Code", "Randvoorwaarde", "Akkoord", "Toelichting"], rv)
    do = [d for d in deelopdrachten if not (concept and d[0] == 9)]
    if concept:  # the first row of a deelopdracht gets the draft's text
        gezien: set[int] = set()
        for i, d in enumerate(do):
            if d[0] not in gezien:
                gezien.add(d[0])
                do[i] = tuple(DEELOPDRACHTEN_CONCEPT.get((d[0], k), v) for k, v in enumerate(d))
    _blad(wb, "Deelopdrachten", "Blok B – deelopdrachten (format §7)",
          ["Nr", "Deelopdracht", "Uitwerking", "Resultaatmeting", "Verandering", "Randvoorwaarden", "Instelling"], do)
    ws = wb["Deelopdrachten"]
    drie = [i for i, d in enumerate(do) if d[0] == 3]
    if len(drie) == 2:  # deelopdracht 3 spans two rows: its number and name are merged cells
        for kolom in "AB":
            ws.merge_cells(f"{kolom}{3 + drie[0]}:{kolom}{4 + drie[0]}")
    kg = [(c, o, KENGETALLEN_CONCEPT[c] if concept and c in KENGETALLEN_CONCEPT else w, e, None, None)
          for c, o, w, e in werkplan.get("Kengetallen", KENGETALLEN)] + [
        (c, o, w, e, None, nr) for c, o, w, e, nr in werkplan.get("Prestaties", PRESTATIES)]
    _blad(wb, "Kengetallen", "Kengetallen en streefwaarden",
          ["Code", "Omschrijving", "Waarde", "Eenheid", "Toelichting", "Deelopdracht"], kg)
    for rij in range(3, wb["Kengetallen"].max_row + 1):
        if wb["Kengetallen"][f"A{rij}"].value == "CJG-AANBOD-BAAT":
            wb["Kengetallen"][f"C{rij}"].number_format = "0%"  # 0,92 shown as 92%
    _blad(wb, "Planning", "Producten en opleveringen", ["Code", "Product", "Deelopdracht", "Oplevering"], werkplan["Producten"])
    _blad(wb, "Urenoverzicht", "Urenoverzicht", ["Onderdeel", "Uren", "Uren vorig jaar", "Instelling", "Toelichting"],
          werkplan["Uren"])
    begroting = [r if len(r) > 3 else r + (None if concept else BEGROTING_TOELICHTING.get(r[0]),)
                 for r in werkplan["Begroting"]]
    _blad(wb, "Financieel overzicht", "Begroting", ["Post", "Bedrag", "Bedrag vorig jaar", "Toelichting"], begroting)
    for rij in wb["Financieel overzicht"].iter_rows(min_row=3, min_col=2, max_col=3):
        for cel in rij:
            cel.number_format = '"€" #,##0.00'
    return wb


# Opdracht 2021 changes the general part: one applicant (the coöperatie) with one contact,
# a comparison with last year with reasons for large differences, the leefbaarheidsmonitor and corona.
TOELICHTINGEN_2021 = {"2": "Meer groepen door de trendrapportage 2020.", "5": "Nieuwe taalcafés.",
                      "Huisvesting": "Nieuwe inloop in Eerde."}


def _werkplan_2021() -> dict:
    w = copy.deepcopy(CONFORM)
    w["Algemeen"] = [
        ("Organisatie", "Coöperatie sociaal werk Meierijstad"), ("Subsidiejaar", 2021), ("Opdracht", "meierijstad-2021"),
        ("Indieningsdatum", date(2020, 10, 9)), ("Aanspreekpunt", "A. de Vries"), ("Reikwijdte", "volledig"),
    ]
    w["Producten"] = [(c, p, d, o.replace("2020", "2021") if isinstance(o, str) else date(2021, o.month, o.day))
                      for c, p, d, o in w["Producten"]]
    w["Uren"] = [r + (TOELICHTINGEN_2021.get(r[0]),) for r in w["Uren"]]
    w["Begroting"] = [r + (TOELICHTINGEN_2021.get(r[0]),) for r in w["Begroting"]]
    return w


def _deelopdrachten_2021() -> list[tuple]:
    aanvulling = {3: ("uitwerking", " Extra ambulant werk door de gevolgen van corona."),
                  6: ("resultaatmeting", " Wij gebruiken de cijfers van de leefbaarheidsmonitor Meierijstad.")}
    uit = []
    for d in DEELOPDRACHTEN:
        d = list(d)
        if d[0] in aanvulling and d[2] and d[3]:
            kolom, tekst = aanvulling.pop(d[0])
            d[2 if kolom == "uitwerking" else 3] += tekst
        uit.append(tuple(d))
    return uit


# Vijfheerenlanden asks for an aanvraag as a list of activities (sheet Activiteiten).
ACTIVITEITEN_KOPPEN = ["Activiteit", "Opgave", "Doel", "Samenwerkingspartners", "Waar", "Wanneer", "Resultaat", "Indicator", "Norm",
                       "Nulmeting", "Instrumenten", "Kosten", "Ketenaanpak", "Preventie", "Algemeen toegankelijk"]
ACTIVITEITEN = [
    ("Taalcafé", "Leven lang ontwikkelen", "Inwoners spreken beter Nederlands", "Bibliotheek; Vluchtelingenwerk",
     "Bibliotheek Vianen", "elke dinsdagavond",
     "40 deelnemers per jaar", "aantal deelnemers", "80% komt 10 keer of vaker", "25 deelnemers in 2020",
     "wekelijkse bijeenkomst met vrijwilligers", 12_500, "doorverwijzing naar formeel taalaanbod", "ja", "ja"),
    ("Buurtkamer Vianen", "Meedoen", "Minder eenzaamheid", "Woningcorporatie; Kerk; Sportvereniging",
     "Buurthuis De Hagen, Vianen", "maandag, woensdag en vrijdag, 9.30-12.00 uur",
     "3 inloopochtenden per week", "aantal bezoekers", "60 vaste bezoekers", "geen inloop in 2020",
     "ruimte en twee vrijwilligerscoördinatoren", 48_000, "signaleren en doorverwijzen naar het Sociaal Team", "ja", "ja"),
    ("Beweegmaatje", "Gezond leven", "Ouderen bewegen meer", "Fysiotherapie; Sportservice",
     "in de wijken van Leerdam en Meerkerk", "het hele jaar, wekelijks",
     "100 koppels", "aantal koppels", "75% beweegt na een jaar nog", "40 koppels in 2020",
     "matching van vrijwilligers", 22_000, "huisarts verwijst door", "ja", "ja"),
]
FOUTEN_VIJFHEERENLANDEN = {
    "VHL-OPGAVE": "opgave 'Sport' bestaat niet (afwijkend)",
    "VHL-SAMENWERKING": "één partner (afwijkend)",
    "VHL-NULMETING": "geen nulmeting (afwijkend)",
    "VHL-ALGEMEEN-TOEGANKELIJK": "alleen voor geïndiceerde inwoners (afwijkend)",
    "VHL-MEERJARIG": "looptijd 1 jaar (afwijkend)",
    "VHL-WAAR-WANNEER": "Beweegmaatje zegt niet wanneer (afwijkend)",
}


def bouw_vijfheerenlanden(concept: bool) -> Workbook:
    algemeen = [("Organisatie", "Stichting Welzijn Vijfheerenlanden"), ("Subsidiejaar", 2021),
                ("Opdracht", "vijfheerenlanden-2021"), ("Indieningsdatum", date(2020, 9, 30)), ("Looptijd", 1 if concept else 4)]
    wb = _werkboek("Aanvraag 2021 – algemene gegevens", algemeen)
    rijen = [list(r) for r in ACTIVITEITEN]
    if concept:
        rijen[0][1] = "Sport"
        rijen[1][3] = "Woningcorporatie"
        rijen[2][9] = None  # no nulmeting
        rijen[2][5] = None  # nor when
        rijen.append(["Dagbesteding met indicatie", "Voor jezelf zorgen", "Structuur voor kwetsbare inwoners",
                      "Zorgaanbieder; Sociaal Team", "Zorgboerderij De Linde", "werkdagen", "20 deelnemers", "aantal deelnemers", "90% tevreden", "18 deelnemers",
                      "groepsbegeleiding", 95_000, "na indicatie door het Sociaal Team", "ja", "nee"])
    _blad(wb, "Activiteiten", "Activiteiten en projecten (§6.8 kader inkoop en subsidie)", ACTIVITEITEN_KOPPEN,
          [tuple(r) for r in rijen])
    return wb


# The verantwoording after 2020 for werkplan-conform.xlsx: realised figures beside the
# committed ones. With tekorten=True it has the shortfalls in FOUTEN_VERANTWOORDING.
REALISATIE = {"CJG-TELEFONISCH": 5, "CJG-DIGITAAL": 5, "CJG-BAAT": "91%", "CJG-AANBOD-BAAT": 90, "JW-BEREIK": "62%",
              "JW-COACHING-BAAT": 92, "VVE-BEREIK": 98}
FOUTEN_VERANTWOORDING = {
    "VA-FTE-GELEVERD": "maatschappelijk werk 4,0 fte geleverd in plaats van 6,4 (afwijkend)",
    "BLOKA-RANDVOORWAARDEN": "niet deelgenomen aan scholing (afwijkend)",
    "JW-BEREIK": "48% van de jongeren bereikt (afwijkend)",
    "JGD-TRENDRAPPORTAGE": "tweede trendrapportage pas in Q4 (afwijkend)",
    "DB-ONDERZOEK": "onderzoek pas in september opgeleverd (afwijkend)",
    "VA-UREN-TOEGELICHT": "jongerenwerk 4.000 uren in plaats van 6.200, zonder toelichting (afwijkend)",
}


def bouw_verantwoording(tekorten: bool) -> Workbook:
    wb = _werkboek("Verantwoording 2020 – algemene gegevens", [r for r in CONFORM["Algemeen"] if r[0] != "Indieningsdatum"])
    formatie = [(f, 4.0 if tekorten and i == 0 else fte, k, g, inst) for i, (f, fte, k, g, inst) in enumerate(CONFORM["Blok A"])]
    _blad(wb, "Blok A", "Blok A – geleverde formatie", ["Functie", "Fte geleverd", "Kwalificatie", "Gebiedsteam", "Instelling"],
          formatie)
    _blad(wb, "Randvoorwaarden", "Blok A – randvoorwaarden nagekomen", ["Code", "Randvoorwaarde", "Nagekomen", "Toelichting"],
          [(c, t, "nee" if tekorten and c == "RV-SCHOLING" else "ja", None) for c, t, _ in RANDVOORWAARDEN])
    realisatie = {**REALISATIE, **({"JW-BEREIK": "48%"} if tekorten else {})}
    _blad(wb, "Kengetallen", "Gerealiseerde kengetallen", ["Code", "Omschrijving", "Realisatie", "Eenheid"],
          [(c, o, realisatie[c], e) for c, o, _, e in KENGETALLEN if c in realisatie])
    opleveringen = {("TRENDRAPPORTAGE", 0): date(2020, 3, 16), ("TRENDRAPPORTAGE", 1): date(2020, 11, 5) if tekorten else date(2020, 9, 21),
                    ("ONDERZOEK-DAGBESTEDING", 0): date(2020, 9, 15) if tekorten else date(2020, 6, 29),
                    ("RAPPORTAGE-VRIJWILLIGERS", 0): date(2020, 3, 20), ("ADVIES-WAARDERING-MZ", 0): date(2020, 9, 10)}
    gezien: dict[str, int] = {}
    producten = []
    for code, product, nr, _ in CONFORM["Producten"]:
        producten.append((code, product, nr, opleveringen[(code, gezien.get(code, 0))]))
        gezien[code] = gezien.get(code, 0) + 1
    _blad(wb, "Producten", "Opgeleverde producten", ["Code", "Product", "Deelopdracht", "Opgeleverd op"], producten)
    uren = [(o, u * 0.97 if o != "3" or not tekorten else 4_000, u, i) for o, u, _, i in CONFORM["Uren"][:-1]]
    uren.append(("Totaal", round(sum(r[1] for r in uren), 2), round(sum(r[2] for r in uren), 2), None))
    _blad(wb, "Uren", "Gerealiseerde uren", ["Onderdeel", "Uren gerealiseerd", "Uren begroot", "Instelling"], uren)
    besteed = [(p, round(b * 0.98, 2), b) for p, b, _ in CONFORM["Begroting"][:-1]]
    besteed.append(("Totaal", round(sum(r[1] for r in besteed), 2), round(sum(r[2] for r in besteed), 2)))
    _blad(wb, "Begroting", "Bestede middelen", ["Post", "Besteed", "Bedrag begroot"], besteed)
    return wb


# The same joint werkplan as the five organisations submit it, each its own werkplan
# (samenwerking/): an organisation takes the deelopdrachten where the Instelling column names
# it first, with all their rows; the Blok A rows of its staff; its own hours, kengetallen,
# prestaties, products and share of the budget. Together they cover everything, with the
# deliberate joint problems of FOUTEN_SAMENWERKING.
SAMENWERKING = MAP / "samenwerking"
ORGANISATIES = {  # name -> (file, aanspreekpunt, indieningsdatum)
    "ONS Welzijn": ("ons-welzijn.xlsx", "A. de Vries", date(2019, 10, 11)),
    "Welzijn De Meierij": ("welzijn-de-meierij.xlsx", "M. Jansen", date(2019, 10, 10)),
    "MEE": ("mee.xlsx", "S. Bakker", date(2019, 10, 16)),  # a day late: FOUTEN_ORGANISATIES
    "Farent": ("farent.xlsx", "R. Visser", date(2019, 10, 14)),
    "Lumens": ("lumens.xlsx", "L. Smit", date(2019, 10, 11)),
}
# a Blok A row two organisations staff, and a deelopdracht two share the hours of
FORMATIE_AANDEEL = {"Maatschappelijk werker": {"Farent": 4.4, "Lumens": 2.0}}
UREN_AANDEEL = {"3": {"ONS Welzijn": 0.75, "Lumens": 0.25}}
# what each organisation writes only in its own werkplan: the jongerenwerk's kernen and meetinstrument
EIGEN_KENGETALLEN = {
    "ONS Welzijn": [("JW-OJOR-KERNEN", "kernen waar een jongerenwerker deelneemt aan de Overleggen Jeugd Openbare Ruimte", 2,
                     "aantal kernen"),
                    ("JW-OJOR-KERNNAMEN", "kernen met een jongerenwerker in de Overleggen Jeugd Openbare Ruimte", "Veghel; Schijndel",
                     "tekst"),
                    ("JW-METINSTRUMENT", "meetinstrument jongerenwerk", "Jongerenmonitor Meierijstad", "tekst")],
    "Lumens": [("JW-OJOR-KERNEN", "kernen waar een jongerenwerker deelneemt aan de Overleggen Jeugd Openbare Ruimte", 1,
                "aantal kernen"),
               ("JW-OJOR-KERNNAMEN", "kernen met een jongerenwerker in de Overleggen Jeugd Openbare Ruimte", "Sint-Oedenrode", "tekst"),
               ("JW-METINSTRUMENT", "meetinstrument jongerenwerk", "jongerenmonitor Meierijstad", "tekst"),
               # Lumens runs the CJG's chat and writes its own days: the joint problem below
               ("CJG-DIGITAAL", "digitale bereikbaarheid CJG tijdens kantooruren", 4, "dagen per week")],
}
# The joint toetsing of the five finds exactly these (GEZAMENLIJK-DEKKING is voldaan).
FOUTEN_SAMENWERKING = {
    "GEZAMENLIJK-CJG-BEREIKBAARHEID": "Farent noemt digitaal 5 dagen per week, Lumens 4 (afwijkend)",
}
# Each organisation's own report: exactly these are not voldaan (the others have none).
FOUTEN_ORGANISATIES: dict[str, dict[str, str]] = {naam: {} for naam in ORGANISATIES} | {
    "MEE": {"INDIENING-TIJDIG": "ingediend op 16 oktober 2019, niet vóór 15 oktober (afwijkend)"},
}


def _eerste_instelling(d: tuple) -> str:
    return d[-1].split(";")[0].strip()


def _organisatie(naam: str) -> tuple[dict, list[tuple]]:
    """(werkplan, its Deelopdrachten rows) of one organisation of the joint werkplan."""
    from toetsing.regels.laden import laad_regelset

    catalogus = laad_regelset("meierijstad-2020").kengetallen
    bestand, aanspreekpunt, ingediend = ORGANISATIES[naam]
    nrs = sorted({d[0] for d in DEELOPDRACHTEN if _eerste_instelling(d) == naam})
    deelopdrachten = [d[:-1] + (naam,) for d in DEELOPDRACHTEN if d[0] in nrs]
    formatie = [(f, FORMATIE_AANDEEL.get(f, {}).get(naam, fte if inst == naam else 0), k, g, naam)
                for f, fte, k, g, inst in CONFORM["Blok A"]]
    formatie = [r for r in formatie if r[1]]
    fte = sum(r[1] for r in formatie) / sum(r[1] for r in CONFORM["Blok A"])
    blok_b = [r for r in CONFORM["Uren"] if r[0] not in ("Blok A", "Totaal")]
    uren = [(o, round(u * UREN_AANDEEL.get(o, {}).get(naam, 1)), round(v * UREN_AANDEEL.get(o, {}).get(naam, 1)), naam)
            for o, u, v, _ in blok_b if int(o) in nrs]
    aandeel_b = sum(r[1] for r in uren) / sum(r[1] for r in blok_b)
    blok_a = next(r for r in CONFORM["Uren"] if r[0] == "Blok A")
    uren.insert(0, ("Blok A", round(blok_a[1] * fte), round(blok_a[2] * fte), naam))
    uren.append(("Totaal", sum(r[1] for r in uren), sum(r[2] for r in uren), None))
    begroting = [(post, round(b * (fte if post == "Personeel blok A" else aandeel_b), 2),
                  round(v * (fte if post == "Personeel blok A" else aandeel_b), 2)) for post, b, v in CONFORM["Begroting"][:-1]]
    begroting.append(("Totaal", round(sum(r[1] for r in begroting), 2), round(sum(r[2] for r in begroting), 2)))
    eigen = EIGEN_KENGETALLEN.get(naam, [])
    kengetallen = [k for k in KENGETALLEN if catalogus[k[0]].deelopdracht in nrs and k[0] not in {e[0] for e in eigen}] + eigen
    werkplan = {
        "Algemeen": [("Organisatie", naam), ("Subsidiejaar", 2020), ("Opdracht", "meierijstad-2020"),
                     ("Indieningsdatum", ingediend), ("Aanspreekpunt", f"{aanspreekpunt} ({naam})"),
                     ("Reikwijdte", ", ".join(map(str, nrs)))],
        "Blok A": formatie,
        "Producten": [r for r in CONFORM["Producten"] if r[2] in nrs],
        "Uren": uren,
        "Begroting": begroting,
        "Kengetallen": kengetallen,
        "Prestaties": [r for r in PRESTATIES if r[-1] in nrs],
    }
    return werkplan, deelopdrachten


def bouw_samenwerking() -> None:
    SAMENWERKING.mkdir(exist_ok=True)
    for naam, (bestand, _, _) in ORGANISATIES.items():
        werkplan, deelopdrachten = _organisatie(naam)
        bouw(werkplan, concept=False, deelopdrachten=deelopdrachten).save(SAMENWERKING / bestand)


if __name__ == "__main__":
    bouw(CONFORM, concept=False).save(MAP / "werkplan-conform.xlsx")
    bouw(_concept(), concept=True).save(MAP / "werkplan-concept.xlsx")
    bouw(_werkplan_2021(), concept=False, deelopdrachten=_deelopdrachten_2021()).save(MAP / "werkplan-2021.xlsx")
    bouw_vijfheerenlanden(concept=False).save(MAP / "aanvraag-vijfheerenlanden.xlsx")
    bouw_vijfheerenlanden(concept=True).save(MAP / "aanvraag-vijfheerenlanden-concept.xlsx")
    bouw_verantwoording(tekorten=False).save(MAP / "verantwoording-2020.xlsx")
    bouw_verantwoording(tekorten=True).save(MAP / "verantwoording-2020-tekorten.xlsx")
    bouw_samenwerking()
    print("geschreven: werkplan-*.xlsx, aanvraag-vijfheerenlanden*.xlsx, verantwoording-2020*.xlsx, samenwerking/*.xlsx")
