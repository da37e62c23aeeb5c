"""The channel of the directive documents (进度通报, 约谈) by the rules of 行文, not by template text.

A department never issues directive documents to a lower government: 市工信局 writes to each county's
工业和信息化主管部门 and 抄送 the county government (and 市人民政府). Where the settings name a coordinating
office (领导小组办公室, seated in 市工信局, sealing with its seal), the office writes to the county governments.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportgen.config import Submitter
from reportgen.documents import organs
from reportgen.documents.common import Context, Job

ALL_DEPARTMENTS = "各县（市）区工业和信息化主管部门"
ALL_GOVERNMENTS = "各县（市）区人民政府"


@dataclass(frozen=True)
class Channel:
    issuer: organs.Organ  # who signs
    sealed_by: str  # "" or the organ whose seal the office borrows: （银川市工业和信息化局代章）
    addressee: str  # 主送 as printed
    to: tuple[organs.Organ, ...]  # 主送 organs
    cc: tuple[organs.Organ, ...]  # 抄送 organs
    you: str  # how the text addresses the recipient (你局 / 你县)
    through_office: bool


def _office(job: Job) -> organs.Organ | None:
    return organs.office(job.settings)


def to_counties(job: Job, counties: list[Submitter]) -> Channel:
    """The channel of a document to every county (进度通报)."""
    office = _office(job)
    governments = tuple(organs.county_government(job.settings, c) for c in counties)
    departments = tuple(organs.county_department(job.settings, c) for c in counties)
    city = organs.government(job.settings)
    if office is not None:
        return Channel(office, job.settings.lead.name, ALL_GOVERNMENTS, governments, (city,), "你县（市、区）", True)
    return Channel(organs.lead(job.settings), "", ALL_DEPARTMENTS, departments, (*governments, city), "你局", False)


def to_county(job: Job, county: Submitter) -> Channel:
    """The channel of a document to one county (约谈)."""
    office = _office(job)
    government = organs.county_government(job.settings, county)
    if office is not None:
        return Channel(office, job.settings.lead.name, government.name, (government,), (), government.address, True)
    department = organs.county_department(job.settings, county)
    return Channel(organs.lead(job.settings), "", department.name, (department,), (government,), department.address,
                   False)


def context(channel: Channel) -> Context:
    """What a template needs of the channel: the issuer, the 代章 line, the 主送, the 抄送 line."""
    return {"issuer": channel.issuer.context(), "sealed_by": channel.sealed_by, "addressee": channel.addressee,
            "cc": "，".join(o.name for o in channel.cc)}
