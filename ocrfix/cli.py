"""The ``ocrfix`` command: clean text files, folder trees and JSONL dumps from the shell.

    ocrfix < scan.txt > clean.txt
    ocrfix -j 8 scraped/ --out-dir clean/
    ocrfix dump.jsonl --field body -o clean.jsonl

This module reads the command line, plans the run, and reports.  Inputs are
read lazily, one file after the other, and cut into texts (whole files, JSONL
values, or paragraphs of a very large file) that
:meth:`ocrfix.Cleaner.explain_many` cleans, on several cores, while this
process writes the results in input order.  Encodings, JSON lines and output
files that appear only when done are :mod:`ocrfix.io`'s work; the ``--diff``
rendering is :mod:`ocrfix.diff`'s.
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
import signal
import sys
import textwrap
import time
from collections import Counter, deque
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import IO, Any, Generator, Iterable, Iterator, NamedTuple, Sequence

from . import Cleaner, Config, Correction, __version__
from .diff import RESET, diff_lines
from .io import PIECE_CHARS, SPLIT_ABOVE, AtomicFile, NotText, Piece, read_pieces
from .parallel import Failure, available_cores, explain_each

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

DEFAULT_GLOBS = ("*.txt", "*.jsonl")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"
STDIN_LABEL = "<stdin>"

BATCH_TEXTS = 256  # a batch sent to a worker holds at most this many texts (fewer, if they are long)
AUTO_BYTES_PER_WORKER = 1 << 19  # without -j, one worker per this much input (loading costs ~1 s)
MAX_WARNINGS = 10  # JSONL warnings shown per file; the rest are counted
CYAN = "\x1b[36m"  # file names in a coloured diff

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
    p = argparse.ArgumentParser(
        prog="ocrfix",
        usage="%(prog)s [OPTIONS] [PATH ...]",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help='files or folders to clean; "-" or none: stdin')
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_output_options(p)
    _add_input_options(p)
    _add_cleaning_options(p)
    _add_report_options(p)
    return p


def _add_output_options(p: argparse.ArgumentParser) -> None:
    out = p.add_argument_group("output (default: stdout, for a single input)")
    dest = out.add_mutually_exclusive_group()
    dest.add_argument("-o", "--output", metavar="FILE", help='write the one input\'s result to FILE ("-": stdout)')
    dest.add_argument("--out-dir", metavar="DIR", help="write results under DIR, mirroring each input folder's tree")
    dest.add_argument("--in-place", action="store_true", help="rewrite the inputs, keeping a backup FILE.orig")
    out.add_argument("--no-backup", action="store_true", help="with --in-place: keep no FILE.orig")


def _add_input_options(p: argparse.ArgumentParser) -> None:
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


def _add_cleaning_options(p: argparse.ArgumentParser) -> None:
    docs = {name: doc.replace("%", "%%") for name, doc in _field_docs(Config).items()}
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


def _add_report_options(p: argparse.ArgumentParser) -> None:
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
    jobs, errors, notes = _collect(args, paths, _file(args.output))
    explain_out = _file(args.explain_out)
    _check_outputs(jobs, args, errors, explain_out)
    if jobs and jobs[0].src == STDIN:
        _read_stdin(jobs[0], args.quiet)
    workers = args.jobs or max(1, min(available_cores(), sum(j.size for j in jobs) // AUTO_BYTES_PER_WORKER))
    color = args.color == "always" or (args.color == "auto" and _isatty(sys.stdout) and "NO_COLOR" not in os.environ)
    return Plan(
        jobs,
        errors,
        notes,
        Cleaner(config),
        workers,
        to_stdout,
        args.explain,
        explain_out,
        args.diff,
        color,
        args.field,
        encoding,
        args.quiet,
    )


def _config(args: argparse.Namespace) -> Config:
    options: dict[str, Any] = {}
    if args.variant is not None:
        options["variant"] = args.variant
    if args.user_words:
        options["user_words"] = {w for path in args.user_words for w in _user_words(path)}
    for switch in _switches():
        if (value := getattr(args, f"step_{switch.name}")) is not None:
            options[switch.name] = value
    try:
        return Config.from_options(**options)
    except (ValueError, TypeError) as e:
        raise UsageError(str(e)) from None


def _user_words(path: str) -> set[str]:
    try:
        with open(path, encoding="utf-8-sig") as lines:
            return {w for line in lines if (w := line.strip()) and not w.startswith("#")}
    except (OSError, UnicodeError) as e:
        raise UsageError(f"--user-words {path}: {_reason(e)}") from None


def _encoding(name: str) -> str:
    if name.lower() == "auto":
        return "auto"
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise UsageError(f"--encoding: unknown encoding {name!r}") from None


def _file(option: str | None) -> str | None:
    """The file an output option names; None when it is not given or "-" (stdout)."""
    return None if option in (None, STDIN) else option


def _text_to_stdout(args: argparse.Namespace, paths: list[str]) -> bool:
    """Does the cleaned text go to stdout?  Refuses the combinations that make no sense."""
    if STDIN in paths and len(paths) > 1:
        raise UsageError('"-" (stdin) cannot be combined with other paths')
    if paths == [STDIN] and (args.out_dir or args.in_place):
        raise UsageError("stdin cannot be cleaned into --out-dir or --in-place; use -o FILE or stdout")
    explain_to_stdout = args.explain and _file(args.explain_out) is None
    if explain_to_stdout and args.diff:
        raise UsageError("--explain and --diff cannot both write to stdout; use --explain-out FILE")
    reports_on_stdout = explain_to_stdout or args.diff
    if args.output == STDIN and reports_on_stdout:
        raise UsageError("-o - writes the text to stdout, where --explain/--diff already write")
    to_file = _file(args.output) is not None
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
    for path in paths:
        if path == STDIN:
            jobs.append(Job(STDIN, STDIN_LABEL, output, args.format == "jsonl", 0))
            continue
        if os.path.isdir(path):
            if _same(path, args.out_dir):
                raise UsageError(
                    f"--out-dir {args.out_dir} is the input folder {path}; use --in-place to rewrite inputs"
                )
            found = list(_walk(path, globs, args.out_dir, errors))
            if not found:
                notes.append(f"{path}: no files matching {', '.join(globs)}")
        else:
            st = None if path in seen else _stat(path, errors)
            found = [] if st is None else [(path, os.path.basename(path), st)]
        for src, rel, st in found:
            if src not in seen:
                seen.add(src)
                dest = os.path.join(args.out_dir, rel) if args.out_dir else output
                jobs.append(Job(src, src, dest, _is_jsonl(src, args.format), st.st_size, _identity(st)))
    return jobs, errors, notes


def _walk(
    top: str, globs: Sequence[str], skip: str | None, errors: list[str]
) -> Iterator[tuple[str, str, os.stat_result]]:
    """(path, path relative to ``top``, stat) of the matching files under ``top``, sorted, hidden ones skipped."""

    def onerror(e: OSError) -> None:
        errors.append(f"{e.filename or top}: {_reason(e)}")

    for root, dirs, files in os.walk(top, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _same(os.path.join(root, d), skip))
        for name in sorted(n for n in files if not n.startswith(".")):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            matches = any(fnmatchcase(rel.replace(os.sep, "/") if "/" in g else name, g) for g in globs)
            if matches and (st := _stat(path, errors)) is not None:
                yield path, rel, st


def _check_outputs(jobs: list[Job], args: argparse.Namespace, errors: list[str], explain_out: str | None) -> None:
    """Refuse outputs that would overwrite an input, or that two inputs (or an input and
    ``explain_out``) would share."""
    inputs = {j.identity for j in jobs if j.identity is not None}
    owners: dict[str, Job] = {}
    if args.in_place:  # the outputs are the inputs
        for job in list(jobs):
            job.dest = job.src
            if not args.no_backup:
                job.backup = job.src + ".orig"
                if os.path.lexists(job.backup):
                    errors.append(f"{job.label}: backup {job.backup} already exists (remove it, or use --no-backup)")
                    jobs.remove(job)
    else:
        for job in jobs:
            if job.dest is None:
                continue
            key = os.path.abspath(job.dest)
            if key in owners:
                raise UsageError(f"{owners[key].label} and {job.label} would both be written to {job.dest}")
            owners[key] = job
            if _identity_of(job.dest) in inputs:
                raise UsageError(f"{job.dest} is an input and would be overwritten; use --in-place to rewrite inputs")
    if explain_out is not None and (os.path.abspath(explain_out) in owners or _identity_of(explain_out) in inputs):
        raise UsageError(f"--explain-out {explain_out} is also an input or an output")


def _read_stdin(job: Job, quiet: bool) -> None:
    if _isatty(sys.stdin) and not quiet:
        print("ocrfix: reading stdin; end it with Ctrl-D (ocrfix --help shows how to clean files)", file=sys.stderr)
    try:
        job.data = sys.stdin.buffer.read()
    except OSError as e:
        raise UsageError(f"cannot read stdin: {_reason(e)}") from None
    job.size = len(job.data)


def _stat(path: str, errors: list[str]) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        errors.append(f"{path}: no such file or folder")
    except OSError as e:
        errors.append(f"{path}: {_reason(e)}")
    return None


def _identity(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


def _identity_of(path: str) -> tuple[int, int] | None:
    try:
        return _identity(os.stat(path))
    except OSError:  # not there yet
        return None


def _same(a: str, b: str | None) -> bool:
    if b is None:
        return False
    identity = _identity_of(a)
    return identity is not None and identity == _identity_of(b)


def _is_jsonl(path: str, fmt: str) -> bool:
    return fmt == "jsonl" if fmt != "auto" else path.lower().endswith(JSONL_SUFFIXES)


def _reason(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return str(e) or type(e).__name__


def _isatty(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# -- reading: bytes to texts ----------------------------------------------------------


class Item(NamedTuple):
    """One step of the stream from the reader through the workers to the writer.

    ``kind`` is "start" or "end" of a job, "fail" (the piece's text says why),
    "clean" (the piece is to be cleaned) or "keep" (it is written as it is).
    """

    kind: str
    job: Job
    piece: Piece = Piece("", 0)


def _read(plan: Plan) -> Iterator[Item]:
    """The items of all jobs, in order; a job that cannot be read yields "fail" and the run goes on."""
    for job in plan.jobs:
        yield Item("start", job)
        counted = 0  # bytes reported to the progress bar; the last item of the job adds the rest
        try:
            with open(job.src, "rb") if job.data is None else io.BytesIO(job.data) as f:
                field = plan.field if job.jsonl else None
                for piece in read_pieces(f, plan.encoding, field, SPLIT_ABOVE, PIECE_CHARS):
                    counted += piece.nbytes
                    yield Item("clean" if piece.clean else "keep", job, piece)
        except NotText as e:
            failure = f"{e}{_hint(e, plan.encoding)}; skipped"
        except (OSError, UnicodeError) as e:  # unreadable, or changed since it was checked
            failure = f"{_reason(e)}; skipped"
        else:
            yield Item("end", job, Piece("", max(0, job.size - counted)))
            continue
        yield Item("fail", job, Piece(failure, max(0, job.size - counted)))


def _hint(e: NotText, asked: str) -> str:
    if e.reason == "wide":
        return "; use --encoding auto"
    if e.reason != "invalid":
        return ""
    if asked == "auto":
        return " (detected; try --encoding NAME)"
    return " (try --encoding auto)" if e.encoding == "utf-8" else ""


# -- cleaning ---------------------------------------------------------------------------


class Result(NamedTuple):
    text: str
    corrections: tuple[Correction, ...]
    problem: str = ""  # an error inside ocrfix: the job fails, the run goes on


class Cleaning:
    """Clean the "clean" items of a stream and give every item back in order, with its result.

    Every item goes through :func:`~ocrfix.parallel.explain_each`, the others as ""
    (which costs nothing), so that only the items of the batches in flight wait here.
    """

    def __init__(self, cleaner: Cleaner, workers: int) -> None:
        self.cleaner, self.workers = cleaner, workers
        self.waiting: deque[Item] = deque()

    def run(self, items: Iterable[Item]) -> Generator[tuple[Item, Result | None], None, None]:
        # closing this generator drops the results, which stops the workers
        for e in explain_each(self.cleaner, self._texts(items), self.workers, BATCH_TEXTS):
            item = self.waiting.popleft()
            if item.kind != "clean":
                yield item, None
            elif isinstance(e, Failure):  # a bug in ocrfix fails this item's job; the run goes on
                yield item, Result(item.piece.text, (), e.error)
            else:
                yield item, Result(e.text, e.corrections)

    def _texts(self, items: Iterable[Item]) -> Iterator[str]:
        for item in items:
            self.waiting.append(item)
            yield item.piece.text if item.kind == "clean" else ""


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


class StdoutFile:
    """Stdout, with the interface of :class:`~ocrfix.io.AtomicFile`."""

    def write(self, text: str) -> None:
        sys.stdout.buffer.write(text.encode("utf-8"))

    def commit(self) -> None:
        sys.stdout.buffer.flush()

    discard = commit


class Progress:
    """A tqdm bar on stderr (files, MB, corrections per second), or nothing."""

    def __init__(self, plan: Plan) -> None:
        self.bar = None
        self.files = len(plan.jobs)
        self.start, self.shown = time.monotonic(), 0.0
        stdout_used = plan.to_stdout or plan.diff or (plan.explain and not plan.explain_out)
        if plan.quiet or not _isatty(sys.stderr) or (stdout_used and _isatty(sys.stdout)):
            return
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked later
        total = sum(j.size for j in plan.jobs) or None
        self.bar = tqdm(
            total=total, unit="B", unit_scale=True, file=sys.stderr, dynamic_ncols=True, leave=False, desc="ocrfix"
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
        self.progress = Progress(plan)
        self.out: AtomicFile | StdoutFile | None = None  # the output of the job being written
        self.explain_file: AtomicFile | None = None
        self.done = self.failed = self.words = self.kept = self.bytes = self.corrections = 0
        self.rules: Counter[str] = Counter()
        self.start = time.monotonic()

    def say(self, kind: str, message: str) -> None:
        self.progress.say(f"ocrfix: {kind}: {message}")

    def execute(self) -> int:
        plan = self.plan
        for message in plan.errors:
            self.say("error", message)
        for message in plan.notes:
            self.say("warning", message)
        self.failed += len(plan.errors)
        try:
            if plan.explain_out is not None:
                self.explain_file = AtomicFile(plan.explain_out)
            with contextlib.closing(Cleaning(plan.cleaner, plan.workers).run(_read(plan))) as results:
                for item, result in results:
                    self.take(item, result)
            if self.explain_file is not None:
                with _signals_held():
                    self.explain_file.commit()
                self.explain_file = None
        except BaseException:
            self.discard()
            raise
        finally:
            self.progress.close()
        if not plan.quiet:
            self.summary()
        return EXIT_FAILED if self.failed else EXIT_OK

    def discard(self) -> None:
        """Remove every temporary file of this run."""
        for output in (self.out, self.explain_file):
            if output is not None:
                output.discard()
        self.out = self.explain_file = None

    def take(self, item: Item, result: Result | None) -> None:
        """Write one item's result; a write error fails its job (named on stderr) and the run goes on."""
        job = item.job
        try:
            if job.failed:
                pass
            elif item.kind == "start":
                self.open(job)
            elif item.kind == "clean":
                assert result is not None
                self.cleaned(item, result)
            elif item.kind == "keep":
                self.keep(item)
            elif item.kind == "fail":
                self.fail(job, item.piece.text)
            elif item.kind == "end":
                self.finish(job)
        except BrokenPipeError:
            raise
        except OSError as e:
            self.fail(job, f"{e.filename or job.dest or job.label}: {_reason(e)}")
        self.progress.update(item.piece.nbytes, self.done, self.corrections)

    def open(self, job: Job) -> None:
        if job.dest is not None:
            mode = os.stat(job.src).st_mode & 0o7777 if job.dest == job.src else None  # --in-place: the input's
            self.out = AtomicFile(job.dest, mode, backup=job.backup)
        elif self.plan.to_stdout:
            self.out = StdoutFile()

    def cleaned(self, item: Item, result: Result) -> None:
        job, piece, (text, corrections, problem) = item.job, item.piece, result
        if problem:
            self.fail(job, f"internal error while cleaning ({problem}); please report it")
            return
        self.words += len(piece.text.split())
        self.rules.update(c.rule for c in corrections)
        self.corrections += len(corrections)
        job.changed = job.changed or text != piece.text
        if self.out is not None:
            self.out.write(piece.field.replace(text) if piece.field else text)
        if self.plan.explain and corrections:
            self.explain(job, piece, corrections)
        if self.plan.diff and corrections:
            self.diff(job, piece, corrections)

    def keep(self, item: Item) -> None:
        job, piece = item.job, item.piece
        if piece.warning:
            self.kept += 1
            job.warnings += 1
            if job.warnings <= MAX_WARNINGS:
                self.say("warning", f"{job.label}:{piece.line}: {piece.warning}; line kept as it was")
        if self.out is not None:
            self.out.write(piece.text)

    def explain(self, job: Job, piece: Piece, corrections: Sequence[Correction]) -> None:
        lines = []
        for c in corrections:
            record: dict[str, object] = {"file": job.label, "line": piece.line} if job.jsonl else {"file": job.label}
            record.update(c.to_dict(), start=c.start + piece.offset, end=c.end + piece.offset)
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        if self.explain_file is not None:
            self.explain_file.write("".join(lines))
        else:
            sys.stdout.buffer.write("".join(lines).encode("utf-8"))

    def diff(self, job: Job, piece: Piece, corrections: Sequence[Correction]) -> None:
        label = f"{CYAN}{job.label}{RESET}" if self.plan.color else job.label
        out = []
        for n, rendering in diff_lines(piece.text, corrections, self.plan.color):
            out.append(f"{label}:{piece.line if job.jsonl else piece.line + n - 1}: {rendering}\n")
        sys.stdout.buffer.write("".join(out).encode("utf-8"))

    def finish(self, job: Job) -> None:
        if self.out is not None:
            if job.dest == job.src and not job.changed:
                self.out.discard()  # --in-place leaves a clean file (and its time stamp) alone
            else:
                with _signals_held():
                    self.out.commit()
            self.out = None
        self.done += 1
        self.bytes += job.size
        if job.warnings > MAX_WARNINGS:
            self.say("warning", f"{job.label}: {job.warnings - MAX_WARNINGS} more lines kept as they were")

    def fail(self, job: Job, message: str) -> None:
        if self.out is not None:
            self.out.discard()
            self.out = None
        if not job.failed:
            job.failed = True
            self.failed += 1
            self.say("error", message if message.startswith(job.label + ":") else f"{job.label}: {message}")

    def summary(self) -> None:
        seconds = time.monotonic() - self.start
        total = sum(self.rules.values())
        by_rule = ", ".join(f"{rule} {n:,}" for rule, n in self.rules.most_common())
        lines = [
            f"{_count(self.done, 'file')}, {_megabytes(self.bytes)}, {self.words:,} words in {seconds:.1f} s",
            _count(total, "correction") + (f": {by_rule}" if by_rule else ""),
        ]
        trouble = [_count(self.failed, "input") + " failed"] if self.failed else []
        if self.kept:
            trouble.append(_count(self.kept, "JSONL line") + " kept as they were")
        if trouble:
            lines.append(", ".join(trouble))
        for line in lines:
            self.progress.say(f"ocrfix: {line}")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' if n != 1 else ''}"


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
    # a shell starts background jobs with Ctrl-C ignored; the command still stops cleanly on it
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
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
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except BrokenProcessPool:
        print("ocrfix: error: a worker process died (out of memory?); stopped", file=sys.stderr)
        return EXIT_FAILED
    except OSError as e:  # the --explain-out file cannot be written
        where = f"{e.filename}: " if e.filename else ""
        print(f"ocrfix: error: {where}{_reason(e)}; stopped", file=sys.stderr)
        return EXIT_FAILED
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
