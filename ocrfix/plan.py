"""Planning a run of the ``ocrfix`` command: what to read, and where to write.

:func:`make_plan` checks the command line, lists the input files (walking
folders), and refuses outputs that would overwrite an input or that two
inputs would share, before anything is read or written.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import IO, Any

from .cliargs import DEFAULT_GLOBS
from .config import SWITCHES, Config
from .parallel import available_cores
from .pipeline import Cleaner

JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"
STDIN_LABEL = "<stdin>"
AUTO_BYTES_PER_WORKER = 1 << 19  # without -j, one worker per this much input (loading costs ~1 s)


class UsageError(Exception):
    """The command line asks for something impossible: exit 2 before any work."""


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
    found: bool = False  # JSONL: a line has the --field
    lacking: int = 0  # JSONL: lines without it
    held: list[str] = field(default_factory=list)  # their warnings, said once a line has the field


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
    profile: bool
    profile_out: str | None  # None: stdout
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
    if args.jobs is not None and args.jobs < 0:
        raise UsageError("--jobs must be 0 (every core) or more")
    config = _config(args)
    encoding = _encoding(args.encoding)
    paths = args.paths or [STDIN]
    to_stdout = _text_to_stdout(args, paths)
    jobs, errors, notes = _collect(args, paths, _file(args.output))
    explain_out, profile_out = _file(args.explain_out), _file(args.profile)
    _check_outputs(jobs, args, {"--explain-out": explain_out, "--profile": profile_out})
    if jobs and jobs[0].src == STDIN:
        _read_stdin(jobs[0], args.quiet)
    workers = _workers(args.jobs, sum(j.size for j in jobs))
    color = args.color == "always" or (args.color == "auto" and isatty(sys.stdout) and "NO_COLOR" not in os.environ)
    return Plan(
        jobs,
        errors,
        notes,
        Cleaner(config),
        workers,
        to_stdout,
        args.explain,
        explain_out,
        args.profile is not None,
        profile_out,
        args.diff,
        color,
        args.field,
        encoding,
        args.quiet,
    )


def _workers(jobs: int | None, size: int) -> int:
    """-j N: N workers, 0 every core (as ``workers=0`` in the API); without it, fewer for small inputs."""
    if jobs is None:
        return max(1, min(available_cores(), size // AUTO_BYTES_PER_WORKER))
    return jobs or available_cores()


def _config(args: argparse.Namespace) -> Config:
    options: dict[str, Any] = {}
    if args.variant is not None:
        options["variant"] = args.variant
    if args.user_words:
        options["user_words"] = {w for path in args.user_words for w in _user_words(path)}
    for switch in SWITCHES:
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
        raise UsageError(f"--user-words {path}: {reason(e)}") from None


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
    reports = _reports_on_stdout(args)
    if len(reports) > 1:
        (first, first_file), (second, second_file) = reports[:2]
        instead = " or ".join(f for f in (first_file, second_file) if f)
        raise UsageError(f"{first} and {second} cannot both write to stdout; use {instead}")
    if args.output == STDIN and reports:
        raise UsageError(f"-o - writes the text to stdout, where {reports[0][0]} already writes")
    to_file = _file(args.output) is not None
    to_stdout = not (to_file or args.out_dir or args.in_place or reports)
    single = len(paths) == 1 and (paths[0] == STDIN or not os.path.isdir(paths[0]))
    if to_file and not single:
        raise UsageError("-o FILE takes a single input file")
    if to_stdout and not single:
        raise UsageError("several inputs (or a folder) need --out-dir or --in-place")
    return to_stdout


def _reports_on_stdout(args: argparse.Namespace) -> list[tuple[str, str]]:
    """The reports that go to stdout, where the text would go: (option, the option that writes it to a file)."""
    reports = [
        ("--explain", "--explain-out FILE", args.explain and _file(args.explain_out) is None),
        ("--diff", "", args.diff),
        ("--profile -", "--profile FILE", args.profile == STDIN),
    ]
    return [(option, to_file) for option, to_file, on in reports if on]


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
        errors.append(f"{e.filename or top}: {reason(e)}")

    for root, dirs, files in os.walk(top, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _same(os.path.join(root, d), skip))
        for name in sorted(n for n in files if not n.startswith(".")):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            matches = any(fnmatchcase(rel.replace(os.sep, "/") if "/" in g else name, g) for g in globs)
            if matches and (st := _stat(path, errors)) is not None:
                yield path, rel, st


def _check_outputs(jobs: list[Job], args: argparse.Namespace, reports: dict[str, str | None]) -> None:
    """Refuse outputs that would overwrite an input, or that two inputs (or an input and a
    report file: ``reports`` maps an option to the file it names, or None) would share."""
    inputs = {j.identity for j in jobs if j.identity is not None}
    owners: dict[str, Job] = {}
    if args.in_place:  # the outputs are the inputs; an existing backup is the writer's to check
        for job in jobs:
            job.dest = job.src
            job.backup = None if args.no_backup else job.src + ".orig"
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
    taken = set(owners)
    for option, path in reports.items():
        if path is None:
            continue
        if os.path.abspath(path) in taken or _identity_of(path) in inputs:
            raise UsageError(f"{option} {path} is also an input or an output")
        taken.add(os.path.abspath(path))


def _read_stdin(job: Job, quiet: bool) -> None:
    if isatty(sys.stdin) and not quiet:
        print("ocrfix: reading stdin; end it with Ctrl-D (ocrfix --help shows how to clean files)", file=sys.stderr)
    try:
        job.data = sys.stdin.buffer.read()
    except OSError as e:
        raise UsageError(f"cannot read stdin: {reason(e)}") from None
    job.size = len(job.data)


def _stat(path: str, errors: list[str]) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        errors.append(f"{path}: no such file or folder")
    except OSError as e:
        errors.append(f"{path}: {reason(e)}")
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


def reason(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return str(e) or type(e).__name__


def isatty(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

