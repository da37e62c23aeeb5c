"""GB/T 9704 checks of the text: 版头 (mark, number, red line), title, body, headings, date, 版记."""
from __future__ import annotations

import re
from datetime import date


from reportgen.gbt9704.docx_model import (Element, FANGSONG, HEI, KAI, XBS, _MM, Para, _get,
                         _int, _mm, _x, attr, bold, font, in_set, run_text)

from reportgen.gbt9704.checks import (_check_colophon, HEADINGS, DOCNO, DATE, _DATE_LIKE, _DOCNO_LIKE, _TAG, Ctx,
                                      _red_lines, _jc, _all_red, _fonts_ok, _font_msg, _line_name, _page_break_before)


def _header(ctx: Ctx, top: list[Para], kind: str | None) -> tuple[str | None, int]:
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


def _check_docno(ctx: Ctx, top: list[Para], docno: int | None, kind: str) -> None:
    if docno is None:
        ctx.add("docno-form", "error", "版头", "版头中没有发文字号：应在发文机关标志下写「银工信发〔2021〕5号」")
        return
    p = top[docno]
    parts = [x.strip() for x in p.text.split("\t")]  # 上行文: "银工信发〔2021〕5号<tab>签发人：某某"
    text = next((x for x in parts if _DOCNO_LIKE.search(x) or _TAG.search(x)), parts[-1])
    want = "right" if kind == "信函" else "center"
    if _jc(ctx, p) != want and "\t" not in p.text:
        ctx.add("docno-form", "warning", p.where, f"{p.where}发文字号应{'居右' if want == 'right' else '居中'}")
    if (ctx.template and _TAG.search(text)) or DOCNO.match(text):
        return
    hint = ("年份应用六角括号〔〕" if re.search(r"[\[［(（【]\d{4}", text) else "序号不编虚位（不写0）"
            if re.search(r"〕\s*0", text) else "不加「第」字" if "第" in text else "应为「代字〔年份〕序号号」")
    ctx.add("docno-form", "error", p.where, f"{p.where}发文字号「{text}」格式不对：{hint}，如「银工信发〔2021〕5号」；"
            "未编号时保留空格「银工信函〔2021〕  号」")


def _check_rule(ctx: Ctx, top: list[Para], lines: list[tuple[int, float, bool]], kind: str) -> None:
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


def _check_title(ctx: Ctx, top: list[Para], end: int, kind: str | None) -> int:
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


def _heading_runs(ctx: Ctx, p: Para) -> list[Element]:
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




def _check_body(ctx: Ctx, top: list[Para], start: int, kind: str | None) -> None:
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
        if _jc(ctx, p) in ("center", "right") or p.text.startswith("\t"):
            continue  # 署名 (a joint 署名 is names placed by tabs), table captions, (此页无正文)
        state = "body"
        _check_body_para(ctx, p)
