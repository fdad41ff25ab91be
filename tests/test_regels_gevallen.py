"""Every rule's own cases (in its rule file) run through the whole pipeline: workbook ->
importer -> facts -> engine -> bevinding. Adding a case is adding data."""
from __future__ import annotations

import pytest

from toetsing.dienst import engine_voor
from toetsing.regels.controleer import mist_goed_of_fout
from toetsing.regels.gevallen import toets_geval
from toetsing.regels.laden import beschikbare_regelsets, laad_regelset
from toetsing.regels.model import Status

GEVALLEN = [
    pytest.param(rs, regel.id, geval, id=f"{rs}:{regel.id}:{geval.naam}")
    for rs in beschikbare_regelsets()
    for regel in laad_regelset(rs).regels
    if not regel.gezamenlijk  # their cases hold several werkplannen: tests/test_gezamenlijk.py
    for geval in regel.gevallen
]


@pytest.mark.parametrize("regelset_id,regel_id,geval", GEVALLEN)
def test_geval(tmp_path, regelset_id, regel_id, geval):
    bevinding = toets_geval(engine_voor(regelset_id).regelset, regel_id, geval, tmp_path,
                            lambda stuk: engine_voor(regelset_id, stuk))
    assert bevinding is not None, f"{regel_id} geeft geen bevinding"
    assert bevinding.status == geval.status, bevinding.toelichting
    if geval.status in (Status.voldaan, Status.afwijkend):
        assert bevinding.bewijs, "een voldane of afwijkende bevinding wijst cellen aan"
        assert all("!" in cel for cel in bevinding.bewijs)


@pytest.mark.parametrize("regelset_id", beschikbare_regelsets())
def test_elke_regel_heeft_een_goed_en_een_fout_geval(regelset_id):
    zonder = [regel.id for regel in laad_regelset(regelset_id).regels if mist_goed_of_fout(regel)]
    assert not zonder, f"regels zonder geval dat voldoet én geval dat niet voldoet: {zonder}"
