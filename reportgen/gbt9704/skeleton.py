"""The skeleton of a GB/T 9704 .docx: named styles, page setup, footers with page numbers, deterministic saving."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import _Footer
from docx.text.paragraph import Paragraph

from reportgen.gbt9704.docx_model import Element

from reportgen.gbt9704.units import (AUTHOR, BLACK, CHAR_BODY, CHAR_CONDENSE, DATE_RIGHT, FIRST_LINE,
                                     FIRST_LINE_CHARS, FIXED_TIME, FIXED_ZIP_TIME, FONT_FANGSONG, FONT_HEITI, FONT_KAITI, FONT_SONG,
                                     FONT_XIAOBIAOSONG, FOOTER_DIST, HEADER_DIST, KINDS, LINE_PITCH, MARGIN_BOTTOM,
                                     MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_H, PAGE_NUMBER_INDENT, PAGE_W,
                                     PT_BODY, PT_COLOPHON, PT_MARK, PT_PAGE_NUMBER, PT_TABLE, PT_TITLE, RED,
                                     RULE_PARA_HEIGHT, SIGNATURE_RIGHT, TABLE_LINE)

# no extra space between CJK and digits in 署名/日期, so their widths are the 字 counts `_width` gives
_NO_AUTOSPACE = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'

# (name, styleId, font, pt, jc, extra pPr xml, extra rPr xml)
_P_STYLES = (
    ("公文标题", "GwTitle", FONT_XIAOBIAOSONG, PT_TITLE, "center", "", ""),
    ("一级标题", "GwHeading1", FONT_HEITI, PT_BODY, "both", "first", ""),
    ("二级标题", "GwHeading2", FONT_KAITI, PT_BODY, "both", "first", ""),
    ("三级标题", "GwHeading3", FONT_FANGSONG, PT_BODY, "both", "first", ""),
    ("主送", "GwAddressee", FONT_FANGSONG, PT_BODY, "left", "", ""),
    ("署名", "GwSignature", FONT_FANGSONG, PT_BODY, "right", _NO_AUTOSPACE + f'<w:ind w:right="{SIGNATURE_RIGHT}"/>', ""),
    ("成文日期", "GwDate", FONT_FANGSONG, PT_BODY, "right", _NO_AUTOSPACE + f'<w:ind w:right="{DATE_RIGHT}"/>', ""),
    ("附件说明", "GwAttachment", FONT_FANGSONG, PT_BODY, "left", "", ""),
    ("发文机关标志", "GwMark", FONT_XIAOBIAOSONG, PT_MARK, "center", '<w:snapToGrid w:val="0"/>',
     f'<w:color w:val="{RED}"/>'),
    ("发文字号", "GwDocNo", FONT_FANGSONG, PT_BODY, "center", "", ""),
    ("表格文字", "GwTableText", FONT_FANGSONG, PT_TABLE, "center",
     f'<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{TABLE_LINE}" w:lineRule="auto"/>', ""),
    ("表头", "GwTableHead", FONT_HEITI, PT_TABLE, "center",
     f'<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{TABLE_LINE}" w:lineRule="auto"/>', ""),
    ("版记", "GwColophon", FONT_FANGSONG, PT_COLOPHON, "left", "", ""),
    ("版记线", "GwRule", FONT_FANGSONG, 1, "left",
     f'<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{RULE_PARA_HEIGHT}" w:lineRule="exact"/>', ""),
    ("页码", "GwPageNumber", FONT_SONG, PT_PAGE_NUMBER, "left",
     '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>', ""),
)
STYLE_IDS = {name: sid for name, sid, *_ in _P_STYLES} | {"正文": "Normal"}
_KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
_HEADING_STYLES = {1: "一级标题", 2: "二级标题", 3: "三级标题"}


def _fonts_xml(font: str) -> str:
    return f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'


def _rpr_xml(font: str, pt: float, extra: str = "", bold: bool = False, spacing: int = 0) -> str:
    sz = round(pt * 2)
    b = '<w:b/><w:bCs/>' if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    color = "" if "w:color" in extra else f'<w:color w:val="{BLACK}"/>'
    condense = f'<w:spacing w:val="{spacing}"/>' if spacing else ""
    return (f"<w:rPr>{_fonts_xml(font)}{b}{extra}{color}{condense}<w:sz w:val=\"{sz}\"/>"
            f"<w:szCs w:val=\"{sz}\"/></w:rPr>")


def _style_xml(name: str, sid: str, font: str, pt: float, jc: str, ppr: str, rpr: str) -> str:
    if ppr == "first":
        ppr = f'<w:ind w:firstLineChars="{FIRST_LINE_CHARS}" w:firstLine="{FIRST_LINE}"/>'
    if "w:spacing" not in ppr:
        ppr = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>' + ppr
    # pPr children in schema order: keepNext, snapToGrid, spacing, ind, jc
    parts = sorted(parse_xml(f"<w:pPr {nsdecls('w')}>{ppr}</w:pPr>"), key=_ppr_order)
    from lxml import etree
    ppr = "".join(etree.tostring(p, encoding="unicode").replace(f" {nsdecls('w')}", "") for p in parts)
    return (f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{sid}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            f'<w:pPr>{ppr}<w:jc w:val="{jc}"/></w:pPr>{_rpr_xml(font, pt, rpr)}</w:style>')


_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "pBdr",
              "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
              "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "jc")


def _ppr_order(el: Element) -> int:
    local = el.tag.split("}")[1]
    return _PPR_ORDER.index(local) if local in _PPR_ORDER else len(_PPR_ORDER)


def _set_ppr(paragraph: Paragraph, xml: str) -> None:
    """Merge raw pPr children into a paragraph, replacing same-named ones, in schema order."""
    ppr = paragraph._p.get_or_add_pPr()
    for el in parse_xml(f"<w:pPr {nsdecls('w')}>{xml}</w:pPr>"):
        old = ppr.find(el.tag)
        if old is not None:
            ppr.remove(old)
        ppr.append(el)
    children = sorted(ppr, key=_ppr_order)
    for c in children:
        ppr.remove(c)
    for c in children:
        ppr.append(c)


def _strip_themes(root: Element) -> None:
    for el in root.iter(qn("w:rFonts")):
        for attr in list(el.attrib):
            if attr.endswith("Theme") or attr.endswith("theme"):
                del el.attrib[attr]


def _fix_styles(doc: DocxDocument) -> None:
    styles = doc.styles.element
    for st in list(styles.findall(qn("w:style"))):
        if st.get(qn("w:styleId")) not in _KEEP_STYLES:
            styles.remove(st)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    defaults = styles.find(qn("w:docDefaults"))
    styles.remove(defaults)
    styles.insert(0, parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>{_fonts_xml(FONT_FANGSONG)}'
        f'<w:color w:val="{BLACK}"/><w:sz w:val="{PT_BODY * 2}"/><w:szCs w:val="{PT_BODY * 2}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f'<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
        '</w:pPr></w:pPrDefault></w:docDefaults>'))
    normal = next(s for s in styles.findall(qn("w:style")) if s.get(qn("w:styleId")) == "Normal")
    normal.remove(normal.find(qn("w:name")))
    for child in list(normal):
        if child.tag in (qn("w:pPr"), qn("w:rPr")):
            normal.remove(child)
    normal.insert(0, parse_xml(f'<w:name {nsdecls("w")} w:val="Normal"/>'))
    normal.append(parse_xml(
        f'<w:pPr {nsdecls("w")}><w:widowControl w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr>'))
    normal.append(parse_xml(_rpr_xml(FONT_FANGSONG, PT_BODY, spacing=CHAR_CONDENSE).replace("<w:rPr>", f'<w:rPr {nsdecls("w")}>', 1)))
    for spec in _P_STYLES:
        styles.append(parse_xml(_style_xml(*spec)))
    _strip_themes(styles)


def _drop_cruft(doc: DocxDocument) -> None:
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            part.drop_rel(rid) if hasattr(part, "drop_rel") else part.rels.pop(rid)
    pkg_rels = part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            pkg_rels.pop(rid)
    settings = doc.settings.element
    for tag in ("w:rsids", "w:attachedTemplate", "w:proofState"):
        el = settings.find(qn(tag))
        if el is not None:
            settings.remove(el)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    tab = settings.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.set(qn("w:val"), str(CHAR_BODY * 2))
    settings.append(parse_xml(f'<w:evenAndOddHeaders {nsdecls("w")}/>'))
    _sort_settings(settings)


# CT_Settings children must keep schema order; these are the ones this module touches.
_SETTINGS_ORDER = ("writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                   "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                   "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
                   "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
                   "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
                   "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate",
                   "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
                   "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
                   "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
                   "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
                   "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders")


def _sort_settings(settings: Element) -> None:
    def key(el: Element) -> int:
        local = el.tag.split("}")[1]
        return _SETTINGS_ORDER.index(local) if local in _SETTINGS_ORDER else len(_SETTINGS_ORDER)
    children = sorted(settings, key=key)  # stable: unknown children keep their order at the end
    for c in children:
        settings.remove(c)
    for c in children:
        settings.append(c)


def _page_setup(doc: DocxDocument, kind: str) -> None:
    body = doc.element.body
    old = body.find(qn("w:sectPr"))
    title_pg = "<w:titlePg/>" if kind == "信函" else ""
    new = parse_xml(
        f'<w:sectPr {nsdecls("w")}><w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
        f'w:left="{MARGIN_LEFT}" w:header="{HEADER_DIST}" w:footer="{FOOTER_DIST}" w:gutter="0"/>'
        f'<w:cols w:space="425"/>{title_pg}<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/></w:sectPr>')
    body.replace(old, new)
    section = doc.sections[0]
    _footer(section.footer, "right")
    _footer(section.even_page_footer, "left")
    if kind == "信函":
        first = section.first_page_footer
        first.is_linked_to_previous = False
        _set_ppr(first.paragraphs[0], f'<w:pStyle w:val="{STYLE_IDS["页码"]}"/>')


def _footer(footer: _Footer, side: str) -> None:
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    _set_ppr(p, f'<w:pStyle w:val="{STYLE_IDS["页码"]}"/>')
    indent = f'w:right="{PAGE_NUMBER_INDENT}"' if side == "right" else f'w:left="{PAGE_NUMBER_INDENT}"'
    _set_ppr(p, f'<w:ind {indent}/><w:jc w:val="{side}"/>')
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:t xml:space="preserve">\u2014 </w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>1</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> \u2014</w:t></w:r>'))


def new_document(kind: str) -> DocxDocument:
    """A blank A4 document in the 文件 or 信函 layout: styles, grid, footers, no template cruft."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    doc = docx.Document()
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    _drop_cruft(doc)
    _fix_styles(doc)
    _page_setup(doc, kind)
    doc.core_properties.author = AUTHOR
    return doc


def _fix_core(doc: DocxDocument) -> None:
    cp = doc.core_properties
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    for attr in ("title", "subject", "keywords", "comments", "category"):
        setattr(cp, attr, "")


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite a .docx zip: [Content_Types].xml first, other members sorted, fixed timestamps."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, src.read(name))
    return out.getvalue()


def save(doc: DocxDocument, path: Path) -> None:
    """Save deterministically: fixed core properties and zip timestamps, stable member order."""
    _fix_core(doc)
    buf = io.BytesIO()
    doc.save(buf)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(deterministic_zip(buf.getvalue()))
