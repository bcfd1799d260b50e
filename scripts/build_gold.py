"""Build corpus/gold/{train,dev,test}.jsonl from the annotators' drafts.

Resolves each claim's `surface` (and `occurrence`) to character spans in its
document, validates every field, assigns the fixed split, and writes the gold
atomically. Exits 1 and prints every problem when anything is invalid.

    python scripts/build_gold.py [--corpus corpus]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from arclaim.entities import Gazetteer
from arclaim.gold import ADDED_SPLITS, SPLITS, split_of, validate_claim

FIELDS = ("surface", "start", "end", "value", "upper", "unit", "kind", "bound", "counted",
          "subject", "metric", "direction", "year", "stance")


def nth_occurrence(text: str, surface: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            return -1
    return pos


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--check", action="store_true", help="validate the drafts, write nothing")
    args = ap.parse_args()
    root = Path(args.corpus)
    gazetteer = Gazetteer()
    known = set(gazetteer.entities)
    problems: list[str] = []
    docs: dict[str, dict] = {}
    for draft in sorted((root / "drafts").glob("*.jsonl")):
        for lineno, line in enumerate(draft.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            path = root / row["file"]
            if not path.is_file():
                problems.append(f"{draft}:{lineno}: {row['file']} does not exist")
                continue
            text = path.read_text(encoding="utf-8")
            claims = []
            for c in row["claims"]:
                start = nth_occurrence(text, c["surface"], int(c.get("occurrence", 1)))
                if start < 0:
                    problems.append(f"{draft}:{lineno}: {row['file']}: surface {c['surface']!r} not found")
                    continue
                claim = {k: c.get(k) for k in FIELDS}
                claim["start"], claim["end"] = start, start + len(c["surface"])
                claim["value"] = float(claim["value"])
                if claim["upper"] is not None:
                    claim["upper"] = float(claim["upper"])
                for p in validate_claim(claim, text, known):
                    problems.append(f"{draft}:{lineno}: {row['file']}: {c['surface']!r}: {p}")
                claims.append(claim)
            claims.sort(key=lambda c: (c["start"], c["end"]))
            meta = {k: v for k, v in row.items() if k not in ("file", "claims")}
            if "split" in meta:
                if meta["split"] not in ADDED_SPLITS:
                    problems.append(f"{draft}:{lineno}: {row['file']}: an added document's split must be one of "
                                    f"{ADDED_SPLITS}, not {meta['split']!r}")
                meta["split_source"] = "draft"
            docs[row["file"]] = {"file": row["file"], **meta, "claims": claims}
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problems; gold not written", file=sys.stderr)
        return 1
    if args.check:
        print(f"{len(docs)} documents, {sum(len(d['claims']) for d in docs.values())} claims: valid")
        return 0
    # The first 154 documents keep the index rule; documents added later name their split in the
    # draft, so adding one never moves an old document between splits.
    for i, name in enumerate(sorted(n for n, d in docs.items() if "split" not in d)):
        docs[name]["split"] = split_of(i)
    by_split: dict[str, list[dict]] = {s: [] for s in SPLITS}
    for name in sorted(docs):
        by_split[docs[name]["split"]].append(docs[name])
    out_dir = root / "gold"
    out_dir.mkdir(exist_ok=True)
    for split, rows in by_split.items():
        fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{split}.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        os.replace(tmp, out_dir / f"{split}.jsonl")
        print(f"{split}: {len(rows)} documents, {sum(len(r['claims']) for r in rows)} claims")
    return 0


if __name__ == "__main__":
    sys.exit(main())
