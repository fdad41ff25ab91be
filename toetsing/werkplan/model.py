"""The werkplan as read from the workbook: every value remembers the cell it came from.

This model is the boundary between the importer (which knows Excel) and the rest
(which does not). Only what the importer could read is here; what it could not read
is a `Melding`. The row models are made from the contract (werkplan/contract.py): a
column declared there is a field here.
"""
from __future__ import annotations

import re

from datetime import date
from functools import lru_cache
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from toetsing.werkplan.contract import ALGEMEEN_FIELDS, TABLES, Kind, Table

T = TypeVar("T")


class Plek(BaseModel):
    """Where a value stands in the workbook."""

    model_config = ConfigDict(frozen=True)

    blad: str  # the sheet name as the workbook spells it
    cel: str  # e.g. "C4"
    kolom: str | None = None  # the column header as the workbook spells it

    def __str__(self) -> str:
        return f"{self.blad}!{self.cel}"


def leesvolgorde(cellen: list[str]):
    """Sort key for cells ("Blad!C4") as a person reads them: sheet by sheet in the order
    they came, then row by row, left to right."""
    bladen = list(dict.fromkeys(c.rpartition("!")[0] for c in cellen))

    def sleutel(cel: str) -> tuple[int, int, int]:
        blad, _, plek = cel.rpartition("!")
        return (bladen.index(blad), *_rij_kolom(plek))
    return sleutel


@lru_cache(maxsize=4096)  # the same cells are sorted for many bevindingen
def _rij_kolom(cel: str) -> tuple[int, int]:
    letters, cijfers = re.match(r"\$?([A-Z]*)\$?(\d*)", cel).groups()
    kolom = 0
    for letter in letters:
        kolom = kolom * 26 + ord(letter) - 64
    return int(cijfers or 0), kolom


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


_WAARDETYPE: dict[Kind, Any] = {
    Kind.TEXT: W[str], Kind.CODE: W[str], Kind.ONDERDEEL: W[str], Kind.OPDRACHT: W[str],
    Kind.NUMBER: W[float], Kind.WHOLE_NUMBER: W[int], Kind.DEELOPDRACHT_NR: W[int],
    # a number when the cell holds one (percent cells as 60, not 0.6), else the text
    Kind.NUMBER_OR_TEXT: W[float] | W[str],
    Kind.DATE: W[date], Kind.QUARTER: W[Kwartaal], Kind.YES_NO: W[bool], Kind.LIST: W[list[str]],
    Kind.REIKWIJDTE: W[list[int]],
}


class Rij(BaseModel):
    rij: int  # 1-based row number in its sheet


def _rijmodel(tabel: Table) -> type[Rij]:
    """A sheet's row model, from its columns in the contract: each column an optional value;
    an `every_match` column the list of every such cell with content (prestatie_inhoud:
    content in prestatie-like columns, which blok A must not have)."""
    velden: dict[str, Any] = {
        k.field: (list[W[str]], []) if k.every_match else (_WAARDETYPE[k.kind] | None, None) for k in tabel.columns}
    if tabel.totaal:
        velden["is_totaal"] = (bool, False)  # the row named Totaal
    naam = "".join(deel.capitalize() for deel in tabel.attribute.split("_")) + "Rij"
    return create_model(naam, __base__=Rij, **velden)


# None for reikwijdte means absent, which the contract defines as "volledig"
Algemeen = create_model("Algemeen", **{k.field: (_WAARDETYPE[k.kind] | None, None) for k in ALGEMEEN_FIELDS})
# Werkplan attribute -> row model, one per sheet of rows
RIJMODELLEN: dict[str, type[Rij]] = {t.attribute: _rijmodel(t) for t in TABLES if t.attribute}


class _WerkplanBasis(BaseModel):
    bestand: str
    # the sheet names as found in the workbook, by contract name ("Blok A" -> "Formatie")
    bladen: dict[str, str] = {}
    algemeen: Algemeen = Algemeen()
    meldingen: list[Melding] = []


Werkplan = create_model("Werkplan", __base__=_WerkplanBasis,
                        **{attribuut: (list[rijmodel], []) for attribuut, rijmodel in RIJMODELLEN.items()})
