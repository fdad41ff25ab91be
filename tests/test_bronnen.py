"""Every rule quotes its source word for word: the shipped rules pass the rule author's check,
`toetsing regels controleer regels/ --bronnen ../shared/bronnen` (quotes, numbers, cases)."""
from __future__ import annotations

from pathlib import Path

import pytest

from toetsing.cli import main
from toetsing.regels.laden import standaard_map

BRONNEN = Path(__file__).resolve().parents[2] / "shared" / "bronnen"


@pytest.mark.skipif(not BRONNEN.is_dir(), reason="../shared/bronnen ontbreekt naast deze checkout")
def test_meegeleverde_regels_zijn_in_orde(capsys):
    code = main(["regels", "controleer", str(standaard_map()), "--bronnen", str(BRONNEN)])
    assert code == 0, capsys.readouterr().out
