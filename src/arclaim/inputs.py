"""Reading input documents: files, directories and standard input, with clear per-file errors."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DEFAULT_GLOBS = ("*.txt", "*.md")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class InputError(Exception):
    """A document that cannot be read. `str(err)` names the file and the problem."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class Document:
    """A decoded input document. `name` is its path as given, or '-' for standard input."""

    name: str
    text: str


def decode(data: bytes, name: str) -> str:
    """UTF-8 text from bytes (BOM dropped, no newline translation) or an `InputError`."""
    if b"\x00" in data:  # anywhere: a text file with binary data after its first page is no text
        raise InputError(name, "binary file (NUL bytes), not UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"invalid UTF-8 at byte {exc.start}") from None
    return text[1:] if text.startswith("\ufeff") else text


def read_document(path: str | Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Document:
    """Reads one file; raises `InputError` for unreadable, binary, non-UTF-8 or too large files."""
    name = str(path)
    return Document(name, decode(read_bytes(path, max_bytes), name))


def read_bytes(path: str | Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes; raises `InputError` for unreadable or too large files."""
    name = str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(name, f"file too large ({size} bytes > {max_bytes}; raise --max-bytes)")
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if max_bytes is not None and len(data) > max_bytes:  # grew since stat
        raise InputError(name, f"file too large ({len(data)} bytes > {max_bytes}; raise --max-bytes)")
    return data


def read_stdin(max_bytes: int | None = DEFAULT_MAX_BYTES) -> Document:
    """Standard input as a document, under the same size limit as files."""
    data = sys.stdin.buffer.read() if max_bytes is None else sys.stdin.buffer.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError("-", f"input too large (over {max_bytes} bytes; raise --max-bytes)")
    return Document("-", decode(data, "-"))


def expand_paths(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[str]:
    """Paths as given; directories expanded recursively to matching files, in sorted order."""
    for raw in paths:
        p = Path(raw)
        if raw != "-" and p.is_dir():
            found = set()
            for pattern in globs:
                # a broken or looping link is kept, so reading it names the problem instead of skipping it
                found.update(q for q in p.rglob(pattern) if q.is_file() or q.is_symlink())
            yield from (str(q) for q in sorted(found))
        else:
            yield raw
