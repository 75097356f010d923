"""Development sets beyond the development corpus: other German text, other fonts, real OCR.

    python benchmarks/devsets.py [--out DIR] [--only SET,...] [--jobs 2] [--limit N] [--seed 1]

Makes JSONL sets in DIR (default ../scratch/devsets beside the checkout; never inside it)
from the shared running text, read with ``dictionaries/corpus_text.py``:

- Text.  Modern German (``wikipedia_klexikon``, ``klexikon``: one sentence a line) and
  historical German (``gerdracor``: drama, speeches and stage directions;
  ``eltec_deu``: novels wrapped at ~75 characters).  A paragraph is a run of
  consecutive lines of one block of the split, joined with single spaces, 300-700
  characters, starting at a sentence start and ending at a sentence end (headings and
  blank lines break runs; a modern line that is no sentence, e.g. a list item, too).
  Paragraphs with a character outside Latin letters and German punctuation (formulas,
  garbled Greek, no-break spaces) are skipped, and so are those made mostly of names
  (cast lists, speaker names in capitals, lists of places or bands).  Each file's
  paragraphs are shuffled with the seed; the sets take disjoint slices of them in the
  fixed order of ``SETS`` (a group's share of a file by ``SHARES``), never the same
  text twice.  The test sets come from the held-out part only; ``train_ocr`` from the
  build part.  A source's id is ``FILE:LINE``, the 1-based line number of its first
  line in the decompressed file.
- OCR.  Each paragraph is rendered and read back with Tesseract by
  ``../shared/tools/ocr_render.py`` (imported: its ``job()`` in a process pool; the
  fonts below are added to its ``FONTS`` at run time and checked with ``fc-match``
  before anything runs).  Fonts x profiles are balanced within each set; the German
  model gets the degraded profiles only (scan, lowres, fax), as in the dev corpus.
  ``ESTIMATE_FONTS`` may be used to estimate or tune the corrector (confusion costs);
  ``HELDOUT_FONTS`` are for measurement only, never for an estimate; ``READING_FONTS``
  (``rd_hist_eng``, ``rd_hist_deu``), ``READING_FONTS_2`` (``rd2_*``) and
  ``READING_FONTS_3`` (``rd3_*``) show readings the estimate fonts never make.
- Extraction damage.  ``ho_hist_pdf`` is made by ``../shared/tools/pdf_damage.py``
  (imported, seeded).  Clean sets hold ``text`` only: correct German that must stay.

Files in DIR: ``sources/SET.jsonl`` (each set's paragraphs, drawn once and reused;
delete DIR to draw afresh), ``SET.jsonl`` (the set), ``SET.jsonl.part`` (OCR results
of an interrupted run: a rerun resumes from it).  A rerun skips the records a set
already has, so ``--limit N`` makes a quick trial of the first N records and a later
run without it completes the set.  The text's sources, licences and the attribution
to carry: ``../shared/corpus/text/README.md``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any, Literal
from unittest import mock

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TOOLS = ROOT.parent / "shared" / "tools"
DEFAULT_OUT = ROOT.parent / "scratch" / "devsets"  # beside the checkout, never inside it
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(TOOLS))

import ocr_render
import pdf_damage

from dictionaries import corpus_text

Record = dict[str, Any]
Task = tuple[Record, str, str, str, int]  # ocr_render.job's (source, font, profile, lang, seed)

# --- fonts -----------------------------------------------------------------------

# Fonts ocr_render.py does not know: name -> fontconfig pattern.
EXTRA_FONTS: dict[str, str] = {
    "p052": "P052:style=Roman",
    "texgyre-heros": "TeX Gyre Heros:style=Regular",
    "nimbus-roman": "Nimbus Roman:style=Regular",
    "c059": "C059:style=Roman",
    "urw-bookman": "URW Bookman:style=Light",
    "libertine": "Linux Libertine O:style=Regular",
    "eb-garamond": "EB Garamond 12:style=Regular",
    "carlito": "Carlito:style=Regular",
    "noto-serif": "Noto Serif:style=Regular",
    "cardo": "Cardo:style=Regular",
    "junicode": "Junicode Two Beta:style=Regular",
    "goudy": "Goudy Bookletter 1911:style=Regular",
    "caladea": "Caladea:style=Regular",
    "adventor": "TeX Gyre Adventor:style=Regular",
    "biolinum": "Linux Biolinum O:style=Regular",
    "noto-sans": "Noto Sans:style=Regular",
    "liberation-sans-narrow": "Liberation Sans Narrow:style=Regular",
    "linden-hill": "Linden Hill:style=Regular",
    "roboto-slab": "Roboto Slab:style=Regular",
    "go": "Go:style=Regular",
    "open-sans": "Open Sans:style=Regular",
    "old-standard": "Old Standard TT:style=Regular",
    "gentium-book": "Gentium Book Plus:style=Regular",
    "lato": "Lato:style=Regular",
    "vollkorn": "Vollkorn:style=Regular",
}
# The file each font must resolve to: fontconfig falls back to another font silently.
FONT_FILES: dict[str, str] = {
    "liberation-serif": "LiberationSerif-Regular.ttf",
    "liberation-sans": "LiberationSans-Regular.ttf",
    "dejavu-sans": "DejaVuSans.ttf",
    "free-serif": "FreeSerif.ttf",
    "liberation-mono": "LiberationMono-Regular.ttf",
    "p052": "P052-Roman.otf",
    "texgyre-heros": "texgyreheros-regular.otf",
    "dejavu-serif": "DejaVuSerif.ttf",
    "free-sans": "FreeSans.ttf",
    "dejavu-sans-condensed": "DejaVuSansCondensed.ttf",
    "nimbus-roman": "NimbusRoman-Regular.otf",
    "c059": "C059-Roman.otf",
    "urw-bookman": "URWBookman-Light.otf",
    "libertine": "LinLibertine_R.otf",
    "eb-garamond": "EBGaramond12-Regular.otf",
    "carlito": "Carlito-Regular.ttf",
    "noto-serif": "NotoSerif-Regular.ttf",
    "cardo": "Cardo104s.ttf",
    "junicode": "JunicodeTwoBeta-Regular.otf",
    "goudy": "GoudyBookletter1911.otf",
    "caladea": "Caladea-Regular.ttf",
    "adventor": "texgyreadventor-regular.otf",
    "biolinum": "LinBiolinum_R.otf",
    "noto-sans": "NotoSans-Regular.ttf",
    "liberation-sans-narrow": "LiberationSansNarrow-Regular.ttf",
    "linden-hill": "LindenHill.otf",
    "roboto-slab": "RobotoSlab-Regular.otf",
    "go": "Go-Regular.ttf",
    "open-sans": "OpenSans-Regular.ttf",
    "old-standard": "OldStandard-Regular.ttf",
    "gentium-book": "GentiumBookPlus-Regular.ttf",
    "lato": "Lato-Regular.ttf",
    "vollkorn": "Vollkorn-Regular.ttf",
}
# The dev corpus's four fonts and three more: may be used to estimate confusion costs.
ESTIMATE_FONTS = ("liberation-serif", "liberation-sans", "dejavu-sans", "free-serif",
                  "liberation-mono", "p052", "texgyre-heros")
# Measurement only: never used for an estimate.
HELDOUT_FONTS = ("dejavu-serif", "free-sans", "dejavu-sans-condensed", "nimbus-roman", "c059",
                 "urw-bookman", "libertine", "eb-garamond", "carlito", "noto-serif")
# Old-style faces (Debian: fonts-cardo, fonts-junicode, fonts-goudybookletter,
# fonts-crosextra-caladea): the estimate fonts never read a t as e or c, these do.  Used to
# find readings the table lacks, whose costs are then set by hand (never for measurement).
READING_FONTS = ("cardo", "junicode", "goudy", "caladea")
# Four faces unlike the held-out ones (a geometric and three humanist or narrow sans), for the
# same use: readings of other faces (rd2_*), whose costs are set by hand; never for measurement.
READING_FONTS_2 = ("adventor", "biolinum", "noto-sans", "liberation-sans-narrow")
# And four more (Debian: fonts-lindenhill, fonts-roboto-slab, fonts-go, fonts-open-sans): an
# old-style serif, a slab serif, a humanist sans with slab-like details, a humanist sans (rd3_*).
READING_FONTS_3 = ("linden-hill", "roboto-slab", "go", "open-sans")
# And four more (Debian: fonts-oldstandard, fonts-sil-gentiumplus, fonts-lato, fonts-vollkorn): a
# 19th-century modern face, a book serif, a geometric-humanist sans, a dark old-style (rd4_*).
READING_FONTS_4 = ("old-standard", "gentium-book", "lato", "vollkorn")
PROFILES = {"eng": ("clean", "scan", "lowres", "fax"), "deu": ("scan", "lowres", "fax")}

# --- text ------------------------------------------------------------------------

# Each group's share per file: Klexikon is the smaller, simpler half of the modern text.
SHARES: dict[str, dict[str, int]] = {
    "modern": {"wikipedia_klexikon": 2, "klexikon": 1},
    "historical": {"gerdracor": 1, "eltec_deu": 1},
}
MIN_CHARS, MAX_CHARS = 300, 700
TARGET_CHARS = (400, 700)  # a paragraph's aimed-at length is drawn from this range
ALLOWED = re.compile(r"[A-Za-z0-9 .,;:!?'\"()/%&+\-À-ÖØ-öø-ÿ–—„“”‚‘’»«›‹…§°€]*")
SENTENCE_END = re.compile(r"[.!?…][»«\"“”'’›‹)]*$")
MODERN_LINE_END = re.compile(r"[.!?…:;][\"“”'’)]*$")  # a line of modern text that is a sentence
SENTENCE_START = re.compile(r"[»«„\"‚›‹'(]?[A-ZÄÖÜ0-9]")
WORD = re.compile(r"[^\W\d_]+")
SENTENCE = re.compile(r"[^.!?:]+[.!?:]")
CAPS_NAME = re.compile(r"\b[A-ZÄÖÜ]{3,}\b\.")  # a speaker name in capitals: "CÄSAR."
MIN_LOWER = 0.35  # German prose has ~0.5-0.7 of its words in lower case; name lists less


@dataclass(frozen=True)
class Paragraph:
    stem: str
    line: int  # 0-based number of the first line
    text: str

    def record(self) -> Record:
        return {"id": f"{self.stem}:{self.line + 1}", "source": self.stem, "text": self.text}


def numbered_runs(stem: str, part: str) -> Iterator[list[tuple[int, str]]]:
    """Runs of consecutive (line number, stripped line) in ``part`` of the split."""
    run: list[tuple[int, str]] = []
    for n, line in enumerate(corpus_text.lines(stem, "all")):
        if corpus_text.held_out(n) != (part == "heldout"):
            if run:
                yield run
                run = []
            continue
        run.append((n, line.strip()))
    if run:
        yield run


def cut_run(stem: str, run: list[tuple[int, str]], modern: bool) -> Iterator[Paragraph]:
    """Paragraphs of a run: whole lines from a sentence start to a sentence end.

    Each paragraph aims at a length drawn from TARGET_CHARS (seeded by the run's first
    line) and ends at the last sentence end before it, or at the first one after it
    within MAX_CHARS; the lines after that end are skipped.
    """
    rng = random.Random(f"{stem}:{run[0][0]}")
    target = rng.randint(*TARGET_CHARS)
    cur: list[tuple[int, str]] = []
    size, best = 0, 0  # characters in cur; lines of cur that make a paragraph
    after_end = modern  # modern text: every line starts a sentence
    for n, line in run:
        if not line or line.startswith("=") or (modern and not MODERN_LINE_END.search(line)):
            cur, size, best, after_end = [], 0, 0, True  # blank line, heading, list item: a break
            continue
        if not cur and not (after_end and SENTENCE_START.match(line)):
            after_end = bool(SENTENCE_END.search(line))
            continue
        cur.append((n, line))
        size += len(line) + (len(cur) > 1)
        after_end = bool(SENTENCE_END.search(line))
        if after_end and MIN_CHARS <= size <= MAX_CHARS:
            best = len(cur)
        if (best and size >= target) or size > MAX_CHARS:
            if best:
                yield Paragraph(stem, cur[0][0], " ".join(part for _, part in cur[:best]))
                target = rng.randint(*TARGET_CHARS)
            cur, size, best = [], 0, 0


def lower_share(text: str) -> float:
    words = WORD.findall(text)
    return sum(w[0].islower() for w in words) / max(len(words), 1)


def name_sentences(text: str) -> tuple[int, int]:
    """(sentences of at most four capitalized words ending in '.' or ':', all sentences)."""
    sentences = [s.strip() for s in SENTENCE.findall(text)]
    names = 0
    for s in sentences:
        words = WORD.findall(s)
        names += s[-1] in ".:" and 1 <= len(words) <= 4 and all(w[0].isupper() for w in words)
    return names, len(sentences)


def mostly_names(text: str, modern: bool) -> bool:
    """A list of names, a cast list, or a scene of speakers in capitals."""
    if lower_share(text) < MIN_LOWER:
        return True
    if modern:  # "19. Jh.", "v. Chr." would look like names
        return False
    names, sentences = name_sentences(text)
    return len(CAPS_NAME.findall(text)) >= 2 or (names >= 3 and names >= 0.3 * sentences)


def paragraphs(stem: str, part: str) -> list[Paragraph]:
    """All usable paragraphs of one file's part, in file order."""
    modern = corpus_text.FILES[stem] == "modern"
    out = []
    for run in numbered_runs(stem, part):
        for p in cut_run(stem, run, modern):
            if ALLOWED.fullmatch(p.text) and not mostly_names(p.text, modern):
                out.append(p)
    return out


# --- sets --------------------------------------------------------------------------

Kind = Literal["ocr", "pdf", "clean"]


@dataclass(frozen=True)
class SetSpec:
    name: str
    kind: Kind
    part: str  # "build" or "heldout"
    groups: tuple[str, ...]
    size: int
    fonts: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()


# The order matters: each set takes the next paragraphs of the shuffled files.
SETS: tuple[SetSpec, ...] = (
    SetSpec("train_ocr", "ocr", "build", ("modern", "historical"), 800, ESTIMATE_FONTS, ("eng", "deu")),
    SetSpec("ho_modern_eng", "ocr", "heldout", ("modern",), 300, HELDOUT_FONTS, ("eng",)),
    SetSpec("ho_hist_eng", "ocr", "heldout", ("historical",), 300, HELDOUT_FONTS, ("eng",)),
    SetSpec("ho_modern_deu", "ocr", "heldout", ("modern",), 100, HELDOUT_FONTS, ("deu",)),
    SetSpec("ho_hist_deu", "ocr", "heldout", ("historical",), 100, HELDOUT_FONTS, ("deu",)),
    SetSpec("dv_modern_eng", "ocr", "heldout", ("modern",), 150, ESTIMATE_FONTS, ("eng",)),
    SetSpec("dv_hist_eng", "ocr", "heldout", ("historical",), 150, ESTIMATE_FONTS, ("eng",)),
    SetSpec("ho_hist_pdf", "pdf", "heldout", ("historical",), 150),
    SetSpec("ho_hist_clean", "clean", "heldout", ("historical",), 300),
    SetSpec("ho_modern_clean", "clean", "heldout", ("modern",), 300),
    # more text for decisions, drawn after the sets above (which keep their paragraphs)
    SetSpec("dv2_modern_eng", "ocr", "heldout", ("modern",), 300, ESTIMATE_FONTS, ("eng",)),
    SetSpec("dv2_hist_eng", "ocr", "heldout", ("historical",), 300, ESTIMATE_FONTS, ("eng",)),
    SetSpec("dv_modern_deu", "ocr", "heldout", ("modern",), 120, ESTIMATE_FONTS, ("deu",)),  # (Klexikon runs out)
    SetSpec("dv_hist_deu", "ocr", "heldout", ("historical",), 150, ESTIMATE_FONTS, ("deu",)),
    SetSpec("rd_hist_eng", "ocr", "build", ("historical",), 200, READING_FONTS, ("eng",)),
    SetSpec("rd_hist_deu", "ocr", "build", ("historical",), 120, READING_FONTS, ("deu",)),
    SetSpec("rd2_hist_eng", "ocr", "build", ("historical",), 200, READING_FONTS_2, ("eng",)),
    SetSpec("rd2_modern_eng", "ocr", "build", ("modern",), 200, READING_FONTS_2, ("eng",)),
    SetSpec("rd2_hist_deu", "ocr", "build", ("historical",), 120, READING_FONTS_2, ("deu",)),
    SetSpec("rd2_modern_deu", "ocr", "build", ("modern",), 120, READING_FONTS_2, ("deu",)),
    SetSpec("rd3_hist_eng", "ocr", "build", ("historical",), 200, READING_FONTS_3, ("eng",)),
    SetSpec("rd3_modern_eng", "ocr", "build", ("modern",), 200, READING_FONTS_3, ("eng",)),
    SetSpec("rd4_hist_eng", "ocr", "build", ("historical",), 200, READING_FONTS_4, ("eng",)),
    SetSpec("rd4_hist_deu", "ocr", "build", ("historical",), 120, READING_FONTS_4, ("deu",)),
)
SET_NAMES = tuple(s.name for s in SETS)


def split_evenly(total: int, weights: Sequence[int]) -> list[int]:
    """``total`` split by ``weights`` (largest remainders; the counts sum to ``total``)."""
    exact = [total * w / sum(weights) for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: counts[i] - exact[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def shuffled_pool(stem: str, part: str, seed: int) -> list[Paragraph]:
    pool = paragraphs(stem, part)
    random.Random(f"{seed}/{part}/{stem}").shuffle(pool)
    print(f"  {stem} ({part}): {len(pool)} paragraphs", file=sys.stderr, flush=True)
    return pool


def draw_sources(seed: int) -> dict[str, list[Record]]:
    """Every set's paragraphs: disjoint slices of the shuffled files, in SETS order."""
    print("cutting the text into paragraphs", file=sys.stderr, flush=True)
    pools = {(part, stem): shuffled_pool(stem, part, seed)
             for part in ("build", "heldout") for stem in corpus_text.FILES}
    taken_at = {key: 0 for key in pools}
    taken_texts: set[str] = set()
    sources = {}
    for spec in SETS:
        recs: list[Record] = []
        for group, n_group in zip(spec.groups, split_evenly(spec.size, [1] * len(spec.groups))):
            stems = list(SHARES[group])
            for stem, n in zip(stems, split_evenly(n_group, [SHARES[group][s] for s in stems])):
                key = (spec.part, stem)
                got = 0
                while got < n:
                    if taken_at[key] >= len(pools[key]):
                        raise SystemExit(f"{stem} ({spec.part}) has too few paragraphs for {spec.name}")
                    p = pools[key][taken_at[key]]
                    taken_at[key] += 1
                    if p.text not in taken_texts:
                        taken_texts.add(p.text)
                        recs.append(p.record())
                        got += 1
        random.Random(f"{seed}/{spec.name}/order").shuffle(recs)
        sources[spec.name] = recs
    return sources


def read_jsonl(path: Path) -> list[Record]:
    """The records of a JSONL file; a line cut short by an interrupted run is dropped."""
    recs = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                recs.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return recs


def write_jsonl(path: Path, recs: Sequence[Record]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    tmp.replace(path)


def load_sources(out: Path, seed: int) -> dict[str, list[Record]]:
    """Each set's paragraphs from ``out/sources``, drawn and written there if missing."""
    src_dir = out / "sources"
    paths = {name: src_dir / f"{name}.jsonl" for name in SET_NAMES}
    if all(p.exists() for p in paths.values()):
        sources = {name: read_jsonl(p) for name, p in paths.items()}
    else:
        sources = draw_sources(seed)
        src_dir.mkdir(parents=True, exist_ok=True)
        for name, path in paths.items():
            if path.exists() and read_jsonl(path) != sources[name]:
                raise SystemExit(f"{path} differs from this draw: delete {out} to start afresh")
            write_jsonl(path, sources[name])
    check_disjoint(sources)
    return sources


def check_disjoint(sources: dict[str, list[Record]]) -> None:
    """No paragraph (by id or by text) in two sets."""
    seen: dict[str, str] = {}
    for name, recs in sources.items():
        for r in recs:
            for key in (r["id"], r["text"]):
                if seen.setdefault(key, name) != name:
                    raise SystemExit(f"{r['id']} is in {seen[key]} and {name}")


# --- fonts at run time -------------------------------------------------------------

def register_fonts() -> None:
    """Add EXTRA_FONTS to ocr_render's FONTS (also run in each worker process)."""
    ocr_render.FONTS.update(EXTRA_FONTS)


def font_charset(pattern: str) -> set[int]:
    """The code points of the font ``pattern`` resolves to (fontconfig's charset)."""
    out = subprocess.run(["fc-match", "-f", "%{charset}", pattern],
                         capture_output=True, text=True, check=True).stdout
    points: set[int] = set()
    for span in out.split():
        lo, _, hi = span.partition("-")
        points.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return points


def check_fonts(names: Sequence[str], texts: Sequence[str]) -> dict[str, str]:
    """name -> font file; exits if a font resolves to another file or lacks a character."""
    needed = {ord(c) for t in texts for c in t if not c.isspace()}
    files, errors = {}, []
    for name in names:
        path = ocr_render.font_file(name)
        files[name] = path
        if Path(path).name != FONT_FILES[name]:
            errors.append(f"{name}: {ocr_render.FONTS[name]!r} resolves to {path}, not {FONT_FILES[name]}")
        missing = needed - font_charset(ocr_render.FONTS[name])
        if missing:
            errors.append(f"{name}: no glyph for {''.join(sorted(map(chr, missing)))!r}")
    if errors:
        raise SystemExit("fonts:\n  " + "\n  ".join(errors))
    return files


# --- making the sets ---------------------------------------------------------------

def balanced(combos: list[tuple[str, str]], n: int, rng: random.Random) -> list[tuple[str, str]]:
    """``n`` combinations: whole shuffled rounds of all of them, then part of one more."""
    out: list[tuple[str, str]] = []
    while len(out) < n:
        round_ = combos[:]
        rng.shuffle(round_)
        out += round_
    return out[:n]


def ocr_tasks(spec: SetSpec, recs: list[Record], seed: int) -> list[Task]:
    """ocr_render.job arguments: per group, languages alternate and font x profile is balanced."""
    rng = random.Random(f"{seed}/{spec.name}/render")
    by_group: dict[str, list[Record]] = defaultdict(list)
    for r in recs:
        by_group[corpus_text.FILES[r["source"]]].append(r)
    tasks: list[Task] = []
    for group in spec.groups:
        for k, lang in enumerate(spec.langs):
            mine = by_group[group][k:: len(spec.langs)]
            combos = balanced(list(product(spec.fonts, PROFILES[lang])), len(mine), rng)
            tasks += [(r, font, profile, lang, rng.randrange(1 << 30)) for r, (font, profile) in zip(mine, combos)]
    order = {r["id"]: i for i, r in enumerate(recs)}
    return sorted(tasks, key=lambda t: order[t[0]["id"]])


def task_id(task: Task) -> str:
    rec, font, profile, lang, _ = task
    return f'{rec["id"]}/{font}/{profile}/{lang}'  # as ocr_render.job names its record


def run_ocr(spec: SetSpec, tasks: list[Task], out: Path, jobs: int) -> list[Record]:
    """OCR the tasks the set has no record for yet, appending to SET.jsonl.part."""
    final, partial = out / f"{spec.name}.jsonl", out / f"{spec.name}.jsonl.part"
    done = {r["id"]: r for r in read_jsonl(final) + read_jsonl(partial)}
    todo = [t for t in tasks if task_id(t) not in done]
    print(f"{spec.name}: {len(tasks) - len(todo)} done, {len(todo)} to OCR", file=sys.stderr, flush=True)
    if todo:
        start = time.monotonic()
        with ProcessPoolExecutor(jobs, initializer=register_fonts) as ex, partial.open("a", encoding="utf-8") as f:
            for i, rec in enumerate(ex.map(ocr_render.job, todo), 1):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                f.flush()
                done[rec["id"]] = rec
                if i % 10 == 0 or i == len(todo):
                    secs = time.monotonic() - start
                    print(f"  {spec.name} {i}/{len(todo)}  {secs:.0f} s, {secs / i:.2f} s each",
                          file=sys.stderr, flush=True)
    return [done[task_id(t)] for t in tasks]


def pdf_records(recs: list[Record], seed: int) -> list[Record]:
    """pdf_damage.py's own main() over the sources, seeded (its argv patched)."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "sources.jsonl", Path(tmp) / "out.jsonl"
        write_jsonl(src, recs)
        with mock.patch.object(sys, "argv", ["pdf_damage.py", str(src), str(dst), "--seed", str(seed)]):
            pdf_damage.main()
        return read_jsonl(dst)


def make_set(spec: SetSpec, recs: list[Record], out: Path, args: argparse.Namespace) -> None:
    start = time.monotonic()
    if spec.kind == "ocr":
        result = run_ocr(spec, ocr_tasks(spec, recs, args.seed)[: args.limit], out, args.jobs)
    elif spec.kind == "pdf":
        result = pdf_records(recs, args.seed)[: args.limit]
    else:
        result = [{**r, "id": r["id"] + "/clean"} for r in recs[: args.limit]]
    write_jsonl(out / f"{spec.name}.jsonl", result)
    (out / f"{spec.name}.jsonl.part").unlink(missing_ok=True)
    print(f"{spec.name}: {len(result)} records, {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--only", default="", help="comma-separated sets: " + ",".join(SET_NAMES))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None, help="the first N records of each set (a trial)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    out = args.out.resolve()
    if out == ROOT or ROOT in out.parents:
        ap.error(f"--out must be outside the repository ({ROOT})")
    names = args.only.split(",") if args.only else list(SET_NAMES)
    unknown = set(names) - set(SET_NAMES)
    if unknown:
        ap.error(f"unknown sets: {', '.join(sorted(unknown))}")
    specs = [s for s in SETS if s.name in names]

    out.mkdir(parents=True, exist_ok=True)
    sources = load_sources(out, args.seed)
    register_fonts()
    for spec in specs:  # each set's fonts against its own text (a reading font may lack a "§")
        if spec.kind == "ocr":
            for name, path in check_fonts(spec.fonts, [r["text"] for r in sources[spec.name]]).items():
                print(f"{spec.name}: font {name}: {ocr_render.FONTS[name]!r} -> {path}", file=sys.stderr)
    for spec in specs:
        make_set(spec, sources[spec.name], out, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
