"""Rule files as data: the rule set, its rules and the small vocabulary of checks.

Nothing here knows Excel or the engine. A rule says *what* the opdracht demands, where
it says so (bron), and which check of the vocabulary decides it; parameters such as
"5 days" or "uiterlijk Q2 2020" are values in the rule file.
"""
from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Status(str, Enum):
    voldaan = "voldaan"
    afwijkend = "afwijkend"
    ontbreekt = "ontbreekt"
    niet_van_toepassing = "niet van toepassing"

    @property
    def ernst(self) -> int:
        """Which status wins when a rule's parts disagree."""
        return _ERNST[self]


_ERNST = {Status.niet_van_toepassing: 0, Status.voldaan: 1, Status.afwijkend: 2, Status.ontbreekt: 3}


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bron(_Strikt):
    document: str  # a key of the rule set's `documenten`
    plaats: str  # clause, e.g. "Deelopdracht 1 (CJG), b. Opdracht/taak, taak 1"
    citaat: str = Field(min_length=8)  # word for word from the document


class Document(_Strikt):
    titel: str
    bestand: str  # file name in shared/bronnen


class Deelopdracht(_Strikt):
    naam: str
    synoniemen: list[str] = []


class CodeOmschrijving(_Strikt):
    omschrijving: str
    eenheid: str = ""
    deelopdracht: int | None = None
    toelichting: str = ""


class Kwartaalgrens(_Strikt):
    jaar: int
    kwartaal: int = Field(ge=1, le=4)

    @property
    def nummer(self) -> int:
        return self.jaar * 10 + self.kwartaal

    def __str__(self) -> str:
        return f"Q{self.kwartaal} {self.jaar}"


# --- the check vocabulary ------------------------------------------------------------

Veldnaam = Literal["organisatie", "subsidiejaar", "opdracht", "indieningsdatum", "aanspreekpunt", "looptijd"]
DeelopdrachtKolom = Literal["uitwerking", "resultaatmeting", "verandering", "randvoorwaarden", "instelling", "deelopdracht"]


class VeldAanwezig(_Strikt):
    """Een veld op het blad Algemeen is ingevuld. Ontbreekt als het leeg is."""

    soort: Literal["veld-aanwezig"]
    veld: Veldnaam


class VeldGelijk(_Strikt):
    """Een veld op het blad Algemeen heeft precies deze waarde; een andere waarde is afwijkend."""

    soort: Literal["veld-gelijk"]
    veld: Veldnaam
    waarde: int | str


class VeldAantal(_Strikt):
    """Een lijstveld op het blad Algemeen (zoals Aanspreekpunt) noemt minimaal en/of maximaal zoveel namen."""

    soort: Literal["veld-aantal"]
    veld: Veldnaam
    minimaal: int | None = None
    maximaal: int | None = None


class DatumVoor(_Strikt):
    """Een datum op het blad Algemeen ligt vóór de datum `voor`; op die datum zelf is te laat (afwijkend)."""

    soort: Literal["datum-voor"]
    veld: Veldnaam
    voor: date


class KengetalDrempel(_Strikt):
    """Elk genoemd kengetal heeft een getal binnen de grenzen (`minimaal`, `maximaal`, `groter_dan`). Buiten de grenzen of geen getal: afwijkend. Niet ingevuld: ontbreekt."""

    soort: Literal["kengetal-drempel"]
    codes: list[str] = Field(min_length=1)
    minimaal: float | None = None
    maximaal: float | None = None
    groter_dan: float | None = None

    @model_validator(mode="after")
    def _een_grens(self):
        if self.minimaal is None and self.maximaal is None and self.groter_dan is None:
            raise ValueError("geef minimaal, maximaal of groter_dan")
        return self


class KengetalAanwezig(_Strikt):
    """Elk genoemd kengetal is ingevuld (een getal of een tekst)."""

    soort: Literal["kengetal-aanwezig"]
    codes: list[str] = Field(min_length=1)


class KengetalToename(_Strikt):
    """Een streefwaarde (`code`) is hoger dan de nulmeting (`nulmeting`). Gelijk of lager: afwijkend."""

    soort: Literal["kengetal-toename"]
    code: str
    nulmeting: str


class ProductKwartalen(_Strikt):
    """Een product wordt in elk genoemd kwartaal van het jaar opgeleverd (één rij per oplevering op het blad Producten)."""

    soort: Literal["product-kwartalen"]
    product: str
    jaar: int
    kwartalen: list[int] = Field(min_length=1)


class ProductUiterlijk(_Strikt):
    """Een product wordt uiterlijk in het genoemde kwartaal opgeleverd; later is afwijkend."""

    soort: Literal["product-uiterlijk"]
    product: str
    uiterlijk: Kwartaalgrens


class CodesAkkoord(_Strikt):
    """Elke genoemde randvoorwaarde staat op het blad Randvoorwaarden met Akkoord = ja. Nee of leeg: afwijkend. Niet genoemd: ontbreekt."""

    soort: Literal["codes-akkoord"]
    codes: list[str] = Field(min_length=1)


class RijenCompleet(_Strikt):
    """Het blad Blok A heeft rijen, en elke rij heeft een Fte boven `fte_groter_dan` en de `verplicht` kolommen ingevuld."""

    soort: Literal["formatie-compleet"]
    fte_groter_dan: float = 0
    verplicht: list[Literal["kwalificatie", "functie"]] = ["kwalificatie"]


class VerbodenInhoud(_Strikt):
    """Het blad Blok A heeft niets in kolommen als Activiteit, Prestatie, Resultaat, Indicator, Streefwaarde of Aantal."""

    soort: Literal["formatie-zonder-prestaties"]


class DeelopdrachtVelden(_Strikt):
    """Deelopdracht `nr` heeft een rij op het blad Deelopdrachten, en de genoemde kolommen zijn ingevuld (over alle rijen van die deelopdracht samen)."""

    soort: Literal["deelopdracht-velden"]
    nr: int = Field(ge=1)
    velden: list[DeelopdrachtKolom] = Field(min_length=1)


class DeelopdrachtVermeldt(_Strikt):
    """De rij(en) van deelopdracht `nr` noemen elke term in de genoemde kolommen. Een term is een lijst van woorden die elk goed zijn, zoals `[alcohol, drugs]`."""

    soort: Literal["deelopdracht-vermeldt"]
    nr: int | None = Field(default=None, ge=1)  # leeg: de rij van welke deelopdracht ook
    velden: list[DeelopdrachtKolom] = Field(min_length=1)
    termen: list[list[str]] = Field(min_length=1)

    _losse_termen = field_validator("termen", mode="before")(lambda cls, w: _als_termen(w))


def _als_termen(waarde: Any) -> Any:
    # "termen: [PIM, Leefgoed]" means two terms of one alternative each
    if isinstance(waarde, list):
        return [t if isinstance(t, list) else [t] for t in waarde]
    return waarde


class VeldVermeldt(_Strikt):
    """Een tekstveld op het blad Algemeen (zoals Organisatie) noemt elke term. Een term is een lijst van woorden die elk goed zijn."""

    soort: Literal["veld-vermeldt"]
    veld: Veldnaam
    termen: list[list[str]] = Field(min_length=1)

    _losse_termen = field_validator("termen", mode="before")(lambda cls, w: _als_termen(w))


class VorigJaarVergeleken(_Strikt):
    """Elke regel van het blad Uren of Begroting (behalve de totaalregel) heeft ook het vergelijkingscijfer: `met: vorig_jaar` (Uren vorig jaar, Bedrag vorig jaar) of `met: begroot` (in een verantwoording: Uren begroot, Bedrag begroot). Wijkt het cijfer meer dan `drempel_procent` af, dan staat er een Toelichting."""

    soort: Literal["verschil-toegelicht"]
    tabel: Literal["uren", "begroting"]
    met: Literal["vorig_jaar", "begroot"] = "vorig_jaar"
    drempel_procent: float = Field(default=10, gt=0)


class FteGeleverd(_Strikt):
    """Verantwoording: het totaal aan geleverde fte op het blad Blok A is ten minste het toegezegde totaal uit het werkplan, min `tolerantie_procent`."""

    soort: Literal["fte-geleverd"]
    tolerantie_procent: float = Field(default=0, ge=0, lt=100)


class BegrootOvergenomen(_Strikt):
    """Verantwoording: het totaal van Uren begroot (of Bedrag begroot) is gelijk aan het totaal in het werkplan."""

    soort: Literal["begroot-overgenomen"]
    tabel: Literal["uren", "begroting"]


class TotaalKlopt(_Strikt):
    """De totaalregel van het blad Uren of Begroting is gelijk aan de som van de andere regels (tot op 0,01)."""

    soort: Literal["totaal-klopt"]
    tabel: Literal["uren", "begroting"]
    kolom: Literal["uren", "uren_vorig_jaar", "bedrag", "bedrag_vorig_jaar"]


class DeelopdrachtenGedekt(_Strikt):
    """Gezamenlijk: elke deelopdracht van de opdracht heeft een rij op het blad Deelopdrachten van minstens één van de werkplannen. Heeft geen enkel werkplan een rij voor een deelopdracht, dan ontbreekt die."""

    soort: Literal["deelopdrachten-gedekt"]


class KengetalEensluidend(_Strikt):
    """Gezamenlijk: werkplannen die hetzelfde kengetal noemen, noemen hetzelfde getal. Twee verschillende getallen: afwijkend. Noemt geen enkel werkplan het: niet van toepassing."""

    soort: Literal["kengetal-eensluidend"]
    codes: list[str] = Field(min_length=1)


# Checks that judge the werkplannen of a joint toetsing together (toetsing toets --gezamenlijk).
GEZAMENLIJKE_CONTROLES = (DeelopdrachtenGedekt, KengetalEensluidend)


RijTabel = Literal["activiteiten"]
ActiviteitKolom = Literal["activiteit", "opgave", "doel", "samenwerkingspartners", "resultaat", "indicator", "norm",
                          "nulmeting", "instrumenten", "kosten", "ketenaanpak", "preventie", "algemeen_toegankelijk"]


class RijenIngevuld(_Strikt):
    """Het blad `tabel` heeft rijen, en elke rij vult de genoemde kolommen."""

    soort: Literal["rijen-ingevuld"]
    tabel: RijTabel
    kolommen: list[ActiviteitKolom] = Field(min_length=1)


class RijenKeuze(_Strikt):
    """Elke rij van het blad `tabel` noemt in `kolom` een van de `keuzes` (hoofdletters en accenten tellen niet)."""

    soort: Literal["rijen-keuze"]
    tabel: RijTabel
    kolom: ActiviteitKolom
    keuzes: list[str] = Field(min_length=1)


class RijenDrempel(_Strikt):
    """Elke rij van het blad `tabel` heeft in `kolom` een getal binnen de grenzen; bij een lijst (zoals partners) telt het aantal."""

    soort: Literal["rijen-drempel"]
    tabel: RijTabel
    kolom: ActiviteitKolom
    minimaal: float | None = None
    maximaal: float | None = None
    groter_dan: float | None = None

    _een_grens = model_validator(mode="after")(lambda self: KengetalDrempel._een_grens(self))


class RijenJa(_Strikt):
    """Elke rij van het blad `tabel` heeft in `kolom` ja."""

    soort: Literal["rijen-ja"]
    tabel: RijTabel
    kolom: ActiviteitKolom


Controle = Annotated[
    Union[
        VeldAanwezig, VeldGelijk, VeldAantal, DatumVoor, KengetalDrempel, KengetalAanwezig,
        KengetalToename, ProductKwartalen, ProductUiterlijk, CodesAkkoord, RijenCompleet,
        VerbodenInhoud, DeelopdrachtVelden, DeelopdrachtVermeldt, TotaalKlopt, VeldVermeldt, VorigJaarVergeleken,
        DeelopdrachtenGedekt, KengetalEensluidend, RijenIngevuld, RijenKeuze, RijenDrempel, RijenJa,
        FteGeleverd, BegrootOvergenomen,
    ],
    Field(discriminator="soort"),
]

CONTROLE_SOORTEN: dict[str, type[BaseModel]] = {
    c.model_fields["soort"].annotation.__args__[0]: c  # type: ignore[union-attr]
    for c in Controle.__origin__.__args__  # type: ignore[attr-defined]
}


class NietToetsbaar(_Strikt):
    eis: str
    bron: str
    waarom: str


class Uitleg(_Strikt):
    """Optional wording per status; {placeholders} are filled per part of the check."""

    voldaan: str | None = None
    afwijkend: str | None = None
    ontbreekt: str | None = None


class Geval(_Strikt):
    """A test case: a few cells of a werkplan and the status this rule must give."""

    naam: str
    status: Status
    # sheet name -> rows (column header -> cell value); Algemeen as field -> value
    werkplan: dict[str, Any] = {}
    # a case of a verantwoording: its cells, and those of the werkplan it accounts for
    verantwoording: dict[str, Any] | None = None


class Regel(_Strikt):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
    titel: str
    blok: Literal["algemeen", "A", "B"]
    deelopdracht: int | None = None
    bron: Bron
    wat: str  # what is checked, for the rule docs
    waarom: str = ""  # why, beyond the quote
    controles: list[Controle] = Field(min_length=1)
    # which document the rule judges: the werkplan, the verantwoording after the year, or both
    toepassing: list[Literal["werkplan", "verantwoording"]] = Field(default=["werkplan"], min_length=1)
    uitleg: Uitleg = Uitleg()
    gevallen: list[Geval] = []

    @model_validator(mode="after")
    def _deelopdracht_bij_blok_b(self):
        if self.blok == "B" and self.deelopdracht is None:
            raise ValueError("een regel van blok B hoort bij een deelopdracht: vul 'deelopdracht' in")
        return self

    @property
    def gezamenlijk(self) -> bool:
        """A joint rule judges several werkplannen together; it runs in its own engine."""
        return isinstance(self.controles[0], GEZAMENLIJKE_CONTROLES)

    @model_validator(mode="after")
    def _gezamenlijk_of_niet(self):
        if len({isinstance(c, GEZAMENLIJKE_CONTROLES) for c in self.controles}) > 1:
            raise ValueError("een regel heeft alleen gezamenlijke controles of geen: maak er twee regels van")
        return self


class Vervallen(_Strikt):
    id: str
    reden: str


class Brief(_Strikt):
    """The gemeente's own texts for the aanvullingsverzoek (`toetsing aanvulling`); `{gemeente}` is
    filled in. A Word file `brief.docx` beside regelset.yaml, if there, is the letterhead."""

    afzender: list[str] = ["Gemeente {gemeente}"]  # shown at the top when there is no brief.docx
    aanhef: str = "Geachte heer, mevrouw,"
    contact: str = ("Heeft u vragen over deze brief? Neem dan contact op met de gemeente {gemeente}. "
                    "Noem daarbij het onderwerp van deze brief.")
    slot: str = "Met vriendelijke groet,"
    ondertekening: list[str] = ["Het college van burgemeester en wethouders van {gemeente}"]
    # days designated under art. 3 lid 3 of the Algemene termijnenwet (the Friday after
    # Hemelvaartsdag, ...): not computable, and no term ends on them
    aangewezen_dagen: list[date] = []

    @field_validator("afzender", "aanhef", "contact", "slot", "ondertekening")
    @classmethod
    def _alleen_gemeente(cls, waarde):
        for tekst in [waarde] if isinstance(waarde, str) else waarde:
            try:
                tekst.format(gemeente="")
            except (KeyError, IndexError, AttributeError, ValueError):
                raise ValueError(f"'{tekst}': alleen {{gemeente}} mag tussen accolades staan") from None
        return waarde


class Regelset(_Strikt):
    id: str
    # a successor lists only what changed: new rules, `wijzig` entries and `vervallen`
    opvolger_van: str | None = None
    wijzigingen: str = ""  # in words, for the docs: what the new opdracht changes
    vervallen: list[Vervallen] = []
    titel: str
    gemeente: str
    subsidiejaar: int
    documenten: dict[str, Document]
    deelopdrachten: dict[int, Deelopdracht] = {}
    kengetallen: dict[str, CodeOmschrijving] = {}
    producten: dict[str, CodeOmschrijving] = {}
    randvoorwaarden: dict[str, CodeOmschrijving] = {}
    # demands of the opdracht judged not mechanically checkable, each with its reason
    niet_toetsbaar: list[NietToetsbaar] = []
    brief: Brief = Brief()
    # filled in by the loader from the other files of the folder
    regels: list[Regel] = []
    # sha256 over the rule set's files, so a report can show exactly which rules decided
    vingerafdruk: str = ""
    # rule id -> "nieuw" / "gewijzigd ten opzichte van X" / "overgenomen uit X" (successors only)
    herkomst: dict[str, str] = {}

    def regel(self, regel_id: str) -> Regel:
        for regel in self.regels:
            if regel.id == regel_id:
                return regel
        raise KeyError(regel_id)
