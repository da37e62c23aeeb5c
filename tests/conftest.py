"""Shared fixtures: the shipped settings and a helper to write small workbooks."""
from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.config import Settings, load_settings

pytest_plugins = ["tests.problem_codes"]  # every catalogued problem code is raised by some test

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "2021" / "inbox"  # what the clerk receives; README.md and expected.json lie beside it


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


def write_xlsx(path: Path, sheets: dict[str, list[list]], merged: dict[str, list[str]] | None = None) -> Path:
    """Write a workbook with openpyxl: {sheet name: rows}, optional merged ranges per sheet."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for rng in (merged or {}).get(name, []):
            ws.merge_cells(rng)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
