"""documents.py: the prose generated from figures, the document plan and the contexts."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.docs_helpers import check_golden, sample_plan
from reportgen.documents import common, registry, text
from reportgen.documents import prose as d
from reportgen.documents.types import remind_letter
from reportgen.config import load_settings
from reportgen.errors import ConfigError, ReportgenError
from reportgen.models import (ERROR, Accounting, ExitItem, Source, SubmissionStatus, Tally,
                              Total, normalise_name)

AS_OF = date(2021, 12, 6)


def item(county="兴庆区", enterprise="银川市兴庆建材有限公司", industry="水泥", capacity="45", unit="万吨",
         method="拆除", quantity=1, equipment="水泥磨机", submitter=None, file=None, row=5, uscc="",
         completed=date(2021, 9, 30), grounds=("技术",), spec="Φ2.6×13m") -> ExitItem:
    submitter = submitter or county
    return ExitItem(county=county, enterprise=enterprise, uscc=uscc, industry=industry, equipment=equipment,
                    spec=spec, quantity=quantity, quantity_unit="台", capacity=Decimal(capacity), unit=unit,
                    method=method, grounds=tuple(grounds), completed=completed,
                    source=Source(file or f"{submitter}.xlsx", "退出明细", row), submitter=submitter)


def _totals(items, key):
    groups: dict = {}
    for it in items:
        groups.setdefault(key(it), []).append(it)
    return [(*k, Total(sum((i.capacity for i in g), Decimal(0)), k[-1], d.enterprise_count(g), len(g),
                       sum(i.quantity or 0 for i in g))) for k, g in groups.items()]


def make_tally(items=(), *, missing=(), problems=(), duplicates=(), other_year=(), submissions=None,
               settings=None) -> Tally:
    """A small tally computed the way tally.py does: totals by (county|method|ground, industry, unit)."""
    settings = settings or load_settings()
    items = tuple(items)
    order = {n: i for i, n in enumerate(settings.county_names())}
    ind = {x.name: i for i, x in enumerate(settings.industries)}
    items = tuple(sorted(items, key=lambda i: (order.get(i.county, 99), ind.get(i.industry, 99))))
    by_county = [(c, i, t) for c, i, _u, t in _totals(items, lambda x: (x.county, x.industry, x.unit))]
    by_industry = [(i, t) for i, _u, t in _totals(items, lambda x: (x.industry, x.unit))]
    by_method = [(m, i, t) for m, i, _u, t in _totals(items, lambda x: (x.method, x.industry, x.unit))]
    grounds = [replace(x, grounds=(g,)) for x in items for g in x.grounds]
    by_ground = [(g, i, t) for g, i, _u, t in _totals(grounds, lambda x: (x.grounds[0], x.industry, x.unit))]
    if submissions is None:
        senders = dict.fromkeys(i.submitter for i in items + tuple(k for k, _ in duplicates))
        submissions = [SubmissionStatus(s, f"{s}.xlsx", "used", fill_date=date(2021, 11, 25)) for s in senders]
    errors = sum(1 for p in problems if p.severity == ERROR)
    acc = Accounting(rows_read=len(items) + errors + len(duplicates) + len(other_year), counted=len(items),
                     rejected=errors, duplicate=len(duplicates), other_year=len(other_year))
    return Tally(year=2021, as_of=AS_OF, items=items, duplicates=tuple(duplicates), other_year=tuple(other_year),
                 yellow=(), red=(), exceedances=(), targets=(), by_county=tuple(by_county),
                 by_industry=tuple(by_industry), by_method=tuple(by_method), by_ground=tuple(by_ground),
                 submissions=tuple(submissions), missing=tuple(missing), problems=tuple(problems),
                 accounting=acc, enterprises=len({i.uscc or normalise_name(i.enterprise) for i in items}))


def realistic_items() -> list[ExitItem]:
    """12 enterprises, 18 pieces of equipment: 水泥45万吨、钢铁12万吨、活性炭3000吨 (the issue's example)."""
    rows = [item("兴庆区", f"兴庆水泥{n}厂", "水泥", "7.5", row=5 + n) for n in range(4)]  # 30万吨, 4 firms
    rows += [item("西夏区", "西夏建材有限公司", "水泥", "15", quantity=2, method="封存", row=6)]  # 15万吨
    rows += [item("贺兰县", f"贺兰钢铁{n}厂", "钢铁", "3", equipment="中频炉", spec="5t", quantity=2,
                  method="关停" if n == 0 else "拆除", grounds=("技术", "能耗"), row=5 + n) for n in range(4)]
    rows += [item("永宁县", f"永宁活性炭{n}厂", "活性炭", "750", unit="吨", equipment="炭化炉", spec="",
                  quantity=1, grounds=("环保",), row=5 + n) for n in range(3)]
    rows += [item("永宁县", "永宁活性炭0厂", "活性炭", "750", unit="吨", equipment="活化炉", spec="",
                  quantity=1, grounds=("环保",), row=9)]
    return rows


def sample_tally(settings) -> Tally:
    """12 enterprises in four counties, a rejected cell, a doubtful code, a duplicate, an other-year row."""
    from reportgen import problems

    bad = problems.make("number-unreadable", file="西夏区.xlsx", sheet="退出明细", row=8, cell="H8", value="—",
                        severity=ERROR, variant="capacity", column="退出产能", shown="—")
    warn = problems.make("uscc-check", file="西夏区.xlsx", sheet="退出明细", row=6, cell="D6", value="91640105X",
                         column="统一社会信用代码", shown="91640105X")
    kept = item("西夏区", "西夏建材有限公司", "水泥", "15", quantity=2, method="封存", row=6)
    dropped = replace(kept, submitter="市综合执法局", source=Source("综合执法局.xlsx", "Sheet1", 4))
    late = item("西夏区", "西夏老厂", completed=date(2020, 12, 20), row=9)
    return make_tally(realistic_items(), missing=("灵武市", "市生态环境局"), problems=(bad, warn),
                      duplicates=((dropped, kept),), other_year=(late,), settings=settings)


@pytest.fixture()
def tally(settings):
    return sample_tally(settings)


# ---------------------------------------------------------------- formatting helpers

@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("0.0001"), max_value=Decimal(10**9),
                   places=4))
def test_number_text_is_exact_and_plain(value):
    text = d.number_text(value)
    assert Decimal(text) == value
    assert "E" not in text and "e" not in text
    assert not (("." in text) and text.endswith("0"))


@pytest.mark.parametrize("value,expected", [("45.00", "45"), ("1E+2", "100"), ("0.0001", "0.0001"),
                                            ("3000", "3000"), ("12.50", "12.5")])
def test_number_text_examples(value, expected):
    assert d.number_text(Decimal(value)) == expected


def test_cn_list_and_dates():
    assert text.cn_list([]) == ""
    assert text.cn_list(["甲"]) == "甲"
    assert text.cn_list(["甲", "乙"]) == "甲和乙"
    assert text.cn_list(["甲", "乙", "丙"]) == "甲、乙和丙"
    assert text.date_cn(date(2021, 1, 5)) == "2021年1月5日"


def test_docno_blank_and_numbered():
    assert common.docno_text("银工信函", 2021, 0) == "银工信函〔2021〕  号"
    assert common.docno_text("银工信发", 2021, 12) == "银工信发〔2021〕12号"
    assert common.docno_text("", 2021, 3) == ""


# ---------------------------------------------------------------- prose

def _prose(t, settings) -> dict[str, list[str]]:
    from reportgen.documents.annual import sections

    return {x["heading"].split("、", 1)[1]: x["paragraphs"] for x in sections(t, settings)}


def test_report_totals_read_like_the_issue(tally, settings):
    done = _prose(tally, settings)["落后产能退出完成情况"]
    assert done[0] == ("2021年，全市共退出落后产能企业12家、生产线（设备）18台（套），退出产能水泥45万吨、钢铁12万吨、"
                       "活性炭3000吨（分县（市）区、分行业情况见附件1）。")
    assert done[1] == "从退出方式看，拆除11项、封存1项、关停1项。"
    assert done[2].startswith("以关停、封存方式退出、主体设备尚未拆除的2项涉及企业2家") and "附件2" in done[2]


def test_report_with_nothing_says_so_once(settings):
    prose = _prose(make_tally(), settings)
    assert prose["落后产能退出完成情况"] == ["截至2021年12月6日，2021年尚无报送并核实的落后产能退出项目。"]
    assert "各县（市）区退出情况" not in prose and "目标任务完成情况" not in prose


def test_report_counties_and_problems(tally, settings):
    prose = _prose(tally, settings)
    counties = prose["各县（市）区退出情况"][0]
    assert counties.startswith("兴庆区退出企业4家、项目4项；") and counties.endswith("金凤区本年度未报送退出项目。")
    assert "金凤区" not in prose["工作开展情况"][0]  # it sent nothing: not among those who reported
    assert prose["存在的问题"] == ["一是报送不及时，截至2021年12月6日，灵武市和市生态环境局尚未报送。",
                                "二是关停、封存的2项生产线（设备）主体设备尚未拆除，存在恢复生产的风险。"]
    assert "数据核查" not in str(prose) and ".xlsx" not in str(prose)  # no problem statistics, no file names


@given(st.lists(st.tuples(st.sampled_from(["兴庆区", "西夏区", "金凤区", "永宁县", "贺兰县", "灵武市"]),
                          st.sampled_from(["水泥", "钢铁", "活性炭", "铅蓄电池", "制革"]),
                          st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1000), places=2),
                          st.sampled_from(["拆除", "封存", "关停", "其他"])), max_size=12))
def test_prose_is_clean_chinese_for_any_data(rows):
    settings = load_settings()
    items = [item(c, f"企业{n}", i, str(cap), settings.industry(i).unit, m, row=n) for n, (c, i, cap, m) in
             enumerate(rows)]
    t = make_tally(items, settings=settings)
    prose = _prose(t, settings)
    for sentence in (x for paragraphs in prose.values() for x in paragraphs):
        assert sentence.endswith("。"), sentence
        assert "，，" not in sentence and "。。" not in sentence and "、、" not in sentence and "None" not in sentence
        assert "；。" not in sentence and "，。" not in sentence
    if items:
        total = prose["落后产能退出完成情况"][0]
        for ind, tot in t.by_industry:
            assert ind + d.capacity_text(tot.capacity, tot.unit) in total


def test_next_steps_become_numbered_run_in_headings():
    steps = d.next_steps(["持续跟踪。督促拆除。", "", "只有一句"])
    assert steps == [{"heading": "（一）持续跟踪。", "text": "督促拆除。"}, {"heading": "（二）", "text": "只有一句"}]


# ---------------------------------------------------------------- the plan and the contexts

def _plain(value) -> bool:
    if isinstance(value, (str, int, Decimal, date)) or value is None:
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def test_plan_names_every_document(tally, settings):
    docs = registry.plan_documents(tally, settings, AS_OF)
    pending = [("拆除督办函", f"拆除督办函-{c}.docx") for c in settings.county_names()  # counties with 关停/封存 lines
               if any(i.county == c and i.method in ("关停", "封存") for i in tally.items)]
    assert pending
    assert [(x.template, x.filename) for x in docs] == [
        ("催报函", "催报函-灵武市.docx"), ("催报函", "催报函-市生态环境局.docx"),
        ("核对函", "核对函-兴庆区.docx"), ("核对函", "核对函-西夏区.docx"), ("核对函", "核对函-永宁县.docx"),
        ("核对函", "核对函-贺兰县.docx"), ("核对函", "核对函-市综合执法局.docx"),
        ("公示", "公示-2021年落后产能退出企业名单.docx"), *pending, ("年度情况报告", "年度情况报告-2021年.docx"),
        ("报自治区", "报自治区-2021年落后产能退出工作情况.docx")]
    assert all(_plain(x.context) for x in docs)
    by = {x.template: x.context for x in docs}
    report, notice = by["年度情况报告"], by["公示"]
    assert report["docno"] == "银工信发〔2021〕  号" and notice["docno"] == ""
    assert report["addressee"] == "银川市人民政府" and report["cc"] == "自治区工业和信息化厅，自治区发展和改革委员会"
    assert [r["county"] for r in report["county_rows"]] == ["兴庆区", "西夏区", "永宁县", "贺兰县", "合计"]
    assert notice["notice_end"] == date(2021, 12, 12) and notice["hotline"] == common.BLANK
    assert [r["n"] for r in notice["rows"]] == list(range(1, 14))


def _section(ctx: dict, heading: str) -> dict:
    return next(x for x in ctx["sections"] if x["heading"].endswith(heading))


def test_check_letter_names_rejected_cells_duplicates_and_reply_date(tally, settings):
    docs = {x.filename: x.context for x in registry.plan_documents(tally, settings, AS_OF)}
    xixia = docs["核对函-西夏区.docx"]
    assert xixia["addressee"] == "西夏区工业和信息化局" and xixia["you"] == "你局"
    assert xixia["reply_by"] == date(2021, 12, 11)
    assert [x["heading"] for x in xixia["sections"]] == ["一、计入本年度的退出项目", "二、未计入的数据", "三、请核实的事项"]
    lost = _section(xixia, "未计入的数据")["paragraphs"]
    assert lost[0] == "（1）“西夏区.xlsx”“退出明细”工作表第8行的退出产能“—”不是数字，该行未能计入，请填写数字，如12.5。"
    assert lost[1] == "（2）“西夏区.xlsx”“退出明细”工作表第9行西夏老厂水泥磨机的完成时间为2020年12月20日，不在2021年内，未计入本年度。"
    assert len(lost) == 2  # the duplicate was the 综合执法局's row: 西夏区's own row counts
    doubt = _section(xixia, "请核实的事项")["paragraphs"]
    assert doubt == ["“西夏区.xlsx”“退出明细”工作表第6行的统一社会信用代码“91640105X”校验位不符，可能有填错的字符，请对照营业执照核对。"]
    counted = _section(xixia, "计入本年度的退出项目")["paragraphs"][0]
    assert counted.startswith("计入西夏区2021年落后产能退出的项目共1项，涉及企业1家、生产线（设备）2台（套），退出产能水泥15万吨")
    law = docs["核对函-市综合执法局.docx"]
    assert law["addressee"] == "银川市综合执法监督局" and law["you"] == "贵局"
    assert [x["heading"] for x in law["sections"]] == ["一、未计入的数据"]  # nothing counted: no section for it
    assert "西夏区也已报送，按西夏区的记录计入一次" in law["sections"][0]["paragraphs"][0]


def test_remind_letter_deadlines(tally, settings):
    docs = {x.filename: x.context for x in registry.plan_documents(tally, settings, AS_OF)}
    ctx = docs["催报函-灵武市.docx"]
    assert ctx["deadline"] == date(2021, 11, 30) and ctx["new_deadline"] == date(2021, 12, 13)
    assert ctx["state"] == "已超过报送截止时间"
    early = remind_letter.remind_context(tally, settings, date(2021, 11, 28), "", settings.find_county("灵武市"))
    assert early["new_deadline"] == date(2021, 12, 5) and early["state"] == "报送截止时间临近"


def test_numbers_from_configuration_run_per_prefix(tally, tmp_path):
    cfg = tmp_path / "reportgen.toml"
    cfg.write_text('[documents.first_number]\n"核对函" = 7\n"年度情况报告" = 3\n', encoding="utf-8")
    settings = load_settings(cfg)
    docs = registry.plan_documents(tally, settings, AS_OF)
    by = {x.template: x.context["docno"] for x in docs}
    assert (by["年度情况报告"], by["报自治区"]) == ("银工信发〔2021〕3号", "银工信发〔2021〕4号")  # one run per prefix
    letters = [x.context["docno"] for x in docs if x.template in ("核对函", "催报函")]
    # 催报函 and 核对函 share 银工信函: one run from the first start configured (the 催报函 come first, unnumbered)
    assert letters == ["银工信函〔2021〕  号"] * 2 + [f"银工信函〔2021〕{n}号" for n in range(7, 12)]
    assert next(x for x in docs if x.template == "公示").context["docno"] == ""  # 公示: no prefix, no number


def test_unknown_documents_key_is_a_configuration_error(tmp_path):
    cfg = tmp_path / "reportgen.toml"
    cfg.write_text('[documents.numbers]\n"通知" = "银工信发"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="documents.numbers.通知"):
        load_settings(cfg)


def test_file_names_are_unique_and_safe(settings):
    taken: set[str] = set()
    assert text.safe_filename("核对函-CON", taken) == "核对函-CON.docx"
    assert text.safe_filename("CON", taken) == "_CON.docx"
    assert text.safe_filename("核对函-a/b:c", taken) == "核对函-a_b_c.docx"
    assert text.safe_filename("核对函-a/b:c", taken) == "核对函-a_b_c-2.docx"


def test_write_documents_stays_in_the_output_folder(tmp_path):
    class Echo:
        def write_all(self, jobs):
            for name, context, path in jobs:
                path.write_bytes(f"{name}:{context['x']}".encode())

    out = tmp_path / "文书"
    paths = registry.write_documents([common.Document("核对函", "核对函-西夏区.docx", {"x": 1})], Echo(), out)
    assert paths == [out / "核对函-西夏区.docx"] and paths[0].read_bytes() == "核对函:1".encode()
    with pytest.raises(ReportgenError, match="不安全"):
        registry.write_documents([common.Document("核对函", "../逃出.docx", {"x": 1})], Echo(), out)
    assert not (tmp_path / "逃出.docx").exists()


# ---------------------------------------------------------------- the templates and rendering

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def docx_text(data: bytes) -> str:
    """The text of a .docx as the golden files hold it: one line per paragraph, one per table row."""
    import io

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = docx.Document(io.BytesIO(data))
    lines = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, doc).text)
        elif tag == "tbl":
            lines.extend(" | ".join(c.text for c in row.cells) for row in Table(block, doc).rows)
    return "\n".join(lines).rstrip("\n") + "\n"


@pytest.fixture(scope="module")
def renderer():
    from reportgen.documents.render import Renderer

    return Renderer([TEMPLATES])


def test_make_rebuilds_the_templates_byte_for_byte(tmp_path):
    import make_templates as make

    for path in make.build(tmp_path):
        assert path.read_bytes() == (TEMPLATES / path.name).read_bytes(), f"{path.name}: run python tools/make_templates.py"
    assert sorted(p.stem for p in tmp_path.glob("*.docx")) == sorted(registry.KINDS)


@pytest.mark.parametrize("name", registry.KINDS)
def test_every_tag_sits_in_one_run(name):
    import re
    import zipfile

    xml = zipfile.ZipFile(TEMPLATES / f"{name}.docx").read("word/document.xml").decode("utf-8")
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
    for piece in texts:
        assert piece.count("{{") == piece.count("}}") and piece.count("{%") == piece.count("%}"), piece
    assert sum(t.count("{{") for t in texts) > 5


def test_contexts_match_template_variables_both_ways(tally, settings, renderer):
    seen = set()
    for doc in registry.plan_documents(tally, settings, AS_OF):
        assert renderer.check(doc.template, set(doc.context)) == [], doc.filename
        seen.add(doc.template)
    assert seen == {"年度情况报告", "报自治区", "公示", "核对函", "催报函", "拆除督办函"}  # no yellow list, no targets
    contexts = registry.template_contexts(tally, settings, AS_OF)  # every type, as `reportgen templates` checks them
    assert set(contexts) == set(registry.KINDS) == set(renderer.names())
    for name, context in contexts.items():
        assert renderer.check(name, set(context)) == [], name


def test_rendered_documents_carry_the_figures(tally, settings, renderer):
    docs = {x.filename: x for x in registry.plan_documents(tally, settings, AS_OF)}
    text = {name: docx_text(renderer.render(x.template, x.context)) for name, x in docs.items()}
    report = text["年度情况报告-2021年.docx"]
    assert "全市共退出落后产能企业12家、生产线（设备）18台（套），退出产能水泥45万吨、钢铁12万吨、活性炭3000吨" in report
    assert "兴庆区 | 水泥30万吨 | 4 | 4 |" in report and "合计 | 水泥45万吨、钢铁12万吨、活性炭3000吨 | 12 |" in report
    assert "附件1" in report and "README" not in report and "读取数据" not in report
    assert "抄送：自治区工业和信息化厅，自治区发展和改革委员会。" in report
    assert "银川市工业和信息化局办公室\t2021年12月6日印发" in report
    assert "{{" not in report and "{%" not in report
    notice = text["公示-2021年落后产能退出企业名单.docx"]
    assert "9 | 永宁活性炭2厂 | 永宁县 | 炭化炉 | 750吨 | 拆除 | 2021年9月30日" in notice
    assert "公示期为7天（2021年12月6日至2021年12月12日）" in notice
    check = text["核对函-西夏区.docx"]
    assert "（1）“西夏区.xlsx”“退出明细”工作表第8行的退出产能“—”不是数字，该行未能计入，请填写数字，如12.5。" in check
    assert "请于2021年12月11日前核实上述情况" in check and "银工信函〔2021〕  号" in check
    remind = text["催报函-灵武市.docx"]
    assert "灵武市工业和信息化局：" in remind and "于2021年12月13日前" in remind and "应于2021年11月30日前" in remind


def test_hostile_data_comes_out_literally(settings, renderer):
    name = "A&B<有限公司>{{ 7*7 }}{% if 1 %}x{% endif %}\x07"
    t = make_tally([item(enterprise=name), item(enterprise="乙厂")], settings=settings)
    for doc in registry.plan_documents(t, settings, AS_OF):
        if doc.template in ("公示", "核对函"):
            text = docx_text(renderer.render(doc.template, doc.context))
            assert "A&B<有限公司>{{ 7*7 }}{% if 1 %}x{% endif %}" in text
            assert "49" not in text


def test_empty_year_renders_without_empty_tables(settings, renderer):
    t = make_tally(missing=tuple(s.short for s in settings.submitters if s.expected), settings=settings)
    docs = registry.plan_documents(t, settings, AS_OF)
    assert [x.template for x in docs].count("催报函") == 10 and "核对函" not in [x.template for x in docs]
    by = {x.template: x for x in docs}
    report = docx_text(renderer.render("年度情况报告", by["年度情况报告"].context))
    assert "2021年尚无报送并核实的落后产能退出项目。" in report
    assert "县（市）区 | 行业" not in report
    notice = docx_text(renderer.render("公示", by["公示"].context))
    assert "本年度无落后产能退出企业。" in notice and "序号 |" not in notice


def test_rendering_is_deterministic(tally, settings, renderer):
    doc = registry.plan_documents(tally, settings, AS_OF)[-1]
    assert renderer.render(doc.template, doc.context) == renderer.render(doc.template, dict(doc.context))


# ---------------------------------------------------------------- samples/2021: golden text and conformance

GOLDEN_DOCS = {"年度情况报告": "年度情况报告-2021年.docx", "公示": "公示-2021年落后产能退出企业名单.docx",
               "核对函": "核对函-市综合执法局.docx", "催报函": "催报函-灵武市.docx",
               "黄牌名单公告": "黄牌名单公告-2021年.docx", "商请公布函": "商请公布函-市市场监管局.docx",
               "差别价格函": "差别价格函-2021年.docx", "拆除督办函": "拆除督办函-贺兰县.docx",
               "资金与安置函": "资金与安置函-2021年.docx", "报自治区": "报自治区-2021年落后产能退出工作情况.docx",
               # published by 市工信局 only when it owns them (红牌: 安全, 超标排放: 环保 in samples/2021): the example
               "红牌名单公告": ("example", "红牌名单公告"), "超标排放名单公告": ("example", "超标排放名单公告"),
               "进度通报": "进度通报-2021年落后产能退出进度.docx", "约谈函": "约谈函-贺兰县.docx",
               "限期整改通知书": "限期整改通知书-宁夏永宁县恒达硅业有限公司.docx",
               "整改督办函": "整改督办函-宁夏西夏区鑫达电石有限公司.docx",
               "提请关停函": ("2021-12-20", "提请关停函-西夏区.docx"),
               "销号通知": ("example", "销号通知"),  # every sample case rectified is 市应急管理局's
               # before the plan deadline (5月31日)
               "工作方案请示": ("2021-05-20", "工作方案请示-2021年.docx"),
               # before the deadline
               "报送通知": ("2021-11-20", "报送通知-2021年落后产能退出情况.docx"),
               "任务落实函": ("2021-11-20", "任务落实函-市财政局.docx"),
               "提醒函": ("2021-11-20", "提醒函-2021年落后产能退出情况报送.docx"),
               # after the 名单核定日
               "公告": ("2021-12-20", "公告-2021年落后产能退出企业名单.docx")}


def golden_doc(kind: str, sample_docs: dict):
    entry = GOLDEN_DOCS[kind]
    if isinstance(entry, tuple) and entry[0] == "example":
        return _examples()[entry[1]]
    if isinstance(entry, tuple):
        return sample_plan(entry[0])[entry[1]]
    return sample_docs[entry]


def _examples() -> dict:
    """Each type's example Document over samples/2021 as of the golden date (as `reportgen templates` checks it)."""
    from reportgen.api import read_inbox
    from reportgen.tally.aggregate import tally as run

    settings, as_of = load_settings(), date(2021, 12, 6)
    root = Path(__file__).resolve().parent.parent / "samples" / "2021" / "inbox"
    t = run(read_inbox(root, settings), settings, 2021, as_of)
    return {k: common.Document(k, f"{k}.docx", v) for k, v in registry.template_contexts(t, settings, as_of).items()}


def test_every_registered_type_has_a_golden_text():
    assert set(GOLDEN_DOCS) == set(registry.KINDS)


@pytest.fixture(scope="module")
def sample_docs():
    return sample_plan()


def test_sample_plan(sample_docs):
    names = list(sample_docs)
    assert [n for n in names if n.startswith("催报函")] == ["催报函-灵武市.docx", "催报函-市市场监管局.docx"]
    assert [n for n in names if n.startswith("核对函")] == [
        "核对函-兴庆区.docx", "核对函-西夏区.docx", "核对函-金凤区.docx", "核对函-永宁县.docx", "核对函-贺兰县.docx",
        "核对函-市综合执法局.docx", "核对函-市应急管理局.docx", "核对函-市生态环境局.docx"]  # none to 市工信局 itself
    assert sample_docs["催报函-灵武市.docx"].context["received_text"].startswith(
        "你局发来的“灵武市情况说明.docx”已收悉。说明中未附")  # a letter answered as a letter, not "请另存为.xlsx"


@pytest.mark.parametrize("kind", list(GOLDEN_DOCS))
def test_golden_text(kind, sample_docs, renderer):
    doc = golden_doc(kind, sample_docs)
    check_golden(kind, docx_text(renderer.render(doc.template, doc.context)))


@pytest.mark.parametrize("kind", list(GOLDEN_DOCS))
def test_rendered_documents_conform_to_gbt9704(kind, sample_docs, renderer):
    from reportgen.gbt9704.conformance import check_document

    doc = golden_doc(kind, sample_docs)
    findings = check_document(renderer.render(doc.template, doc.context))
    assert [f for f in findings if f.severity == "error"] == []
