"""The options of a :class:`~ocrfix.Cleaner`, one documented field each.

The boolean fields switch the steps of the pipeline on and off; their names
are the step names of ``pipeline.STEPS`` (a test keeps the two in step), and
the keyword options of ``clean``, ``explain`` and ``Cleaner`` are these fields
(a test keeps those in step too).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .lexicon import VARIANTS


@dataclass(frozen=True)
class Config:
    variant: str = "de_DE"
    """Dictionary: "de_DE", "de_AT" or "de_CH" (Swiss spelling: corrections never produce ß)."""
    user_words: frozenset[str] = field(default_factory=frozenset)
    """Words to accept as correct and to correct towards (names, product names)."""

    entities: bool = True
    """HTML entities and character references: "Gr&uuml;&szlig;e", "&#252;" -> "Grüße", "ü"."""
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
    """German quotes read as ",", ".", "*", "®" are restored where they pair up, and a dash read
    as "~" between words."""
    bullets: bool = True
    """Bullets read as "«", "e", "*" at the start of lines become "•"."""
    words: bool = True
    """The dictionary corrector: umlauts, ß, dropped ligatures, letter confusions."""
    folded: bool = False
    """The text was folded to ASCII (ss for ß): a Swiss form gets its ß back, "grosse" -> "große"."""

    def __post_init__(self) -> None:
        if not isinstance(self.variant, str):
            raise TypeError(f"variant must be a str such as 'de_DE', not {type(self.variant).__name__}")
        if self.variant not in VARIANTS:
            raise ValueError(f"variant must be one of {', '.join(VARIANTS)}, not {self.variant!r}")
        for switch in SWITCHES:
            value = getattr(self, switch.name)
            if not isinstance(value, bool):  # "no" or 0 would pass for a switch, the wrong way or silently
                raise TypeError(f"{switch.name} must be True or False, not {value!r}")
        object.__setattr__(self, "user_words", _words(self.user_words))

    @classmethod
    def from_options(cls, **options: Any) -> "Config":
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(options) - names)
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(unknown)}; options are {', '.join(sorted(names))}")
        return cls(**options)

    def replace(self, **options: Any) -> "Config":
        return dataclasses.replace(self, **options) if options else self


def _words(words: Iterable[str]) -> frozenset[str]:
    """``user_words`` as a set, once each item is known to be a word."""
    if isinstance(words, (str, bytes)):
        raise TypeError(f"user_words must be an iterable of words, not a {type(words).__name__}")
    try:
        items = iter(words)
    except TypeError:
        raise TypeError(f"user_words must be an iterable of words, not {type(words).__name__}") from None
    found = set()
    for word in items:
        if not isinstance(word, str):
            raise TypeError(f"user_words must hold words (str), not {word!r} ({type(word).__name__})")
        found.add(word)
    return frozenset(found)


# The on/off options, in pipeline order: the fields typed bool.
SWITCHES: tuple[dataclasses.Field, ...] = tuple(f for f in dataclasses.fields(Config) if f.type in (bool, "bool"))
DEFAULTS: dict[str, Any] = {f.name: getattr(Config(), f.name) for f in dataclasses.fields(Config)}
