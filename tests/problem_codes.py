"""A pytest plugin: after a full, green run, every catalogued problem code must have been raised by some test.

Codes are collected in this process by `reportgen.problems.kind` (every problem's wording is looked up there) and
from every Tally built (problems read in worker processes arrive on it). A run of a subset of the tests (paths,
-k, -m, deselection) checks nothing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import problems
from reportgen.models import Tally

TESTS = Path(__file__).resolve().parent
_deselected = 0


def pytest_configure(config: pytest.Config) -> None:
    original = Tally.__init__

    def init(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003 - the dataclass's own signature
        original(self, *args, **kwargs)
        problems._SEEN.update(p.code for p in self.problems)

    Tally.__init__ = init  # type: ignore[method-assign]


def pytest_deselected(items: list[pytest.Item]) -> None:
    global _deselected
    _deselected += len(items)


def whole_suite(config: pytest.Config) -> bool:
    args = [Path(a.split("::")[0]).resolve() for a in config.args]
    return (all(a in (TESTS, TESTS.parent) for a in args) and not _deselected
            and not config.getoption("keyword") and not config.getoption("markexpr"))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if exitstatus != 0 or not whole_suite(session.config) or session.testsfailed:
        return
    never = sorted(set(problems.CATALOGUE) - problems._SEEN)
    if never:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        text = "catalogued problem codes no test raised: " + ", ".join(never)
        if reporter:
            reporter.write_line(text, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
