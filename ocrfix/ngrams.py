"""Which of two twins a sentence means: "hatte" or "hätte", from the words around it.

Where a document lost its umlauts, "hätte" comes out as "hatte", a valid word;
only its neighbours tell them apart ("als hätte" is common, "als hatte" rare).
So with a ß dropped or read as f ("daß": "da", "hieß": "hie", "ließ": "lief") and a ligature a PDF
dropped ("Schiff": "Schi"); and forms that differ only in which of ä/ö/ü they have, or in a ß
for t or r, where one OCR reading stands for either ("gefiillt": "gefällt" or "gefüllt", "hief":
"hieß" or "hier"; swap sets); and a rare valid word and the common one that a cheap reading of
a dotted letter makes of it, which a fix takes by frequency ("hingen": "hängen"; read sets).
``dictionaries/context_de.tsv.gz`` (``build_context.py``) holds, for each word
that has such a twin, how often it occurs, with which word before and after it,
with which two, with which of the commonest words within a few words
(cues: "wenn ... würde"), and, for a lower-case twin that ends its clause, with which words
its clause starts ("als ob er ... hätte", "nachdem er ... hatte": :func:`clause_opener`).
Neighbours are folded (lower case, no dots, ß as ss), so that they count the same whether
the document lost its umlauts or not.

:meth:`Model.odds` compares the twins as a naive Bayes classifier would: the
twin's frequency, times how likely each side's neighbours are after or before
it (the two words where they were seen often enough, else the one next to it, or
for a rare lower-case word that the set never showed, its ending, and for a rare
capitalized one, that it is one: :func:`suffix`),
times the cues and the clause's first words.  Each feature gets SMOOTHING pseudo-cases,
shared by the twins as their counts are, so that a feature the set showed a few times with
one twin only ("er krank" after "daß", never after "da") moves the odds a little, not by
orders of magnitude; and POOLED pseudo-cases at the set's pooled rate of the feature, which
is what counts in a set seen only a few dozen times.  A feature the set never showed,
or one that does not tell the twins apart (pruned), counts for nothing.
"""

from __future__ import annotations

import functools
import gzip
import math
import threading
from collections.abc import Container, Iterable
from pathlib import Path
from typing import Any, NamedTuple

import regex

from .chardata import UNDOT
from .diskcache import cached
from .lexicon import data_dir
from .search import word_set

FORMAT = "ocrfix-context 12"
# An old form and the word it becomes where OCR drops its ß ("daß", "da") are counted in old
# text alone too, under this mark ("+da"): where a document is known to be old, they compare
# as old text uses them.
OLD = "+"
# Every twin's count in old text alone, under this mark ("%würde"): where a document is known
# to be old, the twins' prior is old text's, where it is known to be modern, the rest's; the
# neighbours' evidence is that of all the text.
OLD_PRIOR = "%"
# A line that starts with SWAP_SET lists a swap set: forms that differ only in which of ä/ö/ü
# they have ("&gefällt gefüllt"), which one OCR reading ("ii") may stand for, or a ß form and
# the form with t or r there ("&hieß hier": OCR's f) (Model.swaps).
# They are counted apart, under SWAP ("*gefällt"): only twins of one set may share counts.
SWAP_SET = "&"
SWAP = "*"
# A line that starts with READ_SET lists a rarer listed word and the common ones that one of the
# English model's cheap readings of a dotted letter makes into it ("^hingen hängen": i for ä),
# which the corrector may take it for by frequency alone; their forms count as those of swap
# sets do (SWAP), so that the sentence can say which is meant (Model.reads).
READ_SET = "^"
SWAP_MASK = regex.compile("[äöü]")
# Pseudo-cases of a feature, shared by the twins by their counts: the build prunes a feature
# seen once with a twin, so a missing one is 0 or 1 cases, not surely none ...
SMOOTHING = 0.5
# ... and these at the set's pooled rate, which matter in a small set ("full"/"füll", 7 and 29
# cases: a "," before "füll" five times is no reason to read "Oh, full of scorpions" as German)
POOLED = 2.0
# Pseudo-cases of each twin in an era's prior: a rare pair's counts split by era are few, and a
# handful of cases is no reason to prefer a twin ("Kachelofen" 0 times in today's files,
# "Kachelöfen" 4: the novels have the rest)
ERA_SMOOTHING = 2.0
MIN_TRIGRAM = 3  # the two words on a side count where the set shows them this often
MIN_OPENER = 10  # ... and the first two of its clause (they are many: "auch wenn", "als ob", "die er")
# A rare lower-case neighbour counts by its last letters, which tell its kind where the word
# itself was never seen with the twins ("paradiesische Zustände": "-he").  Not a common word
# (the model lists them, folded: each counts as itself, or was pruned as alike for all
# twins: "diesen").  A capitalized one counts as that alone (names and nouns: many, their
# endings tell little, but that one is a noun does: a verb follows its object, an adjective
# goes before its noun).
SUFFIX = 2
SUFFIX_FROM = 6  # letters
SUFFIX_WEIGHT = 0.5  # an ending tells less than the word: it counts half
CUE_WEIGHT = 0.5  # cues overlap with each other and with the neighbours: each counts half
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "„": '"', "“": '"', "”": '"'})


_PARTICIPLE = regex.compile(r"^[a-z]{0,6}?ge[a-z]{2,}(?:t|en)$|^(?:be|ver|er|zer|ent|emp)[a-z]{2,}t$")
CLAUSE_END = frozenset(",.;:!?</s>")
CLAUSE_LOOK = 12  # tokens looked at for a clause's last word


# The infinitives of the modal verbs and "lassen" (folded), which end a clause after another
# infinitive ("hätten ... zumachen müssen"), and those of the auxiliaries, which end one after
# a participle ("könnte es gewusst haben"): both mostly in the subjunctive's clauses.
MODALS = frozenset({"mussen", "konnen", "durfen", "sollen", "wollen", "mogen", "lassen"})
AUXILIARIES = frozenset({"haben", "sein"})


def verb_shape(word: str, before: str = "") -> str:
    """What the last word of a clause looks like (folded), after the word ``before`` it: a
    participle ("gemacht", "verkauft"), a modal's infinitive after an infinitive ("machen
    müssen"), an auxiliary's after a participle ("gemacht haben"), an infinitive ("machen"),
    else a word ending in -t, or another."""
    if _PARTICIPLE.match(word):
        return "part"
    if word in MODALS and verb_shape(before) == "inf":
        return "modal"
    if word in AUXILIARIES and _PARTICIPLE.match(before):
        return "perfect"
    if word.endswith("en") and len(word) > 3:
        return "inf"
    return "t" if word.endswith("t") else "other"


def clause_end(folded: list[str], i: int) -> str:
    """The feature of the last word of the clause that goes on after ``folded[i]``: "$" and
    its :func:`verb_shape`, or "" where the clause ends at once or is too long to tell."""
    last = before = ""
    for tok in folded[i + 1 : i + 1 + CLAUSE_LOOK]:
        if tok in CLAUSE_END or tok == "</s>":
            return "$" + verb_shape(last, before) if last else ""
        if tok[0].isalpha():
            last, before = tok, last
    return ""


CLAUSE_BREAK = frozenset(',;:()"') | {"<s>"}  # (folded: „“” are '"')


def clause_opener(folded: list[str], i: int) -> tuple[str, str]:
    """The features of the first words of the clause that ``folded[i]`` stands in: "|" and the
    first, and "||" and the first two ("|als", "||als ob": "als ob er ... hätte"); none where
    the clause starts next to it (the words before it tell that) or too far back to see."""
    for j in range(i - 1, max(-1, i - 2 - CLAUSE_LOOK), -1):
        if folded[j] in CLAUSE_BREAK:
            if j + 2 >= i:
                return "", ""
            first, second = folded[j + 1], folded[j + 2]
            return "|" + first, ("||" + first + " " + second) if j + 3 < i else ""
    return "", ""


# The words a clause's governing word is looked for past: pronouns, particles and adverbs
# that stand between a verb and the comma after it ("ich befürchte doch, daß ..."), folded
LIGHT = frozenset(
    "ich du er sie es wir ihr mich dich sich mir dir ihm ihn uns euch ihnen man doch ja nur auch "
    "wohl schon noch nicht nun denn eben halt mal gar so sehr ganz recht dann aber oft gern wirklich "
    "jetzt immer nie selbst einmal offen".split()
)


GOVERNOR_LOOK = 4  # tokens looked at before the comma


def governor(folded: list[str], i: int) -> str:
    """The feature of the word a clause after a comma hangs on ("ich sah, daß ..."): "!" and
    the last word before the comma that is no LIGHT word, within the clause before it; "" where
    ``folded[i]`` does not follow a comma or no such word is in sight."""
    if folded[i - 1] != ",":
        return ""
    for j in range(i - 2, max(-1, i - 2 - GOVERNOR_LOOK), -1):
        tok = folded[j]
        if tok in CLAUSE_BREAK or tok in CLAUSE_END:
            return ""
        if tok not in LIGHT and tok[:1].isalpha():
            return "!" + tok
    return ""


# It counts a quarter: "sah, daß" and "möglich, daß" are telling, but "da" that gives a reason
# stands after the same words (on the development sets from held-out paragraphs: weight 1 +4 -2,
# 0.5 +3 -1, 0.25 +2 -0)
GOVERNOR_WEIGHT = 0.25


def suffix(token: str, common: Container[str]) -> str:
    """The feature of a neighbour's ending, folded ("-he" for "paradiesische"; see SUFFIX), "^"
    for a capitalized word (a noun or a name: "Urheberrechte stärken", not "starken"), or ""
    for a short, all-capital or non-word token or one of the ``common`` words (folded)."""
    if len(token) < SUFFIX_FROM or not token.isalpha():
        return ""
    folded = fold(token)
    if folded in common:
        return ""
    return "-" + folded[-SUFFIX:] if token[0].islower() else "^" if token[1:].islower() else ""


def fold(token: str) -> str:
    """A neighbour as the model keys it ("<n>" for a number)."""
    if token[:1].isdigit():
        return "<n>"
    return token.lower().translate(_FOLD)


class Context(NamedTuple):
    """The neighbours of a word, folded: two before it, two after it, the cues around it,
    and the shape of the clause's last word (:func:`clause_end`)."""

    before: tuple[str, str]  # (the second word before, the word before); "<s>" at a sentence start
    after: tuple[str, str]  # (the word after, the second after); "</s>" at a sentence end
    cues: frozenset[str]
    end: str = ""
    ends: tuple[str, str] = ("", "")  # the :func:`suffix` of the word before and of the word after
    opener: tuple[str, str] = ("", "")  # the first word of its clause, and the first two (:func:`clause_opener`)
    governor: str = ""  # the word the clause hangs on, after a comma (:func:`governor`)


class Model:
    """The counts of ``context_de.tsv.gz``: each twin's count, and its features' counts.

    A line holds a twin, its count and its features; a twin's features are parsed
    when it is first met (most documents meet a few dozen of the thousands).
    """

    def __init__(self, lines: Iterable[str]) -> None:
        self.count: dict[str, int] = {}
        self.old_count: dict[str, int] = {}  # the counts in old text (OLD), of the words that have them
        self.old_prior: dict[str, int] = {}  # every twin's count in old text (OLD_PRIOR)
        self._lines: dict[str, str] = {}
        self.damaged: dict[str, tuple[str, ...]] = {}  # a word -> the forms it may be damage of
        self.damaged_sets: dict[str, tuple[str, ...]] = {}  # such a form -> it and its damaged words
        self.common: Container[str] = frozenset()  # the neighbours that have no suffix feature
        self.swap_sets: dict[str, tuple[str, ...]] = {}  # a form -> its swap set (SWAP_SET)
        self.swap_count: dict[str, int] = {}  # the counts of the forms of swap sets (SWAP)
        self.read_sets: dict[str, tuple[str, ...]] = {}  # a word as read -> it and what it may be read for
        for line in lines:
            if line.startswith("@"):  # the common words, folded (see SUFFIX)
                self.common = word_set(line[1:].rstrip("\n").split("\t"))
                continue
            if line.startswith(READ_SET):
                forms = tuple(line[1:].rstrip("\n").split("\t"))
                self.read_sets[forms[0]] = forms
                continue
            if line.startswith(SWAP_SET):
                forms = tuple(line[1:].rstrip("\n").split("\t"))
                self.swap_sets.update(dict.fromkeys(forms, forms))
                continue
            if line.startswith("="):  # a form with ß or a ligature and the words damage makes of it
                form, *plains = line[1:].rstrip("\n").split("\t")
                self.damaged_sets[form] = (form, *plains)
                for plain in plains:
                    self.damaged[plain] = (*self.damaged.get(plain, ()), form)
                continue
            word, count, rest = line.rstrip("\n").split("\t", 2) if line.count("\t") > 1 else (*line.split("\t"), "")
            if word.startswith(OLD):
                self.old_count[word[len(OLD) :]] = int(count)
            elif word.startswith(OLD_PRIOR):
                self.old_prior[word[len(OLD_PRIOR) :]] = int(count)
            elif word.startswith(SWAP):
                self.swap_count[word[len(SWAP) :]] = int(count)
            else:
                self.count[word] = int(count)
            self._lines[word] = rest
        self._features: dict[str, dict[str, int]] = {}
        sets: dict[str, list[str]] = {}
        for word in sorted(self.count):
            sets.setdefault(word.translate(UNDOT), []).append(word)
        self.sets = {key: tuple(members) for key, members in sets.items()}

    def tables(self) -> dict[str, Any]:
        """What the file was read into, as plain data (:meth:`from_tables` makes the model again)."""
        return {name: value for name, value in vars(self).items() if name != "_features"}

    @classmethod
    def from_tables(cls, tables: dict[str, Any]) -> Model:
        model = cls.__new__(cls)
        vars(model).update(tables, _features={})
        return model

    def features(self, word: str) -> dict[str, int]:
        """The features of the twin ``word`` (or OLD and the word: in old text) and their counts."""
        found = self._features.get(word)
        if found is None:
            cells = self._lines.get(word, "").split("\t")
            found = dict(zip(cells[0::2], map(int, cells[1::2]))) if cells != [""] else {}
            self._features[word] = found  # (a race only parses a line twice)
        return found

    def twins(self, word: str) -> tuple[str, ...]:
        """The members of the set of ``word`` (itself included), or () if it has no twin."""
        members = self.sets.get(word.translate(UNDOT), ())
        return members if word in members and len(members) > 1 else ()

    def damaged_twins(self, word: str) -> tuple[str, ...]:
        """The forms that ``word`` may be, where OCR dropped a ß ("da": "daß", an old form) or
        read it as f ("lief": "ließ"), or a PDF dropped a ligature ("Schi": "Schiff")."""
        return tuple(o for o in self.damaged.get(word, ()) if o in self.count and word in self.count)

    def swaps(self, word: str) -> tuple[str, ...]:
        """The members of the swap set of ``word`` (itself included), or () if it has none."""
        return self._counted(self.swap_sets.get(word, ()))

    def reads(self, word: str) -> tuple[str, ...]:
        """``word`` and the common words that a cheap reading of a dotted letter makes into it
        (READ_SET: "hingen", "hängen"), or () if it has none."""
        return self._counted(self.read_sets.get(word, ()))

    def _counted(self, members: tuple[str, ...]) -> tuple[str, ...]:
        """``members`` of a swap or read set, or () where one has no count (SWAP) to compare by."""
        return members if all(m in self.swap_count for m in members) else ()

    def odds(self, word: str, other: str, ctx: Context, old: bool = False, modern: bool = False) -> float:
        """log10 of how much more likely ``other`` is than ``word`` here (twins of one set, or
        forms of one swap set, by their own counts and with no era's prior); ``old``: in a
        document known to be written in the old spelling, ``modern``: in today's."""
        count, mark = self.count, ""
        if word in self.damaged_sets.get(other, ()):
            members = self.damaged_sets[other]
        elif other.translate(UNDOT) == word.translate(UNDOT):
            members = self.sets[word.translate(UNDOT)]
        elif other in self.read_sets.get(word, ()) or word in self.read_sets.get(other, ()):
            members, count, mark = self.read_sets.get(word) or self.read_sets[other], self.swap_count, SWAP
        else:
            members, count, mark = self.swap_sets[word], self.swap_count, SWAP
        if old and not mark and all(m in self.old_count for m in members):
            count, mark = self.old_count, OLD
        tables = [self.features(mark + m) for m in members]
        mine, theirs = self.features(mark + word), self.features(mark + other)
        total = sum(count.get(m, 0) for m in members)
        n_word, n_other = count[word], count[other]
        pseudo_word, pseudo_other = SMOOTHING * n_word / total, SMOOTHING * n_other / total

        def weight(feature: str) -> float:
            seen = sum(t.get(feature, 0) for t in tables)
            if not seen:
                return 0.0  # never seen with the set, or seen alike with all of it (pruned)
            pooled = POOLED * seen / total
            return math.log10(
                (theirs.get(feature, 0) + pseudo_other + pooled) / (n_other + POOLED)
                / ((mine.get(feature, 0) + pseudo_word + pooled) / (n_word + POOLED))
            )

        if (old or modern) and not mark and word in self.old_prior and other in self.old_prior:
            # the prior of the document's era: old text's counts (its novels and drama write
            # "würde" as often as "wurde"), or today's, all the text's but old text's
            p_word, p_other = self.old_prior[word], self.old_prior[other]
            if not old:
                p_word, p_other = n_word - p_word, n_other - p_other
            score = math.log10((p_other + ERA_SMOOTHING) / (p_word + ERA_SMOOTHING))
        else:
            score = math.log10(n_other / n_word)
        (b2, b1), (a1, a2) = ctx.before, ctx.after
        for side, trigram, bigram, end in (
            ("<", f"<<{b2} {b1}", f"<{b1}", ctx.ends[0]),
            (">", f">>{a1} {a2}", f">{a1}", ctx.ends[1]),
        ):
            seen = sum(t.get(trigram, 0) for t in tables)
            if seen >= MIN_TRIGRAM:
                score += weight(trigram)
            elif end and not any(bigram in t for t in tables):
                score += SUFFIX_WEIGHT * weight(side + end)  # (a rare word: its ending tells its kind)
            else:
                score += weight(bigram)
        for cue in ctx.cues:  # (one the set never showed weighs nothing)
            score += CUE_WEIGHT * weight("~" + cue)
        if ctx.end:
            score += weight(ctx.end)
        if ctx.governor:
            score += GOVERNOR_WEIGHT * weight(ctx.governor)  # (it overlaps with the cues and the words before)
        one, two = ctx.opener if word[:1].islower() else ("", "")  # (a noun's: see clause_opener)
        # (it overlaps with the cues: it counts half, as they do)
        if two and sum(t.get(two, 0) for t in tables) >= MIN_OPENER:
            score += CUE_WEIGHT * weight(two)
        elif one:
            score += CUE_WEIGHT * weight(one)
        return score


# the tokens of a sentence: words, numbers, and the punctuation that tells clauses apart
TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}]*|\d+(?:[.,]\d+)*|[,.;:!?()\"„“”]")
SENTENCE_END = frozenset(".!?")
WINDOW = 6  # cues are looked for this many words either side (build_context.WINDOW)
REACH = 200  # characters looked at either side of a word
NEAR_REACH = 60  # characters looked at before a word first
LOOK_AHEAD = max(WINDOW, CLAUSE_LOOK)  # tokens after a word that the features use


def context_at(text: str, start: int, end: int) -> Context:
    """The :class:`Context` of the word at ``text[start:end]``, within its sentence."""
    # (a short stretch first: past its first token, which it may cut, it finds what the
    # long one would, and that is all that is used where it holds more than CLAUSE_LOOK tokens)
    reach = NEAR_REACH
    left = TOKEN.findall(text, max(0, start - reach), start)
    if len(left) <= CLAUSE_LOOK + 1 and start > reach:
        reach = REACH
        left = TOKEN.findall(text, max(0, start - reach), start)
    known = start <= reach  # (is where its sentence starts in sight?)
    for i in range(len(left) - 1, -1, -1):
        if left[i] in SENTENCE_END:
            left, known = left[i + 1 :], True
            break
    seen = left[-CLAUSE_LOOK - 1 :]
    clause = ["<s>" if known and len(seen) == len(left) else "", *map(fold, seen)]
    left = left[-WINDOW:]
    right = []
    for match in TOKEN.finditer(text, end, end + REACH):
        right.append(match[0])
        if match[0] in SENTENCE_END or len(right) == LOOK_AHEAD:
            break
    before = ["<s>", "<s>", *map(fold, left)]
    # (a sentence's last word is followed by its mark, "." and "</s>", as in build_context.py:
    # "</s>" right after a word is a line that ends without one, a verse or a heading)
    after = [*map(fold, right), "</s>", "</s>"]
    near = frozenset(before[-WINDOW:-1] + after[1:WINDOW]) - {"<s>", "</s>"}
    common = model().common
    ends = (suffix(left[-1], common) if left else "", suffix(right[0], common) if right else "")
    opener = clause_opener(clause, len(clause)) if after[0] in CLAUSE_END else ("", "")
    ruler = governor(clause, len(clause))  # (it reads the tokens before the word only)
    return Context(
        (before[-2], before[-1]), (after[0], after[1]), near, clause_end(["", *after], 0), ends, opener, ruler
    )


_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model, loaded on first use, once per process (from the user's disk cache
    where it is there: :mod:`ocrfix.diskcache`)."""
    path = data_dir() / "context_de.tsv.gz"
    with _lock:
        return Model.from_tables(cached("context", (path,), lambda: read_model(path).tables()))


def read_model(path: Path) -> Model:
    """The model of a file that ``dictionaries/build_context.py`` wrote."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        header = f.readline()
        if FORMAT not in header:
            raise RuntimeError(f"{path}: expected {FORMAT!r}, rebuild it with dictionaries/build_context.py")
        return Model(f)
