"""Checks on the Randvoorwaarden sheet."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from toetsing.controles.basis import Controle, drie, registreer, voeg_toe, zet
from toetsing.engine.patronen import Deel, bestaat_niet, met
from toetsing.status import Status


@registreer
class CodesAkkoord(Controle):
    """Elke genoemde randvoorwaarde staat op het blad Randvoorwaarden met Akkoord = ja. Nee of leeg: afwijkend. Niet genoemd: ontbreekt."""

    blad = "Randvoorwaarden"
    soort: Literal["codes-akkoord"]
    codes: list[str] = Field(min_length=1)

    def catalogus_codes(self):
        return [("randvoorwaarden", list(self.codes))]

    def delen(self, c, regel):
        delen = []
        for code in self.codes:
            info = c.regelset.randvoorwaarden[code]
            delen += drie(regel, "r", c.randvoorwaarde(code), {"akkoord": True}, [{"akkoord": False}], ("akkoord",),
                          (f"{code} is akkoord.", f"{code} ({info.omschrijving}) is niet akkoord: '{{gevonden}}'.",
                           f"{c.het_stuk} noemt randvoorwaarde {code} ({info.omschrijving}) niet op het blad Randvoorwaarden."),
                          "akkoord = ja", (zet("Randvoorwaarden", code, "Akkoord op ja"),
                                           voeg_toe("Randvoorwaarden", code, "met Akkoord ja")))
            # a listed randvoorwaarde without an answer has no agreement yet: missing, not refused
            delen.append(Deel(regel.id, Status.ontbreekt, f"Bij randvoorwaarde {code} ({info.omschrijving}) is Akkoord niet ingevuld.",
                              "akkoord = ja", {"r": ("randvoorwaarde", "code")},
                              [met("r", c.randvoorwaarde(code, bestaat_niet("akkoord")))],
                              zet("Randvoorwaarden", code, "Akkoord op ja")))
        return delen
