"""GB/T 9704-2012 machine checks on a .docx: page, fonts, sizes, spacing, marks, dates, footers, tables.

Formatting is judged on *effective* values, as resolved by docx_model.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx.document import Document as _Document
from docx.oxml.ns import qn

from reportgen.gbt9704.docx_model import (FANGSONG, HEI, KAI, SONG, XBS, _FONT_NAME, _MM, Para, Styles, _black, _collect, _get,
                         _int, _mm, _open, _runs, _short, _x, attr, bold, font, in_set, is_red, para_text, prop,
                         run_text, size)

RULES: dict[str, str] = {
    "unreadable": "文件无法打开",
    "page-size": "纸张为A4纵向（210×297毫米）",
    "margins": "页边距：天头37毫米、订口28毫米",
    "type-area": "版心156×225毫米",
    "gutter": "装订线为0",
    "footer-odd": "奇数页页码居右空一字",
    "footer-even": "偶数页页码居左空一字",
    "page-number": "页码为「— 1 —」、4号宋体",
    "footer-distance": "页脚距边界20–29毫米",
    "first-page-number": "信函首页不显示页码",
    "body-font": "正文为3号仿宋",
    "body-indent": "正文首行缩进2字",
    "line-spacing": "正文固定行距28.95磅（每页22行）",
    "paragraph-spacing": "正文段前段后为0",
    "bold": "正文不加粗",
    "title-font": "标题为2号小标宋、居中、不加粗",
    "title-position": "标题位于红色分隔线下空二行",
    "addressee": "主送机关顶格、以全角冒号结尾",
    "heading-font": "层次序数：一、黑体，（一）楷体，1.（1）仿宋，均为3号",
    "issuer-mark": "发文机关标志红色、居中、小标宋",
    "docno-form": "发文字号为「代字〔年份〕序号号」",
    "red-line": "版头红色分隔线（文件156毫米；信函170毫米双线）",
    "date-form": "成文日期用阿拉伯数字、不补零、右对齐",
    "attachment-note": "附件说明「附件：1. 名称」、名称后不加标点",
    "attachment-label": "附件标识「附件N」为黑体、另起一页",
    "note-form": "附注加圆括号",
    "colophon": "抄送、印发为4号仿宋、左右各空一字、抄送以句号结尾",
    "colophon-rules": "版记分隔线为黑色",
    "letter-colophon": "信函版记不加印发机关和印发日期",
    "red-only-marks": "除发文机关标志和分隔线外不用彩色文字",
    "table-width": "表格不超出版心宽度",
    "table-header": "跨页表格重复标题行",
    "east-asian-font": "每个样式和文字都指定中文字体（w:eastAsia）",
    "theme-font": "不使用主题字体（*Theme 属性）",
    "unrendered-tag": "成文中不留模板标签",
}

_SIZE = {44: "2号", 32: "3号", 28: "4号"}
_CN_NUM = "一二三四五六七八九十"
HEADINGS = ((re.compile(rf"^[{_CN_NUM}]+、"), HEI, "一、"), (re.compile(rf"^（[{_CN_NUM}]+）"), KAI, "（一）"),
            (re.compile(r"^\d+[.．]"), FANGSONG, "1."), (re.compile(r"^（\d+）"), FANGSONG, "（1）"))
DOCNO = re.compile(r"^\S+〔\d{4}〕([1-9]\d*|\s+)号$")
DATE = re.compile(r"^(\d{4})年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日$")
_DATE_LIKE = re.compile(r"^[\d〇零○Ｏ０-９一二三四五六七八九十]{2,4}\s*年\s*[\d０-９一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d０-９一二三四五六七八九十]{1,3}\s*日$")
_DOCNO_LIKE = re.compile(r"号$|[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]")
_TAG = re.compile(r"\{\{|\{%|\{#")
_DOUBLE = {"double", "thickThinSmallGap", "thinThickSmallGap", "thickThinMediumGap", "thinThickMediumGap",
           "thickThinLargeGap", "thinThickLargeGap", "dbl", "thickThin", "thinThick", "triple"}


@dataclass(frozen=True)
class Finding:
    """One way a document departs from GB/T 9704: rule slug, severity, where (Chinese) and message (Chinese)."""

    rule: str
    severity: str  # "error" | "warning"
    where: str
    message: str


@dataclass
class Ctx:
    doc: _Document
    styles: Styles
    template: bool
    paras: list
    tables: list  # (tbl element, where, section index)
    sections: list
    findings: list

    def add(self, rule: str, severity: str, where: str, message: str) -> None:
        self.findings.append(Finding(rule, severity, where, message))

    def rc(self, p: Para, r) -> list:
        return self.styles.run_chain(p.el, r, p.tbl_style)

    def pc(self, p: Para) -> list:
        return self.styles.para_chain(p.el, p.tbl_style)

    def visible(self, p: Para) -> list:
        return [r for r in _runs(p.el) if run_text(r).strip()]


def check_document(source: Path | bytes | _Document, kind: str | None = None, *,
                   template: bool = False) -> list[Finding]:
    """The GB/T 9704 findings of a .docx (kind "文件" | "信函" | None to detect); never raises on bad input."""
    try:
        doc = _open(source)
    except Exception as exc:  # a broken file is a finding, not a traceback
        name = source.name if isinstance(source, Path) else "文档"
        return [Finding("unreadable", "error", str(name),
                        f"无法打开「{name}」：{type(exc).__name__}。请确认它是用Word或WPS保存的 .docx 文件")]
    paras, tables, sections = _collect(doc)
    ctx = Ctx(doc, Styles(doc.styles.element), template, paras, tables, sections, [])
    return _run_all(ctx, kind)


def check_template(path: Path) -> list[Finding]:
    """The same rules on an unrendered template: jinja tags allowed, tag-only text not judged as text."""
    return check_document(path, template=True)


# ---------------------------------------------------------------- rules

def _sect_dims(sp) -> dict:
    pg, mar = _x(sp, "w:pgSz"), _x(sp, "w:pgMar")
    d = {k: _int(_get(pg[0], k)) if pg else None for k in ("w", "h")}
    d.update({k: abs(_int(_get(mar[0], k), 0)) if mar else None
              for k in ("top", "bottom", "left", "right", "gutter", "footer")})
    return d


def _text_width(ctx: Ctx, sec: int) -> int:
    d = _sect_dims(ctx.sections[min(sec, len(ctx.sections) - 1)])
    return (d["w"] or 11906) - (d["left"] or 0) - (d["right"] or 0)


def _check_sections(ctx: Ctx) -> None:
    for i, sp in enumerate(ctx.sections, 1):
        d, where = _sect_dims(sp), f"节{i}"
        if not d["w"] or not d["h"] or d["top"] is None:
            ctx.add("page-size", "error", where, f"{where}未设置纸张大小或页边距：请在页面设置中选A4纸并设置页边距")
            continue
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


def _footer(ctx: Ctx, index: int, typ: str):
    for sp in reversed(ctx.sections[:index + 1]):  # a section without its own footer inherits
        ref = _x(sp, f"w:footerReference[@w:type='{typ}']")
        if ref:
            return ctx.doc.part.related_parts[ref[0].get(qn("r:id"))].element
    return None


def _page_field_text(p) -> tuple[str, bool]:
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


def _check_page_number(ctx: Ctx, p: Para, rule: str, jc_ok: tuple, side: str) -> None:
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


def _red_lines(ctx: Ctx, p: Para) -> list[tuple[float, bool]]:
    """Red rules drawn by paragraph `p`: (length in twips, double?)."""
    out, pc = [], ctx.pc(p)
    sides = [attr(pc, f"pBdr/w:{side}", "val") for side in ("top", "bottom")
             if attr(pc, f"pBdr/w:{side}", "val") not in (None, "nil", "none")
             and is_red(attr(pc, f"pBdr/w:{side}", "color"))]
    if sides:  # red top and bottom borders of one (thin) paragraph draw a double rule too
        indent = sum(_int(attr(pc, "ind", k), 0) for k in ("left", "right"))
        out.append((_text_width(ctx, p.section) - indent, len(sides) == 2 or sides[0] in _DOUBLE))
    for ln in _x(p.el, ".//a:ln[not(ancestor::mc:Fallback)]"):
        if any(is_red(c) for c in _x(ln, "a:solidFill/a:srgbClr/@val")):
            cx = _x(ln, "ancestor::wp:anchor/wp:extent/@cx | ancestor::wp:inline/wp:extent/@cx")
            out.append((int(cx[0]) / 635 if cx else 0, ln.get("cmpd") in _DOUBLE))
    if not out:  # VML only when there is no DrawingML twin
        for v in _x(p.el, ".//v:line | .//v:rect"):
            colour = v.get("strokecolor") if v.tag.endswith("line") else v.get("fillcolor")
            if is_red(colour):
                style = _x(v, "v:stroke/@linestyle")
                out.append((_vml_length(v), bool(style) and style[0] != "single"))
    return out


def _vml_length(v) -> float:
    def twips(text: str) -> float:
        m = re.fullmatch(r"\s*(-?[\d.]+)\s*(pt|mm|cm|in|px)?\s*", text or "0")
        if not m:
            return 0.0
        return float(m[1]) * {"pt": 20, "mm": _MM, "cm": _MM * 10, "in": 1440, "px": 15, None: 15}[m[2]]
    if v.tag.endswith("line"):
        return abs(twips((v.get("to") or "0").split(",")[0]) - twips((v.get("from") or "0").split(",")[0]))
    style = dict(kv.split(":", 1) for kv in (v.get("style") or "").split(";") if ":" in kv)
    return twips(style.get("width", "0"))


def _jc(ctx: Ctx, p: Para) -> str:
    return {"end": "right", "start": "left", "both": "left", "distribute": "left", None: "left"}.get(
        prop(ctx.pc(p), "jc"), prop(ctx.pc(p), "jc"))


def _all_red(ctx: Ctx, p: Para) -> bool:
    runs = ctx.visible(p)
    return bool(runs) and all(is_red(prop(ctx.rc(p, r), "color")) for r in runs)


def _fonts_ok(ctx: Ctx, p: Para, family: str, half_points: int, runs=None) -> tuple[str, int] | None:
    """The (font, size) of the first visible run that is not `family` at `half_points`, else None."""
    for r in ctx.visible(p) if runs is None else runs:
        rc = ctx.rc(p, r)
        if not in_set(font(rc), family) or size(rc) != half_points:
            return font(rc) or "未指定", size(rc)
    return None


def _font_msg(p: Para, what: str, got: tuple[str, int], family: str, half_points: int) -> str:
    return (f"{p.where}的字体为「{got[0]}」{got[1] / 2:g}磅，{what}应为{_SIZE.get(half_points, '')}{family}"
            f"（{half_points / 2:g}磅，中文字体如「{_FONT_NAME[family]}」）：请修改该段的中文字体和字号")


def _header(ctx: Ctx, top: list, kind: str | None) -> tuple[str | None, int]:
    """Find and check the 版头 (issuer mark, document number, red rule); the detected kind and its end index."""
    filled = [i for i, p in enumerate(top) if p.text.strip()]
    marks, lines, skipped = [], [], 0
    for i in filled[:8]:
        if _all_red(ctx, top[i]):
            marks.append(i)
        elif marks or skipped >= 3 or not re.search(r"^\d{6}$|★|急|密", top[i].text.strip()):
            break
        else:
            skipped += 1
    start = marks[0] if marks else 0
    for i in range(start, min(len(top), (marks[-1] if marks else 0) + 7)):
        lines += [(i, length, double) for length, double in _red_lines(ctx, top[i])]
    title_pg = _x(ctx.sections[0], "w:titlePg")
    if kind is None:
        if (title_pg and _get(title_pg[0], "val") not in ("0", "false")) or any(d for _, _, d in lines):
            kind = "信函"
        elif marks or lines:
            kind = "文件"
    if kind is None:
        return None, -1
    after = [i for i in filled if i > (marks[-1] if marks else -1)][:3]
    docno = next((i for i in after if _DOCNO_LIKE.search(top[i].text.strip()) or _TAG.search(top[i].text)), None)
    end = max([*marks, *(i for i, _, _ in lines), docno if docno is not None else -1])
    if not marks:
        ctx.add("issuer-mark", "error", "版头", f"{kind}格式缺少发文机关标志：版头第一行应为红色、居中的发文机关名称"
                f"{'加「文件」' if kind == '文件' else ''}")
    for i in marks:
        p = top[i]
        if _jc(ctx, p) != "center":
            ctx.add("issuer-mark", "error", p.where, f"{p.where}发文机关标志应居中")
        bad = next((font(ctx.rc(p, r)) for r in ctx.visible(p) if not in_set(font(ctx.rc(p, r)), XBS)), False)
        if bad is not False:
            ctx.add("issuer-mark", "error", p.where, f"{p.where}发文机关标志字体为「{bad or '未指定'}」，"
                    "应为小标宋（如「方正小标宋简体」）")
    _check_docno(ctx, top, docno, kind)
    _check_rule(ctx, top, lines, kind)
    return kind, end


def _check_docno(ctx: Ctx, top: list, docno: int | None, kind: str) -> None:
    if docno is None:
        ctx.add("docno-form", "error", "版头", "版头中没有发文字号：应在发文机关标志下写「银工信发〔2021〕5号」")
        return
    p = top[docno]
    text = p.text.split("\t")[-1].strip()
    want = "right" if kind == "信函" else "center"
    if _jc(ctx, p) != want and "\t" not in p.text:
        ctx.add("docno-form", "warning", p.where, f"{p.where}发文字号应{'居右' if want == 'right' else '居中'}")
    if (ctx.template and _TAG.search(text)) or DOCNO.match(text):
        return
    hint = ("年份应用六角括号〔〕" if re.search(r"[\[［(（【]\d{4}", text) else "序号不编虚位（不写0）"
            if re.search(r"〕\s*0", text) else "不加「第」字" if "第" in text else "应为「代字〔年份〕序号号」")
    ctx.add("docno-form", "error", p.where, f"{p.where}发文字号「{text}」格式不对：{hint}，如「银工信发〔2021〕5号」；"
            "未编号时保留空格「银工信函〔2021〕  号」")


def _check_rule(ctx: Ctx, top: list, lines: list, kind: str) -> None:
    want, where = (170, "信函") if kind == "信函" else (156, "文件")
    if not lines:
        ctx.add("red-line", "error", "版头", f"版头没有红色分隔线：{where}格式应在发文字号下画{want}毫米红线"
                f"{'（上粗下细双线）' if kind == '信函' else ''}")
        return
    i, length, double = lines[0]
    if abs(length / _MM - want) > 1:
        ctx.add("red-line", "error", top[i].where, f"{top[i].where}红色分隔线长{_mm(length)}毫米，应为{want}±1毫米")
    if kind == "信函" and not double:
        ctx.add("red-line", "error", top[i].where, f"{top[i].where}信函的红色分隔线应为双线（上粗下细）")
    if kind == "信函" and len(lines) < 2 and not any(
            d for p in ctx.paras[top.index(top[i]) + 1:] if not p.in_table for _, d in _red_lines(ctx, p)):
        ctx.add("red-line", "warning", "版面", "信函页面下方（距下边缘20毫米）还应有一条170毫米的红色双线（上细下粗）")


def _check_title(ctx: Ctx, top: list, end: int, kind: str | None) -> int:
    """Check the title; the index of the last title paragraph (-1 when none)."""
    idx = next((i for i in range(end + 1, len(top)) if top[i].text.strip()
                and (kind or _jc(ctx, top[i]) == "center")), None)
    if idx is None:
        return end
    p = top[idx]
    if kind and end >= 0 and idx - end - 1 not in ((1, 2) if kind == "信函" else (2,)):
        ctx.add("title-position", "warning", p.where, f"{p.where}标题与红色分隔线之间有{idx - end - 1}个空行，应空二行")
    last = idx
    while True:
        if _jc(ctx, top[last]) != "center":
            ctx.add("title-font", "error", top[last].where, f"{top[last].where}标题应居中")
        got = _fonts_ok(ctx, top[last], XBS, 44)
        if got:
            ctx.add("title-font", "error", top[last].where, _font_msg(top[last], "标题", got, XBS, 44))
        if any(bold(ctx.rc(top[last], r)) for r in ctx.visible(top[last])):
            ctx.add("title-font", "error", top[last].where, f"{top[last].where}标题不加粗：请取消加粗")
        nxt = last + 1
        if nxt < len(top) and top[nxt].text.strip() and _jc(ctx, top[nxt]) == "center" \
                and not _fonts_ok(ctx, top[nxt], XBS, 44):
            last = nxt
            continue
        return last


def _page_break_before(ctx: Ctx, top: list, i: int) -> bool:
    if prop(ctx.pc(top[i]), "pageBreakBefore") not in (None, "0", "false"):
        return True
    if _x(top[i].el, "./w:r[1]/w:br[@w:type='page']"):
        return True
    j = i - 1
    while j >= 0 and not top[j].text.strip():
        if _x(top[j].el, ".//w:br[@w:type='page'] | w:pPr/w:sectPr"):
            return True
        j -= 1
    return j >= 0 and bool(_x(top[j].el, ".//w:br[@w:type='page'] | w:pPr/w:sectPr"))


def _heading_runs(ctx: Ctx, p: Para) -> list:
    """The runs of a heading up to its first full stop (a heading may lead into body text)."""
    out, seen = [], ""
    for r in ctx.visible(p):
        out.append(r)
        seen += run_text(r)
        if "。" in seen:
            break
    return out


def _check_body_para(ctx: Ctx, p: Para) -> None:
    text = p.text.strip()
    level = next((h for h in HEADINGS if h[0].match(text)), None)
    if level:
        got = _fonts_ok(ctx, p, level[1], 32, _heading_runs(ctx, p))
        if got:
            ctx.add("heading-font", "error", p.where, _font_msg(p, f"「{level[2]}」级标题", got, level[1], 32))
    else:
        got = _fonts_ok(ctx, p, FANGSONG, 32)
        if got and ctx.template and text.startswith("{{") and any(in_set(got[0], f) for f in (HEI, KAI)) \
                and got[1] == 32:
            got = None  # a tag that renders a heading of any level
        if got:
            ctx.add("body-font", "error", p.where, _font_msg(p, "正文", got, FANGSONG, 32))
    if any(bold(ctx.rc(p, r)) for r in ctx.visible(p)):
        ctx.add("bold", "warning" if level else "error", p.where, f"{p.where}{'标题加粗仅为地方习惯' if level else '正文不加粗'}"
                "：请取消加粗")
    pc = ctx.pc(p)
    chars, first = _int(attr(pc, "ind", "firstLineChars")), _int(attr(pc, "ind", "firstLine"), 0)
    if not (chars == 200 or (chars in (None, 0) and 630 <= first <= 650)) or _int(attr(pc, "ind", "hanging"), 0):
        ctx.add("body-indent", "error", p.where, f"{p.where}首行缩进为{chars / 100 if chars else first}"
                f"{'字' if chars else '缇'}，应为2字（firstLineChars=200 或 640缇）")
    line, rule = _int(attr(pc, "spacing", "line")), attr(pc, "spacing", "lineRule")
    grid = _x(ctx.sections[min(p.section, len(ctx.sections) - 1)], "w:docGrid")
    on_grid = bool(grid) and _get(grid[0], "type") in ("lines", "linesAndChars") \
        and _get(grid[0], "linePitch") == "579" and rule in (None, "auto") and line in (None, 240)
    if not (rule == "exact" and line == 579) and not on_grid:
        close = rule == "exact" and 560 <= (line or 0) <= 580
        ctx.add("line-spacing", "warning" if close else "error", p.where,
                f"{p.where}行距为{_line_name(rule, line)}，"
                "应为固定值28.95磅（579缇，每页22行）")
    spaced = [k for k in ("before", "after", "beforeLines", "afterLines") if _int(attr(pc, "spacing", k), 0)]
    if spaced or attr(pc, "spacing", "beforeAutospacing") in ("1", "true"):
        ctx.add("paragraph-spacing", "error", p.where, f"{p.where}段前/段后间距不为0：请把段前、段后都设为0行")


def _line_name(rule: str | None, line: int | None) -> str:
    if rule in (None, "auto"):
        return f"{(line or 240) / 240:g}倍行距"
    return f"{'固定值' if rule == 'exact' else '最小值'}{(line or 0) / 20:g}磅"


def _check_date(ctx: Ctx, p: Para) -> None:
    text = re.sub(r"\s", "", p.text)
    m = DATE.match(text)
    if re.search(r"[〇零○Ｏ一二三四五六七八九十]", text):
        ctx.add("date-form", "error", p.where, f"{p.where}成文日期「{text}」用了汉字数字：2012版标准用阿拉伯数字，如「2021年11月30日」")
    elif not m:
        ctx.add("date-form", "error", p.where, f"{p.where}成文日期「{text}」格式不对：年份4位，月、日不编虚位（不补0），如「2021年9月3日」")
    else:
        try:
            date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            ctx.add("date-form", "error", p.where, f"{p.where}成文日期「{text}」不是有效日期：请核对月份天数")
    if _jc(ctx, p) != "right":
        ctx.add("date-form", "error", p.where, f"{p.where}成文日期应右对齐（右空四字）")


def _check_colophon(ctx: Ctx, p: Para, kind: str | None) -> None:
    text, pc = p.text.strip(), ctx.pc(p)
    if text.endswith("印发") and kind == "信函":
        ctx.add("letter-colophon", "error", p.where, f"{p.where}信函的版记不写印发机关和印发日期：请删去该行")
    if text.startswith("抄送") and not re.fullmatch(r"抄送：.+。", text):
        ctx.add("colophon", "error", p.where, f"{p.where}应写成「抄送：机关一，机关二。」（全角冒号，句号结尾）")
    if text.endswith("印发") and not (ctx.template and _TAG.search(text)):
        m = re.search(r"(\d{4}年\d{1,2}月\d{1,2}日)印发$", re.sub(r"\s", "", text))
        if not m or not DATE.match(m[1]):
            ctx.add("colophon", "error", p.where, f"{p.where}印发日期应写成「2021年11月30日印发」（阿拉伯数字，不补0）")
    got = _fonts_ok(ctx, p, FANGSONG, 28)
    if got:
        ctx.add("colophon", "error", p.where, _font_msg(p, "版记", got, FANGSONG, 28))
    left = _int(attr(pc, "ind", "left") or attr(pc, "ind", "start"), 0) - _int(attr(pc, "ind", "hanging"), 0) \
        + _int(attr(pc, "ind", "firstLine"), 0)
    if not p.in_table and not 280 <= left <= 320:
        ctx.add("colophon", "warning", p.where, f"{p.where}版记文字应左空一字（左缩进280–320缇），现为{left}缇")
    for side in ("top", "bottom"):
        if not _black(attr(pc, f"pBdr/w:{side}", "color")):
            ctx.add("colophon-rules", "error", p.where, f"{p.where}版记分隔线应为黑色，现为「{attr(pc, f'pBdr/w:{side}', 'color')}」")


def _check_body(ctx: Ctx, top: list, start: int, kind: str | None) -> None:
    i, state = start + 1, "addressee"
    while i < len(top):
        p, text = top[i], top[i].text.strip()
        i += 1
        flat = re.sub(r"\s", "", text)
        if not text or (ctx.template and re.fullmatch(r"\{%.*%\}", text)):
            continue
        if state == "addressee":
            state = "body"
            if text.endswith("：") and not any(h[0].match(text) for h in HEADINGS):
                pc = ctx.pc(p)
                if _int(attr(pc, "ind", "firstLine"), 0) or _int(attr(pc, "ind", "firstLineChars"), 0) \
                        or _int(attr(pc, "ind", "left"), 0):
                    ctx.add("addressee", "warning", p.where, f"{p.where}主送机关应顶格（无缩进）")
                continue
        if re.match(r"^(抄送|主送)[：:]", text) or (flat.endswith("印发") and len(flat) < 60):
            _check_colophon(ctx, p, kind)
            continue
        if _DATE_LIKE.match(flat):
            if not (ctx.template and _TAG.search(text)):
                _check_date(ctx, p)
            state = "after-date"
            continue
        if state == "after-date" and text.startswith("（") and not re.fullmatch(r"（.+）", text):
            ctx.add("note-form", "error", p.where, f"{p.where}附注应整体加圆括号，如「（此件公开发布）」")
        if re.fullmatch(r"附件\s*\d*", text):
            got = _fonts_ok(ctx, p, HEI, 32)
            if got:
                ctx.add("attachment-label", "error", p.where, _font_msg(p, "附件标识", got, HEI, 32))
            if not _page_break_before(ctx, top, i - 1):
                ctx.add("attachment-label", "error", p.where, f"{p.where}附件应另起一页：请在「{text}」前插入分页符")
            state = "attachment-title"
            continue
        if state == "attachment-title":
            state = "body"
            continue
        if re.match(r"附件\s*[：:]", text):
            if re.search(r"[。；，.;,]$", text) or not re.match(r"附件：(\d+[.．]\s?)?\S", text):
                ctx.add("attachment-note", "error", p.where, f"{p.where}附件说明应写成「附件：1. 名称」，名称后不加标点")
            state = "attachment-list"
            continue
        if state == "attachment-list" and re.match(r"\d+[.．]", text):
            if re.search(r"[。；，.;,]$", text):
                ctx.add("attachment-note", "error", p.where, f"{p.where}附件名称后不加标点")
            continue
        if _jc(ctx, p) in ("center", "right"):
            continue  # 署名, table captions, (此页无正文)
        state = "body"
        _check_body_para(ctx, p)


def _is_colophon(text: str) -> bool:
    flat = re.sub(r"\s", "", text)
    return bool(re.match(r"(抄送|主送)[：:]", flat)) or (flat.endswith("印发") and len(flat) < 60)


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


def _check_fonts(ctx: Ctx, footers: list) -> None:
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
        themed = [rf for rf in el.iter(qn("w:rFonts")) if any(k.lower().endswith("theme") for k in rf.keys())]
        if themed:
            owners = {a.get(qn("w:styleId")) or "?" for rf in themed for a in rf.iterancestors(qn("w:style"))} or {"文档默认字体"}
            ctx.add("theme-font", "error", str(part.partname).lstrip("/"),
                    f"{str(part.partname).lstrip('/')}中有{len(themed)}处字体使用主题字体（*Theme 属性，涉及「"
                    f"{'」「'.join(sorted(owners)[:5])}」），它会覆盖指定的字体名：请删除这些属性")


def _check_colour_and_tags(ctx: Ctx, marks: set, footers: list) -> None:
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


def _run_all(ctx: Ctx, kind: str | None) -> list[Finding]:
    top = [p for p in ctx.paras if not p.in_table]
    kind, end = _header(ctx, top, kind)
    marks = {id(p.el) for p in top[:max(end, 0) + 1] if _all_red(ctx, p)}
    last_title = _check_title(ctx, top, end, kind)
    _check_body(ctx, top, last_title, kind)
    _check_sections(ctx)
    _check_footers(ctx, kind)
    _check_tables(ctx, kind)
    footers = []
    for sp in ctx.sections:
        for ref in _x(sp, "w:footerReference | w:headerReference"):
            part = ctx.doc.part.related_parts[ref.get(qn("r:id"))].element
            label = "页眉" if ref.tag.endswith("headerReference") else "页脚"
            footers += [Para(p, para_text(p), f"{label}「{_short(para_text(p))}」") for p in _x(part, ".//w:p")]
    _check_fonts(ctx, footers)
    _check_colour_and_tags(ctx, marks, footers)
    return ctx.findings
