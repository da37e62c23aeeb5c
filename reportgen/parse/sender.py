"""Who sent a file: 填报单位, the file name and the rows' 县（市）区 are three witnesses.

They agree (or only one speaks): that submitter. Two counties, or two departments, named by two
witnesses disagree: an error naming all three; the sender is the one two witnesses name, else the
county the rows name, else unknown, and the file never replaces another file (Submission.conflict).
A department's form naming a county in its file name is not a disagreement: departments report on
counties. The rows speak only when most data rows name one county and no row names another.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reportgen.config import Settings, Submitter


@dataclass(frozen=True)
class Witnesses:
    declared_text: str  # 填报单位 as written, "" when absent
    declared: Submitter | None
    name_text: str  # the file name
    by_name: Submitter | None
    by_rows: Submitter | None  # the county most data rows name, when they all name one

    def disagree(self) -> bool:
        d, n, r = self.declared, self.by_name, self.by_rows
        if d and n and d != n and d.kind == n.kind:
            return True
        return bool(r) and any(w is not None and w.kind == "county" and w != r for w in (d, n))

    def sender(self) -> Submitter | None:
        """The submitter these witnesses name (see the module docstring)."""
        if not self.disagree():
            return self.declared or self.by_name
        votes = Counter(w for w in (self.declared, self.by_name, self.by_rows) if w is not None)
        best, count = votes.most_common(1)[0]
        if count >= 2:
            return best
        return self.by_rows

    def describe(self) -> str:
        """The three witnesses in one Chinese sentence."""
        d = f"填报单位写的是「{self.declared_text}」" + (f"（{self.declared.short}）" if self.declared and
                                                     self.declared.short not in self.declared_text else "") \
            if self.declared_text else "没有填写填报单位"
        n = f"文件名「{self.name_text}」指向{self.by_name.short}" if self.by_name else f"文件名「{self.name_text}」中没有单位名称"
        r = f"各行的县（市）区是{self.by_rows.name}" if self.by_rows else "各行没有一致的县（市）区"
        return f"{d}，{n}，{r}"


def rows_county(named: Counter[str], rows_read: int, settings: Settings) -> Submitter | None:
    """The county the data rows name, when one county is named on at least half of them and no other is."""
    if len(named) != 1 or not rows_read:
        return None
    county, count = next(iter(named.items()))
    return settings.find_county(county) if count * 2 >= rows_read else None
