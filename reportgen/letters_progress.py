"""The documents of 进度通报, 约谈通知, 任务分工通知: which ones a tally yields and their contexts."""
from __future__ import annotations

from datetime import date

from .config import Settings
from .models import Tally


def plan_progress(tally: Tally, settings: Settings, as_of: date, numbers, taken: set[str]) -> list:
    """The documents of this group the tally yields (documents.Document), numbered with `numbers`."""
    return []


def progress_contexts(tally: Tally, settings: Settings, as_of: date, numbers) -> dict[str, dict]:
    """One context per template of this group, whether or not the tally yields such a document."""
    return {}
