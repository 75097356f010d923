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
