"""The same item, or the same yellow/red case, reported twice: counted once, or flagged on both rows.

- Exact (same county, industry, enterprise, equipment, spec, capacity and unit, spelled any way that
  identity.py folds) in two files: counted once; the county's row is the record.
- Exact twice in one file: both rows count and both carry a warning. Two identical furnaces of one
  enterprise are real and common, a pasted row is a mistake; only the county can tell, and dropping
  a real furnace would be a silent undercount, so the rows stay and the county is asked (核对函).
- Probable (same credit code or name, same equipment and capacity, spec blank on one side or
  different) in two files: both rows count, both carry a warning naming the other.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable

from reportgen.identity import enterprise_name_key, same_enterprise, thing_key
from reportgen.models import WARNING, ExitItem, Problem, RedCase, YellowCase

PROBABLE_NAMED = 3  # counterparts named in one probable-duplicate warning; the rest are counted


class _Groups:
    """Union-find over item indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _candidate_pairs(items, bucket_key: Callable) -> list[tuple[int, int]]:
    """Pairs (i < j) in one bucket that share a credit code or a normalised enterprise name."""
    buckets: dict = defaultdict(list)
    for n, it in enumerate(items):
        buckets[bucket_key(it)].append(n)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        by_who: dict = defaultdict(list)
        for n in members:
            it = items[n]
            if it.uscc:
                by_who["code", it.uscc].append(n)
            by_who["name", enterprise_name_key(it.enterprise)].append(n)
        for group in by_who.values():
            for a in range(len(group)):
                for b in range(a + 1, len(group)):
                    pairs.add((group[a], group[b]) if group[a] < group[b] else (group[b], group[a]))
    return sorted(pairs)


def _same_item(a: ExitItem, b: ExitItem) -> bool:
    return a.county == b.county and a.industry == b.industry and thing_key(a.spec) == thing_key(b.spec) \
        and same_enterprise(a.uscc, a.enterprise, b.uscc, b.enterprise)


def dedupe_items(items: list[ExitItem], kinds: dict[str, str]) -> tuple[list, list, list[Problem]]:
    """(kept items, (dropped, kept-record) pairs, warnings) over the in-year items of the used files."""
    pairs = _candidate_pairs(items, lambda i: (thing_key(i.equipment), i.capacity, i.unit))
    groups = _Groups(len(items))
    probable: list[tuple[int, int]] = []
    for a, b in pairs:
        if _same_item(items[a], items[b]):
            groups.join(a, b)
        elif items[a].source.file != items[b].source.file:
            probable.append((a, b))
    members: dict[int, list[int]] = defaultdict(list)
    for n in range(len(items)):
        members[groups.find(n)].append(n)
    dropped: dict[int, int] = {}  # dropped index -> index of the record kept for it
    problems: list[Problem] = []
    for group in members.values():
        if len(group) < 2:
            continue
        record = min(group, key=lambda n: (kinds.get(items[n].submitter) != "county", items[n].source.file,
                                           items[n].source.row))
        home = items[record].source.file
        for n in group:
            if items[n].source.file != home:
                dropped[n] = record
        for file_rows in _by_file(items, [n for n in group if n not in dropped]).values():
            if len(file_rows) > 1:
                problems.extend(_repeated(items, file_rows))
    for n, record in sorted(dropped.items()):
        item, kept = items[n], items[record]
        problems.append(Problem(
            WARNING, "duplicate",
            f"{item.source.describe()}：与 {kept.source.describe()} 是同一项目（{item.enterprise}，{item.equipment}），"
            f"只计一次，以{kept.submitter or '先报送'}的数据为准", "请双方核对，删除重复填报的行",
            item.source.file, item.source.sheet, item.source.row, item.source.cell("enterprise"), item.enterprise))
    problems.extend(_probable(items, [(a, b) for a, b in probable if a not in dropped and b not in dropped]))
    kept_items = [it for n, it in enumerate(items) if n not in dropped]
    return kept_items, [(items[n], items[r]) for n, r in sorted(dropped.items())], problems


def _by_file(items, indices) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for n in indices:
        out[items[n].source.file].append(n)
    return out


def _repeated(items, rows: list[int]) -> list[Problem]:
    out = []
    for n in rows:
        item = items[n]
        others = "、".join(f"第{items[m].source.row}行" for m in rows if m != n)
        out.append(Problem(
            WARNING, "row-repeated",
            f"{item.source.describe()}：与本表{others}的企业、设备、规格型号和退出产能完全相同（{item.enterprise}，"
            f"{item.equipment}），各行均已计入",
            "如是重复粘贴的行，请删除多余的行；如确是几台相同的设备，请合并为一行并填写数量，或在规格型号中注明编号",
            item.source.file, item.source.sheet, item.source.row, item.source.cell("enterprise"), item.enterprise))
    return out


def _probable(items, pairs: list[tuple[int, int]]) -> list[Problem]:
    partners: dict[int, list[int]] = defaultdict(list)
    for a, b in pairs:
        partners[a].append(b)
        partners[b].append(a)
    out = []
    for n in sorted(partners):
        item = items[n]
        others = partners[n]
        named = "、".join(items[m].source.describe() for m in others[:PROBABLE_NAMED])
        more = f"等{len(others)}处" if len(others) > PROBABLE_NAMED else ""
        first = items[others[0]]
        specs = f"规格型号分别为「{item.spec or '未填'}」和「{first.spec or '未填'}」" if item.spec or first.spec \
            else "所属县（市）区或行业不同"
        out.append(Problem(
            WARNING, "duplicate-probable",
            f"{item.source.describe()}：与 {named}{more} 可能是同一项目（{item.enterprise}，{item.equipment}，"
            f"退出产能相同，{specs}），两处均已计入",
            "请核对：如是同一项目，请删除其中一处或补全规格型号使两处一致；如是不同设备，请在规格型号中写明区别",
            item.source.file, item.source.sheet, item.source.row, item.source.cell("spec") or
            item.source.cell("enterprise"), item.spec or item.enterprise))
    return out


# ---------------------------------------------------------------- yellow and red cases

def dedupe_cases(cases: list, when: Callable, what: str) -> tuple[list, list, list[Problem]]:
    """One case per enterprise and date (and category): (kept, (dropped, kept) pairs, warnings).

    `when` gives the fields that, with the enterprise, make a case: 黄牌 (category, notice date), 红牌 (closing
    date). The first case in file order is the record; the copies are named and not counted again."""
    order = sorted(range(len(cases)), key=lambda n: (cases[n].source.file, cases[n].source.row))
    cases = [cases[n] for n in order]
    pairs = _candidate_pairs(cases, when)
    groups = _Groups(len(cases))
    for a, b in pairs:
        if same_enterprise(cases[a].uscc, cases[a].enterprise, cases[b].uscc, cases[b].enterprise):
            groups.join(a, b)
    kept, dups, problems = [], [], []
    for n, case in enumerate(cases):
        root = groups.find(n)
        if root == n:
            kept.append(case)
            continue
        record = cases[root]
        dups.append((case, record))
        problems.append(Problem(
            WARNING, "case-duplicate",
            f"{case.source.describe()}：与 {record.source.describe()} 是同一{what}（{case.enterprise}），只计一次",
            "同一企业的同一案件由几个部门报送时，只保留一份；请核对两处内容是否一致",
            case.source.file, case.source.sheet, case.source.row, case.source.cell("enterprise"), case.enterprise))
    return kept, dups, problems


def dedupe_yellow(cases: list[YellowCase]):
    """黄牌: the same enterprise, category and notice date from two places is one case."""
    return dedupe_cases(cases, lambda c: (c.category, c.notice_date), "黄牌案件")


def dedupe_red(cases: list[RedCase]):
    """红牌: the same enterprise closed on the same date, reported twice, is one case."""
    return dedupe_cases(cases, lambda c: (c.closed_on,), "红牌案件")
