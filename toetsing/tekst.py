"""Text normalisation shared by the importer (sheet and column names) and the facts
(texts the rules compare): case, accents, surrounding spaces and a trailing colon
never make a difference."""
from __future__ import annotations

import re
import unicodedata

_SPATIES = re.compile(r"\s+")


def normaliseer(tekst: str) -> str:
    """'  Café-Uren: ' -> 'cafe-uren'"""
    zonder_accenten = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode("ascii")
    return _SPATIES.sub(" ", zonder_accenten).strip().rstrip(":").strip().lower()


def getal_nl(getal: float) -> str:
    """A number as Dutch readers write it: 52016.0 -> '52.016', 2.5 -> '2,5' (at most two decimals)."""
    return f"{getal:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",").replace(" ", ".")
