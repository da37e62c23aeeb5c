"""The Chinese prose and table rows generated from a tally's figures, shared by the document types.

A context holds plain data only (str, int, Decimal, date, lists and dicts of those), so a clerk's
own template sees the same names as the shipped one, and nothing in a template reaches a record.
"""
from __future__ import annotations

from collections import Counter
from collections import defaultdict
from decimal import Decimal
from typing import Iterable

from reportgen import problems as catalogue
from reportgen.config import Settings
from reportgen.tally.figures import line_count
from reportgen.models import ExitItem, Tally, Total, normalise_name
from reportgen.documents.text import capacity, cn_list, plain_number

PENDING = ("关停", "封存")  # methods tracked until the main equipment is dismantled
OWN_SECTIONS = ("duplicate", "other-year")  # problem codes the 核对函 words itself, naming both sides
STATUS_CN = {"used": "已采用", "superseded": "已被新版本替代（未计入）", "unreadable": "无法读取（未计入）",
             "unrecognised": "不是可读取的工作簿（未计入）", "missing": "未报送"}


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


def sentences_total(tally: Tally, settings: Settings) -> str:
    """The city's totals in one sentence, from the counted items and the industry totals."""
    if not tally.items:
        return f"{tally.year}年，全市未退出落后产能企业和生产线（设备）。"
    head = (f"{tally.year}年，全市共退出落后产能企业{tally.enterprises or enterprise_count(tally.items)}家、"
            f"生产线（设备）{equipment_count(tally.items)}台（套）")
    totals = industry_totals(tally, settings)
    industries = list(dict.fromkeys(ind for ind, _ in totals))
    if len(industries) == 1:
        amounts = "、".join(capacity_text(t.capacity, t.unit) for _, t in totals)
        return f"{head}，均为{industries[0]}行业，退出产能{amounts}。"
    return f"{head}，其中{capacities_phrase(totals)}。"


def sentences_counties(tally: Tally, settings: Settings) -> str:
    """County by county: each county's exits; counties with nothing and missing counties named together."""
    parts, idle, missing = [], [], set(tally.missing)
    by_county: dict[str, list[ExitItem]] = defaultdict(list)
    for item in tally.items:
        by_county[item.county].append(item)
    for county in settings.county_names():
        items = by_county.get(county, [])
        if items:
            parts.append(sentence_items(items, settings, county).rstrip("。").replace("共退出落后产能", "退出"))
        elif county not in missing:
            idle.append(county)
    text = "；".join(parts) + ("。" if parts else "")
    if idle:
        text += f"{cn_list(idle)}本年度无落后产能退出。"
    late = [c for c in settings.county_names() if c in missing]
    if late:
        text += f"{cn_list(late)}截至统计时尚未报送。"
    return text or "各县（市）区本年度均无落后产能退出。"


def sentences_methods(tally: Tally) -> str:
    """By exit method: 拆除X台（套）、封存Y台（套）…; nothing → empty string."""
    counts = Counter()
    for item in tally.items:
        counts[item.method] += equipment_count([item])
    parts = [f"{m}{counts[m]}台（套）" for m in Settings.METHODS if counts[m]]
    return f"从退出方式看，{cn_list(parts, '、')}。" if parts else ""


def sentences_grounds(tally: Tally) -> str:
    """By ground: how many items cite each of the five standards (an item may cite several)."""
    counts = Counter(g for item in tally.items for g in item.grounds)
    parts = [f"涉及{g}的{counts[g]}项" for g in Settings.GROUNDS if counts[g]]
    if not parts:
        return "各退出项目均未填写依据类别。" if tally.items else ""
    unstated = sum(1 for item in tally.items if not item.grounds)
    tail = f"，另有{unstated}项未填写依据类别" if unstated else ""
    return f"从退出依据看，{'，'.join(parts)}{tail}（一个项目可涉及多个依据）。"


def pending_items(tally: Tally) -> list[ExitItem]:
    """Items 关停 or 封存, tracked until their main equipment is dismantled."""
    return [i for i in tally.items if i.method in PENDING]


def sentences_pending(tally: Tally, settings: Settings) -> str:
    """Items 关停/封存 not yet dismantled, or that all exits dismantled their equipment."""
    pending = pending_items(tally)
    if not tally.items:
        return "本年度无关停、封存待拆除的生产线（设备）。"
    if not pending:
        return "本年度退出的生产线（设备）均已拆除主体设备，无关停、封存待拆除项目。"
    methods = cn_list([m for m in PENDING if any(i.method == m for i in pending)])
    return (f"以{methods}方式退出、主体设备尚未拆除的生产线（设备）共{equipment_count(pending)}台（套），"
            f"涉及企业{enterprise_count(pending)}家，产能{capacities_phrase(_items_totals(pending, settings))}，"
            f"须持续跟踪直至拆除到位，防止死灰复燃。")


def sentences_submissions(tally: Tally, settings: Settings) -> str:
    """Who was expected, who sent, who is missing, what was unreadable or superseded."""
    expected = [s for s in settings.submitters if s.expected]
    missing = [label(settings, m) for m in tally.missing]
    sent = {s.submitter for s in tally.submissions if s.status == "used" and s.submitter}
    text = (f"应报送的{len(expected)}个县（市）区和部门中，已报送{len(expected) - len(missing)}个"
            if expected else "")
    others = sorted({label(settings, n) for n in sent} - {s.short for s in expected} - {s.name for s in expected})
    if others:
        text += f"{'，' if text else ''}{cn_list(others)}也报送了数据"
    text += f"；{cn_list(missing)}尚未报送。" if missing else ("，均已按要求报送。" if text else "")
    count = Counter(s.status for s in tally.submissions)
    extra = [f"{count[k]}个文件{v}" for k, v in (("superseded", "因重复报送被新版本替代"),
                                                ("unreadable", "无法读取"), ("unrecognised", "格式不可读"))
             if count[k]]
    if extra:
        text += f"另有{cn_list(extra, '，')}，均未计入。"
    return text or "本年度未收到任何报送文件。"


def problem_rows(tally: Tally) -> list[dict]:
    """Problems counted by catalogue category: [{kind, errors, warnings}], in the catalogue's category order."""
    rows: dict[str, dict] = {name: {"kind": name, "errors": 0, "warnings": 0} for name in catalogue.CATEGORIES}
    for p in tally.problems:
        rows[catalogue.category(p.code)]["errors" if p.is_error else "warnings"] += 1
    return [row for row in rows.values() if row["errors"] or row["warnings"]]


def sentences_problems(tally: Tally) -> str:
    """How many problems the check found and what happened to the rows concerned."""
    if not tally.problems:
        return "数据核查中未发现问题。"
    acc = tally.accounting
    text = f"数据核查共发现问题{len(tally.problems)}个，其中错误{tally.errors}个、提示{tally.warnings}个。"
    moved = [f"{n}行{what}" for n, what in ((acc.rejected, "因错误未计入"), (acc.duplicate, "因重复填报只计一次"),
                                            (acc.other_year, "完成时间不在本年度未计入")) if n]
    if moved:
        text += f"读取数据{acc.rows_read}行，计入{acc.counted}行，{'，'.join(moved)}。"
    return text + "已逐一向报送单位发出核对函。"


def label(settings: Settings, name: str) -> str:
    sub = settings.find_submitter(name)
    return sub.short if sub else name


# ---------------------------------------------------------------- the documents and their contexts


def item_row(item: ExitItem, n: int) -> dict:
    return {"n": n, "enterprise": item.enterprise, "county": item.county, "industry": item.industry,
            "equipment": item.equipment + (f"（{item.spec}）" if item.spec else ""),
            "capacity": item.capacity, "unit": item.unit, "method": item.method, "completed": item.completed,
            "source": f"{item.source.sheet}第{item.source.row}行"}


def sorted_items(items: Iterable[ExitItem], settings: Settings) -> list[ExitItem]:
    county, industry = settings.county_rank, settings.industry_rank
    return sorted(items, key=lambda it: (county.get(it.county, 99), industry.get(it.industry, 99),
                                         normalise_name(it.enterprise), it.source.file, it.source.row))


def total_rows(rows: Iterable[tuple], key: str) -> list[dict]:
    return [{key: head[0], **({"industry": head[1]} if len(head) > 1 else {}), "capacity": t.capacity,
             "unit": t.unit, "enterprises": t.enterprises, "projects": t.items}
            for *head, t in rows]


def next_steps(texts: Iterable[str]) -> list[dict]:
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
        self.files: dict = defaultdict(list)
        self.items: dict = defaultdict(list)
        self.problems: dict = defaultdict(list)
        self.duplicates: dict = defaultdict(list)
        self.other_year: dict = defaultdict(list)
        self.county_items: dict = defaultdict(list)  # counted items by the county credited, in tally order
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
    def pick(groups: dict, keys) -> list:
        """The records filed under any of `keys`, once each, in the tally's order."""
        found = {n: rec for key in set(keys) for n, rec in groups.get(key, ())}
        return [found[n] for n in sorted(found)]


def counted_sentence(items: list[ExitItem], settings: Settings, year: int) -> str:
    if not items:
        return f"经核对，你单位报送的数据中没有可计入{year}年的落后产能退出项目。"
    return (f"经核对，你单位报送的数据中计入{year}年的有：企业{enterprise_count(items)}家、生产线（设备）"
            f"{equipment_count(items)}台（套），退出产能{capacities_phrase(_items_totals(items, settings))}，明细如下：")


def problem_line(p) -> str:
    hint = p.hint.strip()
    if hint and hint[-1] not in "。！？":
        hint += "。"
    message = p.message.strip()
    if message and message[-1] not in "。！？；":
        message += "。"
    return message + hint


