"""Load a rule set folder (`regelset.yaml` + one or more rule files) into a `Regelset`.

Every problem is collected and reported with its file, rule id and line, so a policy
officer editing a rule file can find it; nothing half-loaded is ever used.
"""
from __future__ import annotations

import hashlib
import re
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
    folder = basis / regelset_id
    if not (folder / REGELSET_BESTAND).is_file():
        beschikbaar = ", ".join(beschikbare_regelsets(basis)) or "geen"
        raise RegelFout(f"Regelset '{regelset_id}' bestaat niet. Beschikbaar: {beschikbaar}.")

    problemen: list[str] = []
    kop, kop_node = _lees_yaml(folder / REGELSET_BESTAND, problemen)
    regels: list[Regel] = []
    for bestand in sorted(folder.glob("*.yaml")):
        if bestand.name != REGELSET_BESTAND:
            regels.extend(_lees_regels(bestand, problemen))
    if problemen:
        raise RegelFout(_samen(folder, problemen))

    try:
        regelset = Regelset.model_validate({**(kop or {}), "regels": []})
    except ValidationError as fout:
        raise RegelFout(_samen(folder, _pydantic_problemen(fout, REGELSET_BESTAND, kop_node))) from None
    regelset = regelset.model_copy(update={"regels": regels, "vingerafdruk": _vingerafdruk(folder)})
    problemen = _samenhang(regelset)
    if problemen:
        raise RegelFout(_samen(folder, problemen))
    return regelset


def _vingerafdruk(folder: Path) -> str:
    h = hashlib.sha256()
    for bestand in sorted(folder.glob("*.yaml")):
        h.update(bestand.name.encode() + b"\0" + bestand.read_bytes() + b"\0")
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


def _lees_regels(pad: Path, problemen: list[str]) -> list[Regel]:
    data, node = _lees_yaml(pad, problemen)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("regels"), list):
        problemen.append(f"{pad.name}: het bestand moet een lijst 'regels:' bevatten")
        return []
    regels = []
    for index, item in enumerate(data["regels"]):
        item_node = _volg(node, ["regels", index])
        for ruwe_regel in _vouw_reeks_uit(item):
            try:
                regels.append(Regel.model_validate(ruwe_regel))
            except ValidationError as fout:
                problemen.extend(_pydantic_problemen(fout, pad.name, item_node, ruwe_regel))
    return regels


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


def _samenhang(regelset: Regelset) -> list[str]:
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
            for lijst, catalogus, naam in _codes_van(controle, regelset):
                for code in lijst:
                    if code not in catalogus:
                        problemen.append(f"{waar}: {naam} '{code}' staat niet in de lijst '{naam}en' van {REGELSET_BESTAND}")
            nr = getattr(controle, "nr", None)
            if nr is not None and nr not in regelset.deelopdrachten:
                problemen.append(f"{waar}: deelopdracht {nr} staat niet onder 'deelopdrachten'")
    return problemen


def _codes_van(controle: Any, regelset: Regelset) -> list[tuple[list[str], dict, str]]:
    uit = []
    if hasattr(controle, "codes"):
        catalogus = regelset.randvoorwaarden if controle.soort == "codes-akkoord" else regelset.kengetallen
        uit.append((controle.codes, catalogus, "randvoorwaarde" if controle.soort == "codes-akkoord" else "kengetal"))
    if controle.soort == "kengetal-toename":
        uit.append(([controle.code, controle.nulmeting], regelset.kengetallen, "kengetal"))
    if hasattr(controle, "product"):
        uit.append(([controle.product], regelset.producten, "product"))
    return uit
