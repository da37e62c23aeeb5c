"""Hostile and odd inbox files for tests, written byte by byte or with openpyxl (never with reportgen).

Each builder writes one file and returns its path. `hostile_inbox(folder)` fills a folder with all of
them plus one good county file, for the end-to-end test that no input ends in a traceback or a signal.
"""
from __future__ import annotations

import struct
import zipfile
from pathlib import Path

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SST_REL = (b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
_SST_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             b'spreadsheetml.sharedStrings+xml"/></Types>')


def _openpyxl_book(path: Path, rows: list[list]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in rows:
        ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def xlsx_with_shared_strings(path: Path, unique_count: int, strings=("企业名称", "退出产能")) -> Path:
    """An .xlsx whose first row uses a shared-string table that declares `unique_count` entries."""
    base = _openpyxl_book(path.with_name(path.name + ".base.xlsx"), [["x"]])
    cells = "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(len(strings)))
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData><row r="1">{cells}</row>'
             f"</sheetData></worksheet>").encode()
    sst = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="{unique_count}" '
           f'uniqueCount="{unique_count}">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>").encode()
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", _SST_REL)
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", _SST_TYPE)
            dst.writestr(info.filename, data)
        dst.writestr("xl/sharedStrings.xml", sst)
    base.unlink()
    return path


def zip_encrypted_xlsx(path: Path) -> Path:
    """An .xlsx whose sheet member carries the zip "encrypted" flag (as a zip tool's password sets it)."""
    _openpyxl_book(path, [["企业名称", "退出产能"], ["甲", 1]])
    data = bytearray(path.read_bytes())
    target = b"xl/worksheets/sheet1.xml"
    for sig, flag_at, name_len_at, name_at in ((b"PK\x03\x04", 6, 26, 30), (b"PK\x01\x02", 8, 28, 46)):
        pos = data.find(sig)
        while pos >= 0:
            n, = struct.unpack_from("<H", data, pos + name_len_at)
            if bytes(data[pos + name_at:pos + name_at + n]) == target:
                flags, = struct.unpack_from("<H", data, pos + flag_at)
                struct.pack_into("<H", data, pos + flag_at, flags | 1)
            pos = data.find(sig, pos + 4)
    path.write_bytes(bytes(data))
    return path


# ---------------------------------------------------------------- .xls (BIFF8 in OLE2)

def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (512-byte sectors, every stream padded to >= 4096 bytes)."""
    assert len(streams) <= 3  # one directory sector
    ssz, end, free = 512, 0xFFFFFFFE, 0xFFFFFFFF
    fat = [0xFFFFFFFD, end]  # sector 0: the FAT, sector 1: the directory
    data = b""
    entries = [("Root Entry", 5, end, 0)]
    for name, body in streams.items():
        body = body.ljust(max(4096, -(-len(body) // ssz) * ssz), b"\x00")
        first, n = len(fat), len(body) // ssz
        fat += [first + i + 1 for i in range(n - 1)] + [end]
        entries.append((name, 2, first, len(body)))
        data += body
    directory = b""
    for i, (name, typ, start, size) in enumerate(entries):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        child = 1 if typ == 5 and len(entries) > 1 else free
        right = i + 1 if 0 < i < len(entries) - 1 else free
        directory += (raw.ljust(64, b"\x00") + struct.pack("<HBBIII", len(raw), typ, 1, free, right, child)
                      + b"\x00" * 36 + struct.pack("<IQ", start, size))
    directory = directory.ljust(ssz, b"\x00")
    header = (OLE_MAGIC + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\x00" * 10 + struct.pack("<IIIIIIII", 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<108I", *[free] * 108))
    assert len(header) == 512
    fat_sector = struct.pack(f"<{ssz // 4}I", *(fat + [free] * (ssz // 4 - len(fat))))
    return header + fat_sector + directory + data


def biff_number(row: int, col: int, value: float = 1.0) -> bytes:
    return struct.pack("<HH", 0x0203, 14) + struct.pack("<HHHd", row, col, 0, value)


def biff_dimensions(first_row: int, last_row_plus_1: int, first_col: int, last_col_plus_1: int) -> bytes:
    return struct.pack("<HH", 0x0200, 14) + struct.pack("<IIHHH", first_row, last_row_plus_1, first_col,
                                                       last_col_plus_1, 0)


def biff_workbook(*records: bytes) -> bytes:
    """A minimal BIFF8 .xls (one sheet "S") holding the given sheet records."""
    bof = lambda dt: struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, dt, 0, 0, 0, 0)  # noqa: E731
    eof = struct.pack("<HH", 0x000A, 0)
    boundsheet = lambda at: struct.pack("<HH", 0x0085, 9) + struct.pack("<IBBBB", at, 0, 0, 1, 0) + b"S"  # noqa: E731
    globals_ = bof(5) + boundsheet(0) + eof
    stream = bof(5) + boundsheet(len(globals_)) + eof + bof(0x10) + b"".join(records) + eof
    return ole_file({"Workbook": stream})


def xls_claiming_rows(path: Path, rows: int = 4_000_000_000) -> Path:
    """A 5 KB .xls whose DIMENSIONS record claims `rows` rows (calamine reserves them all)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(biff_workbook(biff_dimensions(0, rows, 0, 2), biff_number(0, 0)))
    return path


def xls_with_header_counts(path: Path, fat_sectors: int = 0x7FFFFFFF) -> Path:
    """An .xls whose OLE2 header claims `fat_sectors` FAT sectors (calamine reserves a vector for them)."""
    data = bytearray(biff_workbook(biff_number(0, 0)))
    struct.pack_into("<I", data, 0x2C, fat_sectors)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(data))
    return path


# ---------------------------------------------------------------- a whole inbox

def hostile_inbox(folder: Path) -> list[Path]:
    """Every hostile file above in `folder` (named as counties would name them)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        xlsx_with_shared_strings(folder / "兴庆区-共享字符串炸弹.xlsx", 10 ** 12),
        xlsx_with_shared_strings(folder / "金凤区-共享字符串2G.xlsx", 2 ** 31),
        zip_encrypted_xlsx(folder / "永宁县-压缩包加密.xlsx"),
        xls_claiming_rows(folder / "西夏区-四十亿行.xls"),
        xls_with_header_counts(folder / "灵武市-文件头.xls"),
    ]


# ---------------------------------------------------------------- odd but ordinary county files

FORM_HEADER = ["序号", "县（市）区", "企业名称", "统一社会信用代码", "行业", "落后生产线（设备）名称", "规格型号", "数量",
               "数量单位", "退出产能", "产能单位", "退出方式", "依据类别", "完成时间", "备注"]


def form_row(n: int, county: str, name: str, equipment: str = "水泥磨机", spec: str = "Φ2.2×6.5m", capacity=12,
             done: str = "2021-09-30") -> list:
    return [n, county, name, "", "水泥", equipment, spec, 1, "台", capacity, "万吨", "拆除", "技术", done, ""]


def _book(path: Path, sheets: dict[str, list[list]], style=None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        if style:
            style(name, ws)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def odd_inbox(folder: Path) -> list[Path]:
    """Files counties and clerks really send that are easy to read wrong (each named as its sender would)."""
    top = lambda unit: [["2021年落后产能退出情况表"], [f"填报单位：{unit}", None, None, None, None, "填报日期：2021年11月20日"]]  # noqa
    notes = [[f"填表说明{n}：请按模板填写，不要合并单元格，不要隐藏行。"] for n in range(1, 40)]

    def hide(name, ws):
        ws.row_dimensions[6].hidden = True
        ws.column_dimensions["O"].hidden = True
        ws.auto_filter.ref = "A3:O7"
        ws["J7"] = "#DIV/0!"
        ws["J8"] = "=J4*2"
        ws.merge_cells("C4:C5")

    return [
        _book(folder / "贺兰县2021年落后产能退出情况.xlsx", {"S": top("贺兰县工业和信息化局") + notes + [
            FORM_HEADER, form_row(1, "贺兰县", "宁夏贺兰甲水泥有限公司"), form_row(1, "贺兰县", "宁夏贺兰甲水泥有限公司"),
            form_row(2, "贺兰县", "宁夏贺兰乙水泥有限公司", done="2021-12-28", capacity=0.12000000000000001)]}),
        _book(folder / "永宁县2021年落后产能退出情况.xlsx", {"S": top("贺兰县工业和信息化局") + [  # the neighbour's form
            FORM_HEADER, form_row(1, "永宁县", "宁夏永宁丙建材有限公司")]}),
        _book(folder / "兴庆区2021年落后产能退出情况.xlsx", {"S": top("兴庆区工业和信息化局") + [
            FORM_HEADER, form_row(1, "兴庆区", "宁夏兴庆丁公司"), form_row(2, "兴庆区", None, equipment="回转窑"),
            form_row(3, "兴庆区", "宁夏兴庆戊公司"), form_row(4, "兴庆区", "宁夏兴庆己公司"),
            form_row(5, "兴庆区", "宁夏兴庆庚公司"), [], ["黄牌名单"],
            ["序号", "企业名称", "统一社会信用代码", "县（市）区", "行业", "不达标类别", "存在问题", "整改通知日期"],
            [1, "宁夏兴庆辛公司", "", "兴庆区", "水泥", "能耗", "超限额", "2021-03-01"]]}, style=hide),
        _book(folder / "西夏区2021年落后产能退出情况.xlsx", {"S": top("西夏区工业和信息化局") + [FORM_HEADER]}),
        _book(folder / "金凤区2021年落后产能退出情况.xlsx", {"S": top("金凤区工业和信息化局") + [FORM_HEADER,
                                                                                        ["本年度无退出项目"]]}),
        _book(folder / "市工信局/2020年汇总表.xlsx", {"明细": [FORM_HEADER + ["报送单位", "来源文件", "来源工作表", "来源行号"],
                                                       form_row(1, "贺兰县", "宁夏贺兰甲水泥有限公司") +
                                                       ["贺兰县", "贺兰县.xlsx", "S", 4]]}),
        _book(folder / "市工信局/灵武市工业和信息化局报送.xlsx", {"S": [["填报单位：灵武市工业和信息化局"], FORM_HEADER,
                                                          form_row(1, "灵武市", "宁夏灵武壬公司", spec="φ2.2x6.5米")]}),
    ]


def biff_label(row: int, col: int, text: str) -> bytes:
    """A BIFF8 LABEL cell (UTF-16 text)."""
    raw = text.encode("utf-16-le")
    return struct.pack("<HH", 0x0204, 9 + len(raw)) + struct.pack("<HHHHB", row, col, 0, len(text), 1) + raw


def biff_error(row: int, col: int, code: int = 0x07) -> bytes:
    """A BIFF8 BOOLERR cell holding an error value (0x07 = #DIV/0!, 0x2A = #N/A)."""
    return struct.pack("<HH", 0x0205, 8) + struct.pack("<HHHBB", row, col, 0, code, 1)


def biff_hidden_row(row: int) -> bytes:
    return struct.pack("<HH", 0x0208, 16) + struct.pack("<HHHHHHI", row, 0, 16, 255, 0, 0, 0x20 | 0x100)


def xls_form(path: Path, rows: list[list], hidden_rows=(), errors=()) -> Path:
    """A BIFF8 .xls of one sheet "S": text and number cells, hidden rows and error cells ((row, col, code))."""
    records = []
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if isinstance(v, str) and v:
                records.append(biff_label(r, c, v))
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                records.append(biff_number(r, c, float(v)))
    records += [biff_error(r, c, code) for r, c, code in errors]
    records += [biff_hidden_row(r) for r in hidden_rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(biff_workbook(*records))
    return path
