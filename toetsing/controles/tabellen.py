"""Checks on the sheets of figures with a total row: Uren and Begroting."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from toetsing.controles.basis import Controle, een_goede_rij, elke_rij, registreer, vul_in, voeg_toe, zet
from toetsing.engine.patronen import EINDE, Deel, bestaat, bestaat_niet, en, feit, met, niet, vergelijk
from toetsing.status import Status
from toetsing.tekst import getal_nl
from toetsing.werkplan.contract import TABEL

# the sheets with a total row, by Werkplan attribute
Somtabel = Literal[tuple(a for a, t in TABEL.items() if t.totaal)]  # type: ignore[valid-type]
Somkolom = Literal[tuple(k for t in TABEL.values() if t.totaal for k in t.som_kolommen)]  # type: ignore[valid-type]


class _Somtabel(Controle):
    tabel: Somtabel

    def bladen(self):
        return {TABEL[self.tabel].sheet}

    @property
    def blad_naam(self) -> str:
        return TABEL[self.tabel].sheet

    @property
    def soort_rij(self) -> str:
        return TABEL[self.tabel].feit

    @property
    def hoofdkolom(self) -> str:
        """The column of this year's figure (uren, bedrag)."""
        return TABEL[self.tabel].som_kolommen[0]

    def label(self, kolom: str) -> str:
        return TABEL[self.tabel].kolom(kolom).label


@registreer
class TotaalKlopt(_Somtabel):
    """De totaalregel van het blad Uren of Begroting is gelijk aan de som van de andere regels (tot op 0,01)."""

    soort: Literal["totaal-klopt"]
    kolom: Somkolom

    @model_validator(mode="after")
    def _kolom_van_tabel(self):
        if self.kolom not in TABEL[self.tabel].som_kolommen:
            raise ValueError(f"kolom '{self.kolom}' hoort niet bij tabel '{self.tabel}'")
        return self

    def delen(self, c, regel):
        blad, kolom = self.blad_naam, self.label(self.kolom)
        som = feit("som", {"tabel": self.soort_rij}, {"kolom": self.kolom})
        totaal = feit(self.soort_rij, {"totaal": True}, bestaat(self.kolom))
        verwacht = f"totaalregel = som van de andere regels ({kolom})"
        return [
            Deel(regel.id, Status.voldaan, f"De totaalregel op het blad {blad} klopt met de som van de regels ({kolom}).",
                 verwacht, {"t": (self.kolom,)}, [met("s", som), met("t", en(totaal, {self.kolom: {"s": "waarde"}}))]),
            Deel(regel.id, Status.afwijkend,
                 f"In de totaalregel op het blad {blad} staat bij {kolom} {{gevonden}}, maar de som van de andere regels "
                 "is {s.waarde}.",
                 verwacht, {"t": (self.kolom,)},
                 [met("s", som), met("t", en(totaal, vergelijk("$neq", self.kolom, {"s": "waarde"})))],
                 zet(blad, f"de totaalregel in de kolom {kolom}", "de som van de andere regels: {s.waarde}")),
            Deel(regel.id, Status.ontbreekt, f"Het blad {blad} heeft geen totaalregel met {kolom}.", verwacht, {},
                 [met("e", EINDE), niet("t", totaal)], voeg_toe(blad, "Totaal", f"met de som van de kolom {kolom}")),
        ]


@registreer
class VorigJaarVergeleken(_Somtabel):
    """Elke regel van het blad Uren of Begroting (behalve de totaalregel) heeft ook het vergelijkingscijfer: `met: vorig_jaar` (Uren vorig jaar, Bedrag vorig jaar) of `met: begroot` (in een verantwoording: Uren begroot, Bedrag begroot). Wijkt het cijfer meer dan `drempel_procent` af, dan staat er een Toelichting."""

    soort: Literal["verschil-toegelicht"]
    met: Literal["vorig_jaar", "begroot"] = "vorig_jaar"
    drempel_procent: float = Field(default=10, gt=0)

    def toelichting_boven(self, tabel):
        return self.drempel_procent if self.met == "begroot" and tabel == self.tabel else None

    def delen(self, c, regel):
        kolom = self.hoofdkolom
        referentie, verschil = f"{kolom}_{self.met}", f"{kolom}_verschil_{self.met}_pct"
        waarmee = {"vorig_jaar": "vorig jaar", "begroot": "het werkplan (begroot)"}[self.met]
        blad = self.blad_naam
        # per row "X does not fit" is a defect of that row: elke_rij's shape, with the table fact as anchor
        naam = TABEL[self.tabel].naamkolom
        gewone_rij = (bestaat_niet("totaal"), bestaat(kolom))
        wie = f"{naam} '{{r.{naam}}}'"
        gebreken = [
            (en(*gewone_rij, bestaat_niet(referentie)),
             f"Op het blad {blad} mist bij {wie} het cijfer van {waarmee}.", (naam, kolom),
             vul_in(blad, wie, f"de kolom {self.label(referentie)}")),
            (en(*gewone_rij, vergelijk("$gt", verschil, self.drempel_procent), bestaat_niet("toelichting")),
             f"Op het blad {blad} verschilt {wie} {{r.{verschil}}}% van {waarmee}, zonder toelichting.",
             (kolom, referentie),
             vul_in(blad, wie, f"de kolom Toelichting: waarom het cijfer meer dan {getal_nl(self.drempel_procent)}% "
                               f"afwijkt van {waarmee}")),
        ]
        verwacht = (f"{self.label(referentie)} ingevuld; bij meer dan {getal_nl(self.drempel_procent)}% verschil "
                    "een toelichting")
        # a sheet with labels but no figures (an untouched template) is missing, not compared
        return elke_rij(regel, self.soort_rij, gebreken,
                        f"Het blad {blad} vergelijkt elke regel met {waarmee} en licht grote verschillen toe.",
                        (f"Het blad {blad} ontbreekt of heeft geen {self.label(kolom).lower()}.",
                         f"Vul op het blad {blad} bij elke regel de kolommen {self.label(kolom)} en "
                         f"{self.label(referentie)} in."), verwacht,
                        aanwezig=feit("som", {"tabel": self.soort_rij}, {"kolom": kolom}))


@registreer
class BegrootOvergenomen(_Somtabel):
    """Verantwoording: het totaal van Uren begroot (of Bedrag begroot) is gelijk aan het totaal in het werkplan."""

    soort: Literal["begroot-overgenomen"]

    def delen(self, c, regel):
        kolom, blad = self.hoofdkolom, self.blad_naam
        begroot = feit("som", {"tabel": self.soort_rij}, {"kolom": f"{kolom}_begroot"})
        toegezegd = feit("toegezegd:som", {"tabel": self.soort_rij}, {"kolom": kolom})
        verwacht = f"totaal {self.label(kolom + '_begroot')} = totaal in het werkplan"
        bewijs = {"b": (f"{kolom}_begroot",)}
        return [
            Deel(regel.id, Status.voldaan, f"Het totaal begroot op het blad {blad} ({{b.waarde}}) is gelijk aan het werkplan.",
                 verwacht, bewijs, [met("t", toegezegd), met("b", en(begroot, {"waarde": {"t": "waarde"}}))]),
            Deel(regel.id, Status.afwijkend,
                 f"Het totaal begroot op het blad {blad} is {{b.waarde}}, maar in het werkplan {{t.waarde}}.", verwacht,
                 bewijs, [met("t", toegezegd), met("b", en(begroot, vergelijk("$neq", "waarde", {"t": "waarde"})))],
                 f"Neem op het blad {blad} in de kolom {self.label(kolom + '_begroot')} de cijfers van het werkplan over "
                 "(totaal {t.waarde})."),
            Deel(regel.id, Status.ontbreekt, f"Het blad {blad} van de verantwoording noemt geen begrote cijfers.", verwacht,
                 {}, [met("e", EINDE), niet("b", begroot)],
                 f"Vul op het blad {blad} de kolom {self.label(kolom + '_begroot')} in met de cijfers van het werkplan."),
            Deel(regel.id, Status.ontbreekt, f"Het werkplan heeft geen blad {blad} om mee te vergelijken.", verwacht, {},
                 [met("e", EINDE), niet("t", toegezegd)],
                 f"Kies het werkplan met het blad {blad} waarop de subsidie is verleend."),
        ]


@registreer
class UrenPerDeelopdracht(Controle):
    """Het blad Uren heeft een regel voor deelopdracht `nr` (met het nummer of de naam als onderdeel) met meer dan 0 uren. Een regel met 0 uren, zonder uren of zonder getal: afwijkend. Geen regel: ontbreekt."""

    blad = "Uren"
    soort: Literal["uren-deelopdracht"]
    nr: int = Field(ge=1)

    def delen(self, c, regel):
        naam = c.do_naam(self.nr)
        return een_goede_rij(
            regel, feit(TABEL["uren"].feit, {"onderdeel": str(self.nr)}), vergelijk("$gt", "uren", 0),
            [bestaat_niet("uren"), vergelijk("$lte", "uren", 0)],
            (f"Het blad Uren begroot {{r.uren}} uur voor {naam}.",
             f"Het blad Uren heeft een regel voor {naam}, maar met 0 uren of zonder uren: '{{gevonden}}'.",
             f"Het blad Uren heeft geen regel voor {naam}."),
            f"een regel voor {naam} met meer dan 0 uren", ("onderdeel", "uren"),
            (zet("Uren", naam, "de uren die u eraan besteedt (meer dan 0)"), voeg_toe("Uren", f"voor {naam}", "met meer dan 0 uren")))


@registreer
class TotaalNietHoger(_Somtabel):
    """Het totaal van dit jaar op het blad `tabel` (Begroting: Bedrag) is niet hoger dan het totaal van vorig jaar, of het is hoger en een Toelichting op dat blad legt het uit. Hoger zonder toelichting: afwijkend. Geen cijfers van dit jaar of van vorig jaar: ontbreekt."""

    soort: Literal["totaal-niet-hoger"]

    def delen(self, c, regel):
        kolom, blad = self.hoofdkolom, self.blad_naam
        nu = feit("som", {"tabel": self.soort_rij}, {"kolom": kolom})
        vorig = feit("som", {"tabel": self.soort_rij}, {"kolom": f"{kolom}_vorig_jaar"})
        hoger = en(nu, vergelijk("$gt", "waarde", {"v": "waarde"}))
        toegelicht = feit(self.soort_rij, bestaat("toelichting"))
        verwacht = f"totaal {self.label(kolom)} niet hoger dan {self.label(kolom + '_vorig_jaar')}, of toegelicht"
        zin = f"Het totaal op het blad {blad} is {{n.waarde}}, vorig jaar {{v.waarde}}"
        bewijs = {"n": (kolom,), "v": (f"{kolom}_vorig_jaar",)}
        return [
            Deel(regel.id, Status.voldaan, zin + ".", verwacht, bewijs,
                 [met("v", vorig), met("n", en(nu, vergelijk("$lte", "waarde", {"v": "waarde"})))]),
            Deel(regel.id, Status.voldaan, zin + "; de toelichting legt het verschil uit.", verwacht,
                 {**bewijs, "t": ("toelichting",)}, [met("v", vorig), met("n", hoger), met("t", toegelicht)]),
            Deel(regel.id, Status.afwijkend, zin + "; het is hoger en geen toelichting legt uit waarom.", verwacht, bewijs,
                 [met("e", EINDE), met("v", vorig), met("n", hoger), niet("t", toegelicht)],
                 f"Leg op het blad {blad} in de kolom Toelichting uit waarom het totaal hoger is dan vorig jaar "
                 "({v.waarde}), of blijf binnen dat bedrag."),
            Deel(regel.id, Status.ontbreekt, f"Het blad {blad} noemt geen {self.label(kolom).lower()}.", verwacht, {},
                 [met("e", EINDE), niet("n", nu)], f"Vul op het blad {blad} de kolom {self.label(kolom)} in."),
            Deel(regel.id, Status.ontbreekt, f"Het blad {blad} noemt geen {self.label(kolom + '_vorig_jaar').lower()}.",
                 verwacht, {}, [met("e", EINDE), niet("v", vorig)],
                 f"Vul op het blad {blad} de kolom {self.label(kolom + '_vorig_jaar')} in."),
        ]
