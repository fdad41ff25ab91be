"""What a check says to the engine: its parts (`Deel`) and the patterns of durable-rules'
JSON syntax they are written in. durable-rules' quirks live here and nowhere else.

Quirks this module hides (found while building the engine, see engine/compileer.py):
a fact reference inside a nested `$and` is mis-evaluated, so patterns are flattened;
its regular expressions ($mt) each build a large automaton (482 of them took 260 MB), so
a text's mentions are facts of their own (feiten._vermeldingen) matched on equal values;
a fact bound in a rule is left out of that rule's negations, so "the sheet exists and
nothing in it says X" needs an anchor fact other than the rows themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from toetsing.status import Status

Patroon = dict[str, Any]
EINDE: Patroon = {"soort": "einde"}


@dataclass
class Deel:
    """One engine rule: when its condition holds, the rule gets `status` for this part."""

    regel: str
    status: Status
    # Dutch sentence; {gevonden} is filled with the value found in the evidence cells,
    # {alias.veld} with a property of a matched fact
    tekst: str
    verwacht: str = ""
    # alias in the condition -> fact fields whose cells are the evidence
    bewijs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    conditie: list[Patroon] = field(default_factory=list)
    # what to do about it, one imperative sentence with the same placeholders as `tekst`
    # (every part that is not voldaan has one)
    actie: str = ""
    # the contract sheet the part reads (set by the compiler from its check): where to look
    blad: str = ""


def feit(soort: str, *voorwaarden: Patroon) -> Patroon:
    return en({"soort": soort}, *voorwaarden)


def bestaat(veld: str) -> Patroon:
    return {"$ex": {veld: 1}}


def bestaat_niet(veld: str) -> Patroon:
    return {"$nex": {veld: 1}}


def en(*voorwaarden: Patroon) -> Patroon:
    # flat: durable-rules mis-evaluates a fact reference inside a nested $and
    plat = [d for v in voorwaarden for d in (v["$and"] if set(v) == {"$and"} else [v])]
    return {"$and": plat} if len(plat) > 1 else plat[0]


def vergelijk(op: str, veld: str, waarde: Any) -> Patroon:
    return {op: {veld: waarde}}


def niet(alias: str, patroon: Patroon) -> Patroon:
    return {f"{alias}$not": patroon}


def met(alias: str, patroon: Patroon) -> Patroon:
    return {alias: patroon}


def in_groep(conditie: list[Patroon], groep: int) -> list[Patroon]:
    """The condition waiting for the `einde` fact of `groep`: durable-rules links at most 256
    rules to one pattern (BETA_LIST_LENGTH), so the parts are spread over several einde facts."""
    return [{alias: {"$and": [EINDE, {"groep": groep}]}} if patroon == EINDE else {alias: patroon}
            for item in conditie for alias, patroon in item.items()]


def gebruikte_velden(conditie: list[Patroon]) -> Iterator[tuple[str, str]]:
    """(fact kind, field) for every field a condition reads, references to other facts
    of the condition included, so a compiled rule set can be checked against the fact
    kinds the facts layer declares."""
    soorten: dict[str, str] = {}
    delen: list[tuple[str, list[Patroon]]] = []
    for item in conditie:
        ((sleutel, patroon),) = item.items()
        alias = sleutel.split("$")[0]
        lijst = patroon["$and"] if set(patroon) == {"$and"} else [patroon]
        soorten[alias] = next((d["soort"] for d in lijst if "soort" in d and not isinstance(d["soort"], dict)), "?")
        delen.append((alias, lijst))
    for alias, lijst in delen:
        for d in lijst:
            for sleutel, waarde in d.items():
                if sleutel.startswith("$"):
                    for veld, rechts in waarde.items():
                        yield soorten[alias], veld
                        yield from _verwijzingen(rechts, soorten)
                elif sleutel != "soort":
                    yield soorten[alias], sleutel
                    yield from _verwijzingen(waarde, soorten)


def gezocht(conditie: list[Patroon], soort: str) -> Iterator[dict[str, Any]]:
    """The values asked for equal of every pattern of fact kind `soort` in a condition, negated
    ones included: the facts layer makes the facts of a kind some are only for what a rule
    looks for (a `vermelding` per term, a `kengetalnaam` per name of a code's list)."""
    for item in conditie:
        for patroon in item.values():
            lijst = patroon["$and"] if set(patroon) == {"$and"} else [patroon]
            waarden = {k: v for d in lijst for k, v in d.items() if not k.startswith("$")}
            if waarden.get("soort") == soort:
                yield waarden


def _verwijzingen(waarde: Any, soorten: dict[str, str]) -> Iterator[tuple[str, str]]:
    # {"d": "getal"} refers to field getal of the fact bound as d; $mul and the like nest them
    if isinstance(waarde, dict):
        for sleutel, binnen in waarde.items():
            if sleutel in soorten and isinstance(binnen, str):
                yield soorten[sleutel], binnen
            else:
                yield from _verwijzingen(binnen, soorten)
