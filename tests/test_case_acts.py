"""The case's next act (documents.md §3) for yellow cases 我局 owns, chosen by the case's status as of --date."""
from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest

from reportgen.config import load_settings
from reportgen.documents.registry import plan_documents
from reportgen.documents.types.case_remind import NEAR_DAYS

ROOT = Path(__file__).resolve().parent.parent
XINDA = "宁夏西夏区鑫达电石有限公司"  # 能耗 (市工信局), extended to 2021-12-10
SHUANGYING = "宁夏贺兰县双赢建材有限公司"  # 安全 (市应急管理局), deadline 2021-12-06


@cache
def _plan(as_of: date, kind: str) -> dict:
    from reportgen.api import read_inbox
    from reportgen.tally.aggregate import tally

    settings = load_settings()
    subs = read_inbox(ROOT / "samples" / "2021" / "inbox", settings)
    return {d.filename: d for d in plan_documents(tally(subs, settings, 2021, as_of), settings, as_of, [kind])}


@pytest.mark.parametrize(("as_of", "expected"), [
    (date(2021, 12, 10) - timedelta(days=NEAR_DAYS + 1), []),  # not yet near
    (date(2021, 12, 10) - timedelta(days=NEAR_DAYS), [XINDA]),  # the first day of the window
    (date(2021, 12, 6), [XINDA]),  # 双赢 is due today too, but 市应急管理局 owns it
    (date(2021, 12, 10), [XINDA]),  # the last day
    (date(2021, 12, 11), []),  # overdue: the next act is the 提请关停 letter, not a reminder
])
def test_reminder_goes_to_our_cases_with_a_near_deadline(as_of, expected):
    docs = _plan(as_of, "整改督办函")
    assert list(docs) == [f"整改督办函-{n}.docx" for n in expected]
    for doc in docs.values():
        assert doc.to == (XINDA,) and doc.genre == "函" and doc.issuers == ("银川市工业和信息化局",)
        assert SHUANGYING not in str(doc.context)


def test_reminder_states_the_deadline_and_days_left():
    ctx = _plan(date(2021, 12, 6), "整改督办函")[f"整改督办函-{XINDA}.docx"].context
    assert ctx["deadline_text"] == "经批准延期，你公司的整改期限为2021年12月10日，距期限届满仅剩4日。"
    assert ctx["extension_text"] == "你公司的整改期限已延期一次，不再延期。"
    assert ctx["notice_text"].startswith("我局于2021年3月10日向你公司下达限期整改通知")


@pytest.mark.parametrize(("as_of", "expected"), [
    (date(2021, 12, 10), []),  # due today: still a reminder, not yet overdue
    (date(2021, 12, 11), ["西夏区"]),  # 鑫达 overdue; 华美 (质量) and 双赢 (安全) are other organs' cases
    (date(2021, 12, 20), ["西夏区"]),
])
def test_closure_request_goes_to_the_county_of_our_overdue_cases(as_of, expected):
    docs = _plan(as_of, "提请关停函")
    assert list(docs) == [f"提请关停函-{c}.docx" for c in expected]
    for doc in docs.values():
        assert doc.to == ("西夏区工业和信息化局",) and doc.cc == ("西夏区人民政府",) and doc.genre == "函"
        assert [line.split("（")[0] for line in doc.context["cases"]] == [XINDA]
        assert "经批准延期至2021年12月10日，至今无复查达标结果" in doc.context["cases"][0]
        assert doc.context["you"] == "你局"


def test_cancellation_notice_goes_to_our_rectified_cases_only():
    import dataclasses

    from reportgen.api import read_inbox
    from reportgen.tally.aggregate import tally
    from reportgen.tally.enforcement import RECTIFIED

    settings, as_of = load_settings(), date(2021, 12, 20)
    t = tally(read_inbox(ROOT / "samples" / "2021" / "inbox", settings), settings, 2021, as_of)
    assert not plan_documents(t, settings, as_of, ["销号通知"])  # the samples' rectified cases are 市应急管理局's
    passed = dataclasses.replace(t, yellow_status=tuple(
        dataclasses.replace(st, status=RECTIFIED, case=dataclasses.replace(st.case, review="达标"))
        if st.case.enterprise == XINDA else st for st in t.yellow_status))
    docs = plan_documents(passed, settings, as_of, ["销号通知", "提请关停函", "整改督办函"])
    assert [d.filename for d in docs] == [f"销号通知-{XINDA}.docx"]  # no longer overdue: no 提请关停
    assert docs[0].to == (XINDA,) and docs[0].context["notice_text"].startswith("我局于2021年3月10日责令你公司")
