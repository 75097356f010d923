"""The entities step: HTML entities and character references in scraped text.

What it repairs and what it leaves are golden and negative cases in
``tests/cases``; these are the corrections it reports and its edge cases.
"""

from __future__ import annotations

import pytest

import ocrfix


def rules(text: str) -> list[tuple[str, str, str]]:
    return [(c.original, c.replacement, c.rule) for c in ocrfix.explain(text).corrections]


def test_explain_reports_the_step_like_the_others():
    assert rules("Gr&uuml;&szlig;e &amp; mehr") == [
        ("&uuml;", "ü", "entities"),
        ("&szlig;", "ß", "entities"),
        ("&amp;", "&", "entities"),
    ]
    # a soft hyphen, which the invisible step removes: one correction naming both rules
    assert rules("ver&shy;schoben") == [("&shy;", "", "entities+invisible")]
    assert rules("Die Wirt&shy;\nschaft.") == [("&shy;\n", "", "entities+invisible")]


def test_text_escaped_twice_is_one_correction_per_reference_as_written():
    assert rules("M&amp;uuml;nchen &amp;amp;") == [("&amp;uuml;", "ü", "entities"), ("&amp;amp;", "&", "entities")]


@pytest.mark.parametrize(
    "text",
    [
        "Zeile&#10;zwei&NewLine;drei",  # a line break (only a word joined across lines may drop one)
        "Nichts: &#0; &#xD800; &#1114112;",  # no character at all
        "&unbekannt; und &Uuml ohne Semikolon",  # unknown, or no ";"
    ],
)
def test_what_stays(text):
    assert ocrfix.clean(text) == text


def test_the_switch():
    assert ocrfix.clean("Gr&#252;&#223;e", entities=False) == "Gr&#252;&#223;e"
    assert ocrfix.Cleaner(entities=False).config.entities is False


def test_references_next_to_protected_content():
    text = "Mail an info@example.org&amp;mehr, #KI2024&amp; und C:\\Daten\\a&amp;b.txt"
    assert ocrfix.clean(text) == "Mail an info@example.org&mehr, #KI2024& und C:\\Daten\\a&amp;b.txt"
