"""Result types: what a step proposes (:class:`Edit`) and what :func:`explain` reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Sequence


class Edit(NamedTuple):
    """A replacement proposed by one step, in the coordinates of that step's input."""

    start: int
    end: int
    replacement: str
    rule: str
    confidence: float = 1.0


@dataclass(frozen=True)
class Correction:
    """One change, in the coordinates of the original input.

    ``original == input[start:end]``; replaying all corrections of an
    :class:`Explanation` on the input gives its ``text``.  Where two steps
    touched the same span, they are reported together and ``rule`` names both
    (``"mojibake+umlaut"``).
    """

    start: int
    end: int
    original: str
    replacement: str
    rule: str
    confidence: float

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "original": self.original,
            "replacement": self.replacement,
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Explanation:
    """The cleaned ``text`` and the ``corrections`` that produced it, in input order."""

    text: str
    corrections: tuple[Correction, ...]

    def __iter__(self):  # lets ``text, corrections = explain(...)`` work
        return iter((self.text, self.corrections))


def join_rules(rules: list[str] | tuple[str, ...]) -> str:
    """One rule name for several ("mojibake", "umlaut+eszett" -> "mojibake+umlaut+eszett")."""
    return "+".join(dict.fromkeys(part for rule in rules for part in rule.split("+") if part))


def replay(text: str, corrections: Sequence[Correction] | Sequence[Edit]) -> str:
    """Apply ``corrections`` (input coordinates, sorted, non-overlapping) to ``text``;
    a step's ``Edit`` list works too.

    Raises ValueError where the corrections do not fit ``text``: out of order, past
    its end, or (a :class:`Correction`) with an ``original`` that is not the text at
    its offsets, as when they were made for another text.
    """
    out, pos = [], 0
    for n, c in enumerate(corrections):
        if isinstance(c, Correction) and text[c.start : c.end] != c.original:
            raise ValueError(
                f"correction {n} does not fit the text: {c.original!r} at {c.start}..{c.end}, "
                f"where the text has {text[c.start : c.end]!r}"
            )
        if not pos <= c.start <= c.end <= len(text):
            raise ValueError(f"correction {n} ({c.start}..{c.end}) overlaps the one before or ends past the text")
        out.append(text[pos : c.start])
        out.append(c.replacement)
        pos = c.end
    out.append(text[pos:])
    return "".join(out)
