"""The words step: read the document, then decide about its words where they stand.

The step reads the whole text first (:mod:`ocrfix.document`), so that each word is
judged by what the document says about its damage (a :class:`~ocrfix.document.Key`),
and looks only at the stretches of text around the words that are not quiet
(:func:`_windows`).  Where a word stands, the document may overrule the word's own
decision (:meth:`ocrfix.correct.Corrector.settled`): a recurring capitalized word is a
name, a damaged word's intact twin may be in the same text, and the sentence decides
between valid twins (:meth:`~ocrfix.correct.Corrector.context_fix`).  Words OCR split
apart are joined here too.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Container, Iterable
from typing import TYPE_CHECKING

import regex

from . import ngrams
from .chardata import UNDOT, contains_any
from .confusions import CONFUSIONS, LETTER_READINGS, RESTORE_RULES
from .correct import (
    ADDRESS_FORMS,
    COMMON_ZIPF,
    INTACT,
    LONG_WORD,
    LOST,
    OCR_JUNK,
    SIGNS,
    SURE_UMLAUT_HINT,
    VOWEL,
    Corrector,
    Fix,
    dot_count,
    intact_restored,
    ligature_twin,
    roman_number,
    sentence_start,
)
from .document import Document, Key, initial, read
from .result import Correction, Edit, join_rules
from .search import first_lower
from .tokens import (
    COMMANDS, Protected, Word, after_command, code_line, hyphen_beside, letter_run_at, letter_run_start, letter_runs,
    quotations, touches, unit_after_number, words,
)

if TYPE_CHECKING:
    from .context import Context
    from .lexicon import Lexicon

# A word no list knows, this long or longer, that is one misreading from a word the
# document holds intact (two, from TWIN_LONG letters on) is that word.
TWIN_MIN_LEN = 5
TWIN_LONG = 9
TWIN_CONFIDENCE = 0.8
# So is a rare word that only the web or old text knows ("Sic", "inn"), from this length, where
# the twin is listed and this many zipf points more common, and is no mere dots away (dialect:
# "güt"), and the document is no dialect scene (Document.dialect_scene).
KNOWN_TWIN_MIN_LEN = 3
KNOWN_TWIN_MAX_ZIPF = 4.0
KNOWN_TWIN_MARGIN = 1.5
RECURS = 3  # a lower-case word this often in a document is its own, not a shape misread (_own_word)
# A recurring capitalized word this long, in a text that plainly misreads shapes, is misread
# where one shape makes it a noun this common (zipf), not a name (_common_misread)
COMMON_MISREAD_LEN = 5
COMMON_MISREAD_ZIPF = 3.0
_READINGS = frozenset((c.meant, c.seen) for c in CONFUSIONS)
_CHUNK_EDGE = regex.compile("[ \n]")
_ELIDED = regex.compile(r"\p{L}['’ʼ]")  # before the rest of a word with an elision
_QUOTE = quotations(across_lines=False)
QUOTE_WORDS = (2, 8)  # the words of a quotation that may be a foreign phrase
_QUOTES = "foreign quotes"  # (the key of their spans in Document.memo)
_NEAR = 64  # characters a chunk's end is looked for with str.find


def key_changed(before: str, after: str, ctx: Context) -> bool:
    """Did repairs change what a document says about itself (restored umlauts are intact)?
    Not its misreadings (Key.shapes, Key.misread): the words repaired were their evidence, and a
    text that shows fewer after its repairs is no less damaged (it would only search its words
    again, with less)."""
    old, new = read(before, ctx.lexicon).key, read(after, ctx.lexicon).key
    return old != new._replace(shapes=old.shapes, misread=old.misread)


def _settled_at(corrector: Corrector, text: str, token: str, start: int, end: int, key: Key) -> Fix | None:
    """:meth:`Corrector.settled` for ``token`` standing at ``text[start:end]``."""
    return corrector.settled(token, sentence_start(text, start), text.startswith("-", end), key)


def correct_words(text: str, ctx: Context) -> list[Edit]:
    """Replace damaged words by their dictionary form; join words OCR split apart."""
    doc = read(text, ctx.lexicon)
    edits = _word_edits(text, doc, ctx.corrector)
    if old_repairs(doc, edits, ctx.lexicon):
        # decided again as old text, its other dropped ß are found ("da ich" -> "daß ich")
        edits = _word_edits(text, doc.read_as_old(), ctx.corrector)
    return edits


def old_repairs(doc: Document, edits: Iterable[Edit | Correction], lex: Lexicon) -> int:
    """How many of the ``edits`` of ``doc``'s words make old ß forms ("dab" -> "daß"), where its
    words tell no era: any makes it old text.  (None where a word tells the modern spelling:
    "Schloßberg" may be a name's old form.)"""
    if doc.key.old or doc.key.modern or doc.era_counts[1]:
        return 0
    return sum(1 for e in edits if "ß" in e.replacement and lex.historical(e.replacement))


def _word_edits(text: str, doc: Document, corrector: Corrector) -> list[Edit]:
    """:func:`correct_words` by the key of ``doc``."""
    glyphs = _zeros_for_o(text, doc.key) if "0" in text else []
    if "@" in text:
        glyphs += _at_for_zero(text)
    if contains_any(text, "[|!]"):
        glyphs += _misread_strokes(text, corrector.lex)
    if doc.key.misread and (first := _first_i(text, corrector.lex)) is not None:
        glyphs.append(first)
    if doc.key.state("ü") != INTACT and ("Uber" in text or "fir" in text):
        glyphs += _misread_prepositions(text)
    if doc.key.misread and "ich" in text:
        glyphs += [Edit(m.start(), m.start() + 1, "I", "letters", FIRST_I_CONFIDENCE) for m in _SENTENCE_ICH.finditer(text)]
    if glyphs and corrector.lex.user_words:
        users = corrector.lex.user_words  # (the user's word is right as written: "mit Uber")
        glyphs = [g for g in glyphs if letter_run_at(text, letter_run_start(text, g.start)) not in users]
    odd = corrector.odd_words(doc.runs, doc.key)
    if doc.only_runs and "`" not in text:  # (inline code may hold spaces)
        if not odd:
            return sorted(glyphs)  # every word stays: much correct text ends here
        spans = _windows(text, odd, functools.partial(_alone, doc, corrector))
    else:
        spans = [(0, len(text))]
    edits: list[Edit] = []
    for start, end in spans:
        edits.extend(_correct_span(doc, start, end, corrector))
    more = glyphs  # (edits no stretch need hold: "0" for "O", "[hr" for "Ihr", and words cut by an elision)
    if glyphs:  # (which take the word they touch: "[hr" is no "hr" to correct)
        glyphs.sort()
        taken = [(g.start, g.end) for g in glyphs]
        edits = [e for e in edits if not touches(taken, e.start, e.end)]
    if doc.key.umlauts != INTACT and not doc.key.modern and _APOSTROPHES.search(text):
        more = more + _elisions(text, doc, corrector, edits)
    return sorted(edits + more) if more else edits


# A word cut by an elision: the apostrophe stands for a lost "e" ("wär' ich"; not "Grimm's").
_ELISION = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’ʼ])\p{L}+(?=['’ʼ](?![\p{L}\p{N}]))")
_APOSTROPHES = regex.compile(r"['’ʼ]")


def _elisions(text: str, doc: Document, corrector: Corrector, edits: list[Edit]) -> list[Edit]:
    """The words cut by an elision that OCR read without their dots (:meth:`Corrector.elided`),
    where no other edit touches them: a word left as it is (a valid "war") is quiet, and no
    stretch of :func:`_correct_span` need hold it."""
    spans = sorted((e.start, e.end) for e in edits)
    protected = Protected(text)
    out = []
    for m in _ELISION.finditer(text):
        k = bisect.bisect_left(spans, (m.end(),))  # (the edits that start before the word ends)
        if (k and spans[k - 1][1] > m.start()) or protected.touches(m.start(), m.end()):
            continue
        f = corrector.elided(m.group(), sentence_start(text, m.start()), doc.key)
        if f is not None:
            out.append(Edit(m.start(), m.end(), f.replacement, f.rule, f.confidence))
    return out


# The interjection O read as a zero where a sentence or line starts ("Bruder! 0 Kind",
# "Nun — 0 heilge Freiheit"), in a text that shows misread shapes, with no other digit near
# it (a score, a list: "0 zu 3", "(. 0.)").  Old print writes it small after a comma or a
# dash ("meine Seele, o Gott"), else as a capital.
_ZERO = regex.compile(
    r"(?<=(?:^|[,!?.;:—–»«„“\"])[ \t]*\n?[ \t]*)0(?=(?:[ \t]+|[ \t]*\n[ \t]*)\p{L}|h(?!\p{L}))", regex.MULTILINE
)  # (a word follows, or the h of "Oh")
_ZERO_NEAR = 30  # characters on either side that must hold no other digit
ZERO_CONFIDENCE = 0.8


# The thin strokes of I and l read as a bracket, a bar or an exclamation mark glued to the rest
# of their word: a capital I before it ("[hr Gnaden", "|m Norden"), a last l after it ("sol]
# auch", "Quarta! schrumpfte").  Not a bracket that closes or opens one nearby ("[hr]", "[sol]"),
# a bar where its line has another (a table: "|Name|"), nor a "!" that ends a sentence: inside
# one, a lower-case word follows it.
_STROKE_BEFORE = regex.compile(r"(?<![^\s(„“\"»«])[\[|](?=\p{Ll}+(?![\p{L}\p{N}\]|]))")
_STROKE_AFTER = regex.compile(r"(?<=\p{L}\p{L})(?:!(?=[ \t]*\n?[ \t]*\p{Ll})|[\]|](?![\p{L}\p{N}]))")
_BRACKET_REACH = 80  # characters after an opening bracket that must hold no closing one
STROKE_LEAD = 1.0  # zipf points the word with its last l must be more common than without
STROKE_CONFIDENCE = 0.8


def _misread_strokes(text: str, lex: Lexicon) -> list[Edit]:
    """The brackets, bars and marks glued to a word that are its I or its last l (see
    _STROKE_BEFORE), where that makes a common listed word, outside protected spans."""
    found = []
    for m in _STROKE_BEFORE.finditer(text):
        rest = letter_run_at(text, m.end())
        form, end = "I" + rest, m.end() + len(rest)
        if lex.listed(form) and lex.zipf(form) >= COMMON_ZIPF and not _stroke_paired(text, m.start(), end):
            found.append(Edit(m.start(), end, form, "letters", STROKE_CONFIDENCE))
    for m in _STROKE_AFTER.finditer(text):
        start = letter_run_start(text, m.start() - 2)
        word = text[start : m.start()]
        form = word + "l"
        eszett = word + "ß"
        if lex.listed(word) or not lex.listed(form) or _stroke_paired(text, start, m.end()):
            continue
        if lex.listed(eszett) or lex.historical(eszett):
            continue  # (where a ß read as the mark makes a word too, it tells nothing: "wei!" may be "weiß")
        if lex.zipf(form) >= max(COMMON_ZIPF, lex.zipf(word, old=True) + STROKE_LEAD):
            # (a known word with a stroke after it is rarely one: "sol]" is "soll")
            found.append(Edit(start, m.end(), form, "letters", STROKE_CONFIDENCE))
    if not found:
        return found
    protected = Protected(text)
    found.sort()
    # (a word with a stroke on either side is left: "|hr!")
    return [
        e for i, e in enumerate(found)
        if not protected.touches(e.start, e.end)
        and (i == 0 or found[i - 1].end <= e.start) and (i + 1 == len(found) or e.end <= found[i + 1].start)
    ]


# An exclamation mark read as l, i or t glued to the end of its word ("»Bravol«", "Wehe! Wehel
# Elend", "Ach, neei«"): where a sentence may end after it (a closing quote, a capital or the
# text's end follows) and nothing else reads the word, a word no list knows but a known word
# without that letter.
_CLOSING_QUOTE = r"[«»\"“”]"
_MARK_END = regex.compile(_CLOSING_QUOTE + r"|[ \t]*$|\s+[\p{Lu}„»«\"“]")
MARK_CONFIDENCE = 0.7
# ... and right before a closing quote in any text: there the German model reads a "!" as l
# where it misreads no other shape ("Nemesist«"); not an l after a consonant, which ends a
# southern diminutive as often ("»Servus, Hansl«", "Gretl", "Bubl")
_QUOTE_AFTER = regex.compile(_CLOSING_QUOTE)
_DIMINUTIVE = regex.compile(r"[^aeiouäöüh]l$")
MARK_STEM = 4  # letters a word needs before a capital


def _diminutive(lex: Lexicon, token: str) -> bool:
    """May ``token`` be a southern diminutive in -l ("Hansl", "Bubl", "a bissl")?  Not a
    capitalized one whose stem is listed in lower case and is no noun: an adjective or adverb
    that starts a quotation ("»Richtigl«" is "»Richtig!«")."""
    stem = token[:-1]
    return _DIMINUTIVE.search(token) is not None and not (
        stem[0].isupper() and lex.listed(first_lower(stem)) and not lex.noun(stem)
    )


# A shell command OCR misread ("systemetl", "rsyne": c read as e) is that command where one
# letter reading undone (not of the first letter) makes it, and it is no German word.  Only
# commands of COMMAND_MIN letters or more: shorter ones lie near words and each other ("sed").
COMMAND_MIN = 5
COMMAND_CONFIDENCE = 0.85


@functools.cache
def _misread_commands() -> dict[str, str]:
    """Each misreading of a command of COMMANDS (COMMAND_MIN letters or more) by one letter
    reading of the confusion table, to the command; none that two commands share."""
    made: dict[str, set[str]] = {}
    for command in COMMANDS:
        if len(command) >= COMMAND_MIN and command.isalpha():
            for seen, meant in LETTER_READINGS:
                for i in range(1, len(command)):
                    if command.startswith(meant, i) and meant:
                        made.setdefault(command[:i] + seen + command[i + len(meant) :], set()).add(command)
    return {seen: commands.pop() for seen, commands in made.items() if len(commands) == 1 and seen not in COMMANDS}


# ... and where a command line follows: an option or a path or file name, after at most
# two more arguments ("systemetl start backup.service", "rsyne -av quelle/ ziel/").
_COMMAND_TAIL = regex.compile(r"(?:\s+[a-z][\w-]*){0,2}\s+(?:--?[a-z]|[\w~.-]*[./][\w~-])")


def _misread_command(lex: Lexicon, text: str, token: str, end: int) -> Fix | None:
    """The command that ``token`` at ``text[:end]`` is a misreading of, where a command line follows."""
    command = _misread_commands().get(token)
    if command is None or lex.listed_or_known(token) or lex.valid(token) or not _COMMAND_TAIL.match(text, end):
        return None
    return Fix(command, "letters", COMMAND_CONFIDENCE)


def _misread_mark(lex: Lexicon, text: str, token: str, start: int, end: int) -> Fix | None:
    """``token`` with its last letter an exclamation mark (see _MARK_END), or None."""
    if len(token) < 3 or token[-1] not in "lit" or not token.isalpha() or not _MARK_END.match(text, end):
        return None
    if start and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
        return None  # (part of a longer token: "Grimm'sche", "E-Mail")
    stem = token[:-1]
    if lex.listed_or_known(token) or lex.valid(token) or not (lex.listed_or_known(stem) or lex.valid(stem)):
        return None
    if token[-1] == "t" and (lex.listed(stem + "n") or lex.listed(stem + "en")):
        return None  # a verb's form the lists lack ("platscht", "senget")
    after = _WORD_AFTER.match(text, end)
    if after is not None and after.group()[0].isupper():
        # before a capital, only a word that starts sentences, no noun ("platscht Wasser"), and
        # after a word of MARK_STEM letters or more (a short one may be a name's part: "Wost Case")
        word = after.group()
        if len(stem) < MARK_STEM or not lex.listed(first_lower(word)) or lex.noun(word):
            return None
    return Fix(stem + "!", "letters", MARK_CONFIDENCE)


def _stroke_paired(text: str, start: int, end: int) -> bool:
    """Is the bracket or bar at the edge of ``text[start:end]`` one of a pair: a closing
    bracket near after an opening one (before the next opening one), an opening one before a
    closing one on its line, a bar where the line holds another?"""
    if text[start] == "[":
        return "]" in text[end : end + _BRACKET_REACH].partition("[")[0]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before, after = text[line_start:start], text[end : line_end if line_end >= 0 else len(text)]
    mark = text[end - 1]
    return (mark == "]" and "[" in before) or ("|" in (text[start], mark) and "|" in before + after)


def _zeros_for_o(text: str, key: Key) -> list[Edit]:
    """The zeros that are the interjection O (see _ZERO), outside protected spans."""
    if key.shapes not in SIGNS:
        return []
    protected = Protected(text)
    out = []
    for m in _ZERO.finditer(text):
        if protected.touches(m.start(), m.end()):
            continue
        before = text[max(0, m.start() - _ZERO_NEAR) : m.start()]
        if any(c.isdigit() for c in before + text[m.end() : m.end() + _ZERO_NEAR]):
            continue
        small = before.rstrip().endswith((",", "—", "–", "-"))
        out.append(Edit(m.start(), m.end(), "o" if small else "O", "letters", ZERO_CONFIDENCE))
    return out


# A number with an at sign read for a zero ("ca. 25.00@ Arten", "um 115@", "p < @,@5", "die 195@er
# Jahre"): digits, separators and at signs, one of them a digit, a decade's "er" after it; not
# within a word ("st6@t" is "stößt"), an address ("x1@example.org": protected) or a handle ("@123").
_AT_NUMBER = regex.compile(
    r"(?<![\p{L}\p{N}@._-])(?!@\d)(?=[\d.,]*@)(?=[@.,]*\d)"  # an at sign in it, a digit, no handle
    r"[\d@](?:[\d@.,]*[\d@])?"
    r"(?=(?:er)?(?![\p{L}\p{N}@_-]|[.,]\p{N}))"  # its end (a decade's "er" may follow)
)
AT_ZERO_CONFIDENCE = 0.9


def _at_for_zero(text: str) -> list[Edit]:
    """The at signs that are zeros in a number (:data:`_AT_NUMBER`), where no protected span
    reaches out of the number (an address; "@5" alone looks like a handle, inside "@,@5")."""
    protected = Protected(text)
    out = []
    for m in _AT_NUMBER.finditer(text):
        start, end = m.span()
        if any(a < end and b > start and (a < start or b > end) for a, b in protected.near(start, end)):
            continue
        out += [Edit(start + i, start + i + 1, "0", "letters", AT_ZERO_CONFIDENCE) for i, c in enumerate(m[0]) if c == "@"]
    return out


# A text's first word, read with a small i for its capital I ("im September", "in der
# Sendung"): OCR does so at the top of a page, and a text starts with a capital.
_FIRST_I = regex.compile(r"\A[\s\"'„“«»‚‹›(\[]*+(i\p{Ll}++)(?![\p{L}\p{M}\p{N}_.(])")
FIRST_I_CONFIDENCE = 0.8


# ... and "ich" after a full stop on its line that ends a sentence (after a word of four
# letters or more, no abbreviation: "bzw.", "v. Chr."; not at a line's start, where OCR puts a
# stop the page lacks: "wenn.⏎ich"): a sentence starts with a capital, and drama's stage
# directions, which end in a stop and may go on in lower case, seldom do with "ich" (with "ihn",
# "im", "in" often: "ihn küssend."): 714 "Ich" there to one "ich" in the truth of my sets.
_SENTENCE_ICH = regex.compile(r"(?<=\p{L}{4}\.[\"'“”«»]?[ \t]+[\"„»«]?)ich(?![\p{L}\p{M}\p{N}_])")


# A preposition with its ü read by the English model as a word some list knows, a name or an
# English one ("Uber", "fir"), inside a sentence and before an article, a pronoun, a number or a
# span of time, is the preposition ("sprachen Uber den Plan", "stimmten fir den Antrag", "Uber
# 500 Kilometer", "Uber Jahre"), where the text keeps no ü
# that says otherwise: the others stand there seldom ("mit Uber nach Hause", "Uber hat", "fir
# tree"), and not after a preposition or a conjunction ("über Uber die ganze Zeit").
MISREAD_PREPOSITIONS = {"Uber": "über", "fir": "für"}
_SPACE = r"(?:[ \t]+\n?|\n)[ \t]*"  # (between two words: a line break too)
_MISREAD_PREPOSITION = regex.compile(
    r"(?<=[\p{Ll},;]" + _SPACE + r")"
    r"(?<!\b(?i:über|mit|von|bei|gegen|für|ohne|durch|zu|nach|aus|wie|als|und|oder)" + _SPACE + r")"
    r"(?:" + "|".join(MISREAD_PREPOSITIONS) + r")(?=" + _SPACE +
    r"(?:d(?:ie|er|as|en|em|es|iese[mnrs]?)|eine?[mnrs]?|(?:m|d|s|k)eine?[mnrs]?|ihre?[mnrs]?|unsere?[mnrs]?"
    r"|jede[mnrs]?|alle[mnrs]?|viele|mehrere|sich|uns|euch|ihn|mich|dich|es|Sie|Ihre[mnrs]?"
    r"|\d+(?:[.,]\d+)*(?:\s*%)?|zwei|drei|vier|sechs|sieben|acht|neun|zehn|elf|zwanzig|hundert|tausend"
    r"|Jahre|Jahrzehnte|Monate|Wochen|Tage|Stunden|Minuten)(?![\p{L}\p{N}]))"
)
PREPOSITION_CONFIDENCE = 0.8


def _misread_prepositions(text: str) -> list[Edit]:
    """The misread prepositions of :data:`_MISREAD_PREPOSITION`, outside protected spans."""
    protected = Protected(text)
    return [
        Edit(m.start(), m.end(), MISREAD_PREPOSITIONS[m[0]], "umlaut", PREPOSITION_CONFIDENCE)
        for m in _MISREAD_PREPOSITION.finditer(text) if not protected.touches(m.start(), m.end())
    ]


def _first_i(text: str, lex: Lexicon) -> Edit | None:
    """The capital I of the text's first word, where OCR read it small (:data:`_FIRST_I`), in a
    text that shows misreadings: a lower-case word the list has ("im", "ich"; not a noun or a
    name, nor code: "import os")."""
    m = _FIRST_I.match(text)
    if m is None or not lex.listed(m[1]):
        return None
    return Edit(m.start(1), m.start(1) + 1, "I", "letters", FIRST_I_CONFIDENCE)


def _decided(corrector: Corrector, doc: Document, token: str, start: int, end: int) -> Fix | None:
    """The fix of ``token`` at ``doc.text[start:end]``: its word's (:meth:`Corrector.settled`),
    unless the document says otherwise.

    A capitalized word the lists lack that recurs in the document is a name: it keeps
    its letters unless OCR junk in it or the document's lost dots say they are damage, or
    they are a form of address misread ("Thre" twice is "Ihre": no name is one letter from it;
    nor is one before another name's part: "Thr Gemeindebiiro"), or a common noun misread in a
    text that plainly misreads shapes (:func:`_common_misread`).
    A word no list knows, or a rare one only web or old text knows, may be the damaged twin
    of a word the document holds intact (:func:`_document_twin`).  A lower-case word the
    document holds often, or an old or dialect form in a dialect scene, is the document's
    own (:func:`_own_word`).  A word nothing else reads may end in an exclamation mark read as
    a letter (:func:`_misread_mark`).  The
    arguments of a shell command are no German words (:func:`~ocrfix.tokens.after_command`).
    And no fix puts out a word that neither the lists, the user's words nor the document
    know (:meth:`Corrector.knows`).
    """
    memo = doc.memo  # (the windows and the span ask about the same occurrences)
    if (start, token) in memo:
        return memo[start, token]
    text, key = doc.text, doc.key_of(token, corrector.lex)
    if token in corrector.lex.user_words or unit_after_number(text, token, start):
        memo[start, token] = None
        return None  # the user's word is right as written; a unit symbol: "50 nm" is no "50 um"
    if (f := _misread_command(corrector.lex, text, token, end)) is not None:
        memo[start, token] = f
        return f  # ("sudo systemetl start": the argument of "sudo" is a command)
    f = _settled_at(corrector, text, token, start, end, key)
    if f is not None and f.replacement not in ADDRESS_FORMS and _recurring_name(doc, token) and (
        not _damage_shows(token, f, key)
        or (f.rule == "letters" and not OCR_JUNK.search(token) and not _common_misread(corrector.lex, token, f))
    ):
        f = None  # a name (OCR seldom misreads a shape of one word the same way twice)
    elif (
        f is not None and f.rule == "letters" and f.replacement not in ADDRESS_FORMS
        and _beside_a_name(corrector.lex, text, token, start, end)
    ):
        f = None  # a name's part: "Nikolaas Tinbergen" (no "Thr Gemeindebiiro": "Ihr")
    elif f is not None and f.replacement in ADDRESS_FORMS and f.rule == "letters" and _TITLE_BEFORE.search(
        text, max(0, start - 20), start
    ):
        f = None  # a name after a title: "Herr Thren" (no "Ihren")
    elif f is not None and _own_word(doc, token, f, corrector.lex, start):
        f = None  # dialect, a term: "det", "un", "wat" in a Berlin or Low German scene
    elif f is not None and not _damage_marked(token, f) and _in_foreign_quote(doc, corrector.lex, start):
        f = None  # a foreign phrase: "Alea iacta est", "il dolce far niente"
    # (in a document that shows its damage, or where nothing knows the word: the German model
    # misreads a shape here and there in a text that shows no other damage, "Nationalspicler";
    # a short word that recurs is a name or the text's own, a long one OCR misreads alike each
    # time: _recurring_name)
    may_be_twin = doc.vocab[token] == 1 or len(token) >= LONG_WORD
    if f is None and may_be_twin and (
        key.umlauts == LOST or key.shapes in SIGNS or not corrector.lex.known(token)
    ):
        f = _document_twin(corrector, doc, token)
    if f is None and (key.shapes in SIGNS or (_QUOTE_AFTER.match(text, end) and not _diminutive(corrector.lex, token))):
        f = _misread_mark(corrector.lex, text, token, start, end)  # ("»Bravol«": "»Bravo!«")
    if f is None and len(token) >= 4 and token.isalpha() and not hyphen_beside(text, start, end):
        # ("darfich": "darf ich"; not a part of a compound with hyphens, "Daist-Gruppe")
        f = _ran_together(corrector.lex, token, sentence_start(text, start))
    if f is not None and not RESTORE_RULES.issuperset(f.rule.split("+")) and (
        token in COMMANDS or after_command(text, start) or code_line(text, start) or _elided_end(text, start)
    ):
        # only lost dots or ß for a shell command or its argument ("systemctl start") and for the
        # end of a word with an elision ("blüh'nde" is no "finde", but "g'spurt" is "g'spürt")
        f = None
    if f is not None and f.unchecked and not corrector.knows(f.replacement, doc.vocab, whole=f.otherwise is not None):
        f = f.otherwise  # (over a word the search found, only a word that is known as a whole)
    memo[start, token] = f
    return f


# Two words OCR ran together, lost the space between: a word and one of these, the short
# words that follow a verb, an adverb or a conjunction most often ("darfich", "tiefals",
# "Daist").  Not "er", "es", "in", "an", "man", "den": those end names and inflected forms too
# ("Moldauer", "Zimmerin", "Minuteman", "engenden").
GLUED_WORDS = frozenset(
    "ich du wir ihr sich mich dich mir dir ihm ihn uns euch ist bin bist sind als und so ja im "
    "nicht noch nur auch doch wie was wo".split()
)
GLUED_HEAD_ZIPF = 3.0  # how common the word before it must be
SPLIT_CONFIDENCE = 0.6


def _ran_together(lex: Lexicon, token: str, starts: bool) -> Fix | None:
    """``token``, which nothing knows, as the two words OCR ran together, where one split
    alone makes a listed word and one of GLUED_WORDS.  A lower-case token only (a capitalized
    one is a name, unless it starts a sentence); never one hunspell or known parts take as a
    compound, and never with the short word first (old text glues "aufeine", "mitbrach")."""
    if not (token.islower() or (starts and token[1:].islower())):
        return None
    splits = [
        (token[:i], token[i:]) for i in range(2, len(token) - 1)
        if token[i:] in GLUED_WORDS and lex.listed(token[:i]) and lex.zipf(token[:i]) >= GLUED_HEAD_ZIPF
    ]
    if len(splits) != 1 or lex.known(token) or lex.compound_like(token, known=True) or lex.valid(token):
        return None  # (hunspell last: it is slow on words it does not know)
    return Fix(" ".join(splits[0]), "split", SPLIT_CONFIDENCE)


def _recurring_name(doc: Document, token: str) -> bool:
    """Is ``token`` capitalized, more than once in the document, and with a vowel, as names
    have ("Thr" twice is "Ihr" misread twice)?  Not a word of LONG_WORD letters: OCR reads a long
    word in one face the same way each time ("Verwaitung"), and names that long are few."""
    return (
        token[0].isupper() and len(token) < LONG_WORD and doc.vocab[token] > 1 and VOWEL.search(token) is not None
    )


def _common_misread(lex: Lexicon, token: str, fix: Fix) -> bool:
    """Is ``fix`` of the recurring capitalized ``token`` a common noun, the token long enough
    to be no short name ("Insein" twice in a text that plainly misreads shapes is "Inseln"
    twice: a font misreads a word's shape alike each time; the guard of _decided holds where
    the text shows no misread shapes, "Herr Insein", and for a verb: "Brummi" is no "Brummt")?"""
    form = fix.replacement
    return len(token) >= COMMON_MISREAD_LEN and lex.zipf(form) >= COMMON_MISREAD_ZIPF and lex.may_be_noun(form)


def _beside_a_name(lex: Lexicon, text: str, token: str, start: int, end: int) -> bool:
    """Is the capitalized ``token``, inside a sentence, followed across one space by a
    capitalized word that no list knows (a first name and a surname: "Nikolaas Tinbergen")?
    (Not one that starts a sentence, "Dic Rcgierung", nor by the word before it: OCR damages
    neighbours alike, "Dic Kiassen".)"""
    if not token[0].isupper() or not token[1:].islower() or sentence_start(text, start):
        return False
    after = letter_run_at(text, end + 1) if text[end : end + 1] == " " else ""
    return after.istitle() and len(after) > 1 and not lex.known(after)


def _guessed(fix: Fix) -> bool:
    """Did ``fix`` take a word for its twin by its sentence, or guess a misread shape?"""
    return fix.rule == "letters" or "context" in fix.rule.split("+")


# A title before a name: the word after it is a name, however one letter from a form of address.
_TITLE_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])(?:Herrn?|Frau|Fräulein|Familie|Dr\.|Prof\.)[ \n]$")
_NAME_BEFORE = regex.compile(r"(?<![\p{L}\p{N}\-.])(\p{Lu}\p{Ll}+)[ \n](?:\p{Lu}\.[ \n])?$")


def _after_a_name(lex: Lexicon, text: str, start: int) -> bool:
    """Does the word at ``start`` follow a name hunspell knows (:attr:`Lexicon.names`), and an
    initial, across one space or line break (a first name: "Renate Lange", "Eva M. Berger")?"""
    m = _NAME_BEFORE.search(text, max(0, start - 40), start)
    return m is not None and m[1] in lex.names


def _elided_end(text: str, start: int) -> bool:
    """Is the word at ``start`` the rest of a word with an elision ("blüh'nde")?"""
    return _ELIDED.match(text, max(0, start - 2), start) is not None


def _own_word(doc: Document, token: str, fix: Fix, lex: Lexicon, at: int) -> bool:
    """Is ``token``, which ``fix`` would change, a word of the document?

    A lower-case word shorter than LONG_WORD that a shape guess or an edit alone would change,
    and that occurs at least RECURS times, more often than the guess, is: OCR misreads a shape
    now and then, seldom the same short word the same way again and again (lost dots and
    dropped ligatures it may lose throughout, "fur": those guesses still count; and a long
    word it reads the same way in one face: "bezwiugen").  In a document where old
    and dialect forms are at least DIALECT_SHARE of the words (a Low German scene), or in
    quotations that are such a scene together (:attr:`Document.speech`), any word is, unless
    the document plainly shows the damage ``fix`` repairs ("gmocht" is no
    "gemocht", "dä" no "da" where the ä are intact), or a dropped ligature restores it (no
    dialect drops the ff of "öffentlichen": a PDF does); and an old or dialect form is even
    where it shows misread shapes ("wat", "Min"): its unknown words are no sign of them, or lost
    dots where a restored ß would change it (Bavarian "heit", no "heißt": the state of ß follows
    the dots' where an English model lost them); and so is a dotted word that taking the dots
    away makes listed (Swiss "dänn": no "dann").
    """
    if not token.isalpha():
        return False
    if doc.in_dialect(at) and fix.rule != "ligature" and (
        (fix.rule == "letters" and lex.historical(token))
        or dot_count(fix.replacement) < dot_count(token)
        or not _damage_shows(token, fix, doc.key)
        or (fix.rule == "eszett" and len(fix.replacement) > len(token) and lex.old_form(token))
    ):
        return True
    if fix.rule not in ("letters", "dictionary"):
        return False  # (an edit, the last resort, is repeated no more often than a shape guess)
    n = doc.vocab[token]
    if n < RECURS or len(token) >= LONG_WORD or not token[0].islower() or n <= doc.vocab[fix.replacement]:
        return False
    return not _misread_often(doc, token, fix, lex)


def _misread_often(doc: Document, token: str, fix: Fix, lex: Lexicon) -> bool:
    """Does the document misread the letter ``fix`` changes in ``token`` the same way in
    another word, one that no list knows and that the same change makes a listed word?
    Then its recurring word is damage the document repeats ("cin", "cine", "ciner" for
    "ein", "eine", "einer": a font whose e OCR reads as c), not a word of its own."""
    form = fix.replacement
    changes = {(s, m) for s, m in zip(token, form) if s != m}
    if len(form) != len(token) or len(changes) != 1:
        return False
    ((seen, meant),) = changes
    memo = doc.memo  # (asked at each occurrence of the word)
    if (seen, meant) not in memo:
        memo[seen, meant] = [w for w in doc.vocab if seen in w and _misread(w, seen, meant, lex)]
    return any(w != token for w in memo[seen, meant])


def _misread(word: str, seen: str, meant: str, lex: Lexicon) -> bool:
    """Is ``word`` one that no list knows and that a ``meant`` for one ``seen`` makes listed?"""
    if lex.listed_or_known(word):
        return False
    at = word.find(seen)
    while at >= 0:
        if lex.listed(word[:at] + meant + word[at + 1 :]):
            return True
        at = word.find(seen, at + 1)
    return False


def _damage_marked(token: str, fix: Fix) -> bool:
    """Does ``token`` itself carry its damage: OCR junk, or the English model's reading of a
    dotted letter or ß where ``fix`` restores one ("Fiihrung")?"""
    return OCR_JUNK.search(token) is not None or (
        SURE_UMLAUT_HINT.search(token) is not None and RESTORE_RULES.issuperset(fix.rule.split("+"))
    )


def _in_foreign_quote(doc: Document, lex: Lexicon, at: int) -> bool:
    """Is ``at`` inside a foreign phrase in quotation marks (:func:`_foreign_quotes`)?"""
    spans = doc.memo.get(_QUOTES)
    if spans is None:
        spans = doc.memo[_QUOTES] = _foreign_quotes(doc.text, lex)
    return touches(spans, at, at + 1)


def _foreign_quotes(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """The spans of the short quotations (QUOTE_WORDS) of which at least half the words are
    foreign (:func:`_foreign`; the first or a lower-case one) and at most half listed German
    words ("So far, so good", "il dolce far niente"), in order."""
    out = []
    for m in _QUOTE.finditer(text):
        runs = letter_runs(m[0])  # (the document's words: tokens.letter_runs)
        if not QUOTE_WORDS[0] <= len(runs) <= QUOTE_WORDS[1]:
            continue
        # (a capitalized word inside it is more often a name than foreign: "»Witichis, König Witichis«")
        foreign = sum(_foreign(lex, w) for i, w in enumerate(runs) if i == 0 or w[0].islower())
        if 2 * foreign >= len(runs) and 2 * sum(map(lex.listed, runs)) <= len(runs):
            out.append((m.start(), m.end()))
    return out


def _foreign(lex: Lexicon, word: str) -> bool:
    """Is ``word`` a foreign word as far as the lists tell: one the web or old text knows, no
    listed German word, nor one with its dots lost ("Gesprach"; damaged German is mostly unknown)?"""
    return not lex.listed(word) and lex.known(word) and not lex.prefixes.folds_to(first_lower(word))


# In a dialect scene or its quotations (Document.in_dialect) a valid word's twin
# needs its sentence to say so this many orders of magnitude more clearly: dialect writes verb
# forms without their umlaut ("des fallt mir ned ei", "er schlaft no") in a syntax the model
# has seldom seen.
DIALECT_CONTEXT_MARGIN = 1.0


def _dialect_form(doc: Document, lex: Lexicon, token: str, fix: Fix, at: int) -> bool:
    """Is ``token``, which its sentence would make a twin that restores a dropped ligature or ß,
    an old or dialect form of a dialect scene (:func:`_own_word`), for a ligature in a text that
    does not plainly drop them (a Swabian "hot" for "hat" is no "hofft" that lost its ff: a PDF
    drops them, no dialect)?  (A ß in any such text: its state follows the dots' where an English
    model lost them, so it says nothing of the dialect's own words.)"""
    if not doc.in_dialect(at) or not lex.old_form(token):
        return False
    if len(fix.replacement) > len(token) and "ß" in fix.replacement:
        return True  # nor one that a dropped ß may have made: Bavarian "heit" is no "heißt", "scho" no "Schoß"
    return doc.key.ligature != LOST and ligature_twin(token, fix.replacement)


def _damage_shows(token: str, fix: Fix, key: Key) -> bool:
    """Does ``token`` show its damage: OCR junk or the English model's readings, or only
    damage the document shows plainly (lost dots, dropped ligatures, misread shapes)?"""
    if OCR_JUNK.search(token) or SURE_UMLAUT_HINT.search(token):
        return True
    if dot_count(fix.replacement) < dot_count(token):
        return key.shapes == LOST  # dots a German model made up: counted as misread shapes ("Orgänisation")
    shown = {"umlaut": key.umlauts == LOST, "eszett": key.umlauts == LOST, "ligature": key.ligature in SIGNS,
             "letters": key.shapes == LOST, "acronym": True}
    return all(shown.get(r, False) for r in fix.rule.split("+"))


def _document_twin(corrector: Corrector, doc: Document, token: str) -> Fix | None:
    """The word of the document that ``token``, which no list knows, is a misreading of:
    one or two letters apart, by confusions the model knows ("Kanstliche" where the
    text also has "Künstliche"); or that a rare unlisted ``token`` is (KNOWN_TWIN_MARGIN).
    The twin starts with the same letter, dots aside: so each word is compared with a
    bounded share of the document's words."""
    lex = corrector.lex
    known = lex.known(token)
    if known and (
        lex.listed(token) or lex.zipf(token, True) >= KNOWN_TWIN_MAX_ZIPF or doc.dialect_scene
    ):
        return None
    if len(token) < (KNOWN_TWIN_MIN_LEN if known else TWIN_MIN_LEN) or token.isupper() or not corrector.readable(token):
        return None
    words = doc.known_by_initial(initial(token), lex.listed_or_known)
    if not words:
        return None
    limit = 1 if len(token) < TWIN_LONG else 2
    from rapidfuzz import process  # (imported where first needed: start-up)
    from rapidfuzz.distance import Levenshtein

    found = process.extract(token, words, scorer=Levenshtein.distance, score_cutoff=limit, limit=4)
    # (none that restores a dotted letter or ß the text keeps intact: "far" is no "für" where its ü are)
    twins = [
        w
        for w, _, _ in found
        if w != token
        and w[0].isupper() == token[0].isupper()
        and _misreading(token, w)
        and not intact_restored(token, w, doc.key)
    ]
    if len(twins) != 1 or lex.valid(token):
        return None
    if known and (
        not lex.listed(twins[0])
        or twins[0].translate(UNDOT) == token.translate(UNDOT)
        or lex.zipf(twins[0]) < lex.zipf(token, True) + KNOWN_TWIN_MARGIN
    ):
        return None
    return Fix(twins[0], "document", TWIN_CONFIDENCE)


def _misreading(seen: str, meant: str) -> bool:
    """Is each difference between ``seen`` and ``meant`` one OCR makes (the confusion table)?"""
    from rapidfuzz.distance import Levenshtein

    for op in Levenshtein.opcodes(meant, seen):
        if op.tag != "equal" and (meant[op.src_start : op.src_end], seen[op.dest_start : op.dest_end]) not in _READINGS:
            return False
    return True


def _windows(text: str, odd: set[str], alone: Callable[[str, int, int], bool]) -> list[tuple[int, int]]:
    """The stretches of ``text`` that hold its ``odd`` words, each with the chunk
    (between spaces or line breaks) before and after it; occurrences that are
    ``alone`` (see :func:`_alone`) need none.

    Outside them every word is quiet and next to quiet words, or alone: nothing to
    change and nothing to join.  A stretch starts and ends with a quiet word that
    joins nothing outside, so it is corrected just as it would be within the text.
    Occurrences are taken in order and each search for a chunk's edge stops at the
    stretch before, so that the time stays linear in the text.
    """
    n = len(text)
    found = []
    for w in odd:
        i = text.find(w)
        while i >= 0:
            e = i + len(w)
            if not (i and text[i - 1].isalpha()) and not (e < n and text[e].isalpha()) and not alone(w, i, e):
                found.append((i, e))
            i = text.find(w, e)
    found.sort()
    spans: list[list[int]] = []
    edge = -1  # where the chunk of the last occurrence looked at ends
    for i, e in found:
        if e <= edge:  # in that chunk too: its stretch holds this one already
            continue
        edge = _chunk_end(text, e)
        if spans and i < spans[-1][1]:  # inside the last stretch: it grows by the chunk after this one
            spans[-1][1] = max(spans[-1][1], _chunk_after(text, edge))
            continue
        lo = spans[-1][1] if spans else 0
        a, b = _chunk_before(text, i, lo), _chunk_after(text, edge)
        if spans and a <= lo:
            spans[-1][1] = b
        else:
            spans.append([a, b])
    return [(a, b) for a, b in spans]


def _alone(doc: Document, corrector: Corrector, word: str, start: int, end: int) -> bool:
    """Does the capitalized ``word`` at ``text[start:end]`` stay as it is, and join nothing?

    A name the dictionary lacks ("Merkel") is not quiet, but where it stands it is
    often left alone.  :meth:`Corrector.should_merge` never takes a capitalized word
    as the right part; as the left part, only with whitespace and a lower-case word
    after it, which is asked here.  (Should that word have a fix, it is odd itself,
    and its stretch holds this word.)
    """
    text = doc.text
    if not word[0].isupper() or roman_number(word):
        return False  # (a Roman number's neighbours decide, see _roman)
    if corrector.twins(word, doc.key.of_dots, sentence_start(text, start)):
        return False
    if _decided(corrector, doc, word, start, end) is not None:
        return False
    j, n = end, len(text)
    while j < n and text[j] in " \t\n":
        j += 1
    if j == end or j == n or not text[j].islower():
        return True
    right = letter_run_at(text, j)
    return not corrector.should_merge(text, Word(start, end, word), Word(j, j + len(right), right))


def _chunk_start(text: str, i: int, lo: int) -> int:
    """Where the chunk holding ``i`` starts (``lo`` if before it)."""
    r = text.rfind(" ", lo, i)
    r = max(r, text.rfind("\n", max(r, lo), i))
    return r + 1 if r >= 0 else lo


def _chunk_end(text: str, i: int) -> int:
    """Where the chunk holding ``i`` ends."""
    space = text.find(" ", i, i + _NEAR)  # (most chunks end soon: two quick finds)
    if space >= 0:
        nl = text.find("\n", i, space)
        return nl if nl >= 0 else space
    # (else one search for either edge: a find of each would run on past a near edge of the other)
    edge = _CHUNK_EDGE.search(text, i)
    return edge.start() if edge else len(text)


def _chunk_before(text: str, i: int, lo: int) -> int:
    """Where the chunk before the one at ``i`` starts (``lo`` if before it)."""
    j = _chunk_start(text, i, lo)
    while j > lo and text[j - 1] in " \n":
        j -= 1
    return _chunk_start(text, j, lo) if j > lo else lo


def _chunk_after(text: str, edge: int) -> int:
    """Where the chunk after the one that ends at ``edge`` (a :func:`_chunk_end`) ends."""
    n = len(text)
    j = edge
    while j < n and text[j] in " \n":
        j += 1
    return _chunk_end(text, j) if j < n else n


def _correct_span(doc: Document, begin: int, stop: int, corrector: Corrector) -> list[Edit]:
    """The word edits of ``doc.text[begin:stop]``, a stretch from :func:`_windows` or the whole text."""
    text, key = doc.text, doc.key
    quiet = corrector.quiet[key.of_dots]
    edits = []
    ws = list(words(text, begin, stop))

    fixes: dict[int, Fix | None] = {}  # by word index: a word is looked at with each neighbour

    def fixed(i: int) -> Fix | None:
        if i not in fixes:
            fixes[i] = _decided(corrector, doc, ws[i].text, ws[i].start, ws[i].end)
        return fixes[i]

    i = 0
    while i < len(ws):
        w = ws[i]
        start, end, token, rule, confidence = w.start, w.end, w.text, "", 1.0
        if token in quiet and (i + 1 == len(ws) or ws[i + 1].text in quiet):
            i += 1
            continue
        if i + 1 < len(ws) and (joined := _joined(text, w, ws[i + 1], corrector, fixed, i)) is not None:
            token, rule, confidence = joined
            end = ws[i + 1].end
            i += 1
            f = _settled_at(corrector, text, token, start, end, key)
            if f is not None and f.unchecked and not corrector.knows(f.replacement, doc.vocab):
                f = None
        else:
            f = fixed(i)
            own = doc.key_of(token, corrector.lex)  # (_decided's)
            view = functools.partial(_view, text, ws, i, edits, fixed, quiet)
            if f is None:
                if not _elided_end(text, start):  # ("Grimm'schen": no "fischen")
                    f = corrector.context_fix(text, w, own, view, DIALECT_CONTEXT_MARGIN if doc.in_dialect(start) else 0.0)
                if f is not None and _dialect_form(doc, corrector.lex, token, f, start):
                    f = None  # ("D'Oma hot extra an Kuacha bacha": no "hofft")
                if f is None and (number := roman_number(token)):
                    f = _roman(text, start, end, number)
            elif own.umlauts == LOST and corrector.as_read(text, w, f, own, view):
                f = None  # a valid word that a reading made a more common one: its sentence says
                # it is itself ("Im Museum hingen Bilder")
            elif own.umlauts == LOST and (g := corrector.context_fix(text, w._replace(text=f.replacement), own, view)):
                # the fix is a word with a twin in a text that lost its dots: its sentence
                # decides ("Die GroBe des Hauses" -> "Große" -> "Größe")
                f = Fix(g.replacement, join_rules((f.rule, g.rule)), min(f.confidence, g.confidence))
            elif own.umlauts == LOST and (g := corrector.undotted(text, w, f, own, view)):
                f = g  # and the dots it restored may be none ("laBt": "laßt" in "ihr laßt")
            elif own.umlauts == LOST and (g := corrector.swapped(text, w, f, own, view)):
                f = g  # or others ("gefiillt": "gefällt" or "gefüllt")
            if f is not None and token[0].isupper() and f.replacement[0].islower():
                f = _nominalized(corrector.lex, text, start, end, f)
        if f is not None and _guessed(f) and f.replacement.istitle() and _after_a_name(corrector.lex, text, start):
            f = None  # a surname: "Renate Lange" (its lost dots are still restored: "Jorg Muller")
        if f is not None:
            if f.replacement.endswith("ß") and not token.endswith("ß") and (rest := _ESZETT_REST.match(text, end)):
                end = rest.end()  # the rest of a ß that OCR read as several signs ("dafS§", "saB&": "daß", "saß")
            edits.append(Edit(start, end, f.replacement, join_rules((rule, f.rule)), min(f.confidence, confidence)))
        elif rule:
            edits.append(Edit(start, end, token, rule, min(confidence, 0.9)))
        i += 1
    return edits


# What the English model reads as part of a ß besides a letter, left after the word it ends
_ESZETT_REST = regex.compile(r"[§&$@®€{}]{1,3}(?![\p{L}\p{N}@])")


def _view(
    text: str, ws: list[Word], i: int, edits: list[Edit], fixed: Callable[[int], Fix | None], quiet: Container[str],
    token: str,
) -> tuple[str, int, int]:
    """The text around word ``i`` of ``ws`` as its context features should read it (a
    :data:`~ocrfix.correct.View`): the edits made before it, ``token`` in its place, and the
    fixes of the words after it that the features reach; with ``token``'s offsets in it."""
    w = ws[i]
    lo, hi = max(0, w.start - ngrams.REACH), min(len(text), w.end + ngrams.REACH)
    k = len(edits)
    while k and edits[k - 1].start >= lo:
        k -= 1
    parts, pos = [], lo
    for e in edits[k:]:
        parts += (text[pos : e.start], e.replacement)
        pos = e.end
    parts.append(text[pos : w.start])
    start = sum(map(len, parts))
    parts.append(token)
    pos = w.end
    for j in range(i + 1, min(len(ws), i + 1 + ngrams.LOOK_AHEAD)):
        v = ws[j]
        if v.start >= hi:
            break
        if v.text not in quiet and (f := fixed(j)) is not None:
            parts += (text[pos : v.start], f.replacement)
            pos = v.end
    parts.append(text[pos:hi])
    return "".join(parts), start, start + len(token)


def _roman(text: str, start: int, end: int, number: str) -> Fix | None:
    """The Roman ``number`` that the word at ``text[start:end]`` is with its I read as l
    (:func:`~ocrfix.correct.roman_number`), where it stands after a capitalized word (a name,
    "Teil", "Band": "Friedrich Il", "Teil Ill") and before no capitalized one ("Il Postino"
    is Italian)."""
    before = _WORD_BEFORE.search(text, max(0, start - _LONGEST_NAME), start)
    if before is None or not before.group()[0].isupper():
        return None
    if before.group().lower() in _DETERMINERS:
        return None  # "Die Ill fließt": a sentence starts before it, and a river
    after = _WORD_AFTER.match(text, end)
    if after is not None and after.group()[0].isupper():
        return None
    return Fix(number, "letters", ROMAN_CONFIDENCE)


_LONGEST_NAME = 40  # characters looked back for the word before
ROMAN_CONFIDENCE = 0.8


def _nominalized(lex: Lexicon, text: str, start: int, end: int, fix: Fix) -> Fix:
    """``fix``, which took the capital of an adjective or infinitive ("Uberlebenden":
    "überlebenden", as "Uber" is "über"), with it back where the word is a noun: after an
    article, or an article and an adjective, and before no noun ("der Überlebenden stieg",
    "der Überlebenden eines Krieges", "das einmalige Übernachten"; but "die öffentlichen
    Bauten", "die übrigen europäischen Staaten", and ", die übernachten": a relative clause's
    verb); so does a word with another ending that is valid capitalized ("auf der Überfahrt",
    not the verb form "überfahrt"; "die äußerst schöne Frau": a noun follows); and one in -es
    after "etwas", "nichts", "viel", "wenig" ("etwas Ähnliches wie"; not "etwas älteres Brot"),
    and one that may be a noun after an adjective in -es or -em alone ("ist großes Übel")."""
    form = fix.replacement
    cap = form[0].upper() + form[1:]
    short = len(form) < MIN_NOMINALIZED and not lex.may_be_noun(cap)  # ("die über den"; not "das Übel")
    if short or not (form.endswith(_ADJECTIVE_ENDINGS) or lex.valid(cap)):
        return fix
    at, pronoun, alone = start, False, False
    for _ in range(2):  # the article, or an adjective after it ("das einmalige Übernachten")
        before = _WORD_BEFORE.search(text, max(0, at - _LONGEST_DETERMINER), at)
        word = before.group() if before else ""
        if word.lower() in _DETERMINERS:  # (at a sentence start too: "Die Ältesten")
            break
        if pronoun := form.endswith(_PRONOUNS.get(word.lower(), "-")):  # "etwas Ähnliches"
            break
        if before is None or not (word.islower() and word.endswith(_ADJECTIVE_ENDINGS)):
            if alone and lex.may_be_noun(cap):
                break  # a noun's adjective alone: "ist großes Übel", ", großes Übel"
            return fix
        # (an adjective's strong endings, which no verb or adverb has: "wir müssen Uben", "lieber
        # Uben" are "üben"; and not "es": "dann wird es Ubel")
        alone = len(word) > 3 and word.endswith(_STRONG_ENDINGS)
        at = before.start()
    else:
        return fix
    if before is not None and word.lower() in _RELATIVES and at == start:
        # (", die übernachten": a relative clause's verb; not ", des Öfteren", and not with an
        # adjective between: ", das schwere Ächzen")
        if _RELATIVE.search(text, max(0, before.start() - 3), before.start()):
            return fix
    at = end
    for _ in range(2):  # the word after it, and after an adjective the one after that
        after = _WORD_AFTER.match(text, at)
        if after is None:
            break
        word = after.group()
        if word in _DETERMINERS:
            break  # another phrase starts ("der Überlebenden eines Krieges")
        if pronoun and word in _CONJUNCTIONS:
            break  # ("etwas Ähnliches wie", "nichts Übles und nichts Gutes")
        if not word[0].islower() or word in _CONJUNCTIONS:
            return fix  # a noun follows (or a number, or "und" and the adjective's noun may)
        if not word.endswith(_ADJECTIVE_ENDINGS):
            break
        at = after.end()
    return fix._replace(replacement=cap) if lex.valid(cap) else fix


MIN_NOMINALIZED = 5
_ADJECTIVE_ENDINGS = ("e", "en", "er", "em", "es")
_STRONG_ENDINGS = ("em", "es")  # an adjective's before a noun with no article (not -er: "lieber")
_DETERMINERS = frozenset(
    "der die das den dem des ein eine einer einem einen eines kein keine keiner keinem keinen keines "
    "im am vom zum zur beim ins ans alle allen aller viele vielen vieler einige einigen einiger "
    "wenige wenigen weniger beide beiden dieser diese diesen diesem dieses jeder jede jeden jedem jedes "
    # possessives (not "ihr" and "sein", which are a pronoun and a verb too: "damit ihr überleben könnt")
    "mein meine meinen meinem meiner meines dein deine deinen deinem deiner deines seine seinen seinem "
    "seiner seines ihre ihren ihrem ihrer ihres unser unsere unseren unserem unserer unseres "
    "eure euren eurem eurer eures".split()
)
# The pronouns before an adjective used as a noun, with the ending it then has ("nichts Übles")
_PRONOUNS = {"etwas": "es", "nichts": "es", "viel": "es", "wenig": "es", "allerlei": "es", "alles": "e"}
_CONJUNCTIONS = frozenset(("und", "oder", "sowie", "bzw", "noch", "wie"))
_LONGEST_DETERMINER = 16  # characters looked back for the word before (spaces included)
_WORD_BEFORE = regex.compile(r"\p{L}+(?=\s+$)")
_WORD_AFTER = regex.compile(r"\s+\K[\p{L}\p{N}]+")
_RELATIVE = regex.compile(r",\s*$")
_RELATIVES = frozenset(("der", "die", "das", "den", "dem"))  # the articles that are relative pronouns too


def _joined(
    text: str, left: Word, right: Word, corrector: Corrector, fixed: Callable[[int], Fix | None], i: int
) -> tuple[str, str, float] | None:
    """``left`` and ``right`` (words ``i`` and ``i + 1``, whose fixes ``fixed`` gives) as
    one word, if they are one: (the word, its rule, confidence).

    Once fixed, the parts may be one word too ("Einuss|bereich"), and the next
    clean() would join them: so the fixed forms are tried as well, the left one,
    the right one, then both.
    """
    if corrector.should_merge(text, left, right):
        return left.text + right.text, "merge", 1.0
    f, g = fixed(i), fixed(i + 1)
    both = (f, g) if f is not None and g is not None else (None, None)
    for lf, rf in ((f, None), (None, g), both):
        if lf is None and rf is None:
            continue
        a = left._replace(text=lf.replacement) if lf is not None else left
        b = right._replace(text=rf.replacement) if rf is not None else right
        if corrector.should_merge(text, a, b):
            used = [x for x in (lf, rf) if x is not None]
            return a.text + b.text, join_rules([*(x.rule for x in used), "merge"]), min(x.confidence for x in used)
    return None
