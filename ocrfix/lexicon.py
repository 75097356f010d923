"""What counts as a German word, and how common it is.

Validity comes from hunspell (igerman98, compounds included) for the chosen
variant, the shipped word list (wordfreq's German list with casing restored,
see ``dictionaries/build_wordlist.py``), a few extra words and the caller's
``user_words``.  Everything is loaded on first use, once per process, and
shared by all :class:`~ocrfix.Cleaner` objects with the same variant.
"""

from __future__ import annotations

import functools
import gzip
import threading
from importlib import resources
from pathlib import Path
from typing import Iterable

VARIANTS = ("de_DE", "de_AT", "de_CH")
WORDLIST_FORMAT = "ocrfix-wordlist 2"
# A word that hunspell does not know is "known" if it is at least this common
# (names, places and loan words: "Andujar" is not, "Google" is).
KNOWN_ZIPF = 3.0
# Zipf frequency assumed for a valid word that is not in the list (mostly compounds).
COMPOUND_ZIPF = 1.5
_CACHE = 1 << 18


def data_dir() -> Path:
    """The folder with the dictionaries: inside the installed package, or the source tree."""
    try:
        installed = resources.files("ocrfix") / "dictionaries"
        if installed.is_dir():
            return Path(str(installed))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - odd importers
        pass
    return Path(__file__).resolve().parent.parent / "dictionaries"


class _WordList:
    """Forms with their zipf frequency and the variants whose hunspell accepts them."""

    def __init__(self, path: Path) -> None:
        self.forms: dict[str, tuple[float, int]] = {}
        with gzip.open(path, "rt", encoding="utf-8") as f:
            header = f.readline()
            if WORDLIST_FORMAT not in header:
                raise RuntimeError(f"{path}: expected {WORDLIST_FORMAT!r}, rebuild with dictionaries/build_wordlist.py")
            forms = self.forms
            for line in f:
                form, z, mask = line.rstrip("\n").split("\t")
                forms[form] = (int(z) / 100, int(mask))


@functools.lru_cache(maxsize=None)
def _wordlist() -> _WordList:
    return _WordList(data_dir() / "wordlist_de.tsv.gz")


@functools.lru_cache(maxsize=None)
def _extra_words() -> frozenset[str]:
    text = (data_dir() / "extra_words.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if (w := line.split("#", 1)[0].strip()))


_hunspell_lock = threading.Lock()


@functools.lru_cache(maxsize=None)
def _hunspell(variant: str):
    import hunspell

    with _hunspell_lock:
        return hunspell.Hunspell(variant, hunspell_data_dir=str(data_dir()))


class Lexicon:
    """Word validity and frequency for one variant and one set of user words."""

    def __init__(self, variant: str = "de_DE", user_words: Iterable[str] = ()) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"variant must be one of {', '.join(VARIANTS)}, not {variant!r}")
        self.variant = variant
        self.swiss = variant == "de_CH"
        self.user_words = frozenset(user_words)
        self._words = _wordlist()
        self.extra_words = _extra_words() | self.user_words
        self._user_lower = {w.lower(): w for w in self.user_words}
        self._spell = _hunspell(variant).spell
        self.valid = functools.lru_cache(maxsize=_CACHE)(self._valid)
        self.hunspell_valid = functools.lru_cache(maxsize=_CACHE)(self._hunspell_valid)

    # -- validity -------------------------------------------------------------
    def _hunspell_valid(self, word: str) -> bool:
        try:
            return bool(self._spell(word))
        except UnicodeError:  # characters the dictionary encoding cannot hold
            return False

    def listed(self, word: str) -> bool:
        """Is ``word`` (exactly this casing) a dictionary form in the word list?

        Any variant counts: an Austrian "Jänner" or a Swiss "Strasse" in German
        text is correct German, and the variant decides only what corrections
        produce (never ß for de_CH) and which compounds hunspell accepts.
        """
        entry = self._words.forms.get(word)
        return entry is not None and entry[1] != 0

    def _valid(self, word: str) -> bool:
        """Is ``word`` correct German as written (casing included)?

        Only dictionary evidence counts.  Frequent words that hunspell does not
        know (names, loan words, but also "fur" and "uber" from de-umlauted web
        text) are :meth:`known`, not valid.
        """
        if word in self.extra_words:
            return True
        if self.listed(word):
            return True
        if word[:1].isupper() and not word.isupper() and self.listed(word[:1].lower() + word[1:]):
            return True  # a common word capitalized at a sentence start
        if self.hunspell_valid(word):
            return True
        if "ß" in word:  # old spelling ("daß", "muß") is correct German, not damage
            return self.valid(word.replace("ß", "ss"))
        return False

    def valid_before_hyphen(self, word: str) -> bool:
        """Is ``word`` valid as the first part of a hyphenated compound ("Wirtschafts-")?"""
        return self.valid(word) or self.hunspell_valid(word + "-")

    def known(self, word: str) -> bool:
        """Is ``word`` common in German text, valid or not ("Google", "Andujar" is not)?"""
        return self.zipf(word) >= KNOWN_ZIPF

    # -- frequency ------------------------------------------------------------
    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` as written or with its first letter changed in case.

        Only the first letter is folded: "groBe" is not "grobe".  0 for words
        not in the list.
        """
        forms = self._words.forms
        entry = forms.get(word)
        if entry is None and word:
            other = word[0].lower() if word[0].isupper() else word[0].upper()
            entry = forms.get(other + word[1:])
        return entry[0] if entry is not None else 0.0

    def user_form(self, word: str) -> str | None:
        """The user's spelling of ``word``, if it is a user word in another casing."""
        return self._user_lower.get(word.lower())


@functools.lru_cache(maxsize=16)
def get_lexicon(variant: str, user_words: frozenset[str]) -> Lexicon:
    """One :class:`Lexicon` per process for each (variant, user words)."""
    return Lexicon(variant, user_words)
