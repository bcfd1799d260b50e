"""The gold corpus is valid, big enough, split as documented, and quality does not regress."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from arclaim.entities import Gazetteer
from arclaim.gold import ADDED_SPLITS, SPLITS, load_gold, split_of, validate_claim
from conftest import ROOT

GOLD = ROOT / "corpus" / "gold"


@pytest.fixture(scope="module")
def gold():
    return {s: load_gold(GOLD / f"{s}.jsonl") for s in SPLITS}


def test_every_claim_is_valid(gold):
    known = set(Gazetteer().entities)
    problems = []
    for docs in gold.values():
        for doc in docs:
            for claim in doc.claims:
                problems += [f"{doc.file}: {p}" for p in validate_claim(claim, doc.text, known)]
    assert problems == []


def test_size_and_split(gold):
    docs = [d for s in SPLITS for d in gold[s]]
    assert len(docs) >= 150
    assert sum(len(d.claims) for d in docs) >= 600
    by_file = {d.file: s for s in SPLITS for d in gold[s]}
    ruled = sorted(d.file for d in docs if d.meta.get("split_source") != "draft")
    assert all(by_file[f] == split_of(i) for i, f in enumerate(ruled))
    added = [d.file for d in docs if d.meta.get("split_source") == "draft"]
    assert all(by_file[f] in ADDED_SPLITS for f in added)
    assert len(set(by_file)) == len(docs)


def test_corpus_spread(gold):
    docs = [d for s in SPLITS for d in gold[s]]
    dialects = Counter(d.meta.get("dialect") for d in docs)
    genres = Counter(d.meta.get("genre") for d in docs)
    assert set(dialects) >= {"msa", "gulf", "egyptian", "levantine", "maghrebi"}
    assert set(genres) >= {"news", "analyst", "social", "thread"}
    stances = Counter(c["stance"] for d in docs for c in d.claims)
    assert min(stances.values()) / sum(stances.values()) > 0.2


def test_validator_catches_bad_claims():
    text = "ربح 5 ملايين دولار"
    good = {"surface": "5 ملايين دولار", "start": 4, "end": 18, "value": 5e6, "upper": None, "unit": "USD",
            "kind": "money", "bound": "exact", "stance": "neutral", "metric": None, "direction": None, "year": None}
    assert validate_claim(good, text) == []
    assert validate_claim({**good, "start": 5}, text)
    assert validate_claim({**good, "unit": "GW"}, text)
    assert validate_claim({**good, "kind": "power", "unit": "MW"}, text)
    assert validate_claim({**good, "metric": "vibes"}, text)
    assert validate_claim({**good, "bound": "range"}, text)


@pytest.fixture(scope="module")
def test_scores():
    """Test-split scores with the shipped settings (both trained models), as `arclaim eval` gives them."""
    from arclaim.evaluate import evaluate
    from arclaim.pipeline import Extractor

    return evaluate([str(GOLD / "test.jsonl")], Extractor())


BASELINE = json.loads((ROOT / "corpus" / "baseline.json").read_text())["test"]


def test_quantity_f1_on_test_split_holds_the_baseline(test_scores):
    """CI guard: test-split quantity F1 may not drop more than 0.01 below corpus/baseline.json."""
    assert test_scores["quantity"]["f1"] >= BASELINE["quantity_f1"] - 0.01


@pytest.mark.parametrize("field", ["bound", "subject", "metric", "direction", "year", "stance_macro_f1"])
def test_fields_on_test_split_hold_the_baseline(test_scores, field):
    """CI guard: no claim field may drop more than 0.02 below its committed test-split score."""
    assert test_scores[field] >= BASELINE[field] - 0.02, (field, test_scores[field], BASELINE[field])


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "models").iterdir()
                                        if p.is_dir() and (p / "meta.json").exists()))
def test_every_trained_model_is_installed_with_the_package(name):
    """`pip install .` (not only an editable install) must ship each model of models/: the metric
    model once went missing from the wheel and arclaim silently ran on cues alone."""
    from arclaim.textcat import TrainedTextcat, model_dir

    assert TrainedTextcat.available(model_dir(name)), name


def test_every_pipeline_shares_one_copy_of_each_model():
    """Each Extractor once added its own textcat to the shared Language: memory grew with every
    Extractor built, and a name taken from id() was reused after garbage collection (E007)."""
    import gc

    from arclaim.pipeline import Extractor
    from arclaim.textcat import shared_nlp

    text = "ارتفع سهم أرامكو 3% في 2025 وسط تفاؤل المستثمرين"
    Extractor().extract(text)
    before = list(shared_nlp().component_names)
    for _ in range(5):
        Extractor().extract(text)
        gc.collect()
    assert shared_nlp().component_names == before
