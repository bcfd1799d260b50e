"""Shared fixtures: one Extractor per session (building it costs a few hundred ms)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def extractor():
    """The rules with the metric model, and the hand-set subject ranker: the subject tables state
    what the rules decide; the subject model is measured on the gold splits, not held to them."""
    from arclaim.pipeline import Extractor, ExtractorConfig

    return Extractor(ExtractorConfig(stance_model=None, subject_model=False))


@pytest.fixture(scope="session")
def all_extractor():
    from arclaim.pipeline import Extractor, ExtractorConfig

    return Extractor(ExtractorConfig(stance_model=None, all_quantities=True))


def corpus_documents() -> list[Path]:
    return sorted((ROOT / "corpus" / "docs").rglob("*.txt"))
