"""The parsers for what people type into a werkplan (toetsing/lezen/waarden.py)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toetsing.lezen.waarden import (
    Unreadable,
    as_text,
    parse_code,
    parse_date,
    parse_deelopdracht_nr,
    parse_list,
    parse_number,
    parse_number_or_text,
    parse_onderdeel,
    parse_opdracht,
    parse_quarter,
    parse_reikwijdte,
    parse_whole_number,
    parse_yes_no,
)
from toetsing.werkplan.model import Kwartaal


@pytest.mark.parametrize(
    ("tekst", "getal"),
    [
        ("1,5", 1.5),
        ("1.5", 1.5),
        ("1.234,50", 1234.5),
        ("1,234.50", 1234.5),
        ("€ 12.500", 12500),
        ("€12.500,00", 12500),
        ("€ 12.500,-", 12500),
        ("12.500 euro", 12500),
        ("EUR 3,5", 3.5),
        ("60%", 60),
        ("60 %", 60),
        ("1.234.567", 1234567),
        ("0.500", 0.5),
        (",5", 0.5),
        ("-2,5", -2.5),
        ("−2,5", -2.5),  # Unicode minus
        ("€ -12,50", -12.5),
        ("12\u00a0500", 12500),  # non-breaking space between thousands
        ("  7 ", 7),
    ],
)
def test_getal_uit_tekst(tekst, getal):
    assert parse_number(tekst) == getal


@pytest.mark.parametrize("tekst", ["vijf", "1..2", "1.23.4", "1,2,3", "--5", "€", "5 dagen", "1.234,5.6"])
def test_geen_getal(tekst):
    with pytest.raises(Unreadable, match=f'^"{tekst.strip()}" is geen getal$'):
        parse_number(tekst)


def test_getal_uit_cel():
    assert parse_number(3) == 3.0
    assert parse_number(0.6, percent=True) == 60.0  # a percent cell holding 0.6 means 60
    assert parse_number(0.07, percent=True) == 7.0
    with pytest.raises(Unreadable, match='"ja" is geen getal'):
        parse_number(True)
    with pytest.raises(Unreadable, match='"15-10-2019" is geen getal'):
        parse_number(datetime(2019, 10, 15))


def test_getal_of_tekst():
    assert parse_number_or_text("5") == 5.0
    assert parse_number_or_text(0.6, percent=True) == 60.0
    assert parse_number_or_text(" ma t/m vr ") == "ma t/m vr"


def test_heel_getal():
    assert parse_whole_number(2020) == 2020
    assert parse_whole_number("2020") == 2020
    assert parse_whole_number(2020.0) == 2020
    with pytest.raises(Unreadable, match='"2020,5" is geen heel getal'):
        parse_whole_number("2020,5")


@pytest.mark.parametrize(
    "tekst",
    ["15-10-2019", "15-10-19", "2019-10-15", "15 oktober 2019", "15 okt 2019", "15 okt. 2019", "15/10/2019", "15 Oktober 2019"],
)
def test_datum_uit_tekst(tekst):
    assert parse_date(tekst) == date(2019, 10, 15)


def test_datum_uit_cel():
    assert parse_date(datetime(2019, 10, 15, 0, 0)) == date(2019, 10, 15)
    assert parse_date(date(2019, 10, 15)) == date(2019, 10, 15)


@pytest.mark.parametrize("tekst", ["morgen", "31-02-2019", "15 brumaire 2019", "2019"])
def test_geen_datum(tekst):
    with pytest.raises(Unreadable, match=f'^"{tekst}" is geen datum$'):
        parse_date(tekst)


@pytest.mark.parametrize(
    ("tekst", "jaar", "kwartaal"),
    [
        ("Q1", 2020, 1),
        ("Q1 2020", 2020, 1),
        ("q3 2021", 2021, 3),
        ("2020-Q1", 2020, 1),
        ("2020 Q1", 2020, 1),
        ("2020Q4", 2020, 4),
        ("K1", 2020, 1),
        ("K2 2021", 2021, 2),
        ("1e kwartaal 2020", 2020, 1),
        ("2de kwartaal", 2020, 2),
        ("eerste kwartaal", 2020, 1),
        ("Derde kwartaal 2021", 2021, 3),
        ("het vierde kwartaal van 2019", 2019, 4),
        ("kwartaal 1", 2020, 1),
        ("Kwartaal 3 2021", 2021, 3),
    ],
)
def test_kwartaal_uit_tekst(tekst, jaar, kwartaal):
    # without a year the Subsidiejaar (here 2020) is meant
    assert parse_quarter(tekst, 2020) == Kwartaal(jaar=jaar, kwartaal=kwartaal)


def test_kwartaal_uit_datum():
    assert parse_quarter(datetime(2020, 5, 15), 2020) == Kwartaal(jaar=2020, kwartaal=2, datum=date(2020, 5, 15))
    assert parse_quarter("15-10-2019", 2020) == Kwartaal(jaar=2019, kwartaal=4, datum=date(2019, 10, 15))
    assert parse_quarter("1 juli 2020", None) == Kwartaal(jaar=2020, kwartaal=3, datum=date(2020, 7, 1))


@pytest.mark.parametrize("tekst", ["Q5", "Q0", "kwartaal", "vijfde kwartaal", "Q1 2020 en Q3 2020", "binnenkort"])
def test_geen_kwartaal(tekst):
    with pytest.raises(Unreadable, match=f'^"{tekst}" is geen kwartaal$'):
        parse_quarter(tekst, 2020)


def test_kwartaal_zonder_jaar_en_zonder_subsidiejaar():
    with pytest.raises(Unreadable, match='"Q1" noemt geen jaar en het Subsidiejaar ontbreekt'):
        parse_quarter("Q1", None)


@pytest.mark.parametrize(
    "ja", ["ja", "Ja", " JA ", "j", "x", "X", "akkoord", "Akkoord.", "✓", "✔", "true", "TRUE", "waar", "yes", "y", True, 1]
)
def test_ja(ja):
    assert parse_yes_no(ja) is True


@pytest.mark.parametrize("nee", ["nee", "Nee", "n", "niet akkoord", "Niet akkoord", "false", "onwaar", "no", "✗", False, 0])
def test_nee(nee):
    assert parse_yes_no(nee) is False


@pytest.mark.parametrize("tekst", ["misschien", "ja, mits", "2"])
def test_geen_ja_of_nee(tekst):
    with pytest.raises(Unreadable, match=f'^"{tekst}" is geen ja of nee$'):
        parse_yes_no(tekst)


def test_lijst():
    assert parse_list("Jan; Piet") == ["Jan", "Piet"]
    assert parse_list("Jan, Piet") == ["Jan", "Piet"]
    assert parse_list("Jan\nPiet\r\n\nKees") == ["Jan", "Piet", "Kees"]
    assert parse_list("Jan;; ,") == ["Jan"]
    assert parse_list(7) == ["7"]


@pytest.mark.parametrize("opdracht", ["meierijstad-2020", "Vijfheerenlanden-2021", "gemeente_x.v2"])
def test_opdracht(opdracht):
    assert parse_opdracht(f" {opdracht} ") == opdracht


@pytest.mark.parametrize("opdracht", ["../regels", "/etc", "meierijstad 2020", "a" * 61, "-x", "x--y", 1e308])
def test_geen_opdracht(opdracht):
    with pytest.raises(Unreadable, match="is geen naam van een opdracht; schrijf bijvoorbeeld meierijstad-2020$"):
        parse_opdracht(opdracht)


def test_code():
    assert parse_code("  rv-opleiding ") == "RV-OPLEIDING"


@pytest.mark.parametrize(
    "waarde", [3, 3.0, "3", "3.", "Deelopdracht 3", "deelopdracht 3: jongerenwerk", "3. Jongerenwerk", "3 – Jongerenwerk", "B3", "03"]
)
def test_deelopdrachtnummer(waarde):
    assert parse_deelopdracht_nr(waarde) == 3


@pytest.mark.parametrize("waarde", [0, 3.5, "3.5", "drie", "100", "3-5", True])
def test_geen_deelopdrachtnummer(waarde):
    with pytest.raises(Unreadable, match="is geen deelopdrachtnummer"):
        parse_deelopdracht_nr(waarde)


@pytest.mark.parametrize(
    ("waarde", "onderdeel"),
    [
        ("Blok A", "A"),
        ("blok a", "A"),
        ("Blok A - formatie", "A"),
        (3, "3"),
        ("3", "3"),
        ("Deelopdracht 3", "3"),
        ("3. Jongerenwerk", "3"),
        ("Totaal", "Totaal"),
        (" Overhead ", "Overhead"),
        ("Activiteiten", "Activiteiten"),
    ],
)
def test_onderdeel(waarde, onderdeel):
    assert parse_onderdeel(waarde) == onderdeel


@pytest.mark.parametrize(
    ("waarde", "reikwijdte"),
    [
        ("volledig", None),
        (" Volledig ", None),
        ("1, 2, 7", [1, 2, 7]),
        ("1-3; 7", [1, 2, 3, 7]),
        ("1 – 3 en 7", [1, 2, 3, 7]),
        ("1 t/m 3", [1, 2, 3]),
        ("deelopdrachten 2 en 12", [2, 12]),
        ("7\n2", [2, 7]),
        (7, [7]),
    ],
)
def test_reikwijdte(waarde, reikwijdte):
    assert parse_reikwijdte(waarde) == reikwijdte


@pytest.mark.parametrize("tekst", ["alles behalve 3", "1-100000", "0", "3-1", "7.5"])
def test_geen_reikwijdte(tekst):
    with pytest.raises(Unreadable, match=f'^"{tekst}" is geen reikwijdte'):
        parse_reikwijdte(tekst)


def test_tekst_van_cellen():
    assert as_text(3.0) == "3"
    assert as_text(2.5) == "2.5"
    assert as_text(0.6, percent=True) == "60%"
    assert as_text(datetime(2019, 10, 15)) == "15-10-2019"
    assert as_text(False) == "nee"


# --- properties ---

_bedragen = st.decimals(min_value=Decimal("-10000000"), max_value=Decimal("10000000"), places=2)


def _nederlands(getal: Decimal, duizendtallen: bool) -> str:
    tekst = f"{abs(getal):,.2f}"  # '1,234.50'
    tekst = tekst.translate(str.maketrans({",": ".", ".": ","}))  # '1.234,50'
    if not duizendtallen:
        tekst = tekst.replace(".", "")
    return ("-" if getal < 0 else "") + tekst


@given(_bedragen, st.booleans(), st.sampled_from(["", "€ ", "€", "EUR "]))
def test_nederlands_getal_heen_en_terug(getal, duizendtallen, valuta):
    tekst = _nederlands(getal, duizendtallen)
    if valuta and not tekst.startswith("-"):
        tekst = valuta + tekst
    assert Decimal(str(parse_number(tekst))) == getal


@given(_bedragen)
def test_engels_getal_met_decimalen_heen_en_terug(getal):
    assert Decimal(str(parse_number(f"{getal:,.2f}"))) == getal


@given(st.integers(min_value=0, max_value=10**9))
def test_heel_getal_met_nederlandse_duizendtallen(getal):
    assert parse_number(f"{getal:,}".replace(",", ".")) == getal


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_procent_heen_en_terug(getal):
    assert Decimal(str(parse_number(f"{getal} %".replace(".", ",")))) == getal
    assert parse_number(float(getal) / 100, percent=True) == pytest.approx(float(getal))


_MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
_AFKORTINGEN = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31)), st.integers(min_value=0, max_value=4))
def test_datum_heen_en_terug(dag, vorm):
    tekst = [
        f"{dag.day}-{dag.month}-{dag.year}",
        f"{dag:%d-%m-%y}",
        dag.isoformat(),
        f"{dag.day} {_MAANDEN[dag.month - 1]} {dag.year}",
        f"{dag.day} {_AFKORTINGEN[dag.month - 1]} {dag.year}",
    ][vorm]
    assert parse_date(tekst) == dag


@given(st.integers(min_value=1990, max_value=2099), st.integers(min_value=1, max_value=4), st.integers(min_value=0, max_value=6))
def test_kwartaal_heen_en_terug(jaar, kwartaal, vorm):
    rangtelwoord = ["eerste", "tweede", "derde", "vierde"][kwartaal - 1]
    tekst = [
        f"Q{kwartaal} {jaar}",
        f"{jaar}-Q{kwartaal}",
        f"{jaar} Q{kwartaal}",
        f"K{kwartaal} {jaar}",
        f"{kwartaal}e kwartaal {jaar}",
        f"{rangtelwoord} kwartaal {jaar}",
        f"kwartaal {kwartaal} {jaar}",
    ][vorm]
    assert parse_quarter(tekst, None) == Kwartaal(jaar=jaar, kwartaal=kwartaal)


_namen = st.text(alphabet=st.characters(blacklist_characters=";,\n\r", blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1)


@given(st.lists(_namen, min_size=1, max_size=5), st.sampled_from(["; ", ", ", "\n", ";"]))
def test_lijst_heen_en_terug(namen, scheiding):
    assert parse_list(scheiding.join(namen)) == namen


@given(st.sets(st.integers(min_value=1, max_value=99), min_size=1))
def test_reikwijdte_heen_en_terug(nummers):
    assert parse_reikwijdte(", ".join(map(str, nummers))) == sorted(nummers)


@given(st.sampled_from(["ja", "j", "x", "akkoord", "✓", "true", "nee", "n", "niet akkoord", "false", "✗"]),
       st.sampled_from([str.lower, str.upper, str.title]), st.sampled_from(["", " ", ".", "  "]))
def test_ja_nee_in_elke_schrijfwijze(woord, schrijfwijze, rest):
    ja = woord in ("ja", "j", "x", "akkoord", "✓", "true")
    assert parse_yes_no(f" {schrijfwijze(woord)}{rest}") is ja


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["{}", "{}.", "Deelopdracht {}", "B{}", "{}. Jeugd", "0{}"]))
def test_deelopdrachtnummer_heen_en_terug(nummer, vorm):
    assert parse_deelopdracht_nr(vorm.format(nummer)) == nummer
    assert parse_onderdeel(vorm.format(nummer)) == str(nummer)


# whatever a cell holds: every parser gives a value or a Dutch Unreadable, never another error
_CELTEKST = st.text() | st.lists(st.sampled_from(
    [*"0123456789.,-;:/ €%qQkKe\n", "kwartaal", "eerste", "oktober", "2020", "t/m", "deelopdracht", "blok a", "9" * 5000]
), max_size=12).map("".join)
_CELWAARDE = _CELTEKST | st.integers() | st.floats() | st.booleans() | st.dates() | st.datetimes() | st.times()
_LEZERS = [
    as_text, parse_code, parse_list, parse_number, parse_number_or_text, parse_whole_number, parse_date,
    parse_yes_no, parse_deelopdracht_nr, parse_onderdeel, parse_reikwijdte, parse_opdracht,
    lambda waarde: parse_number(waarde, percent=True), lambda waarde: parse_quarter(waarde, 2020),
    lambda waarde: parse_quarter(waarde, None),
]


@given(_CELWAARDE)
def test_elke_lezer_leest_elke_cel_of_meldt_het(waarde):
    for lees in _LEZERS:
        try:
            lees(waarde)
        except Unreadable as fout:
            assert "\n" not in str(fout) and len(str(fout)) < 300  # one short line for the report


@given(st.floats(allow_nan=False) | st.integers(), st.booleans())
def test_getallen_blijven_onder_de_grens(getal, procent):
    try:
        assert abs(parse_number(getal, procent)) < 10**12
    except Unreadable as fout:
        assert "te groot" in str(fout)
