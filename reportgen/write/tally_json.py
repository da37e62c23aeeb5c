"""Tally -> tally.json (the contract of outputs.md), with exact decimal numbers.

The file is written as it is encoded: the top-level keys one per line, each record of a list on a line of
its own (compact JSON by the standard library's C encoder), so a national tally streams to disk without
the whole text or every record's dict in memory at once, and a clerk's `grep` finds one record per line.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol
from collections.abc import Callable

from reportgen import problems as catalogue
from reportgen.models import ExitItem, Problem, Source, Tally, Total
from reportgen.tally.figures import Counts, Figures

Json = dict[str, Any]  # one JSON object as built here (Decimals wrapped in _Exact)


class _Sourced(Protocol):
    @property
    def source(self) -> Source: ...


def _num(value: Decimal | None) -> _Exact | None:
    return None if value is None else _Exact(value)


class _Exact:
    """A Decimal that must reach the JSON text as a number, digit for digit."""

    def __init__(self, value: Decimal) -> None:
        self.value = value


def _item(i: ExitItem) -> Json:
    return {
        "county": i.county, "enterprise": i.enterprise, "uscc": i.uscc, "industry": i.industry,
        "equipment": i.equipment, "spec": i.spec, "quantity": i.quantity, "quantity_unit": i.quantity_unit,
        "capacity": _num(i.capacity), "unit": i.unit, "method": i.method, "grounds": list(i.grounds),
        "completed": i.completed.isoformat(), "submitter": i.submitter, "acceptance": i.acceptance,
        "workers": _num(i.workers), "funds": _num(i.funds), "note": i.note,
        "extras": {k: v for k, v in i.extras},
        "source": {"file": i.source.file, "sheet": i.source.sheet, "row": i.source.row},
    }


def _source(rec: _Sourced) -> Json:
    return {"file": rec.source.file, "sheet": rec.source.sheet, "row": rec.source.row}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _total(t: Total) -> Json:
    return {"unit": t.unit, "capacity": _num(t.capacity), "enterprises": t.enterprises, "items": t.items,
            "quantity": t.quantity}


def _problem(p: Problem) -> Json:
    return {"severity": p.severity, "code": p.code, "file": p.file, "sheet": p.sheet, "row": p.row,
            "cell": p.cell, "value": p.value, "message": p.message, "hint": p.hint,
            "category": catalogue.category(p.code), "recipient": catalogue.recipient(p)}


def _counts(c: Counts) -> Json:
    return {"enterprises": c.enterprises, "items": c.items, "quantity": c.quantity, "workers": _num(c.workers),
            "funds": _num(c.funds), "accepted": c.accepted, "awaiting_acceptance": c.awaiting,
            "acceptance_unstated": c.unstated}


def _county_figures(t: Tally) -> list[Json]:
    """Each county's figures as every document states them (tally.figures), with who reported its items."""
    if not isinstance(t.figures, Figures):
        return []
    return [{"county": c.county, **_counts(c.counts), "reported_by": [{"submitter": s, "items": n} for s, n in c.reporters],
             "level": c.level, "ratio": _num(c.ratio), "submitted": c.submitted}
            for c in t.figures.by_county.values()]


def tally_dict(t: Tally) -> Json:
    """The tally as plain data; Decimals stay exact (see dumps)."""
    return {key: (list(value) if isinstance(value, Iterator) else value) for key, value in _sections(t).items()}


def _sections(t: Tally) -> Json:
    """The top-level keys in order; the long lists as iterators, made one record at a time."""
    acc = t.accounting
    return {
        "year": t.year,
        "as_of": t.as_of.isoformat(),
        "enterprises": t.enterprises,
        "by_county": [{"county": c, "industry": ind, **_total(tot)} for c, ind, tot in t.by_county],
        "counties": _county_figures(t),
        "by_industry": [{"industry": ind, **_total(tot)} for ind, tot in t.by_industry],
        "by_method": [{"method": m, "industry": ind, **_total(tot)} for m, ind, tot in t.by_method],
        "by_ground": [{"ground": g, "industry": ind, **_total(tot)} for g, ind, tot in t.by_ground],
        "items": map(_item, t.items),
        "yellow": [{"enterprise": y.enterprise, "uscc": y.uscc, "county": y.county, "industry": y.industry,
                    "category": y.category, "issue": y.issue, "notice_date": _iso(y.notice_date),
                    "deadline_given": _iso(y.deadline), "extended_to": _iso(y.extended_to), "review": y.review,
                    "deadline": _iso(st.deadline), "effective": _iso(st.effective), "status": st.status,
                    "publisher": y.publisher, "source": _source(y)}
                   for st in t.yellow_status for y in (st.case,)],
        "red": [{"enterprise": r.enterprise, "uscc": r.uscc, "county": r.county, "industry": r.industry,
                 "category": r.category, "closed_on": _iso(r.closed_on), "basis": r.basis,
                 "publisher": r.publisher, "exit_items": [_source(i) for i in st.exit_items], "source": _source(r)}
                for st in t.red_status for r in (st.case,)],
        "price_list": [{k: _iso(v) if isinstance(v, date) else v for k, v in row.items()} for row in t.price_list],
        "progress": [{"county": x.county, "industry": x.industry, "unit": x.unit, "target": _num(x.target),
                      "done": _num(x.done), "ratio": _num(x.ratio), "level": x.level,
                      "named_planned": x.named_planned, "named_done": x.named_done,
                      "named_missing": [_source(m) for m in x.named_missing], "submitted": x.submitted}
                     for x in t.progress],
        "exceedances": [{"enterprise": e.enterprise, "uscc": e.uscc, "county": e.county, "pollutant": e.pollutant,
                         "concentration": _num(e.concentration), "limit": _num(e.limit), "unit": e.unit,
                         "measured_on": _iso(e.measured_on), "serious": e.serious, "measures": e.measures,
                         "source": _source(e)} for e in t.exceedances],
        "targets": [{"county": x.county, "industry": x.industry, "capacity": _num(x.capacity), "unit": x.unit,
                     "enterprise": x.enterprise, "equipment": x.equipment, "source": _source(x)}
                    for x in t.targets],
        "tasks": [{"number": x.number, "title": x.title, "content": x.content, "leads": x.leads,
                   "partners": x.partners, "source": _source(x)} for x in t.tasks],
        "duplicates": [{"dropped": _source(a), "kept": _source(b)} for a, b in t.duplicates],
        "duplicate_cases": [{"dropped": _source(a), "kept": _source(b)} for a, b in t.duplicate_cases],
        "other_year": [_source(i) for i in t.other_year],
        "not_yet": [_source(i) for i in t.not_yet],
        "submissions": [{"submitter": s.submitter, "file": s.file, "status": s.status,
                         "superseded_by": s.superseded_by, "fill_date": _iso(s.fill_date), "role": s.role}
                        for s in t.submissions if s.status != "missing"],
        "missing": list(t.missing),
        "problems": map(_problem, t.problems),
        "accounting": {"rows_read": acc.rows_read, "counted": acc.counted, "rejected": acc.rejected,
                       "duplicate": acc.duplicate, "other_year": acc.other_year, "skipped": acc.skipped,
                       "superseded_rows": acc.superseded_rows, "above_header": acc.above_header,
                       "header_rows": acc.header_rows, "not_yet": acc.not_yet, "unread_rows": acc.unread_rows,
                       "sheet_rows": acc.sheet_rows},
    }


_MARK = f"@dec{uuid.uuid4().hex}@"  # a Decimal's digits travel between two of these; data cannot know it


def _default(o: object) -> str:
    if isinstance(o, _Exact):
        return _MARK + _plain(o.value) + _MARK
    raise TypeError(f"not JSON: {type(o).__name__}")


def _make_encoder() -> Callable[[object], str]:
    """One compact encoder for the whole file: the C one made once (JSONEncoder.encode makes it anew on
    every call, which costs more than encoding a record), the standard class where there is none."""
    c_make = getattr(json.encoder, "c_make_encoder", None)
    if c_make is None:
        return json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), default=_default).encode
    c_encode = c_make(None, _default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    return lambda value: "".join(c_encode(value, 0))


def _plain(d: Decimal) -> str:
    """A Decimal as plain digits without exponent or trailing fractional zeros (values.plain_text, faster)."""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_ENCODE = _make_encoder()


def _encode(value: object) -> str:
    text = _ENCODE(value)
    return text.replace(f'"{_MARK}', "").replace(f'{_MARK}"', "") if _MARK in text else text


def _chunks(data: Json) -> Iterable[str]:
    yield "{"
    first = True
    for key, value in data.items():
        yield ("\n" if first else ",\n") + f"  {_encode(key)}: "
        first = False
        if isinstance(value, (list, tuple, Iterator)):
            opened = False
            for record in value:
                yield ("[\n    " if not opened else ",\n    ") + _encode(record)
                opened = True
            yield "\n  ]" if opened else "[]"
        else:
            yield _encode(value)
    yield "\n}\n"


def dumps(data: Json) -> str:
    """JSON text with every Decimal written as a plain number of exactly its digits."""
    return "".join(_chunks(data))


def write_tally(path: Path, t: Tally) -> None:
    """tally.json for the tally, written while it is encoded (UTF-8, LF)."""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        chunk: list[str] = []
        for part in _chunks(_sections(t)):
            chunk.append(part)
            if len(chunk) >= 512:
                fh.write("".join(chunk))
                chunk.clear()
        fh.write("".join(chunk))
