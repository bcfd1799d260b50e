"""Shared fixtures: one Extractor per session (building it costs a few hundred ms)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def extractor():
    from arclaim.pipeline import Extractor, ExtractorConfig

    return Extractor(ExtractorConfig(stance_model=None))


@pytest.fixture(scope="session")
def all_extractor():
    from arclaim.pipeline import Extractor, ExtractorConfig

    return Extractor(ExtractorConfig(stance_model=None, all_quantities=True))


def corpus_documents() -> list[Path]:
    return sorted((ROOT / "corpus" / "docs").rglob("*.txt"))
