"""Cleaning many texts: in order, lazily, on several cores.

Worker processes get the cleaner's options once and load the dictionaries
once each.  At most ``2 * workers`` chunks are in flight, so a generator of a
million texts is read as it is consumed, never materialized.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    from .config import Config
    from .pipeline import Cleaner

_worker = None  # the cleaner of a worker process


def _init_worker(config: Config) -> None:
    global _worker
    from .pipeline import Cleaner

    _worker = Cleaner(config)
    _worker.clean("Vorladen")  # load the dictionaries before the first chunk


def _clean_chunk(texts: list[str]) -> list[str]:
    assert _worker is not None
    return [_worker.clean(t) for t in texts]


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(texts)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def clean_many(cleaner: Cleaner, texts: Iterable[str], workers: int | None = 1, chunksize: int = 64) -> Iterator[str]:
    """Yield ``cleaner.clean(t)`` for each of ``texts``, in input order.

    ``workers=1`` cleans in this process; ``None`` or 0 uses every core.
    """
    if chunksize < 1:
        raise ValueError("chunksize must be at least 1")
    if not workers:
        workers = os.cpu_count() or 1
    if workers == 1:
        return (cleaner.clean(t) for t in texts)
    return _parallel(cleaner.config, texts, workers, chunksize)


def _parallel(config: Config, texts: Iterable[str], workers: int, chunksize: int) -> Iterator[str]:
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(config,))
    pending: deque[Future[list[str]]] = deque()
    try:
        for chunk in _chunks(texts, chunksize):
            pending.append(pool.submit(_clean_chunk, chunk))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
