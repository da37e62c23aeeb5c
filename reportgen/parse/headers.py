"""Sheet kinds, their columns and the header synonyms a clerk writes; finding the header row.

A sheet's kind comes from its header row (within the first rows), never from its name.
Two-row headers with merged group cells are read as the lower row.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from reportgen.parse.values import clean_text
from reportgen.parse.words import header_key, header_unit
from reportgen.read.workbook import Merged, Row

HEADER_SCAN_ROWS = 100  # the header may stand below a long 填表说明 block, within these rows


@dataclass(frozen=True)
class Column:
    key: str  # identifier, e.g. "enterprise"
    name: str  # canonical Chinese header, e.g. "企业名称"
    required: bool
    synonyms: tuple[str, ...] = ()
    kind: str = "text"  # text | number | date | int | uscc | choice


@dataclass(frozen=True)
class SheetKind:
    key: str  # exit | yellow | red | exceedance | target
    name: str  # 退出明细 | 黄牌名单 | 红牌名单 | 超标排放 | 目标任务
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @cached_property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)


_COUNTY = ("所在县区", "县区", "县（区）", "县（市、区）", "区县", "所属县区", "所在县（市）区", "县（市）区名称",
           "所在地区", "地区")
_ENTERPRISE = ("单位名称", "企业名称（全称）", "企业", "企业全称", "企业（单位）名称")
_USCC = ("信用代码", "社会信用代码", "统一信用代码", "统一社会信用代码（18位）", "组织机构代码")
_INDUSTRY = ("所属行业", "行业类别", "行业名称", "行业分类")


def _col(key: str, name: str, required: bool = False, *synonyms: str, kind: str = "text") -> Column:
    return Column(key, name, required, tuple(synonyms), kind)


SHEET_KINDS: dict[str, SheetKind] = {k.key: k for k in (
    SheetKind("exit", "退出明细", (
        _col("seq", "序号", False, "编号", "序"),
        _col("county", "县（市）区", False, *_COUNTY, kind="choice"),
        _col("enterprise", "企业名称", True, *_ENTERPRISE),
        _col("uscc", "统一社会信用代码", False, *_USCC, kind="uscc"),
        _col("industry", "行业", True, *_INDUSTRY, kind="choice"),
        _col("equipment", "落后生产线（设备）名称", True, "淘汰设备名称", "设备名称", "生产线名称", "落后设备名称",
             "退出设备名称", "生产线（设备）名称", "设备（生产线）名称", "落后产能设备名称", "淘汰生产线（设备）名称",
             "落后生产线名称", "主体设备名称"),
        _col("spec", "规格型号", False, "规格", "型号", "规格/型号", "规格及型号", "设备规格"),
        _col("quantity", "数量", False, "设备数量", "台数", kind="int"),
        _col("quantity_unit", "数量单位", False, kind="choice"),
        _col("capacity", "退出产能", True, "淘汰产能", "退出产能规模", "产能", "产能规模", "落后产能", "退出规模",
             kind="number"),
        _col("capacity_unit", "产能单位", False, "计量单位", "单位", "产能计量单位", kind="choice"),
        _col("method", "退出方式", True, "淘汰方式", "处置方式", "退出形式", kind="choice"),
        _col("grounds", "依据类别", False, "退出依据", "依据", "退出类别", "标准类别", "依据标准类别", kind="choice"),
        _col("completed", "完成时间", True, "完成日期", "退出时间", "淘汰时间", "拆除时间", "退出完成时间",
             "关停时间", kind="date"),
        _col("acceptance", "验收情况", False, "验收", "验收结果"),
        _col("workers", "职工安置（人）", False, "职工安置", "安置职工", "职工安置人数", "安置职工人数", kind="number"),
        _col("funds", "奖补资金（万元）", False, "奖补资金", "补助资金", "奖励资金", kind="number"),
        _col("note", "备注", False, "说明"),
    )),
    SheetKind("yellow", "黄牌名单", (
        _col("seq", "序号", False, "编号"),
        _col("enterprise", "企业名称", True, *_ENTERPRISE),
        _col("uscc", "统一社会信用代码", False, *_USCC, kind="uscc"),
        _col("county", "县（市）区", False, *_COUNTY, kind="choice"),
        _col("industry", "行业", False, *_INDUSTRY, kind="choice"),
        _col("category", "不达标类别", True, "不达标类型", "类别", "问题类别", kind="choice"),
        _col("issue", "存在问题", False, "主要问题", "问题", "不达标情况"),
        _col("notice_date", "整改通知日期", True, "通知日期", "下达日期", "整改通知下达日期", "通知时间", kind="date"),
        _col("deadline", "整改期限", False, "期限", "整改时限", "整改截止日期", kind="date"),
        _col("extended_to", "延期至", False, "延期期限", "延期截止日期", "延长至", kind="date"),
        _col("review", "复查结果", False, "复查情况", "复查", kind="choice"),
        _col("publisher", "发布部门", False, "发布单位"),
        _col("note", "备注", False),
    )),
    SheetKind("red", "红牌名单", (
        _col("seq", "序号", False, "编号"),
        _col("enterprise", "企业名称", True, *_ENTERPRISE),
        _col("uscc", "统一社会信用代码", False, *_USCC, kind="uscc"),
        _col("county", "县（市）区", False, *_COUNTY, kind="choice"),
        _col("industry", "行业", False, *_INDUSTRY, kind="choice"),
        _col("category", "不达标类别", False, "不达标类型", "类别", kind="choice"),
        _col("closed_on", "关闭日期", True, "关闭时间", "依法关闭日期", kind="date"),
        _col("basis", "关闭依据（文号）", False, "关闭依据", "文号", "依据文号"),
        _col("publisher", "发布部门", False, "发布单位"),
        _col("note", "备注", False),
    )),
    SheetKind("exceedance", "超标排放", (
        _col("seq", "序号", False, "编号"),
        _col("enterprise", "企业名称", True, *_ENTERPRISE),
        _col("uscc", "统一社会信用代码", False, *_USCC, kind="uscc"),
        _col("county", "县（市）区", False, *_COUNTY, kind="choice"),
        _col("pollutant", "污染物", True, "超标污染物", "污染物名称", "超标因子"),
        _col("concentration", "排放浓度", False, "实测浓度", "监测浓度", "浓度", kind="number"),
        _col("limit", "标准限值", False, "排放限值", "限值", "执行标准限值", kind="number"),
        _col("unit", "单位", False, "浓度单位", "计量单位"),
        _col("measured_on", "监测时间", False, "监测日期", kind="date"),
        _col("serious", "情节严重", False, "是否情节严重", "情节是否严重", kind="choice"),
        _col("measures", "处理措施", False, "处理情况", "处罚措施", "处置措施"),
        _col("note", "备注", False),
    )),
    SheetKind("target", "目标任务", (
        _col("seq", "序号", False, "编号"),
        _col("county", "县（市）区", True, *_COUNTY, kind="choice"),
        _col("industry", "行业", True, *_INDUSTRY, kind="choice"),
        _col("capacity", "目标产能", True, "目标任务", "计划退出产能", "目标退出产能", "退出目标", kind="number"),
        _col("capacity_unit", "产能单位", False, "计量单位", "单位", kind="choice"),
        _col("enterprise", "企业名称", False, *_ENTERPRISE),
        _col("equipment", "落后生产线（设备）名称", False, "设备名称", "生产线名称", "淘汰设备名称"),
        _col("note", "备注", False),
    )),
    SheetKind("task", "任务分解", (
        _col("seq", "序号", True, "编号", kind="int"),
        _col("title", "主要任务", True, "任务", "重点任务", "工作任务"),
        _col("content", "主要内容", True, "工作内容", "具体内容", "任务内容"),
        _col("leads", "牵头部门（负责部门）", True, "牵头部门", "负责部门", "牵头单位", "责任部门", "牵头部门负责部门"),
        _col("partners", "参与部门", False, "参与单位", "配合部门", "配合单位"),
    )),
)}

# header key -> column key, per sheet kind
_LOOKUP: dict[str, dict[str, str]] = {
    kind.key: {header_key(n): c.key for c in kind.columns for n in (c.name, *c.synonyms)}
    for kind in SHEET_KINDS.values()
}
_KNOWN = set().union(*_LOOKUP.values())
# header cells as written that may open a table ("序号", "企业名称"): a data row never starts with one
HEADER_WORDS = frozenset(n for kind in SHEET_KINDS.values() for c in kind.columns for n in (c.name, *c.synonyms)
                         if c.key in ("seq", "county", "enterprise"))
# under a group cell about the equipment or the enterprise, a bare "名称" names that group
_GROUP_NAME = (("生产线", "equipment"), ("设备", "equipment"), ("企业", "enterprise"), ("单位", "enterprise"))


@dataclass(frozen=True)
class Header:
    """A sheet's header as found: its kind, where it is, and which column holds what."""

    kind: SheetKind
    row: int  # 0-based index of the (lower) header row; data starts after it
    columns: dict[str, int]  # column key -> 0-based column index
    units: dict[str, str]  # column key -> unit written in the header ("退出产能（万吨）" -> 万吨)
    unknown: tuple[tuple[int, str], ...]  # (column index, header text) the tool does not know
    missing: tuple[str, ...]  # canonical names of required columns not found
    texts: tuple[str, ...]  # header key per column, to spot repeated header rows
    raw: tuple[str, ...] = ()  # header text per column as written
    top: int = -1  # 0-based index of the first header row (the upper row of a two-row header); -1: `row`

    @property
    def first_row(self) -> int:
        return self.row if self.top < 0 else self.top


def _merged_origin(merged: Merged, r: int, c: int) -> tuple[int, int]:
    for r0, c0, r1, c1 in merged:
        if r0 <= r <= r1 and c0 <= c <= c1:
            return r0, c0
    return r, c


def _match(kind_key: str, texts: list[str], keys: list[str], uppers: list[str],
           hidden: frozenset[int] = frozenset()) -> tuple[dict[str, int], dict[str, str], list[tuple[int, str]]]:
    lookup = _LOOKUP[kind_key]
    cols: dict[str, int] = {}
    units: dict[str, str] = {}
    unknown: list[tuple[int, str]] = []
    for i, text in enumerate(texts):
        if not text:
            continue
        key = keys[i]
        hit = lookup.get(key)
        upper = uppers[i] if uppers else ""
        if hit is None and upper:
            if key in ("名称", "名"):
                hit = next((k for word, k in _GROUP_NAME if word in upper), None)
            if hit is None:
                hit = lookup.get(header_key(upper + text)) or lookup.get(header_key(upper))
        if hit is not None and hit in cols and cols[hit] in hidden and i not in hidden:
            # a visible column wins over a hidden one with the same header (a stale column hidden, not deleted)
            old = cols.pop(hit)
            units.pop(hit, None)
            unknown.append((old, texts[old]))
        if hit is None or hit in cols:
            unknown.append((i, text))
            continue
        cols[hit] = i
        unit = header_unit(text)
        if unit:
            units[hit] = unit
    return cols, units, sorted(unknown)


def find_header(rows: Sequence[Row], merged: Merged = (), hidden_cols: frozenset[int] = frozenset()) -> Header | None:
    """The best header among the first rows: the one matching most columns of some kind."""
    scan = rows[:HEADER_SCAN_ROWS + 1]
    width = max((len(r) for r in scan), default=0)
    texts: list[list[str]] = []
    keys: list[list[str]] = []

    def upto(r: int) -> None:  # clean and key rows lazily: data rows below a found header are never keyed
        while len(texts) <= min(r, len(scan) - 1):
            row = scan[len(texts)]
            texts.append([clean_text(row[c])[0] if c < len(row) else "" for c in range(width)])
            keys.append([header_key(t) if t else "" for t in texts[-1]])

    known = _KNOWN
    best: tuple[int, Header] | None = None
    for r in range(min(HEADER_SCAN_ROWS, len(scan))):
        if best is not None and not best[1].missing and best[1].row < r:
            break  # a complete header was found above; a two-row header was tried with it
        upto(r + 1)
        if sum(1 for k in keys[r] if k in known) < 2 and not (r + 1 < len(scan) and merged):
            continue
        candidates: list[tuple[int, list[str], list[str], list[str]]] = [(r, texts[r], keys[r], [])]
        if r + 1 < len(scan) and merged:
            lower: list[str] = []
            lower_keys: list[str] = []
            upper: list[str] = []
            for c in range(width):
                low = texts[r + 1][c]
                top_r, top_c = _merged_origin(merged, r, c)
                top = texts[top_r][top_c] if top_r < len(texts) and top_c < width else ""
                if low and _merged_origin(merged, r + 1, c) != _merged_origin(merged, r, c):
                    lower.append(low)
                    lower_keys.append(keys[r + 1][c])
                    upper.append(top if top != low else "")
                else:
                    lower.append(top)
                    lower_keys.append(header_key(top) if top else "")
                    upper.append("")
            if any(upper):
                candidates.append((r + 1, lower, lower_keys, upper))
        for row_index, row_texts, row_keys, uppers in candidates:
            for kind in SHEET_KINDS.values():
                cols, units, unknown = _match(kind.key, row_texts, row_keys, uppers, hidden_cols)
                found = [c for c in kind.required if c.key in cols]
                if len(found) < max(2, (len(kind.required) + 1) // 2):
                    continue
                missing = tuple(c.name for c in kind.required if c.key not in cols)
                score = len(cols) * 10 - len(missing) * 15
                header = Header(kind, row_index, cols, units, tuple(unknown), missing, tuple(row_keys),
                                tuple(row_texts), r)
                if best is None or score > best[0]:
                    best = (score, header)
    return best[1] if best else None


def is_repeated_header(header: Header, texts: list[str]) -> bool:
    """A data row (its cleaned texts) that repeats the header's own texts, as on each printed page."""
    first = header.columns.get(header.kind.required[0].key)  # a repeated header repeats this one too
    if first is None or first >= len(texts) or not texts[first]:
        return False
    text = texts[first]
    if text != header.raw[first] and (len(text) > len(header.raw[first]) + 8  # a name, not a header
                                      or header_key(text) != header.texts[first]):
        return False
    hits = 0
    for i in header.columns.values():
        if i < len(texts) and texts[i] and header.texts[i] and \
                (texts[i] == header.raw[i] or header_key(texts[i]) == header.texts[i]):
            hits += 1
    return hits >= max(2, len(header.columns) // 2)
