"""Joint toetsing: the werkplannen of several organisations judged together, with the joint
rules decided in one engine session over the facts of all of them."""
from __future__ import annotations

import pytest

from tests.werkplan_bouwer import bouw_werkplan
from toetsing.gezamenlijk import toets_gezamenlijk
from toetsing.regels.laden import beschikbare_regelsets, laad_regelset

GEVALLEN = [
    pytest.param(rs, regel.id, geval, id=f"{rs}:{regel.id}:{geval.naam}")
    for rs in beschikbare_regelsets()
    for regel in laad_regelset(rs).regels
    if regel.gezamenlijk
    for geval in regel.gevallen
]


@pytest.mark.parametrize("regelset_id,regel_id,geval", GEVALLEN)
def test_geval(tmp_path, regelset_id, regel_id, geval):
    """A joint rule's case gives a werkplan per organisation."""
    jaar = laad_regelset(regelset_id).subsidiejaar
    paden = [bouw_werkplan(spec, tmp_path / f"werkplan-{i}.xlsx",
                           {"Organisatie": organisatie, "Subsidiejaar": jaar, "Opdracht": regelset_id})
             for i, (organisatie, spec) in enumerate(geval.werkplan.items())]
    rapport = toets_gezamenlijk(paden)
    bevinding = next(b for b in rapport.gezamenlijk.bevindingen if b.regel == regel_id)
    assert bevinding.status == geval.status, bevinding.toelichting
    assert {b.regel for b in rapport.gezamenlijk.bevindingen} == {
        r.id for r in laad_regelset(regelset_id).regels if r.gezamenlijk}
