"""GB/T 9704 checks of the page: sections, footers and page numbers, tables, fonts, colours."""
from __future__ import annotations

import re

from docx.oxml.ns import qn

from reportgen.gbt9704.docx_model import (Element, SONG, _MM, Para, _black, _get,
                         _int, _mm, _short, _x, attr, font, in_set, para_text, prop,
                         size)

from reportgen.gbt9704.checks import (_sect_dims, _text_width, _check_colophon, _TAG, Ctx, _is_colophon)






def _check_sections(ctx: Ctx) -> None:
    for i, sp in enumerate(ctx.sections, 1):
        dims, where = _sect_dims(sp), f"节{i}"
        if not dims["w"] or not dims["h"] or dims["top"] is None:
            ctx.add("page-size", "error", where, f"{where}未设置纸张大小或页边距：请在页面设置中选A4纸并设置页边距")
            continue
        d = {k: v for k, v in dims.items() if v is not None}  # with a size and margins, every one is set
        w, h = (d["h"], d["w"]) if d["w"] > d["h"] else (d["w"], d["h"])
        if abs(w / _MM - 210) > 0.5 or abs(h / _MM - 297) > 0.5:
            ctx.add("page-size", "error", where, f"{where}纸张为{_mm(w)}×{_mm(h)}毫米，应为A4（210×297毫米）："
                    "页面设置→纸张大小→A4")
        if d["w"] > d["h"]:
            continue  # a landscape table page: §8 keeps only the page-number position
        for key, want, name in (("top", 37, "上边距（天头）"), ("left", 28, "左边距（订口）")):
            if abs(d[key] / _MM - want) > 1:
                ctx.add("margins", "error", where, f"{where}{name}为{_mm(d[key])}毫米，应为{want}±1毫米")
        for got, want, name in ((d["h"] - d["top"] - d["bottom"], 225, "高"), (d["w"] - d["left"] - d["right"], 156, "宽")):
            if abs(got / _MM - want) > 1:
                ctx.add("type-area", "error", where, f"{where}版心{name}{_mm(got)}毫米，应为{want}±1毫米："
                        "上37、下35、左28、右26毫米")
        if d["gutter"]:
            ctx.add("gutter", "error", where, f"{where}装订线为{_mm(d['gutter'])}毫米，应为0")
        if d["footer"] is not None and not 20 <= d["footer"] / _MM <= 29:
            ctx.add("footer-distance", "warning", where, f"{where}页脚距边界{_mm(d['footer'])}毫米，"
                    "页码应在版心下边缘之下约7毫米：页脚距边界宜为20–29毫米")


def _footer(ctx: Ctx, index: int, typ: str) -> Element | None:
    for sp in reversed(ctx.sections[:index + 1]):  # a section without its own footer inherits
        ref = _x(sp, f"w:footerReference[@w:type='{typ}']")
        if ref:
            return ctx.doc.part.related_parts[ref[0].get(qn("r:id"))].element
    return None


def _page_field_text(p: Element) -> tuple[str, bool]:
    """The paragraph's text with a PAGE field shown as N, and whether it has one."""
    out, state, instr, has = [], None, "", False
    for el in p.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "fldSimple" and "PAGE" in (_get(el, "instr") or "").upper().split():
            out.append("N")
            has = True
        elif tag == "fldChar":
            kind = _get(el, "fldCharType")
            if kind == "begin":
                state, instr = "instr", ""
            elif kind in ("separate", "end"):
                if state == "instr" and "PAGE" in instr.upper().split():
                    out.append("N")
                    has = True
                state = "result" if kind == "separate" else None
        elif tag == "instrText" and state == "instr":
            instr += el.text or ""
        elif tag == "t" and state is None and el.getparent().getparent().tag != qn("w:fldSimple"):
            out.append(el.text or "")
    return "".join(out).strip(), has


def _check_footers(ctx: Ctx, kind: str | None) -> None:
    even_odd = _x(ctx.doc.settings.element, "w:evenAndOddHeaders")
    if not even_odd or _get(even_odd[0], "val") in ("0", "false", "off"):
        ctx.add("footer-even", "error", "页面设置", "未设置「奇偶页不同」：单页码居右、双页码居左，"
                "请在页面设置→版式中勾选奇偶页不同（settings.xml 的 w:evenAndOddHeaders）")
    if kind == "信函":
        sp = ctx.sections[0]
        title_pg = _x(sp, "w:titlePg")
        first = _footer(ctx, 0, "first")
        if not title_pg or _get(title_pg[0], "val") in ("0", "false"):
            ctx.add("first-page-number", "error", "节1", "信函首页不显示页码：请勾选「首页不同」（w:titlePg）并让首页页脚为空")
        elif first is not None and any(para_text(p).strip() or _page_field_text(p)[1] for p in _x(first, ".//w:p")):
            ctx.add("first-page-number", "error", "页脚（首页）", "信函首页页脚应为空：请删去首页页脚中的页码和文字")
    seen = set()
    for i in range(len(ctx.sections)):
        for typ, rule, label, jc_ok, side in (("default", "footer-odd", "奇数页", ("right", "end"), "right"),
                                             ("even", "footer-even", "偶数页", ("left", "start", None), "left")):
            el = _footer(ctx, i, typ)
            if el is not None and id(el) in seen:
                continue
            where = f"页脚（{label}）" if i == 0 else f"节{i + 1}页脚（{label}）"
            if el is None:
                ctx.add(rule, "error", where, f"{where}没有页码：请插入「— 页码 —」")
                continue
            seen.add(id(el))
            pn = [p for p in _x(el, ".//w:p") if _page_field_text(p)[1]]
            if not pn:
                ctx.add(rule, "error", where, f"{where}没有PAGE页码域：请插入页码域，写成「— 1 —」")
                continue
            _check_page_number(ctx, Para(pn[0], para_text(pn[0]), where), rule, jc_ok, side)


def _check_page_number(ctx: Ctx, p: Para, rule: str, jc_ok: tuple[str | None, ...], side: str) -> None:
    pc, where = ctx.pc(p), p.where
    jc = prop(pc, "jc")
    if jc not in jc_ok:
        ctx.add(rule, "error", where, f"{where}页码对齐方式为「{jc or '左'}」，应{'居右' if side == 'right' else '居左'}")
    ind = _int(attr(pc, "ind", side) or attr(pc, "ind", "end" if side == "right" else "start"), 0)
    if not 280 <= ind <= 320:
        ctx.add(rule, "error", where, f"{where}页码{'右' if side == 'right' else '左'}缩进{ind}缇，"
                "应空一字（280–320缇）")
    text, _ = _page_field_text(p.el)
    if not re.fullmatch(r"—\s?N\s?—", text):
        ctx.add("page-number", "error", where, f"{where}页码为「{text.replace('N', '1')}」，应为「— 1 —」"
                "（一字线U+2014，两侧各一个空格）")
    for r in _x(p.el, ".//w:r"):
        rc = ctx.rc(p, r)
        if not in_set(font(rc), SONG) or size(rc) != 28:
            ctx.add("page-number", "error", where, f"{where}页码字体为「{font(rc)}」{size(rc) / 2:g}磅，应为4号宋体"
                    "（14磅，中文字体宋体）")
            return


def _check_tables(ctx: Ctx, kind: str | None) -> None:
    for tbl, where, sec in ctx.tables:
        d = _sect_dims(ctx.sections[min(sec, len(ctx.sections) - 1)])
        limit = 12756 if (d["w"] or 0) > (d["h"] or 1) else 8845
        grid = sum(_int(w, 0) for w in _x(tbl, "w:tblGrid/w:gridCol/@w:w"))
        tw, typ = _x(tbl, "w:tblPr/w:tblW/@w:w"), _x(tbl, "w:tblPr/w:tblW/@w:type")
        width = grid
        if tw and typ and typ[0] == "dxa":
            width = max(grid, _int(tw[0], 0))
        elif tw and typ and typ[0] == "pct":
            pct = float(tw[0].rstrip("%")) * (1 if tw[0].endswith("%") else 0.02)
            width = max(grid, int(_text_width(ctx, sec) * pct / 100))
        width += max(0, _int(next(iter(_x(tbl, "w:tblPr/w:tblInd/@w:w")), 0), 0))
        if width > limit + 5:
            ctx.add("table-width", "error", where, f"{where}宽{_mm(width)}毫米，超出版心（{_mm(limit)}毫米）："
                    "请缩小列宽，或把表格放在横向页面上")
        cells = [Para(p, para_text(p), where) for p in _x(tbl, ".//w:p")]
        colophon = [c for c in cells if _is_colophon(c.text)]
        for c in colophon:
            c.in_table = True
            _check_colophon(ctx, c, kind)
        borders = _x(tbl, ".//w:tblBorders/* | .//w:tcBorders/*")
        if colophon and any(not _black(b.get(qn("w:color"))) for b in borders):
            ctx.add("colophon-rules", "error", where, f"{where}版记分隔线应为黑色（0.35/0.25毫米）")
        rows = _x(tbl, "w:tr")
        header = _x(rows[0], "w:trPr/w:tblHeader") if rows else []
        if len(rows) >= 2 and not colophon and (not header or _get(header[0], "val") in ("0", "false")):
            ctx.add("table-header", "error", where, f"{where}的标题行未设置「在各页顶端以标题行形式重复出现」"
                    "（w:tblHeader）：表格跨页时读者看不到列名")


def _check_fonts(ctx: Ctx, footers: list[Para]) -> None:
    bad = []
    for p in ctx.paras + footers:
        for r in ctx.visible(p):
            f = font(ctx.rc(p, r))
            if not f or f.startswith("theme:"):
                bad.append((p, f))
                break
    for p, f in bad[:10]:
        ctx.add("east-asian-font", "error", p.where, f"{p.where}的文字没有指定中文字体（{f or '无 w:eastAsia'}），"
                "Word/WPS会换用其他字体：请为该段及其样式设置中文字体")
    if len(bad) > 10:
        ctx.add("east-asian-font", "error", "全文", f"另有{len(bad) - 10}段文字没有指定中文字体")
    st = ctx.styles
    missing = [sid for sid, s in st.by_id.items() if s.get(qn("w:type")) in ("paragraph", "character")
               and (font(st.chain(sid, "rPr") + st.r_default) or "theme:").startswith("theme:")]
    if missing:
        ctx.add("east-asian-font", "error", "styles.xml", f"{len(missing)}个样式没有可用的中文字体（如「{'」「'.join(missing[:5])}」）："
                "请在每个样式或文档默认字体（docDefaults）中设置 w:eastAsia")
    for part in ctx.doc.part.package.iter_parts():
        el = getattr(part, "_element", None)
        if el is None or not str(part.partname).startswith("/word/"):
            continue
        themed = [rf for rf in el.iter(qn("w:rFonts")) if any(k.lower().endswith("theme") for k in rf.attrib)]
        if themed:
            owners = {a.get(qn("w:styleId")) or "?" for rf in themed for a in rf.iterancestors(qn("w:style"))} or {"文档默认字体"}
            ctx.add("theme-font", "error", str(part.partname).lstrip("/"),
                    f"{str(part.partname).lstrip('/')}中有{len(themed)}处字体使用主题字体（*Theme 属性，涉及「"
                    f"{'」「'.join(sorted(owners)[:5])}」），它会覆盖指定的字体名：请删除这些属性")


def _check_colour_and_tags(ctx: Ctx, marks: set[int], footers: list[Para]) -> None:
    for p in ctx.paras + footers:
        if not ctx.template and _TAG.search(p.text):
            ctx.add("unrendered-tag", "error", p.where, f"{p.where}还留有模板标签「{_short(p.text)}」：模板变量未被替换，请检查模板")
        if id(p.el) in marks:
            continue
        for r in ctx.visible(p):
            c = prop(ctx.rc(p, r), "color")
            if not _black(c):
                ctx.add("red-only-marks", "error", p.where, f"{p.where}文字颜色为「{c}」：除发文机关标志外，正文一律用黑色")
                break
