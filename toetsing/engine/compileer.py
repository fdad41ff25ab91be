"""Rule set -> durable-rules ruleset definition.

Each check of a rule compiles to a few engine rules ("delen"), one per outcome: the
engine fires `voldaan` on facts that meet the demand, `afwijkend` on facts that do not,
and `ontbreekt` through negation: after the last fact (`einde`) no fact of the kind
exists. A rule of a blok B deelopdracht only fires when the werkplan's reikwijdte holds
that deelopdracht, and fires `niet van toepassing` when it does not. Which status a
rule gets from its parts is decided afterwards (the most serious one).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from toetsing.regels.model import (
    CodesAkkoord, DatumVoor, DeelopdrachtVelden, DeelopdrachtVermeldt, KengetalAanwezig,
    KengetalDrempel, KengetalToename, ProductKwartalen, ProductUiterlijk, Regel, Regelset,
    RijenCompleet, Status, TotaalKlopt, VeldAantal, VeldAanwezig, VeldGelijk, VeldVermeldt, VerbodenInhoud,
    VorigJaarVergeleken, DeelopdrachtenGedekt, KengetalEensluidend, RijenIngevuld, RijenKeuze, RijenDrempel, RijenJa,
    FteGeleverd, BegrootOvergenomen,
)
from toetsing.feiten import datumnummer
from toetsing.tekst import getal_nl, normaliseer

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


# --- pattern helpers (durable-rules JSON syntax) ------------------------------------

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


# --- compiling the checks ---------------------------------------------------------------

class Compiler:
    def __init__(self, regelset: Regelset, stuk: str = "werkplan"):
        self.regelset = regelset
        # the document the sentences speak of: a rule for both judges either
        self.het_stuk = "De verantwoording" if stuk == "verantwoording" else "Het werkplan"

    def delen(self, regel: Regel) -> list[Deel]:
        delen: list[Deel] = []
        for controle in regel.controles:
            delen.extend(_SOORTEN[type(controle)](self, regel, controle))
        _pas_uitleg_toe(regel, delen)
        if regel.deelopdracht is not None:
            delen = self._alleen_binnen_reikwijdte(regel, delen)
        return delen

    def _alleen_binnen_reikwijdte(self, regel: Regel, delen: list[Deel]) -> list[Deel]:
        nr = regel.deelopdracht
        binnen = feit("reikwijdte", {"nr": nr})
        for deel in delen:
            deel.conditie = [met("rw", binnen), *deel.conditie]
        naam = self.regelset.deelopdrachten[nr].naam
        delen.append(Deel(regel.id, Status.niet_van_toepassing,
                          f"Deelopdracht {nr} ({naam}) valt buiten de reikwijdte van dit werkplan.",
                          conditie=[met("e", EINDE), niet("rw", binnen)]))
        return delen

    # matching rows by code, or by their description when the code cell is empty

    # rows are matched by code; a code-less row got its code from its description (Kader)

    def kengetal(self, code: str, *voorwaarden: Patroon) -> Patroon:
        return feit("kengetal", {"code": code}, *voorwaarden)

    def product(self, code: str, *voorwaarden: Patroon) -> Patroon:
        return feit("product", {"code": code}, *voorwaarden)

    def randvoorwaarde(self, code: str, *voorwaarden: Patroon) -> Patroon:
        return feit("randvoorwaarde", {"code": code}, *voorwaarden)

    def deelopdracht(self, nr: int, *voorwaarden: Patroon) -> Patroon:
        return feit("deelopdracht", {"nr": float(nr)}, *voorwaarden)

    def deelopdrachtnr(self, nr: int) -> Patroon:
        """Stands for all rows of a deelopdracht (see feiten._deelopdrachtnummers)."""
        return feit("deelopdrachtnr", {"nr": float(nr)})

    def do_naam(self, nr: int) -> str:
        return f"deelopdracht {nr} ({self.regelset.deelopdrachten[nr].naam})"


def _drie(regel: Regel, alias: str, gevonden: Patroon, goed: Patroon, fout: list[Patroon], velden: tuple[str, ...],
          teksten: tuple[str, str, str], verwacht: str) -> list[Deel]:
    """The common shape: a fact that meets the demand, one that does not (in any of the
    ways listed in `fout`), or none at all."""
    voldaan, afwijkend, ontbreekt = teksten
    return [
        Deel(regel.id, Status.voldaan, voldaan, verwacht, {alias: velden}, [met(alias, en(gevonden, goed))]),
        *(Deel(regel.id, Status.afwijkend, afwijkend, verwacht, {alias: velden}, [met(alias, en(gevonden, f))])
          for f in fout),
        Deel(regel.id, Status.ontbreekt, ontbreekt, verwacht, {}, [met("e", EINDE), niet(alias, gevonden)]),
    ]


def _veld_aanwezig(c: Compiler, regel: Regel, k: VeldAanwezig) -> list[Deel]:
    gevonden = feit("veld", {"veld": k.veld})
    label = _VELDLABELS[k.veld]
    return [
        Deel(regel.id, Status.voldaan, f"{label} is ingevuld: {{gevonden}}.", "ingevuld", {"v": (k.veld,)}, [met("v", gevonden)]),
        Deel(regel.id, Status.ontbreekt, f"{label} is niet ingevuld op het blad Algemeen.", "ingevuld", {},
             [met("e", EINDE), niet("v", gevonden)]),
    ]


def _veld_gelijk(c: Compiler, regel: Regel, k: VeldGelijk) -> list[Deel]:
    waarde = float(k.waarde) if isinstance(k.waarde, int) else normaliseer(k.waarde)
    label = _VELDLABELS[k.veld]
    return _drie(regel, "v", feit("veld", {"veld": k.veld}, bestaat(k.veld)), {k.veld: waarde},
                 [vergelijk("$neq", k.veld, waarde)], (k.veld,),
                 (f"{label} is {{gevonden}}.", f"{label} is {{gevonden}}; de opdracht gaat over {k.waarde}.",
                  f"{label} is niet ingevuld op het blad Algemeen."), str(k.waarde))


def _veld_aantal(c: Compiler, regel: Regel, k: VeldAantal) -> list[Deel]:
    label = _VELDLABELS[k.veld]
    grenzen, buiten, verwacht = _grenzen(k.veld, k.minimaal, k.maximaal, None)
    return _drie(regel, "v", feit("veld", {"veld": k.veld}, bestaat(k.veld)), grenzen, buiten, (k.veld,),
                 (f"{label}: {{gevonden}}.", f"{label}: {{gevonden}}; verwacht is {verwacht}.",
                  f"{label} is niet ingevuld op het blad Algemeen."), verwacht)


def _datum_voor(c: Compiler, regel: Regel, k: DatumVoor) -> list[Deel]:
    grens = datumnummer(k.voor)
    label = _VELDLABELS[k.veld]
    datum = k.voor.strftime("%d-%m-%Y")
    return _drie(regel, "v", feit("veld", {"veld": k.veld}, bestaat(k.veld)), vergelijk("$lt", k.veld, grens),
                 [vergelijk("$gte", k.veld, grens)], (k.veld,),
                 (f"{label} {{gevonden}} ligt vóór {datum}.", f"{label} {{gevonden}} is niet vóór {datum}.",
                  f"{label} is niet ingevuld op het blad Algemeen."), f"vóór {datum}")


def _grenzen(veld: str, minimaal: float | None, maximaal: float | None, groter_dan: float | None):
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


def _kengetal_drempel(c: Compiler, regel: Regel, k: KengetalDrempel) -> list[Deel]:
    delen = []
    for code in k.codes:
        info = c.regelset.kengetallen[code]
        eenheid = f" {info.eenheid}" if info.eenheid else ""
        goed, fout, verwacht = _grenzen("getal", k.minimaal, k.maximaal, k.groter_dan)
        verwacht += eenheid
        getal = c.kengetal(code, bestaat("getal"))
        delen += [
            Deel(regel.id, Status.voldaan, f"{code} is {{gevonden}}{eenheid}.", verwacht, {"k": ("waarde",)},
                 [met("k", en(getal, goed))]),
            *(Deel(regel.id, Status.afwijkend, f"{code} is {{gevonden}}{eenheid}; de opdracht vraagt {verwacht}.", verwacht,
                   {"k": ("waarde",)}, [met("k", en(getal, f))]) for f in fout),
            Deel(regel.id, Status.afwijkend, f"{code} is '{{gevonden}}'; dat is geen getal.", verwacht,
                 {"k": ("waarde",)}, [met("k", c.kengetal(code, bestaat("tekst")))]),
            Deel(regel.id, Status.ontbreekt, f"{c.het_stuk} noemt geen getal voor {code} ({info.omschrijving}) op het blad Kengetallen.",
                 verwacht, {}, [met("e", EINDE), niet("k", c.kengetal(code, {"ingevuld": True}))]),
        ]
    return delen


def _kengetal_aanwezig(c: Compiler, regel: Regel, k: KengetalAanwezig) -> list[Deel]:
    delen = []
    for code in k.codes:
        info = c.regelset.kengetallen[code]
        gevonden = c.kengetal(code, {"ingevuld": True})
        delen += [
            Deel(regel.id, Status.voldaan, f"{code} is ingevuld: {{gevonden}}.", "ingevuld", {"k": ("waarde",)},
                 [met("k", gevonden)]),
            Deel(regel.id, Status.ontbreekt, f"{c.het_stuk} vult {code} ({info.omschrijving}) niet in op het blad Kengetallen.",
                 "ingevuld", {}, [met("e", EINDE), niet("k", gevonden)]),
        ]
    return delen


def _kengetal_toename(c: Compiler, regel: Regel, k: KengetalToename) -> list[Deel]:
    doel = c.kengetal(k.code, bestaat("getal"))
    basis = c.kengetal(k.nulmeting, bestaat("getal"))
    verwacht = f"{k.code} hoger dan {k.nulmeting}"
    bewijs = {"d": ("waarde",), "n": ("waarde",)}
    return [
        Deel(regel.id, Status.voldaan, f"{k.code} ({{gevonden}}) is hoger dan de nulmeting {k.nulmeting}.", verwacht, bewijs,
             [met("d", doel), met("n", en(basis, vergelijk("$lt", "getal", {"d": "getal"})))]),
        Deel(regel.id, Status.afwijkend, f"{k.code} is niet hoger dan de nulmeting {k.nulmeting} ({{gevonden}}); de opdracht vraagt een toename.",
             verwacht, bewijs, [met("d", doel), met("n", en(basis, vergelijk("$gte", "getal", {"d": "getal"})))]),
        Deel(regel.id, Status.ontbreekt, f"{c.het_stuk} noemt geen getal voor {k.code} ({c.regelset.kengetallen[k.code].omschrijving}).",
             verwacht, {}, [met("e", EINDE), niet("d", doel)]),
        Deel(regel.id, Status.ontbreekt, f"{c.het_stuk} noemt geen nulmeting {k.nulmeting} ({c.regelset.kengetallen[k.nulmeting].omschrijving}).",
             verwacht, {}, [met("e", EINDE), niet("n", basis)]),
    ]


def _product_kwartalen(c: Compiler, regel: Regel, k: ProductKwartalen) -> list[Deel]:
    delen = []
    geleverd = c.product(k.product, bestaat("kwartaalnr"))
    namen = " en ".join(f"Q{q}" for q in k.kwartalen)
    for q in k.kwartalen:
        in_q = c.product(k.product, {"jaar": k.jaar}, {"kwartaal": q})
        delen += [
            Deel(regel.id, Status.voldaan, f"{k.product} wordt opgeleverd in Q{q} {k.jaar} ({{gevonden}}).", f"Q{q} {k.jaar}",
                 {"p": ("oplevering",)}, [met("p", in_q)]),
            # p is a delivery outside the quarter: the engine excludes p's fact from the negation
            Deel(regel.id, Status.afwijkend, f"{k.product} heeft geen oplevering in Q{q} {k.jaar}.",
                 f"Q{q} {k.jaar}", {"p": ("oplevering",)},
                 [met("e", EINDE), met("p", c.product(k.product, vergelijk("$neq", "kwartaalnr", k.jaar * 10 + q))),
                  niet("q", in_q)]),
        ]
    delen.append(Deel(regel.id, Status.ontbreekt,
                      f"{c.het_stuk} noemt geen oplevering van {k.product} ({c.regelset.producten[k.product].omschrijving}) op het blad Producten; de opdracht vraagt {namen} {k.jaar}.",
                      f"{namen} {k.jaar}", {}, [met("e", EINDE), niet("p", geleverd)]))
    return delen


def _product_uiterlijk(c: Compiler, regel: Regel, k: ProductUiterlijk) -> list[Deel]:
    geleverd = c.product(k.product, bestaat("kwartaalnr"))
    op_tijd = c.product(k.product, vergelijk("$lte", "kwartaalnr", k.uiterlijk.nummer))
    te_laat = c.product(k.product, vergelijk("$gt", "kwartaalnr", k.uiterlijk.nummer))
    verwacht = f"uiterlijk {k.uiterlijk}"
    return [
        Deel(regel.id, Status.voldaan, f"{k.product} wordt opgeleverd in {{gevonden}}, uiterlijk {k.uiterlijk}.", verwacht,
             {"p": ("oplevering",)}, [met("p", op_tijd)]),
        Deel(regel.id, Status.afwijkend, f"{k.product} wordt pas opgeleverd in {{gevonden}}; de opdracht vraagt uiterlijk {k.uiterlijk}.",
             verwacht, {"p": ("oplevering",)}, [met("e", EINDE), met("p", te_laat), niet("q", op_tijd)]),
        Deel(regel.id, Status.ontbreekt,
             f"{c.het_stuk} noemt geen oplevering van {k.product} ({c.regelset.producten[k.product].omschrijving}) op het blad Producten.",
             verwacht, {}, [met("e", EINDE), niet("p", geleverd)]),
    ]


def _codes_akkoord(c: Compiler, regel: Regel, k: CodesAkkoord) -> list[Deel]:
    delen = []
    for code in k.codes:
        info = c.regelset.randvoorwaarden[code]
        delen += _drie(regel, "r", c.randvoorwaarde(code), {"akkoord": True}, [{"akkoord": False}], ("akkoord",),
                       (f"{code} is akkoord.", f"{code} ({info.omschrijving}) is niet akkoord: '{{gevonden}}'.",
                        f"{c.het_stuk} noemt randvoorwaarde {code} ({info.omschrijving}) niet op het blad Randvoorwaarden."),
                       "akkoord = ja")
        # a listed randvoorwaarde without an answer has no agreement yet: missing, not refused
        delen.append(Deel(regel.id, Status.ontbreekt, f"Bij randvoorwaarde {code} ({info.omschrijving}) is Akkoord niet ingevuld.",
                          "akkoord = ja", {"r": ("randvoorwaarde", "code")},
                          [met("r", c.randvoorwaarde(code, bestaat_niet("akkoord")))]))
    return delen


def _elke_rij(regel: Regel, soort: str, gebreken: list[tuple[Patroon, str, tuple[str, ...]]], voldaan: str,
              ontbreekt: str, verwacht: str, aanwezig: Patroon | None = None) -> list[Deel]:
    """The shape of "the sheet has rows, and every row is right": one afwijkend part per
    kind of defect (with its sentence and evidence columns), voldaan when the sheet is
    there and no row has any defect, ontbreekt when it is not. `aanwezig` is the fact that
    says the sheet is there (default: it has rows); it is never a row itself, so that no
    row is left out of the negations."""
    rij = feit(soort)
    aanwezig = aanwezig or feit("tabel", {"tabel": soort})
    bewijs = tuple(dict.fromkeys(v for _, _, velden in gebreken for v in velden))
    return [
        Deel(regel.id, Status.voldaan, voldaan, verwacht, {"t": bewijs},
             [met("e", EINDE), met("t", aanwezig), *(niet(f"x{i}", en(rij, g)) for i, (g, _, _) in enumerate(gebreken))]),
        *(Deel(regel.id, Status.afwijkend, tekst, verwacht, {"r": velden}, [met("r", en(rij, g))])
          for g, tekst, velden in gebreken),
        Deel(regel.id, Status.ontbreekt, ontbreekt, verwacht, {}, [met("e", EINDE), niet("r", aanwezig)]),
    ]


def _formatie_compleet(c: Compiler, regel: Regel, k: RijenCompleet) -> list[Deel]:
    verplicht = " en ".join(k.verplicht)
    verwacht = f"Fte meer dan {getal_nl(k.fte_groter_dan)} en {verplicht} ingevuld"
    tekst = f"Een rij in blok A mist fte (meer dan {getal_nl(k.fte_groter_dan)}) of {verplicht}: {{gevonden}}."
    velden = ("functie", "fte", *k.verplicht)
    gebreken = [(g, tekst, velden) for g in
                (bestaat_niet("fte"), vergelijk("$lte", "fte", k.fte_groter_dan), *(bestaat_niet(v) for v in k.verplicht))]
    return _elke_rij(regel, "formatie", gebreken, f"Elke functie in blok A heeft fte en {verplicht}.",
                     f"{c.het_stuk} noemt geen formatie voor blok A (blad Blok A is leeg of ontbreekt).", verwacht)


def _rijen_controle(c: Compiler, regel: Regel, k: RijenIngevuld | RijenKeuze | RijenDrempel | RijenJa) -> list[Deel]:
    soort, blad, naamkolom = _RIJTABELLEN[k.tabel]
    wie = f"{naamkolom.capitalize()} '{{r.{naamkolom}}}'"
    kolommen = getattr(k, "kolommen", None) or [k.kolom]
    gebreken = [(bestaat_niet(kolom), f"{wie} vult {_kop(kolom)} niet in.", (naamkolom,)) for kolom in kolommen]
    if isinstance(k, RijenIngevuld):
        verwacht = " en ".join(_kop(v) for v in kolommen) + " ingevuld"
    elif isinstance(k, RijenKeuze):
        verwacht = f"{_kop(k.kolom)} is een van: {', '.join(k.keuzes)}"
        anders = en(bestaat(k.kolom), *(vergelijk("$neq", k.kolom, normaliseer(w)) for w in k.keuzes))
        gebreken.append((anders, f"{wie} noemt bij {_kop(k.kolom)} '{{gevonden}}'; verwacht: {', '.join(k.keuzes)}.", (k.kolom,)))
    elif isinstance(k, RijenDrempel):
        goed, fout, verwacht = _grenzen(k.kolom, k.minimaal, k.maximaal, k.groter_dan)
        verwacht = f"{_kop(k.kolom)}: {verwacht}"
        gebreken += [(f, f"{wie}: {_kop(k.kolom)} is {{r.{k.kolom}}}; verwacht {verwacht}.", (k.kolom,)) for f in fout]
    else:
        verwacht = f"{_kop(k.kolom)} = ja"
        gebreken.append(({k.kolom: False}, f"{wie}: {_kop(k.kolom)} is nee.", (k.kolom,)))
    return _elke_rij(regel, soort, gebreken, f"Elke regel op het blad {blad} voldoet: {verwacht}.",
                     f"Het blad {blad} ontbreekt of is leeg.", verwacht)


def _kop(veld: str) -> str:
    return veld.replace("_", " ").capitalize()


def _formatie_zonder_prestaties(c: Compiler, regel: Regel, k: VerbodenInhoud) -> list[Deel]:
    met_prestatie = feit("formatie", bestaat("prestatie_inhoud"))
    verwacht = "geen activiteiten, prestaties of resultaten in blok A"
    return [
        Deel(regel.id, Status.voldaan, "Blok A bevat geen activiteiten of prestaties.", verwacht, {},
             [met("e", EINDE), niet("r", met_prestatie)]),
        Deel(regel.id, Status.afwijkend,
             "Blok A noemt activiteiten of prestaties ('{gevonden}'); blok A gaat alleen over fte van een bepaalde kwaliteit en randvoorwaarden.",
             verwacht, {"r": ("prestatie_inhoud",)}, [met("r", met_prestatie)]),
    ]


def _deelopdracht_velden(c: Compiler, regel: Regel, k: DeelopdrachtVelden) -> list[Deel]:
    delen = []
    naam = c.do_naam(k.nr)
    for veld in k.velden:
        kolom = _KOLOMLABELS[veld]
        ingevuld = c.deelopdracht(k.nr, bestaat(veld))
        delen += [
            Deel(regel.id, Status.voldaan, f"{kolom} van {naam} is ingevuld.", f"{kolom} ingevuld", {"d": (veld,)},
                 [met("d", ingevuld)]),
            Deel(regel.id, Status.afwijkend, f"De rij van {naam} vult de kolom {kolom} niet in.", f"{kolom} ingevuld",
                 {"d": ("nr",)}, [met("e", EINDE), met("d", c.deelopdrachtnr(k.nr)), niet("x", ingevuld)]),
        ]
    delen.append(Deel(regel.id, Status.ontbreekt, f"Het blad Deelopdrachten heeft geen rij voor {naam}.",
                      "een rij voor deze deelopdracht", {}, [met("e", EINDE), niet("d", c.deelopdracht(k.nr))]))
    return delen


def _deelopdracht_vermeldt(c: Compiler, regel: Regel, k: DeelopdrachtVermeldt) -> list[Deel]:
    kolommen = " of ".join(_KOLOMLABELS[v] for v in k.velden)
    if k.nr is None:  # any deelopdracht's row will do
        rij = feit("deelopdracht")
        return [*_noemt_termen(regel, k.termen, k.velden, lambda v, rx: feit("deelopdracht", {"$mt": {v: rx}}),
                               c.het_stuk, f"de kolom {kolommen} van het blad Deelopdrachten",
                               feit("tabel", {"tabel": "deelopdracht"})),
                Deel(regel.id, Status.ontbreekt, "Het blad Deelopdrachten ontbreekt of is leeg.", "ingevulde deelopdrachten",
                     {}, [met("e", EINDE), niet("d", rij)])]
    naam = c.do_naam(k.nr)
    return [*_noemt_termen(regel, k.termen, k.velden, lambda v, rx: c.deelopdracht(k.nr, {"$mt": {v: rx}}),
                           naam[0].upper() + naam[1:], f"de kolom {kolommen}", c.deelopdrachtnr(k.nr)),
            Deel(regel.id, Status.ontbreekt, f"Het blad Deelopdrachten heeft geen rij voor {naam}.",
                 "een rij voor deze deelopdracht", {}, [met("e", EINDE), niet("d", c.deelopdracht(k.nr))])]


def _veld_vermeldt(c: Compiler, regel: Regel, k: VeldVermeldt) -> list[Deel]:
    label = _VELDLABELS[k.veld]
    return [*_noemt_termen(regel, k.termen, [k.veld], lambda v, rx: feit("veld", {"veld": v}, {"$mt": {v: rx}}),
                           label, "het blad Algemeen", feit("tabel", {"tabel": "algemeen"})),
            Deel(regel.id, Status.ontbreekt, f"{label} is niet ingevuld op het blad Algemeen.", "ingevuld", {},
                 [met("e", EINDE), niet("v", feit("veld", {"veld": k.veld}))])]


def _noemt_termen(regel: Regel, termen: list[list[str]], velden: list[str], patroon: Callable[[str, str], Patroon],
                  wie: str, waar: str, anker: Patroon) -> list[Deel]:
    """Parts for "the text mentions each term (any of its alternatives)".

    durable-rules matches the whole text, hence the .* on both sides; it accepts one regex
    per condition and its automaton overflows on alternations, so each column x
    alternative is its own part. The afwijkend part's `anker` stands for "the text
    exists" with a fact other than the text's own: the engine leaves a bound fact out of
    the rule's negations.
    """
    delen = []
    for term in termen:
        noemt = [(v, patroon(v, f".*{_regex(t)}.*")) for v in velden for t in term]
        woord = " of ".join(f"'{t}'" for t in term)
        verwacht = f"{woord} in {waar}"
        delen += [Deel(regel.id, Status.voldaan, f"{wie} noemt {woord}.", verwacht, {"d": (v,)}, [met("d", p)])
                  for v, p in noemt]
        delen.append(Deel(regel.id, Status.afwijkend, f"{wie} noemt {woord} niet in {waar}.", verwacht,
                          {"d": tuple(velden)}, [met("e", EINDE), met("d", anker),
                                                 *(niet(f"x{i}", p) for i, (_, p) in enumerate(noemt))]))
    return delen


def _verschil_toegelicht(c: Compiler, regel: Regel, k: VorigJaarVergeleken) -> list[Deel]:
    kolom = _TABELKOLOM[k.tabel]
    referentie, verschil = f"{kolom}_{k.met}", f"{kolom}_verschil_{k.met}_pct"
    waarmee = {"vorig_jaar": "vorig jaar", "begroot": "het werkplan (begroot)"}[k.met]
    blad = _TABELLABELS[k.tabel]
    # per row "X does not fit" is a defect of that row: _elke_rij's shape, with the table fact as anchor
    naam = {"uren": "onderdeel", "begroting": "post"}[k.tabel]
    gewone_rij = (bestaat_niet("totaal"), bestaat(kolom))
    gebreken = [
        (en(*gewone_rij, bestaat_niet(referentie)),
         f"Op het blad {blad} mist bij {naam} '{{r.{naam}}}' het cijfer van {waarmee}.", (naam, kolom)),
        (en(*gewone_rij, vergelijk("$gt", verschil, k.drempel_procent), bestaat_niet("toelichting")),
         f"Op het blad {blad} verschilt {naam} '{{r.{naam}}}' {{r.{verschil}}}% van {waarmee}, zonder toelichting.",
         (kolom, referentie)),
    ]
    verwacht = f"{_KOLOMLABELS[referentie]} ingevuld; bij meer dan {getal_nl(k.drempel_procent)}% verschil een toelichting"
    # an Uren sheet with labels but no hours (an untouched template) is missing, not compared
    return _elke_rij(regel, k.tabel, gebreken, f"Het blad {blad} vergelijkt elke regel met {waarmee} en licht grote verschillen toe.",
                     f"Het blad {blad} ontbreekt of heeft geen {_KOLOMLABELS[kolom].lower()}.", verwacht,
                     aanwezig=feit("som", {"tabel": k.tabel}, {"kolom": kolom}))


def _fte_geleverd(c: Compiler, regel: Regel, k: FteGeleverd) -> list[Deel]:
    geleverd = feit("som", {"tabel": "formatie"}, {"kolom": "fte"})
    toegezegd = feit("toegezegd:som", {"tabel": "formatie"}, {"kolom": "fte"})
    factor = 1 - k.tolerantie_procent / 100
    grens = {"$mul": {"$l": {"t": "waarde"}, "$r": factor}}
    verwacht = "geleverde fte ten minste de toegezegde fte" + (
        f" min {getal_nl(k.tolerantie_procent)}%" if k.tolerantie_procent else "")
    return [
        Deel(regel.id, Status.voldaan, "Geleverd: {s.waarde} fte; toegezegd in het werkplan: {t.waarde} fte.", verwacht,
             {"s": ("fte",)}, [met("t", toegezegd), met("s", en(geleverd, vergelijk("$gte", "waarde", grens)))]),
        Deel(regel.id, Status.afwijkend, "Geleverd: {s.waarde} fte; toegezegd in het werkplan: {t.waarde} fte. Dat is te weinig.",
             verwacht, {"s": ("fte",)}, [met("t", toegezegd), met("s", en(geleverd, vergelijk("$lt", "waarde", grens)))]),
        Deel(regel.id, Status.ontbreekt, "De verantwoording noemt geen geleverde fte op het blad Blok A.", verwacht, {},
             [met("e", EINDE), niet("s", geleverd)]),
        Deel(regel.id, Status.ontbreekt, "Het werkplan noemt geen toegezegde fte op het blad Blok A.", verwacht, {},
             [met("e", EINDE), niet("t", toegezegd)]),
    ]


def _begroot_overgenomen(c: Compiler, regel: Regel, k: BegrootOvergenomen) -> list[Deel]:
    kolom = _TABELKOLOM[k.tabel]
    blad = _TABELLABELS[k.tabel]
    begroot = feit("som", {"tabel": k.tabel}, {"kolom": f"{kolom}_begroot"})
    toegezegd = feit("toegezegd:som", {"tabel": k.tabel}, {"kolom": kolom})
    verwacht = f"totaal {_KOLOMLABELS[kolom + '_begroot']} = totaal in het werkplan"
    return [
        Deel(regel.id, Status.voldaan, f"Het totaal begroot op het blad {blad} ({{b.waarde}}) is gelijk aan het werkplan.",
             verwacht, {"b": (f"{kolom}_begroot",)}, [met("t", toegezegd), met("b", en(begroot, {"waarde": {"t": "waarde"}}))]),
        Deel(regel.id, Status.afwijkend,
             f"Het totaal begroot op het blad {blad} is {{b.waarde}}, maar in het werkplan {{t.waarde}}.", verwacht,
             {"b": (f"{kolom}_begroot",)},
             [met("t", toegezegd), met("b", en(begroot, vergelijk("$neq", "waarde", {"t": "waarde"})))]),
        Deel(regel.id, Status.ontbreekt, f"Het blad {blad} van de verantwoording noemt geen begrote cijfers.", verwacht, {},
             [met("e", EINDE), niet("b", begroot)]),
        Deel(regel.id, Status.ontbreekt, f"Het werkplan heeft geen blad {blad} om mee te vergelijken.", verwacht, {},
             [met("e", EINDE), niet("t", toegezegd)]),
    ]


def _regex(term: str) -> str:
    """A literal term for durable-rules' regex dialect (texts are normalised the same way)."""
    return "".join(ch if ch.isalnum() or ch == " " else f"\\{ch}" for ch in normaliseer(term))


def _totaal_klopt(c: Compiler, regel: Regel, k: TotaalKlopt) -> list[Deel]:
    blad = _TABELLABELS[k.tabel]
    kolom = _KOLOMLABELS[k.kolom]
    som = feit("som", {"tabel": k.tabel}, {"kolom": k.kolom})
    totaal = feit(k.tabel, {"totaal": True}, bestaat(k.kolom))
    verwacht = f"totaalregel = som van de andere regels ({kolom})"
    return [
        Deel(regel.id, Status.voldaan, f"De totaalregel op het blad {blad} klopt met de som van de regels ({kolom}).", verwacht,
             {"t": (k.kolom,)}, [met("s", som), met("t", en(totaal, {k.kolom: {"s": "waarde"}}))]),
        Deel(regel.id, Status.afwijkend,
             f"De totaalregel op het blad {blad} ({kolom}) is {{gevonden}}, maar de som van de andere regels is {{s.waarde}}.",
             verwacht, {"t": (k.kolom,)}, [met("s", som), met("t", en(totaal, vergelijk("$neq", k.kolom, {"s": "waarde"})))]),
        Deel(regel.id, Status.ontbreekt, f"Het blad {blad} heeft geen totaalregel met {kolom}.", verwacht, {},
             [met("e", EINDE), niet("t", totaal)]),
    ]


# --- joint checks: the facts of all werkplannen in one session, each tagged with its
# `werkplan` (a number) and `indiener` (who submitted it; see feiten.maak_gezamenlijke_feiten)

def _deelopdrachten_gedekt(c: Compiler, regel: Regel, k: DeelopdrachtenGedekt) -> list[Deel]:
    delen = []
    verwacht = "een rij in minstens één werkplan"
    for nr in c.regelset.deelopdrachten:
        delen += [
            Deel(regel.id, Status.voldaan, "Elke deelopdracht staat in minstens één werkplan.", verwacht, {"d": ("nr",)},
                 [met("d", c.deelopdrachtnr(nr))]),
            Deel(regel.id, Status.ontbreekt, f"Geen van de werkplannen heeft een rij voor {c.do_naam(nr)}.", verwacht, {},
                 [met("e", EINDE), niet("d", c.deelopdracht(nr))]),
        ]
    return delen


def _kengetal_eensluidend(c: Compiler, regel: Regel, k: KengetalEensluidend) -> list[Deel]:
    delen = []
    for code in k.codes:
        genoemd = c.kengetal(code, bestaat("getal"))
        verwacht = f"hetzelfde getal voor {code} in elk werkplan"
        delen += [
            Deel(regel.id, Status.voldaan, f"De werkplannen die {code} noemen, noemen allemaal {{a.getal}}.", verwacht,
                 {"a": ("waarde",)}, [met("e", EINDE), met("a", genoemd),
                                      niet("x", en(genoemd, vergelijk("$neq", "getal", {"a": "getal"})))]),
            # b > a: each pair of different figures fires once
            Deel(regel.id, Status.afwijkend,
                 f"{code} ({c.regelset.kengetallen[code].omschrijving}) is {{a.getal}} in het werkplan van {{a.indiener}} "
                 f"en {{b.getal}} in dat van {{b.indiener}}.", verwacht, {"a": ("waarde",), "b": ("waarde",)},
                 [met("a", genoemd), met("b", en(genoemd, vergelijk("$gt", "getal", {"a": "getal"})))]),
            Deel(regel.id, Status.niet_van_toepassing, f"Geen van de werkplannen noemt een getal voor {code}.", verwacht, {},
                 [met("e", EINDE), niet("a", genoemd)]),
        ]
    return delen


_SOORTEN: dict[type, Callable[[Compiler, Regel, Any], list[Deel]]] = {
    VeldAanwezig: _veld_aanwezig, VeldGelijk: _veld_gelijk, VeldAantal: _veld_aantal, DatumVoor: _datum_voor,
    KengetalDrempel: _kengetal_drempel, KengetalAanwezig: _kengetal_aanwezig, KengetalToename: _kengetal_toename,
    ProductKwartalen: _product_kwartalen, ProductUiterlijk: _product_uiterlijk, CodesAkkoord: _codes_akkoord,
    RijenCompleet: _formatie_compleet, VerbodenInhoud: _formatie_zonder_prestaties,
    DeelopdrachtVelden: _deelopdracht_velden, DeelopdrachtVermeldt: _deelopdracht_vermeldt, TotaalKlopt: _totaal_klopt,
    VeldVermeldt: _veld_vermeldt, VorigJaarVergeleken: _verschil_toegelicht,
    FteGeleverd: _fte_geleverd, BegrootOvergenomen: _begroot_overgenomen,
    DeelopdrachtenGedekt: _deelopdrachten_gedekt, KengetalEensluidend: _kengetal_eensluidend,
    RijenIngevuld: _rijen_controle, RijenKeuze: _rijen_controle, RijenDrempel: _rijen_controle, RijenJa: _rijen_controle,
}

_VELDLABELS = {"organisatie": "Organisatie", "subsidiejaar": "Subsidiejaar", "opdracht": "Opdracht",
               "indieningsdatum": "Indieningsdatum", "aanspreekpunt": "Aanspreekpunt", "looptijd": "Looptijd"}
_KOLOMLABELS = {"uitwerking": "Uitwerking", "resultaatmeting": "Resultaatmeting", "verandering": "Verandering",
                "randvoorwaarden": "Randvoorwaarden", "instelling": "Instelling", "deelopdracht": "Deelopdracht",
                "uren": "Uren", "uren_vorig_jaar": "Uren vorig jaar", "bedrag": "Bedrag", "bedrag_vorig_jaar": "Bedrag vorig jaar",
                "uren_begroot": "Uren begroot", "bedrag_begroot": "Bedrag begroot"}
_TABELLABELS = {"uren": "Uren", "begroting": "Begroting"}
_TABELKOLOM = {"uren": "uren", "begroting": "bedrag"}
# row tables of the rijen-* checks: fact kind, sheet label, the column that names a row
_RIJTABELLEN = {"activiteiten": ("activiteit", "Activiteiten", "activiteit")}


def _pas_uitleg_toe(regel: Regel, delen: list[Deel]) -> None:
    """A rule's own wording replaces the check's default wording for that status."""
    for deel in delen:
        eigen = getattr(regel.uitleg, deel.status.name, None)
        if eigen:
            deel.tekst = eigen
