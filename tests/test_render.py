"""The renderer: filters, escaping, strictness, sandbox, determinism, overrides, safe file names."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st
from lxml import etree

from reportgen.documents import render as R
from reportgen.documents import text as T
from reportgen.errors import TemplateError
from reportgen.gbt9704 import layout as L

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _template(folder: Path, name: str, *paragraphs: str, table: bool = False, kind: str = "信函") -> Path:
    doc = L.new_document(kind)
    L.add_masthead(doc, kind, "{{ organ_mark }}", "{{ docno }}")
    for text in paragraphs:
        L.add_paragraph(doc, text)
    if table:
        L.add_table(doc, ["序号", "企业", "产能"],
                    ["{{ loop.index }}", "{{ row.name }}", "{{ row.cap|capacity(row.unit) }}"], "rows", [20, 96, 40])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.docx"
    L.save(doc, path)
    return path


def _texts(data: bytes) -> list[str]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


BASE = {"organ_mark": "银川市工业和信息化局", "docno": "银工信函〔2021〕12号"}


# --- filters -------------------------------------------------------------------------------------

@pytest.mark.parametrize("d, text", [(date(2021, 11, 30), "2021年11月30日"), (date(2022, 1, 5), "2022年1月5日"),
                                     (datetime(2021, 6, 9, 13, 0), "2021年6月9日"), ("2021-03-01", "2021年3月1日")])
def test_date_cn(d, text):
    assert T.date_cn(d) == text


def test_month_cn():
    assert T.month_cn(date(2021, 1, 31)) == "2021年1月"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_date_cn_round_trips_and_never_pads(d):
    text = T.date_cn(d)
    m = re.fullmatch(r"(\d{4})年([1-9]\d?)月([1-9]\d?)日", text)
    assert m and date(*map(int, m.groups())) == d


@pytest.mark.parametrize("value, unit, text", [
    (Decimal("12.5"), "万吨", "12.5万吨"), (Decimal("12.50"), "万吨", "12.5万吨"), (Decimal("0"), "万吨", "0万吨"),
    (Decimal("0.000"), "", "0"), (Decimal("12000"), "吨", "12000吨"), (Decimal("1.2E+4"), "吨", "12000吨"),
    (Decimal("0.1") + Decimal("0.2"), "万吨", "0.3万吨"), (Decimal("0.0001"), "万吨", "0.0001万吨"),
    (3, "台", "3台"), (Decimal("-0"), "", "0"),
])
def test_capacity(value, unit, text):
    assert T.capacity(value, unit) == text


def test_capacity_refuses_floats():
    with pytest.raises(TypeError):
        T.capacity(0.1 + 0.2, "万吨")


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**9, max_value=10**9, places=6))
def test_capacity_round_trips_exactly_in_plain_digits(value):
    text = T.capacity(value, "万吨")
    number = text.removesuffix("万吨")
    assert re.fullmatch(r"-?\d+(\.\d*[1-9])?", number)  # no exponent, no separators, no trailing zeros
    assert Decimal(number) == value


@pytest.mark.parametrize("items, text", [([], ""), (["甲"], "甲"), (["甲", "乙"], "甲和乙"),
                                         (["甲", "乙", "丙"], "甲、乙和丙"), (("A", "B", "C", "D"), "A、B、C和D")])
def test_cn_list(items, text):
    assert T.cn_list(items) == text


@given(st.lists(st.text(alphabet="甲乙丙丁戊己庚辛", min_size=1, max_size=4), min_size=2, max_size=8))
def test_cn_list_keeps_every_item_in_order(items):
    text = T.cn_list(items)
    head, last = text.rsplit("和", 1)
    assert last == items[-1] and head.split("、") == items[:-1]


@pytest.mark.parametrize("x, digits, text", [(Decimal("0.625"), 1, "62.5%"), (Decimal("0.5"), 1, "50.0%"),
                                             (Decimal("1"), 0, "100%"), (Decimal("0.12345"), 2, "12.35%"),
                                             (Decimal("0"), 1, "0.0%"), (Decimal("-0.0001"), 1, "0.0%")])
def test_percent(x, digits, text):
    assert T.percent(x, digits) == text


def test_count_and_docno():
    assert T.count(3, "户") == "3户" and T.count(12, "台（套）") == "12台（套）"
    assert T.docno("银工信函", 2021, 12) == "银工信函〔2021〕12号"
    assert T.docno("银工信函", 2021, None) == "银工信函〔2021〕  号"
    with pytest.raises(TypeError):
        T.docno("银工信函", 2021, 0)


def test_filters_have_english_and_chinese_names():
    assert T.FILTERS["日期"] is T.FILTERS["date_cn"] is T.date_cn
    assert T.FILTERS["列举"] is T.cn_list and T.FILTERS["产能"] is T.capacity


def test_chinese_filter_names_work_inside_a_template(tmp_path):
    _template(tmp_path, "t", "{{ d|日期 }}，{{ xs|列举 }}，{{ c|产能('万吨') }}，{{ n|计数('户') }}")
    out = R.Renderer([tmp_path]).render("t", BASE | {"d": date(2021, 11, 30), "xs": ["甲", "乙", "丙"],
                                                     "c": Decimal("1.50"), "n": 3})
    assert "2021年11月30日，甲、乙和丙，1.5万吨，3户" in _texts(out)


# --- rendering -----------------------------------------------------------------------------------

def test_values_come_out_literally_escaped(tmp_path):
    _template(tmp_path, "t", "企业：{{ name }}", table=True)
    nasty = "A & B <有限公司> {{ x }} {% if %}"
    rows = [{"name": nasty, "cap": Decimal("1.5"), "unit": "万吨"}]
    out = R.Renderer([tmp_path]).render("t", BASE | {"name": nasty, "rows": rows})
    texts = _texts(out)
    assert f"企业：{nasty}" in texts
    assert nasty in texts and "1.5万吨" in texts


def test_control_characters_in_data_do_not_break_the_xml(tmp_path):
    _template(tmp_path, "t", "{{ name }}")
    bad = "甲\x00乙\x01丙\x0b丁\x0c戊\x07己\ufffe庚\x1f"
    out = R.Renderer([tmp_path]).render("t", BASE | {"name": bad})
    assert "甲乙丙丁戊己庚" in _texts(out)  # the parse in _texts would fail on invalid XML


def test_a_missing_variable_names_template_and_variable(tmp_path):
    _template(tmp_path, "核对函", "请于{{ reply_by|日期 }}前回复。")
    with pytest.raises(TemplateError) as err:
        R.Renderer([tmp_path]).render("核对函", BASE)
    msg = str(err.value)
    assert "核对函.docx" in msg and "「reply_by」" in msg and "没有提供" in msg
    assert "请于" in msg  # the text around the tag says where


def test_a_missing_attribute_is_an_error_too(tmp_path):
    _template(tmp_path, "t", "{{ who.name }}")
    with pytest.raises(TemplateError, match="「name」"):
        R.Renderer([tmp_path]).render("t", BASE | {"who": {}})


def test_a_syntax_error_names_the_template_and_where(tmp_path):
    _template(tmp_path, "坏模板", "第一段", "合计{{ total }", "第三段")
    renderer = R.Renderer([tmp_path])
    with pytest.raises(TemplateError) as err:
        renderer.render("坏模板", BASE | {"total": 1})
    msg = str(err.value)
    assert "坏模板.docx" in msg and "语法错误" in msg and "合计" in msg
    findings = renderer.check("坏模板", {"total"})
    assert len(findings) == 1 and "语法错误" in findings[0]


@pytest.mark.parametrize("attack", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ x.__class__.__base__ }}",
])
def test_sandbox_escape_attempts_fail_with_template_error(tmp_path, attack):
    _template(tmp_path, "t", attack)
    with pytest.raises(TemplateError) as err:
        R.Renderer([tmp_path]).render("t", BASE | {"x": 1})
    assert "t.docx" in str(err.value)


def test_same_context_gives_the_same_bytes(tmp_path):
    _template(tmp_path, "t", "{{ name }}", table=True)
    ctx = BASE | {"name": "甲", "rows": [{"name": f"企业{i}", "cap": Decimal(i), "unit": "吨"} for i in range(5)]}
    first = R.Renderer([tmp_path]).render("t", ctx)
    again = R.Renderer([tmp_path])
    assert again.render("t", ctx) == first == again.render("t", ctx)
    z = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in z.infolist()} == {R.FIXED_ZIP_TIME}
    assert b"<dc:creator>reportgen</dc:creator>" in z.read("docProps/core.xml")
    assert z.testzip() is None


def test_table_rows_repeat_per_item(tmp_path):
    _template(tmp_path, "t", table=True)
    rows = [{"name": f"企业{i}", "cap": Decimal("0.5") * i, "unit": "万吨"} for i in range(1, 21)]
    out = R.Renderer([tmp_path]).render("t", BASE | {"rows": rows})
    texts = _texts(out)
    assert texts.count("企业20") == 1 and "10万吨" in texts and "0.5万吨" in texts
    assert not any("{%" in t or "{{" in t for t in texts)


def test_a_workspace_template_overrides_the_shipped_one(tmp_path):
    shipped, workspace = tmp_path / "shipped", tmp_path / "ws"
    _template(shipped, "催报函", "出厂版")
    _template(shipped, "公告", "公告")
    _template(workspace, "催报函", "本局修改版")
    renderer = R.Renderer([workspace, shipped, tmp_path / "missing"])
    assert renderer.names() == ["催报函", "公告"] or renderer.names() == sorted(["催报函", "公告"])
    assert renderer.path("催报函") == workspace / "催报函.docx"
    assert "本局修改版" in _texts(renderer.render("催报函", BASE))
    assert renderer.path("公告") == shipped / "公告.docx"
    with pytest.raises(TemplateError, match="找不到模板「通报.docx」"):
        renderer.path("通报")


def test_lock_files_are_not_templates(tmp_path):
    _template(tmp_path, "公告", "x")
    (tmp_path / "~$公告.docx").write_bytes(b"lock")
    assert R.Renderer([tmp_path]).names() == ["公告"]


def test_a_broken_file_is_a_template_error(tmp_path):
    (tmp_path / "坏.docx").write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match="不是有效的 Word 文档"):
        R.Renderer([tmp_path]).render("坏", {})


def test_variables_and_check(tmp_path):
    _template(tmp_path, "t", "{{ name }}{% for x in xs %}{{ x }}{% endfor %}", table=True)
    renderer = R.Renderer([tmp_path])
    assert renderer.variables("t") == {"organ_mark", "docno", "name", "xs", "rows"}
    findings = renderer.check("t", {"organ_mark", "docno", "name", "rows", "extra"})
    assert len(findings) == 2
    assert "「xs」" in findings[0] and "渲染会失败" in findings[0]
    assert "「extra」" in findings[1] and findings[1].startswith("（提示）")
    assert renderer.check("t", {"organ_mark", "docno", "name", "xs", "rows"}) == []


# --- safe file names -----------------------------------------------------------------------------

@pytest.mark.parametrize("stem, expected", [
    ("核对函-西夏区", "核对函-西夏区.docx"),
    ("CON", "_CON.docx"), ("con", "_con.docx"), ("Lpt9", "_Lpt9.docx"), ("nul.txt", "_nul.txt.docx"),
    ("COM10", "COM10.docx"),
    ("a/b:c", "a_b_c.docx"), ('x<>"|?*y', "x_y.docx"), ("名称...  ", "名称.docx"),
    ("tab\there\x07", "tab here.docx"), ("   ", "未命名.docx"), ("...", "未命名.docx"),
])
def test_safe_filename_cases(stem, expected):
    assert T.safe_filename(stem, set()) == expected


def test_safe_filename_clashes_ignore_case_and_are_recorded():
    taken: set[str] = {"Report.docx"}
    assert T.safe_filename("report", taken) == "report-2.docx"
    assert T.safe_filename("REPORT", taken) == "REPORT-3.docx"
    assert taken == {"Report.docx", "report-2.docx", "REPORT-3.docx"}
    kept = T.Taken({"Report.docx"})  # the same with the folded names kept alongside
    assert [T.safe_filename(s, kept) for s in ("report", "REPORT")] == ["report-2.docx", "REPORT-3.docx"]
    assert kept == taken and kept.folded == {"report.docx", "report-2.docx", "report-3.docx"}


def test_safe_filename_caps_long_names():
    taken: set[str] = set()
    first = T.safe_filename("企" * 200, taken)
    second = T.safe_filename("企" * 200, taken)
    assert len(first) == len(second) == 80 and first != second and second.endswith("-2.docx")


@given(st.text(min_size=0, max_size=120), st.sets(st.text(max_size=10), max_size=5))
@hsettings(max_examples=300)
def test_safe_filename_is_always_safe_and_new(stem, taken):
    before = {t.casefold() for t in taken}
    name = T.safe_filename(stem, taken)
    assert name in taken and name.casefold() not in before
    assert len(name) <= 80 and name.endswith(".docx")
    base = name.removesuffix(".docx")
    assert not re.search(r'[<>:"/\\|?*\x00-\x1f]', base)
    assert base and base[-1] not in ". "
    assert base.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)}


def test_line_breaks_and_tabs_in_values_become_word_breaks(tmp_path):
    _template(tmp_path, "t", "{{ note }}")
    out = R.Renderer([tmp_path]).render("t", BASE | {"note": "第一行\n第二行\t完"})
    xml = zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml").decode("utf-8")
    assert "<w:br/>" in xml and "<w:tab/>" in xml
    assert "第一行第二行完" in _texts(out)
