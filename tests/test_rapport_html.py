"""The HTML report: one self-contained, accessible Dutch page, checked as text and as a
real browser renders it (headless Chromium: the DOM it builds and a screenshot)."""
from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.browser import chromium_of_overslaan
from toetsing.cli import main
from toetsing.dienst import lees_invoer, toets_bestand
from toetsing.rapport import weergave
from toetsing.rapport.als_html import als_html
from toetsing.rapport.als_json import als_json
from toetsing.regels.model import Status

CONCEPT = Path(__file__).resolve().parents[1] / "voorbeelden" / "werkplan-concept.xlsx"


@pytest.fixture(scope="module")
def rapport():
    return toets_bestand(lees_invoer(CONCEPT))


@pytest.fixture(scope="module")
def pagina(rapport):
    return als_html(rapport)


class _Boom(HTMLParser):
    """What the tests need from a page: tags in order with their attributes, and the
    summary counts and bevinding rows by data-status."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.telling: dict[str, int] = {}
        self.rijen: list[str] = []
        self._rij_status: str | None = None
        self._in_aantal = False
        self.tekst: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "tr" and "data-status" in attrs:
            self._rij_status = attrs["data-status"]
            if "data-bevinding" in attrs:
                self.rijen.append(attrs["data-status"])
        self._in_aantal = tag == "td" and attrs.get("class") == "aantal" and self._rij_status is not None

    def handle_endtag(self, tag):
        if tag == "tr":
            self._rij_status = None

    def handle_data(self, data):
        self.tekst.append(data)
        if self._in_aantal and data.strip():
            self.telling[self._rij_status] = int(data)
            self._in_aantal = False


def test_pagina_is_nederlands_en_heeft_landmarks(pagina):
    boom = _Boom(pagina)
    namen = [t for t, _ in boom.tags]
    assert pagina.startswith("<!DOCTYPE html>")
    assert boom.tags[0] == ("html", {"lang": "nl"})
    for landmark in ("header", "main", "footer"):
        assert namen.count(landmark) == 1
    assert namen.index("header") < namen.index("main") < namen.index("footer")
    koppen = [t for t in namen if re.fullmatch(r"h[1-6]", t)]
    assert koppen.count("h1") == 1 and koppen[0] == "h1"
    for vorige, kop in zip(koppen, koppen[1:]):  # never skips a level
        assert int(kop[1]) <= int(vorige[1]) + 1


def test_tabellen_hebben_koppen_met_scope(pagina):
    boom = _Boom(pagina)
    ths = [a for t, a in boom.tags if t == "th"]
    assert ths and all(a.get("scope") in {"col", "row"} for a in ths)
    assert sum(t == "caption" for t, _ in boom.tags) == sum(t == "table" for t, _ in boom.tags)


def test_geen_externe_bronnen_en_geen_scripts(pagina):
    boom = _Boom(pagina)
    namen = {t for t, _ in boom.tags}
    assert not namen & {"script", "link", "img", "iframe", "object", "embed"}
    assert not any(k in {"src", "href"} for _, a in boom.tags for k in a)
    assert "url(" not in pagina and "@import" not in pagina and "http" not in pagina.lower()


def test_status_in_woord_en_symbool(pagina):
    tekst = "".join(_Boom(pagina).tekst)
    for status in Status:
        assert weergave.statuswoord(status).split(" ", 1)[1] in tekst
    assert "✘ ontbreekt" in " ".join(tekst.split()) and "! afwijkend" in " ".join(tekst.split())


def test_contrast_van_de_statuskleuren_is_voldoende():
    def luminantie(hexkleur: str) -> float:
        kanalen = [int(hexkleur[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lineair = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen]
        return 0.2126 * lineair[0] + 0.7152 * lineair[1] + 0.0722 * lineair[2]

    for tekst, vulling in weergave.KLEUREN.values():
        licht, donker = sorted((luminantie(tekst), luminantie(vulling)), reverse=True)
        assert (licht + 0.05) / (donker + 0.05) >= 4.5, (tekst, vulling)


def test_inhoud_komt_uit_het_rapport(pagina, rapport):
    tekst = " ".join("".join(_Boom(pagina).tekst).split())
    assert "CJG-DIGITAAL is 4 dagen per week; de opdracht vraagt minimaal 5 dagen per week." in tekst
    assert "Kengetallen!C4" in tekst
    assert rapport.ontvangst.bestand_sha256 in tekst and rapport.ontvangst.regelset_vingerafdruk in tekst
    assert '"zestig" is geen getal' in tekst
    assert "@media print" in pagina and "@page" in pagina


def test_tekst_uit_het_werkplan_wordt_ontsnapt(rapport):
    vreemd = rapport.model_copy(update={"organisatie": "<script>alert(1)</script> & Co"})
    pagina = als_html(vreemd)
    assert "<script>" not in pagina and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in pagina


def test_commando_html(tmp_path, capsys):
    doel = tmp_path / "rapport.html"
    assert main(["toets", str(CONCEPT), "--formaat", "html", "-o", str(doel)]) == 1
    assert '<html lang="nl">' in doel.read_text(encoding="utf-8")
    assert main(["toets", str(CONCEPT), "--formaat", "html"]) == 1
    assert "<h1>Toetsingsrapport</h1>" in capsys.readouterr().out


def test_verantwoording_noemt_beide_bestanden(tmp_path):
    voorbeelden = CONCEPT.parent
    verantwoording, werkplan = voorbeelden / "verantwoording-2020-tekorten.xlsx", voorbeelden / "werkplan-conform.xlsx"
    doel = tmp_path / "rapport.html"
    assert main(["verantwoording", str(verantwoording), "--werkplan", str(werkplan), "--formaat", "html",
                 "-o", str(doel)]) == 1
    pagina = doel.read_text(encoding="utf-8")
    assert "<title>Toetsingsrapport verantwoording verantwoording-2020-tekorten.xlsx</title>" in pagina
    assert "<h1>Toetsingsrapport verantwoording</h1>" in pagina
    assert f"<dt>Verantwoording</dt><dd>{verantwoording.name}</dd>" in pagina
    assert f"<dt>Werkplan (toezegging)</dt><dd>{werkplan.name}</dd>" in pagina
    assert "<dt>Werkplan</dt>" not in pagina


def _chromium(tmp_path: Path, *opties: str, pagina: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [chromium_of_overslaan(met_driver=False), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profiel'}",
         *opties, pagina.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )


def test_chromium_toont_dezelfde_aantallen_als_json(tmp_path, pagina, rapport):
    bestand = tmp_path / "rapport.html"
    bestand.write_text(pagina, encoding="utf-8")
    dom = _chromium(tmp_path, "--dump-dom", pagina=bestand).stdout
    boom = _Boom(dom)
    samenvatting = json.loads(als_json(rapport))["samenvatting"]
    assert boom.telling == samenvatting
    assert {s: boom.rijen.count(s) for s in samenvatting} == samenvatting
    assert "Toetsingsrapport" in dom and '<main>' in dom


def test_chromium_maakt_een_schermafdruk(tmp_path, pagina):
    bestand = tmp_path / "rapport.html"
    bestand.write_text(pagina, encoding="utf-8")
    png = tmp_path / "rapport.png"
    _chromium(tmp_path, f"--screenshot={png}", "--window-size=1280,2000", pagina=bestand)
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1024
