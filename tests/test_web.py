"""`toetsing web` through FastAPI's TestClient: the pages, uploads good and bad, the
downloads, the limits, the security headers, and that nothing is kept or shown that
should not be."""
from __future__ import annotations

import asyncio
import base64
import io
import json
import logging
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

import toetsing.web.app as web
from toetsing.cli import main
from toetsing.dienst import Invoer, lees_en_toets, lees_invoer, toets_bestand, toets_verantwoording_bestand
from toetsing.rapport.als_json import als_json
from toetsing.rapport import formaten
from toetsing.regels.laden import beschikbare_regelsets, laad_regelset
from toetsing.sjabloon import maak_sjabloon

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
CONCEPT = VOORBEELDEN / "werkplan-concept.xlsx"
CONFORM = VOORBEELDEN / "werkplan-conform.xlsx"
WERKPLAN_2021 = VOORBEELDEN / "werkplan-2021.xlsx"
VERANTWOORDING = VOORBEELDEN / "verantwoording-2020-tekorten.xlsx"
KOPPEN = {
    "content-security-policy": "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class Pagina(HTMLParser):
    """What the tests read from a page: tags with attributes, the text, and per report
    (its data-werkplan) the counts per status, the downloads, the bevinding rows in their
    order with whether they are folded away (inside a <details>), and the summaries' text."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.tekst: list[str] = []
        self.telling: dict[str, dict[str, int]] = {}
        self.downloads: dict[str, dict[str, str]] = {}  # werkplan -> file name -> href
        self.rijen: dict[str, list[tuple[str, str, bool]]] = {}  # werkplan -> (regel, status, gevouwen)
        self.samenvattingen: dict[str, list[str]] = {}  # werkplan -> the text of each <summary>
        self._rapport: str | None = None
        self._status: str | None = None
        self._aantal = False
        self._gevouwen = 0  # depth of <details>
        self._summary: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "section" and "data-werkplan" in attrs:
            self._rapport = attrs["data-werkplan"]
            for per_rapport in (self.telling, self.downloads, self.rijen, self.samenvattingen):
                per_rapport[self._rapport] = {} if per_rapport in (self.telling, self.downloads) else []
        if tag == "tr":
            self._status = attrs.get("data-status") if "data-bevinding" not in attrs else None
            if "data-bevinding" in attrs:
                self.rijen[self._rapport].append((attrs["data-bevinding"], attrs["data-status"], self._gevouwen > 0))
        self._aantal = tag == "td" and attrs.get("class") == "aantal" and self._status is not None
        if tag == "a" and "download" in attrs:
            self.downloads.setdefault(self._rapport, {})[attrs["download"]] = attrs["href"]  # None: outside a report
        self._gevouwen += tag == "details"
        if tag == "summary":
            self._summary = []

    def handle_endtag(self, tag):
        self._gevouwen -= tag == "details"
        if tag == "summary":
            self.samenvattingen[self._rapport].append(" ".join("".join(self._summary).split()))
            self._summary = None

    def handle_data(self, data):
        self.tekst.append(data)
        if self._summary is not None:
            self._summary.append(data)
        if self._aantal and data.strip():
            self.telling[self._rapport][self._status] = int(data)
            self._aantal = False

    @property
    def platte_tekst(self) -> str:
        return " ".join("".join(self.tekst).split())

    def eerste(self, tag: str, **attrs) -> dict:
        return next(a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items()))


@pytest.fixture(scope="module")
def client():
    return TestClient(web.maak_app(), raise_server_exceptions=False)


def _upload(client, *bestanden: tuple[str, bytes], opdracht: str = "", wijze: str | None = None):
    velden = {"opdracht": opdracht} | ({"wijze": wijze} if wijze else {})
    return client.post("/toetsen", data=velden, files=[("werkplan", b) for b in bestanden])


def _voorbeeld(pad: Path) -> tuple[str, bytes]:
    return pad.name, pad.read_bytes()


def _json_telling(pad: Path) -> dict[str, int]:
    return json.loads(als_json(toets_bestand(lees_invoer(pad))))["samenvatting"]


def _data(href: str) -> bytes:
    kop, _, inhoud = href.partition(",")
    assert kop.startswith("data:") and kop.endswith(";base64")
    return base64.b64decode(inhoud)


def _geen_lek(antwoord) -> None:
    """No stack trace, no server folder (in the page nor in a download), and the security
    headers, whatever the answer."""
    for naam, waarde in KOPPEN.items():
        assert antwoord.headers[naam] == waarde
    assert "Traceback" not in antwoord.text and 'File "' not in antwoord.text
    # the page without its base64 downloads (which may hold "/tmp" by chance), and the text downloads decoded
    pagina = re.sub(r'(href|value)="data:[^"]*"|value="[A-Za-z0-9+/=]{200,}"', "", antwoord.text)
    teksten = [pagina] + [_data(href).decode("utf-8") for href in re.findall(r'href="(data:[^"]+)"', antwoord.text)
                          if href.startswith(("data:text/", "data:application/json"))]
    for tekst in teksten:
        assert tempfile.gettempdir() not in tekst and "toetsing-web-" not in tekst


def _fout_bij_veld(pagina: Pagina, veld: str) -> str:
    """The message at a field: the field says it is invalid and points to its message,
    and the summary above the form links to the field."""
    invoer = pagina.eerste("select" if veld == "opdracht" else "input", id=veld)
    assert invoer["aria-invalid"] == "true"
    assert f"{veld}-fout" in invoer["aria-describedby"].split()
    assert any(t == "a" and a.get("href") == f"#{veld}" for t, a in pagina.tags)
    assert pagina.eerste("div", role="alert")
    return pagina.platte_tekst


# --- the pages ---------------------------------------------------------------------------

@pytest.mark.parametrize("adres", ["/", "/verantwoording", "/sjabloon", "/regels", "/regels?opdracht=meierijstad-2020"])
def test_paginas_zijn_nederlands_en_toegankelijk(client, adres):
    antwoord = client.get(adres)
    assert antwoord.status_code == 200
    _geen_lek(antwoord)
    pagina = Pagina(antwoord.text)
    namen = [t for t, _ in pagina.tags]
    assert pagina.tags[0] == ("html", {"lang": "nl"})
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in namen
    assert namen.count("h1") == 1
    koppen = [t for t in namen if re.fullmatch(r"h[1-6]", t)]
    for vorige, kop in zip(koppen, koppen[1:]):  # never skips a level
        assert int(kop[1]) <= int(vorige[1]) + 1
    # every field has a label and an explanation it points to
    labels = {a["for"] for t, a in pagina.tags if t == "label"}
    ids = {a["id"] for _, a in pagina.tags if "id" in a}
    velden = [a for t, a in pagina.tags if t in ("input", "select", "textarea")]
    assert velden
    for veld in velden:
        assert veld["id"] in labels
        assert set(veld["aria-describedby"].split()) <= ids
    # no scripts, nothing from elsewhere
    assert not {"script", "iframe", "img"} & set(namen)
    for _, a in pagina.tags:
        for attr in ("href", "src", "action"):
            assert not a.get(attr, "/").startswith(("http:", "https:", "//"))
    huidig = [a for t, a in pagina.tags if t == "a" and a.get("aria-current") == "page"]
    assert len(huidig) == 1


def test_stijl_komt_van_de_app_zelf(client):
    for adres in ("/stijl/rapport.css", "/static/web.css"):
        antwoord = client.get(adres)
        assert antwoord.status_code == 200 and antwoord.headers["content-type"].startswith("text/css")
        assert "url(" not in antwoord.text and "@import" not in antwoord.text
    assert ":focus-visible" in client.get("/static/web.css").text


def test_opdrachten_in_de_keuzelijst(client):
    pagina = Pagina(client.get("/").text)
    waarden = [a["value"] for t, a in pagina.tags if t == "option"]
    assert waarden == ["", *beschikbare_regelsets()]
    assert "Volgens het werkplan" in pagina.platte_tekst


def test_onbekende_pagina(client):
    antwoord = client.get("/bestaat-niet")
    assert antwoord.status_code == 404
    _geen_lek(antwoord)
    assert "Deze pagina bestaat niet" in antwoord.text


# --- toetsen -----------------------------------------------------------------------------

def test_concept_werkplan(client):
    antwoord = _upload(client, _voorbeeld(CONCEPT))
    assert antwoord.status_code == 200
    _geen_lek(antwoord)
    pagina = Pagina(antwoord.text)
    assert pagina.telling == {"werkplan-concept.xlsx": _json_telling(CONCEPT)}
    tekst = pagina.platte_tekst
    assert "eisen ontbreken" in tekst and "✘ ontbreekt" in tekst and "Wat moet u nog doen" in tekst
    assert "CJG-DIGITAAL is 4 dagen per week; de opdracht vraagt minimaal 5 dagen per week." in tekst
    assert '"zestig" is geen getal' in tekst  # an unreadable cell, named by file and cell


def test_problemen_eerst_voldaan_opgevouwen(client):
    """What is still to do comes first; the rows that are in order are folded away below
    it, their number in the summary; the counts stay visible."""
    antwoord = _upload(client, _voorbeeld(CONCEPT))
    pagina = Pagina(antwoord.text)
    rapport = toets_bestand(lees_invoer(CONCEPT))
    rijen = pagina.rijen["werkplan-concept.xlsx"]
    assert sorted(r for r, _, _ in rijen) == sorted(b.regel for b in rapport.bevindingen)  # every row, once
    open_ = [s in ("ontbreekt", "afwijkend") for _, s, _ in rijen]
    assert any(open_) and not all(open_)
    assert [not gevouwen for _, _, gevouwen in rijen] == open_  # open rows shown, the others folded
    assert open_ == sorted(open_, reverse=True)  # every open row before the folded ones
    telling = _json_telling(CONCEPT)
    assert pagina.telling["werkplan-concept.xlsx"] == telling  # the counts are not folded
    nvt = f" en {telling['niet van toepassing']} niet van toepassing" if telling["niet van toepassing"] else ""
    assert pagina.samenvattingen["werkplan-concept.xlsx"] == [f"{telling['voldaan']} eisen voldaan{nvt}"]
    # the action list first of all, then the findings
    assert antwoord.text.index('id="r1-te-doen"') < antwoord.text.index('id="r1-bevindingen"')
    # the HTML report file folds nothing: it is mailed and printed as it is
    bestand = _data(pagina.downloads["werkplan-concept.xlsx"]["werkplan-concept-rapport.html"]).decode("utf-8")
    assert "<details" not in bestand and bestand.count("data-bevinding=") == len(rapport.bevindingen)


def test_alles_voldaan_zegt_het_boven_de_vouw(client):
    antwoord = _upload(client, _voorbeeld(CONFORM), opdracht="meierijstad-2020")
    rijen = Pagina(antwoord.text).rijen["werkplan-conform.xlsx"]
    assert rijen and all(gevouwen for _, _, gevouwen in rijen)
    assert re.search(r'id="r1-bevindingen">Bevindingen</h3>\s*<p>Alle eisen zijn voldaan.', antwoord.text)


def test_downloads_komen_van_de_schrijvers(client):
    pagina = Pagina(_upload(client, _voorbeeld(CONCEPT)).text)
    downloads = pagina.downloads["werkplan-concept.xlsx"]
    assert set(downloads) == {"werkplan-concept-rapport.xlsx", "werkplan-concept-rapport.html",
                              "werkplan-concept-rapport.json", "werkplan-concept-getoetst.xlsx",
                              "werkplan-concept-beoordeling.xlsx"}
    rapport = json.loads(_data(downloads["werkplan-concept-rapport.json"]))
    assert rapport["samenvatting"] == _json_telling(CONCEPT)
    assert rapport["werkplan"] == "werkplan-concept.xlsx"
    assert rapport["ontvangst"]["bestand_sha256"] == toets_bestand(lees_invoer(CONCEPT)).ontvangst.bestand_sha256
    assert '<html lang="nl">' in _data(downloads["werkplan-concept-rapport.html"]).decode("utf-8")
    excel = openpyxl.load_workbook(io.BytesIO(_data(downloads["werkplan-concept-rapport.xlsx"])))
    assert excel.sheetnames == ["Samenvatting", "Bevindingen"]
    kopie = openpyxl.load_workbook(io.BytesIO(_data(downloads["werkplan-concept-getoetst.xlsx"])))
    assert kopie.sheetnames[0] == "Toetsing"
    formulier = openpyxl.load_workbook(io.BytesIO(_data(downloads["werkplan-concept-beoordeling.xlsx"])))
    assert formulier.sheetnames == ["Beoordeling", "Gegevens"]


def test_download_te_lang_voor_een_link(client, monkeypatch):
    """A data: link longer than a browser follows is not offered; the page says why."""
    rapport = toets_bestand(lees_invoer(CONCEPT))
    grootte = {f: len(base64.b64encode(formaten.inhoud(rapport, f))) for f in ("xlsx", "json", "html")}
    assert grootte["xlsx"] < min(grootte["json"], grootte["html"])
    alle = len(Pagina(_upload(client, _voorbeeld(CONCEPT)).text).downloads["werkplan-concept.xlsx"])
    monkeypatch.setattr(web, "DATA_URL_GRENS", grootte["xlsx"] + 200)  # the Excel report fits, the others do not
    pagina = Pagina(_upload(client, _voorbeeld(CONCEPT)).text)
    assert set(pagina.downloads["werkplan-concept.xlsx"]) == {"werkplan-concept-rapport.xlsx"}
    assert pagina.platte_tekst.count("te groot om hier te downloaden") == alle - 1


def test_conform_werkplan_met_gekozen_opdracht(client):
    antwoord = _upload(client, _voorbeeld(CONFORM), opdracht="meierijstad-2020")
    assert antwoord.status_code == 200
    pagina = Pagina(antwoord.text)
    assert pagina.telling == {"werkplan-conform.xlsx": _json_telling(CONFORM)}
    assert "Alle eisen zijn voldaan." in pagina.platte_tekst


def test_meer_werkplannen_samen(client):
    antwoord = _upload(client, _voorbeeld(CONFORM), _voorbeeld(CONCEPT), wijze="samen")
    assert antwoord.status_code == 200
    _geen_lek(antwoord)
    pagina = Pagina(antwoord.text)
    gezamenlijk = "werkplan-conform.xlsx, werkplan-concept.xlsx"
    assert set(pagina.telling) == {gezamenlijk, "werkplan-conform.xlsx", "werkplan-concept.xlsx"}
    for pad in (CONFORM, CONCEPT):  # each werkplan's own report as when toetst alone
        assert pagina.telling[pad.name] == _json_telling(pad)
    # the page opens with who covers which deelopdracht, before the joint report
    assert antwoord.text.index('id="matrix"') < antwoord.text.index('id="r0"')
    assert set(pagina.downloads[gezamenlijk]) == {"gezamenlijk.xlsx", "gezamenlijk.json"}
    samen = json.loads(_data(pagina.downloads[gezamenlijk]["gezamenlijk.json"]))
    assert [w["werkplan"] for w in samen["werkplannen"]] == ["werkplan-conform.xlsx", "werkplan-concept.xlsx"]
    assert len(samen["matrix"]) == len(laad_regelset("meierijstad-2020").deelopdrachten)


def test_meer_werkplannen_elk_apart_is_de_standaard(client):
    """As `toetsing toets A.xlsx B.xlsx`: a summary line per file linking to its report, each
    report with its downloads; a verantwoording or a broken file is a line with why."""
    werkplannen = [CONFORM, CONCEPT, WERKPLAN_2021]  # apart, they may have different opdrachten
    antwoord = _upload(client, *map(_voorbeeld, werkplannen[:2]), _voorbeeld(VERANTWOORDING),
                       ("kapot.xlsx", b"geen Excel"), _voorbeeld(werkplannen[2]))
    assert antwoord.status_code == 200
    _geen_lek(antwoord)
    pagina = Pagina(antwoord.text)
    assert "Wie doet welke deelopdracht" not in pagina.platte_tekst
    assert pagina.telling == {pad.name: _json_telling(pad) for pad in werkplannen}  # each as when toetst alone
    for pad in werkplannen:
        assert set(pagina.downloads[pad.name]) == {f"{pad.stem}-rapport.xlsx", f"{pad.stem}-rapport.html",
                                                   f"{pad.stem}-rapport.json", f"{pad.stem}-getoetst.xlsx",
                                                   f"{pad.stem}-beoordeling.xlsx"}
    # the summary first: every file in the order chosen, a toetst one linking to its report
    regels = re.findall(r'<tr data-overzicht="([^"]+)">\s*<th scope="row">(?:<a href="#(r\d+)">)?', antwoord.text)
    assert [naam for naam, _ in regels] == [CONFORM.name, CONCEPT.name, VERANTWOORDING.name, "kapot.xlsx",
                                            WERKPLAN_2021.name]
    secties = dict(re.findall(r'<section class="rapport" aria-labelledby="(r\d+)" data-werkplan="([^"]+)"', antwoord.text))
    assert {naam: secties.get(anker) for naam, anker in regels} == {
        **{pad.name: pad.name for pad in werkplannen}, VERANTWOORDING.name: None, "kapot.xlsx": None}
    assert antwoord.text.index('id="overzicht"') < antwoord.text.index('id="r1"')
    tekst = pagina.platte_tekst
    assert f"Niet getoetst: {VERANTWOORDING.name}: dit lijkt een verantwoording, geen werkplan" in tekst
    assert "Niet getoetst: kapot.xlsx: dit is geen Excel-werkmap" in tekst
    assert "5 bestanden in" in tekst and "1 is een verantwoording, geen werkplan" in tekst
    # the summary to download is the batch's
    samenvatting = json.loads(_data(pagina.downloads[None]["samenvatting.json"]))
    assert [(w["werkplan"], w["uitslag"]) for w in samenvatting["werkplannen"]] == [
        (CONFORM.name, "alles voldaan"), (CONCEPT.name, "bevindingen"), (VERANTWOORDING.name, "een verantwoording"),
        ("kapot.xlsx", "onleesbaar"), (WERKPLAN_2021.name, "alles voldaan")]
    assert openpyxl.load_workbook(io.BytesIO(_data(pagina.downloads[None]["samenvatting.xlsx"]))).sheetnames == [
        "Samenvatting"]


def test_keuze_apart_of_samen(client):
    """A radio group with its legend; apart is chosen unless the user chooses otherwise."""
    pagina = Pagina(client.get("/").text)
    knoppen = [a for t, a in pagina.tags if t == "input" and a.get("name") == "wijze"]
    assert [(k["value"], "checked" in k) for k in knoppen] == [("apart", True), ("samen", False)]
    assert pagina.eerste("fieldset", id="wijze") and "Kiest u meer werkplannen?" in pagina.platte_tekst
    antwoord = _upload(client, _voorbeeld(CONFORM), _voorbeeld(CONCEPT), wijze="alles")
    assert antwoord.status_code == 422
    assert 'id="wijze-fout"' in antwoord.text and 'href="#wijze"' in antwoord.text
    knop = Pagina(antwoord.text).eerste("input", id="wijze-apart")
    assert "wijze-fout" in knop["aria-describedby"].split()


def test_samen_met_een_verantwoording_ertussen(client):
    antwoord = _upload(client, _voorbeeld(CONFORM), _voorbeeld(VERANTWOORDING), wijze="samen")
    assert antwoord.status_code == 422
    assert "dit lijkt een verantwoording, geen werkplan" in _fout_bij_veld(Pagina(antwoord.text), "werkplan")


def test_apart_en_niets_te_toetsen(client):
    antwoord = _upload(client, ("a.xlsx", b"x"), ("b.xlsx", b"y"))
    assert antwoord.status_code == 422
    tekst = _fout_bij_veld(Pagina(antwoord.text), "werkplan")
    assert "Geen van de bestanden kon worden getoetst" in tekst and "a.xlsx:" in tekst and "b.xlsx:" in tekst


def test_meer_werkplannen_met_verschillende_opdrachten(client):
    antwoord = _upload(client, _voorbeeld(CONCEPT), _voorbeeld(WERKPLAN_2021), wijze="samen")
    assert antwoord.status_code == 422
    _geen_lek(antwoord)
    assert "verschillende opdrachten" in _fout_bij_veld(Pagina(antwoord.text), "opdracht")


def test_twee_bestanden_met_dezelfde_naam(client):
    antwoord = _upload(client, _voorbeeld(CONCEPT), _voorbeeld(CONCEPT))
    assert antwoord.status_code == 422
    assert "Twee bestanden heten werkplan-concept.xlsx" in _fout_bij_veld(Pagina(antwoord.text), "werkplan")


def test_kapot_bestand(client):
    antwoord = _upload(client, ("kapot.xlsx", b"dit is geen Excel-bestand"))
    assert antwoord.status_code == 422
    _geen_lek(antwoord)
    tekst = _fout_bij_veld(Pagina(antwoord.text), "werkplan")
    assert "kapot.xlsx: dit is geen Excel-werkmap (.xlsx)" in tekst


def test_geen_bestand(client):
    antwoord = client.post("/toetsen", data={"opdracht": ""})
    assert antwoord.status_code == 422
    assert "Kies een werkplan" in _fout_bij_veld(Pagina(antwoord.text), "werkplan")


def test_onbekende_opdracht(client):
    antwoord = _upload(client, _voorbeeld(CONCEPT), opdracht="../../etc")
    assert antwoord.status_code == 422
    assert "Kies een opdracht uit de lijst" in _fout_bij_veld(Pagina(antwoord.text), "opdracht")


def test_te_veel_bestanden(client):
    antwoord = _upload(client, *[(f"{i}.xlsx", b"x") for i in range(web.MAX_BESTANDEN + 1)])
    assert antwoord.status_code == 422
    assert f"hoogstens {web.MAX_BESTANDEN} werkplannen" in _fout_bij_veld(Pagina(antwoord.text), "werkplan")


def test_lange_bestandsnaam(client):
    antwoord = _upload(client, ("é" * 300 + ".xlsx", CONCEPT.read_bytes()))
    assert antwoord.status_code == 200
    assert set(Pagina(antwoord.text).telling) == {"é" * 55 + ".xlsx"}


def test_onder_een_eigen_pad():
    """Behind a proxy at /toetsing/ (uvicorn --root-path) every link and form stays there."""
    client = TestClient(web.maak_app(), root_path="/toetsing", raise_server_exceptions=False)
    antwoord = client.get("/toetsing/sjabloon", params={"opdracht": "bestaat-niet"})
    assert antwoord.status_code == 422
    pagina = Pagina(antwoord.text)
    _fout_bij_veld(pagina, "opdracht")
    adressen = [a[k] for t, a in pagina.tags for k in ("href", "action") if k in a and not a[k].startswith("#")]
    assert adressen and all(a.startswith("/toetsing/") for a in adressen)


def test_bestandsnaam_zonder_map_en_ontsnapt(client):
    antwoord = _upload(client, ("C:\\Users\\a\\<i>werkplan.xlsx", CONCEPT.read_bytes()))
    assert antwoord.status_code == 200
    assert "<i>" not in antwoord.text
    assert set(Pagina(antwoord.text).telling) == {"<i>werkplan.xlsx"}  # the parser unescapes


# --- a verantwoording --------------------------------------------------------------------

def _verantwoording(client, verantwoording: Path | None, werkplan: Path | None):
    bestanden = [(veld, _voorbeeld(pad)) for veld, pad in (("verantwoording", verantwoording), ("werkplan", werkplan))
                 if pad]
    return client.post("/verantwoording", data={"opdracht": ""}, files=bestanden)


def test_verantwoording_toetsen(client):
    """The report `toetsing verantwoording` gives, with its downloads."""
    antwoord = _verantwoording(client, VERANTWOORDING, CONFORM)
    assert antwoord.status_code == 200
    _geen_lek(antwoord)
    pagina = Pagina(antwoord.text)
    rapport = toets_verantwoording_bestand(lees_invoer(VERANTWOORDING), lees_invoer(CONFORM))
    assert rapport.exitcode == 1  # the example has shortfalls: something to show
    assert pagina.telling == {VERANTWOORDING.name: rapport.telling()}
    assert "Toetsingsrapport verantwoording" in pagina.platte_tekst
    assert f"<dt>Werkplan (toezegging)</dt><dd>{CONFORM.name}</dd>" in antwoord.text
    assert pagina.eerste("a", **{"aria-current": "page"})["href"] == "/verantwoording"
    stam = VERANTWOORDING.stem
    downloads = pagina.downloads[VERANTWOORDING.name]
    assert set(downloads) == {f"{stam}-rapport.xlsx", f"{stam}-rapport.html", f"{stam}-rapport.json",
                              f"{stam}-beoordeling.xlsx"}
    json_rapport = json.loads(_data(downloads[f"{stam}-rapport.json"]))
    assert json_rapport["samenvatting"] == rapport.telling()
    assert json_rapport["ontvangst"]["toezegging_sha256"] == lees_invoer(CONFORM).sha256
    assert "aanvulling" not in antwoord.text  # the letter is for an aanvraag, not for a verantwoording


def test_verantwoording_als_werkplan_gekozen(client):
    antwoord = _verantwoording(client, VERANTWOORDING, VERANTWOORDING)
    assert antwoord.status_code == 422
    _geen_lek(antwoord)
    tekst = _fout_bij_veld(Pagina(antwoord.text), "werkplan")
    assert f"{VERANTWOORDING.name}: dit lijkt een verantwoording, geen werkplan" in tekst
    assert "Kies bij Werkplan het werkplan" in tekst


def test_werkplan_als_verantwoording_gekozen(client):
    """The two files swapped: the werkplan has nothing in a verantwoording's own columns."""
    antwoord = _verantwoording(client, CONFORM, VERANTWOORDING)
    assert antwoord.status_code == 422
    tekst = _fout_bij_veld(Pagina(antwoord.text), "verantwoording")
    assert f"{CONFORM.name}: dit lijkt een werkplan, geen verantwoording" in tekst
    assert "Fte geleverd" in tekst and "Besteed" in tekst


@pytest.mark.parametrize("veld", ["verantwoording", "werkplan"])
def test_verantwoording_zonder_een_van_beide(client, veld):
    antwoord = _verantwoording(client, *((None, CONFORM) if veld == "verantwoording" else (VERANTWOORDING, None)))
    assert antwoord.status_code == 422
    assert f"Kies {'de verantwoording' if veld == 'verantwoording' else 'het werkplan'}" in _fout_bij_veld(
        Pagina(antwoord.text), veld)


def test_kapotte_verantwoording_bij_haar_veld(client):
    antwoord = client.post("/verantwoording", data={"opdracht": ""},
                           files=[("verantwoording", ("kapot.xlsx", b"geen Excel")), ("werkplan", _voorbeeld(CONFORM))])
    assert antwoord.status_code == 422
    _geen_lek(antwoord)
    assert "kapot.xlsx: dit is geen Excel-werkmap" in _fout_bij_veld(Pagina(antwoord.text), "verantwoording")


def test_verantwoording_bij_toetsen_wijst_de_weg(client):
    antwoord = _upload(client, _voorbeeld(VERANTWOORDING))
    assert antwoord.status_code == 422
    tekst = _fout_bij_veld(Pagina(antwoord.text), "werkplan")
    assert f"{VERANTWOORDING.name}: dit lijkt een verantwoording, geen werkplan" in tekst
    assert "op de pagina Verantwoording" in tekst


# --- limits, errors, what is kept ----------------------------------------------------------

def test_grens_is_20_mb():
    assert web.UPLOAD_GRENS == 20 * 1024 * 1024


def test_te_groot_bestand(client):
    antwoord = _upload(client, ("groot.xlsx", b"\0" * (web.UPLOAD_GRENS + 1)))
    assert antwoord.status_code == 413
    _geen_lek(antwoord)
    assert "te groot: u kunt hoogstens 20 MB tegelijk toetsen" in _fout_bij_veld(Pagina(antwoord.text), "werkplan")


def test_te_groot_wordt_gezien_tijdens_het_lezen():
    """Without a Content-Length the body is counted while it comes in, and reading stops
    at the limit: the rest is never read."""
    app = web.maak_app(upload_grens=3000)
    begin = (b'--grens\r\nContent-Disposition: form-data; name="werkplan"; filename="groot.xlsx"\r\n'
             b"Content-Type: application/octet-stream\r\n\r\n")
    stukken = [{"type": "http.request", "body": stuk, "more_body": True} for stuk in [begin, *[b"x" * 1000] * 10]]
    gelezen = []
    verstuurd = []

    async def ontvang():
        gelezen.append(1)
        return stukken[len(gelezen) - 1]

    async def verstuur(bericht):
        verstuurd.append(bericht)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/toetsen", "raw_path": b"/toetsen", "root_path": "", "query_string": b"",
             "headers": [(b"host", b"testserver"), (b"content-type", b"multipart/form-data; boundary=grens")],
             "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
    asyncio.run(app(scope, ontvang, verstuur))
    assert verstuurd[0]["status"] == 413
    assert len(gelezen) == 4
    assert (b"x-frame-options", b"DENY") in verstuurd[0]["headers"]


def test_onverwachte_fout_toont_geen_details(monkeypatch, caplog):
    geheim = "wat in cel Kengetallen!C4 stond"

    def stuk(*args, **kwargs):
        raise RuntimeError(geheim)

    monkeypatch.setattr(web, "lees_en_toets", stuk)
    client = TestClient(web.maak_app(), raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR, logger="toetsing.web"):
        antwoord = _upload(client, _voorbeeld(CONCEPT))
    assert antwoord.status_code == 500
    _geen_lek(antwoord)
    assert "Er ging iets mis in het programma zelf" in antwoord.text and geheim not in antwoord.text
    assert "RuntimeError" in caplog.text and geheim not in caplog.text  # where, never what


def test_niets_wordt_bewaard(monkeypatch, tmp_path):
    """The upload is toetst from its bytes, under its own name: no file is written."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gezien: list[Invoer] = []

    def toets(invoer, opdracht=None, eerst=lambda _: None):
        gezien.append(invoer)
        assert list(tmp_path.iterdir()) == []
        return lees_en_toets(invoer, opdracht, eerst)

    monkeypatch.setattr(web, "lees_en_toets", toets)
    client = TestClient(web.maak_app(), raise_server_exceptions=False)
    assert _upload(client, _voorbeeld(CONCEPT)).status_code == 200
    assert [(i.naam, i.inhoud) for i in gezien] == [(CONCEPT.name, CONCEPT.read_bytes())]
    assert list(tmp_path.iterdir()) == []


# --- sjabloon and regels -------------------------------------------------------------------

def test_sjabloon_downloaden(client):
    antwoord = client.get("/sjabloon", params={"opdracht": "meierijstad-2020"})
    assert antwoord.status_code == 200
    _geen_lek(antwoord)
    assert antwoord.headers["content-disposition"] == 'attachment; filename="werkplan-meierijstad-2020.xlsx"'
    gedownload = openpyxl.load_workbook(io.BytesIO(antwoord.content))
    verwacht = openpyxl.load_workbook(io.BytesIO(maak_sjabloon(laad_regelset("meierijstad-2020"))))
    assert gedownload.sheetnames == verwacht.sheetnames


@pytest.mark.parametrize("adres", ["/sjabloon", "/regels"])
def test_onbekende_opdracht_bij_sjabloon_en_regels(client, adres):
    antwoord = client.get(adres, params={"opdracht": "bestaat-niet"})
    assert antwoord.status_code == 422
    _geen_lek(antwoord)
    assert "Kies een opdracht uit de lijst" in _fout_bij_veld(Pagina(antwoord.text), "opdracht")


@pytest.mark.parametrize("regelset_id", beschikbare_regelsets())
def test_regels_met_hun_bron(client, regelset_id):
    tekst = Pagina(client.get("/regels", params={"opdracht": regelset_id}).text).platte_tekst
    regelset = laad_regelset(regelset_id)
    assert f"{len(regelset.regels)} regels" in tekst
    for regel in regelset.regels:
        assert regel.id in tekst
        assert " ".join(regel.bron.citaat.split()) in tekst
        assert regel.bron.plaats in tekst


# --- the command ---------------------------------------------------------------------------

def test_commando_web(monkeypatch, capsys):
    import uvicorn

    gestart = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **opties: gestart.append(opties))
    assert main(["web"]) == 0
    assert gestart[-1]["host"] == "127.0.0.1" and gestart[-1]["port"] == 8000
    assert "http://127.0.0.1:8000/" in capsys.readouterr().err
    assert main(["web", "--host", "0.0.0.0", "--port", "9000"]) == 0
    assert gestart[-1]["host"] == "0.0.0.0" and gestart[-1]["port"] == 9000
    assert "ook andere computers" in capsys.readouterr().err


def test_sjabloon_voor_een_verantwoording(client):
    antwoord = client.get("/sjabloon", params={"opdracht": "meierijstad-2020", "stuk": "verantwoording"})
    assert antwoord.status_code == 200
    assert antwoord.headers["content-disposition"] == 'attachment; filename="verantwoording-meierijstad-2020.xlsx"'
    verwacht = openpyxl.load_workbook(io.BytesIO(maak_sjabloon(laad_regelset("meierijstad-2020"), "verantwoording")))
    assert openpyxl.load_workbook(io.BytesIO(antwoord.content)).sheetnames == verwacht.sheetnames
    # an opdracht without rules for a verantwoording: a message at the field, not an error page
    fout = client.get("/sjabloon", params={"opdracht": "vijfheerenlanden-2021", "stuk": "verantwoording"})
    assert fout.status_code == 422
    _geen_lek(fout)
    assert "Fout:" in fout.text and 'id="stuk-fout"' in fout.text
    assert 'href="#stuk"' in fout.text and 'id="stuk"' in fout.text  # the summary links to the choice


def test_formulier_na_een_fout_houdt_de_keuzes(client):
    """Shown again after an error, the form keeps the opdracht and the choice samen (a browser
    keeps no chosen files, so those are chosen again)."""
    antwoord = _upload(client, _voorbeeld(CONFORM), _voorbeeld(VERANTWOORDING), wijze="samen",
                       opdracht="meierijstad-2021")
    assert antwoord.status_code == 422
    pagina = Pagina(antwoord.text)
    assert "checked" in pagina.eerste("input", id="wijze-samen") and "checked" not in pagina.eerste("input", id="wijze-apart")
    gekozen = [a["value"] for t, a in pagina.tags if t == "option" and "selected" in a]
    assert gekozen == ["meierijstad-2021"]


def test_verantwoording_met_het_oordeel_van_de_controleur(client, tmp_path):
    """The auditor downloads the form with the verantwoording's report, fills it in, and sends it
    back with both files: the judgement stands beside the outcome."""
    from tests.test_beoordeling import _vul_in

    eerste = _verantwoording(client, VERANTWOORDING, CONFORM)
    formulier = tmp_path / f"{VERANTWOORDING.stem}-beoordeling.xlsx"
    formulier.write_bytes(_data(Pagina(eerste.text).downloads[VERANTWOORDING.name][formulier.name]))
    rapport = toets_verantwoording_bestand(lees_invoer(VERANTWOORDING), lees_invoer(CONFORM))
    regel = next(b.regel for b in rapport.bevindingen if b.status.value == "afwijkend")
    _vul_in(formulier, {regel: {"Oordeel": "voldaan", "Motivering": "Uitgelegd in het jaarverslag, p. 4",
                                "Beoordelaar": "R. Jansen"}})
    antwoord = client.post("/verantwoording", data={"opdracht": ""}, files=[
        ("verantwoording", _voorbeeld(VERANTWOORDING)), ("werkplan", _voorbeeld(CONFORM)),
        ("beoordeling", _voorbeeld(formulier))])
    assert antwoord.status_code == 200
    pagina = Pagina(antwoord.text)
    assert "R. Jansen" in pagina.platte_tekst
    zonder, met = Pagina(eerste.text).telling[VERANTWOORDING.name], pagina.telling[VERANTWOORDING.name]
    assert met["afwijkend"] == zonder["afwijkend"] - 1 and met["voldaan"] == zonder["voldaan"] + 1
    # a werkplan's form is refused at its field
    werkplanformulier = _data(Pagina(_upload(client, _voorbeeld(CONFORM)).text).downloads[CONFORM.name]
                              ["werkplan-conform-beoordeling.xlsx"])
    fout = client.post("/verantwoording", data={"opdracht": ""}, files=[
        ("verantwoording", _voorbeeld(VERANTWOORDING)), ("werkplan", _voorbeeld(CONFORM)),
        ("beoordeling", ("werkplan-conform-beoordeling.xlsx", werkplanformulier))])
    assert fout.status_code == 422
    assert "hoort bij een werkplan, niet bij een verantwoording" in _fout_bij_veld(Pagina(fout.text), "beoordeling")
