"""Train the metric classifier on the corpus train split and save it to models/metric.

The metric cue lexicons decide first; this spaCy `textcat` (bag of words and bigrams) only labels
claims the cues leave without a metric. It reads what `arclaim.claims.metric_model_input` builds:
the figure's kind and the words around it. The confidence threshold under which it stays silent is
chosen on dev; test is never read.

    python scripts/train_metric.py [--epochs 6] [--out models/metric]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from arclaim.claims import metric_model_input
from arclaim.evaluate import matched_claims
from arclaim.pipeline import Extractor, ExtractorConfig
from arclaim.textcat import save_pipeline, train_textcat

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01)


def rows(split: str, extractor: Extractor) -> list[tuple[str, str, str]]:
    """(model input, gold metric or "none", the cues' metric or "none") per matched claim."""
    out = []
    for g, analysis, i in matched_claims(ROOT / "corpus" / "gold" / f"{split}.jsonl", extractor):
        claim = analysis.claims[i]
        q = claim.quantity
        text = analysis.normalized.original
        out.append((metric_model_input(text, claim.sentence.start, q.start, q.end, q.kind),
                    g["metric"] or "none", claim.metric or "none"))
    return out


def train(data, labels, epochs: int, seed: int):
    return train_textcat([(x, y) for x, y, _ in data], labels, epochs, seed, 2**13)


def accuracy(nlp, data, threshold: float) -> float:
    ok = 0
    for (x, gold, rule), doc in zip(data, nlp.pipe([d[0] for d in data])):
        pred = rule
        if rule == "none":
            label = max(doc.cats, key=doc.cats.get)
            if label != "none" and doc.cats[label] >= threshold:
                pred = label
        ok += pred == gold
    return ok / len(data)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default=str(ROOT / "models" / "metric"))
    args = ap.parse_args()
    extractor = Extractor(ExtractorConfig(stance_model=None, metric_model=False))  # cues only: what the model complements
    train_rows, dev_rows = rows("train", extractor), rows("dev", extractor)
    labels = sorted({y for _, y, _ in train_rows} | {"none"})
    nlp = train(train_rows, labels, args.epochs, args.seed)
    scores = {t: accuracy(nlp, dev_rows, t) for t in THRESHOLDS}
    for t, a in scores.items():
        print(f"dev metric accuracy, model below threshold {t}: {a:.3f}")
    threshold = max(THRESHOLDS, key=lambda t: (scores[t], t))
    print(f"cues alone on dev: {accuracy(nlp, dev_rows, 1.01):.3f}; shipped threshold {threshold}: {scores[threshold]:.3f}")
    nlp.meta["arclaim"] = {"threshold": threshold, "trained_on": "corpus/gold/train.jsonl", "epochs": args.epochs}
    save_pipeline(nlp, Path(args.out))
    print(f"saved to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
