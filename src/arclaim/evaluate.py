"""`arclaim eval GOLD`: score extraction against the gold corpus, field by field.

A predicted claim matches a gold claim when their spans overlap and value and
unit agree (value within 0.1% relative). Precision, recall and F1 are over
those matches; the other fields are scored as accuracy on matched pairs, and
stance as macro-F1 over bull/bear/neutral.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

FIELDS = ("bound", "subject", "metric", "direction", "year")
STANCES = ("bull", "bear", "neutral")

EXAMPLES = """\
examples:
  arclaim eval corpus/gold/dev.jsonl
  arclaim eval corpus/gold/test.jsonl --json > scores.json
  arclaim eval corpus/gold/dev.jsonl --errors      # list every miss and false alarm
"""


def register(sub) -> None:
    from .cli import add_extractor_options

    p = sub.add_parser("eval", help="score extraction against gold annotations",
                       description=__doc__, epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold JSON Lines file(s), e.g. corpus/gold/dev.jsonl")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--errors", action="store_true", help="also list misses, false alarms and field errors")
    add_extractor_options(p)
    p.set_defaults(func=run)


def same_value(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= 1e-3 * max(abs(a), abs(b))


def match_claims(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching on overlapping spans with equal value and unit."""
    pairs, used = [], set()
    for g in gold:
        best = None
        for i, p in enumerate(pred):
            if i in used:
                continue
            q = p["quantity"]
            overlap = min(g["end"], q["end"]) - max(g["start"], q["start"])
            if overlap <= 0 or q["unit"] != g["unit"] or not same_value(q["value"], g["value"]):
                continue
            if g.get("upper") is not None and (q.get("upper") is None or not same_value(q["upper"], g["upper"])):
                continue
            if best is None or overlap > best[0]:
                best = (overlap, i)
        if best is not None:
            used.add(best[1])
            pairs.append((g, pred[best[1]]))
    return pairs


def matched_claims(gold_path, extractor):
    """(gold claim, analysis, index of the matched predicted claim) for every matched claim of a gold
    file: what the stance scripts learn from, with exactly the inputs the pipeline builds at run time."""
    from .gold import load_gold

    for doc in load_gold(gold_path):
        analysis = extractor.analyze(doc.text, doc.file)
        preds = [c.model_dump(mode="json") for c in analysis.claims]
        index = {id(p): i for i, p in enumerate(preds)}
        for g, p in match_claims(doc.claims, preds):
            yield g, analysis, index[id(p)]


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    scores = []
    for label in STANCES:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        if tp + fp + fn == 0:
            continue
        scores.append(2 * tp / (2 * tp + fp + fn))
    return round(sum(scores) / len(scores), 4) if scores else 0.0


def evaluate(gold_paths: list[str], extractor, collect_errors: bool = False) -> dict:
    """Scores for the documents of `gold_paths` using `extractor`."""
    from .gold import load_gold

    n_gold = n_pred = 0
    detected = 0
    pairs_all: list[tuple[dict, dict]] = []
    errors: list[dict] = []
    for path in gold_paths:
        for doc in load_gold(path):
            preds = [c.model_dump(mode="json") for c in extractor.extract(doc.text, doc.file)]
            n_gold += len(doc.claims)
            n_pred += len(preds)
            pairs = match_claims(doc.claims, preds)
            pairs_all.extend(pairs)
            for g in doc.claims:
                if any(min(g["end"], p["quantity"]["end"]) > max(g["start"], p["quantity"]["start"]) for p in preds):
                    detected += 1
            if collect_errors:
                matched_g = {id(g) for g, _ in pairs}
                matched_p = {id(p) for _, p in pairs}
                for g in doc.claims:
                    if id(g) not in matched_g:
                        errors.append({"doc": doc.file, "type": "miss", "surface": g["surface"], "gold": _brief(g)})
                for p in preds:
                    if id(p) not in matched_p:
                        errors.append({"doc": doc.file, "type": "false_alarm", "surface": p["quantity"]["surface"],
                                       "pred": _brief(p["quantity"])})
                for g, p in pairs:
                    for f in FIELDS + ("stance",):
                        pv = p["quantity"]["bound"] if f == "bound" else p.get(f)
                        if pv != g.get(f):
                            errors.append({"doc": doc.file, "type": f, "surface": g["surface"], "gold": g.get(f), "pred": pv})
    scores: dict = {"quantity": prf(len(pairs_all), n_pred, n_gold)}
    scores["detection_recall"] = round(detected / n_gold, 4) if n_gold else 0.0
    for f in FIELDS:
        if f == "bound":
            ok = sum(1 for g, p in pairs_all if p["quantity"]["bound"] == g["bound"])
        else:
            ok = sum(1 for g, p in pairs_all if p.get(f) == g.get(f))
        scores[f] = round(ok / len(pairs_all), 4) if pairs_all else 0.0
    scores["stance_macro_f1"] = macro_f1([(g["stance"], p["stance"]) for g, p in pairs_all])
    scores["stance_accuracy"] = round(sum(1 for g, p in pairs_all if g["stance"] == p["stance"]) / len(pairs_all), 4) if pairs_all else 0.0
    scores["exact_span"] = round(
        sum(1 for g, p in pairs_all if (g["start"], g["end"]) == (p["quantity"]["start"], p["quantity"]["end"])) / len(pairs_all), 4
    ) if pairs_all else 0.0
    scores["kinds"] = dict(Counter(g["kind"] for g, _ in pairs_all))
    if collect_errors:
        scores["errors"] = errors
    return scores


def _brief(q: dict) -> str:
    value = q.get("value")
    return f"{value:g} {q.get('unit')} {q.get('kind')}"


def run(args) -> int:
    from .cli import extractor_config
    from .pipeline import Extractor

    for path in args.gold:
        if not Path(path).is_file():
            print(f"arclaim: {path}: no such gold file", file=sys.stderr)
            return 1
    extractor = Extractor(extractor_config(args))
    try:
        scores = evaluate(args.gold, extractor, collect_errors=args.errors)
    except (ValueError, OSError, KeyError) as exc:
        print(f"arclaim: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(scores, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    console = Console()
    q = scores["quantity"]
    table = Table(title=f"arclaim eval: {', '.join(args.gold)}")
    table.add_column("field")
    table.add_column("score", justify="right")
    table.add_column("note")
    table.add_row("quantity precision", f"{q['precision']:.3f}", f"{q['tp']} of {q['pred']} predicted")
    table.add_row("quantity recall", f"{q['recall']:.3f}", f"{q['tp']} of {q['gold']} gold")
    table.add_row("quantity F1", f"{q['f1']:.3f}", "value + unit, overlapping span")
    for f in FIELDS:
        table.add_row(f"{f} accuracy", f"{scores[f]:.3f}", "on matched claims")
    table.add_row("stance macro-F1", f"{scores['stance_macro_f1']:.3f}", f"accuracy {scores['stance_accuracy']:.3f}")
    table.add_row("exact span rate", f"{scores['exact_span']:.3f}", "matched claims with identical spans")
    console.print(table)
    for e in scores.get("errors", []):
        console.print(json.dumps(e, ensure_ascii=False), markup=False, highlight=False)
    return 0
