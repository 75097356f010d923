"""Keep track of what the steps changed, in the coordinates of the original input.

Each step proposes :class:`~ocrfix.result.Edit` objects on its own input.  A
:class:`Trace` applies them and keeps a sorted list of spans that map the
current text back to the original, so that :func:`ocrfix.explain` can report
every change with input offsets.  Edits that touch a span changed by an earlier
step are merged with it into one span; the work is linear in the number of
spans and edits.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

from .result import Correction, Edit, join_rules


class _Span(NamedTuple):
    o_start: int  # original coordinates
    o_end: int
    c_start: int  # current coordinates
    c_end: int
    rule: str
    confidence: float


def _conflict(a: int, b: int, c: int, d: int) -> bool:
    """Do [a, b) and [c, d) overlap, counting an empty one touching the other?"""
    if a < d and c < b:
        return True
    return (a == b and c <= a <= d) or (c == d and a <= c <= b)


class Trace:
    """The original text, the current text and the spans between them."""

    __slots__ = ("original", "text", "_spans")

    def __init__(self, text: str) -> None:
        self.original = text
        self.text = text
        self._spans: list[_Span] = []

    def apply(self, edits: Sequence[Edit]) -> None:
        """Apply ``edits`` (sorted, non-overlapping, on the current text)."""
        if not edits:
            return
        cur, spans = self.text, self._spans
        out_text: list[str] = []
        new_spans: list[_Span] = []
        pos = 0  # next current position not yet copied to out_text
        shift = 0  # new position - current position, for what is already copied
        delta = 0  # original position - current position, after the last span passed
        si, ei, n_s, n_e = 0, 0, len(spans), len(edits)

        def pass_span(s: _Span) -> None:
            nonlocal delta
            new_spans.append(s._replace(c_start=s.c_start + shift, c_end=s.c_end + shift))
            delta = s.o_end - s.c_end

        while ei < n_e:
            e = edits[ei]
            while si < n_s and spans[si].c_end <= e.start and not _conflict(
                spans[si].c_start, spans[si].c_end, e.start, e.end
            ):
                pass_span(spans[si])
                si += 1
            # a cluster: this edit, and all spans and edits that overlap it
            lo, hi = e.start, e.end
            c_edits: list[Edit] = []
            c_spans: list[_Span] = []
            grew = True
            while grew:
                grew = False
                while ei < n_e and (not c_edits or _conflict(lo, hi, edits[ei].start, edits[ei].end)):
                    ed = edits[ei]
                    c_edits.append(ed)
                    lo, hi = min(lo, ed.start), max(hi, ed.end)
                    ei += 1
                    grew = True
                while si < n_s and _conflict(lo, hi, spans[si].c_start, spans[si].c_end):
                    sp = spans[si]
                    c_spans.append(sp)
                    lo, hi = min(lo, sp.c_start), max(hi, sp.c_end)
                    si += 1
                    grew = True
            o_lo = lo + delta
            after = (c_spans[-1].o_end - c_spans[-1].c_end) if c_spans else delta
            o_hi = hi + after
            pieces, p = [], lo
            for ed in c_edits:
                pieces.append(cur[p : ed.start])
                pieces.append(ed.replacement)
                p = ed.end
            pieces.append(cur[p:hi])
            new_piece = "".join(pieces)
            out_text.append(cur[pos:lo])
            out_text.append(new_piece)
            new_lo = lo + shift
            shift += len(new_piece) - (hi - lo)
            pos = hi
            delta = after
            if new_piece != self.original[o_lo:o_hi]:
                rules = [s.rule for s in c_spans] + [ed.rule for ed in c_edits]
                conf = min([s.confidence for s in c_spans] + [ed.confidence for ed in c_edits])
                new_spans.append(
                    _Span(o_lo, o_hi, new_lo, new_lo + len(new_piece), join_rules(rules), conf)
                )
        while si < n_s:
            pass_span(spans[si])
            si += 1
        out_text.append(cur[pos:])
        self.text = "".join(out_text)
        self._spans = new_spans

    def corrections(self) -> tuple[Correction, ...]:
        orig, text = self.original, self.text
        return tuple(
            Correction(
                s.o_start,
                s.o_end,
                orig[s.o_start : s.o_end],
                text[s.c_start : s.c_end],
                s.rule,
                round(s.confidence, 3),
            )
            for s in self._spans
        )
