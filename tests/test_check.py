"""Checking claims against reference tables (issue 5): table loading, every verdict rule, units, the CLI."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from arclaim import cli
from arclaim.check import ReferenceError, ReferenceTable, print_summary
from arclaim.entities import Gazetteer
from arclaim.models import Claim, Quantity, Span
from arclaim.units import UnknownUnitError, canonical_unit

DATA = Path(__file__).parent / "data" / "check"


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer()


@pytest.fixture(scope="module")
def extractor():
    """The cues alone: these tests are about checking, so a retrained model must not move them."""
    from arclaim.pipeline import Extractor, ExtractorConfig

    return Extractor(ExtractorConfig(stance_model=None, metric_model=False))


@pytest.fixture(scope="module")
def figures(gazetteer):
    return ReferenceTable.load(DATA / "figures.csv", gazetteer)


def one_claim(extractor, text: str) -> Claim:
    claims = extractor.extract(text, "t")
    assert len(claims) == 1, [c.quantity.surface for c in claims]
    return claims[0]


def make_claim(subject, metric, value, unit, kind, bound="exact", upper=None, year=None) -> Claim:
    q = Quantity(surface=str(value), start=0, end=1, value=value, upper=upper, unit=unit, kind=kind, bound=bound)
    return Claim(doc="t", claim_id="c", sentence=Span(text="x", start=0, end=1), quantity=q,
                 subject=subject, metric=metric, year=year)


# ------------------------------------------------------------------ units


@pytest.mark.parametrize("text,unit,kind,factor", [
    ("GW", "W", "power", 1e9), ("MW", "W", "power", 1e6), ("kW", "W", "power", 1e3), ("gw", "W", "power", 1e9),
    ("TWh", "Wh", "energy", 1e12), ("ميغاواط", "W", "power", 1e6),
    ("%", "%", "percent", 1), ("pp", "pp", "pp", 1), ("bp", "pp", "pp", 0.01), ("bps", "pp", "pp", 0.01),
    ("نقطة أساس", "pp", "pp", 0.01), ("نقاط مئوية", "pp", "pp", 1),
    ("USD", "USD", "money", 1), ("$", "USD", "money", 1), ("دولار", "USD", "money", 1),
    ("الدولار", "USD", "money", 1), ("ريال", "SAR", "money", 1), ("ريال قطري", "QAR", "money", 1),
    ("سنت", "USD", "money", 0.01), ("EUR", "EUR", "money", 1),
    ("طن", "t", "mass", 1), ("kg", "t", "mass", 0.001), ("oz", "oz", "mass", 1), ("bbl", "bbl", "volume", 1),
    ("count", "count", "count", 1),
])
def test_canonical_unit(text, unit, kind, factor):
    info = canonical_unit(text)
    assert (info.unit, info.kind) == (unit, kind)
    assert info.factor == pytest.approx(factor)


@pytest.mark.parametrize("text", ["furlongs", "bn USD", "", "   ", "مليار"])
def test_unknown_unit_raises_naming_it(text):
    with pytest.raises(UnknownUnitError) as err:
        canonical_unit(text)
    if text.strip():
        assert repr(text.strip()) in str(err.value)


# ------------------------------------------------------------------ loading


def test_load_csv_converts_units_and_resolves_arabic_latin_and_ticker_subjects(figures):
    by_line = {r.line: r for r in figures.rows}
    assert by_line[2].subject == "Nvidia"  # إنفيديا
    assert by_line[3].subject == "Saudi Aramco" and by_line[3].unit == "USD"  # أرامكو, دولار
    assert by_line[5].subject == "Saudi Aramco"  # ticker 2222.SR
    assert by_line[6].unit == "W" and by_line[6].value == pytest.approx(2e9)  # 2000 MW
    assert by_line[7].subject == "Federal Reserve" and by_line[7].unit == "pp"
    assert by_line[7].value == pytest.approx(0.25)  # 25 bp
    assert by_line[9].subject == "Tesla" and by_line[9].tolerance == pytest.approx(0.02)
    assert figures.warnings == []


def test_load_jsonl_with_blank_line_and_extra_fields(gazetteer):
    table = ReferenceTable.load(DATA / "figures.jsonl", gazetteer)
    lines = sorted(r.line for r in table.rows)
    assert lines == [1, 3, 4]  # line 2 is blank, numbering follows the file
    fed = next(r for r in table.rows if r.line == 1)
    assert (fed.subject, fed.unit, fed.value) == ("Federal Reserve", "pp", pytest.approx(0.25))
    assert fed.evidence()["analyst"] == "R. Haddad"
    nvda = next(r for r in table.rows if r.line == 4)
    assert nvda.subject == "Nvidia" and nvda.value == pytest.approx(2e9)  # "2,000,000,000" with commas


def test_bom_is_ignored(gazetteer, extractor):
    table = ReferenceTable.load(DATA / "bom.csv", gazetteer)
    assert [r.subject for r in table.rows] == ["Nvidia"]
    check = table.check(one_claim(extractor, "ضخت إنفيديا ملياري دولار في كورويف."))
    assert check.verdict == "supported"


def test_missing_header(gazetteer):
    with pytest.raises(ReferenceError) as err:
        ReferenceTable.load(DATA / "bad_no_header.csv", gazetteer)
    msg = str(err.value)
    assert "bad_no_header.csv" in msg and "line 1" in msg and "header" in msg
    assert "'subject'" in msg  # names the missing columns


def test_non_numeric_value_names_file_line_and_column(gazetteer):
    with pytest.raises(ReferenceError) as err:
        ReferenceTable.load(DATA / "bad_value.csv", gazetteer)
    assert len(err.value.problems) == 1
    problem = err.value.problems[0]
    assert "bad_value.csv" in problem and "line 3" in problem and "column 'value'" in problem and "كثير" in problem
    assert isinstance(err.value, ValueError)


def test_unknown_unit(gazetteer):
    with pytest.raises(ReferenceError) as err:
        ReferenceTable.load(DATA / "bad_unit.csv", gazetteer)
    assert "line 2, column 'unit'" in str(err.value) and "'bn USD'" in str(err.value)


def test_unknown_subject(gazetteer):
    with pytest.raises(ReferenceError) as err:
        ReferenceTable.load(DATA / "bad_subject.csv", gazetteer)
    assert "line 2, column 'subject'" in str(err.value) and "Acme Widgets" in str(err.value)


def test_all_problems_listed_one_per_line(gazetteer):
    with pytest.raises(ReferenceError) as err:
        ReferenceTable.load(DATA / "bad_many.csv", gazetteer)
    problems = err.value.problems
    assert len(problems) == 4
    assert any("line 3, column 'unit'" in p for p in problems)
    assert any("line 4, column 'subject'" in p for p in problems)
    assert any("line 5, column 'year'" in p for p in problems)
    assert any("line 6, column 'tolerance'" in p for p in problems)
    assert not any("line 2" in p for p in problems)  # the good row is not blamed
    lines = str(err.value).splitlines()
    assert len(lines) == 1 + 4 and "4 problems" in lines[0]


def test_bad_jsonl(gazetteer):
    with pytest.raises(ReferenceError) as err:
        ReferenceTable.load(DATA / "bad.jsonl", gazetteer)
    problems = err.value.problems
    assert len(problems) == 2
    assert "line 2, column" in problems[0] and "invalid JSON" in problems[0]
    assert "line 3" in problems[1] and "'unit'" in problems[1]


def test_missing_file_and_header_only(gazetteer, tmp_path):
    with pytest.raises(ReferenceError, match="no such file"):
        ReferenceTable.load(tmp_path / "nope.csv", gazetteer)
    with pytest.raises(ReferenceError, match="no rows"):
        ReferenceTable.load(DATA / "empty_rows.csv", gazetteer)


def test_conflicting_duplicates_are_warnings(gazetteer):
    table = ReferenceTable.load(DATA / "duplicates.csv", gazetteer)
    assert len(table.rows) == 5  # not fatal
    # 2 GW and 2000 MW agree (same canonical value); 2.5 GW conflicts; a different year is no conflict
    assert len(table.warnings) == 1
    assert "lines 2 and 4" in table.warnings[0] and "ACWA Power capacity 2024" in table.warnings[0]


def test_unknown_metric_warns(gazetteer, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("subject,metric,value,unit\nNvidia,revenu,1,USD\n", encoding="utf-8")
    table = ReferenceTable.load(path, gazetteer)
    assert len(table.warnings) == 1 and "'revenu'" in table.warnings[0] and "line 2" in table.warnings[0]


# ------------------------------------------------------------------ rules


def test_exact_supported_with_evidence(figures, extractor):
    claim = one_claim(extractor, "ضخت إنفيديا ملياري دولار في كورويف.")
    check = figures.check(claim)
    assert check.verdict == "supported"
    assert check.difference == pytest.approx(0.0)
    ref = check.reference
    assert ref["line"] == 2 and ref["file"].endswith("figures.csv")
    assert ref["subject"] == "إنفيديا" and ref["source"] == "Nvidia 8-K"
    assert ref["url"] == "https://example.com/nvda-8k"  # extra column kept as evidence
    assert check.reason and check.others == []


def test_exact_contradicted(figures, extractor):
    check = figures.check(one_claim(extractor, "ضخت إنفيديا 3 مليارات دولار في كورويف."))
    assert check.verdict == "contradicted"
    assert check.difference == pytest.approx(0.5)  # 3bn vs 2bn
    assert "above" in check.reason and "line 2" in check.reason


def test_exact_default_tolerance_half_percent(figures, extractor):
    near = figures.check(one_claim(extractor, "بلغ التضخم في مصر 34% في 2023."))  # 0.29% off 33.9
    far = figures.check(one_claim(extractor, "بلغ التضخم في مصر 34.5% في 2023."))  # 1.8% off
    assert near.verdict == "supported" and near.difference == pytest.approx(0.1 / 33.9)
    assert far.verdict == "contradicted" and far.difference == pytest.approx(0.6 / 33.9)


def test_exact_row_tolerance(figures, extractor, gazetteer, tmp_path):
    claim = one_claim(extractor, "بلغت إيرادات تسلا 96 مليار دولار في 2024.")  # 1.7% below 97.69 bn
    assert figures.check(claim).verdict == "supported"  # the row allows 2%
    strict = tmp_path / "strict.csv"
    strict.write_text("subject,metric,value,unit,year\nTesla,revenue,97690000000,USD,2024\n", encoding="utf-8")
    assert ReferenceTable.load(strict, gazetteer).check(claim).verdict == "contradicted"  # default 0.5%


def test_approx_within_ten_percent(figures, extractor):
    inside = figures.check(one_claim(extractor, "بلغت إيرادات تسلا نحو 90 مليار دولار في 2024."))  # -7.9%
    outside = figures.check(one_claim(extractor, "بلغت إيرادات تسلا نحو 85 مليار دولار في 2024."))  # -13%
    assert inside.verdict == "supported"
    assert outside.verdict == "contradicted" and outside.difference == pytest.approx(85 / 97.69 - 1)


def test_approx_boundary_constructed(figures):
    assert figures.check(make_claim("Tesla", "revenue", 97.69e9 * 1.099, "USD", "money", "approx")).verdict == "supported"
    assert figures.check(make_claim("Tesla", "revenue", 97.69e9 * 1.101, "USD", "money", "approx")).verdict == "contradicted"


def test_at_least(figures, extractor):
    more = one_claim(extractor, "استثمرت أرامكو أكثر من 5 مليارات دولار في الصين.")
    assert more.quantity.bound == "at_least"
    assert figures.check(more).verdict == "supported"  # reference 6 bn >= 5 bn
    floor = one_claim(extractor, "استثمرت أرامكو ما لا يقل عن 7 مليارات دولار.")
    check = figures.check(floor)
    assert check.verdict == "contradicted" and check.reference["line"] == 5


def test_at_most(figures, extractor):
    under = one_claim(extractor, "قدرة أكوا باور تصل إلى 1500 ميغاواط.")
    assert under.quantity.bound == "at_most"
    assert figures.check(under).verdict == "contradicted"  # reference 2000 MW > 1500 MW
    assert figures.check(one_claim(extractor, "قدرة أكوا باور تصل إلى 3 غيغاواط.")).verdict == "supported"


def test_bounds_use_tolerance(figures):
    # at_least 2.005 GW vs 2000 MW: 0.25% short, inside the default 0.5%
    assert figures.check(make_claim("ACWA Power", "capacity", 2.005e9, "W", "power", "at_least")).verdict == "supported"
    assert figures.check(make_claim("ACWA Power", "capacity", 2.1e9, "W", "power", "at_least")).verdict == "contradicted"
    assert figures.check(make_claim("ACWA Power", "capacity", 1.995e9, "W", "power", "at_most")).verdict == "supported"


def test_range(figures, extractor):
    inside = one_claim(extractor, "تراوحت أرباح أرامكو بين 100 و120 مليار دولار في 2023.")
    assert inside.quantity.bound == "range"
    check = figures.check(inside)
    assert check.verdict == "supported" and check.difference == pytest.approx(0.0)
    above = figures.check(one_claim(extractor, "تراوحت أرباح أرامكو بين 110 و120 مليار دولار في 2023."))
    assert above.verdict == "contradicted"
    assert above.difference == pytest.approx(4 / 106)  # nearest end (110 bn) vs 106 bn


def test_gw_claim_against_mw_row(figures, extractor):
    same = figures.check(one_claim(extractor, "تبلغ القدرة الإنتاجية لشركة أكوا باور 2 غيغاواط."))
    assert same.verdict == "supported" and same.reference["unit"] == "MW" and same.reference["value"] == "2000"
    off = figures.check(one_claim(extractor, "تبلغ القدرة الإنتاجية لشركة أكوا باور 1980 ميغاواط."))
    assert off.verdict == "contradicted" and off.difference == pytest.approx(-0.01)


def test_bp_claims_against_bp_and_pp_rows(figures, gazetteer, extractor):
    bp_claim = one_claim(extractor, "رفع الاحتياطي الفيدرالي أسعار الفائدة 25 نقطة أساس.")
    pp_claim = one_claim(extractor, "رفع الاحتياطي الفيدرالي أسعار الفائدة 0.5 نقطة مئوية.")
    assert figures.check(bp_claim).verdict == "supported"  # row: 25 bp
    assert figures.check(pp_claim).verdict == "contradicted"  # 0.5 pp vs 25 bp
    pp_table = ReferenceTable.load(DATA / "figures.jsonl", gazetteer)  # row: 0.25 نقطة مئوية
    assert pp_table.check(bp_claim).verdict == "supported"


def test_percent_vs_pp_unverifiable(figures, extractor):
    claim = one_claim(extractor, "رفع الاحتياطي الفيدرالي أسعار الفائدة بنسبة 0.25%.")
    check = figures.check(claim)
    assert check.verdict == "unverifiable" and check.difference is None
    assert check.reference["line"] == 7
    assert "percentage points" in check.reason and "percent" in check.reason


def test_year_matching(figures, extractor):
    # row 2024 matches a 2024 claim and a claim with no year
    assert figures.check(one_claim(extractor, "بلغت إيرادات أرامكو 440 مليار دولار في 2024.")).verdict == "supported"
    assert figures.check(one_claim(extractor, "بلغت إيرادات أرامكو 440 مليار دولار.")).verdict == "supported"
    # but not a 2023 claim
    other = figures.check(one_claim(extractor, "بلغت إيرادات أرامكو 480 مليار دولار في 2023."))
    assert other.verdict == "unverifiable" and other.reference is None and "2023" in other.reason
    # a row without a year matches a claim of any year
    assert figures.check(make_claim("Nvidia", "investment", 2e9, "USD", "money", year=2021)).verdict == "supported"


def test_no_row_no_subject_no_metric(figures):
    assert figures.check(make_claim("Apple", "revenue", 1e9, "USD", "money")).verdict == "unverifiable"
    assert "no subject" in figures.check(make_claim(None, "revenue", 1e9, "USD", "money")).reason
    assert "no metric" in figures.check(make_claim("Nvidia", None, 1e9, "USD", "money")).reason
    # same subject, another metric: no match
    assert figures.check(make_claim("Nvidia", "revenue", 2e9, "USD", "money")).verdict == "unverifiable"


def test_currency_mismatch_unverifiable(gazetteer, extractor):
    table = ReferenceTable.load(DATA / "currency.csv", gazetteer)
    check = table.check(one_claim(extractor, "بلغت إيرادات أرامكو 440 مليار دولار في 2024."))
    assert check.verdict == "unverifiable" and check.difference is None
    assert check.reference["line"] == 3
    assert "SAR" in check.reason and "USD" in check.reason and "not converted" in check.reason
    same = table.check(one_claim(extractor, "بلغت إيرادات أرامكو 1650 مليار ريال في 2024."))
    assert same.verdict == "supported"
    qar = table.check(make_claim("Qatar", "revenue", 49e9, "QAR", "money", year=2024))
    assert qar.verdict == "unverifiable" and "QAR" in qar.reason


def test_several_rows_closest_decides(gazetteer, extractor):
    table = ReferenceTable.load(DATA / "several.csv", gazetteer)
    check = table.check(one_claim(extractor, "بلغت إيرادات إنفيديا 130 مليار دولار."))  # no year: all rows match
    assert check.verdict == "supported" and check.reference["line"] == 3
    assert sorted(o["line"] for o in check.others) == [2, 4, 5]
    assert all("file" in o for o in check.others)
    # a 2024 claim: the 2025 rows drop out; the 2024 row is closest
    dated = table.check(one_claim(extractor, "بلغت إيرادات إنفيديا 61 مليار دولار في 2024."))
    assert dated.verdict == "supported" and dated.reference["line"] == 2
    assert [o["line"] for o in dated.others] == [4]


def test_several_rows_closest_contradicts(gazetteer):
    table = ReferenceTable.load(DATA / "several.csv", gazetteer)
    check = table.check(make_claim("Nvidia", "revenue", 100e9, "USD", "money"))
    assert check.verdict == "contradicted"
    assert check.reference["line"] == 3  # 130.5 bn is the closest of 60.9 / 130.5 / 26.97
    assert check.difference == pytest.approx(100 / 130.5 - 1)


def test_percent_change_against_money_row(figures, extractor):
    check = figures.check(one_claim(extractor, "ارتفعت إيرادات تسلا 10% في 2024."))
    assert check.verdict == "unverifiable" and "not comparable" in check.reason


def test_check_record_roundtrips_as_json(figures, extractor):
    claim = one_claim(extractor, "ضخت إنفيديا ملياري دولار في كورويف.")
    claim.check = figures.check(claim)
    data = json.loads(claim.model_dump_json())
    assert set(data["check"]) >= {"verdict", "reference", "difference", "reason", "others"}
    assert Claim.model_validate(data).check.verdict == "supported"


# ------------------------------------------------------------------ summary


class _Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_print_summary_plain_and_table(figures):
    claims = []
    for value in (2e9, 2e9, 3e9):
        c = make_claim("Nvidia", "investment", value, "USD", "money")
        c.check = figures.check(c)
        claims.append(c)
    claims.append(make_claim("Nvidia", "investment", 1e9, "USD", "money"))  # unchecked: not counted
    plain = _Stream(tty=False)
    print_summary(claims, plain)
    lines = plain.getvalue().splitlines()
    assert "supported: 2" in lines and "contradicted: 1" in lines and "unverifiable: 0" in lines
    assert "3 claims" in lines[0]
    rich = _Stream(tty=True)
    print_summary(claims, rich)
    out = rich.getvalue()
    assert "3 claims checked" in out and "supported" in out and ("┃" in out or "│" in out)


# ------------------------------------------------------------------ CLI

TEXT = (
    "ضخت إنفيديا ملياري دولار في كورويف.\n"
    "تبلغ القدرة الإنتاجية لشركة أكوا باور 1980 ميغاواط.\n"
    "رفع الاحتياطي الفيدرالي أسعار الفائدة بنسبة 0.25%.\n"
)


@pytest.fixture
def post(tmp_path):
    path = tmp_path / "post.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_cli_extract_with_reference(post, capsys):
    code = cli.main(["extract", str(post), "--reference", str(DATA / "figures.csv"), "--no-model", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 0
    verdicts = [r["check"]["verdict"] for r in _records(out)]
    assert verdicts == ["supported", "contradicted", "unverifiable"]
    assert "supported: 1" in err and "contradicted: 1" in err and "unverifiable: 1" in err


def test_cli_extract_with_bad_reference_writes_nothing(post, capsys):
    code = cli.main(["extract", str(post), "--reference", str(DATA / "bad_value.csv"), "--no-model",
                     "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "bad_value.csv, line 3, column 'value'" in err


def test_cli_check_file_and_stdin(post, tmp_path, capsys, monkeypatch):
    assert cli.main(["extract", str(post), "--no-model", "--format", "jsonl"]) == 0
    extracted = capsys.readouterr().out
    assert all(r.get("check") is None for r in _records(extracted))
    claims = tmp_path / "claims.jsonl"
    claims.write_text(extracted, encoding="utf-8")

    code = cli.main(["check", "--reference", str(DATA / "figures.csv"), str(claims), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 0
    records = _records(out)
    assert [r["check"]["verdict"] for r in records] == ["supported", "contradicted", "unverifiable"]
    assert records[0]["check"]["reference"]["line"] == 2
    assert "supported: 1" in err

    stdin = io.TextIOWrapper(io.BytesIO(extracted.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code = cli.main(["check", "--reference", str(DATA / "figures.jsonl"), "-", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0
    rows = out.splitlines()
    assert rows[0].split(",")[-2] == "verdict"
    assert len(rows) == 4 and rows[1].split(",")[-2] == "supported"  # Nvidia investment, jsonl table


def test_cli_check_bad_record_line(tmp_path, capsys):
    good = make_claim("Nvidia", "investment", 2e9, "USD", "money").model_dump_json()
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join([good, "{not json", '{"doc": "x"}', good]) + "\n", encoding="utf-8")
    code = cli.main(["check", "--reference", str(DATA / "figures.csv"), str(path), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 1
    assert [r["check"]["verdict"] for r in _records(out)] == ["supported", "supported"]
    assert f"{path}, line 2" in err and "invalid JSON" in err
    assert f"{path}, line 3" in err and "not a claim record" in err


def test_cli_check_passes_non_claim_kinds_through(tmp_path, capsys):
    year = make_claim("Nvidia", "investment", 2024, "year", "year").model_dump_json()
    path = tmp_path / "claims.jsonl"
    path.write_text(year + "\n", encoding="utf-8")
    assert cli.main(["check", "--reference", str(DATA / "figures.csv"), str(path), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert _records(out)[0]["check"] is None
    assert "checked 0 claims" in err


def test_cli_check_bad_table_and_usage(tmp_path, capsys, monkeypatch):
    path = tmp_path / "claims.jsonl"
    path.write_text(make_claim("Nvidia", "investment", 2e9, "USD", "money").model_dump_json() + "\n", encoding="utf-8")
    code = cli.main(["check", "--reference", str(DATA / "bad_many.csv"), str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.count("bad_many.csv, line") == 4
    with pytest.raises(SystemExit) as exit_:
        cli.main(["check", str(path)])  # --reference is required
    assert exit_.value.code == 2
    capsys.readouterr()

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Tty())
    assert cli.main(["check", "--reference", str(DATA / "figures.csv")]) == 2
    assert "no claims" in capsys.readouterr().err


def test_cli_check_warns_about_conflicts(tmp_path, capsys):
    path = tmp_path / "claims.jsonl"
    path.write_text(make_claim("ACWA Power", "capacity", 2e9, "W", "power", year=2024).model_dump_json() + "\n",
                    encoding="utf-8")
    assert cli.main(["check", "--reference", str(DATA / "duplicates.csv"), str(path), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert "warning" in err and "lines 2 and 4" in err
    check = _records(out)[0]["check"]
    assert check["verdict"] == "supported" and len(check["others"]) == 2


def test_check_help_has_examples(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["check", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--reference" in out and "examples:" in out and "arclaim extract post.txt | arclaim check" in out


def test_pipe_extract_into_check_subprocess(post):
    run = [sys.executable, "-m", "arclaim.cli"]
    extracted = subprocess.run(run + ["extract", str(post), "--no-model"], capture_output=True, check=True, timeout=120)
    checked = subprocess.run(run + ["check", "--reference", str(DATA / "figures.csv")], input=extracted.stdout,
                             capture_output=True, timeout=120)
    assert checked.returncode == 0, checked.stderr.decode()
    verdicts = [json.loads(line)["check"]["verdict"] for line in checked.stdout.decode("utf-8").splitlines()]
    assert verdicts == ["supported", "contradicted", "unverifiable"]
    assert "supported: 1" in checked.stderr.decode("utf-8")


def test_import_is_cheap():
    code = "import sys, arclaim.check; print(any(m in sys.modules for m in ('spacy', 'rich', 'pydantic')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def _table(tmp_path: Path, rows: str, gazetteer) -> ReferenceTable:
    path = tmp_path / "ref.csv"
    path.write_text("subject,metric,value,unit,year\n" + rows, encoding="utf-8")
    return ReferenceTable.load(path, gazetteer)


@pytest.mark.parametrize("row_value,direction,verdict", [
    (3, "down", "contradicted"), (-3, "down", "supported"), (3, "up", "supported"), (-3, "up", "contradicted"),
])
def test_a_fall_is_a_negative_change_against_the_table(tmp_path, gazetteer, row_value, direction, verdict):
    """تراجع السهم 3% is -3%: a table row of +3 contradicts it, -3 supports it (a rise the other way)."""
    table = _table(tmp_path, f"Saudi Aramco,price_change,{row_value},%,\n", gazetteer)
    claim = make_claim("Saudi Aramco", "price_change", 3.0, "%", "percent").model_copy(update={"direction": direction})
    assert table.check(claim).verdict == verdict


def test_a_level_reached_by_a_fall_keeps_its_sign(tmp_path, gazetteer):
    """خفض الفائدة إلى 4.75%: the rate is +4.75 though the move was down."""
    table = _table(tmp_path, "SAMA,interest_rate,4.75,%,\n", gazetteer)
    claim = make_claim("SAMA", "interest_rate", 4.75, "%", "percent").model_copy(update={"direction": "down"})
    assert table.check(claim).verdict == "supported"


def test_fell_at_least_is_at_most_a_negative_change(tmp_path, gazetteer):
    table = _table(tmp_path, "Saudi Aramco,price_change,-5,%,\n", gazetteer)
    claim = make_claim("Saudi Aramco", "price_change", 3.0, "%", "percent", bound="at_least")
    assert table.check(claim.model_copy(update={"direction": "down"})).verdict == "supported"
    table = _table(tmp_path, "Saudi Aramco,price_change,-2,%,\n", gazetteer)
    assert table.check(claim.model_copy(update={"direction": "down"})).verdict == "contradicted"
