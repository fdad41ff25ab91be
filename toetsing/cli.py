"""Command line: `toetsing toets`, `toetsing regels`, `toetsing opdrachten`,
`toetsing annoteer`, `toetsing sjabloon`, `toetsing aanvulling` (the letter asking for what is
missing), `toetsing beoordeling` (the officer's form), `toetsing web` (the same in the browser).

Exit status: 0 every bevinding voldaan, 1 something ontbreekt or is afwijkend, 2 the
werkplan or the rules cannot be read. Errors are one Dutch message, never a traceback.
Heavy imports happen inside the commands so `--help` stays fast.
"""
from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from toetsing import __version__
from toetsing.argumenten import Parser, geheel_getal


def _parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="toetsing",
        description="Toetst het werkplan van een welzijnsorganisatie aan de opdracht van de gemeente.",
    )
    p.add_argument("--versie", action="version", version=f"toetsing {__version__}", help="toon de versie en stop")
    sub = p.add_subparsers(dest="opdracht_cmd", metavar="COMMANDO", required=True)

    t = sub.add_parser("toets", help="toets een werkplan (.xlsx) en toon het toetsingsrapport")
    t.add_argument("werkplannen", type=Path, nargs="+", metavar="WERKPLAN",
                   help="het werkplan, een Excel-bestand (.xlsx); of meer werkplannen of een map met werkplannen: "
                        "elk wordt getoetst, met één samenvatting (en met -o MAP een rapport per werkplan)")
    t.add_argument("--gezamenlijk", action="store_true",
                   help="toets de werkplannen samen, als delen van één gezamenlijke opdracht (wie doet welke deelopdracht)")
    t.add_argument("--vorige", type=Path, metavar="OUD",
                   help="vergelijk met de vorige toetsing: het rapport daarvan (--formaat json) of het vorige werkplan")
    t.add_argument("--werkers", type=geheel_getal, metavar="AANTAL", help="hoeveel werkplannen tegelijk worden getoetst (standaard: één per processorkern)")
    _rapport_opties(t, "schrijf het rapport naar dit bestand; bij meer werkplannen een map, met een rapport per werkplan "
                       "(<werkplan>-rapport.<extensie>) en de samenvatting")

    o = sub.add_parser("beoordeling", help="maak het beoordelingsformulier (.xlsx) waarin de medewerker zijn oordeel geeft")
    o.add_argument("werkplan", type=Path, help="het werkplan (.xlsx), of met --werkplan de verantwoording")
    o.add_argument("--werkplan", dest="toezegging", type=Path,
                   help="voor een verantwoording: het werkplan waarop de subsidie is verleend (.xlsx)")
    _opdracht_optie(o)
    _uitvoer_opties(o, "het formulier (standaard: de naam van het werkplan met -beoordeling, in dezelfde map)")

    r = sub.add_parser("regels", help="toon de regels van een opdracht, met hun bron; of controleer regelbestanden",
                       description="toetsing regels REGELSET toont de regels. toetsing regels controleer [MAP] "
                                   "controleert de regelbestanden in MAP (standaard: de meegeleverde): schema, "
                                   "citaten, getallen en gevallen. Uitkomst 0: in orde, 1: bevindingen, 2: onleesbaar.")
    r.add_argument("regelset", nargs="?", metavar="REGELSET", help="de regelset, bijvoorbeeld meierijstad-2020; of: controleer")
    r.add_argument("map", nargs="?", type=Path, metavar="MAP", help="bij controleer: de map met regelsets (standaard: de meegeleverde)")
    r.add_argument("--bronnen", type=Path, metavar="MAP",
                   help="bij controleer: de map met de brondocumenten (standaard: naast de regelset)")
    r.add_argument("--opdracht", dest="regelset_optie", metavar="REGELSET", help="hetzelfde als REGELSET hierboven")
    r.add_argument("--regel", metavar="REGEL", help="toon één regel volledig, bijvoorbeeld CJG-BEREIKBAARHEID")
    r.add_argument("--verschil", nargs=2, metavar=("OUD", "NIEUW"),
                   help="toon wat er veranderde tussen twee regelsets, bijvoorbeeld meierijstad-2020 meierijstad-2021")
    r.add_argument("--formaat", choices=["tekst", "json"], default="tekst", help="bij controleer: tekst (standaard) of json")
    _regels_optie(r)

    _regels_optie(sub.add_parser("opdrachten", help="toon de beschikbare regelsets"))

    a = sub.add_parser("annoteer", help="maak een kopie van het werkplan met de bevindingen in de cellen")
    a.add_argument("werkplan", type=Path, metavar="WERKPLAN", help="het werkplan, een Excel-bestand (.xlsx)")
    a.add_argument("--beoordeling", type=Path, metavar="FORMULIER", help="het ingevulde beoordelingsformulier")
    _opdracht_optie(a)
    _uitvoer_opties(a, "de kopie (standaard: de naam van het werkplan met -getoetst, in dezelfde map)")

    b = sub.add_parser("aanvulling", help="maak de brief waarin de gemeente vraagt de aanvraag aan te vullen (Word)")
    b.add_argument("werkplan", type=Path, metavar="WERKPLAN", help="het werkplan, een Excel-bestand (.xlsx)")
    b.add_argument("--termijn", metavar="DAGEN", help="hoeveel dagen de organisatie krijgt (standaard 14)")
    b.add_argument("--datum", metavar="JJJJ-MM-DD", help="de datum van de brief (standaard vandaag)")
    b.add_argument("--uiterlijk", metavar="JJJJ-MM-DD", help="de laatste dag zelf kiezen, in plaats van --termijn")
    b.add_argument("--beoordeling", type=Path, metavar="BESTAND", help="het ingevulde beoordelingsformulier (toetsing beoordeling): wat de medewerker voldaan vond, staat niet in de brief; "
                        "wat hij niet in orde vond, wel")
    _opdracht_optie(b)
    b.add_argument("--formaat", choices=["docx", "html", "json"], default="docx",
                   help="docx (Word, standaard), html (een webpagina) of json (voor andere programma's)")
    _uitvoer_opties(b, "de brief (standaard: de naam van het werkplan met -aanvulling, in dezelfde map)")

    v = sub.add_parser("verantwoording", help="toets een verantwoording (na het jaar) aan het werkplan en de opdracht")
    v.add_argument("verantwoording", type=Path, metavar="VERANTWOORDING", help="de verantwoording, een Excel-bestand (.xlsx)")
    v.add_argument("--werkplan", type=Path, required=True, metavar="WERKPLAN", help="het werkplan waarop de subsidie is verleend (.xlsx)")
    _rapport_opties(v)

    s = sub.add_parser("sjabloon", help="maak een leeg werkplan of een lege verantwoording (.xlsx) om in te vullen")
    s.add_argument("--opdracht", metavar="REGELSET", help="de regelset, bijvoorbeeld meierijstad-2020 (anders: veld Opdracht in --werkplan)")
    _regels_optie(s)
    s.add_argument("--verantwoording", action="store_true", help="een sjabloon voor de verantwoording na het jaar")
    s.add_argument("--werkplan", type=Path, metavar="WERKPLAN",
                   help="met --verantwoording: neem over wat dit werkplan toezegde (functies, codes, begrote uren en bedragen)")
    _uitvoer_opties(s, "het sjabloon (standaard: werkplan-<opdracht>.xlsx of verantwoording-<opdracht>.xlsx in de huidige map)")

    w = sub.add_parser("web", help="toets in de browser: start een webpagina op deze computer")
    w.add_argument("--host", default="127.0.0.1", metavar="ADRES",
                   help="het adres waarop de pagina luistert (standaard 127.0.0.1: alleen deze computer)")
    w.add_argument("--port", type=geheel_getal, default=8000, metavar="POORT", help="de poort (standaard 8000)")
    _regels_optie(w)
    return p


def _rapport_opties(p: argparse.ArgumentParser, uitvoer: str = "schrijf het rapport naar dit bestand") -> None:
    """The options of every command that produces a toetsingsrapport."""
    from toetsing.rapport.formaten import FORMATEN

    _opdracht_optie(p)
    p.add_argument("--formaat", choices=list(FORMATEN),
                   help="tekst, json, xlsx (Excel, met -o) of html (een webpagina om te lezen en te printen); "
                        "standaard: wat de naam na -o zegt (rapport.xlsx is xlsx), anders tekst")
    _uitvoer_opties(p, uitvoer)
    p.add_argument("--kort", action="store_true", help="toon alleen wat ontbreekt of afwijkt, in elk formaat")
    p.add_argument("--beoordeling", type=Path, metavar="FORMULIER", action="append",
                   help="het ingevulde beoordelingsformulier (toetsing beoordeling): het oordeel van de medewerker "
                        "staat dan naast de uitkomst van de toetsing; met --gezamenlijk één per werkplan (herhaal "
                        "--beoordeling)")


def _opdracht_optie(p: argparse.ArgumentParser) -> None:
    p.add_argument("--opdracht", metavar="REGELSET",
                   help="de regelset, bijvoorbeeld meierijstad-2020 (anders: veld Opdracht in het werkplan)")
    _regels_optie(p)


def _regels_optie(p: argparse.ArgumentParser) -> None:
    """Every command that uses rule sets: the gemeente's own rule folder."""
    p.add_argument("--regels", type=Path, metavar="MAP",
                   help="een map met eigen regelsets (MAP/<id>/regelset.yaml), gezocht vóór de meegeleverde; "
                        "hetzelfde als de omgevingsvariabele TOETSING_REGELS")


@contextmanager
def _eigen_regels(args):
    """--regels is TOETSING_REGELS for this run, so batch workers and the web page see the same folder."""
    from toetsing.regels.laden import EIGEN_REGELS, eigen_map

    vorige = os.environ.get(EIGEN_REGELS)
    if getattr(args, "regels", None):
        os.environ[EIGEN_REGELS] = str(args.regels)
    try:
        eigen_map()  # a missing or unreadable folder is a message now, before any work
        yield
    finally:
        if vorige is None:
            os.environ.pop(EIGEN_REGELS, None)
        else:
            os.environ[EIGEN_REGELS] = vorige


def _uitvoer_opties(p: argparse.ArgumentParser, uitleg: str) -> None:
    p.add_argument("-o", "--uitvoer", type=Path, metavar="BESTAND", help=uitleg)
    p.add_argument("--overschrijf", action="store_true", help="een bestaand uitvoerbestand mag worden overschreven")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from toetsing.fouten import ToetsingFout

    try:
        with _eigen_regels(args):
            return {"toets": _toets, "regels": _regels, "opdrachten": _opdrachten, "annoteer": _annoteer,
                    "sjabloon": _sjabloon, "web": _web, "verantwoording": _verantwoording,
                    "aanvulling": _aanvulling, "beoordeling": _beoordeling}[args.opdracht_cmd](args)
    except ToetsingFout as fout:
        print(f"toetsing: {_toonbaar(str(fout))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("toetsing: afgebroken.", file=sys.stderr)
        return 2
    except Exception as fout:  # a defect of ours: still no traceback for the user
        print(f"toetsing: er ging iets mis in het programma zelf ({type(fout).__name__}: {_toonbaar(str(fout))}). "
              "Het werkplan is niet veranderd. Meld dit aan de beheerder van toetsing.", file=sys.stderr)
        return 2


def _toonbaar(melding: str) -> str:
    """A message may quote what the user typed (an -o path): its control characters shown as codes,
    the message's own line breaks (a list of problems) kept."""
    from toetsing.tekst import toonbaar

    return "\n".join(map(toonbaar, melding.split("\n")))


def _console(bestand=None):
    from toetsing.rapport.formaten import console

    return console(bestand)


def _toets(args) -> int:
    from toetsing.dienst import lees_invoer, toets_bestand

    if len(args.werkplannen) > 1 or args.gezamenlijk or args.werkplannen[0].is_dir():
        if args.vorige:
            from toetsing.fouten import ToetsingFout

            raise ToetsingFout("--vorige hoort bij één werkplan: toets het nieuwe werkplan apart met --vorige.")
        if args.beoordeling and not args.gezamenlijk:
            from toetsing.fouten import ToetsingFout

            raise ToetsingFout("Een beoordelingsformulier (--beoordeling) hoort bij één werkplan; toets het werkplan "
                               "apart, of toets de werkplannen samen met --gezamenlijk (één formulier per werkplan).")
        return _toets_meer(args)

    werkplan = args.werkplannen[0]
    if args.vorige:
        from toetsing.dienst import toets_opnieuw

        # an officer's judgements whose cells did not change carry over (beoordeling.samenvoegen)
        return _lever(args, _met_beoordeling(
            _een_formulier(args.beoordeling), lambda: toets_opnieuw(lees_invoer(werkplan), lees_invoer(args.vorige), args.opdracht)),
            invoer=[werkplan, args.vorige])
    return _lever(args, _met_beoordeling(_een_formulier(args.beoordeling),
                                         lambda: toets_bestand(lees_invoer(werkplan), args.opdracht)),
                  invoer=[werkplan])


def _verantwoording(args) -> int:
    from toetsing.dienst import lees_invoer, toets_verantwoording_bestand

    return _lever(args, _met_beoordeling(_een_formulier(args.beoordeling), lambda: toets_verantwoording_bestand(
        lees_invoer(args.verantwoording), lees_invoer(args.werkplan), args.opdracht)))


def _een_formulier(formulieren: list[Path] | None) -> Path | None:
    """The one beoordelingsformulier of a toetsing of one document (--beoordeling repeats only
    with --gezamenlijk, one per werkplan)."""
    if formulieren and len(formulieren) > 1:
        from toetsing.fouten import ToetsingFout

        raise ToetsingFout("Geef één beoordelingsformulier (--beoordeling): het hoort bij één werkplan. Meer "
                           "formulieren, één per werkplan, kunnen alleen bij --gezamenlijk.")
    return formulieren[0] if formulieren else None


def _met_beoordeling(formulier: Path | None, toets):
    """The toetsing, with the officer's filled beoordelingsformulier merged in when given."""
    if not formulier:
        return toets

    def samen():
        from toetsing.beoordeling.samenvoegen import met_beoordeling
        from toetsing.dienst import lees_invoer

        invoer = lees_invoer(formulier)  # first: a missing form fails before the work
        return met_beoordeling(toets(), invoer)
    return samen


def _beoordeling(args) -> int:
    """The beoordelingsformulier for a werkplan (or, with --werkplan, a verantwoording)."""
    from toetsing.beoordeling.formulier import maak_formulier
    from toetsing.dienst import engine_voor, lees_invoer, toets_bestand, toets_verantwoording_bestand

    invoer = lees_invoer(args.werkplan)
    if args.toezegging:
        rapport = toets_verantwoording_bestand(invoer, lees_invoer(args.toezegging), args.opdracht)
    else:
        rapport = toets_bestand(invoer, args.opdracht)
    doel = _xlsx_doel(args.uitvoer or args.werkplan.with_name(f"{args.werkplan.stem}-beoordeling.xlsx"))
    _schrijf(args, doel, maak_formulier(rapport, engine_voor(rapport.opdracht, rapport.stuk).regelset), "Het beoordelingsformulier",
             invoer=[p for p in (args.werkplan, args.toezegging) if p])
    return 0


def _lever(args, toets, inhoud=None, toon=None, invoer=None) -> int:
    """Run one toetsing and deliver its report in the chosen format, to the screen or a file.
    `inhoud` and `toon` render the report (by default one werkplan's); `invoer` are the
    files it must never overwrite (by default those named on the command line)."""
    from toetsing.rapport import formaten
    from toetsing.rapport.als_tekst import toon as toon_werkplan

    inhoud = inhoud or formaten.inhoud
    args.formaat = _formaat(args.formaat, args.uitvoer)
    # an Excel report needs a file; checked before the work, so a missing -o fails at once
    doel = _xlsx_doel(args.uitvoer) if args.formaat == "xlsx" else args.uitvoer
    rapport = toets()
    if doel:
        _schrijf(args, doel, inhoud(rapport, args.formaat, args.kort), "Rapport", invoer)
    elif args.formaat == "tekst":
        (toon or toon_werkplan)(rapport, _console(), alles=not args.kort)
    else:
        sys.stdout.write(inhoud(rapport, args.formaat, args.kort).decode("utf-8"))
    return rapport.exitcode


def _toets_meer(args) -> int:
    """Several werkplannen, or a folder: each on its own with one summary (a batch), or with
    --gezamenlijk together, as the parts of one joint opdracht."""
    from toetsing.batch import werkplannen_in
    from toetsing.rapport.schrijven import schrijf_veilig

    werkplannen = werkplannen_in(args.werkplannen)
    if args.gezamenlijk:
        from toetsing.dienst import lees_invoer, toets_gezamenlijk
        from toetsing.rapport.formaten import inhoud_gezamenlijk
        from toetsing.rapport.gezamenlijk_tekst import toon_gezamenlijk

        def samen():
            from toetsing.beoordeling.samenvoegen import met_beoordelingen

            formulieren = [lees_invoer(f) for f in args.beoordeling or []]  # first: a missing form fails before the work
            return met_beoordelingen(toets_gezamenlijk([lees_invoer(p) for p in werkplannen], args.opdracht), formulieren)

        return _lever(args, samen, inhoud_gezamenlijk, toon_gezamenlijk, [*werkplannen, *(args.beoordeling or [])])

    from toetsing.batch import SAMENVATTING, toets_alle, uitvoerpaden, voortgang
    from toetsing.fouten import ToetsingFout
    from toetsing.rapport.formaten import bij_extensie
    from toetsing.rapport.samenvatting import samenvatting_json, samenvatting_xlsx, toon_samenvatting

    if args.uitvoer and not args.uitvoer.is_dir() and bij_extensie(args.uitvoer):
        raise ToetsingFout(f"{args.uitvoer}: bij meer werkplannen is -o een map, met een rapport per werkplan en de "
                           "samenvatting erin; bijvoorbeeld -o rapporten. Eén rapport voor alle werkplannen samen "
                           "krijgt u met --gezamenlijk.")
    args.formaat = args.formaat or "tekst"
    doelen = uitvoerpaden(werkplannen, args.uitvoer, args.formaat, args.overschrijf) if args.uitvoer else None
    with voortgang(len(werkplannen), _console(sys.stderr)) as na_elk:
        samenvatting = toets_alle(werkplannen, args.opdracht, doelen, args.formaat, args.kort, args.overschrijf,
                                  args.werkers, na_elk)
    if args.uitvoer:
        for naam, inhoud in ((f"{SAMENVATTING}.json", samenvatting_json(samenvatting).encode("utf-8")),
                             (f"{SAMENVATTING}.xlsx", samenvatting_xlsx(samenvatting))):
            schrijf_veilig(args.uitvoer / naam, inhoud, overschrijf=args.overschrijf)
        print(f"De rapporten en de samenvatting staan in {args.uitvoer}.", file=sys.stderr)
    if args.formaat == "json":
        sys.stdout.write(samenvatting_json(samenvatting))
    else:
        toon_samenvatting(samenvatting, _console())
    return samenvatting.exitcode


def _formaat(gekozen: str | None, doel: Path | None) -> str:
    """--formaat, or else the format the name after -o says (rapport.xlsx: xlsx), or else tekst.
    A name that says another format than --formaat is an error: the file would not open."""
    from toetsing.fouten import ToetsingFout
    from toetsing.rapport.formaten import bij_extensie

    genoemd = bij_extensie(doel) if doel else None
    if gekozen and genoemd and genoemd.naam != gekozen:
        from toetsing.rapport.formaten import formaat

        raise ToetsingFout(f"{doel}: die naam hoort bij het formaat {genoemd.naam}, maar u koos --formaat {gekozen}. "
                           f"Geef het bestand de extensie {formaat(gekozen).extensie}, of laat --formaat weg.")
    return gekozen or (genoemd.naam if genoemd else "tekst")


def _xlsx_doel(doel: Path | None) -> Path:
    """An Excel file must be named .xlsx: Excel refuses a workbook whose name says otherwise."""
    from toetsing.fouten import ToetsingFout

    if doel is None:
        raise ToetsingFout("Een Excel-rapport komt in een bestand: geef het een naam met -o rapport.xlsx.")
    if doel.suffix.lower() != ".xlsx":
        raise ToetsingFout(f"{doel}: geef het bestand een naam die eindigt op .xlsx.")
    return doel


def _schrijf(args, doel: Path, inhoud: bytes, wat: str, invoer: list[Path] | None = None) -> None:
    from toetsing.rapport.schrijven import schrijf_veilig

    if invoer is None:
        invoer = [getattr(args, a) for a in ("werkplan", "verantwoording") if getattr(args, a, None)]
    schrijf_veilig(doel, inhoud, overschrijf=args.overschrijf, invoer=invoer)
    print(f"{wat} geschreven naar {doel}.", file=sys.stderr)


def _annoteer(args) -> int:
    from toetsing.dienst import lees_invoer, toets_bestand
    from toetsing.rapport.annoteren import annoteer, heeft_macros

    doel = _xlsx_doel(args.uitvoer or args.werkplan.with_name(f"{args.werkplan.stem}-getoetst.xlsx"))
    invoer = lees_invoer(args.werkplan)  # the copy is made of the bytes that were judged
    rapport = _met_beoordeling(args.beoordeling, lambda: toets_bestand(invoer, args.opdracht))()
    _schrijf(args, doel, annoteer(rapport, invoer.inhoud), "Het getoetste werkplan")
    if heeft_macros(invoer.inhoud):
        print("Let op: de macro's van het werkplan staan niet in de kopie; het origineel heeft ze nog.", file=sys.stderr)
    return rapport.exitcode


def _aanvulling(args) -> int:
    from datetime import date

    from toetsing.aanvulling import FORMATEN, inhoud
    from toetsing.aanvulling.maak import brief_voor, let_op, toets_voor_brief
    from toetsing.dienst import lees_invoer
    from toetsing.fouten import ToetsingFout

    extensie = FORMATEN[args.formaat]
    doel = args.uitvoer or args.werkplan.with_name(f"{args.werkplan.stem}-aanvulling{extensie}")
    if args.formaat == "docx" and doel.suffix.lower() != extensie:  # Word refuses a name that says otherwise
        raise ToetsingFout(f"{doel}: geef de brief een naam die eindigt op .docx.")
    datum = _datum(args.datum, "--datum") if args.datum else date.today()
    dagen, uiterlijk = _dagen(args.termijn), _datum(args.uiterlijk, "--uiterlijk") if args.uiterlijk else None
    werkplan, rapport = toets_voor_brief(lees_invoer(args.werkplan), args.opdracht,
                                         lees_invoer(args.beoordeling) if args.beoordeling else None)
    verzoek, sjabloon = brief_voor(werkplan, rapport, datum, dagen, uiterlijk)
    if zinnen := let_op(rapport):
        print("Let op, voordat u de brief verstuurt:", *(f"- {zin}" for zin in zinnen), sep="\n", file=sys.stderr)
    if verzoek is None:
        print("Alle eisen zijn voldaan: er is niets om aan te vullen. Er is geen brief gemaakt.", file=sys.stderr)
        return 0
    _schrijf(args, doel, inhoud(verzoek, args.formaat, sjabloon), "Brief")
    return 0


def _datum(tekst: str, optie: str):
    from datetime import date

    from toetsing.fouten import ToetsingFout

    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise ToetsingFout(f"{optie} {tekst}: dat is geen datum. Schrijf JJJJ-MM-DD, bijvoorbeeld 2019-12-11.") from None


def _dagen(tekst: str | None) -> int | None:
    from toetsing.fouten import ToetsingFout

    if tekst is None:
        return None
    if not tekst.strip().isdigit() or not 1 <= int(tekst) <= 365:
        raise ToetsingFout(f"--termijn {tekst}: geef een aantal dagen van 1 tot en met 365, bijvoorbeeld --termijn 14.")
    return int(tekst)


def _sjabloon(args) -> int:
    from toetsing.fouten import ToetsingFout
    from toetsing.regels.laden import beschikbare_regelsets, laad_regelset
    from toetsing.sjabloon import maak_sjabloon

    if args.werkplan and not args.verantwoording:
        raise ToetsingFout("--werkplan hoort bij een sjabloon voor de verantwoording: voeg --verantwoording toe.")
    werkplan = None
    if args.werkplan:
        from toetsing.dienst import kies_regelset
        from toetsing.lezen.importeer import lees_werkplan

        werkplan = lees_werkplan(args.werkplan)
    opdracht = args.opdracht or (werkplan and kies_regelset(werkplan, None))
    if not opdracht:
        raise ToetsingFout("Geef aan voor welke opdracht het sjabloon is, bijvoorbeeld: "
                           f"toetsing sjabloon --opdracht {beschikbare_regelsets()[0]}")
    stuk = "verantwoording" if args.verantwoording else "werkplan"
    doel = _xlsx_doel(args.uitvoer or Path(f"{stuk}-{opdracht}.xlsx"))
    _schrijf(args, doel, maak_sjabloon(laad_regelset(opdracht), stuk, werkplan), "Het sjabloon",
             invoer=[args.werkplan] if args.werkplan else [])  # --verantwoording is a switch, not a file
    if werkplan and werkplan.meldingen:
        print(f"Let op: {len(werkplan.meldingen)} cel(len) van het werkplan konden niet worden gelezen; wat daar "
              "staat, is niet overgenomen. Zie: toetsing toets " + str(args.werkplan), file=sys.stderr)
    return 0


def _web(args) -> int:
    import socket

    from toetsing.fouten import ToetsingFout
    from toetsing.web.app import maak_app, serveer

    try:  # uvicorn would say this in English; the port is free again when the test socket closes
        with socket.create_server((args.host, args.port)):
            pass
    except OSError as fout:
        raise ToetsingFout(f"De webpagina kan niet starten op {args.host}:{args.port} ({fout.strerror}). Is de poort al "
                           "in gebruik? Kies een andere met --port, bijvoorbeeld --port 8001.") from None
    print(f"toetsing draait. Open http://{args.host}:{args.port}/ in uw browser. Stoppen: Ctrl+C.", file=sys.stderr)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print("Let op: ook andere computers kunnen de pagina nu bereiken. Zet er een proxy met een inlog voor "
              "(zie docs/web.md).", file=sys.stderr)
    serveer(maak_app(), args.host, args.port)
    return 0


def _regels(args) -> int:
    from toetsing.fouten import ToetsingFout
    from toetsing.regels.documentatie import regel_markdown
    from toetsing.regels.laden import beschikbare_regelsets, laad_regelset

    if args.regelset == "controleer":
        from toetsing.regels.controleer import controleer_cli

        return controleer_cli(args.map, args.bronnen, args.formaat)
    if args.map or args.bronnen or args.formaat != "tekst":
        raise ToetsingFout("Een map, --bronnen en --formaat horen bij: toetsing regels controleer [MAP]")
    if args.verschil:
        from toetsing.regels.verschil import verschil

        print("\n".join(verschil(*(laad_regelset(i) for i in args.verschil))))
        return 0
    regelset_id = args.regelset or args.regelset_optie
    if not regelset_id:
        raise ToetsingFout(f"Geef een regelset, bijvoorbeeld: toetsing regels {beschikbare_regelsets()[0]}")
    regelset = laad_regelset(regelset_id)
    console = _console()
    if args.regel:
        from rich.markdown import Markdown

        try:
            regel = regelset.regel(args.regel.upper())
        except KeyError:
            raise ToetsingFout(f"Regel {args.regel} bestaat niet in {regelset.id}. Zie: toetsing regels {regelset.id}") from None
        console.print(Markdown(regel_markdown(regelset, regel)))
        return 0
    from rich.table import Table

    tabel = Table(title=f"{regelset.titel} ({regelset.id}): {len(regelset.regels)} regels", title_justify="left")
    for kolom in ("Regel", "Wat wordt gecontroleerd", "Bron"):
        tabel.add_column(kolom)
    for regel in regelset.regels:
        tabel.add_row(regel.id, regel.titel, f"{regelset.documenten[regel.bron.document].titel}, {regel.bron.plaats}")
    console.print(tabel)
    return 0


def _opdrachten(args) -> int:
    from toetsing.regels.laden import beschikbare_regelsets, laad_regelset

    for regelset_id in beschikbare_regelsets():
        regelset = laad_regelset(regelset_id)
        print(f"{regelset_id:<24} {regelset.titel} ({len(regelset.regels)} regels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
