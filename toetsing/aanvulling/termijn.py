"""The end of a hersteltermijn, counted as the Algemene termijnenwet (Atw) counts a statutory term.

Art. 1: a term that ends on a Saturday, a Sunday or an algemeen erkende feestdag runs on to the
next day that is none of these. Art. 3 lid 1 names the feestdagen, lid 2 adds Goede Vrijdag, and
under lid 3 the government designates further days (such as the Friday after Hemelvaartsdag);
those are not computable, so a gemeente lists them in its rule set (`brief: aangewezen_dagen`).
A generic Dutch holiday calendar is not the Atw: it may leave out 5 mei or Goede Vrijdag.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from pydantic import BaseModel

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")
WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
AANGEWEZEN = "een dag die de regering gelijkstelt met een feestdag"


def datum_nl(d: date) -> str:
    """date(2019, 12, 27) -> '27 december 2019'"""
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def dag_nl(d: date) -> str:
    """date(2019, 12, 27) -> 'vrijdag 27 december 2019'"""
    return f"{WEEKDAGEN[d.weekday()]} {datum_nl(d)}"


def pasen(jaar: int) -> date:
    """Easter Sunday by the Gregorian computus (the anonymous algorithm of Meeus, Jones and Butcher)."""
    a, b, c = jaar % 19, jaar // 100, jaar % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    maand, dag = divmod(h + l - 7 * m + 114, 31)
    return date(jaar, maand, dag + 1)


def koningsdag(jaar: int) -> date:
    """27 April, or the 26th when the 27th is a Sunday (the rule since 2014; a letter of an
    earlier year, when it was Koninginnedag, is not made with this program)."""
    dag = date(jaar, 4, 27)
    return dag - timedelta(days=1) if dag.weekday() == 6 else dag


def feestdagen(jaar: int) -> dict[date, str]:
    """The algemeen erkende feestdagen of the Atw (art. 3 lid 1 and 2) in one year, by name."""
    p = pasen(jaar)
    dagen: dict[date, str] = {}
    for dag, naam in ((date(jaar, 1, 1), "Nieuwjaarsdag"), (p - timedelta(days=2), "Goede Vrijdag"),
                      (p + timedelta(days=1), "tweede paasdag"), (koningsdag(jaar), "Koningsdag"),
                      (date(jaar, 5, 5), "5 mei, Bevrijdingsdag"), (p + timedelta(days=39), "Hemelvaartsdag"),
                      (p + timedelta(days=50), "tweede pinksterdag"), (date(jaar, 12, 25), "eerste kerstdag"),
                      (date(jaar, 12, 26), "tweede kerstdag")):
        # Hemelvaartsdag can fall on 5 mei (2016): one day, both names
        dagen[dag] = f"{dagen[dag]} en {naam}" if dag in dagen else naam
    return dagen


def geen_werkdag(dag: date, aangewezen: Iterable[date] = ()) -> str | None:
    """Why no term can end on this day (zaterdag, zondag, the feestdag's name), or None."""
    if dag in feestdagen(dag.year):
        return feestdagen(dag.year)[dag]
    if dag in set(aangewezen):
        return AANGEWEZEN
    if dag.weekday() >= 5:
        return WEEKDAGEN[dag.weekday()]
    return None


class VrijeDag(BaseModel):
    datum: date
    reden: str  # "zaterdag", "eerste kerstdag", ...


class Termijn(BaseModel):
    """The last day the organisation can supply what is missing, and how it was found."""

    uiterlijk: date
    dagen: int | None = None  # None: the officer set the date by hand (--uiterlijk)
    # the day `dagen` after the letter, and the days the term ran on over (Atw art. 1)
    berekend: date | None = None
    overgeslagen: list[VrijeDag] = []


def bereken(datum: date, dagen: int, aangewezen: Iterable[date] = ()) -> Termijn:
    """The letter's date plus `dagen` days, moved past every day on which no term can end."""
    aangewezen = set(aangewezen)
    einde = berekend = datum + timedelta(days=dagen)
    overgeslagen = []
    while reden := geen_werkdag(einde, aangewezen):
        overgeslagen.append(VrijeDag(datum=einde, reden=reden))
        einde += timedelta(days=1)
    return Termijn(uiterlijk=einde, dagen=dagen, berekend=berekend, overgeslagen=overgeslagen)
