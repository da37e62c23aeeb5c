"""docs/architecture.md cannot go stale: every module of reportgen/ is on it, and every module it names exists."""
from __future__ import annotations

import re

from tests.conftest import ROOT

DOC = ROOT / "docs" / "architecture.md"
PACKAGE = ROOT / "reportgen"


def _modules() -> set[str]:
    """Every module, as the page writes it (`parse/values.py`); empty package markers are not modules."""
    return {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
            if not (p.name == "__init__.py" and p.parent != PACKAGE and not p.read_text(encoding="utf-8").strip())}


def _named() -> set[str]:
    """The modules the page names in its tables: `…py` in a table row's first cell."""
    return set(re.findall(r"^\| `([\w/]+\.py)` \|", DOC.read_text(encoding="utf-8"), flags=re.M))


def test_every_module_is_on_the_page():
    missing = sorted(_modules() - _named())
    assert not missing, f"add to docs/architecture.md: {missing}"


def test_every_module_on_the_page_exists():
    gone = sorted(_named() - _modules())
    assert not gone, f"docs/architecture.md names modules that no longer exist: {gone}"


def test_the_page_states_the_import_contract_the_linter_checks():
    text = DOC.read_text(encoding="utf-8")
    contract = (ROOT / ".importlinter").read_text(encoding="utf-8")
    layers = re.search(r"layers =\n((?:    .+\n)+)", contract).group(1).split()
    stated = re.search(r"Layers, top may import bottom, never the reverse:\n(.+?)\.\n", text, flags=re.S).group(1)
    assert [w for w in re.findall(r"`([\w.]+)`", stated)] == [w for w in layers if w != "|"]
    assert "lint-imports" in text
