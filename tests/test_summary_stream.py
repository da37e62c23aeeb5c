"""汇总表 at scale: list rows spilled to a temporary file give the same package as rows kept in memory."""
from __future__ import annotations

from openpyxl import load_workbook

from reportgen.write import summary
from tests.test_xlsx_out import item, make_tally


def test_rows_spilled_to_disk_give_the_same_bytes(tmp_path, settings, monkeypatch):
    items = [item("西夏区", f"宁夏第{n}号建材有限公司", "水泥", f"{n}.5") for n in range(1000)]
    tally = make_tally(items)
    summary.write_summary(tmp_path / "memory.xlsx", tally, settings)
    monkeypatch.setattr(summary, "_IN_MEMORY", 64)
    summary.write_summary(tmp_path / "disk.xlsx", tally, settings)
    assert (tmp_path / "disk.xlsx").read_bytes() == (tmp_path / "memory.xlsx").read_bytes()
    rows = list(load_workbook(tmp_path / "disk.xlsx", read_only=True)["明细"].iter_rows(values_only=True))
    assert len(rows) == 1001 and rows[-1][2] == "宁夏第999号建材有限公司"
