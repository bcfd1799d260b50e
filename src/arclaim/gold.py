"""The gold corpus format: loading, validating, and the fixed train/dev/test split."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .lexicon import load_json
from .models import CLAIM_KINDS

KINDS = CLAIM_KINDS
UNITS_BY_KIND = {
    "percent": {"%"}, "pp": {"pp"}, "power": {"W"}, "energy": {"Wh"}, "mass": {"t", "oz"},
    "volume": {"bbl", "m3", "cf"}, "count": {"count"},
}
BOUNDS = {"exact", "approx", "at_least", "at_most", "range"}
STANCES = {"bull", "bear", "neutral"}
SPLITS = ("train", "dev", "test")
ADDED_SPLITS = ("train",)  # documents added after the split was fixed never enter dev or test


def split_of(index: int) -> str:
    """The split of the document at `index` in path order (documented in GUIDELINES.md)."""
    if index % 5 == 2:
        return "test"
    if index % 5 == 4:
        return "dev"
    return "train"


def currency_codes() -> set[str]:
    data = load_json("currencies.json")
    codes = {e["default"] for e in data["words"]} | set(data["symbols"].values())
    for e in data["words"]:
        codes |= set(e["qualifiers"].values())
    return codes


def metric_names() -> set[str]:
    return set(load_json("metrics.json")["metrics"])


@dataclass
class GoldDoc:
    file: str
    text: str
    claims: list[dict]
    meta: dict = field(default_factory=dict)


def validate_claim(claim: dict, text: str, known_subjects: set[str] | None = None) -> list[str]:
    """Problems with one gold claim against its document text; empty when it is valid."""
    problems = []
    start, end, surface = claim.get("start"), claim.get("end"), claim.get("surface")
    if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != surface:
        problems.append(f"span {start}:{end} does not match surface {surface!r}")
    kind, unit = claim.get("kind"), claim.get("unit")
    if kind not in KINDS:
        problems.append(f"kind {kind!r} is not a claim kind")
    elif kind == "money":
        if unit not in currency_codes():
            problems.append(f"unit {unit!r} is not a currency code")
    elif unit not in UNITS_BY_KIND[kind]:
        problems.append(f"unit {unit!r} is not canonical for kind {kind}")
    if not isinstance(claim.get("value"), (int, float)) or isinstance(claim.get("value"), bool):
        problems.append("value is not a number")
    if claim.get("bound") not in BOUNDS:
        problems.append(f"bound {claim.get('bound')!r} is unknown")
    if claim.get("bound") == "range" and not isinstance(claim.get("upper"), (int, float)):
        problems.append("a range needs a numeric upper")
    if claim.get("stance") not in STANCES:
        problems.append(f"stance {claim.get('stance')!r} is unknown")
    metric = claim.get("metric")
    if metric is not None and metric not in metric_names():
        problems.append(f"metric {metric!r} is not in the vocabulary")
    if claim.get("direction") not in (None, "up", "down"):
        problems.append(f"direction {claim.get('direction')!r} is unknown")
    year = claim.get("year")
    if year is not None and not (isinstance(year, int) and 1900 <= year <= 2100):
        problems.append(f"year {year!r} is not a year")
    if known_subjects is not None and claim.get("subject") not in (None, *known_subjects):
        problems.append(f"subject {claim.get('subject')!r} is not a gazetteer name")
    return problems


def load_gold(path: str | Path, corpus_root: str | Path | None = None) -> list[GoldDoc]:
    """Gold documents from a JSON Lines file; `file` paths are relative to the corpus root."""
    path = Path(path)
    root = Path(corpus_root) if corpus_root else _corpus_root(path)
    docs = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
            if not isinstance(row, dict) or not isinstance(row.get("file"), str) or not isinstance(row.get("claims"), list):
                raise ValueError(f"{path}:{lineno}: not a gold record: a gold line is "
                                 '{"file": "docs/...txt", "claims": [...]} (extract output is not gold)')
            try:
                text = (root / row["file"]).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ValueError(f"{path}:{lineno}: cannot read its document {root / row['file']}: "
                                 f"{getattr(exc, 'strerror', None) or exc}") from None
            meta = {k: v for k, v in row.items() if k not in ("file", "claims")}
            docs.append(GoldDoc(row["file"], text, row["claims"], meta))
    return docs


def _corpus_root(gold_path: Path) -> Path:
    for parent in [gold_path.parent, *gold_path.parents]:
        if (parent / "docs").is_dir():
            return parent
    return gold_path.parent
