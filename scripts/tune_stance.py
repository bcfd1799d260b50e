"""Grid-search the stance lexicon's weights on the train split; print dev scores; optionally save.

The weights (sentence cue, clause cue, direction, frame and document terms, the neutral threshold) live in
src/arclaim/resources/stance.json under "weights". Only train is searched; dev is reported;
test is never read.

    python scripts/tune_stance.py [--save]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

from arclaim.evaluate import macro_f1, matched_claims
from arclaim.output import atomic_write
from arclaim.pipeline import Extractor, ExtractorConfig
from arclaim.stance import StanceLexicon

ROOT = Path(__file__).resolve().parents[1]
STANCE_JSON = ROOT / "src" / "arclaim" / "resources" / "stance.json"


def rows(split: str, extractor: Extractor) -> list[tuple[dict, str]]:
    """(lexicon features, gold stance) for every matched claim of a split."""
    return [(a.stance_features[i], g["stance"])
            for g, a, i in matched_claims(ROOT / "corpus" / "gold" / f"{split}.jsonl", extractor)]


def f1(data, weights, threshold) -> float:
    lex = StanceLexicon()
    lex.weights = weights
    pairs = []
    for features, gold in data:
        s = lex.score(features)
        pred = "bull" if s > threshold else "bear" if s < -threshold else "neutral"
        pairs.append((gold, pred))
    return macro_f1(pairs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--save", action="store_true", help="write the best weights into stance.json")
    args = ap.parse_args()
    extractor = Extractor(ExtractorConfig(stance_model=None))
    train, dev = rows("train", extractor), rows("dev", extractor)
    grid = itertools.product((0.5, 1.0), (0.0, 0.5, 1.0), (0.5, 1.0, 1.5), (1.0, 1.5, 2.5), (0.0, 0.5, 1.0, 1.5),
                             (2.0, 4.0), (0.1, 0.25, 0.5))
    best = None
    for cues, clause, direction, frame, document, cap, threshold in grid:
        w = {"cues": cues, "clause": clause, "direction": direction, "frame": frame, "document": document,
             "document_cap": cap, "threshold": threshold}
        score = f1(train, w, threshold)
        if best is None or score > best[0]:
            best = (score, w)
    score, w = best
    print(f"best on train: macro-F1 {score:.3f} with {w}")
    print(f"dev: macro-F1 {f1(dev, w, w['threshold']):.3f}")
    if args.save:
        data = json.loads(STANCE_JSON.read_text(encoding="utf-8"))
        data["weights"] = w
        with atomic_write(STANCE_JSON) as fh:
            fh.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        print(f"saved to {STANCE_JSON}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
