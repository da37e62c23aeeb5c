"""The recipient's voice: a problem said to the one who sent the file (how a letter addresses its reader is
documents/organs.py).

A problem carries the clerk's message (file with its folder, sheet, cell, what to do in the tool). A letter
never quotes it: it uses the catalogue's recipient sentence (reportgen/problems/catalogue.py) — the recipient's own file
name, sheet and row, the value, what to correct, dates as 2021年11月15日, “ ” quotes, nothing about the tool, the
inbox or other senders' folders. Problems that concern only the clerk (a hidden sheet read, a file replaced by a
newer one, a submitter still missing) have none and never reach a letter.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from reportgen.models import Problem
from reportgen.problems import recipient

# problems a 核对函 words itself, naming both sides (duplicates, other years) or the county concerned (named plan
# items, red cases without an exit); the catalogue's recipient sentence is for the marked-up workbook
OWN_WORDED = frozenset({"duplicate", "other-year", "plan-item-missing", "red-no-exit", "target-no-submission"})
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def cn_dates(text: str) -> str:
    """2021-10-20 -> 2021年10月20日; 「」 -> “ ”."""
    text = _ISO.sub(lambda m: f"{int(m[1])}年{int(m[2])}月{int(m[3])}日", text)
    return text.replace("「", "“").replace("」", "”")


def file_name(path: str) -> str:
    """The sender's own file name, without the folder the clerk filed it in."""
    return PurePosixPath(path).name if path else ""


def recipient_sentence(p: Problem) -> str:
    """The problem as a letter says it to the sender of the file (the catalogue's recipient wording,
    problems.recipient), or "" when it concerns only the clerk or the letter words it itself."""
    if p.code in OWN_WORDED:
        return ""
    try:
        text = recipient(p) or ""
    except KeyError:  # a problem made without the catalogue's fields (an older or hand-made record): say the place
        text = _generic(p)
    if text and p.is_error and not any(w in text for w in ("未计入", "未能计入", "无法读取", "无法汇总", "无法打开")):
        head, sep, tail = text.partition("，请")
        text = f"{head}，该行未能计入{sep}{tail}" if sep else text.rstrip("。") + "，该行未能计入。"
    return cn_dates(text)


def _generic(p: Problem) -> str:
    name = file_name(p.file)
    at = (f"“{name}”" if name else "") + (f"“{p.sheet}”工作表" if p.sheet else "") + (f"第{p.row}行" if p.row else "")
    value = f"的“{cn_dates(p.value)}”" if p.value else ""
    return f"{at}{value}填写有误，请核实更正。" if at else ""


def numbered(lines: list[str]) -> list[str]:
    """A list of sentences as a letter writes them: one stands alone, several are numbered （1）（2）…"""
    lines = [x for x in lines if x]
    if len(lines) <= 1:
        return lines
    return [f"（{n}）{line}" for n, line in enumerate(lines, 1)]
