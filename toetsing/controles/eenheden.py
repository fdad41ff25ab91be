"""What a figure's unit allows (contract v2, "Values that cannot be true"): a percentage
lies between 0 and 100, a week has 7 days, a count or an amount is not negative. A check
that reads a kengetal adds these parts: a value its unit cannot have is afwijkend, with
the reason, whatever the rule's own bounds say."""
from __future__ import annotations

import re

from toetsing.controles.basis import zet
from toetsing.engine.patronen import Deel, Patroon, en, met, vergelijk
from toetsing.status import Status
from toetsing.tekst import getal_nl, normaliseer

# (the unit's first word(s), lowest, highest, why): the first that matches the catalogue's eenheid wins
_EENHEDEN: tuple[tuple[str, float, float | None, str], ...] = (
    (r"(procent|%)", 0, 100, "een percentage ligt tussen 0 en 100"),
    (r"dagen per week", 0, 7, "een week heeft 7 dagen"),
    (r"dagdelen per week", 0, 21, "een week heeft 21 dagdelen"),
    (r"uren per week", 0, 168, "een week heeft 168 uur"),
    (r"(aantal|uren|euro|eur|€|fte|dagen|dagdelen)", 0, None, "een aantal of bedrag is nooit negatief"),
)


def na_getal(eenheid: str) -> str:
    """The unit as it follows a number in a sentence: "5 dagen per week", "60%", "3 kernen"
    (the catalogue's "aantal kernen" says what is counted; "3 aantal kernen" is not Dutch)."""
    sleutel = normaliseer(eenheid)
    if sleutel in ("", "aantal", "tekst"):
        return ""
    if sleutel in ("procent", "%"):
        return "%"
    return " " + re.sub(r"^aantal ", "", eenheid.strip(), flags=re.IGNORECASE)


def grenzen_van(eenheid: str) -> tuple[float, float | None, str] | None:
    sleutel = normaliseer(eenheid)
    for patroon, laag, hoog, waarom in _EENHEDEN:
        if re.match(patroon, sleutel):
            return laag, hoog, waarom
    return None


def onmogelijk(regel_id: str, code: str, eenheid: str, getal: Patroon, verwacht: str) -> list[Deel]:
    """Afwijkend parts for a figure of `code` (the fact pattern `getal`) outside what its unit allows."""
    grenzen = grenzen_van(eenheid)
    if grenzen is None:
        return []
    laag, hoog, waarom = grenzen
    buiten = [vergelijk("$lt", "getal", laag)] + ([vergelijk("$gt", "getal", hoog)] if hoog is not None else [])
    bereik = f"tussen {getal_nl(laag)} en {getal_nl(hoog)}" if hoog is not None else f"minimaal {getal_nl(laag)}"
    return [Deel(regel_id, Status.afwijkend, f"{code} is {{gevonden}}{na_getal(eenheid)}; dat kan niet: {waarom} ({bereik}).",
                 verwacht, {"k": ("waarde",)}, [met("k", en(getal, b))], zet("Kengetallen", code, f"een getal {bereik}"))
            for b in buiten]
