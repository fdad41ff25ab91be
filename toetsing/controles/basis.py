"""The base of every check kind, the registry, and the shapes most checks share.

A check kind is one class: its pydantic fields are its YAML shape, its docstring the
documentation (docs/regels/controles.md), `blad` the contract sheet it reads, `catalogus_codes()`
the catalogue codes it names, `delen()` its engine parts with their Dutch sentences, and
a few template hints. `@registreer` adds it to `REGISTER`; the rule model, the loader's
checks, the compiler, the template and the docs all read the registry.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, ClassVar

from pydantic import BaseModel, ConfigDict

from toetsing.engine.patronen import EINDE, Deel, Patroon, en, feit, met, niet, vergelijk
from toetsing.status import Status
from toetsing.tekst import getal_nl, normaliseer

if TYPE_CHECKING:
    from toetsing.engine.compileer import Compiler
    from toetsing.regels.model import Regel

# soort (as written in a rule file) -> check kind
REGISTER: dict[str, type["Controle"]] = {}


def registreer(soort: type["Controle"]) -> type["Controle"]:
    REGISTER[soort.model_fields["soort"].annotation.__args__[0]] = soort  # type: ignore[union-attr]
    return soort


class Controle(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # the contract sheet the check reads (a check with a `tabel` reads that table's sheet)
    blad: ClassVar[str] = ""
    # a joint check judges the werkplannen of a joint toetsing together, in its own engine
    gezamenlijk: ClassVar[bool] = False

    def delen(self, c: Compiler, regel: Regel) -> list[Deel]:
        raise NotImplementedError

    def bladen(self) -> set[str]:
        return {self.blad}

    def catalogus_codes(self) -> list[tuple[str, list[str]]]:
        """(catalogue of the rule set, codes of it this check names), for the loader."""
        return []

    def deelopdrachten(self) -> list[int]:
        nr = getattr(self, "nr", None)
        return [] if nr is None else [nr]

    # --- template hints (toetsing/sjabloon.py) ---
    def algemeen_velden(self) -> set[str]:
        """Algemeen fields the check reads, so the template has a row for them."""
        return set()

    def opleveringen(self, product: str) -> int:
        """How many delivery rows the template gives `product` (0: no opinion)."""
        return 0

    def prestatie_van(self) -> int | None:
        """The deelopdracht whose own prestatie the template gives a row on Kengetallen (None: none)."""
        return None

    def toelichting_boven(self, tabel: str) -> float | None:
        """In a verantwoording: above which % difference with the budget `tabel` needs a reason."""
        return None


# --- shapes shared by several check kinds -------------------------------------------

def drie(regel: Regel, alias: str, gevonden: Patroon, goed: Patroon, fout: list[Patroon], velden: tuple[str, ...],
         teksten: tuple[str, str, str], verwacht: str, acties: tuple[str, str]) -> list[Deel]:
    """A fact that meets the demand, one that does not (in any of the ways listed in
    `fout`), or none at all; `acties` say what to do when afwijkend and when ontbreekt."""
    voldaan, afwijkend, ontbreekt = teksten
    herstel, aanvul = acties
    return [
        Deel(regel.id, Status.voldaan, voldaan, verwacht, {alias: velden}, [met(alias, en(gevonden, goed))]),
        *(Deel(regel.id, Status.afwijkend, afwijkend, verwacht, {alias: velden}, [met(alias, en(gevonden, f))], herstel)
          for f in fout),
        Deel(regel.id, Status.ontbreekt, ontbreekt, verwacht, {}, [met("e", EINDE), niet(alias, gevonden)], aanvul),
    ]


def een_goede_rij(regel: Regel, rij: Patroon, goed: Patroon, fout: list[Patroon], teksten: tuple[str, str, str],
                  verwacht: str, bewijs: tuple[str, ...], acties: tuple[str, str]) -> list[Deel]:
    """The shape of "at least one row of this kind is right": voldaan on a right row; afwijkend
    on a row that is wrong (in one of the ways of `fout`) when no row is right (the wrong row
    is bound, so the engine leaves it out of the negation, and it cannot be right anyway);
    ontbreekt when there is no such row."""
    voldaan, afwijkend, ontbreekt = teksten
    return [
        Deel(regel.id, Status.voldaan, voldaan, verwacht, {"r": bewijs}, [met("r", en(rij, goed))]),
        *(Deel(regel.id, Status.afwijkend, afwijkend, verwacht, {"r": bewijs},
               [met("e", EINDE), met("r", en(rij, f)), niet("x", en(rij, goed))], acties[0]) for f in fout),
        Deel(regel.id, Status.ontbreekt, ontbreekt, verwacht, {}, [met("e", EINDE), niet("r", rij)], acties[1]),
    ]


# --- what to do: the sentences of `Deel.actie`, which always name the sheet -------------

def zet(blad: str, waar: str, wat: str) -> str:
    """Change a value that is there: "Zet op het blad Kengetallen bij CJG-DIGITAAL minimaal 5"."""
    return f"Zet op het blad {blad} bij {waar} {wat}."


def vul_in(blad: str, waar: str, wat: str) -> str:
    """Fill an empty cell of a row that is there."""
    return f"Vul op het blad {blad} bij {waar} {wat} in."


def voeg_toe(blad: str, rij: str, rest: str = "") -> str:
    """Add a row that is not there, at the bottom of the sheet (every sheet is read by its
    headers, so a new row anywhere below them counts)."""
    return f"Voeg onderaan het blad {blad} een rij {rij} toe{' ' + rest if rest else ''}."


def grenzen(veld: str, minimaal: float | None, maximaal: float | None, groter_dan: float | None):
    """(pattern within the bounds, one pattern per way of being outside, the bounds in words)."""
    goed, fout, woorden = [], [], []
    if minimaal is not None:
        goed.append(vergelijk("$gte", veld, minimaal)); fout.append(vergelijk("$lt", veld, minimaal))
        woorden.append(f"minimaal {getal_nl(minimaal)}")
    if groter_dan is not None:
        goed.append(vergelijk("$gt", veld, groter_dan)); fout.append(vergelijk("$lte", veld, groter_dan))
        woorden.append(f"meer dan {getal_nl(groter_dan)}")
    if maximaal is not None:
        goed.append(vergelijk("$lte", veld, maximaal)); fout.append(vergelijk("$gt", veld, maximaal))
        woorden.append(f"maximaal {getal_nl(maximaal)}")
    return en(*goed), fout, " en ".join(woorden)


def elke_rij(regel: Regel, soort: str, gebreken: list[tuple[Patroon, str, tuple[str, ...], str]], voldaan: str,
             ontbreekt: tuple[str, str], verwacht: str, aanwezig: Patroon | None = None) -> list[Deel]:
    """The shape of "the sheet has rows, and every row is right": one afwijkend part per
    kind of defect (with its sentence, evidence columns and action), voldaan when the sheet
    is there and no row has any defect, ontbreekt (sentence, action) when it is not.
    `aanwezig` is the fact that says the sheet is there (default: it has rows); it is never
    a row itself, so that no row is left out of the negations."""
    rij = feit(soort)
    aanwezig = aanwezig or feit("tabel", {"tabel": soort})
    bewijs = tuple(dict.fromkeys(v for _, _, velden, _ in gebreken for v in velden))
    return [
        Deel(regel.id, Status.voldaan, voldaan, verwacht, {"t": bewijs},
             [met("e", EINDE), met("t", aanwezig), *(niet(f"x{i}", en(rij, g)) for i, (g, *_) in enumerate(gebreken))]),
        *(Deel(regel.id, Status.afwijkend, tekst, verwacht, {"r": velden}, [met("r", en(rij, g))], actie)
          for g, tekst, velden, actie in gebreken),
        Deel(regel.id, Status.ontbreekt, ontbreekt[0], verwacht, {}, [met("e", EINDE), niet("r", aanwezig)], ontbreekt[1]),
    ]


def noemt(bron: str, veld: str, term: str, *voorwaarden: Patroon) -> Patroon:
    """The text of `veld` of a `bron` fact (veld, deelopdracht) names `term` outside a negated
    clause: a `vermelding` fact (feiten._vermeldingen), which the engine matches by equal values."""
    return feit("vermelding", {"bron": bron}, {"veld": veld}, {"term": normaliseer(term)}, *voorwaarden)


def noemt_termen(regel: Regel, termen: list[list[str]], velden: list[str], patroon: Callable[[str, str], Patroon],
                 wie: str, waar: str, anker: Patroon, actie: Callable[[str], str]) -> list[Deel]:
    """Parts for "the text names each term (any of its alternatives)"; `patroon(veld, term)`
    is the fact that names it, `actie(term in words)` what to do when it is not named.

    Each column x alternative is its own part (engine/patronen.py). The afwijkend part's
    `anker` stands for "the text exists" with a fact other than the text's own.
    """
    delen = []
    for term in termen:
        noemt = [(v, patroon(v, t)) for v in velden for t in term]
        woord = " of ".join(f"'{t}'" for t in term)
        verwacht = f"{woord} in {waar}"
        delen += [Deel(regel.id, Status.voldaan, f"{wie} noemt {woord}.", verwacht, {"d": (v,)}, [met("d", p)])
                  for v, p in noemt]
        delen.append(Deel(regel.id, Status.afwijkend, f"{wie} noemt {woord} niet in {waar}.", verwacht,
                          {"d": tuple(velden)}, [met("e", EINDE), met("d", anker),
                                                 *(niet(f"x{i}", p) for i, (_, p) in enumerate(noemt))],
                          actie(woord)))
    return delen


def als_termen(waarde):
    """`termen: [PIM, Leefgoed]` means two terms of one alternative each."""
    if isinstance(waarde, list):
        return [t if isinstance(t, list) else [t] for t in waarde]
    return waarde
