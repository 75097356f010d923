"""A word-level diff of what :func:`ocrfix.explain` changed, one line of output per changed line.

>>> from ocrfix import Correction
>>> text = "Kein Fehler.\\nEin groBes Fest im Friihjahr."
>>> fixes = [Correction(17, 23, "groBes", "großes", "eszett", 0.9),
...          Correction(32, 41, "Friihjahr", "Frühjahr", "umlaut", 0.9)]
>>> for line, rendering in diff_lines(text, fixes):
...     print(line, rendering)
2 Ein [-groBes-]{+großes+} Fest im [-Friihjahr-]{+Frühjahr+}.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Iterator, Sequence

from .result import Correction, replay

RED, GREEN, RESET = "\x1b[31m", "\x1b[32m", "\x1b[0m"
ROOM = 40  # unchanged text kept on either side of a change; the rest is shortened to "…"


def diff_lines(text: str, corrections: Sequence[Correction], color: bool = False) -> Iterator[tuple[int, str]]:
    """(line number, rendering) of each changed line of ``text``: the changed words marked, the rest shortened.

    The words a correction touches are shown whole, as ``[-old-]{+new+}``, or in
    red and green with ``color``.  Line breaks inside a change show as "↵" and
    invisible characters by their code point.
    """
    old, new = (f"{RED}{{}}{RESET}", f"{GREEN}{{}}{RESET}") if color else ("[-{}-]", "{{+{}+}}")
    line, counted = 1, 0
    for group in _by_line(text, _hunks(text, corrections)):
        begin = text.rfind("\n", 0, group[0][0]) + 1
        line += text.count("\n", counted, begin)
        counted = begin
        parts, pos = [], begin
        for k, (s, e, replacement) in enumerate(group):
            parts.append(_visible(_shorten(text[pos:s], keep_left=k > 0, keep_right=True)))
            if text[s:e]:
                parts.append(old.format(_visible(text[s:e])))
            if replacement:
                parts.append(new.format(_visible(replacement)))
            pos = e
        parts.append(_visible(_shorten(text[pos : _line_end(text, pos)], keep_left=True, keep_right=False)))
        yield line, "".join(parts)


def _hunks(text: str, corrections: Sequence[Correction]) -> list[tuple[int, int, str]]:
    """The corrections widened to whole words and merged: (start, end, replacement)."""
    hunks: list[tuple[int, int, list[Correction]]] = []
    for c in corrections:
        start, end = c.start, c.end
        while start > 0 and _wordish(text[start - 1]):
            start -= 1
        while end < len(text) and _wordish(text[end]):
            end += 1
        if hunks and start <= hunks[-1][1]:
            s, e, cs = hunks[-1]
            hunks[-1] = (s, max(e, end), cs + [c])
        else:
            hunks.append((start, end, [c]))
    out = []
    for s, e, cs in hunks:
        shifted = [dataclasses.replace(c, start=c.start - s, end=c.end - s) for c in cs]
        out.append((s, e, replay(text[s:e], shifted)))
    return out


def _by_line(text: str, hunks: list[tuple[int, int, str]]) -> Iterator[list[tuple[int, int, str]]]:
    """The hunks grouped by the line they start on (a hunk that spans lines takes the next ones along)."""
    group: list[tuple[int, int, str]] = []
    for hunk in hunks:
        if group and hunk[0] > _line_end(text, group[-1][1]):
            yield group
            group = []
        group.append(hunk)
    if group:
        yield group


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _wordish(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM" or ch in "¨´`"


def _visible(s: str) -> str:
    out = []
    for ch in s:
        if ch == "\n":
            out.append("↵")
        elif ch == "\t" or ch == " " or unicodedata.category(ch)[0] not in "CZ":
            out.append(ch)
        elif ch != "\r":
            out.append(f"<U+{ord(ch):04X}>")
    return "".join(out)


def _shorten(s: str, keep_left: bool, keep_right: bool, room: int = ROOM) -> str:
    if len(s) <= 2 * room:
        return s
    if keep_left and keep_right:
        return s[:room] + "…" + s[-room:]
    return s[:room] + "…" if keep_left else "…" + s[-room:]
