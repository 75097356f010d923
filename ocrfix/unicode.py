"""Character-level repairs: mojibake, ligature glyphs, split diaeresis, invisibles, NFC.

Each function takes the text and the cleaning context and returns the edits it
proposes; none of them needs the dictionary except where noted.  They look for
their trigger characters first, so correct text costs one regex scan each.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import regex

from .chardata import (
    DIAERESIS_BASES,
    DIAERESIS_MARKS,
    INVISIBLE,
    JOINERS,
    LIGATURES,
    OLD_GLYPHS,
    SUPERSCRIPT_E,
    contains_any,
)
from .result import Edit, replay
from .tokens import Protected, letter_run_start

if TYPE_CHECKING:
    from .context import Context

# UTF-8 read as cp1252/latin-1: a lead byte (Â..ô) followed by one to three
# continuation bytes (0x80..0xBF, which cp1252 shows as these characters).
_CONT = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
_MOJIBAKE = regex.compile(rf"(?:[\u00c2-\u00f4][{_CONT}]{{1,3}})+")


def fix_mojibake(text: str, ctx: Context) -> list[Edit]:
    """"FÃ¼hrung" -> "Führung": UTF-8 bytes that were decoded as cp1252."""
    if not _MOJIBAKE.search(text):
        return []
    edits = []
    for m in _MOJIBAKE.finditer(text):
        lost = _LOST_FI.match(text, m.end() - 2) if m.group().endswith("ï¬") else None
        if lost:  # the ﬁ glyph, whose last byte cp1252 has no character for
            fixed, end = _fix_run(m.group()[:-2], _decoded) + "\ufb01", lost.end()
        else:
            fixed, end = _fix_run(m.group(), _decoded), m.end()
        if fixed != text[m.start() : end]:
            edits.append(Edit(m.start(), end, fixed, "mojibake", 0.99))
    if not edits:
        return edits
    # A repair may make mojibake with the character before it ("ÜÂ¯" -> "Ü¯", which is
    # "ܯ" read as cp1252): repair the result until it stands, as one edit then.
    out = replay(text, edits)
    again = out
    while True:
        more = _fix_runs(again, _decoded)
        if more == again:
            break
        again = more  # each repair shortens the text, so this ends
    return edits if again == out else [_one_edit(text, again, "mojibake", 0.99)]


# "ï¬" is how cp1252 shows the first two bytes of the ligature glyphs ﬀ ﬁ ﬂ ﬃ ﬄ (EF AC 80..84);
# of their last bytes only ﬁ's, 81, has no cp1252 character: a decoder replaced it ("�") or
# dropped it ("Deï¬nition").
_LOST_FI = regex.compile("ï¬(?:\ufffd|(?=\\p{L}))")


def _decoded(s: str) -> str:
    """``s``, a run of mojibake, decoded (ftfy's plan), layer by layer while mojibake is left.

    ftfy may decode a layer too many: "ï¬‚Â¨" is "ﬂ¨" (a ligature glyph, a split diaeresis),
    which it takes for Mac Roman mojibake of "߬".
    """
    import ftfy

    fixed, plan = ftfy.fix_encoding_and_explain(s)
    if sum(step == "decode" for step, _ in plan) < 2:
        return fixed
    done = 0
    for i, (step, _) in enumerate(plan):
        if step == "decode":
            s, done = ftfy.apply_plan(s, plan[done : i + 1]), i + 1
            if not _MOJIBAKE.search(s):
                return s
    return fixed


def _one_edit(text: str, new: str, rule: str, confidence: float) -> Edit:
    """The edit that turns ``text`` into ``new``: the span between their common ends."""
    n = min(len(text), len(new))
    a = 0
    while a < n and text[a] == new[a]:
        a += 1
    b = 0
    while b < n - a and text[-1 - b] == new[-1 - b]:
        b += 1
    return Edit(a, len(text) - b, new[a : len(new) - b], rule, confidence)


def _fix_run(s: str, fix_encoding) -> str:
    """``s`` repaired, and what its repair left or revealed ("ß¨¼Ã¼" -> "ߨ¼ü"), as a second pass would.

    A repair must shorten the text, so this ends.
    """
    fixed = fix_encoding(s)
    if fixed == s or len(fixed) >= len(s):
        return s
    if s[0] in _GERMAN_LEADS and _FOREIGN.search(fixed):
        # a German letter and a sign after it ("Spaß€", "ließ€" where OCR read a ß as €) are no
        # mojibake of a character of another script ("߀", NKo): the run starts after the letter
        return s[0] + _fix_runs(s[1:], fix_encoding)
    return _fix_runs(fixed, fix_encoding)


def _fix_runs(text: str, fix_encoding) -> str:
    """``text`` with each run of mojibake in it repaired (:func:`_fix_run`)."""
    return _MOJIBAKE.sub(lambda m: _fix_run(m.group(), fix_encoding), text)


# German letters that are lead bytes too (ß is C3 9F's second byte read alone, DF a lead byte)
_GERMAN_LEADS = frozenset("ÄÖÜäöüß")
_FOREIGN = regex.compile(r"[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]")


_GLYPHS = {**LIGATURES, **OLD_GLYPHS}
_GLYPH_CHARS = "".join(_GLYPHS)
_GLYPH = regex.compile(f"[{_GLYPH_CHARS}]")


def fix_ligature_glyphs(text: str, ctx: Context) -> list[Edit]:
    """"Modiﬁkation" -> "Modifikation": presentation-form ligatures; and the long s of old
    print, "Geſchichte" -> "Geschichte" (a glyph of the same kind)."""
    if not contains_any(text, _GLYPH_CHARS):
        return []
    return [Edit(m.start(), m.end(), _GLYPHS[m.group()], "ligature", 1.0) for m in _GLYPH.finditer(text)]


_BASES = "".join(DIAERESIS_BASES)
# base letter then mark ("u¨", "u ̈") or mark then base letter ("¨u"); an optional space between,
# or a line break where the lines broke at that space, inside a word ("mo⏎̈chte")
_BREAK_BEFORE_MARK = f"\\r?\\n[ \\t]*(?=[{DIAERESIS_MARKS}]\\p{{L}})"
_DIAERESIS_AFTER = regex.compile(f"([{_BASES}])(?: |{_BREAK_BEFORE_MARK})?[{DIAERESIS_MARKS}]")
_DIAERESIS_BEFORE = regex.compile(f"[{DIAERESIS_MARKS}] ?([{_BASES}])")


_SUPERSCRIPT_E = regex.compile(f"([aouAOU]){SUPERSCRIPT_E}")


def fix_split_diaeresis(text: str, ctx: Context) -> list[Edit]:
    """"f¨ur", "wu¨rde", "Ma ̈rz" -> "für", "würde", "März"; and the small e above of old
    print, "Buͤcher" -> "Bücher".

    A mark between two vowels ("Ba¨ume") could belong to either; the text's
    unambiguous cases decide whether its marks follow or precede their letter.
    """
    edits = _split_diaeresis(text)
    if SUPERSCRIPT_E in text:
        taken = {i for e in edits for i in range(e.start, e.end)}  # (a letter with both marks: one edit)
        edits += [
            Edit(m.start(), m.end(), DIAERESIS_BASES[m.group(1)], "diaeresis", 0.99)
            for m in _SUPERSCRIPT_E.finditer(text)
            if m.start() not in taken
        ]
        edits.sort()
    return edits


def _split_diaeresis(text: str) -> list[Edit]:
    if not any(c in text for c in DIAERESIS_MARKS):
        return []
    after = [m for m in _DIAERESIS_AFTER.finditer(text)]
    before = [m for m in _DIAERESIS_BEFORE.finditer(text)]
    after_marks = {m.end() - 1 for m in after}
    before_marks = {m.start() for m in before}
    n_after = len(after_marks - before_marks)
    n_before = len(before_marks - after_marks)
    first, second = (after, before) if n_after >= n_before else (before, after)
    taken: set[int] = set()  # positions of marks already used
    protected = Protected(text)  # "info@beispiel.de ¨uber": the mark is not the e-mail's
    edits = []
    for group in (first, second):
        for m in group:
            mark = m.end() - 1 if group is after else m.start()
            if mark in taken or protected.touches(m.start(), m.end()) or _glued(text, m.start(1)):
                continue
            taken.add(mark)
            edits.append(Edit(m.start(), m.end(), DIAERESIS_BASES[m.group(1)], "diaeresis", 0.98))
    edits.sort()
    # two matches may share a base letter ("¨a¨"): keep the first
    out: list[Edit] = []
    for e in edits:
        if not out or e.start >= out[-1].end:
            out.append(e)
    return out


def _glued(text: str, i: int) -> bool:
    """Is the letter at ``i`` in a run of letters glued to a digit ("utf8Encode")?  Such a
    run is no word (see ``tokens.WORD``) but an identifier, and stays as it is."""
    a, b, n = letter_run_start(text, i), i + 1, len(text)
    while b < n and text[b].isalpha():
        b += 1
    return (a > 0 and text[a - 1].isdigit()) or (b < n and text[b].isdigit())


# A run of invisibles and joiners, and its continuation after one line break.
_INVISIBLE = regex.compile(f"[{INVISIBLE}{JOINERS}]++(?:\n[{INVISIBLE}{JOINERS}]*+)?")


def remove_invisible(text: str, ctx: Context) -> list[Edit]:
    """Soft hyphens and zero-width characters; a soft hyphen ending a line joins the word.

    Joiners are removed only where they end up between letters (they matter in
    emoji sequences).  A run is judged by its neighbours after the removal, so
    that a second pass finds nothing more to remove.
    """
    if not contains_any(text, INVISIBLE + JOINERS):
        return []
    edits = []
    prev, last = "", 0  # the character before the run as it will be, and where the last run ended
    for m in _INVISIBLE.finditer(text):
        s, start, end = m.group(), m.start(), m.end()
        if start != last:
            prev = text[start - 1]
        line_end, newline, after = s.partition("\n")
        # "Wirt\xad\nschaft" was a soft break inside a word: drop the newline with it,
        # unless a visible hyphen precedes it (then layout's dehyphenation decides).
        if newline and "\N{SOFT HYPHEN}" in line_end and prev and prev not in "-\N{HYPHEN}":
            line_end, newline, after = line_end + after, "", ""
        kept = _kept_joiners(line_end, prev, newline or text[end : end + 1]) + newline
        if newline:
            kept += _kept_joiners(after, newline, text[end : end + 1])
        if kept != s:
            edits.append(Edit(start, end, kept, "invisible", 1.0))
        prev = kept[-1:] or prev
        last = end
    return edits


def _kept_joiners(run: str, before: str, after: str) -> str:
    if before.isalpha() and after.isalpha():
        return ""
    return "".join(c for c in run if c in JOINERS)


_COMBINING = regex.compile(r"\P{M}?\p{M}+")


def normalize_nfc(text: str, ctx: Context) -> list[Edit]:
    """Compose base letters and combining marks (NFC), only where marks occur."""
    if unicodedata.is_normalized("NFC", text):
        return []  # a quick check in C: most text is NFC already
    edits = []
    for m in _COMBINING.finditer(text):
        s = m.group()
        composed = unicodedata.normalize("NFC", s)
        if composed != s:
            edits.append(Edit(m.start(), m.end(), composed, "nfc", 1.0))
    return edits
