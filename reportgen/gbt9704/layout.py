"""GB/T 9704-2012 layout primitives for building the .docx templates with python-docx.

Every layout value is a named constant below so a reviewer can check it against the standard
(see docs gbt9704.md). Fonts, sizes and spacings live in named paragraph styles (正文, 公文标题,
一级标题 ...), not on runs, so a bureau can switch a font once in Word's style dialog.

Placement choices (documented here because the standard leaves the method open):
- 文件 issuer mark: the first body paragraph, pushed down with spacing-before so its top edge sits
  35 mm below the 版心 top; exact line height = the glyph size, not snapped to the grid.
- 信函 issuer mark: a paragraph frame (w:framePr) anchored to the page at 30 mm from the paper top
  (the 版心 starts at 37 mm, so body content cannot reach there); the red double rule is an empty
  paragraph with negative indents of 7 mm each side (156 + 14 = 170 mm) and a thick-thin top border.
- 信函 bottom rule (thin over thick, 170 mm, 20 mm above the paper bottom, page 1 only): a DrawingML
  line anchored in that same top-rule paragraph and positioned relative to the PAGE, so it lands on
  page 1 whatever the body does and needs no first-page footer content (page 1 has no page number).
- Red line of 文件: bottom border of the document-number paragraph (no indents, so 156 mm).
- 署名/成文日期: the sealed layout (§7.3.5.1): date 4 字 from the right, 署名 centred over it. Both
  are jinja tags in the templates, so the 署名 indent is computed at build time from example texts
  (the configured organ name and a typical date "2021年12月1日"); see `signature_indent`.
- 版记: a floating table (w:tblpPr tblpYSpec="bottom", vertAnchor="margin") whose borders are the
  black rules, so its last rule sits on the 版心 bottom of the page the block lands on.
"""
from __future__ import annotations

import unicodedata

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

from reportgen.gbt9704.docx_model import Element

from reportgen.gbt9704.units import (BLACK, CHAR_BODY, CHAR_SMALL, COLOPHON_INDENT, COLOPHON_THICK_SZ,
                                     COLOPHON_THIN_SZ, COLOPHON_W, DATE_RIGHT, FIRST_LINE, FIRST_LINE_CHARS, KINDS,
                                     LETTER_BOTTOM_RULE_CX, LETTER_BOTTOM_RULE_GAP, LETTER_BOTTOM_RULE_X,
                                     LETTER_BOTTOM_RULE_Y, LETTER_RULE_GAP, LETTER_RULE_HEIGHT, LETTER_RULE_OUTDENT,
                                     LETTER_RULE_THICK_SZ, LETTER_RULE_THIN_SZ, MARGIN_LEFT, MARGIN_TOP,
                                     MARK_TOP_FILE, MARK_TOP_LETTER, PT_MARK, PT_MARK_MIN, PT_TABLE, RED,
                                     RED_RULE_SZ, RULE_GAP_PT, TABLE_BORDER_SZ, TEXT_W, TEXT_W_MM, TWIPS_PER_MM,
                                     TYPICAL_DATE)
# re-exported for the templates' builder and the tests (L.FONT_SONG …)
from reportgen.gbt9704.units import FIXED_ZIP_TIME, FONT_FANGSONG, FONT_HEITI  # noqa: F401
from reportgen.gbt9704.units import FONT_KAITI, FONT_SONG, FONT_XIAOBIAOSONG  # noqa: F401
from reportgen.gbt9704.skeleton import (STYLE_IDS, _HEADING_STYLES, _NO_AUTOSPACE, _PPR_ORDER, _rpr_xml,  # noqa: F401
                                        _set_ppr, deterministic_zip, new_document, save)


def _para(doc: DocxDocument, style: str, text: str = "") -> Paragraph:
    p = doc.add_paragraph()
    if STYLE_IDS[style] != "Normal":
        _set_ppr(p, f'<w:pStyle w:val="{STYLE_IDS[style]}"/>')
    if text:
        p.add_run(text)
    return p


def add_blank(doc: DocxDocument, n: int = 1) -> None:
    """Append `n` empty 正文 paragraphs (blank lines of the grid)."""
    for _ in range(n):
        _para(doc, "正文")


def _width(text: str) -> float:
    """Width of `text` in 字: wide characters count 1, narrow ones ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def mark_size_pt(text: str) -> float:
    """The issuer-mark size: 小初 36 pt, scaled down in ½ pt steps so one line fits 156 mm."""
    width = _width(text)
    if width <= 0:
        return float(PT_MARK)
    limit_pt = TEXT_W_MM / 25.4 * 72  # 442.2 pt
    size = min(float(PT_MARK), int(limit_pt / width * 2) / 2)
    return max(float(PT_MARK_MIN), size)


def _mark_paragraph(doc: DocxDocument, mark: str, size: float) -> Paragraph:
    p = _para(doc, "发文机关标志")
    run = p.add_run(mark)
    if size != PT_MARK:
        run.font.size = docx.shared.Pt(size)
    return p


def add_upward_masthead(doc: DocxDocument, mark: str, docno: str, signers: str) -> None:
    """The 版头 of a 上行文 (报告, 请示; §7.2.4): the number 1 字 from the left, 签发人 1 字 from the right, one line."""
    add_masthead(doc, "文件", mark, f"\t{docno}\t签发人：{signers}")
    p = doc.paragraphs[-3]  # tabs, not an indent: the red rule under it keeps the full 156 mm
    _set_ppr(p, f'<w:tabs><w:tab w:val="left" w:pos="{CHAR_BODY}"/><w:tab w:val="right" w:pos="{TEXT_W - CHAR_BODY}"/>'
                '</w:tabs><w:jc w:val="left"/>')


def add_masthead(doc: DocxDocument, kind: str, mark: str, docno: str, *, size_pt: float | None = None) -> None:
    """The 版头: red issuer mark, document number and red rule(s) for 文件 or 信函."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    size = size_pt if size_pt is not None else (PT_MARK if "{" in mark else mark_size_pt(mark))
    line = round(size * 20)  # exact line = the glyph size, so the top edge is where we put it
    if kind == "文件":
        p = _mark_paragraph(doc, mark, size)
        _set_ppr(p, f'<w:spacing w:before="{MARK_TOP_FILE}" w:after="0" w:line="{line}" w:lineRule="exact"/>')
        add_blank(doc, 2)
        p = _para(doc, "发文字号", docno)
        _set_ppr(p, f'<w:pBdr><w:bottom w:val="single" w:sz="{RED_RULE_SZ}" w:space="{RULE_GAP_PT}" '
                    f'w:color="{RED}"/></w:pBdr><w:ind w:left="0" w:right="0"/>')
        add_blank(doc, 2)
        return
    p = _mark_paragraph(doc, mark, size)
    _set_ppr(p, f'<w:framePr w:w="{TEXT_W}" w:h="{line}" w:hRule="exact" w:wrap="through" '
                f'w:vAnchor="page" w:hAnchor="margin" w:xAlign="center" w:y="{MARK_TOP_LETTER}"/>'
                f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>')
    rule = _para(doc, "版记线")
    # the frame floats ("through"), so the rule's distance is counted from the 版心 top; the ink of a
    # CJK glyph ends ≈12 % of the size above its em box
    before = max(0, MARK_TOP_LETTER + round(line * 0.88) + LETTER_RULE_GAP - MARGIN_TOP)
    # thick over thin as two single borders of one thin paragraph (double-border kinds render
    # their thick/thin order differently in Word and LibreOffice)
    _set_ppr(rule, f'<w:pBdr><w:top w:val="single" w:sz="{LETTER_RULE_THICK_SZ}" w:space="0" w:color="{RED}"/>'
                   f'<w:bottom w:val="single" w:sz="{LETTER_RULE_THIN_SZ}" w:space="0" w:color="{RED}"/></w:pBdr>'
                   f'<w:spacing w:before="{before}" w:after="0" w:line="{LETTER_RULE_HEIGHT}" w:lineRule="exact"/>'
                   f'<w:ind w:left="-{LETTER_RULE_OUTDENT}" w:right="-{LETTER_RULE_OUTDENT}"/>')
    for run in _letter_bottom_rule():
        rule._p.append(run)
    p = _para(doc, "发文字号", docno)
    _set_ppr(p, '<w:jc w:val="right"/>')
    add_blank(doc, 1)


_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _letter_bottom_rule() -> list[Element]:
    """Runs drawing the 信函 bottom rule: a thin red line over a thick one, anchored to the page (page 1 only).

    Two plain lines rather than one compound (cmpd) line: LibreOffice draws compound lines solid.
    """
    thin_y = LETTER_BOTTOM_RULE_Y - LETTER_BOTTOM_RULE_GAP
    return [_page_line(thin_y, LETTER_RULE_THIN_SZ * 1587.5, 1, "信函下红线（细）"),
            _page_line(LETTER_BOTTOM_RULE_Y, LETTER_RULE_THICK_SZ * 1587.5, 2, "信函下红线（粗）")]


def _page_line(y: int, width_emu: float, shape_id: int, name: str) -> Element:
    """A run with a red horizontal line of 170 mm anchored to the page at `y` EMU from the paper top."""
    return parse_xml(
        f'<w:r {nsdecls("w", "wp", "a")} xmlns:wps="{_WPS}"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" '
        'behindDoc="0" locked="1" layoutInCell="0" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{LETTER_BOTTOM_RULE_X}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{LETTER_BOTTOM_RULE_CX}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{shape_id}" name="{name}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{_WPS}"><wps:wsp><wps:cNvCnPr/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{LETTER_BOTTOM_RULE_CX}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="{round(width_emu)}"><a:solidFill><a:srgbClr val="{RED}"/></a:solidFill>'
        '</a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')


def add_title(doc: DocxDocument, text: str) -> None:
    """The title (二号小标宋, centred, not bold) followed by one blank line."""
    _para(doc, "公文标题", text)
    add_blank(doc, 1)


def add_addressee(doc: DocxDocument, text: str) -> None:
    """The 主送 line, flush left (the text ends with "：")."""
    _para(doc, "主送", text)


def add_paragraph(doc: DocxDocument, text: str) -> None:
    """A body paragraph indented 2 字 on its first line."""
    p = _para(doc, "正文", text)
    _set_ppr(p, f'<w:ind w:firstLineChars="{FIRST_LINE_CHARS}" w:firstLine="{FIRST_LINE}"/>')


def add_heading(doc: DocxDocument, text: str, level: int) -> None:
    """A heading: 1 黑体 "一、", 2 楷体 "（一）", 3 仿宋 "1.", all 三号, 2 字 in."""
    if level not in _HEADING_STYLES:
        raise ValueError(f"heading level must be 1, 2 or 3, not {level!r}")
    _para(doc, _HEADING_STYLES[level], text)


def add_tag(doc: DocxDocument, tag: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag such as "{%p for x in xs %}"."""
    _para(doc, "正文", tag)


def _cell_xml(text: str, width: int, style: str, font_pt: float, bold: bool = False) -> str:
    from xml.sax.saxutils import escape
    rpr = ""
    if font_pt != PT_TABLE or bold:
        sz = round(font_pt * 2)
        rpr = "<w:rPr>" + ("<w:b/><w:bCs/>" if bold else "") + \
              (f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>' if font_pt != PT_TABLE else "") + "</w:rPr>"
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{STYLE_IDS[style]}"/></w:pPr>{run}</w:p></w:tc>')


def _row_xml(cells: list[str], widths: list[int], style: str, font_pt: float, header: bool = False) -> str:
    trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
    return "<w:tr>" + trpr + "".join(
        _cell_xml(t, w, style, font_pt) for t, w in zip(cells, widths, strict=False)) + "</w:tr>"


def add_table(doc: DocxDocument, headers: list[str], cells: list[str], loop: str, widths_mm: list[float],
              total: list[str] | None = None, font_pt: float = PT_TABLE) -> None:
    """A bordered table within 156 mm: repeated header row, a {%tr for row in loop %} row, optional total."""
    n = len(headers)
    if len(cells) != n or len(widths_mm) != n or (total is not None and len(total) != n):
        raise ValueError("headers, cells, widths_mm (and total) must have the same length")
    if sum(widths_mm) > TEXT_W_MM + 1e-9:
        raise ValueError(f"table is {sum(widths_mm)} mm wide, more than the 156 mm 版心")
    widths = [round(w * TWIPS_PER_MM) for w in widths_mm]
    while sum(widths) > TEXT_W:  # rounding must not push the table past 8845 twips
        widths[widths.index(max(widths))] -= 1
    border = f'w:val="single" w:sz="{TABLE_BORDER_SZ}" w:space="0" w:color="{BLACK}"'
    rows = [_row_xml(headers, widths, "表头", font_pt, header=True),
            _row_xml([f"{{%tr for row in {loop} %}}"] + [""] * (n - 1), widths, "表格文字", font_pt),
            _row_xml(cells, widths, "表格文字", font_pt),
            _row_xml(["{%tr endfor %}"] + [""] * (n - 1), widths, "表格文字", font_pt)]
    if total is not None:
        rows.append(_row_xml(total, widths, "表格文字", font_pt))
    tbl = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/>'
        f'<w:insideH {border}/><w:insideV {border}/></w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000"/></w:tblPr>'
        f'<w:tblGrid>{"".join(f"<w:gridCol w:w={chr(34)}{w}{chr(34)}/>" for w in widths)}</w:tblGrid>'
        + "".join(rows) + "</w:tbl>")
    body = doc.element.body
    body.insert(len(body) - 1, tbl)  # before the final sectPr


def signature_indent(organ: str, date: str = TYPICAL_DATE) -> int:
    """Right indent (twips) that centres a 署名 over a date set 4 字 from the right (sealed layout)."""
    shift = (_width(date) - _width(organ)) / 2 * CHAR_BODY
    return max(0, round(DATE_RIGHT + shift))


def _keep_with_next(paragraph: Paragraph) -> None:
    _set_ppr(paragraph, "<w:keepNext/>")


def add_signature(doc: DocxDocument, organs: str | list[tuple[str, str]], date: str, *,
                  date_sample: str = TYPICAL_DATE) -> None:
    """Sealed signature: blank line, each 署名 centred over the date, date 4 字 from the right.

    `organs` is the 署名 text, or (text, example) pairs when the text is a template tag: the indent
    is computed from the example (e.g. the configured organ name) and `date_sample`. The last body
    paragraph, the blank line and the 署名 lines keep with the next, so the date never starts a
    page without at least one body line (GB/T 9704 §7.3.5).
    """
    pairs = [(organs, organs)] if isinstance(organs, str) else list(organs)
    previous = doc.paragraphs[-1] if doc.paragraphs else None
    if previous is not None and previous.text.strip() and not previous.text.lstrip().startswith("{%"):
        _keep_with_next(previous)
    add_blank(doc, 1)
    _keep_with_next(doc.paragraphs[-1])
    for text, example in pairs:
        p = _para(doc, "署名", text)
        _set_ppr(p, f'<w:keepNext/><w:ind w:right="{signature_indent(example, date_sample)}"/>')
    _para(doc, "成文日期", date)


def add_joint_signature(doc: DocxDocument, organs: list[str], date: str) -> None:
    """Joint issue (§7.3.5.1): the 署名 side by side on one line, each centred in its half so each seal has room
    over its own name; a blank line above for the seals; the date under the last 署名, 4 字 from the right."""
    previous = doc.paragraphs[-1] if doc.paragraphs else None
    if previous is not None and previous.text.strip() and not previous.text.lstrip().startswith("{%"):
        _keep_with_next(previous)
    add_blank(doc, 2)
    for blank in doc.paragraphs[-2:]:
        _keep_with_next(blank)
    half = TEXT_W // len(organs)
    tabs = "".join(f'<w:tab w:val="center" w:pos="{half * n + half // 2}"/>' for n in range(len(organs)))
    p = _para(doc, "署名", "".join(f"\t{name}" for name in organs))
    _set_ppr(p, f'<w:keepNext/><w:tabs>{tabs}</w:tabs><w:ind w:left="0" w:right="0"/><w:jc w:val="left"/>')
    _para(doc, "成文日期", date)


def add_attachment_note(doc: DocxDocument, text: str) -> None:
    """An 附件说明 line "附件：1. 名称", 2 字 in, wrapped lines aligned after "附件："."""
    p = _para(doc, "附件说明", text)
    lead = 3 * CHAR_BODY  # "附件：" is three characters wide
    _set_ppr(p, f'<w:ind w:left="{FIRST_LINE + lead}" w:hanging="{lead}"/>')


def add_page_break(doc: DocxDocument) -> None:
    """A page break (the next paragraph starts a new page)."""
    p = _para(doc, "正文")
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:br w:type="page"/></w:r>'))


def _colophon_row(text: str, ppr: str) -> str:
    from xml.sax.saxutils import escape
    runs = "".join(f'<w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r>' if t != "\t" else "<w:r><w:tab/></w:r>"
                   for t in text.replace("\t", "\x00\t\x00").split("\x00") if t)
    return (f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{COLOPHON_W}" w:type="dxa"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{STYLE_IDS["版记"]}"/>{ppr}</w:pPr>{runs}</w:p></w:tc></w:tr>')


def add_colophon(doc: DocxDocument, cc: str, printer: str, printed_on: str, *, cc_if: str | None = None) -> None:
    """The 版记 (文件 only): a floating table at the 版心 bottom; rules thick, thin (between rows), thick.

    The table floats (tblpYSpec="bottom", vertAnchor="margin"), so its last rule sits on the 版心
    bottom of the page it lands on, without a render pass. An empty `cc` leaves out the 抄送 row; with
    `cc_if` the 抄送 row is wrapped in docxtpl row tags "{%tr if cc_if %}" … "{%tr endif %}".
    Horizontally it is placed from the PAGE edge at the 订口 (tblpX = left margin): LibreOffice imports a
    margin-anchored table as wide as the 版心 as an ordinary flowing table, a page-anchored one floats.
    Limitation: the standard also wants that page to be even; that still needs a render pass.
    """
    lead = 3 * CHAR_SMALL  # wrapped 抄送 lines align after "抄送："
    rows = []
    if cc:
        cc_row = _colophon_row(cc, f'<w:ind w:left="{COLOPHON_INDENT + lead}" w:right="{COLOPHON_INDENT}" '
                                   f'w:hanging="{lead}"/>')
        rows += [_colophon_row(f"{{%tr if {cc_if} %}}", ""), cc_row, _colophon_row("{%tr endif %}", "")] \
            if cc_if else [cc_row]
    rows.append(_colophon_row(f"{printer}\t{printed_on}", f'<w:tabs><w:tab w:val="right" '
                              f'w:pos="{COLOPHON_W - COLOPHON_INDENT}"/></w:tabs>'
                              f'<w:ind w:left="{COLOPHON_INDENT}" w:right="{COLOPHON_INDENT}"/>'))
    black = f'w:space="0" w:color="{BLACK}"'
    tbl = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" '
        'w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="page" '
        f'w:tblpX="{MARGIN_LEFT}" w:tblpYSpec="bottom"/><w:tblOverlap w:val="never"/>'
        f'<w:tblW w:w="{COLOPHON_W}" w:type="dxa"/><w:tblBorders>'
        f'<w:top w:val="single" w:sz="{COLOPHON_THICK_SZ}" {black}/><w:left w:val="nil"/>'
        f'<w:bottom w:val="single" w:sz="{COLOPHON_THICK_SZ}" {black}/><w:right w:val="nil"/>'
        f'<w:insideH w:val="single" w:sz="{COLOPHON_THIN_SZ}" {black}/><w:insideV w:val="nil"/></w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
        f'</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="{COLOPHON_W}"/></w:tblGrid>'
        + "".join(rows) + "</w:tbl>")
    body = doc.element.body
    body.insert(len(body) - 1, tbl)
    _para(doc, "版记线")  # the paragraph the floating table anchors to (Word needs one after a table)


