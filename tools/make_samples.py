"""Write samples/2021/: a realistic, messy inbox for Yinchuan 2021 (inbox/), and what a build must report.

The inbox (samples/2021/inbox/) holds only what the clerk would receive; README.md and expected.json lie beside it.

Run `python tools/make_samples.py` from anywhere. Every file is rewritten byte for byte the same
(fixed workbook properties and zip timestamps), except the .xls that LibreOffice converts.
`--check` regenerates into a temporary folder and compares with the committed files instead.

The expectations (README.md, expected.json) are computed here from the declared truth of each row,
independently of reportgen: this script never imports it. Each cell is rendered FROM that truth
(e.g. 1.2 万吨 of 电石 written as "12000吨"), so what a cell says and what it must become agree.

The truth lives in tools/sample_data.py (the submissions and the plan rows) and tools/sample_tasks.py (the seed's
task table); tools/sample_city.py writes the city's own workbooks (目标任务.xlsx, 任务分解表.xlsx) and computes
targets, progress, tasks and yellow-list status as of 2021-12-01 for expected.json.
"""
from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sample_city as city  # noqa: E402
from sample_data import (BOOKS, COUNTIES, EXPECTED_DEPARTMENTS, GROUNDS, INDUSTRIES, JUNK, LOCK_FILE,  # noqa: E402
                         METHODS, SUPERSEDED, YEAR, Book, G, Note, Section, Sheet, Total, X, canonical, completed_text,
                         identity, outcome_of, plain)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "samples" / "2021"
INBOX = "inbox"  # the folder under OUT that holds what the clerk receives
FIXED = datetime(2021, 11, 30, 9, 0, 0)
ZIP_TIME = (2021, 11, 30, 9, 0, 0)


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
    return saved(wb)


def saved(wb: Workbook) -> bytes:
    """A workbook as .xlsx bytes with fixed properties and zip timestamps."""
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



# ----------------------------------------------------------------------------- expectations
def _where(book: Book, sheet: Sheet, row: int, cell: str = "") -> dict:
    return {"file": book.path, "sheet": sheet.name, "row": row, "cell": cell}


def _source(book: Book, sheet: Sheet, row: int) -> dict:
    return {"file": book.path, "sheet": sheet.name, "row": row}


def expectations() -> dict:
    """What a build of samples/2021 must report, computed from the declared truth of every row."""
    items, lists, problems, files = [], {"yellow": [], "red": [], "exceed": []}, [], []
    raw: dict[str, list] = {"yellow": [], "red": [], "exceed": []}  # (record, source) of the used list rows
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
                    if used:
                        raw[sheet.kind].append((obj, _source(book, sheet, row)))
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
    for junk in JUNK:
        files.append({"file": junk, "submitter": None, "status": "unrecognised"})
        notice("unsupported-format", junk, value=Path(junk).suffix)
    files.extend(city.city_files())
    submitted = {f["submitter"] for f in files if f["submitter"]}
    missing = [c for c in COUNTIES if c not in submitted] + [s for d, s in EXPECTED_DEPARTMENTS.items()
                                                             if d not in submitted]
    for name in missing:
        notice("submitter-missing", value=name)
    counted = [r for r in items if r["outcome"] == "counted"]
    yellow_status, found = city.yellow_status(raw["yellow"], [g for g, _ in raw["red"]])
    progress, plan_problems = city.progress(counted)
    problems += found + city.red_problems(raw["red"], items) + plan_problems + city.no_submission_problems(missing)
    enforcement = {"targets": city.targets(), "progress": progress, "tasks": city.tasks(),
                   "yellow_status": yellow_status, "as_of": city.AS_OF.isoformat()}
    files.sort(key=lambda f: f["file"])
    items.sort(key=lambda r: (r["source"]["file"], r["source"]["sheet"], r["source"]["row"]))
    problems.sort(key=lambda p: (p["file"], p["sheet"], p["row"] or 0, p["code_hint"]))
    return {**_totals(items, lists, problems, files, missing), **enforcement}


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
    by_kind.update(target=len(city.PLAN), task=len(city.st.TASKS))
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
         "submitter-missing": "应报单位未报送（催报）",
         "yellow-overdue": "整改期限已过、未复查达标（红牌候选，须处理）",
         "deadline-missing": "尚未下达整改通知、无整改期限（生成限期整改通知书）", "red-no-exit": "红牌企业没有退出明细（催报）",
         "plan-item-missing": "目标任务列名的项目截至报送期限未报退出（通报、年度报告问题）",
         "target-no-submission": "有目标任务而未报送（完成率按0计）"}
KIND_NAMES = {"yellow": "黄牌", "red": "红牌", "exceed": "超标排放", "target": "目标任务", "task": "任务分解"}


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


def enforcement_sections(exp: dict) -> list[str]:
    """README sections: progress against the plan, yellow-list status, the task table."""
    out = [f"## 目标任务完成进度（截至 {exp['as_of']}）", "",
           "目标＝该县（市）区该行业各目标行之和（换算为标准单位）；完成＝计入的退出产能；完成率＝完成÷目标，四舍五入到4位小数；"
           "低于0.30约谈、低于0.60通报、其余正常；有退出而无目标的记「无目标」。列名项目：目标任务中写明企业（和生产线）的行，"
           "已完成＝有同一县区、行业、企业（生产线名称包含）的计入项目。", "",
           "| 县（市）区 | 行业 | 目标 | 完成 | 单位 | 完成率 | 等级 | 列名项目 | 已完成 |",
           "| --- | --- | ---: | ---: | --- | ---: | --- | ---: | ---: |"]
    for r in exp["progress"]:
        out.append(f"| {r['county']} | {r['industry']} | {r['target'] or '—'} | {r['done']} | {r['unit']} | "
                   f"{r['ratio'] or '—'} | {r['level']} | {r['named_planned']} | {r['named_done']} |")
    out += ["", "灵武市有目标而未报送，完成率按0计（约谈）；贺兰县电石有目标而无任何退出，铁合金列名项目永达硅业未报。",
            "", f"## 黄牌状态（截至 {exp['as_of']}）", "",
            "整改期限：填了整改期限的按所填；未填的，能耗、质量为通知日期后6个自然月（月末对齐），安全为通知日期（立即整改）。"
            "延期至：晚于整改期限且不超过其后3个月、且非安全类的，方为有效延期。", "",
            "| 企业 | 行 | 类别 | 整改期限 | 有效期限 | 状态 |", "| --- | ---: | --- | --- | --- | --- |"]
    for r in exp["yellow_status"]:
        out.append(f"| {r['enterprise']} | {r['row']} | {r['category']} | {r['deadline']} | {r['effective']} | "
                   f"{r['status']} |")
    out += ["", f"## 任务分解表（{city.TASK_FILE}）", "", "| 序号 | 主要任务 | 牵头部门（负责部门） | 参与部门 |",
            "| ---: | --- | --- | --- |"]
    for r in exp["tasks"]:
        out.append(f"| {r['number']} | {r['title']} | {r['leads'].replace(chr(10), '<br>')} | "
                   f"{r['partners'].replace(chr(10), '<br>')} |")
    out += ["", "任务分解表照原文录入，其中明显的笔误在对外文书引用时更正（工作簿本身不改）：", "",
            "| 原文 | 文书中写作 | 说明 |", "| --- | --- | --- |"]
    out += [f"| {a} | {b} | {why} |" for a, b, why in city.st.TYPOS]
    out += ["", "“相关部门按职责分工负责”“各相关部门”“其他负有安全生产监管职责的部门”等不是机关名称，不作为任何文书的主送或抄送单位。"]
    return out


def cases_section(exp: dict) -> list[str]:
    """README: the cases the letters must get right, computed from the expectations."""
    county_files = {b.path for b in BOOKS if b.county}
    credited = [r for r in exp["items"] if r["outcome"] == "counted" and r["source"]["file"] not in county_files]
    out = ["## 本样例演练的核对情形", "",
           "- 市直部门报送、计入县（市）区的项目（县区的核对函、通报和年度报告都按所在县区计入，并注明报送单位）："
           + "；".join(f"{r['county']}：{r['enterprise']}{r['equipment']}（{r['capacity']}{r['unit']}，"
                      f"{Path(r['source']['file']).stem}）" for r in credited) + "。",
           f"- 县（市）区发来的情况说明：`{JUNK[0]}`（Word 来函而非报送表；催报函应把它作为来函回应，灵武市仍为未报送）。"]
    exited = [r for r in credited + [r for r in exp["items"] if r["outcome"] == "counted"]
              if r["method"] in ("关停", "封存") and "技术" in r["grounds"]]
    if exited:
        r = exited[0]
        out.append(f"- 差别价格名单上已退出的生产线：{r['enterprise']}{r['equipment']}已于{r['completed']}{r['method']}"
                   "（依据含“技术”），旧版的差别价格函把它列为淘汰类产能；已退出的生产线不执行差别价格，不应列入。")
    for county in COUNTIES:
        rows = [r for r in exp["progress"] if r["county"] == county and r["target"]]
        if not rows:
            continue
        target = sum(Decimal(r["target"]) for r in rows)
        done = sum(Decimal(r["done"]) for r in rows)
        overall = (done / target).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        slow = [r for r in rows if r["level"] in ("约谈", "通报")]
        if slow and overall >= Decimal("0.6") and len({r["unit"] for r in rows}) == 1:
            out.append(f"- 个别行业滞后而总体不滞后的县（市）区：{county}"
                       + "、".join(f"{r['industry']}完成{Decimal(r['ratio']) * 100:.2f}%" for r in slow)
                       + f"（{slow[0]['level']}），总体完成{overall * 100:.2f}%；文书只就滞后的行业督办。")
    return out + [""]


def readme(exp: dict) -> str:
    """samples/2021/README.md: what each file exercises and what the build must report."""
    about = {b.path: b.about for b in BOOKS}
    about.update({JUNK[0]: "灵武市发来的 Word 情况说明（一封说明情况的信，不是报送表）：不读取，灵武市仍为未报送；"
                  "催报函应把它当作来函回应，而不是要求“另存为.xlsx”",
                  city.PLAN_FILE: "市局自己的年度工作方案（无填报单位、无填报日期）：标题行、工作表「目标任务」；各县（市）区分行业"
                  "目标（含灵武市），部分行列名企业和生产线；西夏区铁合金目标按吨下达（50000吨＝5万吨）；贺兰县电石有目标而无"
                  "退出；末尾注释行",
                  city.TASK_FILE: "2021年任务分解表（附件2）照原文录入14项任务：标题行、工作表「任务分解」；部门之间换行；"
                  "任务8、9的主要任务「严格执法监管」为合并单元格；原文写法照录（银川市场监管局、银川市人社局等部门等）"})
    out = ["# samples/2021 — 银川市2021年落后产能退出报送（样例收件箱）", "",
           "由 `python tools/make_samples.py` 生成，请勿手工修改（重新运行脚本即得到逐字节相同的文件，.xls 由 LibreOffice "
           "转换除外；`--check` 只比较不改写）。企业均为虚构，设备、规格、单位按实际情况设定。下列预期由脚本根据每行的"
           "真实值独立计算（不调用 reportgen），同样写入 `expected.json`，供端到端测试逐项比对。", "",
           "收件箱 `inbox/` 只放市局会收到的文件；本说明和 `expected.json` 在收件箱之外。", "",
           "运行：`reportgen build 2021 --inbox samples/2021/inbox --date 2021-12-01`", "",
           "## 文件一览", "", "| 文件 | 报送单位 | 演练的情形 | 构建须报告 |", "| --- | --- | --- | --- |"]
    for f in exp["files"]:
        out.append(f"| `{f['file']}` | {f['submitter'] or '—'} | {about[f['file']]} | "
                   f"{_must_report(f, exp['problems'])} |")
    out.append(f"| `{LOCK_FILE}` | — | Excel 打开文件时留下的锁文件 | 静默忽略：不出现在报送情况和问题清单中 |")
    out += ["", *cases_section(exp), "未报送（missing，简称）：" + "、".join(exp["missing"]) + "（灵武市只发来 .docx；市市场监管局未报送）。"
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
            "", *enforcement_sections(exp),
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


def generate(root: Path, with_xls: bool = True) -> list[str]:
    """Write every sample file into root/inbox and README.md, expected.json into root; return root-relative names."""
    dest = root / INBOX
    dest.mkdir(parents=True, exist_ok=True)
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
    for name, wb in ((city.PLAN_FILE, city.plan_workbook()), (city.TASK_FILE, city.task_workbook())):
        (dest / name).write_bytes(saved(wb))
        written.append(name)
    (dest / JUNK[0]).write_bytes(junk_docx("灵武市2021年落后产能退出工作情况说明", (
        "市工业和信息化局：", "经全面摸底排查，我市2021年度落后产能退出工作正在按计划推进，相关企业退出明细待核实后另行报送。",
        "灵武市工业信息化和商务局", "2021年11月26日")))
    (dest / LOCK_FILE).write_bytes(lock_file_bytes())
    exp = expectations()
    (root / "expected.json").write_text(json.dumps(exp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8",
                                          newline="\n")
    (root / "README.md").write_text(readme(exp), encoding="utf-8", newline="\n")
    return [f"{INBOX}/{n}" for n in written + [JUNK[0], LOCK_FILE]] + ["expected.json", "README.md"]


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
