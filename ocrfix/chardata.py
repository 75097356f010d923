"""Character tables used by the Unicode and layout steps (and, for dots, the word steps).

Readable literals with their names, one entry per line, so a reader can check
each one.  The OCR confusion table for words lives in ``confusions.py``.
"""

from __future__ import annotations

# Presentation forms that PDF text extraction leaves in place of letter pairs.
LIGATURES: dict[str, str] = {
    "\N{LATIN SMALL LIGATURE FF}": "ff",
    "\N{LATIN SMALL LIGATURE FI}": "fi",
    "\N{LATIN SMALL LIGATURE FL}": "fl",
    "\N{LATIN SMALL LIGATURE FFI}": "ffi",
    "\N{LATIN SMALL LIGATURE FFL}": "ffl",
    "\N{LATIN SMALL LIGATURE LONG S T}": "st",
    "\N{LATIN SMALL LIGATURE ST}": "st",
}

# Letter forms of old print that transcriptions and OCR of it keep: the long s.
OLD_GLYPHS: dict[str, str] = {
    "\N{LATIN SMALL LETTER LONG S}": "s",
}

DIAERESIS_MARKS = "\N{DIAERESIS}\N{COMBINING DIAERESIS}"
# The small e above a vowel, the umlaut of old print ("Buͤcher"): it always follows its letter.
SUPERSCRIPT_E = "\N{COMBINING LATIN SMALL LETTER E}"

# Letters that take a diaeresis in German text (and a few loan words: Noël, naïv).
DIAERESIS_BASES: dict[str, str] = {
    "a": "ä",
    "o": "ö",
    "u": "ü",
    "A": "Ä",
    "O": "Ö",
    "U": "Ü",
    "e": "ë",
    "i": "ï",
}

# Characters that carry no visible content and break words apart for search.
INVISIBLE = (
    "\N{SOFT HYPHEN}"
    "\N{ZERO WIDTH SPACE}"
    "\N{WORD JOINER}"
    "\N{ZERO WIDTH NO-BREAK SPACE}"  # a BOM inside the text
)
# Joiners matter inside emoji sequences; they are removed only between letters.
JOINERS = "\N{ZERO WIDTH NON-JOINER}\N{ZERO WIDTH JOINER}"

# Characters that hyphenate a word at a line end (dashes and tildes are OCR misreads
# of a hyphen there: a real dash is not glued to the word before it; the double oblique
# hyphen is the Fraktur hyphen, as transcriptions and OCR of old print write it).
LINE_END_HYPHENS = "-\N{HYPHEN}\N{NOT SIGN}\N{NON-BREAKING HYPHEN}\N{EN DASH}\N{EM DASH}~\N{DOUBLE OBLIQUE HYPHEN}="

# Characters OCR reads for German quotation marks.
OPENING_QUOTE_MISREADS = (",,", ",", ".", "\N{DOUBLE LOW-9 QUOTATION MARK}", '"', "''")
CLOSING_QUOTE_MISREADS = (
    "*",
    "\N{REGISTERED SIGN}",
    "\N{RIGHT DOUBLE QUOTATION MARK}",
    "\N{LEFT DOUBLE QUOTATION MARK}",
    '"',
    "''",
)
GERMAN_OPEN = "\N{DOUBLE LOW-9 QUOTATION MARK}"
GERMAN_CLOSE = "\N{LEFT DOUBLE QUOTATION MARK}"

# Characters OCR reads for a bullet at the start of a line.
BULLET_MISREADS = ("\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}", "e", "*", "\N{MIDDLE DOT}", "o")
BULLET = "\N{BULLET}"


def contains_any(text: str, chars: str) -> bool:
    """Does ``text`` hold one of ``chars`` (a few)?  A substring search per character in C
    is many times faster than a regex character class over the text."""
    return any(map(text.__contains__, chars))


# The dots taken off ä, ö and ü (both cases): what OCR and ASCII scrapes do to them.
UNDOT = str.maketrans("äöüÄÖÜ", "aouAOU")
