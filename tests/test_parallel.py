"""``clean_many`` and ``explain_many``: in order, lazy, the same on any number of workers."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocrfix import Cleaner
from ocrfix.parallel import CHUNK_CHARS, Failure, _chunks, clean_many, explain_each, explain_many, profile_each

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}

SENTENCES = [
    "Die Biirger fordern eine schnelle Antwort fur den Verkehr.",
    "Ein groBes Fest fand im Friihjahr statt.",
    "Der Vertrag wurde am Montag unterschrieben.",
    "",
    "Die Stadt plant eine Wirtschafts-\nforderung.",
    "Wir haben die Priifung bestanden.",
]
TEXTS = [f"{i}. {s}" if s else s for i, s in enumerate(SENTENCES * 12)]  # 72 texts, all different but ""


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="module")
def serial(cleaner: Cleaner) -> list[str]:
    return [cleaner.clean(t) for t in TEXTS]


@pytest.mark.parametrize("workers", [1, 2])
def test_same_as_serial_clean_in_input_order(cleaner, serial, workers):
    cleaned = list(cleaner.clean_many(TEXTS, workers=workers, chunksize=5))
    assert cleaned == serial
    assert cleaned != TEXTS  # there was something to clean
    explained = list(cleaner.explain_many(iter(TEXTS), workers=workers, chunksize=7))
    assert [e.text for e in explained] == serial
    assert explained == [cleaner.explain(t) for t in TEXTS]


def test_module_functions_and_methods_agree(cleaner, serial):
    assert list(clean_many(cleaner, TEXTS, workers=2, chunksize=64)) == serial
    assert [e.text for e in explain_many(cleaner, TEXTS)] == serial


class Endless:
    """An endless stream of texts that counts how many were taken."""

    def __init__(self) -> None:
        self.taken = 0

    def __iter__(self):
        for text in itertools.cycle(TEXTS):
            self.taken += 1
            yield text


@pytest.mark.parametrize("method", ["clean_many", "explain_many"])
@pytest.mark.parametrize("workers, chunksize", [(1, 64), (2, 4)])
def test_input_is_read_lazily(cleaner, serial, method, workers, chunksize):
    texts = Endless()
    results = getattr(cleaner, method)(texts, workers=workers, chunksize=chunksize)
    assert texts.taken == 0  # nothing read before the first result is asked for
    first = list(itertools.islice(results, 10))
    assert [r if isinstance(r, str) else r.text for r in first] == serial[:10]
    assert texts.taken <= 10 + 2 * workers * chunksize  # what was asked for, and the chunks in flight
    results.close()


def test_one_worker_cleans_in_this_process():
    class Counting(Cleaner):
        calls = 0

        def clean(self, text: str) -> str:
            Counting.calls += 1
            return super().clean(text)

    assert list(Counting().clean_many(["Ein groBes Fest."] * 3)) == ["Ein großes Fest."] * 3
    assert Counting.calls == 3


@pytest.mark.parametrize("workers", [1, 2])
def test_explain_each_gives_an_error_as_the_result_of_its_text(workers):
    texts = ["Ein groBes Haus.", "", "Die Priifung.", 7, "Der Biirger."]  # 7: explain() raises TypeError
    out = list(explain_each(Cleaner(), texts, workers=workers, chunksize=2))
    assert isinstance(out[3], Failure) and out[3].error.startswith("TypeError")
    assert [o.text for o in out[:3] + out[4:]] == ["Ein großes Haus.", "", "Die Prüfung.", "Der Bürger."]


@pytest.mark.parametrize("workers", [1, 2])
def test_profile_each_pairs_each_explanation_with_its_profile(cleaner, workers):
    texts = ["Ein groBes Haus.", "", 7, "Die Priifung fur alle."]
    out = list(profile_each(cleaner, texts, workers=workers, chunksize=2))
    assert isinstance(out[2], Failure) and out[2].error.startswith("TypeError")
    assert out[:2] + out[3:] == [cleaner.explain_and_profile(t) for t in texts if isinstance(t, str)]
    assert out[3][1].channel("ü").lost > 0


def test_chunks_are_cut_by_count_and_by_length():
    assert [len(c) for c in _chunks(map(str, range(10)), 4)] == [4, 4, 2]
    long = "x" * CHUNK_CHARS
    assert [len(c) for c in _chunks(["a", long, "b", long, long], 64)] == [2, 2, 1]


def test_errors_reach_the_caller(cleaner):
    with pytest.raises(ValueError, match="chunksize"):
        cleaner.explain_many(TEXTS, chunksize=0)  # at once, not when the results are read
    for workers in (1, 2):
        with pytest.raises(TypeError, match="not int"):
            list(cleaner.clean_many(["Ein Text.", 42], workers=workers))  # type: ignore[list-item]


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs process groups")
def test_ctrl_c_interrupts_the_caller_not_the_workers():
    """Ctrl-C reaches every process of the terminal's group; only the caller sees it."""
    script = """if True:
        import itertools, os, signal
        signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in the background
        from ocrfix import Cleaner
        results = Cleaner().explain_many(itertools.cycle(["Ein groBes Fest."]), workers=2, chunksize=8)
        next(results)
        try:
            os.killpg(0, signal.SIGINT)
            for _ in results:
                pass
        except KeyboardInterrupt:
            results.close()
            print("interrupted")
    """
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, env=ENV, timeout=120, start_new_session=True, check=False
    )
    assert (proc.returncode, proc.stdout.decode().strip()) == (0, "interrupted")
    assert b"Traceback" not in proc.stderr and b"KeyboardInterrupt" not in proc.stderr
