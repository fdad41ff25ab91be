"""The toetsingsrapport as one self-contained HTML page: inline CSS, no scripts, no
external resources, so it can be mailed, archived and printed as it is.

Accessible: lang="nl", header/main/footer landmarks, one h1 with h2/h3 below it, tables
with captions and th scope, and every status as a word and a symbol (colour only helps).
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from toetsing.bevindingen import Bevinding, Rapport
from toetsing.rapport import weergave
from toetsing.rapport.weergave import TEKEN
from toetsing.regels.model import Status

_KLEUREN_CSS = "\n".join(
    f".s-{status.name} {{ color: #{tekst}; background: #{vulling}; }}"
    for status, (tekst, vulling) in weergave.KLEUREN.items()
)
CSS = """
:root { color: #1a1a1a; background: #fff; font: 16px/1.5 system-ui, "Segoe UI", Arial, sans-serif; }
body { max-width: 75rem; margin: 0 auto; padding: 1rem 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #1a1a1a; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
dl.gegevens { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.gegevens dt { font-weight: bold; }
dl.gegevens dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
table.smal { width: auto; min-width: 20rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
.verborgen { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
th, td { border: 1px solid #767676; padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #e8ecf4; }
td.aantal { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 0 .4rem; border-radius: .25rem; font-weight: bold; white-space: nowrap; }
q { font-style: italic; }
code { font-family: ui-monospace, Consolas, monospace; font-size: .9em; }
.oordeel { font-size: 1.15rem; font-weight: bold; }
footer { margin-top: 2.5rem; padding-top: .5rem; border-top: 1px solid #767676; font-size: .9rem; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  :root { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .status, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""" + _KLEUREN_CSS


def als_html(rapport: Rapport) -> str:
    return pagina(weergave.titel(rapport), Path(rapport.werkplan).name, weergave.kop(rapport), [
        *_samenvatting(rapport),
        *_meldingen(rapport),
        '<h2 id="bevindingen">Bevindingen</h2>',
        *bevindingen(rapport),
    ], weergave.ontvangst(rapport))


def pagina(titel: str, bestand: str, kop: list[tuple[str, str]], inhoud: list[str],
           ontvangst: list[tuple[str, str]]) -> str:
    """The page around a report's content: title, header data, and the receipt at the foot."""
    delen = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(titel)} {escape(bestand)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(titel)}</h1>",
        _gegevens(kop),
        "</header>",
        "<main>",
        *inhoud,
        "</main>",
        "<footer>",
        '<h2 id="ontvangst">Ontvangstbewijs</h2>',
        _gegevens(ontvangst),
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(delen) + "\n"


def bevindingen(rapport: Rapport) -> list[str]:
    """The bevindingen by blok and deelopdracht, a table each under an h3."""
    return [regel for naam, groep in weergave.groepen(rapport) for regel in _groep(naam, groep)]


def _gegevens(paren: list[tuple[str, str]]) -> str:
    regels = "".join(f"<dt>{escape(label)}</dt><dd>{escape(waarde)}</dd>" for label, waarde in paren)
    return f'<dl class="gegevens">{regels}</dl>'


def _status(status: Status) -> str:
    return (f'<span class="status s-{status.name}"><span aria-hidden="true">{TEKEN[status]}</span> '
            f"{escape(status.value)}</span>")


def _kop(koppen: list[str]) -> str:
    return "<thead><tr>" + "".join(f'<th scope="col">{kop}</th>' for kop in koppen) + "</tr></thead>"


def _samenvatting(rapport: Rapport) -> list[str]:
    per_status = "".join(
        f'<tr data-status="{escape(status.value)}"><th scope="row">{_status(status)}</th>'
        f'<td class="aantal">{aantal}</td></tr>'
        for status, aantal in weergave.telling(rapport.bevindingen).items()
    )
    per_groep = "".join(
        f'<tr><th scope="row">{escape(naam)}</th>'
        + "".join(f'<td class="aantal">{aantal}</td>' for aantal in weergave.telling(bevindingen).values())
        + f'<td class="aantal">{len(bevindingen)}</td></tr>'
        for naam, bevindingen in weergave.groepen(rapport)
    )
    return [
        '<h2 id="samenvatting">Samenvatting</h2>',
        f'<p class="oordeel">{escape(weergave.oordeel(rapport))}</p>',
        '<table class="smal"><caption>Aantal bevindingen per status</caption>',
        _kop(["Status", "Aantal"]),
        f"<tbody>{per_status}</tbody></table>",
        "<table><caption>Aantal bevindingen per onderdeel</caption>",
        _kop(["Onderdeel", *(_status(s) for s in weergave.STATUSSEN), "Totaal"]),
        f"<tbody>{per_groep}</tbody></table>",
    ]


def _meldingen(rapport: Rapport) -> list[str]:
    if not rapport.meldingen:
        return []
    items = "".join(f"<li>{escape(str(m))}</li>" for m in rapport.meldingen)
    return ['<h2 id="meldingen">Cellen die niet gelezen konden worden</h2>',
            "<p>Deze cellen zijn als leeg getoetst. Verbeter ze in het bestand dat erbij staat en toets opnieuw.</p>",
            f"<ul>{items}</ul>"]


def _groep(naam: str, bevindingen: list[Bevinding]) -> list[str]:
    rijen = "".join(
        f'<tr data-status="{escape(b.status.value)}" data-bevinding="{escape(b.regel)}">'
        f'<th scope="row"><code>{escape(b.regel)}</code></th>'
        f"<td>{_status(b.status)}</td>"
        f"<td>{escape(b.titel)}</td>"
        f"<td>{escape(b.toelichting)}</td>"
        f"<td>{escape(b.bron)}: <q>{escape(b.citaat)}</q>"
        f"{f'<br><small>Interpretatie: {escape(b.interpretatie)}</small>' if b.interpretatie else ''}</td>"
        f"<td>{'<br>'.join(_cel(cel) for cel in b.bewijs) or 'geen'}</td>"
        "</tr>"
        for b in bevindingen
    )
    return [f"<h3>{escape(naam)}</h3>",
            f'<table><caption class="verborgen">Bevindingen: {escape(naam)}</caption>',
            _kop(["Regel", "Status", "Eis", "Toelichting", "Bron", "Cellen"]),
            f"<tbody>{rijen}</tbody></table>"]


def _cel(cel: str) -> str:
    """Kengetallen!C4, breakable after the '!' only."""
    blad, _, plek = cel.rpartition("!")
    return f"<code>{escape(blad)}!<wbr>{escape(plek)}</code>"
