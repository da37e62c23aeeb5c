"""Who owns which yellow, red and exceedance records: publishing a list is its owner's act.

A case belongs to the organ configured for its (first) 不达标类别 ([organs.categories]); exceedances belong to
the owner of 环保. 市工信局 publishes only what it owns; for every other owner it drafts a 商请公布的函.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.documents import organs
from reportgen.documents.common import Job
from reportgen.models import Exceedance
from reportgen.tally.enforcement import RECTIFIED, TO_RED, RedStatus, YellowStatus, categories


@dataclass
class Holdings:
    organ: organs.Organ
    yellow: list[YellowStatus] = field(default_factory=list)  # open ones (已销号/已转红牌 are off the public list)
    red: list[RedStatus] = field(default_factory=list)
    exceed: list[Exceedance] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.yellow or self.red or self.exceed)


def owner_of(job: Job, category: str) -> organs.Organ:
    cats = categories(category)
    return organs.owner(job.settings, cats[0] if cats else "能耗")


def holdings(job: Job) -> list[Holdings]:
    """Each owner's open yellow cases, red cases and exceedances, in the order owners first appear."""
    def build() -> list[Holdings]:
        by: dict[str, Holdings] = {}

        def slot(organ: organs.Organ) -> Holdings:
            return by.setdefault(organ.name, Holdings(organ))
        for st in job.tally.yellow_status:
            if st.status not in (RECTIFIED, TO_RED):
                slot(owner_of(job, st.case.category)).yellow.append(st)
        for r in job.tally.red_status:
            slot(owner_of(job, r.case.category)).red.append(r)
        for e in job.tally.exceedances:
            slot(organs.owner(job.settings, "环保")).exceed.append(e)
        return [h for h in by.values() if h]
    return job.once("owners", build)


def own(job: Job) -> Holdings:
    """What the lead organ itself owns (what it may publish)."""
    lead = organs.lead(job.settings)
    return next((h for h in holdings(job) if h.organ.name == lead.name), Holdings(lead))


def others(job: Job) -> list[Holdings]:
    """What other organs own: each gets a 商请公布的函."""
    lead = job.settings.organs.lead.name
    return [h for h in holdings(job) if h.organ.name != lead]
