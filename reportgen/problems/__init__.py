"""The one catalogue of problems: every problem code once, with its severity, category and wording.

The codes are declared in `catalogue.py` (one ``_add(...)`` each); a problem is made here and nowhere else::

    >>> from reportgen import problems
    >>> p = problems.make("capacity-not-positive", file="贺兰县.xlsx", sheet="退出明细", row=7, cell="N7",
    ...                   value="-5", column="退出产能", shown="-5", unit="万吨")
    >>> p.code, p.severity, problems.category(p.code)
    ('capacity-not-positive', 'error', '数据填写')
    >>> p.message
    '贺兰县.xlsx「退出明细」N7：退出产能「-5」不是正数，退出产能应大于0'
    >>> problems.recipient(p)
    '“贺兰县.xlsx”“退出明细”工作表第7行的退出产能“-5”不是正数，请填写实际退出的产能（单位：万吨），未退出的不要列入。'

Each entry (a `Kind`) holds
- `code`: the stable slug (tally.json `problems[].code`, the 问题清单's 问题代码);
- `severity`: the usual severity — a value problem in an optional column is reported as a warning (`make(...,
  severity=WARNING)`);
- `category`: the Chinese group the 问题清单 and the report's problem table sort by (`CATEGORIES` is their order);
- `message` and `hint`: the clerk's templates (`str.format` with named fields, no location: `make` prefixes
  file「sheet」cell); `variants` holds other wordings of the same problem, chosen by `variant=`;
- `recipient`: the sentence the sender reads in its 核对函 — its own file name, sheet and row, the value, what to
  correct; dates as 2021年11月15日; never the tool, the inbox or a path. None when the problem concerns only the
  clerk (a hidden sheet read, a file that could not be opened on this computer).

Fields a template may always use: `file` `sheet` `row` `cell` `value`; the recipient's template also `name` (the
file's own name), `at` (“贺兰县.xlsx”“退出明细”工作表第7行) and `where` (“贺兰县.xlsx”). An unknown code or a
missing field raises `UnknownProblem` / `KeyError` at once: a problem is never silently mis-sorted.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from reportgen.models import Problem
from reportgen.problems.catalogue import CATALOGUE, FIXES
from reportgen.problems.kind import CATEGORIES, Kind, UnknownProblem

__all__ = ["CATALOGUE", "CATEGORIES", "FIXES", "Kind", "UnknownProblem", "category", "kind", "make", "recipient",
           "text"]

_SEEN: set[str] = set()  # codes looked up in this process (the test session checks the catalogue against it)


def kind(code: str) -> Kind:
    """The catalogue entry of `code`; UnknownProblem when there is none."""
    try:
        found = CATALOGUE[code]
    except KeyError:
        raise UnknownProblem(f"problem code {code!r} is not in reportgen/problems/catalogue.py") from None
    _SEEN.add(code)
    return found


def category(code: str) -> str:
    """The Chinese category of `code` (e.g. 数据填写), the 问题清单's grouping."""
    return kind(code).category


def category_rank(code: str) -> int:
    """The position of the code's category in CATEGORIES (to sort problems by category)."""
    return CATEGORIES.index(kind(code).category)


def text(code: str, variant: str = "", fix: str = "", **fields: Any) -> tuple[str, str]:
    """The clerk's (message, hint) of `code` filled with `fields`, without a location.

    `fix` names an entry of FIXES that rewrites the hint for the column the value came from (a 数量 cell's hint
    whatever went wrong; a 退出产能 cell's hint with the industry's standard unit).
    """
    message, hint = kind(code).wording(variant)
    shown = {k: _clerk(v) for k, v in fields.items()}
    hint = hint.format_map(shown)
    if fix:
        hint = FIXES[fix].format_map({**shown, "hint": hint})
    return message.format_map(shown), hint


def make(code: str, *, file: str = "", sheet: str = "", row: int | None = None, cell: str = "", value: Any = "",
         where: str | None = None, severity: str | None = None, variant: str = "", fix: str = "",
         **fields: Any) -> Problem:
    """A Problem of `code`: its message is "where：message" (where defaults to file「sheet」cell or 第N行).

    `fields` fill the templates and travel on the Problem (for the recipient's sentence); `value` is the offending
    value as text (cut to 200 characters), `severity` overrides the usual one.
    """
    entry = kind(code)
    values = {"file": file, "sheet": sheet, "row": row, "cell": cell, "value": value, **fields}
    message, hint = text(code, variant, fix, **values)
    if where is None:
        where = file + (f"「{sheet}」" if sheet else "") + (cell or (f"第{row}行" if row else ""))
    return Problem(severity or entry.severity, code, f"{where}：{message}" if where else message, hint, file, sheet,
                   row, cell, str(value)[:200], tuple(sorted(fields.items())))


def recipient(problem: Problem) -> str | None:
    """The sentence the sender of `problem.file` reads in its 核对函, or None when it concerns only the clerk."""
    template = kind(problem.code).recipient
    if template is None:
        return None
    name = problem.file.rsplit("/", 1)[-1]
    where = f"“{name}”" if name else ""
    at = where + (f"“{problem.sheet}”工作表" if problem.sheet else "") + (f"第{problem.row}行" if problem.row else "")
    values: dict[str, Any] = {"file": problem.file, "sheet": problem.sheet, "row": problem.row, "cell": problem.cell,
                              "value": problem.value, "name": name, "where": where, "at": at}
    values.update(problem.fields)
    return template.format_map({k: _recipient(v) for k, v in values.items()})


def _clerk(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return value


def _recipient(value: Any) -> Any:
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return _clerk(value)
