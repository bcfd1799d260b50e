"""Train the stance text classifier on the corpus train split and save it to models/stance.

The classifier is a spaCy `textcat` (bag of words and bigrams, exclusive classes
bull/bear/neutral). It reads what `arclaim.stance.model_input` builds: the heading
above the claim and the claim's sentence with the figure replaced by QTY. Training
examples come from running the extractor on train documents and pairing its claims
with gold ones, so the model sees exactly the inputs it gets at run time.
Only the train split is used; dev is for the printed report, test is never read.

    python scripts/train_stance.py [--epochs 12] [--out models/stance]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from arclaim.evaluate import macro_f1, matched_claims
from arclaim.pipeline import Extractor, ExtractorConfig
from arclaim.stance import LABELS, combine
from arclaim.textcat import save_pipeline, train_textcat

ROOT = Path(__file__).resolve().parents[1]


def examples(split: str, extractor: Extractor) -> list[tuple[str, str, float]]:
    """(model input, gold stance, lexicon score) for every matched claim of a split."""
    return [(a.model_inputs[i], g["stance"], a.lexicon_scores[i])
            for g, a, i in matched_claims(ROOT / "corpus" / "gold" / f"{split}.jsonl", extractor)]


def train(rows: list[tuple[str, str, float]], epochs: int, seed: int):
    return train_textcat([(text, gold) for text, gold, _ in rows], list(LABELS), epochs, seed, 2**16,
                         log=lambda line: print(line, file=sys.stderr))


def report(name: str, rows, nlp, weight: float, threshold: float) -> dict:
    cats = [dict(d.cats) for d in nlp.pipe([r[0] for r in rows])]
    lex = [combine(r[2], None, threshold=threshold).label for r in rows]
    mod = [max(c, key=c.get) for c in cats]
    comb = [combine(r[2], c, weight, threshold).label for r, c in zip(rows, cats)]
    gold = [r[1] for r in rows]
    scores = {k: macro_f1(list(zip(gold, v))) for k, v in (("lexicon", lex), ("model", mod), ("combined", comb))}
    print(f"{name}: n={len(rows)} macro-F1 lexicon {scores['lexicon']:.3f}  model {scores['model']:.3f}  "
          f"combined (model weight {weight}) {scores['combined']:.3f}")
    return scores


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default=str(ROOT / "models" / "stance"))
    args = ap.parse_args()
    extractor = Extractor(ExtractorConfig(stance_model=None))
    train_rows = examples("train", extractor)
    dev_rows = examples("dev", extractor)
    threshold = extractor.stance_lexicon.weights.get("threshold", 0.25)
    nlp = train(train_rows, args.epochs, args.seed)
    # The model's weight in the combination is chosen on dev (never on test): 0 is the lexicon
    # alone, 1 the model alone. The chosen weight ships beside the model.
    weight = max((0.0, 0.25, 0.5, 0.75, 1.0), key=lambda w: report(f"dev w={w}", dev_rows, nlp, w, threshold)["combined"])
    report("train", train_rows, nlp, weight, threshold)
    report("dev", dev_rows, nlp, weight, threshold)
    nlp.meta["arclaim"] = {"model_weight": weight, "trained_on": "corpus/gold/train.jsonl", "epochs": args.epochs}
    save_pipeline(nlp, Path(args.out))
    print(f"saved to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
