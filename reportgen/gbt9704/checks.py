"""What the GB/T 9704 checks share: the rule catalogue, the finding, the document being checked, common tests."""
from __future__ import annotations

import re
from dataclasses import dataclass

from docx.document import Document as _Document

from reportgen.gbt9704.docx_model import (Element, _get, _black, FANGSONG, HEI, KAI, _FONT_NAME, _MM, Para, Styles, _int,
                                          _runs, _x, attr, font, in_set, is_red, prop, run_text, size)

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
    paras: list[Para]
    tables: list[tuple[Element, str, int]]  # (tbl element, where, section index)
    sections: list[Element]  # w:sectPr
    findings: list[Finding]

    def add(self, rule: str, severity: str, where: str, message: str) -> None:
        self.findings.append(Finding(rule, severity, where, message))

    def rc(self, p: Para, r: Element) -> list[Element]:
        return self.styles.run_chain(p.el, r, p.tbl_style)

    def pc(self, p: Para) -> list[Element]:
        return self.styles.para_chain(p.el, p.tbl_style)

    def visible(self, p: Para) -> list[Element]:
        return [r for r in _runs(p.el) if run_text(r).strip()]


def _red_lines(ctx: Ctx, p: Para) -> list[tuple[float, bool]]:
    """Red rules drawn by paragraph `p`: (length in twips, double?)."""
    out: list[tuple[float, bool]] = []
    pc = ctx.pc(p)
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


def _vml_length(v: Element) -> float:
    def twips(text: str) -> float:
        m = re.fullmatch(r"\s*(-?[\d.]+)\s*(pt|mm|cm|in|px)?\s*", text or "0")
        if not m:
            return 0.0
        return float(m[1]) * {"pt": 20, "mm": _MM, "cm": _MM * 10, "in": 1440, "px": 15, None: 15}[m[2]]
    if v.tag.endswith("line"):
        return abs(twips((v.get("to") or "0").split(",")[0]) - twips((v.get("from") or "0").split(",")[0]))
    style = dict(kv.split(":", 1) for kv in (v.get("style") or "").split(";") if ":" in kv)
    return twips(style.get("width", "0"))


_JC = {"end": "right", "start": "left", "both": "left", "distribute": "left"}  # Word's names -> left/right


def _jc(ctx: Ctx, p: Para) -> str:
    jc = prop(ctx.pc(p), "jc")
    return _JC.get(jc, jc) if jc is not None else "left"


def _all_red(ctx: Ctx, p: Para) -> bool:
    runs = ctx.visible(p)
    return bool(runs) and all(is_red(prop(ctx.rc(p, r), "color")) for r in runs)


def _fonts_ok(ctx: Ctx, p: Para, family: str, half_points: int, runs: list[Element] | None = None) -> tuple[str, int] | None:
    """The (font, size) of the first visible run that is not `family` at `half_points`, else None."""
    for r in ctx.visible(p) if runs is None else runs:
        rc = ctx.rc(p, r)
        if not in_set(font(rc), family) or size(rc) != half_points:
            return font(rc) or "未指定", size(rc)
    return None


def _font_msg(p: Para, what: str, got: tuple[str, int], family: str, half_points: int) -> str:
    return (f"{p.where}的字体为「{got[0]}」{got[1] / 2:g}磅，{what}应为{_SIZE.get(half_points, '')}{family}"
            f"（{half_points / 2:g}磅，中文字体如「{_FONT_NAME[family]}」）：请修改该段的中文字体和字号")


def _line_name(rule: str | None, line: int | None) -> str:
    if rule in (None, "auto"):
        return f"{(line or 240) / 240:g}倍行距"
    return f"{'固定值' if rule == 'exact' else '最小值'}{(line or 0) / 20:g}磅"


def _is_colophon(text: str) -> bool:
    flat = re.sub(r"\s", "", text)
    return bool(re.match(r"(抄送|主送)[：:]", flat)) or (flat.endswith("印发") and len(flat) < 60)


def _page_break_before(ctx: Ctx, top: list[Para], i: int) -> bool:
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


def _sect_dims(sp: Element) -> dict[str, int | None]:
    pg, mar = _x(sp, "w:pgSz"), _x(sp, "w:pgMar")
    d: dict[str, int | None] = {k: _int(_get(pg[0], k)) if pg else None for k in ("w", "h")}
    d.update({k: abs(_int(_get(mar[0], k), 0)) if mar else None
              for k in ("top", "bottom", "left", "right", "gutter", "footer")})
    return d


def _text_width(ctx: Ctx, sec: int) -> int:
    d = _sect_dims(ctx.sections[min(sec, len(ctx.sections) - 1)])
    return (d["w"] or 11906) - (d["left"] or 0) - (d["right"] or 0)


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
