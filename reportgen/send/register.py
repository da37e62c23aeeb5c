"""The 发文登记簿 read back: what `reportgen send` sends is what the register (as the clerk left it) says."""
from __future__ import annotations

import re
from pathlib import Path

from reportgen.config import Limits
from reportgen.errors import UsageError
from reportgen.read.workbook import Row, read_workbook
from reportgen.write.register import COLUMNS, ORGAN_SEP, REGISTER_NAME, SHEET, RegisterEntry

_SPLIT = re.compile(rf"[{ORGAN_SEP}\n;；,，]+")


def read_register(out: Path, limits: Limits) -> list[RegisterEntry]:
    """The register's rows that name a file, in order; UsageError when it is missing or not a register."""
    path = Path(out) / REGISTER_NAME
    if not path.is_file():
        raise UsageError(f"没有找到发文登记簿：{path}。请先运行 reportgen build 生成文书，或用 --out 指定输出文件夹")
    try:
        book = read_workbook(path, limits)
    except Exception as exc:  # noqa: BLE001 - the reader's Unreadable/NotAWorkbook
        raise UsageError(f"无法读取发文登记簿 {path}：{getattr(exc, 'message', exc)}。请关闭并检查该文件，或重新运行 reportgen build") from None
    sheet = next((s for s in book.sheets if s.name == SHEET), book.sheets[0] if book.sheets else None)
    head = [str(v).strip() for v in sheet.rows[0]] if sheet and sheet.rows else []
    if "文件" not in head:
        raise UsageError(f"发文登记簿 {path} 的第一行没有「文件」列：请不要改动表头（应为 {'、'.join(COLUMNS)}），或重新运行 reportgen build")
    at = {name: head.index(name) for name in COLUMNS if name in head}
    entries = []
    for row in sheet.rows[1:] if sheet else ():

        def cell(name: str, row: Row = row) -> str:
            return _text(row[at[name]]) if name in at and at[name] < len(row) else ""
        if not cell("文件"):
            continue
        entries.append(RegisterEntry(
            file=cell("文件").replace("\\", "/"), genre=cell("文种"), title=cell("标题"), docno=cell("发文字号"),
            issuers=_organs(cell("发文机关")), to=_organs(cell("主送")), cc=_organs(cell("抄送")),
            attachments=_lines(cell("附件")), enclosures=tuple(f.replace("\\", "/") for f in _lines(cell("随文发送")))))
    return entries


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


def _organs(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in _SPLIT.split(text) if p.strip()))


def _lines(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.splitlines() if p.strip())
