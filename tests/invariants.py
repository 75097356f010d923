"""The guarantees of ``ocrfix`` as checks on one input, shared by the property tests and the fuzzer.

Each check raises ``AssertionError`` with the input in its message, so that a
failure found by a long fuzzing run can be copied into a regression test.
"""

from __future__ import annotations

from ftfy.fixes import unescape_html

from ocrfix import Cleaner, Explanation, replay
from ocrfix.chardata import LINE_END_HYPHENS

# Rules whose corrections may remove a line break: a word hyphenated across lines was
# joined ("dehyphenate", "invisible": a soft hyphen), or one whose hyphen OCR lost
# ("merge": "Verhand\nlungen").
LINE_JOINING_RULES = ("dehyphenate", "invisible", "merge")


def check_explanation(text: str, ex: Explanation) -> None:
    """``explain()`` accounts for every change: replaying its corrections on the input gives its text."""
    assert isinstance(ex.text, str), f"text is {type(ex.text).__name__} for {text!r}"
    assert replay(text, ex.corrections) == ex.text, f"replay differs for {text!r}: {ex.corrections}"
    pos = 0
    for c in ex.corrections:
        assert pos <= c.start <= c.end <= len(text), f"unsorted or overlapping {c} for {text!r}"
        assert c.original == text[c.start : c.end], f"{c} does not match the input {text!r}"
        assert c.original != c.replacement, f"{c} changes nothing in {text!r}"
        assert c.rule and all(c.rule.split("+")), f"{c} has no rule in {text!r}"
        assert 0.0 <= c.confidence <= 1.0, f"{c} confidence out of range in {text!r}"
        pos = c.end


def check_lines(text: str, ex: Explanation) -> None:
    """Line breaks are kept, except where a word broken across lines was joined."""
    for c in ex.corrections:
        lost = c.original.count("\n") - c.replacement.count("\n")
        if any(rule in c.rule for rule in LINE_JOINING_RULES):
            assert lost >= 0, f"{c} adds a line break in {text!r}"
            if lost and "merge" not in c.rule:
                written = unescape_html(c.original)  # a soft hyphen may be written "&shy;"
                assert any(h in written for h in LINE_END_HYPHENS + "\N{SOFT HYPHEN}"), (
                    f"{c} joins lines without a hyphen in {text!r}"
                )
        else:
            assert lost == 0, f"{c} changes the line breaks in {text!r}"


def check_text(cleaner: Cleaner, text: str) -> Explanation:
    """All single-input guarantees: no crash, explain() consistent with clean(), lines kept, idempotent."""
    ex = cleaner.explain(text)
    assert cleaner.clean(text) == ex.text, f"clean() and explain() differ for {text!r}"
    check_explanation(text, ex)
    check_lines(text, ex)
    again = cleaner.clean(ex.text)
    assert again == ex.text, f"not idempotent: {text!r} -> {ex.text!r} -> {again!r}"
    return ex


def check_protected(cleaner: Cleaner, text: str, start: int, end: int) -> None:
    """``text[start:end]`` is protected content: no correction touches it and it comes out as it was."""
    ex = cleaner.explain(text)
    for c in ex.corrections:
        assert c.end <= start or c.start >= end, f"{c} touches protected {text[start:end]!r} in {text!r}"
    assert text[start:end] in ex.text, f"protected {text[start:end]!r} lost: {text!r} -> {ex.text!r}"
