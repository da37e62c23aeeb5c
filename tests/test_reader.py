"""reader.py: finding inbox files, sniffing formats, hostile-file caps, rows as calamine gives them."""
from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hostile_samples import ole_file
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from openpyxl import Workbook
from openpyxl.styles import Font

from reportgen.read import ole as reader_ole, scan as reader_scan
from reportgen.config import Limits
from reportgen.read.workbook import NotAWorkbook, RawSheet, Unreadable, find_files, read_workbook, sniff

from .conftest import ROOT, write_xlsx

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LIMITS = Limits(max_file_mb=50, max_unpacked_mb=300, blank_run=500, max_rows=200000)
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# ---------------------------------------------------------------- helpers

def sheet_xml(cells: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{NS}"><sheetData>'
            f"{cells}</sheetData></worksheet>").encode()


def with_sheet(tmp_path: Path, xml: bytes, name: str = "hostile.xlsx") -> Path:
    """An openpyxl workbook whose first sheet part is replaced by `xml`."""
    base = write_xlsx(tmp_path / "base.xlsx", {"S": [["a"]]})
    out = tmp_path / name
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, xml if info.filename == "xl/worksheets/sheet1.xml" else src.read(info))
    return out


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def read_in_child(path: Path, limits: Limits = LIMITS) -> dict:
    """Read in a fresh interpreter: a crash of calamine must not take the test run down; reports peak RSS."""
    code = (
        "import json, resource, sys\n"
        "from pathlib import Path\n"
        "def peak_mb():\n"
        "    # VmHWM belongs to this process's own address space; ru_maxrss on Linux keeps the high-water\n"
        "    # mark of the parent it was forked from (pytest, hundreds of MB late in a run)\n"
        "    try:\n"
        "        for line in Path('/proc/self/status').read_text().splitlines():\n"
        "            if line.startswith('VmHWM:'):\n"
        "                return int(line.split()[1]) / 1024\n"
        "    except OSError:\n"
        "        pass\n"
        "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "from reportgen.config import Limits\n"
        "from reportgen.read.workbook import read_workbook, Unreadable\n"
        f"lim = Limits(**{json.dumps(limits.__dict__)})\n"
        "try:\n"
        "    wb = read_workbook(Path(sys.argv[1]), lim)\n"
        "    out = {'sheets': [[s.name, len(s.rows), s.truncated_at, s.truncated_reason] for s in wb.sheets]}\n"
        "except Unreadable as exc:\n"
        "    out = {'code': exc.code, 'message': exc.message}\n"
        "out['rss_mb'] = peak_mb()\n"
        "print(json.dumps(out, ensure_ascii=False))\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


# ---------------------------------------------------------------- find_files

def test_find_files_sorted_and_skips_lock_hidden_and_system_files(tmp_path):
    for rel in ["b.xlsx", "a/z.xls", "a/b/c.xlsx", "~$b.xlsx", ".hidden.xlsx", ".git/x.xlsx",
                "Thumbs.db", "a/desktop.ini", "a/DESKTOP.INI", "说明.docx"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_files(tmp_path)]
    assert found == ["a/b/c.xlsx", "a/z.xls", "b.xlsx", "说明.docx"]


def test_find_files_missing_inbox_is_empty(tmp_path):
    assert find_files(tmp_path / "nope") == []


# ---------------------------------------------------------------- sniff

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize("name, content, expected", [
    ("a.pdf", b"%PDF-1.7\n...", "pdf"),
    ("a.png", b"\x89PNG\r\n\x1a\n....", "png"),
    ("a.jpg", b"\xff\xd8\xff\xe0....", "jpeg"),
    ("a.gif", b"GIF89a....", "gif"),
    ("a.bmp", b"BM....", "image"),
    ("a.rar", b"Rar!\x1a\x07\x00", "archive"),
    ("a.xls", "<html><body><table><tr><td>贺兰县</td></tr></table></body></html>".encode(), "html"),
    ("a.xls", b"MIME-Version: 1.0\r\nContent-Type: multipart/related", "html"),
    ("a.xls", b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', "xml"),
    ("a.csv", "企业名称,产能\n甲,1\n".encode("gb18030"), "csv"),
    ("a.txt", "请查收附件".encode(), "text"),
    ("a.xlsx", b"", "empty"),
    ("a.xlsx", bytes(range(256)) * 4, "unknown"),
])
def test_sniff_by_first_bytes(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    assert sniff(path) == expected


@pytest.mark.parametrize("shift", [0, 1, 2])
def test_text_sniffs_as_text_whatever_the_cut(tmp_path, shift):
    """The sniffed head may end inside a character; 耀 (e8 80 80) is not valid GB18030 either."""
    path = tmp_path / "说明.md"
    path.write_bytes(("a" * shift + "耀" * 2000).encode("utf-8"))
    assert sniff(path) == "text"


def test_sniff_zip_kinds(tmp_path):
    xlsx = write_xlsx(tmp_path / "t.xlsx", {"S": [["a"]]})
    disguised = tmp_path / "really_xlsx.xls"
    disguised.write_bytes(xlsx.read_bytes())
    assert sniff(xlsx) == "xlsx"
    assert sniff(disguised) == "xlsx"
    assert sniff(_zip(tmp_path / "d.docx", {"word/document.xml": b"<w/>"})) == "zip-other"
    assert sniff(_zip(tmp_path / "b.xlsb", {"xl/workbook.bin": b"\x00"})) == "xlsb"
    assert sniff(_zip(tmp_path / "o.ods", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})) == "ods"
    truncated = tmp_path / "cut.xlsx"
    truncated.write_bytes(xlsx.read_bytes()[:300])
    assert sniff(truncated) == "zip-corrupt"


def test_sniff_ole_kinds(tmp_path):
    cases = {"Workbook": "xls", "Book": "xls", "EncryptedPackage": "encrypted", "WordDocument": "ole-other"}
    for stream, expected in cases.items():
        path = tmp_path / f"{stream}.bin"
        path.write_bytes(ole_file({stream: b"x" * 10}))
        assert sniff(path) == expected, stream
    assert sniff(FIXTURES / "reader_sample.xls") == "xls"
    broken = tmp_path / "broken.xls"
    broken.write_bytes(reader_ole.OLE_MAGIC + b"\x00" * 100)
    assert sniff(broken) == "ole-corrupt"


# ---------------------------------------------------------------- not read by design

@pytest.mark.parametrize("name, content, code", [
    ("报表.et", None, "format-et"),
    ("报表.csv", "企业名称,产能\n甲,1\n".encode(), "format-csv"),
    ("扫描件.pdf", b"%PDF-1.4 ...", "format-pdf"),
    ("照片.jpg", b"\xff\xd8\xff\xe0 ...", "format-image"),
    ("网页.xls", b"<html><table><tr><td>1</td></tr></table></html>", "format-html"),
    ("2003.xls", b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
     "format-xml"),
])
def test_not_a_workbook(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content if content is not None else ole_file({"Workbook": b"\x09\x08"}))
    with pytest.raises(NotAWorkbook) as err:
        read_workbook(path, LIMITS)
    assert err.value.code == code
    assert "未读取" in err.value.message and err.value.hint
    assert name not in err.value.message  # the caller adds the file name


def test_et_gets_the_wps_hint(tmp_path):
    path = tmp_path / "贺兰县.et"
    path.write_bytes(ole_file({"Workbook": b"\x09\x08"}))
    with pytest.raises(NotAWorkbook) as err:
        read_workbook(path, LIMITS)
    assert err.value.hint == '请在WPS中"另存为"Excel工作簿(.xlsx)后重新放入收件箱'


def test_docx_and_zip_archive_are_not_workbooks(tmp_path):
    for name in ("说明.docx", "附件.zip"):
        path = _zip(tmp_path / name, {"word/document.xml": b"<w/>"})
        with pytest.raises(NotAWorkbook) as err:
            read_workbook(path, LIMITS)
        assert err.value.code == "format-other"


# ---------------------------------------------------------------- unreadable files

def _unreadable(path: Path, limits: Limits = LIMITS) -> Unreadable:
    with pytest.raises(Unreadable) as err:
        read_workbook(path, limits)
    exc = err.value
    assert exc.message and exc.hint and path.name not in exc.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.message + exc.hint)
    return exc


def test_empty_file(tmp_path):
    path = tmp_path / "空.xlsx"
    path.write_bytes(b"")
    assert _unreadable(path).code == "empty"


def test_random_bytes_named_xlsx(tmp_path):
    path = tmp_path / "乱码.xlsx"
    path.write_bytes(os.urandom(5000).replace(b"\x00", b"\x01") + b"\x00")
    exc = _unreadable(path)
    assert exc.code == "corrupt" and "损坏" in exc.message


def test_truncated_zip(tmp_path):
    good = write_xlsx(tmp_path / "g.xlsx", {"S": [["a", 1]] * 50})
    path = tmp_path / "截断.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert _unreadable(path).code == "corrupt"


def test_zip_with_broken_sheet_xml(tmp_path):
    path = with_sheet(tmp_path, b'<?xml version="1.0"?><worksheet xmlns="' + NS.encode() + b'"><sheetData><row>')
    assert _unreadable(path).code == "corrupt"


def test_encrypted_ooxml(tmp_path):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(ole_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x00" * 64}))
    exc = _unreadable(path)
    assert exc.code == "encrypted" and "密码" in exc.message and "取消密码" in exc.hint


def test_encrypted_biff_is_refused_before_calamine():
    bof_globals = struct.pack("<HH", 0x0809, 4) + struct.pack("<HH", 0x0600, 0x0005)
    filepass = struct.pack("<HH", 0x002F, 6) + b"\x01\x00\x01\x00\x01\x00"
    with pytest.raises(reader_scan.ScanError) as err:
        reader_ole.xls_boxes(bof_globals + filepass)
    assert err.value.code == "encrypted"


def test_file_over_size_limit(tmp_path):
    path = tmp_path / "大.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("xl/workbook.xml", b"<workbook/>")
        zf.writestr("xl/media/image1.png", os.urandom(1_200_000))
    exc = _unreadable(path, Limits(max_file_mb=1, max_unpacked_mb=300, blank_run=500, max_rows=1000))
    assert exc.code == "too-large" and "max_file_mb" in exc.hint


def test_declared_unpacked_size_over_limit(tmp_path):
    base = write_xlsx(tmp_path / "b.xlsx", {"S": [["a"]]})
    path = tmp_path / "膨胀.xlsx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("xl/media/big.bin", b"\x00" * 3_000_000)
    exc = _unreadable(path, Limits(max_file_mb=50, max_unpacked_mb=2, blank_run=500, max_rows=1000))
    assert exc.code == "zip-bomb" and "超过上限2 MB" in exc.message


def test_member_with_bomb_ratio(tmp_path):
    base = write_xlsx(tmp_path / "b.xlsx", {"S": [["a"]]})
    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("xl/sharedStrings2.xml", b" " * 12_000_000)  # ~1000:1
    assert path.stat().st_size < 200_000
    exc = _unreadable(path)
    assert exc.code == "zip-bomb" and "压缩比" in exc.message


def test_billion_laughs_sheet_is_refused(tmp_path):
    ents = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    path = with_sheet(tmp_path, sheet_xml(f'<row r="1">{inline("A1", "&l9;")}</row>', f"<!DOCTYPE worksheet [{ents}]>"))
    exc = _unreadable(path)
    assert exc.code == "xml-dtd" and "DOCTYPE" in exc.message


def test_calamine_itself_does_not_expand_entities(tmp_path):
    """Measured fact the guard relies on least: calamine fails on an undeclared entity instead of expanding."""
    import python_calamine as pc

    path = with_sheet(tmp_path, sheet_xml(f'<row r="1">{inline("A1", "&lol;")}</row>',
                                          '<!DOCTYPE w [<!ENTITY lol "lol">]>'))
    with pytest.raises(pc.CalamineError, match="entity"):
        pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)


# ---------------------------------------------------------------- far cells and blank runs

def test_styled_empty_cell_at_xfd1048576_reads_small(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["企业名称", "产能"])
    ws.append(["甲", 1.5])
    ws["XFD1048576"].font = Font(bold=True)
    wb.save(tmp_path / "styled.xlsx")
    book = read_workbook(tmp_path / "styled.xlsx", LIMITS)
    assert book.sheets[0].rows == (("企业名称", "产能"), ("甲", 1.5))
    assert book.sheets[0].truncated_at is None


def test_value_at_xfd1048576_is_cut_not_allocated(tmp_path):
    """Unguarded, calamine tries to allocate 512 GiB here and aborts the process."""
    wb = Workbook()
    ws = wb.active
    ws.append(["企业名称", "产能"])
    ws.append(["甲", 1.5])
    ws["XFD1048576"] = "x"
    wb.save(tmp_path / "far.xlsx")
    out = read_in_child(tmp_path / "far.xlsx")
    assert out["sheets"] == [["Sheet", 2, 3, "blank-run"]]
    assert out["rss_mb"] < 300


def test_far_value_after_blank_run_in_the_same_column(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["企业名称", "产能"])
    ws["A1048576"] = "x"
    wb.save(tmp_path / "tall.xlsx")
    out = read_in_child(tmp_path / "tall.xlsx")
    assert out["sheets"] == [["Sheet", 1, 2, "blank-run"]]
    assert out["rss_mb"] < 400


def test_cells_without_references_far_away(tmp_path):
    """Cells placed by counting (<row/> and <c/> without r) get the exact scan."""
    xml = sheet_xml(f'<row r="1">{inline("A1", "表头")}</row>' + "<row/>" * 20000
                    + "<row>" + "<c/>" * 16000 + '<c t="inlineStr"><is><t>x</t></is></c></row>')
    book = read_workbook(with_sheet(tmp_path, xml), LIMITS)
    sheet = book.sheets[0]
    assert sheet.rows == (("表头",),)
    assert (sheet.truncated_at, sheet.truncated_reason) == (2, "blank-run")


def test_wide_and_tall_without_a_blank_run_is_refused(tmp_path):
    rows = "".join(f'<row r="{r}">{inline(f"A{r}", "v")}</row>' for r in range(1, 400))
    rows += f'<row r="400">{inline("A400", "v")}{inline("XFD400", "远")}</row>'
    exc = _unreadable(with_sheet(tmp_path, sheet_xml(rows)))
    assert exc.code == "sheet-too-large" and "XFD400" in exc.message and "400行×16384列" in exc.message


def test_max_rows_stops_reading(tmp_path):
    path = write_xlsx(tmp_path / "long.xlsx", {"S": [[i, "x"] for i in range(1, 121)]})
    limits = Limits(max_file_mb=50, max_unpacked_mb=300, blank_run=500, max_rows=100)
    sheet = read_workbook(path, limits).sheets[0]
    assert len(sheet.rows) == 100 and sheet.rows[-1][0] == 100.0
    assert (sheet.truncated_at, sheet.truncated_reason) == (101, "max-rows")


def test_blank_rows_shorter_than_the_run_are_kept(tmp_path):
    rows = [["a"]] + [[None]] * 9 + [["b"]]
    path = write_xlsx(tmp_path / "gaps.xlsx", {"S": rows})
    limits = Limits(max_file_mb=50, max_unpacked_mb=300, blank_run=10, max_rows=1000)
    sheet = read_workbook(path, limits).sheets[0]
    assert sheet.rows[0] == ("a",) and sheet.rows[10] == ("b",) and sheet.truncated_at is None


def _expected(valued: list[int], blank_run: int, max_rows: int) -> tuple[int, int | None, str]:
    """The rule, walked row by row: (rows returned, truncated_at, reason) for valued 0-based rows."""
    last = -1
    for i in range(max(valued) + 1):
        if i >= max_rows:
            return last + 1, max_rows + 1, "max-rows"
        if i in valued:
            last = i
        elif i - last >= blank_run:
            return last + 1, last + 2, "blank-run"
    return last + 1, None, ""


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(valued=st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=30, unique=True),
       cols=st.lists(st.integers(min_value=0, max_value=30), min_size=30, max_size=30),
       blank_run=st.integers(min_value=1, max_value=60), max_rows=st.integers(min_value=1, max_value=450))
def test_truncation_rule_same_on_both_paths(tmp_path_factory, monkeypatch, valued, cols, blank_run, max_rows):
    """Direct calamine read and exact-scan-and-cut give the same rows, matching the stated rule."""
    tmp = tmp_path_factory.mktemp("trunc")
    cells = "".join(f'<row r="{r + 1}">{inline(f"{reader_scan.col_name(c)}{r + 1}", f"v{r}")}</row>'
                    for r, c in sorted(zip(valued, cols, strict=False)))
    path = with_sheet(tmp, sheet_xml(cells))
    limits = Limits(max_file_mb=50, max_unpacked_mb=300, blank_run=blank_run, max_rows=max_rows)
    direct = read_workbook(path, limits).sheets[0]
    monkeypatch.setattr(reader_scan, "DENSE_FAST", 0)
    scanned = read_workbook(path, limits).sheets[0]
    monkeypatch.undo()
    assert scanned == direct
    n, truncated_at, reason = _expected(valued, blank_run, max_rows)
    assert (len(direct.rows), direct.truncated_at, direct.truncated_reason) == (n, truncated_at, reason)
    by_row = dict(zip(sorted(valued), [c for _, c in sorted(zip(valued, cols, strict=False))], strict=False))
    for r, row in enumerate(direct.rows):
        texts = [v for v in row if v != ""]
        assert texts == ([f"v{r}"] if r in by_row else [])
        if r in by_row:
            assert row[by_row[r]] == f"v{r}"  # the value sits in its Excel column


# ---------------------------------------------------------------- values, merges, visibility

def test_xlsx_values_merges_hidden_and_offsets(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "退出明细"
    ws.append(["贺兰县2021年落后产能退出情况"])
    ws.merge_cells("A1:D1")
    ws.append(["企业名称", "退出产能", "完成时间", "合计"])
    ws.append(["甲", 60, datetime(2021, 9, 30), "=B3*2"])
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = "h"
    hidden.sheet_state = "veryHidden"
    off = wb.create_sheet("偏移")
    off["C5"] = "x"
    wb.save(tmp_path / "v.xlsx")
    book = read_workbook(tmp_path / "v.xlsx", LIMITS)
    assert book.fmt == "xlsx" and book.mtime == (tmp_path / "v.xlsx").stat().st_mtime
    main, very_hidden, offset = book.sheets
    assert main.merged == ((0, 0, 0, 3),)
    assert main.rows[2][:3] == ("甲", 60.0, date(2021, 9, 30))
    assert isinstance(main.rows[2][1], float)
    assert main.rows[2][3] == ""  # a formula never calculated has no cached value
    assert main.visible and not very_hidden.visible and very_hidden.rows == (("h",),)
    assert offset.rows[4][2] == "x" and len(offset.rows) == 5  # row numbers and columns as the clerk sees them


def test_real_xls_values_merges_hidden(tmp_path):
    book = read_workbook(FIXTURES / "reader_sample.xls", LIMITS)
    assert book.fmt == "xls"
    names = [s.name for s in book.sheets]
    assert names == ["退出明细", "隐藏表", "偏移"]
    main, hidden, offset = book.sheets
    assert main.merged == ((0, 0, 0, 4),)
    assert main.rows[2] == ("宁夏甲水泥有限公司", 60.5, 2, date(2021, 9, 30), "拆除")
    assert isinstance(main.rows[2][2], int) and isinstance(main.rows[3][1], int)
    assert main.rows[3][3] == datetime(2021, 10, 8, 14, 30)
    assert not hidden.visible and hidden.rows == (("隐藏内容",),)
    assert offset.rows[4][2] == "右下" and offset.rows[6][3] == 7


def test_xls_copy_named_xlsx_is_read_as_xls(tmp_path):
    path = tmp_path / "改了扩展名.xlsx"
    path.write_bytes((FIXTURES / "reader_sample.xls").read_bytes())
    assert read_workbook(path, LIMITS).fmt == "xls"


def test_xls_with_a_far_cell_is_refused_by_the_biff_scan():
    """calamine would allocate 65536x256 cells (~1 GB peak measured) for one stray value."""
    globals_ = struct.pack("<HH", 0x0809, 4) + struct.pack("<HH", 0x0600, 0x0005)
    name = "表一".encode("utf-16-le")
    boundsheet = struct.pack("<HH", 0x0085, 8 + len(name)) + struct.pack("<IBBBB", 0, 0, 0, 2, 1) + name
    eof = struct.pack("<HH", 0x000A, 0)
    sheet_at = len(globals_) + len(boundsheet) + len(eof)
    boundsheet = struct.pack("<HH", 0x0085, 8 + len(name)) + struct.pack("<IBBBB", sheet_at, 0, 0, 2, 1) + name
    number = lambda r, c: struct.pack("<HH", 0x0203, 14) + struct.pack("<HHHd", r, c, 0, 1.0)  # noqa: E731
    sheet = struct.pack("<HH", 0x0809, 4) + struct.pack("<HH", 0x0600, 0x0010) + number(0, 0) + number(65535, 255) + eof
    stream = globals_ + boundsheet + eof + sheet
    assert reader_ole.xls_boxes(stream) == [("表一", (0, 0, 65535, 255))]
    with pytest.raises(reader_scan.ScanError) as err:
        reader_ole.check_xls(ole_file({"Workbook": stream}))
    assert err.value.code == "sheet-too-large" and "IV65536" in err.value.message


def test_biff_box_counts_mulrk_and_labelsst_but_not_blanks():
    bof = lambda dt: struct.pack("<HH", 0x0809, 4) + struct.pack("<HH", 0x0600, dt)  # noqa: E731
    eof = struct.pack("<HH", 0x000A, 0)
    mulrk = struct.pack("<HH", 0x00BD, 4 + 6 * 3 + 2) + struct.pack("<HH", 7, 2) + b"\x00" * 18 + struct.pack("<H", 4)
    labelsst = struct.pack("<HH", 0x00FD, 10) + struct.pack("<HHHI", 3, 1, 0, 0)
    blank = struct.pack("<HH", 0x0201, 6) + struct.pack("<HHH", 9000, 200, 0)
    stream = bof(5) + eof + bof(0x10) + labelsst + mulrk + blank + eof
    assert reader_ole.xls_boxes(stream) == [("第1个工作表", (3, 1, 7, 4))]


def biff_workbook(*cells: bytes) -> bytes:
    """A minimal BIFF8 .xls (one sheet "S") that calamine reads, holding the given cell records."""
    bof = lambda dt: struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, dt, 0, 0, 0, 0)  # noqa: E731
    eof = struct.pack("<HH", 0x000A, 0)
    boundsheet = lambda at: struct.pack("<HH", 0x0085, 9) + struct.pack("<IBBBB", at, 0, 0, 1, 0) + b"S"  # noqa: E731
    globals_ = bof(5) + boundsheet(0) + eof
    stream = bof(5) + boundsheet(len(globals_)) + eof + bof(0x10) + b"".join(cells) + eof
    return ole_file({"Workbook": stream})


def number(row: int, col: int, value: float = 1.0) -> bytes:
    return struct.pack("<HH", 0x0203, 14) + struct.pack("<HHHd", row, col, 0, value)


def test_synthetic_xls_reads_and_calamine_ignores_blank_records(tmp_path):
    blank = struct.pack("<HH", 0x0201, 6) + struct.pack("<HHH", 60000, 200, 0)
    path = tmp_path / "blank.xls"
    path.write_bytes(biff_workbook(number(0, 0), number(1, 1, 2.5), blank))
    sheet = read_workbook(path, LIMITS).sheets[0]
    assert sheet.rows == ((1.0, ""), ("", 2.5)) and sheet.truncated_at is None


def test_xls_far_cell_refused_through_read_workbook(tmp_path):
    path = tmp_path / "far.xls"
    path.write_bytes(biff_workbook(number(0, 0), number(65535, 255)))
    exc = _unreadable(path)
    assert exc.code == "sheet-too-large" and "「S」" in exc.message and "IV65536" in exc.message


def test_merge_bomb_is_refused(tmp_path):
    merges = "".join(f'<mergeCell ref="A{r}:B{r}"/>' for r in range(1, 100_003))
    xml = (f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData><row r="1">{inline("A1", "a")}</row>'
           f'</sheetData><mergeCells count="100002">{merges}</mergeCells></worksheet>').encode()
    exc = _unreadable(with_sheet(tmp_path, xml))
    assert exc.code == "too-many-merges"
    mergedcells = struct.pack("<HH", 0x00E5, 2 + 8 * 1026) + struct.pack("<H", 1026) + b"\x00" * 8 * 1026
    bof = struct.pack("<HH", 0x0809, 4) + struct.pack("<HH", 0x0600, 0x0010)
    with pytest.raises(reader_scan.ScanError) as err:
        reader_ole.xls_boxes(bof + mergedcells * 98)
    assert err.value.code == "too-many-merges"


def test_merged_ranges_are_clipped_to_what_was_read(tmp_path):
    path = write_xlsx(tmp_path / "m.xlsx", {"S": [["标题"], ["a", "b"]]}, {"S": ["A1:Z1", "A4:Z5000"]})
    sheet = read_workbook(path, LIMITS).sheets[0]
    assert sheet.rows == (("标题", ""), ("a", "b"))
    assert sheet.merged == ((0, 0, 0, 1),)


def test_rawsheet_is_frozen():
    sheet = RawSheet("S", True, (), (), None)
    with pytest.raises(AttributeError):
        sheet.name = "T"  # type: ignore[misc]


def test_unreadable_carries_code_message_hint():
    exc = Unreadable("corrupt", "detail", detail="bad CRC")
    assert (exc.code, exc.message) == ("corrupt", "文件已损坏（bad CRC）") and "另存为" in exc.hint
    assert exc.variant == "detail" and exc.fields == {"detail": "bad CRC"}
    assert isinstance(NotAWorkbook("format-et"), Exception)
    with pytest.raises(KeyError):
        Unreadable("no-such-code")


def test_sheet_part_the_mapping_misses_is_still_scanned(tmp_path, monkeypatch):
    """If a sheet's relationship cannot be resolved here, every XML part is scanned instead."""
    far = sheet_xml(f'<row r="1">{inline("A1", "a")}</row><row r="1048576">{inline("E1048576", "x")}</row>')
    path = with_sheet(tmp_path, far)
    assert len(read_workbook(path, LIMITS).sheets[0].rows) == 1  # mapped: cut after the blank run
    monkeypatch.setattr(reader_scan, "sheet_members", lambda zf: [])
    exc = _unreadable(path)
    assert exc.code == "sheet-too-large" and "xl/worksheets/sheet1.xml" in exc.message
