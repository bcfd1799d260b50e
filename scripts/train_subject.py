"""Train the subject model on the corpus train split and save it to models/subject.

The subject ranker weighs each candidate subject of a figure with hand-set weights
(resources/subject_weights.json). This spaCy `textcat` (bag of words and bigrams) reads what
`arclaim.claims.subject_model_input` builds for one candidate (where it comes from, its type, the
figure's metric, the ranker's features, the words around it and before the figure) and says how
likely it is the subject; where a figure has two candidates or more, the ranker adds `weight`
times that log-odds. The weight is chosen on the newest annotation batches of train (about
`--holdout` of its documents) with a model trained on the rest; the shipped model is then trained
on all of train. Dev is reported, and test is never read.

    python scripts/train_subject.py [--epochs 3] [--holdout 0.15] [--out models/subject]
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from arclaim.evaluate import matched_claims
from arclaim.pipeline import Extractor, ExtractorConfig
from arclaim.textcat import save_pipeline, train_textcat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_metric import newest_batches  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0)


def rows(split: str, extractor: Extractor) -> list[dict]:
    """Per matched figure with two candidates or more: its document, gold subject, and per
    candidate (name, hand score, model input), read exactly as the pipeline builds them."""
    assembler, seen = extractor.assembler, {}
    ranker = assembler.ranker

    def listen(q, candidates, inputs):
        seen[(q.start, q.end)] = [(c.entity.info.name, ranker.score(c.features), x) for c, x in zip(candidates, inputs)]

    def analyze(*args, **kwargs):  # one document's candidates at a time
        seen.clear()
        return Extractor.analyze(extractor, *args, **kwargs)

    assembler.on_candidates, extractor.analyze = listen, analyze
    out, last, spans = [], None, {}
    try:
        for g, analysis, i in matched_claims(ROOT / "corpus" / "gold" / f"{split}.jsonl", extractor):
            if analysis is not last:
                last, spans = analysis, {analysis.normalized.original_span(*span): c for span, c in seen.items()}
            claim = analysis.claims[i]
            cands = spans.get((claim.quantity.start, claim.quantity.end))
            if cands:
                out.append({"doc": claim.doc, "gold": g["subject"], "cands": cands})
    finally:
        assembler.on_candidates = None
        del extractor.analyze
    return out


def correct(nlp, data, weight: float) -> int:
    """How many figures get their gold subject among their candidates with the model at `weight`."""
    probs = iter(d.cats["subject"] for d in nlp.pipe([x for r in data for _, _, x in r["cands"]]))
    ok = 0
    for r in data:
        scores = []
        for _, hand, _ in r["cands"]:
            p = min(max(next(probs), 1e-6), 1 - 1e-6)
            scores.append(hand + weight * math.log(p / (1 - p)))
        best = max(range(len(scores)), key=lambda k: (scores[k], -k))  # the first one on a tie, as the ranker
        ok += r["cands"][best][0] == r["gold"]
    return ok


def train(data, epochs: int, seed: int):
    examples = [(x, "subject" if name == r["gold"] else "other") for r in data for name, _, x in r["cands"]]
    return train_textcat(examples, ["other", "subject"], epochs, seed, 2**14)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--holdout", type=float, default=0.15, help="share of train documents to choose the weight on")
    ap.add_argument("--out", default=str(ROOT / "models" / "subject"))
    args = ap.parse_args()
    extractor = Extractor(ExtractorConfig(stance_model=None, subject_model=False))  # the hand-set ranker: what the model helps
    train_rows, dev_rows = rows("train", extractor), rows("dev", extractor)
    held_docs = newest_batches((r["doc"] for r in train_rows), args.holdout)
    held = [r for r in train_rows if r["doc"] in held_docs]
    nlp = train([r for r in train_rows if r["doc"] not in held_docs], args.epochs, args.seed)
    scores = {w: correct(nlp, held, w) for w in WEIGHTS}
    weight = max(WEIGHTS, key=lambda w: (scores[w], -w))
    print(f"held-out figures with two candidates or more ({len(held_docs)} newest documents): {len(held)}; "
          + ", ".join(f"weight {w}: {scores[w] / len(held):.4f}" for w in WEIGHTS) + f"; chosen {weight}")
    nlp = train(train_rows, args.epochs, args.seed)
    print(f"dev figures with two candidates or more: {len(dev_rows)}; hand-set ranker {correct(nlp, dev_rows, 0.0) / len(dev_rows):.4f}, "
          f"with the model {correct(nlp, dev_rows, weight) / len(dev_rows):.4f}")
    nlp.meta["arclaim"] = {"weight": weight, "trained_on": "corpus/gold/train.jsonl", "epochs": args.epochs,
                           "weight_chosen_on": f"{len(held_docs)} newest train documents"}
    save_pipeline(nlp, Path(args.out))
    print(f"saved to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
