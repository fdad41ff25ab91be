"""Werkplan model -> engine facts.

A fact is a flat JSON object the rules engine can match on: texts normalised, dates as
yyyymmdd numbers, quarters as yyyyq numbers, an absent value is an absent property (so
the engine can test for it). Each fact has a unique id (the engine refuses two equal
facts) and the index keeps, per fact id, the cells it was made from, so bevindingen can
point back at the workbook. Nothing here knows which rules exist.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel

from toetsing.tekst import namen, normaliseer, zonder_ontkenning
from toetsing.werkplan.contract import ALGEMEEN_VELD, TABEL, Column, Kind
from toetsing.werkplan.model import Kwartaal, Rij, W, Werkplan

Feit = dict[str, Any]
# fact id -> (field name, the value as read) for every cell the fact rests on
Index = dict[str, list[tuple[str, W]]]

# werkplan attribute -> fact kind of its rows
TABELLEN = {attribuut: tabel.feit for attribuut, tabel in TABEL.items()}
# numeric columns summed into a `som` fact, per fact kind
SOMKOLOMMEN = {tabel.feit: tabel.som_kolommen for tabel in TABEL.values() if tabel.som_kolommen}
# kept as typed: codes are compared exactly, not as normalised text
_EXACT = {Kind.CODE, Kind.ONDERDEEL}
_KOLOMMEN = {tabel.feit: {k.field: k for k in tabel.columns} for tabel in TABEL.values()}


def _feitvelden(kolom: Column) -> tuple[str, ...]:
    """The fact properties a column's value becomes (see `_eigenschappen`)."""
    if kolom.kind is Kind.NUMBER_OR_TEXT:
        return ("getal", "tekst")
    if kolom.kind is Kind.QUARTER:
        return ("jaar", "kwartaal", "kwartaalnr", "datum")
    return (kolom.field,)


def _rijvelden(soort: str) -> set[str]:
    velden = {"rij", "ingevuld", *(v for k in _KOLOMMEN[soort].values() for v in _feitvelden(k))}
    if "code" in _KOLOMMEN[soort]:
        velden.add("code")
    if any(tabel.totaal for tabel in TABEL.values() if tabel.feit == soort):
        velden.add("totaal")
    kolom = SOMKOLOMMEN.get(soort, ("",))[0]
    velden |= {f"{kolom}_verschil_{met}_pct" for met in ("vorig_jaar", "begroot")} if kolom else set()
    return velden


# The fact kinds and the fields a rule may read of each; the compiler checks every check's
# parts against it. Every fact also has `id`, `soort` and, in a joint toetsing, `werkplan`
# and `indiener`; a verantwoording's werkplan facts are `toegezegd:<soort>`.
_OVERAL = {"id", "soort", "werkplan", "indiener"}
FEITSOORTEN: dict[str, set[str]] = {soort: _OVERAL | velden for soort, velden in {
    "veld": {"veld", *(v for k in ALGEMEEN_VELD.values() for v in _feitvelden(k))},
    "reikwijdte": {"nr"},
    "tabel": {"tabel", "rijen"},
    "deelopdrachtnr": {"nr"},
    "som": {"tabel", "kolom", "waarde"},
    "einde": {"groep"},
    "kengetalnaam": {"code", "naam", "getoond", "rij"},
    "vermelding": {"bron", "veld", "term", "nr"},
    **{tabel.feit: _rijvelden(tabel.feit) for tabel in TABEL.values()},
}.items()}


@dataclass(frozen=True)
class Kader:
    """What the opdracht tells the facts about the werkplan's words, without any rule:
    which deelopdrachten `volledig` means, which code a row's description stands for
    when its code cell is empty (per fact kind: normalised description -> code), which
    deelopdracht a catalogue code belongs to (per fact kind: code -> nr), and which
    deelopdracht an onderdeel names by its name (normalised name or synonym -> nr), and
    which terms to look for in which texts and which codes hold a list of names."""

    deelopdrachten: tuple[int, ...] = ()
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    deelopdracht_van: dict[str, dict[str, int]] = field(default_factory=dict)
    onderdelen: dict[str, str] = field(default_factory=dict)
    # the terms the rules look for in a text, per (fact kind, field): "vermelding" facts
    termen: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    # the Kengetallen codes whose text a rule reads as a list of names: "kengetalnaam" facts
    namenlijsten: frozenset[str] = frozenset()


# The last facts of a session: rules that look for what is missing fire on one of them, so
# they judge the complete werkplan. Several, each with its `groep`: durable-rules links at
# most 256 rules to one pattern (engine/patronen.py), and most parts wait for `einde`.
EINDE_GROEPEN = 8


def einde() -> list[Feit]:
    return [{"id": f"einde-{g}", "soort": "einde", "groep": g} for g in range(EINDE_GROEPEN)]


def datumnummer(d: date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def kwartaalnummer(jaar: int, kwartaal: int) -> int:
    return jaar * 10 + kwartaal


def maak_feiten(werkplan: Werkplan, kader: Kader = Kader()) -> tuple[list[Feit], Index]:
    feiten: list[Feit] = []
    index: Index = {}

    def voeg_toe(feit: Feit, bronnen: list[tuple[str, W]]) -> None:
        feiten.append(feit)
        index[feit["id"]] = bronnen

    velden = [(n, w) for n, w in _velden(werkplan.algemeen) if w is not None and n != "reikwijdte"]
    for naam, w in velden:
        feit = {"id": f"veld-{naam}", "soort": "veld", "veld": naam, **_eigenschappen(naam, w.waarde, ALGEMEEN_VELD[naam].kind)}
        voeg_toe(feit, [(naam, w)])
        for vermelding in _vermeldingen(feit, [(naam, w)], kader):
            voeg_toe(*vermelding)
    if velden:
        voeg_toe(*_tabelfeit("algemeen", len(velden), velden))

    reikwijdte = werkplan.algemeen.reikwijdte
    nummers = kader.deelopdrachten if reikwijdte is None else reikwijdte.waarde
    for nr in sorted(set(nummers)):
        voeg_toe({"id": f"reikwijdte-{nr}", "soort": "reikwijdte", "nr": nr},
                 [("reikwijdte", reikwijdte)] if reikwijdte else [])

    for attribuut, soort in TABELLEN.items():
        rijen: list[Rij] = getattr(werkplan, attribuut)
        alle_bronnen: list[tuple[str, W]] = []
        for rij in rijen:
            feit, bronnen = _rijfeit(soort, rij, kader, kader.codes.get(soort, {}))
            voeg_toe(feit, bronnen)
            for vermelding in _vermeldingen(feit, bronnen, kader):
                voeg_toe(*vermelding)
            if soort == "kengetal" and feit.get("code") in kader.namenlijsten:
                for naamfeit, naambronnen in _kengetalnamen(feit, rij):
                    voeg_toe(naamfeit, naambronnen)
            alle_bronnen += bronnen
        if rijen:
            voeg_toe(*_tabelfeit(soort, len(rijen), alle_bronnen))
        if soort == "deelopdracht":
            for feit, bronnen in _deelopdrachtnummers(rijen):
                voeg_toe(feit, bronnen)
        for kolom in SOMKOLOMMEN.get(soort, ()):
            feit, bronnen = _somfeit(soort, kolom, rijen)
            if feit:
                voeg_toe(feit, bronnen)

    for feit in einde():
        voeg_toe(feit, [])
    return feiten, index


def maak_gezamenlijke_feiten(werkplannen: list[tuple[Werkplan, str]], kader: Kader = Kader()) -> tuple[list[Feit], Index]:
    """The facts of several (werkplan, indiener) for one joint session: each fact tagged with
    its `werkplan` (1, 2, ...) and `indiener` (who submitted it), ids unique per werkplan,
    and one `einde` after all of them. A cell names its workbook the way Excel refers to a
    cell in another workbook: [werkplan-a.xlsx]Kengetallen!C4."""
    feiten: list[Feit] = []
    index: Index = {}
    for nr, (werkplan, indiener) in enumerate(werkplannen, start=1):
        eigen, eigen_index = maak_feiten(werkplan, kader)
        boek = Path(werkplan.bestand).name
        for feit in eigen:
            if feit["soort"] == "einde":
                continue
            uniek = f"w{nr}-{feit['id']}"
            feiten.append({**feit, "id": uniek, "werkplan": nr, "indiener": indiener})
            index[uniek] = [(veld, w.model_copy(update={"plek": w.plek.model_copy(update={"blad": f"[{boek}]{w.plek.blad}"})}))
                            for veld, w in eigen_index[feit["id"]]]
    feiten += einde()
    return feiten, index


def _rijfeit(soort: str, rij: Rij, kader: Kader, codes: dict[str, str]) -> tuple[Feit, list[tuple[str, W]]]:
    feit: Feit = {"id": f"{soort}-{rij.rij}", "soort": soort, "rij": rij.rij}
    bronnen: list[tuple[str, W]] = []
    kolommen = _KOLOMMEN[soort]
    for naam, waarde in _velden(rij):
        if isinstance(waarde, W):
            feit.update(_eigenschappen(naam, waarde.waarde, kolommen[naam].kind))
            bronnen.append((naam, waarde))
        elif isinstance(waarde, list) and waarde and all(isinstance(v, W) for v in waarde):
            feit[naam] = len(waarde)  # e.g. prestatie_inhoud: how many cells have content
            bronnen.extend((naam, v) for v in waarde)
        elif naam == "is_totaal" and waarde:
            feit["totaal"] = True
    if "code" in type(rij).model_fields and "code" not in feit:
        # a row without code counts for the code whose description it repeats
        beschrijving = next((v for k, v in feit.items() if k in ("omschrijving", "product", "randvoorwaarde")), None)
        if beschrijving in codes:
            feit["code"] = codes[beschrijving]
    if "deelopdracht" in kolommen and "deelopdracht" not in feit and feit.get("code") in kader.deelopdracht_van.get(soort, {}):
        feit["deelopdracht"] = float(kader.deelopdracht_van[soort][feit["code"]])
    for naam, kolom in kolommen.items():
        # an onderdeel written as the deelopdracht's name counts as its number
        if kolom.kind is Kind.ONDERDEEL and naam in feit and normaliseer(feit[naam]) in kader.onderdelen:
            feit[naam] = kader.onderdelen[normaliseer(feit[naam])]
    if "getal" in feit or "tekst" in feit:
        feit["ingevuld"] = True
    kolom = SOMKOLOMMEN.get(soort, ("",))[0]
    for met in ("vorig_jaar", "begroot"):
        referentie = feit.get(f"{kolom}_{met}")
        if kolom in feit and referentie is not None:
            # relative difference with last year or with the budget; from nothing to something counts as 100%
            feit[f"{kolom}_verschil_{met}_pct"] = round(abs(feit[kolom] - referentie) / abs(referentie) * 100, 1) if (
                referentie) else (100.0 if feit[kolom] else 0.0)
    return feit, bronnen


def maak_verantwoording_feiten(verantwoording: Werkplan, werkplan: Werkplan, kader: Kader = Kader()) -> tuple[list[Feit], Index]:
    """A verantwoording's facts as a werkplan's, so rules for both judge them alike, plus
    the werkplan's facts as `toegezegd:<soort>` (what was committed) to compare with."""
    feiten, index = maak_feiten(verantwoording, kader)
    toegezegd, toegezegd_index = maak_feiten(werkplan, kader)
    laatste = [feiten.pop() for _ in range(EINDE_GROEPEN)][::-1]
    for f in toegezegd[:-EINDE_GROEPEN]:  # the werkplan's own einde is not needed
        feiten.append({**f, "id": f"toegezegd-{f['id']}", "soort": f"toegezegd:{f['soort']}"})
        index[feiten[-1]["id"]] = toegezegd_index[f["id"]]
    feiten += laatste
    return feiten, index


def _vermeldingen(feit: Feit, bronnen: list[tuple[str, W]], kader: Kader) -> Iterable[tuple[Feit, list[tuple[str, W]]]]:
    """One fact per term a text of `feit` names outside a negated clause ("wij doen niet mee
    aan PIM" does not name PIM), for the terms the rules look for in that field (kader.termen).
    A fact of its own, matched on equal values: durable-rules' regular expressions would cost
    each text field a large automaton per term. It carries what finds its row (`nr`)."""
    gezien: set[tuple[str, str]] = set()
    for veld, w in bronnen:
        termen = kader.termen.get((feit["soort"], veld))
        if not termen or not isinstance(w.waarde, str):
            continue
        genoemd = zonder_ontkenning(normaliseer(w.waarde))
        for term in termen:
            if term in genoemd and (veld, term) not in gezien:
                gezien.add((veld, term))
                yield ({"id": f"vermelding-{feit['id']}-{len(gezien)}", "soort": "vermelding", "bron": feit["soort"],
                        "veld": veld, "term": term, **({"nr": feit["nr"]} if "nr" in feit else {})}, [(veld, w)])


def _tabelfeit(tabel: str, rijen: int, bronnen: list[tuple[str, W]]) -> tuple[Feit, list[tuple[str, W]]]:
    """One fact per filled-in sheet. Like `_deelopdrachtnummers`, it lets a rule say "the
    sheet has text, and none of it mentions X" with a fact other than the text's own."""
    return {"id": f"tabel-{tabel}", "soort": "tabel", "tabel": tabel, "rijen": rijen}, bronnen


def _deelopdrachtnummers(rijen: list[Rij]) -> Iterable[tuple[Feit, list[tuple[str, W]]]]:
    """One fact per deelopdracht that has rows. Rules say "the deelopdracht's rows lack X"
    against it: the engine never lets one fact stand for two patterns of a rule, so
    "a row exists, and no row has X" cannot be said with a row as the first pattern."""
    nummers: dict[int, list[tuple[str, W]]] = {}
    for rij in rijen:
        nr = getattr(rij, "nr", None)
        if nr is not None:
            nummers.setdefault(nr.waarde, []).extend((n, w) for n, w in _velden(rij) if isinstance(w, W))
    for nr, bronnen in nummers.items():
        yield {"id": f"deelopdrachtnr-{nr}", "soort": "deelopdrachtnr", "nr": float(nr)}, bronnen


def _kengetalnamen(feit: Feit, rij: Rij) -> Iterable[tuple[Feit, list[tuple[str, W]]]]:
    """A Kengetallen text as a list of names ("Veghel; Schijndel"): one fact per name, so that
    a joint check can count the different names of all werkplannen together (the engine
    cannot split a text itself)."""
    waarde = getattr(rij, "waarde", None)
    if waarde is None or not isinstance(waarde.waarde, str):
        return
    for i, (naam, getoond) in enumerate(namen(waarde.waarde).items()):
        yield {"id": f"kengetalnaam-{rij.rij}-{i}", "soort": "kengetalnaam", "code": feit["code"], "naam": naam,
               "getoond": getoond, "rij": rij.rij}, [("waarde", waarde)]


def _somfeit(soort: str, kolom: str, rijen: list[Rij]) -> tuple[Feit | None, list[tuple[str, W]]]:
    # no sum where no row (a total row included) fills the column: then the column is missing
    if all(getattr(r, kolom) is None for r in rijen):
        return None, []
    delen = [getattr(r, kolom) for r in rijen if not getattr(r, "is_totaal", False)]
    delen = [w for w in delen if w is not None and isinstance(w.waarde, (int, float))]
    som = round(float(sum(w.waarde for w in delen)), 2)  # a float always: durable-rules does not equate 0 and 0.0
    return {"id": f"som-{soort}-{kolom}", "soort": "som", "tabel": soort, "kolom": kolom, "waarde": som}, [
        (kolom, w) for w in delen
    ]


def rijnamen(werkplan: Werkplan) -> dict[str, str]:
    """Each quoted cell's row by what names it: the field on Algemeen, else the row's code, number
    or name ("Kengetallen!C5" -> "CJG-DIGITAAL"), so a hertoetsing follows a row that moved
    (toetsing/vergelijking.py)."""
    namen = {str(w.plek): naam for naam, w in _velden(werkplan.algemeen) if isinstance(w, W)}
    for attribuut, tabel in TABEL.items():
        for rij in getattr(werkplan, attribuut):
            sleutel = next((w for veld in ("code", "nr", tabel.naamkolom)
                            if veld and isinstance(w := getattr(rij, veld, None), W)), None)
            if sleutel is None:
                continue
            for _, waarde in _velden(rij):
                for w in waarde if isinstance(waarde, list) else [waarde]:
                    if isinstance(w, W):
                        namen[str(w.plek)] = str(sleutel.waarde).strip()
    return namen


def _velden(model: BaseModel) -> Iterable[tuple[str, Any]]:
    for naam in type(model).model_fields:
        if naam != "rij":
            yield naam, getattr(model, naam)


def _eigenschappen(naam: str, waarde: Any, kind: Kind) -> Feit:
    """A value as engine properties; the property name says its type for the rules
    (`_feitvelden` declares the names)."""
    if isinstance(waarde, bool):
        return {naam: waarde}
    if isinstance(waarde, (int, float)):
        # one property per value, rounded so that totals compare to the cent
        return {"getal" if kind is Kind.NUMBER_OR_TEXT else naam: round(float(waarde), 2)}
    if isinstance(waarde, date):
        return {naam: datumnummer(waarde)}
    if isinstance(waarde, Kwartaal):
        uit = {"jaar": waarde.jaar, "kwartaal": waarde.kwartaal, "kwartaalnr": kwartaalnummer(waarde.jaar, waarde.kwartaal)}
        if waarde.datum:
            uit["datum"] = datumnummer(waarde.datum)
        return uit
    if isinstance(waarde, list):
        return {naam: len(waarde)} if waarde else {}
    if isinstance(waarde, str):
        if kind is Kind.NUMBER_OR_TEXT:
            return {"tekst": normaliseer(waarde)}
        if kind in _EXACT:
            return {naam: waarde.strip().upper()}
        tekst = normaliseer(waarde)
        return {naam: tekst} if tekst else {}
    return {}
