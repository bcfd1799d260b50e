"""`arclaim batch DIR --out results.jsonl`: extract claims from a folder of posts, in parallel, resumably.

Files written beside the output (for `--out results.jsonl`):

- `results.jsonl`            the claim records, one JSON line each, grouped by document in sorted path order
- `results.manifest.jsonl`   one line per finished document: {"path", "sha256", "claims", "options", "time"}
                             ("options": a fingerprint of the extractor options and of the files they name;
                             a rerun with other options redoes the documents, like a changed document)
- `results.errors.jsonl`     one line per failed document of the last run: {"path", "reason", "error"}

Crash safety rests on one invariant: a document's manifest line is appended (and fsynced) only after all its
records are in `results.jsonl` and fsynced. A rerun first repairs the output: it drops a trailing partial line
and every record whose document has no manifest line (or whose record count disagrees with it), then skips the
documents whose manifest hash matches their current content. A changed document loses its manifest line and
records first (manifest rewritten before the records, both atomically), then is processed again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

BATCH_EXAMPLES = """\
examples:
  arclaim batch posts/ --out results.jsonl            # all cores, progress bar on a terminal
  arclaim batch posts/ --out results.jsonl -j 4 --glob '*.txt'
  arclaim batch posts/ --out results.jsonl --reference figures.csv   # adds verdicts
  arclaim batch posts/ --out results.jsonl            # rerun: resumes, skips finished files

files: results.jsonl (claims), results.manifest.jsonl (finished files and their sha256),
       results.errors.jsonl (files that failed in the last run, with the reason)

exit status: 0 all files processed, 1 some files failed, 2 usage error
"""

#: How often (seconds) finished files are committed (records fsynced, then manifest fsynced) at most.
COMMIT_INTERVAL = 0.25
COMMIT_FILES = 64


def register(sub) -> None:
    from .cli import add_extractor_options

    p = sub.add_parser("batch", help="extract claims from a folder of files, in parallel and resumably",
                       description="Extract claims from every matching file under DIR into one JSON Lines file. "
                                   "Reruns resume: files already done (same content) are skipped.",
                       epilog=BATCH_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir", metavar="DIR", help="folder searched recursively")
    p.add_argument("--out", required=True, metavar="FILE", help="claim records (JSON Lines), appended as files finish")
    p.add_argument("--reference", metavar="TABLE", help="check claims against a CSV/JSONL table of known figures")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: all cores; 1 runs in this process)")
    p.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024,
                   help="fail files larger than this (default 10 MB)")
    add_extractor_options(p)
    p.set_defaults(func=run)


# ----------------------------------------------------------------------------------------------- file names

@dataclass(frozen=True)
class OutputFiles:
    results: Path
    manifest: Path
    errors: Path

    @classmethod
    def for_output(cls, out: str | Path) -> "OutputFiles":
        out = Path(out)
        stem = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
        return cls(out, out.with_name(f"{stem}.manifest.jsonl"), out.with_name(f"{stem}.errors.jsonl"))


def _sort_key(path: str) -> tuple[str, ...]:
    """The order of `inputs.expand_paths` (pathlib compares by parts)."""
    return Path(path).parts


# ----------------------------------------------------------------------------------------------- workers

_EXTRACTOR = None


def _init_worker(config) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    global _EXTRACTOR
    from .pipeline import Extractor

    _EXTRACTOR = Extractor(config)


def _reason(problem: str) -> str:
    if problem.startswith("binary"):
        return "binary"
    if problem.startswith("invalid UTF-8"):
        return "invalid_utf8"
    if problem.startswith("file too large"):
        return "too_large"
    return "unreadable"


def process_file(task: tuple[str, str, int | None]) -> dict:
    """Runs in a worker: one file (read at `path`, named `name`) -> {"path": name, "sha256", "lines",
    "error"...}. Never raises."""
    path, name, max_bytes = task
    from .inputs import InputError, decode, read_bytes
    from .output import claim_json

    try:
        data = read_bytes(path, max_bytes)
        text = decode(data, name)
    except InputError as exc:
        return {"path": name, "reason": _reason(exc.problem), "error": f"{name}: {exc.problem}"}
    digest = hashlib.sha256(data).hexdigest()
    try:
        claims = _EXTRACTOR.extract(text, name) if text.strip() else []
    except Exception as exc:  # noqa: BLE001 - one bad document never stops the run
        return {"path": name, "reason": "extractor_error", "error": f"{name}: {type(exc).__name__}: {exc}",
                "sha256": digest}
    return {"path": name, "sha256": digest, "lines": [claim_json(c) for c in claims],
            "tally": [_tally_keys(c.quantity.kind, c.stance, c.check.verdict if c.check else None) for c in claims]}


def _tally_keys(kind, stance, verdict) -> tuple:
    return (kind, stance, verdict)


# ----------------------------------------------------------------------------------------------- repair

@dataclass
class State:
    """What the output holds after repair."""

    done: dict[str, dict] = field(default_factory=dict)        # path -> manifest entry
    tally: dict[str, list[tuple]] = field(default_factory=dict)  # path -> [(kind, stance, verdict)]
    order: list[str] = field(default_factory=list)              # docs in file order
    dropped_records: int = 0
    dropped_partial: bool = False


def _read_lines(path: Path) -> tuple[list[bytes], bool]:
    """Complete lines (without newline) and whether a trailing partial line was found."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], False
    if not data:
        return [], False
    parts = data.split(b"\n")
    partial = parts[-1] != b""
    return [p for p in parts[:-1] if p.strip()], partial


def _read_manifest(files: OutputFiles) -> tuple[dict[str, dict], bool]:
    lines, partial = _read_lines(files.manifest)
    entries: dict[str, dict] = {}
    bad = partial
    for raw in lines:
        try:
            entry = json.loads(raw)
            entries[entry["path"]] = entry  # a later line wins
        except (ValueError, KeyError, TypeError):
            bad = True
    return entries, bad


def _write_jsonl(path: Path, lines) -> None:
    from .output import atomic_write

    with atomic_write(path, "wb") as fh:
        for line in lines:
            fh.write(line if isinstance(line, bytes) else line.encode("utf-8"))
            fh.write(b"\n")


def _manifest_line(entry: dict) -> str:
    return json.dumps(entry, ensure_ascii=False)


def repair(files: OutputFiles, stale: set[str] | None = None) -> State:
    """Makes results and manifest agree; forgets the documents in `stale` (changed since they were done)."""
    entries, manifest_dirty = _read_manifest(files)
    stale = {p for p in (stale or set()) if p in entries}
    for p in stale:
        del entries[p]
    if manifest_dirty or stale:
        # manifest first: records without a manifest line are dropped below, and by any later repair
        _write_jsonl(files.manifest, (_manifest_line(e) for e in entries.values()))

    lines, partial = _read_lines(files.results)
    by_doc: dict[str, list[bytes]] = {}
    tallies: dict[str, list[tuple]] = {}
    order: list[str] = []
    dropped = 0
    for raw in lines:
        try:
            rec = json.loads(raw)
            doc = rec["doc"]
        except (ValueError, KeyError, TypeError):
            dropped += 1
            continue
        if doc not in entries:
            dropped += 1
            continue
        if doc not in by_doc:
            by_doc[doc] = []
            tallies[doc] = []
            order.append(doc)
        by_doc[doc].append(raw)
        q = rec.get("quantity") or {}
        check = rec.get("check") or {}
        tallies[doc].append(_tally_keys(q.get("kind"), rec.get("stance"), check.get("verdict")))
    # a manifest line whose record count disagrees (or that claims records that are missing) is not trusted
    mismatched = [p for p, e in entries.items() if len(by_doc.get(p, ())) != e.get("claims", 0)]
    if mismatched:
        for p in mismatched:
            del entries[p]
        _write_jsonl(files.manifest, (_manifest_line(e) for e in entries.values()))
        for p in mismatched:
            dropped += len(by_doc.pop(p, ()))
            tallies.pop(p, None)
        order = [d for d in order if d in by_doc]
    if dropped or partial:
        _write_jsonl(files.results, (raw for doc in order for raw in by_doc[doc]))
    return State(done=entries, tally=tallies, order=order, dropped_records=dropped, dropped_partial=partial)


def _sort_results(files: OutputFiles, state: State) -> None:
    """Rewrites the results in sorted document order when a resumed run appended out of order."""
    if state.order == sorted(state.order, key=_sort_key):
        return
    lines, _ = _read_lines(files.results)
    by_doc: dict[str, list[bytes]] = {}
    for raw in lines:
        by_doc.setdefault(json.loads(raw)["doc"], []).append(raw)
    _write_jsonl(files.results, (raw for doc in sorted(by_doc, key=_sort_key) for raw in by_doc[doc]))
    state.order = sorted(by_doc, key=_sort_key)


def options_fingerprint(config) -> str:
    """What the records of a file depend on besides its content: extractor options and the files they name."""
    from dataclasses import asdict

    from .cli import _version

    parts = {"config": asdict(config), "version": _version(), "files": {}}
    for name in [config.reference, *config.entity_files]:
        if name:
            parts["files"][name] = _sha256_file(name, None)
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _sha256_file(path: str, max_bytes: int | None) -> str | None:
    try:
        if max_bytes is not None and os.stat(path).st_size > max_bytes:
            return None
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


# ----------------------------------------------------------------------------------------------- writing

class _Interrupts:
    """SIGINT raises KeyboardInterrupt, except inside a critical section, where it is held until the end."""

    depth = 0
    held = False

    @classmethod
    def handler(cls, signum, frame):
        if cls.depth:
            cls.held = True
        else:
            raise KeyboardInterrupt


class _critical:
    def __enter__(self):
        _Interrupts.depth += 1

    def __exit__(self, *exc):
        _Interrupts.depth -= 1
        if not _Interrupts.depth and _Interrupts.held:
            _Interrupts.held = False
            if exc[0] is None:
                raise KeyboardInterrupt


class Committer:
    """Appends finished documents: records fsynced first, then their manifest lines fsynced."""

    def __init__(self, files: OutputFiles, state: State, options: str = ""):
        self.options = options
        self.files = files
        self.state = state
        self.results = open(files.results, "ab")
        self.manifest = open(files.manifest, "ab")
        self.errors = open(files.errors, "wb")  # the errors of this run
        self.pending: list[dict] = []
        self.last = time.monotonic()

    def add(self, result: dict) -> None:
        self.pending.append(result)
        if len(self.pending) >= COMMIT_FILES or time.monotonic() - self.last >= COMMIT_INTERVAL:
            self.commit()

    def error(self, result: dict) -> None:
        rec = {"path": result["path"], "reason": result["reason"], "error": result["error"]}
        self.errors.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
        self.errors.flush()

    def commit(self) -> None:
        self.last = time.monotonic()
        if not self.pending:
            return
        with _critical():  # Ctrl-C waits until records and manifest lines are both written
            batch, self.pending = self.pending, []  # an interrupted commit is never written twice
            blob = b"".join((line + "\n").encode("utf-8") for r in batch for line in r["lines"])
            if blob:
                self.results.write(blob)
                self.results.flush()
                os.fsync(self.results.fileno())
            now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
            entries = [{"path": r["path"], "sha256": r["sha256"], "claims": len(r["lines"]),
                        "options": self.options, "time": now} for r in batch]
            self.manifest.write(b"".join((_manifest_line(e) + "\n").encode("utf-8") for e in entries))
            self.manifest.flush()
            os.fsync(self.manifest.fileno())
            for r, e in zip(batch, entries):
                self.state.done[r["path"]] = e
                self.state.tally[r["path"]] = r["tally"]
                if r["lines"]:
                    self.state.order.append(r["path"])

    def close(self) -> None:
        self.commit()
        os.fsync(self.errors.fileno())
        for fh in (self.results, self.manifest, self.errors):
            fh.close()


def _lock(files: OutputFiles):
    """An exclusive lock (a hidden file beside the output) so two runs never write the same output."""
    import fcntl

    from .cli import UsageError

    fh = open(files.results.with_name(f".{files.results.name}.lock"), "ab")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise UsageError(f"another arclaim batch is writing {files.results}") from None
    return fh


# ----------------------------------------------------------------------------------------------- run

def doc_name(path: str, base: Path) -> str:
    """The name a document goes by in the output: its path relative to the output file's folder
    (posts/gulf/x.txt beside results.jsonl, ../posts/gulf/x.txt from out/). However the folder was
    spelt (posts, ./posts/, /abs/posts, . from inside it) and wherever the command ran, a file keeps
    one name, and files of two folders that share a name never share one."""
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def _gone(entries: dict[str, dict], names: set[str], root: Path, base: Path) -> set[str]:
    """Documents of the manifest that lay in the batch's folder and are no longer there (deleted,
    renamed, or no longer matching --glob): their records go, as a changed file's do."""
    root = Path(os.path.abspath(root))
    gone = set()
    for name in entries:
        where = Path(os.path.normpath(base / name))
        if name not in names and (where == root or root in where.parents):
            gone.add(name)
    return gone


def run(args: argparse.Namespace) -> int:
    from .cli import EXIT_FAILED, UsageError, extractor_config
    from .inputs import DEFAULT_GLOBS, expand_paths

    root = Path(args.dir)
    if not root.is_dir():
        raise UsageError(f"{args.dir}: not a folder (arclaim batch takes a folder; use arclaim extract for files)")
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise UsageError(f"-j expects a positive number of workers, got {jobs}")
    config = extractor_config(args)  # checks --max-bytes, --reference and the other options
    try:
        from .pipeline import Extractor

        local = Extractor(config)  # validates the options here, before any worker starts
    except UsageError:
        raise
    except (ValueError, OSError, ImportError) as exc:
        print(f"arclaim: {exc}", file=sys.stderr)
        return EXIT_FAILED

    files = OutputFiles.for_output(args.out)
    if files.results.is_dir():
        raise UsageError(f"--out {args.out}: is a folder; give the results file, e.g. {Path(args.out) / 'results.jsonl'}")
    blocking = next((d for d in files.results.parents if d.exists() and not d.is_dir()), None)
    if blocking is not None:
        raise UsageError(f"--out {args.out}: {blocking} is a file, not a folder")
    try:
        files.results.parent.mkdir(parents=True, exist_ok=True)
        lock = _lock(files)
    except OSError as exc:
        raise UsageError(f"--out {args.out}: cannot write there ({exc.strerror or exc})") from None
    try:
        paths = list(expand_paths([str(root)], tuple(args.glob) if args.glob else DEFAULT_GLOBS))
        out_abs = {f.resolve() for f in (files.results, files.manifest, files.errors)}
        base = Path(os.path.abspath(files.results.parent))
        names = {p: doc_name(p, base) for p in paths if Path(p).resolve() not in out_abs}
        entries, _ = _read_manifest(files)
        options = options_fingerprint(config)
        current = {n: _sha256_file(p, args.max_bytes) for p, n in names.items() if n in entries}
        stale = {n for n, h in current.items()
                 if h != entries[n].get("sha256") or entries[n].get("options", options) != options}
        stale |= _gone(entries, set(names.values()), root, base)
        state = repair(files, stale)
        todo = [(p, n) for p, n in names.items() if n not in state.done]
        skipped = len(names) - len(todo)
        return _process(args, files, state, todo, skipped, jobs, config, local, options)
    finally:
        lock.close()


def _process(args, files: OutputFiles, state: State, todo: list[str], skipped: int, jobs: int, config,
             local, options: str) -> int:
    from .cli import EXIT_FAILED, EXIT_OK

    global _EXTRACTOR
    stats = {"ok": 0, "failed": 0, "skipped": skipped, "claims": 0}
    errors: list[dict] = []
    committer = Committer(files, state, options)
    progress = _progress(len(todo))
    pool = None
    interrupted = False
    import signal
    import threading

    old_handler = None
    _Interrupts.depth, _Interrupts.held = 0, False
    if threading.current_thread() is threading.main_thread():
        old_handler = signal.signal(signal.SIGINT, _Interrupts.handler)
    try:
        if jobs == 1 or len(todo) <= 1:
            _EXTRACTOR = local
            results = map(process_file, ((p, n, args.max_bytes) for p, n in todo))
        else:
            import multiprocessing

            ctx = multiprocessing.get_context("spawn")
            pool = ctx.Pool(min(jobs, len(todo)), initializer=_init_worker, initargs=(config,))
            results = pool.imap(process_file, [(p, n, args.max_bytes) for p, n in todo], chunksize=1)
        for result in results:  # in input order whatever the number of workers: deterministic output
            if "error" in result:
                stats["failed"] += 1
                errors.append(result)
                committer.error(result)
            else:
                stats["ok"] += 1
                stats["claims"] += len(result["lines"])
                committer.add(result)
            if progress:
                progress.advance(len(result.get("lines", ())))
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        if progress:
            progress.stop()
        committer.close()  # finished files are committed even on Ctrl-C
        if pool is not None:
            if interrupted:
                pool.terminate()
            else:
                pool.close()
            pool.join()
        if not interrupted:
            _sort_results(files, state)
        if old_handler is not None:
            signal.signal(signal.SIGINT, old_handler)
    if not errors:
        try:
            files.errors.unlink()
        except FileNotFoundError:
            pass
    print_summary(files, state, stats, errors, reference=bool(args.reference))
    return EXIT_FAILED if errors else EXIT_OK


class _Progress:
    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.claims = 0
        self.start = time.monotonic()
        self.done = 0
        self.progress = Progress(
            TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
            TextColumn("{task.fields[claims]} claims"), TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False,
        )
        self.task = self.progress.add_task("batch", total=total, claims=0, rate="")
        self.progress.start()

    def advance(self, claims: int) -> None:
        self.claims += claims
        self.done += 1
        elapsed = max(time.monotonic() - self.start, 1e-6)
        self.progress.update(self.task, advance=1, claims=self.claims, rate=f"{self.done / elapsed:.1f} files/s")

    def stop(self) -> None:
        self.progress.stop()


def _progress(total: int):
    if not sys.stderr.isatty() or total == 0:
        return None
    return _Progress(total)


def print_summary(files: OutputFiles, state: State, stats: dict, errors: list[dict], reference: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True, highlight=False)
    tally = [t for doc in state.tally.values() for t in doc]
    kinds = Counter(t[0] for t in tally)
    stances = Counter(t[1] for t in tally)
    verdicts = Counter(t[2] or "unchecked" for t in tally)
    table = Table(title=f"{len(tally)} claims from {len(state.done)} files", caption=str(files.results))
    table.add_column("batch", style="bold")
    table.add_column("count", justify="right")
    table.add_row("files processed", str(stats["ok"]))
    table.add_row("files failed", str(stats["failed"]), style="red" if stats["failed"] else None)
    table.add_row("files skipped (done before)", str(stats["skipped"]))
    table.add_row("claims this run", str(stats["claims"]))
    table.add_section()
    for k, n in kinds.most_common():
        table.add_row(f"kind {k}", str(n))
    table.add_section()
    for s in ("bull", "bear", "neutral"):
        if stances.get(s):
            table.add_row(f"stance {s}", str(stances[s]), style={"bull": "green", "bear": "red"}.get(s))
    if reference or any(v != "unchecked" for v in verdicts):
        table.add_section()
        for v in ("supported", "contradicted", "unverifiable", "unchecked"):
            if verdicts.get(v):
                table.add_row(f"verdict {v}", str(verdicts[v]))
    console.print(table)
    if errors:
        reasons = Counter(e["reason"] for e in errors)
        detail = ", ".join(f"{n} {r}" for r, n in reasons.most_common())
        console.print(f"[red]{len(errors)} files failed[/] ({detail}): see {files.errors}")


def main(argv: list[str] | None = None) -> int:
    """`python -m arclaim.batch DIR --out FILE`: the batch command on its own."""
    from arclaim.cli import main as cli_main  # the package modules, so worker functions pickle by name

    return cli_main(["batch", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
