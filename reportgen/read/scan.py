"""Pre-scans that keep hostile .xlsx files away from calamine (used only by reader.py).

- zip caps: declared uncompressed sizes and compression ratios, before anything is inflated;
- sheet XML: the bounding box of the cells that carry a value (calamine allocates it densely), a
  cut after a long blank run or max_rows, merge-bomb and DTD refusals.
.xls files are scanned in reader_ole.py.
"""
from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, replace
from typing import Any
from collections.abc import Iterator
from xml.parsers import expat

from reportgen import problems
from reportgen.config import Limits
from reportgen.read.notes import NotesBuilder, SheetNotes

DENSE_FAST = 4_000_000  # valued-cell boxes up to this many cells go to calamine without the exact scan
DENSE_MAX = 6_000_000  # calamine needs ~32-60 bytes per cell of the box: refuse beyond (~360 MB)
RATIO_MAX = 200
RATIO_MIN_SIZE = 10 * 1024 * 1024
MAX_MEMBERS = 20_000
MAX_MERGES = 100_000  # python-calamine turns each merged range into Python tuples (~200 bytes)
# calamine fails on (never expands) entity references; these checks only give a clearer message
_PARSED_PARTS = {"xl/workbook.xml", "xl/sharedstrings.xml"}
CHUNK = 1 << 20


class ScanError(Exception):
    """A hostile or malformed workbook: a catalogued problem code and its fields (no file name)."""

    def __init__(self, code: str, variant: str = "", **fields: Any) -> None:
        self.message, self.hint = problems.text(code, variant, **fields)
        super().__init__(f"{code}: {self.message}")
        self.code, self.variant, self.fields = code, variant, fields


def col_name(col: int) -> str:
    """0-based column index -> Excel letters (0 -> A)."""
    name = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return name


def _col_index(letters: bytes | str) -> int:
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        n = n * 26 + ord(ch) - 64
    return n - 1


# ---------------------------------------------------------------- zip

def check_zip(zf: zipfile.ZipFile, max_unpacked_mb: int) -> None:
    """Refuse a zip whose declared sizes or ratios say bomb, and any XML member with a DTD."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ScanError("zip-bomb", "parts", parts=len(infos))
    total = sum(i.file_size for i in infos)
    if total > max_unpacked_mb * 1024 * 1024:
        raise ScanError("zip-bomb", unpacked_mb=f"{total / 1048576:.0f}", limit_mb=max_unpacked_mb)
    for i in infos:
        if i.file_size > RATIO_MIN_SIZE and i.file_size > RATIO_MAX * max(i.compress_size, 1):
            raise ScanError("zip-bomb", "ratio", member=i.filename, ratio=i.file_size // max(i.compress_size, 1),
                            unpacked_mb=f"{i.file_size / 1048576:.0f}")
    if any(i.flag_bits & 0x1 for i in infos):  # a member encrypted with a zip password (not Office's own)
        raise ScanError("encrypted", "zip")
    for i in infos:  # the parts calamine parses besides the sheets (scanned in _quick_box)
        if i.filename.lower() in _PARSED_PARTS and i.file_size:
            with zf.open(i) as fh:
                head = fh.read(4096)
            _refuse_dtd(head, i.filename)
        if i.filename.lower().endswith("sharedstrings.xml"):
            with zf.open(i) as fh:
                _check_sst(fh.read(4096), i)


_SST_COUNT = re.compile(rb"<(?:[\w.-]+:)?sst\b[^>]*?\suniqueCount\s*=\s*[\"']\s*(\d+)")
SST_MIN_ENTRY = 5  # bytes of the smallest shared string, <si/>
SST_SLACK = 100_000  # a wrong but harmless count (generators miscount) is not refused below this


def _check_sst(head: bytes, info: zipfile.ZipInfo) -> None:
    """Refuse a shared-string table claiming more entries than its part can hold: calamine reserves
    memory for the claimed count before reading one (24 bytes each; 10^12 aborts the process)."""
    m = _SST_COUNT.search(head)
    if not m:
        return
    claimed = int(m.group(1))
    room = info.file_size // SST_MIN_ENTRY + 1
    if claimed > room and claimed > SST_SLACK:
        raise ScanError("declared-size", "sst", member=info.filename, claimed=claimed, size=info.file_size, room=room)


def _refuse_dtd(head: bytes, member: str) -> None:
    upper = head.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise ScanError("xml-dtd", member=member)


# ---------------------------------------------------------------- sheet plans

@dataclass(frozen=True)
class SheetPlan:
    """What to do with one worksheet part: read as is, or cut rows out before calamine sees it."""

    sheet: str
    member: str
    cut_offsets: tuple[int, int] | None = None  # bytes [a, b) of the part to drop
    reason: str = ""  # "blank-run" | "max-rows"
    notes: SheetNotes = SheetNotes()


_TAG = re.compile(rb"<(?:[\w.-]+:)?(sheet|Relationship)\s([^>]*)>")
_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(["'])(.*?)\2""", re.S)


def _attrs(raw: bytes) -> dict[str, str]:
    out = {}
    for key, _, value in _ATTR.findall(raw):
        local = key.decode("ascii", errors="replace").rpartition(":")[2].lower()
        if local in ("id", "name", "target"):
            out[local] = html.unescape(value.decode("utf-8", errors="replace"))
    return out


def sheet_members(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, zip member) for every sheet of the workbook, in workbook order (as calamine finds them)."""
    names = {n.lower(): n for n in zf.namelist()}
    targets = {}
    rels = names.get("xl/_rels/workbook.xml.rels")
    if rels:
        for tag, raw in _TAG.findall(zf.read(rels)):
            if tag == b"Relationship":
                attrs = _attrs(raw)
                targets[attrs.get("id", "")] = attrs.get("target", "")
    out = []
    for tag, raw in _TAG.findall(zf.read(names["xl/workbook.xml"])):
        if tag != b"sheet":
            continue
        attrs = _attrs(raw)
        target = targets.get(attrs.get("id", ""), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        member = names.get(path.lower())
        if member:
            out.append((attrs.get("name", ""), member))
    return out


_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?(?:worksheet|dialogsheet|chartsheet)[\s>/]")


def plan_sheets(zf: zipfile.ZipFile, limits: Limits) -> list[SheetPlan]:
    """A plan per worksheet: the valued-cell box must fit DENSE_MAX after any cut, or ScanError."""
    plans = []
    members = sheet_members(zf)
    for sheet, member in members:
        builder = NotesBuilder()
        box = _quick_box(zf, member, builder)
        notes = builder.notes() if box is not None else sheet_notes(zf, member)
        if box is not None and _area(box) <= DENSE_FAST:
            plans.append(SheetPlan(sheet, member, notes=notes))
            continue
        plans.append(replace(_exact_plan(zf, sheet, member, limits), notes=notes))
    wb_xml = next(n for n in zf.namelist() if n.lower() == "xl/workbook.xml")
    if len(members) < sum(1 for tag, _ in _TAG.findall(zf.read(wb_xml)) if tag == b"sheet"):
        # a sheet we could not resolve as calamine might: no XML part may hide an oversized box
        mapped = {m for _, m in members}
        for info in zf.infolist():
            name = info.filename
            if name in mapped or not name.lower().endswith(".xml") or name.lower() in _PARSED_PARTS:
                continue
            box = _quick_box(zf, name)
            if box is None or _area(box) > DENSE_FAST:
                plan = _exact_plan(zf, name, name, limits)
                if plan.cut_offsets:
                    raise ScanError("sheet-too-large", "scattered", member=name)
    return plans


def _too_many_merges(where: str, count: int) -> None:
    raise ScanError("too-many-merges", part=where, count=count)


def _area(box: tuple[int, int, int, int]) -> int:
    r1, c1, r2, c2 = box
    return (r2 - r1 + 1) * (c2 - c1 + 1)


def _bufs(zf: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """The part in chunks cut before a `<` near each chunk's end (so a start tag is never split); the first
    item is the chunk's root-element prefix (b"" or e.g. b"x:")."""
    carry = b""
    first = True
    with zf.open(member) as fh:
        while True:
            chunk = fh.read(CHUNK)
            if first:
                _refuse_dtd(chunk[:4096], member)
                m = _ROOT.search(chunk[:8192])
                yield m.group(1) if m and m.group(1) else b""
                first = False
            if not chunk:
                yield carry
                return
            buf = carry + chunk
            cut = buf.rfind(b"<", max(0, len(buf) - 32))  # a split `<c r="XFD1048576"` is that short
            buf, carry = (buf[:cut], buf[cut:]) if cut >= 0 else (buf, b"")
            yield buf


def _quick_box(zf: zipfile.ZipFile, member: str,
               notes: NotesBuilder | None = None) -> tuple[int, int, int, int] | None:
    """Box of every cell with an explicit r="A1" (valued or not); None when some cell has no r.

    `notes` is fed every chunk on the way (complete only when a box is returned)."""
    rows: set[bytes] = set()
    cols: set[bytes] = set()
    merges = 0
    bufs = _bufs(zf, member)
    prefix = next(bufs)
    pattern = re.compile(rb"<" + re.escape(prefix) + rb'c(?: r="([A-Z]{1,3})([0-9]{1,7})")?[\s>/]')
    for buf in bufs:
        merges += buf.count(b"mergeCell ")
        if merges > MAX_MERGES:
            _too_many_merges(member, merges)
        if notes is not None:
            notes.feed(buf)
        pairs = pattern.findall(buf)
        if pairs:
            found_cols, found_rows = zip(*pairs, strict=False)
            if b"" in found_cols:  # a cell placed by counting: only the exact scan can tell
                return None
            cols.update(found_cols)
            rows.update(found_rows)
    if not rows:
        return (0, 0, 0, 0)
    rnums = [int(r) - 1 for r in rows]
    cnums = [_col_index(c) for c in cols]
    return (min(rnums), min(cnums), max(rnums), max(cnums))


def sheet_notes(zf: zipfile.ZipFile, member: str) -> SheetNotes:
    """The notes of one sheet part in a pass of their own (when the quick box gave up early)."""
    builder = NotesBuilder()
    bufs = _bufs(zf, member)
    next(bufs)
    for buf in bufs:
        builder.feed(buf)
    return builder.notes()


class _Cells:
    """expat handlers following calamine's placement of cells (explicit r, else previous + 1)."""

    def __init__(self, parser: expat.XMLParserType, max_rows: int) -> None:
        self.p = parser
        self.max_rows = max_rows
        self.row_offset = 0  # byte offset of the current <row>
        self.max_rows_offset: int | None = None  # offset of the first <row> at or past max_rows
        self.row = -1
        self.col = -1
        self.in_cell = False
        self.valued = False
        self.pos = (0, 0)
        self.valued_rows: list[list[int]] = []  # [row, min col, max col, <row> offset], document order
        self.ordered = True
        self.sheetdata_end: int | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            r = attrs.get("r")
            row = int(r) - 1 if r and r.isdigit() else self.row + 1
            if row <= self.row:
                self.ordered = False
            self.row, self.col, self.row_offset = row, -1, self.p.CurrentByteIndex
            if row >= self.max_rows and self.max_rows_offset is None:
                self.max_rows_offset = self.row_offset
        elif local == "c":
            ref = attrs.get("r", "")
            m = re.fullmatch(r"([A-Z]{1,3})([0-9]{1,7})", ref)
            if m:
                row, self.col = int(m.group(2)) - 1, _col_index(m.group(1))
                if row != self.row:
                    self.ordered = False
            else:
                row, self.col = self.row, self.col + 1
            self.pos, self.in_cell, self.valued = (row, self.col), True, False
        elif local in ("v", "is") and self.in_cell:
            self.valued = True

    def end(self, name: str) -> None:
        local = name.rpartition(":")[2]
        if local == "c":
            self.in_cell = False
            if self.valued:
                row, col = self.pos
                last = self.valued_rows[-1] if self.valued_rows else None
                if last and last[0] == row:
                    last[1], last[2] = min(last[1], col), max(last[2], col)
                else:
                    if last and row < last[0]:
                        self.ordered = False
                    self.valued_rows.append([row, col, col, self.row_offset])
        elif local == "sheetData":
            self.sheetdata_end = self.p.CurrentByteIndex


def _refuse(*_args: object) -> None:
    raise ScanError("xml-dtd", "sheet")


def _exact_plan(zf: zipfile.ZipFile, sheet: str, member: str, limits: Limits) -> SheetPlan:
    parser = expat.ParserCreate()
    cells = _Cells(parser, limits.max_rows)
    parser.StartElementHandler = cells.start
    parser.EndElementHandler = cells.end
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    try:
        with zf.open(member) as fh:
            while chunk := fh.read(CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise ScanError("corrupt", "sheet-xml", sheet_name=sheet, detail=exc) from None
    kept, cut_row, reason = [], None, ""
    prev = -1
    start = None
    for row, c1, c2, offset in sorted(cells.valued_rows):
        # walking down, the blank run completes at prev + blank_run, max_rows stops at max_rows
        blank_at = prev + limits.blank_run if row - prev - 1 >= limits.blank_run else None
        if row >= limits.max_rows and (blank_at is None or limits.max_rows <= blank_at):
            cut_row, reason, start = limits.max_rows, "max-rows", cells.max_rows_offset
            break
        if blank_at is not None:
            cut_row, reason, start = row, "blank-run", offset
            break
        kept.append((row, c1, c2))
        prev = row
    if kept:
        box = (kept[0][0], min(k[1] for k in kept), kept[-1][0], max(k[2] for k in kept))
        if _area(box) > DENSE_MAX:
            far = max(kept, key=lambda k: k[2])
            raise ScanError("sheet-too-large", sheet_name=sheet, rows=box[2] - box[0] + 1, cols=box[3] - box[1] + 1,
                            far=f"{col_name(far[2])}{far[0] + 1}")
    if cut_row is None:
        return SheetPlan(sheet, member)
    if not cells.ordered or cells.sheetdata_end is None or start is None:
        raise ScanError("sheet-too-large", "disorder", sheet_name=sheet, row_after=cut_row + 1)
    return SheetPlan(sheet, member, (start, cells.sheetdata_end), reason)


def rewrite_zip(zf: zipfile.ZipFile, plans: list[SheetPlan]) -> bytes:
    """A copy of the workbook with the planned row ranges removed from their sheet parts."""
    import io

    cuts = {p.member: p.cut_offsets for p in plans if p.cut_offsets}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in zf.infolist():
            data = zf.read(info)
            if info.filename in cuts:
                a, b = cuts[info.filename]
                data = data[:a] + data[b:]
            dst.writestr(info.filename, data)
    return out.getvalue()
