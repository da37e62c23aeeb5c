"""OLE2 compound files (.xls, encrypted .xlsx): stream names, and the BIFF cell box of each sheet.

Used only by reader.py, so that calamine never allocates a huge dense grid for an .xls.
"""
from __future__ import annotations

import struct
from array import array
from collections.abc import Callable

from reportgen.read.notes import NotesBuilder, SheetNotes
from reportgen.read.scan import DENSE_MAX, MAX_MERGES, ScanError, _area, _too_many_merges, col_name

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class OleError(Exception):
    """A broken OLE2 compound file."""


def _ole_parse(data: bytes) -> tuple[list[tuple[str, int, int, int]], Callable[[str], bytes]]:
    if len(data) < 512 or data[:8] != OLE_MAGIC:
        raise OleError("不是OLE2复合文档")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise OleError("OLE2文件头异常")
    ssz = 1 << shift
    nsec = max((len(data) - 512) // ssz + 1, 1)
    first_dir, = struct.unpack_from("<I", data, 0x30)
    cutoff, first_minifat, n_minifat, first_difat, n_difat = struct.unpack_from("<IIIII", data, 0x38)

    def sector(n: int) -> bytes:
        off = (n + 1) * ssz
        if n >= nsec or off >= len(data):
            raise OleError("OLE2扇区越界")
        return data[off:off + ssz]

    _check_header_counts(data, nsec)
    fat_secs = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < 0xFFFFFFFA]
    d: int = first_difat
    seen: set[int] = set()
    while d < 0xFFFFFFFA:
        if d in seen or len(seen) > n_difat:  # calamine follows this chain without a bound
            raise OleError("OLE2扇区链异常（DIFAT）")
        seen.add(d)
        vals = struct.unpack(f"<{ssz // 4}I", sector(d))
        fat_secs += [s for s in vals[:-1] if s < 0xFFFFFFFA]
        d = vals[-1]
    fat: list[int] = []
    for s in fat_secs:
        fat += struct.unpack(f"<{ssz // 4}I", sector(s))

    entries = _directory(b"".join(sector(s) for s in _chain(first_dir, fat)), ssz)

    def read(name: str) -> bytes:
        ent = next((e for e in entries if e[1] == 2 and e[0].lower() == name.lower()), None)
        if ent is None:
            raise OleError(f"缺少{name}数据流")
        _, _, start, size = ent
        if size >= cutoff:
            return b"".join(sector(s) for s in _chain(start, fat))[:size]
        root = next(e for e in entries if e[1] == 5)
        mini_stream = b"".join(sector(s) for s in _chain(root[2], fat))
        minifat: list[int] = []
        for s in _chain(first_minifat, fat)[:n_minifat or None]:
            minifat += struct.unpack(f"<{ssz // 4}I", sector(s))
        return b"".join(mini_stream[s * 64:(s + 1) * 64] for s in _chain(start, minifat))[:size]

    return entries, read


def _chain(start: int, table: list[int]) -> list[int]:
    """The sectors of a chain from `start` through an allocation table (bounded: a loop is an error)."""
    out: list[int] = []
    while start < 0xFFFFFFFA:
        if start >= len(table) or len(out) > len(table):
            raise OleError("OLE2扇区链异常")
        out.append(start)
        start = table[start]
    return out


def _directory(dir_bytes: bytes, ssz: int) -> list[tuple[str, int, int, int]]:
    """The storage, stream and root entries of the directory: (name, type, first sector, size)."""
    entries: list[tuple[str, int, int, int]] = []
    for off in range(0, len(dir_bytes) - 127, 128):
        nlen, typ = struct.unpack_from("<HB", dir_bytes, off + 64)
        start, size = struct.unpack_from("<IQ", dir_bytes, off + 116)
        if typ in (1, 2, 5) and 2 <= nlen <= 64:
            name = dir_bytes[off:off + nlen - 2].decode("utf-16-le", errors="replace")
            entries.append((name, typ, start, size if ssz == 4096 else size & 0xFFFFFFFF))
    return entries


MAX_MINIFAT_SECTORS = 1024  # 8 MB of streams under 4 KB each: far beyond any workbook


def _check_header_counts(data: bytes, nsec: int) -> None:
    """Counts in the header that calamine reserves memory for before reading any sector."""
    n_fat, = struct.unpack_from("<I", data, 0x2C)
    n_minifat, = struct.unpack_from("<I", data, 0x40)
    if n_fat > nsec or n_minifat > min(nsec, MAX_MINIFAT_SECTORS):
        raise OleError(f"OLE2文件头声称有{max(n_fat, n_minifat)}个分配表扇区，而文件只有{nsec}个扇区")


def ole_stream_names(data: bytes) -> list[str]:
    """Names of the streams and storages of an OLE2 compound file."""
    entries, _ = _ole_parse(data)
    return [e[0] for e in entries]


_CELL_RECORDS = {0x0203, 0x00FD, 0x027E, 0x0205, 0x0006, 0x0204, 0x00D6, 0x00BD}


_BIFF_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
                0x2A: "#N/A"}


def xls_boxes(stream: bytes, notes: list[NotesBuilder] | None = None) -> list[tuple[str, tuple[int, int, int, int] | None]]:
    """(sheet name, valued-cell box) per worksheet substream of a BIFF Workbook stream.

    With `notes` (a list), a NotesBuilder per substream is appended to it and filled with what calamine
    does not tell: error cells (BOOLERR, FORMULA with an error result), hidden rows (ROW fDyZero), hidden
    columns (COLINFO fHidden) and a filter (AUTOFILTERINFO)."""
    head = struct.Struct("<HHHH").unpack_from  # record type, length, and a cell's row and column
    last_col = struct.Struct("<H").unpack_from
    names: dict[int, str] = {}
    subs: list[tuple[int, array[int], array[int]]] = []
    rows: array[int] | None = None
    cols: array[int] = array("H")
    merges = 0
    pos, end = 0, len(stream) - 8
    cells = _CELL_RECORDS
    while pos <= end:
        rtype, rlen, row, col = head(stream, pos)
        if rtype in cells:
            if rows is not None:
                rows.append(row)
                cols.append(col)
                if rtype == 0x00BD and rlen >= 6:  # MULRK: its last column closes the record
                    cols.append(last_col(stream, pos + 2 + rlen)[0])
                elif notes is not None and (rtype == 0x0205 or rtype == 0x0006):
                    _cell_error(stream, pos, rtype, rlen, row, col, notes[-1])
        elif rtype == 0x0809:  # BOF: a new substream
            rows, cols = array("H"), array("H")
            subs.append((pos, rows, cols))
            if notes is not None:
                notes.append(NotesBuilder())
        elif notes is not None and rtype in (0x0208, 0x007D, 0x009D) and notes:
            _structure(stream, pos, rtype, rlen, notes[-1])
        elif rtype == 0x0200:  # DIMENSIONS: calamine reserves rows x columns cells from it
            _check_dimensions(stream[pos + 4:pos + 4 + rlen], names.get(subs[-1][0] if subs else -1, ""))
        elif rtype == 0x002F and len(subs) <= 1:  # FILEPASS in the globals
            raise ScanError("encrypted", "short")
        elif rtype == 0x00E5 and rlen >= 2:  # MERGEDCELLS: a count, then 8 bytes per range
            merges += last_col(stream, pos + 4)[0]
            if merges > MAX_MERGES:
                _too_many_merges("工作簿", merges)
        elif rtype == 0x0085 and rlen >= 8:  # BOUNDSHEET: where each sheet's BOF is, and its name
            at, = struct.unpack_from("<I", stream, pos + 4)
            names[at] = _biff_name(stream[pos + 10:pos + 4 + rlen])
        pos += 4 + rlen
    return [(names.get(off, f"第{i}个工作表"), (min(r), min(c), max(r), max(c)) if r else None)
            for i, (off, r, c) in enumerate(subs[1:], 1)]


def _cell_error(stream: bytes, pos: int, rtype: int, rlen: int, row: int, col: int, notes: NotesBuilder) -> None:
    body = pos + 4
    if rtype == 0x0205 and rlen >= 8 and stream[body + 7] == 1:  # BOOLERR with fError
        notes.cells[(row, col)] = ("error", _BIFF_ERRORS.get(stream[body + 6], "#VALUE!"))
    elif rtype == 0x0006 and rlen >= 14 and stream[body + 12:body + 14] == b"\xff\xff" and stream[body + 6] == 2:
        notes.cells[(row, col)] = ("error", _BIFF_ERRORS.get(stream[body + 8], "#VALUE!"))  # a formula's error result


def _structure(stream: bytes, pos: int, rtype: int, rlen: int, notes: NotesBuilder) -> None:
    body = pos + 4
    if rtype == 0x0208 and rlen >= 14 and stream[body + 12] & 0x20:  # ROW with fDyZero: hidden
        notes.hidden_rows.add(struct.unpack_from("<H", stream, body)[0])
    elif rtype == 0x007D and rlen >= 10 and stream[body + 8] & 0x01:  # COLINFO with fHidden
        first, last = struct.unpack_from("<HH", stream, body)
        if last - first < 256:
            notes.hidden_cols.update(range(first, last + 1))
    elif rtype == 0x009D:  # AUTOFILTERINFO
        notes.autofilter = notes.autofilter or "自动筛选"


def dimensions_area(body: bytes) -> int:
    """The cell count calamine reserves for a DIMENSIONS record, with its unsigned 32-bit arithmetic."""
    if len(body) == 14:
        rf, rl, cf, cl = struct.unpack_from("<IIHH", body)
    elif len(body) == 10:
        rf, rl, cf, cl = struct.unpack_from("<HHHH", body)
    else:
        return 0
    if cf > 0xFF or cl < cf:
        cf = 0
    if rl < 1 or cl < 1:
        return 1
    rows = (rl - 1 - rf + 1) & 0xFFFFFFFF
    cols = (cl - 1 - cf + 1) & 0xFFFFFFFF
    return int(rows * cols)


def _check_dimensions(body: bytes, sheet: str) -> None:
    area = dimensions_area(body)
    if area > DENSE_MAX:
        where = f"工作表「{sheet}」" if sheet else "一个工作表"
        raise ScanError("declared-size", part=where, area=area)


def _biff_name(raw: bytes) -> str:
    if len(raw) < 2:
        return ""
    cch, flags = raw[0], raw[1]
    if flags & 1:
        return raw[2:2 + 2 * cch].decode("utf-16-le", errors="replace")
    return raw[2:2 + cch].decode("latin-1")


def check_xls(data: bytes) -> dict[str, SheetNotes]:
    """Refuse an encrypted .xls, or one whose sheets' valued-cell boxes exceed DENSE_MAX; the notes per sheet."""
    entries, read = _ole_parse(data)
    names = {e[0].lower() for e in entries}
    stream = read("Workbook" if "workbook" in names else "Book")
    builders: list[NotesBuilder] = []
    boxes = xls_boxes(stream, builders)
    for sheet, box in boxes:
        if box and _area(box) > DENSE_MAX:
            raise ScanError("sheet-too-large", sheet_name=sheet, rows=box[2] - box[0] + 1, cols=box[3] - box[1] + 1,
                            far=f"{col_name(box[3])}{box[2] + 1}")
    return {name: builders[i].notes() for i, (name, _) in enumerate(boxes, 1) if i < len(builders)}
