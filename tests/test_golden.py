"""Golden cases (damaged -> repaired) and negative cases (correct text that must not change)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ocrfix

CASES = Path(__file__).parent / "cases"


def _load(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _load("golden.json"), ids=lambda c: c["label"])
def test_golden(case):
    assert ocrfix.clean(case["original"]) == case["fixed"], case["comment"]


@pytest.mark.parametrize("case", _load("negative.json"), ids=lambda c: c["label"])
def test_negative_unchanged(case):
    assert ocrfix.clean(case["original"]) == case["original"], case["comment"]


@pytest.mark.parametrize("case", _load("golden.json") + _load("negative.json"), ids=lambda c: c["label"])
def test_idempotent(case):
    once = ocrfix.clean(case["original"])
    assert ocrfix.clean(once) == once


@pytest.mark.parametrize("case", _load("golden.json"), ids=lambda c: c["label"])
def test_explain_replays(case):
    text = case["original"]
    ex = ocrfix.explain(text)
    assert ex.text == ocrfix.clean(text)
    assert ocrfix.replay(text, ex.corrections) == ex.text
    pos = 0
    for c in ex.corrections:
        assert pos <= c.start <= c.end <= len(text)
        assert c.original == text[c.start : c.end]
        assert c.rule and 0.0 <= c.confidence <= 1.0
        pos = c.end
    assert ex.corrections, "a golden case must report its corrections"
