"""The toetsingsrapport as JSON (contract in werkplan-formaat.md, fields added, none removed).
Deterministic: same werkplan and rules give the same bytes, apart from `getoetst_op`."""
from __future__ import annotations

import json

from toetsing import __version__
from toetsing.bevindingen import Rapport


def als_json(rapport: Rapport) -> str:
    data = {
        "opdracht": rapport.opdracht,
        "opdracht_titel": rapport.opdracht_titel,
        "werkplan": rapport.werkplan,
        "stuk": rapport.stuk,
        "toezegging": rapport.toezegging,
        "organisatie": rapport.organisatie,
        "getoetst_op": rapport.getoetst_op.isoformat(timespec="seconds"),
        "toetsing_versie": __version__,
        "samenvatting": rapport.telling(),
        "bevindingen": [
            {
                "regel": b.regel,
                "status": b.status.value,
                "toelichting": b.toelichting,
                "bron": b.bron,
                "bewijs": b.bewijs,
                "titel": b.titel,
                "citaat": b.citaat,
                "interpretatie": b.interpretatie,
                "blok": b.blok,
                "deelopdracht": b.deelopdracht,
                "details": [d.model_dump() for d in b.details],
            }
            for b in rapport.bevindingen
        ],
        "meldingen": [m.model_dump() | {"tekst_volledig": str(m)} for m in rapport.meldingen],
        "ontvangst": rapport.ontvangst.model_dump(mode="json") if rapport.ontvangst else None,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
