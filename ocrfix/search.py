"""Walk the confusion model along a sorted word list.

:func:`ocrfix.confusions.candidates` spells out everything a token may have
been, a hundred strings for a long word, and most of them are no word at all.
:func:`reachable` walks the token left to right instead and extends a
candidate only while some dictionary form still starts with it (a bisection
in a sorted list, narrowed step by step), so a token costs a few dozen short
lookups and yields only candidates that are forms, or compounds of two
common parts ("Erlaubnis|pflicht") where the caller asks for those.  Costs,
rules and limits are those of ``candidates``.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Iterable

import regex

from .confusions import CONFUSIONS, DOTS_GLYPHS, EPSILON, Bounds, Candidate, Usable, usable

# what a dropped glyph may have been (the confusions that restore one)
DROPPED = tuple(dict.fromkeys(c.meant for c in CONFUSIONS if not c.seen))
MIN_PART = 4  # both parts of a compound have this many letters (the head without its link)
LINKS = ("s", "es", "n", "en")  # what joins the parts: Erlaubnis|pflicht, Zeitung|s|artikel


class Prefixes:
    """Sorted strings, for asking which of them start with a growing prefix."""

    __slots__ = ("items", "_drops")

    def __init__(self, items: Iterable[str]) -> None:
        self.items = sorted(items)
        self._drops: dict[str, tuple[tuple[str, str, int], ...]] | None = None

    def __len__(self) -> int:
        return len(self.items)

    def with_items(self, extra: Iterable[str]) -> Prefixes:
        """These and ``extra`` (a few: each is inserted into a copy)."""
        out = Prefixes(())
        out.items = list(self.items)
        for item in extra:
            i = bisect_left(out.items, item)
            if i == len(out.items) or out.items[i] != item:
                out.items.insert(i, item)
        return out

    def drops(self, key: str) -> tuple[tuple[str, str, int], ...]:
        """The items that are ``key`` with one dropped glyph restored: (item, glyph, position)."""
        if self._drops is None:
            self._drops = _drop_index(self.items)
        return self._drops.get(key, ())


def _drop_index(items: list[str]) -> dict[str, tuple[tuple[str, str, int], ...]]:
    """Each item with one occurrence of a droppable glyph taken out, to the item."""
    index: dict[str, list[tuple[str, str, int]]] = {}
    text = "\n".join(items)  # one scan per glyph over all items, not a loop over the items
    for glyph in DROPPED:
        for m in regex.finditer(regex.escape(glyph), text):
            a = m.start()
            start = text.rfind("\n", 0, a) + 1
            end = text.find("\n", a)
            end = len(text) if end < 0 else end
            index.setdefault(text[start:a] + text[m.end() : end], []).append((text[start:end], glyph, a - start))
    return {k: tuple(v) for k, v in index.items()}


def first_lower(s: str) -> str:
    """The key of the sorted form list: the first letter folded ("Über" is found as "über")."""
    return s[:1].lower() + s[1:]


def reachable(
    word: str,
    forms: Prefixes,
    parts: Prefixes | None = None,
    part_set: frozenset[str] = frozenset(),
    bounds: Bounds = Bounds(),
) -> list[Candidate]:
    """The candidates of ``word`` (as :func:`~ocrfix.confusions.candidates` makes them)
    whose first-letter-folded form is in ``forms``, or, with ``parts``, that split into two
    lower-cased ``parts`` of four or more letters (with a linking s/es/n/en), cheapest first.
    ``part_set`` holds the same parts, for the head test.
    """
    subs, drops = usable(bounds)
    max_cost = bounds.max_cost + EPSILON
    keys = forms.items
    tails = parts.items if parts is not None else None
    n = len(word)
    out: dict[str, Candidate] = {}

    def emit(cand: str, cost: float, done: tuple[Usable, ...], at_start: bool, inserted: bool = False) -> None:
        old = out.get(cand)
        if old is None or cost < old.cost:
            out[cand] = Candidate(cand, cost, tuple(r.rule for r in done), at_start, inserted,
                                  any(r.listed_only for r in done))

    # A walk is at ``pos`` in the word with ``key`` built so far.  With ts < 0 the key is
    # a prefix of the forms keys[lo:hi]; with ts >= 0 it is a compound head key[:ts] and
    # key[ts:], lower-cased, a prefix of the parts tails[lo:hi].  ``done`` holds the
    # confusions applied, ``at_start`` whether the first was at position 0 (casing
    # follows the damage), ``first`` the candidate's first character as written.
    def walk(pos: int, key: str, lo: int, hi: int, ts: int, cost: float, done: tuple[Usable, ...],
             edits_left: int, at_start: bool, first: str) -> None:
        if pos == n:
            if done and (
                keys[lo] == key if ts < 0 else len(key) - ts >= MIN_PART and tails[lo] == key[ts:].lower()  # type: ignore[index]
            ):
                emit(first + key[1:], cost, done, at_start)
            return
        ch = word[pos]
        # the next steps: (characters read, text written, cost, confusion or None)
        steps = [(1, ch, cost, None)]
        if edits_left:
            for r in subs.get(ch, ()):
                if cost + r.cost <= max_cost and word.startswith(r.seen, pos):
                    steps.append((len(r.seen), r.meant, cost + r.cost, r))
        items = keys if ts < 0 else tails
        for read, s, c, r in steps:
            new = key + s if key else s[:1].lower() + s[1:]
            probe = new if ts < 0 else new[ts:].lower()
            i = bisect_left(items, probe, lo, hi)  # type: ignore[arg-type]
            if i < hi and items[i].startswith(probe):  # type: ignore[index]
                if r is None:
                    walk(pos + 1, new, i, hi, ts, c, done, edits_left, at_start, first or s)
                else:
                    walk(pos + read, new, i, hi, ts, c, done + (r,), edits_left - 1, at_start or pos == 0,
                         first or s[0])
        if tails is not None and ts < 0 and len(key) >= MIN_PART:
            # a compound: the key so far is a common part, the rest (after a link) another
            head = key.lower()
            if head in part_set:
                walk(pos, key, 0, len(tails), len(key), cost, done, edits_left, at_start, first)
                for link in LINKS:
                    if word.startswith(link, pos):
                        walk(pos + len(link), key + link, 0, len(tails), len(key) + len(link), cost, done,
                             edits_left, at_start, first)

    walk(0, "", 0, len(keys), -1, 0.0, (), bounds.max_edits, False, "")

    # a dropped glyph is restored alone, anywhere (at the end too: "Angri")
    if n >= 3 and drops:
        by_glyph = {r.meant: r for r in drops if n >= 4 or r.meant in DOTS_GLYPHS}
        for full, glyph, i in forms.drops(first_lower(word)):
            r = by_glyph.get(glyph)
            cand = word[:i] + glyph + word[i:]
            if r is not None and (i or first_lower(cand) == full):
                emit(cand, r.cost, (r,), False, True)
        if parts is not None:
            _restored_parts(word, parts, part_set, by_glyph, emit)
    return sorted(out.values(), key=lambda c: (c.cost, c.word))


def _restored_parts(word: str, parts: Prefixes, part_set: frozenset[str], by_glyph: dict[str, Usable], emit) -> None:
    """Compounds with a dropped ligature restored in one part ("Einuss|bereich")."""
    low = word.lower()
    n = len(low)
    if n != len(word):
        return  # lower-casing changed the length ("İ"): positions would not map back
    for j in range(1, n):
        head, tail = low[:j], low[j:]
        # in the tail: the head is a part (with a link)
        if len(head) >= MIN_PART and _is_head(head, part_set):
            for full, glyph, i in parts.drops(tail):
                r = by_glyph.get(glyph)
                if r is not None and r.rule == "ligature" and len(full) >= MIN_PART:
                    emit(word[: j + i] + glyph + word[j + i :], r.cost, (r,), False, True)
        # in the head: the tail is a part, the head (without a link) one once restored
        if len(tail) >= MIN_PART and tail in part_set:
            for link in ("",) + LINKS:
                if head.endswith(link):
                    for full, glyph, i in parts.drops(head[: len(head) - len(link)]):
                        r = by_glyph.get(glyph)
                        if r is not None and r.rule == "ligature" and len(full) >= MIN_PART:
                            emit(word[:i] + glyph + word[i:], r.cost, (r,), False, True)


def _is_head(head: str, part_set: frozenset[str]) -> bool:
    """Is ``head`` a common part, alone or with a linking s/es/n/en?"""
    if head in part_set:
        return True
    return any(
        head.endswith(link) and len(head) - len(link) >= MIN_PART and head[: -len(link)] in part_set for link in LINKS
    )
