"""The figures the whole build states, computed once (issue 9): every document, 汇总表 and tally.json read them.

- who an enterprise is: `count_enterprises` (the same 信用代码, or a code-less record of the same name), per county;
- what a county's figures are: every counted item attributed to the county, whoever reported it, with who
  reported how many;
- completion rates: `progress.ratio_of` (one rounding, RATIO_PLACES) and `rate_text` (one way to print it);
- yellow / red / exceedance counts: enterprises and cases, by status.
Pure functions over the tally's records: nothing here reads files or formats a letter.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol
from collections.abc import Callable, Iterable, Sequence

from reportgen.identity import enterprise_key
from reportgen.config import Settings
from reportgen.models import Exceedance, ExitItem, Tally, Total
from reportgen.tally.enforcement import STATUSES, RedStatus, YellowStatus
from reportgen.tally.progress import LEVELS, NO_TARGET, NOTIFY, SUMMON, Progress, county_levels, ratio_of

ACCEPTED, AWAITING, UNSTATED = "已验收", "未验收", "未填写"


def rate_text(ratio: Decimal | None) -> str:
    """A completion ratio as the build prints it everywhere, 汇总表's 0.00% included: 105.75%, 24.00%; "—" without one.

    The ratio is already rounded once (progress.ratio_of, to 0.0001), so this only moves the point."""
    if ratio is None:
        return "—"
    return f"{(ratio * 100).quantize(Decimal('0.01'))}%"


class Named(Protocol):
    """A record of an enterprise: its credit code and name."""

    @property
    def uscc(self) -> str: ...

    @property
    def enterprise(self) -> str: ...


def _everywhere(_record: Any) -> str:
    return ""


def count_enterprises(records: Iterable[Named], scope: Callable[[Any], str] = _everywhere) -> int:
    """Distinct enterprises among records with .uscc and .enterprise, the one rule of the build (identity.py):
    the same credit code is one enterprise; a record without a code is the enterprise of the same name (with or
    without a code); two different codes are two enterprises. Counted within each `scope` (e.g. the county)."""
    coded: dict[tuple[str, str], set[str]] = {}  # (scope, name key) -> codes seen under that name
    plain: set[tuple[str, str]] = set()  # (scope, name key) of records without a code
    for r in records:
        where, name = scope(r), enterprise_key("", r.enterprise)
        if r.uscc:
            coded.setdefault((where, name), set()).add(r.uscc)
        else:
            plain.add((where, name))
    codes = {(where, code) for (where, _n), cs in coded.items() for code in cs}
    return len(codes) + sum(1 for key in plain if key not in coded)


def line_count(items: Iterable[ExitItem]) -> int:
    """Production lines or pieces of equipment: a row's 数量 when given (and positive), else one."""
    return sum(i.quantity if i.quantity and i.quantity > 0 else 1 for i in items)


def acceptance_of(text: str) -> str:
    """验收情况 as one of 已验收 / 未验收 / 未填写 (已核查、通过 count as accepted; anything with 未 or 待 does not)."""
    text = (text or "").strip()
    if not text:
        return UNSTATED
    return AWAITING if ("未" in text or "待" in text or "否" in text) else ACCEPTED


@dataclass(frozen=True)
class Counts:
    """What a set of exit items adds up to, beyond capacity: enterprises, items, workers, funds, acceptance."""

    enterprises: int
    items: int
    quantity: int
    workers: Decimal | None  # 职工安置（人）, None when no item states it
    funds: Decimal | None  # 奖补资金（万元）, None when no item states it
    accepted: int
    awaiting: int  # 未验收
    unstated: int  # 验收情况 not filled in

    @classmethod
    def of(cls, items: Iterable[ExitItem]) -> Counts:
        items = list(items)
        workers = [i.workers for i in items if i.workers is not None]
        funds = [i.funds for i in items if i.funds is not None]
        acceptance = Counter(acceptance_of(i.acceptance) for i in items)
        return cls(enterprises=count_enterprises(items, lambda i: i.county), items=len(items),
                   quantity=sum(i.quantity or 0 for i in items),
                   workers=sum(workers, Decimal(0)) if workers else None,
                   funds=sum(funds, Decimal(0)) if funds else None,
                   accepted=acceptance[ACCEPTED], awaiting=acceptance[AWAITING], unstated=acceptance[UNSTATED])


@dataclass(frozen=True)
class CountyFigures:
    """Everything the build states about one county."""

    county: str
    industries: tuple[tuple[str, Total], ...]  # (industry, Total) in configured order, one per unit
    counts: Counts
    reporters: tuple[tuple[str, int], ...]  # (submitter, items) of the items attributed to the county, most first
    progress: tuple[Progress, ...]  # the county's progress rows, in industry order
    level: str  # the worst level of its rows with a target, else 无目标
    ratio: Decimal | None  # overall: done / target over its rows with a target (one unit), else None
    submitted: bool  # the county sent a used submission of its own

    @property
    def enterprises(self) -> int:
        return self.counts.enterprises

    @property
    def items(self) -> int:
        return self.counts.items

    @property
    def slow(self) -> tuple[Progress, ...]:
        """Its industries below a threshold (约谈 or 通报), worst first."""
        rows = [p for p in self.progress if p.level in (SUMMON, NOTIFY)]
        return tuple(sorted(rows, key=lambda p: (LEVELS.index(p.level), p.ratio or 0)))

    @property
    def others(self) -> tuple[str, ...]:
        """Submitters other than the county itself that reported items attributed to it."""
        return tuple(s for s, _ in self.reporters if s != self.county)


@dataclass(frozen=True)
class ListCounts:
    """A yellow, red or exceedance list: distinct enterprises, cases (rows), cases per status."""

    enterprises: int
    cases: int
    by_status: tuple[tuple[str, int], ...] = ()  # (status, cases), in the status order given

    def count(self, status: str) -> int:
        return dict(self.by_status).get(status, 0)


def list_counts(records: Iterable[Named | YellowStatus | RedStatus], status: Callable[[Any], str] | None = None,
                order: tuple[str, ...] = ()) -> ListCounts:
    """Counts of list records (each with .uscc and .enterprise, or .case holding them); `status` gives a record's status."""
    records = list(records)
    cases = [r.case if isinstance(r, (YellowStatus, RedStatus)) else r for r in records]
    by = Counter(status(r) for r in records) if status else Counter()
    return ListCounts(enterprises=count_enterprises(cases), cases=len(records),
                      by_status=tuple((s, by[s]) for s in order if by[s]))


@dataclass(frozen=True)
class IndustryProgress:
    """The city's target and what was done against it, for one industry (and unit), over the rows with a target."""

    industry: str
    unit: str
    target: Decimal
    done: Decimal
    ratio: Decimal | None  # progress.ratio_of(done, target); None for a zero target


def city_progress(progress: Iterable[Progress]) -> tuple[IndustryProgress, ...]:
    """Per industry and unit, in progress order: the sum of the counties' targets and of what they did against them."""
    sums: dict[tuple[str, str], list[Decimal]] = {}
    for p in progress:
        if p.target is not None:
            pair = sums.setdefault((p.industry, p.unit), [Decimal(0), Decimal(0)])
            pair[0] += p.target
            pair[1] += p.done
    return tuple(IndustryProgress(ind, unit, t, d, ratio_of(d, t) if t > 0 else None)
                 for (ind, unit), (t, d) in sums.items())


@dataclass(frozen=True)
class Figures:
    """The figures of the year, computed once by `tally()`."""

    city: Counts
    by_county: dict[str, CountyFigures]  # configured counties first, then any other county named in the items
    yellow: ListCounts
    red: ListCounts
    red_reported: int  # red cases whose exit items are counted
    exceedances: ListCounts
    exceedance_serious: int  # distinct enterprises with a serious exceedance
    industries: tuple[IndustryProgress, ...] = ()  # the city's progress per industry

    def county(self, name: str) -> CountyFigures | None:
        return self.by_county.get(name)

    def slow_counties(self, level: str) -> tuple[CountyFigures, ...]:
        """Counties with at least one industry at `level` (约谈 or 通报) as their worst level."""
        return tuple(c for c in self.by_county.values() if c.level == level)


def compute_figures(items: tuple[ExitItem, ...], by_county: tuple[tuple[str, str, Total], ...],
                    progress: tuple[Progress, ...], counties: Sequence[str], submitted: set[str],
                    yellow_status: tuple[YellowStatus, ...], red_status: tuple[RedStatus, ...],
                    exceedances: tuple[Exceedance, ...], yellow_order: tuple[str, ...]) -> Figures:
    """The one computation of every stated figure, from the counted items and the tally's groupings."""
    names = list(dict.fromkeys([*counties, *(i.county for i in items), *(p.county for p in progress)]))
    levels = {c: (level, ratio) for c, level, ratio in county_levels(list(progress))}
    items_of, progress_of, totals_of = defaultdict(list), defaultdict(list), defaultdict(list)
    for i in items:  # grouped once: a filter per county is counties x items (3,000 x 100,000 nationally)
        items_of[i.county].append(i)
    for p in progress:
        progress_of[p.county].append(p)
    for c, ind, t in by_county:
        totals_of[c].append((ind, t))
    per: dict[str, CountyFigures] = {}
    for county in names:
        mine = items_of.get(county, [])
        rows = tuple(progress_of.get(county, ()))
        if not mine and not rows:
            continue
        level, ratio = levels.get(county, (NO_TARGET, None))
        per[county] = CountyFigures(
            county=county, industries=tuple(totals_of.get(county, ())),
            counts=Counts.of(mine), reporters=tuple(Counter(i.submitter for i in mine).most_common()),
            progress=rows, level=level, ratio=ratio, submitted=county in submitted)
    serious = count_enterprises(e for e in exceedances if e.serious)
    return Figures(
        city=Counts.of(items), by_county=per,
        yellow=list_counts(yellow_status, lambda s: s.status, yellow_order),
        red=list_counts(red_status), red_reported=sum(1 for r in red_status if r.exit_items),
        exceedances=list_counts(exceedances), exceedance_serious=serious, industries=city_progress(progress))


def figures_of(tally: Tally, settings: Settings) -> Figures:
    """The tally's figures; a Tally built by hand (tests, tools) without them gets them by the same computation."""
    if isinstance(tally.figures, Figures):
        return tally.figures
    counties = settings.county_names()
    submitted = {s.submitter for s in tally.submissions if s.status == "used" and s.submitter in counties}
    return compute_figures(tuple(tally.items), tally.by_county, tuple(tally.progress), counties, submitted,
                           tuple(tally.yellow_status), tuple(tally.red_status), tuple(tally.exceedances), STATUSES)
