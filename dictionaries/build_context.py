"""Build ``context_de.tsv.gz``: the neighbours of words that have an umlaut twin.

    python dictionaries/build_context.py     # reads ../shared/corpus/text (a few minutes)

Where OCR or an ASCII scrape loses umlauts, "hätte" becomes "hatte", a valid
word: only its neighbours tell ("als hätte" is common, "als hatte" rare).
This script counts, in the shared running text (all four files, the build
part of ``corpus_text``'s split), how often each *twin* occurs, and with which
neighbours.  Twins are the listed forms of the word list with ä/ö/ü and their forms with a/o/u
where those are words too ("hatte"/"hätte", "schon"/"schön", "Lange"/"Länge",
"Nahe"/"Nähe"), or old forms ("Kusse"/"Küsse", "wär"/"war", see ``twins``).

Neighbours are written folded (lower case, ä/ö/ü as a/o/u, ß as ss), so that a
neighbour counts the same whether the text lost its umlauts or not.  A
sentence-initial twin is counted under its lower-case form unless the
capitalized one is a twin itself ("Länge").  Tokens are runs of letters, "<n>"
for a number, and the punctuation marks ``, . ; : ! ? ( ) "``; "<s>" and "</s>"
stand before and after a sentence.

Each line holds one twin: ``word <TAB> count`` and then its features, each
``feature <TAB> count``, where the feature is one of

    <x       x the word before it
    >y       y the word after it
    <<x x2   x x2 the two words before it
    >>y y2   y y2 the two words after it
    ~c       a cue c within WINDOW words, not next to it ("wenn ... würde")
    $shape   the shape of the last word of its clause (ocrfix.ngrams.verb_shape:
             "würde ... machen", "wurde ... gemacht", "hätten ... machen müssen",
             "könnte ... gemacht haben")
    <-xy     the word before it is a rare lower-case word ending in xy (ocrfix.ngrams.suffix:
             "paradiesische Zustände" counts "<-he"), used where the word itself was never seen
    >-xy     the same for the word after it
    <^ >^    the word before (after) it is a capitalized word of SUFFIX_FROM letters or more that
             is not common (a noun or a name: "Urheberrechte stärken"), used likewise
    |x       for a lower-case twin that ends its clause (a verb: its mood), x the first word of
             the clause, where that is not next to it (ocrfix.ngrams.clause_opener: "nachdem er
             ... hatte", "wenn ich ... hätte")
    ||x x2   the same, its first two words ("als ob ... hätte")
    !x       for a twin right after a comma, x the word its clause hangs on: the last word
             before the comma that is no pronoun or particle (ocrfix.ngrams.governor: "ich sah,
             daß ...", "es ist möglich, daß ...")

(one line a twin: a process reads the file at once and a twin's features only when
it meets the twin).  The line that starts with "@" lists the common words (folded,
zipf COMMON_NEIGHBOUR or more), which count as themselves and never by their ending.
Lines that start with "=" name a form and the words damage makes of it (``eszett_twins``):
a common old form and the word it becomes where OCR drops its ß ("=daß da"), twins in text
written in the old spelling; or a common form and the word it becomes where OCR reads its ß
as f ("=ließ lief") or drops its final ß ("=hieß hie"), twins where the document lost its ß;
and a common form with fi, fl or ff
and the word it becomes where a PDF drops the ligature ("=Schiff Schi", ``ligature_twins``).
(Not the word it becomes where OCR reads the ß as s: "das" is far more often itself.)
The twins of an old form and its dropped ß alone ("daß", "da": ``old_pairs``) have a second
line each, counted in the historical files only, with "+" before the word ("+da"): where a
document is known to be old, they compare as old text uses them.
A twin that today writes ss is counted in its 1901 spelling too ("läßt" as "lässt": neighbours
are folded, ß as ss, so they are the same words).  Every twin has a line with its count in the
historical files alone, with "%" before the word ("%würde"): where a document is known to be
old, the twins' prior is old text's, where it is known to be modern, the rest's (novels and
drama use the subjunctive far more than an encyclopedia: "wurde" is 38 times as common as
"würde" in the modern files, about as common in the historical ones).
Lines that start with "&" list a swap set (``swap_sets``): common listed forms that differ only
in which of ä/ö/ü they have ("&gefällt gefüllt"), which one OCR reading ("ii") stands for, or a
ß form and the form with t or r in its place ("&hieß hier": OCR's f stands for each). Their
forms are counted apart, with "*" before the form ("*gefällt"): a form of a swap set that is no
twin gets no twin by it.
Lines that start with "^" list a read set (``read_sets``): a listed word rarer than
``ocrfix.correct.READ_VALID_MAX_ZIPF`` and the common listed words that one of the English
model's cheap readings of a dotted letter makes into it ("^hingen hängen": i for ä; the readings
of ``ocrfix.confusions`` that ``Corrector._valid_word`` takes a valid word for by frequency
alone); their forms are counted as those of swap sets are, so that its sentence can say which
is meant ("Im Museum hingen Bilder").

Cues are the CUES most common words written in lower case: function
words that mark the mood or the clause ("wenn", "als", "nicht"), not the nouns of
a topic; and the rarer MOOD_CUES ("ob", "falls", "gern").  Only keys seen at least
``MIN_COUNT`` times are kept (twins: every one), and of a twin set's neighbours only those
whose counts tell its members apart (``informative``).
The first line carries the format version and the attribution.
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

import corpus_text

from ocrfix.chardata import UNDOT
from ocrfix.ngrams import (
    CLAUSE_END, FORMAT, OLD, OLD_PRIOR, READ_SET, SENTENCE_END, SWAP, SWAP_MASK, SWAP_SET, TOKEN, WINDOW, clause_end,
    clause_opener, fold, governor, suffix,
)

OUT = HERE / "context_de.tsv.gz"
MIN_COUNT = 2
CUES = 150
# and these, rarer, that mark the mood of a clause ("als ob ... hätte", "falls ... würde",
# "hätte ... gern"), folded
MOOD_CUES = frozenset(
    "ob obwohl obgleich falls sonst gern gerne lieber beinahe fast eigentlich vielleicht hoffentlich "
    "wenigstens ach".split()
)
COMMON_PLAIN = 2.3  # a form with a/o/u that no dictionary lists is a twin from this zipf on:
# old datives too ("dem Kamme"), the plural's twin where OCR lost its dots ("die Kämme")
MIN_NOUN = 20  # a capitalized form seen this often inside sentences is a word of its own ("Nähe")
COMMON_OLD = 4.5  # old forms this common in old text get their twin ("daß": "da"; "wär": "war")
COMMON_READ = 3.5  # ß forms this common get the twin OCR makes by reading ß as f ("ließ": "lief"),
# and forms with a ligature the twin a PDF makes by dropping it ("Schiff": "Schi")
LIGATURES = ("ffi", "ffl", "fi", "fl", "ff")
COMMON_SWAP = 3.0  # both forms of a swap set ("gefällt", "gefüllt") are listed and this common
DROPPED_END_LEAD = 1.0  # zipf points a ß form may lead the word its dropped final ß makes (see eszett_twins)
ESZETT_SHAPES = "tr"  # the letters that OCR's f stands for besides ß (confusions.py)
MIN_RATIO = 1.5  # a neighbour that changes the odds of two twins less than this is dropped
COMMON_NEIGHBOUR = 4.0  # a neighbour this common (zipf) counts as itself, never by its ending
# files whose lines are sentences or speeches: a line end is a sentence end
LINE_IS_SENTENCE = {"wikipedia_klexikon", "klexikon", "gerdracor"}


def twins(inside: Counter[str]) -> frozenset[str]:
    """The listed forms with ä/ö/ü whose form with a/o/u is a listed word too, or common
    in today's text ("Burger") or in old text ("Kusse", "offnen"), and those: "hätte" and
    "hatte", "Nähe" and "Nahe" (what "der Nähe" becomes where umlauts are lost); and the old
    forms with ä/ö/ü the lists lack, COMMON_OLD or more common in old text, whose form with
    a/o/u is listed ("wär" and "war", "kömmt" and "kommt").  The word
    list keeps one casing of a word ("nähe", a form of "nähen"); the capitalized one counts
    where the text has it inside sentences (``inside``) at least MIN_NOUN times."""
    from ocrfix.lexicon import ALL_VARIANTS, HISTORICAL, Lexicon, _wordlist, old_zipf_of, zipf_of

    lex = Lexicon("de_DE")
    forms = _wordlist().forms
    out = set()
    for stored, entry in forms.items():
        undotted = stored.translate(UNDOT)
        if undotted == stored:
            continue
        if not entry & ALL_VARIANTS:
            # an old or dialect form, common in old text, whose plain form is listed ("wär": "war")
            if entry & HISTORICAL and old_zipf_of(entry) >= COMMON_OLD and lex.listed(undotted):
                out.update((stored, undotted))
            continue
        noun = stored[0].upper() + stored[1:]
        for form in (stored, noun) if noun != stored and inside[noun] >= MIN_NOUN else (stored,):
            plain = form.translate(UNDOT)
            # (a lower-case form is no twin of a noun: "zähl" is not what "Zahl" lost)
            found = forms.get(plain, 0)  # (the old zipf of a form no old text holds is 0)
            if lex.listed(plain) or max(zipf_of(found), old_zipf_of(found)) >= COMMON_PLAIN:
                out.update((form, plain))
    return frozenset(out)


def swap_sets(inside: Counter[str]) -> dict[str, list[str]]:
    """The listed forms with ä/ö/ü, COMMON_SWAP or more common, that differ only in which of
    them they have ("gefällt", "gefüllt"; "fährt", "führt"), keyed by the form with each
    dotted letter as "*": OCR's readings such as "ii" or "i" stand for more than one of them;
    and the pairs of a ß form and the form with t or r in its place, as common ("hieß", "hier").
    The list keeps one casing of a word ("hülle"); a noun's capitalized form counts where the
    text has it inside sentences (``inside``) MIN_NOUN times, as in :func:`twins` ("Hölle",
    "Hülle").  Not "ä", "ö", "ü" themselves."""
    from ocrfix.lexicon import ALL_VARIANTS, _wordlist, zipf_of

    groups: dict[str, list[str]] = {}
    for stored, entry in _wordlist().forms.items():
        if entry & ALL_VARIANTS and zipf_of(entry) >= COMMON_SWAP and len(stored) > 1:
            if stored.translate(UNDOT) != stored:
                noun = stored[0].upper() + stored[1:]
                for form in (stored, noun) if noun != stored and inside[noun] >= MIN_NOUN else (stored,):
                    groups.setdefault(SWAP_MASK.sub("*", form), []).append(form)
    sets = {key: sorted(forms) for key, forms in groups.items() if len(forms) > 1}
    # ... and a form with ß and the one with t or r in its place, which OCR's f stands for too
    # ("hief": "hieß" or "hier"; "weifer": "weißer" or "weiter")
    taken = {form for forms in sets.values() for form in forms}
    for stored, entry in _wordlist().forms.items():
        if entry & ALL_VARIANTS and zipf_of(entry) >= COMMON_SWAP and "ß" in stored and stored not in taken:
            for i in (i for i, ch in enumerate(stored) if ch == "ß"):
                for letter in ESZETT_SHAPES:
                    other = stored[:i] + letter + stored[i + 1 :]
                    found = _wordlist().forms.get(other, 0)
                    if found & ALL_VARIANTS and zipf_of(found) >= COMMON_SWAP and other not in taken:
                        sets["ß" + stored] = [stored, other]
                        taken.update((stored, other))
    return sets


def read_sets(inside: Counter[str]) -> dict[str, list[str]]:
    """The listed words rarer than READ_VALID_MAX_ZIPF by the common listed forms (COMMON_SWAP,
    and VALID_MARGIN[LOST] more common) that one cheap reading of one of their dotted letters
    makes into them (the readings ``Corrector._valid_word`` repairs a valid word by: i for ü or
    ä, d for ö): {"hingen": ["hingen", "hängen"]}.  Nouns as in :func:`swap_sets`."""
    from ocrfix.confusions import CONFUSIONS
    from ocrfix.correct import READ_VALID_MAX_COST, READ_VALID_MAX_ZIPF, VALID_MARGIN
    from ocrfix.document import LOST
    from ocrfix.lexicon import ALL_VARIANTS, _wordlist, zipf_of

    reads = {
        (c.seen, c.meant)
        for c in CONFUSIONS
        if c.rule == "umlaut" and c.cost <= READ_VALID_MAX_COST and c.seen.isalpha() and c.seen.islower()
        and c.meant.islower() and c.seen != c.meant.translate(UNDOT)  # (not the dots lost: twins)
    }
    forms = _wordlist().forms
    out: dict[str, list[str]] = {}
    for stored, entry in forms.items():
        if not entry & ALL_VARIANTS or zipf_of(entry) < COMMON_SWAP:
            continue
        rarer = min(READ_VALID_MAX_ZIPF, zipf_of(entry) - VALID_MARGIN[LOST])  # (the word as read is below)
        for seen, meant in reads:
            i = stored.find(meant)
            while i >= 0:
                plain = stored[:i] + seen + stored[i + len(meant) :]
                found = forms.get(plain, 0)
                if found & ALL_VARIANTS and zipf_of(found) < rarer:
                    out.setdefault(plain, [plain]).append(stored)
                    noun, plain_noun = stored[0].upper() + stored[1:], plain[0].upper() + plain[1:]
                    if noun != stored and inside[noun] >= MIN_NOUN:
                        out.setdefault(plain_noun, [plain_noun]).append(noun)
                i = stored.find(meant, i + 1)
    return out


def sentences(stem: str):
    """The token lists of the sentences of one file."""
    tokens: list[str] = []
    for line in corpus_text.lines(stem, "build"):
        for tok in TOKEN.findall(line):
            tokens.append(tok)
            if tok in SENTENCE_END:
                yield tokens
                tokens = []
        if stem in LINE_IS_SENTENCE and tokens:
            yield tokens
            tokens = []
    if tokens:
        yield tokens


def eszett_twins() -> dict[str, list[str]]:
    """The ß forms that OCR makes into other words, by those words: {ß form: [words]}.

    - Common old forms that end in ß, by the word they become where OCR drops the ß ("daß"
      -> "da"; twins in text written in the old spelling).  Not by the one where OCR reads
      the ß as s, which the confusion table does not hold either: in old text OCR, "das" for
      "daß" was right once where "das" was "das" six times (train and dv sets).
    - Common forms of any era by the listed word they become where OCR reads a ß as f
      ("ließ" -> "lief", "Straße" -> "Strafe"; twins where the document lost its ß), or
      drops a ß inside the word ("weißt" -> "weit", "mußte" -> "mute": a listed word only,
      not web junk such as "auen"); and, where no such reading makes a word, common forms of
      today's spelling too by the word OCR makes by dropping their final ß, a listed one or one
      about as common (DROPPED_END_LEAD: "hieß" -> "hie", "Fuß" -> "Fu"; not "weiß" -> "wei",
      which the search repairs)."""
    from ocrfix.lexicon import HISTORICAL, Lexicon, _wordlist, old_zipf_of, zipf_of

    lex = Lexicon("de_DE")
    out = {}
    for form, entry in _wordlist().forms.items():
        if "ß" not in form:
            continue
        zipf = max(zipf_of(entry), old_zipf_of(entry))
        plains = []
        if entry & HISTORICAL and form.endswith("ß") and old_zipf_of(entry) >= COMMON_OLD:
            plains.append(form[:-1])  # (OCR of old print drops the ß of "muß", "laß")
        if zipf >= COMMON_READ:
            plains += [form[:i] + "f" + form[i + 1 :] for i, c in enumerate(form) if c == "ß"]
            inside = (form[:i] + form[i + 1 :] for i, c in enumerate(form[:-1]) if c == "ß")
            plains += [p for p in inside if lex.listed(p)]
        # (a plain word far more common than the ß form is not worth its contexts: "die", "auf")
        plains = [p for p in plains if len(p) > 1 and _plain_twin(lex, p, form, zipf)]
        end = form[:-1]  # (its final ß dropped, see the docstring)
        if not plains and form.endswith("ß") and not entry & HISTORICAL and zipf >= COMMON_READ and len(end) > 1:
            if lex.listed(end) or (lex.known(end) and lex.zipf(end, old=True) >= zipf - DROPPED_END_LEAD):
                plains = [end]
        if plains:
            out[form] = plains
    return out


def ligature_twins() -> dict[str, list[str]]:
    """Common forms with fi, fl or ff by the words they become where a PDF's font map drops
    the ligature glyph ("Schiff" -> "Schi", "fiel" -> "el"): twins where the document drops
    ligatures, or may."""
    from ocrfix.lexicon import Lexicon, _wordlist, old_zipf_of, zipf_of

    lex = Lexicon("de_DE")
    out = {}
    for form, entry in _wordlist().forms.items():
        zipf = max(zipf_of(entry), old_zipf_of(entry))
        if zipf < COMMON_READ or "f" not in form:
            continue
        plains = {form[:i] + form[i + len(g) :] for g in LIGATURES for i in range(len(form)) if form.startswith(g, i)}
        plains = {p for p in plains if len(p) > 1 and _plain_twin(lex, p, form, zipf)}
        if plains:
            out[form] = sorted(plains)
    return out


def _plain_twin(lex, plain: str, form: str, zipf: float) -> bool:
    """Is ``plain`` what OCR may have made of the ß form ``form``: a word (listed, or for a
    dropped ß known: "mu", "la"), at most ten times as common as ``form``?"""
    known = lex.listed(plain) or (len(plain) < len(form) and lex.known(plain))
    return known and lex.zipf(plain, old=True) <= zipf + 1


def twin_sets(members: frozenset[str], damaged: dict[str, list[str]]) -> dict[str, list[str]]:
    """The members by their key: their form with a/o/u for ä/ö/ü; and each form with ß or a
    ligature with the words damage makes of it (keyed by "=" and the form)."""
    sets: dict[str, list[str]] = {}
    for m in sorted(members):
        sets.setdefault(m.translate(UNDOT), []).append(m)
    for form, plains in damaged.items():
        sets["=" + form] = [form, *plains]
    return sets


def first_pass() -> tuple[frozenset[str], Counter[str]]:
    """The CUES most common words written in lower case inside sentences (function words,
    not the nouns of a topic: "wenn", not "Stadt"), folded; and how often each word occurs
    inside a sentence."""
    inside: Counter[str] = Counter()
    for stem in corpus_text.FILES:
        for sent in sentences(stem):
            inside.update(sent[1:])
    lower = (w for w, _ in inside.most_common() if w[0].islower() and w[0].isalpha())
    return frozenset(fold(w) for w, _ in zip(lower, range(CUES))) | MOOD_CUES, inside


def common_words() -> frozenset[str]:
    """The words of the word list at least COMMON_NEIGHBOUR common, folded: neighbours that
    count as themselves, not by their ending (``ocrfix.ngrams.suffix``)."""
    from ocrfix.lexicon import _wordlist, zipf_of

    return frozenset(fold(w) for w, entry in _wordlist().forms.items() if zipf_of(entry) >= COMMON_NEIGHBOUR)


def old_pairs(damaged: dict[str, list[str]]) -> dict[str, list[str]]:
    """The sets of an old form and the word it becomes where OCR drops its ß ("daß", "da").
    Their twins are asked about only in text that is not written in today's spelling, and
    where it is known to be old, they compare as old text uses them: its "da" is not today's."""
    return {form: plains for form, plains in damaged.items() if plains == [form[:-1]]}


def respelled(members: frozenset[str]) -> dict[str, str]:
    """The 1901 spelling of each twin that today writes ss ("läßt": "lässt"), where it is no
    twin itself: old text's "läßt" counts as "lässt", its neighbours as those of today's."""
    from ocrfix.lexicon import Lexicon, old_spelling

    lex = Lexicon("de_DE")
    return {
        old: m for m in members if "ss" in m and (old := old_spelling(m, lex.listed)) != m and old not in members
    }


def count(
    members: frozenset[str],
    cue_words: frozenset[str],
    common: frozenset[str],
    old: frozenset[str] = frozenset(),
    respellings: dict[str, str] | None = None,
    swapped: frozenset[str] = frozenset(),
) -> Counter[str]:
    """Each twin's count and its features' counts; those of ``old`` also in the historical
    text alone, as "+" and the word (see ``ocrfix.ngrams.OLD``); and each twin's count in the
    historical text alone, as "%" and the word (``ocrfix.ngrams.OLD_PRIOR``).  A form of
    ``respellings`` (:func:`respelled`) counts as the twin it is the old spelling of (and as
    itself where it is one of ``members`` too: the ß form of a dropped ß).  The
    forms of swap sets (``swapped``, :func:`swap_sets`) count apart, as "*" and the form
    (``ocrfix.ngrams.SWAP``), and as twins only if they are ``members`` too."""
    counts: Counter[str] = Counter()
    respellings = respellings or {}
    for stem in corpus_text.FILES:
        historical = corpus_text.FILES[stem] == "historical"
        for sent in sentences(stem):
            toks = ["<s>", "<s>", *sent, "</s>", "</s>"]
            folded = [t if t[0] == "<" else fold(t) for t in toks]
            for i in range(2, len(toks) - 2):
                w = respellings.get(tok := toks[i], tok)
                if w not in members and w not in swapped:
                    tok = toks[i][0].lower() + toks[i][1:]
                    if i != 2 or ((w := respellings.get(tok, tok)) not in members and w not in swapped):
                        continue
                # (an old form that is a twin itself counts as itself too: "mußte" counts as the
                # "musste" of musste/müsste and as the "mußte" of its dropped ß, "mute")
                forms = (w, tok) if tok != w and tok in members else (w,)
                a, b, c, d = folded[i - 2], folded[i - 1], folded[i + 1], folded[i + 2]
                features = [f"<{b}", f">{c}", f"<<{a} {b}", f">>{c} {d}"]
                for side, neighbour in (("<", toks[i - 1]), (">", toks[i + 1])):
                    if end := suffix(neighbour, common):
                        features.append(side + end)
                near = set(folded[max(2, i - WINDOW) : i - 1] + folded[i + 2 : i + 1 + WINDOW])
                features += ("~" + x for x in near & cue_words)
                if end := clause_end(folded, i):
                    features.append(end)
                if ruler := governor(folded, i):
                    features.append(ruler)
                if w[:1].islower() and folded[i + 1] in CLAUSE_END:
                    # (a clause's last word, no noun: a verb, whose mood its first words tell)
                    features += (f for f in clause_opener(folded, i) if f)
                for w in forms:
                    keys = [w, OLD + w] if historical and w in old else [w] if w in members else []
                    for key in keys + [SWAP + w] if w in swapped else keys:
                        counts[key] += 1
                        counts.update(f"{key}\t{f}" for f in features)
                    if historical and w in members:
                        counts[OLD_PRIOR + w] += 1
    return counts


def informative(counts: Counter[str], sets: dict[str, list[str]]) -> dict[str, int]:
    """The keys to keep: every twin's count, and the neighbours seen MIN_COUNT times
    that change the odds between two members of a set by MIN_RATIO or more."""
    by_feature: dict[str, dict[str, int]] = {}
    for key, n in counts.items():
        if "\t" in key:
            w, f = key.split("\t", 1)
            by_feature.setdefault(f, {})[w] = n
    sets_of: dict[str, list[list[str]]] = {}
    for ms in sets.values():
        for m in ms:
            sets_of.setdefault(m, []).append(ms)
    kept = {key: n for key, n in counts.items() if "\t" not in key}
    for f, per in by_feature.items():
        for w, n in per.items():
            if n < MIN_COUNT:
                continue
            rate = n / counts[w]
            others = [o for ms in sets_of[w] for o in ms if o != w]
            # compared with each other member's rate (a smoothed half case where it has none)
            if any(rate >= MIN_RATIO * max(per.get(o, 0.5), 0.5) / counts[o] or
                   rate * MIN_RATIO <= max(per.get(o, 0.5), 0.5) / counts[o] for o in others if counts[o]):
                kept[f"{w}\t{f}"] = n
    return kept


def main() -> None:
    cue_words, inside = first_pass()
    members = twins(inside)
    damaged = eszett_twins()
    for form, plains in ligature_twins().items():
        damaged[form] = sorted({*damaged.get(form, ()), *plains})
    common = common_words()
    pairs = old_pairs(damaged)
    swaps = swap_sets(inside)
    reads = read_sets(inside)
    words = members | {w for form, plains in damaged.items() for w in (form, *plains)}
    old = frozenset(w for form, plains in pairs.items() for w in (form, *plains))
    apart = frozenset(w for forms in (*swaps.values(), *reads.values()) for w in forms)
    counts = count(words, cue_words, common, old, respelled(members), apart)
    sets = twin_sets(members, damaged)
    sets.update({"=" + OLD + form: [OLD + w for w in (form, *plains)] for form, plains in pairs.items()})
    sets.update({SWAP + key: [SWAP + w for w in forms] for key, forms in swaps.items()})
    sets.update({READ_SET + key: [SWAP + w for w in forms] for key, forms in reads.items()})
    kept = informative(counts, sets)
    lines: dict[str, list[str]] = {"@": ["@" + "\t".join(sorted(common))]}
    lines.update({"=" + form: ["=" + form, *plains] for form, plains in sorted(damaged.items())})
    lines.update({SWAP_SET + key: [SWAP_SET + forms[0], *forms[1:]] for key, forms in sorted(swaps.items())})
    lines.update({READ_SET + key: [READ_SET + forms[0], *forms[1:]] for key, forms in sorted(reads.items())})
    for key in sorted(kept):
        word, _, feature = key.partition("\t")
        lines.setdefault(word, [word, str(kept[word])])
        if feature:
            lines[word] += [feature, str(kept[key])]
    stems = list(corpus_text.FILES)
    header = (f"# {FORMAT}: the neighbours of {len(members):,} twin forms, a line each, features seen "
              f"{MIN_COUNT} or more times; from {corpus_text.attribution(stems)}; built by build_context.py")
    with open(OUT, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write((header + "\n" + "".join("\t".join(cells) + "\n" for cells in lines.values())).encode("utf-8"))
    print(f"{OUT.name}: {len(kept):,} counts for {len(members):,} twins, {len(damaged)} damaged forms, "
          f"{len(swaps)} swap sets and {len(reads)} read sets",
          file=sys.stderr)


if __name__ == "__main__":
    main()
