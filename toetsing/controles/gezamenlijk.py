"""Joint checks: the facts of all werkplannen in one session, each tagged with its
`werkplan` (a number) and `indiener` (who submitted it; see feiten.maak_gezamenlijke_feiten)."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from toetsing.controles.basis import registreer
from toetsing.controles.deelopdrachten import _Deelopdracht
from toetsing.controles.kengetallen import _Kengetallen
from toetsing.engine.patronen import EINDE, Deel, bestaat, en, feit, met, niet, vergelijk
from toetsing.status import Status
from toetsing.tekst import aantal


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


@registreer
class KengetalLijstSamen(_Kengetallen):
    """Gezamenlijk: de werkplannen noemen bij het kengetal `code` samen minstens `minimaal` verschillende namen, zoals de kernen waar elk werkt. Elk werkplan zet zijn eigen namen in één cel, gescheiden door een puntkomma, komma, 'en' of een nieuwe regel; hoofdletters tellen niet en een naam die twee werkplannen noemen, telt één keer. Minder namen, of een getal in plaats van namen: afwijkend. Noemt geen enkel werkplan het kengetal: niet van toepassing."""

    gezamenlijk = True
    soort: Literal["kengetal-lijst-samen"]
    code: str
    minimaal: int = Field(ge=1)

    def genoemde_codes(self) -> list[str]:
        return [self.code]

    def delen(self, c, regel):
        code, minimaal = self.code, self.minimaal
        omschrijving = c.regelset.kengetallen[code].omschrijving
        naam = feit("kengetalnaam", {"code": code})
        verwacht = f"samen minstens {minimaal} verschillende namen bij {code}"
        actie = (f"Spreek met de andere organisaties af wie wat doet, en zet in elk werkplan op het blad Kengetallen bij "
                 f"{code} de eigen namen, gescheiden door een puntkomma: samen minstens {minimaal} verschillende.")

        def keten(k: int):
            """k names, each after the one before: k different names (a name in two werkplannen binds once)."""
            aliassen = [f"n{i}" for i in range(k)]
            return aliassen, [met(a, naam if i == 0 else en(naam, vergelijk("$gt", "naam", {aliassen[i - 1]: "naam"})))
                              for i, a in enumerate(aliassen)]

        aliassen, voorwaarden = keten(minimaal)
        delen = [Deel(regel.id, Status.voldaan,
                      f"De werkplannen noemen samen minstens {minimaal} verschillende namen bij {code} ({omschrijving}).",
                      verwacht, {a: ("waarde",) for a in aliassen}, voorwaarden)]
        for k in range(1, minimaal):  # exactly k different names: k of them, and no name besides
            aliassen, voorwaarden = keten(k)
            anders = niet("x", en(naam, *(vergelijk("$neq", "naam", {a: "naam"}) for a in aliassen)))
            genoemd = ", ".join(f"'{{{a}.getoond}}'" for a in aliassen)
            delen.append(Deel(regel.id, Status.afwijkend,
                              f"De werkplannen noemen samen {aantal(k, 'naam', 'verschillende namen')} bij {code} "
                              f"({omschrijving}): {genoemd}; de opdracht vraagt er minimaal {minimaal}.",
                              verwacht, {a: ("waarde",) for a in aliassen}, [met("e", EINDE), *voorwaarden, anders], actie))
        ingevuld = c.kengetal(code, {"ingevuld": True})
        delen += [
            # a number, or a text of separators only: filled in, but no names
            Deel(regel.id, Status.afwijkend, f"{code} is {{gevonden}} in het werkplan van {{k.indiener}}; dat zijn geen namen.",
                 verwacht, {"k": ("waarde",)}, [met("k", c.kengetal(code, bestaat("getal")))], actie),
            Deel(regel.id, Status.afwijkend, f"{code} is '{{gevonden}}' in het werkplan van {{k.indiener}}; dat zijn geen namen.",
                 verwacht, {"k": ("waarde",)}, [met("e", EINDE), met("k", c.kengetal(code, bestaat("tekst"))), niet("x", naam)],
                 actie),
            Deel(regel.id, Status.niet_van_toepassing, f"Geen van de werkplannen noemt {code}.", verwacht,
                 {}, [met("e", EINDE), niet("a", ingevuld)]),
        ]
        return delen
