"""HTML entities and character references left in scraped text: "Gr&uuml;&szlig;e" -> "Grüße".

ftfy's decoder does the decoding: the HTML5 names that end in ";" (and upper-case
ones such as "&UUML;"), and numeric references ("&#252;", "&#xFC;").  What it leaves
stays as written: "AT&T", "R&D", "Q&A", "&amp" without its ";".  So do URLs,
e-mail addresses and code (``tokens.Protected``), where "&amp;" may be meant,
and references to control characters ("&#10;", "&#0;"): they would add line breaks
or characters that text does not hold.

Text escaped twice ("&amp;uuml;") is decoded until nothing is left to decode, so
that a second clean() finds nothing more; each reference as written is one edit.
"""

from __future__ import annotations

import bisect
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

import regex

from .result import Edit
from .tokens import Protected

if TYPE_CHECKING:
    from .context import Context

# Characters that can make up references (decoded ones too, as in "&amp;#252;"): a
# reference never reaches across anything else, so each run of them is decoded alone.
_RUN = regex.compile(r"[&#;0-9A-Za-z]*+")
_REFERENCE = regex.compile(r"&#?[0-9A-Za-z]{1,24};")  # ftfy's HTML_ENTITY_RE
_REFERENCE_AT_END = regex.compile(r"&#?[0-9A-Za-z]{1,24};\Z")
_LONGEST = 27  # characters of a reference: "&", "#", 24, ";"


def decode_entities(text: str, ctx: Context) -> list[Edit]:
    """Decode the HTML entities and character references of ``text``."""
    if "&" not in text or ";" not in text:
        return []
    edits: list[Edit] = []
    protected = Protected(text)
    start = text.find("&")
    while start >= 0:
        end = _RUN.match(text, start).end()  # type: ignore[union-attr]  # the pattern always matches
        run = text[start:end]
        references = [m.span() for m in _REFERENCE.finditer(run)]
        if references:
            if not _guarded(protected.near(start, end), start, end, references):
                edits.extend(Edit(start + a, start + b, decoded, "entities", 0.99) for a, b, decoded in _decode(run))
        start = text.find("&", end)
    return edits


def _guarded(protected: list[tuple[int, int]], start: int, end: int, references: list[tuple[int, int]]) -> bool:
    """Does a protected span reach into the run ``text[start:end]``?  One inside a reference
    does not count: "#252" in "&#252;" is no hashtag."""
    i = max(bisect.bisect_left(protected, (start, start)) - 1, 0)
    while i < len(protected) and protected[i][0] < end:
        a, b = protected[i]
        if b > start and not any(start + r <= a and b <= start + s for r, s in references):
            return True
        i += 1
    return False


class _Char(NamedTuple):
    char: str
    start: int  # the characters of the run it stands for
    end: int
    decoded: bool


def _decode(run: str) -> list[tuple[int, int, str]]:
    """(start, end, decoded) of each reference of ``run``, decoded as often as it takes.

    The run is read a character at a time; at each ";" the reference it ends, if any,
    is replaced by what it stands for, and that is read again, as the characters
    after it are: "&amp;amp;" -> "&amp;" -> "&".  Each decoding shortens the text,
    so this takes time linear in the run.
    """
    out: list[_Char] = []
    again: list[_Char] = []  # decoded characters to read again, the next one last
    pos = 0
    while again or pos < len(run):
        if again:
            out.append(again.pop())
        else:
            out.append(_Char(run[pos], pos, pos + 1, False))
            pos += 1
        if out[-1].char != ";":
            continue
        tail = "".join(c.char for c in out[-_LONGEST:])
        m = _REFERENCE_AT_END.search(tail)
        decoded = _decoded(m.group()) if m else None
        if decoded is None:
            continue
        first = len(out) - len(m.group())  # type: ignore[union-attr]  # decoded is None without a match
        span = (out[first].start, out[-1].end)
        del out[first:]
        again.extend(_Char(c, *span, True) for c in reversed(decoded))
    found: list[tuple[int, int, str]] = []
    for c in out:
        if not c.decoded:
            continue
        if found and found[-1][:2] == (c.start, c.end):  # a reference that stands for several characters
            found[-1] = (c.start, c.end, found[-1][2] + c.char)
        else:
            found.append((c.start, c.end, c.char))
    return found


def _decoded(reference: str) -> str | None:
    """What ``reference`` stands for; None where it stays as written."""
    from ftfy.fixes import unescape_html  # (only where an entity is: ftfy takes 30 ms to import)

    decoded = unescape_html(reference)
    if decoded == reference or "\N{REPLACEMENT CHARACTER}" in decoded:  # unknown, or no character ("&#0;")
        return None
    if any(unicodedata.category(c) == "Cc" and c != "\t" for c in decoded):
        return None
    return decoded
