"""Build ``wordlist_de.tsv.gz``: German word forms with frequencies and casing.

    python dictionaries/build_wordlist.py        # needs: pip install wordfreq chunspell

wordfreq's German list is lower-cased and holds no casing; German nouns are
capitalized, so each word is looked up in the shipped hunspell dictionaries to
restore the casing(s) under which it is valid.  Every line is

    form <TAB> zipf*100 <TAB> variants

where ``variants`` is a bit mask of the dictionaries that accept the form
(1 de_DE, 2 de_AT, 4 de_CH) and 0 for a frequent word that hunspell does not
know (names, foreign words, and de-umlauted web spellings such as "fur");
those keep wordfreq's lower-case spelling.

The output is plain text, not pickle, and carries a format version in its
first line so that a changed layout is detected on load.
"""

from __future__ import annotations

import gzip
import itertools
import multiprocessing
import sys
from pathlib import Path

FORMAT = "ocrfix-wordlist 2"
HERE = Path(__file__).resolve().parent
VARIANTS = ("de_DE", "de_AT", "de_CH")
MIN_ZIPF = 1.0  # below this wordfreq's list is mostly noise
KNOWN_ZIPF = 2.0  # words hunspell lacks are kept from this frequency on (lexicon.KNOWN_ZIPF)

_dicts: list = []


def _init() -> None:
    import hunspell

    _dicts[:] = [hunspell.Hunspell(v, hunspell_data_dir=str(HERE)) for v in VARIANTS]


def _spellings(word: str) -> list[str]:
    """``word`` and, where it has "ss", its spellings with ß.

    wordfreq folds ß to "ss" ("große" is listed as "grosse"); hunspell tells
    which spelling is right for each variant.
    """
    parts = word.split("ss")
    if len(parts) == 1 or len(parts) > 4:
        return [word]
    out = []
    for joins in itertools.product(("ss", "ß"), repeat=len(parts) - 1):
        out.append(parts[0] + "".join(j + p for j, p in zip(joins, parts[1:])))
    return out


def _forms(item: tuple[str, float]) -> list[tuple[str, int, int]]:
    """The valid form(s) of ``word``, each with the variants that accept it.

    Hunspell accepts any lower-case word capitalized (at a sentence start), so a
    capitalized form is stored only when the lower-case one is not valid: the
    list then tells nouns ("Haus") from other words ("über").
    """
    word, zipf = item
    z = round(zipf * 100)
    out = []
    for spelling in _spellings(word):
        for form in (spelling, spelling[:1].upper() + spelling[1:]):
            mask = sum(1 << i for i, h in enumerate(_dicts) if h.spell(form))
            if mask:
                out.append((form, z, mask))
                break
    if not out and zipf >= KNOWN_ZIPF:
        out.append((word, z, 0))
    return out


def main() -> None:
    import wordfreq
    from importlib.metadata import version

    items = [
        (w, wordfreq.zipf_frequency(w, "de", "large"))
        for w in wordfreq.iter_wordlist("de", "large")
        if w.isalpha()
    ]
    items = [(w, z) for w, z in items if z >= MIN_ZIPF]
    with multiprocessing.Pool(initializer=_init) as pool:
        rows = [r for rs in pool.imap(_forms, items, chunksize=2000) for r in rs]
    out = HERE / "wordlist_de.tsv.gz"
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(f"# {FORMAT}: form, zipf*100, hunspell variants (1 DE, 2 AT, 4 CH); from wordfreq {version('wordfreq')}\n")
        for form, z, mask in rows:
            f.write(f"{form}\t{z}\t{mask}\n")
    print(f"{len(rows)} forms -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
