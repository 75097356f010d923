"""ocrfix: repair OCR- and extraction-damaged German text.

>>> from ocrfix import clean
>>> clean("Die Fiihrung der Firma bleibt in Miinchen.")
'Die Führung der Firma bleibt in München.'
"""

from __future__ import annotations

from typing import Any

from .config import Config
from .pipeline import STEPS, Cleaner
from .result import Correction, Explanation, replay

__all__ = ["clean", "explain", "Cleaner", "Config", "Correction", "Explanation", "replay", "STEPS"]
__version__ = "0.1.0"

_default: Cleaner | None = None


def _cleaner(options: dict[str, Any]) -> Cleaner:
    global _default
    if options:
        return Cleaner(**options)
    if _default is None:
        _default = Cleaner()
    return _default


def clean(text: str, **options: Any) -> str:
    """Repair OCR and extraction damage in German ``text``; see :class:`Config` for options."""
    return _cleaner(options).clean(text)


def explain(text: str, **options: Any) -> Explanation:
    """Like :func:`clean`, and report every correction with its offsets, rule and confidence."""
    return _cleaner(options).explain(text)
