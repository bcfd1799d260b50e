"""Benchmark arclaim against spaCy's bare Arabic tokenizer, in one run, on the same text.

Measures:
  * throughput (docs/s, MB/s) of `Extractor.extract` over >= 5 MB of posts built from
    corpus/docs, and of `spacy.blank("ar").tokenizer` over the very same documents; the same text
    through the first stages only (normalization, numeral scan, quantities); then arclaim and the
    tokenizer again over those posts without their lines that hold a digit (the prose around figures);
  * cold start: piping one post into `arclaim extract` vs `python -c "import spacy; spacy.blank('ar')"`
    (median of several runs, each a fresh process);
  * peak RSS of a process that runs the whole throughput pass;
  * scaling on hostile input: 100 KB vs 1 MB of digit runs, scale words and separators.

    python scripts/bench.py [--mb 5] [--runs 5] [--json]

Targets (issue 2): throughput >= 1.0x the tokenizer, cold start <= 1.5x the spaCy import,
peak RSS < 300 MB. Run it in a virtual environment without the [camel] extra: with torch
installed, `import spacy` also imports torch (through thinc) and every number shifts.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus_posts(min_bytes: int) -> list[str]:
    """Corpus documents repeated until they add up to `min_bytes` of UTF-8."""
    base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "docs").rglob("*.txt"))]
    posts, size, i = [], 0, 0
    while size < min_bytes:
        text = base[i % len(base)]
        posts.append(text)
        size += len(text.encode("utf-8"))
        i += 1
    return posts


def throughput_child(mb: float) -> None:
    """Runs in a fresh process: time arclaim and the tokenizer on the same posts, print JSON."""
    import spacy

    from arclaim.normalize import MATCH_OPTIONS, normalize
    from arclaim.pipeline import Extractor

    posts = corpus_posts(int(mb * 1_000_000))
    size_mb = sum(len(p.encode("utf-8")) for p in posts) / 1e6
    nlp = spacy.blank("ar")
    extractor = Extractor()
    extractor.extract(posts[0])  # build lazy parts (matcher, model) outside the timing
    for p in posts[:20]:
        nlp.tokenizer(p)
    t0 = time.perf_counter()
    claims = sum(len(extractor.extract(p)) for p in posts)
    t_arclaim = time.perf_counter() - t0
    t0 = time.perf_counter()
    tokens = sum(len(nlp.tokenizer(p)) for p in posts)
    t_spacy = time.perf_counter() - t0
    # The first stages alone (normalization, numeral scan, quantities), without any claim work:
    # where the time goes before entities, cues, stance and records.
    t0 = time.perf_counter()
    for p in posts:
        text = normalize(p, MATCH_OPTIONS).text
        extractor.quantities.parse(text, extractor.numerals.find(text))
    t_stages = time.perf_counter() - t0
    # The same posts without their lines that hold a digit: prose around the figures, where the
    # pipeline should cost little more than normalization and the numeral scan.
    prose = [p for p in ("\n".join(line for line in post.split("\n") if not any(c.isdigit() for c in line))
                         for post in posts) if p.strip()]
    prose_mb = sum(len(p.encode("utf-8")) for p in prose) / 1e6
    t0 = time.perf_counter()
    prose_claims = sum(len(extractor.extract(p)) for p in prose)
    t_prose = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p in prose:
        nlp.tokenizer(p)
    t_prose_spacy = time.perf_counter() - t0
    print(json.dumps({
        "docs": len(posts), "mb": size_mb, "claims": claims, "tokens": tokens,
        "arclaim_s": t_arclaim, "spacy_s": t_spacy, "stages_s": t_stages,
        "prose": {"docs": len(prose), "mb": prose_mb, "claims": prose_claims,
                  "arclaim_s": t_prose, "spacy_s": t_prose_spacy},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


def cold_start(runs: int) -> dict:
    post = (ROOT / "corpus" / "docs" / "thread").glob("*.txt").__next__().read_bytes()
    arclaim_cmd = [sys.executable, "-m", "arclaim.cli", "extract"]
    spacy_cmd = [sys.executable, "-c", "import spacy; spacy.blank('ar')"]

    def timed(cmd, stdin):
        t0 = time.perf_counter()
        subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - t0

    timed(spacy_cmd, None)  # warm the OS file cache for both
    timed(arclaim_cmd, post)
    a, s = [], []
    for _ in range(runs):
        s.append(timed(spacy_cmd, None))
        a.append(timed(arclaim_cmd, post))
    return {"arclaim_s": statistics.median(a), "spacy_s": statistics.median(s)}


def hostile_scaling() -> dict:
    from arclaim.pipeline import Extractor, ExtractorConfig

    unit = "1" * 3000 + " مليار " * 50 + "١٬٢٣٤٫٥٦٬٧٨٫" * 40 + "1,2.3,4.5," * 40 + " ونصف" * 40 + "\n"
    ex = Extractor(ExtractorConfig(all_quantities=True))
    out = {}
    for label, size in (("100KB", 100_000), ("1MB", 1_000_000)):
        text = (unit * (size // len(unit) + 1))[:size]
        t0 = time.perf_counter()
        ex.extract(text)
        out[label] = time.perf_counter() - t0
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child-throughput", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_throughput:
        throughput_child(args.mb)
        return 0
    child = subprocess.run([sys.executable, __file__, "--child-throughput", "--mb", str(args.mb)],
                           capture_output=True, text=True, check=True)
    tp = json.loads(child.stdout)
    cs = cold_start(args.runs)
    hs = hostile_scaling()
    result = {
        "throughput": {
            "docs": tp["docs"], "mb": round(tp["mb"], 2), "claims": tp["claims"],
            "arclaim_docs_per_s": round(tp["docs"] / tp["arclaim_s"], 1),
            "arclaim_mb_per_s": round(tp["mb"] / tp["arclaim_s"], 3),
            "spacy_docs_per_s": round(tp["docs"] / tp["spacy_s"], 1),
            "spacy_mb_per_s": round(tp["mb"] / tp["spacy_s"], 3),
            "ratio": round(tp["spacy_s"] / tp["arclaim_s"], 2),
            "quantity_stages_mb_per_s": round(tp["mb"] / tp["stages_s"], 3),
            "quantity_stages_ratio": round(tp["spacy_s"] / tp["stages_s"], 2),
        },
        "prose_throughput": {
            "docs": tp["prose"]["docs"], "mb": round(tp["prose"]["mb"], 2), "claims": tp["prose"]["claims"],
            "arclaim_mb_per_s": round(tp["prose"]["mb"] / tp["prose"]["arclaim_s"], 3),
            "spacy_mb_per_s": round(tp["prose"]["mb"] / tp["prose"]["spacy_s"], 3),
            "ratio": round(tp["prose"]["spacy_s"] / tp["prose"]["arclaim_s"], 2),
        },
        "cold_start": {"arclaim_s": round(cs["arclaim_s"], 3), "spacy_import_s": round(cs["spacy_s"], 3),
                       "ratio": round(cs["arclaim_s"] / cs["spacy_s"], 2)},
        "peak_rss_mb": round(tp["peak_rss_mb"], 1),
        "hostile_scaling": {k: round(v, 3) for k, v in hs.items()} | {"ratio": round(hs["1MB"] / hs["100KB"], 1)},
        "python": sys.version.split()[0], "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    t, c = result["throughput"], result["cold_start"]
    print("| measure | arclaim | spaCy `blank('ar')` | ratio | target |")
    print("|---|---|---|---|---|")
    print(f"| throughput, {t['docs']} docs / {t['mb']} MB | {t['arclaim_docs_per_s']} docs/s, {t['arclaim_mb_per_s']} MB/s "
          f"| {t['spacy_docs_per_s']} docs/s, {t['spacy_mb_per_s']} MB/s (tokenizer) | {t['ratio']}x | >= 1.0x |")
    print(f"| the same text through normalization, numeral scan and quantities only (no claim work) "
          f"| {t['quantity_stages_mb_per_s']} MB/s | {t['spacy_mb_per_s']} MB/s (tokenizer) | {t['quantity_stages_ratio']}x | |")
    pr = result["prose_throughput"]
    print(f"| throughput, the same posts without lines holding a digit ({pr['mb']} MB, {pr['claims']} claims) "
          f"| {pr['arclaim_mb_per_s']} MB/s | {pr['spacy_mb_per_s']} MB/s (tokenizer) | {pr['ratio']}x | |")
    print(f"| cold start, one post piped | {c['arclaim_s']} s | {c['spacy_import_s']} s (import + blank) | {c['ratio']}x | <= 1.5x |")
    print(f"| peak RSS, whole throughput run | {result['peak_rss_mb']} MB | | | < 300 MB |")
    h = result["hostile_scaling"]
    print(f"| hostile input 100 KB -> 1 MB | {h['100KB']} s -> {h['1MB']} s | | {h['ratio']}x | ~10x (linear) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
