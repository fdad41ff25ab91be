"""The officer's judgement: the beoordelingsformulier (formulier.py writes it, lezen.py reads a
filled one, samenvoegen.py applies it to a Rapport). docs/beoordeling.md is the workflow.

What the form and its reader share lives here: sheet names, columns, and the fingerprints
that tell a judgement made on other cells or another rule from one that still holds.
"""
from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel

from toetsing.bevindingen import Bevinding

BLAD = "Beoordeling"
GEGEVENS = "Gegevens"  # hidden and protected: what the form was made from
# the officer's columns; the others are the program's
KOLOMMEN = ("Regel", "Eis", "Bron", "Uitkomst toetsing", "Gevonden", "Oordeel", "Motivering", "Beoordelaar", "Datum")
OORDEEL, MOTIVERING, BEOORDELAAR, DATUM = (KOLOMMEN.index(k) + 1 for k in KOLOMMEN[5:])
EIS = "eis"  # the kind of a row for a niet_toetsbaar demand; a bevinding's row is "regel"
VERSIE = "1"  # of the form's layout, so a later toetsing can recognise an old form


def vingerafdruk(model: BaseModel, zonder: set[str] | None = None) -> str:
    """sha256 of a rule or niet_toetsbaar demand as loaded: a changed rule is a new fingerprint."""
    return hashlib.sha256(model.model_dump_json(exclude=zonder).encode("utf-8")).hexdigest()


def regel_vingerafdruk(regel: BaseModel) -> str:
    # its test cases say how the rule is tested, not what it demands
    return vingerafdruk(regel, {"gevallen"})


def cellen(b: Bevinding) -> dict[str, str]:
    """The cell values an outcome rested on: of every part that fired, not only the worst."""
    return dict(sorted({d.cel: d.gevonden for deel in b.delen for d in deel.details}.items()))


def cellen_sha256(waarden: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(waarden, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
