"""Every rule quotes its source word for word: the quote occurs in the document it names."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from toetsing.regels.laden import beschikbare_regelsets, laad_regelset

BRONNEN = Path(__file__).resolve().parents[2] / "shared" / "bronnen"


def _plat(tekst: str) -> str:
    # line breaks and repeated spaces in the source text are layout, not words
    return re.sub(r"\s+", " ", tekst).strip()


@pytest.mark.skipif(not BRONNEN.is_dir(), reason="../shared/bronnen ontbreekt naast deze checkout")
@pytest.mark.parametrize("regelset_id", beschikbare_regelsets())
def test_citaten_staan_letterlijk_in_de_bron(regelset_id):
    regelset = laad_regelset(regelset_id)
    teksten = {k: _plat((BRONNEN / d.bestand).read_text(encoding="utf-8")) for k, d in regelset.documenten.items()}
    fout = [f"{r.id}: {r.bron.citaat!r}" for r in regelset.regels if _plat(r.bron.citaat) not in teksten[r.bron.document]]
    assert not fout, "citaten die niet letterlijk in de bron staan:\n" + "\n".join(fout)
