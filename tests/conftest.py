"""Fixtures of the browser tests (tests/browser.py): one server and one browser per test module."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import draaiende_app, start_chromium


@pytest.fixture(scope="module")
def adres():
    from toetsing.web.app import maak_app

    with draaiende_app(maak_app()) as url:
        yield url


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory, downloads):
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profiel"), downloads)
    yield driver
    driver.quit()
