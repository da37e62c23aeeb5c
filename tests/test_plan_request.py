"""工作方案请示: made from the 目标任务 before the plan deadline, asking one thing, the targets as 附件."""
from __future__ import annotations

from decimal import Decimal

from reportgen.config import load_settings
from reportgen.documents.types.plan_request import target_groups
from tests.docs_helpers import sample_plan


def _request(as_of: str):
    return [d for d in sample_plan(as_of).values() if d.template == "工作方案请示"]


def test_one_request_up_to_the_plan_deadline_and_none_after():
    assert len(_request("2021-05-31")) == 1
    assert _request("2021-06-01") == [] and _request("2021-12-06") == []


def test_request_goes_jointly_to_the_city_government_with_the_targets_attached():
    settings = load_settings()
    doc = _request("2021-05-20")[0]
    assert doc.genre == "请示" and doc.to == ("银川市人民政府",)
    assert doc.issuers == (settings.lead.name, settings.partner.name)
    assert doc.attachments == ("2021年落后产能退出目标任务表",)
    assert doc.title == "关于审定2021年落后产能退出工作方案的请示"


def test_targets_are_summed_by_county_and_industry_in_the_industry_unit():
    doc = _request("2021-05-20")[0]
    rows = doc.context["target_rows"]
    assert len(rows) == 23  # every 目标任务 row counted in samples/2021
    groups = {(c, i): (u, v) for c, i, u, v in target_groups(_tally(), load_settings())}
    assert groups[("西夏区", "铁合金")] == ("万吨", Decimal(5))  # 50000吨 given, stated in 万吨
    assert groups[("兴庆区", "水泥")] == ("万吨", Decimal("34.8"))
    assert "兴庆区：水泥34.8万吨、钢铁10万吨。" in doc.context["county_lines"]
    assert "水泥162.8万吨" in doc.context["overview"]
    assert len(doc.context["named_lines"]) == 9


def _tally():
    from datetime import date
    from pathlib import Path

    from reportgen.api import read_inbox
    from reportgen.tally.aggregate import tally

    settings = load_settings()
    root = Path(__file__).resolve().parent.parent / "samples" / "2021" / "inbox"
    return tally(read_inbox(root, settings), settings, 2021, date(2021, 5, 20))


def test_report_notice_opens_the_collection_to_every_county_department_only_before_the_deadline():
    settings = load_settings()
    notices = [d for d in sample_plan("2021-11-20").values() if d.template == "报送通知"]
    assert len(notices) == 1 and notices[0].genre == "通知"
    assert len(notices[0].to) == len(settings.counties) and all(n.endswith("工业和信息化局") for n in notices[0].to)
    assert notices[0].attachments == ("2021年落后产能退出情况报送表",)
    assert notices[0].context["deadline"].isoformat() == "2021-11-30"
    assert not [d for d in sample_plan("2021-12-01").values() if d.template == "报送通知"]
