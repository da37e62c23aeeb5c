"""Helpers for document tests: a hand-built GB/T 9704 sample, and LibreOffice / poppler conversions."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

SOFFICE_TIMEOUT = 180
FS, XBS, HEI, KAI, SONG = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"


# ---------------------------------------------------------------- a conforming sample, built by hand

def rpr(font: str = FS, half_points: int = 32, extra: str = "") -> str:
    """A w:rPr with all four font slots, a size and optional extra children."""
    return (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>{extra}'
            f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>')


def para(doc: Document, text: str = "", *, ppr: str = "", run: str | None = None):
    """Append a paragraph with raw pPr children and one run with raw rPr (default 3号仿宋)."""
    r = f'<w:r>{rpr() if run is None else run}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    p = parse_xml(f'<w:p {nsdecls("w")}><w:pPr>{ppr}</w:pPr>{r}</w:p>')
    body = doc.element.body
    body.insert(len(body) - 1, p)
    return p


BODY_PPR = '<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>'
CENTRE_PPR = '<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:jc w:val="center"/>'


def _footer(doc: Document, footer, side: str) -> None:
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]._p
    ind = 'w:right="280"' if side == "right" else 'w:left="280"'
    ppr = footer.paragraphs[0]._p.get_or_add_pPr()
    for child in parse_xml(f'<w:pPr {nsdecls("w")}><w:ind {ind}/><w:jc w:val="{side}"/></w:pPr>'):
        ppr.append(child)
    song = rpr(SONG, 28)
    for inner in ('<w:t xml:space="preserve">— </w:t>', '<w:fldChar w:fldCharType="begin"/>',
                  '<w:instrText xml:space="preserve"> PAGE </w:instrText>', '<w:fldChar w:fldCharType="separate"/>',
                  '<w:t>1</w:t>', '<w:fldChar w:fldCharType="end"/>', '<w:t xml:space="preserve"> —</w:t>'):
        p.append(parse_xml(f'<w:r {nsdecls("w")}>{song}{inner}</w:r>'))


def sample(kind: str = "文件") -> Document:
    """A small document that meets every machine-checkable rule of gbt9704.md §5 (文件 or 信函)."""
    doc = docx.Document()
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    styles = doc.styles.element
    for rf in styles.iter(qn("w:rFonts")):
        for key in [k for k in rf.attrib if k.lower().endswith("theme")]:
            del rf.attrib[key]
        rf.set(qn("w:eastAsia"), FS)
        rf.set(qn("w:ascii"), FS)
        rf.set(qn("w:hAnsi"), FS)
    styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing")).attrib.update(
        {qn("w:after"): "0", qn("w:line"): "579", qn("w:lineRule"): "exact"})
    sp = body.find(qn("w:sectPr"))
    for child in list(sp):
        sp.remove(child)
    title_pg = "<w:titlePg/>" if kind == "信函" else ""
    for child in parse_xml(f'<w:sectPr {nsdecls("w")}><w:pgSz w:w="11906" w:h="16838"/>'
                           '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851"'
                           f' w:footer="1417" w:gutter="0"/>{title_pg}'
                           '<w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>'):
        sp.append(child)
    doc.settings.element.append(parse_xml(f'<w:evenAndOddHeaders {nsdecls("w")}/>'))
    section = doc.sections[0]
    _footer(doc, section.footer, "right")
    _footer(doc, section.even_page_footer, "left")
    red_mark = rpr(XBS, 52, '<w:color w:val="FF0000"/>')
    if kind == "文件":
        para(doc, "银川市工业和信息化局文件", ppr='<w:jc w:val="center"/>', run=red_mark)
        para(doc), para(doc)
        para(doc, "银工信发〔2021〕5号", ppr='<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="11" '
             'w:color="FF0000"/></w:pBdr><w:jc w:val="center"/>')
        para(doc), para(doc)
    else:
        section.first_page_footer.is_linked_to_previous = False
        para(doc, "银川市工业和信息化局", ppr='<w:pBdr><w:bottom w:val="thickThinSmallGap" w:sz="24" w:space="6" '
             'w:color="FF0000"/></w:pBdr><w:ind w:left="-397" w:right="-397"/><w:jc w:val="center"/>', run=red_mark)
        para(doc, "银工信函〔2021〕  号", ppr='<w:jc w:val="right"/>')
        para(doc)
    para(doc, "关于2021年落后产能退出工作情况的报告", ppr=CENTRE_PPR, run=rpr(XBS, 44))
    para(doc)
    para(doc, "市人民政府：", ppr='<w:jc w:val="left"/>')
    para(doc, "2021年，全市共退出落后产能企业3家，其中水泥12.5万吨。", ppr=BODY_PPR)
    para(doc, "一、工作开展情况", ppr=BODY_PPR, run=rpr(HEI))
    para(doc, "（一）加强组织领导。", ppr=BODY_PPR, run=rpr(KAI))
    para(doc, "1. 明确责任分工。", ppr=BODY_PPR)
    add_table(doc, [["县（市、区）", "行业", "产能"], ["兴庆区", "水泥", "12.5万吨"]], [2948, 2948, 2949])
    para(doc)
    para(doc, "附件：1. 退出企业名单", ppr=BODY_PPR)
    para(doc)
    para(doc, "银川市工业和信息化局", ppr='<w:ind w:right="640"/><w:jc w:val="right"/>')
    para(doc, "2021年11月30日", ppr='<w:ind w:right="1280"/><w:jc w:val="right"/>')
    para(doc, "（此件公开发布）", ppr=BODY_PPR)
    if kind == "信函":
        para(doc, ppr='<w:pBdr><w:top w:val="thinThickSmallGap" w:sz="24" w:space="0" w:color="FF0000"/></w:pBdr>'
             '<w:ind w:left="-397" w:right="-397"/>')
    body_p = para(doc, ppr=BODY_PPR)
    body_p.append(parse_xml(f'<w:r {nsdecls("w")}><w:br w:type="page"/></w:r>'))
    para(doc, "附件1", ppr='<w:jc w:val="left"/>', run=rpr(HEI))
    para(doc, "退出企业名单", ppr=CENTRE_PPR, run=rpr(XBS, 44))
    para(doc, "贺兰县某水泥有限公司。", ppr=BODY_PPR)
    if kind == "文件":
        black = '<w:pBdr><w:top w:val="single" w:sz="8" w:space="1" w:color="000000"/></w:pBdr>'
        para(doc, "抄送：自治区工业和信息化厅。", ppr=f'{black}<w:ind w:left="280" w:right="280"/>', run=rpr(FS, 28))
        para(doc, "银川市工业和信息化局办公室\t2021年11月30日印发",
             ppr=f'{black}<w:ind w:left="280" w:right="280"/>', run=rpr(FS, 28))
    return doc


def add_table(doc: Document, rows: list[list[str]], widths: list[int], header: bool = True):
    """Append a bordered table with gridCol widths (twips); the first row repeats when `header`."""
    xml = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/></w:tblPr><w:tblGrid>']
    xml += [f'<w:gridCol w:w="{w}"/>' for w in widths] + ["</w:tblGrid>"]
    for i, row in enumerate(rows):
        xml.append("<w:tr>" + ("<w:trPr><w:tblHeader/></w:trPr>" if header and i == 0 else ""))
        xml += [f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:r>{rpr(FS, 24)}<w:t>{t}</w:t>'
                f'</w:r></w:p></w:tc>' for t, w in zip(row, widths, strict=False)]
        xml.append("</w:tr>")
    tbl = parse_xml("".join(xml) + "</w:tbl>")
    body = doc.element.body
    body.insert(len(body) - 1, tbl)
    return tbl


def find_para(doc: Document, text: str):
    """The first body paragraph element whose text starts with `text`."""
    for p in doc.element.body.iter(qn("w:p")):
        if "".join(t.text or "" for t in p.iter(qn("w:t"))).startswith(text):
            return p
    raise AssertionError(f"no paragraph starting with {text!r}")


# ---------------------------------------------------------------- LibreOffice and poppler

def soffice() -> str:
    """The soffice executable, or a failing assertion that says how to install it."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe, ("LibreOffice (soffice) is not on PATH: the real-client check needs it. "
                 "Install libreoffice-writer-nogui (.ci/run does this) and run the tests again.")
    return exe


def to_pdf(docx_paths: list[Path], outdir: Path) -> list[Path]:
    """Convert .docx files to PDF in ONE soffice call with a throw-away profile; the PDFs, in order."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [soffice(), "--headless", "--norestore", f"-env:UserInstallation={Path(profile).as_uri()}",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_paths)]
        env = dict(os.environ, HOME=profile)
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT, env=env)
    pdfs = [outdir / (Path(p).stem + ".pdf") for p in docx_paths]
    missing = [p.name for p in pdfs if not p.is_file()]
    assert done.returncode == 0 and not missing, (
        f"soffice failed (exit {done.returncode}), missing {missing}:\n{done.stdout}\n{done.stderr}")
    return pdfs


def _poppler(tool: str, *args: str) -> str:
    exe = shutil.which(tool)
    assert exe, f"{tool} is not on PATH: install poppler-utils (.ci/run does this)"
    return subprocess.run([exe, *args], capture_output=True, text=True, check=True, timeout=60,
                          encoding="utf-8").stdout


def pdf_text(pdf: Path, mode: str = "-layout") -> str:
    """The text of a PDF, laid out (pdftotext -layout; "-raw" for content-stream order)."""
    return _poppler("pdftotext", mode, str(pdf), "-")


def pdf_words(pdf: Path, page: int) -> tuple[float, list[tuple[str, float, float, float, float]]]:
    """The page width and the words of one page with their boxes (pdftotext -bbox): (text, x0, y0, x1, y1)."""
    import html
    import re

    xml = _poppler("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    width = float(re.search(r'<page width="([\d.]+)"', xml)[1])
    words = [(html.unescape(m[5]), *(float(m[i]) for i in range(1, 5))) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml)]
    return width, words


def pdf_pages(pdf: Path) -> int:
    """The page count of a PDF (pdfinfo)."""
    for line in _poppler("pdfinfo", str(pdf)).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError(f"pdfinfo gave no page count for {pdf}")


def pdf_to_png(pdf: Path, prefix: Path, dpi: int = 60) -> list[Path]:
    """Render every page to PNG (pdftoppm); the files, in page order."""
    prefix.parent.mkdir(parents=True, exist_ok=True)
    _poppler("pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix))
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


# ---------------------------------------------------------------- the real documents of samples/2021

SAMPLE_DATE = "2021-12-01"


SAMPLE_DATES = ("2021-11-20", SAMPLE_DATE, "2021-12-20")  # before the deadline, after it, after the 名单核定日


def render_sample_documents(outdir: Path) -> dict:
    """Render one document of each type from samples/2021: {template name: (path, Document, Tally)}.

    The first document of each type over SAMPLE_DATES; a type the samples never yield (限期整改通知书: every sample
    case was noticed already) is rendered from its example context, as `reportgen templates` checks it."""
    from datetime import date

    from reportgen.config import load_settings
    from reportgen.documents.common import Document
    from reportgen.documents.registry import plan_documents, template_contexts, write_documents
    from reportgen.api import read_inbox
    from reportgen.documents.render import Renderer
    from reportgen.tally.aggregate import tally

    root = Path(__file__).resolve().parent.parent
    settings = load_settings()
    chosen: dict = {}
    submissions = read_inbox(root / "samples" / "2021" / "inbox", settings)
    for text in SAMPLE_DATES:
        as_of = date.fromisoformat(text)
        result = tally(submissions, settings, 2021, as_of)
        for doc in plan_documents(result, settings, as_of):
            chosen.setdefault(doc.template, (doc, result))
    for name, context in template_contexts(result, settings, as_of).items():
        chosen.setdefault(name, (Document(name, f"{name}-示例.docx", context, date=as_of), result))
    paths = write_documents([doc for doc, _ in chosen.values()], Renderer([root / "templates"]), outdir)
    return {name: (path, doc, res) for (name, (doc, res)), path in zip(chosen.items(), paths, strict=False)}


GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_AS_OF = "2021-12-06"


def sample_plan(as_of: str = GOLDEN_AS_OF) -> dict:
    """Every document samples/2021 yields as of `as_of` (default GOLDEN_AS_OF): {file name: Document}, cached."""
    return dict(_sample_plan(as_of))


@lru_cache(maxsize=4)
def _sample_plan(as_of_text: str) -> tuple:
    from datetime import date

    from reportgen.config import load_settings
    from reportgen.documents.registry import plan_documents
    from reportgen.api import read_inbox
    from reportgen.tally.aggregate import tally

    root = Path(__file__).resolve().parent.parent
    settings = load_settings()
    as_of = date.fromisoformat(as_of_text)
    result = tally(read_inbox(root / "samples" / "2021" / "inbox", settings), settings, 2021, as_of)
    return tuple((doc.filename, doc) for doc in plan_documents(result, settings, as_of))


def check_golden(kind: str, text: str) -> None:
    """The text of a rendered document equals tests/golden/<kind>.txt; REPORTGEN_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / f"{kind}.txt"
    if os.environ.get("REPORTGEN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8"), f"{kind}: REPORTGEN_UPDATE_GOLDEN=1 rewrites {path.name}"
