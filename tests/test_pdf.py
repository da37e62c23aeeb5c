"""`build --pdf`: PDF copies through LibreOffice, in parallel; a clear message when it is not installed."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.errors import UsageError
from reportgen.write.pdf import convert_to_pdf, find_soffice
from tests.conftest import SAMPLES
from tests.docs_helpers import soffice


def test_missing_soffice_is_a_usage_error_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UsageError, match="LibreOffice.*\\[pdf\\] soffice"):
        find_soffice()
    with pytest.raises(UsageError, match="pdf.soffice.*不存在"):
        find_soffice(str(tmp_path / "soffice"))


def test_build_pdf_without_libreoffice_exits_2_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "2021", "--inbox", str(SAMPLES), "--out", str(out),
                                       "--date", "2021-12-01", "--pdf"])
    assert result.exit_code == 2, result.output
    assert "LibreOffice" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_documents_convert_in_parallel_processes(tmp_path):
    from tests.docs_helpers import render_sample_documents

    docs = render_sample_documents(tmp_path / "docs")
    paths = [p for p, _, _ in list(docs.values())[:3]]
    pdfs = convert_to_pdf(paths, tmp_path / "PDF", find_soffice(soffice()), workers=2)
    assert [p.name for p in pdfs] == [f"{Path(d).stem}.pdf" for d in paths]
    assert all(p.read_bytes()[:5] == b"%PDF-" for p in pdfs)
    again = convert_to_pdf(paths[:1], tmp_path / "again", find_soffice(soffice()))
    assert again[0].read_bytes() == pdfs[0].read_bytes()  # a rebuilt PDF is not a changed document for send
    assert b"2000010100" in pdfs[0].read_bytes()  # the stamp (default) instead of the conversion time
