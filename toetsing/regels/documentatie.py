"""Rule documentation, generated from the rule files (never written twice).

`python -m toetsing.regels.documentatie` writes docs/regels/<regelset>.md; a test checks
that the committed pages are up to date.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from toetsing.regels.laden import beschikbare_regelsets, laad_regelset, standaard_map
from toetsing.regels.model import CONTROLE_SOORTEN, Regel, Regelset, Status

# the repository's docs/ (make docs runs in a checkout), not the installed package
DOCS = Path(__file__).resolve().parents[2] / "docs" / "regels"


def _cellen(werkplan: dict[str, Any], gezamenlijk: bool = False) -> str:
    if gezamenlijk:  # a joint rule's case: organisation -> its werkplan
        return " — ".join(f"**{organisatie}**: {_cellen(spec)}" for organisatie, spec in werkplan.items())
    if not werkplan:
        return "een werkplan zonder deze gegevens"
    delen = []
    for blad, inhoud in werkplan.items():
        if isinstance(inhoud, dict):
            velden = ", ".join(f"{k} = {v if v is not None else '(leeg)'}" for k, v in inhoud.items()) or "(leeg)"
            delen.append(f"blad {blad}: {velden}")
        else:
            rijen = "; ".join(
                ", ".join(f"{k} = {v if v is not None else '(leeg)'}" for k, v in rij.items()) for rij in inhoud
            )
            delen.append(f"blad {blad}: {rijen}")
    return " — ".join(delen)


def regel_markdown(regelset: Regelset, regel: Regel, niveau: int = 2) -> str:
    h = "#" * niveau
    document = regelset.documenten[regel.bron.document]
    plek = "Algemeen" if regel.blok == "algemeen" else f"Blok {regel.blok}"
    if regel.deelopdracht:
        plek += f", deelopdracht {regel.deelopdracht} ({regelset.deelopdrachten[regel.deelopdracht].naam})"
    herkomst = regelset.herkomst.get(regel.id)
    regels = [
        f"{h} {regel.id}: {regel.titel}",
        "",
        f"*{plek}*" + (f" — {herkomst}" if herkomst else ""),
        "",
        f"**Wat wordt gecontroleerd.** {regel.wat}",
        "",
        f"**Bron.** {document.titel} (`{document.bestand}`), {regel.bron.plaats}:",
        "",
        f"> {regel.bron.citaat}",
        "",
    ]
    if regel.interpretatie:
        regels += [f"**Interpretatie.** {regel.interpretatie}", ""]
    if regel.soort == "vorm":
        regels += ["**Soort: vorm.** Deze regel toetst de samenhang van het werkplan zelf (het formaat), "
                   "geen eis uit de opdracht.", ""]
    if regel.waarom:
        regels += [f"**Waarom.** {regel.waarom}", ""]
    regels += ["**Controle.** " + "; ".join(
        ", ".join(f"{k} = {v}" for k, v in sorted(c.model_dump(mode="json", exclude_none=True).items(),
                                                    key=lambda kv: kv[0] != "soort")) for c in regel.controles), ""]
    voorbeelden = {s: [g for g in regel.gevallen if g.status == s] for s in Status}
    if voorbeelden[Status.voldaan]:
        regels += ["**Wat voldoet.**", ""] + [f"- {g.naam}: {_cellen(g.werkplan, regel.gezamenlijk)}" for g in voorbeelden[Status.voldaan]] + [""]
    niet = [g for g in regel.gevallen if g.status not in (Status.voldaan,)]
    if niet:
        regels += ["**Voorbeelden die niet voldoen.**", ""] + [
            f"- *{g.status.value}* — {g.naam}: {_cellen(g.werkplan, regel.gezamenlijk)}" for g in niet] + [""]
    return "\n".join(regels)


def _opvolging(regelset: Regelset) -> list[str]:
    if not regelset.opvolger_van:
        return []
    telling: dict[str, int] = {}
    for herkomst in regelset.herkomst.values():
        soort = herkomst.split(" ")[0]
        telling[soort] = telling.get(soort, 0) + 1
    regels = [f"## Wat er veranderde ten opzichte van `{regelset.opvolger_van}`", "", regelset.wijzigingen, "",
              f"{telling.get('nieuw', 0)} regels zijn nieuw, {telling.get('gewijzigd', 0)} gewijzigd en "
              f"{telling.get('overgenomen', 0)} ongewijzigd overgenomen. Het volledige verschil: "
              f"`toetsing regels --verschil {regelset.opvolger_van} {regelset.id}`.", ""]
    if regelset.vervallen:
        regels += ["Vervallen regels:", ""] + [f"- **{v.id}**: {v.reden}" for v in regelset.vervallen] + [""]
    return regels


def _catalogi(regelset: Regelset) -> list[str]:
    """The codes this opdracht expects on the werkplan's sheets (the template lists them too)."""
    regels: list[str] = []
    if regelset.deelopdrachten:
        regels += ["## Deelopdrachten", "", "| Nr | Deelopdracht |", "|---|---|",
                   *(f"| {nr} | {d.naam} |" for nr, d in regelset.deelopdrachten.items()), ""]
    for titel, catalogus in (("Codes voor het blad Kengetallen", regelset.kengetallen),
                             ("Codes voor het blad Producten", regelset.producten),
                             ("Codes voor het blad Randvoorwaarden", regelset.randvoorwaarden)):
        if catalogus:
            regels += [f"## {titel}", "", "| Code | Omschrijving | Eenheid | Deelopdracht |", "|---|---|---|---|",
                       *(f"| `{code}` | {c.omschrijving} | {c.eenheid} | {c.deelopdracht or ''} |" for code, c in catalogus.items()),
                       ""]
    return regels


def regelset_markdown(regelset: Regelset) -> str:
    regels = [
        f"# {regelset.titel} (`{regelset.id}`)",
        "",
        "Deze pagina is gemaakt uit de regelbestanden in "
        f"`regels/{regelset.id}/`; pas die aan, niet deze pagina (`make docs`).",
        "",
        f"{len(regelset.regels)} regels. Bronnen:",
        "",
        *(f"- `{k}`: {d.titel} (`{d.bestand}`)" for k, d in regelset.documenten.items()),
        "",
        *_opvolging(regelset),
        "## Inhoud",
        "",
        *(f"- [{r.id}](#{r.id.lower()}) — {r.titel}" for r in regelset.regels),
        "",
    ]
    for regel in regelset.regels:
        regels.append(regel_markdown(regelset, regel))
    regels += _catalogi(regelset)
    if regelset.niet_toetsbaar:
        regels += ["## Eisen die niet automatisch te toetsen zijn", "",
                   "Deze eisen uit de opdracht staan wel in de bron, maar een programma kan ze niet beoordelen. "
                   "De beleidsmedewerker beoordeelt ze zelf.", ""]
        regels += [f"- **{n.eis}** ({n.bron}). {n.waarom}" for n in regelset.niet_toetsbaar]
        regels.append("")
    return "\n".join(regels)


def controles_markdown() -> str:
    """The check vocabulary, from the check models themselves."""
    regels = ["# Soorten controles", "",
              "Gemaakt uit `toetsing/controles/` (`make docs`): elke soort is daar één klasse. Elke regel kiest "
              "onder `controles:` een of meer van deze soorten.", ""]
    for soort, model in CONTROLE_SOORTEN.items():
        velden = [f"`{naam}`" + ("" if veld.is_required() else f" (mag weg; standaard {veld.default!r})")
                  for naam, veld in model.model_fields.items() if naam != "soort"]
        blad = ", ".join(sorted(model.model_construct().bladen() - {""})) if model.blad else "het blad van `tabel`"
        regels += [f"## `{soort}`", "", (model.__doc__ or "").strip(), "", f"Leest: {blad}.", "",
                   "Velden: " + ", ".join(velden), ""]
    return "\n".join(regels)


def bladen_markdown() -> str:
    """The werkplan's sheets and columns with every name toetsing accepts, from the contract itself."""
    from toetsing.werkplan.contract import ALGEMEEN_FIELDS, TABLES

    regels = ["# Bladen en kolommen van het werkplan", "",
              "Gemaakt uit `toetsing/werkplan/contract.py` (`make docs`), de enige plek waar bladen, kolommen en hun "
              "synoniemen staan. Hoofdletters, accenten, spaties en een `:` of `*` aan het eind tellen niet.", ""]
    for tabel in TABLES:
        regels += [f"## {tabel.sheet}", "", f"Andere namen voor het blad: {', '.join(tabel.sheet_names[1:]) or 'geen'}.", ""]
        if tabel.uitleg:
            regels += [tabel.uitleg, ""]
        kolommen = ALGEMEEN_FIELDS if tabel.attribute is None else tabel.columns
        kop = "veld" if tabel.attribute is None else "kolom"
        regels += [f"| {kop} | soort | ook goed |", "|---|---|---|"]
        regels += [f"| {k.label} | {k.kind.value} | {', '.join(k.names[1:]) or '–'} |" for k in kolommen]
        regels.append("")
    return "\n".join(regels)


def schrijf_alles(map_: Path = DOCS) -> list[Path]:
    map_.mkdir(parents=True, exist_ok=True)
    (map_ / "controles.md").write_text(controles_markdown(), encoding="utf-8")
    (map_ / "bladen.md").write_text(bladen_markdown(), encoding="utf-8")
    geschreven = [map_ / "controles.md", map_ / "bladen.md"]
    for regelset_id in beschikbare_regelsets(standaard_map()):  # the shipped sets only, never an own folder
        pad = map_ / f"{regelset_id}.md"
        pad.write_text(regelset_markdown(laad_regelset(regelset_id, standaard_map())), encoding="utf-8")
        geschreven.append(pad)
    return geschreven


if __name__ == "__main__":
    for pad in schrijf_alles():
        print(pad, file=sys.stderr)
