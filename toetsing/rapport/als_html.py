"""The toetsingsrapport in HTML: one renderer (the Jinja2 templates in html/) for the
HTML report, the joint report and the web page (toetsing/web), so they cannot drift apart.

A report file is one self-contained page: inline CSS, no scripts, no external resources,
so it can be mailed, archived and printed as it is. Accessible: lang="nl",
header/main/footer landmarks, one h1 with the headings below it in order, tables with
captions and th scope, and every status as a word and a symbol (colour only helps).
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from toetsing.bevindingen import GezamenlijkRapport, Rapport
from toetsing.rapport import weergave
from toetsing.rapport.gezamenlijk_tekst import LEGENDA, cel
from toetsing.rapport.weergave import TEKEN

SJABLONEN = Path(__file__).parent / "html"

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
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
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
td.dekking { white-space: nowrap; }
.status { display: inline-block; padding: 0 .4rem; border-radius: .25rem; font-weight: bold; white-space: nowrap; }
q { font-style: italic; }
ul.delen { margin: .3rem 0 0; padding-left: 1.2rem; }
ol.te-doen li { margin: .3rem 0; }
ul.afvinken { list-style: none; padding-left: 0; }
ul.afvinken li { margin: .4rem 0; }
dl.weg { display: grid; grid-template-columns: max-content 1fr; gap: 0 .6rem; margin: .4rem 0 0; }
dl.weg dt { font-weight: bold; }
dl.weg dd { margin: 0; overflow-wrap: anywhere; }
.waarschuwing { border: 2px solid #9C0006; padding: .5rem .8rem; color: #9C0006; background: #FFF5F5; }
code { font-family: ui-monospace, Consolas, monospace; font-size: .9em; }
.oordeel { font-size: 1.15rem; font-weight: bold; }
footer { margin-top: 2.5rem; padding-top: .5rem; border-top: 1px solid #767676; font-size: .9rem; }
/* on a narrow screen (a phone, or zoomed to 400%) a term stands above its value (WCAG 1.4.10) */
@media (max-width: 30rem) { dl.gegevens, dl.weg { grid-template-columns: minmax(0, 1fr); } }
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


def omgeving(*mappen: Path) -> Environment:
    """The templates of the report, and those in `mappen` (the web's pages) before them."""
    env = Environment(loader=FileSystemLoader([*mappen, SJABLONEN]), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(weergave=weergave, teken=TEKEN, legenda=LEGENDA, matrixcel=cel)
    return env


_OMGEVING = omgeving()


def als_html(rapport: Rapport, kort: bool = False) -> str:
    return _pagina("enkel.html", weergave.titel(rapport), rapport, kort=kort)


def als_html_gezamenlijk(samen: GezamenlijkRapport, kort: bool = False) -> str:
    return _pagina("gezamenlijk.html", "Gezamenlijke toetsing", samen.gezamenlijk, samen=samen, kort=kort)


def _pagina(sjabloon: str, titel: str, rapport: Rapport, **meer) -> str:
    return _OMGEVING.get_template(sjabloon).render(titel=titel, bestand=Path(rapport.werkplan).name, css=Markup(CSS),
                                                   rapport=rapport, **meer)
