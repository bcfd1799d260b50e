"""`arclaim batch`: deterministic output, per-file failures, resume, crash repair, kill -9 and Ctrl-C."""

from __future__ import annotations

import json
import re
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from arclaim.batch import OutputFiles, repair
from arclaim.cli import main

POSTS = {
    "gulf/aramco-q2.txt": "أعلنت أرامكو السعودية عن صافي ربح بلغ 110 مليارات ريال في الربع الثاني، "
                          "بانخفاض 12% عن الفترة نفسها من العام الماضي.\nالسهم خسر 3% في أسبوع.\n",
    "gulf/sabic-loss.txt": "سجلت سابك خسارة صافية قدرها 300 مليون ريال، وتراجع السهم 4% بعد النتائج.\n",
    "gulf/rajhi.md": "# الراجحي\nارتفعت أرباح مصرف الراجحي إلى 5.2 مليار ريال بنمو 18% على أساس سنوي.\n",
    "uae/emaar-sales.txt": "باعت إعمار عقارات بقيمة 40 مليار درهم في النصف الأول، والسهم صاعد بقوة 🚀\n",
    "egypt/cib.txt": "البنك التجاري الدولي حقق أرباح 30 مليار جنيه، والسهم طالع 7% النهارده.\n",
    "egypt/no-numbers.txt": "السوق هادي النهارده ومفيش أخبار مهمة.\n",
    "empty.txt": "",
}

# `arclaim` itself (python -m arclaim.cli would define a second UsageError class in __main__)
CLI = [sys.executable, "-c", "import sys; from arclaim.cli import main; sys.exit(main())"]


def make_posts(root: Path, posts: dict[str, str] = POSTS) -> Path:
    for name, text in posts.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def batch(tmp: Path, *args: str) -> int:
    """In process (fast): arclaim batch, cwd = tmp so record `doc`s are relative and comparable."""
    old = os.getcwd()
    os.chdir(tmp)
    try:
        return main(["batch", *args, "--no-model"])
    finally:
        os.chdir(old)


def batch_proc(tmp: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "batch", *args, "--no-model"], cwd=tmp, capture_output=True, text=True,
                          timeout=120, **kw)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def ids(path: Path) -> list[str]:
    return [r["claim_id"] for r in records(path)]


def manifest(tmp: Path, out: str = "results.jsonl") -> dict[str, dict]:
    lines = OutputFiles.for_output(tmp / out).manifest.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert len({e["path"] for e in entries}) == len(entries), "a file twice in the manifest"
    return {e["path"]: e for e in entries}


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    make_posts(tmp_path / "posts")
    return tmp_path


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory) -> tuple[Path, list[dict]]:
    tmp = tmp_path_factory.mktemp("clean")
    make_posts(tmp / "posts")
    assert batch(tmp, "posts", "--out", "results.jsonl", "-j", "1") == 0
    return tmp, records(tmp / "results.jsonl")


def test_clean_run_records_and_manifest(clean_run):
    tmp, recs = clean_run
    docs = [r["doc"] for r in recs]
    # grouped by document in sorted path order; .md and nested folders found by the default globs
    assert docs == sorted(docs, key=lambda d: Path(d).parts)
    assert {"posts/gulf/aramco-q2.txt", "posts/gulf/rajhi.md", "posts/egypt/cib.txt"} <= set(docs)
    assert len(ids(tmp / "results.jsonl")) == len(set(ids(tmp / "results.jsonl")))
    m = manifest(tmp)
    assert set(m) == {f"posts/{name}" for name in POSTS}  # empty and claim-less files are done, not failed
    assert m["posts/empty.txt"]["claims"] == 0
    assert all(len(e["sha256"]) == 64 for e in m.values())
    assert sum(e["claims"] for e in m.values()) == len(recs)
    assert not (tmp / "results.errors.jsonl").exists()


def test_deterministic_across_workers(clean_run):
    tmp, recs = clean_run
    out2 = tmp / "j2.jsonl"
    proc = batch_proc(tmp, "posts", "--out", str(out2), "-j", "2")
    assert proc.returncode == 0, proc.stderr
    assert out2.read_bytes() == (tmp / "results.jsonl").read_bytes()
    assert "claims" in proc.stderr and "files processed" in proc.stderr  # the summary, on stderr
    assert proc.stdout == ""
    assert "━" not in proc.stderr.split("files processed")[0].splitlines()[0]  # no progress bar off a terminal


def test_failures_go_to_errors_file_and_never_stop_the_run(posts: Path):
    bad = posts / "posts" / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02PK binary")
    (bad / "latin1.txt").write_bytes("ارتفع".encode("utf-8") + b" \xe9t\xe9 ")
    (bad / "huge.txt").write_text("ارتفعت أرباح سابك 5% " * 400, encoding="utf-8")
    rc = batch(posts, "posts", "--out", "results.jsonl", "-j", "1", "--max-bytes", "4000")
    assert rc == 1
    errors = {json.loads(line)["path"]: json.loads(line)
              for line in (posts / "results.errors.jsonl").read_text(encoding="utf-8").splitlines()}
    assert {p: e["reason"] for p, e in errors.items()} == {
        "posts/bad/binary.txt": "binary", "posts/bad/latin1.txt": "invalid_utf8", "posts/bad/huge.txt": "too_large"}
    assert all(set(e) == {"path", "reason", "error"} and e["path"] in e["error"] for e in errors.values())
    docs = {r["doc"] for r in records(posts / "results.jsonl")}
    assert "posts/gulf/sabic-loss.txt" in docs and "posts/uae/emaar-sales.txt" in docs
    assert not any(d.startswith("posts/bad/") for d in docs)
    assert not any(p.startswith("posts/bad/") for p in manifest(posts, "results.jsonl"))
    # fixed files are retried on the next run; a clean run removes the stale errors file
    (bad / "latin1.txt").write_text("تراجع الجنيه 2%", encoding="utf-8")
    (bad / "binary.txt").unlink()
    (bad / "huge.txt").unlink()
    assert batch(posts, "posts", "--out", "results.jsonl", "-j", "1", "--max-bytes", "4000") == 0
    assert not (posts / "results.errors.jsonl").exists()
    assert "posts/bad/latin1.txt" in manifest(posts, "results.jsonl")


def test_resume_skips_done_files_and_redoes_changed_ones(posts: Path, capsys):
    assert batch(posts, "posts", "--out", "results.jsonl", "-j", "1") == 0
    first = (posts / "results.jsonl").read_bytes()
    m1 = manifest(posts)
    capsys.readouterr()
    assert batch(posts, "posts", "--out", "results.jsonl", "-j", "1") == 0
    err = capsys.readouterr().err
    assert re.search(rf"files skipped \(done before\)\s*│\s*{len(POSTS)}\s*│", err)
    assert re.search(r"files processed\s*│\s*0\s*│", err)
    assert (posts / "results.jsonl").read_bytes() == first
    assert manifest(posts) == m1  # nothing redone

    # a changed file is redone and its old records replaced; a new file is added in sorted place
    (posts / "posts/gulf/sabic-loss.txt").write_text("سجلت سابك أرباحاً بلغت 900 مليون ريال.\n", encoding="utf-8")
    (posts / "posts/gulf/alinma.txt").write_text("ارتفعت أرباح مصرف الإنماء 20% إلى 1.5 مليار ريال.\n",
                                                 encoding="utf-8")
    assert batch(posts, "posts", "--out", "results.jsonl", "-j", "1") == 0
    recs = records(posts / "results.jsonl")
    sabic = [r["quantity"]["surface"] for r in recs if r["doc"] == "posts/gulf/sabic-loss.txt"]
    assert sabic == ["900 مليون ريال"]
    assert any(r["doc"] == "posts/gulf/alinma.txt" for r in recs)
    docs = [r["doc"] for r in recs]
    assert docs == sorted(docs, key=lambda d: Path(d).parts)
    m2 = manifest(posts)
    assert m2["posts/gulf/sabic-loss.txt"]["sha256"] != m1["posts/gulf/sabic-loss.txt"]["sha256"]
    assert m2["posts/egypt/cib.txt"] == m1["posts/egypt/cib.txt"]

    # the same result as a clean run over the new folder
    fresh = posts / "fresh.jsonl"
    assert batch(posts, "posts", "--out", str(fresh), "-j", "1") == 0
    assert fresh.read_bytes() == (posts / "results.jsonl").read_bytes()


def test_simulated_crash_is_repaired(clean_run, tmp_path: Path):
    src, recs = clean_run
    make_posts(tmp_path / "posts")
    out = tmp_path / "results.jsonl"
    files = OutputFiles.for_output(out)
    m = manifest(src)
    full = (src / "results.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    done = ["posts/egypt/cib.txt", "posts/egypt/no-numbers.txt", "posts/empty.txt"]
    # finished: cib (records + manifest line). In flight: aramco's records are all written but its manifest
    # line is not; sabic's last record is torn mid-line.
    keep = [line for line in full if json.loads(line)["doc"] in done + ["posts/gulf/aramco-q2.txt"]]
    sabic = [line for line in full if json.loads(line)["doc"] == "posts/gulf/sabic-loss.txt"]
    out.write_text("".join(keep) + sabic[0] + sabic[1][: len(sabic[1]) // 2], encoding="utf-8")
    files.manifest.write_text("".join(json.dumps(m[p]) + "\n" for p in done) + '{"path": "posts/gu',
                              encoding="utf-8")
    assert batch(tmp_path, "posts", "--out", "results.jsonl", "-j", "1") == 0
    assert out.read_bytes() == (src / "results.jsonl").read_bytes()  # no duplicates, nothing lost, same order
    assert set(manifest(tmp_path)) == set(m)


def test_repair_drops_records_whose_count_disagrees_with_the_manifest(clean_run, tmp_path: Path):
    src, recs = clean_run
    out = tmp_path / "results.jsonl"
    cib = [r for r in recs if r["doc"] == "posts/egypt/cib.txt"]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in cib[:-1]), encoding="utf-8")
    OutputFiles.for_output(out).manifest.write_text(json.dumps(manifest(src)["posts/egypt/cib.txt"]) + "\n")
    state = repair(OutputFiles.for_output(out))
    assert state.done == {} and out.read_text() == ""


def _start_killable(tmp: Path, n_files: int) -> subprocess.Popen:
    posts = {f"many/{i:04d}-{name.replace('/', '-')}": text
             for i in range(n_files // len(POSTS) + 1) for name, text in POSTS.items()}
    make_posts(tmp / "posts", posts)
    return subprocess.Popen([*CLI, "batch", "posts", "--out", "results.jsonl", "-j", "2", "--no-model"], cwd=tmp,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_run_then_rerun_equals_clean_run(tmp_path: Path, sig):
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    killed.mkdir()
    proc = _start_killable(killed, 700)
    files = OutputFiles.for_output(killed / "results.jsonl")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if files.manifest.exists() and files.manifest.stat().st_size > 0:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the run finished before it could be killed: " + proc.stderr.read().decode()
        time.sleep(0.05)
        if sig == signal.SIGKILL:
            os.kill(proc.pid, signal.SIGKILL)  # the main process only, as a crash would
        else:
            os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
        rc = proc.wait(timeout=30)
        assert rc == (-9 if sig == signal.SIGKILL else 130)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # leftover workers of the run started above
        except ProcessLookupError:
            pass
        proc.stderr.close()
    partial = manifest(killed)
    assert 0 < len(partial) < 700
    rerun = batch_proc(killed, "posts", "--out", "results.jsonl", "-j", "2")
    assert rerun.returncode == 0, rerun.stderr
    make_posts(clean / "posts", {p.relative_to(killed / "posts").as_posix(): p.read_text(encoding="utf-8")
                                 for p in (killed / "posts").rglob("*") if p.is_file()})
    assert batch(clean, "posts", "--out", "results.jsonl", "-j", "1") == 0
    got, want = ids(killed / "results.jsonl"), ids(clean / "results.jsonl")
    assert len(got) == len(set(got)), "duplicated records"
    assert set(got) == set(want)
    assert (killed / "results.jsonl").read_bytes() == (clean / "results.jsonl").read_bytes()
    for path, entry in manifest(killed).items():
        if path in partial:
            assert entry == partial[path]  # finished files were skipped, not redone


def test_usage_errors(tmp_path: Path, capsys):
    assert batch(tmp_path, "nowhere", "--out", "r.jsonl") == 2
    assert "not a folder" in capsys.readouterr().err
    (tmp_path / "d").mkdir()
    assert batch(tmp_path, "d", "--out", "r.jsonl", "-j", "0") == 2
    assert batch(tmp_path, "d", "--out", "r.jsonl", "--reference", "missing.csv") == 2


def test_reference_adds_verdicts_in_workers(posts: Path):
    (posts / "figures.csv").write_text("subject,metric,value,unit,year\n"
                                       "SABIC,net_income,300000000,SAR,\n"
                                       "Saudi Aramco,net_income,85600000000,SAR,\n", encoding="utf-8")
    proc = batch_proc(posts, "posts", "--out", "results.jsonl", "-j", "2", "--reference", "figures.csv")
    assert proc.returncode == 0, proc.stderr
    verdicts = {r["quantity"]["surface"]: (r.get("check") or {}).get("verdict")
                for r in records(posts / "results.jsonl")}
    assert verdicts["300 مليون ريال"] == "supported"
    assert verdicts["110 مليارات ريال"] == "contradicted"
    assert re.search(r"verdict supported\s*│\s*\d+", proc.stderr)
    assert re.search(r"verdict contradicted\s*│\s*\d+", proc.stderr)


def test_rerun_with_other_options_redoes_files(posts: Path):
    assert batch(posts, "posts", "--out", "results.jsonl", "-j", "1") == 0
    assert not any(r.get("check") for r in records(posts / "results.jsonl"))
    (posts / "figures.csv").write_text("subject,metric,value,unit\nSABIC,net_income,300000000,SAR\n",
                                       encoding="utf-8")
    assert batch(posts, "posts", "--out", "results.jsonl", "-j", "1", "--reference", "figures.csv") == 0
    recs = records(posts / "results.jsonl")
    assert all(r.get("check") for r in recs if r["quantity"]["kind"] in ("money", "percent"))
    assert len({r["claim_id"] for r in recs}) == len(recs)


def test_the_folder_spelt_another_way_or_from_elsewhere_is_the_same_documents(posts: Path):
    """posts, ./posts/, /abs/posts, and `.` run inside it name each file alike: no record twice."""
    assert batch(posts, "posts", "--out", "r.jsonl", "-j", "1") == 0
    first = (posts / "r.jsonl").read_bytes()
    assert batch(posts, str((posts / "posts").resolve()), "--out", "r.jsonl", "-j", "1") == 0
    assert batch(posts, "./posts/", "--out", "r.jsonl", "-j", "1") == 0
    assert batch(posts / "posts", ".", "--out", "../r.jsonl", "-j", "1") == 0
    assert (posts / "r.jsonl").read_bytes() == first
    assert all(d.startswith("posts/") for d in manifest(posts, "r.jsonl"))


def test_a_file_deleted_from_the_folder_loses_its_records(posts: Path):
    assert batch(posts, "posts", "--out", "r.jsonl", "-j", "1") == 0
    assert "posts/gulf/sabic-loss.txt" in {r["doc"] for r in records(posts / "r.jsonl")}
    (posts / "posts/gulf/sabic-loss.txt").unlink()
    assert batch(posts, "posts", "--out", "r.jsonl", "-j", "1") == 0
    assert "posts/gulf/sabic-loss.txt" not in {r["doc"] for r in records(posts / "r.jsonl")}
    assert "posts/gulf/sabic-loss.txt" not in manifest(posts, "r.jsonl")
    assert "posts/gulf/aramco-q2.txt" in manifest(posts, "r.jsonl")


@pytest.mark.parametrize("out,says", [("outdir", "is a folder"), ("afile/x.jsonl", "is a file, not a folder"),
                                      ("/proc/arclaim-x.jsonl", "cannot write there")])
def test_an_output_that_cannot_be_written_is_a_usage_error(posts: Path, out, says):
    (posts / "outdir").mkdir()
    (posts / "afile").write_text("x", encoding="utf-8")
    proc = batch_proc(posts, "posts", "--out", out)
    assert proc.returncode == 2 and says in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_two_folders_that_share_a_name_keep_their_own_records(tmp_path: Path):
    """a/posts and b/posts into one output: each file keeps its records, none is taken for the other."""
    make_posts(tmp_path / "a" / "posts", {"x.txt": "ارتفع سهم أرامكو 3% اليوم.\n", "only_a.txt": "تراجع سهم سابك 2%.\n"})
    make_posts(tmp_path / "b" / "posts", {"x.txt": "قفز سهم إعمار 5% اليوم.\n"})
    assert batch(tmp_path, "a/posts", "--out", "out/r.jsonl", "-j", "1") == 0
    assert batch(tmp_path, "b/posts", "--out", "out/r.jsonl", "-j", "1") == 0
    docs = {r["doc"]: r["quantity"]["surface"] for r in records(tmp_path / "out/r.jsonl")}
    assert docs == {"../a/posts/x.txt": "3%", "../a/posts/only_a.txt": "2%", "../b/posts/x.txt": "5%"}
