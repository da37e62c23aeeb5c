"""What calamine does not tell about an .xlsx sheet, read from its XML with byte patterns.

calamine gives an error cell (#DIV/0!, #N/A) and a formula never calculated (a file written by a
script) as an empty string, and says nothing of hidden rows, hidden columns or filters. These notes
are collected on the same chunks the sheet pre-scan reads (scan.py), so the part is inflated once.
A pattern is tried only when a cheap `in` test finds its marker in the chunk.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_ROW = re.compile(rb"<(?:[\w.-]+:)?row\s([^>]*)>")
_COL = re.compile(rb"<(?:[\w.-]+:)?col\s([^>]*)>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_FILTER = re.compile(rb'<(?:[\w.-]+:)?autoFilter\s[^>]*?\bref="([^"]+)"')
_ERROR_CELL = re.compile(rb'<((?:[\w.-]+:)?)c\s([^>]*?\bt="e"[^>]*)>'
                         rb'(?:\s*<(?:[\w.-]+:)?f[^>]*?(?:/>|>[^<]*</(?:[\w.-]+:)?f>))?'
                         rb'\s*(?:<(?:[\w.-]+:)?v>([^<]*)<)?')
_FORMULA_CELL = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*[^/])>\s*"
                           rb"<(?:[\w.-]+:)?f(?=[\s>/])[^>]*?(?:/>|>([^<]*)</(?:[\w.-]+:)?f>)"
                           rb"\s*(<(?:[\w.-]+:)?v>[^<])?")
_MIN = re.compile(rb'\bmin="(\d+)"')
_MAX = re.compile(rb'\bmax="(\d+)"')


@dataclass(frozen=True)
class SheetNotes:
    """Cells and structure of one sheet that its values alone do not show (0-based rows and columns)."""

    cells: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)  # (row, col) -> ("error", "#DIV/0!") | ("formula", "SUM(J4:J9)")
    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    autofilter: str = ""  # the filter's range, e.g. "A3:O20"

    def __bool__(self) -> bool:
        return bool(self.cells or self.hidden_rows or self.hidden_cols or self.autofilter)


class NotesBuilder:
    """Accumulates notes over the chunks of one sheet part."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], tuple[str, str]] = {}
        self.hidden_rows: set[int] = set()
        self.hidden_cols: set[int] = set()
        self.autofilter = ""

    def feed(self, buf: bytes) -> None:
        if b'hidden="' in buf:
            self._hidden(buf)
        if b'autoFilter' in buf and not self.autofilter:
            m = _FILTER.search(buf)
            if m:
                self.autofilter = m.group(1).decode("ascii", "replace")
        if b't="e"' in buf:
            for m in _ERROR_CELL.finditer(buf):
                ref = _ref(m.group(2))
                if ref:
                    self.cells[ref] = ("error", (m.group(3) or b"#VALUE!").decode("utf-8", "replace"))
        if b"f>" in buf or b"<f " in buf:
            self._formulas(buf)

    def _hidden(self, buf: bytes) -> None:
        for m in _ROW.finditer(buf):
            attrs = m.group(1)
            if _HIDDEN.search(attrs):
                r = re.search(rb'\br="(\d+)"', attrs)
                if r:
                    self.hidden_rows.add(int(r.group(1)) - 1)
        for m in _COL.finditer(buf):
            attrs = m.group(1)
            if _HIDDEN.search(attrs):
                lo, hi = _MIN.search(attrs), _MAX.search(attrs)
                if lo and hi and int(hi.group(1)) - int(lo.group(1)) < 16384:
                    self.hidden_cols.update(range(int(lo.group(1)) - 1, int(hi.group(1))))

    def _formulas(self, buf: bytes) -> None:
        # <f> is a cell's first child (CT_Cell: f, v, is): one pass finds each formula and whether a value follows
        for m in _FORMULA_CELL.finditer(buf):
            if m.group(3) is None:
                ref = _ref(m.group(1))
                if ref and ref not in self.cells:
                    self.cells[ref] = ("formula", (m.group(2) or b"").decode("utf-8", "replace"))

    def notes(self) -> SheetNotes:
        return SheetNotes(self.cells, frozenset(self.hidden_rows), frozenset(self.hidden_cols), self.autofilter)


def _ref(attrs: bytes) -> tuple[int, int] | None:
    m = _REF.search(attrs)
    if not m:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ch - 64
    return int(m.group(2)) - 1, col - 1
