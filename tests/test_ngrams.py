"""The context model sees a word's neighbours as ``dictionaries/build_context.py`` counted them."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocrfix import ngrams
from ocrfix.correct import CONTEXT_MARGIN, LOST


def _context(sentence: str, word: str) -> ngrams.Context:
    i = sentence.rindex(word)
    return ngrams.context_at(sentence, i, i + len(word))


@pytest.mark.parametrize(
    "sentence, word, before, after",
    [
        ("Er sagte, er wurde gern kommen.", "wurde", (",", "er"), ("gern", "kommen")),
        ("Das Haus wurde im Winter verkauft.", "Haus", ("<s>", "das"), ("wurde", "im")),
        # a sentence's last word: its mark, then the end (the build counts the mark as a token)
        ("Niemand weiß, wann das Haus verkauft wurde.", "wurde", ("haus", "verkauft"), (".", "</s>")),
        ("Ob es verkauft wurde? Niemand weiß es.", "wurde", ("es", "verkauft"), ("?", "</s>")),
        # "</s>" right after a word: a line that ends without a mark (a verse, a heading)
        ("Ein Haus, das verkauft wurde", "wurde", ("das", "verkauft"), ("</s>", "</s>")),
    ],
)
def test_neighbours_as_the_build_counts_them(sentence, word, before, after):
    ctx = _context(sentence, word)
    assert (ctx.before, ctx.after) == (before, after)


@pytest.mark.parametrize(
    "sentence",
    [
        "Niemand weiß, ob der Hund entkommen ist oder ausgesetzt wurde.",
        "Es ist nicht klar, wie lange dort weitergekämpft wurde.",
        "Sie erzählte, dass sie seine wichtigste Pflegerin wurde.",
    ],
)
def test_a_passive_at_a_sentence_end_is_no_subjunctive(sentence):
    """A sentence's end says nothing about wurde/würde; a line's end without a mark (drama
    verse) favours würde, and once stood for every sentence end.  (The clause's first word may
    lean a little towards würde, "dass ... würde" in reported speech: not by the margin.)"""
    assert ngrams.model().odds("wurde", "würde", _context(sentence, "wurde")) < CONTEXT_MARGIN[LOST]


@pytest.mark.parametrize(
    ("sentence", "opener"),
    [
        ("Sie lachte, als ob sie einen Schatz gefunden hatte.", ("|als", "||als ob")),
        ("Nachdem er das Haus gekauft hatte, zog er ein.", ("|nachdem", "||nachdem er")),
        ("Er wusste, dass sie hatte.", ("|dass", "")),  # (one word between: no two)
        ("Er wusste, sie hatte.", ("", "")),  # (its clause starts next to it)
        ("Sie sagte, er hatte recht.", ("", "")),  # (it does not end its clause)
    ],
)
def test_a_verb_at_a_clause_end_is_told_by_the_clause_opener(sentence, opener):
    """A verb that ends its clause takes its mood from the words the clause starts with."""
    assert _context(sentence, "hatte").opener == opener


@pytest.mark.parametrize(
    ("sentence", "end"),
    [
        ("Wir hatten das Spiel früher entscheiden müssen.", "$modal"),
        ("Er hatte sich bei ihr angesteckt haben können, dachte er.", "$modal"),
        ("Sie konnte es gewusst haben.", "$perfect"),
        ("Sie hatte das Haus gekauft.", "$part"),
        ("Sie hatte viel zu lernen.", "$inf"),
        ("Sie hatte es müssen.", "$inf"),  # (a modal's infinitive alone is one)
    ],
)
def test_the_shape_of_a_clause_end(sentence, end):
    """Double infinitives and perfect infinitives end a clause in a shape of their own: they
    mostly stand with a subjunctive ("hätten ... zumachen müssen", "könnte ... gemacht haben")."""
    assert _context(sentence, sentence.split()[1]).end == end


@pytest.mark.parametrize(
    ("sentence", "ruler"),
    [
        ("Ich sah, da er kam.", "!sah"),
        ("Ich befürchte doch, da wir zu früh sind.", "!befurchte"),  # (past a particle, folded)
        ("Es ist uns nicht möglich, da er kommt.", "!moglich"),
        ("Er kam, als es dunkel war, da er müde war.", "!war"),
        ("Ich, da er kam, ging fort.", ""),  # (only a pronoun before the comma in its clause)
        ("Wir sahen da ein Haus.", ""),  # (no comma before it)
    ],
)
def test_a_clause_after_a_comma_hangs_on_a_word(sentence, ruler):
    """A clause after a comma is told by the word it hangs on: "sah, daß", not the pronouns
    and particles between."""
    assert _context(sentence, "da").governor == ruler


def test_the_governor_is_counted_as_the_build_counts_it():
    """The build counts the feature with the same function: a word seen with daß, not with da."""
    model = ngrams.model()
    assert model.features(ngrams.OLD + "daß").get("!sah", 0) > model.features(ngrams.OLD + "da").get("!sah", 0)


def test_a_double_infinitive_leans_to_the_subjunctive():
    model = ngrams.model()
    modal = model.odds("hatten", "hätten", _context("Wir hatten das früher entscheiden müssen.", "hatten"))
    participle = model.odds("hatten", "hätten", _context("Wir hatten das früher entschieden.", "hatten"))
    assert modal > participle + 0.5


def test_the_neighbours_still_decide():
    assert ngrams.model().odds("wurde", "würde", _context("Er sagte, er wurde gern kommen.", "wurde")) > 2


def test_a_rare_lower_case_neighbour_counts_by_its_ending():
    model = ngrams.model()
    assert ngrams.suffix("unhaltbare", model.common) == "-re"
    assert ngrams.suffix("Urheberrechte", model.common) == "^"  # capitalized: a noun or a name
    assert ngrams.suffix("UNESCO", model.common) == ""  # all capitals: an acronym
    assert ngrams.suffix("diesen", model.common) == ""  # common: it counts as itself
    assert ngrams.suffix("schon", model.common) == ""  # short
    ctx = _context("Dort herrschen unhaltbare Zustande.", "Zustande")
    assert ctx.ends == ("-re", "")
    with_ending = model.odds("Zustande", "Zustände", ctx)
    assert with_ending > model.odds("Zustande", "Zustände", ctx._replace(ends=("", ""))) and with_ending > 0.5


def test_a_rare_capitalized_neighbour_counts_as_a_noun():
    """A verb follows its object, an adjective goes before its noun: "Urheberrechte stärken"."""
    model = ngrams.model()
    ctx = _context("Die Kommission will die Urheberrechte starken und die Preise senken.", "starken")
    assert ctx.ends[0] == "^"
    assert model.odds("starken", "stärken", ctx) > model.odds("starken", "stärken", ctx._replace(ends=("", "")))


def test_an_old_pair_compares_as_old_text_uses_it_where_the_text_is_old():
    """ "da"/"daß" have counts from the historical files alone too; only they, and only in old text."""
    model = ngrams.model()
    assert 0 < model.old_count["da"] < model.count["da"] and model.old_count["daß"] > 0
    ctx = _context("Sie wollte nicht, da er ging.", "da")
    assert model.odds("da", "daß", ctx, old=True) != model.odds("da", "daß", ctx)


def test_each_era_has_its_own_prior_and_the_same_neighbours():
    """Old text writes the subjunctive far more often than an encyclopedia: where a document is
    old, "würde" is likelier before its neighbours are heard, by old text's counts alone."""
    model = ngrams.model()
    assert model.old_prior["wurde"] < model.count["wurde"] and model.old_prior["würde"] > 0
    for sentence in ("Er sagte, er wurde gern kommen.", "Das Haus wurde 1890 gebaut."):
        ctx = _context(sentence, "wurde")
        shift = model.odds("wurde", "würde", ctx, old=True) - model.odds("wurde", "würde", ctx)
        prior = math.log10(model.old_prior["würde"] / model.old_prior["wurde"]) - math.log10(
            model.count["würde"] / model.count["wurde"]
        )
        assert shift == pytest.approx(prior, abs=0.01) and shift > 0.3
    assert model.odds("wurde", "würde", _context("Das Haus wurde 1890 gebaut.", "wurde"), old=True) < 0
    # where it is modern, the prior is the rest of the text's: an encyclopedia's "wurde"
    ctx = _context("Er sagte, er wurde gern kommen.", "wurde")
    assert model.odds("wurde", "würde", ctx, modern=True) < model.odds("wurde", "würde", ctx)
    assert model.odds("wurde", "würde", ctx, modern=True) > 0  # (the neighbours still decide)


_PIECES = ["Haus", "wurde", "Donaudampfschiffahrtsgesellschaft", "schön", "1.234,5", "12", "a\u0301b", ",", ".", "?", " ", " ", "\n"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_PIECES), max_size=120), st.data())
def test_the_context_is_read_from_the_whole_sentence(pieces, data):
    """context_at reads only a few tokens either side; they are those of its sentence read whole."""
    text = "".join(pieces)
    words = list(ngrams.TOKEN.finditer(text))
    if not words:
        return
    word = data.draw(st.sampled_from(words))
    start, end = word.span()
    left = ngrams.TOKEN.findall(text, max(0, start - ngrams.REACH), start)
    marks = [i for i, t in enumerate(left) if t in ngrams.SENTENCE_END]
    left = left[marks[-1] + 1 :] if marks else left
    right = ngrams.TOKEN.findall(text, end, end + ngrams.REACH)
    marks = [i for i, t in enumerate(right) if t in ngrams.SENTENCE_END]
    right = right[: marks[0] + 1] if marks else right
    before = ["<s>", "<s>", *map(ngrams.fold, left)]
    after = [*map(ngrams.fold, right), "</s>", "</s>"]
    ctx = ngrams.context_at(text, start, end)
    assert ctx.before == tuple(before[-2:]) and ctx.after == tuple(after[:2])
    assert ctx.cues == frozenset(before[-ngrams.WINDOW : -1] + after[1 : ngrams.WINDOW]) - {"<s>", "</s>"}
    assert ctx.end == ngrams.clause_end(["", *after], 0)
    common = ngrams.model().common
    assert ctx.ends == (ngrams.suffix(left[-1], common) if left else "", ngrams.suffix(right[0], common) if right else "")


def test_an_old_eszett_form_is_counted_as_todays_spelling_of_it():
    """Old text's "wüßte" is counted as "wüsste" (the neighbours are folded alike); a listed ß
    form is today's spelling, not the 1901 one of a Swiss ss form ("groß", "Straße")."""
    from ocrfix.lexicon import get_lexicon, modern_spelling, old_spelling

    listed = get_lexicon("de_DE", frozenset()).listed
    for old, new in (("läßt", "lässt"), ("wüßte", "wüsste"), ("daß", "dass"), ("groß", "groß"), ("Straße", "Straße")):
        assert modern_spelling(old, listed) == new
        assert old_spelling(new, listed) == old
    model = ngrams.model()
    assert "wußte" not in model.count and model.old_prior["wüsste"] > model.count["wüsste"] / 2


def test_a_swap_set_is_counted_apart_from_the_twins():
    """ "gefällt" and "gefüllt" differ in which dots they have: a swap set, counted under its own
    mark, so that neither becomes a twin of the other's plain form by it."""
    model = ngrams.model()
    assert set(model.swaps("gefällt")) == {"gefällt", "gefüllt"}
    assert model.swaps("hatte") == () and "gefüllt" not in model.count
    assert model.odds("gefällt", "gefüllt", _context("Die Flasche ist mit Wasser gefällt.", "gefällt")) > 1
    assert model.odds("gefällt", "gefüllt", _context("Das Bild hat mir gut gefällt.", "gefällt")) < 0
    assert set(model.swaps("hieß")) == {"hieß", "hier"}  # (OCR's f stands for ß, t and r)


def test_a_form_in_a_swap_set_and_a_damaged_set_compares_by_each():
    """ "hieß" is in the swap set hieß/hier (OCR's f) and in the damaged set of its dropped final ß,
    hieß/hie: each comparison takes its own set."""
    model = ngrams.model()
    assert model.damaged_twins("hie") == ("hieß",) and "hieß" in model.swaps("hier")
    assert model.odds("hie", "hieß", _context("Das Spiel sei verloren, hie es am Abend.", "hie")) > 1
    assert model.odds("hier", "hieß", _context("Er wohnt schon lange hier in der Stadt.", "hier")) < 0


def test_a_read_set_compares_a_rare_word_with_what_a_reading_makes_of_a_common_one():
    """ "hingen" is "hängen" with i read for ä: a read set, counted apart as swap sets are, so
    that the sentence can keep the rarer word as it was read."""
    model = ngrams.model()
    assert model.reads("hingen") == ("hingen", "hängen") and model.reads("hängen") == ()
    assert "hingen" not in model.count  # (no twin of anything by it)
    assert model.odds("hängen", "hingen", _context("Die Bilder hingen schief an der Wand.", "hingen")) > 0
    assert model.odds("müssen", "missen", _context("Wir missen jetzt nach Hause gehen.", "missen")) < -2
