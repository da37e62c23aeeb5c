"""The division of labour in the 2021 task table: splitting department cells, assigning, deadlines."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from reportgen.config import MonthDay
from reportgen.models import WARNING, Source, Task
from reportgen.tally.tasks import (BY_DUTY, COUNTIES, GROUPS, Assignment, assign, group_kind, split_departments,
                             task_deadlines, tasks_of_group)
from reportgen.parse.values import clean_text
from tests.conftest import write_xlsx

COUNTY_GROUP = "各县（市）区人民政府"
DUTY = "相关部门按职责分工负责"
SAFETY = "其他负有安全生产监管职责的部门"
SAFETY9 = "其他负有安全生产监管管理职责的部门"
GXJ, FGW, ZFJ = "银川市工业和信息化局", "银川市发展改革委", "银川市综合执法局"
YJJ, SCJ, HBJ = "银川市应急管理局", "银川市市场监管局", "银川市生态环境局"
CZJ, RSJ = "银川市财政局", "银川市人社局"

# Every 牵头部门 and 参与部门 cell of /work/shared/seed/2021-task-table.txt, verbatim with its line breaks
# (pdftotext leaves a blank line between the lines of a cell), and the names each must split into.
# Column decisions where the seed's layout is ambiguous: one lead per ground task (1, 3, 6, 8 工信局;
# 2, 9 应急管理局; 5 财政局; 7 发改委 beside 工信局 on one line); 工信局 and 发改委 lead the coordination tasks
# 10–14 (task 10: "工信、发改要履行牵头职责"; task 11: "工信、发改牵头"); 4 is led by a group phrase.
SEED_CELLS = [
    # (task, leads cell, partners cell, leads names, partners names)
    (1, "银川市工业和信息化局", "银川市综合执法局\n\n银川市发展改革委\n\n各县（市）区人民政府",
     [GXJ], [ZFJ, FGW, COUNTY_GROUP]),
    (2, "银川市应急管理局", "其他负有安全生产监管职\n\n责的部门\n\n各县（市）区人民政府",
     [YJJ], [SAFETY, COUNTY_GROUP]),
    (3, "银川市工业和信息化局",
     "银川市发展改革委\n\n银川市市场监管局\n\n相关部门按职责分工负责\n\n各县（市）区人民政府",
     [GXJ], [FGW, SCJ, DUTY, COUNTY_GROUP]),
    (4, "相关部门按职责\n\n分工分别负责", "各县（市）区人民政府",
     ["相关部门按职责分工分别负责"], [COUNTY_GROUP]),
    (5, "银川市财政局", "银川市工业和信息化局\n\n银川市发展改革委\n\n银川市人社局等部门",
     [CZJ], [GXJ, FGW, RSJ]),
    (6, "银川市工业和信息化局", "银川市发展改革委\n\n银川市生态环境局\n\n银川市市场监管局",
     [GXJ], [FGW, HBJ, SCJ]),
    (7, "银川市发展改革委", "银川市工业和信息化局", [FGW], [GXJ]),
    (8, "银川市工业和信息化局", "银川市发展改革委\n\n银川市综合执法局", [GXJ], [FGW, ZFJ]),
    (9, "银川市应急管理局", "其他负有安全生产监管管\n\n理职责的部门", [YJJ], [SAFETY9]),
    (10, "银川市工业和信息化局\n\n银川市发展改革委", "相关部门按职责分工负责", [GXJ, FGW], [DUTY]),
    (11, "银川市工业和信息化局\n\n银川市发展改革委", "各相关部门\n\n各县（市）区人民政府",
     [GXJ, FGW], ["各相关部门", COUNTY_GROUP]),
    (12, "银川市工业和信息化局\n\n银川市发展改革委",
     "银川市生态环境局\n\n银川市场监管局\n\n银川市应急管理局等部门",
     [GXJ, FGW], [HBJ, "银川市场监管局", YJJ]),
    (13, "银川市工业和信息化局\n\n银川市发展改革委",
     "银川市生态环境局\n\n银川市市场监管局\n\n银川市应急管理局等部门",
     [GXJ, FGW], [HBJ, SCJ, YJJ]),
    (14, "银川市工业和信息化局\n\n银川市发展改革委", "相关部门按职责分工负责", [GXJ, FGW], [DUTY]),
]

CONTENT = {
    1: "严格执行节约能源法，对达不到强制性能耗限额标准要求的产能，应在 6个月内整改；确需延长整\n"
       "改期限的，可提出不超过 3个月的延期申请；逾期未整改或经整改仍未达标的，依法关停退出。",
    2: "严格执行安全生产法，对安全生产条件达不到相关法律、行政法规和国家标准或行业标准要求的产业，"
       "立即停产停业整顿；经停产停业整顿仍不具备安全生产条件的，予以关闭；有关部门应当吊销其相关证照。",
    11: "5月底前，银川市工信、发改牵头，联合环保、质监、安监等部门，以水泥、有色金属、活性炭、\n"
        "制革等行业为重点，研究制定工作方案，明确年度重点任务、时间节点、工作措施和责任部门等，\n"
        "并组织实施。\n\n11月底前，各县（市）区、相关部门将当年水泥、有色金属、活性炭、制革等重点行业依法关闭退\n"
        "出的企业、设备及产能情况，函告银川市工信、发改，计入当年落后产能退出情况。",
}
TITLES = {1: "能耗方面", 2: "安全方面", 3: "技术方面", 4: "产能退出", 5: "加大资金扶持", 6: "加大技术扶持",
          7: "执行价格政策", 8: "严格执法监管", 9: "严格执法监管", 10: "完善工作机制", 11: "抓好工作落实",
          12: "加强监督检查", 13: "强化信息公开", 14: "做好宣传引导"}
COLUMNS = (("seq", 0), ("title", 1), ("content", 2), ("leads", 3), ("partners", 4))
FILE, SHEET = "任务分解表.xlsx", "任务分解"


def seed_tasks(line_breaks: bool = True) -> list[Task]:
    """The 14 seed tasks as intake gives them (line breaks become spaces) or verbatim."""
    out = []
    for number, leads, partners, _, _ in SEED_CELLS:
        if not line_breaks:
            leads, partners = clean_text(leads)[0], clean_text(partners)[0]
        out.append(Task(number, TITLES[number], CONTENT.get(number, "……"), leads, partners,
                        Source(FILE, SHEET, number + 2, COLUMNS)))
    return out


def by_short(assignments: list[Assignment]) -> dict[str, tuple[list[int], list[int]]]:
    return {a.department.short: ([t.number for t in a.leads], [t.number for t in a.joins]) for a in assignments}


# --- split_departments ---------------------------------------------------------------------------------

@pytest.mark.parametrize("number,leads,partners,lead_names,partner_names", SEED_CELLS,
                         ids=[f"task{c[0]}" for c in SEED_CELLS])
def test_split_every_seed_cell(number, leads, partners, lead_names, partner_names):
    assert split_departments(leads) == lead_names
    assert split_departments(partners) == partner_names
    # the same cells after intake, where a line break is an ordinary space
    assert split_departments(clean_text(leads)[0]) == lead_names
    assert split_departments(clean_text(partners)[0]) == partner_names


def test_every_group_phrase_of_the_seed_is_a_known_group():
    phrases = {n for c in SEED_CELLS for n in c[3] + c[4] if not n.startswith("银川市")}
    assert phrases == {COUNTY_GROUP, DUTY, "相关部门按职责分工分别负责", "各相关部门", SAFETY, SAFETY9}
    assert phrases <= set(GROUPS)
    assert group_kind(COUNTY_GROUP) == COUNTIES
    assert {group_kind(p) for p in phrases - {COUNTY_GROUP}} == {BY_DUTY}
    assert group_kind(GXJ) is None and group_kind("银川市科技局") is None
    assert group_kind("市直各有关单位") is None and group_kind("各有关单位") == BY_DUTY
    assert group_kind("各县区政府") == COUNTIES


@pytest.mark.parametrize("text,names", [
    ("银川市工业和信息化局、银川市发展改革委", [GXJ, FGW]),
    ("银川市工业和信息化局，银川市发展改革委；银川市财政局", [GXJ, FGW, CZJ]),
    ("银川市财政局银川市人社局", [CZJ, RSJ]),  # written together with no separator
    ("银川市财政局等", [CZJ]),
    ("银川市应急管理局等部门", [YJJ]),
    ("等部门", []),
    ("  \n\u3000 ", []),
    ("银川市财政局\n银川市财政局", [CZJ]),  # a repeat is dropped
    ("各县(市)区人民政府", [COUNTY_GROUP]),  # half-width brackets fold to the configured phrase
    ("银川市工业\n和信息化局", [GXJ]),  # a name broken over two lines
    ("银川市财政局相关部门按职责分工负责", [CZJ, DUTY]),
    ("其他负有安全\n生产监管职责的部门 银川市应急管理局", [SAFETY, YJJ]),
])
def test_split_separators_suffixes_and_broken_names(text, names):
    assert split_departments(text) == names


def test_split_keeps_an_unbroken_name_that_only_looks_incomplete_apart_from_a_new_name():
    # "银川市工信" does not end like a whole name, but the next piece starts a new one: no gluing
    assert split_departments("银川市工信\n银川市发展改革委") == ["银川市工信", FGW]


# every piece the seed cells split into, to build arbitrary cells from
PIECES = sorted({n for c in SEED_CELLS for n in c[3] + c[4]} | {CZJ, "银川市科技局", "各有关部门"})
BREAKS = st.lists(st.sampled_from([" ", "\n", "\r\n", "\u3000", "\n\n", "\t", "、", "，", " \n "]),
                  min_size=1, max_size=3).map("".join)


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6, unique=True), st.data())
def test_split_is_stable_under_any_separators(names, data):
    text = data.draw(BREAKS.filter(lambda b: "、" not in b and "，" not in b) | st.just("")) \
        + "".join(n + data.draw(BREAKS) for n in names)
    assert split_departments(text) == names


@hsettings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(GROUPS)), st.data())
def test_a_group_phrase_broken_anywhere_is_rejoined(phrase, data):
    cuts = data.draw(st.lists(st.integers(1, len(phrase) - 1), max_size=3, unique=True))
    broken = phrase
    for cut in sorted(cuts, reverse=True):
        broken = broken[:cut] + data.draw(st.sampled_from(["\n", " ", "\n\n", "\u3000"])) + broken[cut:]
    assert split_departments(f"{GXJ}\n{broken}\n{CZJ}") == [GXJ, phrase, CZJ]


@hsettings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("银川市局委部门各相关县（）区 \n、等政府按职责分工负责其他")), max_size=40))
def test_split_is_idempotent_and_drops_blanks(text):
    names = split_departments(text)
    assert all(n and not re.search(r"\s", n) for n in names)
    assert len(set(names)) == len(names)
    assert split_departments("\n".join(names)) == names


# --- assign --------------------------------------------------------------------------------------------

EXPECTED = {
    "市工信局": ([1, 3, 6, 8, 10, 11, 12, 13, 14], [5, 7]),
    "市发展改革委": ([7, 10, 11, 12, 13, 14], [1, 3, 5, 6, 8]),
    "市综合执法局": ([], [1, 8]),
    "市应急管理局": ([2, 9], [12, 13]),
    "市市场监管局": ([], [3, 6, 12, 13]),
    "市生态环境局": ([], [6, 12, 13]),
    "市财政局": ([5], []),
    "市人社局": ([], [5]),
}


@pytest.mark.parametrize("line_breaks", [True, False], ids=["verbatim", "after-intake"])
def test_assign_on_the_seed(settings, line_breaks):
    tasks = seed_tasks(line_breaks)
    assignments, groups, problems = assign(list(reversed(tasks)), settings)  # order of input does not matter
    assert problems == []
    assert by_short(assignments) == EXPECTED
    # in configured order, and the full configured records
    assert [a.department for a in assignments] == [d for d in settings.departments if d.short in EXPECTED]
    assert groups == [COUNTY_GROUP, SAFETY, DUTY, "相关部门按职责分工分别负责", SAFETY9, "各相关部门"]
    led, joined = tasks_of_group(tasks, COUNTY_GROUP)
    assert led == () and [t.number for t in joined] == [1, 2, 3, 4, 11]
    led, joined = tasks_of_group(tasks, "相关部门按职责分工分别负责")
    assert [t.number for t in led] == [4] and joined == ()


def test_the_typo_of_the_seed_is_the_market_bureau(settings):
    found = settings.find_submitter("银川市场监管局")
    assert found is not None and found.short == "市市场监管局"
    for name in {n for c in SEED_CELLS for n in c[3] + c[4]} - set(GROUPS):
        sub = settings.find_submitter(name)
        assert sub is not None and sub.kind == "department", name


def test_unknown_department_is_one_warning_naming_its_cell(settings):
    tasks = seed_tasks(False)
    tasks[5] = replace(tasks[5], partners=tasks[5].partners + " 银川市科技局等部门")  # task 6, row 8
    assignments, _, problems = assign(tasks, settings)
    assert len(problems) == 1
    p = problems[0]
    assert (p.severity, p.code, p.file, p.sheet, p.row, p.cell, p.value) == \
        (WARNING, "task-department-unknown", FILE, SHEET, 8, "E8", "银川市科技局")
    assert "任务分解表.xlsx「任务分解」E8" in p.message and "银川市科技局" in p.message and "参与部门" in p.message
    assert "[[departments]]" in p.hint and "reportgen.toml" in p.hint
    assert by_short(assignments) == EXPECTED  # the known departments are unaffected


def test_unknown_lead_without_column_positions_names_the_row(settings):
    task = Task(3, "x", "y", "银川市科技局", "", Source(FILE, SHEET, 5))
    _, _, problems = assign([task], settings)
    assert [(p.cell, p.row) for p in problems] == [("", 5)]
    assert "第5行" in problems[0].message and "牵头部门" in problems[0].message


def test_lead_and_partner_in_one_task_counts_as_lead_once(settings):
    src = Source(FILE, SHEET, 3, COLUMNS)
    tasks = [Task(2, "x", "y", f"{FGW}\n银川市发改委", f"{FGW}\n{CZJ}\n银川市财政局", src),
             Task(1, "x", "y", CZJ, "", src)]
    result = by_short(assign(tasks, settings)[0])
    assert result == {"市发展改革委": ([2], []), "市财政局": ([1], [2])}


def test_a_county_named_by_itself_is_no_department(settings):
    src = Source(FILE, SHEET, 3, COLUMNS)
    assignments, groups, problems = assign([Task(1, "x", "y", GXJ, "贺兰县人民政府", src)], settings)
    assert by_short(assignments) == {"市工信局": ([1], [])}
    assert groups == ["贺兰县"] and problems == []


def test_assign_reads_the_table_through_intake(tmp_path, settings):
    from reportgen.parse.intake import read_submission

    header = ["序号", "主要任务", "主要内容", "牵头部门（负责部门）", "参与部门"]
    rows = [["2021年银川市利用综合标准依法依规推动落后产能退出工作任务分解表"], header]
    rows += [[n, TITLES[n], CONTENT.get(n, "……"), leads, partners] for n, leads, partners, _, _ in SEED_CELLS]
    inbox = tmp_path / "inbox"
    path = write_xlsx(inbox / FILE, {SHEET: rows})
    sub = read_submission(path, inbox, settings)
    assert len(sub.tasks) == 14
    assignments, _, problems = assign(sub.tasks, settings)
    assert problems == [] and by_short(assignments) == EXPECTED


# --- task_deadlines ------------------------------------------------------------------------------------

def test_deadlines_of_the_seed_tasks(settings):
    tasks = {t.number: t for t in seed_tasks()}
    assert task_deadlines(tasks[11], settings, 2021) == ["2021年5月31日", "2021年11月30日"]
    assert task_deadlines(tasks[1], settings, 2021) == ["整改期限6个月", "延期不超过3个月"]
    assert task_deadlines(tasks[2], settings, 2021) == []
    assert task_deadlines(tasks[11], settings, 2024) == ["2024年5月31日", "2024年11月30日"]


def test_deadlines_follow_the_configured_dates(settings):
    moved = replace(settings, deadlines=replace(settings.deadlines, plan=MonthDay(5, 20), report=MonthDay(11, 15)))
    task = seed_tasks()[10]
    assert task_deadlines(task, moved, 2021) == ["2021年5月20日", "2021年11月15日"]


@pytest.mark.parametrize("content,expected", [
    ("2月底前完成", ["2021年2月28日"]),
    ("十二月底前报送；6月15日前公告", ["2021年12月31日", "2021年6月15日"]),  # in the order written
    ("三 个 月内整改", ["整改期限3个月"]),
    ("2月30日前完成", []),  # no such day
    ("13月底前", []),
    ("", []),
])
def test_deadline_phrases(settings, content, expected):
    task = Task(1, "x", content, GXJ, "", Source(FILE, SHEET, 3))
    assert task_deadlines(task, settings, 2021) == expected


@hsettings(max_examples=100, deadline=None)
@given(st.integers(2000, 2100), st.integers(1, 12))
def test_month_end_is_the_last_day_of_that_month(settings, year, month):
    import calendar

    task = Task(1, "x", f"{month}月底前完成", GXJ, "", Source(FILE, SHEET, 3))
    plan, report = settings.deadline(year, "plan"), settings.deadline(year, "report")
    want = plan.day if month == plan.month else report.day if month == report.month \
        else calendar.monthrange(year, month)[1]
    assert task_deadlines(task, settings, year) == [f"{year}年{month}月{want}日"]
