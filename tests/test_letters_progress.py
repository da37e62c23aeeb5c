"""letters_progress.py: 进度通报, 约谈通知, 任务分工通知 and the year-end report's additions."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings
from hypothesis import strategies as st

from reportgen.documents import common
from reportgen.documents import registry
from reportgen.documents.types import annual_report, bulletin, summon_letter as summon
from reportgen.documents import progress as lp
from reportgen.documents.annual import sections
from reportgen.config import load_settings
from reportgen.models import Exceedance, RedCase, Source, SubmissionStatus, Target, Task, YellowCase
from reportgen.tally.progress import compute_progress
from tests.docs_helpers import sample_plan
from tests.test_documents import docx_text, item, make_tally

AS_OF = date(2021, 12, 6)
PROGRESS = ("进度通报", "约谈函", "任务落实函")


def plan_progress(tally, settings, as_of):
    return registry.plan_documents(tally, settings, as_of, only=PROGRESS)


def progress_contexts(tally, settings, as_of):
    return {k: v for k, v in registry.template_contexts(tally, settings, as_of).items() if k in PROGRESS}
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def target(county, capacity, industry="水泥", unit="万吨", enterprise="", equipment="", row=3) -> Target:
    return Target(county, industry, Decimal(capacity), unit, enterprise, equipment, Source("目标任务.xlsx", "目标任务", row))


def planned(items, targets, *, sent=None, settings=None, as_of=AS_OF):
    """A tally with targets and the progress computed from them (as the lead stores it in Tally.progress)."""
    settings = settings or load_settings()
    t = make_tally(items, settings=settings)
    sent = {i.county for i in items} if sent is None else set(sent)
    subs = tuple(SubmissionStatus(c, f"{c}.xlsx", "used") for c in sent)
    progress, _ = compute_progress(targets, t.items, settings, as_of, sent, 2021)
    return replace(t, targets=tuple(targets), submissions=subs, progress=tuple(progress))


@pytest.fixture()
def slow(settings):
    """兴庆区 90% (正常), 西夏区 exactly 30% (通报), 贺兰县 29.99% (约谈), 灵武市 a target and no submission."""
    items = [item("兴庆区", capacity="9"), item("西夏区", capacity="3", enterprise="西夏建材"),
             item("贺兰县", capacity="2.999", enterprise="贺兰建材")]
    targets = [target("兴庆区", "10"), target("西夏区", "10"), target("贺兰县", "10"),
               target("灵武市", "5", enterprise="灵武瑞丰建材有限公司", equipment="机立窑")]
    return planned(items, targets, settings=settings)


def test_plan_yields_one_bulletin_and_a_summons_per_county_below_the_summon_line(slow, settings):
    docs = plan_progress(slow, settings, AS_OF)
    assert [(x.template, x.filename) for x in docs] == [
        ("进度通报", "进度通报-2021年落后产能退出进度.docx"), ("约谈函", "约谈函-贺兰县.docx")]  # 灵武市 never reported
    assert docs[0].context["docno"] == "银工信发〔2021〕  号" and docs[1].context["docno"] == "银工信函〔2021〕  号"
    assert plan_progress(slow, settings, date(2021, 11, 30)) == []  # the deadline has not passed: no 通报, no 约谈


def test_bulletin_and_summons_go_to_the_county_department_copied_to_its_government(slow, settings):
    bulletin_doc, helan = plan_progress(slow, settings, AS_OF)
    assert bulletin_doc.context["addressee"] == "各县（市）区工业和信息化主管部门"
    assert bulletin_doc.to[0] == "兴庆区工业和信息化局" and "贺兰县人民政府" in bulletin_doc.cc
    assert "银川市人民政府" in bulletin_doc.cc and bulletin_doc.issuers == ("银川市工业和信息化局",)
    assert helan.genre == "函" and helan.to == ("贺兰县工业和信息化局",) and helan.cc == ("贺兰县人民政府",)
    assert helan.title == "关于约谈贺兰县落后产能退出工作的函"


def test_a_coordinating_office_writes_to_the_county_governments(slow, tmp_path):
    cfg = tmp_path / "reportgen.toml"
    cfg.write_text('[organs.office]\nname = "银川市落后产能退出工作领导小组办公室"\nshort = "市领导小组办公室"\n'
                   '[[counties]]\nname = "贺兰县"\ndepartment = "贺兰县经济发展局"\n'
                   '[[counties]]\nname = "灵武市"\n[[counties]]\nname = "兴庆区"\n', encoding="utf-8")
    mine = load_settings(cfg)
    bulletin_doc, helan = plan_progress(slow, mine, AS_OF)
    assert bulletin_doc.issuers == ("银川市落后产能退出工作领导小组办公室",)
    assert bulletin_doc.context["addressee"] == "各县（市）区人民政府" and bulletin_doc.context["sealed_by"]
    assert helan.genre == "通知" and helan.to == ("贺兰县人民政府",) and helan.title.endswith("的通知")


def test_a_county_department_with_another_name_is_addressed_by_it(slow, tmp_path):
    cfg = tmp_path / "reportgen.toml"
    cfg.write_text('[[counties]]\nname = "贺兰县"\ndepartment = "贺兰县经济发展局"\n'
                   '[[counties]]\nname = "灵武市"\n[[counties]]\nname = "兴庆区"\n', encoding="utf-8")
    _bulletin, helan = plan_progress(slow, load_settings(cfg), AS_OF)
    assert helan.to == ("贺兰县经济发展局",) and helan.context["addressee"] == "贺兰县经济发展局"


def test_no_targets_no_bulletin(settings):
    t = make_tally([item()], settings=settings)
    assert plan_progress(t, settings, AS_OF) == []
    assert not any(x["heading"].endswith("目标任务完成情况") for x in sections(t, settings))


def test_thresholds_at_the_boundary_name_the_right_counties(slow, settings):
    ctx = bulletin.bulletin_context(slow, settings, AS_OF, "")
    # exactly 30% is not below the 约谈 line: 通报; 29.99% is below it: 约谈
    assert ctx["summon_text"].startswith("贺兰县（水泥完成29.99%）、灵武市（未报送）完成率低于30%，进展严重滞后")
    assert ctx["notify_text"] == "西夏区（水泥完成30.00%）完成率低于60%，进展较慢，予以通报。"
    assert ctx["normal_text"] == "兴庆区完成率达到60%及以上，进展正常。"
    assert ctx["late_text"] == "灵武市有年度目标任务，但尚未报送落后产能退出情况。"
    assert ctx["missing_text"] == "目标任务中点名的灵武市灵武瑞丰建材有限公司（机立窑，水泥）尚未报送退出。"  # one: inline
    assert ctx["missing_items"] == []
    rows = {r["county"]: r for r in ctx["rows"]}
    assert rows["贺兰县"] == {"county": "贺兰县", "industry": "水泥", "target": "10万吨", "done": "2.999万吨",
                           "ratio": "29.99%", "level": "约谈"}
    assert rows["灵武市"]["level"] == "约谈（未报送）" and rows["灵武市"]["done"] == "未报送"
    assert rows["金凤区"] == {"county": "金凤区", "industry": "—", "target": "—", "done": "—", "ratio": "—",
                           "level": "无目标任务"}
    assert [r["county"] for r in ctx["rows"]] == list(settings.county_names())
    assert ctx["summary"] == "截至2021年12月6日，全市2021年落后产能退出目标任务完成情况为：水泥目标35万吨、已完成14.999万吨（完成率42.85%）。"


def test_bulletin_deadline_is_the_report_deadline_until_it_passes(slow, settings):
    assert bulletin.bulletin_context(slow, settings, date(2021, 10, 8), "")["deadline"] == date(2021, 11, 30)
    assert bulletin.bulletin_context(slow, settings, date(2021, 11, 30), "")["deadline"] == date(2021, 11, 30)
    assert bulletin.bulletin_context(slow, settings, AS_OF, "")["deadline"] == date(2021, 12, 13)


def test_summons_name_the_county_figures_and_the_settings(slow, tmp_path):
    cfg = tmp_path / "reportgen.toml"
    cfg.write_text('[summon]\ntime = "2021年12月10日上午9时"\nplace = "市工业和信息化局三楼会议室"\n', encoding="utf-8")
    settings = load_settings(cfg)
    helan = summon.summon_context(slow, settings, AS_OF, "", settings.find_county("贺兰县"))
    assert helan["addressee"] == "贺兰县工业和信息化局" and helan["time"] == "2021年12月10日上午9时"
    assert helan["figures_text"] == ("截至2021年12月6日，贺兰县2021年落后产能退出目标任务中，水泥目标10万吨、已完成2.999万吨，"
                                     "完成率29.99%。其中水泥完成率低于30%的约谈标准，进展严重滞后。")
    lingwu = summon.summon_context(slow, load_settings(), AS_OF, "", settings.find_county("灵武市"))
    assert "尚未报送退出情况，进展严重滞后" in lingwu["figures_text"] and "按0计" not in lingwu["figures_text"]
    assert lingwu["time"] == "　　月　　日　　时" and lingwu["place"] == common.BLANK * 2  # blanks to fill by hand
    assert lingwu["missing_text"] == "3. 目标任务中点名、尚未报送退出的灵武瑞丰建材有限公司（机立窑，水泥）的情况说明。"


def test_a_target_in_another_unit_is_compared_converted(settings):
    t = planned([item("兴庆区", capacity="3")], [target("兴庆区", "50000", unit="吨")], settings=settings)
    row = bulletin.bulletin_context(t, settings, AS_OF, "")["rows"][0]
    assert (row["target"], row["done"], row["ratio"], row["level"]) == ("5万吨", "3万吨", "60.00%", "正常")


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["兴庆区", "西夏区", "金凤区", "永宁县", "贺兰县", "灵武市"]),
                          st.integers(0, 2000), st.integers(1, 1000)), min_size=1, max_size=6,
                unique_by=lambda r: r[0]))
def test_every_county_with_a_target_lands_in_exactly_one_group(rows):
    settings = load_settings()
    items = [item(c, enterprise=f"{c}厂", capacity=str(Decimal(done) / 100)) for c, done, _ in rows if done]
    targets = [target(c, str(tgt)) for c, _, tgt in rows]
    t = planned(items, targets, sent={c for c, _, _ in rows}, settings=settings)
    ctx = bulletin.bulletin_context(t, settings, AS_OF, "")
    texts = [ctx["summon_text"], ctx["notify_text"], ctx["normal_text"]]
    for county, done, tgt in rows:
        assert sum(county in text for text in texts) == 1
        ratio = Decimal(done) / 100 / tgt
        group = 0 if ratio < Decimal("0.3") else 1 if ratio < Decimal("0.6") else 2
        if abs(ratio - Decimal("0.3")) > Decimal("0.00005") and abs(ratio - Decimal("0.6")) > Decimal("0.00005"):
            assert county in texts[group], (county, ratio, texts)
        shown = next(r["ratio"] for r in ctx["rows"] if r["county"] == county)
        assert abs(Decimal(shown.rstrip("%")) / 100 - ratio) <= Decimal("0.00005")  # exact to 0.01%


# ---------------------------------------------------------------- 任务分工通知

def task(number, title, content, leads, partners) -> Task:
    return Task(number, title, content, leads, partners, Source("任务分解表.xlsx", "任务分解", number + 3))


TASKS = (task(1, "能耗方面", "对达不到强制性能耗限额标准要求的产能，应在 6个月内整改；确需延长整\n改期限的，可提出不超过 3个月的延期申请。",
              "银川市工业和信息化局", "银川市综合执法局\n银川市发展改革委\n各县（市）区人民政府"),
         task(5, "加大资金扶持", "对符合条件的企业职工安置、转产转型等予以支持。", "银川市财政局",
              "银川市工业和信息化局\n银川市发展改革委\n银川市人社局等部门"),
         task(11, "抓好工作落实", "5月底前，研究制定工作方案。\n11月底前，各县（市）区、相关部门函告。",
              "银川市工业和信息化局\n银川市发展改革委", "各相关部门\n各县（市）区人民政府"))


def test_one_task_letter_per_peer_department_before_the_deadline(settings):
    t = replace(make_tally(settings=settings), tasks=TASKS)
    assert plan_progress(t, settings, AS_OF) == []  # after the deadline nobody is asked to report by it
    docs = plan_progress(t, settings, date(2021, 11, 1))
    assert [x.filename for x in docs] == ["任务落实函-市综合执法局.docx", "任务落实函-市财政局.docx",
                                          "任务落实函-市人社局.docx"]  # not the co-lead 市发展改革委, not 市工信局
    finance = docs[1]
    assert finance.genre == "函" and finance.to == ("银川市财政局",) and finance.cc == ()
    ctx = finance.context
    assert ctx["addressee"] == "银川市财政局" and ctx["you"] == "贵局"
    assert ctx["summary"].startswith("按照任务分解表，贵局牵头负责1项任务。") and ctx["joined"] == []
    assert (ctx["led_heading"], ctx["joined_heading"], ctx["ask_heading"]) == ("一、牵头负责的任务", "", "二、有关要求")
    assert ctx["led"][0]["others"] and ctx["led"][0]["heading"].startswith("（一）")


def test_cjk_text_drops_breaks_inside_chinese_only():
    assert lp.cjk_text("应在 6个月内整\n改 ，PM 2.5 达标") == "应在6个月内整改，PM 2.5达标"


# ---------------------------------------------------------------- the year-end report's additions

def _yellow(name, category, review="", notice=date(2021, 3, 1), row=3):
    return YellowCase(name, "", "贺兰县", "水泥", category, "能耗超标", notice, None, None, review, "市工信局",
                      Source("黄牌.xlsx", "黄牌名单", row), "市工信局")


def test_report_counts_yellow_red_and_exceedances(settings):
    from reportgen.tally.enforcement import classify_yellow, link_red

    reds = [RedCase("乙厂", "", "贺兰县", "水泥", "安全", date(2021, 5, 1), "银应急〔2021〕3号", "市应急管理局",
                    Source("红牌.xlsx", "红牌名单", 3), "市应急管理局")]
    yellows = [_yellow("甲厂", "能耗", row=3), _yellow("乙厂", "安全", row=4), _yellow("丙厂", "质量", "达标", row=5),
               _yellow("丁厂", "能耗", notice=date(2021, 10, 1), row=6)]
    statuses, _ = classify_yellow(yellows, reds, [], AS_OF)
    red_status, _ = link_red(reds, [])
    ex = [Exceedance("戊厂", "", "西夏区", "颗粒物", Decimal(50), Decimal(30), "mg/m³", date(2021, 6, 1), serious,
                     "限产", Source("超标.xlsx", "超标排放", 3 + n), "市生态环境局") for n, serious in enumerate((True, False))]
    t = replace(make_tally(settings=settings), yellow_status=tuple(statuses), red_status=tuple(red_status),
                exceedances=tuple(ex))
    lists = next(x["paragraphs"] for x in sections(t, settings) if "超标排放" in x["heading"])
    assert lists[0] == ("全市列入“黄牌”名单（限期整改）的企业4家，其中已整改达标销号1项，经整改仍不达标转入“红牌”1项，"
                        "正在整改1项，逾期未整改1项。逾期未整改的，由发布部门依法处理，符合条件的依法关停退出并列入“红牌”名单。")
    assert lists[1] == "列入“红牌”名单（依法关闭）的企业1家，其退出项目尚未报送，我局已函请所在县（市）区核实补报。"
    assert lists[2] == "生态环境部门报送超标排放记录2条、涉及企业1家，其中情节严重的1家。"


def test_report_for_an_empty_year_has_no_list_section(settings):
    assert not any("超标排放" in x["heading"] for x in sections(make_tally(settings=settings), settings))


def test_report_names_the_slow_counties_by_industry_and_only_plans_the_summons(slow, settings):
    text = "".join(next(x["paragraphs"] for x in sections(replace(slow, missing=("灵武市",)), settings)
                        if x["heading"].endswith("目标任务完成情况")))
    assert "贺兰县（水泥完成29.99%" in text and "灵武市（尚未报送退出情况）" in text and "拟约谈" in text
    assert "西夏区（水泥完成30.00%" in text and "拟予通报" in text
    assert "已予约谈" not in text and "已予通报" not in text


# ---------------------------------------------------------------- templates: variables, rendering, conformance

@pytest.fixture(scope="module")
def renderer():
    from reportgen.documents.render import Renderer

    return Renderer([TEMPLATES])


def _all_docs(tally, settings):
    t = replace(tally, tasks=TASKS)
    return plan_progress(t, settings, AS_OF) + plan_progress(t, settings, date(2021, 11, 1)) + \
        [common.Document("年度情况报告", "r.docx", annual_report.report_context(t, settings, AS_OF, "银工信发〔2021〕  号"))]


def test_contexts_match_template_variables_both_ways(slow, settings, renderer):
    docs = _all_docs(slow, settings)
    assert {x.template for x in docs} == {*PROGRESS, "年度情况报告"}
    for doc in docs:
        assert renderer.check(doc.template, set(doc.context)) == [], doc.filename
    for name, ctx in progress_contexts(make_tally(settings=settings), settings, AS_OF).items():
        assert renderer.check(name, set(ctx)) == [], name


def test_rendered_documents_conform_and_carry_the_figures(slow, settings, renderer):
    from reportgen.gbt9704.conformance import check_document

    for doc in _all_docs(slow, settings):
        data = renderer.render(doc.template, doc.context)
        assert [f for f in check_document(data) if f.severity == "error"] == [], doc.filename
        text = docx_text(data)
        assert "{{" not in text and "{%" not in text
        if doc.template == "进度通报":
            assert "贺兰县 | 水泥 | 10万吨 | 2.999万吨 | 29.99% | 约谈" in text
            assert "目标任务中点名的灵武市灵武瑞丰建材有限公司（机立窑，水泥）尚未报送退出。" in text
            assert "2021年12月13日前" in text
        if doc.template == "年度情况报告":
            assert "目标任务完成情况" in text and "西夏区 | 水泥 | 10万吨 | 3万吨 | 30.00% | 通报" in text


def test_a_year_without_problems_says_so(settings, renderer):
    t = planned([item("兴庆区", capacity="9")], [target("兴庆区", "9")], settings=settings)
    text = docx_text(renderer.render("进度通报", bulletin.bulletin_context(t, settings, AS_OF, "")))
    assert "各县（市）区均按进度推进，未发现进展滞后的情况。" in text and "兴庆区完成率达到60%及以上" in text


# ---------------------------------------------------------------- samples/2021: golden text

@pytest.fixture(scope="module")
def sample_docs():
    return sample_plan()


def test_sample_plan(sample_docs):
    names = list(sample_docs)
    assert [n for n in names if n.startswith("约谈")] == ["约谈函-贺兰县.docx"]  # 灵武市 is reminded first
    assert "进度通报-2021年落后产能退出进度.docx" in names
    assert not [n for n in names if n.startswith("任务落实函")]  # sent with the 报送通知, before the deadline
