"""Writing records: JSON Lines, JSON, CSV, or a rich table; and atomic file writes."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

from .models import Claim

CSV_COLUMNS = (
    "doc", "claim_id", "surface", "start", "end", "value", "upper", "unit", "kind", "bound", "counted",
    "subject", "metric", "direction", "year", "stance", "stance_score", "verdict", "sentence",
)


def claim_json(claim: Claim) -> str:
    return json.dumps(claim.model_dump(mode="json"), ensure_ascii=False)


def flat_row(claim: Claim) -> dict:
    q = claim.quantity
    return {
        "doc": claim.doc, "claim_id": claim.claim_id, "surface": q.surface, "start": q.start, "end": q.end,
        "value": q.value, "upper": q.upper, "unit": q.unit, "kind": q.kind, "bound": q.bound, "counted": q.counted,
        "subject": claim.subject, "metric": claim.metric, "direction": claim.direction, "year": claim.year,
        "stance": claim.stance, "stance_score": claim.stance_score,
        "verdict": claim.check.verdict if claim.check else None, "sentence": claim.sentence.text,
    }


class RecordWriter:
    """Streams claims in one format; `close()` finishes formats that need the whole set."""

    def __init__(self, fmt: str, stream: IO[str]):
        self.fmt = fmt
        self.stream = stream
        self.buffer: list[Claim] = []
        self.csv_writer = None
        if fmt == "csv":
            self.csv_writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
            self.csv_writer.writeheader()

    def write(self, claims: Iterable[Claim]) -> None:
        for claim in claims:
            if self.fmt == "jsonl":
                self.stream.write(claim_json(claim) + "\n")
            elif self.fmt == "csv":
                self.csv_writer.writerow(flat_row(claim))
            else:
                self.buffer.append(claim)
        self.stream.flush()

    def close(self) -> None:
        if self.fmt == "json":
            json.dump([c.model_dump(mode="json") for c in self.buffer], self.stream, ensure_ascii=False, indent=2)
            self.stream.write("\n")
        elif self.fmt == "table":
            print_table(self.buffer)
        self.stream.flush()


def print_table(claims: list[Claim], console=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    table = Table(title=f"{len(claims)} claims", show_lines=False)
    checked = any(c.check is not None for c in claims)
    columns = ["doc", "surface", "value", "unit", "bound", "subject", "metric", "dir", "year", "stance"]
    if checked:
        columns.append("verdict")
    for col in columns:
        table.add_column(col, overflow="fold")
    for c in claims:
        q = c.quantity
        value = f"{q.value:,.6g}" + (f"–{q.upper:,.6g}" if q.upper is not None else "")
        style = {"bull": "green", "bear": "red"}.get(c.stance, "")
        row = [c.doc, q.surface, value, q.unit or "", q.bound, c.subject or "", c.metric or "",
               c.direction or "", str(c.year or ""), f"[{style}]{c.stance}[/]" if style else c.stance]
        if checked:
            row.append(c.check.verdict if c.check else "")
        table.add_row(*row)
    console.print(table)


def utf8_stdout() -> IO[str]:
    """Standard output as UTF-8 whatever the locale says."""
    if hasattr(sys.stdout, "reconfigure"):
        try:
            sys.stdout.reconfigure(encoding="utf-8")
        except (ValueError, io.UnsupportedOperation):
            pass
    return sys.stdout


@contextmanager
def atomic_write(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Write to a temp file beside `path`, fsync, then rename over it; nothing half-written on failure."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
