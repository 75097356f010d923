"""Quality of ocrfix and its peers on corpora of (truth, ocr) pairs.

    python benchmarks/quality.py [CORPUS_DIR ...] [--peers symspell,hunspell,pyspell,ftfy]
                                 [--files NAME,...] [--against REF] [--twins] [--sentences]

CORPUS_DIR defaults to ../shared/corpus (relative to the repository); every
``*.jsonl`` file in each is scored (the development sets of ``devsets.py`` are
such a folder too).  The metric is the reference scorer's (see ``metric.py``);
``broken%`` is broken words per 100 truth words.

``--sentences`` splits each file's records into their sentences (``metric.sentences``) and
scores those, one ``clean()`` a sentence: what a user who cleans one sentence or title at a
time gets, where a document says little about itself.

``--against REF`` scores ocrfix at a git revision (or a checkout's path) too, in
a process of its own, so that a change is seen side by side with the code before
it.  ``--twins`` adds issue 11's count (``metric.twins``): of the truth words the
input has as their folded twin, a valid word ("hatte" for "hätte"), how many come
out right (``twins``), and the share of correct valid words the output changed
(``changed%``); validity is this checkout's lexicon, for every row alike.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(ROOT))  # this checkout's ocrfix

from metric import load, score_outputs, sentences, twins  # noqa: E402
from peers import NAMES, make  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
COLS = ("wer0", "wer1", "red", "fixed", "broken", "broken%", "kchar_s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    ap.add_argument("--peers", default=",".join(NAMES), help="comma-separated peers, or '' for none")
    ap.add_argument("--files", default="", help="comma-separated file names (default: all *.jsonl)")
    ap.add_argument("--against", metavar="REF", help="also score ocrfix at this git revision or checkout path")
    ap.add_argument("--twins", action="store_true", help="add the count of real-word twins repaired and changed")
    ap.add_argument("--sentences", action="store_true", help="score each record's sentences, one clean() each")
    args = ap.parse_args(argv)

    files = [f for corpus in args.corpora for f in sorted(corpus.glob("*.jsonl"))]
    if args.files:
        files = [f for f in files if f.name in args.files.split(",")]
    if not files:
        ap.error(f"no *.jsonl files in {', '.join(map(str, args.corpora))}")
    import ocrfix

    ocrfix.clean("Vorladen")  # (the dictionaries load outside the timing, as in the --against child)
    correctors: dict[str, object] = {"ocrfix": ocrfix.clean}
    if args.against:
        correctors[f"@{args.against}"] = args.against
    for name in filter(None, args.peers.split(",")):
        try:
            correctors[name] = make(name)
        except ImportError as e:
            print(f"# peer {name} skipped: {e} (pip install '.[bench]')", file=sys.stderr)
    valid = None
    if args.twins:
        from ocrfix.lexicon import get_lexicon

        valid = get_lexicon("de_DE", frozenset()).valid
    cols = COLS + (("twins", "changed%") if args.twins else ())
    print(f"{'corrector':14s} {'file':22s} {'n':>4s} {'words':>6s} " + " ".join(f"{c:>8s}" for c in cols))
    with _checkouts(correctors) as paths, tempfile.TemporaryDirectory() as tmp:
        for f in files:
            recs, source = load(f), f
            if args.sentences:  # (a file of its own, for the --against child)
                recs, source = sentences(recs), Path(tmp) / f.name
                source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
            for name, fix in correctors.items():
                outputs, seconds = _outputs(fix, paths.get(name), source, recs)
                s = score_outputs(recs, outputs, seconds)
                vals: tuple = (s.wer0, s.wer1, s.red if s.red is not None else "-", s.fixed, s.broken,
                               round(100 * s.broken / max(s.words, 1), 3), s.kchar_s)
                if valid is not None:
                    t = twins(recs, outputs, valid)
                    vals += (f"{t.repaired}/{t.lost}", round(100 * t.changed / max(t.valid, 1), 3))
                print(f"{name:14s} {f.name:22s} {s.n:4d} {s.words:6d} " + " ".join(f"{v!s:>8s}" for v in vals),
                      flush=True)
    return 0


def _outputs(fix, checkout: Path | None, path: Path, recs: list[dict]) -> tuple[list[str], float]:
    """The outputs of ``fix`` on ``recs`` and the seconds they took (in a child process
    that imports ocrfix from ``checkout``, for --against)."""
    if checkout is None:
        t = time.perf_counter()
        outputs = [fix(r.get("ocr", r.get("text"))) for r in recs]  # type: ignore[operator]
        return outputs, time.perf_counter() - t
    env = {"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path.resolve())], capture_output=True, text=True, env=env,
                          cwd=checkout, check=True)
    result = json.loads(proc.stdout)
    return result["outputs"], result["seconds"]


# The child of --against: the other checkout's ocrfix cleans a file's records (dictionaries
# loaded first: the timing is of cleaning, as in this process after its first file).
_CHILD = """
import json, sys, time
import ocrfix
recs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
ocrfix.clean("Vorladen")
t = time.perf_counter()
outputs = [ocrfix.clean(r.get("ocr", r.get("text"))) for r in recs]
print(json.dumps({"outputs": outputs, "seconds": time.perf_counter() - t}))
"""


class _checkouts:
    """The checkouts of the --against revisions: a detached git worktree each (removed after),
    or the path given."""

    def __init__(self, correctors: dict[str, object]) -> None:
        self.refs = {name: ref for name, ref in correctors.items() if isinstance(ref, str)}
        self.paths: dict[str, Path] = {}
        self.tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> dict[str, Path]:
        for name, ref in self.refs.items():
            if Path(ref).is_dir():
                self.paths[name] = Path(ref).resolve()
                continue
            self.tmp = self.tmp or tempfile.TemporaryDirectory()
            where = Path(self.tmp.name) / ref.replace("/", "_")
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(where), ref], check=True)
            self.paths[name] = where
        return self.paths

    def __exit__(self, *exc: object) -> None:
        for name, where in self.paths.items():
            if not Path(self.refs[name]).is_dir():
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(where)], check=False)
        if self.tmp is not None:
            self.tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
