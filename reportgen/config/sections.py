"""The typed sections of reportgen.toml: one frozen dataclass per [table], types and rules declared once.

Values come from data/defaults.toml (the shipped defaults); see schema.py for the types and ``Rule``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Annotated
from collections.abc import Iterator

from reportgen.config.schema import Rule

PHONE = r"[0-9０-９+＋()（）\-－—/、，, ]+(转[0-9０-９]+)?"
PHONE_EXAMPLE = '"0951-6888888"'
Days = Annotated[int, Rule(minimum=1, maximum=90, example=7)]  # days given by a letter or notice


@dataclass(frozen=True, order=True)
class MonthDay:
    """A month and day that exists in every year (02-29 does not)."""

    month: int
    day: int

    @classmethod
    def from_setting(cls, raw: object) -> MonthDay:
        """"11-30" -> MonthDay(11, 30); ValueError with the reason in Chinese."""
        shape = '应写成带引号的月-日，如 "11-30"'
        if not isinstance(raw, str):
            raise ValueError(shape)
        try:
            month, day = (int(p) for p in raw.strip().split("-"))
            date(2024, month, day)  # a leap year: 02-29 passes here and is refused below
        except (ValueError, TypeError):
            raise ValueError(shape) from None
        if (month, day) == (2, 29):
            raise ValueError("2月29日不是每年都有，请改为 \"02-28\" 或 \"03-01\"")
        return cls(month, day)

    def on(self, year: int) -> date:
        return date(year, self.month, self.day)

    def pair(self) -> tuple[int, int]:
        return (self.month, self.day)


@dataclass(frozen=True)
class Deadlines:
    """[deadlines]: the plan and report dates of the year, and the days given by letters."""

    plan: MonthDay
    report: MonthDay
    remind_days: Days
    reply_days: Days
    verify_days: Days  # the exit list is final this many days after the report deadline (公示 before, 公告 from)

    def check(self) -> Iterator[tuple[str, str]]:
        if self.plan >= self.report:
            yield "plan", (f"（{self.plan.month}月{self.plan.day}日）应早于「deadlines.report」"
                           f"（{self.report.month}月{self.report.day}日）：先定目标任务，后报退出情况")


@dataclass(frozen=True)
class Limits:
    """[limits]: what a single file may cost the reader."""

    max_file_mb: Annotated[int, Rule(minimum=1, maximum=4096, example=50)]
    max_unpacked_mb: Annotated[int, Rule(minimum=1, maximum=65536, example=300)]
    blank_run: Annotated[int, Rule(minimum=1, maximum=1_048_576, example=500)]
    max_rows: Annotated[int, Rule(minimum=1, maximum=10_000_000, example=200000)]


@dataclass(frozen=True)
class Organ:
    """An issuing organ (发文机关): its names, its 版头 mark and who signs its 报告/请示 (签发人)."""

    name: Annotated[str, Rule(nonempty=True, example='"银川市工业和信息化局"')]
    short: Annotated[str, Rule(nonempty=True, example='"市工业和信息化局"')]
    mark: Annotated[str, Rule(nonempty=True, example='"银川市工业和信息化局文件"')]
    signers: Annotated[tuple[str, ...], Rule(unique=True, example='["张三"]')]


@dataclass(frozen=True)
class Category:
    """[organs.categories.能耗]: who owns the yellow/red cases of a category, and the law its notices cite."""

    owner: Annotated[str, Rule(nonempty=True, example='"银川市市场监督管理局"')]
    law: Annotated[str, Rule(example='"《中华人民共和国节约能源法》"')]
    article: Annotated[str, Rule(pattern=r"第[一二三四五六七八九十百零〇]+条(第[一二三四五六七八九十]+款)?",
                                 example='"第十六条"')]


@dataclass(frozen=True)
class Categories:
    """[organs.categories]: one owner per 不达标类别."""

    能耗: Category
    环保: Category
    质量: Category
    安全: Category
    技术: Category

    def of(self, category: str) -> Category | None:
        return getattr(self, category, None) if category in ("能耗", "环保", "质量", "安全", "技术") else None


@dataclass(frozen=True)
class Office:
    """[organs.office]: a coordinating office (领导小组办公室) seated in the lead organ; name "" = none."""

    name: Annotated[str, Rule(example='"银川市淘汰落后产能工作领导小组办公室"')]
    short: Annotated[str, Rule(example='"市淘汰落后产能领导小组办公室"')]


@dataclass(frozen=True)
class Organs:
    """[organs.*]: the lead organ (工信局), its partner (发改委), the owners of the list categories, the office."""

    lead: Organ
    partner: Organ
    categories: Categories
    office: Office

    def check(self) -> Iterator[tuple[str, str]]:
        if self.office.name and not self.office.short:
            yield "office.short", "不能为空：设置了协调机构（office.name）时须写它的简称"
        if self.lead.name == self.partner.name:
            yield "partner.name", f"（{self.partner.name}）与「organs.lead.name」相同：联合牵头单位应是另一个机关"


@dataclass(frozen=True)
class Submitter:
    """A county or department that is expected to (or may) send a workbook."""

    name: str  # full name; for a county the county itself (贺兰县)
    short: str
    kind: str  # "county" | "department"
    code: str = ""
    aliases: tuple[str, ...] = ()
    expected: bool = True

    def names(self) -> tuple[str, ...]:
        """Every way of writing this submitter, longest first."""
        return tuple(sorted({self.name, self.short, *self.aliases}, key=len, reverse=True))


@dataclass(frozen=True)
class County(Submitter):
    """One [[counties]] entry: 兴庆区, its code and other spellings (兴庆)."""

    name: Annotated[str, Rule(nonempty=True, example='"兴庆区"')]
    short: str = field(default="", init=False)  # a county's short name is its name
    kind: str = field(default="county", init=False)
    code: Annotated[str, Rule(pattern=r"\d{6}", example='"640104"（六位行政区划代码）')] = ""
    aliases: Annotated[tuple[str, ...], Rule(unique=True, example='["兴庆"]')] = ()
    expected: bool = True
    # its 工业和信息化主管部门 ("" = the county's name + 工业和信息化局), and how letters address its government
    department: Annotated[str, Rule(example='"灵武市经济发展局"')] = ""
    address: Annotated[str, Rule(pattern=r"你[县区市旗]", example='"你县"')] = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "short", self.name)


@dataclass(frozen=True)
class Department(Submitter):
    """One [[departments]] entry: full name, short name, other spellings, whether a report is due."""

    name: Annotated[str, Rule(nonempty=True, example='"银川市应急管理局"')]
    short: str = ""
    kind: str = field(default="department", init=False)
    code: str = field(default="", init=False)
    aliases: Annotated[tuple[str, ...], Rule(unique=True, example='["市应急局"]')] = ()
    expected: bool = True
    address: Annotated[str, Rule(pattern=r"贵\S{1,2}", example='"贵局"')] = ""  # "" = by its name: 贵局, 贵委

    def __post_init__(self) -> None:
        if not self.short:
            object.__setattr__(self, "short", self.name)


@dataclass(frozen=True)
class Industry:
    """One [[industries]] entry: the canonical capacity unit and the factors of other units to it."""

    name: Annotated[str, Rule(nonempty=True, example='"水泥"')]
    unit: Annotated[str, Rule(nonempty=True, example='"万吨"')]
    aliases: Annotated[tuple[str, ...], Rule(example='["熟料"]')] = ()
    factors: Annotated[tuple[tuple[str, Decimal], ...],
                       Rule(toml="units", above=0, example='{ "吨" = "0.0001" }')] = ()

    def factor(self, unit: str) -> Decimal | None:
        """The factor from `unit` to the canonical unit, None when unknown."""
        if unit == self.unit:
            return Decimal(1)
        return dict(self.factors).get(unit)

    def units(self) -> tuple[str, ...]:
        return (self.unit, *(u for u, _ in self.factors))


@dataclass(frozen=True)
class PlanSection:
    """[plan]: the year's target workbook, relative to the year's folder ("" = found in the inbox)."""

    file: Annotated[str, Rule(example='"目标任务.xlsx"')]


@dataclass(frozen=True)
class ProgressSection:
    """[progress]: completion-rate thresholds in percent (below summon_below 约谈, below notify_below 通报)."""

    notify_below: Annotated[Decimal, Rule(above=0, maximum=100, example=60)]
    summon_below: Annotated[Decimal, Rule(above=0, maximum=100, example=30)]

    def check(self) -> Iterator[tuple[str, str]]:
        if self.summon_below >= self.notify_below:
            yield "summon_below", (f"（{self.summon_below}）应小于「progress.notify_below」（{self.notify_below}）："
                                   f"约谈标准低于通报标准，如约谈 30、通报 60")


@dataclass(frozen=True)
class SummonSection:
    """[summon]: the 约谈通知's time, place, attendees and host ("" leaves a blank to fill by hand)."""

    time: str
    place: str
    attendees: str
    host: str


@dataclass(frozen=True)
class DocumentsSection:
    """[documents]: addressees, 版记, contact, 公示期, next steps, and the document numbers."""

    report_to: Annotated[str, Rule(nonempty=True, example='"银川市人民政府"')]
    report_cc: Annotated[tuple[str, ...], Rule(unique=True, example='["自治区工业和信息化厅"]')]
    printer: Annotated[str, Rule(example='"银川市工业和信息化局办公室"')]
    county_addressee: Annotated[str, Rule(nonempty=True, example='"{name}人民政府"')]
    contact: str
    phone: Annotated[str, Rule(pattern=PHONE, example=PHONE_EXAMPLE)]
    notice_days: Days
    hotline: Annotated[str, Rule(pattern=PHONE, example=PHONE_EXAMPLE)]
    next_steps: tuple[str, ...]
    numbers: Annotated[dict[str, str], Rule(example='"银工信函"')]
    first_number: Annotated[dict[str, int], Rule(minimum=0, maximum=99999, example=0)]

    def check(self) -> Iterator[tuple[str, str]]:
        if "{name}" not in self.county_addressee:
            yield "county_addressee", (f"（\"{self.county_addressee}\"）应含 {{name}}，代表县（市）区名称，"
                                       f"如 \"{{name}}人民政府\"")


@dataclass(frozen=True)
class PdfSection:
    """[pdf]: where LibreOffice's soffice is ("" = found on PATH) for build --pdf."""

    soffice: Annotated[str, Rule(example='"C:\\\\Program Files\\\\LibreOffice\\\\program\\\\soffice.exe"')]


EMAIL = r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+"
SECURITY_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
MAIL_SUBJECT_FIELDS = ("issuer", "titles", "count", "recipient", "year")
MAIL_BODY_FIELDS = MAIL_SUBJECT_FIELDS + ("list", "date")


@dataclass(frozen=True)
class MailSection:
    """[mail] and [mail.addresses]: how `reportgen send` sends, and each organ's mailbox by its full name.

    The password is never a setting: password_env names the environment variable that holds it."""

    smtp_host: Annotated[str, Rule(example='"smtp.example.cn"')]  # "" = drafts only
    smtp_port: Annotated[int, Rule(minimum=0, maximum=65535, example=465)]  # 0 = the usual port of `security`
    security: Annotated[str, Rule(nonempty=True, pattern="none|starttls|ssl", example='"starttls"（none、starttls 或 ssl）')]
    user: Annotated[str, Rule(example='"gxj@example.cn"')]
    password_env: Annotated[str, Rule(pattern=r"[A-Za-z_][A-Za-z0-9_]*",
                                      example='"REPORTGEN_SMTP_PASSWORD"（环境变量的名称，不是密码本身）')]
    sender: Annotated[str, Rule(toml="from", pattern=EMAIL, example='"gxj@example.cn"')]
    sender_name: str  # "" = the lead organ's name
    subject: Annotated[str, Rule(nonempty=True, example='"{issuer}发文：{titles}"')]
    body: Annotated[str, Rule(nonempty=True)]
    correction: Annotated[str, Rule(nonempty=True, example='"（更正）"')]
    retries: Annotated[int, Rule(minimum=0, maximum=10, example=3)]
    retry_wait: Annotated[int, Rule(minimum=0, maximum=600, example=5)]
    timeout: Annotated[int, Rule(minimum=1, maximum=600, example=60)]
    addresses: Annotated[dict[str, str], Rule(open_keys=True, pattern=EMAIL, example='"fgw@example.org"')]

    @property
    def port(self) -> int:
        return self.smtp_port or SECURITY_PORTS[self.security]

    def address(self, organ: str) -> str:
        """The organ's configured mailbox, "" when it has none."""
        return self.addresses.get(organ, "")

    def check(self) -> Iterator[tuple[str, str]]:
        import string

        for key, allowed in (("subject", MAIL_SUBJECT_FIELDS), ("body", MAIL_BODY_FIELDS)):
            try:
                names = [f for _, f, _, _ in string.Formatter().parse(getattr(self, key)) if f is not None]
            except ValueError:
                yield key, "中的花括号不成对：文字中的花括号请写成 {{ 和 }}"
                continue
            for name in names:
                if name not in allowed:
                    yield key, f"中的「{{{name}}}」不认识：可用的有 " + "、".join("{" + a + "}" for a in allowed)
                    break
        if self.user and not self.password_env:
            yield "password_env", ("为空：填了 user 就要填写保存密码（或授权码）的环境变量名称，"
                                   "如 \"REPORTGEN_SMTP_PASSWORD\"；密码不要写进配置文件")
