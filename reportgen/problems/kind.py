"""A catalogued problem's declaration (Kind) and the categories the 问题清单 groups by, in their order."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from string import Formatter

CATEGORIES = ("文件无法读取", "文件格式", "报送单位", "表头与结构", "数据填写", "统一社会信用代码", "重复与年度",
              "合计核对", "黄牌红牌", "目标任务", "任务分解")


class UnknownProblem(KeyError):
    """A problem code that is not in the catalogue (a programming error, never the clerk's)."""


@dataclass(frozen=True)
class Kind:
    """One catalogued problem: code, severity, category and its three wordings (see the module docstring)."""

    code: str
    severity: str
    category: str
    message: str
    hint: str = ""
    recipient: str | None = None
    variants: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # name -> (message, hint)

    def wording(self, variant: str = "") -> tuple[str, str]:
        """The (message, hint) templates of `variant` ("" is the usual one)."""
        if not variant:
            return self.message, self.hint
        try:
            return self.variants[variant]
        except KeyError:
            raise UnknownProblem(f"{self.code}: no variant {variant!r}") from None

    def fields(self) -> set[str]:
        """Every field name the templates use (for tests and for callers' documentation)."""
        texts = [self.message, self.hint, self.recipient or ""]
        for m, h in self.variants.values():
            texts += [m, h]
        return {name for t in texts for _, name, _, _ in Formatter().parse(t) if name}
