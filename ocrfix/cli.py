"""The ``ocrfix`` command: clean text files, folder trees and JSONL dumps from the shell.

    ocrfix < scan.txt > clean.txt
    ocrfix -j 8 scraped/ --out-dir clean/
    ocrfix dump.jsonl --field body -o clean.jsonl

Reading, writing and reporting live here; all cleaning is done by
:class:`ocrfix.Cleaner`.  Inputs are read lazily, one file after the other,
and cut into batches of texts (whole files, JSONL values, or paragraphs of a
very large file) that worker processes clean while this process writes the
results in input order.  Every output goes through a temporary file that is
renamed into place when the input is done, so an interrupted or failed run
never leaves a half-written file.
"""

from __future__ import annotations

import argparse
import ast
import codecs
import contextlib
import dataclasses
import inspect
import io
import json
import os
import re
import signal
import sys
import tempfile
import textwrap
import time
import unicodedata
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from fnmatch import fnmatchcase
from json.decoder import scanstring as _scanstring  # type: ignore[attr-defined]  # json's own, C-accelerated
from typing import IO, Any, Iterable, Iterator, NamedTuple, Sequence

from . import Cleaner, Config, Correction, __version__, replay

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

DEFAULT_GLOBS = ("*.txt", "*.jsonl")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"
STDIN_LABEL = "<stdin>"

BATCH_TEXTS = 256  # a batch sent to a worker holds at most this many texts ...
BATCH_CHARS = 1 << 16  # ... or about this many characters
SPLIT_ABOVE = 1 << 20  # a text file longer than this (characters) is cleaned in pieces ...
PIECE_CHARS = 1 << 16  # ... of about this size, cut at blank lines
# --encoding auto: German text that is not UTF-8 is nearly always in one of these.  Left
# free, charset-normalizer reads short German cp1252 text as cp1250, Farsi or Greek.
LEGACY_ENCODINGS = ["cp1252", "iso8859_15", "cp850", "mac_roman"]
AUTO_BYTES_PER_WORKER = 1 << 19  # without -j, one worker per this much input (loading costs ~1 s)
BLOCK = 1 << 20  # bytes read at a time when checking an encoding
MAX_WARNINGS = 10  # JSONL warnings shown per file; the rest are counted

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
_JSON_WS = re.compile(r"[ \t\n\r]*")  # matches everywhere, maybe empty
_JSON = json.JSONDecoder()

DESCRIPTION = """\
Repair OCR- and extraction-damaged German text: lost umlauts and ß ("fur",
"groBe", "kiinstliche"), ligatures, mojibake, words hyphenated across lines,
misread quotes and bullets.

Without PATH, or with "-", reads stdin and writes stdout.  A PATH may be a
file or a folder; folders are walked (hidden entries skipped) for files
matching --glob.  Files ending in .jsonl are JSON Lines: the --field of each
line is cleaned, everything else is kept byte for byte.  Output is UTF-8.
Inputs are never overwritten unless --in-place is given."""

EPILOG = """\
examples:
  ocrfix < scan.txt > clean.txt             clean stdin to stdout
  ocrfix scan.txt -o clean.txt              clean one file
  ocrfix -j 8 scraped/ --out-dir clean/     a folder tree, on 8 cores
  ocrfix dump.jsonl --field body -o out.jsonl
                                            clean the "body" of each JSON line
  ocrfix --in-place --glob '*.md' notes/    rewrite files, keeping FILE.orig
  ocrfix --diff scan.txt | less -R          show what would change
  ocrfix --explain scraped/ > fixes.jsonl   list every correction, write nothing

exit status:
  0 all inputs done; 1 some inputs failed (each is named on stderr, the
  others are done); 2 usage error; 130 interrupted (no partial output left)."""


class UsageError(Exception):
    """The command line asks for something impossible: exit 2 before any work."""


class InputError(Exception):
    """One input cannot be read or decoded: it is named, skipped, and the run goes on."""


# -- the command line -----------------------------------------------------------------


def _field_docs(cls: type) -> dict[str, str]:
    """The docstrings under the fields of a dataclass (not kept at run time, so read from source)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):  # no source: the switches still work, without help
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs = {}
    for node, nxt in zip(body, body[1:]):  # noqa: B905 - one shorter on purpose
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(nxt, ast.Expr)
            and isinstance(nxt.value, ast.Constant)
            and isinstance(nxt.value.value, str)
        ):
            docs[node.target.id] = " ".join(nxt.value.value.split())
    return docs


def _switches() -> list[dataclasses.Field]:
    """The on/off options of :class:`Config` (the pipeline steps), in pipeline order."""
    return [f for f in dataclasses.fields(Config) if f.type in (bool, "bool")]


def build_parser() -> argparse.ArgumentParser:
    docs = {name: doc.replace("%", "%%") for name, doc in _field_docs(Config).items()}
    p = argparse.ArgumentParser(
        prog="ocrfix",
        usage="%(prog)s [OPTIONS] [PATH ...]",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help='files or folders to clean; "-" or none: stdin')
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")

    out = p.add_argument_group("output (default: stdout, for a single input)")
    dest = out.add_mutually_exclusive_group()
    dest.add_argument("-o", "--output", metavar="FILE", help='write the one input\'s result to FILE ("-": stdout)')
    dest.add_argument("--out-dir", metavar="DIR", help="write results under DIR, mirroring each input folder's tree")
    dest.add_argument("--in-place", action="store_true", help="rewrite the inputs, keeping a backup FILE.orig")
    out.add_argument("--no-backup", action="store_true", help="with --in-place: keep no FILE.orig")

    inp = p.add_argument_group("input")
    inp.add_argument(
        "--glob",
        action="append",
        metavar="PATTERN",
        help="files to take from folders (repeatable; default: %s); a pattern with / matches the path "
        "inside the folder" % " and ".join(DEFAULT_GLOBS),
    )
    inp.add_argument(
        "--format",
        choices=("auto", "text", "jsonl"),
        default="auto",
        help="auto (default): JSONL for .jsonl and .ndjson files, plain text otherwise",
    )
    inp.add_argument("--field", default="text", metavar="NAME", help='JSONL: the field to clean (default: "text")')
    inp.add_argument(
        "--encoding",
        default="utf-8",
        metavar="NAME",
        help='input encoding (default: utf-8), or "auto" to detect it per file (UTF-8/16/32, cp1252, '
        "ISO-8859-15, cp850, Mac Roman, else charset-normalizer's guess)",
    )

    clean = p.add_argument_group("cleaning")
    clean.add_argument("--variant", metavar="NAME", help=docs.get("variant", "de_DE, de_AT or de_CH"))
    clean.add_argument(
        "--user-words",
        action="append",
        metavar="FILE",
        help="a file of words to accept and correct towards, one per line (repeatable)",
    )
    clean.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes (default: the number of cores, fewer for small inputs)",
    )

    steps = p.add_argument_group("steps (each can be switched on or off)")
    for f in _switches():
        state = "on" if f.default else "off"
        steps.add_argument(
            f"--{f.name.replace('_', '-')}",
            dest=f"step_{f.name}",
            action=argparse.BooleanOptionalAction,
            default=None,
            help=f"{docs.get(f.name, '')} Default: {state}.".lstrip(),
        )

    rep = p.add_argument_group("reports")
    rep.add_argument(
        "--explain",
        action="store_true",
        help="write every correction as a JSON line (file, line for JSONL inputs, start, end, original, "
        "replacement, rule, confidence) to stdout, instead of the text when that would go to stdout",
    )
    rep.add_argument("--explain-out", metavar="FILE", help="write the --explain lines to FILE (implies --explain)")
    rep.add_argument(
        "--diff",
        action="store_true",
        help="show a word-level diff of each changed line on stdout, instead of the text when that would go there",
    )
    rep.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the diff: auto (default) when stdout is a terminal and NO_COLOR is unset",
    )
    rep.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar, no summary (errors and warnings are still shown)"
    )
    return p


# -- planning: what to read, where to write ---------------------------------------------


@dataclass(eq=False)
class Job:
    """One input and where its result goes."""

    src: str  # a path, or "-" for stdin
    label: str  # the input's name in messages and reports
    dest: str | None  # the output file; None: stdout (``Plan.to_stdout``) or no text output
    jsonl: bool
    size: int
    identity: tuple[int, int] | None = None  # (device, inode): no output may land on an input
    backup: str | None = None  # --in-place: where the original is kept
    data: bytes | None = None  # stdin, read before the run
    failed: bool = False
    changed: bool = False
    warnings: int = 0


@dataclass
class Plan:
    jobs: list[Job]
    errors: list[str]  # inputs that failed while planning (missing paths, unreadable folders)
    notes: list[str]  # warnings found while planning (empty folders)
    cleaner: Cleaner
    workers: int
    to_stdout: bool  # the cleaned text goes to stdout
    explain: bool
    explain_out: str | None  # None or "-": stdout
    diff: bool
    color: bool
    field: str
    encoding: str
    quiet: bool


def _config(args: argparse.Namespace) -> Config:
    options: dict[str, Any] = {}
    if args.variant is not None:
        options["variant"] = args.variant
    if args.user_words:
        words: set[str] = set()
        for path in args.user_words:
            try:
                with open(path, encoding="utf-8-sig") as lines:
                    words.update(w for line in lines if (w := line.strip()) and not w.startswith("#"))
            except (OSError, UnicodeError) as e:
                raise UsageError(f"--user-words {path}: {_reason(e)}") from None
        options["user_words"] = words
    for switch in _switches():
        value = getattr(args, f"step_{switch.name}")
        if value is not None:
            options[switch.name] = value
    try:
        return Config.from_options(**options)
    except (ValueError, TypeError) as e:
        raise UsageError(str(e)) from None


def _encoding(name: str) -> str:
    if name.lower() == "auto":
        return "auto"
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise UsageError(f"--encoding: unknown encoding {name!r}") from None


def _reason(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return str(e) or type(e).__name__


def _is_jsonl(path: str, fmt: str) -> bool:
    if fmt != "auto":
        return fmt == "jsonl"
    return path.lower().endswith(JSONL_SUFFIXES)


def _matches(rel: str, name: str, globs: Sequence[str]) -> bool:
    return any(fnmatchcase(rel if "/" in g else name, g) for g in globs)


def _walk(
    top: str, globs: Sequence[str], skip: str | None, errors: list[str]
) -> Iterator[tuple[str, str, os.stat_result]]:
    """(path, path relative to ``top``, stat) of the matching files under ``top``, sorted, hidden ones skipped."""

    def onerror(e: OSError) -> None:
        errors.append(f"{e.filename or top}: {_reason(e)}")

    for root, dirs, files in os.walk(top, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _same(os.path.join(root, d), skip))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            if _matches(rel.replace(os.sep, "/"), name, globs):
                try:
                    st = os.stat(path)
                except OSError as e:
                    errors.append(f"{path}: {_reason(e)}")
                    continue
                yield path, rel, st


def _same(a: str, b: str | None) -> bool:
    if b is None:
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def make_plan(args: argparse.Namespace) -> Plan:
    """Check the command line and list the inputs; raises :class:`UsageError`."""
    if args.explain_out is not None:
        args.explain = True
    if args.no_backup and not args.in_place:
        raise UsageError("--no-backup only applies to --in-place")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    config = _config(args)
    encoding = _encoding(args.encoding)
    paths = args.paths or [STDIN]
    to_stdout = _text_to_stdout(args, paths)
    output = None if args.output in (None, STDIN) else args.output
    jobs, errors, notes = _collect(args, paths, output)
    _check_outputs(jobs, args, errors)
    if args.explain_out not in (None, STDIN):
        _check_explain_out(args.explain_out, jobs)
    if jobs and jobs[0].src == STDIN:
        if _isatty(sys.stdin) and not args.quiet:
            print("ocrfix: reading stdin; end it with Ctrl-D (ocrfix --help shows how to clean files)", file=sys.stderr)
        try:
            jobs[0].data = sys.stdin.buffer.read()
        except OSError as e:
            raise UsageError(f"cannot read stdin: {_reason(e)}") from None
        jobs[0].size = len(jobs[0].data)
    if args.jobs is not None:
        workers = args.jobs
    else:
        workers = max(1, min(_cores(), sum(j.size for j in jobs) // AUTO_BYTES_PER_WORKER))
    color = args.color == "always" or (args.color == "auto" and _isatty(sys.stdout) and "NO_COLOR" not in os.environ)
    return Plan(
        jobs=jobs,
        errors=errors,
        notes=notes,
        cleaner=Cleaner(config),
        workers=workers,
        to_stdout=to_stdout,
        explain=args.explain,
        explain_out=None if args.explain_out in (None, STDIN) else args.explain_out,
        diff=args.diff,
        color=color,
        field=args.field,
        encoding=encoding,
        quiet=args.quiet,
    )


def _text_to_stdout(args: argparse.Namespace, paths: list[str]) -> bool:
    """Does the cleaned text go to stdout?  Refuses the combinations that make no sense."""
    if STDIN in paths and len(paths) > 1:
        raise UsageError('"-" (stdin) cannot be combined with other paths')
    if paths == [STDIN] and (args.out_dir or args.in_place):
        raise UsageError("stdin cannot be cleaned into --out-dir or --in-place; use -o FILE or stdout")
    explain_to_stdout = args.explain and args.explain_out in (None, STDIN)
    if explain_to_stdout and args.diff:
        raise UsageError("--explain and --diff cannot both write to stdout; use --explain-out FILE")
    reports_on_stdout = explain_to_stdout or args.diff
    if args.output == STDIN and reports_on_stdout:
        raise UsageError("-o - writes the text to stdout, where --explain/--diff already write")
    to_file = args.output not in (None, STDIN)
    to_stdout = not (to_file or args.out_dir or args.in_place or reports_on_stdout)
    single = len(paths) == 1 and (paths[0] == STDIN or not os.path.isdir(paths[0]))
    if to_file and not single:
        raise UsageError("-o FILE takes a single input file")
    if to_stdout and not single:
        raise UsageError("several inputs (or a folder) need --out-dir or --in-place")
    return to_stdout


def _collect(args: argparse.Namespace, paths: list[str], output: str | None) -> tuple[list[Job], list[str], list[str]]:
    """The jobs, the inputs that failed already (missing paths), and notes (empty folders)."""
    globs = tuple(args.glob or DEFAULT_GLOBS)
    jobs: list[Job] = []
    errors: list[str] = []
    notes: list[str] = []
    seen: set[str] = set()
    out_dir = args.out_dir
    for path in paths:
        if path == STDIN:
            jobs.append(Job(STDIN, STDIN_LABEL, output, args.format == "jsonl", 0))
        elif os.path.isdir(path):
            if _same(path, out_dir):
                raise UsageError(f"--out-dir {out_dir} is the input folder {path}; use --in-place to rewrite inputs")
            found = 0
            for src, rel, st in _walk(path, globs, out_dir, errors):
                found += 1
                if src not in seen:
                    seen.add(src)
                    dest = os.path.join(out_dir, rel) if out_dir else None
                    jobs.append(Job(src, src, dest, _is_jsonl(src, args.format), st.st_size, _identity(st)))
            if not found:
                notes.append(f"{path}: no files matching {', '.join(globs)}")
        elif path in seen:
            continue
        else:
            try:
                st = os.stat(path)
            except FileNotFoundError:
                errors.append(f"{path}: no such file or folder")
                continue
            except OSError as e:
                errors.append(f"{path}: {_reason(e)}")
                continue
            seen.add(path)
            dest = os.path.join(out_dir, os.path.basename(path)) if out_dir else output
            jobs.append(Job(path, path, dest, _is_jsonl(path, args.format), st.st_size, _identity(st)))
    return jobs, errors, notes


def _check_explain_out(path: str, jobs: list[Job]) -> None:
    try:
        clash = _identity(os.stat(path)) in {j.identity for j in jobs}
    except OSError:  # not there yet
        clash = False
    if clash or os.path.abspath(path) in {os.path.abspath(j.dest) for j in jobs if j.dest}:
        raise UsageError(f"--explain-out {path} is also an input or an output")


def _check_outputs(jobs: list[Job], args: argparse.Namespace, errors: list[str]) -> None:
    """Refuse outputs that would overwrite an input, or that two inputs would share."""
    if args.in_place:
        for job in list(jobs):
            job.dest = job.src
            if not args.no_backup:
                job.backup = job.src + ".orig"
                if os.path.lexists(job.backup):
                    errors.append(f"{job.label}: backup {job.backup} already exists (remove it, or use --no-backup)")
                    jobs.remove(job)
        return
    if not (args.output or args.out_dir):
        return
    inputs = {j.identity for j in jobs if j.identity is not None}
    owners: dict[str, Job] = {}
    for job in jobs:
        if job.dest is None:
            continue
        key = os.path.abspath(job.dest)
        if key in owners:
            raise UsageError(f"{owners[key].label} and {job.label} would both be written to {job.dest}")
        owners[key] = job
        try:
            overwrites = _identity(os.stat(job.dest)) in inputs
        except OSError:  # not there yet
            overwrites = False
        if overwrites:
            raise UsageError(f"{job.dest} is an input and would be overwritten; use --in-place to rewrite inputs")


def _identity(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _isatty(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# -- reading: bytes to texts ----------------------------------------------------------


def _wide(encoding: str) -> bool:
    """UTF-16 and UTF-32 text is full of NUL bytes, so NUL does not mean binary there."""
    return encoding.startswith(("utf-16", "utf-32"))


_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _detect(sample: bytes, final: bool) -> str:
    """The encoding of a file starting with ``sample``: by its BOM, UTF-8, or charset-normalizer's guess."""
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\0" in sample:
        return "utf-8"  # binary: the NUL check names the offset
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=LEGACY_ENCODINGS).best() or from_bytes(sample).best()
    if best is None:
        raise InputError("cannot detect the encoding (not text?); skipped")
    return codecs.lookup(best.encoding).name


def _check_encoding(f: IO[bytes], encoding: str) -> str:
    """Read ``f`` to the end, and return its encoding if the whole file decodes and holds no NUL byte.

    Raises :class:`InputError` naming the byte offset of the first problem.
    """
    block = f.read(BLOCK)
    detected = encoding == "auto"
    if detected:
        encoding = _detect(block, final=len(block) < BLOCK)
    if not _wide(encoding) and block.startswith(_WIDE_BOMS):
        wide = _detect(block[:4], final=False)
        raise InputError(f"{wide} text (it starts with a byte order mark); use --encoding auto; skipped")
    decoder = codecs.getincrementaldecoder(encoding)()
    pos = 0
    while True:
        if not _wide(encoding):
            nul = block.find(b"\0")
            if nul >= 0:
                raise InputError(f"binary file (NUL byte at byte offset {pos + nul}); skipped")
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(block, final=not block)
        except UnicodeDecodeError as e:
            if detected:
                hint = " (detected; try --encoding NAME)"
            else:
                hint = " (try --encoding auto)" if encoding == "utf-8" else ""
            raise InputError(f"not valid {encoding} at byte offset {pos - pending + e.start}{hint}; skipped") from None
        if not block:
            return encoding
        pos += len(block)
        block = f.read(BLOCK)


def _open(job: Job) -> IO[bytes]:
    if job.data is not None:
        return io.BytesIO(job.data)
    return open(job.src, "rb")


class Item(NamedTuple):
    """One step of the stream from the readers through the workers to the writer.

    ``kind`` is "start" or "end" of a job, "fail" (``text`` is the message),
    "clean" (``text`` is to be cleaned) or "keep" (``text`` is written as is,
    with an optional ``warning``).
    """

    kind: str
    job: Job
    text: str = ""
    nbytes: int = 0  # input bytes this item stands for (progress)
    offset: int = 0  # text files: where ``text`` starts in the file (characters) ...
    first_line: int = 1  # ... and on which line
    line: int = 0  # JSONL: the line number
    head: str = ""  # JSONL: the line before the field's value ...
    token: str = ""  # ... the value as written ...
    tail: str = ""  # ... and the rest of the line
    warning: str = ""


def _read(jobs: Iterable[Job], plan: Plan) -> Iterator[Item]:
    """The items of all jobs, in order; a job that cannot be read yields "fail" and the run goes on."""
    for job in jobs:
        yield Item("start", job)
        counted = 0  # bytes reported to the progress bar; the last item of the job adds the rest
        try:
            with _open(job) as f:
                if not f.seekable():  # a pipe ("ocrfix <(zcat dump.txt.gz)"): read twice from memory
                    f = io.BytesIO(f.read())
                encoding = _check_encoding(f, plan.encoding)
                f.seek(0)
                for item in _read_jsonl(job, f, encoding, plan.field) if job.jsonl else _read_text(job, f, encoding):
                    counted += item.nbytes
                    yield item
        except InputError as e:
            yield Item("fail", job, str(e), nbytes=max(0, job.size - counted))
            continue
        except (OSError, UnicodeError) as e:  # unreadable, or changed since it was checked
            yield Item("fail", job, f"{_reason(e)}; skipped", nbytes=max(0, job.size - counted))
            continue
        yield Item("end", job, nbytes=max(0, job.size - counted))


def _read_text(job: Job, f: IO[bytes], encoding: str) -> Iterator[Item]:
    data = f.read()
    text = data.decode(encoding)
    if len(text) <= SPLIT_ABOVE:
        yield Item("clean", job, text, nbytes=len(data))
        return
    # A very large file is cleaned in pieces cut at blank lines, which no step looks across.
    pos, line, done = 0, 1, 0
    while pos < len(text):
        m = _PARAGRAPH_BREAK.search(text, pos + PIECE_CHARS)
        end = m.end() if m else len(text)
        piece = text[pos:end]
        nbytes = len(data) * end // len(text) - done
        done += nbytes
        yield Item("clean", job, piece, nbytes=nbytes, offset=pos, first_line=line)
        line += piece.count("\n")
        pos = end


def _read_jsonl(job: Job, f: IO[bytes], encoding: str, field: str) -> Iterator[Item]:
    lines = io.TextIOWrapper(f, encoding=encoding, newline="\n")
    try:
        for n, raw in enumerate(lines, 1):
            nbytes = len(raw)  # characters: close enough for the progress bar
            bom = "\ufeff" if n == 1 and raw.startswith("\ufeff") else ""
            found = _field_span(raw[len(bom) :], field)
            if isinstance(found, str):
                yield Item("keep", job, raw, nbytes=nbytes, line=n, warning=found)
            elif found is None:
                yield Item("keep", job, raw, nbytes=nbytes, line=n)
            else:
                start, end = found[0] + len(bom), found[1] + len(bom)
                token = raw[start:end]
                text = json.loads(token)
                yield Item("clean", job, text, nbytes=nbytes, line=n, head=raw[:start], token=token, tail=raw[end:])
    finally:
        lines.detach()


def _field_span(line: str, field: str) -> tuple[int, int] | str | None:
    """Where the string value of ``field`` is written in the JSON object ``line``.

    Returns the span, None for a blank line, or why the line cannot be cleaned.
    """
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except ValueError as e:
        return f"not valid JSON ({e.args[0] if e.args else e})"
    if not isinstance(obj, dict):
        return "not a JSON object"
    if field not in obj:
        return f'no field "{field}"'
    if not isinstance(obj[field], str):
        return f'field "{field}" is not a string'
    # The line is valid: walk its top-level keys to find the (last) value of the field.
    span = None
    pos = _skip_ws(line, line.index("{") + 1)
    while line[pos] != "}":
        key, pos = _scanstring(line, pos + 1)
        pos = _skip_ws(line, _skip_ws(line, pos) + 1)  # past the ":"
        _, end = _JSON.raw_decode(line, pos)
        if key == field:
            span = (pos, end)
        pos = _skip_ws(line, end)
        if line[pos] == ",":
            pos = _skip_ws(line, pos + 1)
    return span


def _skip_ws(line: str, pos: int) -> int:
    return _JSON_WS.match(line, pos).end()  # type: ignore[union-attr]  # the pattern always matches


# -- cleaning: in this process, or in workers ------------------------------------------

Result = tuple[str, int, tuple[Correction, ...], str]  # cleaned text, words, corrections, error


def _explain_batch(cleaner: Cleaner, texts: list[str]) -> list[Result]:
    results: list[Result] = []
    for text in texts:
        if not text:  # nothing to clean: no need to load the dictionaries
            results.append((text, 0, (), ""))
            continue
        try:
            e = cleaner.explain(text)
            results.append((e.text, len(text.split()), e.corrections, ""))
        except Exception as exc:  # a bug in ocrfix must not stop a batch of a million files
            results.append((text, 0, (), f"{type(exc).__name__}: {exc}"))
    return results


_worker_cleaner: Cleaner | None = None  # the cleaner of a worker process


def _init_worker(cleaner: Cleaner) -> None:
    global _worker_cleaner
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the main process, which stops the run
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_cleaner = cleaner


def _worker_batch(texts: list[str]) -> list[Result]:
    assert _worker_cleaner is not None
    return _explain_batch(_worker_cleaner, texts)


class Cleaning:
    """Clean the "clean" items of a stream and give every item back in order, with its result.

    With one worker everything runs here; with more, batches go to a process
    pool, at most ``2 * workers`` batches ahead of the writer.
    """

    def __init__(self, cleaner: Cleaner, workers: int) -> None:
        self.cleaner = cleaner
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    def run(self, items: Iterable[Item]) -> Iterator[tuple[Item, Result | None]]:
        pending: deque[tuple[list[Item], Future[list[Result]] | list[str]]] = deque()
        batch: list[Item] = []
        texts: list[str] = []
        chars = 0
        for item in items:
            batch.append(item)
            chars += len(item.text)
            if item.kind == "clean":
                texts.append(item.text)
            if len(texts) >= BATCH_TEXTS or chars >= BATCH_CHARS or len(batch) >= 4 * BATCH_TEXTS:
                pending.append((batch, self._submit(texts)))
                batch, texts, chars = [], [], 0
                while len(pending) >= 2 * self.workers:
                    yield from self._results(*pending.popleft())
        if batch:
            pending.append((batch, self._submit(texts)))
        while pending:
            yield from self._results(*pending.popleft())

    def _submit(self, texts: list[str]) -> Future[list[Result]] | list[str]:
        if self.workers == 1 or not texts:
            return texts  # cleaned when its turn comes
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(self.cleaner,))
        return self.pool.submit(_worker_batch, texts)

    def _results(
        self, batch: list[Item], work: Future[list[Result]] | list[str]
    ) -> Iterator[tuple[Item, Result | None]]:
        results = iter(work.result() if isinstance(work, Future) else _explain_batch(self.cleaner, work))
        for item in batch:
            yield item, (next(results) if item.kind == "clean" else None)

    def close(self, wait: bool) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=True)
            self.pool = None


# -- writing ----------------------------------------------------------------------------


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C (and SIGTERM) back while a finished output and its backup are put in place."""
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = [signal.signal(s, lambda signum, frame: caught.append(signum)) for s in held]
    try:
        yield
    finally:
        for s, handler in zip(held, previous, strict=True):
            signal.signal(s, handler)
        if caught:
            signal.raise_signal(caught[0])  # now handled as usual


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicFile:
    """A file written under a temporary name beside ``path`` and renamed onto it by :meth:`commit`."""

    def __init__(self, path: str, mode: int, like: str | None = None, backup: str | None = None) -> None:
        self.path, self.mode, self.like, self.backup = path, mode, like, backup
        folder = os.path.dirname(path) or "."
        os.makedirs(folder, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".ocrfix-tmp", dir=folder)
        self.file = os.fdopen(fd, "wb")

    def write(self, text: str) -> None:
        self.file.write(text.encode("utf-8"))

    def commit(self) -> None:
        self.file.close()
        mode = self.mode
        if self.like is not None:  # --in-place: keep the input's permissions
            mode = os.stat(self.like).st_mode & 0o7777
        os.chmod(self.tmp, mode)
        with _signals_held():
            if self.backup is not None:
                _backup(self.path, self.backup)
            os.replace(self.tmp, self.path)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)


def _backup(path: str, backup: str) -> None:
    """Keep ``path`` as ``backup`` (a hard link, or a copy where links are impossible); never overwrite one."""
    try:
        os.link(path, backup)
    except FileExistsError:
        raise
    except OSError:
        import shutil

        with open(path, "rb") as src, open(backup, "xb") as dst:
            shutil.copyfileobj(src, dst)
        shutil.copystat(path, backup)


class StdoutFile:
    """Stdout, with the interface of :class:`AtomicFile`."""

    def write(self, text: str) -> None:
        sys.stdout.buffer.write(text.encode("utf-8"))

    def commit(self) -> None:
        sys.stdout.buffer.flush()

    def discard(self) -> None:
        sys.stdout.buffer.flush()


# -- reports ------------------------------------------------------------------------------

_RED, _GREEN, _CYAN, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[0m"


def _wordish(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM" or ch in "¨´`"


def _visible(s: str) -> str:
    out = []
    for ch in s:
        if ch == "\n":
            out.append("↵")
        elif ch == "\t" or ch == " " or unicodedata.category(ch)[0] not in "CZ":
            out.append(ch)
        elif ch != "\r":
            out.append(f"<U+{ord(ch):04X}>")
    return "".join(out)


def _shorten(s: str, keep_left: bool, keep_right: bool, room: int = 40) -> str:
    if len(s) <= 2 * room:
        return s
    if keep_left and keep_right:
        return s[:room] + "…" + s[-room:]
    return s[:room] + "…" if keep_left else "…" + s[-room:]


def _hunks(text: str, corrections: Sequence[Correction]) -> list[tuple[int, int, str]]:
    """The corrections widened to whole words and merged: (start, end, replacement)."""
    hunks: list[tuple[int, int, list[Correction]]] = []
    for c in corrections:
        start, end = c.start, c.end
        while start > 0 and _wordish(text[start - 1]):
            start -= 1
        while end < len(text) and _wordish(text[end]):
            end += 1
        if hunks and start <= hunks[-1][1]:
            s, e, cs = hunks[-1]
            hunks[-1] = (s, max(e, end), cs + [c])
        else:
            hunks.append((start, end, [c]))
    out = []
    for s, e, cs in hunks:
        shifted = [dataclasses.replace(c, start=c.start - s, end=c.end - s) for c in cs]
        out.append((s, e, replay(text[s:e], shifted)))
    return out


def diff_lines(text: str, corrections: Sequence[Correction], color: bool) -> Iterator[tuple[int, str]]:
    """(line number, rendering) of each changed line of ``text``: the changed words marked, the rest shortened."""
    if color:
        old, new = f"{_RED}{{}}{_RESET}", f"{_GREEN}{{}}{_RESET}"
    else:
        old, new = "[-{}-]", "{{+{}+}}"
    hunks = _hunks(text, corrections)

    def line_end(pos: int) -> int:
        end = text.find("\n", pos)
        return len(text) if end < 0 else end

    i, line, counted = 0, 1, 0
    while i < len(hunks):
        begin = text.rfind("\n", 0, hunks[i][0]) + 1
        stop = line_end(hunks[i][1])
        group = [hunks[i]]
        i += 1
        while i < len(hunks) and hunks[i][0] <= stop:  # more changes on the same line
            group.append(hunks[i])
            stop = line_end(hunks[i][1])
            i += 1
        line += text.count("\n", counted, begin)
        counted = begin
        parts, pos = [], begin
        for k, (s, e, replacement) in enumerate(group):
            parts.append(_visible(_shorten(text[pos:s], keep_left=k > 0, keep_right=True)))
            if text[s:e]:
                parts.append(old.format(_visible(text[s:e])))
            if replacement:
                parts.append(new.format(_visible(replacement)))
            pos = e
        parts.append(_visible(_shorten(text[pos:stop], keep_left=True, keep_right=False)))
        yield line, "".join(parts)


class Progress:
    """A tqdm bar on stderr (files, MB, corrections per second), or nothing."""

    def __init__(self, plan: Plan, total_bytes: int) -> None:
        self.bar = None
        self.files = len(plan.jobs)
        self.start = time.monotonic()
        self.shown = 0.0
        wants = not plan.quiet and _isatty(sys.stderr)
        stdout_is_tty = _isatty(sys.stdout) and (plan.to_stdout or plan.diff or (plan.explain and not plan.explain_out))
        if wants and not stdout_is_tty:
            try:
                from tqdm import tqdm
            except ImportError:  # pragma: no cover - tqdm is a dependency
                return
            tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked later
            self.bar = tqdm(
                total=total_bytes or None,
                unit="B",
                unit_scale=True,
                file=sys.stderr,
                dynamic_ncols=True,
                leave=False,
                desc="ocrfix",
            )

    def say(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr, flush=True)

    def update(self, nbytes: int, done: int, corrections: int) -> None:
        if self.bar is None:
            return
        self.bar.update(nbytes)
        now = time.monotonic()
        if now - self.shown > 0.25:
            self.shown = now
            rate = corrections / max(now - self.start, 1e-9)
            self.bar.set_postfix_str(f"{done}/{self.files} files, {rate:,.0f} corrections/s", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


# -- the run ----------------------------------------------------------------------------


class Run:
    """Reads, cleans and writes the jobs of a :class:`Plan`, and keeps the counts for the summary."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.progress = Progress(plan, sum(j.size for j in plan.jobs))
        self.out: AtomicFile | StdoutFile | None = None  # the output of the job being written
        self.explain_file: AtomicFile | None = None
        self.done = self.failed = self.words = self.kept = 0
        self.bytes = self.corrections = 0
        self.rules: Counter[str] = Counter()
        self.mode = 0o666 & ~_umask()  # of new files
        self.start = time.monotonic()

    # messages
    def error(self, message: str) -> None:
        self.progress.say(f"ocrfix: error: {message}")

    def warn(self, message: str) -> None:
        self.progress.say(f"ocrfix: warning: {message}")

    def execute(self) -> int:
        plan = self.plan
        for message in plan.errors:
            self.error(message)
        self.failed += len(plan.errors)
        for message in plan.notes:
            self.warn(message)
        cleaning = Cleaning(plan.cleaner, plan.workers)
        try:
            if plan.explain_out is not None:
                self.explain_file = AtomicFile(plan.explain_out, self.mode)
            for item, result in cleaning.run(_read(plan.jobs, plan)):
                self.take(item, result)
            if self.explain_file is not None:
                self.explain_file.commit()
                self.explain_file = None
        except BaseException:
            self.discard()  # first, before waiting for anything
            cleaning.close(wait=False)
            raise
        finally:
            self.progress.close()
        cleaning.close(wait=True)
        if not plan.quiet:
            self.summary()
        return EXIT_FAILED if self.failed else EXIT_OK

    def discard(self) -> None:
        """Remove every temporary file of this run."""
        if self.out is not None:
            self.out.discard()
            self.out = None
        if self.explain_file is not None:
            self.explain_file.discard()
            self.explain_file = None

    def take(self, item: Item, result: Result | None) -> None:
        """Write one item's result; a write error fails its job (named on stderr) and the run goes on."""
        job = item.job
        if not job.failed:
            try:
                if item.kind == "start":
                    self.open(job)
                elif item.kind == "clean":
                    assert result is not None
                    self.cleaned(item, result)
                elif item.kind == "keep":
                    self.keep(item)
                elif item.kind == "fail":
                    self.fail(job, item.text)
                elif item.kind == "end":
                    self.finish(job)
            except BrokenPipeError:
                raise
            except OSError as e:
                self.fail(job, f"{e.filename or job.dest or job.label}: {_reason(e)}")
        self.progress.update(item.nbytes, self.done, self.corrections)

    def open(self, job: Job) -> None:
        if job.dest is not None:
            in_place = job.dest == job.src
            self.out = AtomicFile(job.dest, self.mode, like=job.src if in_place else None, backup=job.backup)
        elif self.plan.to_stdout:
            self.out = StdoutFile()

    def cleaned(self, item: Item, result: Result) -> None:
        job, plan = item.job, self.plan
        text, words, corrections, problem = result
        if problem:
            self.fail(job, f"internal error while cleaning ({problem}); please report it")
            return
        self.words += words
        self.rules.update(c.rule for c in corrections)
        self.corrections += len(corrections)
        job.changed = job.changed or text != item.text
        if self.out is not None:
            if not job.jsonl:
                self.out.write(text)
            elif text == item.text:
                self.out.write(item.head + item.token + item.tail)
            else:
                # keep \u escapes where the producer wrote them (json.dumps' ensure_ascii)
                escaped = "\\u" in item.token and (item.head + item.token + item.tail).isascii()
                self.out.write(item.head + json.dumps(text, ensure_ascii=escaped) + item.tail)
        if plan.explain and corrections:
            self.explain(item, corrections)
        if plan.diff and corrections:
            self.diff(item, corrections)

    def keep(self, item: Item) -> None:
        job = item.job
        if item.warning:
            self.kept += 1
            job.warnings += 1
            if job.warnings <= MAX_WARNINGS:
                self.warn(f"{job.label}:{item.line}: {item.warning}; line kept as it was")
        if self.out is not None:
            self.out.write(item.text)

    def explain(self, item: Item, corrections: Sequence[Correction]) -> None:
        lines = []
        for c in corrections:
            record: dict[str, object] = {"file": item.job.label}
            if item.job.jsonl:
                record["line"] = item.line
            record.update(c.to_dict())
            record["start"] = c.start + item.offset
            record["end"] = c.end + item.offset
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        if self.explain_file is not None:
            self.explain_file.write("".join(lines))
        else:
            sys.stdout.buffer.write("".join(lines).encode("utf-8"))

    def diff(self, item: Item, corrections: Sequence[Correction]) -> None:
        color = self.plan.color
        label = f"{_CYAN}{item.job.label}{_RESET}" if color else item.job.label
        out = []
        for n, rendering in diff_lines(item.text, corrections, color):
            where = item.line if item.job.jsonl else item.first_line + n - 1
            out.append(f"{label}:{where}: {rendering}\n")
        sys.stdout.buffer.write("".join(out).encode("utf-8"))

    def finish(self, job: Job) -> None:
        if self.out is not None:
            if job.dest == job.src and not job.changed:
                self.out.discard()  # --in-place leaves a clean file (and its time stamp) alone
            else:
                self.out.commit()
            self.out = None
        self.done += 1
        self.bytes += job.size
        if job.warnings > MAX_WARNINGS:
            self.warn(f"{job.label}: {job.warnings - MAX_WARNINGS} more lines kept as they were")

    def fail(self, job: Job, message: str) -> None:
        if self.out is not None:
            self.out.discard()
            self.out = None
        if not job.failed:
            job.failed = True
            self.failed += 1
            self.error(f"{job.label}: {message}" if not message.startswith(job.label + ":") else message)

    def summary(self) -> None:
        seconds = time.monotonic() - self.start
        files = f"{self.done:,} file{'s' if self.done != 1 else ''}"
        lines = [f"{files}, {_megabytes(self.bytes)}, {self.words:,} words in {seconds:.1f} s"]
        total = sum(self.rules.values())
        by_rule = ", ".join(f"{rule} {n:,}" for rule, n in self.rules.most_common())
        lines.append(f"{total:,} correction{'s' if total != 1 else ''}" + (f": {by_rule}" if by_rule else ""))
        trouble = []
        if self.failed:
            trouble.append(f"{self.failed:,} input{'s' if self.failed != 1 else ''} failed")
        if self.kept:
            trouble.append(f"{self.kept:,} JSONL line{'s' if self.kept != 1 else ''} kept as they were")
        if trouble:
            lines.append(", ".join(trouble))
        for line in lines:
            self.progress.say(f"ocrfix: {line}")


def _megabytes(n: int) -> str:
    if n < 1000:
        return f"{n} bytes"
    return f"{n / 1e6:,.1f} MB" if n >= 100_000 else f"{n / 1e3:,.1f} kB"


class _Terminated(BaseException):
    """SIGTERM, handled like Ctrl-C."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        plan = make_plan(args)
    except UsageError as e:
        parser.error(str(e))  # exits with status 2
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return Run(plan).execute()
    except KeyboardInterrupt:
        print("ocrfix: interrupted; finished outputs kept, no partial ones left", file=sys.stderr)
        return EXIT_INTERRUPTED
    except _Terminated:
        print("ocrfix: terminated; finished outputs kept, no partial ones left", file=sys.stderr)
        return 128 + signal.SIGTERM
    except BrokenPipeError:  # ``ocrfix ... | head``: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except BrokenProcessPool:
        print("ocrfix: error: a worker process died (out of memory?); stopped", file=sys.stderr)
        return EXIT_FAILED
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    from ocrfix.cli import (
        main as _main,  # run as the module ocrfix.cli, so workers can find its functions
    )

    sys.exit(_main())
