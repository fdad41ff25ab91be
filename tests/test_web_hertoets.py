"""The web page after a toetsing: the aanvullingsverzoek (Word) asked with a term and a date,
the werkplan carried in the form (the page keeps nothing), and the hertoetsing with a
previous report or werkplan uploaded beside the werkplan."""
from __future__ import annotations

import io
import re

import pytest
from docx import Document
from fastapi.testclient import TestClient

import toetsing.web.app as web
from tests.test_web import CONCEPT, CONFORM, WERKPLAN_2021, Pagina, _data, _fout_bij_veld, _geen_lek, _voorbeeld
from toetsing.dienst import lees_invoer, toets_bestand
from toetsing.rapport.als_json import als_json
from toetsing.status import Status


@pytest.fixture(scope="module")
def client():
    return TestClient(web.maak_app(), raise_server_exceptions=False)


def _toets(client, werkplannen, vorige=None):
    bestanden = [("werkplan", w) for w in werkplannen] + ([("vorige", vorige)] if vorige else [])
    return client.post("/toetsen", data={"opdracht": ""}, files=bestanden)


def _formulier(html: str) -> dict[str, str]:
    """The fields of the letter's form as the browser would send them."""
    pagina = Pagina(html)
    vorm = html[html.index('action="/aanvulling"'):]
    vorm = vorm[:vorm.index("</form>")]
    namen = re.findall(r'name="([^"]+)"', vorm)
    return {naam: pagina.eerste("input", name=naam).get("value", "") for naam in namen}


def _brief(client, velden: dict[str, str]):
    return client.post("/aanvulling", data=velden, files={"leeg": ("", b"")})  # multipart, as the browser sends it


def _open_regels(pad) -> list[str]:
    return [b.regel for b in toets_bestand(lees_invoer(pad)).bevindingen if b.status in (Status.ontbreekt, Status.afwijkend)]


def test_brief_vanaf_de_uitslag(client):
    antwoord = _toets(client, [_voorbeeld(CONCEPT)])
    assert antwoord.status_code == 200
    velden = _formulier(antwoord.text)
    assert set(velden) == {"werkplan", "naam", "opdracht", "termijn", "datum"}
    assert velden["termijn"] == "14"
    brief = _brief(client, velden | {"datum": "2019-12-11"})
    assert brief.status_code == 200
    assert brief.headers["content-type"] == web.DOCX
    assert "werkplan-concept-aanvulling.docx" in brief.headers["content-disposition"]
    tekst = "\n".join(p.text for p in Document(io.BytesIO(brief.content)).paragraphs)
    assert "27 december 2019" in tekst  # 25 and 26 December are feestdagen
    rapport = toets_bestand(lees_invoer(CONCEPT))
    assert rapport.organisatie in tekst


def test_termijn_en_datum_uit_het_formulier(client):
    velden = _formulier(_toets(client, [_voorbeeld(CONCEPT)]).text)
    tekst = "\n".join(p.text for p in Document(io.BytesIO(
        _brief(client, velden | {"datum": "2020-03-27", "termijn": "14"}).content)).paragraphs)
    assert "14 april 2020" in tekst  # Goede Vrijdag, the weekend and tweede paasdag passed


def test_geen_brief_als_alles_voldaan_is(client):
    antwoord = _toets(client, [_voorbeeld(CONFORM)])
    assert 'action="/aanvulling"' not in antwoord.text


@pytest.mark.parametrize("fout", [{"termijn": "0"}, {"termijn": "veertien"}, {"datum": "11 december"},
                                  {"werkplan": "geen base64!"}, {"werkplan": ""}])
def test_brief_met_fout_formulier(client, fout):
    velden = _formulier(_toets(client, [_voorbeeld(CONCEPT)]).text)
    antwoord = _brief(client, velden | fout)
    assert antwoord.status_code == 422
    _geen_lek(antwoord)
    assert Pagina(antwoord.text).eerste("div", role="alert")


@pytest.mark.parametrize("als", ["json", "werkplan"])
def test_hertoetsing_op_de_pagina(client, als):
    vorige = (("concept.json", als_json(toets_bestand(lees_invoer(CONCEPT))).encode("utf-8")) if als == "json"
              else _voorbeeld(CONCEPT))
    antwoord = _toets(client, [_voorbeeld(CONFORM)], vorige)
    assert antwoord.status_code == 200
    _geen_lek(antwoord)
    html = antwoord.text
    assert html.index("Sinds de vorige toetsing") < html.index('id="r1-samenvatting"')
    opgelost = html[html.index('data-vergelijking="1"'):]
    opgelost = opgelost[:opgelost.index("</ul>")]
    assert re.findall(r'data-regel="([^"]+)"', opgelost) == _open_regels(CONCEPT)


def test_vorige_van_een_andere_regelset(client):
    vorige = ("concept.json", als_json(toets_bestand(lees_invoer(CONCEPT))).encode("utf-8"))
    antwoord = _toets(client, [_voorbeeld(WERKPLAN_2021)], vorige)
    assert antwoord.status_code == 422
    _geen_lek(antwoord)
    assert "concept.json" in _fout_bij_veld(Pagina(antwoord.text), "vorige")


def test_vorige_geen_rapport(client):
    antwoord = _toets(client, [_voorbeeld(CONFORM)], ("oud.json", b'{"a": 1}'))
    assert antwoord.status_code == 422
    assert "oud.json: dit is geen toetsingsrapport" in _fout_bij_veld(Pagina(antwoord.text), "vorige")


def test_vorige_alleen_bij_een_werkplan(client):
    antwoord = _toets(client, [_voorbeeld(CONFORM), _voorbeeld(CONCEPT)], _voorbeeld(CONCEPT))
    assert antwoord.status_code == 422
    assert "één werkplan" in _fout_bij_veld(Pagina(antwoord.text), "vorige")


def test_beoordelingsformulier_van_de_pagina_terug_naar_de_pagina(client, tmp_path):
    """The form is downloaded from the result page, filled in as in Excel, and uploaded with the
    werkplan: the officer's judgement shows, the counts follow it, and the letter leaves out
    what the officer judged voldaan."""
    from tests.test_beoordeling import _vul_in

    eerste = _toets(client, [_voorbeeld(CONCEPT)])
    href = Pagina(eerste.text).downloads[CONCEPT.name]["werkplan-concept-beoordeling.xlsx"]
    formulier = tmp_path / "werkplan-concept-beoordeling.xlsx"
    formulier.write_bytes(_data(href))
    _vul_in(formulier, {"CJG-BEREIKBAARHEID": {"Oordeel": "voldaan", "Motivering": "Afgesproken in het gesprek",
                                               "Beoordelaar": "J. de Vries"}})
    antwoord = client.post("/toetsen", data={"opdracht": ""},
                           files=[("werkplan", _voorbeeld(CONCEPT)), ("beoordeling", _voorbeeld(formulier))])
    assert antwoord.status_code == 200
    pagina = Pagina(antwoord.text)
    assert "J. de Vries" in pagina.platte_tekst
    zonder = Pagina(eerste.text).telling[CONCEPT.name]
    met = pagina.telling[CONCEPT.name]
    assert met["afwijkend"] == zonder["afwijkend"] - 1 and met["voldaan"] == zonder["voldaan"] + 1

    velden = _formulier(antwoord.text)
    assert velden["beoordeling_naam"] == formulier.name
    brief = _brief(client, velden | {"datum": "2019-12-11"})
    assert brief.status_code == 200
    tekst = "\n".join(p.text for p in Document(io.BytesIO(brief.content)).paragraphs)
    zonder_oordeel = "\n".join(p.text for p in Document(io.BytesIO(
        _brief(client, _formulier(eerste.text) | {"datum": "2019-12-11"}).content)).paragraphs)
    titel = next(b.titel for b in toets_bestand(lees_invoer(CONCEPT)).bevindingen if b.regel == "CJG-BEREIKBAARHEID")
    assert titel in zonder_oordeel and titel not in tekst


@pytest.mark.parametrize("bestanden, melding", [
    ([("werkplan", CONCEPT), ("werkplan", CONFORM), ("beoordeling", CONCEPT)], "hoort bij één werkplan"),
    ([("werkplan", CONCEPT), ("beoordeling", CONFORM)], "beoordelingsformulier"),
])
def test_beoordelingsformulier_fout_bij_zijn_veld(client, bestanden, melding):
    antwoord = client.post("/toetsen", data={"opdracht": ""}, files=[(veld, _voorbeeld(p)) for veld, p in bestanden])
    assert antwoord.status_code == 422
    assert melding in _fout_bij_veld(Pagina(antwoord.text), "beoordeling")
