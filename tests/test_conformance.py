"""The GB/T 9704 checker: a conforming sample passes, each violation is found with a Chinese message."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.docs_helpers import FS, HEI, KAI, SONG, XBS, add_table, find_para, para, rpr, sample
from reportgen.gbt9704 import checks
from reportgen.gbt9704 import docx_model as C
from reportgen.gbt9704.conformance import RULES, Finding, check_document, check_template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def rules(findings: list[Finding], severity: str | None = None) -> set[str]:
    return {f.rule for f in findings if severity in (None, f.severity)}


def set_text(p, text: str) -> None:
    ts = list(p.iter(qn("w:t")))
    ts[0].text = text
    for t in ts[1:]:
        t.text = ""


def set_attr(p, path: str, **values) -> None:
    el = p.xpath(path)[0]
    for k, v in values.items():
        el.set(qn(f"w:{k}"), v)


def run_font(p, font: str) -> None:
    for rf in p.iter(qn("w:rFonts")):
        rf.set(qn("w:eastAsia"), font)


def run_size(p, half_points: int) -> None:
    for sz in p.iter(qn("w:sz")):
        sz.set(qn("w:val"), str(half_points))


def add_rpr(p, xml: str) -> None:
    for r in p.iter(qn("w:rPr")):
        r.insert(1, parse_xml(f'<w:x {nsdecls("w")}>{xml}</w:x>')[0])


def footer_p(doc, even: bool = False):
    sec = doc.sections[0]
    return (sec.even_page_footer if even else sec.footer).paragraphs[0]._p


def test_conforming_samples_pass_with_and_without_kind():
    for kind in ("文件", "信函"):
        assert check_document(sample(kind)) == []
        assert check_document(sample(kind), kind) == []


def test_every_rule_has_a_chinese_title():
    assert all(re.search(r"[\u4e00-\u9fff]", t) for t in RULES.values())
    assert re.fullmatch(r"[a-z-]+", "".join(RULES))


def _page(doc):
    doc.sections[0].page_width = Mm(215.9)


def _margin(doc):
    doc.sections[0].top_margin = Mm(25.4)


def _gutter(doc):
    doc.sections[0].gutter = Mm(10)


def _footer_dist(doc):
    doc.sections[0].footer_distance = Mm(7)


def _no_even_odd(doc):
    el = doc.settings.element.find(qn("w:evenAndOddHeaders"))
    el.getparent().remove(el)


def _odd_centred(doc):
    footer_p(doc).find(qn("w:pPr")).find(qn("w:jc")).set(qn("w:val"), "center")


def _even_no_indent(doc):
    footer_p(doc, even=True).find(qn("w:pPr")).find(qn("w:ind")).set(qn("w:left"), "0")


def _hyphen_number(doc):
    for t in footer_p(doc).iter(qn("w:t")):
        t.text = t.text.replace("—", "-")


def _number_font(doc):
    run_font(footer_p(doc), FS)


def _no_page_field(doc):
    p = footer_p(doc)
    for r in list(p.iter(qn("w:r")))[1:6]:
        p.remove(r)


def _body_font(doc):
    run_font(find_para(doc, "2021年，"), SONG)


def _body_size(doc):
    run_size(find_para(doc, "2021年，"), 30)


def _no_indent(doc):
    p = find_para(doc, "2021年，")
    p.pPr.remove(p.pPr.find(qn("w:ind")))


def _line_1_5(doc):
    set_attr(find_para(doc, "2021年，"), "w:pPr/w:spacing", line="360", lineRule="auto")


def _line_560(doc):
    set_attr(find_para(doc, "2021年，"), "w:pPr/w:spacing", line="560")


def _space_after(doc):
    set_attr(find_para(doc, "2021年，"), "w:pPr/w:spacing", after="200")


def _bold_body(doc):
    add_rpr(find_para(doc, "2021年，"), "<w:b/>")


def _bold_heading(doc):
    add_rpr(find_para(doc, "一、"), "<w:b/>")


def _title_bold(doc):
    add_rpr(find_para(doc, "关于2021年"), "<w:b/>")


def _title_size(doc):
    run_size(find_para(doc, "关于2021年"), 36)


def _title_font(doc):
    run_font(find_para(doc, "关于2021年"), HEI)


def _title_left(doc):
    set_attr(find_para(doc, "关于2021年"), "w:pPr/w:jc", val="left")


def _title_one_blank(doc):
    blank = find_para(doc, "关于2021年").getprevious()
    blank.getparent().remove(blank)


def _addressee_indented(doc):
    find_para(doc, "市人民政府").pPr.append(parse_xml(f'<w:ind {nsdecls("w")} w:firstLine="640"/>'))


def _h1_fangsong(doc):
    run_font(find_para(doc, "一、"), FS)


def _h2_hei(doc):
    run_font(find_para(doc, "（一）"), HEI)


def _h3_kai(doc):
    run_font(find_para(doc, "1. "), KAI)


def _mark_black(doc):
    for c in find_para(doc, "银川市工业和信息化局文件").iter(qn("w:color")):
        c.set(qn("w:val"), "000000")


def _mark_font(doc):
    run_font(find_para(doc, "银川市工业和信息化局文件"), HEI)


def _mark_left(doc):
    set_attr(find_para(doc, "银川市工业和信息化局文件"), "w:pPr/w:jc", val="left")


def _docno(text):
    return lambda doc: set_text(find_para(doc, "银工信"), text)


def _no_red_line(doc):
    p = find_para(doc, "银工信发")
    p.pPr.remove(p.pPr.find(qn("w:pBdr")))


def _short_red_line(doc):
    find_para(doc, "银工信发").pPr.append(parse_xml(f'<w:ind {nsdecls("w")} w:left="170" w:right="170"/>'))


def _letter_single_line(doc):
    set_attr(find_para(doc, "银川市工业和信息化局"), "w:pPr/w:pBdr/w:bottom", val="single")


def _letter_no_title_pg(doc):
    sp = doc.sections[0]._sectPr
    sp.remove(sp.find(qn("w:titlePg")))


def _letter_first_footer_number(doc):
    doc.sections[0].first_page_footer.paragraphs[0]._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _letter_printed(doc):
    para(doc, "银川市工业和信息化局办公室\t2021年11月30日印发", ppr='<w:ind w:left="280"/>', run=rpr(FS, 28))


def _letter_no_bottom_rule(doc):
    p = find_para(doc, "（此件").getnext()
    p.getparent().remove(p)


def _date(text):
    return lambda doc: set_text(find_para(doc, "2021年11月30日"), text)


def _date_left(doc):
    set_attr(find_para(doc, "2021年11月30日"), "w:pPr/w:jc", val="left")


def _red_body(doc):
    add_rpr(find_para(doc, "2021年，"), '<w:color w:val="FF0000"/>')


def _blue_heading(doc):
    add_rpr(find_para(doc, "一、"), '<w:color w:val="0070C0"/>')


def _wide_table(doc):
    add_table(doc, [["甲", "乙"], ["1", "2"]], [5000, 4500])


def _table_no_header(doc):
    add_table(doc, [["甲", "乙"], ["1", "2"]], [4000, 4000], header=False)


def _theme_run(doc):
    find_para(doc, "2021年，").find(qn("w:r")).find(qn("w:rPr")).find(qn("w:rFonts")).set(
        qn("w:eastAsiaTheme"), "minorEastAsia")


def _no_east_asian(doc):
    for rf in doc.styles.element.iter(qn("w:rFonts")):
        del rf.attrib[qn("w:eastAsia")]
    rf = find_para(doc, "2021年，").find(qn("w:r")).find(qn("w:rPr")).find(qn("w:rFonts"))
    del rf.attrib[qn("w:eastAsia")]


def _tag(doc):
    set_text(find_para(doc, "2021年，"), "全市共退出{{ total }}家。")


def _note(text):
    return lambda doc: set_text(find_para(doc, "附件：1."), text)


def _label_no_break(doc):
    p = find_para(doc, "附件1").getprevious()
    p.remove(p.find(qn("w:r")))


def _label_font(doc):
    run_font(find_para(doc, "附件1"), FS)


def _cc(text):
    return lambda doc: set_text(find_para(doc, "抄送"), text)


def _cc_size(doc):
    run_size(find_para(doc, "抄送"), 32)


def _cc_red_rule(doc):
    set_attr(find_para(doc, "抄送"), "w:pPr/w:pBdr/w:top", color="FF0000")


def _printed_date(doc):
    set_text(find_para(doc, "银川市工业和信息化局办公室"), "银川市工业和信息化局办公室\t2021年09月30日印发")


def _open_note(doc):
    set_text(find_para(doc, "（此件"), "（此件公开发布")


CASES = [
    ("文件", _page, "page-size", "error"), ("文件", _margin, "margins", "error"),
    ("文件", _margin, "type-area", "error"), ("文件", _gutter, "gutter", "error"),
    ("文件", _footer_dist, "footer-distance", "warning"), ("文件", _no_even_odd, "footer-even", "error"),
    ("文件", _odd_centred, "footer-odd", "error"), ("文件", _even_no_indent, "footer-even", "error"),
    ("文件", _hyphen_number, "page-number", "error"), ("文件", _number_font, "page-number", "error"),
    ("文件", _no_page_field, "footer-odd", "error"), ("文件", _body_font, "body-font", "error"),
    ("文件", _body_size, "body-font", "error"), ("文件", _no_indent, "body-indent", "error"),
    ("文件", _line_1_5, "line-spacing", "error"), ("文件", _line_560, "line-spacing", "warning"),
    ("文件", _space_after, "paragraph-spacing", "error"), ("文件", _bold_body, "bold", "error"),
    ("文件", _bold_heading, "bold", "warning"), ("文件", _title_bold, "title-font", "error"),
    ("文件", _title_size, "title-font", "error"), ("文件", _title_font, "title-font", "error"),
    ("文件", _title_left, "title-font", "error"), ("文件", _title_one_blank, "title-position", "warning"),
    ("文件", _addressee_indented, "addressee", "warning"), ("文件", _h1_fangsong, "heading-font", "error"),
    ("文件", _h2_hei, "heading-font", "error"), ("文件", _h3_kai, "heading-font", "error"),
    ("文件", _mark_black, "issuer-mark", "error"), ("文件", _mark_font, "issuer-mark", "error"),
    ("文件", _mark_left, "issuer-mark", "error"), ("文件", _docno("银工信发[2021]5号"), "docno-form", "error"),
    ("文件", _docno("银工信发〔2021〕05号"), "docno-form", "error"),
    ("文件", _docno("银工信发〔2021〕第5号"), "docno-form", "error"),
    ("文件", _docno("银工信发〔21〕5号"), "docno-form", "error"),
    ("文件", _no_red_line, "red-line", "error"), ("文件", _short_red_line, "red-line", "error"),
    ("信函", _letter_single_line, "red-line", "error"), ("信函", _letter_no_title_pg, "first-page-number", "error"),
    ("信函", _letter_first_footer_number, "first-page-number", "error"),
    ("信函", _letter_printed, "letter-colophon", "error"), ("信函", _letter_no_bottom_rule, "red-line", "warning"),
    ("文件", _date("2021年09月30日"), "date-form", "error"), ("文件", _date("二〇二一年九月三十日"), "date-form", "error"),
    ("文件", _date("2021年2月30日"), "date-form", "error"), ("文件", _date_left, "date-form", "error"),
    ("文件", _red_body, "red-only-marks", "error"), ("文件", _blue_heading, "red-only-marks", "error"),
    ("文件", _wide_table, "table-width", "error"), ("文件", _table_no_header, "table-header", "error"),
    ("文件", _theme_run, "theme-font", "error"), ("文件", _theme_run, "east-asian-font", "error"),
    ("文件", _no_east_asian, "east-asian-font", "error"), ("文件", _tag, "unrendered-tag", "error"),
    ("文件", _note("附件：1. 退出企业名单。"), "attachment-note", "error"),
    ("文件", _note("附件:退出企业名单"), "attachment-note", "error"),
    ("文件", _label_no_break, "attachment-label", "error"), ("文件", _label_font, "attachment-label", "error"),
    ("文件", _cc("抄送：自治区工业和信息化厅"), "colophon", "error"), ("文件", _cc_size, "colophon", "error"),
    ("文件", _cc_red_rule, "colophon-rules", "error"), ("文件", _printed_date, "colophon", "error"),
    ("文件", _open_note, "note-form", "error"),
]


@pytest.mark.parametrize("kind, mutate, rule, severity", CASES,
                         ids=[f"{c[2]}-{c[1].__name__.strip('_') or 'lambda'}-{i}" for i, c in enumerate(CASES)])
def test_each_violation_is_found(kind, mutate, rule, severity):
    doc = sample(kind)
    mutate(doc)
    found = [f for f in check_document(doc, kind) if f.rule == rule]
    assert found, f"{rule} not reported"
    assert severity in {f.severity for f in found}
    for f in found:
        assert f.rule in RULES and f.severity in ("error", "warning")
        assert re.search(r"[\u4e00-\u9fff]", f.message) and f.where


def test_messages_name_place_and_value():
    doc = sample()
    _date("2021年09月30日")(doc)
    _body_font(doc)
    found = {f.rule: f for f in check_document(doc)}
    assert "2021年09月30日" in found["date-form"].message and "不补0" in found["date-form"].message
    assert found["body-font"].where.startswith("第") and "「2021年，" in found["body-font"].where
    assert "宋体" in found["body-font"].message and "仿宋" in found["body-font"].message


def test_blank_document_number_and_grid_spacing_are_accepted():
    doc = sample()
    _docno("银工信发〔2021〕   号")(doc)
    # line spacing given by the document grid instead of an exact value
    set_attr(find_para(doc, "2021年，"), "w:pPr/w:spacing", line="240", lineRule="auto")
    assert check_document(doc) == []


def test_tags_are_allowed_in_templates_only(tmp_path):
    doc = sample()
    _tag(doc)
    _date("{{ date|cn_date }}")(doc)
    _docno("{{ docno }}")(doc)
    path = tmp_path / "t.docx"
    doc.save(str(path))
    assert check_template(path) == []
    assert rules(check_document(path)) == {"unrendered-tag", "docno-form"}


def test_sources_path_bytes_and_broken_files(tmp_path):
    path = tmp_path / "ok.docx"
    sample().save(str(path))
    assert check_document(path) == [] and check_document(path.read_bytes()) == []
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip")
    [f] = check_document(bad)
    assert f.rule == "unreadable" and "坏文件.docx" in f.message
    assert check_document(b"\x00" * 10)[0].rule == "unreadable"


def test_kind_detection_selects_the_letter_rules():
    letter = sample("信函")
    # a 信函 rule checked against the 文件 rules: the 170 mm double line is wrong for a 文件
    assert "red-line" in rules(check_document(letter, "文件"))
    assert "red-line" not in rules(check_document(letter))
    plain = docx.Document()
    assert "issuer-mark" not in rules(check_document(plain))  # no 版头 at all: nothing to check there
    assert {"issuer-mark", "docno-form", "red-line"} <= rules(check_document(plain, "文件"))


def test_resolver_walks_run_style_basedon_and_defaults():
    doc = docx.Document()
    styles = doc.styles.element
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="Base"><w:name w:val="Base"/>'
                            f'<w:rPr><w:rFonts w:eastAsia="{KAI}"/><w:sz w:val="32"/></w:rPr></w:style>'))
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="Child"><w:name w:val="Child"/>'
                            '<w:basedOn w:val="Base"/><w:rPr><w:b/></w:rPr></w:style>'))
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="character" w:styleId="Hei"><w:name w:val="Hei"/>'
                            f'<w:rPr><w:rFonts w:eastAsia="{HEI}"/></w:rPr></w:style>'))
    p = para(doc, "甲", ppr='<w:pStyle w:val="Child"/>', run="")
    r = p.find(qn("w:r"))
    s = C.Styles(styles)
    chain = s.run_chain(p, r)
    assert C.font(chain) == KAI and C.size(chain) == 32 and C.bold(chain)
    r.insert(0, parse_xml(f'<w:rPr {nsdecls("w")}><w:rStyle w:val="Hei"/><w:b w:val="0"/></w:rPr>'))
    chain = s.run_chain(p, r)
    assert C.font(chain) == HEI and not C.bold(chain) and C.size(chain) == 32
    # a theme attribute beats the name on the same element; a plain paragraph falls back to docDefaults
    r.find(qn("w:rPr")).append(parse_xml(f'<w:rFonts {nsdecls("w")} w:eastAsia="{FS}" w:eastAsiaTheme="minorEastAsia"/>'))
    assert C.font(s.run_chain(p, r)) == "theme:minorEastAsia"
    q = para(doc, "乙", run="")
    assert C.font(s.run_chain(q, q.find(qn("w:r")))) == "theme:minorEastAsia"
    assert C.size(s.run_chain(q, q.find(qn("w:r")))) == 22


def test_landscape_section_allows_wider_tables():
    doc = sample()
    sp = doc.sections[0]._sectPr
    sp.find(qn("w:pgSz")).attrib.update({qn("w:w"): "16838", qn("w:h"): "11906", qn("w:orient"): "landscape"})
    add_table(doc, [["甲", "乙"], ["1", "2"]], [6000, 6000])
    assert "table-width" not in rules(check_document(doc))
    assert "page-size" not in rules(check_document(doc))


def test_vml_and_drawingml_red_lines_are_measured():
    doc = sample()
    _no_red_line(doc)
    p = find_para(doc, "银工信发")
    p.append(parse_xml(f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
                       '<v:line from="0,0" to="442.2pt,0" strokecolor="#FF0000" strokeweight="1.5pt"/>'
                       '</w:pict></w:r>'))
    assert "red-line" not in rules(check_document(doc, "文件"))
    v = next(p.iter("{urn:schemas-microsoft-com:vml}line"))
    v.set("to", "400pt,0")
    assert "red-line" in rules(check_document(doc, "文件"))


# ---------------------------------------------------------------- general rules (hypothesis)

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_any_real_date_written_plainly_passes_and_padded_fails(d):
    doc = sample()
    _date(f"{d.year}年{d.month}月{d.day}日")(doc)
    assert "date-form" not in rules(check_document(doc))
    if d.month < 10 or d.day < 10:
        doc = sample()
        _date(f"{d.year}年{d.month:02d}月{d.day:02d}日")(doc)
        assert "date-form" in rules(check_document(doc))


@FAST
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1990, max_value=2099),
       st.sampled_from(["银工信发", "银工信函", "宁工信字"]))
def test_document_numbers(n, year, prefix):
    assert checks.DOCNO.match(f"{prefix}〔{year}〕{n}号")
    assert not checks.DOCNO.match(f"{prefix}〔{year}〕0{n}号")
    assert not checks.DOCNO.match(f"{prefix}[{year}]{n}号")
    assert not checks.DOCNO.match(f"{prefix}〔{year}〕第{n}号")


@FAST
@given(st.sampled_from(["top_margin", "left_margin", "bottom_margin", "right_margin"]),
       st.floats(min_value=-6, max_value=6).filter(lambda x: abs(abs(x) - 1) > 0.05))
def test_margins_outside_one_millimetre_are_reported(which, delta):
    doc = sample()
    sec = doc.sections[0]
    setattr(sec, which, Mm(getattr(sec, which).mm + delta))
    found = rules(check_document(doc)) & {"margins", "type-area"}
    assert bool(found) == (abs(delta) > 1)


@FAST
@given(st.integers(min_value=0, max_value=255), st.integers(min_value=0, max_value=255),
       st.integers(min_value=0, max_value=255))
def test_only_black_text_outside_the_mark(r, g, b):
    doc = sample()
    add_rpr(find_para(doc, "2021年，"), f'<w:color w:val="{r:02X}{g:02X}{b:02X}"/>')
    reported = "red-only-marks" in rules(check_document(doc))
    assert reported == ((r, g, b) != (0, 0, 0))


@FAST
@given(st.lists(st.integers(min_value=300, max_value=4000), min_size=2, max_size=6))
def test_table_width_limit_is_the_type_area(widths):
    doc = sample()
    add_table(doc, [["列"] * len(widths), ["值"] * len(widths)], widths)
    assert ("table-width" in rules(check_document(doc))) == (sum(widths) > 8850)


@FAST
@given(st.sampled_from([(FS, C.FANGSONG), ("仿宋", C.FANGSONG), ("方正仿宋_GBK", C.FANGSONG),
                        (XBS, C.XBS), ("方正小标宋_GBK", C.XBS), (HEI, C.HEI), ("方正黑体_GBK", C.HEI),
                        (KAI, C.KAI), ("楷体", C.KAI), (SONG, C.SONG), ("SimSun", C.SONG)]),
       st.sampled_from([C.FANGSONG, C.XBS, C.HEI, C.KAI, C.SONG]))
def test_font_families_are_disjoint(pair, family):
    name, own = pair
    assert C.in_set(name, family) == (own == family)


def test_layout_module_documents_pass(tmp_path):
    """Documents built with templates/layout.py (the primitives of the shipped templates) conform."""
    from reportgen.gbt9704 import layout as L

    for kind in L.KINDS:
        d = L.new_document(kind)
        L.add_masthead(d, kind, "银川市工业和信息化局" + ("文件" if kind == "文件" else ""), "银工信发〔2021〕5号")
        L.add_title(d, "关于2021年落后产能退出工作情况的报告")
        L.add_addressee(d, "市人民政府：")
        L.add_paragraph(d, "全市共退出落后产能企业3家。")
        L.add_heading(d, "一、工作开展情况", 1)
        L.add_heading(d, "（一）加强组织领导。", 2)
        L.add_heading(d, "1. 明确责任分工。", 3)
        L.add_table(d, ["县（市、区）", "产能"], ["{{ row.county }}", "{{ row.capacity }}"], "rows", [78, 78])
        L.add_attachment_note(d, "附件：1. 退出企业名单")
        L.add_signature(d, "银川市工业和信息化局", "2021年11月30日")
        if kind == "文件":
            L.add_colophon(d, "抄送：自治区工业和信息化厅。", "银川市工业和信息化局办公室", "2021年11月30日印发")
        path = tmp_path / f"{kind}.docx"
        L.save(d, path)
        errors = [f for f in check_template(path) if f.severity == "error"]
        assert errors == [], errors
        assert rules(check_document(path), "error") == {"unrendered-tag"}  # the table row tags


def test_shipped_templates_and_rendered_documents_of_every_type_conform(tmp_path):
    """Every shipped template (tags allowed) and every rendered document type of samples/2021 has no error."""
    from reportgen.documents.registry import KINDS
    from tests.docs_helpers import render_sample_documents

    root = Path(__file__).resolve().parent.parent / "templates"
    for name in KINDS:
        errors = [f for f in check_template(root / f"{name}.docx") if f.severity == "error"]
        assert errors == [], (name, errors)
    docs = render_sample_documents(tmp_path)
    assert set(docs) == set(KINDS)
    for name, (path, _, _) in docs.items():
        errors = [f for f in check_document(path) if f.severity == "error"]
        assert errors == [], (name, errors)
    # the checker does look: the same letter judged as a 文件 fails on its 170 mm double rule
    assert "red-line" in rules(check_document(docs["核对函"][0], "文件"), "error")
