"""Read a document once: its words, what it says about its own damage, and its spelling era.

Whether "fur" is "für" depends on the document.  Text that went through an
English OCR model has lost every umlaut; a German model or a scraper may lose
only some letters; a clean scan has lost none.  So the words step reads the
whole document first, and each word decision takes what of it matters, a
:class:`Key`:

- **A channel per letter.**  Each of ä, ö, ü and ß is kept or lost on its own.
  Its evidence is counted over the document's words: the words that hold the
  letter intact, against the words that lost it beyond reasonable doubt, which
  are the English model's readings of it ("Fiihrung", "kénnen", "groBe") and the
  words the dictionary lacks that become listed words when only that letter is
  restored ("fur", "Strafburg").
- **Letter shapes.**  Misread shapes (rn/m, c/e, l/I) leave junk inside words
  ("KG6rper"), lower-case words no dictionary knows, and long capitalized ones that
  one misread shape makes a common word ("Repuhlik"); a document with none of them
  has no shape damage, and a capitalized word there gets no shape guess.
- **Dropped ligatures** ("Einuss", "ndet") against intact fi/fl/ff.
- **The spelling era.**  Old forms ("daß", "muß", "Fluß") and their readings
  ("daB", "muf") against their modern twins ("dass", "Fluss").  Text written in
  the traditional spelling is corrected towards it; modern text is never aged.
- **The vocabulary**: how often each word occurs (names recur; a damaged word's
  intact twin is often in the same text).

:meth:`Document.profile` turns the same reading into the public :class:`Profile` (:func:`ocrfix.profile`).
"""

from __future__ import annotations

import copy
import functools
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import combinations, islice
from typing import TYPE_CHECKING, NamedTuple

import regex

from .chardata import UNDOT, contains_any
from .confusions import LETTER_READINGS, SHOWN_READINGS, by_first, undone
from .lexicon import MAX_WORD, OLD_LETTER_RUNS, OLD_LETTERS, old_spelling
from .tokens import QUOTE_OPENINGS, letter_run_at, letter_run_start, letter_runs, only_letter_runs, quotations, touches

if TYPE_CHECKING:
    from .lexicon import Lexicon

LOST, NEUTRAL, INTACT = "lost", "neutral", "intact"
UNSEEN = "unseen"  # shapes and ligatures: no sign of damage, but too few words to say it is intact
TRADITIONAL, MODERN, UNKNOWN = "traditional", "modern", "unknown"
ESZETT_DROPPED = "dropped"  # an old ß form with its ß dropped ("mu"): a sign of the era only where ß is lost
DOTS = ("ä", "ö", "ü", "ß")  # the letters OCR and scrapers lose, one channel each
CHANNELS = (*DOTS, "ligature", "shapes")

# A channel is lost where at least this share of its evidence says so, intact where at most this.
LOST_SHARE = 0.5
INTACT_SHARE = 0.2
MIN_EVIDENCE = 2  # fewer words than this say nothing about a channel
POOLED_EVIDENCE = 3  # ... but this many words with dots or ß, all intact, say that each is
SHORT_POOLED_EVIDENCE = 2  # ... in a text shorter than MIN_LETTERS
# Without evidence for a channel: a long text with hardly any ä/ö/ü/ß at all (German
# prose has about 1.5 % among its letters) lost them, an English model or an ASCII scrape.
MIN_LETTERS = 300
LOST_RATE = 0.001
# Letter shapes: lost where this share of the lower-case words is junk or unknown,
# intact where none is and there are this many to judge by.
SHAPES_LOST_SHARE = 0.04
SHAPES_MIN_LOST = 3
SHAPES_MIN_INTACT = 30
# ... and lost only where at least this many of them are one misread shape from a known word
# ("sichst") or junk: a text's terms and foreign words are not ("isometrisch", "retrogradadas")
SHAPES_MIN_MISREAD = 1
# ... and in a dialect scene (DIALECT_SHARE) this many: a dialect's words are often one shape
# from a standard word (Low German "Dauk", "ruter": no "Dank", "tutet")
DIALECT_MIN_MISREAD = 3
# A dialect scene: old or dialect forms the word list lacks are this share of the words (a Low
# German scene), counting dotted words that taking the dots away makes listed (Swiss "dänn",
# "nöch", "Gärn"; elsewhere a German model's made-up dots, a few); its words no list knows are
# the dialect's more often than damage.
DIALECT_SHARE = 0.15
# ... and two of them at least: in a sentence of six words one old-looking form is 15 % ("Schutzen
# Sie das Gerat vor Regen": a damaged "Gerät"), two are a dialect's ("Kimmst heit mit zum Wirt?")
DIALECT_MIN = 2
SPEECH_MIN = 3  # ... and, for the quotations of a text alone, at least this many such words;
# or as many words no list knows or old or dialect forms, where the narration around them
# (NARRATION_MIN words at least) holds at most this share of them: its own words are there
NARRATION_CLEAN = 0.02
NARRATION_MIN = 30
_SPEECH = quotations(across_lines=True)


def _dialect_speech(text: str, runs: list[str], evidence: _Evidences) -> tuple[list[tuple[int, int]], int]:
    """The spans of the quotations of ``text`` (its words: ``runs``) where together they are a
    dialect scene, and how many of their words counted as misread shapes; else none.

    They are where at least DIALECT_SHARE of their words, and SPEECH_MIN, are lower-case old or
    dialect forms or dotted words that taking the dots away makes listed (a Saxon customs
    officer's "nich", "Nee", "dn" in a joke told in standard German; names and the old spelling
    are capitalized or hold a ß: "Trud", "muß").  Or where as many are such forms or lower-case
    words no list knows (Swiss "mitenand", "derzue"; a Latin or English saying), and the
    narration around them holds hardly any (NARRATION_CLEAN): OCR damages a text throughout,
    not its quotations alone."""
    spans, words, dialect, odd = [], 0, 0, 0
    for m in _SPEECH.finditer(text):
        spans.append(m.span())
        for word in letter_runs(m[0]):
            ev = evidence.kinds[evidence(word)]
            words += 1
            dialect += _dialect(ev, word)
            odd += "shapes" in ev.lost
    need = max(SPEECH_MIN, DIALECT_SHARE * words)
    if dialect >= need or (dialect + odd >= need and _clean_narration(runs, words, dialect + odd, evidence)):
        return spans, odd
    return [], 0


def _dialect(ev: Evidence, word: str) -> bool:
    """Is ``word`` (its evidence ``ev``) a lower-case old or dialect form, or one with made-up dots?"""
    return (ev.old and word[0].islower() and "ß" not in word) or ev.undotted


def _clean_narration(runs: list[str], quoted: int, odd: int, evidence: _Evidences) -> bool:
    """Do the words of a text outside its ``quoted`` words hold at most NARRATION_CLEAN old or
    dialect forms or words no list knows, given the ``odd`` ones in the quotations?"""
    narration = len(runs) - quoted
    if narration < NARRATION_MIN:
        return False
    kinds = evidence.kinds
    total = sum(_dialect(ev := kinds[evidence(w)], w) or "shapes" in ev.lost for w in runs)
    return total - odd <= NARRATION_CLEAN * narration


# The English model's readings of the dotted letters.  Within a word of letters:
_LETTER_SIGNATURES = (
    ("ü", regex.compile(r"(?<=\p{L})ii(?=\p{Ll})")),  # Fiihrung
    ("ä", regex.compile(r"(?<=\p{L})éa(?=\p{Ll})")),  # Abhéangigkeit
    ("ö", regex.compile(r"(?<=\p{L})é(?!a)(?=\p{Ll})")),  # kénnen
    ("ß", regex.compile(r"(?<=\p{Ll})B(?=\p{Ll}|$)")),  # groBe, daB
)
# ... and with a digit or sign, which splits the letter runs, in the running text ("er6ffnete",
# "gro8ten", "hie&"), found in one scan with what misread shapes leave ("KG6rper", "Sch|uss").
_SCAN = regex.compile(
    r"(?<=\p{L})(?:(?P<ö>6)(?=\p{Ll})|(?P<ß>[8&{](?=\p{Ll})|(?:[8&{]|\}(?<!\{\p{L}*\}))(?=[^\p{L}\p{N}]|$))|(?P<shapes>[0-9|!$%{}®@]+)(?=\p{L}))"
)
_ESZETT_READINGS = ("B", "f", "S")  # a ß read as one of these ("daB", "muf", "ProzeS")
_ESZETT_PAIRS = ("fS", "fs", "fB", "BB")  # ... or as two letters ("dafS", "groBBe")
MAX_PLACES = 3  # restore the letter at up to this many places of a word
LIGATURES = ("fi", "fl", "ff")


class Key(NamedTuple):
    """What of a document's profile a word decision depends on (the caches are keyed by it,
    so it holds only what decisions use, coarsely: documents of a kind share one)."""

    dots: tuple[str, str, str, str]  # the state of ä, ö, ü and ß: LOST, NEUTRAL or INTACT
    umlauts: str  # the whole: LOST if some dotted letter is lost, INTACT if all are kept
    shapes: str  # misread letter shapes: LOST (seen), NEUTRAL (a sign), INTACT (none in enough words), UNSEEN
    ligature: str  # dropped ligatures: LOST (seen), NEUTRAL (a sign), INTACT (fi, fl and ff kept), UNSEEN
    old: bool  # written in the traditional spelling
    modern: bool = False  # written in the new one (neither: the text does not tell)
    # the rare readings of some faces that the text shows and uses (confusions.SHOWN_READINGS:
    # (seen, meant)); none where it shows no misread shapes at all
    readings: frozenset[tuple[str, str]] = frozenset()
    # does the text show OCR's misreadings: the English model's readings of the dotted letters
    # ("Fiihrung", "groBe") or misread shapes plainly?  Where a text lost its dots and shows
    # neither (a scrape that wrote a for ä), a listed word gets its dots back, no other reading,
    # and a word no list knows no guess that no confusion explains
    misread: bool = True

    def state(self, letter: str) -> str:
        """The state of the channel of ``letter`` (one of DOTS)."""
        return self.dots[DOTS.index(letter)]

    @property
    def of_dots(self) -> Key:
        """The part of this key that decisions about listed words depend on (only their dots
        may be lost): documents that differ in shapes or ligatures share those decisions."""
        part = _OF_DOTS.get(self)
        if part is None:
            part = _OF_DOTS.setdefault(self, self._replace(shapes=NEUTRAL, ligature=NEUTRAL, readings=frozenset()))
        return part


_OF_DOTS: dict[Key, Key] = {}  # (a few hundred keys at most: states are few)


NEUTRAL_KEY = Key((NEUTRAL,) * 4, NEUTRAL, NEUTRAL, NEUTRAL, False)


class Evidence(NamedTuple):
    """What one distinct word says, counted once per occurrence (see :func:`_evidence`), or
    once in all (``once``)."""

    intact: frozenset[str]  # channels it holds intact
    lost: frozenset[str]  # channels it lost beyond doubt
    era: str  # TRADITIONAL, MODERN, ESZETT_DROPPED or "" (no sign)
    signatures: int  # the English model's readings in it
    old: bool = False  # an old or dialect form that the word list lacks ("nich", "wat")
    readings: tuple[int, ...] = ()  # the SHOWN_READINGS (their indices) that alone make it a common listed word
    undotted: bool = False  # its shapes lost are dots a German model made up, its dots taken away
    plain: bool = False  # its shapes lost are no plain misreading: no one misread shape makes it a known word
    once: bool = False  # counted once however often it occurs: a capitalized word that may be a name, an old form


@dataclass(frozen=True)
class Channel:
    """The evidence for one channel: words holding it intact, words that lost it, and the verdict."""

    name: str
    intact: int
    lost: int
    state: str


@dataclass(frozen=True)
class Profile:
    """What a document says about itself (:func:`ocrfix.profile`).

    ``era`` is "traditional" (the 1901 spelling or older: "daß"), "modern" or
    "unknown", with the words for each (``traditional``, ``modern``);
    ``channels`` holds the evidence for ä, ö, ü, ß, dropped ligatures and letter
    shapes; ``english_model`` counts the English OCR model's signatures
    ("Fiihrung", "groBe"); ``words`` the words, ``unknown`` those that no
    dictionary knows; ``damaged`` estimates the share of damaged words: those
    the cleaning changed and those it left unknown; ``readings`` the rare readings of
    some faces that the text shows ("ni→m": "sanimeln"), which the cleaning used.
    """

    era: str
    traditional: int
    modern: int
    channels: tuple[Channel, ...]
    english_model: int
    words: int
    unknown: int
    damaged: float
    readings: tuple[str, ...] = ()

    def channel(self, name: str) -> Channel:
        return next(c for c in self.channels if c.name == name)

    def to_dict(self) -> dict[str, object]:
        return {
            "era": self.era,
            "traditional": self.traditional,
            "modern": self.modern,
            "channels": {c.name: {"intact": c.intact, "lost": c.lost, "state": c.state} for c in self.channels},
            "english_model": self.english_model,
            "words": self.words,
            "unknown": self.unknown,
            "damaged": self.damaged,
            "readings": list(self.readings),
        }


class Document:
    """A text read once: its letter runs and their counts, its :class:`Key` and the counts behind it."""

    __slots__ = (
        "__dict__",
        "counts",
        "dialect_scene",
        "era_counts",
        "key",
        "old_forms",
        "only_runs",
        "runs",
        "signatures",
        "speech",
        "states",
        "text",
        "unknown",
        "words",
    )

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.runs = letter_runs(text)
        self.only_runs = only_letter_runs(text)  # no word holds a digit or sign
        evidence = _evidences(lex)
        # each word's evidence is cached as one of a handful of kinds, the kinds are counted in
        # C, and each kind adds its counts (a vector, see _Evidences) times its words
        for word in set(self.runs).difference(evidence.kind):  # (set operations in C)
            evidence(word)
        kinds = list(map(evidence.kind.get, self.runs))
        if None in kinds:  # (the cache was cleared meanwhile)
            kinds = list(map(evidence, self.runs))
        totals = [0] * _SIZE
        vectors = evidence.vectors
        counted = Counter(kinds)
        if once := evidence.once.intersection(counted):
            # (a name repeats: "Buhnen" three times in a text on coasts is one sign of a lost ü)
            distinct = Counter(dict(zip(self.runs, kinds)).values())
            counted.update({kind: distinct[kind] - counted[kind] for kind in once})
        for kind, n in counted.items():
            for i, x in vectors[kind]:
                totals[i] += x * n
        intact, lost = totals[: len(CHANNELS)], totals[len(CHANNELS) : 2 * len(CHANNELS)]
        self.words = len(self.runs)
        self.unknown = lost[_SHAPES]  # (so far: the lower-case words no list knows)
        self.signatures = totals[_SIGNATURES]
        # the words that are old or dialect forms the word list lacks, and whose dots restored make
        # no commoner listed word (those are signs of lost dots: "fur")
        self.old_forms = totals[_OLD]
        undotted = totals[_UNDOTTED]
        self.dialect_scene = self.old_forms + undotted >= max(DIALECT_MIN, DIALECT_SHARE * self.words)
        if self.dialect_scene:
            # dialect writes dotted words no list knows: there, those that taking the dots away
            # makes listed are no sign of a German model's made-up dots
            lost[_SHAPES] -= undotted
        self.speech: list[tuple[int, int]] = []
        odd = self.old_forms + undotted + lost[_SHAPES]
        if not self.dialect_scene and odd >= SPEECH_MIN and contains_any(text, QUOTE_OPENINGS):
            # a dialect scene in the quotations alone (the narration around them standard German):
            # their words no list knows are the dialect's, no sign of misread shapes
            self.speech, shapes = _dialect_speech(text, self.runs, evidence)
            lost[_SHAPES] -= shapes
        traditional = totals[_TRADITIONAL]
        if not self.only_runs:
            for m in _SCAN.finditer(text):
                lost[CHANNELS.index(m.lastgroup)] += 1  # type: ignore[arg-type]
                self.signatures += m.lastgroup != "shapes"
                if m.lastgroup == "ß" and _old_form_read(lex, text, m.start()):
                    traditional += 1  # ("da8", "La&": an old ß form, as "daB" is)
        self.counts = (intact, lost)  # by CHANNELS
        readings = frozenset(r for i, r in enumerate(SHOWN_READINGS) if totals[_READINGS + i] >= SHOWN_MIN)
        # the words that show misread shapes plainly: not those that no one shape takes to a known
        # word (terms, see Evidence.plain), nor dotted words that taking the dots away makes listed:
        # a German model's made-up dots or a dialect's own ("Päns", "Nörd"), no misread shape (a
        # dialect scene took those out of lost[_SHAPES] above)
        misread = lost[_SHAPES] - totals[_PLAIN_LOST] - (0 if self.dialect_scene else undotted)
        self.key = self._key(intact, lost, (traditional, totals[_MODERN], totals[_DROPPED]), readings, misread)

    def in_speech(self, at: int) -> bool:
        """Is ``at`` inside a quotation of a dialect scene in the quotations (:func:`_dialect_speech`)?
        (Asked of every word the sentence model weighs; most texts have no such quotations.)"""
        return bool(self.speech) and touches(self.speech, at, at + 1)

    def in_dialect(self, at: int) -> bool:
        """Does ``at`` stand in dialect: the text a dialect scene, or ``at`` in its quotations that are one?"""
        return self.dialect_scene or self.in_speech(at)

    @functools.cached_property
    def vocab(self) -> Counter[str]:
        """How often each word occurs."""
        return Counter(self.runs)

    @functools.cached_property
    def memo(self) -> dict:
        """A place for the words step to remember what it decided about this document."""
        return {}

    def read_as_old(self) -> Document:
        """This document with the key of old text (where its repairs tell the era its words do
        not), and nothing remembered: the words step's decisions depend on the key."""
        old = copy.copy(self)
        old.key = self.key._replace(old=True)
        old.__dict__.pop("memo", None)
        old.__dict__.pop("_own_keys", None)
        return old

    def known_by_initial(self, first: str, known: Callable[[str], bool]) -> list[str]:
        """The distinct words that start with ``first`` (a letter folded: lower case, no dots)
        and that ``known`` accepts, in the order they first occur, at most MAX_BY_INITIAL:
        where the words step looks for a damaged word's intact twin (bounded, so that the
        time stays linear in the text).  Each letter's words are asked about on first use."""
        done: dict[str, list[str]] = self.__dict__.setdefault("_known_by_initial", {})
        found = done.get(first)
        if found is None:
            groups = self.__dict__.get("_by_initial")
            if groups is None:
                groups = self.__dict__["_by_initial"] = {}
                # (the first letters folded in one call, not a call of initial() per word;
                # per word where lower-casing changes a length: "İ")
                firsts = "".join(w[:1] for w in self.vocab)
                folded = firsts.lower().translate(UNDOT)
                for word, f in zip(self.vocab, folded if len(folded) == len(firsts) else map(initial, self.vocab)):
                    groups.setdefault(f, []).append(word)
            found = done[first] = list(islice(filter(known, groups.get(first, ())), MAX_BY_INITIAL))
        return found

    def _key(
        self,
        intact: list[int],
        lost: list[int],
        eras: tuple[int, int, int],
        readings: frozenset[tuple[str, str]],
        misread: int,
    ) -> Key:
        """The key of the channels' and the eras' counts (``eras``: the words of the old
        spelling, of the new one, and those with a dropped ß), of the rare readings the text
        shows and of its words that show misread shapes plainly (``misread``, SHAPES_MIN_MISREAD);
        sets ``states`` and ``era_counts``."""
        states = self._dot_states(intact, lost)
        umlauts = _umlauts(states)
        shapes = _shapes(intact[_SHAPES], lost[_SHAPES])
        if shapes == LOST and misread < (DIALECT_MIN_MISREAD if self.dialect_scene else SHAPES_MIN_MISREAD):
            shapes = NEUTRAL  # (words no list knows, none of them one shape from a known word: terms)
        if (shapes == UNSEEN and LOST in states) or (shapes == INTACT and self.signatures):
            shapes = NEUTRAL  # an OCR model that lost the dots, or the English one, misreads shapes too
        ligature = _state(intact[_LIGATURE], lost[_LIGATURE]) or (NEUTRAL if lost[_LIGATURE] else UNSEEN)
        if ligature == LOST and lost[_LIGATURE] < MIN_EVIDENCE:
            ligature = NEUTRAL  # (one word is no proof: "Kleinsche" may be a name)
        trad, modern, dropped = eras
        if states[DOTS.index("ß")] == LOST:
            trad += dropped  # (a weaker sign: only where the text lost its ß)
        self.era_counts = (trad, modern)
        era = TRADITIONAL if trad > modern else MODERN if modern > trad else UNKNOWN
        self.states = (*states, ligature, shapes, era)
        if shapes not in (LOST, NEUTRAL):
            readings = frozenset()  # (a text that shows no misread shapes at all uses no rare reading)
        misread = self.signatures > 0 or shapes == LOST
        return Key(tuple(states), umlauts, shapes, ligature, era == TRADITIONAL, era == MODERN, readings, misread)  # type: ignore[arg-type]

    def _dot_states(self, intact: list[int], lost: list[int]) -> list[str]:
        """The states of the dotted letters (DOTS) from their counts."""
        states: list[str | None] = [_state(intact[i], lost[i]) for i in range(len(DOTS))]
        if None in states:  # no evidence: like the others, or by the share of dotted letters
            known = [s for s in states if s is not None]
            if LOST in known and INTACT not in known:
                fill = LOST
            elif known and all(k == INTACT for k in known):
                fill = INTACT
            elif not known and sum(intact[: len(DOTS)]) >= self._pooled() and not any(lost[: len(DOTS)]):
                fill = INTACT  # (a few dotted words, each letter too rare to judge alone, all intact)
            else:
                fill = self._by_rate()
            return [fill if s is None else s for s in states]
        return states  # type: ignore[return-value]  # (no None left)

    def key_of(self, word: str, lex: Lexicon) -> Key:
        """The key to decide ``word`` by: the document's, unless the dots ``word`` lost itself
        decide that the text loses them.  A word is no evidence for its own repair: in a text
        that keeps its dots, "im Hinterhofe" (an old dative no list has) is the one word that
        seems to have lost an ö, and one intact ö beside it made the ö channel lost."""
        own: dict[str, Key] = self.__dict__.setdefault("_own_keys", {})
        key = own.get(word)
        if key is None:
            key = own[word] = self._key_without(word, lex)
        return key

    def _key_without(self, word: str, lex: Lexicon) -> Key:
        evidences = _evidences(lex)
        kind = evidences.kind.get(word)
        ev = evidences.kinds[kind] if kind is not None else _evidence(lex, word)
        if ev.signatures or not ev.lost.intersection(DOTS):
            return self.key  # (a word with the English model's readings is damage itself: "Kaniile")
        n = 1 if ev.once else self.vocab[word]
        intact, lost = self.counts
        # (only for a letter other words hold intact: where none does, "mute" and "wute" with
        # their ß dropped are each other's evidence, and an empty channel takes another's verdict)
        states = self._dot_states(
            intact[: len(DOTS)], [x - n * (c in ev.lost and intact[i] > 0) for i, (c, x) in enumerate(zip(DOTS, lost))]
        )
        if not any(s == INTACT != was for s, was in zip(states, self.key.dots)):
            return self.key  # (only where the others say intact: OCR that loses a letter keeps it in some words)
        return self.key._replace(dots=tuple(states), umlauts=_umlauts(states))

    @functools.cached_property
    def letters(self) -> int:
        """How many letters the words hold."""
        return sum(map(len, self.runs))

    def _pooled(self) -> int:
        """How many words with dots or ß, all intact and none lost, say that a text keeps them:
        in a short text fewer (a sentence has few, and an OCR model that lost them keeps none)."""
        return POOLED_EVIDENCE if self.letters >= MIN_LETTERS else SHORT_POOLED_EVIDENCE

    def _by_rate(self) -> str:
        if self.letters < MIN_LETTERS:
            return NEUTRAL
        dotted = sum(map(self.text.count, "äöüÄÖÜß"))
        return LOST if dotted / self.letters < LOST_RATE else NEUTRAL

    def profile(self, damaged: float, old_repairs: int = 0) -> Profile:
        """The :class:`Profile`; ``old_repairs``: the repairs that made old ß forms in a text
        whose words tell no era (``words.old_repairs``), which tell it."""
        channels = tuple(Channel(c, *counts, state) for c, *counts, state in zip(CHANNELS, *self.counts, self.states))
        readings = tuple(f"{seen}→{meant}" for seen, meant in SHOWN_READINGS if (seen, meant) in self.key.readings)
        era, (traditional, modern) = self.states[-1], self.era_counts
        if old_repairs:
            era, traditional = TRADITIONAL, traditional + old_repairs
        return Profile(era, traditional, modern, channels, self.signatures, self.words, self.unknown, damaged, readings)


MAX_BY_INITIAL = 2000


def initial(word: str) -> str:
    """The first letter of ``word``, lower-cased and without dots ("Über" -> "u")."""
    return word[:1].lower().translate(UNDOT)


def _umlauts(states: list[str]) -> str:
    """The dotted letters' state as a whole: LOST if one is lost, INTACT if all are kept."""
    return LOST if LOST in states else INTACT if all(s == INTACT for s in states) else NEUTRAL


def _state(intact: int, lost: int) -> str | None:
    """A channel's verdict from its evidence; None where there is too little."""
    if intact + lost < MIN_EVIDENCE:
        return None
    share = lost / (intact + lost)
    return LOST if share >= LOST_SHARE else INTACT if share <= INTACT_SHARE else NEUTRAL


def _shapes(intact: int, lost: int) -> str:
    if lost >= SHAPES_MIN_LOST and lost >= SHAPES_LOST_SHARE * (intact + lost):
        return LOST
    if lost == 0:
        return INTACT if intact >= SHAPES_MIN_INTACT else UNSEEN
    return NEUTRAL


class _Evidences:
    """The :class:`Evidence` of words for one lexicon, cached as small ints (``kind``) that
    index the few distinct values (``kinds``): counting ints is much cheaper than tuples."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.kind: dict[str, int] = {}
        self.kinds: list[Evidence] = []
        # each kind as the (index, count) pairs it adds to a document's totals (see _SIZE)
        self.vectors: list[tuple[tuple[int, int], ...]] = []
        self._index: dict[Evidence, int] = {}
        self.once: set[int] = set()  # the kinds counted once per distinct word (Evidence.once)
        self._lock = threading.Lock()

    def __call__(self, word: str) -> int:
        kind = self.kind.get(word)
        if kind is None:
            ev = _evidence(self.lex, word)
            kind = self._index.get(ev)
            if kind is None:
                with self._lock:  # (kinds only grow: a reader holding an int finds its value)
                    kind = self._index.get(ev)
                    if kind is None:
                        self.vectors.append(_vector(ev))
                        self.kinds.append(ev)
                        kind = len(self.kinds) - 1
                        if ev.once:
                            self.once.add(kind)
                        self._index[ev] = kind
            if len(self.kind) >= MAX_CACHED:
                self.kind.clear()
            self.kind[word] = kind
        return kind


MAX_CACHED = 1 << 18
# A document's totals: the words holding each channel intact, those that lost it, the
# words of the old and the new spelling, those with a dropped ß, the English model's readings,
# and the old or dialect forms.
_SHAPES, _LIGATURE = CHANNELS.index("shapes"), CHANNELS.index("ligature")
_TRADITIONAL, _MODERN, _DROPPED, _SIGNATURES, _OLD, _UNDOTTED = (2 * len(CHANNELS) + i for i in range(6))
_PLAIN_LOST = _UNDOTTED + 1  # ... and the words whose shapes lost are no plain misreading (Evidence.plain)
_READINGS = _PLAIN_LOST + 1  # ... and the words that show each of SHOWN_READINGS
_SIZE = _READINGS + len(SHOWN_READINGS)
# The words that must show a rare reading for the text to use it: one, as a text of a hundred
# words seldom holds two (none of the dev sets' records did), and a reading is the last resort
# anyway (see correct.Corrector._best).  So in a short text the word is often the one it fixes.
SHOWN_MIN = 1
SHOWN_ZIPF = 3.0  # how common the listed word must be that the reading alone makes


def _vector(ev: Evidence) -> tuple[tuple[int, int], ...]:
    # a word with the English model's reading of a letter counts twice ("é" once: it is French too)
    weight = 2 if ev.signatures else 1
    pairs = [(CHANNELS.index(c), 1) for c in ev.intact]
    pairs += [(len(CHANNELS) + CHANNELS.index(c), weight if c in "üäß" else 1) for c in ev.lost]
    if ev.era:
        pairs.append(({TRADITIONAL: _TRADITIONAL, MODERN: _MODERN, ESZETT_DROPPED: _DROPPED}[ev.era], 1))
    if ev.signatures:
        pairs.append((_SIGNATURES, ev.signatures))
    if ev.old and not ev.lost.intersection(DOTS):  # ("fur" where dots are lost: für, no dialect)
        pairs.append((_OLD, 1))
    if ev.undotted:
        pairs.append((_UNDOTTED, 1))
    if ev.plain:
        pairs.append((_PLAIN_LOST, 1))
    pairs += [(_READINGS + i, 1) for i in ev.readings]
    return tuple(pairs)


@functools.lru_cache(maxsize=16)
def _evidences(lex: Lexicon) -> _Evidences:
    return _Evidences(lex)


def _evidence(lex: Lexicon, word: str) -> Evidence:
    """What ``word`` says about the channels and the era (once per distinct word: cached).

    Intact: the dotted letters it holds, fi/fl/ff, and for a listed lower-case word
    of four or more letters, its shapes.  Lost, for a word no list has: the letters
    the English model misread in it, and for a lower-case word, those whose restoring
    alone makes it a listed word, else a dropped ligature, else (if it is not even a
    likely compound) its shapes, and the rare readings that alone make it a common listed word
    (for one with dots: its shapes only as a German model's made-up dots, where taking them away
    makes it listed); for a capitalized one, those whose restoring makes a listed word
    CAPITAL_LEAD more common, or its shapes where one misread shape makes it a common listed
    word (_misread_capital).  A run of more than MAX_WORD letters says nothing: it is no word.
    """
    if len(word) > MAX_WORD:
        return _PLAIN  # (and its checks, each position a copy of it, would take quadratic time)
    listed = lex.listed(word)
    if not _SPECIAL.search(word):  # most words: no dots, ß, ss or fi/fl/ff
        if listed:
            return _PLAIN_SHAPES if len(word) >= 4 and word[0].islower() else _PLAIN
        if (
            word[0].isupper()
            and not _SIGNED.search(word)
            and not OLD_LETTER_RUNS.search(word)  # ("Noth", "Theil": their era)
            and not lex.prefixes.drops(word[0].lower() + word[1:])
        ):
            if not lex.historical(word):
                # (a name, as far as its letters tell, unless far rarer than a listed word its
                # dots make: "Hande", "Gotter" where the text lost them; not "Trummer")
                if not lex.prefixes.folds_to(word[0].lower() + word[1:]):
                    return _MISREAD_CAPITAL if _misread_capital(lex, word) else _PLAIN
                floor = lex.zipf(word) + CAPITAL_LEAD
                lost_dots = frozenset(c for c in DOTS[:3] if _restores(lex, word, c, floor=floor))
                return Evidence(frozenset(), lost_dots, "", 0, once=True) if lost_dots else _PLAIN
            return _OLD_ERA if _OLD_C_RUN.search(word) and _old_letters(lex, word) else _PLAIN_OLD  # ("Doctor")
    low = word.lower()
    listed = listed or lex.user_form(word) is not None
    intact = {c for c in DOTS if c in low}
    lost: set[str] = set()
    if any(x in low for x in LIGATURES):
        intact.add("ligature")
    lower = len(word) >= 4 and word[0].islower()
    if listed and lower:
        intact.add("shapes")
    signatures = 0
    readings: tuple[int, ...] = ()
    plain = False
    if not listed and intact.intersection(DOTS) and _restores(lex, word, "", remove=True):
        # dots a German model saw where there are none ("Orgänisation"): a misread shape
        return Evidence(frozenset(intact.difference(DOTS)), frozenset({"shapes"}), "", 0, lex.historical(word), undotted=True)
    if not listed and not intact.intersection(DOTS):
        for c, pattern in _LETTER_SIGNATURES:
            m = pattern.search(word)
            if m and not (c == "ß" and _camel_join(lex, word, m.start())):
                lost.add(c)
                signatures += 1
        if word[0].islower():  # (a capitalized one may be a name: "Trummer" is no "Trümmer")
            dotted = lex.prefixes.folds_to(word)  # (a set lookup rules most words out)
            # (a word at least as common as the word its dots or ß make is a word as it stands:
            # the old form "ander" is no sign of a lost "änder", English "if" none of "iß";
            # "uber" and "hatt" are signs)
            floor = lex.zipf(word, old=True)
            lost |= {c for c in DOTS if c not in lost and (dotted or c == "ß") and _restores(lex, word, c, floor=floor)}
        if not lost and len(word) >= 3 and _ligature_dropped(lex, word, LIGATURE_LEAD if word[0].isupper() else 0.0):
            lost.add("ligature")  # (a name is evidence only for a far more common word: "Schie" for "Schiffe")
        if not lost and lower and not (lex.known(word) or lex.compound_like(word, known=True)):
            lost.add("shapes")
            readings = tuple(i for i, (seen, meant) in enumerate(SHOWN_READINGS) if _reads_as(lex, word, seen, meant))
            plain = not readings and not _misread_lower(lex, word)
    if not listed and not lost and word[0].isupper() and _misread_capital(lex, word):
        lost.add("shapes")  # (as above, for one with ss, fi, fl, ff or dots: "Eintluss")
    old = not listed and lex.historical(word)
    # (an old or dialect form that a dropped ligature may have made repeats as the dialect's word
    # does: "hot" three times in a Swabian scene is one sign of a lost "hofft", not three)
    once = old and "ligature" in lost
    return Evidence(
        frozenset(intact), frozenset(lost), _era(lex, word, listed), signatures, old, readings, plain=plain, once=once
    )


# A capitalized word no list knows, this long, that one misread shape (confusions.LETTER_READINGS)
# makes a listed word this common, shows misread shapes: names are seldom one shape from a common word.
MISREAD_CAPITAL_LEN = 6
MISREAD_CAPITAL_ZIPF = 4.0
MISREAD_BEFORE = 2  # places before the end of its longest listed start that a reading may be at
_LETTER_READINGS_AT = by_first(LETTER_READINGS)


def _misread_capital(lex: Lexicon, word: str) -> bool:
    """Is the capitalized ``word`` one misread shape from a common listed word (see above)?"""
    if len(word) < MISREAD_CAPITAL_LEN or lex.known(word):
        return False
    return any(lex.listed(form) and lex.zipf(form) >= MISREAD_CAPITAL_ZIPF for form in _one_shape_off(lex, word))


def _misread_lower(lex: Lexicon, word: str) -> bool:
    """Is the lower-case ``word``, which no list knows, one misread shape from a known word or
    compound ("sichst": "siehst", "heliblauen")?  A term or a foreign word seldom is."""
    return any(lex.listed_or_known(form) or lex.compound_like(form, known=True) for form in _one_shape_off(lex, word))


def _one_shape_off(lex: Lexicon, word: str) -> Iterator[str]:
    """The forms of ``word`` with one misread shape undone, near where it leaves the words the
    list has: a reading after the longest start of the word that a listed word has makes no
    listed word; one far before it seldom does (MISREAD_BEFORE)."""
    upto = lex.prefixes.shared(word[0].lower() + word[1:])
    return (form for form, _ in undone(word, _LETTER_READINGS_AT, upto, upto - MISREAD_BEFORE))


CAMEL_HEAD, CAMEL_TAIL = 4, 3  # letters


def _camel_join(lex: Lexicon, word: str, at: int) -> bool:
    """Is the B at ``at`` the capital of a listed word joined to a listed word before it, as
    product names do ("WetterBox", "InfoBox"), rather than a ß read as B ("groBe", "StraBe": the
    letters before a ß are seldom a word on their own)?"""
    return (
        word[0].isupper() and at >= CAMEL_HEAD and len(word) - at >= CAMEL_TAIL
        and lex.listed(word[:at]) and lex.listed(word[at:])
    )


def _reads_as(lex: Lexicon, word: str, seen: str, meant: str) -> bool:
    """Does reading ``seen`` as ``meant`` at one place make ``word`` a common listed word?"""
    at = word.find(seen)
    while at >= 0:
        form = word[:at] + meant + word[at + len(seen) :]
        if lex.listed(form) and lex.zipf(form) >= SHOWN_ZIPF:
            return True
        at = word.find(seen, at + 1)
    return False


_SPECIAL = regex.compile(r"[äöüßÄÖÜ]|ss|f[fil]", regex.IGNORECASE)
_SIGNED = regex.compile(r"ii|é|(?<=\p{Ll})B|[BfS]$|fS")  # what _LETTER_SIGNATURES and _era look for
_PLAIN = Evidence(frozenset(), frozenset(), "", 0)
_PLAIN_OLD = Evidence(frozenset(), frozenset(), "", 0, True)
_OLD_ERA = Evidence(frozenset(), frozenset(), TRADITIONAL, 0, True)
_PLAIN_SHAPES = Evidence(frozenset({"shapes"}), frozenset(), "", 0)
_MISREAD_CAPITAL = Evidence(frozenset(), frozenset({"shapes"}), "", 0)


def _restores(lex: Lexicon, word: str, letter: str, remove: bool = False, floor: float = 0.0) -> bool:
    """Does restoring ``letter`` alone at some places make ``word`` a listed word (or an old ß form),
    one more common than ``floor`` (zipf, in old text too)?  With ``remove``: does taking the dots
    off some of its ä/ö/ü?"""
    if remove:
        places = [i for i, ch in enumerate(word) if ch.translate(UNDOT) != ch][:MAX_PLACES]
        return any(
            lex.listed("".join(ch.translate(UNDOT) if i in chosen else ch for i, ch in enumerate(word)))
            for k in range(1, len(places) + 1)
            for chosen in combinations(places, k)
        )

    def common(form: str) -> bool:
        return not floor or lex.zipf(form, old=True) > floor

    if letter == "ß":
        places = [i for i, ch in enumerate(word) if ch in _ESZETT_READINGS and i > 0]
        forms = (word[:i] + "ß" + word[i + 1 :] for i in places[:MAX_PLACES])
        return any((lex.listed(f) or lex.historical(f)) and common(f) for f in forms)
    plain = letter.translate(UNDOT)
    places = [i for i, ch in enumerate(word) if ch.lower() == plain][:MAX_PLACES]
    for k in range(1, len(places) + 1):
        for chosen in combinations(places, k):
            chars = list(word)
            for i in chosen:
                chars[i] = letter if chars[i].islower() else letter.upper()
            form = "".join(chars)
            if lex.listed(form) and common(form):
                return True
    return False


def _ligature_dropped(lex: Lexicon, word: str, lead: float = 0.0) -> bool:
    """Is ``word`` a listed word with a dropped fi/fl/ff ("Einuss", "ndet")?  With ``lead``, a word
    the lists know counts only where that listed word is ``lead`` zipf points more common."""
    key = word[0].lower() + word[1:]
    first = word[0].isupper()
    floor = lex.zipf(word) + lead if lead and lex.known(word) else None
    for full, glyph, _ in lex.prefixes.drops(key):
        full = full[0].upper() + full[1:] if first else full
        if glyph in LIGATURES and lex.listed(full) and (floor is None or lex.zipf(full) >= floor):
            return True
    return False


LIGATURE_LEAD = 1.5
CAPITAL_LEAD = 1.5  # zipf points a capitalized word's dotted twin must lead by to be evidence


def _era(lex: Lexicon, word: str, listed: bool) -> str:
    """TRADITIONAL for an old ß form or its reading ("daß", "daB"), ESZETT_DROPPED for one with its ß
    dropped ("mu": a weaker sign), MODERN for the modern twin of one ("dass"), else ""."""
    if "ß" in word:
        return TRADITIONAL if lex.historical(word) else ""
    if not listed and _OLD_RUNS.search(word) and _old_letters(lex, word):
        return TRADITIONAL
    if listed:
        if "ss" in word and (old := old_spelling(word, lex.listed)) != word and lex.historical(old):
            return MODERN
        return ""
    if word.isupper():
        return ""  # an acronym's S is no ß ("IS" is no "Iß")
    floor = lex.zipf(word, old=True)  # (a word as common as written is itself: "if" is no "iß")
    for i, ch in enumerate(word):
        if ch in _ESZETT_READINGS and i > 0 and _old_above(lex, word[:i] + "ß" + word[i + 1 :], floor):
            return TRADITIONAL
        if word.startswith(_ESZETT_PAIRS, i) and i > 0 and _old_above(lex, word[:i] + "ß" + word[i + 2 :], floor):
            return TRADITIONAL  # ("dafS", "mufs")
    if (
        word[0].islower()
        and lex.zipf(word) < DROPPED_MAX_TODAY
        and any(_common_old(lex, word[:i] + "ß" + word[i:]) for i in range(1, len(word) + 1))
    ):
        return ESZETT_DROPPED  # "mu", "mute" for "muß", "mußte"
    return ""


def _old_above(lex: Lexicon, form: str, floor: float) -> bool:
    """Is ``form`` an old form more common in old text than ``floor``?"""
    return lex.historical(form) and lex.zipf(form, old=True) > floor


def _old_form_read(lex: Lexicon, text: str, at: int) -> bool:
    """Is the digit or sign at ``text[at]``, a ß read, that of an old ß form ("da8", "La&")?"""
    return lex.historical(text[letter_run_start(text, at) : at] + "ß" + letter_run_at(text, at + 1))


def _old_letters(lex: Lexicon, word: str) -> bool:
    """Is ``word`` an old form with letters of before 1901 ("thun", "Noth", "seyn", "bey",
    "todt"; "Doctor", "socialen", "offeriren", "giebt"): one the word list lacks, far more
    common in old text than today, that is a listed word written as today?  ("That" and
    "Huth" are not: today's text has them, in English and as names.)"""
    if not lex.historical(word) or lex.zipf(word, old=True) < lex.zipf(word) + OLD_LEAD:
        return False
    return any(
        lex.listed(word[: m.start()] + new + word[m.end() :])
        for m in _OLD_RUNS.finditer(word, overlapped=True)
        for new in _TODAY[m.group()]
    )


# The letters of before 1901 and what today writes for them: those of OLD_LETTERS, and as
# signs of the era only (no word is respelled by them) c for k or z ("Doctor", "socialen"),
# -iren for -ieren ("offeriren"), ie for i ("giebt", "gieng").
_TODAY = {**{old: (new,) for old, new in OLD_LETTERS.items()}, "c": ("k", "z"), "ir": ("ier",), "ie": ("i",)}
_OLD_C = r"c(?![hk])"  # (not the c of ch, ck)
_OLD_RUNS = regex.compile("|".join((*OLD_LETTERS, _OLD_C, r"ir(?=[ets])", "ie")))
_OLD_C_RUN = regex.compile(_OLD_C)


OLD_LEAD = 0.5  # zipf points an old form is more common in old text than in today's


DROPPED_MIN_ZIPF = 5.0  # only common old forms ("muß", "laß"): a short piece of junk often makes a rare one
DROPPED_MAX_TODAY = 4.0  # and no token today's text uses often: "la" is the article of French names


def _common_old(lex: Lexicon, form: str) -> bool:
    """Is ``form`` an old form (not a modern one) that old text uses often?"""
    return lex.historical(form) and lex.zipf(form, old=True) >= DROPPED_MIN_ZIPF


@functools.lru_cache(maxsize=8)
def read(text: str, lex: Lexicon) -> Document:
    """The :class:`Document` of ``text`` (the last few are remembered: a step and the
    check after it read the same text)."""
    return Document(text, lex)
