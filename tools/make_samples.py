"""Write samples/2021/: a realistic, messy inbox for Yinchuan 2021, and what a build must report.

Run `python tools/make_samples.py` from anywhere. Every file is rewritten byte for byte the same
(fixed workbook properties and zip timestamps), except the .xls that LibreOffice converts.
`--check` regenerates into a temporary folder and compares with the committed files instead.

The expectations (README.md, expected.json) are computed here from the declared truth of each row,
independently of reportgen: this script never imports it. Each cell is rendered FROM that truth
(e.g. 1.2 万吨 of 电石 written as "12000吨"), so what a cell says and what it must become agree.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

YEAR = 2021
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "samples" / "2021"
FIXED = datetime(2021, 11, 30, 9, 0, 0)
ZIP_TIME = (2021, 11, 30, 9, 0, 0)

# --- the shipped defaults of domain.md, restated here on purpose (independent of reportgen) ---
COUNTIES = {"兴庆区": "640104", "西夏区": "640105", "金凤区": "640106", "永宁县": "640121",
            "贺兰县": "640122", "灵武市": "640181"}
EXPECTED_DEPARTMENTS = {"银川市综合执法监督局": "市综合执法局", "银川市应急管理局": "市应急管理局",
                        "银川市市场监督管理局": "市市场监管局", "银川市生态环境局": "市生态环境局"}  # full -> short
INDUSTRIES = {"水泥": "万吨", "钢铁": "万吨", "有色金属": "万吨", "铁合金": "万吨", "电石": "万吨", "焦炭": "万吨",
              "造纸": "万吨", "活性炭": "吨", "制革": "万标张", "平板玻璃": "万重量箱", "印染": "万米",
              "铅蓄电池": "万千伏安时"}
FACTORS = {("万吨", "吨"): Decimal("0.0001"), ("吨", "万吨"): Decimal("10000"), ("万标张", "标张"): Decimal("0.0001")}
METHODS = ("拆除", "封存", "关停", "其他")
GROUNDS = ("能耗", "环保", "质量", "安全", "技术")

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


# ----------------------------------------------------------------------------- codes
def uscc_check(first17: str) -> str:
    """The GB 32100 check character of 17 characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_check(body8: str) -> str:
    """The GB 11714 check character of an organisation code's 8-character body."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, ORG_WEIGHTS))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def uscc(enterprise: str, county: str, valid: bool = True) -> str:
    """A deterministic, well-formed USCC for an invented enterprise (a wrong check char when not valid)."""
    digest = hashlib.sha256(enterprise.encode("utf-8")).digest()
    tail = "".join(USCC_ALPHABET[b % 31] for b in digest[:5])
    body = "MA7" + tail
    code17 = "91" + COUNTIES[county] + body + org_check(body)
    check = uscc_check(code17)
    if not valid:
        check = USCC_ALPHABET[(USCC_ALPHABET.index(check) + 7) % 31]
    return code17 + check


def plain(d: Decimal) -> str:
    """A Decimal as a plain string without exponent or trailing zeros: 1.2000 -> 1.2, 2E+1 -> 20."""
    return format(d.normalize(), "f")


# ----------------------------------------------------------------------------- truth of a row
def canonical(industry: str, amount: Decimal, unit: str) -> tuple[Decimal, str]:
    """The capacity in the industry's canonical unit."""
    target = INDUSTRIES[industry]
    if unit == target:
        return amount, target
    return amount * FACTORS[(target, unit)], target


def completed_text(item) -> str:
    """The completion date as a build must give it ('2021-09' when only the month was written)."""
    if item.date == "month":
        return f"{item.done.year}-{item.done.month:02d}"
    return item.done.isoformat()


def outcome_of(item) -> str:
    """Where a row must end, before duplicates: rejected, other_year or counted."""
    if item.bad:
        return "rejected"
    if item.done.year != YEAR:
        return "other_year"
    return "counted"


def identity(item) -> tuple:
    cap, unit = canonical(item.ind, item.amount, item.unit)
    fold = lambda s: re.sub(r"\s+", "", s).upper()  # noqa: E731  (ASCII-only specs: NFKC not needed)
    return (item.county, item.uscc, item.ind, fold(item.equip), fold(item.spec), cap, unit)


# ----------------------------------------------------------------------------- records of the samples
@dataclass(frozen=True)
class X:
    """One 退出明细 row: its truth, and how the clerk wrote it."""

    ent: str
    ind: str  # configured industry (truth)
    equip: str
    spec: str
    qty: int
    amount: Decimal  # as typed, in `unit`
    unit: str
    method: str
    grounds: tuple[str, ...]
    done: date
    county: str = ""  # filled from the book when the submitter is a county
    qunit: str = "台"
    ind_text: str = ""  # how the 行业 cell says it (an alias), "" = the industry name
    cap: str = ""  # how the capacity cell is written: "" number, text, cell, year, fw, comma, dash
    date: str = ""  # "" date cell, iso, slash, dot, cn, month, serial
    gsep: str = "、"
    accept: str = "已验收"
    workers: int | None = None
    funds: Decimal | None = None
    note: str = ""
    extras: tuple[tuple[str, str], ...] = ()
    uscc_ok: bool = True
    no_ent: bool = False  # the 企业名称 cell left blank

    @property
    def bad(self) -> str:
        return "capacity-not-number" if self.cap == "dash" else "enterprise-missing" if self.no_ent else ""

    @property
    def uscc(self) -> str:
        return uscc(self.ent, self.county, self.uscc_ok)


def x(ent, ind, equip, spec, qty, amount, unit, method, grounds, done, **kw) -> X:
    """An exit row from compact literals ('技术、能耗' -> grounds, '2021-06-18' -> date)."""
    sep = next((s for s in "、，/" if s in grounds), "、")
    if "funds" in kw:
        kw["funds"] = Decimal(kw["funds"])
    return X(ent, ind, equip, spec, qty, Decimal(amount), unit, method, tuple(grounds.split(sep)),
             date.fromisoformat(done), gsep=sep, **kw)


@dataclass(frozen=True)
class G:
    """A row of a list sheet (黄牌名单, 红牌名单, 超标排放): enterprise, county, then the other cells."""

    ent: str
    county: str
    values: tuple  # in the order of the sheet's columns after 序号, 企业名称, 统一社会信用代码, 县（市）区

    @property
    def uscc(self) -> str:
        return uscc(self.ent, self.county)


@dataclass(frozen=True)
class Section:
    text: str


@dataclass(frozen=True)
class Total:
    stated: Decimal | None = None  # None: the correct sum; else what the clerk left in the cell
    label_key: str = "seq"


@dataclass(frozen=True)
class Blank:
    pass


@dataclass(frozen=True)
class Note:
    cells: tuple[tuple[int, str], ...]  # (column index from 1, text)


@dataclass(frozen=True)
class Sheet:
    name: str
    kind: str  # exit | yellow | red | exceed
    columns: tuple[tuple[str, str], ...]  # (header text, key)
    rows: tuple
    hidden: bool = False
    group: tuple[str, tuple[str, ...]] | None = None  # (upper label, keys under it) -> two-row header
    header_unit: str = ""  # the unit written in the capacity header ("退出产能（万吨）")
    date_format: str = "yyyy-mm-dd"
    widths: tuple[int, ...] = ()


@dataclass(frozen=True)
class Book:
    path: str  # inbox-relative, "/" separators
    submitter: str  # the configured full name the file must be attributed to
    unit_text: str  # the 填报单位 cell as written
    fill: date
    sheets: tuple[Sheet, ...]
    about: str  # what it exercises (README)
    county: str = ""  # the submitter's county, "" for a department
    meta: str = "one"  # 填报单位/填报日期 on one row, or "two" rows
    fmt: str = "xlsx"


STD = (("序号", "seq"), ("县（市）区", "county"), ("企业名称", "ent"), ("统一社会信用代码", "uscc"), ("行业", "ind"),
       ("落后生产线（设备）名称", "equip"), ("规格型号", "spec"), ("数量", "qty"), ("数量单位", "qunit"),
       ("退出产能", "cap"), ("产能单位", "capunit"), ("退出方式", "method"), ("依据类别", "grounds"),
       ("完成时间", "done"), ("验收情况", "accept"), ("职工安置（人）", "workers"), ("奖补资金（万元）", "funds"),
       ("备注", "note"))
YELLOW = (("序号", "seq"), ("企业名称", "ent"), ("统一社会信用代码", "uscc"), ("县（市）区", "county"), ("行业", 0),
          ("不达标类别", 1), ("存在问题", 2), ("整改通知日期", 3), ("整改期限", 4), ("延期至", 5), ("复查结果", 6),
          ("发布部门", 7))
RED = (("序号", "seq"), ("企业名称", "ent"), ("统一社会信用代码", "uscc"), ("县（市）区", "county"), ("行业", 0),
       ("不达标类别", 1), ("关闭日期", 2), ("关闭依据（文号）", 3), ("发布部门", 4))
EXCEED = (("序号", "seq"), ("企业名称", "ent"), ("统一社会信用代码", "uscc"), ("县（市）区", "county"), ("污染物", 0),
          ("排放浓度", 1), ("标准限值", 2), ("单位", 3), ("监测时间", 4), ("情节严重", 5), ("处理措施", 6))


def std(rename: dict[str, str] | None = None, drop: tuple[str, ...] = (), add: tuple[tuple[str, str], ...] = ()):
    """The standard exit columns with some headers renamed (by key), dropped, or extra ones added before 备注."""
    cols = [(((rename or {}).get(k, h)), k) for h, k in STD if k not in drop]
    return tuple(cols[:-1]) + tuple(add) + (cols[-1],)


def sign(who: str, phone: str, checker: str, width: int) -> Note:
    return Note(((1, f"填报人：{who}"), (6, f"联系电话：{phone}"), (min(12, width), f"审核人：{checker}")))


# ----------------------------------------------------------------------------- the inbox of 2021
def _yongning(amount_dianshi: str, stated_total: Decimal | None, note: str) -> Sheet:
    return Sheet("退出明细", "exit", STD, (
        x("宁夏天元焦化有限公司", "焦炭", "焦炉", "JN43型 炭化室高度4.3m", 2, "60", "万吨", "拆除", "环保、能耗",
          "2021-10-30", qunit="座", cap="cell", workers=210, funds="300"),
        x("宁夏鑫隆电石有限公司", "电石", "电石炉", "16500kVA", 1, amount_dianshi, "万吨", "拆除", "能耗",
          "2021-09-25", workers=46, funds="50", note=note),
        x("宁夏望远水泥有限公司", "水泥", "水泥磨机", "Φ2.4×8m", 2, "24", "万吨", "拆除", "技术", "2021-07-12",
          workers=33),
        x("永宁县胜利铸造厂", "钢铁", "中频炉", "2×5t", 1, "6", "万吨", "拆除", "技术", "2021-03-26", qunit="套",
          note="地条钢设备"),
        Total(stated_total, label_key="ent"),
        sign("马丽娟", "0951-8012376", "张宏伟", 18)))


_JF_PARK = (("所属园区", "金凤工业集中区"),)
BOOKS: tuple[Book, ...] = (
    Book("兴庆区2021年落后产能退出情况.xlsx", "兴庆区", "填报单位：兴庆区工业和信息化局", date(2021, 11, 24), (
        Sheet("Sheet1", "exit", STD, (
            Section("一、水泥"),
            x("宁夏兴庆恒达建材有限公司", "水泥", "水泥磨机", "Φ2.2×6.5m", 2, "16", "万吨", "拆除", "技术",
              "2021-06-18", workers=38, funds="60"),
            x("宁夏塞上明珠水泥有限公司", "水泥", "机立窑", "Φ2.5×10m", 1, "8.8", "万吨", "拆除", "技术、能耗",
              "2021-08-30", qunit="座", ind_text="水泥熟料", workers=52, funds="45"),
            x("宁夏塞上明珠水泥有限公司", "水泥", "水泥磨机", "Φ2.4×8m", 1, "12", "万吨", "拆除", "技术",
              "2021-08-30"),
            Section("二、钢铁"),
            x("银川市兴庆区鑫源铸造有限公司", "钢铁", "中频炉", "2×5t", 1, "6", "万吨", "拆除", "技术", "2021-04-15",
              qunit="套", note="地条钢设备，已拆除变压器和炉体"),
            x("宁夏华冶特钢有限公司", "钢铁", "工频炉", "1.5t", 3, "2.7", "万吨", "拆除", "技术", "2021-05-20"),
            Total(),
            Blank(),
            Note(((1, "注：1.退出产能为设计年产能；2.完成时间以拆除验收日期为准。"),)),
            sign("王晓燕", "0951-6021347", "李建华", 18)),
            date_format='yyyy"年"m"月"d"日"'),),
        "标准表头、标题行、填报单位与填报日期同一行；分节行（一、水泥／二、钢铁）；正确的合计行；注释行与填报人行；"
        "日期为 Excel 日期；行业别名（水泥熟料）", county="兴庆区"),
    Book("西夏区落后产能退出情况统计表.xls", "西夏区", "填报单位：西夏区工业信息化和商务局", date(2021, 11, 19), (
        Sheet("落后产能退出情况", "exit", std({"cap": "退出产能（万吨）"}, drop=("capunit",)), (
            x("宁夏西夏建材有限公司", "水泥", "水泥磨机", "Φ2.2×6.5m", 1, "8", "万吨", "拆除", "技术", "2021-09-30",
              date="iso", ind_text="水泥粉磨"),
            x("银川市西夏区永固水泥有限责任公司", "水泥", "机立窑", "Φ2.5×10m", 2, "17.6", "万吨", "拆除",
              "技术、能耗", "2021-07-15", qunit="座", date="slash"),
            x("宁夏宏盛铁合金有限公司", "铁合金", "矿热炉", "6300kVA", 2, "2.4", "万吨", "拆除", "能耗/技术",
              "2021-10-08", date="dot", ind_text="硅铁"),
            x("宁夏宏盛铁合金有限公司", "铁合金", "矿热炉", "12500kVA", 1, "1.8", "万吨", "封存", "能耗", "2021-10-20",
              date="cn", accept="已核查", note="已拆除动力装置，主体设备封存，企业已公开承诺不再恢复生产"),
            x("宁夏西北电石化工有限公司", "电石", "电石炉", "12500kVA", 1, "2.5", "万吨", "拆除", "能耗", "2021-09-01",
              date="month"),
            x("宁夏华源焦化有限公司", "焦炭", "焦炉", "炭化室高度3.2m", 1, "10", "万吨", "关停", "环保", "2021-11-10",
              qunit="座", cap="text", ind_text="焦化", accept="未验收", note="已停产，待拆除"),
            x("银川市西夏区金河铸造有限公司", "钢铁", "中频炉", "1t", 1, "0.5", "万吨", "拆除", "技术", "2020-12-28",
              date="cn"),
            Blank(),
            Note(((1, "说明：金河铸造中频炉已于2020年底拆除，本次一并报送。"),)),
            sign("杨帆", "0951-2036615", "周立新", 17)),
            header_unit="万吨"),),
        "真正的 BIFF .xls（LibreOffice 转换）；产能单位写在表头「退出产能（万吨）」、无产能单位列；文本日期的五种写法"
        "（2021-09-30、2021/7/15、2021.10.8、2021年10月20日、2021年9月）与一个 Excel 日期；以文本存储的数字；"
        "一行完成于2020年（不计入本年）；行业别名（水泥粉磨、硅铁、焦化）", county="西夏区", meta="two", fmt="xls"),
    Book("金凤区2021年淘汰落后产能工作情况表.xlsx", "金凤区", "填报单位：金凤区工业和信息化局", date(2021, 11, 22), (
        Sheet("退出情况", "exit", std({"ent": "单位名称", "equip": "名称", "capunit": "计量单位"}, drop=("county",),
                                     add=(("所属园区", "x:所属园区"),)), (
            x("宁夏金泰活性炭有限公司", "活性炭", "炭化炉", "内热式回转炭化炉Φ1.2×12m", 2, "1200", "吨", "拆除", "环保",
              "2021-09-01", cap="comma", date="serial", extras=_JF_PARK),
            x("宁夏金泰活性炭有限公司", "活性炭", "活化炉", "斯列普活化炉4×36槽", 1, "3000", "吨", "拆除", "环保、能耗",
              "2021-09-01", cap="cell", date="serial", extras=_JF_PARK),
            x("宁夏华锦纸业有限公司", "造纸", "长网造纸机", "1575mm", 1, "1.5", "万吨", "关停", "能耗，环保",
              "2021-06-30", cap="year", date="cn", accept="未验收", extras=(("所属园区", "良田镇"),)),
            x("银川市金凤区丰源皮革有限公司", "制革", "转鼓", "Φ3.0×3.2m", 6, "12.5", "万标张", "拆除", "环保",
              "2021-08-16", cap="fw", workers=64, extras=_JF_PARK),
            x("宁夏凤城建材有限公司", "水泥", "水泥磨机", "Φ2.2×6.5m", 1, "80000", "吨", "拆除", "技术", "2021-05-28",
              cap="cell", uscc_ok=False, extras=_JF_PARK),
            x("宁夏德润化工有限公司", "电石", "电石炉", "9000kVA", 1, "12000", "吨", "拆除", "能耗", "2021-10-15",
              cap="cell", extras=_JF_PARK),
            Blank(),
            sign("纳红梅", "0951-5103328", "丁国庆", 17)),
            group=("落后生产线（设备）情况", ("equip", "spec", "qty")), date_format="yyyy/m/d"),),
        "两行表头（「落后生产线（设备）情况」合并在 名称｜规格型号｜数量 之上，其余列纵向合并）；改名的列（单位名称、计量单位）；"
        "无县（市）区列（取报送单位所在县区）；多出的「所属园区」列（保留为 extras）；单元格内带单位（3000吨、80000吨、"
        "12000吨、1.5万吨/年）；千分位（1,200）；全角数字（１２．５）；Excel 序列号日期（44440）；一个错误的统一社会信用代码",
        county="金凤区", meta="two"),
    Book("永宁县2021年落后产能退出情况.xlsx", "永宁县", "填报单位：永宁县工业信息化和商务局", date(2021, 11, 5),
         (_yongning("3", None, ""),),
         "首次报送（填报日期2021年11月5日），被更正版取代：其行一律不计", county="永宁县"),
    Book("永宁县2021年落后产能退出情况（更正）.xlsx", "永宁县", "填报单位：永宁县工业信息化和商务局",
         date(2021, 11, 26), (_yongning("3.5", Decimal("93"), "更正：按核定产能3.5万吨填报"),),
         "更正版（填报日期2021年11月26日）：鑫隆电石由3万吨改为3.5万吨；合计行未随之更新（93≠93.5，警告）；"
         "单元格内带单位（60万吨）", county="永宁县"),
    Book("贺兰县2021年落后产能退出情况.xlsx", "贺兰县", "填报单位：贺兰县工业信息化和商务局", date(2021, 11, 25), (
        Sheet("水泥", "exit", STD, (
            x("宁夏贺兰县宏峰建材有限公司", "水泥", "机立窑", "Φ2.5×10m", 1, "8.8", "万吨", "拆除", "技术", "2021-06-30",
              qunit="座"),
            x("宁夏贺兰县宏峰建材有限公司", "水泥", "水泥磨机", "Φ2.2×6.5m", 2, "16", "万吨", "拆除", "技术",
              "2021-06-30", cap="text"),
            x("贺兰县金山水泥厂", "水泥", "机立窑", "Φ2.2×9m", 1, "6.6", "万吨", "拆除", "技术", "2021-09-18",
              qunit="座", ind_text="熟料"),
            x("贺兰县立岗镇利民建材厂", "水泥", "水泥磨机", "Φ1.83×6.4m", 1, "4", "万吨", "拆除", "技术", "2021-10-12",
              no_ent=True),
            Note(((1, "注：退出产能按设计产能填写。"),)),
            sign("李娜", "0951-8061154", "何建军", 18)),
            date_format='yyyy"年"m"月"d"日"'),
        Sheet("铁合金", "exit", STD, (
            x("宁夏贺兰县兴盛冶金有限公司", "铁合金", "矿热炉", "12500kVA", 2, "4", "万吨", "拆除", "能耗、技术",
              "2021-08-08"),
            x("宁夏恒昌硅业有限公司", "铁合金", "矿热炉", "6300kVA", 1, "0.8", "万吨", "封存", "能耗", "2021-11-12",
              ind_text="工业硅", accept="已核查", note="已拆除动力装置并封存")),
            hidden=True, date_format='yyyy"年"m"月"d"日"')),
        "一种表分在两个工作表（水泥、铁合金），「铁合金」为隐藏工作表（照常读取）；以文本存储的数字；一行缺企业名称（拒收）；"
        "行业别名（熟料、工业硅）；同目录下的 Office 锁文件 ~$贺兰县…（静默忽略）", county="贺兰县", meta="two"),
    Book("市直部门/市综合执法局落后产能退出情况报送表.xlsx", "银川市综合执法监督局", "填报单位：银川市综合执法监督局",
         date(2021, 11, 23), (
        Sheet("Sheet1", "exit", std({"equip": "淘汰设备名称"}), (
            x("银川市兴庆区大新铸造厂", "钢铁", "中频炉", "1t", 1, "0.6", "万吨", "拆除", "技术", "2021-04-22",
              county="兴庆区", ind_text="地条钢", date="iso"),
            x("永宁县望洪镇红星铸造厂", "钢铁", "中频炉", "0.5t×2", 1, "0.6", "万吨", "拆除", "技术", "2021-05-11",
              county="永宁县", qunit="套", date="iso"),
            x("贺兰县习岗镇顺达铸钢厂", "钢铁", "工频炉", "1t", 1, "0.5", "万吨", "拆除", "技术", "2021-06-03",
              county="贺兰县", cap="dash", note="产能待核定"),
            x("宁夏西夏区金鹏铸造有限公司", "钢铁", "中频炉", "3t", 1, "1.8", "万吨", "拆除", "技术", "2021-07-19",
              county="西夏区"),
            sign("赵刚", "0951-6888012", "孙明", 18))),),
        "部门报送，在子文件夹中；每行有县（市）区列；改名的列（淘汰设备名称）；一行退出产能为「—」（拒收）", meta="two"),
    Book("市直部门/市应急管理局2021年黄牌红牌企业名单.xlsx", "银川市应急管理局", "填报单位：银川市应急管理局（盖章）",
         date(2021, 11, 20), (
        Sheet("黄牌名单", "yellow", YELLOW, (
            G("宁夏力源化工有限公司", "西夏区", ("电石", "安全", "电石炉出炉口未设置挡火墙，可燃气体报警装置失效",
                                        date(2021, 3, 15), date(2021, 6, 15), None, "达标", "银川市应急管理局")),
            G("宁夏盛达焦化有限公司", "永宁县", ("焦炭", "安全", "煤气柜区域未设置泄漏报警和紧急切断装置",
                                        date(2021, 4, 12), date(2021, 7, 12), date(2021, 10, 12), "未达标",
                                        "银川市应急管理局")),
            G("银川市金凤区永泰铸造有限公司", "金凤区", ("钢铁", "安全", "中频炉冷却水系统无断水报警，熔炼区与浇注区未分隔",
                                             date(2021, 6, 1), date(2021, 9, 1), None, "达标", "银川市应急管理局")),
            G("宁夏贺兰县双赢建材有限公司", "贺兰县", ("水泥", "安全", "煤磨系统未安装防爆泄压和一氧化碳监测装置",
                                          date(2021, 9, 6), date(2021, 12, 6), None, "", "银川市应急管理局")))),
        Sheet("红牌名单", "red", RED, (
            G("宁夏盛达焦化有限公司", "永宁县", ("焦炭", "安全", date(2021, 11, 15), "银应急决〔2021〕12号",
                                        "银川市应急管理局")),
            G("银川市兴庆区福利铸钢厂", "兴庆区", ("钢铁", "安全", date(2021, 7, 20), "银应急决〔2021〕7号",
                                         "银川市应急管理局"))))),
        "部门报送：黄牌名单与红牌名单两个工作表（无退出明细）；填报单位带「（盖章）」"),
    Book("市直部门/市生态环境局2021年落后产能退出及超标排放情况.xlsx", "银川市生态环境局", "填报单位：银川市生态环境局",
         date(2021, 11, 18), (
        Sheet("退出明细", "exit", STD, (
            x("宁夏华宇活性炭有限公司", "活性炭", "炭化炉", "斯列普炉4×18槽", 2, "2000", "吨", "拆除", "环保",
              "2021-07-08", county="西夏区"),
            x("宁夏华宇活性炭有限公司", "活性炭", "活化炉", "斯列普活化炉4×36槽", 1, "0.3", "万吨", "拆除", "环保",
              "2021-07-08", county="西夏区", cap="cell"),
            x("宁夏鸿翔皮革有限公司", "制革", "转鼓", "Φ2.5×2.5m", 4, "8", "万标张", "拆除", "环保", "2021-09-14",
              county="永宁县"),
            x("宁夏汇丰纸业有限公司", "造纸", "圆网造纸机", "1092mm", 1, "0.5", "万吨", "关停", "环保", "2021-10-26",
              county="贺兰县", accept="未验收"))),
        Sheet("超标排放", "exceed", EXCEED, (
            G("宁夏华源焦化有限公司", "西夏区", ("二氧化硫", Decimal("186"), Decimal("50"), "mg/m³", date(2021, 4, 12),
                                        "否", "责令改正，罚款20万元")),
            G("宁夏天元焦化有限公司", "永宁县", ("颗粒物", Decimal("48.6"), Decimal("30"), "mg/m³", date(2021, 5, 20),
                                        "是", "报经市人民政府批准，责令关闭")),
            G("宁夏金泰活性炭有限公司", "金凤区", ("非甲烷总烃", Decimal("126"), Decimal("80"), "mg/m³",
                                         date(2021, 3, 30), "否", "责令限期整改")),
            G("银川市金凤区丰源皮革有限公司", "金凤区", ("化学需氧量", Decimal("412"), Decimal("300"), "mg/L",
                                             date(2021, 6, 9), "是", "责令停产整治"))))),
        "部门报送：退出明细（活性炭按吨；「0.3万吨」须换算为3000吨；制革按万标张）与超标排放工作表", meta="two"),
    Book("市直部门/市工信局节能监察落后产能退出情况.xlsx", "银川市工业和信息化局",
         "填报单位：银川市工业和信息化局（节能监察科）", date(2021, 11, 29), (
        Sheet("退出明细", "exit", STD, (
            x("宁夏宏盛铁合金有限公司", "铁合金", "矿热炉", "6300 kVA", 2, "2.4", "万吨", "拆除", "能耗", "2021-10-08",
              county="西夏区", note="节能监察发现单位产品能耗超限额"),
            x("宁夏德润化工有限公司", "电石", "电石炉", "9000kVA", 1, "1.2", "万吨", "拆除", "能耗", "2021-10-15",
              county="金凤区"),
            x("宁夏华鼎铝业有限公司", "有色金属", "电解槽", "160kA预焙阳极", 24, "2.6", "万吨", "关停", "能耗、技术",
              "2021-11-08", county="永宁县", ind_text="电解铝", accept="未验收", note="已停槽，待拆除"))),),
        "非必报部门的报送：两行与县区重复（宏盛铁合金同西夏区，规格多一个空格；德润化工同金凤区，1.2万吨＝12000吨），"
        "县区的行为准，这两行记为重复（警告）；一行为本部门独有（电解铝）"),
)
SUPERSEDED = {"永宁县2021年落后产能退出情况.xlsx": "永宁县2021年落后产能退出情况（更正）.xlsx"}
JUNK = ("灵武市情况说明.docx",)
DOCS = ("README.md", "expected.json")
LOCK_FILE = "~$贺兰县2021年落后产能退出情况.xlsx"


# ----------------------------------------------------------------------------- layout (shared by writer and expectations)
TITLES = {"exit": "2021年落后产能退出情况表", "yellow": "2021年黄牌企业名单（限期整改）",
          "red": "2021年红牌企业名单（依法关闭）", "exceed": "2021年超标排放企业名单"}
DATA_ROW_TYPES = (X, G)


def header_row(book: Book) -> int:
    """The Excel row of the (upper) header: after the title and one or two 填报 rows."""
    return 3 if book.meta == "one" else 4


def plan(book: Book, sheet: Sheet) -> list[tuple[int, object, dict[str, str]]]:
    """Every row below the header: (Excel row, record or marker, {column key: cell address})."""
    keys = [k for _, k in sheet.columns]
    first = header_row(book) + (2 if sheet.group else 1)
    out = []
    for offset, obj in enumerate(sheet.rows):
        row = first + offset
        cells = {k: f"{get_column_letter(i)}{row}" for i, k in enumerate(keys, 1)}
        out.append((row, obj, cells))
    return out


# ----------------------------------------------------------------------------- writing cells
FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def number(d: Decimal):
    """A Decimal as the number Excel stores (int when whole, so the file says 16 not 16.0)."""
    return int(d) if d == d.to_integral_value() else d


def capacity_cell(item: X):
    amount, unit = item.amount, item.unit
    return {"": lambda: number(amount), "text": lambda: plain(amount), "cell": lambda: f"{plain(amount)}{unit}",
            "year": lambda: f"{plain(amount)}{unit}/年", "fw": lambda: plain(amount).translate(FULL_WIDTH),
            "comma": lambda: f"{amount:,}", "dash": lambda: "—"}[item.cap]()


def date_cell(item: X):
    d = item.done
    return {"": d, "iso": d.isoformat(), "slash": f"{d.year}/{d.month}/{d.day}", "dot": f"{d.year}.{d.month}.{d.day}",
            "cn": f"{d.year}年{d.month}月{d.day}日", "month": f"{d.year}年{d.month}月",
            "serial": (d - date(1899, 12, 30)).days}[item.date]


def item_cell(item: X, key: str, seq: int, sheet: Sheet):
    if sheet.header_unit and item.unit != sheet.header_unit:
        raise ValueError(f"{item.ent}: unit {item.unit} differs from the header unit {sheet.header_unit}")
    simple = {"seq": seq, "county": item.county, "ent": "" if item.no_ent else item.ent, "uscc": item.uscc,
              "ind": item.ind_text or item.ind, "equip": item.equip, "spec": item.spec, "qty": item.qty,
              "qunit": item.qunit, "capunit": item.unit, "method": item.method, "grounds": item.gsep.join(item.grounds),
              "accept": item.accept, "workers": item.workers, "funds": None if item.funds is None else number(item.funds),
              "note": item.note}
    if key in simple:
        return simple[key]
    if key == "cap":
        return capacity_cell(item)
    if key == "done":
        return date_cell(item)
    if key.startswith("x:"):
        return dict(item.extras).get(key[2:], "")
    raise KeyError(key)


def list_cell(rec: G, key, seq: int):
    if key == "seq":
        return seq
    if key in ("ent", "uscc", "county"):
        return getattr(rec, key)
    value = rec.values[key]
    return number(value) if isinstance(value, Decimal) else value


def total_values(sheet: Sheet, total: Total) -> tuple[int, Decimal, Decimal]:
    """(quantity sum, capacity as stated in the 合计 cell, capacity recomputed) for the items above."""
    items = [r for r in sheet.rows if isinstance(r, X)]
    units = {i.unit for i in items}
    if len(units) != 1 or any(i.bad for i in items):
        raise ValueError(f"sheet {sheet.name}: a 合计 needs one unit and no rejected rows")
    computed = sum((i.amount for i in items), Decimal(0))
    return sum(i.qty for i in items), (computed if total.stated is None else total.stated), computed


THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write_sheet(ws, book: Book, sheet: Sheet) -> None:
    """Title, 填报 rows, header (one or two rows) and the rows of `sheet`, styled as a clerk's table."""
    ncol = len(sheet.columns)
    last = get_column_letter(ncol)
    who = book.county or book.submitter
    ws["A1"] = who + TITLES[sheet.kind]
    ws["A1"].font = Font(name="宋体", size=16, bold=True)
    ws["A1"].alignment = CENTER
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 30
    fill = f"填报日期：{book.fill.year}年{book.fill.month}月{book.fill.day}日"
    ws["A2"] = book.unit_text
    if book.meta == "one":
        ws.cell(row=2, column=max(ncol - 3, 6), value=fill)
    else:
        ws["A3"] = fill
    h = header_row(book)
    group_keys = sheet.group[1] if sheet.group else ()
    for i, (text, key) in enumerate(sheet.columns, 1):
        if key in group_keys:
            ws.cell(row=h + 1, column=i, value=text)
        else:
            ws.cell(row=h, column=i, value=text)
            if sheet.group:
                ws.merge_cells(start_row=h, start_column=i, end_row=h + 1, end_column=i)
    if sheet.group:
        cols = [i for i, (_, k) in enumerate(sheet.columns, 1) if k in group_keys]
        ws.cell(row=h, column=cols[0], value=sheet.group[0])
        ws.merge_cells(start_row=h, start_column=cols[0], end_row=h, end_column=cols[-1])
    for r in range(h, h + (2 if sheet.group else 1)):
        for c in range(1, ncol + 1):
            cell = ws.cell(row=r, column=c)
            cell.font, cell.alignment, cell.border = Font(name="宋体", bold=True), CENTER, BOX
    ws.freeze_panes = ws.cell(row=h + (2 if sheet.group else 1), column=1)
    seq = 0
    for row, obj, _cells in plan(book, sheet):
        if isinstance(obj, DATA_ROW_TYPES):
            seq += 1
            for i, (_, key) in enumerate(sheet.columns, 1):
                value = item_cell(obj, key, seq, sheet) if isinstance(obj, X) else list_cell(obj, key, seq)
                cell = ws.cell(row=row, column=i, value=value)
                cell.border = BOX
                if isinstance(value, date):
                    cell.number_format = sheet.date_format
        elif isinstance(obj, Section):
            ws.cell(row=row, column=1, value=obj.text).font = Font(name="宋体", bold=True)
        elif isinstance(obj, Total):
            keys = [k for _, k in sheet.columns]
            qty, stated, _ = total_values(sheet, obj)
            ws.cell(row=row, column=keys.index(obj.label_key) + 1, value="合计").font = Font(name="宋体", bold=True)
            ws.cell(row=row, column=keys.index("qty") + 1, value=qty)
            ws.cell(row=row, column=keys.index("cap") + 1, value=number(stated))
            for c in range(1, ncol + 1):
                ws.cell(row=row, column=c).border = BOX
        elif isinstance(obj, Note):
            for col, text in obj.cells:
                ws.cell(row=row, column=col, value=text)
    widths = {"序号": 6, "县（市）区": 9, "企业名称": 30, "单位名称": 30, "统一社会信用代码": 22, "行业": 9,
              "规格型号": 22, "完成时间": 14, "备注": 30, "存在问题": 40, "处理措施": 28, "关闭依据（文号）": 22}
    for i, (text, _key) in enumerate(sheet.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(text, max(9, 2 * len(text) + 2))
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if sheet.hidden:
        ws.sheet_state = "hidden"


def workbook_bytes(book: Book) -> bytes:
    """The book as .xlsx bytes with fixed properties and zip timestamps (byte-identical on every run)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets:
        write_sheet(wb.create_sheet(sheet.name), book, sheet)
    wb.properties.creator = wb.properties.lastModifiedBy = "WPS"
    wb.properties.created = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    return fixed_zip(buf.getvalue())


def fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip package with fixed timestamps and core-property dates."""
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), body)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type, zi.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            zout.writestr(zi, body)
    return out.getvalue()


def junk_docx(title: str, paragraphs: tuple[str, ...]) -> bytes:
    """A minimal, valid .docx (a county's letter instead of the workbook)."""
    from xml.sax.saxutils import escape
    paras = "".join(f"<w:p><w:r><w:t>{escape(t)}</w:t></w:r></w:p>" for t in (title, *paragraphs))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://'
        'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
        'org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://'
        f'schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{paras}</w:body></w:document>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type, zi.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            z.writestr(zi, text.encode("utf-8"))
    return buf.getvalue()


def lock_file_bytes(user: str = "Administrator") -> bytes:
    """An Office owner file (~$...): the user name twice, as Excel writes it, 165 bytes."""
    ansi = bytes([len(user)]) + user.encode("ascii").ljust(53, b" ")
    wide = len(user).to_bytes(2, "little") + user.encode("utf-16-le").ljust(108, b"\x00")
    return (ansi + wide).ljust(165, b"\x00")


def _resolve(book: Book) -> Book:
    """Give a county's rows its county (the form has no need to repeat it); departments must name one."""
    def fix(obj):
        if isinstance(obj, X) and not obj.county:
            if not book.county:
                raise ValueError(f"{book.path}: a department row without a county")
            return replace(obj, county=book.county)
        return obj
    return replace(book, sheets=tuple(replace(s, rows=tuple(fix(r) for r in s.rows)) for s in book.sheets))


BOOKS = tuple(_resolve(b) for b in BOOKS)


# ----------------------------------------------------------------------------- expectations
def _where(book: Book, sheet: Sheet, row: int, cell: str = "") -> dict:
    return {"file": book.path, "sheet": sheet.name, "row": row, "cell": cell}


def _source(book: Book, sheet: Sheet, row: int) -> dict:
    return {"file": book.path, "sheet": sheet.name, "row": row}


def expectations() -> dict:
    """What a build of samples/2021 must report, computed from the declared truth of every row."""
    items, lists, problems, files = [], {"yellow": [], "red": [], "exceed": []}, [], []
    kept: dict[tuple, dict] = {}
    owner: dict[str, str] = {}
    # county submissions first: on a duplicate the county's row is the record, whatever the file order
    order = sorted(BOOKS, key=lambda b: (not b.county, b.path))
    for book in order:
        used = book.path not in SUPERSEDED
        counts = dict(rows_read=0, counted=0, rejected=0, duplicate=0, other_year=0, skipped=0)
        for sheet in book.sheets:
            for row, obj, cells in plan(book, sheet):
                if not isinstance(obj, DATA_ROW_TYPES):
                    counts["skipped"] += 1
                    if isinstance(obj, Total) and used:
                        _, stated, computed = total_values(sheet, obj)
                        if stated != computed:
                            problems.append({"severity": "warning", "code_hint": "total-mismatch",
                                             **_where(book, sheet, row, cells["cap"]), "value": plain(stated),
                                             "computed": plain(computed)})
                    continue
                counts["rows_read"] += 1
                if owner.setdefault(obj.ent, obj.uscc[:17]) != obj.uscc[:17]:
                    raise ValueError(f"{obj.ent}: two codes")
                if isinstance(obj, G):
                    lists[sheet.kind].append({"enterprise": obj.ent, "uscc": obj.uscc, "county": obj.county,
                                              **_source(book, sheet, row), "used": used})
                    counts["counted"] += 1
                    continue
                cap, unit = canonical(obj.ind, obj.amount, obj.unit)
                rec = {"county": obj.county, "enterprise": obj.ent, "uscc": obj.uscc, "industry": obj.ind,
                       "equipment": obj.equip, "spec": obj.spec, "quantity": obj.qty, "capacity": plain(cap),
                       "unit": unit, "method": obj.method, "grounds": list(obj.grounds),
                       "completed": completed_text(obj), "source": _source(book, sheet, row),
                       "extras": dict(obj.extras), "outcome": outcome_of(obj) if used else "superseded"}
                if used and rec["outcome"] == "rejected":
                    key = "ent" if obj.no_ent else "cap"
                    problems.append({"severity": "error", "code_hint": obj.bad, **_where(book, sheet, row, cells[key]),
                                     "value": "" if obj.no_ent else str(capacity_cell(obj))})
                elif used and rec["outcome"] == "other_year":
                    problems.append({"severity": "warning", "code_hint": "other-year",
                                     **_where(book, sheet, row, cells["done"]), "value": str(date_cell(obj))})
                elif used:
                    ident = identity(obj)
                    if ident in kept:
                        if not book.county and kept[ident]["county_row"]:
                            rec["outcome"] = "duplicate"
                            rec["duplicate_of"] = kept[ident]["source"]
                            problems.append({"severity": "warning", "code_hint": "duplicate",
                                             **_where(book, sheet, row), "value": obj.ent,
                                             "kept": kept[ident]["source"]})
                        else:
                            raise ValueError(f"unplanned duplicate: {obj}")
                    else:
                        kept[ident] = {"source": rec["source"], "county_row": bool(book.county)}
                if used and not obj.uscc_ok and rec["outcome"] != "rejected":
                    problems.append({"severity": "warning", "code_hint": "uscc-invalid",
                                     **_where(book, sheet, row, cells["uscc"]), "value": obj.uscc})
                if used:
                    counts[rec["outcome"]] += 1
                items.append(rec)
        files.append({"file": book.path, "submitter": book.submitter, "fill_date": book.fill.isoformat(),
                      "status": "used" if used else "superseded", "superseded_by": SUPERSEDED.get(book.path, ""),
                      "sheets": [s.name for s in book.sheets], "hidden_sheets": [s.name for s in book.sheets if s.hidden],
                      **counts})
    def notice(code: str, file: str = "", sheet: str = "", value: str = "") -> None:
        problems.append({"severity": "warning", "code_hint": code, "file": file, "sheet": sheet, "row": None,
                         "cell": "", "value": value})
    for book in BOOKS:
        if book.path in SUPERSEDED:
            notice("file-superseded", book.path, value=SUPERSEDED[book.path])
        elif any(s.hidden for s in book.sheets):
            notice("sheet-hidden", book.path, next(s.name for s in book.sheets if s.hidden))
    for junk in JUNK + DOCS:  # the folder's own README and expected.json are in the inbox too
        files.append({"file": junk, "submitter": None, "status": "unrecognised"})
        notice("unsupported-format", junk, value=Path(junk).suffix)
    submitted = {f["submitter"] for f in files if f["submitter"]}
    missing = [c for c in COUNTIES if c not in submitted] + [s for d, s in EXPECTED_DEPARTMENTS.items()
                                                             if d not in submitted]
    for name in missing:
        notice("submitter-missing", value=name)
    files.sort(key=lambda f: f["file"])
    items.sort(key=lambda r: (r["source"]["file"], r["source"]["sheet"], r["source"]["row"]))
    problems.sort(key=lambda p: (p["file"], p["sheet"], p["row"] or 0, p["code_hint"]))
    return _totals(items, lists, problems, files, missing)


def _total(rows: list[dict]) -> dict:
    return {"capacity": plain(sum((Decimal(r["capacity"]) for r in rows), Decimal(0))), "unit": rows[0]["unit"],
            "enterprises": len({r["enterprise"] for r in rows}), "items": len(rows),
            "quantity": sum(r["quantity"] for r in rows)}


def _totals(items, lists, problems, files, missing) -> dict:
    counted = [r for r in items if r["outcome"] == "counted"]
    by_county = [{"county": c, "industry": i, **_total(rows)} for c in COUNTIES for i in INDUSTRIES
                 if (rows := [r for r in counted if r["county"] == c and r["industry"] == i])]
    by_industry = [{"industry": i, **_total(rows)} for i in INDUSTRIES
                   if (rows := [r for r in counted if r["industry"] == i])]
    by_method = [{"method": m, "industry": i, **_total(rows)} for m in METHODS for i in INDUSTRIES
                 if (rows := [r for r in counted if r["method"] == m and r["industry"] == i])]
    by_ground = [{"ground": g, "industry": i, **_total(rows)} for g in GROUNDS for i in INDUSTRIES
                 if (rows := [r for r in counted if g in r["grounds"] and r["industry"] == i])]
    used = [f for f in files if f["status"] == "used"]
    acc = {k: sum(f[k] for f in used) for k in ("rows_read", "counted", "rejected", "duplicate", "other_year",
                                                 "skipped")}
    acc["superseded_rows"] = sum(f["rows_read"] for f in files if f["status"] == "superseded")
    assert acc["rows_read"] == acc["counted"] + acc["rejected"] + acc["duplicate"] + acc["other_year"]
    exit_rows = [r for r in items if r["outcome"] != "superseded"]
    by_kind = {"exit": {k: sum(1 for r in exit_rows if r["outcome"] == k)
                        for k in ("counted", "rejected", "duplicate", "other_year")},
               **{kind: sum(1 for r in recs if r["used"]) for kind, recs in lists.items()}}
    by_kind["exit"]["rows_read"] = len(exit_rows)
    return {
        "year": YEAR, "note": "generated by tools/make_samples.py; capacities are exact decimal strings",
        "by_county": by_county, "by_industry": by_industry, "by_method": by_method, "by_ground": by_ground,
        "enterprises": len({r["enterprise"] for r in counted}),
        "accounting": acc, "accounting_by_kind": by_kind,
        "missing": missing,  # short names, in configured order (a county's short name is its name)
        "superseded": [{"file": f, "superseded_by": by} for f, by in SUPERSEDED.items()],
        "ignored_silently": [LOCK_FILE],
        "rejected_cells": [{k: p[k] for k in ("file", "sheet", "row", "cell", "value", "code_hint")}
                           for p in problems if p["severity"] == "error"],
        "duplicate_count": sum(1 for r in items if r["outcome"] == "duplicate"),
        "problems": problems,
        "files": files,
        "items": items,
        "yellow": lists["yellow"], "red": lists["red"], "exceedances": lists["exceed"],
    }


# ----------------------------------------------------------------------------- README
HINTS = {"capacity-not-number": "退出产能不是数字，该行拒收", "enterprise-missing": "缺企业名称，该行拒收",
         "uscc-invalid": "统一社会信用代码校验位错误，该行照常计入", "total-mismatch": "合计行与逐行相加不符（以逐行为准）",
         "duplicate": "与县区报送的同一项目重复，以县区的行为准，本行不计",
         "other-year": "完成时间不在2021年，不计入本年", "unsupported-format": "不是Excel工作簿，不读取，提示一次",
         "file-superseded": "同一单位有填报日期更晚的文件，本文件不计", "sheet-hidden": "隐藏工作表照常读取，提示一次",
         "submitter-missing": "应报单位未报送（催报）"}
KIND_NAMES = {"yellow": "黄牌", "red": "红牌", "exceed": "超标排放"}


def _code(text: str) -> str:
    return f"`{text}`" if text else "—"


def _place(p: dict) -> str:
    if p["cell"]:
        return p["cell"]
    if p["row"]:
        return f"第{p['row']}行"
    return f"「{p['sheet']}」" if p["sheet"] else "（文件）" if p["file"] else "—"


def _must_report(f: dict, problems: list[dict]) -> str:
    if f["status"] == "unrecognised":
        return "不读取（非工作簿），提示一次（警告）" + ("；灵武市仍为未报送" if "灵武市" in f["file"] else "")
    if f["status"] == "superseded":
        return (f"被「{f['superseded_by']}」取代（后者填报日期更晚）；数据行{f['rows_read']}（superseded_rows），"
                "一行不计；该文件本身没有问题")
    text = (f"使用；数据行{f['rows_read']}：计入{f['counted']}、拒收{f['rejected']}、重复{f['duplicate']}、"
            f"非本年{f['other_year']}；非数据行{f['skipped']}")
    mine = [p for p in problems if p["file"] == f["file"]]
    if mine:
        text += "；" + "；".join(f"{'错误' if p['severity'] == 'error' else '警告'} {_place(p)}（{p['code_hint']}）"
                                for p in mine)
    return text


def readme(exp: dict) -> str:
    """samples/2021/README.md: what each file exercises and what the build must report."""
    about = {b.path: b.about for b in BOOKS}
    about.update({JUNK[0]: "垃圾文件：灵武市发来的 Word 情况说明而非工作簿", "README.md": "本说明（样例文件夹自带）",
                  "expected.json": "预期结果（样例文件夹自带，供测试比对）"})
    out = ["# samples/2021 — 银川市2021年落后产能退出报送（样例收件箱）", "",
           "由 `python tools/make_samples.py` 生成，请勿手工修改（重新运行脚本即得到逐字节相同的文件，.xls 由 LibreOffice "
           "转换除外；`--check` 只比较不改写）。企业均为虚构，设备、规格、单位按实际情况设定。下列预期由脚本根据每行的"
           "真实值独立计算（不调用 reportgen），同样写入 `expected.json`，供端到端测试逐项比对。", "",
           "运行：`reportgen build 2021 --inbox samples/2021 --date 2021-12-01`", "",
           "## 文件一览", "", "| 文件 | 报送单位 | 演练的情形 | 构建须报告 |", "| --- | --- | --- | --- |"]
    for f in exp["files"]:
        out.append(f"| `{f['file']}` | {f['submitter'] or '—'} | {about[f['file']]} | "
                   f"{_must_report(f, exp['problems'])} |")
    out.append(f"| `{LOCK_FILE}` | — | Excel 打开文件时留下的锁文件 | 静默忽略：不出现在报送情况和问题清单中 |")
    out += ["", "未报送（missing，简称）：" + "、".join(exp["missing"]) + "（灵武市只发来 .docx；市市场监管局未报送）。"
            "市工信局、市发展改革委等 expected = false 的部门不算未报送。", "",
            "## 预期汇总：县（市）区 × 行业（标准单位）", "",
            "| 县（市）区 | 行业 | 退出产能 | 单位 | 企业（家） | 项目（个） | 数量（台套座） |",
            "| --- | --- | ---: | --- | ---: | ---: | ---: |"]
    for r in exp["by_county"]:
        out.append(f"| {r['county']} | {r['industry']} | {r['capacity']} | {r['unit']} | {r['enterprises']} | "
                   f"{r['items']} | {r['quantity']} |")
    out += ["", "## 全市分行业", "", "| 行业 | 退出产能 | 单位 | 企业（家） | 项目（个） | 数量 |",
            "| --- | ---: | --- | ---: | ---: | ---: |"]
    for r in exp["by_industry"]:
        out.append(f"| {r['industry']} | {r['capacity']} | {r['unit']} | {r['enterprises']} | {r['items']} | "
                   f"{r['quantity']} |")
    acc, kind = exp["accounting"], exp["accounting_by_kind"]
    out += ["", f"全市计入企业 {exp['enterprises']} 家（按企业去重）。", "", "## 行数核算（accounting，仅计使用的文件）", "",
            "| rows_read | counted | rejected | duplicate | other_year | skipped | superseded_rows |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            "| " + " | ".join(str(acc[k]) for k in ("rows_read", "counted", "rejected", "duplicate", "other_year",
                                                      "skipped", "superseded_rows")) + " |", "",
            f"其中退出明细 {kind['exit']['rows_read']} 行（计入 {kind['exit']['counted']}、拒收 {kind['exit']['rejected']}、"
            f"重复 {kind['exit']['duplicate']}、非本年 {kind['exit']['other_year']}），"
            + "、".join(f"{KIND_NAMES[k]} {kind[k]} 行" for k in KIND_NAMES) + "（全部计入）。"
            "rows_read = counted + rejected + duplicate + other_year。skipped 为使用文件中表头以下的非数据行"
            "（分节行、合计行、空行、注/说明行、填报人行），不含表头以上的标题和填报行。superseded_rows 为被取代文件的数据行。",
            "", "## 预期问题", "", "| 级别 | 代码提示 | 文件 | 工作表 | 单元格 | 值 | 说明 |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for p in exp["problems"]:
        extra = (f"；逐行合计 {p['computed']}" if "computed" in p else
                 f"；保留 {p['kept']['file']}「{p['kept']['sheet']}」第{p['kept']['row']}行" if "kept" in p else "")
        out.append(f"| {'错误' if p['severity'] == 'error' else '警告'} | `{p['code_hint']}` | {_code(p['file'])} | "
                   f"{p['sheet']} | {_place(p)} | {p['value']} | {HINTS[p['code_hint']]}{extra} |")
    out += ["", "代码提示是描述性的（intake 的实际 code 可以不同）；端到端测试应按 文件＋工作表＋行＋级别 比对，"
            "有单元格的再比单元格（other-year 指向完成时间单元格）。只写到月的完成时间（2021年9月）在 items 中记作 "
            "2021-09：该月任一日都对。"
            "单位在表头、单元格内单位、全角数字、千分位、文本数字、各种日期写法、改名的列、两行表头、隐藏工作表、"
            "多出的列都应正确读取且不产生问题。", ""]
    return "\n".join(out)


# ----------------------------------------------------------------------------- main
def to_xls(xlsx: bytes, name: str, dest: Path) -> bool:
    """Convert with LibreOffice into dest/name; False when soffice is not available."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / (Path(name).stem + ".xlsx")
        src.write_bytes(xlsx)
        profile = (Path(tmp) / "profile").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xls",
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=180)
        shutil.copyfile(Path(tmp) / name, dest / name)
    return True


def generate(dest: Path, with_xls: bool = True) -> list[str]:
    """Write every sample file into dest; return the written names (inbox-relative)."""
    written = []
    for book in BOOKS:
        target = dest / book.path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = workbook_bytes(book)
        if book.fmt == "xls":
            if with_xls and not to_xls(data, target.name, target.parent):
                print(f"soffice not found: kept the existing {book.path}", file=sys.stderr)
        else:
            target.write_bytes(data)
        written.append(book.path)
    (dest / JUNK[0]).write_bytes(junk_docx("灵武市2021年落后产能退出工作情况说明", (
        "市工业和信息化局：", "经全面摸底排查，我市2021年度落后产能退出工作正在按计划推进，相关企业退出明细待核实后另行报送。",
        "灵武市工业信息化和商务局", "2021年11月26日")))
    (dest / LOCK_FILE).write_bytes(lock_file_bytes())
    exp = expectations()
    (dest / "expected.json").write_text(json.dumps(exp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8",
                                          newline="\n")
    (dest / "README.md").write_text(readme(exp), encoding="utf-8", newline="\n")
    return written + [JUNK[0], LOCK_FILE, "expected.json", "README.md"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write (default samples/2021)")
    parser.add_argument("--check", action="store_true", help="compare a fresh generation with --out, write nothing")
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            names = generate(Path(tmp), with_xls=False)
            stale = [n for n in names if not n.endswith(".xls")
                     and (Path(tmp) / n).read_bytes() != (args.out / n).read_bytes() if (args.out / n).exists()]
            absent = [n for n in names if not (args.out / n).exists()]
        for n in stale + absent:
            print(f"differs or missing: {n}")
        return 1 if stale or absent else 0
    args.out.mkdir(parents=True, exist_ok=True)
    names = generate(args.out)
    print(f"wrote {len(names)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
