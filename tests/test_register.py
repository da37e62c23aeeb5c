"""发文登记簿.xlsx: every document of out/文书/ once and nothing else; what build adds for sending."""
from __future__ import annotations

import hashlib
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from reportgen import api
from reportgen.dispatch import register_entries
from reportgen.documents.common import Document
from reportgen.workspace import Workspace
from reportgen.write.register import COLUMNS, REGISTER_NAME, write_register
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def built(tmp_path_factory, settings):
    out = tmp_path_factory.mktemp("built") / "out"
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in SAMPLES.rglob("*") if p.is_file()}
    result = api.build(SAMPLES, out, year=2021, settings=settings, as_of=date(2021, 12, 1), root=out.parent / "2021")
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in SAMPLES.rglob("*") if p.is_file()}
    return out, result, before == after


def rows(path):
    sheet = load_workbook(path).active
    head = [c.value for c in sheet[1]]
    return sheet, [dict(zip(head, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)]


def test_register_lists_every_document_and_nothing_else(built):
    out, result, _ = built
    _, entries = rows(out / REGISTER_NAME)
    files = [e["文件"] for e in entries]
    assert sorted(files) == sorted(f"文书/{p.name}" for p in (out / "文书").iterdir())
    assert len(files) == len(set(files))
    assert [e["序号"] for e in entries] == list(range(1, len(entries) + 1))
    assert REGISTER_NAME in [p.name for p in result.written]


def test_senders_marked_up_workbooks_go_with_their_check_letters(built):
    out, result, inbox_untouched = built
    assert inbox_untouched
    _, entries = rows(out / REGISTER_NAME)
    sent_with = {e["文件"]: (e["随文发送"] or "").split("\n") for e in entries if e["随文发送"]}
    assert sent_with and all(f.startswith("文书/核对函-") for f in sent_with)
    marked = sorted(p.relative_to(out).as_posix() for p in (out / "批注").iterdir())
    assert sorted(f for fs in sent_with.values() for f in fs) == marked
    assert sent_with["文书/核对函-西夏区.docx"] == ["批注/西夏区落后产能退出情况统计表（批注）.xlsx"]
    # the superseded file is not marked up: its sender has a newer one
    assert not any("永宁县2021年落后产能退出情况（批注）" in f for f in marked)
    counties = {p.file for p in result.tally.problems if p.file.startswith(("西夏区", "金凤区", "贺兰县"))}
    assert counties and all(f"批注/{name.rsplit('.', 1)[0]}（批注）.xlsx" in marked for name in counties)


def test_register_columns_from_the_documents_dispatch_data(tmp_path):
    docs = [Document("核对函", "核对函-西夏区.docx", {}, genre="函", title="关于核对2021年落后产能退出情况的函",
                     docno="银工信函〔2021〕12号", issuers=("银川市工业和信息化局",), to=("西夏区人民政府",),
                     cc=("银川市发展和改革委员会", "西夏区工业和信息化局"), date=date(2021, 12, 1),
                     attachments=("西夏区计入退出项目明细",)),
            Document("公告", "公告-2021年.docx", {}, genre="公告", title="2021年落后产能退出企业名单公告")]
    path = tmp_path / REGISTER_NAME
    write_register(path, register_entries(docs, "文书", {"核对函-西夏区.docx": ("批注/西夏区（批注）.xlsx",)}),
                   datetime(2021, 12, 1))
    sheet, entries = rows(path)
    assert tuple(c.value for c in sheet[1]) == COLUMNS
    assert entries[0] == {"序号": 1, "文种": "函", "标题": "关于核对2021年落后产能退出情况的函",
                          "发文字号": "银工信函〔2021〕12号", "发文机关": "银川市工业和信息化局", "主送": "西夏区人民政府",
                          "抄送": "银川市发展和改革委员会、西夏区工业和信息化局", "成文日期": "2021年12月1日",
                          "文件": "文书/核对函-西夏区.docx", "附件": "西夏区计入退出项目明细",
                          "随文发送": "批注/西夏区（批注）.xlsx"}
    assert entries[1]["发文字号"] is None and entries[1]["主送"] is None  # blank where the office fills it
    assert sheet.freeze_panes == "A2"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    again = tmp_path / "again.xlsx"
    write_register(again, register_entries(docs, "文书", {"核对函-西夏区.docx": ("批注/西夏区（批注）.xlsx",)}),
                   datetime(2021, 12, 1))
    assert again.read_bytes() == path.read_bytes()


def test_marked_up_cells_carry_the_catalogues_sentence_and_clerk_only_problems_stay_out(built):
    out, result, _ = built
    wb = load_workbook(out / "批注" / "贺兰县2021年落后产能退出情况（批注）.xlsx")
    comment = wb["水泥"]["C8"].comment.text
    assert "企业名称未填写" in comment and "请补充填写" in comment
    listed = [r for r in wb["问题说明"].iter_rows(min_row=3, values_only=True)]
    assert [r[1:3] for r in listed] == [("水泥", "C8")]  # the hidden sheet read is the clerk's note, not theirs
    assert any(p.code == "sheet-hidden" and p.file.startswith("贺兰县") for p in result.tally.problems)


def test_marked_up_copies_made_in_worker_processes_are_the_same(tmp_path, settings, monkeypatch):
    from reportgen import dispatch
    from reportgen.documents.registry import plan_documents

    ws = Workspace.resolve(2021, tmp_path, SAMPLES, tmp_path / "out")
    tally = api.check_workspace(ws, settings, date(2021, 12, 1))
    docs = plan_documents(tally, settings, date(2021, 12, 1))
    serial = dispatch.write_markups(tmp_path / "a", tally, docs, SAMPLES, settings, date(2021, 12, 1))
    monkeypatch.setattr(dispatch, "PARALLEL_FROM", 2)
    parallel = dispatch.write_markups(tmp_path / "b", tally, docs, SAMPLES, settings, date(2021, 12, 1))
    assert serial == parallel and len(serial[1]) >= 5
    for rel in serial[1]:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_a_csv_from_a_missing_sender_goes_back_as_xlsx_with_its_remind_letter(tmp_path, settings):
    import shutil

    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    csv_file = inbox / "灵武市2021年落后产能退出情况.csv"
    csv_file.write_text("企业名称,退出产能\n宁夏丁建材有限公司,20\n", encoding="utf-8")
    before = csv_file.read_bytes()
    ws = Workspace.resolve(2021, tmp_path, inbox, tmp_path / "out")
    api.build_workspace(ws, settings, date(2021, 12, 1))
    _, entries = rows(ws.out / REGISTER_NAME)
    remind = next(e for e in entries if e["文件"] == "文书/催报函-灵武市.docx")
    assert remind["随文发送"] == "批注/灵武市2021年落后产能退出情况（批注）.xlsx"
    copy = load_workbook(ws.out / remind["随文发送"])
    assert [list(r) for r in copy.worksheets[1].iter_rows(values_only=True)] == [
        ["企业名称", "退出产能"], ["宁夏丁建材有限公司", "20"]]
    assert csv_file.read_bytes() == before
