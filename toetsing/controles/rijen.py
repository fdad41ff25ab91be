"""Checks on the rows of a sheet of rows (such as Activiteiten): each row fills, chooses
or stays within what the rule asks; with `per: plan` a demand on the plan as a whole,
which one row meeting it satisfies."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from toetsing.controles.basis import Controle, elke_rij, registreer, vul_in, zet
from toetsing.controles.kengetallen import Grenzen
from toetsing.engine.patronen import EINDE, Deel, bestaat, bestaat_niet, en, feit, met, niet, vergelijk
from toetsing.status import Status
from toetsing.tekst import normaliseer
from toetsing.werkplan.contract import TABEL

RijTabel = Literal["activiteiten"]


class _Rijen(Controle):
    tabel: RijTabel
    # "rij": every row must meet it; "plan": a demand on the plan as a whole, which one row meeting it satisfies
    per: Literal["rij", "plan"] = "rij"

    def bladen(self):
        return {TABEL[self.tabel].sheet}

    def gelezen_kolommen(self) -> list[str]:
        return [self.kolom]  # type: ignore[attr-defined]

    @model_validator(mode="after")
    def _kolommen_van_tabel(self):
        onbekend = [k for k in self.gelezen_kolommen() if k not in {c.field for c in TABEL[self.tabel].columns}]
        if onbekend:
            raise ValueError(f"het blad {TABEL[self.tabel].sheet} heeft geen kolom {', '.join(onbekend)}")
        return self

    @staticmethod
    def kop(veld: str) -> str:
        return veld.replace("_", " ").capitalize()

    @property
    def sheet(self) -> str:
        return TABEL[self.tabel].sheet

    def gebreken(self, wie: str) -> tuple[list, str]:
        """(defects beyond an empty column, the demand in words)."""
        raise NotImplementedError

    def goed(self):
        """The pattern of a row that meets the demand (for `per: plan`)."""
        raise ValueError(f"{self.soort} kan alleen per rij")

    @model_validator(mode="after")
    def _per_plan_kan(self):
        if self.per == "plan":
            self.goed()
        return self

    def zet_kolom(self, wie: str, wat: str) -> str:
        return zet(self.sheet, wie, f"in de kolom {self.kop(self.kolom)} {wat}")  # type: ignore[attr-defined]

    def delen(self, c, regel):
        tabel = TABEL[self.tabel]
        if self.per == "plan":
            return self._voor_het_plan(regel, tabel)
        naamkolom = tabel.naamkolom
        wie = f"{naamkolom.capitalize()} '{{r.{naamkolom}}}'"
        gebreken = [(bestaat_niet(kolom), f"{wie} vult {self.kop(kolom)} niet in.", (naamkolom,),
                     vul_in(tabel.sheet, wie, f"de kolom {self.kop(kolom)}"))
                    for kolom in self.gelezen_kolommen()]
        meer, verwacht = self.gebreken(wie)
        return elke_rij(regel, tabel.feit, gebreken + meer, f"Elke regel op het blad {tabel.sheet} voldoet: {verwacht}.",
                        (f"Het blad {tabel.sheet} ontbreekt of is leeg.",
                         f"Vul het blad {tabel.sheet} in, met een rij per {naamkolom}: {verwacht}."), verwacht)


    def _voor_het_plan(self, regel, tabel):
        _, verwacht = self.gebreken("")
        goed = en(feit(tabel.feit), self.goed())
        aanwezig = feit("tabel", {"tabel": tabel.feit})
        naam = tabel.naamkolom
        return [
            Deel(regel.id, Status.voldaan, f"Het plan voldoet: {verwacht} ({naam.capitalize()} '{{r.{naam}}}').", verwacht,
                 {"r": (naam, *self.gelezen_kolommen())}, [met("r", goed)]),
            Deel(regel.id, Status.afwijkend, f"Geen regel op het blad {tabel.sheet} voldoet: {verwacht}.", verwacht,
                 # the evidence: the rows that were looked at, by name, and what they hold in the column
                 {"t": (naam, *self.gelezen_kolommen())}, [met("e", EINDE), met("t", aanwezig), niet("x", goed)],
                 zet(tabel.sheet, f"minstens één {naam}", f"wat het plan vraagt: {verwacht}")),
            Deel(regel.id, Status.ontbreekt, f"Het blad {tabel.sheet} ontbreekt of is leeg.", verwacht, {},
                 [met("e", EINDE), niet("r", aanwezig)],
                 f"Vul het blad {tabel.sheet} in, met een rij per {naam}; minstens één voldoet aan: {verwacht}."),
        ]


@registreer
class RijenIngevuld(_Rijen):
    """Het blad `tabel` heeft rijen, en elke rij vult de genoemde kolommen (met `per: plan`: minstens één rij)."""

    soort: Literal["rijen-ingevuld"]
    kolommen: list[str] = Field(min_length=1)

    def gelezen_kolommen(self):
        return self.kolommen

    def gebreken(self, wie):
        return [], " en ".join(self.kop(v) for v in self.kolommen) + " ingevuld"

    def goed(self):
        return en(*(bestaat(k) for k in self.kolommen))


@registreer
class RijenKeuze(_Rijen):
    """Elke rij van het blad `tabel` noemt in `kolom` een van de `keuzes` (hoofdletters en accenten tellen niet)."""

    soort: Literal["rijen-keuze"]
    kolom: str
    keuzes: list[str] = Field(min_length=1)

    def gebreken(self, wie):
        anders = en(bestaat(self.kolom), *(vergelijk("$neq", self.kolom, normaliseer(w)) for w in self.keuzes))
        keuzes = ", ".join(self.keuzes)
        return ([(anders, f"{wie} noemt bij {self.kop(self.kolom)} '{{gevonden}}'; verwacht: {keuzes}.",
                  (self.kolom,), self.zet_kolom(wie, f"een van: {keuzes}"))], f"{self.kop(self.kolom)} is een van: {keuzes}")


@registreer
class RijenDrempel(_Rijen, Grenzen):
    """Elke rij van het blad `tabel` heeft in `kolom` een getal binnen de grenzen; bij een lijst (zoals partners) telt het aantal."""

    soort: Literal["rijen-drempel"]
    kolom: str

    def gebreken(self, wie):
        _, fout, grens = self.grenzen(self.kolom)
        verwacht = f"{self.kop(self.kolom)}: {grens}"
        return ([(f, f"{wie}: {self.kop(self.kolom)} is {{r.{self.kolom}}}; verwacht {verwacht}.", (self.kolom,),
                  self.zet_kolom(wie, grens)) for f in fout], verwacht)


@registreer
class RijenJa(_Rijen):
    """Elke rij van het blad `tabel` heeft in `kolom` ja (met `per: plan`: minstens één rij)."""

    soort: Literal["rijen-ja"]
    kolom: str

    def gebreken(self, wie):
        return ([({self.kolom: False}, f"{wie}: {self.kop(self.kolom)} is nee.", (self.kolom,), self.zet_kolom(wie, "ja"))],
                f"{self.kop(self.kolom)} = ja")

    def goed(self):
        return {self.kolom: True}
