"""`arclaim review results.jsonl`: go through claims one at a time in the terminal and record decisions.

Decisions are appended (flushed and fsynced) to `results.review.jsonl` beside the results, one JSON line each:
{"claim_id", "decision": "accept"|"reject", "stance": the stance after review, "time"}. The last line for a
claim wins, so going back (`p`) and deciding again corrects a decision. The results file is never modified.

Keys: a accept, r reject, b/e/n accept with stance bull/bear/neutral, s skip (no decision recorded),
p previous, q quit. Reopening starts at the first claim (in file order, after --filter) without a decision.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Callable

REVIEW_EXAMPLES = """\
examples:
  arclaim review results.jsonl                          # one claim at a time, decisions saved as you go
  arclaim review results.jsonl --filter stance=bear --filter 'doc=*aramco*'
  arclaim review results.jsonl --filter verdict=contradicted --bidi
  arclaim review results.jsonl --export reviewed.csv    # no UI: claims with decisions applied

keys: a accept   r reject   b bull   e bear   n neutral (b/e/n accept with that stance)
      s skip   p previous   q quit

filters (KEY=PATTERN, shell-style wildcards, several are ANDed; a missing value matches 'none'):
  stance kind verdict doc subject metric direction unit bound year claim_id decision

export: rejected claims are dropped; the others get "review": "accepted" or "unreviewed", the reviewed
stance in "stance" and, when it was changed, the extractor's stance in "original_stance".

decisions: results.review.jsonl beside the results, {"claim_id", "decision", "stance", "time"} per line
exit status: 0 done, 2 usage error (for example no terminal without --export)
"""

STANCES = ("bull", "bear", "neutral")

#: key -> action; Arabic keyboard layout letters in the same places work too.
KEYMAP = {
    "a": "accept", "r": "reject", "b": "bull", "e": "bear", "n": "neutral", "s": "skip", "p": "previous",
    "q": "quit", "ش": "accept", "ق": "reject", "لا": "bull", "ث": "bear", "ى": "neutral", "س": "skip",
    "ح": "previous", "ض": "quit", "\x1b[D": "previous", "\x1b[C": "skip", "\x03": "interrupt", "\x04": "quit",
}


def register(sub) -> None:
    p = sub.add_parser("review", help="review claims one at a time in the terminal; export the decisions",
                       description="Go through claim records one at a time and accept, reject or correct their "
                                   "stance. Decisions are saved as you go in RESULTS.review.jsonl.",
                       epilog=REVIEW_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("results", metavar="RESULTS", help="claim records (JSON Lines), e.g. from arclaim batch")
    p.add_argument("--filter", action="append", default=[], metavar="KEY=PATTERN",
                   help="only claims matching, e.g. stance=bear, verdict=contradicted, kind=money, doc=*aramco*")
    p.add_argument("--export", metavar="FILE", help="write the claims with decisions applied (.jsonl or .csv); no UI")
    p.add_argument("--bidi", action="store_true",
                   help="reorder Arabic for terminals without bidi support (display only, never the data)")
    p.set_defaults(func=run)


# ----------------------------------------------------------------------------------------------- data

def review_path(results: str | Path) -> Path:
    results = Path(results)
    stem = results.name[: -len(".jsonl")] if results.name.endswith(".jsonl") else results.name
    return results.with_name(f"{stem}.review.jsonl")


def load_claims(path: str | Path) -> tuple[list[dict], int]:
    """Claim records in file order (first of any duplicate claim_id) and the number of unusable lines."""
    from .cli import UsageError

    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    claims, seen, bad = [], set(), 0
    for raw in data.split(b"\n"):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
            cid = rec["claim_id"]
            rec["quantity"]["surface"], rec["sentence"]["text"]  # noqa: B018 - the fields review needs
        except (ValueError, KeyError, TypeError):
            bad += 1
            continue
        if cid not in seen:
            seen.add(cid)
            claims.append(rec)
    return claims, bad


class DecisionLog:
    """The decisions file: read once, then appended one durable line per decision."""

    def __init__(self, path: Path):
        self.path = path
        self.decisions: dict[str, dict] = {}
        self._fh = None
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = b""
        for raw in data.split(b"\n"):
            try:
                rec = json.loads(raw)
                if rec.get("decision") in ("accept", "reject"):
                    self.decisions[rec["claim_id"]] = rec
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # a partial last line from a crash
        self._partial = bool(data) and not data.endswith(b"\n")

    def add(self, claim_id: str, decision: str, stance: str) -> dict:
        rec = {"claim_id": claim_id, "decision": decision, "stance": stance,
               "time": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        if self._fh is None:
            self._fh = open(self.path, "ab")
            if self._partial:  # never glue a decision onto a torn line
                self._fh.write(b"\n")
        self._fh.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self.decisions[claim_id] = rec
        return rec

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def _get(rec: dict, *keys) -> Any:
    for k in keys:
        if not isinstance(rec, dict):
            return None
        rec = rec.get(k)
    return rec


FILTER_KEYS: dict[str, Callable[[dict], Any]] = {
    "stance": lambda r: r.get("stance"),
    "kind": lambda r: _get(r, "quantity", "kind"),
    "unit": lambda r: _get(r, "quantity", "unit"),
    "bound": lambda r: _get(r, "quantity", "bound"),
    "verdict": lambda r: _get(r, "check", "verdict"),
    "doc": lambda r: r.get("doc"),
    "subject": lambda r: r.get("subject"),
    "metric": lambda r: r.get("metric"),
    "direction": lambda r: r.get("direction"),
    "year": lambda r: r.get("year"),
    "claim_id": lambda r: r.get("claim_id"),
}


def parse_filters(items: list[str]) -> list[tuple[str, str]]:
    from .cli import UsageError

    out = []
    for item in items:
        key, sep, pattern = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--filter expects KEY=PATTERN like stance=bear, got {item!r}")
        if key not in FILTER_KEYS and key != "decision":
            raise UsageError(f"--filter: unknown key {key!r}; use one of {', '.join([*FILTER_KEYS, 'decision'])}")
        out.append((key, pattern))
    return out


def matches(rec: dict, filters: list[tuple[str, str]], decisions: dict[str, dict]) -> bool:
    for key, pattern in filters:
        if key == "decision":
            value = _get(decisions.get(rec["claim_id"], {}), "decision")
        else:
            value = FILTER_KEYS[key](rec)
        text = "none" if value is None else str(value)
        if not fnmatchcase(text, pattern):
            return False
    return True


def applied(rec: dict, decision: dict | None) -> dict | None:
    """The record with its decision applied; None when rejected."""
    if decision and decision.get("decision") == "reject":
        return None
    out = dict(rec)
    out["review"] = "accepted" if decision else "unreviewed"
    if decision and decision.get("stance") in STANCES and decision["stance"] != rec.get("stance"):
        out["original_stance"] = rec.get("stance")
        out["stance"] = decision["stance"]
    return out


def export(claims: list[dict], decisions: dict[str, dict], path: str | Path) -> tuple[int, int]:
    """Writes the claims with decisions applied, atomically. Returns (written, rejected)."""
    from .cli import UsageError
    from .output import atomic_write

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".csv"):
        raise UsageError(f"--export {path}: use a .jsonl or .csv file name")
    rows = [applied(rec, decisions.get(rec["claim_id"])) for rec in claims]
    kept = [r for r in rows if r is not None]
    if suffix == ".jsonl":
        with atomic_write(path) as fh:
            for r in kept:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        import csv

        from .models import Claim
        from .output import CSV_COLUMNS, flat_row

        with atomic_write(path) as fh:
            writer = csv.DictWriter(fh, fieldnames=[*CSV_COLUMNS, "review", "original_stance"])
            writer.writeheader()
            for r in kept:
                row = flat_row(Claim.model_validate(r))
                row["review"] = r["review"]
                row["original_stance"] = r.get("original_stance")
                writer.writerow(row)
    return len(kept), len(rows) - len(kept)


# ----------------------------------------------------------------------------------------------- display

QUANTITY_STYLE = "bold black on yellow"
SUBJECT_STYLE = "bold black on cyan"
ENTITY_STYLE = "underline"
STANCE_STYLE = {"bull": "bold green", "bear": "bold red", "neutral": "bold"}
VERDICT_STYLE = {"supported": "bold green", "contradicted": "bold red", "unverifiable": "bold yellow"}


def highlight_spans(rec: dict) -> list[tuple[int, int, str]]:
    """(start, end, style) inside the sentence text, from the record's offsets (relative to sentence.start)."""
    sent = rec["sentence"]
    text, base = sent["text"], sent.get("start", 0)
    spans = []

    def place(start, end, surface):
        s, e = (start - base, end - base) if isinstance(start, int) and isinstance(end, int) else (None, None)
        if s is None or not (0 <= s < e <= len(text)) or (surface and text[s:e] != surface):
            pos = text.find(surface) if surface else -1  # offsets that do not fit: find the surface instead
            if pos < 0:
                return None
            s, e = pos, pos + len(surface)
        return s, e

    subject = rec.get("subject")
    for ent in rec.get("entities") or []:
        where = place(ent.get("start"), ent.get("end"), ent.get("surface"))
        if where:
            spans.append((*where, SUBJECT_STYLE if subject and ent.get("name") == subject else ENTITY_STYLE))
    q = rec["quantity"]
    where = place(q.get("start"), q.get("end"), q.get("surface"))
    if where:
        spans.append((*where, QUANTITY_STYLE))
    return spans


def visual_order(line: str) -> list[tuple[str, int]]:
    """(displayed character, index in `line`) in left-to-right display order (Unicode bidi algorithm)."""
    try:
        from bidi import algorithm as alg

        storage = alg.get_empty_storage()
        level = alg.get_base_level(line)
        storage["base_level"] = level
        storage["base_dir"] = ("L", "R")[level]
        alg.get_embedding_levels(line, storage)
        for i, ch in enumerate(storage["chars"]):
            ch["index"] = i
        if len(storage["chars"]) != len(line):  # surrogates merged: indexes would not line up
            raise ValueError("index mismatch")
        alg.explicit_embed_and_overrides(storage, False)
        alg.resolve_weak_types(storage, False)
        alg.resolve_neutral_types(storage, False)
        alg.resolve_implicit_levels(storage, False)
        alg.reorder_resolved_levels(storage, False)
        alg.apply_mirroring(storage, False)
        return [(ch["ch"], ch["index"]) for ch in storage["chars"]]
    except Exception:  # noqa: BLE001 - an older or newer python-bidi: plain reordering, no index map
        return [(ch, -1) for ch in bidi_display(line)]


def bidi_display(text: str) -> str:
    try:
        from bidi import get_display
    except ImportError:  # python-bidi < 0.5
        from bidi.algorithm import get_display
    return get_display(text)


def _wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Logical lines (start, end) of at most `width` cells, broken at spaces."""
    from rich.cells import cell_len

    lines, start = [], 0
    for para_start, para in _paragraphs(text):
        start = para_start
        while start < para_start + len(para):
            end = para_start + len(para)
            if cell_len(text[start:end]) > width:
                cut = start
                pos = start
                while pos < end:
                    nxt = text.find(" ", pos + 1, end)
                    nxt = end if nxt < 0 else nxt
                    if cell_len(text[start:nxt]) > width:
                        break
                    cut = nxt
                    pos = nxt
                if cut == start:  # one word longer than the line
                    cut = start + max(1, width)
                end = cut
            lines.append((start, end))
            start = end
            while start < para_start + len(para) and text[start] == " ":
                start += 1
    return lines


def _paragraphs(text: str):
    pos = 0
    for para in text.split("\n"):
        yield pos, para
        pos += len(para) + 1


def sentence_text(rec: dict, bidi: bool, width: int):
    """The sentence as rich Text with the quantity and the subject highlighted."""
    from rich.text import Text

    text = rec["sentence"]["text"]
    spans = highlight_spans(rec)
    if not bidi:
        out = Text(text)
        for s, e, style in spans:
            out.stylize(style, s, e)
        return out
    style_at: dict[int, str] = {}
    for s, e, style in spans:  # later spans (the quantity) win
        for i in range(s, e):
            style_at[i] = style
    out = Text(justify="right")
    for n, (start, end) in enumerate(_wrap(text, max(10, width))):
        if n:
            out.append("\n")
        for ch, i in visual_order(text[start:end]):
            out.append(ch, style_at.get(start + i) if i >= 0 else None)
    return out


def render(rec: dict, decision: dict | None, position: int, total: int, decided: int, bidi: bool = False,
           width: int = 100, filters: list[tuple[str, str]] | None = None, source: str = ""):
    """Everything shown for one claim."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    disp = bidi_display if bidi else (lambda s: s)
    q = rec["quantity"]
    header = Text()
    header.append("arclaim review", style="bold")
    header.append(f"  claim {position} of {total}", style="bold magenta")
    header.append(f"  ({decided} decided)  {source}")
    if filters:
        header.append("  filter: " + " ".join(f"{k}={v}" for k, v in filters), style="dim")

    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold cyan", no_wrap=True)
    fields.add_column()
    value = _number(q.get("value"))
    if q.get("upper") is not None:
        value += f" – {_number(q['upper'])}"
    quantity = Text(disp(q.get("surface") or ""), style=QUANTITY_STYLE)
    quantity.append(f"  = {value} {q.get('unit') or ''}  ({q.get('kind')}, {q.get('bound', 'exact')})", style="")
    fields.add_row("quantity", quantity)
    if q.get("counted"):
        fields.add_row("counted", disp(q["counted"]))
    subject = Text(rec.get("subject") or "—", style=SUBJECT_STYLE if rec.get("subject") else "dim")
    fields.add_row("subject", subject)
    fields.add_row("metric", rec.get("metric") or "—")
    fields.add_row("direction", rec.get("direction") or "—")
    fields.add_row("year", str(rec.get("year") or "—"))
    stance = rec.get("stance") or "neutral"
    fields.add_row("stance", Text(f"{stance}  (score {rec.get('stance_score', 0):+.2f})",
                                  style=STANCE_STYLE.get(stance, "")))
    ents = rec.get("entities") or []
    if ents:
        fields.add_row("entities", ", ".join(f"{e.get('name')} [{e.get('type')}]" for e in ents))
    fields.add_row("doc", str(rec.get("doc")))
    fields.add_row("claim_id", str(rec.get("claim_id")))

    parts = [header, Panel(sentence_text(rec, bidi, width - 4), title="sentence", title_align="left"), fields]
    check = rec.get("check")
    if check:
        verdict = check.get("verdict", "?")
        ev = Table.grid(padding=(0, 2))
        ev.add_column(style="bold", no_wrap=True)
        ev.add_column()
        ev.add_row("verdict", Text(verdict, style=VERDICT_STYLE.get(verdict, "bold")))
        if check.get("reason"):
            ev.add_row("reason", disp(str(check["reason"])))
        if check.get("difference") is not None:
            ev.add_row("difference", f"{check['difference']:+.4g}")
        ref = check.get("reference")
        if isinstance(ref, dict) and ref:
            ev.add_row("reference", disp(", ".join(f"{k}={v}" for k, v in ref.items() if v not in (None, ""))))
        for other in (check.get("others") or [])[:3]:
            ev.add_row("also", disp(", ".join(f"{k}={v}" for k, v in other.items() if v not in (None, ""))))
        parts.append(Panel(ev, title="check", title_align="left", border_style=VERDICT_STYLE.get(verdict, "")))
    status = Text("decision: ", style="bold")
    if decision:
        d = decision["decision"]
        status.append(f"{d}ed" if d == "reject" else "accepted", style="bold green" if d == "accept" else "bold red")
        if decision.get("stance") and decision["stance"] != stance:
            status.append(f"  stance → {decision['stance']}", style=STANCE_STYLE.get(decision["stance"], ""))
    else:
        status.append("none yet", style="dim")
    parts.append(status)
    parts.append(Text("keys: a accept  r reject  b bull  e bear  n neutral  s skip  p previous  q quit",
                      style="dim"))
    return Group(*parts)


def _number(v) -> str:
    if not isinstance(v, (int, float)):
        return str(v)
    if float(v).is_integer() and abs(v) < 1e15:
        return f"{v:,.0f}"
    return f"{v:,.6g}"


def render_done(total: int, decisions: dict[str, dict], claims: list[dict], source: str):
    from rich.console import Group
    from rich.text import Text

    counts = {"accept": 0, "reject": 0}
    for rec in claims:
        d = decisions.get(rec["claim_id"])
        if d:
            counts[d["decision"]] += 1
    return Group(
        Text(f"arclaim review  {source}", style="bold"),
        Text(f"All {total} claims reviewed: {counts['accept']} accepted, {counts['reject']} rejected.",
             style="bold green"),
        Text("keys: p previous  q quit", style="dim"),
    )


# ----------------------------------------------------------------------------------------------- terminal

class Keys:
    """Single keypresses from a terminal in cbreak mode (no echo, no Enter; Ctrl-C still interrupts)."""

    def __init__(self, fd: int):
        self.fd = fd
        self.saved = None

    def __enter__(self):
        import termios
        import tty

        self.saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd, termios.TCSANOW)
        return self

    def __exit__(self, *exc):
        import termios

        if self.saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

    def read(self) -> str | None:
        data = os.read(self.fd, 32)
        if not data:
            return "quit"
        key = data.decode("utf-8", errors="ignore")
        return KEYMAP.get(key) or KEYMAP.get(key.lower()) or KEYMAP.get(key[:1].lower())


@dataclass
class Session:
    claims: list[dict]
    log: DecisionLog
    bidi: bool
    filters: list[tuple[str, str]]
    source: str

    def first_undecided(self) -> int:
        for i, rec in enumerate(self.claims):
            if rec["claim_id"] not in self.log.decisions:
                return i
        return len(self.claims)

    def decided(self) -> int:
        return sum(1 for rec in self.claims if rec["claim_id"] in self.log.decisions)

    def act(self, index: int, action: str) -> int:
        """Applies one key at `index`; returns the next index."""
        n = len(self.claims)
        if action == "previous":
            return max(0, index - 1)
        if index >= n:
            return index
        if action == "skip":
            return index + 1
        rec = self.claims[index]
        current = self.log.decisions.get(rec["claim_id"])
        stance = (current or {}).get("stance") or rec.get("stance") or "neutral"
        if action in STANCES:
            self.log.add(rec["claim_id"], "accept", action)
        elif action in ("accept", "reject"):
            self.log.add(rec["claim_id"], action, stance)
        else:
            return index
        return index + 1

    def loop(self, console, keys: Keys) -> None:
        index = self.first_undecided()
        while True:
            console.clear()
            if index >= len(self.claims):
                console.print(render_done(len(self.claims), self.log.decisions, self.claims, self.source))
            else:
                rec = self.claims[index]
                console.print(render(rec, self.log.decisions.get(rec["claim_id"]), index + 1, len(self.claims),
                                     self.decided(), self.bidi, console.width, self.filters, self.source))
            action = keys.read()
            if action == "interrupt":
                raise KeyboardInterrupt
            if action == "quit":
                return
            if action:
                index = self.act(index, action)


def run(args: argparse.Namespace) -> int:
    from .cli import EXIT_OK, UsageError

    filters = parse_filters(args.filter)
    claims, bad = load_claims(args.results)
    log = DecisionLog(review_path(args.results))
    chosen = [rec for rec in claims if matches(rec, filters, log.decisions)]
    if bad:
        print(f"arclaim: {args.results}: skipped {bad} unusable lines", file=sys.stderr)
    if args.export:
        written, rejected = export(chosen, log.decisions, args.export)
        print(f"arclaim: wrote {written} claims to {args.export} ({rejected} rejected left out)", file=sys.stderr)
        return EXIT_OK
    if not sys.stdin.isatty():
        raise UsageError("review needs a terminal on standard input (use --export to write decisions without one)")
    if not chosen:
        print(f"arclaim: no claims to review in {args.results}" + (" with these filters" if filters else ""),
              file=sys.stderr)
        return EXIT_OK
    from rich.console import Console

    console = Console(highlight=False)
    session = Session(chosen, log, args.bidi, filters, str(args.results))
    try:
        with Keys(sys.stdin.fileno()) as keys, console.screen(hide_cursor=True):
            session.loop(console, keys)
    finally:
        log.close()
        decided = session.decided()
        print(f"arclaim: {decided} of {len(chosen)} claims decided; decisions in {log.path}", file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """`python -m arclaim.review RESULTS`: the review command on its own."""
    from arclaim.cli import main as cli_main

    return cli_main(["review", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
