"""The example table in src/arclaim/resources/examples/quantities.jsonl, one test per line.

Each line gives a text and EVERY quantity the extractor should report for it with
`--all-quantities` (bare numbers excepted). An empty list means "no quantity here".
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from arclaim.pipeline import Extractor, ExtractorConfig

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "arclaim" / "resources" / "examples" / "quantities.jsonl"
TIME_KINDS = {"year", "date", "duration", "quarter"}


def _load():
    cases = []
    with EXAMPLES.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                cases.append(pytest.param(json.loads(line), id=f"L{lineno}"))
    return cases


CASES = _load()


@pytest.fixture(scope="module")
def extractor():
    return Extractor(ExtractorConfig(all_quantities=True, stance_model=None))


def _num(x):
    """A float rounded so that values equal within rel 1e-6 compare equal."""
    if x is None:
        return None
    x = float(x)
    if x == 0:
        return 0.0
    digits = 6 - int(math.floor(math.log10(abs(x))))
    return round(x, digits)


def _key(q: dict, counted_given: bool = True):
    kind = q["kind"]
    if kind in TIME_KINDS:
        value = _num(q.get("value")) if kind in ("year", "duration") else None
        unit = q.get("unit") if kind == "duration" else None
        return (q["surface"], kind, value, unit)
    key = (q["surface"], kind, q.get("unit"), _num(q.get("value")), _num(q.get("upper")), q.get("bound", "exact"))
    if counted_given:
        key += (q.get("counted"),)
    return key


def _close(a, b):
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isclose(a, b, rel_tol=1e-6))


def _match(exp, got):
    return len(exp) == len(got) and all(_close(x, y) for x, y in zip(exp, got))


def test_table_is_large_enough():
    assert len(CASES) >= 330


@pytest.mark.parametrize("example", CASES)
def test_example(example, extractor):
    text = example["text"]
    claims = extractor.extract(text)
    got_records = []
    for c in claims:
        q = c.quantity
        assert text[q.start : q.end] == q.surface, f"span {q.start}:{q.end} != surface {q.surface!r}"
        if q.kind == "number":
            continue
        got_records.append(q.model_dump())
    expected = example["quantities"]
    exp_keys = [_key(q, "counted" in q or q["kind"] == "count") for q in expected]
    got_keys = []
    for g in got_records:
        # compare `counted` only where the example gives it (counts always do)
        got_keys.append(_key(g, g["kind"] == "count"))
    unmatched_got = list(got_keys)
    missing = []
    for e in exp_keys:
        hit = next((g for g in unmatched_got if _match(e, g)), None)
        if hit is None:
            missing.append(e)
        else:
            unmatched_got.remove(hit)
    assert not missing and not unmatched_got, (
        f"\ntext: {text}\nnote: {example.get('note')}\nmissing: {missing}\nunexpected: {unmatched_got}"
    )


def test_a_move_from_about_x_to_y_is_a_move_not_a_range(extractor):
    """من نحو 30 إلى 32 after a movement verb: two figures, the start and the end of the move."""
    claims = extractor.extract("ارتفع سهم أرامكو من نحو 30 إلى 32 ريالا")
    assert [c.quantity.bound for c in claims if c.quantity.surface.startswith("32")] == ["exact"]
    assert not any(c.quantity.bound == "range" for c in claims)
