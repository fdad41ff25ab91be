"""Rule sets through the years: a successor states only what changed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from toetsing.cli import main
from toetsing.fouten import RegelFout
from toetsing.regels.laden import beschikbare_regelsets, laad_regelset, standaard_map
from toetsing.regels.verschil import verschil

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"


def test_2021_erft_van_2020_en_noemt_alleen_wat_verandert():
    oud, nieuw = laad_regelset("meierijstad-2020"), laad_regelset("meierijstad-2021")
    assert nieuw.opvolger_van == "meierijstad-2020"
    ids = {r.id for r in nieuw.regels}
    assert {"DB-ONDERZOEK", "VW-RAPPORTAGE-Q1"}.isdisjoint(ids)
    assert {"VERGELIJKING-UREN", "EEN-AANSPREEKPUNT", "OPDRACHTNEMER-COOPERATIE"} <= ids
    assert nieuw.regel("INDIENING-TIJDIG").controles[0].voor.year == 2020
    # a changed rule keeps what it did not change
    assert nieuw.regel("INDIENING-TIJDIG").bron == oud.regel("INDIENING-TIJDIG").bron
    assert nieuw.regel("JGD-TRENDRAPPORTAGE").bron == oud.regel("JGD-TRENDRAPPORTAGE").bron
    # 2021: the vervanging and vindbaarheid agreements are still to be made (Deel II, §6)
    assert nieuw.regel("BLOKA-RANDVOORWAARDEN").controles[0].codes == ["RV-OPLEIDING", "RV-WERKWIJZE", "RV-SCHOLING", "RV-NORMEN"]
    assert nieuw.herkomst["CJG-BEREIKBAARHEID"] == "overgenomen uit meierijstad-2020"
    assert nieuw.herkomst["SUBSIDIEJAAR"].startswith("gewijzigd")
    assert nieuw.herkomst["CORONA-TRENDS"] == "nieuw"


def test_2021_bevat_geen_gekopieerde_regeltekst_van_2020():
    oud = {r.id: r for r in laad_regelset("meierijstad-2020").regels}
    for bestand in (standaard_map() / "meierijstad-2021").glob("*.yaml"):
        for regel in (yaml.safe_load(bestand.read_text()) or {}).get("regels", []):
            if "wijzig" in regel:
                origineel = oud[regel["wijzig"]].model_dump(mode="json")
                gelijk = [k for k, v in regel.items() if k != "wijzig" and origineel.get(k) == v]
                assert not gelijk, f"{regel['wijzig']}: {gelijk} is gelijk aan 2020; laat het weg"


def test_overgenomen_regels_noemen_het_vorige_jaar_niet():
    """A title or `wat` a successor takes over unchanged must not speak of the predecessor's year:
    such a rule needs a `wijzig` with the new year (a text the successor wrote itself may name it)."""
    for regelset in map(laad_regelset, beschikbare_regelsets()):
        if not regelset.opvolger_van:
            continue
        vorige = laad_regelset(regelset.opvolger_van)
        jaar, oud = str(vorige.subsidiejaar), {r.id: r for r in vorige.regels}
        for regel in regelset.regels:
            for veld in ("titel", "wat"):
                tekst = getattr(regel, veld)
                if regel.id in oud and tekst == getattr(oud[regel.id], veld):
                    assert jaar not in tekst, f"{regelset.id} {regel.id}: {veld} noemt {jaar}"


def test_verschil_in_woorden(capsys):
    regels = "\n".join(verschil(laad_regelset("meierijstad-2020"), laad_regelset("meierijstad-2021")))
    assert "+ VERGELIJKING-UREN" in regels and "- DB-ONDERZOEK" in regels and "eenmalig" in regels
    assert "controle datum-voor, voor: 2019-10-15 -> 2020-10-15" in regels
    assert main(["regels", "--verschil", "meierijstad-2020", "meierijstad-2021"]) == 0
    gewijzigd = sum(h.startswith("gewijzigd") for h in laad_regelset("meierijstad-2021").herkomst.values())
    assert gewijzigd >= 4 and f"Gewijzigd ({gewijzigd})" in capsys.readouterr().out


def test_voorbeeld_2021_voldoet_en_2020_voorbeeld_niet_aan_2021(capsys):
    assert main(["toets", str(VOORBEELDEN / "werkplan-2021.xlsx")]) == 0
    capsys.readouterr()
    assert main(["toets", str(VOORBEELDEN / "werkplan-conform.xlsx"), "--opdracht", "meierijstad-2021", "--kort"]) == 1
    uit = capsys.readouterr().out
    # the 2020 example has last year's hours, but no reasons for the large differences
    assert "verschilt onderdeel '2' 20% van vorig jaar, zonder toelichting" in " ".join(uit.split())
    assert "OPDRACHTNEMER-COOPERATIE" in uit and "SUBSIDIEJAAR" in uit


@pytest.fixture
def twee_jaren(tmp_path) -> Path:
    basis = tmp_path / "regels"
    shutil.copytree(standaard_map() / "meierijstad-2020", basis / "meierijstad-2020")
    (basis / "volgend").mkdir()
    (basis / "volgend" / "regelset.yaml").write_text(
        "id: volgend\nopvolger_van: meierijstad-2020\ntitel: t\ngemeente: g\nsubsidiejaar: 2021\ndocumenten: {}\n")
    return basis


def test_wijzig_van_onbekende_regel(twee_jaren):
    (twee_jaren / "volgend" / "r.yaml").write_text("regels:\n  - wijzig: BESTAAT-NIET\n    titel: x\n")
    with pytest.raises(RegelFout, match="r.yaml, regel 2: wijzig 'BESTAAT-NIET': die regel bestaat niet in meierijstad-2020"):
        laad_regelset("volgend", twee_jaren)


def test_bestaande_regel_opnieuw_schrijven_mag_niet(twee_jaren):
    regel = (standaard_map() / "meierijstad-2020" / "algemeen.yaml").read_text()
    (twee_jaren / "volgend" / "r.yaml").write_text(regel)
    with pytest.raises(RegelFout, match="bestaat al in meierijstad-2020; schrijf 'wijzig: INDIENING-TIJDIG'"):
        laad_regelset("volgend", twee_jaren)


def test_cirkel_van_opvolgers(twee_jaren):
    (twee_jaren / "volgend" / "regelset.yaml").write_text(
        "id: volgend\nopvolger_van: volgend\ntitel: t\ngemeente: g\nsubsidiejaar: 2021\ndocumenten: {}\n")
    with pytest.raises(RegelFout, match="zichzelf"):
        laad_regelset("volgend", twee_jaren)
