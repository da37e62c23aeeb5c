"""The recipient's voice: how a letter addresses its reader, and a problem said to the one who sent the file.

A problem carries the clerk's message (file with its folder, sheet, cell, what to do in the tool). A letter
never quotes it: it says the recipient's own file name, sheet and row, the value, what to correct, dates as
2021年11月15日 and “ ” quotes, and nothing about the tool, the inbox or other senders' folders. Problems that
concern only the clerk (a hidden sheet read, a file replaced by a newer one, a submitter still missing, the
plan's own rows) never reach a letter.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from reportgen.config import Submitter
from reportgen.models import Problem

# problems the clerk acts on; a letter words the ones it needs itself (duplicates, other-year, named items)
CLERK_ONLY = frozenset({
    "sheet-hidden", "file-superseded", "submitter-missing", "submitter-unknown", "submitter-unidentified",
    "target-no-submission", "plan-item-missing", "red-no-exit", "yellow-overdue", "task-department-unknown",
    "task-number", "target-unit-inconvertible", "blank-run", "max-rows", "too-large", "sheet-too-large",
    "too-many-merges", "duplicate", "duplicate-probable", "other-year", "case-duplicate", "io-error",
    "zip-bomb", "xml-dtd", "xml-entity", "fill-date-unreadable", "sheet-truncated", "county-other",
})
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_CELL = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}[1-9]\d{0,5}(?![A-Za-z0-9])")
_TOOL = re.compile(r"收件箱|重新生成|重新运行|生成|reportgen|问题清单|汇总表|按\s*0\s*计|候选|[\w（）]+/[\w（）.]+")
_END = "。！？；"


def you(who: Submitter | None) -> str:
    """How a letter addresses its reader: 你县/你区/你市 to a county, 贵局/贵委/贵办 to a peer department."""
    if who is None:
        return "你单位"
    name = who.name
    if who.kind == "county":
        return "你" + (name[-1] if name[-1] in "县区市旗" else "县")
    for tail, word in (("委员会", "贵委"), ("委", "贵委"), ("局", "贵局"), ("办公室", "贵办"), ("办", "贵办"),
                       ("厅", "贵厅"), ("院", "贵院"), ("中心", "贵中心")):
        if name.endswith(tail):
            return word
    return "贵单位"


def cn_dates(text: str) -> str:
    """2021-10-20 -> 2021年10月20日; 「」 -> “ ”."""
    text = _ISO.sub(lambda m: f"{int(m[1])}年{int(m[2])}月{int(m[3])}日", text)
    return text.replace("「", "“").replace("」", "”")


def file_name(path: str) -> str:
    """The sender's own file name, without the folder the clerk filed it in."""
    return PurePosixPath(path).name if path else ""


def place(p: Problem) -> str:
    """《兴庆区…情况.xlsx》“退出明细”工作表第7行, as the sender knows its own file."""
    text = f"《{file_name(p.file)}》" if p.file else ""
    if p.sheet:
        text += f"“{p.sheet}”工作表"
    if p.row:
        text += f"第{p.row}行"
    return text


def _body(p: Problem) -> str:
    """What is wrong, without the clerk's location prefix."""
    message = p.message.strip()
    if p.file and message.startswith(p.file):
        message = message.split("：", 1)[1] if "：" in message else ""
    return cn_dates(message).strip().rstrip(_END)


def recipient_sentence(p: Problem) -> str:
    """The problem as a letter says it to the sender of the file, or "" when it concerns only the clerk."""
    if p.code in CLERK_ONLY or p.code.startswith(("format-", "ole-", "zip-")):
        return ""
    body = _body(p)
    if not body or _TOOL.search(body) or _CELL.search(body):
        value = cn_dates(p.value)
        body = f"所填“{value}”有误" if value else "有填写错误"
    if p.is_error and "未计入" not in body:
        body += "，该行未计入"
    hint = cn_dates(p.hint).strip().rstrip(_END)
    if _TOOL.search(hint) or _CELL.search(hint):
        hint = ""
    where = place(p)
    return f"{where}：{body}。" + (f"{hint}。" if hint else "")


def numbered(lines: list[str]) -> list[str]:
    """A list of sentences as a letter writes them: one stands alone, several are numbered （1）（2）…"""
    lines = [x for x in lines if x]
    if len(lines) <= 1:
        return lines
    return [f"（{n}）{line}" for n, line in enumerate(lines, 1)]
