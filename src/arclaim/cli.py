"""The `arclaim` command line: extract, check, eval, batch, review.

Each subcommand other than `extract` lives in its own module, which exposes
`register(subparsers)`; modules import their heavy dependencies inside `run`
so `arclaim --help` and cold starts stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
SUBCOMMAND_MODULES = ("arclaim.check", "arclaim.evaluate", "arclaim.batch", "arclaim.review")

EXTRACT_EXAMPLES = """\
examples:
  cat post.txt | arclaim extract                 # JSON Lines on stdout when piped
  arclaim extract post.txt                       # a table on a terminal
  arclaim extract corpus/docs --format csv > claims.csv
  arclaim extract posts/ --glob '*.txt' --glob '*.json'
  arclaim extract post.txt --currency-default ريال=QAR --entities my_entities.yaml
  arclaim extract post.txt --reference figures.csv   # adds a verdict to each claim

exit status: 0 all inputs processed, 1 some inputs failed, 2 usage error
"""


class Parser(argparse.ArgumentParser):
    """argparse with exit status 2 and a one-line message for usage errors."""

    def error(self, message: str) -> None:  # pragma: no cover - argparse calls sys.exit
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def add_extractor_options(p: argparse.ArgumentParser) -> None:
    """Options shared by every command that runs the extractor."""
    p.add_argument("--currency-default", action="append", default=[], metavar="WORD=CODE",
                   help="ISO code for a bare currency word (defaults: ريال=SAR درهم=AED جنيه=EGP دينار=KWD ليرة=TRY)")
    p.add_argument("--entities", action="append", default=[], metavar="FILE",
                   help="extra entities: YAML/JSON list of {name,type,aliases} or CSV name,type,aliases")
    p.add_argument("--all-quantities", action="store_true",
                   help="also emit years, dates, durations and bare numbers")
    p.add_argument("--no-model", action="store_true",
                   help="no trained models: stance from the lexicon only, metric from the cue lexicon only, subject from the hand-set ranker only")
    p.add_argument("--stance-weight", type=float, default=None, metavar="W",
                   help="the stance model's weight against the lexicon, 0 to 1 (default: as chosen at training)")
    p.add_argument("--glob", action="append", default=None, metavar="PATTERN",
                   help="file pattern inside directories (default: *.txt and *.md); repeatable")


def extractor_config(args: argparse.Namespace):
    from .pipeline import ExtractorConfig

    defaults = {}
    for item in args.currency_default:
        word, sep, code = item.partition("=")
        if not sep or not word or not code.isalpha() or len(code) not in (3, 4):
            raise UsageError(f"--currency-default expects WORD=CODE like ريال=QAR, got {item!r}")
        defaults[word] = code.upper()
    if args.stance_weight is not None and not 0 <= args.stance_weight <= 1:
        raise UsageError("--stance-weight must be between 0 and 1")
    if getattr(args, "max_bytes", None) is not None and args.max_bytes < 0:
        raise UsageError("--max-bytes must not be negative")
    reference = getattr(args, "reference", None)
    if reference and not Path(reference).is_file():
        raise UsageError(f"--reference {reference}: no such file")
    return ExtractorConfig(
        currency_defaults=defaults, all_quantities=args.all_quantities, entity_files=list(args.entities),
        reference=getattr(args, "reference", None), stance_model=None if args.no_model else "auto",
        metric_model=not args.no_model, subject_model=not args.no_model,
        stance_weight=args.stance_weight,
    )


class UsageError(Exception):
    """Bad arguments discovered after parsing; exits 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="arclaim",
        description="Extract checkable numeric claims from Arabic financial text.",
        epilog="run 'arclaim COMMAND --help' for a command's options and examples",
    )
    parser.add_argument("--version", action="version", version=f"arclaim {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    ex = sub.add_parser("extract", help="extract claims from files, folders or standard input",
                        description="Extract numeric claims as records.", epilog=EXTRACT_EXAMPLES,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; '-' or nothing for standard input")
    ex.add_argument("--format", choices=("jsonl", "json", "csv", "table"), default=None,
                    help="output format (default: table on a terminal, jsonl when piped)")
    ex.add_argument("--reference", metavar="TABLE", help="check claims against a CSV/JSONL table of known figures")
    ex.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024, help="skip files larger than this (default 10 MB)")
    add_extractor_options(ex)
    ex.set_defaults(func=run_extract)
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def run_extract(args: argparse.Namespace) -> int:
    from .inputs import DEFAULT_GLOBS, InputError, expand_paths, read_document, read_stdin
    from .output import RecordWriter, utf8_stdout

    paths = list(args.paths)
    if not paths:
        if sys.stdin.isatty():
            raise UsageError("no input: give a PATH, or pipe text into arclaim extract")
        paths = ["-"]
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    try:
        from .pipeline import Extractor

        extractor = Extractor(extractor_config(args))
    except UsageError:
        raise
    except (ValueError, OSError) as exc:
        print(f"arclaim: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if extractor.reference is not None:
        for warning in extractor.reference.warnings:
            print(f"arclaim: warning: {warning}", file=sys.stderr)
    writer = RecordWriter(fmt, utf8_stdout())
    failed = 0
    all_claims = []
    for path in expand_paths(paths, tuple(args.glob) if args.glob else DEFAULT_GLOBS):
        try:
            doc = read_stdin(args.max_bytes) if path == "-" else read_document(path, args.max_bytes)
        except InputError as exc:
            print(f"arclaim: {exc}", file=sys.stderr)
            failed += 1
            continue
        if not doc.text.strip():
            print(f"arclaim: {doc.name}: empty file, no claims", file=sys.stderr)
        claims = extractor.extract(doc.text, doc.name)
        writer.write(claims)
        all_claims.extend(c for c in claims if c.check is not None)
    writer.close()
    if args.reference:
        from .check import print_summary

        print_summary(all_claims)
    return EXIT_FAILED if failed else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"arclaim: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("arclaim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("arclaim")
    except Exception:  # noqa: BLE001 - not installed
        return "0+unknown"


if __name__ == "__main__":
    # run through the package module, so subcommands and this entry share one UsageError class
    from arclaim.cli import main as _main

    sys.exit(_main())
