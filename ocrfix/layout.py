"""Layout repairs: words hyphenated across lines, paragraph unwrapping, quotes, bullets."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import regex

from .chardata import BULLET, BULLET_MISREADS, GERMAN_CLOSE, GERMAN_OPEN, LINE_END_HYPHENS, contains_any
from .confusions import CONFUSIONS, RESTORE_RULES
from .result import Edit
from .tokens import COMMANDS, Protected, letter_run_start

if TYPE_CHECKING:
    from .context import Context
    from .correct import Corrector
    from .lexicon import Lexicon

# Words after which a hyphen is a suspended compound ("Ein- und Ausgang").
SUSPENDED_FOLLOWERS = frozenset("und oder bzw beziehungsweise sowie als wie bis noch respektive".split())

_H = regex.escape(LINE_END_HYPHENS)
_BREAK = regex.compile(
    rf"""
    (?<![\p{{L}}\p{{M}}\p{{N}}&])                # the whole word before the break, matched once
    (?P<left>[\p{{L}}\p{{M}}\p{{N}}&]++)       # (possessive: no quadratic retries on long runs)
    (?P<space>[ ])?                            # a space OCR put before it ("Her -\nren")
    (?P<hyph>[{_H}]{{1,3}})                    # a hyphen, two for a real one ("Fußball--"), or specks too ("Land~-")
    [ \t]*+\r?\n(?P<blank>(?:[ \t]*+\r?\n)*+)[ \t]*+  # the line end (and blank lines: a page or column break)
    (?:[‚,'·.](?=\p{{Ll}})|[‘’](?=\p{{Ll}}{{2}}))?  # OCR specks before the next line's word (not "thu-\n’s")
    # the next line's word, looked at, not consumed ("Donau-\ndampf-\nschiff"); it may start with
    # an & before a lower-case letter, a misread ß ("gro-\n&es")
    (?=(?P<right>(?:[\p{{L}}\p{{N}}]|&(?=\p{{Ll}}))[\p{{L}}\p{{M}}\p{{N}}&]*+))
    """,
    regex.VERBOSE,
)


def dehyphenate(text: str, ctx: Context) -> list[Edit]:
    """Join words broken across lines.

    "Wirtschafts-\\nstandort" becomes "Wirtschaftsstandort", and so does any break
    before a lower-case continuation ("hin-\\nausfiel").  A hyphen that
    belongs to the word stays and only the line break goes ("Nord-\\nSüd",
    "KI-\\nModelle", "22-\\njährige", "Fußball--\\nBundesliga"); a suspended
    hyphen before "und"/"oder" keeps its line break ("Ein-\\nund Ausgang").  OCR's specks
    around the hyphen go ("Land~-\\nwirtschaft", "Hand-\\n‘werker"), and so does a space
    before it where the lower-case rest makes a valid word ("Her -\\nren"; not a dash:
    "kam -\\nund ging").
    """
    if "\n" not in text:
        return []
    corrector: Corrector = ctx.corrector
    protected = Protected(text)
    edits = []
    for m in _BREAK.finditer(text):
        left, right, hyph = m.group("left"), m.group("right"), m.group("hyph")
        if protected.touches(m.start(), m.end("right")):
            continue  # never glue a word onto a URL or code
        if m.group("blank") and not (right[0].islower() and left[-1].islower()):
            continue  # across blank lines only a word's lower-case rest ("ange-\n\nkommene")
        if m.group("space") and not (right.islower() and left.isalpha() and len(hyph) == 1):
            continue  # (a dash: "er kam -\nund ging"; only a word's lower-case rest joins, below)
        join = _join(corrector, left, hyph, right)
        if m.group("space") and (join != "" or not corrector.lex.valid(left + right)):
            continue
        a, b = m.end("left"), m.start("right")
        if join == "rest":
            edits.append(Edit(a, m.end("right"), _rest(right), "dehyphenate", 0.8))
        elif join is not None:
            edits.append(Edit(a, b, join, "dehyphenate", 0.95))
    return edits


@functools.lru_cache(maxsize=1 << 16)
def _join(corrector: Corrector, left: str, hyph: str, right: str) -> str | None:
    """How a break between ``left`` and ``right`` goes: what replaces the hyphen and the
    line break ("" or "-"), "rest" for the continuation joined with its capital fixed,
    or None for a suspended hyphen that stays.  (Depends on the words alone: cached.)"""
    lex = corrector.lex
    if len(hyph) > 1 and len(set(hyph)) > 1:
        hyph = "-"  # a hyphen read with a speck ("Land~-", "ver—-"), no doubled one
    elif len(hyph) == 3:
        return None  # (three alike: a rule or a dash, no broken word)
    if "=" in hyph:
        # OCR of old print reads its double hyphen as "=" ("Ge=\nschichte"): only where the
        # word it makes is one ("Preis=\n100", "x=\ny" are no broken words)
        if hyph != "=" or not (left.isalpha() and len(left) > 1 and right.isalpha() and len(right) > 1):
            return None
        if right.islower():
            return "" if lex.valid(left + right) else None
        return "-" if right.istitle() and not left.isupper() and lex.valid(right) and _whole_word(left, lex) else None
    if right.lower() in SUSPENDED_FOLLOWERS and not lex.valid(left + right):
        return None
    if left.isupper() and right.isupper() and len(hyph) == 1:
        # a word in capitals or an acronym broken at a syllable ("STAN-\nDARD", "FT-\nSE"), unless
        # the part after the hyphen is a word of its own ("EU-\nKOMMISSION"), or both parts are
        # acronyms that make none together ("SPÖ-\nÖVP"; two letters are too often a syllable
        # that web text knows: "LT-\nTE")
        own = len(right) >= 4 and (lex.valid(right.title()) or lex.valid(right.lower()))
        pair = (
            min(len(left), len(right)) >= 3 and lex.known(left) and lex.known(right) and not lex.known(left + right)
        )
        return "-" if (own or pair) and not lex.valid(left + right) else ""
    if _misread_at_break(corrector, left, right) or _digit_for_umlaut_at_break(corrector.lex, left, right):
        return ""  # "wei-\nBes", "V6-\ngeln": the word step repairs "weiBes", "V6geln"
    if not right[0].isalnum():
        return None  # an "&" that is no misread ß: the break stays as it is
    rest = _rest(right)
    keep_hyphen = (
        len(hyph) == 2
        or right[0].isdigit()
        or left[-1].isdigit()
        or (right[0].isupper() and _starts_compound_part(right, lex) and _whole_word(left, lex))
        or (left.isupper() and len(left) > 1 and not lex.valid(left + right)
            and not _capitals_misread(lex, left, right))
        # (hunspell takes milliseconds on a long compound, microseconds on a hyphenated one)
        # (a lower-case continuation is the rest of the word: "hin-\nausfiel", "Burg-\nhausen",
        # unless it is a lone letter, an elision read as a hyphen: "zieht-\ns")
        or (not (right[0].islower() and len(right) > 1) and not lex.listed(left + rest)
            and lex.valid(f"{left}-{right}") and not lex.valid(left + rest))
    )
    if keep_hyphen:
        return "-"
    if right[0].isupper() and not right.isupper():
        # "Tat-\nSichlich": join only if the joined word is, or can be made, a word; a capital
        # that may be a misread ß or umlaut joins as it is, unless a word ends the line
        # ("Western-\nRachedrama": a compound's parts with their hyphen)
        joined = left + rest
        if lex.valid(joined) or corrector.fix(joined, False, False) is not None:
            return "rest" if rest != right else ""
        return "-" if rest != right or _whole_word(left, lex) or _starts_compound_part(right, lex) else ""
    if _both_words(corrector, left, right):
        return "-"  # "politisch-\nwirtschaftlichen": a compound of adjectives, written with its hyphen
    return ""


# An adjective's ending: the first part of a compound of adjectives written with a hyphen (not
# a Latin stem's, which closes up: "radikal-\ndemokratisch", "sozial-\nkritisch")
_ADJECTIVE = regex.compile(r"\p{L}{3}(?:isch|lich|ig|bar|sam|haft)$")


def _both_words(corrector: Corrector, left: str, right: str) -> bool:
    """Are a lower-case adjective that ends a line with a hyphen and the word that starts the
    next two words of a compound written with its hyphen ("öffentlich-\nrechtlichen"), not one
    word broken: each is valid, written with the hyphen they are too, and joined they make
    no word and nothing the corrector repairs?"""
    lex = corrector.lex
    if not (_ADJECTIVE.search(left) and left.islower() and right.islower() and len(right) > 3):
        return False  # (not a particle or adverb: "hinaus-\nstreckt", "ein-\ngelangt")
    joined = left + right
    return (
        lex.valid(left) and lex.valid(right) and not lex.valid(joined)
        and lex.valid(f"{left}-{right}") and corrector.fix(joined, False, False) is None
    )


# Capitals OCR reads for a lower-case ß or umlaut ("Rechtmä-\nBigkeit", "ge-\nUbt").
_DAMAGE_CAPITALS = "BRUGOA"


# What OCR reads for a lower-case ß or umlaut that is no lower-case letter ("B", "R", "S", "8" for ß;
# "U", "O", "6" for ü, ö): where a line starts with one, it may be the middle of a word.  (S too,
# unlike _DAMAGE_CAPITALS: here the corrector's repair of the joined word decides.)
_MISREAD_FIRST = frozenset(
    c.seen[0]
    for c in CONFUSIONS
    if c.seen and not c.seen[0].islower() and c.meant in "äöüß" and c.rule in RESTORE_RULES
)


def _misread_at_break(corrector: Corrector, left: str, right: str) -> bool:
    """Is the continuation's first letter a misread ß or umlaut of the broken word?

    German breaks a word before its ß ("Stra-ße", "gro-ßes"), so OCR that reads a ß as
    "B" puts a capital at the start of the line ("wei-\\nBes"), and short fragments of
    words ("wei", "Bes") are often known: the break would look like a compound with a hyphen.
    It is a misread letter where the corrector repairs that letter of the joined word, restoring
    a ß or dots (and maybe those of the part before it: "gré-\n8eres"), and keeps the rest.
    """
    if not (left[-1].islower() and right[0] in _MISREAD_FIRST and right[1:2].islower() and right[1:].isalpha()):
        return False
    joined = left + right
    fix = corrector.fix(joined, False, False)
    if fix is None or not RESTORE_RULES.issuperset(fix.rule.split("+")):
        return False
    meant, at = fix.replacement, len(right)
    return len(meant) > at and meant.endswith(right[1:]) and meant[-at] != right[0]


# The digits the confusion table reads as umlauts (6: ö, 4: ä, as tokens.WORD reads them inside a word)
_DIGIT_UMLAUTS = {c.seen: c.meant for c in CONFUSIONS if c.rule == "umlaut" and c.seen.isdigit()}


def _digit_for_umlaut_at_break(lex: Lexicon, left: str, right: str) -> bool:
    """Is the digit that ends the broken word's first part a misread umlaut ("R6-\nmer",
    "Verkehrsstr6-\nme")?  Where the word with its umlaut is valid, and its part before the
    digit and its rest are letters ("V6-\nMotor", "22-\njährige" keep their hyphen)."""
    umlaut = _DIGIT_UMLAUTS.get(left[-1])
    return (
        umlaut is not None and left[:-1].isalpha() and right.isalpha() and right.islower()
        and lex.valid(left[:-1] + umlaut + right)
    )


def _starts_compound_part(right: str, lex) -> bool:
    """Is a capitalized word after a line-end hyphen a part of its own ("Nord-\nSüd")?

    It is when it is a word (or a known name).  Otherwise it is rather the
    damaged rest of the word: its capital a misread ß or umlaut ("Bigkeit"), or
    a misread lower-case letter ("Tat-\nSichlich").
    """
    if right.isupper():
        return True
    if not (lex.valid(right) or lex.known(right)):
        return False
    # (not a capitalized adjective or verb, whose capital is a misread lower-case letter of
    # the broken word: "Gleich-\nZeitig")
    return lex.may_be_noun(right) or not lex.valid(right[0].lower() + right[1:])


def _capitals_misread(lex: Lexicon, left: str, right: str) -> bool:
    """Is a short part in capitals before a lower-case rest that is no word the start of a word
    whose small letters OCR read as capitals ("BU-\ncher": "Bü", the English model's U for ü)?
    An acronym's compound goes on with a word ("US-\namerikanisch", "EU-\nweit")."""
    return len(left) <= 3 and right.islower() and not lex.valid(right)


def _whole_word(left: str, lex) -> bool:
    """Is the part before a line-end hyphen a word of its own ("Nord-", not "übermä-")?"""
    return left.isupper() or lex.valid_before_hyphen(left) or lex.known(left)


def _rest(right: str) -> str:
    """The continuation as it joins the word: a capital that is no ß or umlaut is lower-cased."""
    if right[0].isupper() and not right.isupper() and right[0] not in _DAMAGE_CAPITALS:
        return right[0].lower() + right[1:]
    return right


_WRAPPED = regex.compile(r"(?<=\S)[ \t]*\n[ \t]*(?=\S)")


def unwrap(text: str, ctx: Context) -> list[Edit]:
    """Join the lines of a paragraph (off by default): a single line break becomes a space.

    Lines that start a list item (a bullet, a dash, a number) keep their break.
    """
    edits = []
    for m in _WRAPPED.finditer(text):
        nxt = text[m.end() : m.end() + 3]
        if regex.match(r"[-–•*·»]\s|\d+[.)]\s", nxt):
            continue
        edits.append(Edit(m.start(), m.end(), " ", "unwrap", 1.0))
    return edits


# (the opening mark read as ",,", ",." or "''", or as one of ,.„")
_OPEN = regex.compile(r"(?:(?<=^|[\s(\[–—-])(?:,,|,\.|''|[,.„\"])|(?<=^|[\s(\[–—])[.])(?=\p{L})", regex.MULTILINE)
_CLOSE = regex.compile(r"(?<=[\p{L}\p{N}.!?,;…])(?:''|[*®”“\"])(?=[\s.,;:!?)\]–—-]|$)")
_CLOSE_CHARS = "'*®”“\""


def fix_quotes(text: str, ctx: Context) -> list[Edit]:
    """Restore German quotes read as ",", ".", "*" or "®": ",Hallo*" -> „Hallo“; and a dash
    read as "~" between words ("Ja ~ aber" -> "Ja – aber").

    Only pairs are changed: an opening misread followed by a closing one in the
    same paragraph, with no other quote between them.  A pair of straight or
    already German quotes is left as it is.
    """
    edits = _closing_read_as_s(text, ctx) if contains_any(text, _GUILLEMETS) else []
    if "~" in text:
        edits += _dashes(text)
    if not contains_any(text, _CLOSE_CHARS) or not _CLOSE.search(text):
        return edits
    opens = [(m.start(), m.end(), m.group(), "open") for m in _OPEN.finditer(text)]
    closes = [(m.start(), m.end(), m.group(), "close") for m in _CLOSE.finditer(text)]
    marks = sorted(opens + closes)
    i = 0
    while i < len(marks) - 1:
        o, c = marks[i], marks[i + 1]
        if (
            o[3] == "open"
            and c[3] == "close"
            and c[0] - o[1] < 600
            and "\n\n" not in text[o[1] : c[0]]
            and not (o[2] in ('"', "„") and c[2] in ('"', "“"))
            and not (o[2] in (",", ".") and c[2] == "''")
        ):
            if o[2] != GERMAN_OPEN:
                edits.append(Edit(o[0], o[1], GERMAN_OPEN, "quotes", 0.8))
            if c[2] != GERMAN_CLOSE:
                edits.append(Edit(c[0], c[1], GERMAN_CLOSE, "quotes", 0.8))
            i += 2
        else:
            i += 1
    return sorted(edits)


# A dash that OCR read as a tilde, between words or sentences ("Ja ~ aber", "Wunder.« ~ »Oh");
# not "~ 20 Grad" (about), nor a shell's home folder ("cd ~")
_TILDE_DASH = regex.compile(r"(?<=[\p{L}.,;:!?«»“”\"')][ \t])~{1,2}(?=[ \t]+[\p{L}»«„\"(])")


def _dashes(text: str) -> list[Edit]:
    """The tildes of :data:`_TILDE_DASH` as dashes, outside protected spans and shell commands."""
    protected = Protected(text)
    return [
        Edit(m.start(), m.end(), "–", "quotes", 0.9)
        for m in _TILDE_DASH.finditer(text)
        if not protected.touches(m.start(), m.end())
        and text[letter_run_start(text, m.start() - 1) : m.start() - 1] not in COMMANDS
    ]


# The closing guillemet that an English model read as "s" after the quotation's last word,
# before the comma and the verb that says who spoke ("»Sehr wahrs, sagte sie" for "»Sehr
# wahr«, sagte sie"), or before the full stop and the next quotation.
_S_READ = regex.compile(r"(?<=\p{L}\p{L})s(?=,[ \t]*\n?[ \t]*\p{Ll}|\.\s*[»«])")
_GUILLEMETS = "»«"
_OPENING = regex.compile(r"[»«](?=\p{L})")  # a mark before the first letter of a quotation
_CLOSING = {mark: regex.compile(r"(?<=[\p{L}.,!?])" + mark + r"(?!\p{L})") for mark in _GUILLEMETS}
# ... and where the word is one with its "s" too ("»Nach rechts, rief er"), before a verb that says
# who spoke, where that is the only such word of a quotation left open
_SAYING = (
    r"(?:sagte|rief|fragte|meinte|antwortete|entgegnete|erwiderte|versetzte|erkl[aä]rte"
    r"|bemerkte|beharrte|fl[uü]sterte|murmelte|schrie|sprach|lachte|seufzte|fuhr)n?(?![\p{L}])"
)
_INQUIT = regex.compile(r",[ \t]*\n?[ \t]*" + _SAYING)
_GENITIVE_BEFORE = regex.compile(r"(?<![\p{L}])\p{Ll}*es\s+$")
# The opening guillemet read as "s" where a quotation goes on after the words that say who spoke
# ("»Ja«, sagte sie, saber nur heute" for "»aber"): before a common word, where "s" and the
# word is none.
_OPENING_S = regex.compile(
    r"(?<=(?:[«»][ \t]*,?|\p{L}s,)[ \t]*\n?[ \t]*" + _SAYING + r"[^,.;:!?»«\n]{0,40},[ \t]*\n?[ \t]*)"
    r"s(?=(\p{Ll}{2,})(?![\p{L}\p{N}]))"
)
OPENING_S_ZIPF = 4.0
QUOTE_SPAN = 600  # characters a quotation may run before its closing mark
S_LEAD = 2.0  # zipf points a word is more common than its "s" form, which web junk made known ("jas")


def _closing_read_as_s(text: str, ctx: Context) -> list[Edit]:
    """The closing guillemets of quotations read as "s" (see _S_READ).

    A quotation starts at a guillemet before a letter.  One that runs on to the next,
    a blank line or QUOTE_SPAN characters with no guillemet lost its closing mark;
    where it holds exactly one word that no list knows, that ends in "s" (before a comma
    and a lower-case word, or a full stop and a quotation mark), and that is a word
    without the "s", that "s" was the mark; or, where none is, the one word before a verb
    of saying that is a listed word without its "s" (_INQUIT).  It closes as the text's
    quotations do ("«" in German print, "»" in Swiss), and where none does, as German print.
    An opening mark read as "s" after the verb of saying (_OPENING_S) starts a quotation too.
    """
    closing = "»" if len(_CLOSING["»"].findall(text)) > len(_CLOSING["«"].findall(text)) else "«"
    lex = ctx.lexicon
    opening = "«" if closing == "»" else "»"
    reopened = [
        m for m in _OPENING_S.finditer(text)
        if lex.listed(m[1]) and lex.zipf(m[1]) >= max(OPENING_S_ZIPF, lex.zipf("s" + m[1], old=True) + S_LEAD)
        and not lex.valid("s" + m[1])
    ]
    edits = [Edit(m.start(), m.end(), opening, "quotes", 0.8) for m in reopened]
    starts = sorted([m.end() for m in _OPENING.finditer(text)] + [m.end() for m in reopened])
    for start, nxt in zip(starts, [*starts[1:], len(text) + 1]):
        end = min(nxt - 1, start + QUOTE_SPAN)
        blank = text.find("\n\n", start, end)
        end = end if blank < 0 else blank
        if contains_any(text[start:end], _GUILLEMETS):
            continue
        reads = list(_S_READ.finditer(text, start, end))
        found = [m for m in reads if _stem_is_word(text, start, m.start(), lex)]
        if not found and len(reads) == 1 and _listed_before_inquit(text, start, reads[0].start(), lex):
            found = reads
        if len(found) == 1:
            edits.append(Edit(found[0].start(), found[0].end(), closing, "quotes", 0.8))
    return sorted(edits)


def _stem_is_word(text: str, lo: int, at: int, lex) -> bool:
    """Is the word ending at ``text[at]`` (an "s") none, and a word without its "s"?"""
    begin = letter_run_start(text, at, lo)
    stem = text[begin:at]
    word = stem + "s"
    if lex.valid(word) or lex.historical(word) or not (lex.valid(stem) or lex.known(stem)):
        return False
    return not lex.known(word) or lex.zipf(word) + S_LEAD <= lex.zipf(stem)


def _listed_before_inquit(text: str, lo: int, at: int, lex) -> bool:
    """Is the word ending at ``text[at]`` (an "s") a listed word without its "s", before a verb
    of saying (_INQUIT), and not after "des", "eines", "seines" (a genitive's "s": "des Vaters")?"""
    begin = letter_run_start(text, at, lo)
    return (
        _INQUIT.match(text, at + 1) is not None and lex.listed(text[begin:at])
        and not _GENITIVE_BEFORE.search(text, lo, begin)
    )


_BULLET_LINE = regex.compile(
    "^([ \t]*)(" + "|".join(regex.escape(b) for b in BULLET_MISREADS) + r")(?=[ \t]+\p{Lu})", regex.MULTILINE
)


def fix_bullets(text: str, ctx: Context) -> list[Edit]:
    """Bullets read as "«", "e", "*" at line starts, where at least two lines share the misread."""
    if "\n" not in text:
        return []  # it takes two lines
    found = list(_BULLET_LINE.finditer(text))
    if len(found) < 2:
        return []
    counts: dict[str, int] = {}
    for m in found:
        counts[m.group(2)] = counts.get(m.group(2), 0) + 1
    return [Edit(m.start(2), m.end(2), BULLET, "bullets", 0.9) for m in found if counts[m.group(2)] >= 2]
