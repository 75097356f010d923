"""Running a planned batch of the ``ocrfix`` command: read, clean, write, report.

Inputs are read lazily, one file after the other, and cut into texts (whole
files, JSONL values, or paragraphs of a very large file) that
:func:`~ocrfix.parallel.explain_each` cleans (:func:`~ocrfix.parallel.profile_each`
with --profile), on several cores, while this process writes the results in
input order.  Every output is written to a temporary file
(:class:`~ocrfix.io.AtomicFile`) and put in place when its input is done (the
--explain-out and --profile files when the run is); an interrupted run removes
the temporary files it made.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from typing import NamedTuple

from .diff import RESET, diff_lines
from .document import Profile
from .io import PIECE_CHARS, SPLIT_ABOVE, AtomicFile, NotText, Piece, read_pieces
from .parallel import Failure, explain_each, profile_each
from .pipeline import Cleaner
from .plan import Job, Plan, isatty, reason
from .result import Correction

BATCH_TEXTS = 256  # a batch sent to a worker holds at most this many texts (fewer, if they are long)
MAX_WARNINGS = 10  # JSONL warnings shown per file; the rest are counted
CYAN = "\x1b[36m"  # file names in a coloured diff


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
            failure = f"{reason(e)}; skipped"
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
    profile: Profile | None = None  # with --profile


class Cleaning:
    """Clean the "clean" items of a stream and give every item back in order, with its result.

    Every item goes through :func:`~ocrfix.parallel.explain_each` (or, with ``profile``,
    :func:`~ocrfix.parallel.profile_each`), the others as "" (which costs next to nothing),
    so that only the items of the batches in flight wait here.
    """

    def __init__(self, cleaner: Cleaner, workers: int, profile: bool = False) -> None:
        self.cleaner, self.workers, self.profile = cleaner, workers, profile
        self.waiting: deque[Item] = deque()

    def run(self, items: Iterable[Item]) -> Generator[tuple[Item, Result | None], None, None]:
        # closing this generator drops the results, which stops the workers
        each = profile_each if self.profile else explain_each
        for e in each(self.cleaner, self._texts(items), self.workers, BATCH_TEXTS):
            item = self.waiting.popleft()
            if item.kind != "clean":
                yield item, None
            elif isinstance(e, Failure):  # a bug in ocrfix fails this item's job; the run goes on
                yield item, Result(item.piece.text, (), e.error)
            else:
                explanation, profile = e if self.profile else (e, None)
                yield item, Result(explanation.text, explanation.corrections, profile=profile)

    def _texts(self, items: Iterable[Item]) -> Iterator[str]:
        for item in items:
            self.waiting.append(item)
            yield item.piece.text if item.kind == "clean" else ""



# -- writing ----------------------------------------------------------------------------


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while a temporary file changes hands: while it is made
    and the run takes note of it, put in place with its backup, or removed.

    A signal that comes meanwhile is raised once the handlers are back.  One that comes
    while they are put back runs the handler there and then: every handler is put back
    all the same (an ExitStack runs each callback, whatever the one before raised).
    """
    caught: list[int] = []
    with contextlib.ExitStack() as restore:
        for s in (signal.SIGINT, signal.SIGTERM):
            restore.callback(signal.signal, s, signal.signal(s, lambda signum, frame: caught.append(signum)))
        yield
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
        stdout_used = (
            plan.to_stdout
            or plan.diff
            or (plan.explain and not plan.explain_out)
            or (plan.profile and not plan.profile_out)
        )
        if plan.quiet or not isatty(sys.stderr) or (stdout_used and isatty(sys.stdout)):
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
        self.profile_file: AtomicFile | None = None
        self.done = self.failed = self.words = self.kept = self.bytes = self.corrections = 0
        self.rules: Counter[str] = Counter()
        self.start = time.monotonic()

    def say(self, kind: str, message: str) -> None:
        self.progress.say(f"ocrfix: {kind}: {message}")

    def execute(self) -> bool:
        """Run the plan; True when every input is done."""
        plan = self.plan
        for message in plan.errors:
            self.say("error", message)
        for message in plan.notes:
            self.say("warning", message)
        self.failed += len(plan.errors)
        try:
            with _signals_held():  # from the moment a file exists, discard() knows it
                if plan.explain_out is not None:
                    self.explain_file = AtomicFile(plan.explain_out)
                if plan.profile_out is not None:
                    self.profile_file = AtomicFile(plan.profile_out)
            with contextlib.closing(Cleaning(plan.cleaner, plan.workers, plan.profile).run(_read(plan))) as results:
                for item, result in results:
                    self.take(item, result)
            with _signals_held():  # put in place only when the whole run is done
                for report in (self.explain_file, self.profile_file):
                    if report is not None:
                        report.commit()
                self.explain_file = self.profile_file = None
        except BaseException:
            self.discard()
            raise
        finally:
            self.progress.close()
        if not plan.quiet:
            self.summary()
        return not self.failed

    def discard(self) -> None:
        """Remove every temporary file of this run (a second Ctrl-C waits until they are gone)."""
        with _signals_held():
            for output in (self.out, self.explain_file, self.profile_file):
                if output is not None:
                    output.discard()
            self.out = self.explain_file = self.profile_file = None

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
            self.fail(job, f"{e.filename or job.dest or job.label}: {reason(e)}")
        self.progress.update(item.piece.nbytes, self.done, self.corrections)

    def open(self, job: Job) -> None:
        if job.dest is not None:
            mode = os.stat(job.src).st_mode & 0o7777 if job.dest == job.src else None  # --in-place: the input's
            with _signals_held():  # a signal between making the file and taking note of it left it behind
                self.out = AtomicFile(job.dest, mode, backup=job.backup)
        elif self.plan.to_stdout:
            self.out = StdoutFile()

    def cleaned(self, item: Item, result: Result) -> None:
        job, piece, (text, corrections, problem, profile) = item.job, item.piece, result
        if problem:
            self.fail(job, f"internal error while cleaning ({problem}); please report it")
            return
        self.words += len(piece.text.split())
        self.rules.update(c.rule for c in corrections)
        self.corrections += len(corrections)
        job.changed = job.changed or text != piece.text
        if piece.has_field:
            self.field_found(job)
        if self.out is not None:
            self.out.write(piece.field.replace(text) if piece.field else text)
        if self.plan.explain and corrections:
            self.explain(job, piece, corrections)
        if self.plan.diff and corrections:
            self.diff(job, piece, corrections)
        if profile is not None:
            self.profile(job, piece, profile)

    def keep(self, item: Item) -> None:
        job, piece = item.job, item.piece
        if piece.has_field:  # (a value that is no string)
            self.field_found(job)
        job.lacking += piece.has_field is False
        if piece.warning:
            self.kept += 1
            job.warnings += 1
            if job.warnings <= MAX_WARNINGS:
                message = f"{job.label}:{piece.line}: {piece.warning}; line kept as it was"
                if job.found:
                    self.say("warning", message)
                else:  # if no line has the field, the job fails with one message instead
                    job.held.append(message)
        if self.out is not None:
            self.out.write(piece.text)

    def field_found(self, job: Job) -> None:
        """A line of ``job`` has the --field: say the warnings held back until then."""
        if not job.found:
            job.found = True
            for message in job.held:
                self.say("warning", message)
            job.held.clear()

    def explain(self, job: Job, piece: Piece, corrections: Sequence[Correction]) -> None:
        lines = []
        for c in corrections:
            record: dict[str, object] = {"file": job.label, "line": piece.line} if job.jsonl else {"file": job.label}
            record.update(c.to_dict(), start=c.start + piece.offset, end=c.end + piece.offset)
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        _report(self.explain_file, "".join(lines))

    def profile(self, job: Job, piece: Piece, profile: Profile) -> None:
        """One JSON line: where the text is (its JSONL line, or its offset in a plain file), and its profile."""
        where = {"line": piece.line} if job.jsonl else {"offset": piece.offset}
        record = {"file": job.label, **where, **profile.to_dict()}
        _report(self.profile_file, json.dumps(record, ensure_ascii=False) + "\n")

    def diff(self, job: Job, piece: Piece, corrections: Sequence[Correction]) -> None:
        label = f"{CYAN}{job.label}{RESET}" if self.plan.color else job.label
        out = []
        for n, rendering in diff_lines(piece.text, corrections, self.plan.color):
            out.append(f"{label}:{piece.line if job.jsonl else piece.line + n - 1}: {rendering}\n")
        sys.stdout.buffer.write("".join(out).encode("utf-8"))

    def finish(self, job: Job) -> None:
        if job.lacking and not job.found:  # a --field that no line has: a typo, or the wrong file
            self.kept -= job.warnings
            self.fail(job, f'no line has the field "{self.plan.field}" (--field NAME picks the field to clean)')
            return
        for message in job.held:  # no line had the field, nor lacked it: lines that are no JSON objects
            self.say("warning", message)
        if self.out is not None:
            if job.dest == job.src and not job.changed:
                self.out.discard()  # --in-place leaves a clean file (and its time stamp) alone: no backup needed
            else:
                try:
                    with _signals_held():
                        self.out.commit()
                except FileExistsError:  # never overwrite a backup (one of another text)
                    self.fail(
                        job, f"backup {job.backup} already exists; file left as it was (remove it, or use --no-backup)"
                    )
                    return
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


def _report(file: AtomicFile | None, text: str) -> None:
    """Write a report's lines to its file, or to stdout (None)."""
    if file is not None:
        file.write(text)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' if n != 1 else ''}"


def _megabytes(n: int) -> str:
    if n < 1000:
        return f"{n} bytes"
    return f"{n / 1e6:,.1f} MB" if n >= 100_000 else f"{n / 1e3:,.1f} kB"

