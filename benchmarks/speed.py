"""Speed of ocrfix beside its peers, side by side in one run.

    python benchmarks/speed.py [CORPUS_DIR] [--quick] [--repeats N] [--only SECTIONS] [--json FILE]

CORPUS_DIR defaults to ../shared/corpus (relative to the repository).  Every
number comes from a fresh Python process (this script run with ``--child``);
a row shows the median of ``--repeats`` such processes (3; 1 with ``--quick``).
Sections (``--only``, comma-separated): startup, ocr, clean, many, growth, patho.

- ``ocr``: the ``ocr`` fields of dev_ocr_eng + dev_ocr_deu as a list of texts.
  A fresh process loads the dictionaries by cleaning one unrelated damaged
  sentence, then cleans the list once: word caches are cold.  The peer is
  symspellpy over wordfreq's German list (``peers.make("symspell")``); its
  dictionary build (~20 s) is timed apart, so it is built once, in one process,
  and its word cache is cleared before each timed pass.  The same ``ocr``
  process then cleans the OCR texts again, every word decision cached (the
  floor of the per-word design, shown for information), then the rest of the
  corpus, and reports its peak RSS.
- ``clean``: dev_clean ``text`` (correct German) against the floor for a
  per-token corrector in Python: ``LETTERS.sub(f, text)`` with a set lookup in
  ``f`` (the set holds every word of the texts), same texts, same process.
  The target row has cold word caches, as the OCR row; two rows in
  parentheses show steady states: the second half of the texts in a fresh
  process that has cleaned the first half (new texts still bring new names),
  and a second pass over all texts (every word seen).
  Two last rows clean the same text cut into sentences, one ``clean()`` call
  each (a column of short strings), twice, after the passes above: short texts
  take the more careful path of text whose umlaut mode is unknown
  (``correct.Mode``), whose decisions the passes above did not cache.
- ``startup``: wall time of ``python -c "import ocrfix; ocrfix.clean(...)"``
  against ``python -c pass``, with a disk cache (``ocrfix.diskcache``) in a
  temporary folder that a first process wrote; the in-process time of import +
  first clean() is shown too, and the times of that first process and without
  the cache (``OCRFIX_CACHE=off``).
- ``many``: ``Cleaner.clean_many`` over the OCR texts with workers=1 and 2; the
  time with 2 workers includes starting them (each loads the dictionaries), and
  a second row compares the times after the first result, once they run.
- ``growth``: OCR texts in a fixed shuffled order, cut to 1x, 2x, 5x and 10x
  of a tenth of their characters, cleaned in a fresh process per size (a) as a
  list of texts (eng + deu) and (b) joined into one document (dev_ocr_eng only:
  joined with the deu texts, the document would have intact umlauts and take
  the cheaper path of such text).  The texts are distinct, never repeated, so
  the word cache helps larger sizes only as much as real text repeats its
  words (the curve may be sublinear for that reason); (b) also catches costs
  that grow faster than the length of one text.
- ``patho``: a single 200,000-letter token, 200,000 line-break hyphens
  ("ab-\\ncd " x 200,000), 100,000 combining marks (spread: "u\\u0308 " x 100,000,
  and stacked on one letter), each cleaned in a fresh process, with a time-out.

MB means 10^6 bytes of UTF-8; chars are code points.  The peers need
``pip install ".[bench]"``.  Run it on an idle machine: the load average is
printed at the start and at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
OCR_FILES = ("dev_ocr_eng.jsonl", "dev_ocr_deu.jsonl")
CLEAN_FILE = "dev_clean.jsonl"
# Loads the dictionaries (hunspell, word list, confusions) without caching a corpus word.
WARMUP = "Der Tiirsteher aB Zwiebelkuchen mit Kiimmel."
SECTIONS = ("startup", "ocr", "clean", "many", "growth", "patho")
GROWTH = (1, 2, 5, 10)
PATHO = {
    "token": "a single 200,000-letter token",
    "hyphens": "200,000 line-break hyphens",
    "marks": "100,000 combining marks, spread",
    "stacked": "100,000 combining marks, stacked",
}
TARGETS = {
    "ocr_ratio": 3.0,  # x symspell's throughput
    "mb_per_core": 1.0,  # "about 1 MB/s per core"
    "clean_ratio": 0.4,  # x the bare regex pass
    "startup_s": 1.5,
    "rss_mb": 400.0,
    "growth": 11.0,  # time(10x) / time(1x)
    "patho_s": 10.0,  # "seconds, not minutes"
}


# -- inputs -------------------------------------------------------------------
def _records(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _source(record: dict[str, Any]) -> str:
    return record["ocr"] if "ocr" in record else record["text"]


def ocr_texts(corpus: Path) -> list[str]:
    return [r["ocr"] for name in OCR_FILES for r in _records(corpus / name)]


def clean_texts(corpus: Path) -> list[str]:
    return [r["text"] for r in _records(corpus / CLEAN_FILE)]


def other_texts(corpus: Path) -> list[str]:
    """The inputs of every other corpus file (cleaned after the OCR texts, for the peak RSS)."""
    return [_source(r) for p in sorted(corpus.glob("*.jsonl")) if p.name not in OCR_FILES for r in _records(p)]


def growth_texts(corpus: Path, k: int, files: tuple[str, ...] = OCR_FILES) -> list[str]:
    """The first ``k`` tenths of the characters of ``files``' OCR texts, in a fixed shuffled order; never repeated."""
    texts = [r["ocr"] for name in files for r in _records(corpus / name)]
    random.Random(0).shuffle(texts)
    want = sum(map(len, texts)) // max(GROWTH) * k
    out: list[str] = []
    for t in texts:
        if want <= len(t):
            out.append(t[:want])
            break
        out.append(t)
        want -= len(t)
    return out


def patho_text(case: str) -> str:
    if case == "token":  # letters only, with OCR-like ii, B and é in it
        rng = random.Random(0)
        return "".join(rng.choices("abcdefghijklmnopqrstuvwxyzäöüßBiié", k=200_000))
    if case == "hyphens":
        return "ab-\ncd " * 200_000
    if case == "marks":
        return "u\u0308 " * 100_000
    if case == "stacked":
        return "a" + "\u0308" * 100_000
    raise ValueError(case)


def _size(texts: Iterable[str]) -> dict[str, int]:
    texts = list(texts)
    return {"texts": len(texts), "chars": sum(map(len, texts)), "bytes": sum(len(t.encode()) for t in texts)}


def _digest(texts: Iterable[str]) -> str:
    h = hashlib.sha1()
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()[:12]


def _rss_mb() -> float:
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1 << 20) if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB elsewhere


# -- what a fresh process measures (``--child KIND ARGS``) ----------------------
def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def child_ocr(corpus: Path) -> dict[str, Any]:
    import ocrfix

    ocrfix.clean(WARMUP)
    texts = ocr_texts(corpus)
    secs, out = _timed(lambda: [ocrfix.clean(t) for t in texts])
    warm, _ = _timed(lambda: [ocrfix.clean(t) for t in texts])  # every word decision cached
    rest = other_texts(corpus)
    rest_secs, _ = _timed(lambda: [ocrfix.clean(t) for t in rest])
    return {"secs": secs, "digest": _digest(out), "warm_secs": warm, "rest_secs": rest_secs, "rest": _size(rest),
            "rss_mb": _rss_mb()}


def _clear_word_cache(peer: Callable[[str], str]) -> bool:
    """Clear the ``lru_cache`` a peer of ``peers.make`` keeps in its closure; False if it has none."""
    found = False
    for cell in peer.__closure__ or ():
        cache = cell.cell_contents
        if callable(getattr(cache, "cache_clear", None)):
            cache.cache_clear()
            found = True
    return found


def child_symspell(corpus: Path, passes: int) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from peers import make

    build, peer = _timed(lambda: make("symspell"))
    peer(WARMUP)
    texts = ocr_texts(corpus)
    runs: list[float] = []
    for _ in range(passes):
        if not _clear_word_cache(peer) and runs:  # a second pass would be warm: keep the first only
            break
        runs.append(_timed(lambda: [peer(t) for t in texts])[0])
    return {"secs": runs, "build_secs": build, "rss_mb": _rss_mb()}


def child_clean(corpus: Path) -> dict[str, Any]:
    import regex

    texts = clean_texts(corpus)
    half = len(texts) // 2
    letters = regex.compile(r"\p{L}+")
    known = set(letters.findall("\n".join(texts)))

    def f(m: Any) -> str:
        w = m.group()
        return w if w in known else w.lower()

    def bare(part: list[str]) -> float:
        return statistics.median(_timed(lambda: [letters.sub(f, t) for t in part])[0] for _ in range(3))

    import ocrfix

    ocrfix.clean(WARMUP)
    secs, out = _timed(lambda: [ocrfix.clean(t) for t in texts])  # cold word caches
    warm, _ = _timed(lambda: [ocrfix.clean(t) for t in texts])  # every word seen before
    # the same text as one sentence per clean() call (a column of short strings); short texts
    # do not tell their umlaut mode (correct.Mode), and decisions are cached per mode
    sentences = [s for t in texts for s in regex.split(r"(?<=[.!?])\s+", t) if s]
    short, _ = _timed(lambda: [ocrfix.clean(s) for s in sentences])
    short2, _ = _timed(lambda: [ocrfix.clean(s) for s in sentences])
    return {"secs": secs, "bare_secs": bare(texts), "warm_secs": warm, "sentences": len(sentences),
            "sentences_secs": short, "sentences_warm_secs": short2, "sentences_bare_secs": bare(sentences),
            "changed": sum(a != b for a, b in zip(texts, out)), "half": half, **_seen_half(texts, half, bare)}


def _seen_half(texts: list[str], half: int, bare: Callable[[list[str]], float]) -> dict[str, Any]:
    """The second half of ``texts`` in a fresh process that has cleaned the first half:
    a steady state where a new text still brings words not seen before."""
    code = (
        "import json, sys, time, ocrfix\n"
        "texts = json.load(sys.stdin)\n"
        f"ocrfix.clean({WARMUP!r})\n"
        f"[ocrfix.clean(t) for t in texts[:{half}]]\n"
        "t = time.perf_counter()\n"
        f"[ocrfix.clean(t) for t in texts[{half}:]]\n"
        "print(time.perf_counter() - t)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True,
                          env=ENV, check=True)
    return {"second_half_secs": float(proc.stdout.strip().splitlines()[-1]), "second_half_bare_secs": bare(texts[half:])}


def child_many(corpus: Path, workers: int, chunksize: int) -> dict[str, Any]:
    from ocrfix import Cleaner

    cleaner = Cleaner()
    if workers == 1:
        cleaner.clean(WARMUP)  # workers > 1 load the dictionaries in the timed call: that is their start-up
    texts = ocr_texts(corpus)
    first: list[float] = []

    def run() -> list[str]:
        start = time.perf_counter()
        out = []
        for cleaned in cleaner.clean_many(texts, workers=workers, chunksize=chunksize):
            if not first:
                first.append(time.perf_counter() - start)  # with workers > 1: their start-up
            out.append(cleaned)
        return out

    secs, out = _timed(run)
    return {"secs": secs, "first_secs": first[0] if first else 0.0, "digest": _digest(out)}


def child_growth(corpus: Path, k: int, mode: str) -> dict[str, Any]:
    import ocrfix

    ocrfix.clean(WARMUP)
    if mode == "doc":
        texts = ["\n\n".join(growth_texts(corpus, k, OCR_FILES[:1]))]
    else:
        texts = growth_texts(corpus, k)
    secs, _ = _timed(lambda: [ocrfix.clean(t) for t in texts])
    return {"secs": secs, **_size(texts)}


def child_patho(case: str) -> dict[str, Any]:
    import ocrfix

    ocrfix.clean(WARMUP)
    text = patho_text(case)
    secs, out = _timed(lambda: ocrfix.clean(text))
    return {"secs": secs, "chars_in": len(text), "chars_out": len(out)}


def child(argv: list[str]) -> None:
    kind, args = argv[0], argv[1:]
    if kind == "ocr":
        res = child_ocr(Path(args[0]))
    elif kind == "symspell":
        res = child_symspell(Path(args[0]), int(args[1]))
    elif kind == "clean":
        res = child_clean(Path(args[0]))
    elif kind == "many":
        res = child_many(Path(args[0]), int(args[1]), int(args[2]))
    elif kind == "growth":
        res = child_growth(Path(args[0]), int(args[1]), args[2])
    elif kind == "patho":
        res = child_patho(args[0])
    else:
        raise SystemExit(f"speed.py: unknown child {kind!r}")
    print(json.dumps(res))


# -- the parent: runs the children, prints the table ----------------------------
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def log(msg: str) -> None:
    print(f"# {msg}", file=sys.stderr, flush=True)


def run_child(*args: Any, timeout: float = 900) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *map(str, args)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        log(f"{' '.join(map(str, args[:1] + args[2:]))}: timed out after {timeout:g} s")
        return {"error": f"> {timeout:g} s", "timeout": True}
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        log(f"{args[0]}: exit {proc.returncode}: {last}")
        return {"error": last}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def wall(code: str, env: dict[str, str] = ENV) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - t0, proc.stdout.strip()


def median(runs: list[dict[str, Any]], key: str = "secs") -> float | None:
    vals = [r[key] for r in runs if key in r]
    return statistics.median(vals) if vals else None


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(self, what: str, ocrfix: str, reference: str = "", ratio: str = "", target: str = "", ok: bool | None = None) -> None:
        verdict = "" if ok is None and not target else ("PASS" if ok else "FAIL")
        if target.startswith("("):  # shown for information: the target row is another one
            verdict = f"({verdict})"
        self.rows.append((what, ocrfix, reference, ratio, target, verdict))

    def print(self) -> None:
        head = ("what", "ocrfix", "reference", "ratio", "target", "result")
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(len(head))]
        for row in [head, tuple("-" * w for w in widths), *self.rows]:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


def mbs(nbytes: int, secs: float | None) -> str:
    return f"{nbytes / secs / 1e6:.3f} MB/s" if secs else "error"


def kchars(nchars: int, secs: float | None) -> str:
    return f"{nchars / secs / 1e3:,.1f} kchar/s" if secs else "error"


def fmt_runs(runs: Iterable[Any]) -> str:
    return ", ".join(f"{r:.3f}" if isinstance(r, float) else str(r) for r in runs)


def section_startup(t: Table, details: list[str], repeats: int, out: dict[str, Any]) -> None:
    code = f"import time; t = time.perf_counter(); import ocrfix; ocrfix.clean({WARMUP!r}); print(time.perf_counter() - t)"
    n = max(5, repeats)
    base = [wall("pass")[0] for _ in range(n)]
    with tempfile.TemporaryDirectory() as folder:  # (a disk cache of its own: the user's may be stale)
        cache = {**ENV, "OCRFIX_CACHE": folder}
        first = wall(code, cache)[0]  # (writes the cache's entries)
        runs = [wall(code, cache) for _ in range(n)]
    off = [wall(code, {**ENV, "OCRFIX_CACHE": "off"})[0] for _ in range(n)]
    walls, inproc = [w for w, _ in runs], [float(s) for _, s in runs]
    out["startup"] = {"wall": walls, "in_process": inproc, "baseline": base, "first": first, "cache_off": off}
    w, b = statistics.median(walls), statistics.median(base)
    t.add("start-up: import + first clean(), wall", f"{w:.2f} s", f"python -c pass {b:.3f} s", f"+{w - b:.2f} s",
          f"<= {TARGETS['startup_s']} s", w <= TARGETS["startup_s"])
    t.add("  in-process (import + first clean())", f"{statistics.median(inproc):.2f} s")
    t.add("  a user's first process (writes the disk cache)", f"{first:.2f} s")
    t.add("  without the disk cache (OCRFIX_CACHE=off)", f"{statistics.median(off):.2f} s")
    details.append(f"start-up wall s: {fmt_runs(walls)}; in-process s: {fmt_runs(inproc)}; python -c pass s: {fmt_runs(base)}; "
                   f"without the disk cache s: {fmt_runs(off)}")


def section_ocr(t: Table, details: list[str], corpus: Path, repeats: int, out: dict[str, Any]) -> None:
    size = _size(ocr_texts(corpus))
    runs = []
    for i in range(repeats):
        runs.append(run_child("ocr", corpus))
        log(f"ocr ocrfix run {i + 1}/{repeats}: {runs[-1].get('secs', runs[-1].get('error'))}")
    log("ocr symspell: building its dictionary (~20 s, not timed)")
    peer = run_child("symspell", corpus, repeats)
    out["ocr"] = {"size": size, "ocrfix": runs, "symspell": peer}
    secs, psecs = median(runs), (statistics.median(peer["secs"]) if peer.get("secs") else None)
    ratio = psecs / secs if secs and psecs else None
    t.add(f"OCR text ({size['texts']} texts, {size['bytes'] / 1e6:.3f} MB), 1 core", mbs(size["bytes"], secs),
          f"symspell {mbs(size['bytes'], psecs)}", f"{ratio:.2f}x" if ratio else "-",
          f">= {TARGETS['ocr_ratio']:g}x", ratio is not None and ratio >= TARGETS["ocr_ratio"])
    t.add("  chars/s", kchars(size["chars"], secs), f"symspell {kchars(size['chars'], psecs)}")
    t.add("  seconds (median)", f"{secs:.2f} s" if secs else "error", f"symspell {psecs:.2f} s" if psecs else "error")
    # the floor of the per-word design: no search and no hunspell call left, the rules and
    # the per-token work remain
    warm = median(runs, "warm_secs")
    wratio = psecs / warm if warm and psecs else None
    t.add("  every word decision cached (a second pass)", mbs(size["bytes"], warm), f"symspell {mbs(size['bytes'], psecs)}",
          f"{wratio:.2f}x" if wratio else "-", f"(>= {TARGETS['ocr_ratio']:g}x)",
          None if wratio is None else wratio >= TARGETS["ocr_ratio"])
    per_core = size["bytes"] / secs / 1e6 if secs else 0.0
    t.add("OCR text, MB/s per core", f"{per_core:.3f}", "", "", f"~{TARGETS['mb_per_core']:g} (>= {TARGETS['mb_per_core']:g})",
          per_core >= TARGETS["mb_per_core"])
    rss = median(runs, "rss_mb")
    t.add("peak RSS after cleaning the whole corpus", f"{rss:.0f} MB" if rss else "error",
          f"symspell peer {peer['rss_mb']:.0f} MB" if "rss_mb" in peer else "", "",
          f"<= {TARGETS['rss_mb']:g} MB", rss is not None and rss <= TARGETS["rss_mb"])
    details.append(f"OCR ocrfix s: {fmt_runs(r.get('secs', r.get('error')) for r in runs)}; "
                   f"symspell s: {fmt_runs(peer.get('secs', [peer.get('error')]))} "
                   f"(build {peer.get('build_secs', 0):.1f} s, not timed)")
    rest = runs[0].get("rest") if runs else None
    if rest:
        details.append(f"peak RSS MB: {fmt_runs(r.get('rss_mb') for r in runs)}, after the OCR texts and the "
                       f"other {rest['texts']} texts ({rest['bytes'] / 1e6:.3f} MB, "
                       f"{mbs(rest['bytes'], median(runs, 'rest_secs'))}, caches warm)")


def section_clean(t: Table, details: list[str], corpus: Path, repeats: int, out: dict[str, Any]) -> None:
    size = _size(clean_texts(corpus))
    runs = [run_child("clean", corpus) for _ in range(repeats)]
    out["clean"] = {"size": size, "runs": runs}
    target = f">= {TARGETS['clean_ratio']:g}"

    def row(what: str, key: str, bare_key: str, nbytes: int, verdict: bool) -> None:
        secs, bare = median(runs, key), median(runs, bare_key)
        ratio = bare / secs if secs and bare else None
        t.add(what, mbs(nbytes, secs), f"bare regex+set {mbs(nbytes, bare)}", f"{ratio:.3f}" if ratio else "-",
              target if verdict else f"({target})", ratio is not None and ratio >= TARGETS["clean_ratio"])

    half = runs[0].get("half", 0) if runs else 0
    half_bytes = _size(clean_texts(corpus)[half:])["bytes"]
    row(f"correct German ({size['texts']} texts, {size['bytes'] / 1e6:.3f} MB), word caches cold", "secs",
        "bare_secs", size["bytes"], True)
    row(f"  steady state: the last {size['texts'] - half} after the first {half}", "second_half_secs",
        "second_half_bare_secs", half_bytes, False)
    row("  every word seen before (a second pass)", "warm_secs", "bare_secs", size["bytes"], False)
    sentences = runs[0].get("sentences", 0) if runs else 0
    row(f"  as {sentences} sentences, one clean() each, first pass", "sentences_secs", "sentences_bare_secs",
        size["bytes"], False)
    row("  as sentences, every sentence seen before (a second pass)", "sentences_warm_secs", "sentences_bare_secs",
        size["bytes"], False)
    details.append(f"correct German ocrfix s: cold {fmt_runs(r.get('secs', r.get('error')) for r in runs)}, "
                   f"second half after the first {fmt_runs(r.get('second_half_secs') for r in runs)}, "
                   f"second pass {fmt_runs(r.get('warm_secs') for r in runs)}; "
                   f"bare pass s: {fmt_runs(r.get('bare_secs') for r in runs)}; "
                   f"texts changed by ocrfix: {runs[0].get('changed')}/{size['texts']}")


def section_many(t: Table, details: list[str], corpus: Path, repeats: int, out: dict[str, Any], chunksize: int) -> None:
    size = _size(ocr_texts(corpus))
    res: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    for _ in range(repeats):  # in pairs, so that each pair compares the same code
        for w, runs in res.items():
            runs.append(run_child("many", corpus, w, chunksize))
            if "secs" in runs[-1]:
                runs[-1]["secs_after_first"] = runs[-1]["secs"] - runs[-1]["first_secs"]
    out["many"] = {"chunksize": chunksize, "runs": res}
    s1, s2 = median(res[1]), median(res[2])
    same = all(a.get("digest") == b.get("digest") for a, b in zip(res[1], res[2]))
    t.add(f"clean_many OCR texts, workers=2 vs 1 (chunksize {chunksize})", f"{s2:.2f} s vs {s1:.2f} s" if s1 and s2 else "error",
          f"{mbs(size['bytes'], s2)} = {size['bytes'] / s2 / 2e6:.3f} MB/s/core" if s2 else "",
          f"{s1 / s2:.2f}x" if s1 and s2 else "-")
    # after the first result: the workers have started, the rest shows the use of the cores
    r1, r2 = median(res[1], "secs_after_first"), median(res[2], "secs_after_first")
    t.add("  after the first result (workers started)", f"{r2:.2f} s vs {r1:.2f} s" if r1 and r2 else "error", "",
          f"{r1 / r2:.2f}x" if r1 and r2 else "-")
    details.append(f"clean_many workers=1 s: {fmt_runs(r.get('secs') for r in res[1])}; workers=2 s (with start-up): "
                   f"{fmt_runs(r.get('secs') for r in res[2])}; first result after s: "
                   f"{fmt_runs(r.get('first_secs') for r in res[2])}; same output as workers=1: {same}")


def section_growth(t: Table, details: list[str], corpus: Path, repeats: int, out: dict[str, Any]) -> None:
    out["growth"] = {}
    for mode, label in (("texts", "a list of texts"), ("doc", "one document (eng OCR)")):
        curve = {}
        for k in GROWTH:
            runs = [run_child("growth", corpus, k, mode) for _ in range(repeats)]
            curve[k] = runs
            log(f"growth {mode} {k}x: {fmt_runs(r.get('secs', r.get('error')) for r in runs)}")
        out["growth"][mode] = curve
        secs = {k: median(rs) for k, rs in curve.items()}
        chars = {k: rs[0].get("chars", 0) for k, rs in curve.items()}
        lo, hi = min(GROWTH), max(GROWTH)
        first, last = secs[lo], secs[hi]
        ratio = last / first if last and first else None
        t.add(f"growth {hi}x/{lo}x, {label}", f"{ratio:.2f}x" if ratio else "error", "", "",
              f"<= {TARGETS['growth']:g}x", ratio is not None and ratio <= TARGETS["growth"])
        fastest = {k: min((r["secs"] for r in rs if "secs" in r), default=None) for k, rs in curve.items()}
        lo_min, hi_min = fastest[lo], fastest[hi]
        by_min = f", {hi_min / lo_min:.2f}x by the fastest runs" if lo_min and hi_min and repeats > 1 else ""
        details.append(f"growth curve, {label} (fresh process per size, median of {repeats}{by_min}):")
        for k in GROWTH:
            s = secs[k]
            details.append(f"  {k:>3}x  {chars[k]:>9,} chars  {s:8.3f} s  {s / first:6.2f}x time  "
                           f"{chars[k] / s / 1e3:8.1f} kchar/s" if s and first else f"  {k:>3}x  error")


def section_patho(t: Table, details: list[str], repeats: int, out: dict[str, Any], timeout: float) -> None:
    out["patho"] = {}
    for case, label in PATHO.items():
        runs = [run_child("patho", case, timeout=timeout)]
        if not runs[0].get("timeout"):
            runs += [run_child("patho", case, timeout=timeout) for _ in range(repeats - 1)]
        out["patho"][case] = runs
        secs = median(runs)
        t.add(f"pathological: {label}", f"{secs:.2f} s" if secs is not None else runs[0]["error"], "", "",
              f"<= {TARGETS['patho_s']:g} s", secs is not None and secs <= TARGETS["patho_s"])
        details.append(f"pathological {case}: {len(patho_text(case)):,} chars in; s: "
                       f"{fmt_runs(r.get('secs', r.get('error')) for r in runs)}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(argv[1:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--quick", action="store_true", help="one run per row instead of three")
    ap.add_argument("--repeats", type=int, help="fresh processes per row (default 3, --quick 1)")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections of {', '.join(SECTIONS)}")
    ap.add_argument("--chunksize", type=int, default=16, help="clean_many chunk size (default 16)")
    ap.add_argument("--timeout", type=float, default=60, help="time-out of one pathological input, seconds")
    ap.add_argument("--json", type=Path, help="also write every measured number to this file")
    args = ap.parse_args(argv)
    repeats = args.repeats or (1 if args.quick else 3)
    only = [s for s in args.only.split(",") if s]
    if unknown := set(only) - set(SECTIONS):
        ap.error(f"unknown section(s) {', '.join(sorted(unknown))}; sections are {', '.join(SECTIONS)}")
    corpus = args.corpus.resolve()
    if not all((corpus / f).is_file() for f in (*OCR_FILES, CLEAN_FILE)):
        ap.error(f"{corpus} lacks {', '.join((*OCR_FILES, CLEAN_FILE))}")

    start = time.perf_counter()
    load0 = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"ocrfix speed: python {sys.version.split()[0]}, {os.cpu_count()} cores, corpus {corpus}, "
          f"{repeats} fresh process(es) per row" + (f", load average at start {load0[0]:.2f}" if load0 else ""))
    table = Table()
    details: list[str] = []
    out: dict[str, Any] = {"repeats": repeats, "load_start": load0}
    if "startup" in only:
        log("start-up")
        section_startup(table, details, repeats, out)
    if "ocr" in only:
        section_ocr(table, details, corpus, repeats, out)
    if "clean" in only:
        log("correct German")
        section_clean(table, details, corpus, repeats, out)
    if "many" in only:
        log("clean_many")
        section_many(table, details, corpus, repeats, out, args.chunksize)
    if "growth" in only:
        section_growth(table, details, corpus, repeats, out)
    if "patho" in only:
        log("pathological inputs")
        section_patho(table, details, repeats, out, args.timeout)
    print()
    table.print()
    print()
    for line in details:
        print(line)
    load1 = os.getloadavg() if hasattr(os, "getloadavg") else None
    total = time.perf_counter() - start
    out.update(load_end=load1, total_secs=total)
    print(f"\ntotal {total:.0f} s" + (f", load average at end {load1[0]:.2f}" if load1 else ""))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
