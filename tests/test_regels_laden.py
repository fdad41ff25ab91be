"""Rule files with errors do not load; the message names file, rule id, line and what is wrong."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toetsing.cli import main
from toetsing.fouten import RegelFout
from toetsing.regels.documentatie import DOCS, bladen_markdown, controles_markdown, regelset_markdown
from toetsing.regels.laden import beschikbare_regelsets, laad_regelset, standaard_map

GOEDE_REGEL = """regels:
  - id: TEST-REGEL
    titel: Een testregel
    blok: algemeen
    bron: {document: opdracht-2020, plaats: "§1", citaat: "Een citaat van acht tekens"}
    wat: test
    controles:
      - soort: veld-aanwezig
        veld: organisatie
"""


@pytest.fixture
def regelmap(tmp_path) -> Path:
    doel = tmp_path / "regels" / "test-2020"
    doel.mkdir(parents=True)
    shutil.copy(standaard_map() / "meierijstad-2020" / "regelset.yaml", doel / "regelset.yaml")
    (doel / "regelset.yaml").write_text((doel / "regelset.yaml").read_text().replace("id: meierijstad-2020", "id: test-2020"))
    return doel


def _fout(regelmap: Path, tekst: str) -> str:
    (regelmap / "regels.yaml").write_text(tekst)
    with pytest.raises(RegelFout) as fout:
        laad_regelset("test-2020", regelmap.parent)
    return str(fout.value)


def test_goede_regel_laadt(regelmap):
    (regelmap / "regels.yaml").write_text(GOEDE_REGEL)
    assert [r.id for r in laad_regelset("test-2020", regelmap.parent).regels] == ["TEST-REGEL"]


def test_onbekende_soort_controle(regelmap):
    fout = _fout(regelmap, GOEDE_REGEL.replace("veld-aanwezig", "raad-maar-wat"))
    assert "regels.yaml, regel 8, regel-id TEST-REGEL" in fout and "onbekende soort controle 'raad-maar-wat'" in fout


def test_verkeerde_parameter(regelmap):
    fout = _fout(regelmap, GOEDE_REGEL.replace("veld: organisatie", "veld: schoenmaat"))
    assert "regel-id TEST-REGEL" in fout and "veld" in fout and "schoenmaat" in fout


def test_dubbel_id(regelmap):
    fout = _fout(regelmap, GOEDE_REGEL + GOEDE_REGEL.split("regels:\n", 1)[1])
    assert "regel-id TEST-REGEL: dit id komt twee keer voor" in fout


def test_bron_ontbreekt(regelmap):
    zonder_bron = "\n".join(r for r in GOEDE_REGEL.splitlines() if "bron:" not in r) + "\n"
    fout = _fout(regelmap, zonder_bron)
    assert "regel-id TEST-REGEL" in fout and "bron: ontbreekt (verplicht)" in fout


def test_onbekend_document_en_code(regelmap):
    fout = _fout(regelmap, GOEDE_REGEL.replace("opdracht-2020", "geheim-memo").replace(
        "soort: veld-aanwezig\n        veld: organisatie", "soort: kengetal-aanwezig\n        codes: [BESTAAT-NIET]"))
    assert "bron.document 'geheim-memo'" in fout and "kengetal 'BESTAAT-NIET'" in fout


def test_kapotte_yaml(regelmap):
    fout = _fout(regelmap, GOEDE_REGEL + "  - id: [\n")
    assert "regels.yaml, regel" in fout and "geen geldige YAML" in fout


def test_cli_geeft_exit_2_bij_kapotte_regels(regelmap, monkeypatch, capsys):
    (regelmap / "regels.yaml").write_text(GOEDE_REGEL.replace("veld-aanwezig", "raad-maar-wat"))
    monkeypatch.setattr("toetsing.regels.laden.standaard_map", lambda: regelmap.parent)
    assert main(["regels", "test-2020"]) == 2
    fout = capsys.readouterr().err
    assert "raad-maar-wat" in fout and "Traceback" not in fout


@pytest.mark.parametrize("regelset_id", beschikbare_regelsets())
def test_documentatie_is_bijgewerkt(regelset_id):
    pagina = DOCS / f"{regelset_id}.md"
    assert pagina.read_text(encoding="utf-8") == regelset_markdown(laad_regelset(regelset_id)), (
        f"{pagina} is niet bijgewerkt: voer 'make docs' uit")


def test_controles_documentatie_is_bijgewerkt():
    assert (DOCS / "controles.md").read_text(encoding="utf-8") == controles_markdown(), "voer 'make docs' uit"
    assert (DOCS / "bladen.md").read_text(encoding="utf-8") == bladen_markdown(), "voer 'make docs' uit"


def test_een_controle_die_een_onbekend_feitveld_leest_laadt_niet(regelmap, monkeypatch):
    """A check kind that reads a misspelt fact field would silently give "ontbreekt";
    the loader refuses it with the file, the rule id and the field."""
    from toetsing.controles.velden import VeldAanwezig
    from toetsing.engine.patronen import Deel, bestaat, feit, met
    from toetsing.status import Status

    def met_tikfout(self, c, regel):
        return [Deel(regel.id, Status.voldaan, "x", conditie=[met("v", feit("veld", bestaat("organsatie")))])]

    monkeypatch.setattr(VeldAanwezig, "delen", met_tikfout)
    fout = _fout(regelmap, GOEDE_REGEL)
    assert "regels.yaml, regel 2, regel-id TEST-REGEL" in fout and "het veld 'organsatie' van 'veld', dat bestaat niet" in fout

