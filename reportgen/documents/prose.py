"""The Chinese prose and table rows generated from a tally's figures, shared by the document types.

A context holds plain data only (str, int, Decimal, date, lists and dicts of those), so a clerk's
own template sees the same names as the shipped one, and nothing in a template reaches a record.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

from reportgen.config import Settings
from reportgen.tally.figures import line_count as line_count  # re-exported for annual
from reportgen.models import ExitItem, Problem, SubmissionStatus, Tally, Total, normalise_name
from reportgen.documents.text import capacity, plain_number
from reportgen.documents.common import Context

_V = TypeVar("_V")
_K = TypeVar("_K", bound=Hashable)

PENDING = ("关停", "封存")  # methods tracked until the main equipment is dismantled


# ---------------------------------------------------------------- number and text helpers

def number_text(value: Decimal | int) -> str:
    """A Decimal written exactly as a clerk would: no exponent, no trailing zeros (45, 0.0001)."""
    return plain_number(value)


def capacity_text(value: Decimal, unit: str) -> str:
    """A capacity with its unit, exact: 45万吨, 3000吨, 0.5万重量箱 (the renderer's `capacity` filter)."""
    return capacity(value, unit)


def equipment_count(items: Iterable[ExitItem]) -> int:
    """Production lines or pieces of equipment (tally.figures.line_count: a row's 数量 when given, else one)."""
    return line_count(items)


def enterprise_count(items: Iterable[ExitItem]) -> int:
    """Distinct enterprises per county, by 信用代码 else normalised name (as tally.py counts them)."""
    return len({(item.county, item.enterprise_key) for item in items})


def capacities_phrase(totals: Iterable[tuple[str, Total]]) -> str:
    """水泥45万吨、钢铁12万吨; an industry with two units keeps both: 铅蓄电池5万千伏安时、2万套."""
    grouped: dict[str, list[str]] = {}
    for industry, total in totals:
        grouped.setdefault(industry, []).append(capacity_text(total.capacity, total.unit))
    return "、".join(industry + "、".join(parts) for industry, parts in grouped.items())


def _sum_totals(rows: Iterable[tuple[str, Total]]) -> list[tuple[str, Total]]:
    """Merge totals of the same industry and unit, keeping first-seen order."""
    merged: dict[tuple[str, str], Total] = {}
    for industry, t in rows:
        key = (industry, t.unit)
        old = merged.get(key)
        merged[key] = t if old is None else Total(old.capacity + t.capacity, t.unit, old.enterprises + t.enterprises,
                                                  old.items + t.items, old.quantity + t.quantity)
    return [(industry, t) for (industry, _), t in merged.items()]


def _items_totals(items: list[ExitItem], settings: Settings) -> list[tuple[str, Total]]:
    """Totals by industry and unit of some items, in configured industry order."""
    order = {ind.name: i for i, ind in enumerate(settings.industries)}
    groups: dict[tuple[str, str], list[ExitItem]] = {}
    for item in sorted(items, key=lambda it: order.get(it.industry, len(order))):
        groups.setdefault((item.industry, item.unit), []).append(item)
    return [(ind, Total(sum((i.capacity for i in g), Decimal(0)), unit, enterprise_count(g), len(g),
                        equipment_count(g))) for (ind, unit), g in groups.items()]


# ---------------------------------------------------------------- prose from figures

def sentence_items(items: list[ExitItem], settings: Settings, who: str = "全市") -> str:
    """退出落后产能企业X家、生产线（设备）Y台（套），其中…; nothing → 未退出… ."""
    if not items:
        return f"{who}未退出落后产能企业和生产线（设备）。"
    totals = _items_totals(items, settings)
    head = f"{who}共退出落后产能企业{enterprise_count(items)}家、生产线（设备）{equipment_count(items)}台（套）"
    industries = list(dict.fromkeys(ind for ind, _ in totals))
    if len(industries) == 1:
        amounts = "、".join(capacity_text(t.capacity, t.unit) for _, t in totals)
        return f"{head}，均为{industries[0]}行业，退出产能{amounts}。"
    return f"{head}，其中{capacities_phrase(totals)}。"


def industry_totals(tally: Tally, settings: Settings) -> list[tuple[str, Total]]:
    """The tally's industry totals in configured industry order (units of one industry kept apart)."""
    order = {ind.name: i for i, ind in enumerate(settings.industries)}
    return sorted(_sum_totals(tally.by_industry), key=lambda r: order.get(r[0], len(order))) \
        or _items_totals(list(tally.items), settings)


def pending_items(tally: Tally) -> list[ExitItem]:
    """Items 关停 or 封存, tracked until their main equipment is dismantled."""
    return [i for i in tally.items if i.method in PENDING]


def label(settings: Settings, name: str) -> str:
    sub = settings.find_submitter(name)
    return sub.short if sub else name


# ---------------------------------------------------------------- the documents and their contexts


def item_row(item: ExitItem, n: int) -> Context:
    return {"n": n, "enterprise": item.enterprise, "county": item.county, "industry": item.industry,
            "equipment": item.equipment + (f"（{item.spec}）" if item.spec else ""),
            "capacity": item.capacity, "unit": item.unit, "method": item.method, "completed": item.completed,
            "source": f"{item.source.sheet}第{item.source.row}行"}


def sorted_items(items: Iterable[ExitItem], settings: Settings) -> list[ExitItem]:
    county, industry = settings.county_rank, settings.industry_rank
    return sorted(items, key=lambda it: (county.get(it.county, 99), industry.get(it.industry, 99),
                                         normalise_name(it.enterprise), it.source.file, it.source.row))


def next_steps(texts: Iterable[str]) -> list[Context]:
    """Configured next steps as numbered run-in headings: {heading: （一）首句。, text: 其余}."""
    steps = []
    for n, text in enumerate(t.strip() for t in texts if t.strip()):
        head, dot, rest = text.partition("。")
        heading, body = (head + dot, rest) if dot and rest else ("", text)
        steps.append({"heading": f"（{_CN_DIGITS[n] if n < len(_CN_DIGITS) else n + 1}）{heading}", "text": body})
    return steps


_CN_DIGITS = "一二三四五六七八九十"


class BySubmitter:
    """The tally's records grouped by submitter (and problems by file), built once for all the 核对函:
    filtering the whole tally for each letter would be quadratic at a national roll-up's scale."""

    def __init__(self, tally: Tally):
        # submitter (or file, or county) -> (position in the tally, record)
        self.files: dict[str | None, list[tuple[int, SubmissionStatus]]] = defaultdict(list)
        self.items: dict[str, list[tuple[int, ExitItem]]] = defaultdict(list)
        self.problems: dict[str, list[tuple[int, Problem]]] = defaultdict(list)
        self.duplicates: dict[str, list[tuple[int, tuple[ExitItem, ExitItem]]]] = defaultdict(list)
        self.other_year: dict[str, list[tuple[int, ExitItem]]] = defaultdict(list)
        self.county_items: dict[str, list[ExitItem]] = defaultdict(list)  # counted items by the county credited, in tally order
        for n, s in enumerate(tally.submissions):
            self.files[s.submitter].append((n, s))
        for n, i in enumerate(tally.items):
            self.items[i.submitter].append((n, i))
            self.county_items[i.county].append(i)
        for n, p in enumerate(tally.problems):
            self.problems[p.file].append((n, p))
        for n, pair in enumerate(tally.duplicates):
            for who in {pair[0].submitter, pair[1].submitter}:
                self.duplicates[who].append((n, pair))
        for n, i in enumerate(tally.other_year):
            self.other_year[i.submitter].append((n, i))

    @staticmethod
    def pick(groups: Mapping[_K, list[tuple[int, _V]]], keys: Iterable[_K]) -> list[_V]:
        """The records filed under any of `keys`, once each, in the tally's order."""
        found = {n: rec for key in set(keys) for n, rec in groups.get(key, ())}
        return [found[n] for n in sorted(found)]


