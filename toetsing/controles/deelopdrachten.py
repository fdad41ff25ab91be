"""Checks on the Deelopdrachten sheet: the rows of blok B."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from toetsing.controles.basis import Controle, als_termen, noemt, noemt_termen, registreer, voeg_toe
from toetsing.engine.patronen import EINDE, Deel, bestaat, feit, met, niet
from toetsing.status import Status
from toetsing.werkplan.contract import DEELOPDRACHTEN

DeelopdrachtKolom = Literal[tuple(k.field for k in DEELOPDRACHTEN.columns if k.field != "nr")]  # type: ignore[valid-type]


def _label(veld: str) -> str:
    return DEELOPDRACHTEN.kolom(veld).label


class _Deelopdracht(Controle):
    blad = DEELOPDRACHTEN.sheet

    def geen_rij(self, c, regel, nr: int) -> Deel:
        return Deel(regel.id, Status.ontbreekt, f"Het blad Deelopdrachten heeft geen rij voor {c.do_naam(nr)}.",
                    f"een rij voor {c.do_naam(nr)}", {}, [met("e", EINDE), niet("d", c.deelopdracht(nr))],
                    voeg_toe("Deelopdrachten", f"voor {c.do_naam(nr)}", f"met Nr {nr}"))


@registreer
class DeelopdrachtVelden(_Deelopdracht):
    """Deelopdracht `nr` heeft een rij op het blad Deelopdrachten, en de genoemde kolommen zijn ingevuld (over alle rijen van die deelopdracht samen)."""

    soort: Literal["deelopdracht-velden"]
    nr: int = Field(ge=1)
    velden: list[DeelopdrachtKolom] = Field(min_length=1)

    def delen(self, c, regel):
        delen = []
        naam = c.do_naam(self.nr)
        for veld in self.velden:
            kolom = _label(veld)
            ingevuld = c.deelopdracht(self.nr, bestaat(veld))
            delen += [
                Deel(regel.id, Status.voldaan, f"{kolom} van {naam} is ingevuld.", f"{kolom} ingevuld", {"d": (veld,)},
                     [met("d", ingevuld)]),
                Deel(regel.id, Status.afwijkend, f"De rij van {naam} vult de kolom {kolom} niet in.", f"{kolom} ingevuld",
                     {"d": ("nr",)}, [met("e", EINDE), met("d", c.deelopdrachtnr(self.nr)), niet("x", ingevuld)],
                     f"Vul op het blad Deelopdrachten in de rij van {naam} de kolom {kolom} in."),
            ]
        delen.append(self.geen_rij(c, regel, self.nr))
        return delen


@registreer
class DeelopdrachtVermeldt(_Deelopdracht):
    """De rij(en) van deelopdracht `nr` noemen elke term in de genoemde kolommen. Een term is een lijst van woorden die elk goed zijn, zoals `[alcohol, drugs]`."""

    soort: Literal["deelopdracht-vermeldt"]
    nr: int | None = Field(default=None, ge=1)  # leeg: de rij van welke deelopdracht ook
    velden: list[DeelopdrachtKolom] = Field(min_length=1)
    termen: list[list[str]] = Field(min_length=1)

    _losse_termen = field_validator("termen", mode="before")(lambda cls, w: als_termen(w))

    def delen(self, c, regel):
        kolommen = " of ".join(_label(v) for v in self.velden)
        if self.nr is None:  # any deelopdracht's row will do
            return [*noemt_termen(regel, self.termen, self.velden,
                                  lambda v, t: noemt(DEELOPDRACHTEN.feit, v, t), c.het_stuk,
                                  f"de kolom {kolommen} van het blad Deelopdrachten",
                                  feit("tabel", {"tabel": DEELOPDRACHTEN.feit}),
                                  lambda woord: f"Noem {woord} op het blad Deelopdrachten in de kolom {kolommen}."),
                    Deel(regel.id, Status.ontbreekt, "Het blad Deelopdrachten ontbreekt of is leeg.",
                         "ingevulde deelopdrachten", {}, [met("e", EINDE), niet("d", feit(DEELOPDRACHTEN.feit))],
                         "Vul het blad Deelopdrachten in, met een rij per deelopdracht.")]
        naam = c.do_naam(self.nr)
        return [*noemt_termen(regel, self.termen, self.velden, lambda v, t: noemt(DEELOPDRACHTEN.feit, v, t, {"nr": float(self.nr)}),
                              naam[0].upper() + naam[1:], f"de kolom {kolommen}", c.deelopdrachtnr(self.nr),
                              lambda woord: f"Noem {woord} op het blad Deelopdrachten in de kolom {kolommen} van {naam}."),
                self.geen_rij(c, regel, self.nr)]


@registreer
class DeelopdrachtVermeldtNiet(_Deelopdracht):
    """De rij(en) van deelopdracht `nr` nemen geen taak op zich die buiten de opdracht valt: ze noemen geen van de `termen` in de genoemde kolommen, of alleen ontkend ("niet", "buiten de reikwijdte"). Genoemd: afwijkend. Geen rij: niet van toepassing."""

    soort: Literal["deelopdracht-vermeldt-niet"]
    nr: int = Field(ge=1)
    velden: list[DeelopdrachtKolom] = Field(min_length=1)
    termen: list[str] = Field(min_length=1)

    def delen(self, c, regel):
        naam = c.do_naam(self.nr)
        kolommen = " of ".join(_label(v) for v in self.velden)
        woorden = " of ".join(f"'{t}'" for t in self.termen)
        verwacht = f"geen {woorden} als taak in de kolom {kolommen}"
        noemen = [(v, noemt(DEELOPDRACHTEN.feit, v, t, {"nr": float(self.nr)})) for v in self.velden for t in self.termen]
        return [
            Deel(regel.id, Status.voldaan, f"{naam[0].upper() + naam[1:]} neemt {woorden} niet als taak op zich.", verwacht,
                 {"d": tuple(self.velden)}, [met("e", EINDE), met("d", c.deelopdrachtnr(self.nr)),
                                             *(niet(f"x{i}", p) for i, (_, p) in enumerate(noemen))]),
            Deel(regel.id, Status.niet_van_toepassing,
                 f"Het blad Deelopdrachten heeft geen rij voor {naam}; er is niets te beoordelen.", verwacht, {},
                 [met("e", EINDE), niet("d", c.deelopdracht(self.nr))]),
            *(Deel(regel.id, Status.afwijkend, f"{naam[0].upper() + naam[1:]} noemt {woorden} als taak: '{{gevonden}}'.",
                   verwacht, {"d": (v,)}, [met("d", p)],
                   f"Haal {woorden} als taak weg uit de kolom {kolommen} van {naam} op het blad Deelopdrachten: "
                   "die taak valt buiten de opdracht.") for v, p in noemen),
        ]
