"""The aanvullingsverzoek as one self-contained HTML page (inline CSS, no scripts), to read,
mail or print on A4."""
from __future__ import annotations

from html import escape

from toetsing.aanvulling.model import Aanvullingsverzoek, Tekstblok

CSS = """
:root { color: #1a1a1a; background: #fff; font: 16px/1.5 system-ui, "Segoe UI", Arial, sans-serif; }
body { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.4rem; margin: 1.5rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .4rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.regels { margin: 0 0 1rem; }
.briefhoofd { font-weight: bold; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0 0 1rem; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
p.onderdeel { margin: .2rem 0; }
@page { size: A4 portrait; margin: 20mm; }
@media print { :root { font-size: 11pt; } body { max-width: none; padding: 0; } h2, h3 { break-after: avoid; } }
"""


def als_html(verzoek: Aanvullingsverzoek) -> str:
    delen = ['<!DOCTYPE html>', '<html lang="nl">', "<head>", '<meta charset="utf-8">',
             f"<title>{escape(verzoek.onderwerp)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
             "<header>"]
    if verzoek.briefhoofd:
        delen.append(_regels(verzoek.briefhoofd, "briefhoofd"))
    delen += [_regels(verzoek.aan), "<dl>",
              *(f"<dt>{escape(label)}</dt><dd>{escape(waarde)}</dd>" for label, waarde in verzoek.kenmerken),
              "</dl>", "</header>", "<main>", f"<h1>{escape(verzoek.onderwerp)}</h1>",
              f"<p>{escape(verzoek.aanhef)}</p>", *map(_blok, verzoek.inleiding)]
    for groep in verzoek.groepen:
        delen.append(f"<section><h2>{escape(groep.naam)}</h2>")
        for punt in groep.punten:
            delen.append(f'<h3 id="{escape(punt.regel)}">{escape(punt.kop)}</h3>')
            delen += [f'<p class="onderdeel"><strong>{escape(o.kop)}:</strong> '
                      + "<br>".join(map(escape, o.regels)) + "</p>" for o in punt.onderdelen]
        delen.append("</section>")
    delen += [*map(_blok, verzoek.vervolg), f"<p>{escape(verzoek.slot)}</p>", _regels(verzoek.ondertekening),
              "</main>", "</body>", "</html>"]
    return "\n".join(delen) + "\n"


def _regels(regels: list[str], klasse: str = "") -> str:
    return f'<p class="regels {klasse}">' + "<br>".join(map(escape, regels)) + "</p>"


def _blok(blok: Tekstblok) -> str:
    kop = f"<h2>{escape(blok.kop)}</h2>" if blok.kop else ""
    return kop + "".join(f"<p>{escape(a)}</p>" for a in blok.alineas)
