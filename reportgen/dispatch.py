"""What a build adds for sending: the marked-up workbook of each sender, the 发文登记簿 and the PDF copies.

The register is written from the documents' own dispatch data (documents.common.Document); a sender's
marked-up workbooks are entered as sent with its 核对函 (column 随文发送), so `reportgen send` needs nothing
but the register.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportgen.config import Settings
from reportgen.documents.common import Document
from reportgen.documents.text import safe_filename
from reportgen.models import Tally
from reportgen.write.markup import NotMarkable, markable, marks_for, recipient_sentence, write_markup
from reportgen.write.register import REGISTER_NAME, RegisterEntry, write_register
from reportgen.write.summary import fixed_stamp

MARKUP_DIR = "批注"
PDF_DIR = "PDF"
CHECK_LETTER = "核对函"


def write_dispatch(stage: Path, tally: Tally, docs: list[Document], docs_dir: str, inbox: Path,
                   settings: Settings, as_of: date, soffice: Path | None = None) -> list[str]:
    """Write the PDF copies (when `soffice` is given), the marked-up workbooks and the register into `stage`
    (the new out/); the names written, relative to `stage`."""
    pdfs = write_pdfs(stage, [stage / docs_dir / d.filename for d in docs], soffice, as_of) if soffice else []
    enclosures, written = write_markups(stage, tally, docs, inbox, settings, as_of)
    for doc, pdf in zip(docs, pdfs):
        enclosures[doc.filename] = (pdf, *enclosures.get(doc.filename, ()))
    entries = register_entries(docs, docs_dir, enclosures)
    write_register(stage / REGISTER_NAME, entries, fixed_stamp(as_of))
    return [REGISTER_NAME, *written, *pdfs]


def register_entries(docs: list[Document], docs_dir: str, enclosures: dict[str, tuple[str, ...]]) -> list[RegisterEntry]:
    """One register entry per document, in the order they were written."""
    return [RegisterEntry(file=f"{docs_dir}/{d.filename}", genre=d.genre, title=d.title, docno=d.docno,
                          issuers=tuple(d.issuers), to=tuple(d.to), cc=tuple(d.cc), date=d.date,
                          attachments=tuple(d.attachments), enclosures=enclosures.get(d.filename, ()))
            for d in docs]


def write_markups(stage: Path, tally: Tally, docs: list[Document], inbox: Path, settings: Settings,
                  as_of: date) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """A marked-up copy of each file with problems of each sender that gets a 核对函.

    Returns ({核对函 file name: marked-up paths relative to out/}, every path written)."""
    by_file: dict[str, list] = {}
    for p in tally.problems:
        by_file.setdefault(p.file, []).append(p)
    superseded = {s.file for s in tally.submissions if s.status == "superseded"}
    taken: set[str] = set()
    enclosures: dict[str, tuple[str, ...]] = {}
    written: list[str] = []
    for doc in docs:
        if doc.template != CHECK_LETTER:
            continue
        mine = []
        for entry in doc.context.get("files", ()):
            name = entry.get("file", "") if isinstance(entry, dict) else ""
            source = inbox / name
            if not name or name in superseded or not by_file.get(name) or not source.is_file() or not markable(source):
                continue
            stem = Path(name).stem
            target = safe_filename(f"{stem}（批注）", taken, suffix=".xlsx")
            try:
                write_markup(source, marks_for(by_file[name], recipient_sentence), stage / MARKUP_DIR / target,
                             settings.limits, fixed_stamp(as_of), settings.lead.short)
            except NotMarkable:
                continue  # its problems are listed in the 核对函 and 汇总表 all the same
            mine.append(f"{MARKUP_DIR}/{target}")
        if mine:
            enclosures[doc.filename] = tuple(mine)
            written += mine
    return enclosures, written


def write_pdfs(stage: Path, letters: list[Path], soffice: Path, as_of: date) -> list[str]:
    """PDF copies of the documents in stage/PDF/; the names written relative to `stage`."""
    from reportgen.write.pdf import convert_to_pdf

    return [f"{PDF_DIR}/{p.name}" for p in convert_to_pdf(letters, stage / PDF_DIR, soffice, stamp=as_of)]
