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
from toetsing.dienst import lees_invoer, toets_bestand, toets_verantwoording_bestand
from toetsing.rapport.als_json import als_json

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
CONCEPT = VOORBEELDEN / "werkplan-concept.xlsx"
CONFORM = VOORBEELDEN / "werkplan-conform.xlsx"
VERANTWOORDING = VOORBEELDEN / "verantwoording-2020-tekorten.xlsx"
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

    telling = _telling(browser)
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


def _upload(adres, browser, formulier: str = "/", **velden: list[Path]):
    """Choose the files in a form's file fields and send it with the keyboard."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{adres}{formulier}")
    for veld, bestanden in velden.items():
        browser.find_element(By.ID, veld).send_keys("\n".join(map(str, bestanden)))
    browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").send_keys(Keys.ENTER)
    return wacht(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "section.rapport, [role=alert]"))


def _telling(browser, rapport: str = "section.rapport") -> dict[str, int]:
    from selenium.webdriver.common.by import By

    return {rij.get_attribute("data-status"): int(rij.find_element(By.CSS_SELECTOR, "td.aantal").text)
            for rij in browser.find_elements(By.CSS_SELECTOR, f"{rapport} table.smal tr[data-status]")}


def test_voldaan_opgevouwen_tot_het_toetsenbord_het_opent(adres, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _upload(adres, browser, werkplan=[CONCEPT])
    voldaan = browser.find_elements(By.CSS_SELECTOR, "tr[data-bevinding][data-status=voldaan]")
    open_ = browser.find_elements(By.CSS_SELECTOR, "tr[data-bevinding][data-status=ontbreekt]")
    assert voldaan and open_
    assert all(r.is_displayed() for r in open_)
    assert not any(r.is_displayed() for r in voldaan)
    # Tab to the summary, as someone without a mouse does, and open it with Enter
    samenvatting = browser.find_element(By.CSS_SELECTOR, "details.in-orde > summary")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    for _ in range(200):
        if actief(browser) == samenvatting:
            break
        actief(browser).send_keys(Keys.TAB)
    assert actief(browser) == samenvatting
    assert browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", samenvatting) == "solid"
    samenvatting.send_keys(Keys.ENTER)
    assert all(r.is_displayed() for r in voldaan)


def test_verantwoording_met_het_toetsenbord(adres, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    # from the menu to the form, with the keyboard
    browser.get(f"{adres}/")
    browser.find_element(By.LINK_TEXT, "Verantwoording").send_keys(Keys.ENTER)
    wacht(browser, lambda b: b.find_element(By.TAG_NAME, "h1").text == "Een verantwoording toetsen")
    _upload(adres, browser, "/verantwoording", verantwoording=[VERANTWOORDING], werkplan=[CONFORM])
    assert browser.find_element(By.TAG_NAME, "h1").text == "Toetsingsrapport verantwoording"
    rapport = toets_verantwoording_bestand(lees_invoer(VERANTWOORDING), lees_invoer(CONFORM))
    assert _telling(browser) == rapport.telling()
    # swapped files: the message at the verantwoording's field
    _upload(adres, browser, "/verantwoording", verantwoording=[CONFORM], werkplan=[VERANTWOORDING])
    assert "dit lijkt een werkplan, geen verantwoording" in browser.find_element(By.ID, "verantwoording-fout").text
    assert browser.find_element(By.ID, "verantwoording").get_attribute("aria-invalid") == "true"


def test_meer_werkplannen_apart_en_samen_met_het_toetsenbord(adres, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    # apart, the default: the summary first, its link brings the keyboard to the report
    _upload(adres, browser, werkplan=[CONFORM, CONCEPT])
    assert browser.find_element(By.TAG_NAME, "h1").text == "Toetsingsrapporten"
    assert browser.find_elements(By.TAG_NAME, "h2")[0].text == "Overzicht van alle werkplannen"
    browser.find_element(By.CSS_SELECTOR, "tr[data-overzicht='werkplan-concept.xlsx'] a").send_keys(Keys.ENTER)
    assert browser.current_url.endswith("#r2")
    assert _telling(browser, "section[aria-labelledby=r2]") == json.loads(als_json(toets_bestand(lees_invoer(CONCEPT))))["samenvatting"]
    # samen: chosen in the radio group with the arrow key
    browser.get(f"{adres}/")
    apart = browser.find_element(By.ID, "wijze-apart")
    apart.send_keys(Keys.SPACE)
    actief(browser).send_keys(Keys.ARROW_DOWN)
    assert browser.find_element(By.ID, "wijze-samen").is_selected()
    browser.find_element(By.ID, "werkplan").send_keys(f"{CONFORM}\n{CONCEPT}")
    browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").send_keys(Keys.ENTER)
    wacht(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "section.rapport"))
    assert browser.find_elements(By.TAG_NAME, "h2")[0].text == "Wie doet welke deelopdracht"
