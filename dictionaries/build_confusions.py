"""Estimate the OCR confusion costs from aligned OCR/truth pairs: ``confusion_counts.tsv``.

    python benchmarks/devsets.py --only train_ocr             # renders and reads ~800 paragraphs
    python dictionaries/build_confusions.py ../scratch/devsets/train_ocr.jsonl [--write]

The pairs are paragraphs of the shared text (the build part of ``corpus_text``'s
split) rendered in the ESTIMATE_FONTS of ``benchmarks/devsets.py`` and read back
by Tesseract with its English and German models; fonts in HELDOUT_FONTS are never
used here, so that a measurement on them is one on fonts the costs never saw.

Each OCR text first goes through ocrfix's steps before the words step (so that
what is counted is what the word corrector sees), its words are aligned with the
truth's, and each pair of a truth word and a different OCR word is aligned letter
by letter: a run of letters that differ is one reading ("ü" read as "ii", "öß" as
"éB").  The script counts each reading, and how often the letters read occur in the
aligned truth words, for each model; ``confusion_counts.tsv`` keeps every reading
seen ``MIN_KEEP`` or more times and every one of the table, with the counts.

``ocrfix.confusions.estimated_cost`` turns a reading's frequency into a cost: the
table in ``ocrfix/confusions.py`` stays the readable source of which readings are
modelled (with a rule and a comment each), and its cost literals are the estimates
wherever the data has ``MIN_COUNT`` cases of the reading (``--write`` writes the counts
and rewrites them; ``tests/test_confusions.py`` checks that they agree; without it the
shipped counts stay, so that a run on other pairs, such as ``rd2_hist_eng.jsonl``, only
reports).  Readings the table lacks are printed, most frequent first, for a person to
add with a rule.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from ocrfix import clean
from ocrfix.confusions import CONFUSIONS, MIN_COUNT, estimated_cost, misread_runs, reading_key

FORMAT = "ocrfix-confusion-counts 1"
OUT = HERE / "confusion_counts.tsv"
TABLE = HERE.parent / "ocrfix" / "confusions.py"
MIN_KEEP = 3
MAX_SHARE = 0.34  # a word pair this far apart is a misalignment, not a misreading
STRIP = ".,;:!?\"'()[]„“”»«›‹*–—-‚’‘"


def words(text: str) -> list[str]:
    return [w for t in text.split() if (w := t.strip(STRIP))]


def readings(meant: str, seen: str) -> list[tuple[str, str]]:
    """The runs of differing letters of two words: (what was printed, what OCR read)."""
    return [(meant[a:b], seen[c:d]) for a, b, c, d in misread_runs(meant, seen)]


def count(path: Path) -> tuple[Counter[tuple[str, str, str]], Counter[tuple[str, str]]]:
    """(model, meant, seen) -> cases, and (model, letters) -> how often the truth words hold them."""
    from rapidfuzz.distance import Levenshtein

    cases: Counter[tuple[str, str, str]] = Counter()
    held: Counter[tuple[str, str]] = Counter()
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    for r in records:
        model = r["ocr_lang"]
        truth = words(r["truth"])
        read = words(clean(r["ocr"], words=False, quotes=False, bullets=False))
        for op in Levenshtein.opcodes(truth, read):
            if op.tag not in ("equal", "replace") or op.src_end - op.src_start != op.dest_end - op.dest_start:
                continue
            for t, s in zip(truth[op.src_start : op.src_end], read[op.dest_start : op.dest_end]):
                for n in (1, 2):  # (the denominators of one- and two-letter readings)
                    held.update((model, t[i : i + n]) for i in range(len(t) - n + 1))
                if t != s and Levenshtein.distance(t, s) <= max(2, MAX_SHARE * len(t)):
                    cases.update((model, m, x) for m, x in readings(t, s))
    return cases, held


def write_counts(cases: Counter[tuple[str, str, str]], held: Counter[tuple[str, str]], source: str) -> None:
    table = {reading_key(c.meant, c.seen) for c in CONFUSIONS}
    rows = sorted(
        (model, meant, seen, n, held[(model, meant)] if meant else 0)
        for (model, meant, seen), n in cases.items()
        if n >= MIN_KEEP or reading_key(meant, seen) in table
    )
    lines = [f"# {FORMAT}: model, printed, read, cases, words' occurrences of the printed letters; "
             f"from {source} (see build_confusions.py)"]
    lines += ["\t".join(map(str, row)) for row in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


_ROW = re.compile(r'^(\s*Confusion\()("(?:[^"\\]|\\.)*"), ("(?:[^"\\]|\\.)*"), ([0-9.]+)(,.*?\),)\s*(#.*)?$')
COMMENT_COLUMN = 52  # where the rows' comments start (two spaces after a longer row)


def rewrite_table(dry: bool) -> list[str]:
    """Set the cost literal of each row of the table to its estimate; the rows changed."""
    import ast

    changed, out = [], []
    for line in TABLE.read_text(encoding="utf-8").splitlines(keepends=True):
        m = _ROW.match(line)
        if m:
            seen, meant = ast.literal_eval(m.group(2)), ast.literal_eval(m.group(3))
            cost = estimated_cost(meant, seen)
            if cost is not None and abs(cost - float(m.group(4))) > 1e-9:
                changed.append(f"{seen!r} -> {meant!r}: {m.group(4)} -> {cost}")
                row = f"{m.group(1)}{m.group(2)}, {m.group(3)}, {cost}{m.group(5)}"
                line = (f"{row + '  ':<{COMMENT_COLUMN}}{m.group(6)}" if m.group(6) else row) + "\n"
        out.append(line)
    if not dry:
        TABLE.write_text("".join(out), encoding="utf-8")
    return changed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pairs", type=Path, help="train_ocr.jsonl from benchmarks/devsets.py")
    ap.add_argument("--write", action="store_true", help="rewrite the cost literals of ocrfix/confusions.py")
    args = ap.parse_args()
    cases, held = count(args.pairs)
    shipped = OUT.read_bytes()
    write_counts(cases, held, f"{args.pairs.name}, Tesseract OCR of the shared text in the estimate fonts")
    from ocrfix import confusions

    confusions.estimates.cache_clear()
    try:
        for change in rewrite_table(dry=not args.write):
            print(("changed " if args.write else "would change ") + change)
    finally:
        if not args.write:  # (a dry run, of any pairs file, leaves the shipped counts as they were)
            OUT.write_bytes(shipped)
            confusions.estimates.cache_clear()
    table = {reading_key(c.meant, c.seen) for c in CONFUSIONS}
    missing = Counter()
    for (_, meant, seen), n in cases.items():
        if reading_key(meant, seen) not in table and meant != seen:
            missing[(meant, seen)] += n
    print(f"readings the table lacks, seen {MIN_COUNT} or more times:")
    for (meant, seen), n in missing.most_common():
        if n >= MIN_COUNT:
            print(f"  {seen!r:8} for {meant!r:8} {n:5d}  estimated cost {estimated_cost(meant, seen)}")


if __name__ == "__main__":
    main()
