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
from typing import TYPE_CHECKING, NamedTuple

import regex

from .confusions import RESTORE_RULES, Candidate, candidates
from .lexicon import COMPOUND_ZIPF
from .result import Edit
from .tokens import words

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .pipeline import Context


class Mode:
    """What the document says about its umlauts, from its own letters.

    Text read by an English OCR model or stripped to ASCII has no ä/ö/ü/ß at
    all: there a missing umlaut is the likely reading of "fur" or
    "Osterreich".  Text whose umlauts are intact makes a missing one unlikely
    ("Trummer" is a name there).  Short texts say neither.
    """

    LOST = "lost"
    NEUTRAL = "neutral"
    INTACT = "intact"


MIN_LETTERS = 300  # fewer letters than this do not tell the mode
LOST_RATE = 0.001  # German prose has about 1.5 % ä/ö/ü/ß among its letters
INTACT_RATE = 0.004
DOTS_COST = {Mode.LOST: 0.0, Mode.NEUTRAL: 0.0, Mode.INTACT: 2.0}  # INTACT: not at all

MAX_WORD = 40  # longer tokens are not words (and would make candidate search slow)
SHORT = 3  # words this short get only cheap fixes towards common words
SHORT_MAX_COST = 0.5
FREQ_WEIGHT = 0.15  # cost units per zipf point: frequency breaks ties between cheap candidates
COMMON_ZIPF = 3.0  # a listed word at least this common is taken as correct at once
# How many zipf points (orders of magnitude) more common a restored umlaut/ß form
# must be to replace a valid word, by mode; None: never.
VALID_MARGIN = {Mode.LOST: 0.3, Mode.NEUTRAL: 1.5, Mode.INTACT: None}
# ... and to replace a known word that the dictionary lacks (a name, or "fur").
KNOWN_MARGIN = 1.0
MIN_CONFIDENCE = 0.5
HUNSPELL_CHECKS = 12  # candidates checked with hunspell when the word list lacks them

_SENTENCE_END = regex.compile(r"[.!?:;]['\"“”„«»)\]]*\s*$|^\s*$")
_OCR_JUNK = regex.compile(r"[^\p{L}\p{M}]")
_DOTTED = regex.compile(r"[äöüÄÖÜß]")
_LETTER = regex.compile(r"\p{L}")


class Fix(NamedTuple):
    replacement: str
    rule: str
    confidence: float


def document_mode(text: str) -> str:
    """:class:`Mode` of ``text``, from the share of ä/ö/ü/ß among its letters."""
    letters = len(_LETTER.findall(text))
    if letters < MIN_LETTERS:
        return Mode.NEUTRAL
    rate = len(_DOTTED.findall(text)) / letters
    if rate < LOST_RATE:
        return Mode.LOST
    if rate >= INTACT_RATE:
        return Mode.INTACT
    return Mode.NEUTRAL


class Corrector:
    """Decides about single words, with a per-process cache of decisions."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.fix = functools.lru_cache(maxsize=1 << 17)(self._fix)

    def _fix(self, word: str, sentence_start: bool, before_hyphen: bool, mode: str = Mode.NEUTRAL) -> Fix | None:
        lex = self.lex
        if len(word) < 2 or len(word) > MAX_WORD:
            return None
        if word.isupper():
            # acronyms are protected; only umlaut-less text may have lost an Ö ("OVP")
            return self._best(word, sentence_start, mode, margin=KNOWN_MARGIN, restore_only=True) if mode == Mode.LOST else None
        if lex.valid(word) or (before_hyphen and lex.valid_before_hyphen(word)):
            if lex.listed(word) and lex.zipf(word) >= COMMON_ZIPF and mode != Mode.LOST:
                return None  # a common word: the fast path for correct text
            margin = VALID_MARGIN[mode]
            if margin is None:
                return None
            return self._best(word, sentence_start, mode, margin=margin, restore_only=True)
        user = lex.user_form(word)
        if user:
            return Fix(user, "user_words", 0.9)
        if lex.known(word) and not _OCR_JUNK.search(word):
            return self._best(word, sentence_start, mode, margin=KNOWN_MARGIN, restore_only=False)
        return self._best(word, sentence_start, mode, margin=None, restore_only=False)

    def _best(self, word: str, sentence_start: bool, mode: str, margin: float | None, restore_only: bool) -> Fix | None:
        """The best valid candidate, if it is clearly better than leaving ``word``.

        ``margin`` None: ``word`` is not a word, any cheap valid candidate beats it.
        Otherwise the candidate must be ``margin`` zipf points more common.
        """
        lex = self.lex
        short = len(word) <= SHORT
        base_zipf = lex.zipf(word)
        found: list[tuple[float, Candidate, str]] = []
        checked = 0
        cands = candidates(
            word,
            max_cost=SHORT_MAX_COST if short else None,
            rules=RESTORE_RULES if restore_only else None,
            dots_cost=DOTS_COST[mode],
        )
        for cand in cands:
            form = self._cased(word, cand, sentence_start)
            if form is None:
                continue
            if "acronym" in cand.rules:
                # "Kl" for "KI": only towards the shipped acronyms and user words
                if form in lex.extra_words:
                    found.append((cand.cost - FREQ_WEIGHT * COMMON_ZIPF, cand, form))
                continue
            if lex.listed(form):
                pass
            elif margin is None and not short and checked < HUNSPELL_CHECKS and not _shape_only(cand):
                # a compound hunspell knows; letter-shape guesses alone must be listed words
                checked += 1
                if not lex.valid(form):
                    continue
            else:
                continue
            z = lex.zipf(form) or COMPOUND_ZIPF
            if short and z < COMMON_ZIPF:
                continue
            if margin is not None and z < base_zipf + margin:
                continue
            found.append((cand.cost - FREQ_WEIGHT * z, cand, form))
        if not found:
            return None
        found.sort(key=lambda f: (f[0], f[2]))
        score, cand, form = found[0]
        if lex.swiss:
            form = form.replace("ß", "ss")
        gap = (found[1][0] - score) if len(found) > 1 and found[1][2] != form else 1.0
        confidence = _confidence(cand.cost, gap)
        if confidence < MIN_CONFIDENCE or form == word:
            return None
        return Fix(form, "+".join(dict.fromkeys(cand.rules)), confidence)

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
            return form if self.lex.valid(form) else cap
        if cand.first_changed and word[0].isupper() and form[0].isupper() and not sentence_start:
            low = form[0].lower() + form[1:]
            if self.lex.listed(low) and not self.lex.listed(form):
                return None  # "Über" mid-sentence: the lower-case candidate covers it
        return form


@functools.lru_cache(maxsize=16)
def get_corrector(variant: str, user_words: frozenset[str]) -> Corrector:
    """One corrector (and decision cache) per process for each (variant, user words)."""
    from .lexicon import get_lexicon

    return Corrector(get_lexicon(variant, user_words))


def _shape_only(cand: Candidate) -> bool:
    """Does ``cand`` rest on letter-shape confusions alone (no umlaut, ß or ligature)?"""
    return all(r == "letters" for r in cand.rules)


def _confidence(cost: float, gap: float) -> float:
    """A rough probability that the fix is right, from its cost and its lead over the next."""
    c = 1.0 / (1.0 + math.exp(3.0 * (cost - 1.2))) * (1.0 - 0.5 * math.exp(-4.0 * max(gap, 0.0)))
    return round(min(0.99, c), 3)


def _sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_END.search(text, max(0, start - 8), start))


def correct_words(text: str, ctx: Context) -> list[Edit]:
    """Replace damaged words by their dictionary form."""
    fix = ctx.corrector.fix
    mode = document_mode(text)
    edits = []
    for w in words(text):
        before_hyphen = text.startswith("-", w.end)
        f = fix(w.text, _sentence_start(text, w.start), before_hyphen, mode)
        if f is not None:
            edits.append(Edit(w.start, w.end, f.replacement, f.rule, f.confidence))
    return edits
