"""The sheets and columns of werkplan contract v1 (/work/shared/werkplan-formaat.md),
with every name the importer accepts for them. This is the one synonym table: the
first name of each entry is the contract's, the rest are synonyms. Names are compared
after `header_key()`, so case, accents, surrounding spaces and a trailing ':' or '*'
never matter.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from toetsing.tekst import normaliseer
from toetsing.werkplan import model


class Kind(Enum):
    """How a cell is read; importeer.py maps each kind to a parser."""

    TEXT = "tekst"
    CODE = "code"
    NUMBER = "getal"
    WHOLE_NUMBER = "heel getal"
    NUMBER_OR_TEXT = "getal of tekst"
    DATE = "datum"
    QUARTER = "kwartaal"
    YES_NO = "ja/nee"
    LIST = "lijst"
    DEELOPDRACHT_NR = "deelopdrachtnummer"
    ONDERDEEL = "onderdeel"
    REIKWIJDTE = "reikwijdte"
    OPDRACHT = "opdracht"


@dataclass(frozen=True)
class Column:
    field: str  # attribute of the row model
    names: tuple[str, ...]  # contract header first, then synonyms
    kind: Kind = Kind.TEXT
    every_match: bool = False  # read every column with one of these names into a list


@dataclass(frozen=True)
class Table:
    sheet: str  # contract sheet name, the key of Werkplan.bladen
    sheet_names: tuple[str, ...]  # contract name first, then synonyms
    columns: tuple[Column, ...]
    # the header row must name one field of every group
    required: tuple[tuple[str, ...], ...]
    row_model: type[model.Rij] | None = None
    attribute: str | None = None  # Werkplan attribute holding the rows


def header_key(name: str) -> str:
    """The form in which sheet names, headers and Algemeen fields are compared."""
    return normaliseer(name.replace("*", ""))  # '*' marks a required column in templates


_TOELICHTING = Column("toelichting", ("Toelichting", "Opmerking", "Opmerkingen", "Toelichting/opmerking", "Uitleg"))
_CODE = Column("code", ("Code", "Codering"), Kind.CODE)
_INSTELLING = Column(
    "instelling",
    ("Instelling", "Instellingen", "Organisatie", "Uitvoerder", "Uitvoerders", "Aanbieder", "Uitvoerende instelling"),
)

# Algemeen is key/value: an optional Veld/Waarde header row, then one field per row
ALGEMEEN = Table(
    sheet="Algemeen",
    sheet_names=("Algemeen", "Algemene gegevens", "Algemene informatie", "Gegevens", "Voorblad"),
    columns=(
        Column("veld", ("Veld", "Gegeven", "Onderwerp", "Omschrijving")),
        Column("waarde", ("Waarde", "Invulling", "Antwoord", "Gegevens")),
    ),
    required=(("veld",), ("waarde",)),
)
# the fields of Algemeen, found by the text in the Veld column
ALGEMEEN_FIELDS = (
    Column(
        "organisatie",
        ("Organisatie", "Naam organisatie", "Organisatienaam", "Organisatie(s)", "Samenwerkingsverband"),
    ),
    Column("subsidiejaar", ("Subsidiejaar", "Jaar", "Subsidie jaar", "Werkplanjaar"), Kind.WHOLE_NUMBER),
    Column("opdracht", ("Opdracht", "Regelset", "Opdracht id"), Kind.OPDRACHT),
    Column(
        "indieningsdatum",
        ("Indieningsdatum", "Datum indiening", "Ingediend op", "Datum van indiening"),
        Kind.DATE,
    ),
    Column("aanspreekpunt", ("Aanspreekpunt", "Aanspreekpunten", "Contactpersoon", "Contactpersonen"), Kind.LIST),
    Column("reikwijdte", ("Reikwijdte", "Deelopdrachten", "Omvang werkplan"), Kind.REIKWIJDTE),
    Column("looptijd", ("Looptijd", "Looptijd (jaren)", "Looptijd in jaren", "Contractduur", "Duur (jaren)"),
           Kind.WHOLE_NUMBER),
)

BLOK_A = Table(
    sheet="Blok A",
    sheet_names=(
        "Blok A", "BlokA", "Blok A formatie", "Blok A - formatie",
        "Formatie", "Formatie gebiedsteam", "Gebiedsteam",
    ),
    columns=(
        Column("functie", ("Functie", "Functienaam", "Functies", "Rol", "Positie")),
        Column(
            "fte",
            (
                "Fte", "Formatie (fte)", "Formatie", "Aantal fte", "Fte's", "Fte geleverd", "Geleverde fte",
                "Omvang (fte)", "Omvang", "Fte (formatie)",
            ),
            Kind.NUMBER,
        ),
        Column(
            "kwalificatie",
            (
                "Kwalificatie", "Kwalificaties", "Opleiding", "Opleidingsniveau", "Registratie",
                "Opleiding/registratie", "Kwalificatie (opleiding/registratie)",
            ),
        ),
        Column("gebiedsteam", ("Gebiedsteam", "Team")),
        _INSTELLING,
        _TOELICHTING,
        Column(
            "prestatie_inhoud",
            (
                "Activiteit", "Activiteiten", "Prestatie", "Prestaties", "Resultaat", "Resultaten",
                "Indicator", "Indicatoren", "Streefwaarde", "Streefwaarden", "Aantal", "Aantallen",
                "Doel", "Doelen", "Doelstelling", "Output",
            ),
            every_match=True,
        ),
    ),
    required=(("functie",), ("fte",)),
    row_model=model.BlokARij,
    attribute="blok_a",
)

RANDVOORWAARDEN = Table(
    sheet="Randvoorwaarden",
    sheet_names=("Randvoorwaarden", "Randvoorwaarden blok A", "Blok A randvoorwaarden", "Voorwaarden"),
    columns=(
        _CODE,
        Column("randvoorwaarde", ("Randvoorwaarde", "Omschrijving", "Voorwaarde", "Randvoorwaarden")),
        Column(
            "akkoord",
            ("Akkoord", "Akkoord (ja/nee)", "Akkoord?", "Akkoord ja/nee", "Ja/nee", "Geaccepteerd", "Onderschreven",
             "Nagekomen", "Voldaan"),
            Kind.YES_NO,
        ),
        _TOELICHTING,
    ),
    required=(("akkoord",), ("code", "randvoorwaarde")),
    row_model=model.RandvoorwaardeRij,
    attribute="randvoorwaarden",
)

DEELOPDRACHTEN = Table(
    sheet="Deelopdrachten",
    sheet_names=("Deelopdrachten", "Deelopdracht", "Blok B", "Blok B deelopdrachten", "Blok B - deelopdrachten"),
    columns=(
        Column(
            "nr",
            ("Nr", "Nr.", "Nummer", "Deelopdracht nr", "Deelopdrachtnummer", "#"),
            Kind.DEELOPDRACHT_NR,
        ),
        Column("deelopdracht", ("Deelopdracht", "Naam", "Titel", "Naam deelopdracht")),
        Column(
            "uitwerking",
            ("Uitwerking", "Opdracht/taak", "Uitwerking opdracht/taak", "Aanpak", "Werkwijze", "Uitvoering"),
        ),
        Column(
            "resultaatmeting",
            ("Resultaatmeting", "Resultaten", "Resultaat", "Meting", "Resultaten en meting", "Beoogde resultaten"),
        ),
        Column(
            "verandering",
            (
                "Verandering", "Veranderingen", "Wijziging", "Wijzigingen", "Wat verandert",
                "Verandering t.o.v. vorig jaar",
            ),
        ),
        Column("randvoorwaarden", ("Randvoorwaarden", "Randvoorwaarde", "Voorwaarden")),
        replace(_INSTELLING, kind=Kind.LIST),
    ),
    required=(("nr",), ("deelopdracht", "uitwerking", "resultaatmeting")),
    row_model=model.DeelopdrachtRij,
    attribute="deelopdrachten",
)

KENGETALLEN = Table(
    sheet="Kengetallen",
    sheet_names=("Kengetallen", "Kengetal", "Indicatoren"),
    columns=(
        _CODE,
        Column("omschrijving", ("Omschrijving", "Kengetal", "Naam", "Indicator")),
        Column("waarde", ("Waarde", "Streefwaarde", "Aantal", "Norm", "Toezegging", "Realisatie", "Gerealiseerd"),
               Kind.NUMBER_OR_TEXT),
        Column("eenheid", ("Eenheid", "Maat", "Per")),
        _TOELICHTING,
    ),
    required=(("waarde",), ("code", "omschrijving")),
    row_model=model.KengetalRij,
    attribute="kengetallen",
)

PRODUCTEN = Table(
    sheet="Producten",
    sheet_names=("Producten", "Planning", "Opleveringen", "Product", "Productplanning", "Producten en planning"),
    columns=(
        _CODE,
        Column("product", ("Product", "Omschrijving", "Naam", "Producten")),
        Column(
            "deelopdracht",
            ("Deelopdracht", "Deelopdracht nr", "Deelopdrachtnummer", "Nr"),
            Kind.DEELOPDRACHT_NR,
        ),
        Column(
            "oplevering",
            (
                "Oplevering", "Opleverdatum", "Opleveringsdatum", "Planning", "Moment", "Opgeleverd", "Opgeleverd op",
                "Kwartaal", "Datum", "Gereed", "Deadline",
            ),
            Kind.QUARTER,
        ),
        _TOELICHTING,
    ),
    required=(("oplevering",), ("code", "product")),
    row_model=model.ProductRij,
    attribute="producten",
)

UREN = Table(
    sheet="Uren",
    sheet_names=("Uren", "Urenoverzicht", "Uren overzicht", "Urenverdeling", "Inzet uren", "Uren per onderdeel"),
    columns=(
        Column("onderdeel", ("Onderdeel", "Deelopdracht", "Blok", "Blok/deelopdracht"), Kind.ONDERDEEL),
        Column("uren", ("Uren", "Aantal uren", "Uren dit jaar", "Inzet", "Uren gerealiseerd", "Gerealiseerde uren"), Kind.NUMBER),
        Column(
            "uren_vorig_jaar",
            ("Uren vorig jaar", "Vorig jaar", "Uren t-1", "Aantal uren vorig jaar"),
            Kind.NUMBER,
        ),
        _INSTELLING,
        Column("uren_begroot", ("Uren begroot", "Uren werkplan", "Uren toegezegd", "Begrote uren"), Kind.NUMBER),
        _TOELICHTING,
    ),
    required=(("onderdeel",), ("uren",)),
    row_model=model.UrenRij,
    attribute="uren",
)

BEGROTING = Table(
    sheet="Begroting",
    sheet_names=("Begroting", "Financieel overzicht", "Financien", "Financieel", "Kosten", "Begroting en financien"),
    columns=(
        Column("post", ("Post", "Kostenpost", "Omschrijving", "Onderdeel", "Begrotingspost")),
        Column("bedrag", ("Bedrag", "Begroot", "Bedrag (€)", "Bedrag in euro", "Begroting", "Kosten", "Besteed", "Bedrag besteed"),
               Kind.NUMBER),
        Column(
            "bedrag_vorig_jaar",
            ("Bedrag vorig jaar", "Vorig jaar", "Begroting vorig jaar", "Bedrag vorig jaar (€)"),
            Kind.NUMBER,
        ),
        Column("bedrag_begroot", ("Bedrag begroot", "Bedrag werkplan", "Begroot bedrag", "Bedrag begroot (€)"), Kind.NUMBER),
        _TOELICHTING,
    ),
    required=(("post",), ("bedrag",)),
    row_model=model.BegrotingRij,
    attribute="begroting",
)

# An aanvraag shaped after an agenda of opgaven (Vijfheerenlanden 2021, §6.8), documented
# in docs/werkplan-formaat.md beside the contract.
ACTIVITEITEN = Table(
    sheet="Activiteiten",
    sheet_names=("Activiteiten", "Activiteiten en projecten", "Projecten", "Aanvraag", "Activiteitenplan"),
    columns=(
        Column("activiteit", ("Activiteit", "Project", "Activiteit/project", "Naam")),
        Column("opgave", ("Opgave", "Opgave uit de agenda", "Maatschappelijke opgave")),
        Column("doel", ("Doel", "Doelen", "Subdoel")),
        Column("samenwerkingspartners", ("Samenwerkingspartners", "Partners", "Samenwerking met", "Met wie"), Kind.LIST),
        Column("resultaat", ("Resultaat", "Resultaten", "Beoogd resultaat")),
        Column("indicator", ("Indicator", "Indicatoren", "Prestatie-indicator")),
        Column("norm", ("Norm", "Wanneer goed", "Wanneer is het goed", "Streefwaarde")),
        Column("nulmeting", ("Nulmeting", "Huidige situatie", "Beginsituatie")),
        Column("instrumenten", ("Instrumenten", "Instrument", "Inzet", "Middelen")),
        Column("kosten", ("Kosten", "Bedrag", "Begroting", "Kosten (€)"), Kind.NUMBER),
        Column("ketenaanpak", ("Ketenaanpak", "Keten", "Aanpak in de keten")),
        Column("preventie", ("Preventie", "Met preventie", "Preventie in de keten"), Kind.YES_NO),
        Column("algemeen_toegankelijk", ("Algemeen toegankelijk", "Vrij toegankelijk", "Basisvoorziening"), Kind.YES_NO),
        _TOELICHTING,
    ),
    required=(("activiteit",), ("opgave", "resultaat", "kosten")),
    row_model=model.ActiviteitRij,
    attribute="activiteiten",
)

# in reading order: Algemeen first, because quarters without a year need its Subsidiejaar
TABLES = (ALGEMEEN, BLOK_A, RANDVOORWAARDEN, DEELOPDRACHTEN, KENGETALLEN, PRODUCTEN, UREN, BEGROTING, ACTIVITEITEN)
