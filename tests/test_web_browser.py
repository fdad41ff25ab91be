"""`toetsing web` end to end in a real browser: uvicorn serves the app on a free port,
headless Chromium (Debian's chromium and chromium-driver, driven by selenium) chooses the
opdracht, uploads the faulty example with the keyboard and reads the result page. Its
counts must equal the JSON report's for the same file.

The server and browser fixtures are in tests/conftest.py: outside CI a missing Chromium
skips these tests with the reason; in CI (.ci/run installs it) that is a failure.
"""
from __future__ import annotations

import json
from pathlib import Path

from tests.browser import actief, wacht
from toetsing.dienst import lees_invoer, toets_bestand
from toetsing.rapport.als_json import als_json

CONCEPT = Path(__file__).resolve().parents[1] / "voorbeelden" / "werkplan-concept.xlsx"
OPDRACHT = "meierijstad-2020"


def test_concept_toetsen_met_het_toetsenbord(adres, browser, downloads, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    browser.get(f"{adres}/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    # the first Tab stop is the skip link, and focus is visible
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    eerste = actief(browser)
    assert eerste.text == "Naar de inhoud"
    assert browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", eerste) == "solid"
    # the style sheets came from the app, under its Content-Security-Policy
    knop = browser.find_element(By.CSS_SELECTOR, "button[type=submit]")
    assert knop.value_of_css_property("background-color") == "rgba(0, 112, 60, 1)"

    keuze = browser.find_element(By.ID, "opdracht")
    keuze.send_keys(Keys.NULL)  # focus without a click
    Select(keuze).select_by_value(OPDRACHT)
    browser.find_element(By.ID, "werkplan").send_keys(str(CONCEPT))
    knop.send_keys(Keys.ENTER)
    wacht(browser, lambda b: b.find_element(By.TAG_NAME, "h1").text == "Toetsingsrapport")

    telling = {rij.get_attribute("data-status"): int(rij.find_element(By.CSS_SELECTOR, "td.aantal").text)
               for rij in browser.find_elements(By.CSS_SELECTOR, "section.rapport table.smal tr[data-status]")}
    verwacht = json.loads(als_json(toets_bestand(lees_invoer(CONCEPT), OPDRACHT)))["samenvatting"]
    assert telling == verwacht
    # the status is a word, not only a colour
    assert "ontbreekt" in browser.find_element(By.CSS_SELECTOR, "tr[data-status=ontbreekt] th").text

    scherm = tmp_path / "uitslag.png"
    assert browser.save_screenshot(str(scherm))
    assert scherm.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # the JSON download is the same report
    browser.find_element(By.CSS_SELECTOR, "a[download$='-rapport.json']").send_keys(Keys.ENTER)
    bestand = downloads / "werkplan-concept-rapport.json"
    wacht(browser, lambda b: bestand.exists() and bestand.stat().st_size > 0, 30)
    assert json.loads(bestand.read_text(encoding="utf-8"))["samenvatting"] == verwacht

    schendingen = [r["message"] for r in browser.get_log("browser") if "Content Security Policy" in r["message"]]
    assert not schendingen


def test_fout_is_gekoppeld_aan_het_veld(adres, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    kapot = tmp_path / "kapot.xlsx"
    kapot.write_bytes(b"dit is geen Excel-bestand")
    browser.get(f"{adres}/")
    browser.find_element(By.ID, "werkplan").send_keys(str(kapot))
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").send_keys(Keys.ENTER)
    melding = wacht(browser, lambda b: b.find_element(By.CSS_SELECTOR, "[role=alert]"))
    assert "kapot.xlsx: dit is geen Excel-werkmap" in melding.text
    veld = browser.find_element(By.ID, "werkplan")
    assert veld.get_attribute("aria-invalid") == "true"
    assert "Fout:" in browser.find_element(By.ID, "werkplan-fout").text
    # the link in the message brings the keyboard to the field
    melding.find_element(By.CSS_SELECTOR, "a[href='#werkplan']").send_keys(Keys.ENTER)
    assert actief(browser).get_attribute("id") == "werkplan"
