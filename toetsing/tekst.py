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


_LIJST = re.compile(r"[;,/\n]+|\s+(?:en|&)\s+", re.IGNORECASE)


def namen(tekst: str) -> dict[str, str]:
    """A list of names in one cell, each once, normalised (to compare) -> as typed first (to show):
    'Veghel; Schijndel en veghel' -> {'veghel': 'Veghel', 'schijndel': 'Schijndel'}."""
    uit: dict[str, str] = {}
    for deel in _LIJST.split(tekst):
        if normaliseer(deel):
            uit.setdefault(normaliseer(deel), " ".join(deel.split()))
    return uit


def getal_nl(getal: float) -> str:
    """A number as Dutch readers write it: 52016.0 -> '52.016', 2.5 -> '2,5' (at most two decimals)."""
    return f"{getal:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",").replace(" ", ".")


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """ "1 eis ontbreekt", "4 eisen ontbreken": the number with the word that fits it."""
    return f"{n} {enkelvoud if n == 1 else meervoud}"


# A clause ends at a punctuation mark or at "maar"; a clause with one of these words is
# negated ("wij nemen niet deel aan PIM", "geen tevredenheidsmeting", "zonder Leefgoed",
# "WvGGZ valt buiten de opdracht") and names nothing (contract v2, "Named, not negated").
_ZINSDEEL = re.compile(r"[.,;:!?()\[\]\n]+| maar ")
_ONTKENNING = re.compile(r"\b(?:niet|geen|zonder|nooit|noch|niets|buiten)\b")


def zonder_ontkenning(tekst: str) -> str:
    """A normalised text without its negated clauses: what it really names."""
    return " | ".join(d.strip() for d in _ZINSDEEL.split(tekst) if d.strip() and not _ONTKENNING.search(d))


# control characters (escape sequences start with one), line breaks and bidirectional
# controls in a file or sheet name: on a terminal they move the cursor or colour text, on
# a page or in a workbook they reverse or hide it
_ONZICHTBAAR = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def toonbaar(naam: str) -> str:
    """A name as every output may show it: such characters as visible codes ('\\x1b',
    '\\u202e'), so that the name still says which file or sheet is meant."""
    return _ONZICHTBAAR.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", naam)
