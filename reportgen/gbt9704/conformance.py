"""GB/T 9704-2012 machine checks on a .docx: page, fonts, sizes, spacing, marks, dates, footers, tables.

Formatting is judged on *effective* values, as resolved by docx_model.
"""
from __future__ import annotations

from pathlib import Path

from docx.document import Document as _Document
from docx.oxml.ns import qn

from reportgen.gbt9704.docx_model import (Para, Styles, _collect, _open, _short, _x, para_text)

from reportgen.gbt9704.checks import (RULES, Finding, Ctx, _all_red)
from reportgen.gbt9704.check_page import (_check_sections, _check_footers, _check_tables, _check_fonts, _check_colour_and_tags)
from reportgen.gbt9704.check_text import (_header, _check_title, _check_body)

__all__ = ["RULES", "Finding", "check_document", "check_template"]


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
