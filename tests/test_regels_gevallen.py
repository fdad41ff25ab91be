"""Every rule's own cases (in its rule file) run through the whole pipeline: workbook ->
importer -> facts -> engine -> bevinding. Adding a case is adding data."""
from __future__ import annotations

import pytest

from tests.werkplan_bouwer import bouw_werkplan
from toetsing.lezen.importeer import lees_werkplan
from toetsing.regels.laden import beschikbare_regelsets, laad_regelset
from toetsing.regels.model import Status
from toetsing.toets import engine_voor, toets_verantwoording, toets_werkplan

GEVALLEN = [
    pytest.param(rs, regel.id, geval, id=f"{rs}:{regel.id}:{geval.naam}")
    for rs in beschikbare_regelsets()
    for regel in laad_regelset(rs).regels
    if not regel.gezamenlijk  # their cases hold several werkplannen: tests/test_gezamenlijk.py
    for geval in regel.gevallen
]


@pytest.mark.parametrize("regelset_id,regel_id,geval", GEVALLEN)
def test_geval(tmp_path, regelset_id, regel_id, geval):
    regelset = engine_voor(regelset_id).regelset
    algemeen = {"Organisatie": "Testorganisatie", "Subsidiejaar": regelset.subsidiejaar, "Opdracht": regelset_id}
    werkplan = lees_werkplan(bouw_werkplan(geval.werkplan, tmp_path / "werkplan.xlsx", algemeen))
    if geval.verantwoording is None:
        rapport = toets_werkplan(werkplan, engine_voor(regelset_id))
    else:  # a verantwoording, with the werkplan as what was committed
        verantwoording = lees_werkplan(bouw_werkplan(geval.verantwoording, tmp_path / "verantwoording.xlsx", algemeen))
        rapport = toets_verantwoording(verantwoording, werkplan, engine_voor(regelset_id, "verantwoording"))
    bevinding = next(b for b in rapport.bevindingen if b.regel == regel_id)
    assert bevinding.status == geval.status, bevinding.toelichting
    if geval.status in (Status.voldaan, Status.afwijkend):
        assert bevinding.bewijs, "een voldane of afwijkende bevinding wijst cellen aan"
        assert all("!" in cel for cel in bevinding.bewijs)


@pytest.mark.parametrize("regelset_id", beschikbare_regelsets())
def test_elke_regel_heeft_een_goed_en_een_fout_geval(regelset_id):
    zonder = []
    for regel in laad_regelset(regelset_id).regels:
        statussen = {g.status for g in regel.gevallen}
        if Status.voldaan not in statussen or not statussen & {Status.afwijkend, Status.ontbreekt}:
            zonder.append(regel.id)
    assert not zonder, f"regels zonder geval dat voldoet én geval dat niet voldoet: {zonder}"
