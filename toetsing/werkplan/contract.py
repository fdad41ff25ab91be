"""The werkplan contract (docs/werkplan-formaat.md) in one place: its sheets, columns,
synonyms, how each cell is read, the fact kind of each sheet's rows and the texts a
template shows. The importer, the row models, the facts, the check kinds' sentences, the
template and the docs all read it here; adding a column is one `Column` below.

The first name of each entry is the contract's, the rest are synonyms. Names are compared
after `header_key()`, so case, accents, surrounding spaces and a trailing ':' or '*'
never matter.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from toetsing.tekst import normaliseer


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
    uitleg: str = ""  # an Algemeen field: what the template says belongs in it
    uitleg_verantwoording: str = ""  # the same in a verantwoording, where it differs
    kop_verantwoording: str = ""  # the header of a verantwoording's template, where it differs

    @property
    def label(self) -> str:
        """The contract's header, as sentences and templates name the column."""
        return self.names[0]


# a Kengetallen Eenheid that says the Waarde is text, not a figure (normalised)
TEKST_EENHEDEN = frozenset({"", "tekst", "text"})


def is_totaalnaam(naam: object) -> bool:
    """A row whose name begins with Totaal is a sheet's total row (on a sheet with `totaal`)."""
    return naam is not None and normaliseer(str(naam)).startswith("totaal")


@dataclass(frozen=True)
class Table:
    sheet: str  # contract sheet name, the key of Werkplan.bladen
    sheet_names: tuple[str, ...]  # contract name first, then synonyms
    columns: tuple[Column, ...]
    # the header row must name one field of every group
    required: tuple[tuple[str, ...], ...]
    attribute: str | None = None  # Werkplan attribute holding the rows
    feit: str | None = None  # the fact kind of its rows (toetsing/feiten.py)
    totaal: bool = False  # a row named Totaal is the total row (is_totaal), not a row of its own
    som_kolommen: tuple[str, ...] = ()  # numeric columns summed into a `som` fact
    naamkolom: str | None = None  # the column that names a row in a sentence
    # the template's instruction row: for a werkplan, a verantwoording, and added to a
    # verantwoording's when the template starts from the werkplan
    uitleg: str = ""
    uitleg_verantwoording: str = ""
    uitleg_uit_werkplan: str = ""
    # a verantwoording's columns (None: the werkplan's) and the column that gets the
    # werkplan's commitment as a note
    verantwoording: tuple[str, ...] | None = None
    toegezegd_bij: str | None = None

    def kolom(self, field: str) -> Column:
        return next(k for k in self.columns if k.field == field)


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
    uitleg="Vul de kolom Waarde in. Opdracht en Subsidiejaar zijn al ingevuld; laat die staan.",
    uitleg_verantwoording="Vul de kolom Waarde in. Wat al is ingevuld, komt uit de opdracht of uit het werkplan; laat dat staan.",
)
# the fields of Algemeen, found by the text in the Veld column
ALGEMEEN_FIELDS = (
    Column(
        "organisatie",
        ("Organisatie", "Naam organisatie", "Organisatienaam", "Organisatie(s)", "Samenwerkingsverband"),
        uitleg="De naam van uw organisatie, of van het samenwerkingsverband bij een gezamenlijk werkplan.",
    ),
    Column("subsidiejaar", ("Subsidiejaar", "Jaar", "Subsidie jaar", "Werkplanjaar"), Kind.WHOLE_NUMBER,
           uitleg="Het jaar waarvoor u subsidie vraagt.",
           uitleg_verantwoording="Het jaar waarover deze verantwoording gaat."),
    Column("opdracht", ("Opdracht", "Regelset", "Opdracht id"), Kind.OPDRACHT,
           uitleg="De opdracht van de gemeente waar dit werkplan bij hoort.",
           uitleg_verantwoording="De opdracht van de gemeente waar het werkplan bij hoort."),
    Column(
        "indieningsdatum",
        ("Indieningsdatum", "Datum indiening", "Ingediend op", "Datum van indiening"),
        Kind.DATE,
        uitleg="De datum waarop u het werkplan indient.",
    ),
    Column("aanspreekpunt", ("Aanspreekpunt", "Aanspreekpunten", "Contactpersoon", "Contactpersonen"), Kind.LIST,
           uitleg="De contactpersoon voor de gemeente. Meer namen: scheid ze met ;"),
    Column("reikwijdte", ("Reikwijdte", "Deelopdrachten", "Omvang werkplan"), Kind.REIKWIJDTE,
           uitleg="Leeg als het werkplan alle deelopdrachten dekt; anders de nummers, zoals 1, 2, 7.",
           uitleg_verantwoording="Zoals in het werkplan: leeg als het alle deelopdrachten dekt; anders de nummers, zoals 1, 2, 7."),
    Column("looptijd", ("Looptijd", "Looptijd (jaren)", "Looptijd in jaren", "Contractduur", "Duur (jaren)"),
           Kind.WHOLE_NUMBER, uitleg="Het aantal jaren dat de aanvraag loopt, zoals 4."),
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
            kop_verantwoording="Fte geleverd",
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
    feit="formatie",
    som_kolommen=("fte",),
    naamkolom="functie",
    uitleg="Eén rij per functie in het gebiedsteam: functie, aantal fte en kwalificatie (opleiding of registratie). Zet hier geen activiteiten of prestaties.",
    uitleg_verantwoording="Eén rij per functie in het gebiedsteam: hoeveel fte u in het subsidiejaar echt heeft geleverd, en de kwalificatie (opleiding of registratie). Zet hier geen activiteiten of prestaties.",
    uitleg_uit_werkplan="De functies komen uit het werkplan. Hoeveel fte u toezegde, staat in de opmerking bij de cel.",
    verantwoording=("functie", "fte", "kwalificatie", "gebiedsteam", "instelling", "toelichting"),
    toegezegd_bij="fte",
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
            kop_verantwoording="Nagekomen",
        ),
        _TOELICHTING,
    ),
    required=(("akkoord",), ("code", "randvoorwaarde")),
    feit="randvoorwaarde",
    naamkolom="randvoorwaarde",
    uitleg="Zet bij elke randvoorwaarde in de kolom Akkoord ja of nee.",
    uitleg_verantwoording="Zet bij elke randvoorwaarde in de kolom Nagekomen ja of nee. Bij nee: zeg in de kolom Toelichting waarom.",
    verantwoording=("code", "randvoorwaarde", "akkoord", "toelichting"),
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
    feit="deelopdracht",
    naamkolom="deelopdracht",
    uitleg="Eén rij per deelopdracht: hoe u het doet, hoe u de resultaten meet en wat er verandert. Meer rijen voor één deelopdracht? Geef ze hetzelfde nummer.",
    attribute="deelopdrachten",
)

KENGETALLEN = Table(
    sheet="Kengetallen",
    sheet_names=("Kengetallen", "Kengetal", "Indicatoren"),
    columns=(
        _CODE,
        Column("omschrijving", ("Omschrijving", "Kengetal", "Naam", "Indicator")),
        Column("waarde", ("Waarde", "Streefwaarde", "Aantal", "Norm", "Toezegging", "Realisatie", "Gerealiseerd"),
               Kind.NUMBER_OR_TEXT, kop_verantwoording="Realisatie"),
        Column("eenheid", ("Eenheid", "Maat", "Per")),
        # contract v2: an organisation's own figure names its deelopdracht (a catalogue code knows it)
        Column("deelopdracht", ("Deelopdracht", "Deelopdracht nr", "Deelopdrachtnummer", "Nr deelopdracht"),
               Kind.DEELOPDRACHT_NR),
        _TOELICHTING,
    ),
    required=(("waarde",), ("code", "omschrijving")),
    feit="kengetal",
    naamkolom="code",
    uitleg="Vul bij elke code de waarde in, in de eenheid die ernaast staat.",
    uitleg_verantwoording="Vul bij elke code in wat u heeft bereikt (Realisatie), in de eenheid die ernaast staat.",
    uitleg_uit_werkplan="Wat u in het werkplan toezegde, staat in de opmerking bij de cel.",
    verantwoording=("code", "omschrijving", "waarde", "eenheid", "toelichting"),
    toegezegd_bij="waarde",
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
            kop_verantwoording="Opgeleverd op",
        ),
        _TOELICHTING,
    ),
    required=(("oplevering",), ("code", "product")),
    feit="product",
    naamkolom="code",
    uitleg="Vul bij elk product in wanneer u het oplevert: een kwartaal (Q1 2020) of een datum. Komt een product twee keer, dan heeft het twee rijen.",
    uitleg_verantwoording="Vul bij elk product de datum in waarop u het heeft opgeleverd. Komt een product twee keer, dan heeft het twee rijen.",
    uitleg_uit_werkplan="Wanneer u het product volgens het werkplan zou opleveren, staat in de opmerking bij de cel.",
    verantwoording=("code", "product", "deelopdracht", "oplevering", "toelichting"),
    toegezegd_bij="oplevering",
    attribute="producten",
)

UREN = Table(
    sheet="Uren",
    sheet_names=("Uren", "Urenoverzicht", "Uren overzicht", "Urenverdeling", "Inzet uren", "Uren per onderdeel"),
    columns=(
        Column("onderdeel", ("Onderdeel", "Deelopdracht", "Blok", "Blok/deelopdracht"), Kind.ONDERDEEL),
        Column("uren", ("Uren", "Aantal uren", "Uren dit jaar", "Inzet", "Uren gerealiseerd", "Gerealiseerde uren"), Kind.NUMBER,
               kop_verantwoording="Uren gerealiseerd"),
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
    feit="uren",
    totaal=True,
    som_kolommen=("uren", "uren_vorig_jaar", "uren_begroot"),
    naamkolom="onderdeel",
    uitleg="Vul per onderdeel de uren in, voor dit jaar en vorig jaar. Totaal is de som van de andere regels.",
    uitleg_verantwoording="Vul per onderdeel in hoeveel uur er echt is gewerkt (Uren gerealiseerd). Uren begroot zijn de uren uit het werkplan. Totaal is de som van de andere regels.",
    uitleg_uit_werkplan="De onderdelen en de begrote uren komen uit het werkplan; laat die staan.",
    verantwoording=("onderdeel", "uren", "uren_begroot", "toelichting"),
    attribute="uren",
)

BEGROTING = Table(
    sheet="Begroting",
    sheet_names=("Begroting", "Financieel overzicht", "Financien", "Financieel", "Kosten", "Begroting en financien"),
    columns=(
        Column("post", ("Post", "Kostenpost", "Omschrijving", "Onderdeel", "Begrotingspost")),
        Column("bedrag", ("Bedrag", "Begroot", "Bedrag (€)", "Bedrag in euro", "Begroting", "Kosten", "Besteed", "Bedrag besteed"),
               Kind.NUMBER, kop_verantwoording="Besteed"),
        Column(
            "bedrag_vorig_jaar",
            ("Bedrag vorig jaar", "Vorig jaar", "Begroting vorig jaar", "Bedrag vorig jaar (€)"),
            Kind.NUMBER,
        ),
        Column("bedrag_begroot", ("Bedrag begroot", "Bedrag werkplan", "Begroot bedrag", "Bedrag begroot (€)"), Kind.NUMBER),
        _TOELICHTING,
    ),
    required=(("post",), ("bedrag",)),
    feit="begroting",
    totaal=True,
    som_kolommen=("bedrag", "bedrag_vorig_jaar", "bedrag_begroot"),
    naamkolom="post",
    uitleg="Vul per post het bedrag in, voor dit jaar en vorig jaar. Voeg posten toe boven Totaal. Totaal is de som van de andere regels.",
    uitleg_verantwoording="Vul per post in hoeveel u echt heeft uitgegeven (Besteed). Bedrag begroot is het bedrag uit het werkplan. Totaal is de som van de andere regels.",
    uitleg_uit_werkplan="De posten en de begrote bedragen komen uit het werkplan; laat die staan.",
    verantwoording=("post", "bedrag", "bedrag_begroot", "toelichting"),
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
        Column("waar", ("Waar", "Locatie", "Plaats", "Waar (locatie)")),
        Column("wanneer", ("Wanneer", "Planning", "Periode", "Wanneer (periode)")),
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
    feit="activiteit",
    naamkolom="activiteit",
    uitleg="Eén rij per activiteit of project: aan welke opgave u werkt, met wie, welk resultaat, hoe u dat meet en wat het kost.",
    attribute="activiteiten",
)

# in reading order: Algemeen first, because quarters without a year need its Subsidiejaar
TABLES = (ALGEMEEN, BLOK_A, RANDVOORWAARDEN, DEELOPDRACHTEN, KENGETALLEN, PRODUCTEN, UREN, BEGROTING, ACTIVITEITEN)

# by name: the Algemeen fields, and the sheets of rows by their Werkplan attribute
ALGEMEEN_VELD = {k.field: k for k in ALGEMEEN_FIELDS}
TABEL = {t.attribute: t for t in TABLES if t.attribute}
