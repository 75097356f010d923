"""Build ``historical_de.tsv.gz``: word forms of older German that the word list lacks.

    python dictionaries/build_historical.py     # reads ../shared/corpus/text (about a minute)

The word list (``wordlist_de.tsv.gz``) is modern: it has no "daß", "muß",
"Thür", "seyn" or "giebt", nor the apocopes and dialect of dialogue ("wär",
"hätt", "nich", "dat").  Scanned German is mostly older than the 1996 reform,
and a corrector that does not know these forms "repairs" them.  This script
counts the letter runs of the historical files of the shared text
(GerDraCor and ELTeC, the build part of ``corpus_text``'s split) and keeps
every form that occurs at least ``MIN_COUNT`` times and that the word list
does not list as a dictionary form (one seen fewer than ``SURE_COUNT`` times only
where it is no listed noun in lower case and no form with lost dots; a lower-case one
only where it is not mostly the rest of a word the text split: ``rests``).  To these it
adds the old spelling of every listed modern form that the 1901 rules write with ß:
ss at the end of a word or before a consonant ("dass" -> "daß", "Schlussregel" ->
"Schlußregel"), unless the two s belong to two parts of a compound ("Bus|station"); and the
-iren spelling of the lower-case forms of verbs in -ieren, common until 1901
("operiert" -> "operirt", "studieren" -> "studiren").
Every line is

    form <TAB> zipf*100 <TAB> kind

with zipf the form's frequency in the historical text (log10 of its count per
10^9 words), or for an old spelling seen less often, its modern twin's.  A capitalized form is dropped where its lower-case form is more
common (it starts sentences; "Daß"), so that only nouns and names keep their
capital.  Kind 1 marks these old or dialect forms; kind 0 a listed form that old text
uses more often than today's ("ihn", "Kämmerer", "Stoß": novels and drama use pronouns and
the words of their world more than the web text of the word list), with its frequency in old
text, by which ocrfix weighs a damaged word's candidates in old text (``Lexicon.era_zipf``).
The first line carries the format version and the attribution.
"""

from __future__ import annotations

import gzip
import math
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

import corpus_text

from ocrfix.chardata import DIAERESIS_BASES
from ocrfix.lexicon import ALL_VARIANTS, Lexicon, _WordList, old_spelling, zipf_of
from ocrfix.tokens import _RUNS, letter_runs

FORMAT = "ocrfix-historical 2"
OUT = HERE / "historical_de.tsv.gz"
MIN_COUNT = 4
# A form seen fewer times than this is kept only where it is no listed noun in lower case
# and dots on one of its a, o, u make no listed form and none the text holds as often: the
# transcriptions lose dots now and then, and a noun's rest after a hyphen counts as a form.
SURE_COUNT = 5
SOURCES = [stem for stem, spelling in corpus_text.FILES.items() if spelling == "historical"]


# "-ieren" verbs as the 19th century wrote them ("operirt", "studiren"): a lower-case form,
# the ie of its verb ending, after a stem of three letters or more ("verlieren" too)
_IER = regex.compile(r"(?<=^\p{Ll}\p{L}{2,})ier(?=(?:e|en|end|ende|enden|ender|endes|endem|st|t|te|ten|ter|tes|tem|test|tet)$)")


# the rest of a word after an elision is no word of its own ("glüh'nden": "nden"); after
# one letter it is ("d'Arc", "g'sagt")
_ELIDED_END = regex.compile(r"(?<=\p{L}{2}['’ʼ])\p{L}[\p{L}\p{M}]*")


_DOT = {plain: dotted for plain, dotted in DIAERESIS_BASES.items() if plain in "aouAOU"}


def _dotted(form: str) -> list[str]:
    """``form`` with dots put on one of its a, o, u ("wahnt": "wähnt")."""
    return [form[:i] + _DOT[c] + form[i + 1 :] for i, c in enumerate(form) if c in _DOT]


def count() -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    for stem in SOURCES:
        for line in corpus_text.lines(stem, "build"):
            counts.update(letter_runs(_ELIDED_END.sub("", line)))
    return counts, sum(counts.values())


# What may stand before a word's first letter in running text: a space, a quote, a bracket, a dash.
_OPENERS = frozenset(" \t\"'„“”»«‚‘’(—–-")


def rests(candidates: set[str], listed: Callable[[str], bool]) -> Counter[str]:
    """How often each lower-case form of ``candidates`` occurs as the rest of a word: glued to
    what no word starts after ("L.schen", "1sten"), or after a space and a run that is no
    listed word while the two make one ("Men schen": the transcription split "Menschen")."""
    out: Counter[str] = Counter()
    for stem in SOURCES:
        for line in corpus_text.lines(stem, "build"):
            line = _ELIDED_END.sub("", line)
            prev = None
            for m in _RUNS.finditer(line):  # (the runs letter_runs finds for count())
                w = m[0]
                if w in candidates:
                    before = line[m.start() - 1 : m.start()]
                    if before and before not in _OPENERS:
                        out[w] += 1
                    elif before == " " and prev is not None and prev.end() == m.start() - 1 and (
                        not listed(prev[0]) and listed(prev[0] + w)
                    ):
                        out[w] += 1
                prev = m
    return out


def zipf(n: int, total: int) -> int:
    """zipf*100 of a count: log10 of the count per 10^9 words."""
    return round(100 * math.log10(n / total * 1e9))


def forms(counts: Counter[str], total: int, words: _WordList) -> list[tuple[str, int]]:
    lex = Lexicon("de_DE", words=words)
    candidates = {f for f, n in counts.items() if n >= MIN_COUNT and f[0].islower() and not lex.listed(f)}
    rest = rests(candidates, lex.listed)
    out: dict[str, int] = {}
    for form, n in counts.items():
        if n < MIN_COUNT or lex.listed(form):
            continue
        if 2 * rest[form] >= n:
            continue  # mostly the rest of a word that the text split ("schen", "keit"): no word of its own
        low = form[0].lower() + form[1:]
        if low != form and counts[low] >= n:
            continue  # a sentence start
        if n < SURE_COUNT and (
            lex.listed(form[0].upper() + form[1:]) or any(lex.listed(t) or counts[t] >= n for t in _dotted(form))
        ):
            continue  # the rest of a noun after a hyphen ("wächter"), or dots lost ("wahnt", "Ubermut")
        out[form] = zipf(n, total)
    for form, entry in words.forms.items():
        if not entry & ALL_VARIANTS:
            continue
        for old in (old_spelling(form, lex.listed), _IER.sub("ir", form)):
            if old != form and not lex.listed(old):
                out[old] = max(out.get(old, 0), round(100 * zipf_of(entry)))
    return sorted(out.items(), key=lambda item: (-item[1], item[0]))


def more_common(counts: Counter[str], total: int, words: _WordList) -> list[tuple[str, int]]:
    """The listed forms seen MIN_COUNT times or more that old text uses more often than the
    word list says today's text does, with their zipf*100 in old text."""
    entries = words.forms
    out = []
    for form, n in counts.items():
        # (a noun the list holds in lower case, as Lexicon.zipf finds it: "Stoß" as "stoß")
        entry = entries.get(form) or (entries.get(form[0].lower() + form[1:], 0) if form[0].isupper() else 0)
        if n >= MIN_COUNT and entry & ALL_VARIANTS and (z := zipf(n, total)) > round(100 * zipf_of(entry)):
            out.append((form, z))
    return sorted(out, key=lambda item: (-item[1], item[0]))


def main() -> None:
    counts, total = count()
    words = _WordList(HERE / "wordlist_de.tsv.gz")  # without the historical forms: this script makes them
    kept, common = forms(counts, total, words), more_common(counts, total, words)
    header = (f"# {FORMAT}: form, zipf*100 in {total:,} words of historical German, kind: 1 for forms the "
              f"word list does not list, seen {MIN_COUNT} or more times, 0 for listed forms more common there "
              f"than today; from {corpus_text.attribution(SOURCES)}; built by build_historical.py")
    lines = [header, *(f"{form}\t{z}\t1" for form, z in kept), *(f"{form}\t{z}\t0" for form, z in common)]
    with open(OUT, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{OUT.name}: {len(kept):,} old forms and {len(common):,} more common in old text, "
          f"from {total:,} words", file=sys.stderr)


if __name__ == "__main__":
    main()
