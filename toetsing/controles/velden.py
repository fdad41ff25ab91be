"""Checks on the fields of the Algemeen sheet."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator

from toetsing.controles.basis import Controle, als_termen, drie, grenzen, noemt, noemt_termen, registreer, voeg_toe, zet
from toetsing.engine.patronen import EINDE, Deel, bestaat, feit, met, niet, vergelijk
from toetsing.feiten import datumnummer
from toetsing.status import Status
from toetsing.tekst import normaliseer
from toetsing.werkplan.contract import ALGEMEEN_VELD

# every Algemeen field but the reikwijdte, which decides whether blok B rules apply
Veldnaam = Literal[tuple(v for v in ALGEMEEN_VELD if v != "reikwijdte")]  # type: ignore[valid-type]


class _Veld(Controle):
    blad = "Algemeen"
    veld: Veldnaam

    @property
    def label(self) -> str:
        return ALGEMEEN_VELD[self.veld].label

    def algemeen_velden(self) -> set[str]:
        return {self.veld}

    def gevonden(self):
        return feit("veld", {"veld": self.veld}, bestaat(self.veld))

    def niet_ingevuld(self) -> str:
        return f"{self.label} is niet ingevuld op het blad Algemeen."

    def acties(self, wat: str) -> tuple[str, str]:
        """(change the value to `wat`, add the field's row with `wat`)."""
        return zet("Algemeen", self.label, wat), voeg_toe("Algemeen", self.label, f"met {wat}")


@registreer
class VeldAanwezig(_Veld):
    """Een veld op het blad Algemeen is ingevuld. Ontbreekt als het leeg is."""

    soort: Literal["veld-aanwezig"]

    def delen(self, c, regel):
        gevonden = feit("veld", {"veld": self.veld})
        return [
            Deel(regel.id, Status.voldaan, f"{self.label} is ingevuld: {{gevonden}}.", f"{self.label} ingevuld", {"v": (self.veld,)},
                 [met("v", gevonden)]),
            Deel(regel.id, Status.ontbreekt, self.niet_ingevuld(), f"{self.label} ingevuld", {},
                 [met("e", EINDE), niet("v", gevonden)],
                 voeg_toe("Algemeen", self.label, "en vul die in")),
        ]


@registreer
class VeldGelijk(_Veld):
    """Een veld op het blad Algemeen heeft precies deze waarde; een andere waarde is afwijkend."""

    soort: Literal["veld-gelijk"]
    waarde: int | str

    def delen(self, c, regel):
        waarde = float(self.waarde) if isinstance(self.waarde, int) else normaliseer(self.waarde)
        return drie(regel, "v", self.gevonden(), {self.veld: waarde}, [vergelijk("$neq", self.veld, waarde)], (self.veld,),
                    (f"{self.label} is {{gevonden}}.", f"{self.label} is {{gevonden}}; de opdracht gaat over {self.waarde}.",
                     self.niet_ingevuld()), str(self.waarde), self.acties(str(self.waarde)))


@registreer
class VeldAantal(_Veld):
    """Een veld op het blad Algemeen ligt tussen `minimaal` en/of `maximaal`: een getal (zoals Looptijd), of bij een lijstveld (zoals Aanspreekpunt) het aantal namen."""

    soort: Literal["veld-aantal"]
    minimaal: int | None = None
    maximaal: int | None = None

    def delen(self, c, regel):
        goed, buiten, verwacht = grenzen(self.veld, self.minimaal, self.maximaal, None)
        return drie(regel, "v", self.gevonden(), goed, buiten, (self.veld,),
                    (f"{self.label}: {{gevonden}}.", f"{self.label}: {{gevonden}}; verwacht is {verwacht}.",
                     self.niet_ingevuld()), verwacht, self.acties(f"{verwacht} namen"))


@registreer
class DatumVoor(_Veld):
    """Een datum op het blad Algemeen ligt vóór de datum `voor`; op die datum zelf is te laat (afwijkend)."""

    soort: Literal["datum-voor"]
    voor: date

    def delen(self, c, regel):
        grens = datumnummer(self.voor)
        datum = self.voor.strftime("%d-%m-%Y")
        return drie(regel, "v", self.gevonden(), vergelijk("$lt", self.veld, grens), [vergelijk("$gte", self.veld, grens)],
                    (self.veld,), (f"{self.label} {{gevonden}} ligt vóór {datum}.",
                                   f"{self.label} {{gevonden}} is niet vóór {datum}.", self.niet_ingevuld()),
                    f"vóór {datum}", self.acties(f"een datum vóór {datum}"))


@registreer
class VeldVermeldt(_Veld):
    """Een tekstveld op het blad Algemeen (zoals Organisatie) noemt elke term. Een term is een lijst van woorden die elk goed zijn."""

    soort: Literal["veld-vermeldt"]
    termen: list[list[str]] = Field(min_length=1)

    _losse_termen = field_validator("termen", mode="before")(lambda cls, w: als_termen(w))

    def delen(self, c, regel):
        return [*noemt_termen(regel, self.termen, [self.veld],
                              lambda v, t: noemt("veld", v, t),
                              self.label, "het blad Algemeen", feit("tabel", {"tabel": "algemeen"}),
                              lambda woord: zet("Algemeen", self.label, f"een tekst die {woord} noemt")),
                Deel(regel.id, Status.ontbreekt, self.niet_ingevuld(), f"{self.label} ingevuld", {},
                     [met("e", EINDE), niet("v", feit("veld", {"veld": self.veld}))],
                     voeg_toe("Algemeen", self.label, "en vul die in"))]
