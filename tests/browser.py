"""What the browser tests share: the real browser (Debian's chromium and chromium-driver,
driven by selenium), `toetsing web` served on a free port, and axe-core (npm, pinned in
.ci/package.json). Their fixtures are in tests/conftest.py.

Outside CI a missing tool skips the test with the reason and how to install it; in CI
(.ci/run installs them) that is a failure.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = shutil.which("chromium")
AXE = Path(__file__).resolve().parents[1] / ".ci" / "node_modules" / "axe-core" / "axe.min.js"


def nodig_of_overslaan(ontbreekt: list[str], installeren: str) -> None:
    """Skip (outside CI) or fail (in CI) when a tool the test needs is missing."""
    if not ontbreekt:
        return
    reden = f"{' en '.join(ontbreekt)} ontbreekt ({installeren})"
    if os.environ.get("CI"):
        pytest.fail(f"{reden}; in CI hoort .ci/run dat te installeren")
    pytest.skip(reden)


def chromium_of_overslaan(met_driver: bool = True) -> str:
    """The Chromium binary; with `met_driver` also chromium-driver, for selenium."""
    nodig = [("chromium", CHROMIUM)] + [("chromium-driver", CHROMEDRIVER)] * met_driver
    nodig_of_overslaan([naam for naam, pad in nodig if not (pad and os.access(pad, os.X_OK))],
                       "apt-get install chromium chromium-driver")
    return CHROMIUM


def axe_of_overslaan() -> str:
    """axe-core's script, as .ci/run installs it."""
    nodig_of_overslaan([] if AXE.is_file() else ["axe-core"], "npm ci --prefix .ci")
    return AXE.read_text(encoding="utf-8")


@contextmanager
def draaiende_app(app):
    """`app` served by uvicorn in a thread on a free port, with the bounds of `toetsing web`; yields its address."""
    from toetsing.web.app import server as maak_server

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    server = maak_server(app, "127.0.0.1", poort)
    draad = threading.Thread(target=server.run, daemon=True)
    draad.start()
    einde = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < einde and draad.is_alive(), "uvicorn startte niet"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{poort}"
    finally:
        server.should_exit = True
        draad.join(10)


def start_chromium(profiel: Path, downloads: Path):
    """Headless Chromium under selenium, downloading into `downloads` without asking."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opties = webdriver.ChromeOptions()
    opties.binary_location = chromium_of_overslaan()
    for optie in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run", "--window-size=1280,2000", f"--user-data-dir={profiel}"):
        opties.add_argument(optie)
    opties.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                             "download.prompt_for_download": False})
    opties.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opties)
    driver.set_page_load_timeout(60)
    return driver


def wacht(browser, voorwaarde, seconden: float = 60):
    """Until `voorwaarde` holds; while the next page loads, elements of the last one go stale."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, seconden, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)
                         ).until(voorwaarde)


def actief(browser):
    return browser.execute_script("return document.activeElement")
