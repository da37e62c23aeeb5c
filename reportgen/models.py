"""Typed, frozen records that travel between the stages of a run.

Data flows one way: files -> raw cells (reader) -> records and problems (intake)
-> tally -> outputs. Nothing past intake sees a raw cell value.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from decimal import Decimal
from typing import Any

from reportgen.identity import enterprise_key, name_key, thing_key

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """A data problem for the clerk: where it is, what is wrong, how to fix it (made by `reportgen.problems`)."""

    severity: str  # ERROR | WARNING
    code: str  # stable slug, e.g. "capacity-not-number"
    message: str  # Chinese sentence naming file, sheet, cell and value
    hint: str = ""  # Chinese: what to write instead
    file: str = ""  # inbox-relative path with "/" separators
    sheet: str = ""
    row: int | None = None  # Excel row number as the clerk sees it (1-based)
    cell: str = ""  # e.g. "C7"
    value: str = ""  # the offending value as text
    # the named values its catalogue templates were filled with (problems.recipient words the sender's sentence)
    fields: tuple[tuple[str, object], ...] = field(default=(), compare=False, repr=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass(frozen=True)
class Source:
    """Where a record came from: inbox-relative file, sheet, Excel row."""

    file: str
    sheet: str
    row: int
    # (column key, 0-based column index) of the sheet's header, shared by all rows of a sheet
    columns: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    def describe(self) -> str:
        return f"{self.file}「{self.sheet}」第{self.row}行"

    def cell(self, key: str) -> str:
        """The cell reference (e.g. "N11") of column `key` in this row, "" when the sheet has no such column."""
        col = dict(self.columns).get(key)
        if col is None:
            return ""
        letters = ""
        col += 1
        while col:
            col, rem = divmod(col - 1, 26)
            letters = chr(65 + rem) + letters
        return f"{letters}{self.row}"


@dataclass(frozen=True)
class ExitItem:
    """One exited production line or piece of equipment (a 退出明细 row)."""

    county: str  # configured county name, e.g. 贺兰县
    enterprise: str
    uscc: str  # normalised 统一社会信用代码, "" when not given
    industry: str  # configured industry name, e.g. 水泥
    equipment: str
    spec: str
    quantity: int | None
    quantity_unit: str
    capacity: Decimal  # in `unit`, the industry's canonical unit when a factor is known
    unit: str
    method: str  # 拆除 | 封存 | 关停 | 其他
    grounds: tuple[str, ...]  # subset of 能耗 环保 质量 安全 技术
    completed: date
    source: Source
    submitter: str  # the submitter whose file holds the row
    acceptance: str = ""  # 验收情况
    workers: Decimal | None = None  # 职工安置（人）
    funds: Decimal | None = None  # 奖补资金（万元）
    note: str = ""  # 备注
    extras: tuple[tuple[str, str], ...] = ()  # unknown columns: (header, value)

    @cached_property
    def enterprise_key(self) -> str:
        """Who the enterprise is: its credit code, else its normalised name."""
        return enterprise_key(self.uscc, self.enterprise)

    def identity(self) -> tuple[object, ...]:
        """The key under which two reports are the same item (submission-format.md)."""
        return (self.county, self.enterprise_key, self.industry, thing_key(self.equipment), thing_key(self.spec),
                self.capacity, self.unit)


@dataclass(frozen=True)
class YellowCase:
    """A 黄牌名单 row: an enterprise ordered to rectify by a deadline."""

    enterprise: str
    uscc: str
    county: str
    industry: str
    category: str  # 不达标类别: 能耗 环保 质量 安全 技术
    issue: str  # 存在问题
    notice_date: date | None
    deadline: date | None  # 整改期限 as given
    extended_to: date | None  # 延期至
    review: str  # 复查结果: 达标 | 未达标 | ""
    publisher: str  # 发布部门
    source: Source
    submitter: str
    extras: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RedCase:
    """A 红牌名单 row: an enterprise closed by law."""

    enterprise: str
    uscc: str
    county: str
    industry: str
    category: str
    closed_on: date | None
    basis: str  # 关闭依据（文号）
    publisher: str
    source: Source
    submitter: str
    extras: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Exceedance:
    """A 超标排放 row (生态环境局)."""

    enterprise: str
    uscc: str
    county: str
    pollutant: str
    concentration: Decimal | None
    limit: Decimal | None
    unit: str
    measured_on: date | None
    serious: bool
    measures: str
    source: Source
    submitter: str
    extras: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Target:
    """A 目标任务 row: the year's target for a county and industry (optionally a named item)."""

    county: str
    industry: str
    capacity: Decimal
    unit: str
    enterprise: str
    equipment: str
    source: Source


@dataclass(frozen=True)
class Task:
    """A row of the year's 任务分解表: a task, its content, lead and participating departments as written."""

    number: int
    title: str  # 主要任务, e.g. 能耗方面
    content: str  # 主要内容
    leads: str  # 牵头部门（负责部门）, as written (several names, line breaks)
    partners: str  # 参与部门, as written
    source: Source


@dataclass(frozen=True)
class Submission:
    """What one inbox file gave: who sent it, its records, its problems, its row counts."""

    file: str  # inbox-relative path, "/" separators
    status: str  # "read" | "unreadable" | "unrecognised" (not a workbook we read)
    submitter: str | None = None  # configured short name, None when unknown
    fill_date: date | None = None  # 填报日期
    mtime: float = 0.0
    items: tuple[ExitItem, ...] = ()
    yellow: tuple[YellowCase, ...] = ()
    red: tuple[RedCase, ...] = ()
    exceedances: tuple[Exceedance, ...] = ()
    targets: tuple[Target, ...] = ()
    tasks: tuple[Task, ...] = ()
    problems: tuple[Problem, ...] = ()
    rows_read: int = 0  # data rows of every kind
    rejected: int = 0  # data rows left out with an error problem
    skipped: int = 0  # non-data rows: blank, section, notes, 合计, repeated headers
    conflict: bool = False  # 填报单位, file name and rows name different senders: never replaces another file
    above_header: int = 0  # rows above the header of each sheet read (titles, 填报单位, 填表说明), blank or not
    header_rows: int = 0  # the header rows of the sheets read
    unread_rows: int = 0  # rows of sheets not read (no header, a required column missing, 说明/封面 sheets)
    sheet_rows: int | None = None  # every row of its sheets up to the last non-blank one; None: not read from a book
    nil_report: bool = False  # the sheet says there is nothing to report (无, 本年度无退出项目): the sender did report

    @property
    def reported(self) -> bool:
        """The file reports something: data rows, or an explicit 无; an empty form does not."""
        return self.rows_read > 0 or self.nil_report

    @property
    def records(self) -> int:
        return len(self.items) + len(self.yellow) + len(self.red) + len(self.exceedances) \
            + len(self.targets) + len(self.tasks)


@dataclass(frozen=True)
class Accounting:
    """Where every data row of the used files ended (the invariant of tally.json)."""

    rows_read: int = 0
    counted: int = 0
    rejected: int = 0
    duplicate: int = 0
    other_year: int = 0
    not_yet: int = 0  # completion dates after the run's date: a plan, not counted as done
    skipped: int = 0
    superseded_rows: int = 0  # rows of superseded files: read, none counted
    above_header: int = 0  # rows above a found header (titles, 填报单位, 填表说明), used files
    header_rows: int = 0  # header rows, used files
    unread_rows: int = 0  # rows of sheets that were not read (each named by a problem), used files
    sheet_rows: int = 0  # every row of every sheet of the used files, up to its last non-blank row

    def balanced(self) -> bool:
        """Every data row ended in one place: counted, rejected, duplicate or other-year."""
        return self.rows_read == self.counted + self.rejected + self.duplicate + self.other_year + self.not_yet

    def rows_balanced(self) -> bool:
        """Every row of a sheet of the used files is data, non-data, above the header, header, or unread."""
        return self.sheet_rows == self.rows_read + self.skipped + self.above_header + self.header_rows \
            + self.unread_rows


@dataclass(frozen=True)
class Total:
    """A capacity total with its unit and counts (one cell of the 汇总)."""

    capacity: Decimal
    unit: str
    enterprises: int
    items: int
    quantity: int = 0


@dataclass(frozen=True)
class SubmissionStatus:
    """The status of one file, or of one expected submitter with no file."""

    submitter: str | None
    file: str  # "" for a missing submitter
    status: str  # used | superseded | unreadable | unrecognised | missing
    superseded_by: str = ""
    fill_date: date | None = None
    role: str = ""  # "目标任务" / "任务分解表": the city's own workbook, sent by nobody


@dataclass(frozen=True)
class Tally:
    """The year's result: counted records, totals, submission status and problems."""

    year: int
    as_of: date
    items: tuple[ExitItem, ...]
    duplicates: tuple[tuple[ExitItem, ExitItem], ...]  # (dropped, kept)
    other_year: tuple[ExitItem, ...]
    yellow: tuple[YellowCase, ...]
    red: tuple[RedCase, ...]
    exceedances: tuple[Exceedance, ...]
    targets: tuple[Target, ...]
    # (county, industry, unit) -> Total, in configured county and industry order
    by_county: tuple[tuple[str, str, Total], ...]
    by_industry: tuple[tuple[str, Total], ...]
    by_method: tuple[tuple[str, str, Total], ...]  # (method, industry, total)
    by_ground: tuple[tuple[str, str, Total], ...]  # (ground, industry, total)
    submissions: tuple[SubmissionStatus, ...]
    missing: tuple[str, ...]
    problems: tuple[Problem, ...]
    accounting: Accounting
    enterprises: int = 0  # distinct enterprises counted, city-wide
    tasks: tuple[Task, ...] = ()
    # enforcement and progress, computed from the records above as of `as_of` (see enforcement.py, progress.py);
    # their types live in the tally stage, which this kernel module may not import: Any here, precise there
    yellow_status: tuple[Any, ...] = ()  # tally.enforcement.YellowStatus
    red_status: tuple[Any, ...] = ()  # tally.enforcement.RedStatus
    price_list: tuple[dict[str, Any], ...] = ()  # dict rows of the 差别价格 list (task 7)
    progress: tuple[Any, ...] = ()  # tally.progress.Progress
    not_yet: tuple[ExitItem, ...] = ()  # completed after as_of: not counted
    duplicate_cases: tuple[tuple[Any, Any], ...] = ()  # (dropped, kept) yellow or red cases reported twice
    figures: object = None  # tally.figures.Figures: every stated figure, computed once (set by tally())
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if not p.is_error)


normalise_name = name_key  # the comparison key for names: NFKC, no spaces, upper-case (identity.py)
