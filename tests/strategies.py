"""Hypothesis strategies for hostile and OCR-damaged German text.

Shared by ``tests/test_properties.py`` and the long-running fuzzer ``tests/fuzz.py``.
The German words and sentences are the project's own; the damage is the kinds
``ocrfix`` repairs (and some it must survive): lost umlaut dots, "ii" for "ü",
"B" for "ß", ligature glyphs, mojibake, HTML entities, soft hyphens, split diaeresis, line-end
hyphenation, misread quotes and bullets.
"""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

# -- hostile strings --------------------------------------------------------------------

HOSTILE_PIECES = (
    "\x00", "\x01", "\x1b", "\x7f", "\x85", "\t", "\r", "\r\n", "\n", "\n\n", "\x0b", "\x0c",
    "\u2028", "\u2029",  # line and paragraph separators
    "\ud800", "\udfff", "\udc80",  # lone surrogates (surrogateescape leftovers)
    "\u200e", "\u200f", "\u202b", "\u202e", "\u2066", "\u2069",  # bidi marks and overrides
    "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # invisibles and joiners
    "\U0001f600", "\U0001f469\u200d\U0001f4bb", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1e9\U0001f1ea", "\U0001f44d\U0001f3fd", "\u2764\ufe0f",  # emoji: ZWJ, flags, modifiers
    "\u0301\u0301\u0301", "\u0308", "\u0308\u0308", "a\u0308\u0301\u0323",  # combining-mark runs
    "\u00a8", "\u00c3", "\u00c3\u00bc", "\u00c3\u0178", "\u00e2\u20ac\u017e",  # diaeresis, mojibake
    "\ufb01", "\ufb02", "\ufb00", "\ufb05",  # ligature glyphs
    "Ä", "ß", "ẞ", "é", "ø", "ı", "İ", "ǅ",  # Latin with case surprises
    "Жук", "مرحبا", "שלום", "日本語", "한국어", "ελληνικά", "हिन्दी", "ไทย",  # other scripts
    "\uffff", "\ufffd", "\U0010ffff", "\U000e0001",  # noncharacters, replacement, tag
    " ", "\u00a0", "\u3000", "  \t ",  # spaces
    "-", "-\n", "\u00ad\n", "\u2010\n", "¬\n", ",,", "''", "*", "®", "„", "“", "«", "•",
    "_", "@", "#", "/", "\\", "`", "(", ")", ".", "0", "8", "6", "&", "{", "|",
    "fur", "Fiihrung", "groBe", "Osterreich", "ii", "Uber", "Kl",
    "&amp;", "&uuml;", "&#252;", "&#xFC;", "&shy;", "&nbsp;", "&lt;", "&#10;", "&#0;", "&amp", ";",  # HTML references
)

hostile_text = st.one_of(
    st.text(),
    st.text(st.characters(codec=None, exclude_categories=())),  # surrogates included
    st.lists(st.sampled_from(HOSTILE_PIECES), max_size=40).map("".join),
    st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=3)), max_size=30).map("".join),
)
"""Any str, weighted towards the characters that break text tools."""

# -- German words and OCR damage --------------------------------------------------------

WORDS = (
    "die der das und nicht mit für über auch wird sind sich eine einen dem den "
    "Führung Bürger Prüfung glücklich München Frühjahr Übersicht übrigens zurück "
    "größten große Straße heißt weiß Maß Fußball außerdem schließlich Grüße "
    "Österreich Öffentlichkeit möglich können könnten eröffnete Höhe erhöht "
    "Länder März erklärte Präsident während später Häuser Märchen Kapazität "
    "Pflege Konflikt Modifikation Einfluss Auflage findet offiziell Schiff "
    "Wirtschaftsstandort Verhandlungen Gewerkschaft Arbeitnehmer Bundesregierung "
    "Zusammenarbeit Verkehr Stadt Bibliothek Zukunft gestern heute Vertrag "
    "Ausgang Eingang Nord Süd Künstliche Intelligenz Modelle Ökonomen"
).split()

_LIGATURE_OF = {"ffi": "\ufb03", "ffl": "\ufb04", "ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02", "st": "\ufb06"}
_UMLAUT_DAMAGE = {
    "ü": ("ii", "u", "li", "ti", "¨u", "u¨", "u\u0308", "Ã¼", "&uuml;", "&#252;"),
    "ö": ("o", "6", "é", "¨o", "o\u0308", "Ã¶"),
    "ä": ("a", "ia", "éa", "¨a", "a\u0308", "Ã¤"),
    "Ü": ("U", "G", "Ãœ"),
    "Ö": ("O", "O\u0308", "Ã–"),
    "Ä": ("A", "Ã„"),
    "ß": ("B", "BB", "8", "&", "f{", "ÃŸ", "&szlig;"),
}


@st.composite
def damaged_word(draw: st.DrawFn, word: str | None = None) -> str:
    """A German word with zero or more kinds of OCR or extraction damage."""
    if word is None:
        word = draw(st.sampled_from(WORDS))
    out = []
    i = 0
    while i < len(word):
        lig = next((k for k in _LIGATURE_OF if word.startswith(k, i)), None)
        if lig and draw(st.booleans()):
            out.append(draw(st.sampled_from((_LIGATURE_OF[lig], ""))))  # glyph kept or dropped
            i += len(lig)
            continue
        ch = word[i]
        if ch in _UMLAUT_DAMAGE and draw(st.booleans()):
            out.append(draw(st.sampled_from(_UMLAUT_DAMAGE[ch])))
        elif ch in "mh" and draw(st.integers(0, 5)) == 0:
            out.append({"m": "rn", "h": "li"}[ch])
        else:
            out.append(ch)
        i += 1
    damaged = "".join(out)
    if len(damaged) > 3 and draw(st.integers(0, 3)) == 0:  # soft hyphen or zero-width space inside
        k = draw(st.integers(1, len(damaged) - 1))
        damaged = damaged[:k] + draw(st.sampled_from(("\u00ad", "\u200b", "\u00ad\n"))) + damaged[k:]
    if draw(st.integers(0, 4)) == 0:
        damaged = unicodedata.normalize("NFD", damaged)
    if draw(st.integers(0, 4)) == 0:
        damaged = damaged.upper() if draw(st.booleans()) else damaged.capitalize()
    return damaged


_SEPARATORS = (" ", " ", " ", ", ", ". ", "! ", "? ", ": ", "\n", "\n\n", "-\n", "\u00ad\n", " - ", "  ")
_WRAPPERS = (("", ""), ("", ""), ("", ""), (",", "*"), (",,", "''"), ('"', '"'), ("„", "“"), ("(", ")"), (".", "®"))


@st.composite
def german_ocr_text(draw: st.DrawFn, max_words: int = 40) -> str:
    """Sentences of German words with OCR damage, line-end hyphenation, quotes and bullets."""
    n = draw(st.integers(0, max_words))
    parts: list[str] = []
    for _ in range(n):
        if draw(st.integers(0, 9)) == 0:
            parts.append(draw(st.sampled_from(("\n* ", "\n« ", "\ne ", "\n- ", "\n1. "))))
        word = draw(damaged_word())
        if len(word) > 5 and draw(st.integers(0, 5)) == 0:  # hyphenated at a line end
            k = draw(st.integers(2, len(word) - 2))
            word = word[:k] + draw(st.sampled_from(("-\n", "-\n", "\u00ad\n", "- \n ", "\u2010\n", "¬\n"))) + word[k:]
        left, right = draw(st.sampled_from(_WRAPPERS))
        parts.append(left + word + right)
        parts.append(draw(st.sampled_from(_SEPARATORS)))
    return "".join(parts)


# -- protected content ------------------------------------------------------------------

PROTECTED = (
    "https://example.org/Fiihrung?q=groBe&x=1",
    "http://www.bund.de/DE/Themen/Miinchen-2023.html",
    "www.beispiel.at/fur/uber",
    "ftp://files.example.com/pub/OCR_Daten.tar.gz",
    "info@grosse-fiihrung.de",
    "max.mustermann+ocr@uni-muenchen.de",
    "/home/nutzer/Dokumente/Fiihrung.txt",
    "C:\\Users\\Mueller\\Priifung.docx",
    "./daten/groBe_liste.csv",
    "~/Bilder/Urlaub",
    "berichte/2023/Jahresbericht.pdf",
    "uebersicht.xlsx",
    "12.03.2024",
    "2024-03-12",
    "3,14159",
    "1.000.000",
    "+49 89 123456",
    "10:45",
    "DE89 3704 0044 0532 0130 00",
    "#Fiihrung",
    "#KI2024",
    "@groBe_Firma",
    "@Miinchen",
    "`fur x in liste:`",
    "`groBe = 1`",
    "os.path.join(",
    "np.linalg.norm()",
    "config.loader.read",
    "utf8Encode",
    "max_groBe",
    "__init__",
    "A1",
    "MP3",
    "2016er",
    "4x4",
    "ISO-8859-1",
)


def embed(protected: str, before: str, after: str) -> str:
    """``protected`` between two damaged German texts, separated by spaces."""
    return f"{before} {protected} {after}"
