"""The registry of document types: one declaration per type, and every planned document carries its dispatch data."""
from __future__ import annotations

from pathlib import Path

from reportgen.documents import registry
from reportgen.documents.common import DIRECTIONS, FORMATS, GENRES
from tests.docs_helpers import sample_plan

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_each_type_is_declared_once_with_a_template():
    assert len(set(registry.KINDS)) == len(registry.TYPES)
    for kind in registry.TYPES:
        assert kind.genre in GENRES and kind.format in FORMATS and kind.direction in DIRECTIONS, kind.name
        assert kind.issuers and kind.recipients and kind.when, kind.name
        assert (TEMPLATES / f"{kind.name}.docx").is_file(), kind.name
    assert sorted(p.stem for p in TEMPLATES.glob("*.docx")) == sorted(registry.KINDS)


def test_every_sample_document_carries_its_dispatch_data():
    docs = sample_plan()
    assert docs
    for name, doc in docs.items():
        kind = registry.BY_NAME[doc.template]
        assert doc.genre == kind.genre, name
        assert doc.title and doc.title == doc.context["title"], name
        assert doc.issuers and all(doc.issuers), name
        assert doc.to and all(doc.to), name
        assert doc.date is not None and doc.docno == doc.context["docno"], name

