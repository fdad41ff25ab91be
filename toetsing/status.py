"""The four outcomes of a rule, and which one wins when a rule's parts disagree."""
from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    voldaan = "voldaan"
    afwijkend = "afwijkend"
    ontbreekt = "ontbreekt"
    niet_van_toepassing = "niet van toepassing"

    @property
    def ernst(self) -> int:
        """Which status wins when a rule's parts disagree."""
        return _ERNST[self]


_ERNST = {Status.niet_van_toepassing: 0, Status.voldaan: 1, Status.afwijkend: 2, Status.ontbreekt: 3}
