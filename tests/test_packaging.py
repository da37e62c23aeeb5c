"""What `pip install .` ships: every package folder of reportgen, the templates and the shipped settings."""
from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _declared() -> set[str]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    return {line.strip() for line in cfg["options"]["packages"].splitlines() if line.strip()}


def test_every_package_folder_is_declared_in_setup_cfg():
    """A subpackage missing from setup.cfg installs from a source tree but not from `pip install .`."""
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "reportgen").rglob("__init__.py")}
    assert on_disk - _declared() == set()
    assert "reportgen.templates" in _declared()


def test_templates_and_defaults_are_package_data():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    data = cfg["options.package_data"]
    assert "*.docx" in data["reportgen.templates"]
    assert any((ROOT / "reportgen" / pattern.strip()).parent.is_dir() for pattern in data["reportgen"].split())
    assert sorted(ROOT.glob("templates/*.docx")), "no shipped templates"
