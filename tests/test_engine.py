"""The engine decides: compiled once, one isolated session per werkplan, missing = negation."""
from __future__ import annotations

import json

from toetsing.dienst import engine_voor, toets_werkplan
from toetsing.regels.gevallen import bouw_werkplan
from toetsing.lezen.importeer import lees_werkplan
from toetsing.regels.model import Status


def _statussen(tmp_path, spec, naam="w.xlsx"):
    rapport = toets_werkplan(lees_werkplan(bouw_werkplan(spec, tmp_path / naam)), engine_voor("meierijstad-2020"))
    return {b.regel: b.status for b in rapport.bevindingen}


def test_sessies_lekken_niet_naar_elkaar(tmp_path):
    goed = {"Kengetallen": [{"Code": "CJG-TELEFONISCH", "Waarde": 5}, {"Code": "CJG-DIGITAAL", "Waarde": 5}]}
    leeg: dict = {}
    eerst = _statussen(tmp_path, goed, "a.xlsx")
    tussendoor = _statussen(tmp_path, leeg, "b.xlsx")
    daarna = _statussen(tmp_path, goed, "c.xlsx")
    assert eerst == daarna
    assert eerst["CJG-BEREIKBAARHEID"] == Status.voldaan
    assert tussendoor["CJG-BEREIKBAARHEID"] == Status.ontbreekt


def test_ontbreekt_is_negatie_in_de_engine():
    engine = engine_voor("meierijstad-2020")
    for naam, deel in engine.delen.items():
        if deel.status == Status.ontbreekt:
            patronen = engine.definitie[naam]["all"]
            if '"$nex"' in json.dumps(patronen) and not any(k.endswith("$not") for p in patronen for k in p):
                continue  # a row that names the item but leaves its answer empty
            assert any(p.get("e", {}).get("$and", [None])[0] == {"soort": "einde"} for p in patronen), naam
            assert any(k.endswith("$not") for p in patronen for k in p), naam


def test_buiten_de_reikwijdte_niet_van_toepassing_en_nooit_ontbreekt(tmp_path):
    statussen = _statussen(tmp_path, {"Algemeen": {"Reikwijdte": "1, 2"}})
    regelset = engine_voor("meierijstad-2020").regelset
    for regel in regelset.regels:
        if regel.deelopdracht and regel.deelopdracht not in (1, 2):
            assert statussen[regel.id] == Status.niet_van_toepassing, regel.id
        elif regel.deelopdracht in (1, 2):
            assert statussen[regel.id] == Status.ontbreekt, regel.id


def test_regel_zonder_code_telt_via_omschrijving(tmp_path):
    spec = {"Kengetallen": [{"Code": None, "Omschrijving": "Telefonische bereikbaarheid CJG tijdens kantooruren", "Waarde": 5},
                            {"Code": "CJG-DIGITAAL", "Omschrijving": None, "Waarde": 5}]}
    assert _statussen(tmp_path, spec)["CJG-BEREIKBAARHEID"] == Status.voldaan


def test_een_gecompileerde_regelset_per_proces():
    assert engine_voor("meierijstad-2020") is engine_voor("meierijstad-2020")
