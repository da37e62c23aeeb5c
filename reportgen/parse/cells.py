"""What a person sees in a sheet's data rows that the raw grid does not say.

- A merged cell's value belongs to every row it spans (企业名称 merged over two equipment rows); only
  vertical spans below the header are filled, in the merge's first column, so that a note merged
  across a row stays one cell.
- A form's untouched prompt (「请选择」, 「--请选择--」, 「点击选择」) is a blank cell.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from reportgen.read.workbook import Merged, RawSheet, Row

PROMPT = re.compile(r"[\s\-—=_.·…<>《》()（）【】\[\]]*(?:请选择|请填写|请输入|点击选择|下拉选择|请下拉选择)"
                    r"[\s\-—=_.·…<>《》()（）【】\[\]：:]*")


def fill_merged(rows: tuple[Row, ...], merged: Merged, below: int) -> tuple[Row, ...]:
    """`rows` with each vertical merge below row index `below` repeated into the rows it spans."""
    spans = [m for m in merged if m[0] > below and m[2] > m[0]]
    if not spans:
        return rows
    out = list(rows)
    for r0, c0, r1, _ in spans:
        origin = rows[r0][c0] if c0 < len(rows[r0]) else ""
        if origin == "" or origin is None:
            continue
        for r in range(r0 + 1, min(r1, len(out) - 1) + 1):
            row = list(out[r])
            if c0 >= len(row):
                row.extend([""] * (c0 + 1 - len(row)))
            if row[c0] in ("", None):
                row[c0] = origin
                out[r] = tuple(row)
    return tuple(out)


def is_prompt(text: str) -> bool:
    """A data-validation prompt left as the form had it."""
    return ("选择" in text or "请" in text) and PROMPT.fullmatch(text) is not None


OWN_COLUMNS = ("来源文件", "来源行号")  # every list sheet reportgen writes ends in 来源文件, 来源工作表, 来源行号


def own_output_sheet(sheets: Iterable[RawSheet]) -> str:
    """The name of a sheet that only reportgen writes (a 汇总表 list, any year's), else ""."""
    for sheet in sheets:
        for row in sheet.rows[:5]:
            texts = {v.strip() for v in row if isinstance(v, str)}
            if all(c in texts for c in OWN_COLUMNS):
                return sheet.name
    return ""
