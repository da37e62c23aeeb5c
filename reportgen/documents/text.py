"""The Chinese text filters documents and templates share: dates, numbers, capacities, lists, file names.

Plain functions with no docxtpl or jinja2: planning documents imports them without the renderer.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from collections.abc import Callable, Iterable

from reportgen.parse.values import plain_text

SUFFIX = ".docx"


def _as_date(d: Any) -> date:
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, date):
        return d
    if isinstance(d, str):
        return date.fromisoformat(d.strip())
    raise TypeError(f"不是日期：{d!r}")


def date_cn(d: date) -> str:
    """A date the 2012 way: 2021年11月30日 (Arabic digits, no zero padding)."""
    d = _as_date(d)
    return f"{d.year}年{d.month}月{d.day}日"


def month_cn(d: date) -> str:
    """A month: 2021年11月."""
    d = _as_date(d)
    return f"{d.year}年{d.month}月"


def _decimal(value: Any) -> Decimal:
    if isinstance(value, (bool, float)):
        raise TypeError(f"数值应为 Decimal 或整数，不能是 {type(value).__name__}：{value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise TypeError(f"不是数字：{value!r}") from None


def plain_number(value: Decimal | int) -> str:
    """A Decimal in plain digits: no exponent, no trailing zeros, no separators, "0" for zero."""
    value = _decimal(value)
    if not value.is_finite():
        raise TypeError(f"不是有限的数：{value!r}")
    return plain_text(value)


def capacity(value: Decimal, unit: str = "") -> str:
    """A capacity with its unit: "12.5万吨", "12000吨", "0"."""
    return f"{plain_number(value)}{unit}"


def count(n: int, unit: str = "") -> str:
    """A count with its unit: "3户", "12台（套）"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"个数应为整数：{n!r}")
    return f"{n}{unit}"


def cn_list(items: Iterable[str], last: str = "和") -> str:
    """A Chinese enumeration: 甲 / 甲和乙 / 甲、乙和丙 (`last` joins the final pair); empty items are left out."""
    parts = [str(i) for i in items if i]
    if len(parts) <= 1:
        return "".join(parts)
    return "、".join(parts[:-1]) + last + parts[-1]


def percent(x: Decimal, digits: int = 1) -> str:
    """A ratio as a percentage with fixed decimals: Decimal("0.625") → "62.5%"."""
    value = _decimal(x) * 100
    quantum = Decimal(1).scaleb(-digits)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    return f"{rounded}%"


def docno(prefix: str, year: int, number: int | None) -> str:
    """A document number: 银工信函〔2021〕12号; None leaves two spaces for the 办公室 to fill."""
    if number is None:
        return f"{prefix}〔{year}〕  号"
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise TypeError(f"文号序号应为正整数：{number!r}")
    return f"{prefix}〔{year}〕{number}号"


FILTERS: dict[str, Callable[..., Any]] = {
    "date_cn": date_cn, "日期": date_cn,
    "month_cn": month_cn, "年月": month_cn,
    "capacity": capacity, "产能": capacity,
    "number": plain_number, "数字": plain_number,
    "count": count, "计数": count,
    "cn_list": cn_list, "列举": cn_list,
    "percent": percent, "百分比": percent,
    "docno": docno, "文号": docno,
}


_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')


_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
             *(f"COM{c}" for c in "¹²³"), *(f"LPT{c}" for c in "¹²³")}


class Taken(set[str]):
    """File names already used, with their case-folded forms kept alongside: a run naming thousands of
    documents looks each new name up instead of folding every earlier one again."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        super().__init__(names)
        self.folded = {n.casefold() for n in self}

    def add(self, name: str) -> None:
        super().add(name)
        self.folded.add(name.casefold())

    def update(self, *groups: Iterable[str]) -> None:
        for group in groups:
            for name in group:
                self.add(name)


def safe_filename(stem: str, taken: set[str], suffix: str = SUFFIX, max_len: int = 80) -> str:
    """A Windows-safe, unique file name for `stem` (+ suffix); the result is added to `taken`.

    Forbidden characters become "_", reserved device names get a leading "_", trailing dots and
    spaces go, the name is capped at `max_len` characters, clashes (ignoring case) get "-2", "-3"...
    """
    text = re.sub(r"[\t\r\n]+", " ", unicodedata.normalize("NFC", stem))
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co"))
    text = _FORBIDDEN.sub("_", text).strip().rstrip(". ")
    if not text.strip("_ ."):
        text = "未命名"
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    seen = taken.folded if isinstance(taken, Taken) else {t.casefold() for t in taken}
    n = 1
    while True:
        tail = "" if n == 1 else f"-{n}"
        room = max(1, max_len - len(suffix) - len(tail))
        name = text[:room].rstrip(". ") or "_"
        candidate = f"{name}{tail}{suffix}"
        if candidate.casefold() not in seen:
            taken.add(candidate)
            return candidate
        n += 1


# Obvious slips of the city's task table, corrected wherever a document quotes it (the workbook is not changed;
# samples/2021/README.md lists the same ones): (as written, as a letter must say it)
SEED_CORRECTIONS = (("淘汰落实产能", "淘汰落后产能"), ("银川市场监管局", "银川市市场监管局"),
                    ("监管管理职责", "监督管理职责"))


def seed_text(text: str) -> str:
    """Task-table text as a letter quotes it: the table's obvious slips corrected."""
    for wrong, right in SEED_CORRECTIONS:
        text = text.replace(wrong, right)
    return text
