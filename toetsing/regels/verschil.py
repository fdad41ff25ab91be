"""What changed between two rule sets, in words (`toetsing regels --verschil A B`)."""
from __future__ import annotations

from typing import Any

from toetsing.regels.model import Regel, Regelset

_VELDEN = {"titel": "titel", "wat": "wat wordt gecontroleerd", "bron": "bron", "controles": "controle",
           "blok": "blok", "deelopdracht": "deelopdracht", "uitleg": "uitleg"}


def verschil(oud: Regelset, nieuw: Regelset) -> list[str]:
    oude = {r.id: r for r in oud.regels}
    nieuwe = {r.id: r for r in nieuw.regels}
    redenen = {v.id: v.reden for v in nieuw.vervallen}
    regels = [f"Verschil tussen {oud.id} en {nieuw.id}", ""]
    toegevoegd = [i for i in nieuwe if i not in oude]
    vervallen = [i for i in oude if i not in nieuwe]
    gewijzigd = [(i, _wijzigingen(oude[i], nieuwe[i])) for i in nieuwe if i in oude]
    gewijzigd = [(i, w) for i, w in gewijzigd if w]
    regels.append(f"Nieuw ({len(toegevoegd)}):")
    regels += [f"  + {i}: {nieuwe[i].titel}" for i in toegevoegd] or ["  (geen)"]
    regels.append(f"Vervallen ({len(vervallen)}):")
    regels += [f"  - {i}: {oude[i].titel}" + (f" (reden: {redenen[i]})" if i in redenen else "") for i in vervallen] or ["  (geen)"]
    regels.append(f"Gewijzigd ({len(gewijzigd)}):")
    for i, wijzigingen in gewijzigd:
        regels.append(f"  ~ {i}:")
        regels += [f"      {w}" for w in wijzigingen]
    if not gewijzigd:
        regels.append("  (geen)")
    ongewijzigd = len([i for i in nieuwe if i in oude]) - len(gewijzigd)
    regels += ["", f"Ongewijzigd: {ongewijzigd} regels."]
    return regels


def _wijzigingen(oud: Regel, nieuw: Regel) -> list[str]:
    uit = []
    for veld, naam in _VELDEN.items():
        a, b = oud.model_dump(mode="json")[veld], nieuw.model_dump(mode="json")[veld]
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            uit += [f"{naam}, {k}: {_kort(a.get(k))} -> {_kort(b.get(k))}" for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
        elif veld == "controles" and len(a) == len(b):
            for x, y in zip(a, b):
                uit += [f"{naam} {x.get('soort')}, {k}: {_kort(x.get(k))} -> {_kort(y.get(k))}"
                        for k in sorted(set(x) | set(y)) if x.get(k) != y.get(k)]
        else:
            uit.append(f"{naam}: {_kort(a)} -> {_kort(b)}")
    return uit


def _kort(waarde: Any, lengte: int = 90) -> str:
    tekst = "(leeg)" if waarde is None else str(waarde)
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"
