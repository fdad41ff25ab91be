"""Load a rule set folder (`regelset.yaml` + one or more rule files) into a `Regelset`.

Every problem is collected and reported with its file, rule id and line, so a policy
officer editing a rule file can find it; nothing half-loaded is ever used.

Rule sets are looked up first in the gemeente's own folder (`--regels MAP` or the
environment variable TOETSING_REGELS), then among the shipped ones (package data
`toetsing.regelsets`, the folder regels/ of the repository).
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from toetsing.fouten import RegelFout
from toetsing.regels.model import Regel, Regelset

REGELSET_BESTAND = "regelset.yaml"
EIGEN_REGELS = "TOETSING_REGELS"  # environment variable: the gemeente's own rule folder
_PLAATSHOUDER = re.compile(r"^\{(\w+)\}$")
# a rule file is small; more nodes than this once its aliases are expanded is an alias bomb
_MAX_KNOPEN = 200_000


def standaard_map() -> Path:
    """The rule sets shipped with toetsing: the package data `toetsing.regelsets`."""
    naast = Path(__file__).resolve().parents[2] / "regels"
    if (naast / "__init__.py").is_file() and (naast.parent / "pyproject.toml").is_file():
        # run from a checkout (its folder first on sys.path): its own regels/, whichever copy the venv installed
        return naast
    return Path(resources.files("toetsing.regelsets"))


def eigen_map() -> Path | None:
    """The gemeente's own rule folder, from --regels or TOETSING_REGELS; None when not given."""
    waarde = os.environ.get(EIGEN_REGELS, "").strip()
    if not waarde:
        return None
    map_ = Path(waarde).expanduser()
    if not map_.exists():
        raise RegelFout(f"De map met eigen regels {map_} (--regels of {EIGEN_REGELS}) bestaat niet.")
    if not map_.is_dir():
        raise RegelFout(f"{map_} (--regels of {EIGEN_REGELS}) is een bestand, geen map. Geef de map waarin de "
                        f"regelsets staan, elk als map met een {REGELSET_BESTAND}.")
    try:
        next(map_.iterdir(), None)
    except OSError:
        raise RegelFout(f"De map met eigen regels {map_} (--regels of {EIGEN_REGELS}) kan niet worden gelezen.") from None
    return map_


def zoekpad(map_: Path | None = None) -> list[Path]:
    """Where rule sets are looked up, in order: the own folder (map_, else --regels or
    TOETSING_REGELS), then the shipped rule sets."""
    eigen = map_ or eigen_map()
    return [*([eigen] if eigen else []), standaard_map()]


def beschikbare_regelsets(map_: Path | None = None) -> list[str]:
    return _bekend(zoekpad(map_))


def regelset_map(regelset_id: str, map_: Path | None = None) -> Path | None:
    """The folder of a rule set: the first on the search path that has it."""
    return _folder(zoekpad(map_), regelset_id)


def _bekend(paden: list[Path]) -> list[str]:
    return sorted({p.parent.name for basis in paden for p in basis.glob(f"*/{REGELSET_BESTAND}")})


def _folder(paden: list[Path], regelset_id: str) -> Path | None:
    return next((basis / regelset_id for basis in paden if (basis / regelset_id / REGELSET_BESTAND).is_file()), None)


@dataclass(frozen=True)
class Probleem:
    """One reason a rule set does not load, with where it is (for `toetsing regels controleer`)."""

    tekst: str
    bestand: str = ""
    regel: int | None = None  # line in the file
    regel_id: str | None = None
    onleesbaar: bool = False  # the file is no YAML or cannot be read: nothing in it was checked

    def __str__(self) -> str:
        waar = ", ".join([*([self.bestand] if self.bestand else []), *([f"regel {self.regel}"] if self.regel else []),
                          *([f"regel-id {self.regel_id}"] if self.regel_id else [])])
        return f"{waar}: {self.tekst}" if waar else self.tekst


class RegelsetFout(RegelFout):
    """A rule set that does not load, with every problem found."""

    def __init__(self, folder: Path, problemen: list[Probleem]):
        kop = f"De regels in {folder} kunnen niet worden gelezen ({len(problemen)} fout(en)):"
        super().__init__("\n".join([kop, *(f"  - {p}" for p in problemen)]))
        self.folder, self.problemen = folder, problemen


def laad_regelset(regelset_id: str, map_: Path | None = None) -> Regelset:
    """A rule set by its id; map_ is an own folder searched before the shipped sets
    (default: --regels or TOETSING_REGELS)."""
    paden = zoekpad(map_)
    problemen: list[Probleem] = []
    ruw = _ruwe_regelset(paden, regelset_id, problemen, keten=())
    folder = ruw.mappen[-1] if ruw else regelset_map(regelset_id, map_)
    if problemen or ruw is None:
        raise RegelsetFout(folder, problemen)

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
        raise RegelsetFout(folder, problemen)
    regelset = regelset.model_copy(update={
        "regels": regels, "herkomst": ruw.herkomst, "vingerafdruk": _vingerafdruk(ruw.mappen)})
    problemen = _samenhang(regelset, {data.get("id"): (bestand, node) for data, bestand, node in ruw.regels.values()
                                      if isinstance(data, dict)})
    if problemen:
        raise RegelsetFout(folder, problemen)
    return regelset


def plaatsen(regelset_id: str, map_: Path | None = None) -> dict[str, tuple[str, int | None]]:
    """Rule id -> the file and line where a rule set that loads writes (or last changes) it."""
    ruw = _ruwe_regelset(zoekpad(map_), regelset_id, [], keten=())
    return {data.get("id", data.get("wijzig")): (bestand, _regelnummer(node))
            for data, bestand, node in (ruw.regels.values() if ruw else ()) if isinstance(data, dict)}


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


def _ruwe_regelset(paden: list[Path], regelset_id: str, problemen: list[Probleem],
                   keten: tuple[str, ...]) -> _Ruw | None:
    # only a name of a folder that is there: never a path or an arbitrary text in a path
    bekend = _bekend(paden)
    if regelset_id not in bekend:
        waar = f" (genoemd als opvolger_van in {keten[-1]})" if keten else ""
        getoond = str(regelset_id)[:60] + ("…" if len(str(regelset_id)) > 60 else "")
        raise RegelFout(f"Regelset '{getoond}'{waar} bestaat niet. Beschikbaar: {', '.join(bekend) or 'geen'}.")
    folder = _folder(paden, regelset_id)
    if regelset_id in keten:
        raise RegelFout(f"Regelset {regelset_id} volgt via opvolger_van zichzelf op: {' -> '.join((*keten, regelset_id))}.")
    kop, kop_node = _lees_yaml(folder / REGELSET_BESTAND, problemen)
    if not isinstance(kop, dict):
        problemen.append(Probleem("hier hoort de beschrijving van de regelset (id, titel, ...)", REGELSET_BESTAND))
        return None
    eigen = [r for b in sorted(folder.glob("*.yaml")) if b.name != REGELSET_BESTAND for r in _lees_ruwe_regels(b, problemen)]

    ouder_id = kop.get("opvolger_van")
    ruw = _Ruw(dict(kop), kop_node, {}, mappen=[folder])
    vervallen = kop.pop("vervallen", None) or []
    ruw.kop.pop("vervallen", None)
    if ouder_id:
        ouder = _ruwe_regelset(paden, ouder_id, problemen, (*keten, regelset_id))
        if ouder is None:
            return None
        ruw.regels = dict(ouder.regels)
        ruw.herkomst = {i: f"overgenomen uit {ouder_id}" for i in ouder.regels}
        ruw.mappen = [*ouder.mappen, folder]
        for sleutel in _CATALOGI:
            ruw.kop[sleutel] = {**ouder.kop.get(sleutel, {}), **(kop.get(sleutel) or {})}
        # inherited, plus the successor's own; an own entry with `vervalt: ja` removes the inherited one
        eigen_lijst = kop.get("niet_toetsbaar") or []
        weg = {n.get("id") or n.get("eis") for n in eigen_lijst if isinstance(n, dict) and n.get("vervalt")}
        ruw.kop["niet_toetsbaar"] = [n for n in ouder.kop.get("niet_toetsbaar", [])
                                     if not weg & {n.get("id"), n.get("eis")}] + [
            n for n in eigen_lijst if not (isinstance(n, dict) and n.get("vervalt"))]
        for item in vervallen:
            vervallen_id = item.get("id") if isinstance(item, dict) else item
            if vervallen_id not in ruw.regels:
                problemen.append(Probleem(f"vervallen regel '{vervallen_id}' bestaat niet in {ouder_id}", REGELSET_BESTAND))
                continue
            del ruw.regels[vervallen_id], ruw.herkomst[vervallen_id]
            ruw.vervallen.append(item)
    elif vervallen:
        problemen.append(Probleem("'vervallen' kan alleen bij een regelset met 'opvolger_van'", REGELSET_BESTAND))

    for data, bestand, node in eigen:
        if isinstance(data, dict) and "wijzig" in data:
            regel_id = data["wijzig"]
            if regel_id not in ruw.regels or ruw.herkomst.get(regel_id, "nieuw") == "nieuw":
                problemen.append(Probleem(f"wijzig '{regel_id}': die regel bestaat niet in {ouder_id or 'een vorige regelset'}",
                                          bestand, _regelnummer(node)))
                continue
            nieuw = _voeg_samen(ruw.regels[regel_id][0], {k: v for k, v in data.items() if k != "wijzig"})
            ruw.regels[regel_id] = (nieuw, bestand, node)
            ruw.herkomst[regel_id] = f"gewijzigd ten opzichte van {ouder_id}"
            continue
        regel_id = data.get("id") if isinstance(data, dict) else None
        if ouder_id and ruw.herkomst.get(regel_id, "").startswith("overgenomen"):
            problemen.append(Probleem(f"bestaat al in {ouder_id}; schrijf 'wijzig: {regel_id}' en alleen wat verandert",
                                      bestand, _regelnummer(node), regel_id))
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


def _regelnummer(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


# libyaml's parser where PyYAML has it (its wheels do): ten times faster, the same nodes and line numbers
_LADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _lees_yaml(pad: Path, problemen: list[Probleem]) -> tuple[Any, yaml.Node | None]:
    try:
        node = yaml.compose(pad.read_text(encoding="utf-8"), Loader=_LADER)
        if _knopen(node, {}) > _MAX_KNOPEN:
            problemen.append(Probleem(
                f"het bestand verwijst zo vaak naar zijn eigen stukken (&anker en *verwijzing) dat het uitgeschreven "
                f"meer dan {_MAX_KNOPEN:_} delen heeft; zo'n bestand wordt geweigerd".replace("_", "."),
                pad.name, onleesbaar=True))
            return None, None
        return (yaml.SafeLoader("").construct_document(node) if node is not None else None), node
    except yaml.MarkedYAMLError as fout:
        regel = fout.problem_mark.line + 1 if fout.problem_mark else None
        problemen.append(Probleem(f"geen geldige YAML ({fout.problem})", pad.name, regel, onleesbaar=True))
    except (OSError, UnicodeDecodeError) as fout:
        problemen.append(Probleem(f"kan het bestand niet lezen ({fout})", pad.name, onleesbaar=True))
    return None, None


def _knopen(node: yaml.Node | None, gezien: dict[int, int]) -> int:
    """How many nodes the document has with every alias written out (counted once per node)."""
    if node is None:
        return 0
    if id(node) not in gezien:
        gezien[id(node)] = 1  # an alias cycle counts once instead of recursing forever
        kinderen = (node.value if isinstance(node, yaml.SequenceNode)
                    else [n for paar in node.value for n in paar] if isinstance(node, yaml.MappingNode) else [])
        gezien[id(node)] = 1 + sum(_knopen(k, gezien) for k in kinderen)
    return gezien[id(node)]


def _lees_ruwe_regels(pad: Path, problemen: list[Probleem]) -> list[tuple[Any, str, yaml.Node | None]]:
    data, node = _lees_yaml(pad, problemen)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("regels"), list):
        problemen.append(Probleem("het bestand moet een lijst 'regels:' bevatten", pad.name))
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


def _pydantic_problemen(fout: ValidationError, bestand: str, node: yaml.Node | None,
                        data: Any = None) -> list[Probleem]:
    regel_id = data.get("id") if isinstance(data, dict) else None
    uit = []
    for detail in fout.errors():
        pad = [p for p in detail["loc"] if not (isinstance(p, str) and "[" in p)]  # drop union tags
        veld = ".".join(str(p) for p in pad) or "(bestand)"
        uit.append(Probleem(f"{veld}: {_nederlands(detail)}", bestand, _regelnummer(_volg(node, pad) or node),
                            regel_id or None))
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


def _samenhang(regelset: Regelset, plaatsen: dict[str, tuple[str, yaml.Node | None]]) -> list[Probleem]:
    """Checks across rules: unique ids, known documents, codes and deelopdrachten."""
    problemen = []
    gezien: set[str] = set()
    for regel in regelset.regels:
        bestand, node = plaatsen.get(regel.id, ("", None))

        def probleem(tekst: str) -> None:
            problemen.append(Probleem(tekst, bestand, _regelnummer(node), regel.id))

        if regel.id in gezien:
            probleem("dit id komt twee keer voor")
        gezien.add(regel.id)
        if regel.bron.document not in regelset.documenten:
            probleem(f"bron.document '{regel.bron.document}' staat niet onder 'documenten' in {REGELSET_BESTAND}")
        if regel.deelopdracht is not None and regel.deelopdracht not in regelset.deelopdrachten:
            probleem(f"deelopdracht {regel.deelopdracht} staat niet onder 'deelopdrachten'")
        for controle in regel.controles:
            for catalogus, codes in controle.catalogus_codes():
                naam = {"kengetallen": "kengetal", "producten": "product", "randvoorwaarden": "randvoorwaarde"}[catalogus]
                for code in codes:
                    if code not in getattr(regelset, catalogus):
                        probleem(f"{naam} '{code}' staat niet in de lijst '{catalogus}' van {REGELSET_BESTAND}")
            for nr in controle.deelopdrachten():
                if nr not in regelset.deelopdrachten:
                    probleem(f"deelopdracht {nr} staat niet onder 'deelopdrachten'")
    if not problemen:
        problemen += _compileert(regelset, plaatsen)
    return problemen


def _compileert(regelset: Regelset, plaatsen: dict[str, tuple[str, yaml.Node | None]]) -> list[Probleem]:
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
                    bestand, node = plaatsen.get(regel.id, ("", None))
                    problemen.append(Probleem(str(fout).removeprefix(f"regel-id {regel.id}: "), bestand,
                                              _regelnummer(node), regel.id))
    return list(dict.fromkeys(problemen))
