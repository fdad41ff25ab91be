"""The toetsingsrapport model: bevindingen, their parts and cells, the receipt, the report.

Every report writer renders this model and nothing else; none of them decides a status.
No engine here (toetsing/oordeel.py turns what the engine fired into these models), so a
writer loads the models without durable-rules. The JSON report is this model as it is
dumped (rapport/als_json.py): a field added here is in the JSON, none is left out.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_serializer, model_validator

from toetsing import __version__
from toetsing.status import Status
from toetsing.tekst import getal_nl
from toetsing.werkplan.model import Melding, W


class NietToetsbaar(BaseModel):
    """A demand of the opdracht that no rule can check, with its reason: the rule set
    declares it (regelset.yaml `niet_toetsbaar`), every report lists it for the medewerker."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # stable, as a rule id: the beoordelingsformulier and reports refer to it; without one it is
    # derived from the eis (regels/README.md), so changing the eis then changes the id too
    id: str = Field(default="", pattern=r"^$|^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
    eis: str
    bron: str
    waarom: str

    @model_validator(mode="after")
    def _id_uit_eis(self):
        if not self.id:
            object.__setattr__(self, "id", "NT-" + hashlib.sha256(self.eis.encode("utf-8")).hexdigest()[:8].upper())
        return self


class Bewijs(BaseModel):
    """One cell a bevinding rests on, frictionless-style."""

    cel: str  # "Kengetallen!C4"
    blad: str
    kolom: str | None = None
    verwacht: str = ""
    gevonden: str = ""
    rij: str = ""  # what names the cell's row (its code, number or field), to follow a row that moved


class Deelbevinding(BaseModel):
    """One part of a rule that fired: its own status, sentence and cells."""

    status: Status
    toelichting: str
    verwacht: str = ""
    gevonden: str = ""  # what its cells hold, "niets" when it has none
    actie: str = ""  # what to do, for a part that is not voldaan
    details: list[Bewijs] = []


class Beoordeling(BaseModel):
    """The officer's judgement from the beoordelingsformulier (toetsing/beoordeling/).
    `verouderd`: the werkplan's cells or the rule changed since the form was made, so it is
    shown with its `reden` but not applied."""

    oordeel: Status
    motivering: str = ""
    beoordelaar: str
    datum: date | None = None
    verouderd: bool = False
    reden: str = ""

    @property
    def geldt(self) -> bool:
        return not self.verouderd


class Bevinding(BaseModel):
    """A rule's outcome: the most serious status among its parts (ontbreekt before
    afwijkend before voldaan). `toelichting`, `bewijs` and `details` are those of the parts
    with that status; `delen` keeps every part that fired, worst first."""

    regel: str
    status: Status
    toelichting: str
    bron: str  # document + clause
    bewijs: list[str] = []
    titel: str
    citaat: str
    interpretatie: str = ""  # the rule set's reading where the source leaves it open
    blok: str
    deelopdracht: int | None = None
    deelopdracht_naam: str | None = None
    details: list[Bewijs] = []
    delen: list[Deelbevinding] = []
    # for a person, from the parts with the bevinding's status: what the werkplan holds now
    # (each value as typed, with its cell; or which sheet lacks it), what the opdracht asks,
    # and what to do (empty when voldaan)
    gevonden: str = ""
    verwacht: str = ""
    actie: str = ""

    beoordeling: Beoordeling | None = None

    @computed_field
    @property
    def eindstatus(self) -> Status:
        """The officer's oordeel where it holds, else the program's outcome."""
        return self.beoordeling.oordeel if self.beoordeling and self.beoordeling.geldt else self.status


TE_BEOORDELEN = "te beoordelen"


class HandmatigeEis(BaseModel):
    """A demand of the rule set's `niet_toetsbaar` list, as the officer judged it (or not yet)."""

    id: str
    eis: str
    bron: str
    beoordeling: Beoordeling | None = None

    @computed_field
    @property
    def eindstatus(self) -> str:
        return self.beoordeling.oordeel.value if self.beoordeling and self.beoordeling.geldt else TE_BEOORDELEN


class OntvangenBestand(BaseModel):
    """One werkplan of a joint toetsing, by its file name and the sha256 of its bytes."""

    naam: str
    sha256: str


class Ontvangst(BaseModel):
    """The receipt: which tool and rules decided on which file, and when."""

    toetsing_versie: str
    regelset: str
    regelset_vingerafdruk: str  # sha256 over the rule files
    bestand: str  # the werkplan's file name
    bestand_sha256: str
    getoetst_op: datetime
    # for a verantwoording: the werkplan it was compared with
    toezegging_bestand: str | None = None
    toezegging_sha256: str | None = None
    # the officer's beoordelingsformulier merged into the report
    beoordeling_bestand: str | None = None
    beoordeling_sha256: str | None = None
    # a joint toetsing: each werkplan with its own fingerprint (bestand_sha256 is that of the set)
    bestanden: list[OntvangenBestand] = []


class Celwijziging(BaseModel):
    """A cell that both reports quote, with another value now."""

    cel: str  # "Kengetallen!C4"
    was: str
    nu: str
    regels: list[str]  # the rules that quote it, in either report


class Vergelijking(BaseModel):
    """A hertoetsing: what changed since the previous toetsing (toetsing/vergelijking.py).
    Rule ids by what happened to them; open means ontbreekt or afwijkend."""

    vorige: str  # the earlier report's werkplan
    vorige_sha256: str = ""
    vorige_getoetst_op: datetime | None = None
    opgelost: list[str] = []  # open before, not now
    nog_open: list[str] = []  # open before and now
    nieuw: list[str] = []  # open now, not before
    cellen: list[Celwijziging] = []

    @field_serializer("vorige_getoetst_op", when_used="json")
    def _tijd(self, tijd: datetime | None) -> str | None:
        return tijd.isoformat(timespec="seconds") if tijd else None


class Rapport(BaseModel):
    opdracht: str
    opdracht_titel: str
    werkplan: str
    # "werkplan", or "verantwoording" (after the year) with the werkplan it accounts for
    stuk: str = "werkplan"
    toezegging: str | None = None
    organisatie: str | None = None
    getoetst_op: datetime
    bevindingen: list[Bevinding]
    meldingen: list[Melding] = []
    ontvangst: Ontvangst | None = None
    vergelijking: Vergelijking | None = None  # a hertoetsing: since the previous toetsing
    # with a beoordelingsformulier: the niet_toetsbaar demands, judged or still te beoordelen
    handmatig: list[HandmatigeEis] = []
    # the werkplan's own Opdracht field, when the toetsing used another rule set (--opdracht)
    opdracht_in_werkplan: str | None = None
    # the rule set's demands that no rule can check: for the medewerker to judge
    niet_toetsbaar: list[NietToetsbaar] = []

    def telling(self) -> dict[str, int]:
        """Per eindstatus: the officer's oordeel where given, else the program's."""
        tellers = {s.value: 0 for s in Status}
        for b in self.bevindingen:
            tellers[b.eindstatus.value] += 1
        return tellers

    @property
    def te_beoordelen(self) -> list[HandmatigeEis]:
        return [e for e in self.handmatig if e.eindstatus == TE_BEOORDELEN]

    @computed_field
    @property
    def samenvatting(self) -> dict[str, int]:
        return self.telling()

    @computed_field
    @property
    def toetsing_versie(self) -> str:
        """The version that wrote the report out (the receipt names the one that decided)."""
        return __version__

    @property
    def exitcode(self) -> int:
        """0 when every applicable bevinding is voldaan, else 1, by eindstatus (demands still te
        beoordelen do not count: the writers name them)."""
        return int(any(b.eindstatus in (Status.afwijkend, Status.ontbreekt) for b in self.bevindingen)
                   or any(e.eindstatus in (Status.afwijkend.value, Status.ontbreekt.value) for e in self.handmatig))

    @field_serializer("getoetst_op", when_used="json")
    def _tijd(self, tijd: datetime) -> str:
        return tijd.isoformat(timespec="seconds")

    @field_serializer("werkplan", "toezegging", when_used="json")
    def _naam(self, pad: str | None) -> str | None:
        # the file, not a folder of the machine it was judged on: a report is mailed and archived
        return pad and PurePath(pad).name

    @field_serializer("meldingen", when_used="json")
    def _meldingen(self, meldingen: list[Melding]) -> list[dict[str, Any]]:
        # the message as the other writers show it, for a program that only passes it on
        namen = (m.model_copy(update={"bestand": PurePath(m.bestand).name}) for m in meldingen)
        return [m.model_dump(mode="json") | {"tekst_volledig": str(m)} for m in namen]


class Dekking(BaseModel):
    """What one werkplan says about one deelopdracht, in a joint toetsing."""

    rijen: list[str] = []  # the Nr cells of its rows on the sheet Deelopdrachten
    uren: float | None = None  # from the sheet Uren


class MatrixRij(BaseModel):
    nr: int
    naam: str
    dekking: list[Dekking]  # per werkplan, in the order of GezamenlijkRapport.werkplannen


class GezamenlijkRapport(BaseModel):
    gezamenlijk: Rapport  # the bevindingen of the joint rules
    indieners: list[str]  # per werkplan: who submitted it
    matrix: list[MatrixRij]
    werkplannen: list[Rapport]  # each werkplan's own report

    @property
    def exitcode(self) -> int:
        return max(r.exitcode for r in (self.gezamenlijk, *self.werkplannen))


_LANG = 200  # a finding quotes a cell, it does not repeat a whole page of it


def weergave(w: W) -> str:
    """A cell's value as a bevinding quotes it."""
    tekst = _weergave(w)
    return tekst if len(tekst) <= _LANG else tekst[:_LANG] + "…"


def _weergave(w: W) -> str:
    if w.ruw is not None:
        return w.ruw
    waarde: Any = w.waarde
    if isinstance(waarde, float):
        return getal_nl(waarde)
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, list):
        return ", ".join(str(v) for v in waarde)
    if hasattr(waarde, "strftime"):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)
