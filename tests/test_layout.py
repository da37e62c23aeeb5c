"""The GB/T 9704 layout primitives: page setup, styles, masthead, tables, colophon, determinism."""
from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings as hsettings, strategies as st
from lxml import etree

from reportgen.gbt9704 import layout as L
from tests.docs_helpers import to_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _part(path: Path, member: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(path).read(member))


def _sample(kind: str, tmp_path: Path) -> Path:
    doc = L.new_document(kind)
    mark = "银川市工业和信息化局文件" if kind == "文件" else "银川市工业和信息化局"
    L.add_masthead(doc, kind, mark, "银工信发〔2021〕12号")
    L.add_title(doc, "关于2021年落后产能退出工作情况的报告")
    L.add_addressee(doc, "市人民政府：")
    L.add_paragraph(doc, "根据要求，现将情况报告如下。")
    L.add_heading(doc, "一、总体情况", 1)
    L.add_table(doc, ["序号", "企业"], ["{{ loop.index }}", "{{ row.name }}"], "rows", [20, 136])
    L.add_signature(doc, "银川市工业和信息化局", "2021年11月30日")
    if kind == "文件":
        L.add_colophon(doc, "抄送：市发展改革委。", "银川市工业和信息化局办公室", "2021年11月30日印发")
    path = tmp_path / f"{kind}.docx"
    L.save(doc, path)
    return path


@pytest.mark.parametrize("kind", L.KINDS)
def test_page_setup_is_a4_with_the_standard_margins_and_grid(kind, tmp_path):
    sect = _part(_sample(kind, tmp_path), "word/document.xml").find(f"{W}body/{W}sectPr")
    size, mar, grid = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar"), sect.find(f"{W}docGrid")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    assert [mar.get(f"{W}{k}") for k in ("top", "left", "bottom", "right", "gutter", "footer")] == \
        ["2098", "1587", "1984", "1474", "0", "1417"]
    assert (grid.get(f"{W}type"), grid.get(f"{W}linePitch")) == ("lines", "579")
    assert (sect.find(f"{W}titlePg") is not None) == (kind == "信函")


def test_styles_set_east_asian_fonts_and_no_theme_fonts(tmp_path):
    styles = _part(_sample("文件", tmp_path), "word/styles.xml")
    for fonts in styles.iter(f"{W}rFonts"):
        assert not any(a.endswith("Theme") or a.endswith("theme") for a in fonts.attrib)
        assert fonts.get(f"{W}eastAsia")
    defaults = styles.find(f"{W}docDefaults")
    assert defaults.find(f".//{W}rFonts").get(f"{W}eastAsia") == L.FONT_FANGSONG
    assert defaults.find(f".//{W}lang").get(f"{W}eastAsia") == "zh-CN"
    spacing = defaults.find(f".//{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule"), spacing.get(f"{W}after")) == ("579", "exact", "0")
    by_name = {s.find(f"{W}name").get(f"{W}val"): s for s in styles.iter(f"{W}style")}
    for name in ("公文标题", "一级标题", "二级标题", "三级标题", "主送", "署名", "成文日期", "发文机关标志",
                 "发文字号", "表格文字", "表头", "版记", "页码"):
        assert name in by_name, name
    expect = {"Normal": (L.FONT_FANGSONG, "32"), "公文标题": (L.FONT_XIAOBIAOSONG, "44"),
              "一级标题": (L.FONT_HEITI, "32"), "二级标题": (L.FONT_KAITI, "32"), "三级标题": (L.FONT_FANGSONG, "32"),
              "页码": (L.FONT_SONG, "28"), "版记": (L.FONT_FANGSONG, "28")}
    for name, (font, sz) in expect.items():
        rpr = by_name[name].find(f"{W}rPr")
        assert rpr.find(f"{W}rFonts").get(f"{W}eastAsia") == font, name
        assert rpr.find(f"{W}sz").get(f"{W}val") == sz, name
    title_b = by_name["公文标题"].find(f"{W}rPr/{W}b")
    assert title_b.get(f"{W}val") == "0"
    # only our styles and the four defaults Word needs: the 100+ template styles are gone
    assert len(by_name) == len(L.STYLE_IDS) - 1 + 4
    assert styles.find(f"{W}latentStyles") is None


def test_cruft_of_the_default_template_is_removed(tmp_path):
    names = zipfile.ZipFile(_sample("文件", tmp_path)).namelist()
    assert not any("stylesWithEffects" in n or "thumbnail" in n or n.startswith("customXml") for n in names)
    settings = _part(tmp_path / "文件.docx", "word/settings.xml")
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    assert settings.find(f"{W}rsids") is None
    assert settings.find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-CN"


def _footer_text(p) -> str:
    return "".join(t.text for t in p.iter(f"{W}t", f"{W}instrText")).replace(" PAGE ", "PAGE")


@pytest.mark.parametrize("kind", L.KINDS)
def test_footers_number_pages_odd_right_even_left(kind, tmp_path):
    doc = docx.Document(str(_sample(kind, tmp_path)))
    sec = doc.sections[0]
    odd, even = sec.footer.paragraphs[0]._p, sec.even_page_footer.paragraphs[0]._p
    assert _footer_text(odd) == _footer_text(even) == "\u2014 PAGE1 \u2014"  # "— " PAGE field " —"
    for p, side, attr in ((odd, "right", "right"), (even, "left", "left")):
        assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == side
        assert p.find(f"{W}pPr/{W}ind").get(f"{W}{attr}") == "280"
        assert p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == L.STYLE_IDS["页码"]
        assert [f.get(f"{W}fldCharType") for f in p.iter(f"{W}fldChar")] == ["begin", "separate", "end"]
    if kind == "信函":
        first = sec.first_page_footer.paragraphs[0]._p
        assert not list(first.iter(f"{W}fldChar")) and not "".join(first.itertext()).strip()


def test_masthead_of_a_file_has_red_mark_number_and_red_rule_then_two_blank_lines(tmp_path):
    doc = docx.Document(str(_sample("文件", tmp_path)))
    ps = doc.paragraphs
    mark = ps[0]
    assert mark.text == "银川市工业和信息化局文件"
    assert mark.style.name == "发文机关标志"
    assert mark.style.font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert mark._p.pPr.find(f"{W}spacing").get(f"{W}before") == str(L.MARK_TOP_FILE)
    assert [p.text for p in ps[1:3]] == ["", ""]
    number = ps[3]
    assert number.text == "银工信发〔2021〕12号" and number.style.name == "发文字号"
    bottom = number._p.pPr.find(f"{W}pBdr/{W}bottom")
    assert (bottom.get(f"{W}color"), bottom.get(f"{W}val")) == ("FF0000", "single")
    ind = number._p.pPr.find(f"{W}ind")
    assert (ind.get(f"{W}left"), ind.get(f"{W}right")) == ("0", "0")
    assert [p.text for p in ps[4:6]] == ["", ""]
    assert ps[6].style.name == "公文标题" and ps[7].text == "" and ps[8].text == "市人民政府："
    # pPr children stay in schema order (Word refuses files otherwise)
    order = [c.tag.split("}")[1] for c in number._p.pPr]
    assert order == sorted(order, key=L._PPR_ORDER.index)


def test_masthead_of_a_letter_floats_the_mark_30mm_from_the_top_and_rules_span_170mm(tmp_path):
    doc = docx.Document(str(_sample("信函", tmp_path)))
    mark, rule, number = doc.paragraphs[:3]
    frame = mark._p.pPr.find(f"{W}framePr")
    assert (frame.get(f"{W}vAnchor"), frame.get(f"{W}y")) == ("page", str(L.MARK_TOP_LETTER))
    assert abs(L.MARK_TOP_LETTER / L.TWIPS_PER_MM - 30) < 0.05
    ind = rule._p.pPr.find(f"{W}ind")
    width_mm = (L.TEXT_W - 2 * int(ind.get(f"{W}left"))) / L.TWIPS_PER_MM
    assert int(ind.get(f"{W}left")) == int(ind.get(f"{W}right")) < 0
    assert abs(width_mm - 170) < 0.5
    borders = rule._p.pPr.find(f"{W}pBdr")
    top, bottom = borders.find(f"{W}top"), borders.find(f"{W}bottom")
    assert int(top.get(f"{W}sz")) > int(bottom.get(f"{W}sz"))  # thick over thin
    assert top.get(f"{W}color") == bottom.get(f"{W}color") == "FF0000"
    assert number.text == "银工信发〔2021〕12号"
    assert number._p.pPr.find(f"{W}jc").get(f"{W}val") == "right"


def test_jinja_tags_in_mark_and_number_stay_in_one_run(tmp_path):
    doc = L.new_document("文件")
    L.add_masthead(doc, "文件", "{{ organ_mark }}", "{{ docno }}")
    assert [r.text for r in doc.paragraphs[0].runs] == ["{{ organ_mark }}"]
    assert [r.text for r in doc.paragraphs[3].runs] == ["{{ docno }}"]


def test_body_paragraph_and_headings(tmp_path):
    doc = L.new_document("文件")
    L.add_paragraph(doc, "正文")
    for level in (1, 2, 3):
        L.add_heading(doc, f"标题{level}", level)
    ind = doc.paragraphs[0]._p.pPr.find(f"{W}ind")
    assert (ind.get(f"{W}firstLineChars"), ind.get(f"{W}firstLine")) == ("200", "640")
    assert [p.style.name for p in doc.paragraphs[1:]] == ["一级标题", "二级标题", "三级标题"]
    with pytest.raises(ValueError):
        L.add_heading(doc, "四", 4)


def test_signature_date_and_attachment_indents(tmp_path):
    doc = L.new_document("文件")
    L.add_attachment_note(doc, "附件：1. 名单")
    L.add_signature(doc, [("{{ organ }}", "银川市工业和信息化局")], "{{ date }}")
    note, blank, organ, date = doc.paragraphs
    ind = note._p.pPr.find(f"{W}ind")
    assert int(ind.get(f"{W}left")) - int(ind.get(f"{W}hanging")) == 640  # first line 2 字 in
    assert blank.text == "" and organ.text == "{{ organ }}" and date.text == "{{ date }}"
    # sealed layout: date 4 字 from the right; 10-字 name over a 6.5-字 date: 1280 − 1.75 × 320
    assert organ.paragraph_format.right_indent == docx.shared.Twips(720)
    assert date.style.paragraph_format.right_indent == docx.shared.Twips(1280)
    assert str(date.style.paragraph_format.alignment) == "RIGHT (2)"
    assert str(organ.style.paragraph_format.alignment) == "RIGHT (2)"
    # the date never starts a page alone: body line, blank line and 署名 keep with the next
    assert [p._p.pPr.find(f"{W}keepNext") is not None for p in (note, blank, organ, date)] == \
        [True, True, True, False]


def test_signature_does_not_mark_a_template_tag_paragraph(tmp_path):
    doc = L.new_document("文件")
    L.add_tag(doc, "{%p endif %}")
    L.add_signature(doc, "银川市工业和信息化局", "2021年12月1日")
    tag = doc.paragraphs[0]._p
    assert tag.pPr is None or tag.pPr.find(f"{W}keepNext") is None
    assert [p.text for p in doc.paragraphs[2:]] == ["银川市工业和信息化局", "2021年12月1日"]


@given(st.text(alphabet="银川市工业和信息化局发展改革委员会ABC", min_size=1, max_size=14),
       st.dates().map(lambda d: f"{d.year}年{d.month}月{d.day}日"))
@hsettings(max_examples=200, deadline=None)
def test_signature_is_centred_over_the_date(organ, date):
    right = L.signature_indent(organ, date)
    organ_centre = right + L._width(organ) / 2 * L.CHAR_BODY  # distance of each centre from the right
    date_centre = L.DATE_RIGHT + L._width(date) / 2 * L.CHAR_BODY
    assert right >= 0
    if right > 0:
        assert abs(organ_centre - date_centre) <= 0.5


def test_table_fits_the_type_area_and_has_docxtpl_row_tags(tmp_path):
    doc = L.new_document("文件")
    L.add_table(doc, ["序号", "企业", "产能"], ["{{ loop.index }}", "{{ row.name }}", "{{ row.cap }}"], "items",
                [15.3, 100.4, 40.3], total=["合计", "", "{{ total }}"], font_pt=10.5)
    tbl = doc.tables[0]
    grid = [int(c.get(f"{W}w")) for c in tbl._tbl.iter(f"{W}gridCol")]
    assert sum(grid) <= L.TEXT_W
    rows = tbl.rows
    assert rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert rows[1].cells[0].text == "{%tr for row in items %}"
    assert [c.text for c in rows[2].cells] == ["{{ loop.index }}", "{{ row.name }}", "{{ row.cap }}"]
    assert rows[3].cells[0].text == "{%tr endfor %}"
    assert rows[4].cells[0].text == "合计"
    assert rows[2].cells[0].paragraphs[0].runs[0].font.size == docx.shared.Pt(10.5)
    assert {b.get(f"{W}color") for b in tbl._tbl.find(f"{W}tblPr/{W}tblBorders")} == {"000000"}
    with pytest.raises(ValueError):
        L.add_table(doc, ["a", "b"], ["1", "2"], "x", [100, 60])
    with pytest.raises(ValueError):
        L.add_table(doc, ["a", "b"], ["1"], "x", [10, 10])


def test_colophon_is_a_floating_table_at_the_bottom_with_black_thick_thin_thick_rules(tmp_path):
    doc = L.new_document("文件")
    L.add_colophon(doc, "抄送：{{ cc }}。", "银川市工业和信息化局办公室", "2021年11月30日印发", cc_if="cc")
    tbl = doc.tables[0]._tbl
    pos = tbl.find(f"{W}tblPr/{W}tblpPr")
    assert (pos.get(f"{W}vertAnchor"), pos.get(f"{W}tblpYSpec")) == ("margin", "bottom")
    assert (pos.get(f"{W}horzAnchor"), pos.get(f"{W}tblpX")) == ("page", str(L.MARGIN_LEFT))
    assert tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w") == str(L.TEXT_W)  # the rules span the 版心
    borders = {b.tag.split("}")[1]: b for b in tbl.find(f"{W}tblPr/{W}tblBorders")}
    assert [borders[k].get(f"{W}sz") for k in ("top", "insideH", "bottom")] == ["8", "6", "8"]
    assert {borders[k].get(f"{W}color") for k in ("top", "insideH", "bottom")} == {"000000"}
    assert all(borders[k].get(f"{W}val") == "nil" for k in ("left", "right", "insideV"))
    texts = ["".join(t.text for t in tr.iter(f"{W}t")) for tr in tbl.iter(f"{W}tr")]
    assert texts == ["{%tr if cc %}", "抄送：{{ cc }}。", "{%tr endif %}", "银川市工业和信息化局办公室2021年11月30日印发"]
    printed = list(tbl.iter(f"{W}tr"))[-1]
    assert printed.find(f".//{W}tab[@{W}val='right']") is not None and printed.find(f".//{W}r/{W}tab") is not None
    ind = printed.find(f".//{W}pPr/{W}ind")
    assert (ind.get(f"{W}left"), ind.get(f"{W}right")) == ("280", "280")
    assert doc.element.body[-2].tag == f"{W}p"  # Word needs a paragraph after the table (its anchor)
    plain = L.new_document("文件")
    L.add_colophon(plain, "", "办公室", "2021年11月30日印发")
    assert len(plain.tables[0].rows) == 1


def test_letter_has_a_thin_over_thick_red_rule_20mm_above_the_bottom_of_page_one(tmp_path):
    from reportgen.gbt9704.conformance import check_document
    path = _sample("信函", tmp_path)
    doc = docx.Document(str(path))
    rule = doc.paragraphs[1]._p
    anchors = list(rule.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}anchor"))
    WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    assert len(anchors) == 2
    ys, widths = [], []
    for a in anchors:
        assert a.find(f"{WP}positionV").get("relativeFrom") == a.find(f"{WP}positionH").get("relativeFrom") == "page"
        assert int(a.find(f"{WP}extent").get("cx")) == 170 * 36000
        assert int(a.find(f"{WP}positionH/{WP}posOffset").text) == 21 * 36000  # same span as the top rule
        ys.append(int(a.find(f"{WP}positionV/{WP}posOffset").text))
        ln = a.find(f".//{A}ln")
        widths.append(int(ln.get("w")))
        assert ln.find(f"{A}solidFill/{A}srgbClr").get("val") == "FF0000"
    assert ys[0] < ys[1] == 277 * 36000 and widths[0] < widths[1]  # thin over thick
    assert not [f for f in check_document(path) if f.rule == "red-line"]
    no_rule = _sample("文件", tmp_path)
    assert not list(_part(no_rule, "word/document.xml").iter(f"{WP}anchor"))


@given(st.text(alphabet=st.characters(codec="utf-8", categories=("Lo", "Lu", "Nd")), min_size=1, max_size=60))
@hsettings(max_examples=200, deadline=None)
def test_mark_size_fits_one_line_of_156mm(text):
    size = L.mark_size_pt(text)
    assert L.PT_MARK_MIN <= size <= L.PT_MARK
    if size > L.PT_MARK_MIN:
        assert L._width(text) * size <= 156 / 25.4 * 72 + 1e-6


def test_mark_size_examples():
    assert L.mark_size_pt("银川市工业和信息化局文件") == 36  # 12 字 × 36 pt = 152 mm
    assert L.mark_size_pt("宁夏回族自治区银川市工业和信息化局文件") == 23  # 19 字
    assert L.mark_size_pt("ABCD") == 36


def test_save_is_deterministic_with_fixed_metadata(tmp_path):
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    for path in (a, b):
        doc = L.new_document("信函")
        L.add_paragraph(doc, "同样的内容")
        L.save(doc, path)
    assert a.read_bytes() == b.read_bytes()
    z = zipfile.ZipFile(a)
    assert z.namelist()[0] == "[Content_Types].xml"
    assert z.namelist()[1:] == sorted(z.namelist()[1:])
    assert {i.date_time for i in z.infolist()} == {L.FIXED_ZIP_TIME}
    cp = docx.Document(str(a)).core_properties
    assert (cp.author, cp.created.year, cp.modified.year, cp.revision) == ("reportgen", 2021, 2021, 1)


def test_libreoffice_renders_the_masthead_where_the_standard_puts_it(tmp_path):
    """Real client: the red ink of the mark and rules lands at the standard's offsets (±1.5 mm)."""
    paths = [_sample(kind, tmp_path) for kind in L.KINDS]
    short = L.new_document("文件")  # a one-page 文件 ending with its 版记
    L.add_paragraph(short, "正文一段。")
    L.add_signature(short, "银川市工业和信息化局", "2021年11月30日")
    L.add_colophon(short, "抄送：市发展改革委。", "银川市工业和信息化局办公室", "2021年11月30日印发")
    L.save(short, tmp_path / "版记.docx")
    paths.append(tmp_path / "版记.docx")
    to_pdf(paths, tmp_path)  # one soffice call with a throw-away profile (a running soffice cannot block it)
    file_bands = _red_bands(tmp_path / "文件.pdf")
    mark_top, rule = file_bands[0][0], file_bands[-1]
    assert abs(mark_top - (37 + 35)) <= 1.5
    assert abs((rule[3] - rule[2]) - 156) <= 1
    letter = _red_bands(tmp_path / "信函.pdf")
    assert abs(letter[0][0] - 30) <= 1.5
    top_rule = [b for b in letter if 40 < b[0] < 60]
    assert top_rule and all(abs((b[3] - b[2]) - 170) <= 1 for b in top_rule)
    bottom = [b for b in letter if b[0] > 262]  # below the 版心: the 信函 bottom rule
    assert len(bottom) == 2, bottom  # two lines, thin over thick
    (thin, thick) = bottom
    assert thin[1] - thin[0] < thick[1] - thick[0]
    assert abs((thick[0] + thick[1]) / 2 - 277) <= 0.5 and abs((thick[3] - thick[2]) - 170) <= 1
    colophon = _bands(tmp_path / "版记.pdf", lambda r, g, b: r < 80 and g < 80 and b < 80, min_width_mm=150)
    assert len(colophon) == 3 and abs(colophon[-1][1] - (297 - 35)) <= 1, colophon  # last rule on the 版心 bottom
    assert all(abs((b[3] - b[2]) - 156) <= 1 for b in colophon)


def _red_bands(pdf: Path, dpi: int = 127) -> list[tuple[float, float, float, float]]:
    """Vertical bands of red ink on page 1: (top, bottom, left, right) in mm."""
    return _bands(pdf, lambda r, g, b: r > 200 and g < 90 and b < 90, dpi=dpi)


def _bands(pdf: Path, ink, dpi: int = 127, min_width_mm: float = 0) -> list[tuple[float, float, float, float]]:
    """Vertical bands of page 1 rows holding `ink` pixels (spanning ≥ min_width_mm): (top, bottom, left, right) mm."""
    data = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf)],
                          capture_output=True, check=True).stdout
    header = data.split(b"\n", 3)
    w, h = map(int, header[1].split())
    pix = header[3]
    bands: list[list[int]] = []
    for y in range(h):
        row = pix[y * w * 3:(y + 1) * w * 3]
        xs = [x for x in range(w) if ink(row[3 * x], row[3 * x + 1], row[3 * x + 2])]
        if not xs or (min_width_mm and ((xs[-1] - xs[0]) * 25.4 / dpi < min_width_mm
                                         or len(xs) < 0.9 * (xs[-1] - xs[0] + 1))):  # solid rules only
            continue
        if bands and y - bands[-1][1] <= 1:
            bands[-1][1] = y
            bands[-1][2], bands[-1][3] = min(bands[-1][2], xs[0]), max(bands[-1][3], xs[-1])
        else:
            bands.append([y, y, xs[0], xs[-1]])
    mm = 25.4 / dpi
    return [(a * mm, b * mm, c * mm, d * mm) for a, b, c, d in bands]


def test_titles_fit_one_line_with_room_to_spare():
    """A 二号 title holds 20 字 in 156 mm; ≤ 18 字 leaves room for wider fonts (no lone "函" on line 2)."""
    import make_templates as make
    from tests.docs_helpers import sample_plan

    for name, compose in make.TEMPLATES.items():
        titles = [p.text for p in compose().paragraphs if p.style.name == "公文标题"]
        assert titles and titles[0] == "{{ title }}", name  # the title comes from the type's context
    for filename, doc in sample_plan().items():
        assert L._width(doc.title) <= 18, (filename, doc.title)
