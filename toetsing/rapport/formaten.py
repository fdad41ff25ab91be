"""The report formats, each declared once: its name, file extension, media type, how a
download link names it, and its writers for one report and for a joint toetsing. The
command line (`--formaat`), the batch, the joint toetsing and the web read them here.

Light on purpose (the command line builds its options from it): a writer and the report
models are imported only when a report is written.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from toetsing.fouten import ToetsingFout

if TYPE_CHECKING:
    from toetsing.bevindingen import GezamenlijkRapport, Rapport


@dataclass(frozen=True)
class Formaat:
    naam: str
    extensie: str
    mediatype: str
    uitleg: str  # completes "Het rapport ..." on a download link
    # the file's content for one report and for a joint toetsing; `kort`: only what is not voldaan
    enkel: Callable[[Rapport, bool], bytes]
    gezamenlijk: Callable[[GezamenlijkRapport, bool], bytes]
    ook: tuple[str, ...] = ()  # other extensions that name this format


def _tekst(rapport: Rapport, kort: bool) -> bytes:
    from toetsing.rapport.als_tekst import toon

    return _op_papier(lambda c: toon(rapport, c, alles=not kort))


def _tekst_gezamenlijk(rapport: GezamenlijkRapport, kort: bool) -> bytes:
    from toetsing.rapport.gezamenlijk_tekst import toon_gezamenlijk

    return _op_papier(lambda c: toon_gezamenlijk(rapport, c, alles=not kort))


def _json(rapport: Rapport, kort: bool) -> bytes:
    from toetsing.rapport.als_json import als_json

    return als_json(rapport, kort).encode("utf-8")


def _json_gezamenlijk(rapport: GezamenlijkRapport, kort: bool) -> bytes:
    from toetsing.rapport.gezamenlijk_json import als_json_gezamenlijk

    return als_json_gezamenlijk(rapport, kort).encode("utf-8")


def _xlsx(rapport: Rapport, kort: bool) -> bytes:
    from toetsing.rapport.als_xlsx import als_xlsx

    return als_xlsx(rapport, kort)


def _xlsx_gezamenlijk(rapport: GezamenlijkRapport, kort: bool) -> bytes:
    from toetsing.rapport.gezamenlijk_xlsx import als_xlsx_gezamenlijk

    return als_xlsx_gezamenlijk(rapport, kort)


def _html(rapport: Rapport, kort: bool) -> bytes:
    from toetsing.rapport.als_html import als_html

    return als_html(rapport, kort).encode("utf-8")


def _html_gezamenlijk(rapport: GezamenlijkRapport, kort: bool) -> bytes:
    from toetsing.rapport.als_html import als_html_gezamenlijk

    return als_html_gezamenlijk(rapport, kort).encode("utf-8")


FORMATEN = {f.naam: f for f in (
    Formaat("tekst", ".txt", "text/plain;charset=utf-8", "als tekst", _tekst, _tekst_gezamenlijk, (".text",)),
    Formaat("json", ".json", "application/json", "als JSON, voor andere programma's", _json, _json_gezamenlijk),
    Formaat("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "in Excel",
            _xlsx, _xlsx_gezamenlijk),
    Formaat("html", ".html", "text/html;charset=utf-8", "als webpagina, om te bewaren of te printen",
            _html, _html_gezamenlijk, (".htm",)),
)}


def formaat(naam: str) -> Formaat:
    """The format by its name; an unknown name is an error, never plain text instead."""
    try:
        return FORMATEN[naam]
    except KeyError:
        raise ToetsingFout(f"Het formaat '{naam}' bestaat niet. Kies uit: {', '.join(FORMATEN)}.") from None


def bij_extensie(pad: Path) -> Formaat | None:
    """The format a file name says by its extension (rapport.xlsx: xlsx), if any."""
    extensie = pad.suffix.lower()
    return next((f for f in FORMATEN.values() if extensie in (f.extensie, *f.ook)), None)


def inhoud(rapport: Rapport, naam: str, kort: bool = False) -> bytes:
    return formaat(naam).enkel(rapport, kort)


def inhoud_gezamenlijk(rapport: GezamenlijkRapport, naam: str, kort: bool = False) -> bytes:
    return formaat(naam).gezamenlijk(rapport, kort)


def _op_papier(toon: Callable) -> bytes:
    """What a terminal writer prints, without colour codes, at a fixed width for a file."""
    buffer = io.StringIO()
    toon(console(buffer))
    return buffer.getvalue().encode("utf-8")


def console(bestand=None):
    """A rich console: the terminal (stdout), or a file at a fixed width."""
    from rich.console import Console

    return Console(file=bestand, width=110 if bestand else None, highlight=False)
