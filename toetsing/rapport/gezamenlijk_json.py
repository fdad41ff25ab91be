"""A joint toetsing as JSON: the joint rules' bevindingen in the shape of a single report
(werkplan-formaat.md), with the matrix after the header data and each werkplan's own report
at the end."""
from __future__ import annotations

import json

from toetsing.bevindingen import GezamenlijkRapport
from toetsing.rapport.als_json import als_dict, als_dict_kort


def als_json_gezamenlijk(rapport: GezamenlijkRapport, kort: bool = False) -> str:
    als_dict_ = als_dict_kort if kort else als_dict
    matrix = [
        {"nr": rij.nr, "naam": rij.naam,
         "dekking": [{"indiener": indiener, **d.model_dump()} for indiener, d in zip(rapport.indieners, rij.dekking)]}
        for rij in rapport.matrix
    ]
    data: dict = {}
    for sleutel, waarde in als_dict_(rapport.gezamenlijk).items():
        if sleutel == "bevindingen":  # who covers what first, right after the header data, as every format opens
            data["matrix"] = matrix
        data[sleutel] = waarde
    data["werkplannen"] = [als_dict_(eigen) for eigen in rapport.werkplannen]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
