"""The options of a :class:`~ocrfix.Cleaner`, one documented field each.

The boolean fields switch the steps of the pipeline on and off; their names
are the step names of ``pipeline.STEPS`` (a test keeps the two in step).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .lexicon import VARIANTS


@dataclass(frozen=True)
class Config:
    variant: str = "de_DE"
    """Dictionary: "de_DE", "de_AT" or "de_CH" (Swiss spelling: corrections never produce ß)."""
    user_words: frozenset[str] = field(default_factory=frozenset)
    """Words to accept as correct and to correct towards (names, product names)."""

    mojibake: bool = True
    """UTF-8 read as cp1252: "FÃ¼hrung" -> "Führung"."""
    ligature: bool = True
    """Ligature glyphs U+FB00..U+FB06: "Modiﬁkation" -> "Modifikation"."""
    diaeresis: bool = True
    """Split diaeresis: "f¨ur", "wu¨rde", "Ma ̈rz" -> "für", "würde", "März"."""
    invisible: bool = True
    """Soft hyphens and zero-width characters are removed."""
    nfc: bool = True
    """Base letters and combining marks are composed (Unicode NFC)."""
    dehyphenate: bool = True
    """Words broken across lines are joined: "Wirtschafts-\\nstandort"."""
    unwrap: bool = False
    """Lines of a paragraph are joined with spaces (off: line breaks are kept)."""
    quotes: bool = True
    """German quotes read as ",", ".", "*", "®" are restored where they pair up."""
    bullets: bool = True
    """Bullets read as "«", "e", "*" at the start of lines become "•"."""
    words: bool = True
    """The dictionary corrector: umlauts, ß, dropped ligatures, letter confusions."""

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise ValueError(f"variant must be one of {', '.join(VARIANTS)}, not {self.variant!r}")
        if isinstance(self.user_words, str):
            raise TypeError("user_words must be an iterable of words, not a string")
        object.__setattr__(self, "user_words", frozenset(self.user_words))

    @classmethod
    def from_options(cls, **options: Any) -> "Config":
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(options) - names)
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(unknown)}; options are {', '.join(sorted(names))}")
        return cls(**options)

    def replace(self, **options: Any) -> "Config":
        return dataclasses.replace(self, **options) if options else self

