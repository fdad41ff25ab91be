"""Accessibility tested, not claimed: axe-core checks every page of `toetsing web` and the
HTML reports in headless Chromium against WCAG 2.1 A and AA, and the upload form is used
with the keyboard alone.

axe-core comes from npm (.ci/package.json, `npm ci --prefix .ci`); the browser, the server
and the skip-or-fail when a tool is missing are those of tests/browser.py and conftest.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import actief, axe_of_overslaan, wacht
from toetsing.cli import main
from toetsing.regels.laden import beschikbare_regelsets

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"
CONCEPT = VOORBEELDEN / "werkplan-concept.xlsx"
CONFORM = VOORBEELDEN / "werkplan-conform.xlsx"
VERANTWOORDING = VOORBEELDEN / "verantwoording-2020-tekorten.xlsx"
SAMENWERKING = sorted((VOORBEELDEN / "samenwerking").glob("*.xlsx"))  # five organisations' werkplannen
WCAG21AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# --- how a page is reached: each returns a function (browser, adres, tmp_path) -> None ---


def adres_(pad: str):
    def open_(browser, adres, tmp_path):
        browser.get(adres + pad)
    return open_


def formulier(pad: str, klaar: str = "section.rapport", keuze: str | None = None, **velden: list[Path]):
    """A form with these files in its file fields (and the radio button `keuze` chosen with the
    space bar), sent with the keyboard (Enter on the button); the page has come when `klaar`
    (a CSS selector) is on it."""
    def open_(browser, adres, tmp_path):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        browser.get(adres + pad)
        for veld, bestanden in velden.items():
            browser.find_element(By.ID, veld).send_keys("\n".join(map(str, bestanden)))
        if keuze:
            browser.find_element(By.ID, keuze).send_keys(Keys.SPACE)
        browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").send_keys(Keys.ENTER)
        wacht(browser, lambda b: b.find_element(By.CSS_SELECTOR, klaar))
    return open_


def upload(*werkplannen: Path, vorige: Path | None = None, klaar: str = "section.rapport", samen: bool = False):
    """The Toetsen form with these werkplannen (each apart, or samen), and the previous toetsing."""
    if len(werkplannen) > 1:  # the page the choice leads to: the matrix, or the overview of all
        klaar = "section[aria-labelledby=matrix]" if samen else "section[aria-labelledby=overzicht]"
    return formulier("/", klaar, "wijze-samen" if samen else None, werkplan=list(werkplannen),
                     **({"vorige": [vorige]} if vorige else {}))


def geen_excel(browser, adres, tmp_path):
    """A form error: a file that is not a workbook."""
    notitie = tmp_path / "notities.txt"
    notitie.write_text("dit is geen Excel-bestand", encoding="utf-8")
    upload(notitie, klaar="[role=alert]")(browser, adres, tmp_path)


def htmlbestand(*argumenten: str | Path):
    """The page `toetsing <argumenten> --formaat html -o` writes, opened as a file."""
    def open_(browser, adres, tmp_path):
        doel = tmp_path / "pagina.html"
        assert main([*map(str, argumenten), "--formaat", "html", "-o", str(doel)]) in (0, 1)
        browser.get(doel.as_uri())
    return open_


def met_oordeel(toon):
    """A page with the officer's judgements: the concept with a filled beoordelingsformulier,
    shown by `toon(werkplan, formulier)` (a form to upload, or a command's HTML file)."""
    def open_(browser, adres, tmp_path):
        import shutil

        from tests.test_beoordeling import _formulier, _oordeel_cjg

        werkplan = tmp_path / CONCEPT.name
        shutil.copy(CONCEPT, werkplan)
        formulier = _formulier(werkplan)
        _oordeel_cjg(formulier)
        toon(werkplan, formulier)(browser, adres, tmp_path)
    return open_


# every page a user can see; a new page is one line
PAGINAS = {
    "toetsen": adres_("/"),
    "sjabloon": adres_("/sjabloon"),
    "sjabloon-fout": adres_("/sjabloon?opdracht=bestaat-niet"),
    "regels": adres_("/regels"),
    **{f"regels-{opdracht}": adres_(f"/regels?opdracht={opdracht}") for opdracht in beschikbare_regelsets()},
    "regels-fout": adres_("/regels?opdracht=bestaat-niet"),
    "uitslag-concept": upload(CONCEPT),
    "uitslag-conform": upload(CONFORM),
    "uitslag-hertoetsing": upload(CONFORM, vorige=CONCEPT),
    "uitslag-apart": upload(CONCEPT, CONFORM),
    "uitslag-gezamenlijk": upload(*SAMENWERKING, samen=True),
    "verantwoording": adres_("/verantwoording"),
    "uitslag-verantwoording": formulier("/verantwoording", verantwoording=[VERANTWOORDING], werkplan=[CONFORM]),
    "verantwoording-fout": formulier("/verantwoording", "[role=alert]", verantwoording=[CONFORM], werkplan=[CONFORM]),
    "formulierfout": geen_excel,
    "niet-gevonden": adres_("/bestaat-niet"),
    "rapport-html": htmlbestand("toets", CONCEPT),
    "rapport-html-kort": htmlbestand("toets", CONCEPT, "--kort"),
    "rapport-html-hertoetsing": htmlbestand("toets", CONFORM, "--vorige", CONCEPT),
    "rapport-html-gezamenlijk": htmlbestand("toets", *SAMENWERKING, "--gezamenlijk"),
    "rapport-html-verantwoording": htmlbestand("verantwoording", VERANTWOORDING, "--werkplan", CONFORM),
    "aanvulling-html": htmlbestand("aanvulling", CONCEPT),
    "uitslag-beoordeeld": met_oordeel(lambda w, f: formulier("/", werkplan=[w], beoordeling=[f])),
    "rapport-html-beoordeeld": met_oordeel(lambda w, f: htmlbestand("toets", w, "--beoordeling", f)),
}

AXE_RUN = """
const klaar = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => klaar(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))))
  .catch(e => klaar('axe faalde: ' + e));
"""


# WCAG 1.4.10 (reflow): at 320 CSS pixels wide nothing but a data table needs sideways scrolling
TE_BREED = """
const breedte = document.documentElement.clientWidth;
return [...document.body.querySelectorAll('*')]
  .filter(e => !e.closest('table') && e.getBoundingClientRect().right > breedte + 1)
  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ': ' + (e.innerText || '').slice(0, 40));
"""


def _schendingen(browser) -> list[dict]:
    # what is folded away is checked too
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    browser.execute_script(axe_of_overslaan())
    # the page's Content-Security-Policy forbids inline scripts; WebDriver's are not
    # inline scripts of the page, so axe must be there
    assert browser.execute_script("return typeof axe") == "object"
    browser.set_script_timeout(120)
    uitslag = browser.execute_async_script(AXE_RUN, WCAG21AA)
    assert isinstance(uitslag, list), uitslag
    return uitslag


@pytest.fixture(autouse=True)
def venster(browser):
    """Every test starts with the browser window at its usual size."""
    browser.set_window_size(1280, 2000)


@pytest.mark.parametrize("pagina", PAGINAS)
def test_geen_schendingen_van_wcag21aa(pagina, adres, browser, tmp_path):
    axe_of_overslaan()  # before anything is done: skip (or fail in CI) when axe-core is absent
    PAGINAS[pagina](browser, adres, tmp_path)
    schendingen = _schendingen(browser)
    assert not [r["message"] for r in browser.get_log("browser") if "Content Security Policy" in r["message"]]
    assert not schendingen, f"{pagina} ({browser.current_url[:80]}):\n" + "\n".join(
        f"- {s['id']}: {s['help']}\n    " + "\n    ".join(s["nodes"]) for s in schendingen)
    browser.set_window_size(320, 2000)
    te_breed = browser.execute_script(TE_BREED)
    assert not te_breed, f"{pagina} is op 320 pixels breed te breed:\n" + "\n".join(te_breed)


def test_axe_vindt_een_schending(adres, browser):
    """The check above can fail: a field without a label is a violation axe reports."""
    browser.get(adres + "/")
    browser.execute_script("document.querySelector('label[for=werkplan]').remove()")
    assert "label" in {s["id"] for s in _schendingen(browser)}


# --- the keyboard alone ---

# the elements Tab stops at, in document order; a radio group is one stop (its checked button)
TABVOLGORDE = """
const binnen = arguments[0] || document;
const groep = e => (e.form || document).querySelector(`input[type=radio][name="${e.name}"]:checked`)
                   || (e.form || document).querySelector(`input[type=radio][name="${e.name}"]`);
return [...binnen.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
  .filter(e => e.tabIndex >= 0 && !e.disabled && e.type !== 'hidden' && e.checkVisibility())
  .filter(e => e.type !== 'radio' || e === groep(e));
"""
# a visible focus indicator: an outline or a box-shadow
ZICHTBARE_FOCUS = """
const s = getComputedStyle(arguments[0]);
return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
"""


class Toetsenbord:
    """Keys go to the page's focused element, as a person types; each press records where the focus went."""

    def __init__(self, browser):
        self.browser = browser
        self.volgorde: list = []

    def druk(self, toets: str, shift: bool = False):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        keten = ActionChains(self.browser)
        keten = keten.key_down(Keys.SHIFT).send_keys(toets).key_up(Keys.SHIFT) if shift else keten.send_keys(toets)
        keten.perform()
        element = actief(self.browser)
        if element.tag_name != "body":
            assert self.browser.execute_script(ZICHTBARE_FOCUS, element), \
                f"geen zichtbare focus op {self.beschrijf(element)}"
        if not self.volgorde or self.volgorde[-1] != element:  # a date field has a stop per part
            self.volgorde.append(element)
        return element

    def beschrijf(self, element) -> str:
        return self.browser.execute_script(
            "const e = arguments[0]; return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
            " + ' ' + (e.innerText || e.name || '').trim().slice(0, 40)", element)


def test_formulier_met_alleen_het_toetsenbord(adres, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    opdracht = "meierijstad-2021"  # not the one the werkplan names: the choice must count
    browser.get(adres + "/")
    toetsen = Toetsenbord(browser)
    keuze, veld = browser.find_element(By.ID, "opdracht"), browser.find_element(By.ID, "werkplan")
    knop = browser.find_element(By.CSS_SELECTOR, "form[action$='/toetsen'] button[type=submit]")

    # first the skip link; Enter on it brings the focus to the content
    assert toetsen.druk(Keys.TAB).text == "Naar de inhoud"
    assert toetsen.druk(Keys.ENTER).get_attribute("id") == "inhoud"
    for _ in browser.execute_script(TABVOLGORDE):  # at most every stop once
        element = toetsen.druk(Keys.TAB)
        if element == keuze:
            waarden = [o.get_attribute("value") for o in Select(keuze).options]
            for _ in range(waarden.index(opdracht) - waarden.index(keuze.get_attribute("value"))):
                toetsen.druk(Keys.ARROW_DOWN)
            assert keuze.get_attribute("value") == opdracht
        elif element == veld:
            element.send_keys(str(CONCEPT))  # what a keyboard user types in the file dialog
        elif element == knop:
            break
    main = browser.find_element(By.ID, "inhoud")
    stops = browser.execute_script(TABVOLGORDE, main)
    beschrijving = [toetsen.beschrijf(e) for e in toetsen.volgorde]
    assert toetsen.volgorde == [browser.execute_script(TABVOLGORDE)[0], main, *stops[:stops.index(knop) + 1]], beschrijving
    assert {keuze, veld} <= set(toetsen.volgorde)
    # Shift+Tab goes back, Tab forward again
    vorige = toetsen.volgorde[-2]
    assert toetsen.druk(Keys.TAB, shift=True) == vorige
    assert toetsen.druk(Keys.TAB) == knop
    toetsen.druk(Keys.ENTER)
    wacht(browser, lambda b: b.find_element(By.CSS_SELECTOR, "section.rapport"))
    assert browser.find_element(By.XPATH, "//dt[.='Regelset']/following-sibling::dd[1]").text == opdracht

    # on the result page Tab reaches everything in document order, the downloads too
    toetsen = Toetsenbord(browser)
    stops = browser.execute_script(TABVOLGORDE)
    for _ in range(len(stops) + 5):  # + the parts of a date field
        if toetsen.druk(Keys.TAB) == stops[-1]:
            break
    assert toetsen.volgorde == stops, [toetsen.beschrijf(e) for e in toetsen.volgorde]
    downloads = browser.find_elements(By.CSS_SELECTOR, "ul.downloads a[download]")
    assert downloads and set(downloads) <= set(toetsen.volgorde)
