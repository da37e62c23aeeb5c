"""Inbox files -> plain rows: find files, sniff formats, refuse hostile files, read sheets.

The only module importing python_calamine. Guards (all measured on python-calamine 0.9):
calamine builds a dense grid over the bounding box of the valued cells of a sheet before any row
can be iterated, so a value at XFD1048576 aborts the whole process; each sheet's real cell
positions are therefore scanned first (reader_scan.py) and a sheet is cut after a long blank run
before calamine sees it. calamine does not expand XML entities (it fails on them); DTDs are
refused anyway with a clear message.
"""
from __future__ import annotations

import codecs
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Sequence

from reportgen import problems
from reportgen.read import ole
from reportgen.read import scan
from reportgen.read.find import list_inbox
from reportgen.config import Limits
from reportgen.read.notes import SheetNotes

if TYPE_CHECKING:
    from python_calamine import CalamineSheet

WORKBOOK_EXTS = {".xlsx", ".xlsm", ".xls", ".xlt", ".xltx", ".xltm"}
MB = 1024 * 1024
Row = tuple[object, ...]  # one sheet row's values as calamine gives them (str, int, float, bool, date, ... or "")
Merged = Sequence[tuple[int, int, int, int]]  # merged ranges (first_row, first_col, last_row, last_col), 0-based
Source = str | io.BytesIO  # what calamine opens: a path, or the bytes of a rewritten or renamed workbook
Cuts = dict[str, tuple[str, SheetNotes]]  # sheet name -> (why its rows were cut, or ""; its notes)
_EXT_OF = {"xlsx": (".xlsx", ".xlsm", ".xltx", ".xltm"), "xls": (".xls", ".xlt")}


@dataclass(frozen=True)
class RawSheet:
    """One sheet as calamine gives it: rows[i] is Excel row i+1, values untouched."""

    name: str
    visible: bool  # hidden / very hidden sheets are read too; False marks them
    rows: tuple[Row, ...]
    merged: tuple[tuple[int, int, int, int], ...]  # (first_row, first_col, last_row, last_col), 0-based
    truncated_at: int | None  # first Excel row not read (long blank run or max_rows), else None
    truncated_reason: str = ""  # "blank-run" | "max-rows" | ""
    notes: SheetNotes = SheetNotes()  # error cells, formulas never calculated, hidden rows/columns, filter (.xlsx)


@dataclass(frozen=True)
class RawWorkbook:
    """A read workbook: its path, format ("xlsx" | "xls"), sheets and modification time."""

    path: Path
    fmt: str
    sheets: tuple[RawSheet, ...]
    mtime: float


class _FileProblem(Exception):
    """A file-level problem: a catalogued code, its wording variant and fields (message and hint lack the file)."""

    def __init__(self, code: str, variant: str = "", **fields: Any) -> None:
        self.message, self.hint = problems.text(code, variant, **fields)
        super().__init__(f"{code}: {self.message}")
        self.code, self.variant, self.fields = code, variant, fields


class Unreadable(_FileProblem):
    """A file-level problem (corrupt, encrypted, too large, a bomb); message/hint lack the file name."""


class NotAWorkbook(_FileProblem):
    """A file not read by design (.et .csv .docx .pdf images, html/xml disguised as .xls)."""


# ---------------------------------------------------------------- finding files

def find_files(inbox: Path) -> list[Path]:
    """Every file under `inbox` sorted by posix relative path, minus lock, hidden and system files (see find.py)."""
    return list(list_inbox(inbox).files)


# ---------------------------------------------------------------- sniffing

def sniff(path: Path) -> str:
    """The file's format by its first bytes: xlsx xls encrypted xlsb ods zip-other zip-corrupt ole-other
    ole-corrupt html xml pdf png jpeg gif image archive csv text empty unknown."""
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        return "empty"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return _sniff_zip(path)
    if head[:8] == ole.OLE_MAGIC:
        try:
            return _ole_kind(path.read_bytes())
        except ole.OleError:
            return "ole-corrupt"
    if head[:4] == b"%PDF":
        return "pdf"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[:4] == b"GIF8":
        return "gif"
    if head[:2] == b"BM" or head[:4] in (b"II*\x00", b"MM\x00*") or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head[:6] in (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c") or head[:2] == b"\x1f\x8b":
        return "archive"
    return _sniff_text(head, path.suffix.lower())


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            return _zip_kind(zf)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError, NotImplementedError, RuntimeError):
        return "zip-corrupt"  # RuntimeError: a member encrypted with a zip password


def _zip_kind(zf: zipfile.ZipFile) -> str:
    names = {n.lower() for n in zf.namelist()}
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "mimetype" in names and b"opendocument.spreadsheet" in zf.read("mimetype")[:100]:
        return "ods"
    return "zip-other"


def _ole_kind(data: bytes) -> str:
    names = {n.lower() for n in ole.ole_stream_names(data)}
    if "encryptedpackage" in names:
        return "encrypted"
    if "workbook" in names or "book" in names:
        return "xls"
    return "ole-other"


def _sniff_text(head: bytes, suffix: str) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    elif b"\x00" in head:
        return "unknown"
    else:
        for enc in ("utf-8-sig", "gb18030"):
            try:  # incremental: the head may end in the middle of a character
                text = codecs.getincrementaldecoder(enc)().decode(head, final=False)
                break
            except UnicodeDecodeError:
                continue
        else:
            return "unknown"
    low = text.lstrip("\ufeff \t\r\n").lower()
    if "mime-version:" in low[:1000] or low.startswith(("<!doctype html", "<html", "<table", "<meta", "<head",
                                                        "<body", "<style")) or "<html" in low[:2000]:
        return "html"
    if low.startswith("<"):
        return "xml"
    lines = [ln for ln in low.splitlines()[:5] if ln.strip()]
    if suffix in (".csv", ".tsv") or (lines and all("," in ln or "\t" in ln for ln in lines)):
        return "csv"
    return "text"


_NOT_READ = {  # sniffed kind -> (problem code, wording variant)
    "csv": ("format-csv",), "text": ("format-text",), "pdf": ("format-pdf",), "image": ("format-image",),
    "html": ("format-html",), "xml": ("format-xml",), "xlsb": ("format-xlsb",), "ods": ("format-ods",),
    "archive": ("format-archive",), "zip-other": ("format-other",), "ole-other": ("format-other", "ole"),
    "unknown": ("format-unknown",),
}
for _k in ("png", "jpeg", "gif"):
    _NOT_READ[_k] = _NOT_READ["image"]



# ---------------------------------------------------------------- reading

def read_workbook(path: Path, limits: Limits) -> RawWorkbook:
    """Every sheet of an .xlsx/.xlsm/.xls file as plain rows; raises Unreadable or NotAWorkbook."""
    path = Path(path)
    if path.suffix.lower() in (".et", ".ett"):
        raise NotAWorkbook("format-et")
    try:
        st = path.stat()
        with path.open("rb") as fh:
            magic = fh.read(8)
        container = magic[:2] == b"PK" or magic == ole.OLE_MAGIC
        if container and st.st_size > limits.max_file_mb * MB:
            raise Unreadable("too-large", size_mb=f"{st.st_size / MB:.1f}", limit_mb=limits.max_file_mb)
        if magic[:2] == b"PK":
            kind, source, cuts = _open_xlsx(path, limits)
        elif magic == ole.OLE_MAGIC:
            kind, source, cuts = _open_xls(path)
        else:
            kind, source, cuts = sniff(path), None, {}
    except OSError as exc:
        raise Unreadable("io-error", reason=exc.strerror or exc) from None
    if kind == "empty":
        raise Unreadable("empty")
    if kind in _NOT_READ and not (kind == "unknown" and path.suffix.lower() in WORKBOOK_EXTS):
        raise NotAWorkbook(*_NOT_READ[kind])
    if kind == "encrypted":
        raise Unreadable("encrypted")
    if source is None:
        raise Unreadable("corrupt")
    if isinstance(source, str) and path.suffix.lower() not in _EXT_OF[kind]:
        source = io.BytesIO(path.read_bytes())  # calamine picks its reader by extension, content wins here
    sheets = _read_sheets(source, limits, cuts)
    return RawWorkbook(path=path, fmt=kind, sheets=sheets, mtime=st.st_mtime)


def _open_xlsx(path: Path, limits: Limits) -> tuple[str, Source | None, Cuts]:
    """(kind, what calamine should open, cut sheets) for a zip: caps and sheet extents checked first."""
    try:
        with zipfile.ZipFile(path) as zf:
            kind = _zip_kind(zf)
            if kind != "xlsx":
                return kind, None, {}
            scan.check_zip(zf, limits.max_unpacked_mb)
            plans = scan.plan_sheets(zf, limits)
            cuts = {p.sheet: (p.reason if p.cut_offsets else "", p.notes) for p in plans}
            if not any(p.cut_offsets for p in plans):
                return kind, str(path), cuts
            return kind, io.BytesIO(scan.rewrite_zip(zf, plans)), cuts
    except scan.ScanError as exc:
        raise Unreadable(exc.code, exc.variant, **exc.fields) from None
    except RuntimeError:  # zipfile: a member encrypted with a zip password
        raise Unreadable("encrypted", "zip") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, KeyError, NotImplementedError,
            OSError) as exc:
        raise Unreadable("corrupt", "unzip", detail=f"{type(exc).__name__}: {exc}") from None


def _open_xls(path: Path) -> tuple[str, Source | None, Cuts]:
    data = path.read_bytes()
    notes: Cuts = {}
    try:
        kind = _ole_kind(data)
        if kind == "xls":
            notes = {name: ("", n) for name, n in ole.check_xls(data).items()}
    except scan.ScanError as exc:
        raise Unreadable(exc.code, exc.variant, **exc.fields) from None
    except ole.OleError as exc:
        raise Unreadable("corrupt", "detail", detail=exc) from None
    return kind, (str(path) if kind == "xls" else None), notes


def _read_sheets(source: Source, limits: Limits, cuts: Cuts) -> tuple[RawSheet, ...]:
    import python_calamine as pc

    try:
        with pc.CalamineWorkbook.from_object(source) as wb:
            out = []
            for meta in wb.sheets_metadata:
                if meta.typ != pc.SheetTypeEnum.WorkSheet:
                    continue
                sheet = wb.get_sheet_by_name(meta.name)
                cut, notes = cuts.get(meta.name, ("", SheetNotes()))
                out.append(_read_sheet(sheet, meta.name, meta.visible == pc.SheetVisibleEnum.Visible,
                                       limits, cut, notes))
            return tuple(out)
    except pc.PasswordError:
        raise Unreadable("encrypted", "any") from None
    except pc.CalamineError as exc:
        text = str(exc)
        if "entity" in text.lower():
            raise Unreadable("xml-entity") from None
        raise Unreadable("corrupt", "content", detail=f"{type(exc).__name__}: {text[:200]}") from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - calamine may raise anything; a Rust panic is a BaseException
        raise Unreadable("corrupt", "content", detail=f"{type(exc).__name__}: {str(exc)[:200]}") from None


def _read_sheet(sheet: CalamineSheet, name: str, visible: bool, limits: Limits, cut_reason: str,
                notes: SheetNotes | None = None) -> RawSheet:
    """Iterate calamine rows (Excel row 1 first), stopping at a long blank run or max_rows."""
    notes = notes if notes is not None else SheetNotes()
    start, end = sheet.start, sheet.end
    if start is None or end is None:
        at = None if not cut_reason else limits.max_rows + 1 if cut_reason == "max-rows" else 1
        return RawSheet(name, visible, (), (), at, cut_reason, notes)
    left = ("",) * start[1]  # iter_rows starts at row 1 but at the first used column
    end_row = end[0]
    rows: list[Row] = []
    last = -1  # index of the last non-blank row
    truncated: int | None = None
    reason = ""
    for i, values in enumerate(sheet.iter_rows()):
        if i >= limits.max_rows:
            truncated, reason = limits.max_rows + 1, "max-rows"
            break
        if values.count("") == len(values):
            if i - last >= limits.blank_run:
                if end_row > i:
                    truncated, reason = last + 2, "blank-run"
                break
        else:
            last = i
        rows.append(left + tuple(values) if left else tuple(values))
    del rows[last + 1:]
    if truncated is None and cut_reason:  # rows were cut out before calamine saw the sheet
        truncated, reason = (limits.max_rows + 1 if cut_reason == "max-rows" else last + 2), cut_reason
    width = max((len(r) for r in rows), default=0)
    if truncated is not None and rows:  # columns used only below the cut: drop them, as a cut file would
        width = max(len(r) - next((k for k, v in enumerate(reversed(r)) if v != ""), len(r)) for r in rows)
        rows = [r[:width] for r in rows]
    merged = []
    for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or ():
        if r1 < len(rows) and c1 < width:
            merged.append((r1, c1, min(r2, len(rows) - 1), min(c2, width - 1)))
    return RawSheet(name, visible, tuple(rows), tuple(sorted(merged)), truncated, reason, notes)
