"""The documents of 限期整改通知书, 黄牌/红牌名单公告, 超标排放名单公告, 差别价格函: which ones a tally yields and their contexts."""
from __future__ import annotations

from datetime import date

from .config import Settings
from .models import Tally


def plan_enforcement(tally: Tally, settings: Settings, as_of: date, numbers, taken: set[str]) -> list:
    """The documents of this group the tally yields (documents.Document), numbered with `numbers`."""
    return []


def enforcement_contexts(tally: Tally, settings: Settings, as_of: date, numbers) -> dict[str, dict]:
    """One context per template of this group, whether or not the tally yields such a document."""
    return {}
