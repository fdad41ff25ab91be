"""The toetsingsrapport as JSON: the Rapport model as it is dumped, every field of it
(contract in werkplan-formaat.md: fields are added, none removed). Deterministic: same
werkplan and rules give the same bytes, apart from `getoetst_op`."""
from __future__ import annotations

import json
from typing import Any

from toetsing.bevindingen import Rapport
from toetsing.rapport.weergave import TE_DOEN


def als_dict(rapport: Rapport) -> dict[str, Any]:
    return rapport.model_dump(mode="json")


def als_dict_kort(rapport: Rapport) -> dict[str, Any]:
    """With --kort: only the bevindingen that ontbreken or afwijken, the counts (samenvatting)
    still of all, and `"kort": true` so a program knows the list is not complete."""
    data = als_dict(rapport)
    data["bevindingen"] = [d for d, b in zip(data["bevindingen"], rapport.bevindingen) if b.status in TE_DOEN]
    return data | {"kort": True}


def als_json(rapport: Rapport, kort: bool = False) -> str:
    if kort:
        return json.dumps(als_dict_kort(rapport), ensure_ascii=False, indent=2) + "\n"
    # pydantic's own serializer: the same bytes as json.dumps(als_dict(...), indent=2), five times as fast
    return rapport.model_dump_json(indent=2) + "\n"
