"""argparse in Dutch: the command line's help, usage and every error message.

argparse passes each of its own texts through the module's gettext functions `_` and
`ngettext` when it uses them; the parser here swaps in the Dutch texts below for exactly
that moment (building, parsing, formatting), so no other user of argparse is touched.
A text missing from the table stays English: tests/test_cli_nederlands.py runs every
command's help and a set of wrong invocations and looks for English words.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

# argparse 3.11's message templates -> Dutch, with the same %-placeholders
_NEDERLANDS = {
    "usage: ": "Gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze uitleg en stop",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: %(message)s\n",
    "unrecognized arguments: %s": "dit kent toetsing hier niet: %s",
    "the following arguments are required: %s": "dit moet u nog opgeven: %s",
    "one of the arguments %s is required": "geef een van deze op: %s",
    "not allowed with argument %s": "kan niet samen met %s",
    "ignored explicit argument %r": "hier hoort geen waarde bij: %r",
    "expected one argument": "hier hoort één waarde achter",
    "expected at most one argument": "hier hoort hoogstens één waarde achter",
    "expected at least one argument": "hier hoort minstens één waarde achter",
    "expected %s argument": "hier hoort %s waarde achter",
    "expected %s arguments": "hier horen %s waarden achter",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s kan meer opties zijn: %(matches)s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "invalid %(type)s value: %(value)r": "%(value)r is geen geldige waarde",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r bestaat niet; kies uit %(choices)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "%(parser_name)r bestaat niet; kies uit %(choices)s",
}


@contextmanager
def _in_het_nederlands() -> Iterator[None]:
    oud = argparse._, argparse.ngettext
    argparse._ = lambda tekst: _NEDERLANDS.get(tekst, tekst)
    argparse.ngettext = lambda een, meer, n: _NEDERLANDS.get(een if n == 1 else meer, een if n == 1 else meer)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = oud


class Uitleg(argparse.HelpFormatter):
    """`WERKPLAN ...` for one or more, instead of argparse's `WERKPLAN [WERKPLAN ...]`."""

    def _format_args(self, action: argparse.Action, default_metavar: str) -> str:
        if action.nargs == argparse.ONE_OR_MORE:
            return "%s ..." % self._metavar_formatter(action, default_metavar)(1)
        return super()._format_args(action, default_metavar)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Dutch; its subcommands' parsers are of this class too."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", Uitleg)
        with _in_het_nederlands():  # the help option and the section titles are made here
            super().__init__(*args, **kwargs)

    def parse_known_args(self, *args, **kwargs):
        with _in_het_nederlands():
            return super().parse_known_args(*args, **kwargs)

    def parse_args(self, *args, **kwargs):  # it names the unrecognised arguments itself
        with _in_het_nederlands():
            return super().parse_args(*args, **kwargs)

    def format_usage(self) -> str:
        with _in_het_nederlands():
            return super().format_usage()

    def format_help(self) -> str:
        with _in_het_nederlands():
            return super().format_help()

    def error(self, message: str):
        # argparse names the wrong option; point to the help that explains it
        self.print_usage(sys.stderr)
        with _in_het_nederlands():
            self.exit(2, argparse._("%(prog)s: error: %(message)s\n")
                      % {"prog": self.prog, "message": f"{message}\nMeer uitleg: {self.prog} --help"})


def geheel_getal(tekst: str) -> int:
    """An option's whole number, with a Dutch message when it is none."""
    try:
        getal = int(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{tekst!r} is geen geheel getal") from None
    if getal < 1:
        raise argparse.ArgumentTypeError(f"{tekst!r}: geef een getal van 1 of meer")
    return getal
