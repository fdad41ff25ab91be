"""Command line: `toetsing toets`, `toetsing regels`, `toetsing opdrachten`.

Exit status: 0 every bevinding voldaan, 1 something ontbreekt or is afwijkend, 2 the
werkplan or the rules cannot be read. Errors are one Dutch message, never a traceback.
Heavy imports happen inside the commands so `--help` stays fast.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toetsing import __version__


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="toetsing",
        description="Toetst het werkplan van een welzijnsorganisatie aan de opdracht van de gemeente.",
    )
    p.add_argument("--versie", action="version", version=f"toetsing {__version__}")
    sub = p.add_subparsers(dest="opdracht_cmd", metavar="COMMANDO", required=True)

    t = sub.add_parser("toets", help="toets een werkplan (.xlsx) en toon het toetsingsrapport")
    t.add_argument("werkplan", type=Path, help="het werkplan, een Excel-bestand (.xlsx)")
    t.add_argument("--opdracht", help="de regelset, bijvoorbeeld meierijstad-2020 (anders: veld Opdracht in het werkplan)")
    t.add_argument("--formaat", choices=["tekst", "json"], default="tekst", help="tekst (standaard) of json")
    t.add_argument("-o", "--uitvoer", type=Path, help="schrijf het rapport naar dit bestand")
    t.add_argument("--overschrijf", action="store_true", help="een bestaand uitvoerbestand mag worden overschreven")
    t.add_argument("--kort", action="store_true", help="toon alleen wat ontbreekt of afwijkt")

    r = sub.add_parser("regels", help="toon de regels van een opdracht, met hun bron")
    r.add_argument("regelset", nargs="?", help="de regelset, bijvoorbeeld meierijstad-2020")
    r.add_argument("--opdracht", dest="regelset_optie", help="hetzelfde als het argument hierboven")
    r.add_argument("--regel", help="toon één regel volledig, bijvoorbeeld CJG-BEREIKBAARHEID")
    r.add_argument("--verschil", nargs=2, metavar=("OUD", "NIEUW"),
                   help="toon wat er veranderde tussen twee regelsets, bijvoorbeeld meierijstad-2020 meierijstad-2021")

    sub.add_parser("opdrachten", help="toon de beschikbare regelsets")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from toetsing.fouten import ToetsingFout

    try:
        return {"toets": _toets, "regels": _regels, "opdrachten": _opdrachten}[args.opdracht_cmd](args)
    except ToetsingFout as fout:
        print(f"toetsing: {fout}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("toetsing: afgebroken.", file=sys.stderr)
        return 2
    except Exception as fout:  # a defect of ours: still no traceback for the user
        print(f"toetsing: er ging iets mis in het programma zelf ({type(fout).__name__}: {fout}). "
              "Het werkplan is niet veranderd. Meld dit aan de beheerder van toetsing.", file=sys.stderr)
        return 2


def _console(bestand=None):
    from rich.console import Console

    return Console(file=bestand, width=110 if bestand else None, highlight=False)


def _toets(args) -> int:
    import io

    from toetsing.toets import toets_bestand

    rapport = toets_bestand(args.werkplan, args.opdracht)
    if args.formaat == "json":
        from toetsing.rapport.als_json import als_json

        tekst = als_json(rapport)
    else:
        from toetsing.rapport.als_tekst import toon

        if not args.uitvoer:
            toon(rapport, _console(), alles=not args.kort)
            return rapport.exitcode
        buffer = io.StringIO()
        toon(rapport, _console(buffer), alles=not args.kort)
        tekst = buffer.getvalue()
    if args.uitvoer:
        from toetsing.rapport.schrijven import schrijf_veilig

        schrijf_veilig(args.uitvoer, tekst.encode("utf-8"), overschrijf=args.overschrijf, invoer=[args.werkplan])
        print(f"Rapport geschreven naar {args.uitvoer}.", file=sys.stderr)
    else:
        sys.stdout.write(tekst)
    return rapport.exitcode


def _regels(args) -> int:
    from toetsing.fouten import ToetsingFout
    from toetsing.regels.documentatie import regel_markdown
    from toetsing.regels.laden import beschikbare_regelsets, laad_regelset

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
