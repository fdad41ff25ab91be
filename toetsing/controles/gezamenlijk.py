"""Joint checks: the facts of all werkplannen in one session, each tagged with its
`werkplan` (a number) and `indiener` (who submitted it; see feiten.maak_gezamenlijke_feiten)."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from toetsing.controles.basis import registreer
from toetsing.controles.deelopdrachten import _Deelopdracht
from toetsing.controles.kengetallen import _Kengetallen
from toetsing.engine.patronen import EINDE, Deel, bestaat, en, met, niet, vergelijk
from toetsing.status import Status


@registreer
class DeelopdrachtenGedekt(_Deelopdracht):
    """Gezamenlijk: elke deelopdracht van de opdracht heeft een rij op het blad Deelopdrachten van minstens één van de werkplannen. Heeft geen enkel werkplan een rij voor een deelopdracht, dan ontbreekt die."""

    gezamenlijk = True
    soort: Literal["deelopdrachten-gedekt"]

    def delen(self, c, regel):
        delen = []
        verwacht = "een rij in minstens één werkplan"
        for nr in c.regelset.deelopdrachten:
            delen += [
                Deel(regel.id, Status.voldaan, "Elke deelopdracht staat in minstens één werkplan.", verwacht,
                     {"d": ("nr",)}, [met("d", c.deelopdrachtnr(nr))]),
                Deel(regel.id, Status.ontbreekt, f"Geen van de werkplannen heeft een rij voor {c.do_naam(nr)}.", verwacht,
                     {}, [met("e", EINDE), niet("d", c.deelopdracht(nr))],
                     f"Spreek af wie {c.do_naam(nr)} uitvoert, en zet die rij op het blad Deelopdrachten van dat werkplan."),
            ]
        return delen


@registreer
class KengetalEensluidend(_Kengetallen):
    """Gezamenlijk: werkplannen die hetzelfde kengetal noemen, noemen hetzelfde getal. Twee verschillende getallen: afwijkend. Noemt geen enkel werkplan het: niet van toepassing."""

    gezamenlijk = True
    soort: Literal["kengetal-eensluidend"]
    codes: list[str] = Field(min_length=1)

    def delen(self, c, regel):
        delen = []
        for code in self.codes:
            genoemd = c.kengetal(code, bestaat("getal"))
            verwacht = f"hetzelfde getal voor {code} in elk werkplan"
            delen += [
                Deel(regel.id, Status.voldaan, f"De werkplannen die {code} noemen, noemen allemaal {{a.getal}}.", verwacht,
                     {"a": ("waarde",)}, [met("e", EINDE), met("a", genoemd),
                                          niet("x", en(genoemd, vergelijk("$neq", "getal", {"a": "getal"})))]),
                # b > a: each pair of different figures fires once
                Deel(regel.id, Status.afwijkend,
                     f"{code} ({c.regelset.kengetallen[code].omschrijving}) is {{a.getal}} in het werkplan van {{a.indiener}} "
                     f"en {{b.getal}} in dat van {{b.indiener}}.", verwacht, {"a": ("waarde",), "b": ("waarde",)},
                     [met("a", genoemd), met("b", en(genoemd, vergelijk("$gt", "getal", {"a": "getal"})))],
                     f"Spreek met {{a.indiener}} en {{b.indiener}} één getal af voor {code}, en zet dat op het blad "
                     "Kengetallen van beide werkplannen."),
                Deel(regel.id, Status.niet_van_toepassing, f"Geen van de werkplannen noemt een getal voor {code}.",
                     verwacht, {}, [met("e", EINDE), niet("a", genoemd)]),
            ]
        return delen
