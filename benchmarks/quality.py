"""Quality of ocrfix and its peers on a corpus of (truth, ocr) pairs.

    python benchmarks/quality.py [CORPUS_DIR] [--peers symspell,hunspell,pyspell,ftfy] [--only ocrfix]

CORPUS_DIR defaults to ../shared/corpus (relative to the repository); every
``*.jsonl`` file in it is scored.  The metric is the reference scorer's (see
``metric.py``).  ``broken%`` is broken words per 100 truth words.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # this checkout's ocrfix

from metric import load, score  # noqa: E402
from peers import NAMES, make  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--peers", default=",".join(NAMES), help="comma-separated peers, or '' for none")
    ap.add_argument("--files", default="", help="comma-separated file names (default: all *.jsonl)")
    args = ap.parse_args(argv)

    import ocrfix

    files = sorted(args.corpus.glob("*.jsonl"))
    if args.files:
        files = [f for f in files if f.name in args.files.split(",")]
    if not files:
        ap.error(f"no *.jsonl files in {args.corpus}")
    correctors = {"ocrfix": ocrfix.clean}
    for name in filter(None, args.peers.split(",")):
        try:
            correctors[name] = make(name)
        except ImportError as e:
            print(f"# peer {name} skipped: {e} (pip install '.[bench]')", file=sys.stderr)
    cols = ("wer0", "wer1", "red", "fixed", "broken", "broken%", "kchar_s")
    print(f"{'corrector':10s} {'file':20s} {'n':>4s} {'words':>6s} " + " ".join(f"{c:>8s}" for c in cols))
    for f in files:
        recs = load(f)
        for name, fix in correctors.items():
            s = score(fix, recs)
            vals = (s.wer0, s.wer1, s.red if s.red is not None else "-", s.fixed, s.broken,
                    round(100 * s.broken / max(s.words, 1), 3), s.kchar_s)
            print(f"{name:10s} {f.name:20s} {s.n:4d} {s.words:6d} " + " ".join(f"{v!s:>8s}" for v in vals), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
