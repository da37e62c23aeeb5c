"""Targets and progress (tasks 11-12): counted capacity against the year's plan, per county and industry.

Pure functions over the tally's records: nothing here reads files. The rules:
- a target row in another unit of the industry is converted with the configured factors (50000 吨 of
  水泥 = 5 万吨); a unit with no factor is a warning and that row is compared only with items reported
  in the same unit (its own progress row);
- progress = counted capacity / target, an exact fraction rounded half-up to 0.0001; the level compares
  that rounded ratio (the figure the clerk sees) with the configured thresholds: below
  ``summon_below`` % -> 约谈, below ``notify_below`` % -> 通报, else 正常; no target -> 无目标;
- a county with a target and no used submission is warned about and levelled as if it had done 0;
- a named plan item (a target row naming an enterprise) is done when a counted item of the same
  county and industry has the same normalised enterprise name and, when the plan names equipment,
  one equipment name contains the other; one still missing after the report deadline is a warning.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Context, Decimal
from fractions import Fraction
from collections.abc import Callable, Iterable

from reportgen.config import Industry, Settings
from reportgen.identity import enterprise_name_key, thing_key
from reportgen.models import ExitItem, Problem, Target
from reportgen.problems import make as make_problem
from reportgen.parse.values import normalise_unit

SUMMON = "约谈"
NOTIFY = "通报"
NORMAL = "正常"
NO_TARGET = "无目标"
LEVELS = (SUMMON, NOTIFY, NORMAL, NO_TARGET)  # worst first
RATIO_PLACES = Decimal("0.0001")

_EXACT = Context(prec=200)  # sums and conversions of cell values stay exact


@dataclass(frozen=True)
class Progress:
    """Progress of one county and industry (in one unit) against the year's target."""

    county: str
    industry: str
    unit: str  # the canonical unit of the industry (or the target's unit if inconvertible)
    target: Decimal | None  # summed county×industry target converted to `unit`; None: no target
    done: Decimal  # counted capacity (tally items) for county×industry in `unit`
    ratio: Decimal | None  # done / target quantized to 0.0001 (ROUND_HALF_UP); None without a (positive) target
    level: str  # 约谈 | 通报 | 正常 | 无目标
    named_planned: int  # target rows naming an enterprise/line for this county×industry (and unit)
    named_done: int  # of those, how many match a counted item
    named_missing: tuple[Target, ...]  # named plan items not reported as exited
    submitted: bool  # the county sent a used submission


def thresholds(settings: Settings) -> tuple[Decimal, Decimal]:
    """(summon_below, notify_below) from [progress] as fractions (0.3, 0.6); load_settings checked them."""
    return settings.progress.summon_below / 100, settings.progress.notify_below / 100


def ratio_of(done: Decimal, target: Decimal) -> Decimal:
    """done / target rounded half-up to 0.0001, computed exactly (target > 0)."""
    scaled = Fraction(done) / Fraction(target) * 10000
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    sign, digits, _ = Decimal(whole).as_tuple()
    return Decimal((sign, digits, -4))  # exact: no context rounding


def level_for(ratio: Decimal | None, summon: Decimal, notify: Decimal) -> str:
    """The level of a (rounded) ratio against the thresholds given as fractions; None -> 无目标."""
    if ratio is None:
        return NO_TARGET
    if ratio < summon:
        return SUMMON
    if ratio < notify:
        return NOTIFY
    return NORMAL


def compute_progress(targets: Iterable[Target], items: Iterable[ExitItem], settings: Settings, as_of: date,
                     submitted: set[str], year: int | None = None) -> tuple[list[Progress], list[Problem]]:
    """Progress per county, industry and unit, in configured order, with the problems the clerk must chase."""
    summon, notify = thresholds(settings)
    year = as_of.year if year is None else year
    deadline = settings.deadline(year)
    targets, items = list(targets), list(items)
    problems: list[Problem] = []

    target_groups = _group_targets(targets, settings, problems)
    exited, done = _done_by_group(items, settings)
    order = _group_order(settings)

    rows: list[Progress] = []
    for key in sorted(set(target_groups) | set(done), key=order):
        county, industry, unit = key
        group = target_groups.get(key, [])
        target = _sum(v for _, v in group) if group else None
        got = done.get(key, Decimal(0))
        is_in = county in submitted
        ratio = ratio_of(got, target) if target is not None and target > 0 else None
        level = _level(target, ratio, is_in, summon, notify)
        named = [t for t, _ in group if t.enterprise.strip()]
        missing = tuple(t for t in named
                        if not _matches(t, exited.get((county, industry, enterprise_name_key(t.enterprise)), ())))
        rows.append(Progress(county, industry, unit, target, got, ratio, level, len(named),
                             len(named) - len(missing), missing, is_in))
        if as_of > deadline:
            problems.extend(_missing_item(t, deadline) for t in missing)

    for county in _ordered_unique(r.county for r in rows if r.target is not None and not r.submitted):
        problems.append(_no_submission(county, [r for r in rows if r.county == county and r.target is not None],
                                       [t for t in targets if t.county == county], year))
    return rows, problems


_Group = tuple[str, str, str]  # (county, industry, unit)


def _group_targets(targets: list[Target], settings: Settings, problems: list[Problem]
                   ) -> dict[_Group, list[tuple[Target, Decimal]]]:
    """The targets by group, each with its capacity in the industry's unit (as given when it cannot convert)."""
    target_groups: dict[_Group, list[tuple[Target, Decimal]]] = defaultdict(list)
    for t in targets:
        ind = _industry(settings, t.industry, t.unit)
        factor = _factor(ind, t.unit)
        if factor is None:
            problems.append(_inconvertible(t, ind))
            target_groups[(t.county, ind.name, normalise_unit(t.unit) or t.unit)].append((t, t.capacity))
        else:
            target_groups[(t.county, ind.name, ind.unit)].append((t, _EXACT.multiply(t.capacity, factor)))
    return target_groups


def _done_by_group(items: list[ExitItem], settings: Settings
                   ) -> tuple[dict[tuple[str, str, str], list[str]], dict[_Group, Decimal]]:
    """(county, industry, normalised enterprise) -> normalised equipment names of the counted items; and the
    capacity done per group."""
    exited: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    done: dict[_Group, Decimal] = defaultdict(Decimal)
    for i in items:
        ind = _industry(settings, i.industry, i.unit)
        factor = _factor(ind, i.unit)
        key = (i.county, ind.name, ind.unit) if factor is not None else \
            (i.county, ind.name, normalise_unit(i.unit) or i.unit)
        exited[(i.county, ind.name, enterprise_name_key(i.enterprise))].append(thing_key(i.equipment))
        done[key] = _EXACT.add(done[key], _EXACT.multiply(i.capacity, factor if factor is not None else 1))
    return exited, done


def _group_order(settings: Settings) -> Callable[[_Group], tuple[int, str, int, str, int, str]]:
    """Configured county order, then configured industry order, the industry's own unit first."""
    county_order = {c: n for n, c in enumerate(settings.county_names())}
    industry_order = {ind.name: n for n, ind in enumerate(settings.industries)}

    def order(key: _Group) -> tuple[int, str, int, str, int, str]:
        county, industry, unit = key
        ind = settings.industry(industry)
        return (county_order.get(county, len(county_order)), county, industry_order.get(industry, len(industry_order)),
                industry, 0 if ind is not None and unit == ind.unit else 1, unit)
    return order


def _level(target: Decimal | None, ratio: Decimal | None, submitted: bool, summon: Decimal, notify: Decimal) -> str:
    if target is None:
        return NO_TARGET
    if not submitted:
        return level_for(Decimal(0), summon, notify)
    if ratio is None:  # a zero target is met
        return NORMAL
    return level_for(ratio, summon, notify)


def county_levels(progress: list[Progress]) -> list[tuple[str, str, Decimal | None]]:
    """Per county, in progress order: (county, worst level of its rows with a target else 无目标, overall ratio).

    The overall ratio is the sum of done over the sum of target of the county's rows with a target, and
    only when those rows share one unit; otherwise (or with no positive target) it is None.
    """
    out: list[tuple[str, str, Decimal | None]] = []
    with_target: dict[str, list[Progress]] = {}
    for p in progress:
        with_target.setdefault(p.county, [])
        if p.target is not None:
            with_target[p.county].append(p)
    for county, mine in with_target.items():
        if not mine:
            out.append((county, NO_TARGET, None))
            continue
        level = min((p.level for p in mine), key=LEVELS.index)
        ratio = None
        if len({p.unit for p in mine}) == 1:
            total = _sum(p.target for p in mine if p.target is not None)  # all of them
            if total > 0:
                ratio = ratio_of(_sum(p.done for p in mine), total)
        out.append((county, level, ratio))
    return out


def _industry(settings: Settings, name: str, unit: str) -> Industry:
    # intake rejects unknown industries; a hand-made record still gets a unit of its own
    return settings.industry(name) or Industry(name=name, unit=normalise_unit(unit) or unit)


def _factor(ind: Industry, unit: str) -> Decimal | None:
    factor = ind.factor(unit)
    if factor is not None:
        return factor
    wanted = normalise_unit(unit)
    return next((f for u, f in ((ind.unit, Decimal(1)), *ind.factors) if normalise_unit(u) == wanted), None)


def _sum(values: Iterable[Decimal]) -> Decimal:
    total = Decimal(0)
    for v in values:
        total = _EXACT.add(total, v)
    return total


def _matches(t: Target, equipment: Iterable[str]) -> bool:
    """A named plan row is done by an item of its enterprise whose equipment contains, or is contained in, its own."""
    equipment = list(equipment)
    want = thing_key(t.equipment)
    if not want:
        return bool(equipment)
    return any(have and (want in have or have in want) for have in equipment)


def _ordered_unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _fmt(d: Decimal) -> str:
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _where(t: Target, key: str) -> tuple[str, str]:
    cell = t.source.cell(key)
    return cell, f"{t.source.file}「{t.source.sheet}」{cell or f'第{t.source.row}行'}"


def _inconvertible(t: Target, ind: Industry) -> Problem:
    cell, where = _where(t, "capacity")
    value = f"{_fmt(t.capacity)}{t.unit}"
    known = "、".join(ind.units())
    return make_problem("target-unit-inconvertible", file=t.source.file, sheet=t.source.sheet, row=t.source.row,
                        cell=cell, value=value, where=where, county=t.county, industry=t.industry, target=value,
                        unit=t.unit, standard=ind.unit, known=known)


def _missing_item(t: Target, deadline: date) -> Problem:
    cell, where = _where(t, "enterprise")
    what = t.enterprise + (f"（{t.equipment}）" if t.equipment.strip() else "")
    return make_problem("plan-item-missing", file=t.source.file, sheet=t.source.sheet, row=t.source.row, cell=cell,
                        value=t.enterprise, where=where, county=t.county, industry=t.industry, what=what,
                        deadline=deadline)


def _no_submission(county: str, rows: list[Progress], targets: list[Target], year: int) -> Problem:
    first = min(targets, key=lambda t: (t.source.file, t.source.sheet, t.source.row)) if targets else None
    planned = "、".join(f"{r.industry}{_fmt(r.target)}{r.unit}" for r in rows if r.target is not None)  # all
    if first is None:
        return make_problem("target-no-submission", value=county, county=county, year=year, planned=planned)
    cell, where = _where(first, "county")
    return make_problem("target-no-submission", file=first.source.file, sheet=first.source.sheet,
                        row=first.source.row, cell=cell, value=county, where=where, county=county, year=year,
                        planned=planned)
