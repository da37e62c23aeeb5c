"""What every document module shares: the Document value, document numbers, the issuing organs, contacts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportgen.config import Settings, Submitter
from reportgen.documents.text import docno
from reportgen.models import Tally

BLANK = "\u3000\u3000\u3000\u3000"  # a gap the clerk fills by hand (telephone, contact)


@dataclass(frozen=True)
class Document:
    """One document to render: its template, a unique safe file name, its plain-data context, and what the
    发文登记簿 and `reportgen send` need to know of it (organs by their full names, as in 主送/抄送)."""

    template: str  # e.g. "核对函"
    filename: str  # e.g. "核对函-西夏区.docx"
    context: dict
    genre: str = ""  # 文种: 报告, 请示, 函, 通知, 通报, 公告, 公示, 执法文书
    title: str = ""  # the title as printed
    docno: str = ""  # 发文字号; blank where the office assigns it
    issuers: tuple[str, ...] = ()  # 发文机关, 主办机关 first
    to: tuple[str, ...] = ()  # 主送
    cc: tuple[str, ...] = ()  # 抄送
    date: date | None = None  # 成文日期
    attachments: tuple[str, ...] = ()  # 附件 names, as listed in the document


def docno_text(prefix: str, year: int, number: int) -> str:
    """A document number 银工信函〔2021〕12号; number 0 leaves the blank the office fills; no prefix → ""."""
    return docno(prefix, year, number if number > 0 else None) if prefix else ""


class Numbers:
    """Document numbers from [documents.numbers] and [documents.first_number]; one run per prefix."""

    def __init__(self, settings: Settings, year: int):
        section = settings.section("documents")
        self.prefixes = section.get("numbers", {})
        self.first = section.get("first_number", {})
        self.year, self.next = year, {}

    def take(self, kind: str) -> str:
        """The next number for `kind`: a start of its own, else the running number of its prefix, else blank."""
        prefix = self.prefixes.get(kind, "")
        start = int(self.first.get(kind, 0))
        number = max(self.next.get(prefix, 0), start)
        if not prefix or number <= 0:
            return docno_text(prefix, self.year, 0)
        self.next[prefix] = number + 1
        return docno_text(prefix, self.year, number)


def organ_context(organ) -> dict:
    return {"name": organ.name, "short": organ.short, "mark": organ.mark}


def common_context(settings: Settings, tally: Tally, as_of: date, docno_: str) -> dict:
    return {"year": tally.year, "region": settings.region, "issuer": organ_context(settings.lead),
            "partner": organ_context(settings.partner), "date": as_of, "docno": docno_}


def contact_context(settings: Settings) -> dict:
    section = settings.section("documents")
    return {"contact": section.get("contact") or BLANK, "phone": section.get("phone") or BLANK}


def addressee(settings: Settings, who: Submitter) -> str:
    pattern = settings.section("documents").get("county_addressee", "{name}")
    return pattern.replace("{name}", who.name) if who.kind == "county" else who.name
