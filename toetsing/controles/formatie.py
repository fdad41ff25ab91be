"""Checks on the Blok A sheet: fte of a given quality, and nothing else."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from toetsing.controles.basis import Controle, elke_rij, registreer, vul_in
from toetsing.engine.patronen import EINDE, Deel, bestaat, bestaat_niet, en, feit, met, niet, vergelijk
from toetsing.status import Status
from toetsing.tekst import getal_nl
from toetsing.werkplan.contract import BLOK_A


class _Formatie(Controle):
    blad = BLOK_A.sheet


@registreer
class RijenCompleet(_Formatie):
    """Het blad Blok A heeft rijen, en elke rij heeft een Fte boven `fte_groter_dan` en de `verplicht` kolommen ingevuld."""

    soort: Literal["formatie-compleet"]
    fte_groter_dan: float = 0
    verplicht: list[Literal["kwalificatie", "functie"]] = ["kwalificatie"]

    def delen(self, c, regel):
        verplicht = " en ".join(self.verplicht)
        grens = getal_nl(self.fte_groter_dan)
        tekst = f"Een rij in blok A mist fte (meer dan {grens}) of {verplicht}: {{gevonden}}."
        velden = ("functie", "fte", *self.verplicht)
        actie = vul_in(BLOK_A.sheet, "elke functie", f"fte (meer dan {grens}) en {verplicht}")
        gebreken = [(g, tekst, velden, actie) for g in
                    (bestaat_niet("fte"), vergelijk("$lte", "fte", self.fte_groter_dan),
                     *(bestaat_niet(v) for v in self.verplicht))]
        return elke_rij(regel, BLOK_A.feit, gebreken, f"Elke functie in blok A heeft fte en {verplicht}.",
                        (f"{c.het_stuk} noemt geen formatie voor blok A (blad Blok A is leeg of ontbreekt).",
                         f"Vul het blad {BLOK_A.sheet} in, met een rij per functie met fte en {verplicht}."),
                        f"Fte meer dan {grens} en {verplicht} ingevuld")


@registreer
class VerbodenInhoud(_Formatie):
    """Het blad Blok A heeft niets in kolommen als Activiteit, Prestatie, Resultaat, Indicator, Streefwaarde of Aantal."""

    soort: Literal["formatie-zonder-prestaties"]

    def delen(self, c, regel):
        met_prestatie = feit(BLOK_A.feit, bestaat("prestatie_inhoud"))
        verwacht = "geen activiteiten, prestaties of resultaten in blok A"
        return [
            Deel(regel.id, Status.voldaan, "Blok A bevat geen activiteiten of prestaties.", verwacht, {},
                 [met("e", EINDE), niet("r", met_prestatie)]),
            Deel(regel.id, Status.afwijkend,
                 "Blok A noemt activiteiten of prestaties ('{gevonden}'); blok A gaat alleen over fte van een bepaalde "
                 "kwaliteit en randvoorwaarden.", verwacht, {"r": ("prestatie_inhoud",)}, [met("r", met_prestatie)],
                 f"Haal op het blad {BLOK_A.sheet} '{{gevonden}}' weg; zet activiteiten en prestaties bij de "
                 "deelopdrachten van blok B."),
        ]


@registreer
class FteGeleverd(_Formatie):
    """Verantwoording: het totaal aan geleverde fte op het blad Blok A is ten minste het toegezegde totaal uit het werkplan, min `tolerantie_procent`."""

    soort: Literal["fte-geleverd"]
    tolerantie_procent: float = Field(default=0, ge=0, lt=100)

    def delen(self, c, regel):
        geleverd = feit("som", {"tabel": BLOK_A.feit}, {"kolom": "fte"})
        toegezegd = feit("toegezegd:som", {"tabel": BLOK_A.feit}, {"kolom": "fte"})
        grens = {"$mul": {"$l": {"t": "waarde"}, "$r": 1 - self.tolerantie_procent / 100}}
        verwacht = "geleverde fte ten minste de toegezegde fte" + (
            f" min {getal_nl(self.tolerantie_procent)}%" if self.tolerantie_procent else "")
        return [
            Deel(regel.id, Status.voldaan, "Geleverd: {s.waarde} fte; toegezegd in het werkplan: {t.waarde} fte.", verwacht,
                 {"s": ("fte",)}, [met("t", toegezegd), met("s", en(geleverd, vergelijk("$gte", "waarde", grens)))]),
            Deel(regel.id, Status.afwijkend,
                 "Geleverd: {s.waarde} fte; toegezegd in het werkplan: {t.waarde} fte. Dat is te weinig.", verwacht,
                 {"s": ("fte",)}, [met("t", toegezegd), met("s", en(geleverd, vergelijk("$lt", "waarde", grens)))],
                 f"Controleer de fte op het blad {BLOK_A.sheet}: toegezegd is {{t.waarde}} fte; leg een tekort uit "
                 "aan de gemeente."),
            Deel(regel.id, Status.ontbreekt, "De verantwoording noemt geen geleverde fte op het blad Blok A.", verwacht, {},
                 [met("e", EINDE), niet("s", geleverd)], vul_in(BLOK_A.sheet, "elke functie", "de geleverde fte")),
            Deel(regel.id, Status.ontbreekt, "Het werkplan noemt geen toegezegde fte op het blad Blok A.", verwacht, {},
                 [met("e", EINDE), niet("t", toegezegd)],
                 f"Kies het werkplan met de toegezegde fte op het blad {BLOK_A.sheet}."),
        ]
