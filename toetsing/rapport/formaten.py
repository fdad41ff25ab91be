"""A toetsingsrapport as the content of a file, in each format the command line offers."""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line imports this module; the report models pull in the engine
    from toetsing.bevindingen import Rapport
    from toetsing.gezamenlijk import GezamenlijkRapport

EXTENSIES = {"tekst": ".txt", "json": ".json", "xlsx": ".xlsx", "html": ".html"}


def tekst(rapport: Rapport, alles: bool = True) -> str:
    """The terminal report, without colour codes, at a fixed width for a file."""
    from toetsing.rapport.als_tekst import toon

    buffer = io.StringIO()
    toon(rapport, console(buffer), alles=alles)
    return buffer.getvalue()


def inhoud(rapport: Rapport, formaat: str, kort: bool = False) -> bytes:
    if formaat == "xlsx":
        from toetsing.rapport.als_xlsx import als_xlsx

        return als_xlsx(rapport)
    if formaat == "json":
        from toetsing.rapport.als_json import als_json

        return als_json(rapport).encode("utf-8")
    if formaat == "html":
        from toetsing.rapport.als_html import als_html

        return als_html(rapport).encode("utf-8")
    return tekst(rapport, alles=not kort).encode("utf-8")


def inhoud_gezamenlijk(rapport: GezamenlijkRapport, formaat: str, kort: bool = False) -> bytes:
    if formaat == "json":
        from toetsing.rapport.gezamenlijk_json import als_json_gezamenlijk

        return als_json_gezamenlijk(rapport).encode("utf-8")
    if formaat == "xlsx":
        from toetsing.rapport.gezamenlijk_xlsx import als_xlsx_gezamenlijk

        return als_xlsx_gezamenlijk(rapport)
    if formaat == "html":
        from toetsing.rapport.gezamenlijk_html import als_html_gezamenlijk

        return als_html_gezamenlijk(rapport).encode("utf-8")
    from toetsing.rapport.gezamenlijk_tekst import toon_gezamenlijk

    buffer = io.StringIO()
    toon_gezamenlijk(rapport, console(buffer), alles=not kort)
    return buffer.getvalue().encode("utf-8")


def console(bestand=None):
    """A rich console: the terminal (stdout), or a file at a fixed width."""
    from rich.console import Console

    return Console(file=bestand, width=110 if bestand else None, highlight=False)
