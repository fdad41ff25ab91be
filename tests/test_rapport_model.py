"""The report model and what is built from it: every part of a bevinding, the JSON as the
model dumps it, writers that do not load the engine, one HTML renderer for file and web,
and one registry of formats."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import toetsing.web.app as web
from toetsing.werkplan.model import leesvolgorde
from toetsing.regels.gevallen import bouw_werkplan
from toetsing.batch import uitvoerpaden
from toetsing.bevindingen import Bevinding, Rapport
from toetsing.cli import _parser, main
from toetsing.fouten import ToetsingFout
from toetsing.rapport import formaten
from toetsing.rapport.als_html import als_html
from toetsing.rapport.als_json import als_dict
from toetsing.regels.model import Status
from toetsing.dienst import lees_invoer, toets_bestand

CONCEPT = Path(__file__).resolve().parents[1] / "voorbeelden" / "werkplan-concept.xlsx"
ERNST = {s.value: s.ernst for s in Status}


def _json(capsys, pad: Path) -> dict:
    main(["toets", str(pad), "--formaat", "json"])
    return json.loads(capsys.readouterr().out)


def _cjg_werkplan(tmp_path: Path) -> Path:
    """CJG-TELEFONISCH missing, CJG-DIGITAAL 4: one part ontbreekt, another is afwijkend."""
    return bouw_werkplan({"Kengetallen": [{"Code": "CJG-DIGITAAL", "Waarde": 4}]}, tmp_path / "cjg.xlsx")


def test_json_van_het_concept_draagt_elk_deel(capsys):
    rapport = _json(capsys, CONCEPT)
    meerdere = 0
    for b in rapport["bevindingen"]:
        delen = b["delen"]
        assert delen, b["regel"]
        for deel in delen:
            assert set(deel) == {"status", "toelichting", "verwacht", "gevonden", "actie", "details"}, b["regel"]
            assert deel["toelichting"] and deel["gevonden"]
            assert all(set(d) == {"cel", "blad", "kolom", "verwacht", "gevonden", "rij"} for d in deel["details"])
        # the most serious part decides, and what the report said before comes from those parts
        assert ERNST[b["status"]] == max(ERNST[d["status"]] for d in delen), b["regel"]
        winnend = [d for d in delen if d["status"] == b["status"]]
        assert b["toelichting"] == " ".join(dict.fromkeys(d["toelichting"] for d in winnend))
        samen = list({(c["cel"], c["kolom"], c["verwacht"], c["gevonden"]): c for d in winnend for c in d["details"]}.values())
        volgorde = leesvolgorde([c["cel"] for c in samen])  # as a person reads them
        assert b["details"] == sorted(samen, key=lambda c: volgorde(c["cel"]))
        assert b["bewijs"] == list(dict.fromkeys(c["cel"] for c in b["details"]))
        meerdere += len({d["status"] for d in delen}) > 1
    assert meerdere  # the draft has rules whose parts disagree
    cjg = next(b for b in rapport["bevindingen"] if b["regel"] == "CJG-BEREIKBAARHEID")
    assert [(d["status"], d["gevonden"]) for d in cjg["delen"]] == [("afwijkend", "4"), ("voldaan", "5")]
    assert cjg["delen"][0]["details"][0]["cel"] == "Kengetallen!C4"


def test_cjg_toont_ook_het_deel_dat_afwijkt(tmp_path, capsys):
    pad = _cjg_werkplan(tmp_path)
    cjg = next(b for b in _json(capsys, pad)["bevindingen"] if b["regel"] == "CJG-BEREIKBAARHEID")
    assert cjg["status"] == "ontbreekt"
    # as before: the toelichting and cells of the parts that decided
    assert "CJG-TELEFONISCH" in cjg["toelichting"] and "CJG-DIGITAAL" not in cjg["toelichting"]
    assert cjg["bewijs"] == [] and cjg["details"] == []
    ontbreekt, afwijkend = cjg["delen"]
    assert (ontbreekt["status"], ontbreekt["gevonden"], ontbreekt["details"]) == ("ontbreekt", "niets op het blad Kengetallen", [])
    assert "CJG-TELEFONISCH" in ontbreekt["toelichting"]
    assert afwijkend == {
        "status": "afwijkend",
        "toelichting": "CJG-DIGITAAL is 4 dagen per week; de opdracht vraagt minimaal 5 dagen per week.",
        "verwacht": "minimaal 5 dagen per week",
        "gevonden": "4",
        "actie": "Zet op het blad Kengetallen bij CJG-DIGITAAL minimaal 5 dagen per week.",
        "details": [{"cel": "Kengetallen!B2", "blad": "Kengetallen", "kolom": "Waarde",
                     "verwacht": "minimaal 5 dagen per week", "gevonden": "4", "rij": "CJG-DIGITAAL"}],
    }
    # and a person reads it too, with its cell
    assert main(["toets", str(pad)]) == 1
    tekst = " ".join(capsys.readouterr().out.split())
    assert "Ook ! afwijkend: CJG-DIGITAAL is 4 dagen per week; de opdracht vraagt minimaal 5 dagen per week. " \
           "(Kengetallen!B2)" in tekst
    pagina = " ".join("".join(_Rijen(als_html(toets_bestand(lees_invoer(pad)))).tekst).split())
    assert "! afwijkend CJG-DIGITAAL is 4 dagen per week; de opdracht vraagt minimaal 5 dagen per week. " \
           "(Kengetallen!B2)" in pagina


def test_json_is_het_model_zonder_weglatingen(capsys):
    rapport = _json(capsys, CONCEPT)
    assert rapport == als_dict(toets_bestand(lees_invoer(CONCEPT))) | {"getoetst_op": rapport["getoetst_op"],
                                                          "ontvangst": rapport["ontvangst"]}
    assert set(rapport) == set(Rapport.model_fields) | set(Rapport.model_computed_fields)
    assert all(set(b) == set(Bevinding.model_fields) | set(Bevinding.model_computed_fields) for b in rapport["bevindingen"])
    # the contract's fields (werkplan-formaat.md, "JSON report: what stays")
    assert set(rapport) >= {"opdracht", "werkplan", "samenvatting", "bevindingen", "meldingen", "ontvangst",
                            "opdracht_titel", "stuk", "toezegging", "organisatie", "getoetst_op", "toetsing_versie"}
    assert {"bestand", "blad", "cel", "tekst", "tekst_volledig"} <= set(rapport["meldingen"][0])
    assert rapport["meldingen"][0]["tekst_volledig"].endswith('"zestig" is geen getal')
    assert rapport["samenvatting"] == {s: sum(b["status"] == s for b in rapport["bevindingen"]) for s in ERNST}
    cjg = next(b for b in rapport["bevindingen"] if b["regel"] == "CJG-BEREIKBAARHEID")
    assert (cjg["deelopdracht"], cjg["deelopdracht_naam"]) == (1, "CJG")


def test_schrijvers_laden_de_engine_niet():
    code = (
        "import pkgutil, importlib, sys, toetsing.rapport as r\n"
        "for m in pkgutil.iter_modules(r.__path__): importlib.import_module(f'toetsing.rapport.{m.name}')\n"
        "import toetsing.bevindingen\n"
        "print(sorted(n for n in sys.modules if n.startswith(('durable', 'toetsing.engine'))))\n"
        "print(len([m for m in pkgutil.iter_modules(r.__path__)]))\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout.split("\n")
    assert uit[0] == "[]"
    assert int(uit[1]) >= 10  # every writer was imported


class _Rijen(HTMLParser):
    """The bevinding rows of a page: rule, status and the text of each cell."""

    def __init__(self, html: str):
        super().__init__()
        self.rijen: list[tuple[str, str, list[str]]] = []
        self.tekst: list[str] = []
        self._cellen: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-bevinding" in attrs:
            self._cellen = []
            self.rijen.append((attrs["data-bevinding"], attrs["data-status"], self._cellen))
        elif tag in ("td", "th") and self._cellen is not None:
            self._cellen.append("")

    def handle_endtag(self, tag):
        if tag == "tr":
            self._cellen = None

    def handle_data(self, data):
        self.tekst.append(data)
        if self._cellen:
            self._cellen[-1] += data


def test_webpagina_en_html_rapport_tonen_dezelfde_bevindingen(tmp_path):
    pad = _cjg_werkplan(tmp_path)
    client = TestClient(web.maak_app())
    antwoord = client.post("/toetsen", data={"opdracht": ""}, files=[("werkplan", (pad.name, pad.read_bytes()))])
    op_het_web = _Rijen(antwoord.text).rijen
    # the same rows; the page puts the problems first and folds the rest
    assert sorted(op_het_web) == sorted(_Rijen(als_html(toets_bestand(lees_invoer(pad)))).rijen)
    assert any(regel == "CJG-BEREIKBAARHEID" and "CJG-DIGITAAL is 4" in cellen[3] for regel, _, cellen in op_het_web)


def _inhoud(data: bytes):
    """A document's content: a workbook's members without the times of writing (the zip's own and
    docProps/core.xml), which tick while we write."""
    if data[:2] != b"PK":
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archief:
        return {naam: archief.read(naam) for naam in archief.namelist() if naam != "docProps/core.xml"}


def test_formaten_staan_op_een_plek(tmp_path):
    keuzes = next(a for a in _parser()._subparsers._group_actions[0].choices["toets"]._actions
                  if a.dest == "formaat").choices
    assert list(keuzes) == list(formaten.FORMATEN) == ["tekst", "json", "xlsx", "html"]
    rapport = toets_bestand(lees_invoer(CONCEPT))
    for f in formaten.FORMATEN.values():
        assert f.extensie.startswith(".") and "/" in f.mediatype
        assert _inhoud(formaten.inhoud(rapport, f.naam)) == _inhoud(f.enkel(rapport, False))
    assert json.loads(formaten.inhoud(rapport, "json"))["werkplan"] == CONCEPT.name  # the file, not its folder
    assert formaten.inhoud(rapport, "html").startswith(b"<!DOCTYPE html>")
    assert formaten.inhoud(rapport, "xlsx")[:2] == b"PK"
    assert [p.suffix for p in uitvoerpaden([CONCEPT], tmp_path / "uit", "html", False)] == [".html"]


@pytest.mark.parametrize("naam", ["pdf", "", "TEKST"])
def test_onbekend_formaat_is_een_fout(naam, tmp_path):
    rapport = toets_bestand(lees_invoer(CONCEPT))
    for poging in (lambda: formaten.inhoud(rapport, naam), lambda: uitvoerpaden([CONCEPT], tmp_path, naam, False)):
        with pytest.raises(ToetsingFout) as fout:
            poging()
        assert str(fout.value) == f"Het formaat '{naam}' bestaat niet. Kies uit: tekst, json, xlsx, html."
