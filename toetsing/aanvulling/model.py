"""The aanvullingsverzoek as one model: every sentence of the letter is decided here (by
`maak.py`); the Word, HTML and JSON writers only lay it out."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from toetsing.aanvulling.termijn import Termijn
from toetsing.status import Status


class Onderdeel(BaseModel):
    """One labelled part of a point: 'Wat wij zagen', 'Waar in het werkplan', ..."""

    kop: str
    regels: list[str]


class Punt(BaseModel):
    """One demand of the opdracht the werkplan does not (yet) meet."""

    regel: str  # the rule id, so a later toetsing can say whether this point was resolved
    status: Status
    kop: str  # "Ontbreekt: Het werkplan is vóór 15 oktober 2019 ingediend"
    cellen: list[str] = []  # "Kengetallen!C4"
    onderdelen: list[Onderdeel]


class Groep(BaseModel):
    naam: str  # "Blok B – deelopdracht 1: CJG"
    punten: list[Punt]


class Tekstblok(BaseModel):
    kop: str | None = None
    alineas: list[str]


class Aanvullingsverzoek(BaseModel):
    gemeente: str
    opdracht: str  # the rule set id
    briefhoofd: list[str] = []  # the sender's lines; empty when the gemeente's Word template is the letterhead
    aan: list[str]  # the address block
    datum: date
    kenmerken: list[tuple[str, str]]  # ("Datum", "11 december 2019"), ("Onderwerp", ...)
    onderwerp: str
    aanhef: str
    inleiding: list[Tekstblok]
    groepen: list[Groep]
    vervolg: list[Tekstblok]  # what to do before when, and what happens otherwise
    slot: str
    ondertekening: list[str]
    termijn: Termijn
    werkplan: str  # the file name
    werkplan_sha256: str = ""
    # the officer's beoordelingsformulier the letter was made with (toetsing aanvulling --beoordeling)
    beoordeling: str = ""
    beoordeling_sha256: str = ""
