"""Load a rule set folder (`regelset.yaml` + one or more rule files) into a `Regelset`.

Every problem is collected and reported with its file, rule id and line, so a policy
officer editing a rule file can find it; nothing half-loaded is ever used.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from toetsing.fouten import RegelFout
from toetsing.regels.model import Regel, Regelset

REGELSET_BESTAND = "regelset.yaml"
_PLAATSHOUDER = re.compile(r"^\{(\w+)\}$")


def standaard_map() -> Path:
    """The rule sets shipped with the project (`regels/` beside the package)."""
    return Path(__file__).resolve().parents[2] / "regels"


def beschikbare_regelsets(map_: Path | None = None) -> list[str]:
    basis = map_ or standaard_map()
    return sorted(p.parent.name for p in basis.glob(f"*/{REGELSET_BESTAND}"))


def laad_regelset(regelset_id: str, map_: Path | None = None) -> Regelset:
    basis = map_ or standaard_map()
    problemen: list[str] = []
    ruw = _ruwe_regelset(basis, regelset_id, problemen, keten=())
    folder = basis / regelset_id
    if problemen or ruw is None:
        raise RegelFout(_samen(folder, problemen))

    regels: list[Regel] = []
    for data, bestand, node in ruw.regels.values():
        try:
            regels.append(Regel.model_validate(data))
        except ValidationError as fout:
            problemen.extend(_pydantic_problemen(fout, bestand, node, data))
    try:
        regelset = Regelset.model_validate({**ruw.kop, "vervallen": ruw.vervallen})
    except ValidationError as fout:
        problemen.extend(_pydantic_problemen(fout, REGELSET_BESTAND, ruw.kop_node))
    if problemen:
        raise RegelFout(_samen(folder, problemen))
    regelset = regelset.model_copy(update={
        "regels": regels, "herkomst": ruw.herkomst, "vingerafdruk": _vingerafdruk(ruw.mappen)})
    problemen = _samenhang(regelset, {data.get("id"): bestand for data, bestand, _ in ruw.regels.values()
                                      if isinstance(data, dict)})
    if problemen:
        raise RegelFout(_samen(folder, problemen))
    return regelset


@dataclass
class _Ruw:
    """A rule set as YAML data, with its predecessors already folded in."""

    kop: dict[str, Any]
    kop_node: yaml.Node | None
    regels: dict[str, tuple[Any, str, yaml.Node | None]]  # key -> (data, file, node for line numbers)
    herkomst: dict[str, str] = field(default_factory=dict)
    vervallen: list[Any] = field(default_factory=list)
    mappen: list[Path] = field(default_factory=list)


# catalogues a successor extends or overrides key by key
_CATALOGI = ("documenten", "deelopdrachten", "kengetallen", "producten", "randvoorwaarden", "brief")


def _ruwe_regelset(basis: Path, regelset_id: str, problemen: list[str], keten: tuple[str, ...]) -> _Ruw | None:
    # only a name of a folder that is there: never a path or an arbitrary text in a path
    if regelset_id not in beschikbare_regelsets(basis):
        beschikbaar = ", ".join(beschikbare_regelsets(basis)) or "geen"
        waar = f" (genoemd als opvolger_van in {keten[-1]})" if keten else ""
        getoond = str(regelset_id)[:60] + ("…" if len(str(regelset_id)) > 60 else "")
        raise RegelFout(f"Regelset '{getoond}'{waar} bestaat niet. Beschikbaar: {beschikbaar}.")
    folder = basis / regelset_id
    if regelset_id in keten:
        raise RegelFout(f"Regelset {regelset_id} volgt via opvolger_van zichzelf op: {' -> '.join((*keten, regelset_id))}.")
    kop, kop_node = _lees_yaml(folder / REGELSET_BESTAND, problemen)
    if not isinstance(kop, dict):
        problemen.append(f"{REGELSET_BESTAND}: hier hoort de beschrijving van de regelset (id, titel, ...)")
        return None
    eigen = [r for b in sorted(folder.glob("*.yaml")) if b.name != REGELSET_BESTAND for r in _lees_ruwe_regels(b, problemen)]

    ouder_id = kop.get("opvolger_van")
    ruw = _Ruw(dict(kop), kop_node, {}, mappen=[folder])
    vervallen = kop.pop("vervallen", None) or []
    ruw.kop.pop("vervallen", None)
    if ouder_id:
        ouder = _ruwe_regelset(basis, ouder_id, problemen, (*keten, regelset_id))
        if ouder is None:
            return None
        ruw.regels = dict(ouder.regels)
        ruw.herkomst = {i: f"overgenomen uit {ouder_id}" for i in ouder.regels}
        ruw.mappen = [*ouder.mappen, folder]
        for sleutel in _CATALOGI:
            ruw.kop[sleutel] = {**ouder.kop.get(sleutel, {}), **(kop.get(sleutel) or {})}
        # inherited, plus the successor's own; an own entry with `vervalt: ja` removes the inherited one
        eigen_lijst = kop.get("niet_toetsbaar") or []
        weg = {n.get("eis") for n in eigen_lijst if isinstance(n, dict) and n.get("vervalt")}
        ruw.kop["niet_toetsbaar"] = [n for n in ouder.kop.get("niet_toetsbaar", []) if n.get("eis") not in weg] + [
            n for n in eigen_lijst if not (isinstance(n, dict) and n.get("vervalt"))]
        for item in vervallen:
            vervallen_id = item.get("id") if isinstance(item, dict) else item
            if vervallen_id not in ruw.regels:
                problemen.append(f"{REGELSET_BESTAND}: vervallen regel '{vervallen_id}' bestaat niet in {ouder_id}")
                continue
            del ruw.regels[vervallen_id], ruw.herkomst[vervallen_id]
            ruw.vervallen.append(item)
    elif vervallen:
        problemen.append(f"{REGELSET_BESTAND}: 'vervallen' kan alleen bij een regelset met 'opvolger_van'")

    for data, bestand, node in eigen:
        regel = f"{bestand}, regel {node.start_mark.line + 1 if node else '?'}"
        if isinstance(data, dict) and "wijzig" in data:
            regel_id = data["wijzig"]
            if regel_id not in ruw.regels or ruw.herkomst.get(regel_id, "nieuw") == "nieuw":
                problemen.append(f"{regel}: wijzig '{regel_id}': die regel bestaat niet in {ouder_id or 'een vorige regelset'}")
                continue
            nieuw = _voeg_samen(ruw.regels[regel_id][0], {k: v for k, v in data.items() if k != "wijzig"})
            ruw.regels[regel_id] = (nieuw, bestand, node)
            ruw.herkomst[regel_id] = f"gewijzigd ten opzichte van {ouder_id}"
            continue
        regel_id = data.get("id") if isinstance(data, dict) else None
        if ouder_id and ruw.herkomst.get(regel_id, "").startswith("overgenomen"):
            problemen.append(f"{regel}, regel-id {regel_id}: bestaat al in {ouder_id}; schrijf 'wijzig: {regel_id}' en alleen wat verandert")
            continue
        # a repeated id gets its own key here so that _samenhang can report it
        ruw.regels[regel_id if regel_id not in ruw.regels else f"{regel_id}#{len(ruw.regels)}"] = (data, bestand, node)
        if ouder_id:
            ruw.herkomst[regel_id] = "nieuw"
    return ruw


def _voeg_samen(oud: Any, nieuw: Any) -> Any:
    """A change names only what differs: mappings merge key by key, anything else is replaced."""
    if isinstance(oud, dict) and isinstance(nieuw, dict):
        return {**oud, **{k: _voeg_samen(oud.get(k), v) for k, v in nieuw.items()}}
    return nieuw


def _vingerafdruk(mappen: list[Path]) -> str:
    h = hashlib.sha256()
    for folder in mappen:
        for bestand in sorted(folder.glob("*.yaml")):
            h.update(f"{folder.name}/{bestand.name}".encode() + b"\0" + bestand.read_bytes() + b"\0")
    return h.hexdigest()


def _samen(folder: Path, problemen: list[str]) -> str:
    kop = f"De regels in {folder} kunnen niet worden gelezen ({len(problemen)} fout(en)):"
    return "\n".join([kop, *("  - " + p for p in problemen)])


def _lees_yaml(pad: Path, problemen: list[str]) -> tuple[Any, yaml.Node | None]:
    try:
        tekst = pad.read_text(encoding="utf-8")
        return yaml.safe_load(tekst), yaml.compose(tekst, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as fout:
        regel = fout.problem_mark.line + 1 if fout.problem_mark else "?"
        problemen.append(f"{pad.name}, regel {regel}: geen geldige YAML ({fout.problem})")
    except (OSError, UnicodeDecodeError) as fout:
        problemen.append(f"{pad.name}: kan het bestand niet lezen ({fout})")
    return None, None


def _lees_ruwe_regels(pad: Path, problemen: list[str]) -> list[tuple[Any, str, yaml.Node | None]]:
    data, node = _lees_yaml(pad, problemen)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("regels"), list):
        problemen.append(f"{pad.name}: het bestand moet een lijst 'regels:' bevatten")
        return []
    return [(ruwe_regel, pad.name, _volg(node, ["regels", index]))
            for index, item in enumerate(data["regels"]) for ruwe_regel in _vouw_reeks_uit(item)]


def _vouw_reeks_uit(item: Any) -> list[Any]:
    """A `reeks` writes one rule once for several deelopdrachten: every {name} in the
    `regel` is filled from each entry of the reeks."""
    if not (isinstance(item, dict) and "reeks" in item):
        return [item]
    return [_vul_in(item.get("regel"), waarden) for waarden in item["reeks"]]


def _vul_in(sjabloon: Any, waarden: dict[str, Any]) -> Any:
    if isinstance(sjabloon, str):
        enkel = _PLAATSHOUDER.match(sjabloon)
        if enkel and enkel.group(1) in waarden:
            return waarden[enkel.group(1)]  # keep the type: deelopdracht: "{nr}" stays a number
        return sjabloon.format(**waarden)
    if isinstance(sjabloon, dict):
        return {k: _vul_in(v, waarden) for k, v in sjabloon.items()}
    if isinstance(sjabloon, list):
        return [_vul_in(v, waarden) for v in sjabloon]
    return sjabloon


def _volg(node: yaml.Node | None, pad: list[Any]) -> yaml.Node | None:
    """The YAML node at a path of keys/indexes, for line numbers."""
    for stap in pad:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(stap)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(stap, int) and stap < len(node.value):
            node = node.value[stap]
        else:
            break
    return node


def _pydantic_problemen(fout: ValidationError, bestand: str, node: yaml.Node | None, data: Any = None) -> list[str]:
    regel_id = data.get("id") if isinstance(data, dict) else None
    uit = []
    for detail in fout.errors():
        pad = [p for p in detail["loc"] if not (isinstance(p, str) and "[" in p)]  # drop union tags
        doel = _volg(node, pad) or node
        regel = f", regel {doel.start_mark.line + 1}" if doel is not None else ""
        wie = f", regel-id {regel_id}" if regel_id else ""
        veld = ".".join(str(p) for p in pad) or "(bestand)"
        uit.append(f"{bestand}{regel}{wie}: {veld}: {_nederlands(detail)}")
    return uit


def _nederlands(detail: dict[str, Any]) -> str:
    soort = detail["type"]
    if soort == "missing":
        return "ontbreekt (verplicht)"
    if soort == "extra_forbidden":
        return "onbekend veld"
    if soort == "union_tag_invalid":
        return f"onbekende soort controle '{detail['input'].get('soort') if isinstance(detail['input'], dict) else detail['input']}'"
    if soort == "union_tag_not_found":
        return "geef de 'soort' van de controle"
    if soort == "string_pattern_mismatch":
        return f"'{detail['input']}' is geen geldig id (hoofdletters, cijfers en streepjes, zoals CJG-BEREIKBAARHEID)"
    return f"{detail['msg']} (gegeven: {detail['input']!r})"


def _samenhang(regelset: Regelset, bestanden: dict[str, str]) -> list[str]:
    """Checks across rules: unique ids, known documents, codes and deelopdrachten."""
    problemen = []
    gezien: set[str] = set()
    for regel in regelset.regels:
        waar = f"regel-id {regel.id}"
        if regel.id in gezien:
            problemen.append(f"{waar}: dit id komt twee keer voor")
        gezien.add(regel.id)
        if regel.bron.document not in regelset.documenten:
            problemen.append(f"{waar}: bron.document '{regel.bron.document}' staat niet onder 'documenten' in {REGELSET_BESTAND}")
        if regel.deelopdracht is not None and regel.deelopdracht not in regelset.deelopdrachten:
            problemen.append(f"{waar}: deelopdracht {regel.deelopdracht} staat niet onder 'deelopdrachten'")
        for controle in regel.controles:
            for catalogus, codes in controle.catalogus_codes():
                naam = {"kengetallen": "kengetal", "producten": "product", "randvoorwaarden": "randvoorwaarde"}[catalogus]
                for code in codes:
                    if code not in getattr(regelset, catalogus):
                        problemen.append(f"{waar}: {naam} '{code}' staat niet in de lijst '{catalogus}' van {REGELSET_BESTAND}")
            for nr in controle.deelopdrachten():
                if nr not in regelset.deelopdrachten:
                    problemen.append(f"{waar}: deelopdracht {nr} staat niet onder 'deelopdrachten'")
    if not problemen:
        problemen += _compileert(regelset, bestanden)
    return problemen


def _compileert(regelset: Regelset, bestanden: dict[str, str]) -> list[str]:
    """Every rule compiles to engine parts that read only declared fact fields."""
    from toetsing.engine.compileer import Compiler

    problemen = []
    for stuk in ("werkplan", "verantwoording"):
        compiler = Compiler(regelset, stuk)
        for regel in regelset.regels:
            if stuk in regel.toepassing:
                try:
                    compiler.delen(regel)
                except RegelFout as fout:
                    problemen.append(f"{bestanden.get(regel.id, '?')}, {fout}")
    return list(dict.fromkeys(problemen))
