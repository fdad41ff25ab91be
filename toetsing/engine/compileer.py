"""Rule set -> durable-rules ruleset definition.

Each check of a rule compiles to a few engine rules ("delen", written by the check kind
in toetsing/controles/), one per outcome: the engine fires `voldaan` on facts that meet
the demand, `afwijkend` on facts that do not, and `ontbreekt` through negation: after the
last fact (`einde`) no fact of the kind exists. A rule of a blok B deelopdracht only fires
when the werkplan's reikwijdte holds that deelopdracht, and fires `niet van toepassing`
when it does not. Which status a rule gets from its parts is decided afterwards (the most
serious one). Every fact field a part reads must be one the facts layer declares
(feiten.FEITSOORTEN): a misspelt field is a rule error, never a silent "ontbreekt".
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from toetsing.engine.patronen import EINDE, Deel, Patroon, feit, gebruikte_velden, met, niet
from toetsing.feiten import FEITSOORTEN
from toetsing.fouten import RegelFout
from toetsing.status import Status

if TYPE_CHECKING:
    from toetsing.regels.model import Regel, Regelset


class Compiler:
    def __init__(self, regelset: Regelset, stuk: str = "werkplan"):
        self.regelset = regelset
        # the document the sentences speak of: a rule for both judges either
        self.het_stuk = "De verantwoording" if stuk == "verantwoording" else "Het werkplan"

    def delen(self, regel: Regel) -> list[Deel]:
        delen: list[Deel] = []
        for controle in regel.controles:
            blad = controle.blad or min(controle.bladen())
            for deel in controle.delen(self, regel):
                deel.blad = deel.blad or blad
                delen.append(deel)
        _pas_uitleg_toe(regel, delen)
        if regel.deelopdracht is not None:
            delen = self._alleen_binnen_reikwijdte(regel, delen)
        for deel in delen:
            _controleer_velden(regel, deel)
        return delen

    def _alleen_binnen_reikwijdte(self, regel: Regel, delen: list[Deel]) -> list[Deel]:
        nr = regel.deelopdracht
        binnen = feit("reikwijdte", {"nr": nr})
        for deel in delen:
            deel.conditie = [met("rw", binnen), *deel.conditie]
        naam = self.regelset.deelopdrachten[nr].naam
        delen.append(Deel(regel.id, Status.niet_van_toepassing,
                          f"Deelopdracht {nr} ({naam}) valt buiten de reikwijdte van dit werkplan.",
                          conditie=[met("e", EINDE), niet("rw", binnen)]))
        return delen

    # rows are matched by code; a code-less row got its code from its description (Kader)

    def kengetal(self, code: str, *voorwaarden: Patroon) -> Patroon:
        return feit("kengetal", {"code": code}, *voorwaarden)

    def product(self, code: str, *voorwaarden: Patroon) -> Patroon:
        return feit("product", {"code": code}, *voorwaarden)

    def randvoorwaarde(self, code: str, *voorwaarden: Patroon) -> Patroon:
        return feit("randvoorwaarde", {"code": code}, *voorwaarden)

    def deelopdracht(self, nr: int, *voorwaarden: Patroon) -> Patroon:
        return feit("deelopdracht", {"nr": float(nr)}, *voorwaarden)

    def deelopdrachtnr(self, nr: int) -> Patroon:
        """Stands for all rows of a deelopdracht (see feiten._deelopdrachtnummers)."""
        return feit("deelopdrachtnr", {"nr": float(nr)})

    def do_naam(self, nr: int) -> str:
        return f"deelopdracht {nr} ({self.regelset.deelopdrachten[nr].naam})"


def _controleer_velden(regel: Regel, deel: Deel) -> None:
    for soort, veld in gebruikte_velden(deel.conditie):
        bekend = FEITSOORTEN.get(soort.removeprefix("toegezegd:"))
        if bekend is None:
            raise RegelFout(f"regel-id {regel.id}: de controle leest feiten van de soort '{soort}', die bestaat niet")
        if veld not in bekend:
            raise RegelFout(f"regel-id {regel.id}: de controle leest het veld '{veld}' van '{soort}', dat bestaat niet "
                            f"(wel: {', '.join(sorted(bekend))})")


def _pas_uitleg_toe(regel: Regel, delen: list[Deel]) -> None:
    """A rule's own wording replaces the check's default wording for that status, and its own
    action that of every part that is not in order."""
    for deel in delen:
        eigen = getattr(regel.uitleg, deel.status.name, None)
        if eigen:
            deel.tekst = eigen
        if regel.uitleg.actie and deel.status in (Status.ontbreekt, Status.afwijkend):
            deel.actie = regel.uitleg.actie
