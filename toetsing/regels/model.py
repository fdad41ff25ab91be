"""Rule files as data: the rule set, its rules and the small vocabulary of checks.

Nothing here knows Excel or the engine. A rule says *what* the opdracht demands, where
it says so (bron), and which check kinds (toetsing/controles/) decide it; parameters such
as "5 days" or "uiterlijk Q2 2020" are values in the rule file.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from toetsing.bevindingen import NietToetsbaar  # one home: the report lists them too
from toetsing.controles import REGISTER, ControleUnie
from toetsing.status import Status

CONTROLE_SOORTEN = REGISTER  # soort -> check kind (toetsing/controles/)


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


class Uitleg(_Strikt):
    """Optional wording per status; {placeholders} are filled per part of the check. `actie`:
    what to do, for every part that is ontbreekt or afwijkend, instead of the check's own sentence."""

    voldaan: str | None = None
    afwijkend: str | None = None
    ontbreekt: str | None = None
    actie: str | None = None


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
    # where the rule set chooses a reading the source leaves open; shown beside the quote
    interpretatie: str = ""
    # "vorm": the werkplan's own consistency (totals add up, no code twice), citing the werkplan
    # format rather than a clause of the opdracht it does not come from
    soort: Literal["opdracht", "vorm"] = "opdracht"
    controles: list[ControleUnie] = Field(min_length=1)
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
        return self.controles[0].gezamenlijk

    @model_validator(mode="after")
    def _gezamenlijk_of_niet(self):
        if len({c.gezamenlijk for c in self.controles}) > 1:
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

    @model_validator(mode="after")
    def _unieke_eis_ids(self):
        ids = [n.id for n in self.niet_toetsbaar]
        if dubbel := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"niet_toetsbaar: het id {', '.join(dubbel)} staat er meer dan eens")
        return self

    def regel(self, regel_id: str) -> Regel:
        for regel in self.regels:
            if regel.id == regel_id:
                return regel
        raise KeyError(regel_id)
