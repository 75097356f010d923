"""Find the words a corrector may touch, and the spans it must never touch.

Protected spans (URLs, e-mail addresses, paths, file names, hashtags and
handles, identifiers and code, numbers and dates) are found first; words are
looked for only between them.  A word starts with a letter and may carry the
characters OCR puts in place of letters ("er6ffnete", "gro8ten", "gro&en",
"grof{en", "hie&"), but never touches a digit outside the word, so "A1",
"2016er" and "MP3" are not words.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

import regex

_PROTECTED = regex.compile(
    r"""
      (?:https?://|ftp://|www\.)[^\s<>"']+[^\s<>"'.,;:!?)\]]   # URLs
    | (?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++             # e-mail addresses
    | (?<![\w/])(?:[A-Za-z]:\\|~?/|\.{1,2}/)[^\s"'<>]+          # absolute and relative paths
    | (?<![\w/.-])[\w.-]*+(?<=\w)(?:/(?:[\w-]|\.(?=[\w./-]))++)++(?<=\.\w{1,5})(?!\w)  # dir/file.ext
    | (?<![\w-])[\w-]+\.(?:py|txt|pdf|docx?|xlsx?|csv|json|jsonl|html?|jpe?g|png|gif|zip|gz|md|js|ts|java|cpp|sh|exe|xml|ya?ml|toml|ini|log)\b
    | (?<![\w#@])[#@][\p{L}\p{N}_]+                            # hashtags, handles
    | `[^`\n]*`                                                # inline code
    | (?<![\p{L}\p{M}\p{N}_])[\p{L}\p{N}]*_[\p{L}\p{N}_]*      # snake_case identifiers
    | (?<![\p{L}\p{M}\p{N}_]|[\p{L}\p{M}\p{N}_]\.)[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*\(\)?  # calls: foo(), os.path.join(
    | \b[\p{L}_]\w*(?:\.[\p{L}_]\w*){2,}\b                    # dotted names: a.b.c
    | \b\p{Ll}+\p{Lu}\p{L}*\d\w*                               # camelCase with digits: utf8Encode
    """,
    regex.VERBOSE,
)

# Letters, combining marks, and inside a word the characters OCR reads for ß/ö.
_OCR_INNER = "68&{3|@®"
WORD = regex.compile(
    rf"""
    (?<![\p{{L}}\p{{M}}\p{{N}}_])             # not glued to a digit or letter before,
    (?=\p{{L}}|[46]\p{{Ll}}{{2}})(?<![\p{{L}}\p{{M}}][{_OCR_INNER}]+)  # nor inside a word's OCR junk ("a{{a{{a_" is no word)
    (?>                                       # atomic: a word glued to a digit is no word at all,
      (?:\p{{L}}|[46](?=\p{{Ll}}{{2}}))           # not a shorter one ("MP3" is not "M"); 6/4 for ö/ä: 6ffentlich
      [\p{{L}}\p{{M}}]*
      (?:[{_OCR_INNER}]+[\p{{L}}\p{{M}}]+)*   # OCR junk between letters: gro8ten, er6ffnete
      (?:(?<=\p{{Ll}})[&{{8](?![\p{{L}}\p{{N}}]))?  # final ß read as &, {{ or 8: hie&
    )
    (?![\p{{N}}_])                            # not glued to a digit after
    """,
    regex.VERBOSE,
)


class Word(NamedTuple):
    start: int
    end: int
    text: str


def protected_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED.finditer(text)]


def words(text: str) -> Iterator[Word]:
    """The words of ``text`` outside protected spans."""
    pos = 0
    for a, b in protected_spans(text):
        for m in WORD.finditer(text, pos, a):
            yield Word(m.start(), m.end(), m.group())
        pos = b
    for m in WORD.finditer(text, pos):
        yield Word(m.start(), m.end(), m.group())
