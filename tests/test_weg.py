"""A report that shows the way (issue 15, items 1, 2, 5, 7): every problem says what the werkplan
holds now, what the opdracht asks and what to do; "Wat moet u nog doen" opens every report;
the medewerker's checklist; a warning when the opdracht is not the werkplan's own; the words."""
from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console

from toetsing.controles import REGISTER
from toetsing.dienst import lees_invoer, toets_bestand
from toetsing.engine.compileer import Compiler
from toetsing.rapport import weergave
from toetsing.rapport.als_html import als_html
from toetsing.rapport.als_json import als_json
from toetsing.rapport.als_tekst import toon
from toetsing.rapport.als_xlsx import als_xlsx
from toetsing.rapport.annoteren import annoteer
from toetsing.regels.laden import beschikbare_regelsets, laad_regelset
from toetsing.status import Status
from toetsing.tekst import getal_nl
from toetsing.werkplan.contract import ALGEMEEN_VELD
from toetsing.werkplan.model import leesvolgorde

CONCEPT = Path(__file__).resolve().parents[1] / "voorbeelden" / "werkplan-concept.xlsx"
PROBLEEM = (Status.afwijkend, Status.ontbreekt)


@pytest.fixture(scope="module")
def rapport():
    return toets_bestand(lees_invoer(CONCEPT))


@pytest.fixture(scope="module")
def ander(rapport):
    """The concept toetst against the 2021 opdracht, while its Opdracht field says 2020."""
    return toets_bestand(lees_invoer(CONCEPT), "meierijstad-2021")


def _tekst(rapport, alles: bool = True) -> str:
    uit = io.StringIO()
    toon(rapport, Console(file=uit, width=80, highlight=False), alles)
    return uit.getvalue()


def _plat(tekst: str) -> str:
    return " ".join(tekst.split())


def _xlsx_teksten(data: bytes, blad: str) -> str:
    ws = openpyxl.load_workbook(io.BytesIO(data))[blad]
    return _plat(" ".join(str(c.value) for rij in ws.iter_rows() for c in rij if c.value is not None))


# --- 1. gevonden, verwacht, actie ------------------------------------------------------

def test_elke_bevinding_die_niet_voldaan_is_zegt_wat_er_staat_wat_moet_en_wat_te_doen(rapport):
    data = json.loads(als_json(rapport))
    problemen = [b for b in data["bevindingen"] if b["status"] != "voldaan"]
    assert problemen
    for b in problemen:
        assert b["gevonden"] and b["verwacht"] and b["actie"], b["regel"]
        for deel in b["delen"]:
            if deel["status"] in ("afwijkend", "ontbreekt"):
                assert deel["actie"] and deel["gevonden"], b["regel"]
        if b["details"]:  # what is there: each value with its cell
            assert all(f"{d['cel']}: " in b["gevonden"] for d in b["details"]), b["regel"]
        else:  # a missing row: which sheet lacks it, and where the new row goes
            assert "niets op het blad " in b["gevonden"] and "blad " in b["actie"], b["regel"]
    for b in data["bevindingen"]:
        if b["status"] == "voldaan":
            assert b["actie"] == "", b["regel"]
    # the concept has the row VW-KLUSSEN with an empty Waarde: fill it in there, not a new row
    klussen = next(b for b in problemen if b["regel"] == "VW-INDICATOREN")
    assert klussen["actie"] == "Vul op het blad Kengetallen bij VW-KLUSSEN een getal (minimaal 0) in."
    assert klussen["bewijs"] and klussen["bewijs"][0].startswith("Kengetallen!A")
    indiening = next(b for b in problemen if b["regel"] == "INDIENING-TIJDIG")
    assert indiening["actie"] == ("Voeg onderaan het blad Algemeen een rij Indieningsdatum toe met een datum vóór "
                                  f"{laad_regelset('meierijstad-2020').regel('INDIENING-TIJDIG').controles[0].voor:%d-%m-%Y}.")


def _parameters(controle) -> list[str]:
    """The words of a check's parameters, one of which its every action names."""
    woorden: list[str] = []
    for naam in ("codes", "termen"):
        for w in getattr(controle, naam, None) or []:
            woorden += w if isinstance(w, list) else [w]
    woorden += [getattr(controle, n) for n in ("code", "nulmeting", "product") if getattr(controle, n, None)]
    if getattr(controle, "veld", None):
        woorden.append(ALGEMEEN_VELD[controle.veld].label)
    if getattr(controle, "nr", None) or controle.soort == "deelopdrachten-gedekt":
        woorden.append(f"deelopdracht {getattr(controle, 'nr', '')}".strip())
    if hasattr(controle, "gelezen_kolommen"):
        woorden += [controle.kop(k) for k in controle.gelezen_kolommen()]
    if hasattr(controle, "hoofdkolom"):
        woorden += [controle.label(getattr(controle, "kolom", controle.hoofdkolom)), "Toelichting"]
    if hasattr(controle, "drempel_procent"):
        woorden.append(f"{getal_nl(controle.drempel_procent)}%")
    if controle.blad == "Blok A":
        woorden += ["fte", "{gevonden}"]  # blok A without prestaties: the action names what to take away
    return woorden


def _voorbeelden() -> dict[str, tuple]:
    """Per check kind the first check of the shipped rule sets that uses it."""
    gevonden: dict[str, tuple] = {}
    for rid in beschikbare_regelsets():
        regelset = laad_regelset(rid)
        for regel in regelset.regels:
            for controle in regel.controles:
                gevonden.setdefault(controle.soort, (regelset, regel, controle))
    return gevonden


VOORBEELDEN = _voorbeelden()


def test_elke_soort_controle_heeft_een_voorbeeld():
    assert set(VOORBEELDEN) == set(REGISTER)


@pytest.mark.parametrize("soort", sorted(REGISTER))
def test_de_actie_noemt_het_blad_en_de_parameter(soort):
    regelset, regel, controle = VOORBEELDEN[soort]
    for stuk in ("werkplan", "verantwoording"):
        delen = [d for d in controle.delen(Compiler(regelset, stuk), regel) if d.status in PROBLEEM]
        assert delen, soort
        bladen = {controle.blad, *controle.bladen()} - {""}
        woorden = _parameters(controle)
        assert woorden, soort
        for deel in delen:
            assert any(f"blad {b}" in deel.actie for b in bladen), (soort, deel.actie)
            assert any(w in deel.actie for w in woorden), (soort, deel.actie, woorden)
            assert deel.actie.endswith(".") and deel.actie[0].isupper(), deel.actie


# --- 2. Wat moet u nog doen; door de medewerker te beoordelen ------------------------------

def test_het_eerste_scherm_toont_elk_probleem_met_cel_en_actie(rapport):
    regels = _tekst(rapport).splitlines()
    assert regels[1].startswith(weergave.WAT_TE_DOEN)
    scherm = _plat("\n".join(regels[:40]))
    taken = weergave.te_doen(rapport)
    for taak in taken:
        assert _plat(taak.actie) in scherm
        if taak.cellen:
            assert f"{taak.cellen_kort()}:" in scherm
    # every problem of the report is among them, the most serious first
    for b in rapport.bevindingen:
        if b.status in PROBLEEM:
            assert b.regel in scherm, b.regel
    ernst = [t.status.ernst for t in taken]
    assert ernst == sorted(ernst, reverse=True) and taken[0].status == Status.ontbreekt
    # before the counts, and those before the details
    tekst = _tekst(rapport)
    assert tekst.index(weergave.WAT_TE_DOEN) < tekst.index("Samenvatting") < tekst.index("Bevindingen") \
        if "Bevindingen" in tekst else tekst.index(weergave.WAT_TE_DOEN) < tekst.index("Samenvatting")


def test_een_ontbrekende_rij_is_een_taak_ook_als_meer_regels_hem_missen(rapport):
    negen = [t for t in weergave.te_doen(rapport) if "deelopdracht 9" in t.actie]
    assert len(negen) == 1
    ontbreken = [b.regel for b in rapport.bevindingen if b.deelopdracht == 9 and b.status == Status.ontbreekt]
    assert set(negen[0].regels) == set(ontbreken) and len(ontbreken) > 1


def _per_schrijver(rapport) -> dict[str, str]:
    return {
        "tekst": _plat(_tekst(rapport, alles=False)),
        "html": _plat(html.unescape(re.sub(r"<[^>]+>", " ", als_html(rapport)))),
        "xlsx": _xlsx_teksten(als_xlsx(rapport), "Samenvatting"),
        "annotatie": _xlsx_teksten(annoteer(rapport, CONCEPT.read_bytes()), "Toetsing"),
    }


def test_elk_rapport_opent_met_wat_te_doen_en_noemt_wat_de_medewerker_beoordeelt(rapport):
    assert rapport.niet_toetsbaar == laad_regelset("meierijstad-2020").niet_toetsbaar
    eerste = weergave.te_doen(rapport)[0]
    for schrijver, tekst in _per_schrijver(rapport).items():
        assert weergave.WAT_TE_DOEN in tekst, schrijver
        assert tekst.index(weergave.WAT_TE_DOEN) < tekst.index(_plat(eerste.actie)) < tekst.index("Aantal"), schrijver
        assert weergave.TE_BEOORDELEN in tekst, schrijver
        for n in rapport.niet_toetsbaar:
            assert _plat(n.eis) in tekst and _plat(n.waarom) in tekst and _plat(n.bron) in tekst, (schrijver, n.eis)
    data = json.loads(als_json(rapport))
    assert [n["eis"] for n in data["niet_toetsbaar"]] == [n.eis for n in rapport.niet_toetsbaar]


# --- 5. the wrong opdracht -------------------------------------------------------------------

def test_een_andere_opdracht_dan_die_van_het_werkplan_geeft_een_waarschuwing(rapport, ander):
    assert rapport.opdracht_in_werkplan is None and weergave.waarschuwing(rapport) is None
    assert ander.opdracht_in_werkplan == "meierijstad-2020" and ander.opdracht == "meierijstad-2021"
    let_op = weergave.waarschuwing(ander)
    assert "meierijstad-2020" in let_op and "meierijstad-2021" in let_op
    for schrijver, tekst in _per_schrijver(ander).items():
        # the warning comes before what to do
        assert tekst.index(_plat(let_op)) < tekst.index(weergave.WAT_TE_DOEN), schrijver
    for schrijver, tekst in _per_schrijver(rapport).items():
        assert "Let op: het werkplan noemt zelf de opdracht" not in tekst, schrijver
    assert json.loads(als_json(ander))["opdracht_in_werkplan"] == "meierijstad-2020"


# --- 7. words ----------------------------------------------------------------------------------

def _zinnen(rapport) -> list[str]:
    return [z for b in rapport.bevindingen for d in b.delen for z in (d.toelichting, d.actie, d.verwacht) if z]


def test_geen_dubbele_eenheden(rapport):
    for zin in _zinnen(rapport):
        assert not re.search(r"\d ?% ?(?:%|procent)|\d (?:aantal|procent %)\b", zin), zin
    assert any(re.search(r"\d%", zin) for zin in _zinnen(rapport))  # a percentage is written 60%


def test_meervoud_en_enkelvoud(rapport):
    telling = rapport.telling()
    assert weergave.oordeel(rapport) == (f"{telling['ontbreekt']} eisen ontbreken en {telling['afwijkend']} eisen wijken af.")
    een = [next(b for b in rapport.bevindingen if b.status == s) for s in PROBLEEM]
    assert weergave.oordeel(rapport.model_copy(update={"bevindingen": een})) == "1 eis ontbreekt en 1 eis wijkt af."


def test_het_blad_heet_zoals_in_het_werkboek_en_cellen_staan_in_leesvolgorde(rapport):
    uren = next(b for b in rapport.bevindingen if b.regel == "UREN-TOTAAL")
    blad = uren.bewijs[0].rpartition("!")[0]
    assert blad != "Uren"  # the concept calls its sheet otherwise
    assert f"blad {blad}" in uren.toelichting and f"blad {blad}" in uren.actie and "blad Uren " not in uren.actie
    for b in rapport.bevindingen:
        volgorde = leesvolgorde(b.bewijs)
        assert b.bewijs == sorted(b.bewijs, key=volgorde), b.regel
    for taak in weergave.te_doen(rapport):
        assert taak.cellen == sorted(taak.cellen, key=leesvolgorde(taak.cellen))


def test_geen_map_van_deze_computer_in_een_document(rapport):
    assert Path(rapport.werkplan).is_absolute()  # the report knows where it read from ...
    for schrijver, tekst in _per_schrijver(rapport).items():
        assert str(CONCEPT.parent) not in tekst, schrijver  # ... the documents name the file only
        assert CONCEPT.name in tekst, schrijver
