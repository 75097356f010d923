"""The OCR confusion model: what OCR reads for what was printed, and at what cost.

Costs are relative weights, lower for the confusions OCR makes most often
(an English model reads "ü" as "ii" far more often than as "G").  A candidate
is the token with some of these replacements applied; its cost is the sum of
theirs.  The rule of each entry is the name :func:`ocrfix.explain` reports.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple, TypeVar


class Confusion(NamedTuple):
    seen: str  # what OCR produced ("" when a glyph was dropped)
    meant: str  # what was printed
    cost: float
    rule: str
    # True where only dots or ß are lost or added and the letter shapes give no
    # evidence ("fur" for "für"), or for readings only an English model makes of
    # common letters ("frith"): how likely that is depends on the document (see
    # ``correct.Mode``).
    dots: bool = False
    # True where the result must be a listed word, not just any compound hunspell
    # accepts: taking dots away from a name ("Wehrschütz") often leaves one; and for
    # a rare reading, which never changes a word a list knows ("Dag" is no "Daß").
    listed_only: bool = False
    # True for a reading only some faces make, used only where the document shows it: in
    # words that no list knows and that it alone makes common listed words (see
    # ``document.Key.readings``).  Such a reading is listed_only too.
    shown: bool = False

    @property
    def channel(self) -> int:
        """The index in a :data:`Costs` tuple: that of the letter this confusion restores (ä,
        ö, ü or ß), LIGATURE for a dropped ligature, ACRONYM for "Kl" read for "KI", else
        OTHER (letter shapes, and umlauts a German model sees where there are none)."""
        letter = self.meant.lower()
        if self.rule == "ligature":
            return LIGATURE
        if self.rule == "acronym":
            return ACRONYM
        if self.rule in RESTORE_RULES and letter[:1] in CHANNELS and letter[1:] in ("", "ß"):
            return CHANNELS.index(letter[0])  # (a dotted letter and its ß: the dots' channel)
        return OTHER


# fmt: off
CONFUSIONS: tuple[Confusion, ...] = (
    # ü: English-model OCR has no ü and reads it as the nearest Latin shapes
    Confusion("ii", "ü", 0.25, "umlaut"),           # Fiihrung
    Confusion("u", "ü", 0.3, "umlaut", True),       # fur: the dots lost
    Confusion("U", "Ü", 0.15, "umlaut", True),      # Uber
    Confusion("U", "ü", 0.35, "umlaut", True),      # Uber mid-sentence: the capital was the damage
    Confusion("li", "ü", 0.55, "umlaut"),           # Flihrung
    Confusion("ll", "ü", 0.5, "umlaut"),            # fllhrt
    Confusion("il", "ü", 0.6, "umlaut"),            # Bilhnenbild
    Confusion("ti", "ü", 0.35, "umlaut"),           # zurtick
    Confusion("it", "ü", 0.6, "umlaut", True),      # frith (only where umlauts are lost)
    Confusion("i", "ü", 0.35, "umlaut"),            # Fihrung
    Confusion("l", "ü", 0.55, "umlaut"),            # flr
    Confusion("t", "ü", 0.5, "umlaut"),
    Confusion("G", "ü", 0.55, "umlaut"),            # Gber
    Confusion("G", "Ü", 0.7, "umlaut"),
    Confusion("a", "ü", 0.55, "umlaut"),            # fanf
    Confusion("d", "ü", 0.6, "umlaut"),             # fdr
    Confusion("ui", "ü", 0.5, "umlaut"),            # gedruickt
    Confusion("iu", "ü", 0.5, "umlaut"),            # bemiuht
    Confusion("iti", "ü", 0.6, "umlaut"),           # Kitihlschranke
    # (rarer readings, 3 or 4 cases each: costs as their rate, about 0.3 %, would estimate them)
    Confusion("di", "ü", 0.65, "umlaut"),           # dibrigens
    Confusion("ut", "ü", 0.65, "umlaut"),           # hinutber
    Confusion("O", "ü", 0.65, "umlaut", listed_only=True),  # AtlantikkOste
    Confusion("uU", "ü", 0.5, "umlaut"),            # StadtgruUndung: the letter and its dots apart
    Confusion("Uu", "ü", 0.5, "umlaut"),            # KUusse
    Confusion("Ui", "ü", 0.5, "umlaut"),            # BUicher, Uibrigen
    Confusion("ul", "ü", 0.55, "umlaut", listed_only=True),  # fulhrte: the dots read as an l beside it
    Confusion("", "ü", 0.9, "umlaut", True),        # fr: the letter dropped
    # ö
    Confusion("é", "ö", 0.25, "umlaut"),            # kénnten
    Confusion("6", "ö", 0.35, "umlaut"),            # er6ffnete
    Confusion("o", "ö", 0.25, "umlaut", True),      # Moglichkeit
    Confusion("O", "Ö", 0.15, "umlaut", True),      # Osterreich
    Confusion("O", "ö", 0.5, "umlaut", True),       # Osterreichischen mid-sentence
    Confusion("d", "ö", 0.4, "umlaut"),             # erhdht
    Confusion("do", "ö", 0.6, "umlaut"),            # Niederdosterreich
    Confusion("dé", "ö", 0.4, "umlaut"),
    Confusion("oé", "ö", 0.5, "umlaut"),            # koénnen
    Confusion("6é", "ö", 0.55, "umlaut"),           # K6érper
    Confusion("o6", "ö", 0.5, "umlaut"),            # Ko6nig
    Confusion("G6", "ö", 0.55, "umlaut"),           # hG6ren
    Confusion("G", "ö", 0.5, "umlaut"),             # HGhe
    Confusion("S", "ö", 0.65, "umlaut", listed_only=True),  # Sffentlich
    Confusion("i", "ö", 0.45, "umlaut"),
    # (some faces, benchmarks/devsets.py READING_FONTS and the dev fonts, read ö as a: rare, so
    # only where the text lost its dots and towards a listed word; costly, so that a for ä, far
    # more often the reading, wins where both make words: "Wartern" is "Wärtern", no "Wörtern")
    Confusion("a", "ö", 0.75, "umlaut", True, listed_only=True),  # Kanigin
    Confusion("ó", "ö", 0.3, "umlaut"),
    Confusion("è", "ö", 0.4, "umlaut"),
    Confusion("", "ö", 0.55, "umlaut", True),       # mchte
    # ä
    Confusion("éa", "ä", 0.2, "umlaut"),            # Abhéangigkeit
    Confusion("é", "ä", 0.6, "umlaut"),
    Confusion("a", "ä", 0.15, "umlaut", True),      # erklarte
    Confusion("A", "Ä", 0.15, "umlaut", True),      # Arzte
    Confusion("A", "ä", 0.45, "umlaut", True),
    Confusion("ii", "ä", 0.45, "umlaut"),           # spiiter
    Confusion("dé", "ä", 0.6, "umlaut"),            # Kursdénderungen
    Confusion("ia", "ä", 0.4, "umlaut"),            # erkliarte
    Confusion("ai", "ä", 0.6, "umlaut"),            # Waihrend
    Confusion("aé", "ä", 0.6, "umlaut"),            # Haéuptling
    Confusion("da", "ä", 0.6, "umlaut"),            # Gebdaudes
    Confusion("di", "ä", 0.65, "umlaut"),           # Verdinderung
    Confusion("ad", "ä", 0.65, "umlaut"),           # zunadchst
    Confusion("ti", "ä", 0.6, "umlaut", True),      # Zuntichst (only where umlauts are lost)
    Confusion("d", "ä", 0.5, "umlaut"),             # Kapazitdt
    Confusion("i", "ä", 0.45, "umlaut"),            # jihrige
    Confusion("4", "ä", 0.5, "umlaut"),             # 4uSerst
    Confusion("G", "ä", 0.55, "umlaut"),            # NGhe (as G for ü and ö)
    Confusion("á", "ä", 0.3, "umlaut"),
    Confusion("à", "ä", 0.3, "umlaut"),
    Confusion("", "ä", 0.9, "umlaut", True),        # rumen
    # umlauts a German model sees where there are none
    Confusion("ä", "a", 0.7, "umlaut", listed_only=True),  # Orgänisation
    Confusion("ö", "o", 0.6, "umlaut", listed_only=True),
    Confusion("ü", "u", 0.6, "umlaut", listed_only=True),
    Confusion("ü", "ä", 0.7, "umlaut"),             # betüubt
    Confusion("ü", "a", 0.6, "umlaut", listed_only=True),  # Donnerstüg
    Confusion("ä", "ü", 0.7, "umlaut"),
    # ß
    Confusion("B", "ß", 0.25, "eszett"),            # groBes
    Confusion("BB", "ß", 0.2, "eszett"),            # groBBes
    Confusion("®B", "ß", 0.4, "eszett"),            # da®B: two readings of one ß (too rare to estimate)
    Confusion("B&", "ß", 0.45, "eszett"),           # muB&te
    Confusion("f&S", "ß", 0.5, "eszett"),           # weif&Sen
    Confusion("8", "ß", 0.4, "eszett"),             # gro8ten
    Confusion("&", "ß", 0.35, "eszett"),            # gro&en
    Confusion("f{", "ß", 0.25, "eszett"),           # grof{en
    Confusion("f}", "ß", 0.25, "eszett"),           # daf}: as f{, at a word's end
    Confusion("f&", "ß", 0.45, "eszett"),           # daf&: an f and a fragment of the ß
    Confusion("f§", "ß", 0.5, "eszett"),            # laf§
    Confusion("f®", "ß", 0.5, "eszett"),            # daf®: as f§ (too rare in the data to estimate)
    Confusion("f$", "ß", 0.5, "eszett"),            # grof$en: as f§
    # (the ß's own shape read as a sign, with no f before it: the estimate fonts never do; as f§)
    Confusion("§", "ß", 0.5, "eszett"),             # mu§, Stra§e
    Confusion("$", "ß", 0.5, "eszett"),             # Landstra$e
    Confusion("f8", "ß", 0.55, "eszett"),           # gewif8
    Confusion("f3", "ß", 0.5, "eszett"),            # daf3: as f8 (too rare in the data to estimate)
    Confusion("fB", "ß", 0.5, "eszett"),            # mutmafBlicher: as f8 (too rare in the data to estimate)
    Confusion("fR", "ß", 0.5, "eszett"),            # weifR: as fB
    Confusion("fg", "ß", 0.55, "eszett"),           # dafg
    Confusion("{", "ß", 0.3, "eszett"),
    Confusion("}", "ß", 0.3, "eszett"),             # wei}: at a word's end, as {
    Confusion("3", "ß", 0.4, "eszett"),
    Confusion("6", "ß", 0.45, "eszett"),            # mu6, sto6t: reading faces only (rd*), as 8 and 3
    Confusion("@", "ß", 0.4, "eszett"),             # hei@t
    Confusion("®", "ß", 0.5, "eszett"),
    Confusion("R", "ß", 0.5, "eszett"),             # groRen
    Confusion("S", "ß", 0.55, "eszett"),            # drauSen
    Confusion("G", "ß", 0.5, "eszett"),             # mutmaGliche
    Confusion("g", "ß", 0.55, "eszett", listed_only=True),  # Strage
    # (the English model's rarer readings, 2 or 3 cases each in the estimate fonts: costs by the
    # formula below; not where the text keeps its ß, and only towards a listed word)
    Confusion("b", "ß", 0.6, "eszett", True, listed_only=True),   # mub
    Confusion("k", "ß", 0.65, "eszett", True, listed_only=True),  # Grokteil
    Confusion("fS", "ß", 0.5, "eszett"),
    Confusion("fi", "ß", 0.6, "eszett"),            # Mafinahmen
    # an umlaut and the ß after it read as the plain vowel alone ("grote" for "größte")
    Confusion("a", "äß", 0.6, "umlaut"),            # gema
    Confusion("o", "öß", 0.6, "umlaut"),            # grote
    Confusion("u", "üß", 0.6, "umlaut"),            # Fue
    Confusion("f", "ß", 0.3, "eszett"),             # grofen
    Confusion("fs", "ß", 0.5, "eszett"),
    Confusion("ft", "ß", 0.8, "eszett"),            # daft
    Confusion("", "ß", 0.35, "eszett", True),       # Fuball: the glyph dropped
    # ligatures whose glyph had no Unicode mapping and was dropped
    Confusion("", "fi", 0.5, "ligature"),           # ndet
    Confusion("", "fl", 0.5, "ligature"),           # Einuss
    Confusion("", "ff", 0.5, "ligature"),
    Confusion("", "ffi", 0.6, "ligature"),
    Confusion("", "ffl", 0.6, "ligature"),
    # letter shapes
    Confusion("l", "I", 0.55, "acronym"),           # Kl -> KI (only towards listed acronyms)
    Confusion("I", "l", 0.5, "letters"),
    Confusion("t", "I", 0.5, "letters"),            # thr for Ihr
    Confusion("T", "I", 0.6, "letters"),            # Thr
    Confusion("i", "I", 0.5, "letters"),            # interaktion: the capital's stroke read with a dot
    Confusion("t", "l", 0.7, "letters"),            # Beispiet
    Confusion("1", "l", 0.5, "letters"),
    Confusion("rn", "m", 0.5, "letters"),
    Confusion("ın", "m", 0.5, "letters"),           # Rauın
    Confusion("m", "rn", 0.6, "letters"),
    Confusion("c", "e", 0.8, "letters"),            # dic
    Confusion("e", "c", 0.6, "letters"),
    Confusion("l", "i", 0.8, "letters"),
    Confusion("i", "l", 0.6, "letters"),            # Wahiweise
    Confusion("cl", "d", 0.5, "letters"),
    Confusion("d", "cl", 0.7, "letters"),
    Confusion("li", "h", 0.6, "letters"),
    Confusion("ri", "n", 0.6, "letters"),
    Confusion("vv", "w", 0.5, "letters"),
    Confusion("y", "v", 0.6, "letters"),            # yon
    Confusion("f", "t", 0.6, "letters"),            # Chemiewaften
    Confusion("t", "f", 0.6, "letters"),
    Confusion("f", "r", 0.7, "letters"),            # Jahfen
    Confusion("n", "r", 0.7, "letters"),            # Panteistrategen
    Confusion("n", "h", 0.7, "letters"),            # inm
    Confusion("h", "n", 0.7, "letters"),            # Plaheten
    Confusion("eb", "ch", 0.7, "letters"),          # Sebulen
    Confusion("o", "p", 0.8, "letters"),
    Confusion("ff", "lf", 0.6, "letters"),          # Achteffinale
    Confusion("h", "b", 0.7, "letters"),
    Confusion("b", "h", 0.75, "letters"),
    Confusion("n", "u", 0.7, "letters"),
    Confusion("u", "n", 0.7, "letters"),
    Confusion("i", "t", 0.8, "letters"),            # gepatzi
    Confusion("r", "t", 0.6, "letters"),            # letzrer
    Confusion("t", "r", 0.8, "letters"),            # Patlamentswahl
    # (old-style faces, benchmarks/devsets.py READING_FONTS: costs as their rates in rd_hist_eng
    # would estimate them; the estimate fonts never make these readings)
    Confusion("e", "t", 0.6, "letters"),            # niche, Nache
    Confusion("c", "t", 0.75, "letters"),           # Mic
    Confusion("a", "z", 0.6, "letters"),            # beawingen
    Confusion("2", "z", 0.6, "letters"),            # 2u
    Confusion("k", "l", 0.6, "letters"),            # Parkamentskammer
    Confusion("ki", "lä", 0.5, "letters", listed_only=True),  # kisst: the l and the ä run together
    Confusion("ti", "u", 0.6, "letters"),           # tinsere
    Confusion("u", "t", 0.6, "letters"),            # ersumals
    Confusion("u", "a", 0.8, "letters"),            # suftige
    # (readings that some faces make and the others do not, two to six cases each in the dev
    # fonts and READING_FONTS: only where the text shows them, see Confusion.shown; as the
    # last resort, so their costs matter little)
    Confusion("i", "r", 0.6, "letters", listed_only=True, shown=True),    # Tieue
    Confusion("ni", "m", 0.5, "letters", listed_only=True, shown=True),   # Fragnient
    Confusion("in", "m", 0.5, "letters", listed_only=True, shown=True),   # inich
    Confusion("v", "z", 0.6, "letters", listed_only=True, shown=True),    # ganven
    Confusion("v", "t", 0.6, "letters", listed_only=True, shown=True),    # Jevzt
    Confusion("ns", "m", 0.6, "letters", listed_only=True, shown=True),   # grausans
    Confusion("na", "m", 0.6, "letters", listed_only=True, shown=True),   # einnaal
    Confusion("e", "r", 0.6, "letters", listed_only=True, shown=True),    # Scheitt
    Confusion("tt", "ü", 0.6, "umlaut", listed_only=True, shown=True),    # geftthrt
    Confusion("fi", "ü", 0.6, "umlaut", listed_only=True, shown=True),    # ffir
    Confusion("it", "ä", 0.6, "umlaut", listed_only=True, shown=True),    # Lituft
    Confusion("il", "ä", 0.6, "umlaut", listed_only=True, shown=True),    # wilhrend
    Confusion("Gé", "ö", 0.6, "umlaut", listed_only=True, shown=True),    # AngehGérigen
    Confusion("éi", "ö", 0.6, "umlaut", listed_only=True, shown=True),    # ungewéihnlich
    Confusion("éo", "ö", 0.6, "umlaut", listed_only=True, shown=True),    # gehéort (as oé, the other way round)
    Confusion("éi", "ä", 0.6, "umlaut", listed_only=True, shown=True),    # Schwéichen (as éi for ö)
    Confusion("aft", "äß", 0.6, "umlaut", listed_only=True, shown=True),  # regelmaftig
    Confusion("ff", "ß", 0.6, "eszett", listed_only=True, shown=True),   # genieffen (Go, Open Sans)
    Confusion("f", "l", 0.6, "letters", listed_only=True, shown=True),    # verfieren
    Confusion("a", "o", 0.6, "letters", listed_only=True, shown=True),    # Erfalge
    Confusion("y", "g", 0.6, "letters", listed_only=True, shown=True),    # yehabt
    Confusion("x", "r", 0.6, "letters", listed_only=True, shown=True),    # exkundigte
    Confusion("l", "t", 0.6, "letters", listed_only=True, shown=True),    # zeigle
    Confusion("i", "u", 0.6, "letters", listed_only=True, shown=True),    # Hintergrind
    Confusion("a", "n", 0.6, "letters", listed_only=True, shown=True),    # teiltea
    Confusion("j", "l", 0.6, "letters", listed_only=True, shown=True),    # Kajevala
    Confusion("o", "n", 0.6, "letters", listed_only=True, shown=True),    # kanote
    Confusion("d", "tl", 0.6, "letters", listed_only=True, shown=True),   # Uldiche
    Confusion("e", "o", 0.6, "letters", listed_only=True, shown=True),    # Mescheles
    Confusion("n", "m", 0.6, "letters", listed_only=True, shown=True),    # inmet
    Confusion("n", "tr", 0.6, "letters", listed_only=True, shown=True),   # aufgenagen
    Confusion("ı", "t", 0.6, "letters", listed_only=True, shown=True),    # habı
    Confusion("mi", "m", 0.6, "letters", listed_only=True, shown=True),   # samimeln: a stroke read as
    Confusion("ni", "n", 0.6, "letters", listed_only=True, shown=True),   # one more i after a letter
    Confusion("li", "l", 0.6, "letters", listed_only=True, shown=True),   # of strokes (Abschliuss)
    Confusion("hi", "h", 0.6, "letters", listed_only=True, shown=True),
    Confusion("ui", "u", 0.6, "letters", listed_only=True, shown=True),   # Erscheinuing
    Confusion("i", "li", 0.6, "letters", listed_only=True, shown=True),   # Pficht: an l merged with the i
    Confusion("t", "i", 0.6, "letters", listed_only=True, shown=True),    # Auftetlung
    # (the English model's rarer readings of common letters, 2 to 5 cases each in the estimate
    # fonts: costs by the formula below; only where ä, ö or ü are lost, see correct._bounds,
    # and only towards a listed word: never a word a list knows, "and" in an English title)
    Confusion("a", "u", 0.85, "letters", True, listed_only=True),  # zam
    Confusion("t", "u", 0.85, "letters", True, listed_only=True),  # Fraten
    Confusion("v", "u", 0.85, "letters", True, listed_only=True),  # tever
    Confusion("J", "l", 0.85, "letters", True, listed_only=True),  # Jeid
    Confusion("l", "f", 0.7, "letters", True, listed_only=True),   # zulrieden
    Confusion("i", "f", 0.75, "letters", True, listed_only=True),  # schaifen
    Confusion("F", "E", 0.65, "letters", True, listed_only=True),  # Fgoist
    Confusion("B", "E", 0.6, "letters", listed_only=True),  # Bifersucht: the capital E's middle bar joined
    Confusion("O", "D", 0.6, "letters", listed_only=True),  # Oschungel: the bowl of a D
    Confusion("ı", "i", 0.2, "letters"),            # dotless i
    Confusion("ı", "r", 0.65, "letters"),           # eıfüllen (the German model, READING_FONTS: rd_hist_deu)
    Confusion("nı", "m", 0.4, "letters"),           # zusanımenstellen
    Confusion("tı", "n", 0.5, "letters"),           # gatızen (as nı for m: the German model, READING_FONTS)
    Confusion("lı", "h", 0.5, "letters"),           # zelın
    Confusion("0", "o", 0.6, "letters"),
    Confusion("0", "O", 0.4, "letters"),
)
# fmt: on

# Confusions that restore only a lost diacritic or ß: strong evidence even when the
# damaged form happens to be a valid word ("Osterreich").
RESTORE_RULES = frozenset({"umlaut", "eszett"})
# The letters a document keeps or loses each on its own (``document.DOTS``), and the rest.
CHANNELS = ("ä", "ö", "ü", "ß")
OTHER, LIGATURE, ACRONYM = len(CHANNELS), len(CHANNELS) + 1, len(CHANNELS) + 2
Costs = tuple[float, float, float, float, float, float, float]  # by channel: ä, ö, ü, ß, other, ligature, acronym


def same_costs(cost: float) -> Costs:
    return (cost,) * (ACRONYM + 1)  # type: ignore[return-value]


NO_COSTS = same_costs(0.0)
MAX_EDITS = 3
MAX_COST = 1.3


class Candidate(NamedTuple):
    word: str
    cost: float
    rules: tuple[str, ...]
    first_changed: bool  # was the first character replaced (casing follows the damage)?
    inserted: bool = False  # was a dropped glyph restored?
    listed_only: bool = False  # must it be a listed word (see Confusion.listed_only)?
    restored: bool = False  # does it restore a lost ä, ö, ü or ß (else: shapes, ligatures)?
    shapes: int = 0  # how many of its confusions are misread shapes (channel OTHER)
    shown: bool = False  # does it use a reading the document must show (Confusion.shown)?


class Bounds(NamedTuple):
    """What a candidate search may do.

    At most ``max_edits`` non-overlapping replacements, total cost at most
    ``max_cost``.  ``rules`` limits the kinds used.  The costs are by channel
    (:attr:`Confusion.channel`): ``dots_cost`` is added to the confusions marked
    ``dots`` (that only add or remove dots or ß, or rare readings of the English
    model), ``read_cost`` to the other confusions of those
    channels (a letter of another shape read for one: "i" for "ü"), ``edit_cost``
    to every one; ``dots_only``
    keeps only the dots confusions (for a valid word, letter shapes are no
    evidence).
    """

    max_cost: float = MAX_COST
    max_edits: int = MAX_EDITS
    rules: frozenset[str] | None = None
    dots_cost: Costs = NO_COSTS
    read_cost: Costs = NO_COSTS  # added to the other readings of ä, ö, ü and ß ("i" for "ü")
    edit_cost: Costs = NO_COSTS
    dots_only: bool = False
    readings: frozenset[tuple[str, str]] = frozenset()  # the Confusion.shown readings to use: (seen, meant)
    short_drops: bool = False  # restore any dropped glyph in a three-letter word too ("oen"), not only dots
    eszett_drops: bool = False  # restore a dropped ß in a two-letter word ("mu" for "muß" in old print)


class Usable(NamedTuple):
    """A confusion as a search under some :class:`Bounds` may use it."""

    seen: str
    meant: str
    cost: float  # with the bounds' extra costs
    rule: str
    listed_only: bool
    restores: bool  # a lost ä, ö, ü or ß
    shape: bool  # a misread shape (channel OTHER)
    shown: bool = False  # one the document must show (Confusion.shown)


# The confusions as usable() reads them, under every new bounds (a search meets a hundred
# bounds or more): what a Usable takes from each, its channel worked out once.
_FIELDS = tuple((c.seen, c.meant, c.cost, c.rule, c.dots, c.listed_only, c.channel, c.shown) for c in CONFUSIONS)
# The readings a document must show to use them: (seen, meant), in table order.
SHOWN_READINGS: tuple[tuple[str, str], ...] = tuple((c.seen, c.meant) for c in CONFUSIONS if c.shown)
# The misread shapes that any face may make (not only some, nor rarely), as (seen, meant).
LETTER_READINGS: tuple[tuple[str, str], ...] = tuple(
    sorted({(c.seen, c.meant) for c in CONFUSIONS if c.rule == "letters" and c.seen and not c.listed_only})
)


Row = TypeVar("Row", bound=tuple[Any, ...])


def by_first(rows: Iterable[Row]) -> dict[str, tuple[Row, ...]]:
    """Rows (seen, ...) by the first character of what OCR read: the rows that may match at a
    place of a word are those of its character there."""
    out: dict[str, list[Row]] = {}
    for row in rows:
        out.setdefault(row[0][0], []).append(row)
    return {first: tuple(found) for first, found in out.items()}


def undone(word: str, rows: Mapping[str, tuple[Row, ...]], upto: int, start: int = 1) -> Iterator[tuple[str, Row]]:
    """The forms of ``word`` with one reading of ``rows`` (:func:`by_first`) undone at a place
    from ``start`` to ``upto``, never the first letter (names), each with its row."""
    for i in range(max(1, start), min(len(word), upto + 1)):
        for row in rows.get(word[i], ()):
            seen = row[0]
            if word.startswith(seen, i):
                yield word[:i] + row[1] + word[i + len(seen) :], row


@functools.lru_cache(maxsize=1024)
def usable(bounds: Bounds) -> tuple[dict[str, tuple[Usable, ...]], tuple[Usable, ...]]:
    """The confusions ``bounds`` allow, with their cost: replacements by the first
    character seen, and dropped glyphs."""
    subs: dict[str, list[Usable]] = {}
    drops: list[Usable] = []
    rules, dots_only, edit_cost, dots_cost, read_cost = (
        bounds.rules, bounds.dots_only, bounds.edit_cost, bounds.dots_cost, bounds.read_cost
    )
    max_cost = bounds.max_cost + EPSILON
    for seen, meant, base, rule, dots, listed_only, ch, shown in _FIELDS:
        if (rules is not None and rule not in rules) or (dots_only and not dots):
            continue
        if shown and (seen, meant) not in bounds.readings:
            continue
        cost = base + edit_cost[ch] + (dots_cost[ch] if dots else read_cost[ch])
        if cost > max_cost:
            continue
        u = Usable(seen, meant, cost, rule, listed_only, ch < OTHER, ch == OTHER, shown)
        if seen:
            subs.setdefault(seen[0], []).append(u)
        else:
            drops.append(u)
    return {k: tuple(v) for k, v in subs.items()}, tuple(drops)


# -- the costs, estimated ---------------------------------------------------------------
# dictionaries/build_confusions.py counts how often Tesseract's English and German models
# read each printed letter (or run of letters) as what, on the shared text rendered in
# several fonts (dictionaries/confusion_counts.tsv).  A reading's cost falls with the
# log of its frequency, P(read | printed) under the model that makes it most often:
# cost = COST_AT_ONE + COST_PER_DECADE * -log10(P), rounded to 0.05, within the bounds.
MIN_COUNT = 5  # readings seen fewer times keep the cost set by hand
COST_AT_ONE = 0.15
COST_PER_DECADE = 0.2
COST_BOUNDS = (0.15, 0.9)


def misread_runs(meant: str, seen: str) -> list[tuple[int, int, int, int]]:
    """The runs of differing letters of two words, as (start, end) in ``meant`` and (start, end)
    in ``seen``: "ü" of "Führung" read as "ii" is one run, (1, 2, 1, 3)."""
    from rapidfuzz.distance import Levenshtein  # (imported where first needed: start-up)

    runs: list[tuple[int, int, int, int]] = []
    for op in Levenshtein.opcodes(meant, seen):
        if op.tag == "equal":
            continue
        if runs and runs[-1][1] == op.src_start and runs[-1][3] == op.dest_start:
            runs[-1] = (runs[-1][0], op.src_end, runs[-1][2], op.dest_end)
        else:
            runs.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    return runs


def reading_key(meant: str, seen: str) -> tuple[str, str]:
    return (meant, seen)


@functools.lru_cache(maxsize=1)
def estimates() -> dict[tuple[str, str], tuple[int, float]]:
    """(printed, read) -> (cases, P) from ``dictionaries/confusion_counts.tsv``, under the
    model that reads it most often; empty where the file is missing (an installed copy)."""
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "dictionaries" / "confusion_counts.tsv"
    out: dict[tuple[str, str], tuple[int, float]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
    except OSError:
        return out
    for line in lines:
        _, meant, seen, n, held = line.split("\t")
        p = int(n) / int(held) if int(held) else 0.0
        key = reading_key(meant, seen)
        if key not in out or p > out[key][1]:
            out[key] = (int(n), p)
    return out


def estimated_cost(meant: str, seen: str) -> float | None:
    """The cost of reading ``meant`` as ``seen`` from the counts; None where they are too few."""
    import math

    n, p = estimates().get(reading_key(meant, seen), (0, 0.0))
    if n < MIN_COUNT or p <= 0.0:
        return None
    lo, hi = COST_BOUNDS
    cost = COST_AT_ONE + COST_PER_DECADE * -math.log10(p)
    return round(min(hi, max(lo, round(cost * 20) / 20)), 2)


# Sums of costs such as 0.6 + 0.2 must not fall just over a bound.
EPSILON = 1e-9
# A dropped glyph that only carried dots or ß is restored in three-letter words too,
# other glyphs in words of four or more.
DOTS_GLYPHS = frozenset(c.meant for c in CONFUSIONS if not c.seen and c.dots)


def drop_restorable(glyph: str, n: int, bounds: Bounds) -> bool:
    """May a dropped ``glyph`` be restored in a word of ``n`` letters?  Any from four letters
    on (and from three with ``bounds.short_drops``: "oen"); in three, one that carried dots or
    ß ("gro"); in two, only ß and only with ``bounds.eszett_drops`` ("mu" for "muß")."""
    if n >= 4 or (n == 3 and bounds.short_drops):
        return True
    return glyph in DOTS_GLYPHS if n == 3 else n == 2 and glyph == "ß" and bounds.eszett_drops


def candidates(word: str, bounds: Bounds = Bounds()) -> list[Candidate]:
    """All spellings ``word`` may have had under the confusion model, cheapest first.

    A dropped glyph is restored only alone, anywhere (at the end too: "Angri").
    """
    subs, drops = usable(bounds)
    max_cost = bounds.max_cost + EPSILON
    n = len(word)
    out: dict[str, Candidate] = {}

    def add(cand: Candidate) -> None:
        old = out.get(cand.word)
        if old is None or cand.cost < old.cost:
            out[cand.word] = cand

    # replacements: every place a confusion matches, then combinations of up to
    # max_edits of them that do not overlap, cheapest combinations only
    matches = sorted(
        (i, i + len(u.seen), u.cost, u) for i in range(n) for u in subs.get(word[i], ()) if word.startswith(u.seen, i)
    )

    def combine(k: int, end: int, cost: float, chosen: tuple) -> None:
        for j in range(k, len(matches)):
            a, b, cc, u = matches[j]
            if a < end or cost + cc > max_cost:
                continue
            now = chosen + ((a, b, u),)
            pieces, pos = [], 0
            for x, y, v in now:
                pieces.append(word[pos:x])
                pieces.append(v.meant)
                pos = y
            pieces.append(word[pos:])
            add(Candidate("".join(pieces), cost + cc, tuple(v.rule for _, _, v in now), now[0][0] == 0, False,
                          any(v.listed_only for _, _, v in now), any(v.restores for _, _, v in now),
                          sum(v.shape for _, _, v in now), any(v.shown for _, _, v in now)))
            if len(now) < bounds.max_edits:
                combine(j + 1, b, cost + cc, now)

    combine(0, 0, 0.0, ())
    del combine  # (a recursive closure is a reference cycle: see search.reachable)
    if n >= 2:
        for u in drops:
            if drop_restorable(u.meant, n, bounds):
                for i in range(n + 1):
                    add(Candidate(word[:i] + u.meant + word[i:], u.cost, (u.rule,), False, True, u.listed_only,
                                  u.restores, u.shape))
    return sorted(out.values(), key=lambda c: (c.cost, c.word))


ALPHABET = "abcdefghijklmnopqrstuvwxyzäöüß"


def edits1(word: str, upto: int | None = None) -> set[str]:
    """Every string one deletion, insertion, substitution or transposition away (with
    ``upto``, those that keep the first ``i`` letters for some ``i <= upto``)."""
    last = len(word) if upto is None else min(upto, len(word))
    splits = [(word[:i], word[i:]) for i in range(last + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    out |= {a + c + b for a, b in splits for c in ALPHABET}
    out.discard(word)
    return out
