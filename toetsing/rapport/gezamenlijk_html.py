"""A joint toetsing as one self-contained HTML page, from the single report's page and
tables (als_html.py): who covers which deelopdracht, the joint rules, then each
werkplan's oordeel, unreadable cells and bevindingen."""
from __future__ import annotations

from html import escape

from toetsing.bevindingen import Rapport
from toetsing.bevindingen import GezamenlijkRapport
from toetsing.rapport import weergave
from toetsing.rapport.als_html import _gegevens, _kop, bevindingen, pagina
from toetsing.rapport.gezamenlijk_tekst import LEGENDA, cel


def als_html_gezamenlijk(rapport: GezamenlijkRapport) -> str:
    samen = rapport.gezamenlijk
    inhoud = ['<h2 id="dekking">Wie doet welke deelopdracht</h2>', _matrix(rapport),
              '<h2 id="samen">De werkplannen samen</h2>', *_uitslag(samen)]
    for nr, (indiener, eigen) in enumerate(zip(rapport.indieners, rapport.werkplannen), start=1):
        inhoud += [f'<h2 id="werkplan-{nr}">Het werkplan van {escape(indiener)}</h2>', _gegevens(weergave.kop(eigen)),
                   *_uitslag(eigen)]
    return pagina("Gezamenlijke toetsing", samen.werkplan, weergave.kop(samen), inhoud, weergave.ontvangst(samen))


def _matrix(rapport: GezamenlijkRapport) -> str:
    rijen = []
    for rij in rapport.matrix:
        aantal = sum(bool(d.rijen) for d in rij.dekking)
        rijen.append(f'<tr><th scope="row">{rij.nr}. {escape(rij.naam)}</th>'
                     + "".join(f"<td>{escape(cel(d))}</td>" for d in rij.dekking)
                     + f'<td class="aantal{" s-ontbreekt" if aantal == 0 else ""}">{aantal}</td></tr>')
    return (f"<table><caption>{escape(LEGENDA)}</caption>"
            + _kop(["Deelopdracht", *map(escape, rapport.indieners), "Werkplannen"])
            + f"<tbody>{''.join(rijen)}</tbody></table>")


def _uitslag(rapport: Rapport) -> list[str]:
    delen = [f'<p class="oordeel">{escape(weergave.oordeel(rapport))}</p>']
    if rapport.meldingen:
        delen += ["<p>Deze cellen konden niet worden gelezen en zijn als leeg getoetst:</p>",
                  "<ul>" + "".join(f"<li>{escape(str(m))}</li>" for m in rapport.meldingen) + "</ul>"]
    return delen + bevindingen(rapport)
