"""The command line as people use it: pipes, files, folders, errors, formats, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

POST = "قفز سهم إنفيديا بنسبة ١٢٪ بعد أن ضخت الشركة ملياري دولار في كورويف.\n"


def run(args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "arclaim.cli", *args], input=stdin, capture_output=True, timeout=120)


def test_stdin_gives_json_lines_with_exact_spans():
    res = run(["extract", "--no-model"], POST.encode())
    assert res.returncode == 0, res.stderr
    records = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert [r["quantity"]["surface"] for r in records] == ["١٢٪", "ملياري دولار"]
    for r in records:
        q = r["quantity"]
        assert POST[q["start"] : q["end"]] == q["surface"]
        assert r["doc"] == "-"
    assert records[1]["quantity"]["value"] == 2e9 and records[1]["quantity"]["unit"] == "USD"
    assert "ملياري" in res.stdout.decode()  # Arabic unescaped


def test_bad_files_are_reported_and_others_still_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(POST, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "latin1.txt").write_bytes("سعر".encode("utf-8") + b"\xff\xfe")
    (tmp_path / "empty.txt").write_bytes(b"")
    res = run(["extract", "--no-model", str(tmp_path), str(tmp_path / "missing.txt")])
    assert res.returncode == 1
    err = res.stderr.decode()
    assert "binary.txt: binary file" in err
    assert "latin1.txt: invalid UTF-8 at byte" in err
    assert "missing.txt: no such file" in err
    assert "empty.txt: empty file" in err
    docs = {json.loads(line)["doc"] for line in res.stdout.decode().splitlines()}
    assert docs == {str(good)}


def test_bom_is_dropped_and_offsets_index_decoded_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode("utf-8") + POST.encode("utf-8"))
    res = run(["extract", "--no-model", str(path)])
    rec = json.loads(res.stdout.decode().splitlines()[0])
    assert POST[rec["quantity"]["start"] : rec["quantity"]["end"]] == rec["quantity"]["surface"]


def test_crlf_is_not_translated(tmp_path):
    text = "السطر الأول\r\nارتفع السهم 5%\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    rec = json.loads(run(["extract", "--no-model", str(path)]).stdout.decode().splitlines()[0])
    assert text[rec["quantity"]["start"] : rec["quantity"]["end"]] == "5%"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_formats(fmt):
    res = run(["extract", "--no-model", "--format", fmt], POST.encode())
    assert res.returncode == 0
    out = res.stdout.decode()
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [r["surface"] for r in rows] == ["١٢٪", "ملياري دولار"]
    else:
        assert [r["quantity"]["unit"] for r in json.loads(out)] == ["%", "USD"]


def test_usage_errors_exit_2():
    assert run(["extract", "--format", "xml"], b"").returncode == 2
    assert run(["extract", "--currency-default", "ريال"], POST.encode()).returncode == 2
    assert run([]).returncode == 2


def test_help_shows_examples():
    res = run(["extract", "--help"])
    assert res.returncode == 0
    assert "examples:" in res.stdout.decode() and "arclaim extract" in res.stdout.decode()


def test_currency_default_is_settable():
    res = run(["extract", "--no-model", "--currency-default", "ريال=QAR"], "الربح 5 ملايين ريال".encode())
    assert json.loads(res.stdout.decode())["quantity"]["unit"] == "QAR"


def test_glob_selects_files(tmp_path):
    (tmp_path / "a.txt").write_text(POST, encoding="utf-8")
    (tmp_path / "b.post").write_text(POST, encoding="utf-8")
    res = run(["extract", "--no-model", str(tmp_path), "--glob", "*.post"])
    docs = {json.loads(line)["doc"] for line in res.stdout.decode().splitlines()}
    assert docs == {str(tmp_path / "b.post")}


def test_all_quantities_adds_years_and_durations():
    text = "تستهدف الشركة 5 جيجاوات بحلول 2030 خلال خمس سنوات"
    kinds = [json.loads(l)["quantity"]["kind"] for l in run(["extract", "--no-model", "--all-quantities"], text.encode()).stdout.decode().splitlines()]
    assert kinds == ["power", "year", "duration"]
    kinds = [json.loads(l)["quantity"]["kind"] for l in run(["extract", "--no-model"], text.encode()).stdout.decode().splitlines()]
    assert kinds == ["power"]


def test_standard_input_has_the_size_limit_of_files():
    res = run(["extract", "--no-model", "--max-bytes", "1000"], (POST * 50).encode())
    assert res.returncode == 1 and b"-: input too large" in res.stderr and not res.stdout


def test_extract_and_batch_reject_bad_options_alike(tmp_path):
    (tmp_path / "p").mkdir()
    for cmd in (["extract"], ["batch", str(tmp_path / "p"), "--out", str(tmp_path / "r.jsonl")]):
        assert run([*cmd, "--no-model", "--max-bytes", "-1"], POST.encode()).returncode == 2
        res = run([*cmd, "--no-model", "--reference", str(tmp_path / "missing.csv")], POST.encode())
        assert res.returncode == 2 and b"no such file" in res.stderr


def test_broken_links_in_a_folder_are_reported_not_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(POST, encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    res = run(["extract", "--no-model", str(tmp_path)])
    err = res.stderr.decode()
    assert res.returncode == 1 and "broken.txt: no such file" in err and "loop.txt:" in err, err
    assert {json.loads(line)["doc"] for line in res.stdout.decode().splitlines()} == {str(tmp_path / "good.txt")}


def test_a_nul_byte_past_the_first_page_makes_a_binary_file(tmp_path):
    (tmp_path / "late.txt").write_bytes(POST.encode() * 200 + b"\x00\x01" + POST.encode())
    res = run(["extract", "--no-model", str(tmp_path / "late.txt")])
    assert res.returncode == 1 and b"binary file" in res.stderr and not res.stdout


def test_eval_on_a_file_that_is_not_gold_says_so(tmp_path):
    claims = tmp_path / "claims.jsonl"
    claims.write_bytes(run(["extract", "--no-model"], POST.encode()).stdout)
    res = run(["eval", "--no-model", str(claims)])
    assert res.returncode == 1 and b"claims.jsonl:1: not a gold record" in res.stderr, res.stderr
