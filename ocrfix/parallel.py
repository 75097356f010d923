"""Cleaning many texts: in order, lazily, on several cores.

Worker processes get the cleaner's options once and load the dictionaries
once each.  Texts travel in chunks of at most ``chunksize`` texts (fewer when
they are long), and at most ``2 * workers`` chunks are in flight, so a
generator of a million texts is read as it is consumed, never materialized.

Workers ignore Ctrl-C: it interrupts the process that reads the results, and
the pool stops when that process closes the iterator (or drops it), once the
chunks being cleaned are done (one or two per worker; the rest are dropped).
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

if TYPE_CHECKING:
    from .document import Profile
    from .result import Explanation

CHUNK_CHARS = 1 << 16  # a chunk is cut before ``chunksize`` texts once it holds this many characters

Method = Literal["clean", "explain", "explain_each", "profile_each"]


class CleanerLike(Protocol):
    """What this module needs of an :class:`ocrfix.Cleaner`, which pickles as its options.

    (The pipeline imports this module; naming its class here would make an import circle.)
    """

    def clean(self, text: str) -> str: ...

    def explain(self, text: str) -> Explanation: ...

    def explain_and_profile(self, text: str) -> tuple[Explanation, Profile]: ...


_worker: CleanerLike | None = None  # the cleaner of a worker process


def clean_many(
    cleaner: CleanerLike, texts: Iterable[str], workers: int | None = 1, chunksize: int = 64
) -> Iterator[str]:
    """Yield ``cleaner.clean(t)`` for each of ``texts``, in input order.

    ``workers=1`` cleans in this process; ``None`` or 0 uses every core.
    """
    return _many(cleaner, "clean", texts, workers, chunksize)


def explain_many(
    cleaner: CleanerLike, texts: Iterable[str], workers: int | None = 1, chunksize: int = 64
) -> Iterator[Explanation]:
    """Yield ``cleaner.explain(t)`` for each of ``texts``, in input order; workers as in :func:`clean_many`."""
    return _many(cleaner, "explain", texts, workers, chunksize)


class Failure(NamedTuple):
    """What cleaning one text raised (a bug in ocrfix), as that text's result in :func:`explain_each`
    and :func:`profile_each`."""

    error: str  # "RuntimeError: what it said"


def explain_each(
    cleaner: CleanerLike, texts: Iterable[str], workers: int | None = 1, chunksize: int = 64
) -> Iterator[Explanation | Failure]:
    """:func:`explain_many`, but an error inside ocrfix is one text's result, a :class:`Failure`,
    and the texts after it go on (for the CLI: a bug must not stop a batch of a million files)."""
    return _many(cleaner, "explain_each", texts, workers, chunksize)


def profile_each(
    cleaner: CleanerLike, texts: Iterable[str], workers: int | None = 1, chunksize: int = 64
) -> Iterator[tuple[Explanation, Profile] | Failure]:
    """:func:`explain_each` with each text's :class:`~ocrfix.document.Profile`, computed in the
    same run (``Cleaner.explain_and_profile``); a separate method, because the profile costs a
    little more (it looks up the output's unknown words)."""
    return _many(cleaner, "profile_each", texts, workers, chunksize)


def _many(
    cleaner: CleanerLike, method: Method, texts: Iterable[str], workers: int | None, chunksize: int
) -> Iterator[Any]:
    if isinstance(texts, (str, bytes, bytearray)):  # would be cleaned a character at a time
        raise TypeError(f"texts must be a collection of texts, not one {type(texts).__name__}; clean() cleans one")
    if chunksize < 1:
        raise ValueError("chunksize must be at least 1")
    if not workers:
        workers = available_cores()
    if workers == 1:
        run = _method(cleaner, method)
        return (run(t) for t in texts)  # a generator: it can be closed like the parallel one
    return _parallel(cleaner, method, texts, workers, chunksize)


def _parallel(
    cleaner: CleanerLike, method: Method, texts: Iterable[str], workers: int, chunksize: int
) -> Iterator[Any]:
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(cleaner,))
    pending: deque[Future[list[Any]]] = deque()
    try:
        for chunk in _chunks(texts, chunksize):
            with _stop_signals_blocked():  # a submit may start a worker
                pending.append(pool.submit(_run_chunk, method, chunk))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        # When stopped early (closed, an error, Ctrl-C), the chunks not yet started are
        # dropped and the few being cleaned finish: killing a worker while it sends its result
        # leaves half a message that the pool's reader thread waits on forever (CPython
        # 3.11), and the shutdown with it.  A second Ctrl-C during the wait kills them.
        try:
            pool.shutdown(wait=True, cancel_futures=True)  # (nothing to cancel when all was read)
        except BaseException:
            for proc in list((getattr(pool, "_processes", None) or {}).values()):
                proc.terminate()
            raise


def available_cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    chars = 0
    for text in texts:
        chunk.append(text)
        chars += len(text) if isinstance(text, str) else 0  # anything else: the worker's TypeError says what
        if len(chunk) >= size or chars >= CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def _stop_signals_blocked() -> Iterator[None]:
    """Hold back Ctrl-C and SIGTERM in this thread meanwhile; they come when it ends.

    A worker started meanwhile inherits the blocked signals, so one that reaches it
    before :func:`_init_worker` sets its own handlers waits instead of running the
    parent's handlers in the child (a KeyboardInterrupt in a fork hook, printed).
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: workers are spawned, not forked
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _init_worker(cleaner: CleanerLike) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which stops the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not a handler inherited from the parent
    if hasattr(signal, "pthread_sigmask"):  # blocked while this process started: a Ctrl-C
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)  # meanwhile is dropped now
    _worker = cleaner
    _worker.clean("Vorladen")  # load the dictionaries before the first chunk


def _run_chunk(method: Method, texts: list[str]) -> list[Any]:
    assert _worker is not None
    return list(map(_method(_worker, method), texts))


def _method(cleaner: CleanerLike, method: Method) -> Callable[[str], Any]:
    if method == "explain_each":
        return functools.partial(_or_failure, cleaner.explain)
    if method == "profile_each":
        return functools.partial(_or_failure, cleaner.explain_and_profile)
    return getattr(cleaner, method)


def _or_failure(run: Callable[[str], Any], text: str) -> Any:
    """``run(text)``, or the :class:`Failure` it raised."""
    try:
        return run(text)
    except Exception as e:
        return Failure(f"{type(e).__name__}: {e}")
