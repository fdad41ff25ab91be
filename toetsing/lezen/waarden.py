"""Parsers for what people type into a werkplan: Dutch and English numbers, dates,
quarters, yes/no, lists, deelopdracht numbers.

Every parser takes a cell's Python value (str, int, float, bool, date, datetime or
time, never None) and returns the parsed value or raises `Unreadable` with a Dutch
message for the user.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

from toetsing.tekst import normaliseer
from toetsing.werkplan.model import Kwartaal

CellValue = str | int | float | bool | date | datetime | time

MAX_DEELOPDRACHT = 99  # bounds ranges such as "1-99999" in Reikwijdte
# Facts reach the rules engine as JSON, whose reader there stops at exponent notation,
# which Python writes from 1e16 on; 10,000 rows below this limit still sum below that.
MAX_NUMBER = 10**12
MAX_QUOTE = 60  # characters of a cell quoted in a message


class Unreadable(ValueError):
    """The cell's content is not what the column needs; str() is the Dutch message."""


class _TooLarge(Unreadable):
    """A number, but beyond MAX_NUMBER: not to be read as text either."""


def shorten(text: str) -> str:
    """A cell's text for a message: on one line, cut short when long."""
    text = " ".join(text.split())
    return f"{text[:MAX_QUOTE]}…" if len(text) > MAX_QUOTE else text


def quote(text: str) -> str:
    return f'"{shorten(text)}"'


# --- text -------------------------------------------------------------------


def _number_text(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def as_text(value: CellValue, percent: bool = False) -> str:
    """The cell as text, close to how Excel shows it."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)):
        return _number_text(_percent(value)) + "%" if percent else _number_text(value)
    if isinstance(value, datetime) and value.time() == time(0):
        value = value.date()
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.strftime("%d-%m-%Y")
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()


def parse_code(value: CellValue) -> str:
    return as_text(value).upper()


def parse_list(value: CellValue) -> list[str]:
    """'A; B, C' or one item per line -> ['A', 'B', 'C']."""
    items = [item.strip() for item in re.split(r"[;,\n\r]+", as_text(value))]
    return [item for item in items if item]


# --- numbers ----------------------------------------------------------------

_CURRENCY = re.compile(r"^(?:€|eur(?:o)?)|(?:€|eur(?:o)?)$", re.IGNORECASE)
_SIGN = re.compile(r"^[+-]")


def _percent(number: float) -> float:
    # via Decimal so that 0.6 gives 60.0, not 60.00000000000001
    return float(Decimal(repr(float(number))) * 100)


def _valid_groups(integer_part: str, separator: str) -> bool:
    groups = integer_part.split(separator)
    return (
        1 <= len(groups[0]) <= 3
        and all(len(group) == 3 for group in groups[1:])
        and all(group.isdigit() for group in groups)
    )


def _parse_digits(body: str) -> Decimal | None:
    """'1.234,50' / '1,234.50' / '12.500' / '1,5' / '1.5' -> Decimal, or None.

    A single '.' followed by exactly three digits is a Dutch thousands separator
    ('12.500' is twelve thousand five hundred); a single ',' is always a decimal comma.
    """
    if not body or not re.fullmatch(r"[\d.,]+", body) or not any(c.isdigit() for c in body):
        return None
    separators = {c for c in body if c in ".,"}
    if not separators:
        return Decimal(body)
    last = max(body.rfind("."), body.rfind(","))
    head, tail = body[:last], body[last + 1 :]
    if len(separators) == 2:
        thousands = "," if body[last] == "." else "."
        if not tail.isdigit() or not _valid_groups(head, thousands):
            return None
        return Decimal(head.replace(thousands, "") + "." + tail)
    separator = separators.pop()
    if body.count(separator) > 1 or (
        separator == "." and len(tail) == 3 and head not in ("", "0") and _valid_groups(head, ".")
    ):
        return Decimal(body.replace(separator, "")) if _valid_groups(body, separator) else None
    if not tail.isdigit() or not (head == "" or head.isdigit()):
        return None
    return Decimal((head or "0") + "." + tail)


def parse_number_text(text: str) -> float:
    """'€ 1.234,50' -> 1234.5; '60 %' -> 60.0; '€ 12.500,-' -> 12500.0."""
    s = re.sub(r"\s", "", text).replace("\u2212", "-")
    s = s.removesuffix("%")  # "60%" is the number 60, as in the contract
    sign = ""
    for _ in range(2):  # a sign may stand before or after the currency symbol
        if match := _SIGN.match(s):
            sign += match.group()
            s = s[1:]
        s = _CURRENCY.sub("", s, count=1)
    s = re.sub(r"[.,]-{1,2}$", "", s)  # "12.500,-" is a whole amount
    number = _parse_digits(s)
    if number is None or len(sign) > 1:
        raise Unreadable(f"{quote(text)} is geen getal")
    return float(-number if sign == "-" else number)


def parse_number(value: CellValue, percent: bool = False) -> float:
    """A number cell (a percent-formatted 0.6 means 60) or text holding a number."""
    if isinstance(value, str):
        number = parse_number_text(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        number = _percent(value) if percent else float(value)
    else:
        raise Unreadable(f"{quote(as_text(value))} is geen getal")
    if not abs(number) < MAX_NUMBER:  # also infinity, from a cell holding 1E999
        raise _TooLarge(f"{quote(as_text(value, percent))} is te groot; toetsing rekent met getallen tot 1.000.000.000.000")
    return number


def parse_number_or_text(value: CellValue, percent: bool = False) -> float | str:
    """For Kengetallen: a number when it reads as one, else the text as typed."""
    try:
        return parse_number(value, percent)
    except _TooLarge:
        raise
    except Unreadable:
        return as_text(value, percent)


def parse_whole_number(value: CellValue) -> int:
    number = parse_number(value)
    if not number.is_integer():
        raise Unreadable(f"{quote(as_text(value))} is geen heel getal")
    return int(number)


# --- dates and quarters -----------------------------------------------------

_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "february": 2,
    "maart": 3, "mrt": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
_YEAR_MONTH_DAY = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DAY_MONTHNAME_YEAR = re.compile(r"(\d{1,2})\.? ([a-z]+)\.? (\d{4})")


def _full_year(year: str) -> int:
    # two-digit years: '19' is 2019, '85' is 1985
    number = int(year)
    if len(year) == 4:
        return number
    return 2000 + number if number < 70 else 1900 + number


def _date_from_text(text: str) -> date | None:
    key = normaliseer(text)
    day = month = year = None
    if match := _DAY_MONTH_YEAR.fullmatch(key):
        day, month, year = int(match[1]), int(match[2]), _full_year(match[3])
    elif match := _YEAR_MONTH_DAY.fullmatch(key):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif (match := _DAY_MONTHNAME_YEAR.fullmatch(key)) and match[2] in _MONTHS:
        day, month, year = int(match[1]), _MONTHS[match[2]], int(match[3])
    if day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # 31-02-2019
        return None


def parse_date(value: CellValue) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and (found := _date_from_text(value)):
        return found
    raise Unreadable(f"{quote(as_text(value))} is geen datum")


_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_QUARTER = re.compile(
    r"[qk] ?(?P<a>[1-4])"  # Q1, K1
    r"|(?P<b>[1-4]) ?(?:e|ste|de) kwartaal"  # 1e kwartaal
    r"|(?P<c>eerste|tweede|derde|vierde) kwartaal"
    r"|kwartaal (?P<d>[1-4])"
)


def _quarter_from_text(text: str, subsidiejaar: int | None) -> Kwartaal | None:
    key = normaliseer(text)
    years = _YEAR.findall(key)
    if len(years) > 1:
        return None
    rest = _YEAR.sub(" ", key)
    rest = re.sub(r"[-/,.']|\b(?:het|van|in)\b", " ", rest)
    match = _QUARTER.fullmatch(" ".join(rest.split()))
    if not match:
        return None
    number = match["a"] or match["b"] or match["d"] or _ORDINALS.get(match["c"] or "")
    if years:
        return Kwartaal(jaar=int(years[0]), kwartaal=int(number))
    if subsidiejaar is None:
        raise Unreadable(f"{quote(text)} noemt geen jaar en het Subsidiejaar ontbreekt")
    return Kwartaal(jaar=subsidiejaar, kwartaal=int(number))


def parse_quarter(value: CellValue, subsidiejaar: int | None) -> Kwartaal:
    """'Q1 2020', '2020-Q1', 'K1', '1e kwartaal', 'kwartaal 1' or a date (-> its quarter).

    Without a year the werkplan's Subsidiejaar is meant.
    """
    if isinstance(value, str) and (quarter := _quarter_from_text(value, subsidiejaar)):
        return quarter
    try:
        day = parse_date(value)
    except Unreadable:
        raise Unreadable(f"{quote(as_text(value))} is geen kwartaal") from None
    return Kwartaal(jaar=day.year, kwartaal=(day.month - 1) // 3 + 1, datum=day)


# --- yes / no ---------------------------------------------------------------

_YES = {"ja", "j", "x", "akkoord", "true", "waar", "yes", "y", "ok", "1"}
_NO = {"nee", "n", "niet akkoord", "false", "onwaar", "no", "0"}
_YES_SYMBOLS = {"✓", "✔", "☑", "✅"}
_NO_SYMBOLS = {"✗", "✘", "☒", "❌"}


def parse_yes_no(value: CellValue) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = as_text(value)
    # symbols first: normaliseer() drops characters outside ASCII
    if text.rstrip(".! ") in _YES_SYMBOLS:
        return True
    if text.rstrip(".! ") in _NO_SYMBOLS:
        return False
    key = normaliseer(text).rstrip(".!")
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise Unreadable(f"{quote(text)} is geen ja of nee")


# --- opdracht ---------------------------------------------------------------

# the id names a folder of rule files: a path ("../", "/home/...") or a text of
# thousands of characters must never reach the file system
_OPDRACHT = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
MAX_OPDRACHT = 60


def parse_opdracht(value: CellValue) -> str:
    """A rule set id such as 'meierijstad-2020'."""
    text = as_text(value)
    if len(text) > MAX_OPDRACHT or not _OPDRACHT.fullmatch(text.lower()):
        raise Unreadable(f"{quote(text)} is geen naam van een opdracht; schrijf bijvoorbeeld meierijstad-2020")
    return text


# --- deelopdrachten, onderdelen, reikwijdte ---------------------------------

# "3", "3.", "3. Jongerenwerk", "3 - Jongerenwerk", "Deelopdracht 3", "B3"
_DEELOPDRACHT = re.compile(
    r"(?:deelopdracht|nr\.?|nummer|b)? ?0*(\d{1,2})(?: ?[.:)-] ?(?:\D.*)?| \D.*)?"
)


def parse_deelopdracht_nr(value: CellValue) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = int(value) if float(value).is_integer() else 0
    elif isinstance(value, str) and (match := _DEELOPDRACHT.fullmatch(normaliseer(value))):
        number = int(match[1])
    else:
        number = 0
    if not 1 <= number <= MAX_DEELOPDRACHT:
        raise Unreadable(f"{quote(as_text(value))} is geen deelopdrachtnummer")
    return number


_BLOK_A = re.compile(r"(?:blok ?)?a(?:\W.*)?")


def parse_onderdeel(value: CellValue) -> str:
    """'Blok A' -> 'A'; 'Deelopdracht 3' / 3 / '3. Jongerenwerk' -> '3'; else the text."""
    text = as_text(value)
    if _BLOK_A.fullmatch(normaliseer(text)):
        return "A"
    try:
        return str(parse_deelopdracht_nr(value))
    except Unreadable:
        return text


_VOLLEDIG = {"volledig", "alle", "alles", "alle deelopdrachten"}
# a range starts where a number starts: without the lookbehind a cell of thousands of
# digits would be tried from every digit, quadratic in its length
_RANGE = re.compile(r"(?<!\d)(\d++) ?(?:-|t/m|tm|tot en met) ?(\d+)")


def parse_reikwijdte(value: CellValue) -> list[int] | None:
    """'volledig' -> None (all of blok B); '1, 2, 7' or '1-3; 7' -> sorted numbers."""
    text = as_text(value)
    # normaliseer() drops en and em dashes, which here mean a range
    key = normaliseer(re.sub("[\u2013\u2014]", "-", text))
    if key in _VOLLEDIG:
        return None
    key = re.sub(r"\b(?:deelopdrachten|deelopdracht|nrs?)\b\.?", " ", key)
    unreadable = Unreadable(f'{quote(text)} is geen reikwijdte; schrijf "volledig" of deelopdrachtnummers, bijv. "1, 2, 7"')
    numbers: set[int] = set()
    for part in re.split(r"[;,\n]| en ", key):
        for token in _RANGE.sub(lambda m: f"{m[1]}-{m[2]}", part.strip()).split():
            first, _, last = token.partition("-")
            if not (first.isdigit() and (last.isdigit() or not last)):
                raise unreadable
            low, high = _deelopdracht_digits(first), _deelopdracht_digits(last or first)
            if not 1 <= low <= high <= MAX_DEELOPDRACHT:
                raise Unreadable(f"{quote(text)} is geen reikwijdte: nummers lopen van 1 tot {MAX_DEELOPDRACHT}")
            numbers.update(range(low, high + 1))
    if not numbers:
        raise unreadable
    return sorted(numbers)


def _deelopdracht_digits(digits: str) -> int:
    """The number, or one beyond MAX_DEELOPDRACHT when it has more digits than that
    (int() refuses a number of thousands of digits)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= len(str(MAX_DEELOPDRACHT)) else MAX_DEELOPDRACHT + 1
