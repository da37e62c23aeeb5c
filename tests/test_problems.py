"""The problem catalogue, walked both ways: every code raised anywhere is catalogued, every catalogued code is raised.

The second direction is checked by the plugin tests/problem_codes.py after a full run; the crafted inputs below
raise the codes no other test reaches.
"""
from __future__ import annotations

import ast
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from reportgen import problems
from reportgen.models import ERROR, WARNING, Problem
from reportgen.parse.intake import read_submission
from reportgen.read import workbook
from tests.conftest import ROOT, write_xlsx
from tests.test_intake import HEADER, read, row, top

PACKAGE = ROOT / "reportgen"
# callables whose first argument is a problem code (and whose second positional argument, if any, a variant)
CODE_TAKERS = {"make", "make_problem", "text", "kind", "category", "problem", "Unreadable", "NotAWorkbook",
               "ScanError", "_bad", "Bad", "_problem"}


def _calls() -> list[tuple[Path, int, str, str | None]]:
    """(file, line, code, variant) of every call in reportgen/ that names a problem code by a string literal."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "problems":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", None) == "self":
                continue  # a method of the same name (Bad.text)
            args = node.args
            if name in CODE_TAKERS and args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                variant = args[1].value if len(args) > 1 and isinstance(args[1], ast.Constant) else None
                for kw in node.keywords:
                    if kw.arg == "variant" and isinstance(kw.value, ast.Constant):
                        variant = kw.value.value
                found.append((path, node.lineno, args[0].value, variant))
    return found


def test_every_code_named_in_the_source_is_catalogued():
    calls = _calls()
    assert len(calls) > 60  # the scan sees the call sites (a broken scan must not pass silently)
    for path, line, code, variant in calls:
        where = f"{path.relative_to(ROOT)}:{line}"
        assert code in problems.CATALOGUE, f"{where}: {code!r} is not in reportgen/problems/catalogue.py"
        if isinstance(variant, str) and variant:
            assert variant in problems.CATALOGUE[code].variants, f"{where}: {code} has no variant {variant!r}"


def test_problems_are_made_only_by_the_catalogue():
    """No module builds a Problem itself: its severity and wording would bypass the catalogue."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "problems":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem":
                pytest.fail(f"{path.relative_to(ROOT)}:{node.lineno} builds a Problem; use problems.make")


def test_the_reader_table_of_not_read_kinds_is_catalogued():
    for code, *variant in workbook._NOT_READ.values():
        assert problems.CATALOGUE[code].wording(*variant)


def test_catalogue_entries_are_complete():
    for code, k in problems.CATALOGUE.items():
        assert k.code == code and k.severity in (ERROR, WARNING) and k.category in problems.CATEGORIES
        assert k.message and "{" not in k.message.split("}")[-1]
        assert k.hint or code in ("invisible-chars", "capacity-unit-note"), code
        if k.recipient is not None:  # the sender's language: no tool, inbox, path or cell address
            for word in ("收件箱", "reportgen", "重新生成", "「", "」", "/", "本工具"):
                assert word not in k.recipient, (code, word)
            assert k.recipient.endswith("。"), code
    assert set(problems.CATEGORIES) == {k.category for k in problems.CATALOGUE.values()}


def test_unknown_codes_and_variants_fail_loudly():
    with pytest.raises(problems.UnknownProblem):
        problems.make("no-such-problem")
    with pytest.raises(problems.UnknownProblem):
        problems.category("capacity-not-number")
    with pytest.raises(problems.UnknownProblem):
        problems.text("corrupt", "no-such-variant")
    with pytest.raises(KeyError):
        problems.make("column-missing", file="a.xlsx")  # a template field not given


def test_make_words_the_clerk_message_and_the_recipient_sentence():
    p = problems.make("extension-too-long", file="市直部门/市市场监管局.xlsx", sheet="黄牌名单", row=3, cell="J3",
                      value="2022-03-01", label="甲公司（能耗）", extended_to=date(2022, 3, 1),
                      deadline=date(2021, 6, 1), months=3, limit=date(2021, 9, 1))
    assert p.severity == ERROR and p.cell == "J3" and p.value == "2022-03-01"
    assert p.message == ("市直部门/市市场监管局.xlsx「黄牌名单」J3：甲公司（能耗）的延期至 2022-03-01 超过整改期限 "
                         "2021-06-01 后3个月（最晚 2021-09-01）")
    assert "2021-09-01" in p.hint
    sentence = problems.recipient(p)
    assert sentence.startswith("“市市场监管局.xlsx”“黄牌名单”工作表第3行甲公司（能耗）的延期至2022年3月1日")
    assert "2021年9月1日" in sentence and "市直部门" not in sentence
    assert problems.make("sheet-hidden", file="a.xlsx", sheet="旧表").fields == ()
    assert problems.recipient(problems.make("sheet-hidden", file="a.xlsx", sheet="旧表")) is None
    warning = problems.make("county-unknown", severity=WARNING, file="a.xlsx", sheet="S", row=2, cell="B2",
                            text="火星县", effect="", names="兴庆区")
    assert warning.severity == WARNING and not warning.is_error
    assert Problem(ERROR, "corrupt", "m") == Problem(ERROR, "corrupt", "m", fields=(("x", 1),))


# ---------------------------------------------------------------- crafted inputs for codes no other test raises

def codes(sub) -> set[str]:
    return {p.code for p in sub.problems}


def test_submitter_and_fill_date_problems(tmp_path, settings):
    sub = read(tmp_path, "报表.xlsx", {"退出明细": top("填报单位：火星县工信局", "填报日期：去年年底") + [HEADER, row()]},
               settings)
    assert {"submitter-unknown", "fill-date-unreadable"} <= codes(sub)
    late = next(p for p in sub.problems if p.code == "fill-date-unreadable")
    assert "去年年底" in late.message and problems.recipient(late).startswith("“报表.xlsx”“退出明细”工作表第2行")


def test_county_problems_and_pictures(tmp_path, settings):
    rows = [HEADER, row(1, county="永宁县"), row(2, county="火星县", equip="磨机2"),
            row(3, name='DISPIMG("ID_1",1)', equip="磨机3")]
    sub = read(tmp_path, "贺兰县.xlsx", {"退出明细": top() + rows}, settings)
    assert {"county-other", "county-unknown", "cell-picture"} <= codes(sub)
    unknown = next(p for p in sub.problems if p.code == "county-unknown")
    assert unknown.severity == ERROR and "该行未计入" in unknown.message and "火星县" in problems.recipient(unknown)


def test_sheet_problems(tmp_path, settings):
    no_county = [h for h in HEADER if h != "县（市）区"]
    rows = [no_county, [v for k, v in zip(HEADER, row(), strict=False) if k != "县（市）区"]]
    sub = read(tmp_path, "市生态环境局.xlsx", {"退出明细": rows, "随记": [["今年的情况"], ["另见附件"]]}, settings)
    assert {"county-column-missing", "sheet-no-header"} <= codes(sub)


def test_yellow_list_problems(tmp_path, settings):
    yellow = [["企业名称", "统一社会信用代码", "县（市）区", "行业", "不达标类别", "存在问题", "整改通知日期", "整改期限",
               "延期至", "复查结果", "发布部门"],
              ["甲公司", "", "贺兰县", "水泥", "不达标", "超限额", "2021-03-01", "", "", "待定", "市市场监管局"]]
    sub = read(tmp_path, "市市场监管局.xlsx", {"黄牌": yellow}, settings)
    assert {"category-unknown", "review-unknown"} <= codes(sub)


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("name,content,code", [
    ("a.rar", b"Rar!\x1a\x07\x00" + b"\x00" * 64, "format-archive"),
    ("a.ods", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
     "format-ods"),
    ("a.xlsb", _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.bin": b"\x00\x01"}), "format-xlsb"),
    ("a.dat", bytes(range(256)) * 4, "format-unknown"),
])
def test_files_of_other_formats(tmp_path, settings, name, content, code):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / name).write_bytes(content)
    sub = read_submission(inbox / name, inbox, settings)
    assert sub.status == "unrecognised" and [p.code for p in sub.problems] == [code]
    assert problems.recipient(sub.problems[0]).startswith(f"“{name}”")


def test_a_file_that_cannot_be_opened(tmp_path, settings, monkeypatch):
    path = write_xlsx(tmp_path / "inbox" / "贺兰县.xlsx", {"S": [["a"]]})
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "拒绝访问")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    sub = read_submission(path, tmp_path / "inbox", settings)
    assert sub.status == "unreadable" and [p.code for p in sub.problems] == ["io-error"]
    assert "拒绝访问" in sub.problems[0].message and problems.recipient(sub.problems[0]) is None


def test_an_xml_entity_refused_by_calamine(tmp_path, monkeypatch):
    import python_calamine as pc

    class Refusing:
        @staticmethod
        def from_object(*args, **kwargs):
            raise pc.CalamineError("XML error: unknown entity &evil;")

    monkeypatch.setattr(pc, "CalamineWorkbook", Refusing)
    with pytest.raises(workbook.Unreadable) as caught:
        workbook._read_sheets(str(tmp_path / "x.xlsx"), None, {})
    assert caught.value.code == "xml-entity"


def test_a_text_file(tmp_path, settings):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "说明.txt").write_text("今年我县没有退出项目。\n", encoding="utf-8")
    sub = read_submission(inbox / "说明.txt", inbox, settings)
    assert [p.code for p in sub.problems] == ["format-text"] and sub.status == "unrecognised"


def test_a_shared_string_count_beyond_its_part():
    from reportgen.read import scan

    info = zipfile.ZipInfo("xl/sharedStrings.xml")
    info.file_size = 1000
    with pytest.raises(scan.ScanError) as caught:
        scan._check_sst(b'<sst xmlns="x" count="1" uniqueCount="999999999999">', info)
    assert caught.value.code == "declared-size" and "999999999999" in caught.value.message
