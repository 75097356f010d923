"""ocrfix: repair OCR- and extraction-damaged German text.

>>> from ocrfix import clean
>>> clean("Die Fiihrung der Firma bleibt in Miinchen.")
'Die Führung der Firma bleibt in München.'
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import Config
    from .document import Channel, Profile
    from .pipeline import STEPS, Cleaner
    from .result import Correction, Explanation, replay

__all__ = [
    "clean", "explain", "profile", "Cleaner", "Config", "Correction", "Explanation", "Profile", "Channel", "replay",
    "STEPS",
]
__version__ = "0.1.0"

# The names are loaded on first use (PEP 562), so ``import ocrfix`` is quick and the
# command can take charge of Ctrl-C before the heavy modules load (see cli.main).
_HOMES = {
    "Config": "config", "Channel": "document", "Profile": "document", "STEPS": "pipeline", "Cleaner": "pipeline",
    "Correction": "result", "Explanation": "result", "replay": "result",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'ocrfix' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value  # the next lookup does not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


_default: Cleaner | None = None


def clean(
    text: str,
    *,
    variant: str = "de_DE",
    user_words: Iterable[str] = frozenset(),
    entities: bool = True,
    mojibake: bool = True,
    ligature: bool = True,
    diaeresis: bool = True,
    invisible: bool = True,
    nfc: bool = True,
    dehyphenate: bool = True,
    unwrap: bool = False,
    quotes: bool = True,
    bullets: bool = True,
    words: bool = True,
    folded: bool = False,
) -> str:
    """Repair OCR and extraction damage in German ``text``; the options are :class:`Config`'s fields."""
    return _cleaner(locals()).clean(text)


def explain(
    text: str,
    *,
    variant: str = "de_DE",
    user_words: Iterable[str] = frozenset(),
    entities: bool = True,
    mojibake: bool = True,
    ligature: bool = True,
    diaeresis: bool = True,
    invisible: bool = True,
    nfc: bool = True,
    dehyphenate: bool = True,
    unwrap: bool = False,
    quotes: bool = True,
    bullets: bool = True,
    words: bool = True,
    folded: bool = False,
) -> Explanation:
    """Like :func:`clean`, and report every correction with its offsets, rule and confidence."""
    return _cleaner(locals()).explain(text)


def profile(
    text: str,
    *,
    variant: str = "de_DE",
    user_words: Iterable[str] = frozenset(),
    entities: bool = True,
    mojibake: bool = True,
    ligature: bool = True,
    diaeresis: bool = True,
    invisible: bool = True,
    nfc: bool = True,
    dehyphenate: bool = True,
    unwrap: bool = False,
    quotes: bool = True,
    bullets: bool = True,
    words: bool = True,
    folded: bool = False,
) -> Profile:
    """What ``text`` says about its own damage: its spelling era, the evidence for each
    damaged letter, and the share of damaged words (:class:`Profile`); options as for :func:`clean`."""
    return _cleaner(locals()).profile(text)


def _cleaner(arguments: dict[str, Any]) -> Cleaner:
    """The cleaner for a call's ``arguments`` (its ``locals()``: the text and the options);
    the shared one for the defaults."""
    global _default
    from .config import DEFAULTS
    from .pipeline import Cleaner

    options = arguments.copy()
    del options["text"]
    if options != DEFAULTS:
        return Cleaner(**options)
    if _default is None:
        _default = Cleaner()
    return _default
