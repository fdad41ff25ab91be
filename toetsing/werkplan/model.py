"""The werkplan as read from the workbook: every value remembers the cell it came from.

This model is the boundary between the importer (which knows Excel) and the rest
(which does not). Only what the importer could read is here; what it could not read
is a `Melding`.
"""
from __future__ import annotations

from datetime import date
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Plek(BaseModel):
    """Where a value stands in the workbook."""

    model_config = ConfigDict(frozen=True)

    blad: str  # the sheet name as the workbook spells it
    cel: str  # e.g. "C4"
    kolom: str | None = None  # the column header as the workbook spells it

    def __str__(self) -> str:
        return f"{self.blad}!{self.cel}"


class W(BaseModel, Generic[T]):
    """A value read from one cell (a merged cell counts for every row it spans)."""

    model_config = ConfigDict(frozen=True)

    waarde: T
    plek: Plek
    ruw: str | None = None  # the cell's text as the user typed it, when it was parsed


class Kwartaal(BaseModel):
    """A delivery moment: a quarter, or a date (which lies in a quarter)."""

    model_config = ConfigDict(frozen=True)

    jaar: int
    kwartaal: int = Field(ge=1, le=4)
    datum: date | None = None  # set when the cell held a date rather than a quarter

    def __str__(self) -> str:
        if self.datum:
            return self.datum.strftime("%d-%m-%Y")
        return f"Q{self.kwartaal} {self.jaar}"


class Melding(BaseModel):
    """Something the importer could not read, located as precisely as possible."""

    bestand: str
    blad: str | None = None
    cel: str | None = None
    tekst: str

    def __str__(self) -> str:
        plaats = self.bestand
        if self.blad:
            plaats += f", blad {self.blad}"
            if self.cel:
                plaats += f"!{self.cel}"
        return f"{plaats}: {self.tekst}"


class Algemeen(BaseModel):
    organisatie: W[str] | None = None
    subsidiejaar: W[int] | None = None
    opdracht: W[str] | None = None
    indieningsdatum: W[date] | None = None
    aanspreekpunt: W[list[str]] | None = None
    # None means absent, which the contract defines as "volledig"
    reikwijdte: W[list[int]] | None = None
    looptijd: W[int] | None = None  # years the aanvraag covers (Vijfheerenlanden: multi-year)


class Rij(BaseModel):
    rij: int  # 1-based row number in its sheet


class BlokARij(Rij):
    functie: W[str] | None = None
    fte: W[float] | None = None
    kwalificatie: W[str] | None = None
    gebiedsteam: W[str] | None = None
    instelling: W[str] | None = None
    toelichting: W[str] | None = None
    # content found in prestatie-like columns (Activiteit, Prestatie, ...), which blok A must not have
    prestatie_inhoud: list[W[str]] = []


class RandvoorwaardeRij(Rij):
    code: W[str] | None = None
    randvoorwaarde: W[str] | None = None
    akkoord: W[bool] | None = None
    toelichting: W[str] | None = None


class DeelopdrachtRij(Rij):
    nr: W[int] | None = None
    deelopdracht: W[str] | None = None
    uitwerking: W[str] | None = None
    resultaatmeting: W[str] | None = None
    verandering: W[str] | None = None
    randvoorwaarden: W[str] | None = None
    instelling: W[list[str]] | None = None


class KengetalRij(Rij):
    code: W[str] | None = None
    omschrijving: W[str] | None = None
    # a number when the cell holds one (percent cells as 60, not 0.6), else the text
    waarde: W[float] | W[str] | None = None
    eenheid: W[str] | None = None
    toelichting: W[str] | None = None


class ProductRij(Rij):
    code: W[str] | None = None
    product: W[str] | None = None
    deelopdracht: W[int] | None = None
    oplevering: W[Kwartaal] | None = None
    toelichting: W[str] | None = None


class UrenRij(Rij):
    # "A" for Blok A, the deelopdracht number as text ("3") when it could be read as one,
    # else the text as typed; is_totaal marks a total row
    onderdeel: W[str] | None = None
    is_totaal: bool = False
    uren: W[float] | None = None
    uren_vorig_jaar: W[float] | None = None
    instelling: W[str] | None = None
    uren_begroot: W[float] | None = None  # in a verantwoording: the hours of the werkplan
    toelichting: W[str] | None = None  # why the hours differ from last year or the budget


class BegrotingRij(Rij):
    post: W[str] | None = None
    is_totaal: bool = False
    bedrag: W[float] | None = None
    bedrag_vorig_jaar: W[float] | None = None
    bedrag_begroot: W[float] | None = None  # in a verantwoording: the amount of the werkplan
    toelichting: W[str] | None = None


class ActiviteitRij(Rij):
    """One activity or project of an aanvraag shaped after an agenda of opgaven
    (Vijfheerenlanden, §6.8: opgave, partners, results, instruments, costs)."""

    activiteit: W[str] | None = None
    opgave: W[str] | None = None
    doel: W[str] | None = None
    samenwerkingspartners: W[list[str]] | None = None
    resultaat: W[str] | None = None
    indicator: W[str] | None = None
    norm: W[str] | None = None
    nulmeting: W[str] | None = None
    instrumenten: W[str] | None = None
    kosten: W[float] | None = None
    ketenaanpak: W[str] | None = None
    preventie: W[bool] | None = None
    algemeen_toegankelijk: W[bool] | None = None
    toelichting: W[str] | None = None


class Werkplan(BaseModel):
    bestand: str
    # the sheet names as found in the workbook, by contract name ("Blok A" -> "Formatie")
    bladen: dict[str, str] = {}
    algemeen: Algemeen = Algemeen()
    blok_a: list[BlokARij] = []
    randvoorwaarden: list[RandvoorwaardeRij] = []
    deelopdrachten: list[DeelopdrachtRij] = []
    kengetallen: list[KengetalRij] = []
    producten: list[ProductRij] = []
    uren: list[UrenRij] = []
    begroting: list[BegrotingRij] = []
    activiteiten: list[ActiviteitRij] = []
    meldingen: list[Melding] = []
