"""A joint toetsing as JSON: the joint rules' bevindingen in the shape of a single report
(werkplan-formaat.md), plus the matrix and each werkplan's own report."""
from __future__ import annotations

import json

from toetsing.bevindingen import GezamenlijkRapport
from toetsing.rapport.als_json import als_dict, als_dict_kort


def als_json_gezamenlijk(rapport: GezamenlijkRapport, kort: bool = False) -> str:
    als_dict_ = als_dict_kort if kort else als_dict
    data = {
        **als_dict_(rapport.gezamenlijk),
        "matrix": [
            {"nr": rij.nr, "naam": rij.naam,
             "dekking": [{"indiener": indiener, **d.model_dump()} for indiener, d in zip(rapport.indieners, rij.dekking)]}
            for rij in rapport.matrix
        ],
        "werkplannen": [als_dict_(eigen) for eigen in rapport.werkplannen],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
