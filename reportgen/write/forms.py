"""Blank submission forms for `reportgen init`: one workbook per submitter, with dropdown lists.

The column headers are the canonical names of `headers.SHEET_KINDS`, so a form filled in as
intended reads back with no problem. Layout of each data sheet: row 1 title, row 2 填报单位 and
填报日期, row 3 header, then `DATA_ROWS` bordered rows carrying the data validations.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.config import Settings, Submitter
from reportgen.parse.headers import SHEET_KINDS, Column, SheetKind
from reportgen.write.xlsx import display_width, print_setup

_ErrorStyle = Literal["stop", "warning", "information"]  # what Excel does with a value the validation refuses

FORM_KINDS = ("exit", "yellow", "red", "exceedance")
OPTIONS_SHEET = "选项"
GUIDE_SHEET = "填报说明"
HEADER_ROW = 3
DATA_ROWS = 200
DATE_CELL = "E2"  # 填报日期 value on every data sheet (label in D2)
INLINE_LIMIT = 255  # Excel caps an inline list formula at 255 characters
QUANTITY_UNITS = ("台", "套", "条", "座")
REVIEW_RESULTS = ("达标", "未达标")
YES_NO = ("是", "否")
OPTION_LABELS = {"county": "县（市）区", "industry": "行业", "method": "退出方式", "grounds": "依据类别",
                 "category": "不达标类别", "capacity_unit": "产能单位", "quantity_unit": "数量单位",
                 "review": "复查结果", "serious": "情节严重"}

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_DATE_FILL = PatternFill("solid", fgColor="FFF2CC")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

# Chinese guidance per column key, shown in 填报说明 and as the cell's input message
HELP = {
    "seq": "可不填，汇总时不使用。",
    "county": "从下拉列表选择；县（市）区报送时可不填，默认为本县（市）区。",
    "enterprise": "必填。填写营业执照上的全称。",
    "uscc": "填写18位统一社会信用代码（本列为文本格式，不会被截断）；没有可不填。",
    "industry": "必填。从下拉列表选择行业。",
    "equipment": "必填。一行填一条生产线或一台（套）设备，如「Φ2.6m水泥磨」。",
    "spec": "窑炉、磨机的规格写在这里（如「Φ3.0×11m」「12500kVA」），不要写进产能。",
    "quantity": "正整数，如 2。",
    "quantity_unit": "从下拉列表选择：台、套、条、座。",
    "capacity": "必填。只填数字，如 60 或 0.5，单位在「产能单位」列选择。",
    "capacity_unit": "从下拉列表选择；不填时按该行业的标准单位（如水泥为万吨）。",
    "method": "必填。从下拉列表选择：拆除、封存、关停、其他。",
    "grounds": "从下拉列表选择；有多项时直接输入，用「、」分隔，如「能耗、技术」。",
    "completed": "必填。填写日期，如 2021-09-30；不在本年度的项目不计入本年度汇总。",
    "acceptance": "如「已验收」。",
    "workers": "安置职工人数，只填数字。",
    "funds": "奖补资金，单位万元，只填数字。",
    "note": "其他需要说明的情况。",
    "category": "必填。从下拉列表选择：能耗、环保、质量、安全、技术。",
    "issue": "简要写明不达标的具体问题。",
    "notice_date": "必填。整改通知下达日期，如 2021-03-01。",
    "deadline": "整改期限；能耗、质量类不填时按通知日期后6个月计算。",
    "extended_to": "经批准延期的，填写延期后的日期（最多延期3个月）。",
    "review": "从下拉列表选择：达标、未达标；尚未复查的不填。",
    "publisher": "发布名单的部门。",
    "closed_on": "必填。依法关闭的日期。",
    "basis": "关闭决定的文号，如「银应急〔2021〕5号」。",
    "pollutant": "必填。超标的污染物，如「颗粒物」「化学需氧量」。",
    "concentration": "实测排放浓度，只填数字。",
    "limit": "执行的标准限值，只填数字。",
    "unit": "浓度单位，如 mg/m³、mg/L。",
    "measured_on": "监测日期。",
    "serious": "从下拉列表选择：是、否。",
    "measures": "采取的处理措施，如「限产整治」「停产整治」。",
}


def form_filename(submitter: Submitter, year: int) -> str:
    """The form's file name, e.g. 贺兰县-2021年落后产能退出情况报送表.xlsx (safe on Windows)."""
    name = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "", submitter.name).strip(" .") or "报送单位"
    return f"{name}-{year}年落后产能退出情况报送表.xlsx"


def choice_lists(settings: Settings) -> dict[str, tuple[str, ...]]:
    """The dropdown values per column key (the same for every sheet kind)."""
    units: dict[str, None] = {}
    for ind in settings.industries:
        units.update(dict.fromkeys(ind.units()))
    return {
        "county": settings.county_names(),
        "industry": tuple(i.name for i in settings.industries),
        "method": Settings.METHODS,
        "grounds": Settings.GROUNDS,
        "category": Settings.GROUNDS,
        "capacity_unit": tuple(units),
        "quantity_unit": QUANTITY_UNITS,
        "review": REVIEW_RESULTS,
        "serious": YES_NO,
    }


def write_form(path: Path, settings: Settings, submitter: Submitter, year: int) -> None:
    """Write the blank submission workbook of `submitter` for `year` to `path`."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    lists = choice_lists(settings)
    refs = _options_sheet(wb, lists)
    first = None
    for key in FORM_KINDS:
        kind = SHEET_KINDS[key]
        ws = wb.create_sheet(kind.name)
        _data_sheet(ws, kind, settings, submitter, year, lists, refs, first)
        first = first or ws.title
    _guide_sheet(wb, settings, year)
    wb.move_sheet(OPTIONS_SHEET, offset=len(wb.sheetnames))
    wb.active = 0
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def _options_sheet(wb: Workbook, lists: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """A hidden sheet holding every list; returns column key -> absolute range reference."""
    ws = wb.create_sheet(OPTIONS_SHEET)
    ws.sheet_state = "hidden"
    refs = {}
    for c, (key, values) in enumerate(lists.items(), 1):
        letter = get_column_letter(c)
        ws.cell(row=1, column=c, value=f"可选值：{OPTION_LABELS.get(key, key)}")
        for r, value in enumerate(values, 2):
            ws.cell(row=r, column=c, value=value)
        refs[key] = f"{quote_sheetname(OPTIONS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
        ws.column_dimensions[letter].width = 16
    return refs


def _list_formula(values: tuple[str, ...], ref: str) -> str:
    inline = ",".join(values)
    if len(inline) + 2 <= INLINE_LIMIT and not any(ch in inline for ch in '"') and \
            all("," not in v for v in values):
        return f'"{inline}"'
    return ref


def _data_sheet(ws: Worksheet, kind: SheetKind, settings: Settings, submitter: Submitter, year: int,
                lists: dict[str, tuple[str, ...]], refs: dict[str, str], first: str | None) -> None:
    ncols = len(kind.columns)
    last = get_column_letter(ncols)
    ws["A1"] = f"{year}年{settings.region}落后产能退出情况报送表（{kind.name}）"
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 30
    ws["A2"] = f"填报单位：{submitter.name}"
    ws["A2"].font = Font(bold=True)
    ws.merge_cells("A2:C2")
    ws["D2"] = "填报日期："
    ws["D2"].alignment = Alignment(horizontal="right")
    date_cell = ws[DATE_CELL]
    if first:  # the other sheets show the date typed on the first one
        date_cell.value = f'=IF({quote_sheetname(first)}!{DATE_CELL}="","",{quote_sheetname(first)}!{DATE_CELL})'
    date_cell.number_format = "yyyy-mm-dd"
    date_cell.fill = _DATE_FILL
    date_cell.border = _BORDER
    ws.add_data_validation(_date_validation(DATE_CELL, 2000, 2099, "填报日期"))
    bottom = HEADER_ROW + DATA_ROWS
    for c, col in enumerate(kind.columns, 1):
        letter = get_column_letter(c)
        head = ws.cell(row=HEADER_ROW, column=c, value=col.name)
        head.font = Font(bold=True, color="C00000" if col.required else "000000")
        head.fill, head.alignment, head.border = _HEAD_FILL, _CENTER, _BORDER
        fmt = _number_format(col)
        for r in range(HEADER_ROW + 1, bottom + 1):
            cell = ws.cell(row=r, column=c)
            cell.border = _BORDER
            if fmt:
                cell.number_format = fmt
        span = f"{letter}{HEADER_ROW + 1}:{letter}{bottom}"
        dv = _validation(col, kind, span, year, lists, refs)
        if dv is not None:
            ws.add_data_validation(dv)
        widest = max([display_width(col.name), *map(display_width, lists.get(col.key, ()))])
        ws.column_dimensions[letter].width = max(10, min(40, widest + 4))
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")


def _number_format(col: Column) -> str:
    return {"date": "yyyy-mm-dd", "uscc": "@", "number": "General", "int": "0"}.get(col.kind, "")


def _date_validation(span: str, first_year: int, last_year: int, label: str,
                     style: _ErrorStyle = "stop", error: str = "") -> DataValidation:
    dv = DataValidation(type="date", operator="between",
                        formula1=str(_serial(date(first_year, 1, 1))), formula2=str(_serial(date(last_year, 12, 31))),
                        allow_blank=True, showErrorMessage=True, errorStyle=style,
                        errorTitle="日期不对", error=error or f"「{label}」请填写日期，如 2021-09-30。",
                        sqref=span)
    return dv


def _serial(day: date) -> int:
    return int(to_excel(day))  # type: ignore[no-untyped-call]  # the stub leaves openpyxl's to_excel untyped


def _list_style(key: str) -> _ErrorStyle:
    """Grounds may be several (typed); an unlisted capacity unit is kept as given; the rest must match."""
    styles: dict[str, _ErrorStyle] = {"grounds": "information", "capacity_unit": "warning"}
    return styles.get(key, "stop")


def _validation(col: Column, kind: SheetKind, span: str, year: int, lists: dict[str, tuple[str, ...]],
                refs: dict[str, str]) -> DataValidation | None:
    prompt = HELP.get(col.key, "")
    if col.key in lists:
        values = lists[col.key]
        several = col.key == "grounds"
        dv = DataValidation(
            type="list", formula1=_list_formula(values, refs[col.key]), allow_blank=True,
            showErrorMessage=True, errorStyle=_list_style(col.key),
            errorTitle="请从下拉列表选择",
            error=("依据有多项时可直接输入，用「、」分隔，如「能耗、技术」。" if several else
                   "列表中没有该单位：如确为其他单位（如「万套」），可点「是」保留，汇总时单独列出。"
                   if col.key == "capacity_unit" else
                   f"「{col.name}」只能填写：{'、'.join(values)}。请从下拉列表选择。"),
            sqref=span)
    elif col.kind == "date":
        if kind.key == "exit" and col.key == "completed":
            dv = _date_validation(span, year, year, col.name, "warning",
                                  f"完成时间应在{year}年内，如 {year}-09-30；不在{year}年的项目不计入{year}年度汇总。")
        else:
            dv = _date_validation(span, 2000, 2099, col.name)
    elif col.kind in ("number", "int"):
        whole = col.kind == "int"
        positive = col.key in ("capacity", "quantity")
        dv = DataValidation(type="whole" if whole else "decimal",
                            operator="greaterThan" if positive else "greaterThanOrEqual",
                            formula1="0", allow_blank=True, showErrorMessage=True, errorStyle="stop",
                            errorTitle="请填写数字",
                            error=f"「{col.name}」只填{'正整数' if whole else '数字'}"
                                  f"{'（大于0）' if positive else ''}，单位不要写在格子里。",
                            sqref=span)
    elif col.kind == "uscc":
        dv = DataValidation(type="textLength", operator="equal", formula1="18", allow_blank=True,
                            showErrorMessage=True, errorStyle="warning", errorTitle="信用代码位数不对",
                            error="统一社会信用代码应为18位，请核对。", sqref=span)
    elif prompt:
        dv = DataValidation(allow_blank=True, sqref=span)
    else:
        return None
    if prompt:
        dv.showInputMessage = True
        dv.promptTitle = col.name[:32]
        dv.prompt = prompt[:255]
    return dv


def _guide_sheet(wb: Workbook, settings: Settings, year: int) -> None:
    ws = wb.create_sheet(GUIDE_SHEET)
    lines = [
        f"{year}年{settings.region}落后产能退出情况报送表：填写说明",
        "一、表内「退出明细」「黄牌名单」「红牌名单」「超标排放」四张表，有哪类情况填哪张，没有的留空。",
        "二、本单位名称已预填在第2行，请勿修改；在「退出明细」表第2行「填报日期：」右侧的黄色格子填写日期，其他表自动相同。",
        "三、第3行表头请勿修改、删除或调换；红色表头为必填列。每行填写一条生产线（设备）或一家企业，不要合并单元格。",
        "四、表末不需要填写合计行，汇总由系统自动计算；下拉列表中的内容请直接选择。",
        f"五、只有完成时间在{year}年内的项目计入{year}年度汇总。",
        "",
    ]
    for line in lines:
        ws.append([line])
    ws["A1"].font = Font(bold=True, size=14)
    for key in FORM_KINDS:
        kind = SHEET_KINDS[key]
        ws.append([f"「{kind.name}」各列", "是否必填", "填写要求"])
        r = ws.max_row
        for c in range(1, 4):
            ws.cell(row=r, column=c).font = Font(bold=True)
            ws.cell(row=r, column=c).fill = _HEAD_FILL
        for col in kind.columns:
            ws.append([col.name, "必填" if col.required else "选填", HELP.get(col.key, "")])
        ws.append([])
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 90
