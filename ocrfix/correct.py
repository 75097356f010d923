"""The per-word decision: is this word damaged, and what was it?

Flag before you fix: a word is looked at only when the dictionary does not
know it, or when it is rare and a lost umlaut or ß would make it a common word
("Osterreich").  Its candidates come from the OCR confusion model; a candidate
must be a valid word, and the best one is taken only when it is clearly the
best.  Anything else stays as it was.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Mapping
from itertools import combinations
from typing import TYPE_CHECKING, Any, NamedTuple

import regex

from . import ngrams
from .chardata import DIAERESIS_BASES, UNDOT, contains_any
from .confusions import CONFUSIONS, RESTORE_RULES, Bounds, Candidate, by_first, candidates, edits1, misread_runs, undone
from .document import DOTS, INTACT, LOST, NEUTRAL, NEUTRAL_KEY, UNSEEN, Key
from .lexicon import ALL_OLD, COMPOUND_ZIPF, KNOWN_ZIPF, MAX_WORD, OLD_ESZETT, OLD_LETTER_RUNS, OLD_SEEN, modern_spelling, old_spelling
from .result import join_rules
from .search import MIN_PART, first_lower, reachable
from .tokens import COMMANDS, Word, hyphen_beside, letter_runs

if TYPE_CHECKING:
    from .lexicon import Lexicon


# What a document says about its letters (``document.Key``) sets what a fix may cost.
# A missing dot or ß is free where the document lost that letter, and not at all
# possible where it kept it (2.0 is more than any fix may cost).
DOTS_COST = {LOST: 0.0, NEUTRAL: 0.0, INTACT: 2.0}
# A dotted letter read as another shape ("i" for "ü": the English model's way) is rarer
# where the document kept that letter ("Sandershäuser" is no "Sündershäuser").
READ_COST = {LOST: 0.0, NEUTRAL: 0.0, INTACT: 0.3}
# Any confusion is rarer in a document whose letters survived: a dotted letter's by
# the state of its channel, the others by that of the umlauts as a whole ...
EDIT_COST = {LOST: 0.0, NEUTRAL: 0.0, INTACT: 0.2}
# ... and a misread shape or a dropped ligature also by the state of those.
SHAPE_COST = {LOST: 0.0, NEUTRAL: 0.1, UNSEEN: 0.2, INTACT: 0.3}
LIGATURE_COST = {LOST: 0.0, NEUTRAL: 0.0, UNSEEN: 0.0, INTACT: 0.3}
NEVER = 2.0  # more than any fix may cost
# A capitalized word may be a name: it gets a shape or ligature guess only where the
# document shows a sign of that damage.
SIGNS = frozenset({LOST, NEUTRAL})
# A word the lists know is misread where the document shows misread shapes; where it
# shows a few only if far more common a word (and never an old or dialect form: "un").
NEUTRAL_SHAPE_MARGIN = 1.0
# The most a fix may cost, by the state of the umlauts as a whole: damaged documents
# warrant bolder guesses.
MAX_COST = {LOST: 1.3, NEUTRAL: 1.0, INTACT: 0.9}
# An unknown capitalized word inside a sentence is often a name: each edit costs more.
NAME_COST = 0.1
# A capitalized word this long that no list knows is a compound noun far more often than a
# name (long names are mostly listed: "Gelsenkirchen"): the name's costs do not apply to it,
# unless it has dots or a ß (OCR read it where it keeps them: less is damage); and it gets a
# shape guess where the text is too short to show misread shapes (UNSEEN), as a lower-case word does
NAME_MAX_LEN = 12
# A capitalized word inside a sentence is a noun or a name: a candidate that is no noun,
# capitalized ("Hätten" for "Hiitten", where "Hütten" is meant; Lexicon.may_be_noun), costs
# this much more.  A cost, not a ban: an adjective may start a name ("Weiße Flotte").
CAPITAL_OTHER_COST = 0.5
MIN_HEAD, MIN_TAIL = 3, 4  # the parts of a compound a fix may put out
DOTTED_HEAD = 2  # ... and a head whose first letter's dots a fix restores ("Öl|messstab")
# An unknown lower-case word is rarely right: a fix of it may cost this much more.
UNKNOWN_LOWER_COST = 0.3

# A lower-case word the lists know only capitalized ("instituts") may be a noun whose capital
# OCR read small, from this length (a shorter one is as often a command or a value: "info")
RECASED_MIN = 5
SHORT = 3  # words this short get only cheap fixes towards common words
SHORT_MAX_COST = 0.5  # ... or, towards the most common words (SURE_ZIPF), this:
SHORT_MAX_COST_SURE = 1.0
# A dotted word this short that no list knows, in a text that does not show misread shapes
# plainly, is a dialect word or a name ("Nörd", "Bröt"), not dots a German model made up: no
# candidate takes its dots away there (a longer one is more often those: "Mobilfünker").
DOTTED_SHORT = 5
FREQ_WEIGHT = 0.35  # cost units per zipf point: frequency breaks ties between cheap candidates
COMMON_ZIPF = 3.0  # short words are corrected only towards words this common
# In old text, a dotted word nothing knows is an old form, not dots a German model made up,
# unless the word without them is this common ("änders": "anders"; "Geböte" keeps its dots).
MADE_UP_DOTS_ZIPF = 5.0
OLD_TAIL_HEAD, OLD_TAIL_MIN = 2, 4  # the letters before and of a compound's old last part ("über|kömmt")
SURE_ZIPF = 5.5  # a valid word this common is never damage ("wurde", not "würde")
_DOTTED = frozenset("äöü")
# A long word with lost dots that only splits into known words once they are back (see
# Corrector._dots_by_parts): this long at least, with at most this many a/o/u to try.
PARTS_MIN_LEN = 8
PARTS_MAX_PLACES = 6
PARTS_CONFIDENCE = 0.6
PARTS_MARGIN = 1.0
PARTS_MIN_PART = 5
# A long word no list knows, a listed word and a misread one (Corrector._repaired_part): from this
# length, the misread part this long at least and repaired to a listed word this common; its
# misread shapes or ß only in a part this long, an edit no confusion explains in one this long.
PART_FIX_LEN = 10
PART_FIX_MIN = 5
PART_FIX_ZIPF = 2.5
PART_SHAPES_MIN = 7
PART_EDIT_MIN = 8
COMPOUND_GAP = 0.2  # how much cheaper a restored compound must be than the next (_restored_compound)
# A ß dropped or read as s is rarer than lost dots (confusion_counts.tsv: about one ß in 13).
ESZETT_MARGIN = 1.0
# An old form whose ß OCR dropped ("daß": "da") is asked about in old text, and in text that
# does not tell its era (a short one: the dropped ß hides the sign), with this much more margin.
ERA_UNKNOWN_MARGIN = 1.0
# An old or dialect form with dots that the lists lack ("wär", "kömmt"; twins only in old text,
# see Corrector._twins_of) needs this much more.
OLD_FORM_MARGIN = 0.5
# A PDF drops every ligature of a broken font or none: a valid word is another's rest only
# where the document shows that ("Schi" for "Schiff"), or may ("UNSEEN": too few words to tell).
LIGATURE_MARGIN = 1.0
# How many orders of magnitude more likely its twin must be in its sentence than a valid
# word, for the word to change ("hatte" -> "hätte"), by the state of the dots it lacks.
CONTEXT_MARGIN = {LOST: 0.5, NEUTRAL: 1.5, INTACT: math.inf}
# A sentence that starts with a word and "Sie" is a formal imperative ("Ändern Sie den Eintrag",
# "Wählen Sie"): there a twin that is a verb is this many orders of magnitude likelier than one
# that is none ("Andern", "Wahlen").  The model's text, encyclopedia and fiction, seldom
# addresses its reader so; manuals do in every other sentence.
IMPERATIVE_ODDS = 2.0
_IMPERATIVE = regex.compile(r"(?:[ \t]+|[ \t]*\n[ \t]*)Sie\b[^.!?]*[.!]")  # (a line may break between them)
# An old dative in -e of a noun that no list has, after an article or a contraction of the
# dative singular, is that case ("dem Kamme", "zum Kusse"), never its plural twin ("Kämme",
# "Küsse"), only the dative of a noun with dots ("zum Glücke"): the model has seen few of the
# rarer pairs with their article, and their prior is the plural's.
DATIVE_SINGULAR = frozenset(
    "dem zum am im vom beim einem diesem jenem jedem welchem keinem meinem deinem seinem ihrem "
    "unserem unserm eurem".split()
)
# How many orders of magnitude likelier in its sentence a fix's form without the dots it
# restored must be, for the fix to drop them (Corrector.undotted).
UNDOTTED_MARGIN = 0.0
# ... and by which a sentence must favour a valid word as read over the common word that a cheap
# reading of a dotted letter made of it by frequency alone ("Im Museum hingen Bilder": no "hängen")
AS_READ_MARGIN = -2.0
# How many zipf points (orders of magnitude) more common a restored umlaut/ß form
# must be to replace a valid word, by the state of the umlauts; None: never.
VALID_MARGIN = {LOST: 0.5, NEUTRAL: 1.5, INTACT: None}
# ... and to replace a known word that the dictionary lacks (a name, or "fur"),
# plus the candidate's cost: a costly guess needs more frequency behind it.
KNOWN_MARGIN = 1.0
LOST_KNOWN_MARGIN = 0.5  # where umlauts are lost, "Burger" is more likely "Bürger"
JUNK_ZIPF = 3.0  # a known lower-case word this rare and short that hunspell lacks may be web junk
JUNK_LEN = 5  # (Corrector._junk_known; a longer one is more often a real word hunspell lacks: "minded", "viralen")
# A valid word where the text lost its umlauts may be a reading of them ("Sticke" for "Stücke"):
# only by a common one (i for ü, f for ß; not a for ü: "Massen" is no "Müssen"), and only a
# word rarer than READ_VALID_MAX_ZIPF (a more common one would need a far more common reading:
# on the dev and held-out sets none changed, and the search costs time).
READ_VALID_MAX_COST = 0.45
READ_VALID_MAX_ZIPF = 3.5
MIN_CONFIDENCE = 0.4
# A word this long that no list knows, in a text that lost its dots or misreads shapes, may be
# two or three misread letters from its form ("Verschicierung"): where no candidate is in reach,
# a listed one this much costlier is looked for (no compounds: many, and slow to find), and a
# candidate with no rival counts as this much cheaper.  Few long words lie that near a listed
# one by chance.
LONG_WORD = 8
LONG_WORD_COST = 0.4
ELIDED_CONFIDENCE = 0.8  # (Corrector.elided)
# The fallback when no confusion explains a word: one edit of any kind, towards a
# listed word this common and this far ahead of the next such word.
EDIT_FALLBACK_COST = 1.0
EDIT_MIN_LEN = 5
EDIT_MIN_ZIPF = 3.0
EDIT_LEAD = 1.0
# Where no edit will do, or a word may be a name or an old form (capitalized, or in old text:
# "lernest"), the fallback is one reading of the confusion table instead, never of the first
# letter (names differ from words by any letter: "Sommerin"): a misread shape, or a reading of
# a dotted letter or ß that only some faces make and the text need not show ("it" for "ä").  A
# capitalized word gets it only where the text shows misread shapes, even where it keeps its dots
# (German-model OCR): from this length, or at any where it shows them plainly (_reads_fit).
READ_FALLBACK = by_first(
    sorted(
        {
            (c.seen, c.meant, c.rule, c.listed_only, c.channel)
            for c in CONFUSIONS
            if c.rule in ("letters", "umlaut", "eszett") and c.seen
        }
    )
)
READ_MIN_CAPITAL = 8
# ... and a long word that no list, hunspell or known parts take, the one reading that makes it
# two listed words of this length or more (from four, it broke as many names as it repaired).
READ_COMPOUND_LEN = 10
READ_COMPOUND_PART = 5
READ_COMPOUND_GAP = 0.5  # (for its confidence: no rival, but no frequency behind it either)
# A capitalized word shorter than READ_MIN_CAPITAL, where the text shows misread shapes only as a
# sign, may be a name or a foreign word ("Errare humanum est"): misread shapes make it only a word
# at least COMMON_ZIPF common ("Wcrk": "Werk", no "Errate"), if it starts as listed words do, with
# this many letters ("Fgoist" is no name).
NAME_START = 3
# A last "l" lost (29 times in the dev and reading sets, nearly all fax and faint scans): restored
# where nothing else reads the word and it then is a word at least EDIT_MIN_ZIPF common; like
# an edit (not where the text keeps its umlauts: "Mande" is no "Mandel"), but in old text too:
# no old or poetic form is a common word less its last "l".
FINAL_L_MIN_LEN = 4
FINAL_L_COST = 0.6
# The commonest old form, "daß" (zipf 6.7 in old text), ends in a ß that old faces' OCR reads as
# any letter ("dai", "dab", "dad"): in text that is old, or may be and lost its ß, a word of its
# length that no list knows is the one whose last letter ß makes an old form this common (zipf in
# old text; at 6.0 "muß" too, which made the river "Mur" a "Muß"); so is an old or dialect form
# rarer than the third number where the text loses its ß ("dal", "dag": a few dialect scenes
# have them, OCR that reads ß as l or g far more often).
OLD_ESZETT_END = (3, 6.5, 3.5)
OLD_ESZETT_END_COST = 0.6
# A frequent word hunspell lacks ("SPÖ", "Jänner") may be the target of an umlaut/ß restore.
KNOWN_TARGET_ZIPF = 3.5
LOST_TARGET_ZIPF = 2.0  # ... where the document lost its dots and the word is no word at all
HUNSPELL_CHECKS = 12  # candidates checked with hunspell when the word list lacks them
COMPOUND_PROBES = 200  # ... after a cheap compound test on this many of the cheapest

# A capital umlaut inside a word that is not all capitals: "darÜber" is "darüber".
_ODD_CAPITAL = regex.compile(r"(?<=\p{Ll})[ÄÖÜ]")
# The endings of adjectives and their inflections ("überhistorisch", "überspitzte" is none):
# the kind of a compound no dictionary takes in either casing
_ADJECTIVE_END = regex.compile(r"(?:isch|lich|ig|bar|los|sam|haft)(?:e[mnrs]?)?$")
_GHOST = regex.compile(r"(\p{Ll})(?i:\1)(?<=\p{Lu})\p{Ll}{2,}$")  # "wWenn": a letter read twice
# ... and a stroke read twice inside a word, as an l and a capital I or L ("TeilInahme", "HandLlung")
_INNER_GHOST = regex.compile(r"(?<=l)[IL](?=\p{Ll})|(?<=\p{Ll})[IL](?=l)")
GHOST_CONFIDENCE = 0.8
VOWEL = regex.compile(r"[aeiouyäöüAEIOUYÄÖÜ]")  # (names have one: "Thr" is no name)
# (a sentence's end, or the text's start, and the quotes or brackets that open the next; a
# colon may end one, a semicolon does not: "am Montag; übrigens sage ich")
SENTENCE_END = regex.compile(r"(?:[.!?:]['\"“”„«»)\]]*\s*|^\s*)['\"„“«»‚‹›(\[]*$")
OCR_JUNK = regex.compile(r"[^\p{L}\p{M}]")
MAX_QUIET = 1 << 18  # words remembered as quiet, per key
MAX_KEYS = 64  # keys whose quiet words are remembered


# Where a word's neighbours are, as corrected: given the word (or the fix put in its place),
# a text and the word's offsets in it (words._view); context features read them there
# ("kénnen" after "hatte" tells what "können" does).
View = Callable[[str], tuple[str, int, int]]


class Fix(NamedTuple):
    replacement: str
    rule: str
    confidence: float
    # a guess that no list vouches for ("Wehrschütz" for "Wehrschiitz"): it stands only
    # where something knows the word after all (Corrector.knows)
    unchecked: bool = False
    # ... and where nothing does, this checked fix of the same word stands instead
    otherwise: Fix | None = None


# The forms of address, capitalized mid-sentence ("bei Ihnen", in letters "Dir"): where OCR
# misread their first letter ("Thnen"), the capital is no casing error to undo.
ADDRESS_FORMS = frozenset("""
    Sie Ihnen Ihr Ihre Ihrem Ihren Ihrer Ihres
    Du Dich Dir Dein Deine Deinem Deinen Deiner Deines
    Euch Euer Eure Eurem Euren Eurer Eures
""".split())


class _PerKey:
    """LRU caches of a function, one for each key (a Key, of which there are few):
    ``of(key)`` is the cached function of the other arguments that ``make(key)`` makes."""

    def __init__(self, make: Callable[[Any], Callable[..., Any]], maxsize: int) -> None:
        self._make = make
        self._maxsize = maxsize
        self._caches: dict[Any, Callable[..., Any]] = {}

    def of(self, key: Any) -> Callable[..., Any]:
        cache = self._caches.get(key)
        if cache is None:
            if len(self._caches) >= MAX_CACHED_KEYS:
                self._caches.clear()  # bounded, like the caches
            cache = self._caches.setdefault(key, functools.lru_cache(maxsize=self._maxsize)(self._make(key)))
        return cache


MAX_CACHED_KEYS = 256  # keys whose decisions are remembered


class Corrector:
    """Decides about single words, with a per-process cache of decisions."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        # The decisions are cached per key: a cache key tuple that held a Key
        # would stay tracked by the garbage collector, which visits each of tens of thousands
        # in every full collection; one of strings and bools it stops tracking at once.
        self._fixes = _PerKey(lambda key: lambda w, s, h: self._fix(w, s, h, key), 1 << 17)
        self._settled = _PerKey(lambda key: lambda w, s, h: self._settle(w, s, h, key), 1 << 17)
        self._twins = _PerKey(lambda key: lambda w, s: self._twins_of(w, key, s), 1 << 16)
        self._merges = functools.lru_cache(maxsize=1 << 16)(self._merges)  # type: ignore[method-assign]
        # by key, listed words that stay as they are wherever they stand: text made of
        # them only needs no per-word work at all
        self.quiet: dict[Key, set[str]] = {}
        self._loud: dict[Key, set[str]] = {}  # the others

    @functools.cached_property
    def _letters(self) -> frozenset[str]:
        """The characters of the listed words, in either case, and those OCR reads for others."""
        chars = self.lex.prefixes.chars
        return chars.union(c.upper() for c in chars).union(*(c.seen for c in CONFUSIONS))

    def readable(self, word: str) -> bool:
        """May ``word`` be a misreading of a listed word?  Not if it holds a character that
        no listed word holds and that OCR reads for none ("Fiihrungsǅ", a word in another
        script): no repair would make it one, and a rule that changed the rest would put
        out a word that nothing knows."""
        return self._letters.issuperset(word)

    def odd_words(self, runs: list[str], key: Key) -> set[str]:
        """The words of ``runs`` that are not quiet under ``key``: the ones to look at."""
        key = key.of_dots  # (quiet words are listed: only their dots may be lost)
        if key not in self.quiet:
            if len(self.quiet) >= MAX_KEYS:
                self.quiet.clear()
                self._loud.clear()
            self.quiet[key], self._loud[key] = set(), set()
        quiet, loud = self.quiet[key], self._loud[key]
        odd = set(runs).difference(quiet)
        new = odd - loud
        if new:
            if len(quiet) > MAX_QUIET or len(loud) > MAX_QUIET:
                quiet.clear()  # bounded, like the other caches
                loud.clear()
            stays = {w for w in new if self._stays(w, key)}
            quiet |= stays
            loud |= new - stays
            odd -= stays
        return odd

    def fix(self, word: str, sentence_start: bool, before_hyphen: bool, key: Key = NEUTRAL_KEY) -> Fix | None:
        """The fix of ``word`` where ``key`` holds, if it needs one (cached; a listed word's
        by the part of the key it depends on, see Key.of_dots)."""
        return self._fixes.of(key.of_dots if self.lex.listed(word) else key)(word, sentence_start, before_hyphen)

    def settled(self, word: str, sentence_start: bool, before_hyphen: bool, key: Key) -> Fix | None:
        """:meth:`fix`, applied again to its own result until that stands (cleaning is
        idempotent): "Osterreicli" -> "Osterreich" -> "Österreich".  (Cached.)"""
        return self._settled.of(key)(word, sentence_start, before_hyphen)

    def twins(self, word: str, key: Key, sentence_start: bool) -> tuple[str, ...]:
        """The twins that ``word`` may stand for where ``key`` holds (see :meth:`_twins_of`; cached)."""
        if key.umlauts == INTACT and key.ligature == INTACT:
            return ()  # (most text: the fast path)
        if word in self.lex.user_words:
            return ()  # the user's word is right as written ("Buchse": no "Büchse" in a manual)
        model = ngrams.model()
        lowered = word[0].lower() + word[1:] if sentence_start and word[:1].isupper() else word
        if key.umlauts == INTACT:  # (then only a dropped ligature is left to ask about, seldom,
            if word not in model.damaged and lowered not in model.damaged:
                return ()  # and no cache entry is needed for the answer)
        elif word not in model.count and lowered not in model.count and "ß" not in word:
            return ()  # (most words the model lacks: no twin, see _twins_of, and no cache entry)
        return self._twins.of(key)(word, sentence_start)

    def _stays(self, word: str, key: Key) -> bool:
        """Is ``word`` quiet under ``key``: listed (two quiet words are never joined, see
        :meth:`should_merge`), and left as it is wherever it stands?"""
        if len(word) < 2:
            return not word.islower()  # never changed, never joined to the word before it
        if not self.lex.listed(word) or roman_number(word):
            return False
        if word.isupper():
            return key.umlauts != LOST
        if self.twins(word, key, True):
            return False  # its neighbours decide (see context_fix)
        if self._valid_stays(word, key):
            return True  # (no search needed)
        # the decision about a listed word depends only on whether it starts a sentence,
        # and not for a lower-case one (names and casing, see _best and _cased)
        starts = (False,) if word[0].islower() else (False, True)
        return all(self.fix(word, start, False, key) is None for start in starts)

    def _fix(self, word: str, sentence_start: bool, before_hyphen: bool, key: Key = NEUTRAL_KEY) -> Fix | None:
        lex = self.lex
        if len(word) < 2 or len(word) > MAX_WORD or word in lex.user_words:
            return None  # (the user's word is right as written)
        lost = key.umlauts == LOST
        if word[1].isupper() and _GHOST.match(word):
            # a letter read twice, small and capital ("wWenn", "kKonne"): the word without
            # one of them, capitalized where a sentence starts, as it stands or repaired
            form = (word[1] if sentence_start else word[0]) + word[2:]
            f = self._unghosted(form, sentence_start, before_hyphen, key)
            if f is None and not sentence_start and lex.noun(word[1:]):
                f = self._unghosted(word[1:], sentence_start, before_hyphen, key)  # ("den kKriegsdienst")
            return f
        if not word[1:].islower() and (m := _INNER_GHOST.search(word)) and not lex.listed_or_known(word):
            # a stroke read twice inside it ("TeilInahme"): the word without the capital
            f = self._unghosted(word[: m.start()] + word[m.end() :], sentence_start, before_hyphen, key)
            if f is not None:
                return f
        if word.isupper():
            # acronyms are protected; only text that may have lost umlauts may have lost an Ö
            # ("OVP"), and a word in capitals its dots only as the word would ("MUTTER" stays)
            if key.umlauts == INTACT:
                return None
            f = self._best(word, sentence_start, key, margin=KNOWN_MARGIN, restore_only=True)
            if f is not None and _any_case_zipf(lex, f.replacement) < _any_case_zipf(lex, word) + KNOWN_MARGIN:
                return None
            return f
        if lex.listed(word):
            return self._valid_word(word, sentence_start, key.of_dots)
        user = lex.user_form(word)
        if user:
            return Fix(user, "user_words", 0.9)
        if not self.readable(word):
            return None
        if len(word) == OLD_ESZETT_END[0] and (key.old or (not key.modern and key.state("ß") == LOST)):
            end = self._eszett_end(word, key)  # (in text that is old, or may be and lost its ß)
            if end is not None:
                return end
        junk = OCR_JUNK.search(word) is not None
        if not junk and not all(ligature_twin(word, t) for t in self.twins(word, key.of_dots, sentence_start)):
            # a known word with a twin: its neighbours decide ("dem Gaste", "die Gäste"); one
            # whose twin restores a ligature is first what the rest says ("Schen": "Sehen")
            return None
        if lex.known(word) and not junk:
            margin = LOST_KNOWN_MARGIN if lost else KNOWN_MARGIN
            f = self._best(word, sentence_start, key, margin=margin, restore_only=False, margin_by_cost=True)
            if f is None and self._junk_known(word, key):
                # (as a word no list knows, but only towards a common listed or old word: "zam": "zum",
                # and one more common than the word as written: English in old text, "goes", is no "gots")
                f = self._best(word, sentence_start, key, margin=None, restore_only=False)
                form = f.replacement if f is not None else ""
                floor = max(COMMON_ZIPF, lex.zipf(word))
                if not (lex.listed(form) or lex.historical(form)) or lex.zipf(form, key.old) < floor:
                    f = None
                elif key.ligature != LOST and "ligature" in f.rule:
                    f = None  # (a dropped ligature only where the text shows them: "pff" is no "pfiff")
            return f
        # two listed words hunspell does not join ("Asyl|berechtigten"), a prefix and a listed
        # word, a listed verb's form ("gefettete", "parkieren") may well be right: then letter shapes
        # alone are no reason to change it (unless a long one where the document shows misread
        # shapes, towards a common listed word: plainly, "Weit|krieg"; or as a sign beside the
        # English model's readings, one reading away, "Weit|lichen", and not for a word formed
        # from listed ones, "aus|kaufen")
        compound = lex.compound_like(word, known=True)
        formed = not compound and (_formed(lex, word) if word.islower() else _noun_formed(lex, word))
        shapes = junk or not (compound or formed)
        long_shaped = len(word) >= PARTS_MIN_LEN and (
            key.shapes == LOST or (key.shapes == NEUTRAL and key.misread and not formed)
        )
        best = self._best(word, sentence_start, key, margin=None, restore_only=False, shapes=shapes or long_shaped,
                          common_shapes=long_shaped and not shapes)
        # a long word no list knows, in a text that may have lost its dots (one sentence shows too
        # few to count), is restored where its parts tell ("Dünge|mittel|knappheit"), unless the
        # text does not show them lost and it is an adjective in -los ("spiegel|losen" is no
        # "spiegel|lösen"); a compound restored at one place only where the text shows them lost
        # (a dialect's "Quetsche|kuche")
        maybe_lost = lost or (key.umlauts != INTACT and not _LOS_ADJECTIVE.search(word))
        if best is None and maybe_lost and not junk and len(word) >= PARTS_MIN_LEN:
            best = self._dots_by_parts(word, key)
        if best is None and lost and len(word) >= PARTS_MIN_LEN:
            best = self._restored_compound(word, key)
        if best is None and not junk and len(word) >= PART_FIX_LEN and LOST in (key.umlauts, key.shapes):
            best = self._repaired_part(word, key)  # (only where the damage is plain)
        sure = _unambiguous(word, key, lex) if maybe_lost and SURE_UMLAUT_HINT.search(word) else None
        if sure is not None and not lost and not lex.valid(sure.replacement):
            sure = None  # (where the text does not show its dots lost, only towards a word: "Pérez")
        if sure is not None and OCR_JUNK.search(sure.replacement):
            sure = None  # junk that no sure reading explains ("Fiihrungs8"): no word at all
        if best is None and sure is not None and "é" in word and key.state("ä") != INTACT:
            best = self._e_for_a(word, sure, key)
        if best is None and sure is None:
            if maybe_lost and not junk and not before_hyphen and len(word) >= PARTS_MIN_LEN:
                return self._dots_for_hunspell(word, key) or self._dots_for_parts(word, key)
            return None  # nothing to change: whether hunspell knows the word does not matter
        # hunspell is slow on words it does not know: ask it only now
        if lex.valid(word) or (before_hyphen and lex.valid_before_hyphen(word)):
            return self._valid_word(word, sentence_start, key.of_dots)
        if best is None or (sure is not None and not set(sure.rule.split("+")) <= set(best.rule.split("+"))):
            # "Wehrschiitz" is "Wehrschütz" even if the dictionary lacks it and knows "Wehrschlitz",
            # if the document does ("Demokratiebiidung" is no "…büdung": then "…bildung")
            return sure._replace(otherwise=best) if sure is not None else best
        return best

    def _e_for_a(self, word: str, sure: Fix, key: Key) -> Fix | None:
        """``word`` with its é read for ä, not for ö as the sure reading has it, where only that
        makes a word hunspell takes ("Einhéngepunkt": é is far more often ö, "kénnen", but
        "Einhöngepunkt" is no word)."""
        plain = word.replace("é", "ä")
        alt = _unambiguous(plain, key, self.lex)
        form = alt.replacement if alt is not None else plain
        if self.lex.valid(form) and not self.lex.valid(sure.replacement):
            return Fix(form, "umlaut", PARTS_CONFIDENCE)
        return None

    def _eszett_end(self, word: str, key: Key) -> Fix | None:
        """``word``, no listed form nor a common old or dialect one, as the common old form that
        its last letter read for a ß makes (OLD_ESZETT_END: "dai", "dab", and where the text
        loses its ß, "dal" for "daß")."""
        form, lex = word[:-1] + "ß", self.lex
        if not word[1:].islower() or lex.swiss:
            return None
        if lex.historical(word) and (lex.zipf(word, old=True) >= OLD_ESZETT_END[2] or key.state("ß") != LOST):
            return None  # (a common old or dialect form, "dat"; a rare one where the ß are intact)
        if lex.zipf(form.lower(), old=True) < OLD_ESZETT_END[1]:
            return None
        return Fix(form, "eszett", _confidence(OLD_ESZETT_END_COST, 1.0))

    def _junk_known(self, word: str, key: Key) -> bool:
        """Is ``word``, which the word list knows and hunspell does not, rare web junk rather
        than a word ("sab", "zam", "mub"): lower-case, rarer than JUNK_ZIPF, no old or dialect
        form, in a document that lost its dots?  Or a noun in lower case where the document
        plainly misreads shapes ("bindet" read as "binder", "sollst" as "solist"; English and
        lower-case nouns are many where it does not: "single", "robe")?  Or any lower-case word
        that is no noun, in text written in the old spelling: a word that neither the lists nor
        old text know is no word of old German ("saken", "quilt"; old texts write nouns in lower
        case: "bilder"), unless a long one where the document shows no misread shapes (the old
        spelling lasted until 1996: "rauskomme")?  Then it is looked at as one no list knows."""
        lex = self.lex
        if not word.islower() or lex.historical(word):
            return False
        if key.shapes == LOST and not lex.listed(word) and lex.noun(word[0].upper() + word[1:]):
            return True
        if key.old:
            suspect = len(word) < LONG_WORD or key.shapes in (LOST, NEUTRAL)
            return suspect and not lex.noun(word[0].upper() + word[1:])
        return key.umlauts == LOST and len(word) <= JUNK_LEN and lex.zipf(word) < JUNK_ZIPF

    def _settle(self, word: str, sentence_start: bool, before_hyphen: bool, key: Key) -> Fix | None:
        """:meth:`settled`, uncached."""
        f = self.fix(word, sentence_start, before_hyphen, key)
        seen = {word}
        while f is not None and f.replacement not in seen and len(seen) < 4:
            seen.add(f.replacement)
            g = self.fix(f.replacement, sentence_start, before_hyphen, key)
            if g is None or g.replacement in seen:
                break
            f = Fix(g.replacement, join_rules((f.rule, g.rule)), min(f.confidence, g.confidence), g.unchecked)
        return f

    def _valid_stays(self, word: str, key: Key) -> bool:
        """Does a valid ``word`` stay without a search: in intact text, or too common to be damage?"""
        return VALID_MARGIN[key.umlauts] is None or self.lex.zipf(word) >= SURE_ZIPF

    def _unghosted(self, form: str, sentence_start: bool, before_hyphen: bool, key: Key) -> Fix | None:
        """``form``, a word without a glyph OCR read twice, as it stands or repaired; None where
        it is no word either way."""
        f = self.settled(form, sentence_start, before_hyphen, key)
        if f is not None:
            return Fix(f.replacement, join_rules(("letters", f.rule)), f.confidence, f.unchecked)
        return Fix(form, "letters", GHOST_CONFIDENCE) if self.lex.valid(form) else None

    def _valid_word(self, word: str, sentence_start: bool, key: Key) -> Fix | None:
        """A valid word may still be damage if a restored umlaut makes it far more common; where
        the text lost its umlauts and shows misreadings (Key.misread), also one that a common
        reading of them does ("Sticke": "Stücke", "Lindern": "Ländern"), by as much more as the
        reading costs (a scrape that wrote a for ä has no "hingen" for "hängen")."""
        if self._valid_stays(word, key) or self.twins(word, key, sentence_start):
            return None  # the fast path for correct text; or its neighbours decide (context_fix)
        f = self._best(word, sentence_start, key, margin=VALID_MARGIN[key.umlauts], restore_only=True)
        if f is None and key.umlauts == LOST and key.misread and self.lex.zipf(word) < READ_VALID_MAX_ZIPF:
            # (a verb or an adjective that starts a sentence is no misread noun: "Sticke ich es?")
            if not (sentence_start and self.lex.listed(word.lower()) and not self.lex.may_be_noun(word)):
                f = self._best(word, sentence_start, key, margin=VALID_MARGIN[LOST], restore_only=True,
                               margin_by_cost=True, reads=True)
        return f

    def search(self, word: str, bounds: Bounds, compounds: bool) -> list[Candidate]:
        """The candidates of ``word`` under ``bounds``; with ``compounds``, compounds of two
        common parts too.  (Not cached: only an uncached decision asks, and the same search
        came up again for 2 % of them, on the OCR dev texts; each cached one was an entry
        that every full garbage collection visits.)"""
        if word.isupper():  # "OVP": all-capital forms are not in the sorted list
            return candidates(word, bounds)
        lex = self.lex
        return reachable(word, lex.prefixes, lex.part_prefixes if compounds else None, lex.parts, bounds)

    def _twins_of(self, word: str, key: Key, sentence_start: bool) -> tuple[str, ...]:
        """The twins that ``word`` may stand for where ``key`` holds: the words of the context
        model that are ``word`` with dots the document does not keep intact ("hätte" for
        "hatte" where ä is lost), or with a ß or ligature restored (:meth:`Model.damaged_twins`),
        cased like it; an old ß form's are today's spelling's in the old one ("wußte": "wüßte")."""
        dots = key.umlauts != INTACT  # (else: a dropped ligature, see twins)
        if not word.isalpha():
            return ()
        model = ngrams.model()
        base = word
        if word not in model.count and word[0].isupper() and sentence_start:
            low = first_lower(word)
            # (a listed noun whose lower-case form no list has is itself: "Traum" is no "träum")
            if not self.lex.listed(word) or self.lex.listed(low):
                base = low
        modern = self._model_form(base)  # (an old "läßt" compares as "lässt")
        if modern != base:
            lowered = base != word
            twins = [old_spelling(t, self.lex.listed) for t in self._twins_of(modern, key, False)]
            return tuple(t[0].upper() + t[1:] if lowered else t for t in twins)
        out = []
        for twin in model.twins(base) if dots else ():
            added = {t.lower() for w, t in zip(base, twin) if w != t}
            # (only twins with more dots, none lost: "Äpfel" is no reading of "Apfel"; an old or
            # dialect form only in old text: "wär", "kömmt")
            if added and added <= _DOTTED and all(key.state(t) != INTACT for t in added) and (
                key.old or self.lex.listed(twin)
            ):
                out.append(twin)
        eszett = key.state("ß")
        for twin in model.damaged_twins(base):
            if "ß" not in twin:  # "Schi" for "Schiff" where ligatures may be dropped
                if key.ligature != INTACT:
                    out.append(twin)
            elif dots and eszett != INTACT and (
                not key.modern if len(twin) > len(base) and not self.lex.listed(twin) else eszett == LOST
            ):
                out.append(twin)  # "da" for "daß" in old text; "lief" for "ließ", "hie" for "hieß" where ß are lost
        return tuple(t if base == word else t[0].upper() + t[1:] for t in out)

    def _model_form(self, word: str) -> str:
        """``word`` as the context model knows it: an old ß form by today's spelling, whose
        counts hold it ("läßt" as "lässt"; build_context.respelled), unless it has twins of its
        own (a ß form the model holds only as the twin of its dropped ß, "mußte" of "mute", is
        today's "musste" where its dots are asked)."""
        if "ß" in word and not ngrams.model().twins(word):
            return modern_spelling(word, self.lex.listed)
        return word

    def context_fix(
        self, text: str, word: Word, key: Key, view: View | None = None, extra: float = 0.0
    ) -> Fix | None:
        """The twin of ``word`` that its sentence means, if the neighbours say so clearly
        enough ("als hatte er" -> "hätte"); None where they do not, or it has no twin.
        ``view``: where the neighbours are, as corrected (see :data:`View`); ``extra``: log10
        odds the twin needs beyond its margin (a dialect scene)."""
        twins = self.twins(word.text, key.of_dots, sentence_start(text, word.start))
        if not twins:
            return None  # (most words: no further call)
        best, best_odds = None, -math.inf
        for twin, odds, margin in self._twin_odds(text, word, key, twins, view):
            if odds - margin > best_odds:
                best, best_odds = twin, odds - margin
        if best is None or best_odds < extra:
            return None
        if word.text[0] == "U" and best[0] == "Ü" and not sentence_start(text, word.start):
            # the English model's U for a small ü, as in _cased: the twins are keyed by case, and
            # "nicht Ubel" is "übel" (words._nominalized gives a noun its capital back: "das Übel")
            low = first_lower(best)
            best = low if self.lex.listed(low) else best
        if self.lex.swiss:
            best = best.replace("ß", "ss")  # (Swiss spelling: "da" -> "dass", as "daB" -> "dass")
        return Fix(best, "context", _odds_confidence(best_odds + CONTEXT_MARGIN[LOST]))

    def elided(self, word: str, sentence_start: bool, key: Key) -> Fix | None:
        """``word``, cut by an elision ("wär' ich", "käm' er"), with dots OCR lost: where its
        full form (with the "e" the apostrophe stands for) is no word as read ("ware" is none)
        and is a common listed one with the dots back at one place ("wäre").  Not in modern
        text, where an apostrophe after a word more often closes a quotation."""
        if key.modern or len(word) < 2 or not word.isalpha():
            return None
        lex = self.lex
        low = first_lower(word) if sentence_start else word
        found = [
            form
            for i in _dot_places(low, key, first=0)  # (a cut verb's first letter too: "übergeb'")
            if lex.listed((form := low[:i] + DIAERESIS_BASES[low[i]] + low[i + 1 :]) + "e")
            and lex.zipf(form + "e", old=True) >= COMMON_ZIPF
        ]
        if len(found) != 1 or not (lex.listed_or_known(found[0]) or lex.valid(found[0])):
            return None  # (no cut word that nothing knows: "wär", "käm" are old text's)
        if lex.valid(low + "e"):  # (hunspell last: it is slow on words it does not know)
            return None  # ("hatt'" may be "hätt'" or "hatt'": its neighbours decide, if any)
        form = found[0][0].upper() + found[0][1:] if word[0].isupper() else found[0]
        return Fix(form, "umlaut", ELIDED_CONFIDENCE)

    def undotted(self, text: str, word: Word, fix: Fix, key: Key, view: View | None = None) -> Fix | None:
        """``fix`` without the dots it put on letters OCR read plain, where that is a listed
        word too and its sentence says it is the likelier one: the fix chose by frequency
        alone ("laBt": "läßt"; "Laßt uns gehen", "ihr laßt").  None where it does not."""
        form, seen = fix.replacement, word.text
        plain = form.translate(UNDOT)
        if plain == form or len(seen) != len(form) or any(f != p and s != p for f, s, p in zip(form, seen, plain)):
            return None  # no dots restored, or some read ("ii" for "ü" is a sign of them)
        if not self.lex.listed_or_known(plain):  # (old forms too: "laßt")
            return None
        plain_word = word._replace(text=plain)
        twins = self.twins(plain, key.of_dots, sentence_start(text, word.start))
        odds = next((o for t, o, _ in self._twin_odds(text, plain_word, key, twins, view) if t == form), None)
        if odds is None or odds > -UNDOTTED_MARGIN:
            return None
        confidence = min(fix.confidence, _odds_confidence(-odds))
        rules = [r for r in fix.rule.split("+") if r != "umlaut" or dot_count(plain)]  # (its dots are gone)
        return Fix(plain, join_rules((*rules, "context")), confidence)

    def as_read(self, text: str, word: Word, fix: Fix, key: Key, view: View | None = None) -> bool:
        """Is ``word``, a valid word that ``fix`` took for a common one by a cheap reading of a
        dotted letter and frequency alone (:meth:`_valid_word`: "hingen" -> "hängen"), what its
        sentence means, by AS_READ_MARGIN (a read set of the context model, :meth:`ngrams.Model.reads`)?"""
        model = ngrams.model()
        seen = word.text
        lowered = seen not in model.read_sets and seen[:1].isupper() and sentence_start(text, word.start)
        base, form = (first_lower(seen), first_lower(fix.replacement)) if lowered else (seen, fix.replacement)
        if form not in model.reads(base)[1:]:
            return False  # (most fixes: a dict lookup)
        ctx = ngrams.context_at(*(view(seen) if view else (text, word.start, word.end)))
        return model.odds(form, base, ctx, old=key.old, modern=key.modern) > AS_READ_MARGIN

    def swapped(self, text: str, word: Word, fix: Fix, key: Key, view: View | None = None) -> Fix | None:
        """``fix`` with another letter at a place where what OCR read stands for either ("ii": ü
        or ä, "gefiillt": "gefüllt" or "gefällt"; "f": ß or r, "hief": "hieß" or "hier"), where
        its sentence says the other is meant (a swap set of the context model,
        :meth:`ngrams.Model.swaps`).  The fix chose by the readings' costs and the words'
        frequency; the sentence must beat that by the margin of the letter's channel."""
        form = fix.replacement
        model = ngrams.model()
        if not form.isalpha():
            return None  # (a swap set holds words)
        lowered = form not in model.swap_sets and form[0].isupper() and sentence_start(text, word.start)
        base = form[0].lower() + form[1:] if lowered else form
        best, best_odds, ctx = None, 0.0, None
        for twin in model.swaps(base):
            places = [i for i, (a, b) in enumerate(zip(base, twin)) if a != b]
            margin = self._swap_margin(word.text, base, twin, places[0], key) if len(places) == 1 else None
            if margin is None:
                continue  # (itself, too)
            ctx = ctx or ngrams.context_at(*(view(base) if view else (text, word.start, word.end)))
            odds = model.odds(base, twin, ctx, old=key.old, modern=key.modern) - margin
            if odds > best_odds:
                best, best_odds = twin, odds
        if best is None:
            return None
        best = best[0].upper() + best[1:] if lowered else best
        confidence = min(fix.confidence, _odds_confidence(best_odds + CONTEXT_MARGIN[LOST]))
        return Fix(best, join_rules((fix.rule, "context")), confidence)

    def _swap_margin(self, seen: str, form: str, twin: str, at: int, key: Key) -> float | None:
        """What the sentence must say for ``twin`` rather than ``form`` where OCR read ``seen``:
        the margin of the twin's letter, plus the cost of reading it there above that of
        ``form``'s letter (in zipf points, as the fix weighed them); None where OCR's reading
        does not stand for the twin's letter, or the text shows no damage of the twin's channel."""
        reading = _read_for(seen, form, at)
        state = _letter_state(key, twin[at].lower())
        if reading is None or reading == form[at].translate(UNDOT) or state not in SIGNS:
            return None  # (a plain letter read, for a dotted one or itself, tells which: "geschatzt")
        mine, theirs = _READ_COSTS.get((reading, form[at])), _READ_COSTS.get((reading, twin[at]))
        if mine is None or theirs is None:
            return None
        return CONTEXT_MARGIN[state] + max(0.0, theirs - mine) / FREQ_WEIGHT

    def _twin_odds(
        self, text: str, word: Word, key: Key, twins: tuple[str, ...], view: View | None = None
    ) -> list[tuple[str, float, float]]:
        """Each of the ``twins`` of ``word`` (:meth:`twins`) that may stand here, with the
        log10 odds that its sentence means it rather than ``word``, and the margin they must clear."""
        if not twins:
            return []
        model = ngrams.model()
        base = self._model_form(word.text)
        lowered = base not in model.count
        if lowered:
            base = self._model_form(word.text[0].lower() + word.text[1:])
        seen, start, end = view(word.text) if view else (text, word.start, word.end)
        ctx = ngrams.context_at(seen, start, end)
        dative = (  # (see DATIVE_SINGULAR; not "vom Ärzte-Fan": a compound's first part)
            ctx.before[1] in DATIVE_SINGULAR and word.text[0].isupper() and word.text.endswith("e")
            and not self.lex.listed(word.text) and self.lex.may_be_noun(word.text[:-1])
            and text[word.end : word.end + 1] != "-"
        )
        damaged = model.damaged_twins(base)  # ("mußte" of "mute" is counted as itself)
        imperative = ctx.before == ("<s>", "<s>") and _IMPERATIVE.match(seen, end, end + ngrams.REACH) is not None
        base_verb = imperative and _infinitive(self.lex, base)
        out = []
        for twin in twins:
            if dative and not self.lex.may_be_noun(twin[:-1]):
                continue  # a plural ("Äste"), not the dative of a word with dots ("zum Glücke")
            member = twin[0].lower() + twin[1:] if lowered else twin
            if member not in damaged:
                member = self._model_form(member)
            if "ß" in member and "ß" not in base:  # a ß form: OCR dropped the ß or read it as f
                dropped = len(member) > len(base)
                if dropped and text.startswith("-", word.end):
                    continue  # (a name's part: "Fu-Lin")
                margin = CONTEXT_MARGIN[key.state("ß")] + ESZETT_MARGIN
                if dropped and not key.old and not self.lex.listed(member):
                    margin += ERA_UNKNOWN_MARGIN  # (an old form: "da" for "daß")
            elif ligature_twin(base, member):  # ("twins" asked of_dots, where ligatures are unsure)
                if key.ligature == INTACT or (key.ligature == UNSEEN and self.lex.listed(word.text)):
                    continue  # a valid word changes only where the document shows dropped ligatures
                if hyphen_beside(text, word.start, word.end):
                    continue  # a part of a name with hyphens: "Darb el-Ahmar"
                margin = CONTEXT_MARGIN[LOST if key.ligature == LOST else NEUTRAL] + LIGATURE_MARGIN
            else:
                margin = max(CONTEXT_MARGIN[key.state(t.lower())] for w, t in zip(base, member) if w != t)
                if not self.lex.listed(member):
                    margin += OLD_FORM_MARGIN  # ("wär": its counts are old text's alone, few)
                if member[1:] != twin[1:]:  # an old ß form ("mußten"), compared as today's spelling of it:
                    margin += ESZETT_MARGIN  # its counts are partly today's text's
            odds = model.odds(base, member, ctx, old=key.old, modern=key.modern)
            if imperative and (verb := _infinitive(self.lex, member)) != base_verb:
                odds += IMPERATIVE_ODDS if verb else -IMPERATIVE_ODDS
            out.append((twin, odds, margin))
        return out

    def _best(
        self,
        word: str,
        sentence_start: bool,
        key: Key,
        margin: float | None,
        restore_only: bool,
        margin_by_cost: bool = False,
        shapes: bool = True,
        reads: bool = False,
        common_shapes: bool = False,
    ) -> Fix | None:
        """The best valid candidate, if it is clearly better than leaving ``word``.

        ``margin`` None: ``word`` is not a word, any cheap valid candidate beats it.
        Otherwise the candidate must be ``margin`` zipf points more common.  With
        ``restore_only``, only lost umlauts and ß are restored, by dots alone unless
        ``reads``: then by their common readings too (READ_VALID_MAX_COST), towards a
        common word.  With ``common_shapes``, a candidate with misread shapes must be a
        common listed word; and where the text shows misread shapes only as a sign, one reading
        away, and no guess past the search ("malischer" is no "magischer").
        """
        lex = self.lex
        short = len(word) <= SHORT
        # (a name has a vowel: "Thr" is "Ihr" misread; one of NAME_MAX_LEN letters that OCR read
        # without dots is a compound noun: "Sicherheitskriite")
        name_like = (
            word.istitle() and not sentence_start and VOWEL.search(word) is not None
            and (len(word) < NAME_MAX_LEN or contains_any(word, "äöüßÄÖÜ"))
        )
        # a lower-case word that no list knows is rarely right (names are capitalized, and old
        # and dialect forms are known): a bolder guess may fix it
        unknown_lower = margin is None and word[0].islower()
        # Misread shapes (and dropped ligatures) change a word the lists know ("un", "wär") only
        # in a document that shows them; a capitalized word where it shows no sign of them at
        # all is a name ("Texi"), unless a long one (NAME_MAX_LEN: "Landesversarnmlung"), which is
        # a compound more often, and a German model misreads a shape now and then in text whose
        # shapes it keeps ("Parkamentskammer").
        capital = word[0].isupper()
        inside = capital and not sentence_start and word[1:].islower()
        shape_margin = 0.0
        if margin is not None and key.shapes == NEUTRAL and not lex.old_form(word) and not name_like:
            shape_margin = NEUTRAL_SHAPE_MARGIN
        elif margin is not None and key.shapes != LOST:
            shapes = False
        elif margin is not None and not key.modern and lex.historical(word):
            shape_margin = NEUTRAL_SHAPE_MARGIN  # an old form where the text may be old ("von seiten": no "selten")
        # (... but for a form of address whose capital I OCR read as another capital: "bei Thnen", no name)
        address = capital and "I" + word[1:] in ADDRESS_FORMS
        shaped = shapes and (address or not (capital and key.shapes in (INTACT, UNSEEN) and len(word) < NAME_MAX_LEN))
        # (no shapes at all: the search need not try them, unless a user's word may be meant)
        no_shapes = not shaped and not lex.user_words
        bounds = _bounds(key, short, restore_only, unknown_lower, name_like, no_shapes)
        # (LONG_WORD: a long word that no list knows, in a text that shows its damage)
        long_word = margin is None and len(word) >= LONG_WORD and LOST in (key.umlauts, key.shapes)
        if reads:
            read_max = READ_VALID_MAX_COST + (NAME_COST if name_like else 0.0)
            bounds = bounds._replace(dots_only=False, max_cost=min(bounds.max_cost, read_max))
        cands = self.search(word, bounds, margin is None and not short)
        one_reading = common_shapes and key.shapes != LOST
        guesses = shapes and not one_reading  # (:meth:`_no_candidate`'s)
        if not cands and long_word and not restore_only:
            cands = self.search(word, bounds._replace(max_cost=bounds.max_cost + LONG_WORD_COST), False)
        if not cands:
            return self._no_candidate(word, key, margin, guesses)  # (most searches: no more to ask)
        # (an old or dialect form is as common as in old text; and in old text, a word that no
        # dictionary takes is weighed against its candidates by their frequency there: "inn" is
        # "ihn", a pronoun, which novels and drama use far more than the web text of the list)
        era = key.old and not lex.valid(word)
        base_zipf = lex.era_zipf(word) if era else lex.zipf(word, old=True)
        # ... but a restored umlaut weighs against the word as written: a lower-case "wahlen"
        # is no "Wahlen", while misread shapes still weigh against both ("route" for "Route")
        written_zipf = lex.zipf(word, old=True, folded=False) if margin is not None and word[0].islower() else base_zipf
        shaped_compound = lex.compound_like(word)  # "Traditions|ware" need not be "…wäre"
        listed_word = margin is not None and lex.listed(word)
        capital_word = capital and not sentence_start and listed_word
        # a word no list knows, in a document that lost its dots, may have been a rarer word
        lost_word = margin is None and key.umlauts == LOST
        # ... and so may an acronym that nothing knows, short as it is, as one with its Ö known
        # ("OSV": "ÖSV", a word the word list knows from web text: LOST_TARGET_ZIPF)
        lost_acronym = key.umlauts == LOST and word.isupper() and not lex.listed_or_known(word)
        # (a short capitalized word where the text shows misread shapes only as a sign: NAME_START)
        short_name = (
            capital and len(word) < READ_MIN_CAPITAL and key.shapes != LOST
            and lex.prefixes.shared(first_lower(word)) >= NAME_START
        )
        found: list[tuple[float, Candidate, str]] = []
        checked = probes = 0
        # an unknown word made of two known ones ("Schiller|straße", "Klein|sche") gets dots only
        # where the document lost them (unless they make a listed word: "Kunst|stick" is the
        # "Kunststück" a list holds whole), and a ligature only where it shows dropped ones
        plausible = margin is None and not restore_only and lex.compound_like(word)
        if margin is None:
            ligatures = key.ligature == LOST or not lex.compound_like(word, known=True)
        else:
            ligatures = key.ligature == LOST or (key.ligature == NEUTRAL and not lex.historical(word))
        for cand in cands:
            shape = not shaped and _shape_only(cand)
            if (shape or (not ligatures and "ligature" in cand.rules)) and cand.word not in lex.extra_words:
                continue  # (the user's words are wanted wherever they may be meant)
            form = self._cased(word, cand, sentence_start)
            if form is None or _ODD_CAPITAL.search(form):
                continue
            if restore_only and (cand.inserted or len(form) < len(word)):
                # a valid word with a whole letter dropped is rarely one ("Mut" is no "Mußt"), nor
                # one with two letters read for an umlaut ("Sticke" is no "Säcke", but "Stücke")
                continue
            if cand.listed_only and margin is not None:
                continue  # a rare reading ("g" for "ß") does not change a word a list knows ("Dag", "lieg")
            if len(word) <= DOTTED_SHORT and key.shapes != LOST and dot_count(form) < dot_count(word):
                continue  # a short dialect word or name keeps its dots where shapes are not plainly misread
            if name_like and not cand.inserted and len(form) > len(word) and form.count("ß") > word.count("ß"):
                continue  # a name's vowel is no umlaut and ß read as one letter ("Grote": no "Größte")
            if cand.restored and intact_restored(word, form, key) and (
                not lex.listed(form) or _intact_read(word, form, key)
            ):
                continue  # a dotted letter the text keeps: only towards a listed word ("romanhafte"), by its dots
            if key.ligature == INTACT and "ligature" in cand.rules and not lex.listed_or_known(form):
                continue  # likewise a ligature: no compound hunspell makes up ("Wertsch", "Wertfisch")
            if margin is not None and not key.old and listed_word and not lex.listed(form):
                continue  # a listed word is an old or dialect form only in old text ("Allmacht": no "Allmächt")
            if cand.restored and form[0].islower() and capital_word:
                continue  # a listed word capitalized mid-sentence is a noun ("den Andern"), no "ändern"
            if cand.restored and key.umlauts != LOST and (
                (plausible and not lex.listed(form)) or (margin and capital and form[0].islower())
            ):
                continue  # and "U" read for "ü" ("Uber") is the English model's: "Uber" is a name elsewhere
            if "acronym" in cand.rules:
                # "Kl" for "KI": only towards the shipped acronyms and user words
                if form in lex.extra_words:
                    found.append((cand.cost - FREQ_WEIGHT * COMMON_ZIPF, cand, form))
                continue
            # old forms where the document writes the old spelling, or may (its era unknown) and
            # only umlauts are restored ("erglanzten": "erglänzten"), or a ß form whose ß OCR dropped
            # (a glyph is missing: no ss was printed there, "wibegierig"; not in a name: "Pat");
            # else one whose ß or th OCR read
            if key.old or (not key.modern and _umlauts_only(cand)):
                old = ALL_OLD
            elif not name_like and cand.inserted and cand.rules == ("eszett",):
                old = OLD_ESZETT
            else:
                old = "" if cand.inserted else _old_seen(word, form)
            if cand.listed_only and not key.old and lex.zipf(form, old=True) < COMMON_ZIPF:
                # (a rare reading makes a rare old or dialect form only in old text: "Bubl" is no "Bußl")
                old = ""
            if lex.target(form, _target_zipf(cand, key, lost_word or lost_acronym), old):
                pass
            elif (
                margin is None and cand.shapes and key.shapes == LOST and key.umlauts == LOST and not key.modern
                and lex.historical(form) and lex.zipf(form, old=True) >= COMMON_ZIPF
            ):
                pass  # a common old form, where the text may be old and misreads shapes ("Pfaifen": "Pfaffen")
            elif (
                margin is None
                and not short
                and checked < HUNSPELL_CHECKS
                and probes < COMPOUND_PROBES
                and not cand.listed_only
                and not (cand.inserted and "ligature" not in cand.rules)
            ):
                # not a listed word: a compound?  Restored umlauts must not be inserted
                # into names ("Haus|öle"); a cheap split test comes before hunspell
                probes += 1
                restored = _restore(cand) and not cand.inserted
                if lex.compound_like(form):
                    checked += 1
                    # hunspell, or for a restored umlaut/ß two common words hunspell does
                    # not join ("Fäkalien|drama"), unless the word already was two words
                    joined = restored and not shaped_compound and (form[0].isupper() or lex.lower_compound(form))
                    if not joined and not lex.valid(form):
                        continue
                elif restored and lost_word:
                    # where the document lost its dots, hunspell knows more forms than the
                    # list ("tiberspringend" -> "überspringend")
                    checked += 1
                    if not lex.valid(form):
                        continue
                else:
                    continue
            else:
                continue
            # (an old form is as common as it is in old text: "daß" where OCR read its ß)
            z = (lex.era_zipf(form) if era else lex.zipf(form, key.old or lex.historical(form))) or COMPOUND_ZIPF
            if reads and z < COMMON_ZIPF and (base_zipf or cand.rules != ("eszett",) or not lex.listed(form)):
                # (a rare word is no likelier than the valid one it would replace: "reißendem"; but a
                # listed one whose ß OCR read is, than a compound only hunspell takes: "Europastrafe"
                # -> "Europastraße"; "Seitenwinden" is no "Seitenwänden")
                continue
            if short_name and cand.shapes and z < COMMON_ZIPF:
                continue  # (a name or a foreign word: "Errare", no "Errate")
            if common_shapes and cand.shapes and (
                z < COMMON_ZIPF or not lex.listed(form) or (one_reading and len(cand.rules) > 1)
            ):
                continue  # (two known words made another compound by a shape: "Dach|zelten", "Haus|meier")
            if short and not lost_acronym:
                # (by today's frequency, which set these bars: in a Low German scene "hef" is no "her")
                bar_z = lex.zipf(form, old=True) if era else z  # (era: the text is old)
                if len(form) != len(word) and not key.old:
                    bar_z = lex.zipf(form)  # (an old form made by more than dots: "iin" is no "än", "Lat" no "Laßt")
                if bar_z < (COMMON_ZIPF if cand.cost <= SHORT_MAX_COST else SURE_ZIPF):
                    continue
            # (a lower-case noun read for a capitalized one, "nach italien", is known by that
            # one's frequency: it weighs against the word as written, as a restored umlaut does)
            recased = (
                form[0] != word[0] and form.lower() == word.lower() and len(word) >= RECASED_MIN and lex.listed(form)
            )
            if margin is not None and z < (written_zipf if cand.restored or recased else base_zipf) + margin + (
                cand.cost if margin_by_cost else 0.0
            ) + (
                shape_margin if _shape_only(cand) else 0.0
            ):
                continue
            other_kind = inside and _no_noun(lex, form)
            found.append((cand.cost + (CAPITAL_OTHER_COST if other_kind else 0.0) - FREQ_WEIGHT * z, cand, form))
        if not found:
            return self._no_candidate(word, key, margin, guesses)
        if any(c.shown for _, c, _ in found) and not all(c.shown for _, c, _ in found):
            # a reading only some faces make, the last resort: "fahit" is "fühlt", no "fährt"
            found = [f for f in found if not f[1].shown]
        if inside and len(found) > 1:
            # a capitalized word inside a sentence is a noun: a capitalized candidate that is none
            # goes where a noun is as cheap a reading ("die Michte": "Mächte", no "Möchte", however
            # more common; CAPITAL_OTHER_COST weighs the others)
            nouns = [c.cost for _, c, form in found if form[0].isupper() and not _no_noun(lex, form)]
            if nouns:
                cheapest = min(nouns)
                found = [f for f in found if f[1].cost < cheapest or not _no_noun(lex, f[2])]
        found.sort(key=lambda f: (f[0], f[2]))
        score, cand, form = found[0]
        if dot_count(form) < dot_count(word) and (
            (key.old and (lex.known(word) or lex.zipf(form) < MADE_UP_DOTS_ZIPF))
            or (not key.modern and _old_dotted_tail(lex, word))
        ):
            # old text writes umlauts that today's lists lack ("kömmt", "Geböte", "lüstete"):
            # far more of its unknown dotted words are those than dots a German model made up,
            # but for one of the commonest words that nothing knows dotted ("änders", "einfäch");
            # and a compound whose last part is such an old form is one where no word tells the
            # era ("überkömmt", "Blutdürst")
            return None
        if (
            margin is None and word[0].isupper() and len(form) < len(word)
            and lex.compound_like(word) and not lex.compound_like(form.translate(UNDOT))
        ):
            # two listed words joined, a name and a noun ("Schiller|straße"), are no two letters
            # misread as one dotted one ("Schüler|straße"), unless the undotted form is two
            # listed words too ("Kartoffel|dicker": "Kartoffel|äcker")
            return None
        if lex.swiss:
            form = form.replace("ß", "ss")
        rival = next((f for f in found[1:] if f[2] != form and not _lost_twin(f[2], form, key)), None)
        gap = rival[0] - score if rival else 1.0
        # (a long word's only candidate weighs as a cheaper one: LONG_WORD)
        confidence = _confidence(cand.cost - (LONG_WORD_COST if long_word and rival is None else 0.0), gap)
        if confidence < MIN_CONFIDENCE or form == word:
            return None
        return Fix(form, join_rules(cand.rules), confidence)

    def _no_candidate(self, word: str, key: Key, margin: float | None, shapes: bool) -> Fix | None:
        """:meth:`_best` where no candidate will do: a word that is none may have lost its last
        "l", or be one edit or one reading away from a common word (:meth:`_nearest`)."""
        if margin is None and shapes and _guess_fits(key) and len(word) >= FINAL_L_MIN_LEN:
            # a word's last "l", a thin stroke, lost in a fax or a faint scan ("Befeh", "sowoh")
            form = word + "l"
            if self.lex.target(form) and self.lex.zipf(form) >= EDIT_MIN_ZIPF:
                return Fix(form, "letters", _confidence(FINAL_L_COST, 1.0))
        if margin is None and shapes and word.islower() and len(word) >= EDIT_MIN_LEN and _edits_fit(word, key):
            return self._nearest(word, "dictionary") or self._nearest(word, "reading", key)
        if margin is None and shapes and word[1:].islower() and _reads_fit(word, key):
            return self._nearest(word, "reading", key)  # (a capitalized word, or one in old text)
        return None

    def _nearest(self, word: str, rule: str, key: Key = NEUTRAL_KEY) -> Fix | None:
        """The bounded edit-distance search: one edit away from a clearly most common word;
        with ``rule`` "reading", one reading of the confusion table (READ_FALLBACK) after the
        first letter, none of a dotted letter or ß that ``key`` keeps intact, reported as the
        reading's rule."""
        lex = self.lex
        if rule == "reading":
            # (a reading after the longest start of the word that a listed form has makes none)
            rules = _one_reading(word, lex.prefixes.shared(first_lower(word)), key)
            forms: Iterable[str] = rules
        elif _formed(lex, word) or lex.zipf(word):
            # likely German ("aus|backen", "parkieren"), or a form the word list holds, however
            # rarely (web text writes it: "geschmackslos"), no misreading
            return None
        else:
            # (an edit after the longest start of the word that a listed form has makes no listed form)
            forms = edits1(word, lex.prefixes.shared(first_lower(word)))
        scored = sorted(((lex.zipf(w), w) for w in forms if lex.target(w)), reverse=True)
        if not scored and rule == "reading":
            return self._read_compound(word, key)
        if not scored or scored[0][0] < EDIT_MIN_ZIPF:
            return None
        if len(scored) > 1 and scored[1][0] > scored[0][0] - EDIT_LEAD:
            return None  # "Konze": Konzern or Konzert?  Leave it.
        gap = scored[0][0] - scored[1][0] if len(scored) > 1 else 1.0
        return Fix(scored[0][1], rules[scored[0][1]] if rule == "reading" else rule, _confidence(EDIT_FALLBACK_COST, gap))

    def _read_compound(self, word: str, key: Key = NEUTRAL_KEY) -> Fix | None:
        """A long ``word`` that neither hunspell nor known parts take, as the one of its readings
        (:func:`_one_reading`) that is two listed words of READ_COMPOUND_PART letters or more
        ("Kirchengebitude": "Kirchen|gebäude"), none that loses dots (a German model's)."""
        if len(word) < READ_COMPOUND_LEN or self._known_parts(word, 3) or self.lex.valid(word):
            return None
        readings = _one_reading(word, len(word), key, listed_only=False)
        joined = [w for w in readings if dot_count(w) >= dot_count(word) and self._listed_parts(w)]
        if len(joined) != 1:
            return None
        return Fix(joined[0], readings[joined[0]], _confidence(EDIT_FALLBACK_COST, READ_COMPOUND_GAP))

    def knows(self, text: str, vocab: Mapping[str, int], whole: bool = False) -> bool:
        """Does some list (the shell commands too), the user's words or the document (``vocab``)
        know each word of ``text``?  A fix never puts out a word nothing knows.  With ``whole``,
        as a word, or as a known word and a common one ("Kerzen|licht"), not as any known parts
        ("Kerze|nücht") or a listed word's derived form."""
        lex = self.lex  # (hunspell last: it is slow on words it does not know)
        return all(
            lex.listed_or_known(w) or w in vocab or w in COMMANDS or lex.valid(w)
            or (_known_and_common(lex, w) if whole else self._known_parts(w, 3) or _derived(lex, w))
            for w in letter_runs(text)
        )

    def _dots_by_parts(self, word: str, key: Key) -> Fix | None:
        """A long word that no list knows, made two far more common words by putting lost dots
        back at one place, or else at two ("Soldaten|manteln" -> "Soldaten|mänteln"): the
        search finds only listed forms and compounds of common parts.  A split is as common
        as its rarer part; the word's best split must gain PARTS_MARGIN zipf points with parts
        of PARTS_MIN_PART letters or more (short ones make odd words: "beta|übet"), and no
        other way may.  Never on the first letter (names: "Olaf")."""
        places = _dot_places(word, key)
        if not places:
            return None
        floor = self._parts_zipf(word) + PARTS_MARGIN
        for k in (1, 2):
            found = []
            for chosen in combinations(places, k):
                chars = list(word)
                for i in chosen:
                    chars[i] = DIAERESIS_BASES[chars[i]]
                cand = "".join(chars)
                if self._parts_zipf(cand, (PARTS_MIN_PART, PARTS_MIN_PART)) >= floor:
                    found.append(cand)
            if found:
                return Fix(found[0], "umlaut", PARTS_CONFIDENCE) if len(found) == 1 else None
        return None

    def _dots_for_hunspell(self, word: str, key: Key) -> Fix | None:
        """A long word that no list and no search knows, made a word hunspell accepts by putting
        lost dots back at one place, in one way only ("Bodenradargerat" ->
        "Bodenradargerät", "Eiskristallhohle" -> "Eiskristallhöhle": compounds of three parts,
        which the searches do not build).  The dots must fall in a listed last part of it
        (:func:`_dotted_tail`), or the word be a listed one with an ending German adds
        ("lassigsten" -> "lässigsten"); on the first letter, a capital, only where they make a
        known head before a listed tail ("Okoszene" -> "Öko|szene"; a name is none: "Okonjo")."""
        lex = self.lex
        places = _dot_places(word, key)
        first = DIAERESIS_BASES.get(word[0].lower()) if word[0] in "AOU" else None
        if first and len(places) < PARTS_MAX_PLACES and key.state(first) != INTACT:
            places = [0, *places]
        if not places:
            return None
        found = []
        for i in places:
            cand = word[:i] + DIAERESIS_BASES[word[i]] + word[i + 1 :]
            if not i:
                if _dotted_head(lex, cand) and lex.valid(cand):
                    found.append(cand)
                continue
            # (a word with an ending German adds, but not a bare s: "Trummers" is a name's genitive;
            # hunspell last, it is slow on words it does not know)
            derived = _derived(lex, cand) and not (cand.endswith("s") and lex.listed(cand[:-1]))
            if (derived or _dotted_tail(lex, cand, i)) and lex.valid(cand):
                found.append(cand)
        return Fix(found[0], "umlaut", PARTS_CONFIDENCE) if len(found) == 1 and not lex.valid(word) else None

    def _dots_for_parts(self, word: str, key: Key) -> Fix | None:
        """A long word that neither the lists, a search nor hunspell knows, made known parts by
        putting lost dots back at one place, in one way only: compounds of three parts or more that
        hunspell does not build ("Heizkorper|thermostat|ventil", "Regenwasser|sammel|behalter|deckel").
        The dots must fall in a listed word of PARTS_MIN_PART letters or more (:meth:`_dotted_part`),
        and the word as it stands must not be known parts already ("Sau|getier|fell" may be
        "Säugetier|fell", or may not); never on the first letter (names)."""
        places = _dot_places(word, key)
        if not places or self._known_parts(word, 3):
            return None
        found = [
            form
            for i in places
            if self._known_parts(form := word[:i] + DIAERESIS_BASES[word[i]] + word[i + 1 :], 3)
            and self._dotted_part(form, i)
        ]
        return Fix(found[0], "umlaut", PARTS_CONFIDENCE) if len(found) == 1 and not self.lex.valid(word) else None

    def _dotted_part(self, form: str, at: int) -> bool:
        """Does the letter at ``at`` of ``form`` fall in a listed word of PARTS_MIN_PART letters or
        more, after known words and before known words or an ending ("Heiz|körper|thermostat",
        "durch|lässig|keit", "auf|wärmen|d")?"""
        lex, lower = self.lex, form[0].islower()
        for start in range(at + 1):
            head = form[:start]
            if start and (start < MIN_HEAD or not (lex.listed_or_known(head) or self._known_parts(head))):
                continue
            for end in range(max(at + 1, start + PARTS_MIN_PART), len(form) + 1):
                part = form[start:end]
                listed = _listed_head(part, lex.listed) if start == 0 else _listed_tail(part, lex.listed, lower)
                if listed and self._word_end(form[end:], lower):
                    return True
        return False

    def _word_end(self, rest: str, lower: bool, link: bool = True) -> bool:
        """Can ``rest`` end a word after a part: nothing, an ending (:data:`PART_ENDINGS`), a listed
        word or known words, or with ``link`` any of these after a linking s?"""
        if not rest or rest in PART_ENDINGS:
            return True
        if link and rest[0] == "s" and self._word_end(rest[1:], lower, link=False):
            return True
        if len(rest) < MIN_TAIL:
            return False
        tail = rest if lower else rest[0].upper() + rest[1:]  # (a noun's last part is a noun)
        return _listed_tail(rest, self.lex.listed, lower) or self._known_parts(tail)

    def _restored_compound(self, word: str, key: Key) -> Fix | None:
        """A word no list knows, two listed words once its lost umlauts or ß are restored, and
        not two listed words as it stands ("Waldkauzpiirchen" -> "Waldkauz|pärchen", where the rule
        for "ii" would say "ü"; "Steinbockmiinnchen"; "Staudammen" -> "Stau|dämmen", though web
        text knows a "dammen"):
        the cheapest such restoring, if no other comes within COMPOUND_GAP.  One place is
        restored, so one part is a listed word as it stands: found first, they rule out most
        words (and most candidates) at once."""
        listed = self.lex.listed
        last = len(word) - MIN_PART
        heads = [i for i in range(MIN_HEAD, last + 1) if _listed_head(word[:i], listed)]
        tails = [i for i in range(MIN_HEAD, last + 1) if _listed_tail(word[i:], listed, word[0].islower())]
        if (not heads and not tails) or not set(heads).isdisjoint(tails):
            return None  # (no part listed, or two listed words as it stands: "Umsturz|epoche")
        bounds = _bounds(key, False, False, False, False, True)._replace(rules=RESTORE_RULES, max_edits=1)
        best: Candidate | None = None
        for c in candidates(word, bounds):  # (cheapest first)
            if best is not None and c.cost >= best.cost + COMPOUND_GAP:
                break
            if (
                c.restored
                and not (c.inserted or c.listed_only)
                and c.word.isalpha()
                and _restored_part(word, c.word, heads, tails, listed)
            ):
                if best is not None:
                    return None  # two restorings come close: which one?
                best = c
        if best is None:
            return None
        return Fix(best.word, join_rules(best.rules), _confidence(best.cost, COMPOUND_GAP))

    def _repaired_part(self, word: str, key: Key) -> Fix | None:
        """A long word no list knows, as a listed word and a misread one that the part's own fix
        makes a common listed word ("Aluminiuni|leiter": "Aluminium|leiter", "Kinderstihle":
        "Kinder|stühle"), one way only.  A short part only by its dots (one whose shapes or ß are
        read is easily another word: "mime|tische", "Gesell|schoft"); an edit that no confusion
        explains only in a longer capitalized one that is no known words ("Handwerkier|meister",
        not "Wies|bauer|hof")."""
        lex = self.lex
        lower = word[0].islower()
        if self._known_parts(word) or lex.valid(word):
            return None  # (hunspell first: one call saves many searches of parts)
        found: dict[str, Fix] = {}
        for i in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
            head, tail = word[:i], word[i:]
            listed_head = _listed_head(head, lex.listed)
            if tail[0] == "s" and listed_head and _listed_tail(tail[1:], lex.listed, lower):
                return None  # (two listed words and a linking s: "Gesundheit|s|störung")
            if len(tail) >= PART_FIX_MIN and listed_head:
                f = self._part_fix(tail if lower else tail[0].upper() + tail[1:], key)
                if f is not None:
                    found[head + (f.replacement if lower else first_lower(f.replacement))] = f
            if len(head) >= PART_FIX_MIN and _listed_tail(tail, lex.listed, lower):
                for h, link in ((head, ""), (head[:-1], "s")) if head.endswith("s") else ((head, ""),):
                    f = self._part_fix(h, key) if len(h) >= PART_FIX_MIN else None
                    if f is not None:
                        found[f.replacement + link + tail] = f
        if len(found) != 1:
            return None
        ((form, f),) = found.items()
        return Fix(form, f.rule, min(f.confidence, PARTS_CONFIDENCE))

    def _part_fix(self, part: str, key: Key) -> Fix | None:
        """The fix of ``part`` of a compound (:meth:`_repaired_part`), if it makes a common
        listed word; none of a part that may stand as it is: a listed word before a linking or
        a genitive's s ("Zeitung|s|leser", "Wohnungs- und Hausbau"), or a verb's stem ("Bohr|maschine")."""
        lex = self.lex
        if (part.endswith("s") and _listed_head(part[:-1], lex.listed)) or any(
            lex.listed(first_lower(part) + end) for end in ("en", "n")
        ):
            return None
        f = self.fix(part, False, False, key)
        if f is not None and "dictionary" in f.rule:
            return None  # (lower-case: its own edit guess, as in the whole word's)
        if f is None and part[0].isupper() and len(part) >= PART_EDIT_MIN and _edits_fit(part, key):
            f = None if self._known_parts(part) else self._nearest(part, "dictionary")
        if f is None or not lex.listed(f.replacement) or lex.zipf(f.replacement) < PART_FIX_ZIPF:
            return None
        if f.replacement[0].isupper() != part[0].isupper():
            return None
        return f if len(part) >= PART_SHAPES_MIN or f.rule == "umlaut" else None

    def _head_limit(self, word: str, last: int) -> int:
        """One past the last place a known head of ``word`` may end, at ``last`` at the latest:
        where its second letter is lower-case, no head is all capitals and a known one is the
        start of a form of the sorted list (most heads of a long unknown word are none)."""
        if word[1:2].islower():
            last = min(last, self.lex.prefixes.shared(first_lower(word)))
        return last + 1

    def _parts_zipf(self, word: str, shortest: tuple[int, int] = (MIN_HEAD, MIN_TAIL)) -> float:
        """How common the best split of ``word`` into two known words, of at least ``shortest``
        letters, is: its rarer part's zipf (0: none)."""
        lex = self.lex
        best = 0.0
        for i in range(shortest[0], self._head_limit(word, len(word) - shortest[1])):
            head = lex.zipf(word[:i], old=True)
            if head > best:
                lower = word[0].islower()
                tail = max(lex.zipf(t, old=True, folded=not lower) for t in _tail_forms(word[i:], lower))
                best = max(best, min(head, tail))
        return best if best >= KNOWN_ZIPF else 0.0

    def _listed_parts(self, word: str) -> bool:
        """Is ``word`` two listed words of READ_COMPOUND_PART letters or more (a lower-case
        one ends in a lower-case word)?"""
        lex = self.lex
        lower = word[0].islower()
        for i in range(READ_COMPOUND_PART, self._head_limit(word, len(word) - READ_COMPOUND_PART)):
            head, tail = word[:i], word[i:]
            if lex.listed(head) and any(lex.listed(t) for t in _tail_forms(tail, lower)):
                return True
        return False

    def _known_parts(self, word: str, parts: int = 2) -> bool:
        """Is ``word`` two words the lists know ("blut|überströmte", "Saalach|brücke"; a lower-case
        one ends in a lower-case word), or up to ``parts`` ("Wogen|wolken|brücke"), or a
        capitalized one a known word of four letters or more and a listed noun of three
        ("Möwen|weg", "Ledersohlen|öle")?"""
        lex = self.lex
        lower = word[0].islower()
        last = len(word) - MIN_TAIL
        # (a head of more parts is no listed form: only its own first part is bounded so)
        for i in range(MIN_HEAD, self._head_limit(word, last) if parts == 2 else last + 1):
            head, tail = word[:i], word[i:]
            if any(
                lex.listed(t) or lex.zipf(t, old=True, folded=not lower) >= KNOWN_ZIPF for t in _tail_forms(tail, lower)
            ) and (lex.listed_or_known(head) or (parts > 2 and self._known_parts(head, parts - 1))):
                return True
        if lower or len(word) < 7:
            return False
        head, noun = word[:-3], word[-3].upper() + word[-2:]
        return lex.listed_or_known(head) and lex.listed(noun) and lex.may_be_noun(noun)

    def _cased(self, word: str, cand: Candidate, sentence_start: bool) -> str | None:
        """Casing follows the damage: "Uber" mid-sentence is "über", at a sentence start "Über"."""
        form = cand.word
        if not form:
            return None
        if cand.first_changed and word[0].isupper() and form[0].islower():
            # "U"/"G" read for "ü": lower-case mid-sentence unless the word is a noun
            cap = form[0].upper() + form[1:]
            if sentence_start:
                return cap
            if word[0] == "A" and form[0] == "ä" and _declined_adjective(self.lex, form):
                return None  # (the capital candidate covers it: see below)
            if self.lex.valid(form) or (_ADJECTIVE_END.search(form) and not self.lex.valid(cap)):
                return form  # (a word no dictionary takes either way: its ending tells its kind)
            return cap
        if cand.first_changed and word[0] in "lt" and form[0] == "i":
            # an I read as l or t tells no case: where a sentence starts, it was a capital ("lm":
            # "Im"); an l, a dotless stroke, is a capital I's shape inside one too, where the word
            # may be capitalized there ("lhr": "Ihr"; "lst" is "ist")
            cap = "I" + form[1:]
            if sentence_start or (word[0] == "l" and (cap in ADDRESS_FORMS or self.lex.noun(cap))):
                return cap
        if cand.first_changed and form[0].isupper() and not sentence_start:
            # mid-sentence, a capital that is no noun's or address form's is the damage's
            low = form[0].lower() + form[1:]
            if self.lex.listed(low) and not self.lex.noun(form) and form not in ADDRESS_FORMS:
                if word[0] == "A" and form[0] == "Ä" and _declined_adjective(self.lex, low):
                    # OCR reads a small "ä" as "A" hardly ever (as it reads "ü" as "U"): a declined
                    # adjective so read is a noun made of it ("Integration Älterer", "das Äußere")
                    # or a name's ("die Äußere Mongolei")
                    return form
                if word[0].isupper():
                    return None  # "Über": the lower-case candidate covers it
                if word[0].islower():
                    return low  # "thn": a lower-case letter read for the "i" of "ihn"
        return form


    def should_merge(self, text: str, left: Word, right: Word) -> bool:
        """Are ``left`` and ``right`` one word that OCR split ("Rohstoff\npreise")?

        Only across a line break (the hyphen lost) or a single space, only when
        the right part starts in lower case, and only when the parts are not
        both words while the joined form is; or are not both listed while the joined
        form is a common listed word, more common than either ("ver gessen", "ers⏎ten":
        web text knows "gessen", "ten"; not "supposed to⏎be": "to" is more common than "tobe").
        """
        gap = text[left.end : right.start]
        if gap == " ":
            return self._merges(left.text, right.text, False, sentence_start(text, left.start))
        if gap.strip(" \t") == "\n":
            return self._merges(left.text, right.text, True, sentence_start(text, left.start))
        return False

    def _merges(self, a: str, b: str, line_break: bool, starts: bool = False) -> bool:
        """:meth:`should_merge` for the parts ``a`` and ``b`` across a space or a line break."""
        lex = self.lex
        if not b[0].islower() or len(a) < 2 or len(a) + len(b) > MAX_WORD or (lex.listed(a) and lex.listed(b)):
            return False
        joined = a + b
        common = lex.zipf(joined)
        if lex.listed(joined) and common >= MERGE_COMMON_ZIPF and common > max(lex.zipf(a), lex.zipf(b)):
            return True
        # (hunspell only when the cheap checks leave it open)
        if line_break:
            # across a line break only towards listed words: two words may end and start lines,
            # but no line ends with a prefix that is no word ("ver⏎langte": its hyphen was lost)
            return lex.target(joined) and (a in BOUND_PREFIXES or not _two_words(lex, a, b, starts))
        listed = lex.target(joined)
        if OCR_JUNK.search(joined) or not (listed or lex.compound_like(joined)):
            return False
        if lex.valid(a) or lex.valid(b) or _two_words(lex, a, b, starts):
            return False
        return listed or lex.hunspell_valid(joined)


# Prefixes of German verbs and adjectives: a word no list has that is one of them and a
# listed lower-case word is more likely a word the lists lack than a misreading.
PREFIXES = (
    "ab", "an", "auf", "aus", "bei", "dar", "durch", "ein", "empor", "ent", "er", "fest", "fort",
    "frei", "heim", "her", "hin", "hinzu", "hoch", "los", "mit", "nach", "nieder", "statt", "teil",
    "über", "um", "un", "unter", "ver", "vor", "voran", "vorbei", "weg", "weiter", "wieder", "zer",
    "zu", "zurecht", "zurück", "zusammen",
)
# Prefixes that are no words of their own (web text knows them as the parts of broken words)
BOUND_PREFIXES = frozenset({"be", "emp", "ent", "ge", "ver", "zer"})
# Two parts OCR split, not both listed, whose join is a listed word this common and more
# common than either, are that word (Corrector.should_merge)
MERGE_COMMON_ZIPF = 4.0
MIN_STEM = 4  # letters of the listed word after the prefix


def _prefixed(lex: Lexicon, word: str) -> bool:
    """Is ``word`` a prefix (:data:`PREFIXES`) and a listed lower-case word ("aus|backen")?"""
    return any(
        word.startswith(p) and len(word) - len(p) >= MIN_STEM and lex.listed(word[len(p) :]) for p in PREFIXES
    )


# A past participle, inflected or not, after a separable prefix or none: ge + stem + (e)t
# ("gefettete", "eingeparkt")
_PARTICIPLE = regex.compile(r"^(\p{Ll}*?)ge(\p{Ll}{3,}?)e?t(?:e[mnrs]?)?$")


# A verb in -ieren made from another's stem, as Swiss and Austrian German makes them
# ("parkieren", "grillierte" for "parken", "grillen")
_IEREN = regex.compile(r"^(\p{Ll}+?)ier(?:en|t|te|ten|tet|st|e)$")
MIN_IEREN_STEM = 3

# The present-tense endings of a verb, after its stem ("drittel|t", "bet|st")
PRESENT_ENDINGS = ("est", "et", "st", "t")
MIN_VERB_STEM = 3
# the prefixes of verbs whose past participle takes no "ge" ("verdrittelt")
INSEPARABLE = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer")


def _verb_form(lex: Lexicon, word: str) -> bool:
    """Is the lower-case ``word`` a past participle of a listed verb, after one of PREFIXES
    or none ("gefettete": "fetten"; not "cingesetzt", whose "cin" is no prefix), or a form of
    a verb in -ieren made from a listed verb's stem ("parkieren": "parken"), or a present-tense
    form of a regular verb (:func:`_verb_stem`: "drittelt", "betst")?"""
    m = _PARTICIPLE.match(word)
    if m is not None and (not m[1] or m[1] in PREFIXES) and lex.listed(m[2] + "en"):
        return True
    m = _IEREN.match(word)
    if m is not None and len(m[1]) >= MIN_IEREN_STEM and lex.listed(m[1] + "en"):
        return True
    return any(
        word.endswith(end) and len(word) - len(end) >= MIN_VERB_STEM and _verb_stem(lex, word[: -len(end)])
        for end in PRESENT_ENDINGS
    )


def _infinitive(lex: Lexicon, word: str) -> bool:
    """Is ``word`` a regular verb's infinitive, in lower case or capitalized (:func:`_verb_stem`:
    "ändern", "Wählen"; not "andern", "Wahlen")?"""
    low = first_lower(word)
    stem = low[:-1] if low.endswith(("eln", "ern")) else low[:-2] if low.endswith("en") else ""
    return len(stem) >= MIN_VERB_STEM and lex.listed(low) and _verb_stem(lex, stem)


def _verb_stem(lex: Lexicon, stem: str) -> bool:
    """Is ``stem`` a regular verb's, one whose past participle is listed ("drittel": "gedrittelt";
    "bet": "gebetet", "öffn": "geöffnet"; not "schwarz", though "schwarzen" is listed)?"""
    for participle in (stem + "t", stem + "et"):  # ("gedrittelt", "gebetet", "geöffnet")
        if lex.listed(participle if stem.startswith(INSEPARABLE) else "ge" + participle):
            return True
    return False


def _formed(lex: Lexicon, word: str) -> bool:
    """Is the lower-case ``word`` one German forms from listed words, which the lists lack: a
    prefix and a listed word (:func:`_prefixed`) or a listed verb's form (:func:`_verb_form`)?"""
    return _prefixed(lex, word) or _verb_form(lex, word)


def _listed_with_ending(lex: Lexicon, word: str, endings: tuple[str, ...]) -> bool:
    """Is ``word`` a listed word of MIN_STEM letters or more, as written or with a small first
    letter, and one of ``endings``?"""
    low = first_lower(word)
    for end in endings:
        stem = len(word) - len(end)
        if stem >= MIN_STEM and word.endswith(end) and (lex.listed(word[:stem]) or lex.listed(low[:stem])):
            return True
    return False


def _declined_adjective(lex: Lexicon, word: str) -> bool:
    """Is ``word`` (lower case) an adjective with an ending of its declension, whose stem and
    other declined forms are listed too ("älterer": "älter", "ältere", "älteren")?  A verb's form
    in -e is not ("änderte": no "änderter")."""
    m = _DECLINED.match(word)
    return m is not None and lex.listed(m[1]) and all(lex.listed(m[1] + e) for e in ("e", "en", "er", "es"))


def _noun_formed(lex: Lexicon, word: str) -> bool:
    """Is the capitalized ``word`` a listed word with an ending German makes nouns or their
    forms with, which the lists lack ("Fett|igkeit", "Trocknen|s", "Kompass|en")?"""
    return _listed_with_ending(lex, word, NOUN_ENDINGS)


NOUN_ENDINGS = ("s", "n", "en", "keit", "igkeit", "heit", "ung", "keiten", "heiten", "ungen")


def _derived(lex: Lexicon, word: str) -> bool:
    """Is ``word`` a listed word with what German adds to any: a superlative ending or the s
    of a genitive or an elided "es" ("bürgerlich|ste", "gerührt|s"), the "zu" of an infinitive
    ("vor|zu|schützen") or a verb prefix (:func:`_prefixed`)?  Such forms are many more than
    the lists hold."""
    if _listed_with_ending(lex, word, DERIVED_ENDINGS):
        return True
    low = first_lower(word)
    at = low.find("zu", 2) if low.endswith("n") else -1  # (after a prefix: "vor|zu|schützen")
    while at >= 0:
        if lex.listed(low[:at] + low[at + 2 :]):
            return True
        at = low.find("zu", at + 1)
    return _prefixed(lex, low)


DERIVED_ENDINGS = ("ste", "sten", "ster", "stes", "stem", "s")
# what may follow the last word of a compound: inflections, participles and the suffixes that
# make nouns ("durch|lässig|keit", "Schul|gärtner|innen"; Corrector._word_end)
PART_ENDINGS = frozenset({
    *DERIVED_ENDINGS, "e", "en", "er", "es", "em", "n", "d", "de", "den", "der", "des", "dem",
    "keit", "keiten", "heit", "heiten", "ung", "ungen", "in", "innen",
})


def _two_words(lex: Lexicon, a: str, b: str, starts: bool = False) -> bool:
    """Are ``a`` and ``b`` each common as written, in German or not ("supposed to be", "Bab el"),
    ``a`` in lower case where it starts a sentence (``starts``: "To be")?"""
    return (lex.as_written(a) or (starts and lex.as_written(first_lower(a)))) and lex.as_written(b)


@functools.lru_cache(maxsize=16)
def get_corrector(variant: str, user_words: frozenset[str]) -> Corrector:
    """One corrector (and decision cache) per process for each (variant, user words)."""
    from .lexicon import get_lexicon

    return Corrector(get_lexicon(variant, user_words))


# In text without umlauts these are umlauts even in names the dictionary lacks:
# German has no "ii" inside a word, and "é" between consonants is an ö; nor a 6 between
# letters, or a capital B after a vowel inside a word, where the English model reads ö and ß.
_SURE_UMLAUTS = (  # (pattern, letter, whether it reads a capital inside a word)
    (regex.compile(r"(?<=\p{L})ii(?=[b-df-hj-np-tv-zß])"), "ü", False),  # Wehrschiitz
    (regex.compile(r"(?<=[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z])é(?=[b-df-hj-np-tv-z])"), "ö", False),  # Stéger
    (regex.compile(r"(?<=\p{Ll})U(?=\p{Ll})"), "ü", True),  # begUtigte: a capital inside a word
    (regex.compile(r"(?<=\p{Ll})O(?=\p{Ll})"), "ö", True),
    (regex.compile(r"(?<=\p{Ll})A(?=\p{Ll})"), "ä", True),
    (regex.compile(r"(?<=\p{L})6(?=\p{Ll})"), "ö", False),  # Permafrostb6den
    # (after three letters: "LaBelle", "DeBakey" are names)
    (regex.compile(r"(?<=\p{L}{2}[aeiouäöü])B(?=\p{Ll})"), "ß", False),  # mikrometergroBen
)


def _inner_lowered(word: str) -> str:
    """``word`` with its capitals after a small letter in lower case ("Whatsapp")."""
    return word[0] + "".join(c.lower() if p.islower() else c for p, c in zip(word, word[1:]))


# (a word that shows one of them: the umlauts, or the ß, of a text that lost them)
SURE_UMLAUT_HINT = regex.compile(
    r"ii|é|(?<=\p{Ll})[UOA](?=\p{Ll})|(?<=\p{L})6(?=\p{Ll})|(?<=\p{L}{2}[aeiouäöü])B(?=\p{Ll})"
)


def _unambiguous(word: str, key: Key, lex: Lexicon) -> Fix | None:
    """Umlauts (and ß, as ss in Swiss spelling) that need no dictionary, for words it does
    not know (names): only of the letters whose channel ``key`` does not keep intact, and
    no capital inside a word that is a known word in lower case ("WhatsApp")."""
    if len(word) < 5:
        return None
    out, rules = word, []
    written = lex.known(_inner_lowered(word))  # (then its capitals are the name's: "WhatsApp")
    for pattern, letter, capital in _SURE_UMLAUTS:
        if key.state(letter) == INTACT or (capital and written):
            continue
        new = pattern.sub("ss" if lex.swiss and letter == "ß" else letter, out)
        if new != out:
            out = new
            rules.append("eszett" if letter == "ß" else "umlaut")
    return Fix(out, join_rules(rules), 0.6, unchecked=True) if out != word else None


def ligature_twin(word: str, twin: str) -> bool:
    """Is ``twin`` ``word`` with a dropped ligature restored ("Schiff" for "Schi")?"""
    return len(twin) > len(word) and "ß" not in twin


@functools.lru_cache(maxsize=4096)
def _bounds(key: Key, short: bool, restore_only: bool, unknown_lower: bool, name_like: bool, no_shapes: bool) -> Bounds:
    """What a candidate search may do for a word under ``key``: its costs by channel; with
    ``no_shapes``, no misread shapes at all."""
    name = NAME_COST if name_like else 0.0
    # the English model's rarer readings of common letters (marked dots: a for u) only where ä, ö
    # or ü are lost; a ß alone may be lost in a Swiss text
    english = 0.0 if LOST in key.dots[:3] else NEVER
    return Bounds(
        max_cost=SHORT_MAX_COST_SURE if short else _max_cost(key) + (UNKNOWN_LOWER_COST if unknown_lower else 0.0),
        rules=RESTORE_RULES if restore_only else None,
        dots_only=restore_only,
        short_drops=key.ligature in SIGNS,  # ("oen" is "offen" where the document drops ligatures)
        eszett_drops=key.old,  # (OCR of old print drops the ß of "muß", "laß")
        readings=key.readings,  # (rare readings only where the text shows them)
        dots_cost=(*(DOTS_COST[s] for s in key.dots), english, 0.0, 0.0),  # type: ignore[arg-type]
        read_cost=(*(READ_COST[s] for s in key.dots), 0.0, 0.0, 0.0),  # type: ignore[arg-type]
        edit_cost=(  # type: ignore[arg-type]
            *(EDIT_COST[s] + name for s in key.dots),
            (NEVER if no_shapes else SHAPE_COST[key.shapes]) + name,
            LIGATURE_COST[key.ligature],
            0.0,  # "Kl" for "KI": towards the shipped acronyms only, anywhere
        ),
    )


def _old_dotted_tail(lex: Lexicon, word: str) -> bool:
    """Does ``word`` end in an old form with dots that old text writes at least as often as the
    web, after a part of OLD_TAIL_HEAD letters or more ("über|kömmt", "Blut|dürst")?"""
    for i in range(OLD_TAIL_HEAD, len(word) - OLD_TAIL_MIN + 1):
        tail = word[i:]
        if dot_count(tail) and any(lex.old_form(t) and not lex.listed(t) for t in (tail, tail[0].upper() + tail[1:])):
            return True
    return False


_DECLINED = regex.compile(r"(\p{L}{3,})(e[mnrs]?)$")  # an adjective's stem and ending (see _declined_adjective)
# a noun's adjective in -los, inflected or not (see Corrector._fix)
_LOS_ADJECTIVE = regex.compile(r"\p{L}{3}los(?:e[mnrs]?)?$")


def _any_case_zipf(lex: Lexicon, word: str) -> float:
    """The frequency of ``word`` written in capitals, or in lower or title case: the list knows
    few words in capitals ("MÜTTER", not "MUTTER")."""
    return max(lex.zipf(word), lex.zipf(word.lower()), lex.zipf(word[0] + word[1:].lower()))


def _no_noun(lex: Lexicon, form: str) -> bool:
    """Is ``form`` capitalized but no noun (CAPITAL_OTHER_COST: "Hätten", "Möchte")?"""
    return form[0].isupper() and not lex.may_be_noun(form)


def _edits_fit(word: str, key: Key) -> bool:
    """May a word no confusion explains be taken for one edit away from a common word?  Not
    in old text: there such a word is more often an old or poetic form ("lernest", "griffet"),
    unless it has dots or a ß that are no old form's (a word repaired in part: "fortfüthren")."""
    return (not key.old or contains_any(word, "äöüß")) and _guess_fits(key)


def _reads_fit(word: str, key: Key) -> bool:
    """May ``word``, which no list knows, be one reading from a common word (READ_FALLBACK)?  A
    lower-case one where a fix may cost what a guess does, or the text shows misread shapes plainly
    (German-model OCR keeps the dots and misreads shapes: "hofie"); a capitalized one where the
    text shows misread shapes, from READ_MIN_CAPITAL letters unless it shows them plainly."""
    if word.islower():
        return len(word) >= EDIT_MIN_LEN and (_guess_fits(key) or key.shapes == LOST)
    return (key.shapes == LOST and len(word) >= EDIT_MIN_LEN) or (key.shapes == NEUTRAL and len(word) >= READ_MIN_CAPITAL)


def _guess_fits(key: Key) -> bool:
    """May a fix cost what a guess that no confusion explains does (EDIT_FALLBACK_COST)?  Not
    where the text keeps its umlauts, nor where it shows no misreading (Key.misread): there a word
    no list knows is rare, a dialect's or a typo the writer made ("per pedes" is no "jedes")."""
    return EDIT_FALLBACK_COST <= _max_cost(key) and key.misread


def _max_cost(key: Key) -> float:
    """The most a fix may cost."""
    return MAX_COST[key.umlauts]


def _target_zipf(cand: Candidate, key: Key, lost_word: bool) -> float | None:
    """How common a word no dictionary lists must be for ``cand`` to make it (None: never).

    A restored umlaut, ß or dropped ligature that makes a word common in German text
    is strong evidence ("herausge|fi|ltert"); more so where the document shows that damage."""
    if _restore(cand):
        return LOST_TARGET_ZIPF if lost_word else KNOWN_TARGET_ZIPF
    if cand.rules == ("ligature",):
        return LOST_TARGET_ZIPF if key.ligature in SIGNS else KNOWN_TARGET_ZIPF
    return None


def _restore(cand: Candidate) -> bool:
    """Does ``cand`` only restore umlauts or ß?"""
    return all(r in RESTORE_RULES for r in cand.rules)


def intact_restored(word: str, form: str, key: Key) -> bool:
    """Does ``form`` hold more of a dotted letter or ß than ``word``, one the text keeps intact?"""
    low, new = word.lower(), form.lower()
    return any(new.count(c) > low.count(c) and key.state(c) == INTACT for c in DOTS if c in new)


def _intact_read(word: str, form: str, key: Key) -> bool:
    """Does ``form`` put a dotted vowel the text keeps intact where ``word`` has a plain letter
    of another shape, not the vowel without its dots ("rahmte": "rühmte", an a read for ü)?
    (A dotted letter or é read for it still counts: "betüubt", "kénnen".)"""
    return len(word) == len(form) and any(
        f in _DOTTED and w != f and w.isascii() and w != f.translate(UNDOT) and key.state(f) == INTACT
        for w, f in zip(word.lower(), form.lower())
    )


def _lost_twin(other: str, form: str, key: Key) -> bool:
    """Is ``other`` ``form`` without dots the text lost ("Flache" for "Fläche" where ä are lost)?
    Then it is no rival of ``form``: it may be ``form`` itself, damaged again."""
    return len(other) == len(form) and all(
        o == f or (o == f.translate(UNDOT) and key.state(f.lower()) == LOST) for o, f in zip(other, form)
    )


def _read_costs() -> dict[tuple[str, str], float]:
    """What OCR reads for a letter, and at what cost: the rows of the confusion table for one
    letter that need no evidence of the document (Corrector.swapped)."""
    costs: dict[tuple[str, str], float] = {}
    for c in CONFUSIONS:
        if len(c.meant) == 1 and c.rule in ("umlaut", "eszett", "letters") and not c.shown:
            costs[c.seen, c.meant] = min(c.cost, costs.get((c.seen, c.meant), c.cost))
    return costs


def _letter_state(key: Key, letter: str) -> str:
    """The state of the channel that a misreading of ``letter`` belongs to: its own for ä, ö, ü
    and ß, the letter shapes' for any other."""
    return key.state(letter) if letter in DOTS else key.shapes


_READ_COSTS = _read_costs()
_READINGS = frozenset((c.seen, c.meant) for c in CONFUSIONS if not c.shown)


def _read_for(seen: str, form: str, at: int) -> str | None:
    """What OCR read in ``seen`` for the letter at ``at`` of ``form`` ("ii" in "gefiillt" for the
    "ä" of "gefällt", and in "miiBig" for the "ä" of "mäßig"); None where the letter is part of a
    longer misreading that no split into readings explains ("x" for "äß")."""
    shift = 0  # (how much longer ``seen`` is than ``form`` before ``at``)
    for start, end, seen_start, seen_end in misread_runs(form, seen):
        if at < start:
            break
        if at < end:
            run = seen[seen_start:seen_end]
            if end - start == 1:
                return run
            if at != start:
                return None
            # the letter and what follows it read together ("äß" as "iiB"): the split where each
            # part is a reading of its letters
            letter, rest = form[at], form[at + 1 : end]
            splits = (k for k in range(len(run) + 1) if {(run[:k], letter), (run[k:], rest)} <= _READINGS)
            return next((run[:k] for k in splits), None)
        shift += (seen_end - seen_start) - (end - start)
    return seen[at + shift]


def _one_reading(word: str, upto: int, key: Key, listed_only: bool = True) -> dict[str, str]:
    """The forms of ``word`` with one reading of READ_FALLBACK undone up to ``upto``
    (:func:`~ocrfix.confusions.undone`), by the reading's rule: none that restores a dotted letter
    or ß that ``key`` keeps intact, and without ``listed_only``, none of the readings that may only
    make a listed word (Confusion.listed_only)."""
    intact = {i for i, state in enumerate(key.dots) if state == INTACT}
    out: dict[str, str] = {}
    for form, (_, _, rule, only_listed, channel) in undone(word, READ_FALLBACK, upto):
        if (listed_only or not only_listed) and channel not in intact:
            out.setdefault(form, rule)
    return out


def dot_count(word: str) -> int:
    """How many of the letters of ``word`` carry dots (ä, ö, ü)."""
    return sum(map(word.count, "äöüÄÖÜ")) if not word.isascii() else 0


def _tail_forms(tail: str, lower: bool) -> tuple[str, ...]:
    """The words the second part of a compound may be: as written, or capitalized (a noun), unless
    the compound is ``lower`` case, which a noun at its end never makes ("durch|wächter")."""
    return (tail,) if lower else (tail, tail[0].upper() + tail[1:])


def _listed_tail(tail: str, listed: Callable[[str], bool], lower: bool = False) -> bool:
    """Is ``tail``, the second part of a compound, a listed word (see _tail_forms)?"""
    return any(listed(t) for t in _tail_forms(tail, lower))


def _dot_places(word: str, key: Key, first: int = 1) -> list[int]:
    """Where ``word`` may have lost dots: its a, o, u whose dotted letter the text does not keep
    intact, from letter ``first`` on (not the first letter by default: names, "Olaf"); none if
    more than PARTS_MAX_PLACES."""
    places = [
        i for i, ch in enumerate(word) if i >= first and ch in "aou" and key.state(DIAERESIS_BASES[ch]) != INTACT
    ]
    return places if len(places) <= PARTS_MAX_PLACES else []


def _dotted_tail(lex: Lexicon, form: str, first: int) -> bool:
    """Does ``form`` end in a listed word that holds all its restored dots (from ``first`` on),
    after a known head ("Eiskristall|höhle")?  Dots in a head are rather a misreading
    of a compound the lists lack ("Fahrrad|bremse" is no "Fähr|radbremse")."""
    lower = form[0].islower()
    return any(
        _listed_tail(form[i:], lex.listed, lower) and lex.listed_or_known(form[:i])
        for i in range(MIN_HEAD, min(first, len(form) - MIN_TAIL) + 1)
    )


def _dotted_head(lex: Lexicon, form: str) -> bool:
    """Does ``form``, dotted at its first letter, start with a known word that holds the dots
    (and is more common than without them), before a listed tail ("Öko|szene")?"""
    return any(
        lex.listed_or_known(form[:i]) and lex.zipf(form[:i]) > lex.zipf(form[0].translate(UNDOT) + form[1:i])
        and _listed_tail(form[i:], lex.listed)
        for i in range(DOTTED_HEAD, len(form) - MIN_TAIL + 1)
    )


def _known_and_common(lex: Lexicon, word: str) -> bool:
    """Is ``word`` a known word and a listed or common one (as a compound's last part, see
    _tail_forms)?"""
    lower = word[0].islower()
    return any(
        any(lex.listed(t) or lex.zipf(t) >= COMMON_ZIPF for t in _tail_forms(word[i:], lower))
        and lex.listed_or_known(word[:i])
        for i in range(MIN_HEAD, len(word) - MIN_TAIL + 1)
    )


def _listed_head(head: str, listed: Callable[[str], bool]) -> bool:
    """Is ``head``, the first part of a compound, a listed word: as written, or a noun, which
    starts a lower-case compound in lower case ("gas|gesättigt", "nährstoff|arm")?"""
    return listed(head) or (head[0].islower() and listed(head[0].upper() + head[1:]))


def _restored_part(word: str, form: str, heads: list[int], tails: list[int], listed: Callable[[str], bool]) -> bool:
    """Is ``form``, ``word`` with one place restored, two listed words: a head of ``word`` as it
    stands (at ``heads``) and a listed restored tail, or a listed restored head and a tail of
    ``word`` as it stands (at ``tails``)?  ("Waldkauz|pärchen")"""
    start = next((i for i, (a, b) in enumerate(zip(word, form)) if a != b), min(len(word), len(form)))
    shift = len(form) - len(word)
    end = len(word)  # where the restored place ends in ``word``
    while end > start and end + shift > start and word[end - 1] == form[end - 1 + shift]:
        end -= 1
    return any(
        len(form) - i >= MIN_PART and _listed_tail(form[i:], listed, form[0].islower()) for i in heads if i <= start
    ) or any(i + shift >= MIN_HEAD and _listed_head(form[: i + shift], listed) for i in tails if i >= end)


def _old_seen(word: str, form: str) -> str:
    """Which old forms (see Lexicon.target) a fix of ``word`` to ``form`` may make where the era
    is unknown: ß forms, and those with the th, ey or dt of ``word`` ("rothlich" -> "röthlich"),
    not one that a misread shape made ("Wertn" is no "Werth")."""
    return OLD_SEEN if OLD_LETTER_RUNS.findall(form) == OLD_LETTER_RUNS.findall(word) else OLD_ESZETT


def _umlauts_only(cand: Candidate) -> bool:
    """Does ``cand`` only restore lost or misread umlauts ("Quiilereien" -> "Quälereien")?"""
    return not cand.shapes and all(r == "umlaut" for r in cand.rules)


def _shape_only(cand: Candidate) -> bool:
    """Does ``cand`` rest on letter shapes alone: no lost umlaut, ß or ligature restored?
    (Umlauts a German model saw where there are none are shapes too: "Orgänisation".)"""
    return not cand.restored and "ligature" not in cand.rules and "acronym" not in cand.rules


def _odds_confidence(log_odds: float) -> float:
    """The confidence of a choice its sentence favours by ``log_odds`` (log10)."""
    return round(min(0.99, 1 / (1 + 10**-log_odds)), 3)


def _confidence(cost: float, gap: float) -> float:
    """A rough probability that the fix is right, from its cost and its lead over the next."""
    c = 1.0 / (1.0 + math.exp(3.0 * (cost - 1.2))) * (1.0 - 0.5 * math.exp(-4.0 * max(gap, 0.0)))
    return round(min(0.99, c), 3)


def roman_number(word: str) -> str | None:
    """The Roman number that ``word`` is with its I read as l ("Il": "II", "VIl": "VII"), if it
    may be one; its neighbours decide whether it is (``words._roman``)."""
    if "l" not in word or not _ROMAN_READ.fullmatch(word):
        return None
    number = word.replace("l", "I")
    return number if _ROMAN.fullmatch(number) else None


_ROMAN_READ = regex.compile(r"[IVXl]{2,5}")
_ROMAN = regex.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")


def sentence_start(text: str, start: int) -> bool:
    return bool(SENTENCE_END.search(text, max(0, start - 8), start))
