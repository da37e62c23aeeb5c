"""What every document module shares: the Document value, a document type's declaration, the run (Job)
that plans documents, document numbers, the issuing organs, contacts."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar, cast

from reportgen.config import Settings, Submitter
from reportgen.config.sections import Organ
from reportgen.documents.text import Taken, docno, safe_filename
from reportgen.models import Tally

Context = dict[str, Any]  # the plain data a template sees (strings, numbers, dates, lists and dicts of them)
_T = TypeVar("_T")


class _Named(Protocol):
    @property
    def name(self) -> str: ...

BLANK = "\u3000\u3000\u3000\u3000"  # a gap the clerk fills by hand (telephone, contact)

GENRES = ("报告", "请示", "函", "通知", "通报", "公告", "公示", "执法文书")
FORMATS = ("文件", "信函", "公告", "执法文书")
DIRECTIONS = ("上行", "平行", "下行", "对外")  # 对外: to society (公告) or to an enterprise


@dataclass(frozen=True)
class Document:
    """One document to render: its template, a unique safe file name, its plain-data context, and what the
    发文登记簿 and `reportgen send` need to know of it (organs by their full names, as in 主送/抄送)."""

    template: str  # e.g. "核对函"
    filename: str  # e.g. "核对函-西夏区.docx"
    context: Context
    genre: str = ""  # 文种: 报告, 请示, 函, 通知, 通报, 公告, 公示, 执法文书
    title: str = ""  # the title as printed
    docno: str = ""  # 发文字号; blank where the office assigns it
    issuers: tuple[str, ...] = ()  # 发文机关, 主办机关 first
    to: tuple[str, ...] = ()  # 主送
    cc: tuple[str, ...] = ()  # 抄送
    date: date | None = None  # 成文日期
    attachments: tuple[str, ...] = ()  # 附件 names, as listed in the document


@dataclass(frozen=True)
class DocType:
    """A document type, declared in one place (its module under documents/types): what it is, who sends it to
    whom, when it applies, and the two functions that make it. The registry lists one per line."""

    name: str  # the template's name and the key of its number in [documents.numbers]
    genre: str  # 文种
    format: str  # 文件 | 信函 | 公告 | 执法文书
    direction: str  # 上行 | 平行 | 下行 | 对外
    issuers: str  # who signs, in words (the Document carries the resolved organs)
    recipients: str  # who receives it, in words
    when: str  # when it is produced, in words (plan decides)
    plan: Callable[[Job], list[Document]]  # the documents of this type the run yields (maybe none)
    example: Callable[[Job], Context]  # one context, whether or not the run yields one (to check the template)

    def __post_init__(self) -> None:
        assert self.genre in GENRES and self.format in FORMATS and self.direction in DIRECTIONS, self


def docno_text(prefix: str, year: int, number: int) -> str:
    """A document number 银工信函〔2021〕12号; number 0 leaves the blank the office fills; no prefix → ""."""
    return docno(prefix, year, number if number > 0 else None) if prefix else ""


class Numbers:
    """Document numbers from [documents.numbers] and [documents.first_number]; one run per prefix."""

    def __init__(self, settings: Settings, year: int):
        self.prefixes = settings.documents.numbers
        self.first = settings.documents.first_number
        self.year = year
        self.next: dict[str, int] = {}  # prefix -> its next number

    def take(self, kind: str) -> str:
        """The next number for `kind`: a start of its own, else the running number of its prefix, else blank."""
        prefix = self.prefixes.get(kind, "")
        start = int(self.first.get(kind, 0))
        number = max(self.next.get(prefix, 0), start)
        if not prefix or number <= 0:
            return docno_text(prefix, self.year, 0)
        self.next[prefix] = number + 1
        return docno_text(prefix, self.year, number)


@dataclass
class Job:
    """One planning run: the tally, the settings, the date, the numbers taken and the file names used."""

    tally: Tally
    settings: Settings
    as_of: date
    numbers: Numbers = field(init=False)  # made from the settings and the tally's year
    taken: set[str] = field(default_factory=Taken)
    cache: dict[str, object] = field(default_factory=dict)  # per-run indexes a type builds once (e.g. records by submitter)

    def __post_init__(self) -> None:
        self.numbers = Numbers(self.settings, self.tally.year)

    @property
    def year(self) -> int:
        return self.tally.year

    def docno(self, kind: DocType) -> str:
        return self.numbers.take(kind.name)

    def once(self, key: str, make: Callable[[], _T]) -> _T:
        """A per-run value built on first use (an index every document of a type shares)."""
        if key not in self.cache:
            self.cache[key] = make()
        return cast(_T, self.cache[key])  # what make() built for this key

    def document(self, kind: DocType, stem: str, context: Context, *, to: Iterable[_Named | str] = (),
                 cc: Iterable[_Named | str] = (), issuers: Iterable[_Named | str] = (),
                 attachments: Iterable[str] = (), genre: str = "") -> Document:
        """A Document of `kind` with a unique file name and its dispatch data (title and docno from context).

        Organs may be given as organs.Organ or as full names; the Document keeps full names, 主办机关 first."""
        return Document(kind.name, safe_filename(stem, self.taken), context, genre=genre or kind.genre,
                        title=context.get("title", ""), docno=context.get("docno", ""),
                        issuers=_names(issuers) or (self.settings.lead.name,), to=_names(to),
                        cc=tuple(x for x in _names(cc) if x not in _names(to)), date=context.get("date", self.as_of),
                        attachments=tuple(attachments))


def _names(organs: Iterable[_Named | str]) -> tuple[str, ...]:
    """Full names, in order, once each, blanks dropped."""
    out: list[str] = []
    for organ in organs:
        name = organ if isinstance(organ, str) else organ.name
        if name and name not in out:
            out.append(name)
    return tuple(out)


def organ_context(organ: Organ) -> dict[str, str]:
    return {"name": organ.name, "short": organ.short, "mark": organ.mark}


def common_context(settings: Settings, tally: Tally, as_of: date, docno_: str) -> Context:
    return {"year": tally.year, "region": settings.region, "issuer": organ_context(settings.lead),
            "partner": organ_context(settings.partner), "date": as_of, "docno": docno_}


def contact_context(settings: Settings) -> dict[str, str]:
    section = settings.documents
    return {"contact": section.contact or BLANK, "phone": section.phone or BLANK}


def addressee(settings: Settings, who: Submitter) -> str:
    pattern = settings.documents.county_addressee
    return pattern.replace("{name}", who.name) if who.kind == "county" else who.name


NEUTRAL_YOU = "你单位"  # how shared sentences address their reader until a letter knows whom it addresses


def addressed(value: _T, you: str) -> _T:
    """`value` (a context or any part of it) with 你单位 replaced by the recipient's form of address (你局, 贵委)."""
    if not you or you == NEUTRAL_YOU:
        return value
    return cast(_T, _addressed(value, you))  # the same shape, strings replaced


def _addressed(value: object, you: str) -> object:
    if isinstance(value, str):
        return value.replace(NEUTRAL_YOU, you)
    if isinstance(value, dict):
        return {k: _addressed(v, you) for k, v in value.items()}
    if isinstance(value, list):
        return [_addressed(v, you) for v in value]
    if isinstance(value, tuple):
        return tuple(_addressed(v, you) for v in value)
    return value
