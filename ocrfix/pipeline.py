"""The ordered steps, and the :class:`Cleaner` that runs them.

``STEPS`` is the one registry: it fixes the order of the pipeline, and each
step's name is both its switch in :class:`~ocrfix.config.Config` and the rule
its corrections report (the dictionary step reports the kind of damage it
repaired: "umlaut", "eszett", "ligature", "letters", ...).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, NamedTuple


from .config import DEFAULTS, Config
from .context import Context
from .correct import get_corrector
from .words import correct_words, key_changed, old_repairs
from .entities import decode_entities
from .folded import restore_folded_eszett
from .layout import dehyphenate, fix_bullets, fix_quotes, unwrap
from .document import Profile
from .document import read as read_document
from .result import Edit, Explanation
from .tokens import letter_runs
from .trace import Trace
from .unicode import fix_ligature_glyphs, fix_mojibake, fix_split_diaeresis, normalize_nfc, remove_invisible


class Step(NamedTuple):
    name: str
    run: Callable[[str, Context], list[Edit]]
    # Given the step's input and output: must it run again on its own output?  The words
    # step must when its repairs change what the document says about itself
    # (``document.Key``): the next clean() would judge the words by the new key.
    again: Callable[[str, str, Context], bool] | None = None


STEPS: tuple[Step, ...] = (
    Step("entities", decode_entities),  # first: a decoded reference may be mojibake ("&Atilde;&frac14;")
    Step("mojibake", fix_mojibake),
    Step("ligature", fix_ligature_glyphs),
    Step("diaeresis", fix_split_diaeresis),
    Step("invisible", remove_invisible),
    Step("nfc", normalize_nfc),
    Step("dehyphenate", dehyphenate),
    Step("unwrap", unwrap),
    Step("quotes", fix_quotes),
    Step("bullets", fix_bullets),
    Step("words", correct_words, key_changed),
    Step("folded", restore_folded_eszett),  # (off unless asked: Swiss text writes ss too)
)

# A repair can give an earlier step work (a removed soft hyphen joins the two halves
# of a mojibake character): the steps whose input changed run again, until none
# changes the text, at most this many rounds.  Each step is idempotent on its own.
MAX_ROUNDS = 4


class Cleaner:
    """Cleans text with fixed options; reusable, thread-safe and cheap to pickle.

    >>> Cleaner(variant="de_CH").clean("Das ist ein groBes Haus.")
    'Das ist ein grosses Haus.'

    The dictionaries are loaded on first use in each process, so a pickled
    cleaner sent to a worker carries only its options.
    """

    def __init__(
        self,
        config: Config | None = None,
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
    ) -> None:
        """A :class:`Config`, or its fields as keyword options (one or the other)."""
        options = {name: value for name, value in locals().items() if name not in ("self", "config")}
        self.config = config = _config(config, options)
        self._ctx = Context(config, get_corrector)
        self._steps = tuple(s for s in STEPS if getattr(config, s.name))

    def __reduce__(self):
        return (Cleaner, (self.config,))

    def __repr__(self) -> str:
        return f"Cleaner({self.config!r})"

    def explain(self, text: str) -> Explanation:
        """The cleaned text and every correction, with offsets into ``text``."""
        trace = self._run(text)
        return Explanation(trace.text, trace.corrections())

    def clean(self, text: str) -> str:
        """The cleaned text."""
        return self._run(text).text

    def profile(self, text: str) -> Profile:
        """What ``text`` says about its own damage (see :class:`~ocrfix.document.Profile`)."""
        return self.explain_and_profile(text)[1]

    def explain_and_profile(self, text: str) -> tuple[Explanation, Profile]:
        """:meth:`explain` and :meth:`profile` in one run."""
        read: list[str] = []
        trace = self._run(text, read)
        explanation = Explanation(trace.text, trace.corrections())
        doc = read_document(read[0] if read else trace.text, self._ctx.lexicon)
        old = old_repairs(doc, explanation.corrections, self._ctx.lexicon)
        return explanation, doc.profile(self._damaged(text, trace.text), old)

    def _damaged(self, text: str, cleaned: str) -> float:
        """The share of the words of ``text`` that cleaning changed, or left unknown to every
        list (lower-case words of four or more letters: capitalized ones may be names)."""
        from rapidfuzz.distance import Levenshtein  # (only profiles need it)

        before, after = letter_runs(text), letter_runs(cleaned)
        if not before:
            return 0.0
        changed = sum(
            max(op.src_end - op.src_start, op.dest_end - op.dest_start)
            for op in Levenshtein.opcodes(before, after)
            if op.tag != "equal"
        )
        knows = self._ctx.corrector.knows
        unknown = sum(1 for w in after if len(w) >= 4 and w[0].islower() and not knows(w, {}))
        return round(min(1.0, (changed + unknown) / len(before)), 4)

    def _run(self, text: str, read: list[str] | None = None) -> Trace:
        """Run the steps on ``text``; ``read`` gets the text the words step read first."""
        if not isinstance(text, str):
            raise TypeError(_not_text(text))
        trace = Trace(text)
        if not text:
            return trace  # nothing to do, and no dictionary to load for it
        version = 0  # how often the text has changed
        left: dict[str, int] = {}  # the version each step left: while it lasts, the step has nothing to do
        for _ in range(MAX_ROUNDS):
            start = version
            for step in self._steps:
                if left.get(step.name) == version:
                    continue
                before = trace.text
                if read is not None and step.name == "words" and not read:
                    read.append(before)
                trace.apply(step.run(before, self._ctx))
                if trace.text != before:
                    version += 1
                    if step.again is not None and step.again(before, trace.text, self._ctx):
                        continue  # not left: it runs again in the next round
                left[step.name] = version
            if version == start:
                break
        return trace

    def clean_many(self, texts: Iterable[str], workers: int = 1, chunksize: int = 64) -> Iterator[str]:
        """Clean ``texts`` lazily, in input order; see :mod:`ocrfix.parallel`."""
        from .parallel import clean_many

        return clean_many(self, texts, workers=workers, chunksize=chunksize)

    def explain_many(self, texts: Iterable[str], workers: int = 1, chunksize: int = 64) -> Iterator[Explanation]:
        """Explain ``texts`` lazily, in input order; see :mod:`ocrfix.parallel`."""
        from .parallel import explain_many

        return explain_many(self, texts, workers=workers, chunksize=chunksize)


def _config(config: object, options: dict[str, Any]) -> Config:
    """The options of a :class:`Cleaner`: ``config``, or else the keyword ``options``."""
    if config is None:
        return Config(**options)
    if isinstance(config, str):  # Cleaner("de_CH")
        raise TypeError(f"Cleaner takes its options as keywords: Cleaner(variant={config!r})")
    if not isinstance(config, Config):
        raise TypeError(f"config must be a Config, not {type(config).__name__}")
    changed = [name for name, value in options.items() if value != DEFAULTS[name]]
    if changed:  # which of the two was meant to win is not clear
        raise TypeError(f"Cleaner takes a Config or options, not both: Cleaner(config.replace({changed[0]}=...))")
    return config


def _not_text(value: object) -> str:
    """Why ``value`` cannot be cleaned, in the terms of what it is."""
    kind = type(value).__name__
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"ocrfix cleans str, not {kind}; decode it first (data.decode('utf-8'), say)"
    if value is None:
        return "ocrfix cleans str, not None"
    if isinstance(value, Iterable):
        return f"ocrfix cleans one str, not a {kind}; clean_many() cleans many texts"
    return f"ocrfix cleans str, not {kind}"
