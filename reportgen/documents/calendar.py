"""The year's calendar as documents see it: which side of the deadlines `--date` falls on.

报送截止 (deadlines.report): before it at most one 提醒函 to all still missing; after it a 催报函 each, the
进度通报 and (for a county that reported and is far behind) the 约谈. 名单核定 (deadlines.verify_days after the report deadline): before it
the exit list goes out as a 公示 alongside the 核对函; from it, as the final 公告.
"""
from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from reportgen.documents.common import Job

RECTIFY_MONTHS = 6  # a 限期整改通知书 gives six months from its date (tasks 1, 2)


def report_deadline(job: Job) -> date:
    return job.settings.deadline(job.year)


def before_deadline(job: Job) -> bool:
    """True up to and including the report deadline: the collection is still open."""
    return job.as_of <= report_deadline(job)


def verify_date(job: Job) -> date:
    return report_deadline(job) + timedelta(days=job.settings.deadlines.verify_days)


def list_is_final(job: Job) -> bool:
    """From the 名单核定日 the exit list is published as a 公告, before it as a 公示."""
    return job.as_of >= verify_date(job)


def reply_by(job: Job) -> date:
    """The date a 核对函 or 约谈 asks its answer by."""
    return job.as_of + timedelta(days=job.settings.reply_days)


def remind_by(job: Job) -> date:
    """The new date a 催报函 gives (never before the deadline itself)."""
    return max(report_deadline(job), job.as_of + timedelta(days=job.settings.remind_days))


def rectify_by(start: date) -> date:
    """The end of a rectification period starting on `start`."""
    return start + relativedelta(months=RECTIFY_MONTHS)
