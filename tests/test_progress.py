"""Targets and progress: conversion, inconvertible units, thresholds, no submission, named plan items."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from reportgen.errors import ConfigError
from reportgen.models import WARNING, ExitItem, Source, Target
from reportgen.tally.progress import (NO_TARGET, NORMAL, NOTIFY, SUMMON, LEVELS, Progress, compute_progress,
                                county_levels, level_for, ratio_of, thresholds)

PLAN = "目标任务.xlsx"
TARGET_COLUMNS = tuple((k, i) for i, k in enumerate(
    ("county", "industry", "capacity", "capacity_unit", "enterprise", "equipment")))  # county A, capacity C, enterprise E
ALL = {"兴庆区", "西夏区", "金凤区", "永宁县", "贺兰县", "灵武市"}
AS_OF = date(2021, 10, 15)  # before the 11-30 report deadline
LATE = date(2021, 12, 10)


def target(county="贺兰县", industry="水泥", capacity="10", unit="万吨", enterprise="", equipment="", row=3) -> Target:
    return Target(county, industry, Decimal(capacity), unit, enterprise, equipment,
                  Source(PLAN, "目标任务", row, TARGET_COLUMNS))


def item(county="贺兰县", industry="水泥", capacity="3", unit="万吨", enterprise="宁夏贺兰兴旺水泥有限公司",
         equipment="水泥磨机", row=7) -> ExitItem:
    return ExitItem(county=county, enterprise=enterprise, uscc="", industry=industry, equipment=equipment,
                    spec="Φ2.2×6.5m", quantity=1, quantity_unit="台", capacity=Decimal(capacity), unit=unit,
                    method="拆除", grounds=("能耗",), completed=date(2021, 9, 30),
                    source=Source(f"{county}.xlsx", "退出明细", row), submitter=county)


def run(settings, targets, items, as_of=AS_OF, submitted=ALL):
    return compute_progress(targets, items, settings, as_of, set(submitted), year=2021)


def only(rows, county="贺兰县", industry="水泥") -> Progress:
    found = [r for r in rows if r.county == county and r.industry == industry]
    assert len(found) == 1, found
    return found[0]


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def test_target_in_other_unit_is_converted(settings):
    rows, problems = run(settings, [target(capacity="50000", unit="吨")], [item(capacity="2")])
    p = only(rows)
    assert (p.unit, p.target, p.done, p.ratio, p.level) == ("万吨", Decimal("5"), Decimal("2"), Decimal("0.4"), NOTIFY)
    assert problems == []


def test_targets_of_one_county_industry_are_summed_across_units(settings):
    rows, _ = run(settings, [target(capacity="3"), target(capacity="20000", unit="吨", row=4)],
                  [item(capacity="1.25"), item(capacity="2.75", row=8)])
    p = only(rows)
    assert (p.target, p.done, p.ratio, p.level) == (Decimal("5"), Decimal("4"), Decimal("0.8"), NORMAL)


def test_inconvertible_target_unit_is_a_problem_and_compared_in_its_own_unit(settings):
    odd = target(capacity="4", unit="台", row=5)
    rows, problems = run(settings, [target(capacity="10"), odd],
                         [item(capacity="7"), item(capacity="1", unit="台", row=9)])
    assert [(r.unit, r.target, r.done) for r in rows] == [("万吨", Decimal("10"), Decimal("7")),
                                                          ("台", Decimal("4"), Decimal("1"))]
    assert [r.level for r in rows] == [NORMAL, SUMMON]  # 70 %; 25 %
    [prob] = problems
    assert (prob.code, prob.severity, prob.file, prob.sheet, prob.row, prob.cell) == \
        ("target-unit-inconvertible", WARNING, PLAN, "目标任务", 5, "C5")
    assert prob.message.startswith(f"{PLAN}「目标任务」C5：")
    assert "4台" in prob.message and "万吨" in prob.message and "换算系数" in prob.hint


def test_exits_without_target_are_no_target_not_a_problem(settings):
    rows, problems = run(settings, [], [item(county="永宁县", industry="钢铁", capacity="8")])
    p = only(rows, "永宁县", "钢铁")
    assert (p.target, p.ratio, p.level, p.done) == (None, None, NO_TARGET, Decimal("8"))
    assert problems == []
    assert county_levels(rows) == [("永宁县", NO_TARGET, None)]


def test_county_with_target_and_no_submission(settings):
    rows, problems = run(settings, [target(county="灵武市", capacity="6", row=8)], [],
                         submitted=ALL - {"灵武市"})
    p = only(rows, "灵武市")
    assert (p.done, p.ratio, p.level, p.submitted) == (Decimal(0), Decimal(0), SUMMON, False)
    [prob] = problems
    assert (prob.code, prob.severity, prob.cell, prob.value) == ("target-no-submission", WARNING, "A8", "灵武市")
    assert prob.message.startswith(f"{PLAN}「目标任务」A8：灵武市") and "水泥6万吨" in prob.message


def test_no_submission_levels_as_zero_even_when_departments_reported_its_items(settings):
    rows, problems = run(settings, [target(county="灵武市", capacity="6")],
                         [item(county="灵武市", capacity="6")], submitted=ALL - {"灵武市"})
    p = only(rows, "灵武市")
    assert (p.ratio, p.level) == (Decimal(1), SUMMON)
    assert codes(problems) == ["target-no-submission"]


def test_named_items_done_and_missing(settings):
    done_plan = target(enterprise="宁夏贺兰兴旺水泥有限公司", equipment="水泥磨机", row=3)
    wrong_line = target(enterprise="宁夏贺兰兴旺水泥有限公司", equipment="回转窑", row=4)
    other = target(enterprise="贺兰县金山建材有限公司", row=5)
    lump = target(capacity="5", row=6)
    # full-width spaces and a longer equipment name still match
    exited = item(enterprise="宁夏贺兰兴旺水泥有限公司　", equipment="2号 水泥磨机")
    rows, problems = run(settings, [done_plan, wrong_line, other, lump], [exited])
    p = only(rows)
    assert (p.named_planned, p.named_done) == (3, 1)
    assert p.named_missing == (wrong_line, other)
    assert p.target == Decimal("35")
    assert problems == []  # before the deadline: still in time


def test_named_item_missing_after_the_deadline_is_a_problem(settings):
    plan = target(enterprise="贺兰县金山建材有限公司", equipment="立窑", row=12)
    _, on_deadline = run(settings, [plan], [item()], as_of=date(2021, 11, 30))
    assert on_deadline == []
    _, problems = run(settings, [plan], [item()], as_of=LATE)
    [prob] = problems
    assert (prob.code, prob.cell, prob.row, prob.value) == ("plan-item-missing", "E12", 12, "贺兰县金山建材有限公司")
    assert prob.message.startswith(f"{PLAN}「目标任务」E12：") and "立窑" in prob.message and "2021-11-30" in prob.message


def test_named_item_needs_same_county_and_industry(settings):
    plan = target(enterprise="宁夏贺兰兴旺水泥有限公司")
    rows, _ = run(settings, [plan], [item(county="永宁县"), item(industry="钢铁")])
    assert only(rows).named_done == 0


@pytest.mark.parametrize("done, ratio, level", [
    ("2.999", "0.2999", SUMMON), ("3", "0.3", NOTIFY), ("5.999", "0.5999", NOTIFY), ("6", "0.6", NORMAL),
    ("0", "0", SUMMON), ("13", "1.3", NORMAL),
])
def test_thresholds_at_the_exact_boundaries(settings, done, ratio, level):
    rows, _ = run(settings, [target(capacity="10")], [item(capacity=done)] if done != "0" else [])
    p = only(rows)
    assert p.ratio == Decimal(ratio).quantize(Decimal("0.0001"), rounding="ROUND_HALF_UP")
    assert p.level == level


def test_level_follows_the_shown_ratio():
    # 0.299996 shows as 30.00 %: the clerk sees 30 %, so it is 通报, not 约谈
    r = ratio_of(Decimal("0.299996"), Decimal(1))
    assert r == Decimal("0.3000")
    assert level_for(r, Decimal("0.3"), Decimal("0.6")) == NOTIFY
    assert ratio_of(Decimal("0.29995"), Decimal(1)) == Decimal("0.3000")  # half rounds up
    assert ratio_of(Decimal("0.29994999"), Decimal(1)) == Decimal("0.2999")


def test_order_is_configured_county_then_industry(settings):
    rows, _ = run(settings, [target(county="灵武市", industry="钢铁"), target(county="灵武市", industry="水泥"),
                             target(county="兴庆区", industry="电石")],
                  [item(county="贺兰县", industry="焦炭")])
    assert [(r.county, r.industry) for r in rows] == [("兴庆区", "电石"), ("贺兰县", "焦炭"),
                                                      ("灵武市", "水泥"), ("灵武市", "钢铁")]


def test_county_levels_worst_level_and_single_unit_ratio(settings):
    rows, problems = run(settings, [target(industry="水泥", capacity="10"), target(industry="钢铁", capacity="10"),
                             target(county="兴庆区", industry="印染", capacity="10", unit="万米"),
                             target(county="兴庆区", industry="水泥", capacity="10")],
                  [item(industry="水泥", capacity="10"), item(industry="钢铁", capacity="5"),
                   item(industry="焦炭", capacity="100"),
                   item(county="兴庆区", industry="印染", capacity="10", unit="万米"), item(county="兴庆区", capacity="1")])
    assert county_levels(rows) == [("兴庆区", SUMMON, None),  # 万米 and 万吨: no overall ratio
                                   ("贺兰县", NOTIFY, Decimal("0.75"))]  # 15 / 20; 焦炭 has no target
    assert problems == []


def write_config(tmp_path, body: str):
    from reportgen.config import load_settings
    path = tmp_path / "reportgen.toml"
    path.write_text(body, encoding="utf-8")
    return load_settings(path)


@pytest.mark.parametrize("body, key", [
    ("[progress]\nsummon_below = 0\n", "progress.summon_below"),
    ("[progress]\nnotify_below = 101\n", "progress.notify_below"),
    ("[progress]\nsummon_below = 60\n", "progress.summon_below"),
    ("[progress]\nsummon_below = 70\nnotify_below = 50\n", "progress.summon_below"),
])
def test_bad_thresholds_name_the_key(tmp_path, body, key):
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):  # at load, before any progress is computed
        write_config(tmp_path, body)


def test_configured_thresholds_are_used(tmp_path):
    custom = write_config(tmp_path, "[progress]\nsummon_below = 50\nnotify_below = 100\n")
    assert thresholds(custom) == (Decimal("0.5"), Decimal(1))
    rows, _ = compute_progress([target(capacity="10")], [item(capacity="9.99")], custom, AS_OF, ALL)
    assert only(rows).level == NOTIFY


capacities = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("100000"), places=4)


@hsettings(max_examples=200, deadline=None)
@given(target_cap=capacities, done_parts=st.lists(capacities, min_size=1, max_size=5))
def test_ratio_times_target_is_done_within_rounding(settings, target_cap, done_parts):
    items = [item(capacity=str(c), row=7 + n) for n, c in enumerate(done_parts)]
    rows, _ = run(settings, [target(capacity=str(target_cap))], items)
    p = only(rows)
    assert p.done == sum(done_parts, Decimal(0))
    assert p.ratio == p.ratio.quantize(Decimal("0.0001"))
    assert abs(p.ratio * p.target - p.done) <= Decimal("0.00005") * p.target


@hsettings(max_examples=200, deadline=None)
@given(target_cap=capacities, a=capacities, b=capacities,
       summon=st.integers(1, 98), gap=st.integers(1, 99))
def test_level_is_monotone_in_done(target_cap, a, b, summon, gap):
    notify = min(summon + gap, 100)
    lo, hi = sorted((a, b))
    s, n = Decimal(summon) / 100, Decimal(notify) / 100
    worse = LEVELS.index
    assert worse(level_for(ratio_of(lo, target_cap), s, n)) <= worse(level_for(ratio_of(hi, target_cap), s, n))


@hsettings(max_examples=100, deadline=None)
@given(tons=st.integers(1, 10**9))
def test_tons_target_equals_the_same_target_in_wan_tons(settings, tons):
    rows_t, _ = run(settings, [target(capacity=str(tons), unit="吨")], [item(capacity="1")])
    rows_w, _ = run(settings, [target(capacity=str(Decimal(tons) / 10000), unit="万吨")], [item(capacity="1")])
    assert only(rows_t).target == only(rows_w).target
    assert only(rows_t).ratio == only(rows_w).ratio


def test_named_item_without_equipment_is_done_by_any_line_of_the_enterprise(settings):
    plan = target(enterprise="宁夏贺兰兴旺水泥有限公司")
    rows, _ = run(settings, [plan], [item(equipment="")])
    assert (only(rows).named_done, only(rows).named_missing) == (1, ())
    rows, _ = run(settings, [target(enterprise="宁夏贺兰兴旺水泥有限公司", equipment="水泥磨机")], [item(equipment="")])
    assert only(rows).named_done == 0  # the plan names a line the report does not


def test_named_item_in_an_inconvertible_unit_counts_on_its_own_row(settings):
    rows, _ = run(settings, [target(capacity="1", unit="台", enterprise="宁夏贺兰兴旺水泥有限公司")],
                  [item(capacity="1", unit="台")])
    assert [(r.unit, r.named_planned, r.named_done, r.level) for r in rows] == [("台", 1, 1, NORMAL)]


# ---- through intake: a real plan workbook ------------------------------------------------------------

def test_plan_workbook_read_by_intake(tmp_path, settings):
    from reportgen.parse.intake import read_submission
    from tests.conftest import write_xlsx

    head = ["序号", "县（市）区", "行业", "目标产能", "产能单位", "企业名称", "落后生产线（设备）名称"]
    rows = [["银川市2021年落后产能退出目标任务"], head,
            [1, "贺兰县", "水泥", 50000, "吨", "", ""],
            [2, "贺兰县", "水泥", 12, "万吨", "宁夏贺兰兴旺水泥有限公司", "水泥磨机"],
            [3, "灵武市", "钢铁", 3, "台", "", ""]]
    inbox = tmp_path / "inbox"
    path = write_xlsx(inbox / "目标任务.xlsx", {"目标任务": rows})
    sub = read_submission(path, inbox, settings)
    assert len(sub.targets) == 3, sub.problems
    rows_, problems = compute_progress(sub.targets, [item(capacity="8.5")], settings, LATE, ALL - {"灵武市"},
                                       year=2021)
    hl, lw = only(rows_), only(rows_, "灵武市", "钢铁")
    assert (hl.target, hl.done, hl.ratio, hl.level, hl.named_done) == (
        Decimal("17"), Decimal("8.5"), Decimal("0.5"), NOTIFY, 1)
    assert (lw.unit, lw.target, lw.level) == ("台", Decimal("3"), SUMMON)
    assert [(p.code, p.cell) for p in problems] == [("target-unit-inconvertible", "D5"),
                                                    ("target-no-submission", "B5")]
    assert problems[0].message.startswith("目标任务.xlsx「目标任务」D5：灵武市钢铁目标产能「3台」")
