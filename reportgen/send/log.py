"""The send log YEAR/发送记录.csv: append-only, one row per file per message, outside out/ so builds keep it.

It answers one question for the next run: what did this organ last receive of this file (its sha256)?
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportgen.errors import UsageError

LOG_NAME = "发送记录.csv"
COLUMNS = ("时间", "收件单位", "邮箱", "文件", "sha256", "结果", "说明")
SENT = "已发送"
FAILED = "发送失败"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class LogRow:
    time: str
    organ: str
    address: str
    file: str  # relative to out/, "/" separators
    sha256: str
    result: str  # SENT | FAILED
    note: str = ""


class SendLog:
    """The rows of the log file (read once) and appending to it."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.rows: list[LogRow] = self._read()
        self._sent = {(r.organ, r.file): r.sha256 for r in self.rows if r.result == SENT}

    def _read(self) -> list[LogRow]:
        if not self.path.is_file():
            return []
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"无法读取发送记录 {self.path}（{exc}）：请关闭正在打开它的程序；"
                             "如文件已损坏，请改名保存后重试（将视为从未发送）") from None
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if rows and tuple(rows[0][:len(COLUMNS)]) == COLUMNS:
            rows = rows[1:]
        return [LogRow(*(r + [""] * len(COLUMNS))[:len(COLUMNS)]) for r in rows if len(r) >= 6]

    def last_sent(self, organ: str, file: str) -> str | None:
        """The sha256 of `file` when last sent to `organ`, None when never sent."""
        return self._sent.get((organ, file))

    def check_writable(self) -> None:
        """Before anything is sent: a log that cannot be written (open in Excel on Windows) would make it untrue."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8"):
                pass
        except OSError as exc:
            raise UsageError(f"无法写入发送记录 {self.path}（{exc.strerror}）：请关闭正在打开它的程序（如Excel）后重试；"
                             "未发送任何邮件") from None

    def append(self, rows: list[LogRow]) -> None:
        """Append `rows` and flush them to disk (a crash later loses nothing already sent)."""
        if not rows:
            return
        new = not self.path.exists() or self.path.stat().st_size == 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self.path.open("a", encoding="utf-8-sig" if new else "utf-8", newline="") as fh:
                writer = csv.writer(fh, lineterminator="\r\n")
                if new:
                    writer.writerow(COLUMNS)
                for r in rows:
                    writer.writerow([r.time, r.organ, r.address, r.file, r.sha256, r.result, r.note])
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise UsageError(f"无法写入发送记录 {self.path}（{exc.strerror}）：请关闭正在打开它的程序（如Excel）后重试") from None
        self.rows += rows
        self._sent.update({(r.organ, r.file): r.sha256 for r in rows if r.result == SENT})


def now_text() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")
