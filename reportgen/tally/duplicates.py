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
from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar
from collections.abc import Callable

from reportgen.identity import enterprise_name_key, same_enterprise, thing_key
from reportgen.models import ExitItem, Problem, RedCase, YellowCase
from reportgen.problems import make as make_problem

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


_R = TypeVar("_R", ExitItem, YellowCase, RedCase)
_Case = TypeVar("_Case", YellowCase, RedCase)


def _candidate_pairs(items: Sequence[_R], bucket_key: Callable[[_R], Hashable]) -> list[tuple[int, int]]:
    """Pairs (i < j) in one bucket that share a credit code or a normalised enterprise name."""
    buckets: dict[Hashable, list[int]] = defaultdict(list)
    for n, it in enumerate(items):
        buckets[bucket_key(it)].append(n)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        by_who: dict[tuple[str, str], list[int]] = defaultdict(list)
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


def dedupe_items(items: list[ExitItem], kinds: dict[str, str]
                 ) -> tuple[list[ExitItem], list[tuple[ExitItem, ExitItem]], list[Problem]]:
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
        src = item.source
        problems.append(make_problem(
            "duplicate", file=src.file, sheet=src.sheet, row=src.row, cell=src.cell("enterprise"),
            value=item.enterprise, where=src.describe(), other=kept.source.describe(), enterprise=item.enterprise,
            equipment=item.equipment, kept_by=kept.submitter or "先报送", other_submitter=kept.submitter or "其他单位"))
    problems.extend(_probable(items, [(a, b) for a, b in probable if a not in dropped and b not in dropped]))
    kept_items = [it for n, it in enumerate(items) if n not in dropped]
    return kept_items, [(items[n], items[r]) for n, r in sorted(dropped.items())], problems


def _by_file(items: Sequence[ExitItem], indices: Iterable[int]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for n in indices:
        out[items[n].source.file].append(n)
    return out


def _repeated(items: Sequence[ExitItem], rows: list[int]) -> list[Problem]:
    out: list[Problem] = []
    for n in rows:
        item = items[n]
        others = "、".join(f"第{items[m].source.row}行" for m in rows if m != n)
        src = item.source
        out.append(make_problem(
            "row-repeated", file=src.file, sheet=src.sheet, row=src.row, cell=src.cell("enterprise"),
            value=item.enterprise, where=src.describe(), others=others, enterprise=item.enterprise,
            equipment=item.equipment))
    return out


def _probable(items: Sequence[ExitItem], pairs: list[tuple[int, int]]) -> list[Problem]:
    partners: dict[int, list[int]] = defaultdict(list)
    for a, b in pairs:
        partners[a].append(b)
        partners[b].append(a)
    out: list[Problem] = []
    for n in sorted(partners):
        item = items[n]
        others = partners[n]
        named = "、".join(items[m].source.describe() for m in others[:PROBABLE_NAMED])
        more = f"等{len(others)}处" if len(others) > PROBABLE_NAMED else ""
        first = items[others[0]]
        specs = f"规格型号分别为「{item.spec or '未填'}」和「{first.spec or '未填'}」" if item.spec or first.spec \
            else "所属县（市）区或行业不同"
        src = item.source
        out.append(make_problem(
            "duplicate-probable", file=src.file, sheet=src.sheet, row=src.row,
            cell=src.cell("spec") or src.cell("enterprise"), value=item.spec or item.enterprise,
            where=src.describe(), named=named, more=more, enterprise=item.enterprise, equipment=item.equipment,
            specs=specs))
    return out


# ---------------------------------------------------------------- yellow and red cases

def dedupe_cases(cases: list[_Case], when: Callable[[_Case], Hashable], what: str
                 ) -> tuple[list[_Case], list[tuple[_Case, _Case]], list[Problem]]:
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
    kept: list[_Case] = []
    dups: list[tuple[_Case, _Case]] = []
    problems: list[Problem] = []
    for n, case in enumerate(cases):
        root = groups.find(n)
        if root == n:
            kept.append(case)
            continue
        record = cases[root]
        dups.append((case, record))
        src = case.source
        problems.append(make_problem(
            "case-duplicate", file=src.file, sheet=src.sheet, row=src.row, cell=src.cell("enterprise"),
            value=case.enterprise, where=src.describe(), other=record.source.describe(), what=what,
            enterprise=case.enterprise))
    return kept, dups, problems


def dedupe_yellow(cases: list[YellowCase]
                  ) -> tuple[list[YellowCase], list[tuple[YellowCase, YellowCase]], list[Problem]]:
    """黄牌: the same enterprise, category and notice date from two places is one case."""
    return dedupe_cases(cases, lambda c: (c.category, c.notice_date), "黄牌案件")


def dedupe_red(cases: list[RedCase]) -> tuple[list[RedCase], list[tuple[RedCase, RedCase]], list[Problem]]:
    """红牌: the same enterprise closed on the same date, reported twice, is one case."""
    return dedupe_cases(cases, lambda c: (c.closed_on,), "红牌案件")
