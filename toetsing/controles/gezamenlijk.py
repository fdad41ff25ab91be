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
    """Gezamenlijk: werkplannen die hetzelfde kengetal noemen, noemen hetzelfde getal (of dezelfde tekst, zoals de naam van een meetinstrument; hoofdletters tellen niet). Twee verschillende: afwijkend. Noemt geen enkel werkplan het: niet van toepassing."""

    gezamenlijk = True
    soort: Literal["kengetal-eensluidend"]
    codes: list[str] = Field(min_length=1)

    def delen(self, c, regel):
        delen = []
        for code in self.codes:
            omschrijving = c.regelset.kengetallen[code].omschrijving
            verwacht = f"hetzelfde getal of dezelfde tekst voor {code} in elk werkplan"
            # a number and a text are compared each with their own kind; a code no werkplan fills is not applicable
            for veld in ("getal", "tekst"):
                genoemd = c.kengetal(code, bestaat(veld))
                q = "'" if veld == "tekst" else ""
                delen += [
                    Deel(regel.id, Status.voldaan, f"De werkplannen die {code} noemen, noemen allemaal {q}{{a.{veld}}}{q}.",
                         verwacht, {"a": ("waarde",)}, [met("e", EINDE), met("a", genoemd),
                                                        niet("x", en(genoemd, vergelijk("$neq", veld, {"a": veld})))]),
                    # b > a: each pair of different values fires once
                    Deel(regel.id, Status.afwijkend,
                         f"{code} ({omschrijving}) is {q}{{a.{veld}}}{q} in het werkplan van {{a.indiener}} "
                         f"en {q}{{b.{veld}}}{q} in dat van {{b.indiener}}.", verwacht, {"a": ("waarde",), "b": ("waarde",)},
                         [met("a", genoemd), met("b", en(genoemd, vergelijk("$gt", veld, {"a": veld})))],
                         f"Spreek met {{a.indiener}} en {{b.indiener}} één waarde af voor {code}, en zet die op het blad "
                         "Kengetallen van beide werkplannen."),
                ]
            delen.append(Deel(regel.id, Status.niet_van_toepassing, f"Geen van de werkplannen noemt {code}.", verwacht,
                              {}, [met("e", EINDE), niet("a", c.kengetal(code, {"ingevuld": True}))]))
        return delen
