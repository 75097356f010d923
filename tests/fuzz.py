"""Fuzz ocrfix for as long as you like: the invariants of ``tests/test_properties.py`` on new examples.

Run from the repository root::

    python -m tests.fuzz --minutes 10          # ten minutes, new examples every batch
    python -m tests.fuzz --minutes 60 --seed 1 # reproducible
    python -m tests.fuzz --minutes 30 --keep-going  # collect every kind of failure

Each example is hostile text (control characters, lone surrogates, emoji, combining
marks, mojibake), OCR-damaged German, or protected content (URLs, e-mails, paths,
code, numbers) embedded in damaged German.  For each the fuzzer checks: no
exception, ``explain()`` replays to ``clean()``'s text with sorted, non-overlapping
corrections, line breaks kept unless a hyphenated word was joined, idempotence,
protected content untouched, and no example taking more than ``--slow`` seconds.

On a failure hypothesis shrinks the example, the fuzzer prints it and exits with
status 1; failing examples are kept in ``.hypothesis/`` and tried first next time.
``--keep-going`` does not stop: it keeps the shortest failing example of each
check (unshrunk) and prints them at the end, with status 1.
"""

from __future__ import annotations

import argparse
import sys
import time

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from ocrfix import Cleaner
from tests.invariants import check_protected, check_text
from tests.strategies import PROTECTED, embed, german_ocr_text, hostile_text

CLEANER = Cleaner()

examples = st.one_of(
    st.tuples(st.just("text"), hostile_text),
    st.tuples(st.just("text"), german_ocr_text(max_words=80)),
    st.tuples(st.just("text"), st.lists(st.one_of(hostile_text, german_ocr_text()), max_size=4).map("".join)),
    st.tuples(st.just("protected"), st.tuples(st.sampled_from(PROTECTED), german_ocr_text(12), german_ocr_text(12))),
)


def check(example: tuple, slow: float) -> None:
    kind, value = example
    start = time.perf_counter()
    if kind == "text":
        check_text(CLEANER, value)
        size = len(value)
    else:
        protected, before, after = value
        text = embed(protected, before, after)
        check_protected(CLEANER, text, len(before) + 1, len(before) + 1 + len(protected))
        size = len(text)
    took = time.perf_counter() - start
    assert took < slow, f"{took:.1f} s for {size} characters: {example!r}"


def _where(exc: BaseException) -> str:
    """The check that failed, as file:line of the innermost frame in tests/ (or the exception type)."""
    tb, where = exc.__traceback__, type(exc).__name__
    while tb is not None:
        code = tb.tb_frame.f_code
        if "/tests/" in code.co_filename.replace("\\", "/"):
            where = f"{code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where if isinstance(exc, AssertionError) else f"{type(exc).__name__} at {where}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    parser.add_argument("--seed", type=int, default=None, help="fix the random seed of every batch")
    parser.add_argument("--batch", type=int, default=500, help="examples per batch (default 500)")
    parser.add_argument("--slow", type=float, default=5.0, help="seconds one example may take (default 5)")
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="do not stop at a failure: collect the shortest failing example of each check, print them at the end",
    )
    args = parser.parse_args(argv)

    CLEANER.clean("Vorladen der Wörterbücher")  # load the dictionaries outside the time limit
    deadline = time.monotonic() + 60 * args.minutes
    found: dict[str, tuple[int, str]] = {}  # failing check -> (size, message) of its shortest example
    batches = 0
    while time.monotonic() < deadline:

        @settings(
            max_examples=args.batch,
            deadline=None,
            derandomize=False,
            database=None if args.keep_going else settings.default.database,
            suppress_health_check=list(HealthCheck),
            print_blob=True,
        )
        @given(examples)
        def fuzz(example: tuple) -> None:
            if not args.keep_going:
                check(example, args.slow)
                return
            try:
                check(example, args.slow)
            except Exception as exc:
                where, size = _where(exc), len(repr(example))
                if where not in found or size < found[where][0]:
                    if where not in found:
                        print(f"new failure ({where}): {str(exc)[:300]}", file=sys.stderr, flush=True)
                    found[where] = (size, f"{type(exc).__name__}: {exc}")

        if args.seed is not None:
            fuzz = seed(args.seed + batches)(fuzz)
        batches += 1
        try:
            fuzz()
        except Exception as exc:  # hypothesis has printed the shrunk example
            print(f"\nfailure in batch {batches}: {exc}", file=sys.stderr)
            return 1
        left = max(0.0, deadline - time.monotonic())
        state = f"{len(found)} failing checks" if found else "all invariants hold"
        print(f"{batches * args.batch} examples, {state}; {left / 60:.1f} min left", flush=True)
    for where, (_, message) in sorted(found.items()):
        print(f"\n== {where}, shortest example:\n{message}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
