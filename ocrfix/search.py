"""Walk the confusion model along a sorted word list.

:func:`ocrfix.confusions.candidates` spells out everything a token may have
been, a hundred strings for a long word, and most of them are no word at all.
:func:`reachable` walks the token left to right instead: one bisection in the
sorted forms says how far the token can go on unchanged while some form still
starts with it, and a confusion is followed only where the result is still the
start of a form.  The last possible edit looks the whole candidate up, and
restored dropped glyphs come from an index (``Prefixes.drops``).  So a token
costs a few dozen lookups and yields only candidates that are forms, or
compounds of two common parts ("Erlaubnis|pflicht") where the caller asks for
those.  Costs, rules and limits are those of ``candidates`` (tested).
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from typing import Callable, Container, Iterable, Iterator, Mapping

import regex

from .chardata import UNDOT
from .confusions import CONFUSIONS, EPSILON, Bounds, Candidate, Usable, drop_restorable, usable

# what a dropped glyph may have been (the confusions that restore one)
DROPPED = tuple(dict.fromkeys(c.meant for c in CONFUSIONS if not c.seen))
MIN_PART = 4  # both parts of a compound have this many letters (the head without its link)
LINKS = ("s", "es", "n", "en")  # what joins the parts: Erlaubnis|pflicht, Zeitung|s|artikel
WordSet = Mapping[str, None]
# what a replacement that adds dots reads, and means with its dots folded, and what others read (_dots_rule)
DotsRule = tuple[tuple[tuple[str, str], ...], tuple[str, ...]]


def word_set(words: Iterable[str]) -> WordSet:
    """A set of strings that the garbage collector need not look into.

    A dict whose keys and values are all strings or None is not tracked, and a tuple of
    strings stops being tracked at its first collection; a set or a list is traversed in
    every full collection, which made each of those cost 40 ms with the word lists loaded.
    So the large word sets are dicts (``in`` works the same) and sorted lists are tuples.
    """
    return dict.fromkeys(words)


class Prefixes:
    """Sorted strings, for asking which of them start with a growing prefix, and which
    are a given string with one dropped glyph restored.

    ``drops`` maps a string to its restorations as :func:`drop_index` writes them; it
    is made on first use unless given (the word list ships one, see
    ``dictionaries/build_index.py``).
    """

    __slots__ = ("items", "_drops", "_folded", "_undotted", "_chars")

    def __init__(
        self,
        items: Iterable[str],
        drops: Mapping[str, str] | None = None,
        presorted: bool = False,
        folded: WordSet | None = None,
        chars: Iterable[str] | None = None,
    ) -> None:
        self.items = tuple(items) if presorted else tuple(sorted(items))  # (a tuple: see word_set)
        self._drops = drops
        self._folded = folded  # the items with dots, without them (see folded_items)
        self._chars = None if chars is None else frozenset(chars)  # (see chars)
        # no_restored_dots by word and rule: a word is searched under several bounds, most
        # of which share the rule
        self._undotted: dict[tuple[str, tuple], bool] = {}

    def __len__(self) -> int:
        return len(self.items)

    def with_items(self, extra: Iterable[str]) -> Prefixes:
        """These and ``extra`` (a few: each is inserted into a copy)."""
        items = list(self.items)
        added = []
        for item in extra:
            i = bisect_left(items, item)
            if i == len(items) or items[i] != item:
                items.insert(i, item)
                added.append(item)
        drops, folded = self._drops, self._folded
        if added and drops is not None:
            drops = {**drops, **drop_index(added)}  # (the extra words are a handful of acronyms)
        if added and folded is not None:
            folded = {**folded, **folded_items(added)}
        return Prefixes(items, drops, presorted=True, folded=folded, chars=self.chars.union(*added))

    @property
    def chars(self) -> frozenset[str]:
        """The characters of the items (made on first use unless given: 0.1 s for the word list)."""
        if self._chars is None:
            self._chars = frozenset("".join(self.items))
        return self._chars

    def shared(self, key: str) -> int:
        """The length of the longest start of ``key`` that some item starts with."""
        items = self.items
        i = bisect_left(items, key)
        return max(_common(key, items[i]) if i < len(items) else 0, _common(key, items[i - 1]) if i else 0)

    def no_restored_dots(self, word: str, rule: DotsRule | None) -> bool:
        """Would the walk find nothing for ``word``?  True where the bounds allow
        replacements that add dots ("u" -> "ü") and a few others ("it" -> "ü"): their
        :func:`_dots_rule` ``rule``; and no item with dots folds to ``word`` with some
        of those few applied: every candidate would fold to one of these.  Most restore
        searches on valid words end here.
        """
        if rule is None:
            return False
        known = self._undotted.get((word, rule))
        if known is None:
            if len(self._undotted) >= MAX_UNDOTTED:
                self._undotted.clear()  # bounded, like the other caches
            known = self._undotted[word, rule] = self._no_dots_by(word, rule)
        return known

    def _no_dots_by(self, word: str, rule: DotsRule) -> bool:
        """:meth:`no_restored_dots` under the :func:`_dots_rule` ``rule``."""
        anywhere, after_first = rule
        if any(s in word[1:] for s in after_first):
            return False
        variants = _applied(word, anywhere)
        if variants is None:
            return False
        if self._folded is None:
            self._folded = folded_items(self.items)
        folded = self._folded
        return not any(first_lower(v).translate(UNDOT) in folded for v in variants)

    def folds_to(self, key: str) -> bool:
        """Is ``key`` an item with its dots taken off ("fur" for "für")?"""
        if self._folded is None:
            self._folded = folded_items(self.items)
        return key in self._folded

    def drops(self, key: str) -> tuple[tuple[str, str, int], ...]:
        """The items that are ``key`` with one dropped glyph restored: (item, glyph, position)."""
        if self._drops is None:
            self._drops = drop_index(self.items)
        raw = self._drops.get(key)
        if raw is None:
            return ()
        return tuple((item, glyph, int(pos)) for item, glyph, pos in map(str.split, raw.split("\t")))


MAX_UNDOTTED = 1 << 16


def folded_items(items: Iterable[str]) -> WordSet:
    """The items that have ä/ö/ü, with those folded to a/o/u."""
    return word_set(f for i in items if (f := i.translate(UNDOT)) != i)


def drop_index(items: Iterable[str]) -> dict[str, str]:
    """Each item with one occurrence of a droppable glyph taken out, to its restorations:
    "item glyph position" entries joined by tabs (parsed when asked for: most never are)."""
    index: dict[str, list[str]] = {}
    text = "\n".join(items)  # one scan per glyph over all items, not a loop over the items
    for glyph in DROPPED:
        for m in regex.finditer(regex.escape(glyph), text):
            a = m.start()
            start = text.rfind("\n", 0, a) + 1
            end = text.find("\n", a)
            end = len(text) if end < 0 else end
            index.setdefault(text[start:a] + text[m.end() : end], []).append(f"{text[start:end]} {glyph} {a - start}")
    return {k: "\t".join(v) for k, v in index.items()}


def _dots_rule(by_first: dict[str, tuple[Usable, ...]]) -> DotsRule | None:
    """For bounds whose replacements (``by_first``, see :func:`~ocrfix.confusions.usable`) add
    dots to a letter ("u" -> "ü", "U" -> "Ü"), except for a few: those few (what they read,
    and what they mean with the dots folded: "it" -> "u"), and what the ones that also change
    the case read ("U" -> "ü": harmless on the first letter, which is folded).  None if most
    replacements are of another kind."""
    subs = [u for us in by_first.values() for u in us]
    plain = [u for u in subs if len(u.seen) == 1 and u.meant.translate(UNDOT) == u.seen]
    if len(plain) * 2 < len(subs):
        return None
    case_only = [u for u in subs if len(u.seen) == 1 and u.meant.translate(UNDOT).lower() == u.seen.lower()]
    anywhere = sorted({(u.seen, u.meant.translate(UNDOT)) for u in subs if u not in plain and u not in case_only})
    return tuple(anywhere), tuple(sorted({u.seen for u in case_only if u not in plain}))


MAX_APPLIED = 4  # more places than this for the few: walk instead


def _applied(s: str, replacements: tuple[tuple[str, str], ...]) -> set[str] | None:
    """``s`` with any of ``replacements`` applied at any places that do not overlap;
    None if they match at more than MAX_APPLIED places."""
    places = sorted((i, seen, meant) for seen, meant in replacements for i in _find_all(s, seen))
    if len(places) > MAX_APPLIED:
        return None
    out = {s}

    def apply(k: int, done: str, pos: int) -> None:  # ``done``: s[:pos] with some applied
        for j in range(k, len(places)):
            i, seen, meant = places[j]
            if i >= pos:
                new = done + s[pos:i] + meant
                out.add(new + s[i + len(seen) :])
                apply(j + 1, new, i + len(seen))

    apply(0, "", 0)
    del apply  # (a recursive closure is a reference cycle: see reachable)
    return out


def _find_all(s: str, sub: str) -> Iterator[int]:
    i = s.find(sub)
    while i >= 0:
        yield i
        i = s.find(sub, i + 1)


_NONE: tuple[tuple[Usable, ...], tuple[Usable, ...]] = ((), ())


class _Tables:
    """What a search needs of its bounds, worked out once for each (a search hashes its
    Bounds, a tuple of some thirty numbers, once, not for each of these):

    ``by_char``, the replacements by the first character they read: those that read one
    character (they match wherever it stands) and the longer ones; ``cheapest``, the cost of
    the cheapest one (a walk that cannot pay it only copies the rest of the word); ``drops``,
    the dropped glyphs the bounds restore, and ``by_glyph[n]`` those they restore in a word
    of ``n`` letters (2, 3 or 4: four or more) by glyph (see
    :func:`~ocrfix.confusions.drop_restorable`); ``dots_rule``, see :func:`_dots_rule`.
    """

    __slots__ = ("by_char", "by_glyph", "cheapest", "dots_rule", "drops")

    def __init__(self, bounds: Bounds) -> None:
        subs, self.drops = usable(bounds)
        self.by_char = {c: (tuple(u for u in us if len(u.seen) == 1), tuple(u for u in us if len(u.seen) > 1))
                        for c, us in subs.items()}
        self.cheapest = min((u.cost for us in subs.values() for u in us), default=float("inf"))
        self.by_glyph = {n: {r.meant: r for r in self.drops if drop_restorable(r.meant, n, bounds)} for n in (2, 3, 4)}
        self.dots_rule = _dots_rule(subs)


@functools.lru_cache(maxsize=1024)
def _tables(bounds: Bounds) -> _Tables:
    """The tables of ``bounds`` (cached: a run meets a few hundred bounds)."""
    return _Tables(bounds)


def _common(a: str, b: str) -> int:
    """The length of the common prefix of ``a`` and ``b``."""
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def first_lower(s: str) -> str:
    """The key of the sorted form list: the first letter folded ("Über" is found as "über")."""
    return s if s[:1].islower() else s[:1].lower() + s[1:]  # (a lower-case letter lowers to itself)


def reachable(
    word: str,
    forms: Prefixes,
    parts: Prefixes | None = None,
    part_set: Container[str] = frozenset(),
    bounds: Bounds = Bounds(),
) -> list[Candidate]:
    """The candidates of ``word`` (as :func:`~ocrfix.confusions.candidates` makes them)
    whose first-letter-folded form is in ``forms``, or, with ``parts``, that split into two
    lower-cased ``parts`` of four or more letters (with a linking s/es/n/en), cheapest first.
    ``part_set`` holds the same parts, for the head test.
    """
    tables = _tables(bounds)
    restorations = forms.drops(first_lower(word))  # (a dict lookup: most words have none)
    nothing_to_walk = parts is None and forms.no_restored_dots(word, tables.dots_rule)
    if nothing_to_walk and not restorations:
        return []  # most restore searches on valid words
    drops = tables.drops
    max_cost = bounds.max_cost + EPSILON
    cheapest = tables.cheapest
    keys = forms.items
    tails = parts.items if parts is not None else ()  # empty: no compounds
    n = len(word)
    out: dict[str, Candidate] = {}
    # (filled before the walk: the replacements that match at each place of the word,
    # and where its own start, with no edit before, is a compound part)
    at: list[tuple[Usable, ...]] = []
    plain_heads: list[bool] = []

    def emit(cand: str, cost: float, done: tuple[Usable, ...], at_start: bool, inserted: bool = False) -> None:
        old = out.get(cand)
        if old is None or cost < old.cost:
            out[cand] = Candidate(cand, cost, tuple(r.rule for r in done), at_start, inserted,
                                  any(r.listed_only for r in done), any(r.restores for r in done),
                                  sum(r.shape for r in done), any(r.shown for r in done))

    # A walk is at ``pos`` in the word with ``key`` built so far.  With ts < 0 the key is
    # a prefix of the forms keys[lo:hi]; with ts >= 0 it is a compound head key[:ts] and
    # key[ts:], lower-cased, a prefix of the parts tails[lo:hi].  ``done`` holds the
    # confusions applied, ``at_start`` whether the first was at position 0 (casing
    # follows the damage), ``first`` the candidate's first character as written.
    def walk(pos: int, key: str, lo: int, hi: int, ts: int, cost: float, done: tuple[Usable, ...],
             edits_left: int, at_start: bool, first: str) -> None:
        items = keys if ts < 0 else tails
        # How far the rest of the word can follow unchanged while some item still starts
        # with it: one bisection, and the common prefix with the items on either side.
        rest = word[pos:]
        if ts < 0:
            probe = key + rest if key else first_lower(rest)
        else:
            probe = (key[ts:] + rest).lower()
        i = bisect_left(items, probe, lo, hi)
        if i < hi and items[i].startswith(probe):
            reach = len(rest)  # all of it (the common case: a word, or a word's start)
        else:  # (one of the two shares the key: the walk got here)
            shared = max(_common(probe, items[i]) if i < hi else 0, _common(probe, items[i - 1]) if i > lo else 0)
            reach = shared - (len(probe) - len(rest))
        if reach == len(rest) and done and items[i] == probe and (ts < 0 or len(probe) >= MIN_PART):
            emit((first or rest[0]) + (key + rest)[1:], cost, done, at_start)
        can_edit = edits_left and cost + cheapest <= max_cost
        fork = bool(tails) and ts < 0
        if not (can_edit or fork):
            return
        head_from = pos + MIN_PART - len(key)  # where a compound head may end
        for q in range(pos, min(pos + reach, n - 1) + 1):  # the places an edit may start
            options = at[q] if can_edit else ()
            if not (options or (fork and q >= head_from)):
                continue
            cur = key + word[pos:q] if key else first_lower(word[pos:q])
            if options:
                for r in options:
                    then = cost + r.cost  # (the cost with this edit, summed once)
                    if then <= max_cost:
                        if edits_left == 1 or then + cheapest > max_cost:
                            # the last edit: the rest follows as it is, look the whole word up
                            # (where compounds may do, as a compound too)
                            after = r.meant + word[q + len(r.seen) :]
                            full = cur + after if cur else first_lower(after)
                            if ts < 0:
                                j = bisect_left(keys, full, lo, hi)
                                found = (j < hi and keys[j] == full) or (fork and two_parts(full.lower(), part_set))
                            else:
                                tail = full[ts:].lower()
                                j = bisect_left(tails, tail, lo, hi)
                                found = len(tail) >= MIN_PART and j < hi and tails[j] == tail
                            if found:
                                first_char = first or (word[0] if q else r.meant[0])
                                emit(first_char + full[1:], then, done + (r,), at_start or q == 0)
                            continue
                        new = cur + r.meant if cur else first_lower(r.meant)
                        p = new if ts < 0 else new[ts:].lower()
                        j = bisect_left(items, p, lo, hi)
                        if j < hi and items[j].startswith(p):
                            walk(q + len(r.seen), new, j, hi, ts, then, done + (r,), edits_left - 1,
                                 at_start or q == 0, first or (word[0] if q else r.meant[0]))
            if fork and q >= head_from and (plain_heads[q] if not done else cur.lower() in part_set):
                # a compound: the key so far is a common part, the rest (after a link) another
                first_char = first or word[0]
                walk(q, cur, 0, len(tails), len(cur), cost, done, edits_left, at_start, first_char)
                for link in LINKS:
                    if word.startswith(link, q):
                        ts2 = len(cur) + len(link)
                        walk(q + len(link), cur + link, 0, len(tails), ts2, cost, done, edits_left, at_start, first_char)

    if not nothing_to_walk:
        by_char = tables.by_char
        for q, c in enumerate(word):
            singles, longer = by_char.get(c, _NONE)
            at.append(singles + tuple([r for r in longer if word.startswith(r.seen, q)]) if longer else singles)
        plain_heads[:] = [word[:q].lower() in part_set for q in range(n)] if tails else []
        walk(0, "", 0, len(keys), -1, 0.0, (), bounds.max_edits, False, "")
    # A recursive closure refers to itself through its cell: emptied, the closures and what
    # they hold go at once, where else the garbage collector would have to find them, many
    # times per document (and as the young collections run more often, the full ones, which
    # visit every cached decision, run more often too).
    del walk

    # a dropped glyph is restored alone, anywhere (at the end too: "Angri")
    if n >= 2 and drops:
        by_glyph = tables.by_glyph[min(n, 4)]
        for full, glyph, i in restorations:
            r = by_glyph.get(glyph)
            cand = word[:i] + glyph + word[i:]
            if r is not None and (i or first_lower(cand) == full):
                emit(cand, r.cost, (r,), False, True)
        if parts is not None:
            _restored_parts(word, parts, part_set, by_glyph, emit)
    return sorted(out.values(), key=lambda c: (c.cost, c.word))


def _restored_parts(
    word: str, parts: Prefixes, part_set: Container[str], by_glyph: dict[str, Usable], emit: Callable[..., None]
) -> None:
    """Compounds with a dropped ligature restored in one part ("Einuss|bereich")."""
    low = word.lower()
    n = len(low)
    if n != len(word):
        return  # lower-casing changed the length ("İ"): positions would not map back
    for j in range(1, n):
        head, tail = low[:j], low[j:]
        # in the tail: the head is a part (with a link)
        if len(head) >= MIN_PART and is_head(head, part_set):
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


def two_parts(low: str, part_set: Container[str]) -> bool:
    """Is ``low`` (lower-cased) a head (with a link) and a tail of ``part_set``, of four or
    more letters each?"""
    for i in range(MIN_PART, len(low) - MIN_PART + 1):  # (a loop: the search asks this of most candidates)
        if low[i:] in part_set and is_head(low[:i], part_set):
            return True
    return False


def is_head(head: str, part_set: Container[str]) -> bool:
    """Is ``head`` a common part, alone or with a linking s/es/n/en?"""
    if head in part_set:
        return True
    for link in LINKS:
        if head.endswith(link) and len(head) - len(link) >= MIN_PART and head[: -len(link)] in part_set:
            return True
    return False
