"""Who sent a file (填报单位, file name, rows' 县（市）区) and which of a submitter's files is used, and why."""
from __future__ import annotations

import os
from datetime import date

from reportgen.api import read_inbox
from reportgen.tally.aggregate import tally
from tests.conftest import write_xlsx
from tests.test_intake import HEADER, row, top

AS_OF = date(2021, 12, 1)


def inbox_of(tmp_path, files: dict[str, list[list]], mtimes: dict[str, float] | None = None):
    inbox = tmp_path / "inbox"
    for name, rows in files.items():
        path = write_xlsx(inbox / name, {"S": rows})
        if mtimes and name in mtimes:
            os.utime(path, (mtimes[name], mtimes[name]))
    return inbox


def problems(t, code):
    return [p for p in t.problems if p.code == code]


def test_copy_of_the_neighbours_form_never_replaces_the_neighbours_report(tmp_path, settings):
    inbox = inbox_of(tmp_path, {
        "贺兰县2021年落后产能退出情况.xlsx": top() + [HEADER, row(1)],
        # 永宁县 filled 贺兰县's form: the stale 填报单位 still says 贺兰县, its file name and rows say 永宁县
        "永宁县2021年落后产能退出情况.xlsx": top() + [HEADER, row(1, county="永宁县", name="宁夏永宁某铁合金厂",
                                                            uscc="", industry="铁合金", equip="矿热炉")],
    })
    t = tally(read_inbox(inbox, settings), settings, 2021, AS_OF)
    assert {s.file: (s.submitter, s.status) for s in t.submissions if s.file} == {
        "贺兰县2021年落后产能退出情况.xlsx": ("贺兰县", "used"), "永宁县2021年落后产能退出情况.xlsx": ("永宁县", "used")}
    assert sorted(i.county for i in t.items) == ["永宁县", "贺兰县"]
    assert "贺兰县" not in t.missing and "永宁县" not in t.missing
    (p,) = problems(t, "submitter-conflict")
    assert p.is_error and p.file == "永宁县2021年落后产能退出情况.xlsx"
    for words in ("贺兰县工业和信息化局", "文件名「永宁县2021年落后产能退出情况.xlsx」指向永宁县", "各行的县（市）区是永宁县",
                  "暂按永宁县计入", "不替代"):
        assert words in p.message, words
    assert not problems(t, "file-superseded")


def test_disagreeing_name_and_cell_without_rows_leave_the_sender_unknown(tmp_path, settings):
    inbox = inbox_of(tmp_path, {"永宁县报表.xlsx": top() + [HEADER, row(1, county="")]})
    (sub,) = read_inbox(inbox, settings)
    assert sub.submitter is None and sub.conflict and sub.rejected == 1 and not sub.items
    codes = [p.code for p in sub.problems]
    assert "submitter-conflict" in codes and "submitter-unidentified" not in codes
    assert "无法确定报送单位" in next(p.message for p in sub.problems if p.code == "submitter-conflict")


def test_department_writing_a_county_in_its_file_name_agrees(tmp_path, settings):
    inbox = inbox_of(tmp_path, {"贺兰县某水泥厂关停情况.xlsx": [["填报单位：银川市应急管理局"], HEADER, row(1)]})
    (sub,) = read_inbox(inbox, settings)
    assert sub.submitter == "市应急管理局" and not sub.conflict
    assert "submitter-conflict" not in [p.code for p in sub.problems]


def test_a_county_bureau_is_its_county_not_the_city_bureau(tmp_path, settings):
    inbox = inbox_of(tmp_path, {
        "市工信局.xlsx": [["填报单位：银川市工业和信息化局"], HEADER, row(1, county="兴庆区")],
        "灵武市.xlsx": [["填报单位：灵武市工业和信息化局"], HEADER, row(1, county="", name="灵武某厂", uscc="")],
    })
    t = tally(read_inbox(inbox, settings), settings, 2021, AS_OF)
    assert {s.file: (s.submitter, s.status) for s in t.submissions if s.file} == {
        "市工信局.xlsx": ("市工信局", "used"), "灵武市.xlsx": ("灵武市", "used")}
    assert "灵武市" not in t.missing


def test_corrected_file_without_fill_date_wins_by_modification_time(tmp_path, settings):
    old, new = "贺兰县2021年落后产能退出情况.xlsx", "贺兰县2021年落后产能退出情况（更正）.xlsx"
    inbox = inbox_of(tmp_path, {old: top() + [HEADER, row(1, cap=5)],
                                new: top(when="") + [HEADER, row(1, cap=6)]},
                     mtimes={old: 1_600_000_000, new: 1_600_086_400})
    t = tally(read_inbox(inbox, settings), settings, 2021, AS_OF)
    assert [i.capacity for i in t.items] == [6]
    (p,) = problems(t, "file-superseded")
    assert p.file == old and new in p.message and "没有填报日期" in p.message and "修改时间" in p.message
    assert "更新" not in p.message


def test_later_fill_date_wins_and_the_message_gives_both_dates(tmp_path, settings):
    a, b = "贺兰县-甲.xlsx", "贺兰县-乙.xlsx"
    inbox = inbox_of(tmp_path, {a: top(when="填报日期：2021年11月25日") + [HEADER, row(1, cap=5)],
                                b: top(when="填报日期：2021年11月20日") + [HEADER, row(1, cap=6)]},
                     mtimes={a: 1_600_000_000, b: 1_700_000_000})
    t = tally(read_inbox(inbox, settings), settings, 2021, AS_OF)
    assert [i.capacity for i in t.items] == [5]
    (p,) = problems(t, "file-superseded")
    assert p.file == b and "2021年11月25日，晚于本文件的2021年11月20日" in p.message


def test_a_true_tie_is_an_error_asking_to_remove_one(tmp_path, settings):
    a, b = "贺兰县-甲.xlsx", "贺兰县-乙.xlsx"
    inbox = inbox_of(tmp_path, {a: top() + [HEADER, row(1, cap=5)], b: top() + [HEADER, row(1, cap=6)]},
                     mtimes={a: 1_600_000_000, b: 1_600_000_000})
    t = tally(read_inbox(inbox, settings), settings, 2021, AS_OF)
    (p,) = problems(t, "resubmission-tie")
    assert p.is_error and p.file == b and a in p.message and "移出收件箱" in p.hint  # 甲 sorts after 乙
    assert len(t.items) == 1
