"""The ``folded`` step: a text folded to ASCII gets its ß back where the caller says so."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import ocrfix
from ocrfix.lexicon import get_lexicon

# My own sentences, as a scrape that wrote a for ä and ss for ß leaves them.
FOLDED = "Die Strasse war nass, und ausserdem hiess es, dass der grosse Fluss bald uber die Ufer tritt."
RESTORED = "Die Straße war nass, und außerdem hieß es, dass der große Fluss bald über die Ufer tritt."


def test_a_folded_text_gets_its_eszett_back():
    assert ocrfix.clean(FOLDED, folded=True) == RESTORED
    rules = {c.original: c.rule for c in ocrfix.explain(FOLDED, folded=True).corrections}
    assert rules["Strasse"] == rules["grosse"] == "folded" and rules["uber"] != "folded"


def test_off_by_default_and_for_swiss_spelling():
    """A Swiss text that lost its dots looks just like a folded one: only the caller can tell."""
    assert "Strasse" in ocrfix.clean(FOLDED) and "grosse" in ocrfix.clean(FOLDED)
    assert ocrfix.clean(FOLDED, folded=True, variant="de_CH") == ocrfix.clean(FOLDED, variant="de_CH")


def test_words_of_the_variant_and_protected_spans_stay():
    text = "Er muss die Masse messen, dass es passt: siehe www.grosse-strasse.de und grosse@example.org."
    assert ocrfix.clean(text, folded=True) == text
    assert ocrfix.clean("Die Firma Grossmann", folded=True, user_words=["Grossmann"]) == "Die Firma Grossmann"


def test_idempotent_and_the_same_with_or_without_the_words_step():
    once = ocrfix.clean(FOLDED, folded=True)
    assert ocrfix.clean(once, folded=True) == once
    assert "Straße" in ocrfix.clean(FOLDED, folded=True, words=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["grosse", "Strasse", "dass", "Masse", "Fluss", "heisst", "Busse", "Spass", "wissen"]),
                min_size=1, max_size=8))
def test_every_word_it_puts_out_is_one_of_the_variant(words):
    lex = get_lexicon("de_DE", frozenset())
    text = " ".join(words)
    for c in ocrfix.explain(text, folded=True, words=False).corrections:
        assert c.rule == "folded" and lex.target(c.replacement) and "ß" in c.replacement
