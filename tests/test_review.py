"""`arclaim review`: driven in a real terminal through tmux (send-keys, capture-pane), plus filters and export."""

from __future__ import annotations

import csv
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from arclaim.cli import main
from arclaim.models import Check
from arclaim.review import bidi_display, highlight_spans, review_path, visual_order

CLI = [sys.executable, "-c", "import sys; from arclaim.cli import main; sys.exit(main())"]  # = `arclaim`
TMUX = shutil.which("tmux") or ("/usr/bin/tmux" if Path("/usr/bin/tmux").exists() else None)
needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

POSTS = {
    "posts/aramco.txt": "أعلنت أرامكو السعودية عن صافي ربح بلغ 110 مليارات ريال في الربع الثاني، "
                        "بانخفاض 12% عن الفترة نفسها من العام الماضي.",
    "posts/sabic.txt": "سجلت سابك خسارة صافية قدرها 300 مليون ريال، وتراجع السهم 4% بعد النتائج.",
    "posts/rajhi.txt": "ارتفعت أرباح مصرف الراجحي إلى 5.2 مليار ريال بنمو 18% على أساس سنوي.",
    "posts/emaar.txt": "باعت إعمار عقارات بقيمة 40 مليار درهم في النصف الأول، والسهم صاعد بقوة.",
}


@pytest.fixture
def results(tmp_path: Path, extractor) -> Path:
    claims = [c for doc, text in POSTS.items() for c in extractor.extract(text, doc)]
    for c in claims:
        if c.quantity.surface == "110 مليارات ريال":
            c.check = Check(verdict="contradicted", reference={"entity": "Saudi Aramco", "value": 85.6e9},
                            difference=0.285, reason="reported 85.6 billion SAR net income for Q2")
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(c.model_dump(mode="json"), ensure_ascii=False) + "\n" for c in claims),
                    encoding="utf-8")
    return path


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class Terminal:
    """`arclaim ...` running in a detached tmux session on a private server, at a fixed size."""

    count = 0

    def __init__(self, cwd: Path, *args: str, width: int = 150, height: int = 45):
        Terminal.count += 1
        self.socket = f"test-{os.getpid()}-{Terminal.count}"
        cmd = " ".join(shlex.quote(a) for a in [*CLI, *args])
        # the shell survives Ctrl-C (a trap, unlike an ignored signal, is not inherited) to show the exit status
        shell = f'trap : INT; {cmd}; echo "[exit $?]"; sleep 120'
        env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}
        env.pop("TMUX", None)
        subprocess.run([TMUX, "-L", self.socket, "-f", "/dev/null", "new-session", "-d", "-s", "t",
                        "-x", str(width), "-y", str(height), "-c", str(cwd), "sh", "-c", shell],
                       check=True, env=env, timeout=10)

    def tmux(self, *args: str) -> str:
        return subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True, timeout=10).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, text: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not on the screen after {timeout}s:\n{screen}")
            time.sleep(0.05)

    def press(self, key: str, then: str | None = None) -> str | None:
        self.tmux("send-keys", "-t", "t", key)
        return self.wait_for(then) if then else None

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminals():
    opened: list[Terminal] = []
    yield lambda *a, **kw: opened.append(Terminal(*a, **kw)) or opened[-1]
    for t in opened:
        t.close()


@needs_tmux
@pytest.mark.tmux
def test_review_keys_decisions_and_resume(results: Path, terminals):
    claims = load(results)
    n = len(claims)
    assert n >= 6
    term = terminals(results.parent, "review", results.name)
    screen = term.wait_for(f"claim 1 of {n}")
    first = claims[0]
    assert first["sentence"]["text"][:30] in screen
    assert first["quantity"]["surface"] in screen and "Saudi Aramco" in screen
    assert "contradicted" in screen and "reported 85.6 billion" in screen  # verdict and evidence
    assert "decision: none yet" in screen and "a accept" in screen

    term.press("a", f"claim 2 of {n}")             # accept
    term.press("r", f"claim 3 of {n}")             # reject
    term.press("e", f"claim 4 of {n}")             # accept with stance bear
    term.press("s", f"claim 5 of {n}")             # skip: no decision
    screen = term.press("p", f"claim 4 of {n}")    # previous
    assert "decision: none yet" in screen
    term.press("b", f"claim 5 of {n}")             # accept with stance bull
    term.press("q", "[exit 0]")
    assert f"4 of {n} claims decided" in term.screen()

    decisions = load(review_path(results))
    assert [(d["claim_id"], d["decision"], d["stance"]) for d in decisions] == [
        (claims[0]["claim_id"], "accept", claims[0]["stance"]),
        (claims[1]["claim_id"], "reject", claims[1]["stance"]),
        (claims[2]["claim_id"], "accept", "bear"),
        (claims[3]["claim_id"], "accept", "bull"),
    ]
    assert all(set(d) == {"claim_id", "decision", "stance", "time"} for d in decisions)

    # reopening resumes at the first claim without a decision; earlier decisions show when going back
    term2 = terminals(results.parent, "review", results.name)
    term2.wait_for(f"claim 5 of {n}")
    screen = term2.press("p", f"claim 4 of {n}")
    assert "decision: accepted" in screen and "bull" in screen
    term2.press("r", f"claim 5 of {n}")            # a new decision for claim 4 overrides the earlier one
    term2.press("q", "[exit 0]")
    decisions = load(review_path(results))
    assert decisions[-1]["claim_id"] == claims[3]["claim_id"] and decisions[-1]["decision"] == "reject"


@needs_tmux
@pytest.mark.tmux
def test_review_ctrl_c_keeps_decisions_and_all_done_screen(results: Path, terminals):
    claims = load(results)
    n = len(claims)
    term = terminals(results.parent, "review", results.name)
    term.wait_for(f"claim 1 of {n}")
    term.press("a", f"claim 2 of {n}")
    term.press("n", f"claim 3 of {n}")
    term.press("C-c", "[exit 130]")
    decisions = load(review_path(results))
    assert [d["claim_id"] for d in decisions] == [c["claim_id"] for c in claims[:2]]
    assert decisions[1]["stance"] == "neutral"

    term2 = terminals(results.parent, "review", results.name)
    term2.wait_for(f"claim 3 of {n}")
    for i in range(3, n + 1):
        term2.press("a", f"claim {i + 1} of {n}" if i < n else "claims reviewed")
    assert f"All {n} claims reviewed: {n} accepted, 0 rejected" in term2.screen()
    term2.press("q", "[exit 0]")
    assert {d["claim_id"] for d in load(review_path(results))} == {c["claim_id"] for c in claims}


@needs_tmux
@pytest.mark.tmux
def test_review_filters(results: Path, terminals):
    claims = load(results)
    bear_percent = [c for c in claims if c["stance"] == "bear" and c["quantity"]["kind"] == "percent"]
    assert bear_percent
    term = terminals(results.parent, "review", results.name, "--filter", "stance=bear", "--filter", "kind=percent")
    screen = term.wait_for(f"claim 1 of {len(bear_percent)}")
    assert bear_percent[0]["sentence"]["text"][:25] in screen
    term.press("r", "claims reviewed" if len(bear_percent) == 1 else f"claim 2 of {len(bear_percent)}")
    term.press("q", "[exit 0]")
    assert load(review_path(results))[0]["claim_id"] == bear_percent[0]["claim_id"]

    aramco = [c for c in claims if c["doc"] == "posts/aramco.txt"]
    term = terminals(results.parent, "review", results.name, "--filter", "doc=*aramco*")
    term.wait_for(f"claim 1 of {len(aramco)}")
    term.press("q", "[exit 0]")

    contradicted = terminals(results.parent, "review", results.name, "--filter", "verdict=contradicted")
    screen = contradicted.wait_for("claim 1 of 1")
    assert "110 مليارات ريال" in screen
    contradicted.press("q", "[exit 0]")


@needs_tmux
@pytest.mark.tmux
def test_review_bidi_is_display_only(results: Path, terminals):
    before = results.read_bytes()
    claims = load(results)
    term = terminals(results.parent, "review", results.name, "--bidi")
    screen = term.wait_for(f"claim 1 of {len(claims)}")
    surface = claims[0]["quantity"]["surface"]
    assert bidi_display(surface) in screen and surface not in screen   # shown reordered
    assert bidi_display("أرامكو السعودية") in screen
    term.press("a", f"claim 2 of {len(claims)}")
    term.press("q", "[exit 0]")
    assert results.read_bytes() == before
    assert load(review_path(results))[0]["claim_id"] == claims[0]["claim_id"]


def test_review_without_a_terminal_is_a_usage_error(results: Path):
    proc = subprocess.run([*CLI, "review", str(results)], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2
    assert "terminal" in proc.stderr and "--export" in proc.stderr


def test_bad_filter_is_a_usage_error(results: Path, capsys):
    assert main(["review", str(results), "--filter", "colour=red", "--export", "x.jsonl"]) == 2
    assert "unknown key" in capsys.readouterr().err
    assert main(["review", str(results), "--export", str(results.parent / "x.txt")]) == 2


def _decide(results: Path, *decisions: tuple[str, str, str]) -> None:
    with open(review_path(results), "a", encoding="utf-8") as fh:
        for cid, decision, stance in decisions:
            fh.write(json.dumps({"claim_id": cid, "decision": decision, "stance": stance, "time": "t"}) + "\n")
        fh.write('{"claim_id": "torn')  # a crash mid-line: ignored


def test_export_jsonl_and_csv_apply_decisions(results: Path):
    claims = load(results)
    c0, c1, c2 = claims[:3]
    other = "bull" if c2["stance"] != "bull" else "bear"
    _decide(results, (c0["claim_id"], "accept", c0["stance"]), (c1["claim_id"], "reject", c1["stance"]),
            (c2["claim_id"], "reject", c2["stance"]), (c2["claim_id"], "accept", other))
    out = results.parent / "reviewed.jsonl"
    assert main(["review", str(results), "--export", str(out)]) == 0
    got = {r["claim_id"]: r for r in load(out)}
    assert c1["claim_id"] not in got                     # rejected: dropped
    assert len(got) == len(claims) - 1
    assert got[c0["claim_id"]]["review"] == "accepted" and "original_stance" not in got[c0["claim_id"]]
    assert got[c2["claim_id"]]["stance"] == other and got[c2["claim_id"]]["original_stance"] == c2["stance"]
    assert got[claims[3]["claim_id"]]["review"] == "unreviewed"
    assert got[c0["claim_id"]]["quantity"] == c0["quantity"]  # the record otherwise untouched

    out_csv = results.parent / "reviewed.csv"
    assert main(["review", str(results), "--export", str(out_csv), "--filter", "decision=accept"]) == 0
    with open(out_csv, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["claim_id"] for r in rows] == [c0["claim_id"], c2["claim_id"]]
    assert rows[1]["stance"] == other and rows[1]["original_stance"] == c2["stance"]
    assert rows[0]["review"] == "accepted" and rows[0]["surface"] == c0["quantity"]["surface"]

    # the decisions file can still be appended to after the torn line
    from arclaim.review import DecisionLog

    log = DecisionLog(review_path(results))
    log.add(claims[4]["claim_id"], "reject", claims[4]["stance"])
    log.close()
    assert DecisionLog(review_path(results)).decisions[claims[4]["claim_id"]]["decision"] == "reject"


def test_export_with_filters(results: Path):
    out = results.parent / "aramco.jsonl"
    assert main(["review", str(results), "--export", str(out), "--filter", "doc=*aramco*",
                 "--filter", "kind=money"]) == 0
    got = load(out)
    assert got and all(r["doc"] == "posts/aramco.txt" and r["quantity"]["kind"] == "money" for r in got)


def test_highlights_use_record_offsets(results: Path):
    rec = next(r for r in load(results) if r["doc"] == "posts/sabic.txt" and r["quantity"]["kind"] == "percent")
    text = rec["sentence"]["text"]
    spans = {text[s:e]: style for s, e, style in highlight_spans(rec)}
    assert spans[rec["quantity"]["surface"]].startswith("bold black on yellow")
    assert "سابك" in spans and "cyan" in spans["سابك"]  # the subject entity


def test_visual_order_keeps_indexes():
    line = "ارتفع السهم 4% اليوم"
    order = visual_order(line)
    assert "".join(ch for ch, _ in order) == bidi_display(line)
    assert sorted(i for _, i in order) == list(range(len(line)))
