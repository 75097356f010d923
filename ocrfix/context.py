"""What a step may use besides the text: :class:`Context`.

The steps (``unicode.py``, ``layout.py``, ``correct.py``) take a context and the
pipeline makes one per :class:`~ocrfix.Cleaner`.  This module imports no step,
so that the steps can name its type without an import circle; the pipeline
hands it the function that makes the corrector.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .config import Config
from .lexicon import Lexicon, get_lexicon


class Context:
    """The options, and the dictionary and the word corrector, loaded on first use.

    ``make_corrector(variant, user_words)`` gives the ``correct.Corrector``; it is
    typed ``Any`` here because naming its class would import the words step.
    """

    __slots__ = ("_corrector", "_lexicon", "_make_corrector", "config")

    def __init__(self, config: Config, make_corrector: Callable[[str, frozenset[str]], Any]) -> None:
        self.config = config
        self._make_corrector = make_corrector
        self._lexicon: Lexicon | None = None
        self._corrector: Any = None

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = get_lexicon(self.config.variant, self.config.user_words)
        return self._lexicon

    @property
    def corrector(self) -> Any:
        if self._corrector is None:
            self._corrector = self._make_corrector(self.config.variant, self.config.user_words)
        return self._corrector
