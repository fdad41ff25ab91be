"""Checks on the Kengetallen sheet: a figure per catalogue code."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from toetsing.controles.basis import Controle, een_goede_rij, grenzen, registreer, voeg_toe, vul_in, zet
from toetsing.controles.eenheden import na_getal, onmogelijk
from toetsing.engine.patronen import EINDE, Deel, bestaat, bestaat_niet, en, feit, met, niet, vergelijk
from toetsing.status import Status


class _Kengetallen(Controle):
    blad = "Kengetallen"

    def catalogus_codes(self):
        return [("kengetallen", self.genoemde_codes())]

    def genoemde_codes(self) -> list[str]:
        return list(self.codes)  # type: ignore[attr-defined]


def niet_ingevuld(c, regel, code: str, tekst: str, verwacht: str, nieuw: str, leeg: str) -> list[Deel]:
    """"No value for `code`" as two parts that tell what to do: its row is there with the
    Waarde empty (fill in `leeg` at that row), or there is no row (add one with `nieuw`)."""
    ingevuld = c.kengetal(code, {"ingevuld": True})
    return [
        Deel(regel.id, Status.ontbreekt, f"{tekst} De rij {code} staat er, maar de Waarde is leeg.", verwacht,
             {"r": ("code",)}, [met("e", EINDE), met("r", c.kengetal(code, bestaat_niet("ingevuld"))), niet("k", ingevuld)],
             vul_in("Kengetallen", code, leeg)),
        Deel(regel.id, Status.ontbreekt, tekst, verwacht, {}, [met("e", EINDE), niet("k", c.kengetal(code))],
             voeg_toe("Kengetallen", code, nieuw)),
    ]


class Grenzen(Controle):
    """The bounds of a drempel check; at least one is given."""

    minimaal: float | None = None
    maximaal: float | None = None
    groter_dan: float | None = None

    @model_validator(mode="after")
    def _een_grens(self):
        if self.minimaal is None and self.maximaal is None and self.groter_dan is None:
            raise ValueError("geef minimaal, maximaal of groter_dan")
        return self

    def grenzen(self, veld: str):
        return grenzen(veld, self.minimaal, self.maximaal, self.groter_dan)


@registreer
class KengetalDrempel(_Kengetallen, Grenzen):
    """Elk genoemd kengetal heeft een getal binnen de grenzen (`minimaal`, `maximaal`, `groter_dan`). Buiten de grenzen of geen getal: afwijkend. Niet ingevuld: ontbreekt."""

    soort: Literal["kengetal-drempel"]
    codes: list[str] = Field(min_length=1)

    def delen(self, c, regel):
        delen = []
        for code in self.codes:
            info = c.regelset.kengetallen[code]
            eenheid = na_getal(info.eenheid)
            goed, fout, verwacht = self.grenzen("getal")
            verwacht += eenheid
            getal = c.kengetal(code, bestaat("getal"))
            delen += [
                Deel(regel.id, Status.voldaan, f"{code} is {{gevonden}}{eenheid}.", verwacht, {"k": ("waarde",)},
                     [met("k", en(getal, goed))]),
                *(Deel(regel.id, Status.afwijkend, f"{code} is {{gevonden}}{eenheid}; de opdracht vraagt {verwacht}.",
                       verwacht, {"k": ("waarde",)}, [met("k", en(getal, f))], zet("Kengetallen", code, verwacht))
                  for f in fout),
                Deel(regel.id, Status.afwijkend, f"{code} is '{{gevonden}}'; dat is geen getal.", verwacht,
                     {"k": ("waarde",)}, [met("k", c.kengetal(code, bestaat("tekst")))],
                     zet("Kengetallen", code, f"een getal in cijfers ({verwacht})")),
                *onmogelijk(regel.id, code, info.eenheid, getal, verwacht),
                *niet_ingevuld(c, regel, code, f"{c.het_stuk} noemt geen getal voor {code} ({info.omschrijving}) op het "
                               "blad Kengetallen.", verwacht, f"met een getal: {verwacht}", f"een getal ({verwacht})"),
            ]
        return delen


@registreer
class KengetalAanwezig(_Kengetallen):
    """Elk genoemd kengetal is ingevuld (een getal of een tekst)."""

    soort: Literal["kengetal-aanwezig"]
    codes: list[str] = Field(min_length=1)

    def delen(self, c, regel):
        delen = []
        for code in self.codes:
            info = c.regelset.kengetallen[code]
            gevonden = c.kengetal(code, {"ingevuld": True})
            verwacht = f"{code} ingevuld"
            delen += [
                Deel(regel.id, Status.voldaan, f"{code} is ingevuld: {{gevonden}}.", verwacht, {"k": ("waarde",)},
                     [met("k", gevonden)]),
                *onmogelijk(regel.id, code, info.eenheid, c.kengetal(code, bestaat("getal")), verwacht),
                *niet_ingevuld(c, regel, code, f"{c.het_stuk} vult {code} ({info.omschrijving}) niet in op het blad "
                               "Kengetallen.", verwacht, "en vul de waarde in", "de waarde"),
            ]
        return delen


@registreer
class KengetalToename(_Kengetallen):
    """Een streefwaarde (`code`) is hoger dan de nulmeting (`nulmeting`); met `of_gelijk: ja` mag ze ook gelijk zijn. Lager (of gelijk): afwijkend."""

    soort: Literal["kengetal-toename"]
    code: str
    nulmeting: str
    of_gelijk: bool = False

    def genoemde_codes(self):
        return [self.code, self.nulmeting]

    def delen(self, c, regel):
        doel = c.kengetal(self.code, bestaat("getal"))
        basis = c.kengetal(self.nulmeting, bestaat("getal"))
        verwacht = f"{self.code} {'minstens gelijk aan' if self.of_gelijk else 'hoger dan'} {self.nulmeting}"
        goed, fout = ("$lte", "$gt") if self.of_gelijk else ("$lt", "$gte")
        bewijs = {"d": ("waarde",), "n": ("waarde",)}
        omschrijving = c.regelset.kengetallen
        hoger = zet("Kengetallen", self.code, f"een getal {verwacht.split(' ', 1)[1]} (de nulmeting)")
        return [
            *(deel for code in (self.code, self.nulmeting)
              for deel in onmogelijk(regel.id, code, omschrijving[code].eenheid, c.kengetal(code, bestaat("getal")), verwacht)),
            *(Deel(regel.id, Status.afwijkend, f"{code} is '{{gevonden}}'; dat is geen getal.", verwacht,
                   {"k": ("waarde",)}, [met("k", c.kengetal(code, bestaat("tekst")))],
                   zet("Kengetallen", code, "een getal in plaats van tekst")) for code in (self.code, self.nulmeting)),
            Deel(regel.id, Status.voldaan, f"{self.code} ({{gevonden}}) is {verwacht.split(' ', 1)[1]}.",
                 verwacht, bewijs, [met("d", doel), met("n", en(basis, vergelijk(goed, "getal", {"d": "getal"})))]),
            Deel(regel.id, Status.afwijkend,
                 f"{self.code} is lager dan de nulmeting {self.nulmeting} ({{gevonden}}); de opdracht vraagt een toename."
                 if self.of_gelijk else
                 f"{self.code} is niet hoger dan de nulmeting {self.nulmeting} ({{gevonden}}); de opdracht vraagt een toename.",
                 verwacht, bewijs, [met("d", doel), met("n", en(basis, vergelijk(fout, "getal", {"d": "getal"})))], hoger),
            *niet_ingevuld(c, regel, self.code, f"{c.het_stuk} noemt geen getal voor {self.code} "
                           f"({omschrijving[self.code].omschrijving}).", verwacht,
                           f"met een getal {verwacht.split(' ', 1)[1]}", f"een getal {verwacht.split(' ', 1)[1]}"),
            *niet_ingevuld(c, regel, self.nulmeting, f"{c.het_stuk} noemt geen nulmeting {self.nulmeting} "
                           f"({omschrijving[self.nulmeting].omschrijving}).", verwacht,
                           "met het getal van nu (de nulmeting)", "het getal van nu (de nulmeting)"),
        ]


@registreer
class KengetallenPerDeelopdracht(Controle):
    """Minstens één kengetal van deelopdracht `nr` (een code uit de lijst van die deelopdracht, of een eigen kengetal met dat nummer in de kolom Deelopdracht) heeft een getal: een concrete prestatie. Alleen tekst of niets ingevuld: afwijkend. Geen kengetal van die deelopdracht: ontbreekt."""

    blad = "Kengetallen"
    soort: Literal["kengetallen-deelopdracht"]
    nr: int = Field(ge=1)

    def prestatie_van(self):
        return self.nr

    def delen(self, c, regel):
        naam = c.do_naam(self.nr)
        return een_goede_rij(
            regel, feit("kengetal", {"deelopdracht": float(self.nr)}), bestaat("getal"), [bestaat_niet("getal")],
            (f"Het blad Kengetallen noemt voor {naam} een getal: {{gevonden}}.",
             f"De kengetallen van {naam} hebben geen getal ('{{gevonden}}').",
             f"Het blad Kengetallen heeft geen kengetal voor {naam}."),
            f"een kengetal met een getal voor {naam}", ("code", "waarde"),
            (zet("Kengetallen", f"een kengetal van {naam}", "een getal: de prestatie die u levert"),
             voeg_toe("Kengetallen", f"voor {naam}", f"met Deelopdracht {self.nr} en een getal: de prestatie die u levert")))
