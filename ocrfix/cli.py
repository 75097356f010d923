"""The ``ocrfix`` command: clean text files, folder trees and JSONL dumps from the shell.

    ocrfix < scan.txt > clean.txt
    ocrfix -j 8 scraped/ --out-dir clean/
    ocrfix dump.jsonl --field body -o clean.jsonl

This module runs the command and turns Ctrl-C and SIGTERM into a clean stop.
The rest is done by :mod:`ocrfix.cliargs` (the arguments and help),
:mod:`ocrfix.plan` (what to read and where to write, checked before any work)
and :mod:`ocrfix.batch` (reading, cleaning on several cores, writing, reports).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
_STOPS = (signal.SIGINT, signal.SIGTERM) if hasattr(signal, "pthread_sigmask") else ()


class _Terminated(BaseException):
    """SIGTERM, handled like Ctrl-C."""


# Do Ctrl-C and SIGTERM stop the run?  Not once it has ended, stopped or not: a signal then
# would break into the report or the handlers' restoring, and the process is about to exit.
_armed = False


def _on_stop(signum: int, frame: object) -> None:
    if _armed:
        raise KeyboardInterrupt if signum == signal.SIGINT else _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    global _armed
    # a shell starts background jobs with Ctrl-C ignored; the command still stops cleanly on it
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    # the signals are ours before the command's modules load: a Ctrl-C a moment after the
    # start stops it as cleanly as one in the middle of a run
    previous = {s: signal.signal(s, _on_stop) for s in (signal.SIGINT, signal.SIGTERM)}
    _armed = True
    try:
        return _run(argv)
    except KeyboardInterrupt:
        _armed = False  # (first: the handler runs only at a call)
        print("ocrfix: interrupted; finished outputs kept, no partial ones left", file=sys.stderr)
        return EXIT_INTERRUPTED
    except _Terminated:
        _armed = False
        print("ocrfix: terminated; finished outputs kept, no partial ones left", file=sys.stderr)
        return 128 + signal.SIGTERM
    finally:
        _armed = False
        for s, handler in previous.items():
            signal.signal(s, handler)


def _run(argv: Sequence[str] | None) -> int:
    """Load the command's parts, check the arguments and plan, and run it."""
    # A signal that comes while the modules load waits until they have: one that lands
    # in the clean-up of a pattern they compile is printed as ignored, and the run goes on.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS) if _STOPS else set()
    try:
        from concurrent.futures.process import BrokenProcessPool

        from .batch import Run
        from .cliargs import build_parser
        from .plan import UsageError, make_plan, reason
    finally:
        if _STOPS:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        plan = make_plan(args)
    except UsageError as e:
        parser.error(str(e))  # exits with status 2
    try:
        return EXIT_OK if Run(plan).execute() else EXIT_FAILED
    except BrokenPipeError:  # ``ocrfix ... | head``: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except BrokenProcessPool:
        print("ocrfix: error: a worker process died (out of memory?); stopped", file=sys.stderr)
        return EXIT_FAILED
    except OSError as e:  # a report file (--explain-out, --profile) cannot be written
        where = f"{e.filename}: " if e.filename else ""
        print(f"ocrfix: error: {where}{reason(e)}; stopped", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
