"""Text folded to ASCII: its ss back to ß, where the caller says so (``folded=True``).

A scrape or a transliteration that wrote "a" for "ä" also wrote "ss" for "ß", and its
"grosse", "Strasse", "heisst" are Swiss spelling: correct German in Switzerland, damage
elsewhere.  The text cannot tell the two apart (both lost their dots, and the words step
restores those), so this step runs only where the caller knows the text was folded.  A
word that this variant does not spell with ss, and that one ss read as ß makes a word it
does spell, gets its ß back ("grosse" -> "große", "Strasse" -> "Straße"); a word this
variant spells with ss stays ("dass", "Masse", "Fluss"), and so does one where more than
one ss would do, or none.  Protected spans (URLs, code, e-mail addresses) are left alone.
"""

from __future__ import annotations

from .context import Context
from .result import Edit
from .tokens import words

FOLDED_CONFIDENCE = 0.9  # a listed Swiss form where the caller says the text lost its ß


def restore_folded_eszett(text: str, ctx: Context) -> list[Edit]:
    """The words of ``text`` with a ß folded to ss, in the form this variant spells."""
    if "ss" not in text or ctx.lexicon.swiss:
        return []
    lex = ctx.lexicon
    edits = []
    for word in words(text):
        w = word.text
        if "ss" not in w or lex.target(w) or not lex.listed(w):
            continue  # (a word of this variant as it is, or one no list has)
        forms = {w[:i] + "ß" + w[i + 2 :] for i in range(len(w) - 1) if w.startswith("ss", i)}
        found = [form for form in forms if lex.target(form)]
        if len(found) == 1:
            edits.append(Edit(word.start, word.end, found[0], "folded", FOLDED_CONFIDENCE))
    return edits
