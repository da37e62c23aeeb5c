"""letters_enforcement.py: which enforcement documents a tally yields, their wording, templates and golden texts."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from reportgen.documents import registry
from reportgen.documents import enforcement as le
from reportgen.documents.types import exceedance_list, price_letter, rectify_notice, red_list, yellow_list
from reportgen.tally.enforcement import classify_yellow, link_red, price_list
from reportgen.models import Exceedance, RedCase, Source, YellowCase
from tests.docs_helpers import sample_plan
from tests.test_documents import docx_text, item, make_tally

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
AS_OF = date(2021, 12, 6)
ENFORCEMENT = ("限期整改通知书", "黄牌名单公告", "红牌名单公告", "超标排放名单公告", "商请公布函", "差别价格函")


def plan_enforcement(tally, settings, as_of):
    return registry.plan_documents(tally, settings, as_of, only=ENFORCEMENT)


def enforcement_contexts(tally, settings, as_of):
    return {k: v for k, v in registry.template_contexts(tally, settings, as_of).items() if k in ENFORCEMENT}


def yellow(name="宁夏贺兰兴旺水泥有限公司", category="能耗", notice=date(2021, 9, 1), deadline=None, extended=None,
           review="", publisher="银川市市场监管局", uscc="", county="贺兰县", industry="水泥",
           issue="熟料单位产品综合能耗超过限额标准", row=5) -> YellowCase:
    return YellowCase(enterprise=name, uscc=uscc, county=county, industry=industry, category=category, issue=issue,
                      notice_date=notice, deadline=deadline, extended_to=extended, review=review, publisher=publisher,
                      source=Source("市直部门/市场监管局.xlsx", "黄牌名单", row), submitter="市市场监管局")


def red(name="宁夏永宁焦化厂", closed=date(2021, 11, 15), basis="银应急决〔2021〕12号", row=4) -> RedCase:
    return RedCase(enterprise=name, uscc="", county="永宁县", industry="焦炭", category="安全", closed_on=closed,
                   basis=basis, publisher="银川市应急管理局", source=Source("市直部门/应急局.xlsx", "红牌名单", row),
                   submitter="市应急管理局")


def exceed(name="宁夏华源焦化有限公司", serious=False, row=5) -> Exceedance:
    return Exceedance(enterprise=name, uscc="", county="西夏区", pollutant="二氧化硫", concentration=Decimal("186"),
                      limit=Decimal("50"), unit="mg/m³", measured_on=date(2021, 4, 12), serious=serious,
                      measures="责令改正", source=Source("市直部门/生态环境局.xlsx", "超标排放", row),
                      submitter="市生态环境局")


def enforcement_tally(settings, yellows=(), reds=(), exceedances=(), items=()):
    """A tally with its yellow/red statuses and price list computed the way tally.py does."""
    t = make_tally(items, settings=settings)
    statuses, _ = classify_yellow(yellows, reds, t.items, AS_OF)
    red_status, _ = link_red(reds, t.items)
    prices = price_list([*statuses, *red_status], AS_OF)
    return replace(t, yellow=tuple(yellows), red=tuple(reds), exceedances=tuple(exceedances),
                   yellow_status=tuple(statuses), red_status=tuple(red_status), price_list=tuple(prices))


CASES = dict(
    energy=yellow("甲水泥有限公司", "能耗", date(2021, 8, 31), uscc="91640122MA7A000010"),  # deadline 2022-02-28, in progress
    quality=yellow("乙建材有限公司", "质量", date(2021, 3, 1), review="未达标", publisher="银川市市场监管局"),  # overdue
    safety=yellow("丙焦化有限公司", "安全", AS_OF, publisher="市应急局"),  # immediate, noticed today
    extended=yellow("丁电石有限公司", "能耗", date(2021, 3, 10), extended=date(2021, 12, 10),
                    publisher="银川市工信局"),
    done=yellow("戊厂", "能耗", date(2021, 3, 1), review="达标"),
    red=yellow("宁夏永宁焦化厂", "安全", date(2021, 3, 1), deadline=date(2021, 4, 1), uscc=""),
)


@pytest.fixture()
def full(settings):
    items = [item("西夏区", "庚铝业", "有色金属", "2", method="关停", grounds=("技术",))]
    return enforcement_tally(settings, CASES.values(), [red()], [exceed(), exceed("辛皮革", True, 6)], items)


def _ctx(tally, settings, name):
    docs = plan_enforcement(tally, settings, AS_OF)
    return next(x.context for x in docs if x.filename == f"限期整改通知书-{name}.docx")


UNNOTICED = dict(
    energy=yellow("己水泥有限公司", "能耗", None, uscc="91640122MA7A000011", publisher="银川市工信局"),
    quality=yellow("庚建材有限公司", "质量", None, publisher="银川市市场监管局"),  # owned by 市场监管局: not ours
    tech=yellow("辛化工厂", "技术", None, publisher="市工信局"),
)


# ---------------------------------------------------------------- the plan

def test_only_cases_with_no_notice_yet_owned_by_the_lead_get_a_notice(full, settings):
    t = enforcement_tally(settings, [*CASES.values(), *UNNOTICED.values()])
    names = [x.filename for x in plan_enforcement(t, settings, AS_OF) if x.template == "限期整改通知书"]
    assert names == ["限期整改通知书-己水泥有限公司.docx", "限期整改通知书-辛化工厂.docx"]
    assert not [x for x in plan_enforcement(full, settings, AS_OF) if x.template == "限期整改通知书"]


def test_plan_without_lists_yields_no_list_documents(settings):
    t = enforcement_tally(settings, [CASES["done"]])
    assert plan_enforcement(t, settings, AS_OF) == []  # a rectified (已销号) case is off the public yellow list
    t = enforcement_tally(settings, [CASES["done"], CASES["energy"]])
    docs = [x for x in plan_enforcement(t, settings, AS_OF) if x.template == "黄牌名单公告"]
    assert [x.filename for x in docs] == ["黄牌名单公告-2021年.docx"]
    assert docs[0].context == yellow_list.yellow_context(t, settings, AS_OF, "")
    assert [r["enterprise"] for r in docs[0].context["rows"]] == ["甲水泥有限公司"]
    empty = enforcement_tally(settings)
    assert plan_enforcement(empty, settings, AS_OF) == []
    assert set(enforcement_contexts(empty, settings, AS_OF)) == set(ENFORCEMENT)


def test_plan_file_names_are_unique_and_safe(settings):
    t = enforcement_tally(settings, [yellow("A/B:厂", notice=None), yellow("A/B:厂", "技术", None, row=6),
                                     yellow("CON", notice=None)])
    names = [x.filename for x in plan_enforcement(t, settings, AS_OF)]
    assert names[:3] == ["限期整改通知书-A_B_厂.docx", "限期整改通知书-A_B_厂-2.docx", "限期整改通知书-CON.docx"]


# ---------------------------------------------------------------- the wording of a 限期整改通知书

def test_new_notice_is_dated_today_gives_six_months_and_cites_the_article(settings):
    t = enforcement_tally(settings, [UNNOTICED["energy"]])
    ctx = _ctx(t, settings, "己水泥有限公司")
    assert ctx["date"] == AS_OF and ctx["you"] == "你公司"
    assert ctx["deadline_text"] == ("请你公司自本通知书作出之日起6个月内，即于2022年6月6日前完成整改，"
                                    "使生产经营活动达到相应标准要求。")
    assert ctx["extension_text"] == ("确需延长整改期限的，应在2022年6月6日前向市工业和信息化局提出书面延期申请，说明理由；"
                                     "延期以一次为限，最长不超过3个月。")
    assert ctx["basis"] == "《中华人民共和国节约能源法》第十六条"
    assert ctx["facts"].startswith("经检查，你公司存在以下问题：熟料单位产品综合能耗超过限额标准。")
    assert ctx["issuer"]["name"] == "银川市工业和信息化局"
    assert ctx["docno"] == "＿＿＿＿〔2021〕  号"
    assert [r["k"] for r in ctx["receipt"]][:2] == ["送达文书", "受送达人"]
    assert ctx["receipt"][1]["v"] == "己水泥有限公司" and ctx["review_organ"] == "银川市人民政府"


def test_an_article_not_configured_is_a_visible_blank(settings):
    t = enforcement_tally(settings, [UNNOTICED["tech"]])
    ctx = _ctx(t, settings, "辛化工厂")
    assert ctx["basis"] == "《产业结构调整指导目录（2019年本）》第　　条" and ctx["you"] == "你厂"


def test_configured_number_and_contact(settings, tmp_path):
    from reportgen.config import load_settings

    cfg = tmp_path / "reportgen.toml"
    cfg.write_text('[documents]\ncontact = "张三"\nphone = "0951-1234567"\n'
                   '[documents.numbers]\n"限期整改通知书" = "银工信责改"\n'
                   '[documents.first_number]\n"限期整改通知书" = 3\n', encoding="utf-8")
    mine = load_settings(cfg)
    t = enforcement_tally(mine, [yellow("甲厂", notice=None), yellow("乙厂", "技术", None)])
    a, b = (x.context for x in plan_enforcement(t, mine, AS_OF)[:2])
    assert a["contact"] == "张三" and a["phone"] == "0951-1234567"
    assert (a["docno"], b["docno"]) == ("银工信责改〔2021〕3号", "银工信责改〔2021〕4号")


@hsettings(max_examples=40, deadline=None)
@given(category=st.sampled_from(["能耗", "技术", "能耗、技术", "安全"]))
def test_wording_reads_cleanly_for_any_case(settings, category):
    t = enforcement_tally(settings, [yellow(category=category, notice=None)])
    for st_ in t.yellow_status:
        ctx = rectify_notice.rectify_context(st_, settings, t, AS_OF, "")
        for key in ("facts", "deadline_text", "extension_text", "consequence_text"):
            text = ctx[key]
            assert text.endswith("。") and "None" not in text and "。。" not in text and "，。" not in text, text
            assert "你单位" not in text, text
        if "安全" in category:
            assert "不适用延期" in ctx["extension_text"]


# ---------------------------------------------------------------- the lists

def test_yellow_summary_counts_statuses_and_reads_for_one_case(full, settings):
    assert le.yellow_summary(list(full.yellow_status), AS_OF) == (
        "截至2021年12月6日，列入“黄牌”名单的企业共6家，其中整改中2家、已延期1家、逾期未整改1家、已达标销号1家、已转红牌1家。")
    one = enforcement_tally(settings, [CASES["energy"]])
    assert le.yellow_summary(list(one.yellow_status), AS_OF) == "截至2021年12月6日，列入“黄牌”名单的企业共1家，均为整改中。"
    two = enforcement_tally(settings, [CASES["energy"], yellow("甲水泥有限公司", "质量", date(2021, 8, 31), row=9)])
    assert le.yellow_summary(list(two.yellow_status), AS_OF) == \
        "截至2021年12月6日，列入“黄牌”名单的企业共1家、整改事项2项，均为整改中。"


def test_yellow_rows_show_deadline_and_status(full, settings):
    rows = {r["enterprise"]: r for r in yellow_list.yellow_context(full, settings, AS_OF, "")["rows"]}
    assert rows["丁电石有限公司"]["deadline"] == "2021年12月10日（已延期）" and rows["丁电石有限公司"]["status"] == "已延期"
    assert rows["甲水泥有限公司"]["deadline"] == "2022年2月28日"
    assert set(rows) == {"甲水泥有限公司", "丁电石有限公司"}  # 市工信局 publishes only the 能耗 cases it owns
    ctx = yellow_list.yellow_context(full, settings, AS_OF, "")
    assert ctx["issuer"]["name"] == "银川市工业和信息化局"
    asks = {d.to[0]: d.context for d in plan_enforcement(full, settings, AS_OF) if d.template == "商请公布函"}
    assert set(asks) == {"银川市市场监督管理局", "银川市应急管理局", "银川市生态环境局"}
    safety = {r["enterprise"]: r for r in asks["银川市应急管理局"]["yellow_rows"]}
    assert safety["丙焦化有限公司"]["deadline"] == "立即整改（2021年12月6日）"
    assert [r["enterprise"] for r in asks["银川市应急管理局"]["red_rows"]] == ["宁夏永宁焦化厂"]
    assert asks["银川市生态环境局"]["draft_title"] == "关于公布2021年超标排放企业名单的公告（代拟稿）"
    assert asks["银川市应急管理局"]["you"] == "贵局"


def test_red_exceedance_and_price_contexts(full, settings):
    red_ctx = red_list.red_context(full, settings, AS_OF, "", list(full.red_status))
    assert red_ctx["rows"] == [{"n": 1, "enterprise": "宁夏永宁焦化厂", "county": "永宁县", "industry": "焦炭",
                                "category": "安全", "closed_on": "2021年11月15日", "basis": "银应急决〔2021〕12号"}]
    assert red_ctx["summary"] == "截至2021年12月6日，经整改仍不达标、已依法关闭并列入“红牌”名单的企业共1家。"
    ex = exceedance_list.exceedance_context(full, settings, AS_OF, "")
    assert [r["enterprise"] for r in ex["rows"]] == ["宁夏华源焦化有限公司", "辛皮革"]
    assert [r["enterprise"] for r in ex["serious_rows"]] == ["辛皮革"]
    assert ex["rows"][0]["concentration"] == "186mg/m³" and ex["issuer"]["name"] == "银川市生态环境局"
    assert not [d for d in plan_enforcement(full, settings, AS_OF) if d.template in ("红牌名单公告", "超标排放名单公告")]
    assert ex["summary"] == "2021年，全市共发现超标排放企业2家，其中超标排放情节严重的1家。"
    price = price_letter.price_context(full, settings, AS_OF, "银工信函〔2021〕  号")
    assert price["addressee"] == "银川市发展和改革委员会"
    # 庚铝业's line is 关停 (exited): no price for it; the two 能耗 cases still produce
    assert [(r["enterprise"], r["price"]) for r in price["rows"]] == [
        ("甲水泥有限公司", "阶梯电价、超定额用水累进加价"), ("丁电石有限公司", "阶梯电价、超定额用水累进加价")]
    assert price["start"] == date(2022, 1, 1)
    assert price["summary"] == ("截至2021年12月6日，经汇总核查，仍在生产、须执行差别化能源资源价格的企业2家，"
                                "均为能耗（电耗）达不到强制性标准。已退出、已关闭或已整改达标的企业不在名单之内。")


# ---------------------------------------------------------------- templates: variables, conformance, hostile data

@pytest.fixture(scope="module")
def renderer():
    from reportgen.documents.render import Renderer

    return Renderer([TEMPLATES])


def test_template_variables_match_contexts_both_ways(full, settings, renderer):
    for name, ctx in enforcement_contexts(full, settings, AS_OF).items():
        assert renderer.check(name, set(ctx)) == [], name
    for doc in plan_enforcement(full, settings, AS_OF):
        assert renderer.check(doc.template, set(doc.context)) == [], doc.filename
    empty = enforcement_tally(settings)
    for name, ctx in enforcement_contexts(empty, settings, AS_OF).items():
        assert renderer.check(name, set(ctx)) == [], name
        text = docx_text(renderer.render(name, ctx))
        assert "{{" not in text and "序号 |" not in text, name  # empty lists render without an empty table


def test_rendered_documents_conform_to_gbt9704(full, settings, renderer):
    from reportgen.gbt9704.conformance import check_document

    seen = set()
    t = replace(full, yellow_status=full.yellow_status + enforcement_tally(settings, [UNNOTICED["energy"]]).yellow_status)
    for doc in plan_enforcement(t, settings, AS_OF):
        findings = check_document(renderer.render(doc.template, doc.context))
        assert [f.message for f in findings if f.severity == "error"] == [], doc.filename
        seen.add(doc.template)
    assert seen == set(ENFORCEMENT) - {"红牌名单公告", "超标排放名单公告"}  # owned by 应急管理局 and 生态环境局 here


def test_hostile_data_comes_out_literally(settings, renderer):
    nasty = "A&B<有限公司>{{ 7*7 }}{% if 1 %}x{% endif %}"
    t = enforcement_tally(settings, [yellow(nasty, notice=None, issue="<script>&{{ 1+1 }}")],
                          [red(nasty, basis="{{ x }}&<>")],
                          [exceed(nasty)])
    for doc in plan_enforcement(t, settings, AS_OF):
        text = docx_text(renderer.render(doc.template, doc.context))
        assert nasty in text, doc.filename
        assert "49" not in text
        if doc.template in ("限期整改通知书", "黄牌名单公告"):
            assert "<script>&{{ 1+1 }}" in text
        if doc.template == "红牌名单公告":
            assert "{{ x }}&<>" in text


# ---------------------------------------------------------------- samples/2021: golden texts

@pytest.fixture(scope="module")
def sample_docs():
    return sample_plan()


def test_sample_notices_go_to_cases_with_no_notice_yet(sample_docs):
    notices = sorted(n for n in sample_docs if n.startswith("限期整改通知书"))
    assert all(sample_docs[n].context["date"] == sample_docs[n].date for n in notices)
    assert notices == ["限期整改通知书-宁夏永宁县恒达硅业有限公司.docx"]  # found, not yet noticed, owned by 市工信局
