"""`arclaim check`: verdicts on claims from a reference table of known figures.

A row matches a claim with the same subject (through the entity gazetteer) and
metric; a row with a year matches claims of that year or with no year. Exact
claims are supported within the row's tolerance (else 0.5% relative), approx
claims within 10%; at_least / at_most / range claims when the reference lies on
the claimed side (within tolerance). Percent and percentage points are different
units, currencies are never converted. Several matching rows: the closest decides.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

DEFAULT_TOLERANCE = 0.005
APPROX_TOLERANCE = 0.10
REQUIRED_COLUMNS = ("subject", "metric", "value", "unit")
OPTIONAL_COLUMNS = ("year", "tolerance", "source")
VERDICTS = ("supported", "contradicted", "unverifiable")
MIN_YEAR, MAX_YEAR = 1900, 2100
# Metrics that are changes: a claim's direction gives their sign. Other metrics' figures are levels
# (خفض الفائدة الى 4.75% is a rate of +4.75), signed only against a table row that is negative.
SIGNED_METRICS = {"price_change"}

EXAMPLES = """\
examples:
  arclaim extract post.txt | arclaim check --reference figures.csv
  arclaim check --reference figures.csv claims.jsonl > checked.jsonl
  arclaim check --reference figures.jsonl claims.jsonl --format table
  arclaim extract post.txt --reference figures.csv      # extract and check in one go

reference table (CSV with a header row, or JSON Lines):
  subject,metric,value,unit,year,tolerance,source
  إنفيديا,investment,2000000000,USD,,,Nvidia 8-K
  ACWA Power,capacity,2,GW,2024,0.01,annual report
  الاحتياطي الفيدرالي,interest_rate,25,bp,2024,,FOMC statement
  (value: a plain number; unit: GW, MW, %, pp, bp, USD, $, دولار, ريال قطري ...;
   metric: a metric name as in the records, e.g. revenue, investment, capacity)

exit status: 0 all records checked, 1 a bad record or table, 2 usage error
"""


class ReferenceError(ValueError):  # noqa: A001 - the contract's name; shadows the builtin only in this module
    """A reference table that cannot be loaded; one problem per line, each naming file, line and column."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = list(problems)
        head = f"{path}: cannot load reference table ({len(problems)} problem{'s' if len(problems) != 1 else ''}):"
        super().__init__("\n".join([head, *("  " + p for p in problems)]))


@dataclass
class Row:
    """One reference figure, in canonical units."""

    subject: str
    metric: str
    value: float
    unit: str
    kind: str
    year: int | None
    tolerance: float | None
    line: int
    file: str
    raw: dict[str, Any] = field(default_factory=dict)

    def evidence(self) -> dict[str, Any]:
        """The row as written, plus where it is and its canonical reading."""
        out = dict(self.raw)
        out["line"] = self.line
        out["file"] = self.file
        out.setdefault("canonical", {"subject": self.subject, "metric": self.metric, "value": self.value,
                                     "unit": self.unit, "year": self.year})
        return out

    def written(self) -> str:
        value = self.raw.get("value")
        unit = self.raw.get("unit")
        return f"{_fmt(value) if isinstance(value, (int, float)) else str(value).strip()} {str(unit).strip()}"


class ReferenceTable:
    """Known figures indexed by (subject, metric)."""

    def __init__(self, rows: list[Row], path: str = "-", warnings: list[str] | None = None):
        self.path = path
        self.rows = rows
        self.warnings = list(warnings or [])
        self._by_key: dict[tuple[str, str], list[Row]] = {}
        for row in rows:
            self._by_key.setdefault((row.subject, row.metric), []).append(row)

    def __len__(self) -> int:
        return len(self.rows)

    # ------------------------------------------------------------- loading

    @classmethod
    def load(cls, path: str | Path, gazetteer=None) -> "ReferenceTable":
        """Read a CSV (UTF-8, BOM ok, header row) or JSON Lines table; raise `ReferenceError` listing every problem."""
        if gazetteer is None:
            from .entities import Gazetteer

            gazetteer = Gazetteer()
        name = str(path)
        try:
            text = Path(path).read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise ReferenceError(name, [f"{name}: no such file"]) from None
        except OSError as exc:
            raise ReferenceError(name, [f"{name}: cannot read: {exc.strerror or exc}"]) from None
        except UnicodeDecodeError as exc:
            line = text_line_of(Path(path).read_bytes(), exc.start)
            raise ReferenceError(name, [f"{name}, line {line}: not UTF-8 text ({exc.reason})"]) from None
        if Path(path).suffix.lower() in (".jsonl", ".ndjson", ".json"):
            records, problems = _read_jsonl(text, name)
        else:
            records, problems = _read_csv(text, name)
        rows: list[Row] = []
        known_metrics = _known_metrics()
        warnings: list[str] = []
        for line, record in records:
            row, row_problems = _parse_row(record, line, name, gazetteer)
            problems.extend(row_problems)
            if row is not None:
                rows.append(row)
                if known_metrics and row.metric not in known_metrics:
                    warnings.append(f"{name}, line {line}, column 'metric': {row.metric!r} is not a metric "
                                    "the extractor emits; no claim will match this row")
        if not problems and not records:
            problems.append(f"{name}: no rows below the header")
        if problems:
            raise ReferenceError(name, problems)
        warnings.extend(_conflicts(rows, name))
        return cls(rows, name, warnings)

    # ------------------------------------------------------------- checking

    def check(self, claim):
        """The `Check` verdict of this table on one claim."""
        from .models import Check

        if not claim.subject:
            return Check(verdict="unverifiable", reason="the claim has no subject to look up")
        if not claim.metric:
            return Check(verdict="unverifiable", reason="the claim has no metric to look up")
        candidates = [r for r in self._by_key.get((claim.subject, claim.metric), [])
                      if r.year is None or claim.year is None or r.year == claim.year]
        if not candidates:
            year = f" in {claim.year}" if claim.year else ""
            return Check(verdict="unverifiable",
                         reason=f"no reference row for {claim.subject} {claim.metric}{year}")
        q = claim.quantity
        comparable = [r for r in candidates if r.unit == q.unit]
        others = [r for r in candidates if r.unit != q.unit]
        if not comparable:
            first = others[0]
            return Check(verdict="unverifiable", reference=first.evidence(), reason=_unit_mismatch(q, first),
                         others=[r.evidence() for r in others[1:]])
        scored = sorted(((_judge(q, r, claim.direction, claim.metric), r) for r in comparable),
                        key=lambda jr: (jr[0].miss, abs(jr[0].difference) if jr[0].difference is not None else math.inf,
                                        jr[1].year is None, jr[1].line))
        best, row = scored[0]
        rest = [r for _, r in scored[1:]] + others
        reason = best.reason
        if rest:
            reason += f"; {len(rest)} other matching row{'s' if len(rest) > 1 else ''} listed"
        return Check(verdict=best.verdict, reference=row.evidence(), difference=best.difference, reason=reason,
                     others=[r.evidence() for r in rest])


# ------------------------------------------------------------------ judging


@dataclass
class _Judgement:
    verdict: str
    difference: float | None
    miss: float  # how far outside the supported zone, relative to the reference (0 when supported)
    reason: str


def _judge(q, row: Row, direction: str | None = None, metric: str | None = None) -> _Judgement:
    ref = row.value
    scale = abs(ref)
    bound = q.bound
    value, upper = q.value, q.upper
    if direction == "down" and (metric in SIGNED_METRICS or ref < 0):
        # a fall states a negative change: تراجع السهم 3% is -3 against the table, never +3
        value, upper = -abs(value), (None if upper is None else -abs(upper))
        bound = {"at_least": "at_most", "at_most": "at_least"}.get(bound, bound)  # fell at least 3%: <= -3
    if bound == "approx":
        tol = max(APPROX_TOLERANCE, row.tolerance or 0.0)
    else:
        tol = row.tolerance if row.tolerance is not None else DEFAULT_TOLERANCE
    slack = tol * scale
    if bound == "range" and upper is None:
        bound = "exact"
    if bound in ("exact", "approx"):
        gap = abs(value - ref) - slack
        target = value
    elif bound == "at_least":  # the true figure is >= value
        gap = value - ref - slack
        target = value
    elif bound == "at_most":
        gap = ref - value - slack
        target = value
    else:  # range: value <= ref <= upper
        lo, hi = min(value, upper), max(value, upper)
        gap = max(lo - ref, ref - hi) - slack
        target = lo if ref < lo else hi if ref > hi else ref
    supported = gap <= 1e-12 * max(scale, 1.0)
    difference = (value - ref) / scale if scale else (0.0 if value == ref else None)
    if bound == "range":
        difference = (target - ref) / scale if scale else (0.0 if target == ref else None)
    miss = 0.0 if supported else (gap / scale if scale else math.inf)
    verdict = "supported" if supported else "contradicted"
    return _Judgement(verdict, difference, miss, _reason(q, row, bound, tol, difference, supported, value, upper))


_BOUND_WORDS = {"exact": "", "approx": "about ", "at_least": "at least ", "at_most": "at most "}


def _reason(q, row: Row, bound: str, tol: float, difference: float | None, supported: bool,
            value: float, upper: float | None) -> str:
    ref = f"the reference {_amount(row.value, row.unit)} (line {row.line})"
    if bound == "range":
        claim = f"between {_amount(min(value, upper), q.unit)} and {_amount(max(value, upper), q.unit)}"
    else:
        claim = f"{_BOUND_WORDS[bound]}{_amount(value, q.unit)}"
    allowed = f"{_pct(tol)} allowed for approximate figures" if bound == "approx" else f"{_pct(tol)} tolerance"
    if bound in ("exact", "approx"):
        if supported:
            off = f" ({_pct(abs(difference))} off)" if difference else ""
            return f"matches {ref} within the {allowed}{off}"
        side = "above" if (difference or 0) > 0 else "below"
        return f"{_pct(abs(difference or 0))} {side} {ref}: more than the {allowed}"
    if supported:
        return f"{ref} is {claim}, as claimed"
    return f"{ref} is not {claim}, as claimed (with the {allowed})"


_SI = ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))


def _amount(x: float | None, unit: str | None) -> str:
    """A canonical amount for people: 2 GW, 440 billion USD, 0.25 pp."""
    if x is None:
        return "?"
    if unit in ("W", "Wh"):
        for size, prefix in _SI:
            if abs(x) >= size:
                return f"{x / size:,.6g} {prefix}{unit}"
    if unit == "%":
        return f"{x:,.6g}%"
    return f"{_fmt(x)} {unit or ''}".rstrip()


def _unit_mismatch(q, row: Row) -> str:
    if q.kind == "money" and row.kind == "money":
        return (f"the reference (line {row.line}) is in {row.unit}, the claim in {q.unit}; "
                "currencies are not converted")
    if {q.kind, row.kind} == {"percent", "pp"}:
        claim_u = "percentage points" if q.kind == "pp" else "percent"
        row_u = "percentage points" if row.kind == "pp" else "percent"
        return (f"the claim is in {claim_u}, the reference (line {row.line}) in {row_u}: "
                "percent and percentage points are different units")
    return f"the reference (line {row.line}) is in {row.unit}, the claim in {q.unit or 'no unit'}: not comparable"


def _fmt(x: float | None) -> str:
    if x is None:
        return "?"
    ax = abs(x)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if ax >= size:
            return f"{x / size:,.4g} {word}"
    return f"{x:,.6g}"


def _pct(x: float) -> str:
    return f"{x * 100:.3g}%"


# ------------------------------------------------------------------ reading tables


def _read_csv(text: str, name: str) -> tuple[list[tuple[int, dict]], list[str]]:
    import csv

    problems: list[str] = []
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines)
    records: list[tuple[int, dict]] = []
    header: list[str] | None = None
    try:
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip().lower() for c in cells]
                problems.extend(_header_problems(header, name, start))
                if problems:
                    return [], problems
                continue
            if len(cells) > len(header):
                problems.append(f"{name}, line {start}: {len(cells)} fields but the header has {len(header)}")
                continue
            cells = cells + [""] * (len(header) - len(cells))
            records.append((start, dict(zip(header, cells))))
    except csv.Error as exc:
        problems.append(f"{name}, line {reader.line_num}: malformed CSV: {exc}")
    if header is None:
        problems.append(f"{name}, line 1: missing header row (expected columns {', '.join(REQUIRED_COLUMNS)})")
    return records, problems


def _header_problems(header: list[str], name: str, line: int) -> list[str]:
    problems = []
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        problems.append(
            f"{name}, line {line}: missing header column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(c) for c in missing)} (header row must name {', '.join(REQUIRED_COLUMNS)}; "
            f"found {', '.join(repr(c) for c in header)})")
    dupes = sorted({c for c in header if header.count(c) > 1 and c})
    if dupes:
        problems.append(f"{name}, line {line}: duplicate header column{'s' if len(dupes) > 1 else ''} "
                        f"{', '.join(repr(c) for c in dupes)}")
    return problems


def _read_jsonl(text: str, name: str) -> tuple[list[tuple[int, dict]], list[str]]:
    import json

    problems: list[str] = []
    records: list[tuple[int, dict]] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(f"{name}, line {n}, column {exc.colno}: invalid JSON: {exc.msg}")
            continue
        if not isinstance(obj, dict):
            problems.append(f"{name}, line {n}: expected a JSON object with {', '.join(REQUIRED_COLUMNS)}")
            continue
        obj = {str(k).strip().lower(): v for k, v in obj.items()}
        missing = [c for c in REQUIRED_COLUMNS if c not in obj]
        if missing:
            problems.append(f"{name}, line {n}: missing column{'s' if len(missing) > 1 else ''} "
                            f"{', '.join(repr(c) for c in missing)}")
            continue
        records.append((n, obj))
    return records, problems


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        x = float(raw)
    elif isinstance(raw, str):
        s = raw.strip().translate(_DIGITS).replace(",", "").replace("_", "").replace(" ", "").replace("\u202f", "")
        s = s.replace("\u2212", "-")
        try:
            x = float(s)
        except ValueError:
            return None
    else:
        return None
    return x if math.isfinite(x) else None


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _parse_row(record: dict, line: int, name: str, gazetteer) -> tuple[Row | None, list[str]]:
    from .units import UnknownUnitError, canonical_unit

    problems: list[str] = []

    def bad(column: str, message: str) -> None:
        problems.append(f"{name}, line {line}, column {column!r}: {message}")

    subject = None
    raw_subject = record.get("subject")
    if _blank(raw_subject):
        bad("subject", "empty subject")
    else:
        subject = gazetteer.resolve(str(raw_subject))
        if subject is None:
            bad("subject", f"unknown subject {str(raw_subject).strip()!r} "
                           "(not in the entity gazetteer; add it with --entities FILE)")
    raw_metric = record.get("metric")
    metric = None if _blank(raw_metric) else str(raw_metric).strip().lower()
    if metric is None:
        bad("metric", "empty metric")
    value = _number(record.get("value"))
    if value is None:
        bad("value", f"not a number: {record.get('value')!r}")
    unit = None
    if _blank(record.get("unit")):
        bad("unit", "empty unit")
    else:
        try:
            unit = canonical_unit(str(record.get("unit")))
        except UnknownUnitError as exc:
            bad("unit", str(exc))
    year = None
    if not _blank(record.get("year")):
        y = _number(record.get("year"))
        if y is None or y != int(y) or not MIN_YEAR <= y <= MAX_YEAR:
            bad("year", f"not a year between {MIN_YEAR} and {MAX_YEAR}: {record.get('year')!r}")
        else:
            year = int(y)
    tolerance = None
    if not _blank(record.get("tolerance")):
        raw_tol = record.get("tolerance")
        percent = isinstance(raw_tol, str) and raw_tol.strip().endswith("%")
        t = _number(raw_tol.strip().rstrip("%") if percent else raw_tol)
        if t is not None and percent:
            t /= 100
        if t is None or not 0 <= t < 1:
            bad("tolerance", f"not a relative tolerance between 0 and 1 (e.g. 0.01 or 1%): {raw_tol!r}")
        else:
            tolerance = t
    if problems:
        return None, problems
    return Row(subject=subject, metric=metric, value=value * unit.factor, unit=unit.unit, kind=unit.kind, year=year,
               tolerance=tolerance, line=line, file=name, raw=dict(record)), []


def _conflicts(rows: list[Row], name: str) -> list[str]:
    seen: dict[tuple, Row] = {}
    warnings = []
    for row in rows:
        key = (row.subject, row.metric, row.year, row.unit)
        first = seen.get(key)
        if first is None:
            seen[key] = row
            continue
        if not math.isclose(first.value, row.value, rel_tol=1e-9, abs_tol=0.0):
            year = f" {row.year}" if row.year is not None else ""
            warnings.append(f"{name}, lines {first.line} and {row.line}: conflicting values for "
                            f"{row.subject} {row.metric}{year}: {first.written()} vs {row.written()}")
    return warnings


def _known_metrics() -> set[str]:
    try:
        from .lexicon import load_json

        return set(load_json("metrics.json")["metrics"])
    except Exception:  # noqa: BLE001 - a missing resource must not break loading
        return set()


def text_line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


# ------------------------------------------------------------------ summary


def verdict_counts(claims: Iterable) -> dict[str, int]:
    counts = {v: 0 for v in VERDICTS}
    for c in claims:
        if c.check is not None:
            counts[c.check.verdict] = counts.get(c.check.verdict, 0) + 1
    return counts


def print_summary(claims, stream=None) -> None:
    """Per-verdict counts on stderr: a rich table on a terminal, plain lines otherwise."""
    stream = stream or sys.stderr
    counts = verdict_counts(claims)
    total = sum(counts.values())
    if stream.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{total} claims checked")
        table.add_column("verdict")
        table.add_column("claims", justify="right")
        styles = {"supported": "green", "contradicted": "red", "unverifiable": "yellow"}
        for verdict, n in counts.items():
            table.add_row(f"[{styles.get(verdict, '')}]{verdict}[/]", str(n))
        Console(file=stream).print(table)
        return
    stream.write(f"checked {total} claim{'' if total == 1 else 's'}\n")
    for verdict, n in counts.items():
        stream.write(f"{verdict}: {n}\n")
    stream.flush()


# ------------------------------------------------------------------ command


def register(sub) -> None:
    p = sub.add_parser("check", help="check extracted claims against a reference table",
                       description=__doc__, epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("claims", nargs="?", metavar="CLAIMS", help="claim records (JSON Lines from 'arclaim extract'); "
                   "'-' or nothing for standard input")
    p.add_argument("--reference", required=True, metavar="TABLE", help="CSV or JSON Lines table of known figures")
    p.add_argument("--format", choices=("jsonl", "json", "csv", "table"), default=None,
                   help="output format (default: table on a terminal, jsonl when piped)")
    p.add_argument("--entities", action="append", default=[], metavar="FILE",
                   help="extra entities for table subjects: YAML/JSON list of {name,type,aliases} or CSV")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .cli import EXIT_FAILED, EXIT_OK, UsageError
    from .entities import Gazetteer, GazetteerError
    from .output import RecordWriter, utf8_stdout

    source = args.claims
    if source is None:
        if sys.stdin.isatty():
            raise UsageError("no claims: give a CLAIMS.jsonl file, or pipe 'arclaim extract' output into arclaim check")
        source = "-"
    try:
        table = ReferenceTable.load(args.reference, Gazetteer(args.entities))
    except (ReferenceError, GazetteerError) as exc:
        print(f"arclaim: {exc}", file=sys.stderr)
        return EXIT_FAILED
    for warning in table.warnings:
        print(f"arclaim: warning: {warning}", file=sys.stderr)
    try:
        name, text = _read_claims_text(source)
    except OSError as exc:
        print(f"arclaim: {source}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    except UnicodeDecodeError as exc:
        print(f"arclaim: {source}: not UTF-8 text ({exc.reason})", file=sys.stderr)
        return EXIT_FAILED
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    writer = RecordWriter(fmt, utf8_stdout())
    failed = 0
    checked = []
    for claim, problem in iter_claims(text, name):
        if problem is not None:
            print(f"arclaim: {problem}", file=sys.stderr)
            failed += 1
            continue
        apply_check(table, claim)
        writer.write([claim])
        if claim.check is not None:
            checked.append(claim)
    writer.close()
    print_summary(checked)
    return EXIT_FAILED if failed else EXIT_OK


def apply_check(table: ReferenceTable, claim) -> None:
    """Fill `claim.check` for claim kinds (years, dates and bare numbers are passed through unchecked)."""
    from .models import CLAIM_KINDS

    claim.check = table.check(claim) if claim.quantity.kind in CLAIM_KINDS else None


def _read_claims_text(source: str) -> tuple[str, str]:
    if source == "-":
        return "<stdin>", sys.stdin.buffer.read().decode("utf-8-sig")
    return source, Path(source).read_bytes().decode("utf-8-sig")


def iter_claims(text: str, name: str):
    """(claim, None) for each good record, (None, problem) for each bad one; JSON Lines or a JSON array."""
    import json

    from pydantic import ValidationError

    from .models import Claim

    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            yield None, f"{name}, line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"
            return
        numbered = [(f"record {i}", item) for i, item in enumerate(items, start=1)]
    else:
        numbered = []
        for n, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                numbered.append((f"line {n}", json.loads(raw)))
            except json.JSONDecodeError as exc:
                numbered.append((f"line {n}", _BadJSON(f"column {exc.colno}: invalid JSON: {exc.msg}")))
    for where, item in numbered:
        if isinstance(item, _BadJSON):
            yield None, f"{name}, {where}, {item.message}"
            continue
        if not isinstance(item, dict):
            yield None, f"{name}, {where}: not a claim record (expected a JSON object)"
            continue
        try:
            yield Claim.model_validate(item), None
        except ValidationError as exc:
            details = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}" for e in exc.errors()[:3])
            yield None, f"{name}, {where}: not a claim record: {details}"


@dataclass
class _BadJSON:
    message: str
