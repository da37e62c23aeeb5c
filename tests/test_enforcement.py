"""Yellow/red deadlines, extensions, status on a fixed date, red links and the differential-price list."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings as hsettings, strategies as st

from reportgen.tally.enforcement import (EXTENDED, IN_PROGRESS, OVERDUE, RECTIFIED, STATUSES, TO_RED, RedStatus,
                                   YellowStatus, categories, classify_yellow, deadline_for, extension_limit,
                                   link_red, price_list)
from reportgen.parse.intake import read_submission
from reportgen.models import ERROR, WARNING, ExitItem, RedCase, Source, YellowCase
from reportgen.parse.words import uscc_check_char
from tests.conftest import write_xlsx

YELLOW_COLUMNS = tuple((k, i) for i, k in enumerate(
    ("seq", "enterprise", "uscc", "county", "industry", "category", "issue", "notice_date", "deadline",
     "extended_to", "review", "publisher")))  # deadline = I, extended_to = J
RED_COLUMNS = tuple((k, i) for i, k in enumerate(
    ("seq", "enterprise", "uscc", "county", "industry", "category", "closed_on", "basis", "publisher")))
FILE = "市直部门/市市场监管局.xlsx"


def uscc(body: str) -> str:
    body17 = f"91640122MA7{body:0>6}"[:17]
    return body17 + uscc_check_char(body17)


A, B, C = uscc("A00001"), uscc("B00002"), uscc("C00003")


def yellow(name="宁夏贺兰兴旺水泥有限公司", code="", category="能耗", notice=date(2021, 3, 1), deadline=None,
           extended=None, review="", row=5, file=FILE) -> YellowCase:
    return YellowCase(enterprise=name, uscc=code, county="贺兰县", industry="水泥", category=category,
                      issue="熟料单位产品综合能耗超限额", notice_date=notice, deadline=deadline, extended_to=extended,
                      review=review, publisher="市市场监管局", source=Source(file, "黄牌名单", row, YELLOW_COLUMNS),
                      submitter="市场监管局")


def red(name="宁夏贺兰兴旺水泥有限公司", code="", category="能耗", closed=date(2021, 10, 8), row=4) -> RedCase:
    return RedCase(enterprise=name, uscc=code, county="贺兰县", industry="水泥", category=category, closed_on=closed,
                   basis="银政发〔2021〕88号", publisher="市应急管理局",
                   source=Source("市直部门/市应急管理局.xlsx", "红牌名单", row, RED_COLUMNS), submitter="应急管理局")


def item(name="宁夏贺兰兴旺水泥有限公司", code="", method="拆除", grounds=("能耗",), row=7) -> ExitItem:
    return ExitItem(county="贺兰县", enterprise=name, uscc=code, industry="水泥", equipment="水泥磨机",
                    spec="Φ2.2×6.5m", quantity=1, quantity_unit="台", capacity=Decimal("12"), unit="万吨",
                    method=method, grounds=grounds, completed=date(2021, 9, 30),
                    source=Source("贺兰县.xlsx", "退出明细", row), submitter="贺兰县")


def one(cases, as_of, reds=(), items=()):
    statuses, problems = classify_yellow(cases, reds, items, as_of)
    return statuses, problems


# ---- deadline arithmetic -------------------------------------------------------------------------------

@pytest.mark.parametrize("category,notice,expected", [
    ("能耗", date(2021, 3, 1), date(2021, 9, 1)),
    ("能耗", date(2020, 8, 31), date(2021, 2, 28)),  # 8月31日 + 6 months, common year
    ("质量", date(2019, 8, 31), date(2020, 2, 29)),  # ... leap year 2020
    ("能耗", date(2023, 8, 31), date(2024, 2, 29)),  # ... leap year 2024
    ("能耗", date(2022, 8, 29), date(2023, 2, 28)),
    ("质量", date(2021, 3, 31), date(2021, 9, 30)),  # 30-day month end
    ("能耗", date(2021, 12, 31), date(2022, 6, 30)),  # across the year
    ("质量", date(2020, 2, 29), date(2020, 8, 29)),
    ("能耗", date(2021, 7, 1), date(2022, 1, 1)),
    ("安全", date(2021, 5, 10), date(2021, 5, 10)),  # immediate: no grace period
    ("能耗、安全", date(2021, 5, 10), date(2021, 5, 10)),  # the strictest category wins
    ("环保、质量", date(2021, 5, 10), date(2021, 11, 10)),
    ("环保", date(2021, 5, 10), None),
    ("技术", date(2021, 5, 10), None),
    ("", date(2021, 5, 10), None),
])
def test_deadline_without_a_given_one(category, notice, expected):
    assert deadline_for(category, notice, None) == expected


@pytest.mark.parametrize("category", ["能耗", "质量", "安全", "环保", "技术"])
def test_a_given_deadline_wins(category):
    assert deadline_for(category, date(2021, 3, 1), date(2021, 4, 15)) == date(2021, 4, 15)


@pytest.mark.parametrize("deadline,limit", [
    (date(2021, 11, 30), date(2022, 2, 28)),
    (date(2023, 11, 30), date(2024, 2, 29)),
    (date(2021, 5, 31), date(2021, 8, 31)),
    (date(2021, 3, 31), date(2021, 6, 30)),
    (date(2021, 10, 15), date(2022, 1, 15)),
])
def test_extension_limit_is_three_calendar_months(deadline, limit):
    assert extension_limit(deadline) == limit


def test_categories_split_as_intake_joins_them():
    assert categories("能耗、安全") == ("能耗", "安全")
    assert categories(" 质量 ，环保") == ("质量", "环保")
    assert categories("") == ()


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@given(notice=dates, category=st.sampled_from(["能耗", "质量"]))
def test_six_calendar_months_property(notice, category):
    deadline = deadline_for(category, notice, None)
    back = deadline - relativedelta(months=6)
    assert back <= notice and (back.year, back.month) == (notice.year, notice.month)
    assert 181 <= (deadline - notice).days <= 184
    assert deadline.month == (notice.month + 5) % 12 + 1
    # the same day of the month, or the month's last day when it has no such day
    assert deadline.day == notice.day or (deadline.day < notice.day and (deadline + timedelta(days=1)).day == 1)


@given(notice=dates)
def test_safety_is_immediate_property(notice):
    assert deadline_for("安全", notice, None) == notice


@given(deadline=dates)
def test_extension_at_the_limit_is_valid_and_one_day_past_is_an_error(deadline):
    notice = deadline - timedelta(days=30)
    limit = extension_limit(deadline)
    at, past = (yellow(notice=notice, deadline=deadline, extended=ext) for ext in (limit, limit + timedelta(days=1)))
    (s_at,), problems = one([at], limit)
    assert problems == [] and s_at.status == EXTENDED and s_at.effective == limit and s_at.extended
    (s_past,), problems = one([past], limit)
    assert [p.code for p in problems] == ["extension-too-long", "yellow-overdue"]
    assert problems[0].is_error and problems[0].cell == "J5" and problems[0].value == (limit + timedelta(days=1)).isoformat()
    assert s_past.effective == deadline and s_past.status == OVERDUE and not s_past.extended


# ---- status on a fixed date ------------------------------------------------------------------------------

AS_OF = date(2021, 11, 30)


def test_in_progress_up_to_and_including_the_deadline():
    case = yellow(notice=date(2021, 6, 1))  # 能耗: deadline 2021-12-01
    (s,), problems = one([case], AS_OF)
    assert (s.deadline, s.effective, s.status, problems) == (date(2021, 12, 1), date(2021, 12, 1), IN_PROGRESS, [])
    (s,), problems = one([case], date(2021, 12, 1))
    assert s.status == IN_PROGRESS and problems == []
    (s,), problems = one([case], date(2021, 12, 2))
    assert s.status == OVERDUE and [p.code for p in problems] == ["yellow-overdue"]


def test_extended():
    case = yellow(notice=date(2021, 3, 1), extended=date(2021, 12, 1))  # deadline 2021-09-01, limit 12-01
    (s,), problems = one([case], AS_OF)
    assert (s.deadline, s.effective, s.status, problems) == (date(2021, 9, 1), date(2021, 12, 1), EXTENDED, [])


def test_overdue_is_a_warning_naming_the_deadline_cell():
    case = yellow(notice=date(2021, 3, 1), review="未达标")  # deadline 2021-09-01
    (s,), (p,) = one([case], AS_OF)
    assert s.status == OVERDUE
    assert (p.severity, p.code, p.file, p.sheet, p.row, p.cell, p.value) == \
        (WARNING, "yellow-overdue", FILE, "黄牌名单", 5, "I5", "2021-09-01")
    assert p.message.startswith(f"{FILE}「黄牌名单」I5：宁夏贺兰兴旺水泥有限公司（能耗）")
    assert "2021-09-01" in p.message and "复查未达标" in p.message and "红牌" in p.message and p.hint


def test_overdue_after_an_extension_names_the_extension_cell():
    case = yellow(notice=date(2021, 3, 1), extended=date(2021, 10, 31))
    (s,), (p,) = one([case], AS_OF)
    assert s.status == OVERDUE and p.cell == "J5" and p.value == "2021-10-31" and "延期后" in p.message


def test_rectified_wins_even_when_overdue_or_red():
    case = yellow(notice=date(2020, 1, 1), review="达标")
    (s,), problems = one([case], AS_OF, reds=[red()])
    assert s.status == RECTIFIED and problems == [] and s.red is not None


def test_turned_red():
    (s,), problems = one([yellow(notice=date(2021, 3, 1))], AS_OF, reds=[red()])
    assert s.status == TO_RED and s.red.basis == "银政发〔2021〕88号" and problems == []


def test_safety_case_is_overdue_the_day_after_notice_without_a_passed_review():
    case = yellow(category="安全", notice=date(2021, 11, 29))
    (s,), _ = one([case], date(2021, 11, 29))
    assert s.status == IN_PROGRESS and s.deadline == date(2021, 11, 29)
    (s,), (p,) = one([case], AS_OF)
    assert s.status == OVERDUE and p.code == "yellow-overdue"


def test_safety_case_admits_no_extension():
    case = yellow(category="安全", notice=date(2021, 4, 12), deadline=date(2021, 7, 12), extended=date(2021, 10, 12),
                  review="未达标")
    (s,), problems = one([case], date(2021, 9, 1))
    assert [(p.code, p.severity, p.cell) for p in problems] == [
        ("extension-not-allowed", ERROR, "J5"), ("yellow-overdue", WARNING, "I5")]
    assert s.effective == date(2021, 7, 12) and s.status == OVERDUE


def test_extension_before_the_deadline_is_an_error():
    case = yellow(notice=date(2021, 3, 1), extended=date(2021, 8, 1))
    (s,), problems = one([case], date(2021, 8, 15))
    assert [(p.code, p.severity, p.cell, p.value) for p in problems] == [
        ("extension-before-deadline", ERROR, "J5", "2021-08-01")]
    assert s.status == IN_PROGRESS and s.effective == date(2021, 9, 1)


def test_extension_equal_to_the_deadline_changes_nothing():
    (s,), problems = one([yellow(notice=date(2021, 3, 1), extended=date(2021, 9, 1))], date(2021, 9, 1))
    assert s.status == IN_PROGRESS and problems == [] and not s.extended


def test_only_one_extension_per_notice():
    first = yellow(notice=date(2021, 3, 1), extended=date(2021, 10, 1), row=5)
    second = yellow(notice=date(2021, 3, 1), extended=date(2021, 11, 15), row=6)
    same = yellow(notice=date(2021, 3, 1), extended=date(2021, 10, 1), row=7)  # the same extension reported again
    statuses, problems = one([second, first, same], date(2021, 8, 20))
    assert [(p.code, p.row, p.cell) for p in problems] == [("extension-repeated", 6, "J6")]
    assert [s.status for s in statuses] == [IN_PROGRESS, EXTENDED, EXTENDED]
    other_notice = yellow(notice=date(2021, 4, 1), extended=date(2021, 12, 1), row=8)
    _, problems = one([first, other_notice], date(2021, 9, 20))
    assert problems == []


def test_given_deadline_before_the_notice_is_an_error_and_the_rule_applies():
    case = yellow(notice=date(2021, 3, 1), deadline=date(2021, 2, 1))
    (s,), problems = one([case], date(2021, 6, 1))
    assert [(p.code, p.severity, p.cell, p.value) for p in problems] == [
        ("deadline-before-notice", ERROR, "I5", "2021-02-01")]
    assert problems[0].message.startswith(f"{FILE}「黄牌名单」I5：") and "2021-03-01" in problems[0].message
    assert s.deadline == date(2021, 9, 1) and s.status == IN_PROGRESS


@pytest.mark.parametrize("category", ["环保", "技术"])
def test_no_rule_and_no_deadline_asks_for_one(category):
    case = yellow(category=category, notice=date(2020, 1, 1), extended=date(2020, 9, 1))
    (s,), (p,) = one([case], AS_OF)
    assert (s.deadline, s.effective, s.status) == (None, None, IN_PROGRESS)
    assert (p.code, p.severity, p.cell) == ("deadline-missing", WARNING, "I5")
    assert f"（{category}）" in p.message and "2020-09-01" in p.message and "整改期限" in p.hint


def test_a_problem_without_the_column_names_the_row():
    src = Source(FILE, "黄牌名单", 9, (("enterprise", 1), ("category", 2)))
    case = YellowCase("甲公司", "", "", "", "环保", "", date(2021, 1, 1), None, None, "", "", src, "")
    _, (p,) = one([case], AS_OF)
    assert p.cell == "C9"  # no 整改期限 column: the category cell
    src = Source(FILE, "黄牌名单", 9)
    _, (p,) = one([YellowCase("甲公司", "", "", "", "环保", "", date(2021, 1, 1), None, None, "", "", src, "")], AS_OF)
    assert p.cell == "" and p.message.startswith(f"{FILE}「黄牌名单」第9行：")


cases = st.builds(
    lambda cat, notice, dl, ext, review: yellow(category=cat, notice=notice,
                                                 deadline=notice + timedelta(days=dl) if dl is not None else None,
                                                 extended=notice + timedelta(days=ext) if ext is not None else None,
                                                 review=review),
    st.sampled_from(["能耗", "质量", "安全", "环保", "技术", "能耗、安全"]), dates,
    st.none() | st.integers(-30, 400), st.none() | st.integers(-30, 700), st.sampled_from(["", "达标", "未达标"]))


@hsettings(max_examples=300)
@given(case=cases, as_of=dates)
def test_status_rules_hold_for_any_case(case, as_of):
    (s,), problems = one([case], as_of)
    assert s.status in STATUSES
    overdue = [p for p in problems if p.code == "yellow-overdue"]
    assert (s.status == OVERDUE) == bool(overdue)
    if s.effective is not None:
        assert s.deadline is not None and s.deadline <= s.effective <= extension_limit(s.deadline)
        assert (s.status == OVERDUE) == (case.review != "达标" and as_of > s.effective)
    if s.extended:
        assert "安全" not in case.category and s.effective == case.extended_to
    if case.review == "达标":
        assert s.status == RECTIFIED
    for p in problems:
        assert p.message.startswith(f"{FILE}「黄牌名单」{p.cell}：") and p.hint and p.row == 5


# ---- linking by enterprise -------------------------------------------------------------------------------

def test_red_and_items_link_by_uscc_despite_another_name():
    y = yellow(name="宁夏兴旺水泥有限公司", code=A, notice=date(2021, 3, 1))
    statuses, _ = one([y], AS_OF, reds=[red(name="宁夏贺兰兴旺水泥有限责任公司", code=A)],
                      items=[item(name="兴旺水泥", code=A), item(code=B)])
    assert statuses[0].status == TO_RED and [i.uscc for i in statuses[0].exit_items] == [A]


def test_link_by_normalised_name_when_a_uscc_is_missing():
    y = yellow(name="宁夏（贺兰）兴旺水泥有限公司", code=A, notice=date(2021, 3, 1))
    statuses, _ = one([y], AS_OF, reds=[red(name="宁夏(贺兰) 兴旺水泥有限公司")],
                      items=[item(name="宁夏（贺兰）兴旺水泥有限公司 ")])
    assert statuses[0].red is not None and len(statuses[0].exit_items) == 1


def test_same_name_with_different_usccs_are_different_enterprises():
    y = yellow(code=A, notice=date(2021, 3, 1))
    (s,), problems = one([y], AS_OF, reds=[red(code=B)], items=[item(code=C)])
    assert s.red is None and s.exit_items == () and s.status == OVERDUE


def test_the_earliest_red_case_is_linked():
    reds = [red(closed=date(2021, 11, 1), row=4), red(closed=date(2021, 10, 1), row=5)]
    (s,), _ = one([yellow()], AS_OF, reds=reds)
    assert s.red.source.row == 5


def test_link_red():
    reds = [red(code=A, row=4), red(name="银川市兴庆区福利铸钢厂", code=B, category="安全", row=5)]
    statuses, problems = link_red(reds, [item(code=A), item(name="宁夏贺兰兴旺水泥有限公司", code=A, row=8)])
    assert [len(s.exit_items) for s in statuses] == [2, 0]
    (p,) = problems
    assert (p.severity, p.code, p.file, p.sheet, p.row, p.cell, p.value) == (
        WARNING, "red-no-exit", "市直部门/市应急管理局.xlsx", "红牌名单", 5, "B5", "银川市兴庆区福利铸钢厂")
    assert p.message.startswith("市直部门/市应急管理局.xlsx「红牌名单」B5：红牌企业银川市兴庆区福利铸钢厂（安全）")
    assert "2021-10-08" in p.message and "退出明细" in p.hint


# ---- the differential-price list (task 7) ------------------------------------------------------------

def test_price_list():
    ys, _ = one([
        yellow(name="甲公司", code=A, notice=date(2021, 3, 1)),  # 能耗, overdue, still producing -> listed
        yellow(name="乙公司", notice=date(2021, 3, 1), review="达标"),  # rectified -> not listed
        yellow(name="丙公司", category="环保", deadline=date(2021, 12, 1)),  # not energy -> not listed
        yellow(name="丁公司", category="质量、能耗", notice=date(2021, 9, 1)),  # in progress -> listed
        yellow(name="戊公司", category="技术", notice=date(2021, 9, 1)),  # 淘汰类 -> listed, 差别电价
    ], AS_OF)
    rs, _ = link_red([red(name="己公司", category="能耗")], [])  # closed by law: produces nothing -> not listed
    rows = price_list([*ys, *rs], AS_OF)
    assert [(r["enterprise"], r["reason"]) for r in rows] == [
        ("甲公司", "能耗不达标"), ("丁公司", "能耗不达标"), ("戊公司", "淘汰类产能")]
    assert rows[0]["uscc"] == A and rows[0]["county"] == "贺兰县" and rows[0]["industry"] == "水泥"
    assert rows[0]["source"] == f"{FILE}「黄牌名单」第5行"
    assert rows[0]["price"].startswith("阶梯电价") and rows[2]["price"].startswith("差别电价（淘汰类）")
    assert rows[0]["from"] == date(AS_OF.year + (AS_OF.month == 12), AS_OF.month % 12 + 1, 1) and rows[0]["ground"]


def test_price_list_leaves_out_a_line_that_exited():
    cases = [yellow(name="甲公司", code=A, notice=date(2021, 3, 1))]
    exited = [item(name="甲公司", code=A, method="关停", grounds=("能耗",))]
    ys, _ = classify_yellow(cases, [], exited, AS_OF)
    assert ys[0].exit_items and price_list(ys, AS_OF) == []
    ys, _ = classify_yellow(cases, [], [], AS_OF)
    assert [r["enterprise"] for r in price_list(ys, AS_OF)] == ["甲公司"]


def test_price_list_takes_statuses_of_both_kinds():
    ys, _ = one([yellow(name="甲公司", notice=date(2021, 3, 1))], AS_OF, reds=[red(name="甲公司")])
    rs, _ = link_red([red(name="甲公司")], [])
    assert isinstance(ys[0], YellowStatus) and isinstance(rs[0], RedStatus)
    assert price_list([*ys, *rs], AS_OF) == []  # turned red: closed, no price


# ---- through intake: real cell references ------------------------------------------------------------

def test_cells_of_a_real_workbook(tmp_path, settings):
    head = ["序号", "企业名称", "统一社会信用代码", "县（市）区", "行业", "不达标类别", "存在问题", "整改通知日期",
            "整改期限", "延期至", "复查结果", "发布部门"]
    rows = [["市市场监管局黄牌企业名单"], head,
            [1, "宁夏甲水泥有限公司", A, "贺兰县", "水泥", "能耗", "能耗超限额", "2021-03-01", "", "2021-12-15", "", "市市场监管局"],
            [2, "宁夏乙铸造有限公司", B, "西夏区", "钢铁", "安全", "隐患", "2021-04-12", "2021-07-12", "2021-08-12", "未达标",
             "市应急管理局"]]
    inbox = tmp_path / "inbox"
    path = write_xlsx(inbox / "市市场监管局.xlsx", {"黄牌名单": rows})
    sub = read_submission(path, inbox, settings)
    assert len(sub.yellow) == 2, sub.problems
    statuses, problems = classify_yellow(sub.yellow, [], [], AS_OF)
    assert [s.status for s in statuses] == [OVERDUE, OVERDUE]
    assert [(p.code, p.cell) for p in problems] == [
        ("extension-too-long", "J3"), ("yellow-overdue", "I3"), ("extension-not-allowed", "J4"), ("yellow-overdue", "I4")]
    assert problems[0].message.startswith("市市场监管局.xlsx「黄牌名单」J3：宁夏甲水泥有限公司（能耗）的延期至 2021-12-15")
    assert "最晚 2021-12-01" in problems[0].message


