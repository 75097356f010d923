"""The corpus metric, as defined by the reference scorer (``shared/tools/score.py``).

Tokens are runs of letters and digits, case-sensitive.  WER is the token edit
distance over the truth's tokens; ``red`` is the relative WER reduction;
``fixed``/``broken`` count truth tokens that the corrector made right/wrong
(by alignment with the input and the output).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import regex
from rapidfuzz.distance import Levenshtein

WORD = regex.compile(r"[\p{L}\p{N}]+")


def tokens(text: str) -> list[str]:
    return WORD.findall(text)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _right(truth: list[str], hyp: list[str]) -> set[int]:
    ok: set[int] = set()
    for op in Levenshtein.opcodes(truth, hyp):
        if op.tag == "equal":
            ok.update(range(op.src_start, op.src_end))
    return ok


@dataclass(frozen=True)
class Score:
    n: int
    words: int
    wer0: float
    wer1: float
    cer0: float
    cer1: float
    red: float | None
    fixed: int
    broken: int
    kchar_s: float


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


# Where a sentence ends and the next starts: after its closing mark (and a closing quote), before
# a capital or an opening quote.
_SENTENCE_END = regex.compile(r"(?<=[.!?][«»“”\"]?)\s+(?=[\p{Lu}»„\"])")
SENTENCE_MIN_WORDS = 3


def sentences(records: Iterable[dict]) -> list[dict]:
    """The records split into their sentences, as a user who cleans one sentence at a time
    sends them: where the truth and the input split into as many, each pair of the same place
    (of SENTENCE_MIN_WORDS words or more) is a record; records whose splits differ are left out
    (OCR may lose or add a full stop), and a correct text's sentences are records of their own."""
    out = []
    for r in records:
        truth = r.get("truth", r.get("text", ""))
        parts = _SENTENCE_END.split(truth)
        if "ocr" not in r:
            out += [{"text": t} for t in parts if len(t.split()) >= SENTENCE_MIN_WORDS]
            continue
        read = _SENTENCE_END.split(r["ocr"])
        if len(read) == len(parts):
            out += [{"truth": t, "ocr": o} for t, o in zip(parts, read) if len(t.split()) >= SENTENCE_MIN_WORDS]
    return out


def score(fix: Callable[[str], str], records: Iterable[dict]) -> Score:
    """The scores of ``fix`` on ``records``, timed."""
    recs = list(records)
    t = time.perf_counter()
    outputs = [fix(r.get("ocr", r.get("text"))) for r in recs]
    return score_outputs(recs, outputs, time.perf_counter() - t)


def score_outputs(records: Iterable[dict], outputs: Iterable[str], seconds: float) -> Score:
    """The scores of ``outputs`` (one per record, made in ``seconds``)."""
    n = tw = e0 = e1 = tc = c0 = c1 = fixed = broken = nchar = 0
    for r, out in zip(records, outputs):
        truth = r.get("truth", r.get("text"))
        src = r.get("ocr", r.get("text"))
        n += 1
        nchar += len(src)
        T, S, O = tokens(truth), tokens(src), tokens(out)
        tw += len(T)
        e0 += Levenshtein.distance(T, S)
        e1 += Levenshtein.distance(T, O)
        ft, fs, fo = _flat(truth), _flat(src), _flat(out)
        tc += len(ft)
        c0 += Levenshtein.distance(ft, fs)
        c1 += Levenshtein.distance(ft, fo)
        rs, ro = _right(T, S), _right(T, O)
        fixed += len(ro - rs)
        broken += len(rs - ro)
    wer0, wer1 = e0 / max(tw, 1), e1 / max(tw, 1)
    return Score(
        n, tw, round(wer0, 4), round(wer1, 4), round(c0 / max(tc, 1), 4), round(c1 / max(tc, 1), 4),
        round(1 - wer1 / wer0, 4) if wer0 else None, fixed, broken, round(nchar / max(seconds, 1e-9) / 1000, 1),
    )


_DOTS = str.maketrans("äöüÄÖÜ", "aouAOU")


@dataclass(frozen=True)
class Twins:
    """Real-word errors where umlauts were lost (issue 11's count).

    ``lost``: truth words that the input has as their folded twin, a valid word
    ("hätte" read as "hatte"); ``repaired``: those the output has right.
    ``valid``: truth words the input has right and valid; ``changed``: those the
    output changed.
    """

    lost: int
    repaired: int
    valid: int
    changed: int


def twins(records: Iterable[dict], outputs: Iterable[str], valid: Callable[[str], bool]) -> Twins:
    lost = repaired = right = changed = 0
    for r, out in zip(records, outputs):
        truth, src = r.get("truth", r.get("text")), r.get("ocr", r.get("text"))
        T, S, O = tokens(truth), tokens(src), tokens(out)
        by_src, by_out = _aligned(T, S), _aligned(T, O)
        for i, t in enumerate(T):
            s = by_src.get(i)
            if s is None:
                continue
            if s != t and t.translate(_DOTS) == s and valid(s):
                lost += 1
                repaired += by_out.get(i) == t
            elif s == t and valid(t):
                right += 1
                changed += by_out.get(i) != t
    return Twins(lost, repaired, right, changed)


def _aligned(truth: list[str], other: list[str]) -> dict[int, str]:
    """Each truth token's counterpart in ``other``, where the alignment pairs them one to one."""
    out: dict[int, str] = {}
    for op in Levenshtein.opcodes(truth, other):
        if op.tag in ("equal", "replace") and op.src_end - op.src_start == op.dest_end - op.dest_start:
            for k in range(op.src_end - op.src_start):
                out[op.src_start + k] = other[op.dest_start + k]
    return out
