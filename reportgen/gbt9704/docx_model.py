"""A .docx as GB/T 9704 checks see it: effective formatting, paragraphs in order, font families.

Formatting is resolved run → character style → paragraph style → basedOn chain → table style →
docDefaults, because python-docx reports only what is written on the element itself.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import docx
from docx.document import Document as _Document
from docx.oxml.ns import qn
from lxml import etree

FANGSONG, XBS, HEI, KAI, SONG = "仿宋", "小标宋", "黑体", "楷体", "宋体"
_FONT_KEYS = {FANGSONG: ("仿宋", "fangsong"), XBS: ("小标宋", "xiaobiaosong"), HEI: ("黑体", "simhei", "heiti"),
              KAI: ("楷体", "kaiti"), SONG: ("宋体", "simsun", "songti")}
_FONT_NAME = {FANGSONG: "仿宋_GB2312", XBS: "方正小标宋简体", HEI: "黑体", KAI: "楷体_GB2312", SONG: "宋体"}
_MM = 1440 / 25.4  # twips per millimetre
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W_NS, "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
       "v": "urn:schemas-microsoft-com:vml", "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


Element = Any  # an lxml element: lxml ships no type information
_XPATHS: dict[str, Any] = {}  # path -> compiled etree.XPath


def _x(el: Element | None, path: str) -> list[Any]:
    """The nodes (elements or attribute strings) `path` selects from `el`."""
    if el is None:
        return []
    if path not in _XPATHS:  # compiled once: evaluating a compiled XPath is ~10x cheaper
        _XPATHS[path] = etree.XPath(path, namespaces=_NS)
    found: list[Any] = _XPATHS[path](el)
    return found


def _get(el: Element | None, name: str) -> str | None:
    value: str | None = None if el is None else el.get(qn(f"w:{name}"))
    return value


@overload
def _int(value: str | int | None, default: int) -> int: ...
@overload
def _int(value: str | int | None, default: None = None) -> int | None: ...
def _int(value: str | int | None, default: int | None = None) -> int | None:
    try:
        return int(float(value)) if value is not None else default
    except ValueError:
        return default


def _mm(twips: float) -> str:
    return f"{twips / _MM:.1f}"


def in_set(font: str | None, family: str) -> bool:
    """Whether a font name belongs to a family (仿宋, 小标宋, 黑体, 楷体, 宋体), by its usual names."""
    if not font or font.startswith("theme:"):
        return False
    low = font.lower().replace(" ", "")
    if family == SONG and any(k in low for k in ("仿宋", "小标宋", "fangsong")):
        return False
    return any(k in low for k in _FONT_KEYS[family])


def is_red(val: str | None) -> bool:
    """Whether a colour value (hex or name) is red, as the standard's ink (≈FF0000–FF3333)."""
    if not val:
        return False
    if val.lower() == "red":
        return True
    m = re.fullmatch(r"#?([0-9A-Fa-f]{2})([0-9A-Fa-f]{2})([0-9A-Fa-f]{2})", val.strip())
    return m is not None and int(m[1], 16) >= 0xC0 and int(m[2], 16) <= 0x66 and int(m[3], 16) <= 0x66


def _black(val: str | None) -> bool:
    return val is None or val.lower() in ("auto", "000000", "black")


class Styles:
    """Effective formatting resolver over a document's styles.xml."""

    def __init__(self, styles_el: Element) -> None:
        self.by_id: dict[str, Element] = {s.get(qn("w:styleId")): s for s in _x(styles_el, "w:style")}
        self.default: dict[str, str] = {}
        for s in self.by_id.values():
            if s.get(qn("w:default")) in ("1", "true"):
                self.default[s.get(qn("w:type"))] = s.get(qn("w:styleId"))
        self.r_default = _x(styles_el, "w:docDefaults/w:rPrDefault/w:rPr")
        self.p_default = _x(styles_el, "w:docDefaults/w:pPrDefault/w:pPr")
        self._cache: dict[tuple[str | None, str], list[Element]] = {}

    def chain(self, style_id: str | None, kind: str) -> list[Element]:
        """The style's own `kind` (rPr/pPr) elements, then its basedOn ancestors', most specific first."""
        key = (style_id, kind)
        if key not in self._cache:
            self._cache[key] = self._chain(style_id, kind)
        return self._cache[key]

    def _chain(self, style_id: str | None, kind: str) -> list[Element]:
        out: list[Element] = []
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            s = self.by_id[style_id]
            out += _x(s, f"w:{kind}")
            based = _x(s, "w:basedOn")
            style_id = _get(based[0], "val") if based else None
        return out

    def para_chain(self, p: Element, tbl_style: str | None = None) -> list[Element]:
        """pPr elements that govern paragraph `p`, most specific first."""
        sid = _x(p, "w:pPr/w:pStyle/@w:val")
        return _x(p, "w:pPr") + self.chain(sid[0] if sid else self.default.get("paragraph"), "pPr") \
            + self.chain(tbl_style, "pPr") + self.p_default

    def run_chain(self, p: Element, r: Element, tbl_style: str | None = None) -> list[Element]:
        """rPr elements that govern run `r` of paragraph `p`, most specific first."""
        rsid = _x(r, "w:rPr/w:rStyle/@w:val")
        psid = _x(p, "w:pPr/w:pStyle/@w:val")
        return _x(r, "w:rPr") + self.chain(rsid[0] if rsid else None, "rPr") \
            + self.chain(psid[0] if psid else self.default.get("paragraph"), "rPr") \
            + self.chain(tbl_style, "rPr") + self.r_default


def font(chain: list[Element], slot: str = "eastAsia") -> str | None:
    """The effective font of a slot ("eastAsia", "ascii"); "theme:…" when a theme font wins."""
    for rpr in chain:
        for rf in _x(rpr, "w:rFonts"):
            theme = rf.get(qn(f"w:{slot}Theme"))
            if theme:
                return f"theme:{theme}"
            name: str | None = rf.get(qn(f"w:{slot}"))
            if name:
                return name
    return None


def prop(chain: list[Element], tag: str, attr: str = "val") -> str | None:
    """The first value of `tag/@attr` along a chain ("" when the element has no such attribute)."""
    for el in chain:
        found = _x(el, f"w:{tag}")
        if found:
            return str(found[0].get(qn(f"w:{attr}"), ""))
    return None


def attr(chain: list[Element], tag: str, name: str) -> str | None:
    """The first element `tag` along the chain that carries attribute `name`, its value (per-attribute merge)."""
    for el in chain:
        for f in _x(el, f"w:{tag}"):
            value: str | None = f.get(qn(f"w:{name}"))
            if value is not None:
                return value
    return None


def size(chain: list[Element]) -> int:
    """Effective size in half-points (Word's default is 20)."""
    return _int(prop(chain, "sz"), 20) or 20


def bold(chain: list[Element]) -> bool:
    """Effective bold."""
    val = prop(chain, "b")
    return val is not None and val not in ("0", "false", "off")


def _runs(p: Element) -> list[Element]:
    return _x(p, "./w:r | ./w:hyperlink/w:r | ./w:fldSimple/w:r | ./w:ins/w:r | ./w:smartTag/w:r"
                 " | ./w:sdt/w:sdtContent/w:r")


def run_text(r: Element) -> str:
    """The visible text of a run (tabs as \\t, breaks as \\n)."""
    out = []
    for el in r:
        tag = el.tag.rsplit("}", 1)[-1]
        out.append(el.text or "" if tag == "t" else "\t" if tag == "tab" else "\n" if tag in ("br", "cr") else "")
    return "".join(out)


def para_text(p: Element) -> str:
    """The visible text of a paragraph."""
    return "".join(run_text(r) for r in _runs(p))


DocxSource = _Document | bytes | bytearray | str | Path  # an open document, its bytes or its path


@dataclass
class Para:
    el: Element
    text: str
    where: str
    tbl_style: str | None = None
    section: int = 0
    in_table: bool = False


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 16 else text[:15] + "…"


def _collect(doc: _Document) -> tuple[list[Para], list[tuple[Element, str, int]], list[Element]]:
    """Body paragraphs (text boxes first, then the paragraph), table cell paragraphs and tables, in order."""
    paras: list[Para] = []
    tables: list[tuple[Element, str, int]] = []  # (tbl, label, section)
    sections: list[Element] = [s._sectPr for s in doc.sections]
    sec, n_p, n_t = 0, 0, 0

    def para(p: Element, where_prefix: str | None, tbl_style: str | None = None) -> None:
        nonlocal n_p
        for box in _x(p, ".//w:txbxContent[not(ancestor::mc:Fallback)]/w:p"):
            n_p += 1
            paras.append(Para(box, para_text(box), f"第{n_p}段（文本框）「{_short(para_text(box))}」", section=sec))
        text = para_text(p)
        if where_prefix is None:
            n_p += 1
            where = f"第{n_p}段「{_short(text)}」" if text.strip() else f"第{n_p}段（空段）"
        else:
            where = f"{where_prefix}「{_short(text)}」"
        paras.append(Para(p, text, where, tbl_style, sec, where_prefix is not None))

    def table(tbl: Element, label: str) -> None:
        tables.append((tbl, label, sec))
        sid = _x(tbl, "w:tblPr/w:tblStyle/@w:val")
        for i, tr in enumerate(_x(tbl, "w:tr"), 1):
            for j, tc in enumerate(_x(tr, "w:tc"), 1):
                for child in tc:
                    if child.tag == qn("w:p"):
                        para(child, f"{label}第{i}行第{j}列", sid[0] if sid else None)
                    elif child.tag == qn("w:tbl"):
                        table(child, f"{label}第{i}行第{j}列内表格")

    for child in doc.element.body:
        if child.tag == qn("w:p"):
            para(child, None)
            if _x(child, "w:pPr/w:sectPr"):
                sec += 1
        elif child.tag == qn("w:tbl"):
            n_t += 1
            table(child, f"表格{n_t}")
    return paras, tables, sections


def _open(source: DocxSource) -> _Document:
    if isinstance(source, _Document):
        return source
    if isinstance(source, (bytes, bytearray)):
        return docx.Document(io.BytesIO(source))
    return docx.Document(str(source))
