"""reportgen: tally and official documents for the exit of backward production capacity.

The library (the command line calls the same functions)::

    from datetime import date
    from reportgen import build, check, load_settings

    settings = load_settings("2021/reportgen.toml")        # or load_settings(): the shipped defaults
    tally = check("2021/inbox", year=2021, settings=settings, as_of=date(2021, 12, 1))
    for p in tally.problems:                                # Problem: code, severity, message, hint, file, cell …
        print(p.severity, p.message)
    result = build("2021/inbox", "2021/out", year=2021, settings=settings, as_of=date(2021, 12, 1))

Importing reportgen is cheap: the names below load their modules on first use, and checking never loads the
writers (openpyxl, docxtpl, jinja2).
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_settings": "reportgen.api", "check": "reportgen.api", "build": "reportgen.api",
    "tally_json": "reportgen.api", "BuildResult": "reportgen.api",
    "Settings": "reportgen.config",
    "Tally": "reportgen.models", "Problem": "reportgen.models", "ExitItem": "reportgen.models",
    "Submission": "reportgen.models", "SubmissionStatus": "reportgen.models", "Source": "reportgen.models",
    "YellowCase": "reportgen.models", "RedCase": "reportgen.models", "Exceedance": "reportgen.models",
    "Target": "reportgen.models", "Task": "reportgen.models", "Total": "reportgen.models",
    "Accounting": "reportgen.models",
    "ReportgenError": "reportgen.errors", "ConfigError": "reportgen.errors", "UsageError": "reportgen.errors",
}
__all__ = ["__version__", "load_settings", "check", "build", "tally_json", "BuildResult", "Settings", "Tally",
           "Problem", "ExitItem", "Submission", "SubmissionStatus", "Source", "YellowCase", "RedCase", "Exceedance",
           "Target", "Task", "Total", "Accounting", "ReportgenError", "ConfigError", "UsageError"]

if TYPE_CHECKING:  # the same names for type checkers
    from reportgen.api import BuildResult, build, check, load_settings, tally_json
    from reportgen.config import Settings
    from reportgen.errors import ConfigError, ReportgenError, UsageError
    from reportgen.models import (Accounting, Exceedance, ExitItem, Problem, RedCase, Source, Submission,
                                  SubmissionStatus, Target, Tally, Task, Total, YellowCase)


def __getattr__(name: str) -> Any:
    """The library's names, imported when first used (PEP 562)."""
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'reportgen' has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
