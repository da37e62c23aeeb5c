"""Pure parsers from one raw cell value (as python-calamine returns it) to a typed value.

No I/O here. A value that cannot be read becomes a `Bad`: a problem code of `reportgen.problems`, its
wording variant and the fields its templates need; the caller adds the column name and the location, so
every message reads 退出产能「—」不是数字 after file「sheet」cell.
"""
from __future__ import annotations

import calendar
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Context, Decimal
from functools import lru_cache, wraps
from typing import ParamSpec, TypeVar, cast
from collections.abc import Callable

from reportgen import problems
from reportgen.config import Industry, Settings


@dataclass(frozen=True)
class Bad:
    """A value that could not be read: a catalogued problem code, its wording variant and fields (no location)."""

    code: str
    variant: str = ""
    fields: tuple[tuple[str, object], ...] = ()
    fix: str = ""  # a problems.FIXES key: the hint for the kind of cell (数量, 退出产能)

    def text(self, column: str) -> tuple[str, str]:
        """The clerk's (message, hint) for a value of `column`."""
        return problems.text(self.code, self.variant, self.fix, column=column, **dict(self.fields))

    @property
    def message(self) -> str:
        """The clerk's message without the column name: 「—」不是数字."""
        return self.text("")[0]

    @property
    def hint(self) -> str:
        return self.text("")[1]

    @property
    def shown(self) -> str:
        return str(dict(self.fields).get("shown", ""))


def _bad(code: str, variant: str = "", **fields: object) -> Bad:
    return Bad(code, variant, tuple(fields.items()))


EMPTY = "required-missing"  # the code of every Bad for an empty cell
METHODS, GROUNDS = Settings.METHODS, Settings.GROUNDS
QUANTITY_UNITS = ("台", "套", "条", "座", "个", "台套")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 61 = 1900-03-01; the fake 1900-02-29 (60) is below our range
_SERIAL_MIN, _SERIAL_MAX = 20000, 80000  # 1954-10-03 .. 2119-01-11
_YEAR_MIN, _YEAR_MAX = 1900, 2199
EXACT = _EXACT = Context(prec=200)  # products and sums of cell values (15 digits each) stay exact

_ESCAPE = re.compile(r"(?:_x005[Ff])?_x([0-9A-Fa-f]{4})_")
_SPACE_RUNS = re.compile(r" {2,}")
_DASHES = str.maketrans({"−": "-", "﹣": "-", "‐": "-", "‑": "-", "–": "-", "—": "-", "～": "~", "〜": "~",
                         "【": "(", "】": ")", "〔": "(", "〕": ")", "［": "(", "］": ")", "〈": "(", "〉": ")"})
_NUM = r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)"
_NUMBER = re.compile(_NUM)
_NUMBER_ONLY = re.compile(rf"(?:{_NUM})\Z")
_RANGE = re.compile(r"\d\s*(?:-|~|至|到)\s*[+-]?\.?\d")
_APPROX = re.compile(r"约|大约|大概|近|逾|超过|左右|余|多|以上|以下|上下|≈|~|±")
_PER_YEAR = re.compile(r"(?:/|每)(?:年|a|y|yr|年度)\Z", re.IGNORECASE)
_UNIT_TEXT = re.compile(r"[A-Za-z\u4e00-\u9fff]{1,10}(?:/[A-Za-z]{1,3}3?)?")
_UNIT_ALIASES = {"T": "吨", "万T": "万吨", "KT": "千吨", "公吨": "吨", "KVAH": "千伏安时", "万KVAH": "万千伏安时",
                 "M": "米", "万M": "万米"}  # looked up upper-cased


_P = ParamSpec("_P")
_T = TypeVar("_T")


def _memo(func: Callable[_P, _T]) -> Callable[_P, _T]:
    """Memoise a pure parser: clerks repeat the same dates, units and words on every row."""
    # lru_cache types its wrapper as taking Hashable arguments; it calls func with the same ones
    cached = cast(Callable[_P, _T], lru_cache(maxsize=16384, typed=True)(func))

    @wraps(func)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return cached(*args, **kwargs)
        except TypeError:  # an unhashable value: parse it without the cache
            return func(*args, **kwargs)
    return call


def cell_ref(row: int, col: int) -> str:
    """The Excel reference of a 1-based row and 0-based column index: (7, 2) -> "C7"."""
    letters, n = "", col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def clean_text(value: object) -> tuple[str, bool]:
    """The visible text of a cell, and whether something invisible was removed beyond a plain strip.

    Excel escapes of invisible characters (`_x000D_`, also double-escaped `_x005F_x000D_`) and
    format characters (zero-width spaces, BOM, soft hyphen) are removed; control characters,
    line breaks, NBSP, U+3000 and other special spaces become one ordinary space. Runs of ordinary
    spaces are collapsed without counting as a change. Idempotent.
    """
    if value.__class__ is str:
        if value.isprintable() and "_x" not in value:  # fast path: no Cc, Cf, Zs but " ", Zl, Zp or escapes
            text = value.strip(" ")
            return (_SPACE_RUNS.sub(" ", text) if "  " in text else text), False
        return _clean_special(value)
    if value is None:
        return "", False
    if isinstance(value, str):
        return clean_text(str(value))
    return _scalar_text(value), False


@lru_cache(maxsize=16384)
def _clean_special(value: str) -> tuple[str, bool]:
    text = value
    while True:
        step = _ESCAPE.sub(_unescape, text)
        step = "".join(ch for ch in step if unicodedata.category(ch) != "Cf")
        if step == text:
            break
        text = step
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Zs", "Zl", "Zp") else ch for ch in text)
    text = _SPACE_RUNS.sub(" ", text.strip())
    # a line break typed in a cell (Alt+Enter) or a tab is ordinary layout, not an invisible character
    visible = _SPACE_RUNS.sub(" ", value.replace("\r", " ").replace("\n", " ").replace("\t", " ").strip())
    return text, text != visible


def _unescape(m: re.Match[str]) -> str:
    ch = chr(int(m.group(1), 16))
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""
    return " " if category in ("Cc", "Zs", "Zl", "Zp", "Cs") else m.group(0)


def _scalar_text(value: object) -> str:
    if value.__class__ is float:
        return str(_float_decimal(value)) if math.isfinite(value) else repr(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return str(plain(value)) if value.is_finite() else str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return clean_text(str(value))[0]


def _float_decimal(x: float) -> Decimal:
    """The number as Excel shows it: 15 significant digits (0.12000000000000001 -> 0.12), plain; `x` is finite.

    Excel keeps and displays 15 significant digits; the binary noise beyond (a formula's 0.1+0.02) is not
    the clerk's number and must never reach a document as 3.72000000000000035万吨.
    """
    if x.is_integer() and abs(x) < 1e15:
        return Decimal(int(x))
    return plain(Decimal(format(x, ".15g")))


def plain_text(d: Decimal) -> str:
    """A Decimal as a clerk writes it: plain digits, no exponent, no trailing zeros ("45", "0.0001", "0")."""
    return format(plain(d), "f")


def plain(d: Decimal) -> Decimal:
    """The same finite value without trailing fractional zeros and never in exponent form."""
    sign, shown_digits, exp = d.as_tuple()
    if not isinstance(exp, int):  # NaN or infinity: nothing to strip
        return d
    digits = list(shown_digits)
    while exp < 0 and len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exp += 1
    if exp > 0:
        digits, exp = digits + [0] * exp, 0
    if not any(digits):
        return Decimal(0)
    return Decimal((sign, tuple(digits), exp))


def _norm(value: object) -> str:
    """Cleaned text folded for parsing: NFKC (full-width digits, punctuation), dashes unified."""
    return unicodedata.normalize("NFKC", clean_text(value)[0]).translate(_DASHES).strip()


def _show(value: object) -> str:
    return clean_text(value)[0]


def _empty(what: str) -> Bad:
    return _bad(EMPTY, what=what)


@_memo
def parse_decimal(value: object) -> Decimal | Bad:
    """An exact Decimal from a number cell or text (full-width, thousands separators); units are not allowed."""
    if value is None or value == "":
        return _empty("数字，如 12.5")
    if isinstance(value, bool):
        return _bad("number-unreadable", "logical", shown=_show(value))
    if isinstance(value, (date, time, timedelta)):
        return _bad("number-unreadable", "temporal", shown=_show(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float) and math.isfinite(value):
        return _float_decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        return plain(value)
    if isinstance(value, (float, Decimal)):
        return _bad("number-unreadable", "invalid", shown=_show(value))
    text = _norm(value)
    if not text:
        return _empty("数字，如 12.5")
    if _NUMBER_ONLY.match(text):
        return plain(Decimal(text.replace(",", "")))
    shown = _show(value)
    if _RANGE.search(text):
        return _bad("number-range", shown=shown)
    m = _NUMBER.match(text)
    if m and re.fullmatch(r"\s*[^\d.,+-][^\d]*", text[m.end():]):
        return _bad("number-with-text", shown=shown)
    return _bad("number-unreadable", shown=shown)


@lru_cache(maxsize=4096)
def normalise_unit(text: str) -> str:
    """The comparison form of a unit: NFKC, no spaces or brackets, no "/年", t -> 吨, 万t -> 万吨."""
    unit = re.sub(r"\s+", "", _norm(text))
    unit = re.sub(r"\([^()]*\)", "", unit)
    unit = _PER_YEAR.sub("", unit)
    unit = re.sub(r"\A(?:年产能?|产能)", "", unit)
    return _UNIT_ALIASES.get(unit.upper(), unit)


@_memo
def split_number_unit(value: object) -> tuple[Decimal, str] | Bad:
    """A number and the unit written after it: "1.5万吨/年" -> (1.5, "万吨"); a bare number has unit ""."""
    text, shown = (_norm(value), _show(value)) if isinstance(value, str) else ("", "")
    if not text:  # empty, or not text: a number cell has no unit
        number = parse_decimal(value)
        return number if isinstance(number, Bad) else (number, "")
    if _RANGE.search(text):
        return _bad("number-range", "capacity", shown=shown)
    if _APPROX.search(text):
        return _bad("number-approximate", shown=shown)
    m = _NUMBER.match(text)
    if not m:
        return _bad("number-unreadable", "capacity", shown=shown)
    rest = text[m.end():].strip()
    number = plain(Decimal(m.group(0).replace(",", "")))
    if not rest:
        return number, ""
    if re.match(r"[\d.,]", rest):
        return _bad("number-unreadable", "points", shown=shown)
    unit = normalise_unit(rest)
    if not _UNIT_TEXT.fullmatch(unit):
        return _bad("unit-unknown", shown=shown, unit=rest)
    return number, unit


@_memo
def parse_capacity(value: object, industry: Industry, header_unit: str = "",
                   unit_cell: str = "") -> tuple[Decimal, str, str] | Bad:
    """(capacity in the industry's canonical unit, or as given when no factor is known; unit; note for the clerk)."""
    split = split_number_unit(value)
    if isinstance(split, Bad):
        return replace(split, fields=(*split.fields, ("standard", industry.unit)), fix="capacity")
    number, cell_unit = split
    column_unit, head_unit = normalise_unit(unit_cell or ""), normalise_unit(header_unit or "")
    shown, note = _show(value), ""
    if cell_unit and column_unit and cell_unit != column_unit:
        return _bad("unit-conflict", shown=shown, cell_unit=cell_unit, column_unit=column_unit, unit=industry.unit)
    unit = cell_unit or column_unit
    if unit and head_unit and unit != head_unit:
        note = f"单位「{unit}」与表头中的「{head_unit}」不同，按「{unit}」计"
    if not unit:
        unit = head_unit
    if not unit:
        unit = industry.unit
        note = f"未填单位，按行业标准单位{industry.unit}计"
    if number <= 0:
        return _bad("capacity-not-positive", shown=shown, unit=industry.unit)
    factor = _factor(industry, unit)
    if factor is None:
        return number, unit, "；".join(n for n in (note, f"单位「{unit}」无换算系数，单独汇总") if n)
    return plain(_EXACT.multiply(number, factor)), industry.unit, note


@lru_cache(maxsize=1024)
def _factor(industry: Industry, unit: str) -> Decimal | None:
    factors = ((industry.unit, Decimal(1)), *industry.factors)
    return next((f for u, f in factors if normalise_unit(u) == unit), None)


@_memo
def parse_date(value: object, year_hint: int | None = None) -> date | Bad:
    """A date from a date cell, an Excel serial number or the text forms clerks write (see submission-format.md).

    `year_hint` (the report year) is used only for text without a year, such as 9月30日.
    """
    if value is None or value == "":
        return _empty("日期，如 2021-09-30")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    shown = _show(value)
    if isinstance(value, (bool, time, timedelta)):
        return _bad("date-unreadable", "not-date", shown=shown)
    if isinstance(value, (int, float, Decimal)):
        return _from_number(value, shown)
    text = re.sub(r"\s+", " ", _norm(value))
    text = re.sub(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\Z", "", text)
    patterns = ((r"(\d+)([-/.])(\d{1,2})\2(\d{1,2})", (1, 3, 4)), (r"(\d+)年(\d{1,2})月(\d{1,2})[日号]?", (1, 2, 3)),
                (r"(\d{4})(\d{2})(\d{2})", (1, 2, 3)), (r"(\d+)年(\d{1,2})月(?:份|底|末)?", (1, 2, None)),
                (r"(\d+)[-/.](\d{1,2})", (1, 2, None)))
    for pattern, groups in patterns:
        m = re.fullmatch(pattern, text.replace(" ", ""))
        if m:
            g_year, g_month, g_day = groups
            year, month, day = int(m.group(g_year)), int(m.group(g_month)), int(m.group(g_day)) if g_day else None
            if len(m.group(groups[0])) != 4:
                if len(m.group(groups[0])) <= 2:
                    return _bad("date-two-digit-year", shown=shown)
                return _bad("date-unreadable", "short-year", shown=shown)
            return _make_date(year, month, day, shown)
    m = re.fullmatch(r"(\d{1,2})月(\d{1,2})[日号]?", text.replace(" ", ""))
    if m and year_hint is not None:
        return _make_date(year_hint, int(m.group(1)), int(m.group(2)), shown)
    if m:
        return _bad("date-no-year", shown=shown)
    return _bad("date-unreadable", shown=shown)


def _from_number(value: int | float | Decimal, shown: str) -> date | Bad:
    number = float(value)
    if not math.isfinite(number):
        return _bad("date-unreadable", "not-date", shown=shown)
    if number == int(number) and 19000101 <= number <= 21991231:  # 20210930 typed into a number cell
        digits = str(int(number))
        return _make_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]), shown)
    if not _SERIAL_MIN <= number <= _SERIAL_MAX:
        return _bad("date-serial-implausible", shown=shown)
    return _EXCEL_EPOCH + timedelta(days=math.floor(number))


def _make_date(year: int, month: int, day: int | None, shown: str) -> date | Bad:
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        return _bad("date-implausible", shown=shown, year=year)
    if not 1 <= month <= 12:
        return _bad("date-invalid", shown=shown, month=month)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, last)
    if not 1 <= day <= last:
        return _bad("date-invalid", "short-month", shown=shown, year=year, month=month, last=last)
    return date(year, month, day)


@_memo
def parse_quantity(value: object) -> tuple[int, str] | Bad:
    """A positive whole number of pieces and its unit (台 套 条 座 个 台套, or "" when none is written)."""
    if value is None or value == "" or isinstance(value, str) and not _norm(value):
        return _empty("数量（正整数），如 3")
    split = split_number_unit(value)
    if isinstance(split, Bad):
        return replace(split, fix="quantity")
    number, unit = split
    shown = _show(value)
    if unit and unit not in QUANTITY_UNITS:
        return _bad("unit-unknown", "not-quantity", shown=shown, unit=unit)
    if number != number.to_integral_value():
        return _bad("quantity-not-integer", shown=shown)
    if number <= 0:
        return _bad("quantity-not-positive", shown=shown)
    return int(number), unit
