"""The library: `from reportgen import load_settings, check, build`, its documented examples, and the CLI on top."""
from __future__ import annotations

import doctest
import json
import os
import subprocess
import sys
from datetime import date

import pytest

import reportgen
from reportgen import api
from tests.conftest import ROOT, SAMPLES

AS_OF = date(2021, 12, 1)


def test_the_documented_examples_run(monkeypatch):
    """Every example in the library's docstrings (paths relative to the repository, as in README)."""
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(api, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10 and result.failed == 0
    from reportgen import problems

    assert doctest.testmod(problems).failed == 0


def test_the_package_exports_the_library():
    for name in ("load_settings", "check", "build", "tally_json", "BuildResult", "Tally", "Problem", "ExitItem",
                 "Submission", "Settings", "ConfigError"):
        assert getattr(reportgen, name) is not None and name in reportgen.__all__
    assert reportgen.check is api.check and reportgen.Tally.__module__ == "reportgen.models"
    with pytest.raises(AttributeError):
        reportgen.no_such_name  # noqa: B018


def test_checking_never_loads_the_writers():
    """Importing reportgen and checking an inbox load neither openpyxl, docxtpl, jinja2 nor click."""
    code = ("import sys\nfrom datetime import date\nimport reportgen\n"
            "heavy = ('openpyxl', 'docxtpl', 'jinja2', 'docx', 'click')\n"
            "assert not [m for m in heavy if m in sys.modules], sys.modules.keys()\n"
            "from reportgen import check, load_settings, Tally\n"
            f"t = check({str(SAMPLES)!r}, year=2021, settings=load_settings(), as_of=date(2021, 12, 1))\n"
            "assert isinstance(t, Tally) and t.items\n"
            "print(sorted(m for m in heavy if m in sys.modules))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_check_takes_plain_paths_and_defaults(tmp_path):
    tally = reportgen.check(str(SAMPLES), year=2021, as_of=AS_OF)
    same = reportgen.check(SAMPLES, year=2021, settings=reportgen.load_settings(), as_of=AS_OF, root=SAMPLES.parent)
    assert tally == same and tally.year == 2021 and tally.as_of == AS_OF
    with pytest.raises(reportgen.UsageError):
        reportgen.check(tmp_path / "no-inbox", year=2021)
    with pytest.raises(reportgen.ConfigError):
        reportgen.load_settings(tmp_path / "missing.toml")


def test_cli_json_is_the_library_tally(tmp_path):
    """`reportgen check YEAR --json` prints exactly the text of tally.json for the library's tally."""
    run = subprocess.run([sys.executable, "-m", "reportgen", "check", "2021", "--inbox", str(SAMPLES),
                          "--date", "2021-12-01", "--json"], capture_output=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    library = reportgen.check(SAMPLES, year=2021, as_of=AS_OF, root=tmp_path / "2021")
    expected = reportgen.tally_json(library)
    assert run.returncode == (1 if library.errors else 0), run.stderr.decode("utf-8")
    assert run.stdout.decode("utf-8") == expected
    data = json.loads(expected)
    assert data["problems"] and all({"category", "recipient", "code", "message"} <= p.keys() for p in data["problems"])


def test_build_writes_what_it_says(tmp_path):
    result = reportgen.build(SAMPLES, tmp_path / "out", year=2021, as_of=AS_OF)
    assert isinstance(result, reportgen.BuildResult) and result.out == tmp_path / "out"
    assert all(p.is_file() for p in result.written)
    assert (tmp_path / "out" / "tally.json").read_text(encoding="utf-8") == reportgen.tally_json(result.tally)
