"""What counts as a German word, and how common it is.

Validity comes from hunspell (igerman98, compounds included) for the chosen
variant, the shipped word list (wordfreq's German list with casing restored,
see ``dictionaries/build_wordlist.py``), a few extra words and the caller's
``user_words``.  Older German ("daß", "Thür", "seyn") and the dialect of
dialogue ("nich", "wär") come from a second list (``build_historical.py``):
such forms are known, never corrected away, and targets of a correction only
in text that writes the old spelling, unless today's text uses them as much
(:meth:`Lexicon.target`).  Everything is
loaded on first use, once per process, and shared by all
:class:`~ocrfix.Cleaner` objects with the same variant.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import threading
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

import regex

from .diskcache import cached
from .search import MIN_PART, Prefixes, WordSet, drop_index, first_lower, folded_items, is_head, two_parts, word_set

VARIANTS = ("de_DE", "de_AT", "de_CH")
WORDLIST_FORMAT = "ocrfix-wordlist 2"
HISTORICAL_FORMAT = "ocrfix-historical 2"
# A word that hunspell does not know is "known" if it is at least this common
# (names, places and loan words: "Andujar" is not, "Google" is).
KNOWN_ZIPF = 2.0
MAX_WORD = 40  # longer letter runs are no words (junk or a blob): no list, search or split looks at them
# Zipf frequency assumed for a valid word that is not in the list (mostly compounds).
COMPOUND_ZIPF = 1.5
COMMON_PART_ZIPF = 3.0  # a word this common counts as a compound part
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
    """Forms with their zipf frequency and the variants whose hunspell accepts them.

    ``forms`` maps a form to ``zipf * 100 << 14 | old zipf * 100 << 4 | bits`` (one
    int per entry: a tuple each would double the load time), where the bits are the
    variants and HISTORICAL; see :func:`zipf_of`.  The historical forms
    (``historical``, a file of the same layout with a kind for the variants: 1) get the
    HISTORICAL bit and their frequency in old text as the old zipf; the modern
    zipf of a new entry is that of the word list's form in another casing, if any
    ("Aires" is listed as "aires").  ``old_text`` holds the zipf*100 in old text of the
    listed forms that it uses more often than today's text (its kind 0).
    """

    def __init__(self, path: Path, historical: Path | None = None, cache: bool = False) -> None:
        """``cache``: keep the tables in the user's disk cache (:mod:`ocrfix.diskcache`)."""
        self.path, self.historical, self.cache = path, historical, cache
        read = functools.partial(_read_lists, path, historical)
        sources = (path,) if historical is None else (path, historical)
        self.forms, self.old_text, self.parts, self.known_parts = cached("wordlist", sources, read) if cache else read()

    @functools.cached_property
    def prefixes(self) -> Prefixes:
        """Every form with its first letter folded, sorted, for :func:`ocrfix.search.reachable`:
        from the shipped index if it was built from this word list, else made here (0.6 s)."""
        if self.historical is not None:  # (the shipped index covers both lists)
            index = index_path(self.path)
            read = functools.partial(_index_tables, index, self.path, self.historical)
            try:
                tables = cached("index", (self.path, self.historical, index), read) if self.cache else read()
                return _index_prefixes(*tables)
            except (OSError, ValueError):
                pass
        return Prefixes({first_lower(f) for f in self.forms})

    @functools.cached_property
    def part_prefixes(self) -> Prefixes:
        return Prefixes(self.parts)


def _read_lists(path: Path, historical: Path | None) -> tuple[dict[str, int], dict[str, int], WordSet, WordSet]:
    """The tables of a :class:`_WordList`: its ``forms``, ``old_text``, ``parts`` and ``known_parts``."""
    names, zipfs, masks = _read_table(path, WORDLIST_FORMAT, 3)
    # (packed in a comprehension: a function call per entry costs 0.05 s at start-up)
    forms = dict(zip(names, [z << 14 | m for z, m in zip(zipfs, masks)]))
    old_text: dict[str, int] = {}
    if historical is not None:
        old, old_zipfs, kinds = _read_table(historical, HISTORICAL_FORMAT, 3)
        cut = kinds.index(0) if 0 in kinds else len(kinds)  # (the old forms come first)
        old_text = dict(zip(old[cut:], old_zipfs[cut:]))
        for form, z in zip(old[:cut], old_zipfs[:cut]):
            # (listed forms are not in the file; known ones may be, in this or another casing)
            entry = forms.get(form) or forms.get(form.lower()) or 0
            forms[form] = (entry >> 14) << 14 | z << 4 | HISTORICAL
    # lower-cased common words, as compound parts: listed ones, and all known ones
    # (the file lists the most common first)
    n = next((i for i, z in enumerate(zipfs) if z < COMMON_PART_ZIPF * 100), len(zipfs))
    parts = _with_old_eszett(forms, [w.lower() for w, m in zip(names[:n], masks[:n]) if m])
    return forms, old_text, parts, _with_old_eszett(forms, list(map(str.lower, names[:n])))


def _with_old_eszett(forms: dict[str, int], parts: list[str]) -> WordSet:
    """``parts`` and their forms in the 1901 spelling, where it differs ("schloss": "schloß";
    "ausstellung" stays: :func:`old_spelling` keeps the ss that joins two words): old text
    joins "Schloß|wohnung", "Fluß|ufer"."""

    def listed(word: str) -> bool:  # (a part is lower case; the word list has nouns capitalized)
        return bool((forms.get(word, 0) | forms.get(word[:1].upper() + word[1:], 0)) & ALL_VARIANTS)

    return word_set(parts + [old for p in parts if "ss" in p and (old := old_spelling(p, listed)) != p])


ALL_VARIANTS = 7  # the variant bits of a word-list entry: 1 de_DE, 2 de_AT, 4 de_CH
HISTORICAL = 8  # ... and the bit of an old or dialect form
# which old forms a correction may produce (Lexicon.target)
ALL_OLD, OLD_SEEN, OLD_ESZETT = "all", "seen", "eszett"
# the letters the 1901 spelling changed, as they are written today ("thun", "seyn", "todt")
OLD_LETTERS = {"th": "t", "Th": "T", "ey": "ei", "dt": "t"}
OLD_LETTER_RUNS = regex.compile("|".join(OLD_LETTERS))


def _read_gzip(path: Path) -> tuple[str, str]:
    """A shipped gzip file's first line and the rest, as text."""
    with gzip.open(path, "rb") as f:  # (bytes, decoded at once: a text stream takes twice as long)
        return f.readline().decode("utf-8"), f.read().decode("utf-8")


def _read_table(path: Path, fmt: str, columns: int) -> tuple[list[str], list[int], list[int]]:
    """The columns of a shipped table: forms, zipf*100, and (with 3 columns) the variants, or
    in the historical file the kind."""
    header, body = _read_gzip(path)
    if fmt not in header:
        raise RuntimeError(f"{path}: expected {fmt!r}, rebuild it with the script in dictionaries/")
    # one split of the whole file and C-level maps: a Python loop per line costs 0.3 s
    cells = body.rstrip("\n").replace("\n", "\t").split("\t")
    masks = list(map(int, cells[2::3])) if columns == 3 else []
    return cells[0::columns], list(map(int, cells[1::columns])), masks


def zipf_of(entry: int) -> float:
    """The modern zipf frequency of a word-list entry."""
    return (entry >> 14) / 100


def old_zipf_of(entry: int) -> float:
    """The zipf frequency in old text of a historical entry (0 for others)."""
    return (entry >> 4 & 1023) / 100


INDEX_FORMAT = "ocrfix-index 5"


def index_path(wordlist: Path) -> Path:
    return wordlist.with_name(wordlist.name.replace(".tsv.gz", ".index.gz"))


def _digest(*paths: Path) -> str:
    sha = hashlib.sha1()
    for path in paths:
        sha.update(path.read_bytes())
    return sha.hexdigest()


def write_index(wordlist: Path, out: Path, historical: Path) -> None:
    """Write the sorted first-letter-folded forms of ``wordlist`` and ``historical`` and their
    :func:`~ocrfix.search.drop_index` to ``out`` (byte for byte the same on every run)."""
    keys = sorted({first_lower(f) for f in _WordList(wordlist, historical).forms})
    drops = sorted(drop_index(keys).items())
    # (sections of one string per line, so that reading is a split each: no loop per line)
    lines = [f"# {INDEX_FORMAT}: sha1 {_digest(wordlist, historical)} of {wordlist.name} and {historical.name}; "
             "sorted forms, a blank line, "
             "forms with a glyph dropped, a blank line, their restorations in the same order, a blank line, "
             "forms with dots without them, a blank line, the characters of the forms",
             *keys, ""]
    lines += [k for k, _ in drops] + [""] + [v for _, v in drops]
    lines += ["", *sorted(folded_items(keys)), "", "".join(sorted(set("".join(keys))))]
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))


def read_index(path: Path, wordlist: Path, historical: Path) -> Prefixes:
    """The index :func:`write_index` wrote; ValueError if it is not the one of these lists."""
    return _index_prefixes(*_index_tables(path, wordlist, historical))


def _index_prefixes(items: tuple[str, ...], drops: dict[str, str], folded: WordSet, chars: str) -> Prefixes:
    """The :class:`Prefixes` of the tables of :func:`_index_tables` (read, or from the disk cache)."""
    return Prefixes(items, drops, presorted=True, folded=folded, chars=chars)


def _index_tables(path: Path, wordlist: Path, historical: Path) -> tuple[tuple[str, ...], dict[str, str], WordSet, str]:
    """The sorted forms, dropped-glyph index, folded forms and characters of :func:`read_index`."""
    header, body = _read_gzip(path)
    if INDEX_FORMAT not in header or _digest(wordlist, historical) not in header:
        raise ValueError(f"{path} is not the index of {wordlist}: rebuild it with dictionaries/build_index.py")
    keys, dropped, restored, folded, chars = body.split("\n\n")
    drops = dict(zip(dropped.split("\n"), restored.split("\n")))
    return tuple(keys.split("\n")), drops, word_set(folded.split("\n")), chars.rstrip("\n")


@functools.lru_cache(maxsize=None)
def _wordlist() -> _WordList:
    return _WordList(data_dir() / "wordlist_de.tsv.gz", data_dir() / "historical_de.tsv.gz", cache=True)


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


_NAME_ENTRY = regex.compile(r"^(\p{Lu}\p{Ll}+)(?:/S)?$", regex.MULTILINE)


@functools.lru_cache(maxsize=None)
def _names(variant: str) -> frozenset[str]:
    text = (data_dir() / f"{variant}.dic").read_text(encoding="utf-8", errors="replace")
    return frozenset(_NAME_ENTRY.findall(text))


class Lexicon:
    """Word validity and frequency for one variant and one set of user words."""

    def __init__(self, variant: str = "de_DE", user_words: Iterable[str] = (), words: _WordList | None = None) -> None:
        """``words``: the word list to use (the shipped one, with the historical forms, if None)."""
        if variant not in VARIANTS:
            raise ValueError(f"variant must be one of {', '.join(VARIANTS)}, not {variant!r}")
        self.variant = variant
        self.swiss = variant == "de_CH"
        # de_CH corrections turn ß into ss, so German forms are fine targets there
        self._target_bits = ALL_VARIANTS if self.swiss else 3
        self.user_words = frozenset(user_words)
        self._words = _wordlist() if words is None else words
        self.extra_words = _extra_words() | self.user_words
        self._user_lower = {w.lower(): w for w in self.user_words}
        self._spell = _hunspell(variant).spell
        self._stem = _hunspell(variant).stem
        self.valid = functools.lru_cache(maxsize=_CACHE)(self._valid)
        self.compound_like = functools.lru_cache(maxsize=_CACHE)(self._compound_like)
        self.hunspell_valid = functools.lru_cache(maxsize=_CACHE)(self._hunspell_valid)
        self.may_be_noun = functools.lru_cache(maxsize=_CACHE)(self._may_be_noun)
        # (cached: the words step asks it of every word of a document that may hold a twin)
        self.listed_or_known = functools.lru_cache(maxsize=_CACHE)(self._listed_or_known)

    @functools.cached_property
    def prefixes(self) -> Prefixes:
        """The word list's forms and the extra words, first letters folded, sorted."""
        return self._words.prefixes.with_items(first_lower(w) for w in self.extra_words)

    @property
    def names(self) -> frozenset[str]:
        """The capitalized words hunspell's dictionary holds with no flag but a genitive's s: proper
        names ("Renate", "Thomas", "Adenauer"), with a few loan nouns ("Tsunami"); read once per
        process and variant, as hunspell is, whatever the user's words."""
        return _names(self.variant)

    @property
    def parts(self) -> WordSet:
        """Lower-cased common listed words: the parts of compounds."""
        return self._words.parts

    @property
    def part_prefixes(self) -> Prefixes:
        return self._words.part_prefixes

    # -- validity -------------------------------------------------------------
    def _hunspell_valid(self, word: str) -> bool:
        try:
            return bool(self._spell(word))
        except UnicodeError:  # characters the dictionary encoding cannot hold
            return False

    def _entry(self, word: str) -> int | None:
        forms = self._words.forms
        entry = forms.get(word)
        if (entry is None or entry & HISTORICAL) and word[:1].isupper():
            if word.isupper():  # "SPÖ" is listed as "spö", "EU" as "eu"
                other = forms.get(word.lower()) or forms.get(word[0] + word[1:].lower())
            else:  # "Über" at a sentence start
                other = forms.get(word[0].lower() + word[1:])
            if other is not None and (entry is None or other & ALL_VARIANTS):
                entry = other  # (an old capitalized form does not hide a listed word: "Andern")
        return entry

    def noun(self, word: str) -> bool:
        """Is ``word`` listed capitalized, i.e. a noun or name and not a capitalized other word?"""
        entry = self._words.forms.get(word)
        return entry is not None and entry & ALL_VARIANTS != 0 and word[:1].isupper()

    def _may_be_noun(self, word: str) -> bool:
        """May the capitalized ``word`` be a noun or a name: listed as one (:meth:`noun`), an old
        form ("Mährchen"), or one that hunspell derives from a capitalized stem ("Schlüssel",
        which the word list holds in lower case as a form of "schlüsseln"; "Grüße", "Lesen";
        not "Hätten")?"""
        if self.noun(word) or self.historical(word):
            return True
        try:
            return any(stem[:1].isupper() for stem in self._stem(word))
        except UnicodeError:
            return False

    def listed(self, word: str) -> bool:
        """Is ``word`` a dictionary form in the word list (capitalized, a lower-case one)?

        Any variant counts: an Austrian "Jänner" or a Swiss "Strasse" in German
        text is correct German and stays.
        """
        entry = self._entry(word)
        return entry is not None and entry & ALL_VARIANTS != 0

    def target(self, word: str, known_zipf: float | None = None, old: str = "") -> bool:
        """May a correction produce ``word``?

        A user word, or a listed form of this variant (de_DE and de_AT share their words;
        "Grüss" is Swiss only); with ``known_zipf``, also a word hunspell does
        not know at all that is at least that common ("SPÖ").  Old and dialect
        forms only as ``old`` says: "all" in text written in the old spelling,
        "eszett" for its ß forms only ("daß": OCR read a ß, where the era is unknown),
        "seen" for those and the forms with a th, ey or dt that OCR read ("röthlich" for "rothlich").
        A form of the historical list that today's text uses at least as often as old
        text ("härtesten", "Göppingen": hunspell lacks them) is no old form: it counts
        as a word hunspell does not know.
        """
        if word in self.extra_words:
            return True
        entry = self._entry(word)
        if entry is None:
            return False
        if entry & self._target_bits:
            return True
        if entry & HISTORICAL:
            if old == ALL_OLD or (old and "ß" in word) or (old == OLD_SEEN and OLD_LETTER_RUNS.search(word)):
                return True
            if zipf_of(entry) < old_zipf_of(entry):
                return False  # an old or dialect form: "Thür", "hätt"
        return known_zipf is not None and entry & ALL_VARIANTS == 0 and zipf_of(entry) >= known_zipf

    def historical(self, word: str) -> bool:
        """Is ``word`` an old or dialect form that the modern word list lacks ("daß", "Thür", "nich")?"""
        entry = self._entry(word)
        return entry is not None and entry & HISTORICAL != 0

    def old_form(self, word: str) -> bool:
        """Is ``word`` a :meth:`historical` form that old text uses at least as often as the web
        ("nich", "det"; not "inn", an English word that old text has now and then)?"""
        entry = self._entry(word)
        return entry is not None and entry & HISTORICAL != 0 and old_zipf_of(entry) >= zipf_of(entry)

    def _valid(self, word: str) -> bool:
        """Is ``word`` correct German as written (casing included)?

        Only dictionary evidence counts.  Frequent words that hunspell does not
        know (names, loan words, but also "fur" and "uber" from de-umlauted web
        text) are :meth:`known`, not valid.
        """
        if word in self.extra_words:
            return True
        if self.listed(word) or self.hunspell_valid(word):
            return True
        if "ß" in word:  # old spelling ("daß", "muß") is correct German, not damage
            return self.valid(word.replace("ß", "ss"))
        return False

    def valid_before_hyphen(self, word: str) -> bool:
        """Is ``word`` valid as the first part of a hyphenated compound ("Wirtschafts-")?"""
        return self.valid(word) or self.hunspell_valid(word + "-")

    def as_written(self, word: str) -> bool:
        """Is ``word`` valid or common in German text in this very casing ("to" is, "bereich" is
        not: only "Bereich" is)?"""
        entry = self._words.forms.get(word)
        return self.valid(word) or (entry is not None and max(zipf_of(entry), old_zipf_of(entry)) >= KNOWN_ZIPF)

    def _listed_or_known(self, word: str) -> bool:
        """Is ``word`` listed for this variant or known (see :meth:`listed`, :meth:`known`)?"""
        return self.listed(word) or self.known(word)

    def known(self, word: str) -> bool:
        """Is ``word`` common in German text, valid or not ("Google", "Andujar" is not), or
        an old or dialect form ("Thür", "nich")?"""
        return self.zipf(word, old=True) >= KNOWN_ZIPF

    def _compound_like(self, word: str, known: bool = False) -> bool:
        """Could ``word`` be a compound of listed words ("Erlaubnis|pflicht")?

        A cheap filter in front of hunspell, which is slow on non-words: some
        split must give a listed head (with or without a linking s/es/n/en) and
        a listed tail, both of four or more letters and common (rare forms such
        as "füll" make odd compounds); with ``known``, common words hunspell
        lacks count too (names: "Pilger|maier").  The parts include their 1901 forms.
        """
        if len(word) > MAX_WORD:
            return False  # (each split of a run of 100,000 letters would copy it)
        return two_parts(word.lower(), self._words.known_parts if known else self._words.parts)

    def lower_compound(self, word: str) -> bool:
        """Is the lower-case ``word`` a common part and a listed lower-case word ("spät|antiker")?
        Its last part makes a compound what it is: one ending in a noun is a noun ("durch|wächter"
        is no word)."""
        parts = self._words.parts
        return any(
            word[i:] in parts and is_head(word[:i], parts) and self.listed(word[i:])
            for i in range(MIN_PART, len(word) - MIN_PART + 1)
        )

    # -- frequency ------------------------------------------------------------
    def zipf(self, word: str, old: bool = False, folded: bool = True) -> float:
        """Zipf frequency of ``word`` as written or with its first letter changed in case;
        with ``old``, the higher of its modern frequency and that in old text.

        Only the first letter is folded: "groBe" is not "grobe".  Without ``folded``, a
        lower-case word is not its capitalized form ("wahlen" is no "Wahlen").  0 for words
        not in the list.
        """
        entry = self._entry(word)
        if entry is None and folded and word[:1].islower():
            entry = self._words.forms.get(word[0].upper() + word[1:])
        if entry is None:
            return 0.0
        return max(zipf_of(entry), old_zipf_of(entry)) if old else zipf_of(entry)

    def era_zipf(self, word: str) -> float:
        """:meth:`zipf` with ``old``, or for a listed form that old text uses more often than
        today's, its frequency there as written ("ihn": novels and drama have more pronouns
        than the web; not a noun's for a lower-case word: "kahn" is no "Kahn" there)."""
        z = self._words.old_text.get(word)
        return max(self.zipf(word, old=True), z / 100) if z else self.zipf(word, old=True)

    def user_form(self, word: str) -> str | None:
        """The user's spelling of ``word``, if it is a user word in another casing."""
        return self._user_lower.get(word.lower())


# "ss" that the 1901 rules write ß: at the end of a word or before a consonant
_OLD_ESZETT = regex.compile(r"ss(?=[^aeiouyäöü]|$)")


def old_spelling(form: str, listed: Callable[[str], bool]) -> str:
    """``form`` as the 1901 rules write it ("dass" -> "daß", "Schlussregel" -> "Schlußregel");
    ``listed`` tells words: an ss that ends one part of a compound and starts the next
    stays ("Bus|station")."""

    def sub(m: regex.Match) -> str:
        i = m.start()
        head, tail = form[: i + 1], form[i + 1 :]
        if len(head) > 2 and len(tail) > 2 and listed(head) and listed(tail[0].upper() + tail[1:]):
            return "ss"
        return "ß"

    return _OLD_ESZETT.sub(sub, form)


def modern_spelling(form: str, listed: Callable[[str], bool]) -> str:
    """``form`` as today's rules write it, where it is the 1901 spelling of that ("läßt" ->
    "lässt"; "Straße" stays): the inverse of :func:`old_spelling` for a form ``listed`` lacks
    (a listed "groß" is today's, not the 1901 spelling of a Swiss "gross")."""
    if "ß" not in form or listed(form):
        return form
    modern = form.replace("ß", "ss")
    return modern if old_spelling(modern, listed) == form else form


@functools.lru_cache(maxsize=16)
def get_lexicon(variant: str, user_words: frozenset[str]) -> Lexicon:
    """One :class:`Lexicon` per process for each (variant, user words)."""
    return Lexicon(variant, user_words)
