"""The organs documents go between, resolved from the settings: full name, short name, kind, form of address.

One place answers "who is this, what is it called in a letter, and how does a letter address it":
the city's departments (贵局/贵委), each county's government (你县/你区/你市) and its 工业和信息化主管部门
(你局), the city government, the coordinating office (代章 by the lead), enterprises (你公司).
"""
from __future__ import annotations

from dataclasses import dataclass

from reportgen.config import Settings, Submitter
from reportgen.models import normalise_name

GOVERNMENT = "government"  # 市人民政府, 自治区 organs
CITY_DEPARTMENT = "city-department"
COUNTY_GOVERNMENT = "county-government"
COUNTY_DEPARTMENT = "county-department"
OFFICE = "office"  # a coordinating office (领导小组办公室)
ENTERPRISE = "enterprise"
PUBLIC = "public"  # 社会公众: the readers of a 公告/公示
KINDS = (GOVERNMENT, CITY_DEPARTMENT, COUNTY_GOVERNMENT, COUNTY_DEPARTMENT, OFFICE, ENTERPRISE, PUBLIC)
SOCIETY = "社会公众"


@dataclass(frozen=True)
class Organ:
    """An organ as documents name and address it."""

    name: str  # full name, as in 主送/抄送 and the 发文登记簿
    short: str  # as written in running text
    kind: str  # one of KINDS
    address: str = ""  # 贵局, 你局, 你县, 你公司; "" where nobody addresses it (upward, society)
    mark: str = ""  # 发文机关标志 (issuing organs only)
    signers: tuple[str, ...] = ()  # 签发人 of its 报告/请示
    county: str = ""  # the county it belongs to (county organs)

    def context(self) -> dict[str, str]:
        """The plain data a template sees: {{ issuer.name }}, {{ issuer.short }}, {{ issuer.mark }}."""
        return {"name": self.name, "short": self.short, "mark": self.mark or self.name, "address": self.address}


def peer_address(name: str) -> str:
    """How a letter addresses a city department it does not lead: 贵局, 贵委, 贵厅, 贵办 (else 贵单位)."""
    for ending, address in (("委员会", "贵委"), ("委", "贵委"), ("局", "贵局"), ("厅", "贵厅"), ("办公室", "贵办"),
                            ("办", "贵办"), ("院", "贵院"), ("中心", "贵中心")):
        if name.endswith(ending):
            return address
    return "贵单位"


def lower_address(name: str) -> str:
    """How a letter addresses an organ below the city: 你县/你区/你市/你旗 for a county, 你局/你委 for its department."""
    for ending, address in (("县", "你县"), ("区", "你区"), ("市", "你市"), ("旗", "你旗"), ("局", "你局"),
                            ("委员会", "你委"), ("委", "你委")):
        if name.endswith(ending):
            return address
    return "你单位"


def enterprise_address(name: str) -> str:
    """你公司, 你厂; else 你单位."""
    name = name.strip()
    if name.endswith("公司"):
        return "你公司"
    if name.endswith("厂"):
        return "你厂"
    return "你单位"


def lead(settings: Settings) -> Organ:
    o = settings.organs.lead
    return Organ(o.name, o.short, CITY_DEPARTMENT, peer_address(o.name), o.mark, o.signers)


def partner(settings: Settings) -> Organ:
    o = settings.organs.partner
    return Organ(o.name, o.short, CITY_DEPARTMENT, _department_address(settings, o.name), o.mark, o.signers)


def _department_address(settings: Settings, name: str) -> str:
    sub = settings.submitter_named(name)
    return (getattr(sub, "address", "") if sub is not None else "") or peer_address(name)


def government(settings: Settings) -> Organ:
    """The city government (市人民政府): the addressee of 报告 and 请示."""
    name = settings.documents.report_to
    return Organ(name, name.replace(settings.region, "市", 1) if name.startswith(settings.region) else name, GOVERNMENT)


def region_organs(settings: Settings) -> tuple[Organ, ...]:
    """The region's organs the year's report goes up to (the 年度情况报告's 抄送)."""
    return tuple(Organ(name, name, GOVERNMENT) for name in settings.documents.report_cc)


def office(settings: Settings) -> Organ | None:
    """The coordinating office, when configured; it seals with the lead organ's seal (代章)."""
    o = settings.organs.office
    if not o.name:
        return None
    return Organ(o.name, o.short, OFFICE, "", o.name, ())


def county_government(settings: Settings, county: Submitter) -> Organ:
    name = settings.documents.county_addressee.replace("{name}", county.name)
    address = getattr(county, "address", "") or lower_address(county.name)
    return Organ(name, name, COUNTY_GOVERNMENT, address, county=county.name)


def county_department(settings: Settings, county: Submitter) -> Organ:
    """The county's 工业和信息化主管部门: configured, else the county's name + 工业和信息化局."""
    configured = getattr(county, "department", "")
    name = configured or f"{county.name}工业和信息化局"
    short = configured or f"{county.name}工信局"
    return Organ(name, short, COUNTY_DEPARTMENT, lower_address(name), county=county.name)


def department(settings: Settings, sub: Submitter) -> Organ:
    return Organ(sub.name, sub.short, CITY_DEPARTMENT, getattr(sub, "address", "") or peer_address(sub.name))


def named(settings: Settings, name: str) -> Organ | None:
    """The city department (or the lead, or the partner) written as `name`, else None."""
    key = normalise_name(name)
    sub = settings.submitter_named(name)
    for own in (lead(settings), partner(settings)):
        if key in (normalise_name(own.name), normalise_name(own.short)) or (sub is not None and sub.name == own.name):
            return own
    if sub is not None and sub.kind == "department":
        return department(settings, sub)
    return None


def is_lead(settings: Settings, organ: Organ | str) -> bool:
    """True when `organ` (or a name of it) is the lead organ itself: nobody writes to itself."""
    name = organ.name if isinstance(organ, Organ) else organ
    found = named(settings, name)
    return found is not None and found.name == settings.organs.lead.name


def owner(settings: Settings, category: str) -> Organ:
    """The organ owning the yellow/red cases of `category` (能耗 → the lead by default)."""
    cat = settings.organs.categories.of(category)
    found = named(settings, cat.owner) if cat is not None else None
    return found or lead(settings)


def recipient(settings: Settings, sub: Submitter) -> Organ:
    """Whom a letter about a submitter's report goes to: a county's 工信主管部门, or the department itself."""
    return county_department(settings, sub) if sub.kind == "county" else department(settings, sub)


def enterprise(name: str) -> Organ:
    return Organ(name, name, ENTERPRISE, enterprise_address(name))


def public() -> Organ:
    return Organ(SOCIETY, SOCIETY, PUBLIC)
