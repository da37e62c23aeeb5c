"""The declared truth of samples/2021: who sends what, row by row (used by tools/make_samples.py).

Independent of reportgen on purpose: the shipped defaults of docs/domain.md are restated here, and every
row says what it IS (enterprise, industry, capacity in its unit, completion date) and how the clerk WROTE
it; make_samples.py renders the cells from that truth and computes the expectations from it.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

YEAR = 2021

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
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=False))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_check(body8: str) -> str:
    """The GB 11714 check character of an organisation code's 8-character body."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, ORG_WEIGHTS, strict=False))
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
                                        date(2021, 4, 12), date(2021, 7, 12), None, "未达标", "银川市应急管理局")),
            G("银川市金凤区永泰铸造有限公司", "金凤区", ("钢铁", "安全", "中频炉冷却水系统无断水报警，熔炼区与浇注区未分隔",
                                             date(2021, 6, 1), date(2021, 9, 1), None, "达标", "银川市应急管理局")),
            G("宁夏贺兰县双赢建材有限公司", "贺兰县", ("水泥", "安全", "煤磨系统未安装防爆泄压和一氧化碳监测装置",
                                          date(2021, 9, 6), date(2021, 12, 6), None, "", "银川市应急管理局")),
            G("宁夏永宁县瑞鑫铁合金有限公司", "永宁县", ("铁合金", "能耗", "硅铁单位产品电耗8600千瓦时/吨，超过国家限额标准",
                                           date(2021, 8, 31), None, None, "", "银川市工业和信息化局")),
            G("宁夏西夏区鑫达电石有限公司", "西夏区", ("电石", "能耗", "电石单位产品综合能耗超过国家限额标准",
                                          date(2021, 3, 10), None, date(2021, 12, 10), "", "银川市工业和信息化局")),
            G("宁夏金凤区华美建材有限公司", "金凤区", ("水泥", "质量", "复合硅酸盐水泥P·C 32.5R 3天抗压强度抽检不合格",
                                          date(2021, 4, 20), None, None, "未达标", "银川市市场监督管理局")),
            # found in the 节能监察 of November, no notice yet: 市工信局 drafts its 限期整改通知书 (dated --date)
            G("宁夏永宁县恒达硅业有限公司", "永宁县", ("铁合金", "能耗", "工业硅单位产品电耗超过国家限额标准",
                                          None, None, None, "", "银川市工业和信息化局")))),
        Sheet("红牌名单", "red", RED, (
            G("宁夏盛达焦化有限公司", "永宁县", ("焦炭", "安全", date(2021, 11, 15), "银应急决〔2021〕12号",
                                        "银川市应急管理局")),
            G("银川市兴庆区鑫源铸造有限公司", "兴庆区", ("钢铁", "质量", date(2021, 4, 10), "银市监决〔2021〕5号",
                                             "银川市市场监督管理局"))))),
        "部门报送：黄牌名单与红牌名单两个工作表（无退出明细）；填报单位带「（盖章）」；黄牌名单含应急管理局（安全，无延期）、"
        "工信局（能耗：2021年8月31日通知、未填期限→2022年2月28日；已延期至期限后整3个月）、市场监管局（质量，逾期未整改）"
        "的案件，截至2021年12月1日五种状态各至少一件；红牌一家有退出明细（鑫源铸造），一家没有（盛达焦化）"),
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
LOCK_FILE = "~$贺兰县2021年落后产能退出情况.xlsx"

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



# ----------------------------------------------------------------------------- the city's plan (目标任务.xlsx)
@dataclass(frozen=True)
class T:
    """A 目标任务 row: a county's target for an industry, optionally a named enterprise and line."""

    county: str
    ind: str
    amount: Decimal  # as written, in `unit`
    unit: str
    ent: str = ""
    equip: str = ""
    note: str = ""


PLAN_FILE = "目标任务.xlsx"
PLAN_TITLE = "2021年银川市落后产能退出目标任务"
PLAN_SHEET = "目标任务"
PLAN_COLUMNS = ("序号", "县（市）区", "行业", "目标产能", "产能单位", "企业名称", "落后生产线（设备）名称", "备注")
PLAN_NOTE = "注：目标产能按设计产能计；列明企业和生产线的为重点退出项目，须于11月底前完成并函告。"
_KEY = "重点项目"
PLAN: tuple[T, ...] = (
    # 兴庆区: 水泥 36.8 of 34.8 (above 100 %), 钢铁 9.3 of 10
    T("兴庆区", "水泥", Decimal("8.8"), "万吨", "宁夏塞上明珠水泥有限公司", "机立窑", _KEY),
    T("兴庆区", "水泥", Decimal("16"), "万吨", "宁夏兴庆恒达建材有限公司", "水泥磨机", _KEY),
    T("兴庆区", "水泥", Decimal("10"), "万吨"),
    T("兴庆区", "钢铁", Decimal("10"), "万吨"),
    # 西夏区: 焦炭 10 of 20 (通报); 铁合金 planned in 吨 (50000 吨 = 5 万吨), reported in 万吨
    T("西夏区", "水泥", Decimal("30"), "万吨"),
    T("西夏区", "铁合金", Decimal("50000"), "吨", note="按吨下达"),
    T("西夏区", "焦炭", Decimal("10"), "万吨", "宁夏华源焦化有限公司", note=_KEY),
    T("西夏区", "焦炭", Decimal("10"), "万吨"),
    # 金凤区: exactly 100 % of the named 水泥 line
    T("金凤区", "水泥", Decimal("8"), "万吨", "宁夏凤城建材有限公司", "水泥磨机", _KEY),
    T("金凤区", "活性炭", Decimal("4500"), "吨"),
    T("金凤区", "制革", Decimal("15"), "万标张"),
    # 永宁县: a named 钢铁 line not reported
    T("永宁县", "水泥", Decimal("30"), "万吨"),
    T("永宁县", "钢铁", Decimal("2"), "万吨", "永宁县闽宁镇宏达铸造厂", "中频炉", _KEY),
    T("永宁县", "钢铁", Decimal("6"), "万吨"),
    T("永宁县", "电石", Decimal("3.5"), "万吨", "宁夏鑫隆电石有限公司", "电石炉", _KEY),
    T("永宁县", "焦炭", Decimal("70"), "万吨"),
    # 贺兰县: 铁合金 4.8 of 20 and 电石 0 of 2 (nothing reported in 电石) -> 约谈
    T("贺兰县", "水泥", Decimal("40"), "万吨"),
    T("贺兰县", "铁合金", Decimal("4"), "万吨", "宁夏贺兰县兴盛冶金有限公司", "矿热炉", _KEY),
    T("贺兰县", "铁合金", Decimal("16"), "万吨", "宁夏贺兰县永达硅业有限公司", "矿热炉", _KEY),
    T("贺兰县", "电石", Decimal("2"), "万吨"),
    # 灵武市: a target and no submission
    T("灵武市", "水泥", Decimal("8.8"), "万吨", "宁夏灵武市瑞丰建材有限公司", "机立窑", _KEY),
    T("灵武市", "水泥", Decimal("11.2"), "万吨"),
    T("灵武市", "铁合金", Decimal("5"), "万吨"),
)
