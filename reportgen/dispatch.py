"""What a build adds for sending: the marked-up workbook of each sender, the 发文登记簿 and the PDF copies.

The register is written from the documents' own dispatch data (documents.common.Document); a sender's
marked-up workbooks are entered as sent with its 核对函 (column 随文发送), so `reportgen send` needs nothing
but the register.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime
from pathlib import Path

from reportgen.config import Limits, Settings
from reportgen.documents.common import Document
from reportgen.documents.text import Taken, safe_filename
from reportgen.models import Tally
from reportgen import problems as catalogue
from reportgen.models import Problem
from reportgen.write.markup import Mark, NotMarkable, markable, marks_for, recipient_sentence, write_markup
from reportgen.write.register import REGISTER_NAME, RegisterEntry, write_register
from reportgen.write.xlsx import fixed_stamp

MARKUP_DIR = "批注"
PDF_DIR = "PDF"
LETTERS_BACK = ("核对函", "催报函")  # the letters a sender's own workbook goes back with
PARALLEL_FROM = 64  # marked-up copies; below this a process pool costs more than it saves


def write_dispatch(stage: Path, tally: Tally, docs: list[Document], docs_dir: str, inbox: Path,
                   settings: Settings, as_of: date, soffice: Path | None = None) -> list[str]:
    """Write the PDF copies (when `soffice` is given), the marked-up workbooks and the register into `stage`
    (the new out/); the names written, relative to `stage`."""
    pdfs = write_pdfs(stage, [stage / docs_dir / d.filename for d in docs], soffice, as_of) if soffice else []
    enclosures, written = write_markups(stage, tally, docs, inbox, settings, as_of)
    for doc, pdf in zip(docs, pdfs, strict=False):
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
    """A marked-up copy of each file (of a sender that gets a 核对函 or 催报函) with problems the sender should read.

    Returns ({核对函 file name: marked-up paths relative to out/}, every path written)."""
    by_file: dict[str, list[Mark]] = {}
    for p in tally.problems:
        text = sentence(p)
        if text:
            def said(_p: Problem, text: str = text) -> str:
                return text
            by_file.setdefault(p.file, []).extend(marks_for([p], said))
    superseded = {s.file for s in tally.submissions if s.status == "superseded"}
    taken: set[str] = Taken()  # folded names kept: thousands of copies are named
    jobs: list[tuple[str, str, Path, list[Mark], Path]] = []  # (核对函, out-relative, source, marks, target)
    for doc in docs:
        for name in sender_files(doc, tally, settings):
            source = inbox / name
            if not name or name in superseded or not by_file.get(name) or not source.is_file() or not markable(source):
                continue
            target = safe_filename(f"{Path(name).stem}（批注）", taken, suffix=".xlsx")
            jobs.append((doc.filename, f"{MARKUP_DIR}/{target}", source, by_file[name], stage / MARKUP_DIR / target))
    args = [(source, marks, target, settings.limits, fixed_stamp(as_of), settings.lead.short)
            for _d, _r, source, marks, target in jobs]
    done = _run_all(args)
    enclosures: dict[str, tuple[str, ...]] = {}
    for (letter, rel, *_rest), ok in zip(jobs, done, strict=False):
        if ok:  # a file that cannot be copied: its problems are in the 核对函 and the 汇总表 all the same
            enclosures[letter] = (*enclosures.get(letter, ()), rel)
    return enclosures, [rel for (_l, rel, *_r), ok in zip(jobs, done, strict=False) if ok]


def sender_files(doc: Document, tally: Tally, settings: Settings) -> list[str]:
    """The inbox files of the sender a 核对函 or 催报函 answers (its 主送), in the tally's order."""
    if doc.template not in LETTERS_BACK:
        return []
    who = settings.find_submitter(doc.to[0]) if doc.to else None
    names = set(who.names()) if who else set()
    listed = {e.get("file", "") for e in doc.context.get("files", ()) if isinstance(e, dict)}
    return [s.file for s in tally.submissions if s.file and (s.file in listed or (s.submitter or "") in names)]


def sentence(p: Problem) -> str | None:
    """What the sender reads about `p`: the catalogue's recipient sentence (None: the clerk's concern only)."""
    try:
        return catalogue.recipient(p)
    except (catalogue.UnknownProblem, KeyError):  # a code or field the catalogue lacks: words from message+hint
        return recipient_sentence(p)


_MarkupJob = tuple[Path, list[Mark], Path, Limits, datetime, str]  # write_markup's arguments


def _run_all(args: list[_MarkupJob]) -> list[bool]:
    """Each marked-up copy written; many are spread over processes (≈20 ms each, openpyxl load and save)."""
    workers = min(os.cpu_count() or 1, 8)
    if len(args) < PARALLEL_FROM or workers < 2:
        return [_markup(a) for a in args]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_markup, args, chunksize=8))


def _markup(args: _MarkupJob) -> bool:
    try:
        write_markup(*args)
        return True
    except NotMarkable:
        return False


def write_pdfs(stage: Path, letters: list[Path], soffice: Path, as_of: date) -> list[str]:
    """PDF copies of the documents in stage/PDF/; the names written relative to `stage`."""
    from reportgen.write.pdf import convert_to_pdf

    return [f"{PDF_DIR}/{p.name}" for p in convert_to_pdf(letters, stage / PDF_DIR, soffice, stamp=as_of)]
