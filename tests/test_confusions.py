"""The confusion table and the counts its costs are estimated from (dictionaries/build_confusions.py)."""

from __future__ import annotations

from ocrfix.confusions import CONFUSIONS, MIN_COUNT, estimated_cost, estimates


def test_costs_are_the_estimates_where_the_data_has_enough_cases():
    assert estimates(), "dictionaries/confusion_counts.tsv is missing"
    for c in CONFUSIONS:
        cost = estimated_cost(c.meant, c.seen)
        if cost is not None:
            assert c.cost == cost, f"{c.seen!r} -> {c.meant!r}: run dictionaries/build_confusions.py --write"


def test_the_common_readings_are_in_the_data():
    counted = {c: estimates().get((c.meant, c.seen), (0, 0.0))[0] for c in CONFUSIONS}
    for seen, meant in (("ii", "ü"), ("é", "ö"), ("B", "ß"), ("a", "ä"), ("f", "ß"), ("u", "ü")):
        assert any(n >= MIN_COUNT for c, n in counted.items() if (c.seen, c.meant) == (seen, meant))


def test_a_frequent_reading_costs_less_than_a_rare_one():
    assert estimated_cost("ü", "ii") < estimated_cost("ü", "t")
    assert estimated_cost("ß", "B") < estimated_cost("ß", "R")


def test_each_reading_is_in_the_table_once():
    keys = [(c.seen, c.meant) for c in CONFUSIONS]
    assert len(keys) == len(set(keys))


def test_a_reading_of_some_faces_is_used_only_where_the_text_shows_it():
    from ocrfix.confusions import SHOWN_READINGS, Bounds, candidates
    from ocrfix.document import read
    from ocrfix.lexicon import get_lexicon

    assert ("ni", "m") in SHOWN_READINGS
    assert all(c.listed_only for c in CONFUSIONS if c.shown)  # (never changes a word a list knows)
    assert "sammeln" not in {c.word for c in candidates("sanimeln")}
    assert "sammeln" in {c.word for c in candidates("sanimeln", Bounds(readings=frozenset({("ni", "m")})))}
    lex = get_lexicon("de_DE", frozenset())
    shows = read("Die Kinder wollten im Wald Holz sanimeln, doch es regnete.", lex).key
    assert ("ni", "m") in shows.readings and not shows.of_dots.readings
    for text in ("Die Kinder wollten im Wald Holz sammeln, doch es regnete.", "Der Minister nimmt Platz."):
        assert not read(text, lex).key.readings
