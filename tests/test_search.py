"""The dictionary-guided search finds exactly the candidates the full generation finds in the dictionary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocrfix.confusions import RESTORE_RULES, Bounds, candidates, edits1, same_costs
from ocrfix.lexicon import get_lexicon
from ocrfix.search import Prefixes, drop_index, first_lower, folded_items, reachable
from tests.strategies import WORDS, damaged_word

BOUNDS = (
    Bounds(max_cost=1.3),  # an unknown word where umlauts are lost
    Bounds(max_cost=1.0, rules=RESTORE_RULES, dots_only=True),  # a valid word: restores only
    Bounds(max_cost=0.9, dots_cost=same_costs(2.0), read_cost=same_costs(0.3), edit_cost=same_costs(0.2)),  # text whose umlauts survived
    Bounds(max_cost=1.3, dots_cost=(0.0, 2.0, 0.0, 2.0, 0.0, 0.0, 0.0), edit_cost=(0, 0, 0, 0, 0.3, 0.5, 0)),  # ö, ß kept
    Bounds(max_cost=0.5, max_edits=1),
    Bounds(max_cost=1.3, short_drops=True, eszett_drops=True),  # old print that drops ligatures and ß
)


@pytest.fixture(scope="module")
def lex():
    return get_lexicon("de_DE", frozenset())


def _in_dictionary(word: str, lex, bounds: Bounds):
    keys = set(lex.prefixes.items)
    return [c for c in candidates(word, bounds) if first_lower(c.word) in keys]


@pytest.mark.parametrize("bounds", BOUNDS)
@pytest.mark.parametrize(
    "word",
    ["Fiihrung", "Bundesprasident", "erklarte", "Einuss", "ndet", "groBe", "Gber", "Osterreich", "mchte",
     "Kl", "fur", "Angri", "Wahiweise", "er6ffnete", "gro8ten", "Abhéangigkeit", "Zusammenarbeit", "x", "",
     "frith", "Zuntichst", "mitteilen", "Mitarbeit",  # "it"/"ti" read for ü/ä
     "oen", "gro", "mu", "la"],  # dropped glyphs in short words
)
def test_same_as_full_generation(lex, word, bounds):
    assert reachable(word, lex.prefixes, None, lex.parts, bounds) == _in_dictionary(word, lex, bounds)


@given(st.one_of(damaged_word(), st.sampled_from(WORDS)), st.sampled_from(BOUNDS))
def test_same_as_full_generation_on_damaged_words(word, bounds):
    lex = get_lexicon("de_DE", frozenset())
    if word.isupper() or len(word) > 40:
        return  # all-capital words take the full generation in correct.py
    assert reachable(word, lex.prefixes, None, lex.parts, bounds) == _in_dictionary(word, lex, bounds)


def test_compounds_of_common_parts(lex):
    found = {c.word for c in reachable("Erlaubnispfiicht", lex.prefixes, lex.part_prefixes, lex.parts)}
    assert "Erlaubnispflicht" in found  # ii -> l: head "erlaubnis", tail "pflicht"
    found = {c.word: c for c in reachable("Einussbereich", lex.prefixes, lex.part_prefixes, lex.parts)}
    assert found["Einflussbereich"].rules == ("ligature",) and found["Einflussbereich"].inserted


def test_prefixes_with_items_and_drops():
    p = Prefixes(["haus", "häuser", "fluss", "einfluss"])
    q = p.with_items(["ki", "haus"])
    assert q.items == ("einfluss", "fluss", "haus", "häuser", "ki")
    assert p.items == ("einfluss", "fluss", "haus", "häuser")  # unchanged
    assert set(p.drops("einuss")) == {("einfluss", "fl", 3)}
    assert set(p.drops("huser")) == {("häuser", "ä", 1)}
    assert p.drops("haus") == ()
    assert q.chars == set("hausäerflinsk")


@given(st.text("ahusäerx", max_size=9))
def test_edits_after_the_shared_start_find_no_item(word):
    """_nearest looks up only the edits up to the longest start of the word an item has."""
    p = Prefixes(["haus", "häuser", "hase", "ahus", "rasen", "hauser", "a"])
    some = edits1(word, p.shared(word))
    assert some <= edits1(word)
    assert {w for w in edits1(word) if w in p.items} == {w for w in some if w in p.items}


@given(st.text("ahusäerx", max_size=8))
def test_shared_is_the_longest_start_an_item_has(key):
    p = Prefixes(["haus", "häuser", "hase", "ahus", "rasen"])
    assert p.shared(key) == max(i for i in range(len(key) + 1) if any(x.startswith(key[:i]) for x in p.items))


def test_shipped_index_is_built_from_the_shipped_word_list(tmp_path):
    from ocrfix.lexicon import data_dir, index_path, write_index

    wordlist = data_dir() / "wordlist_de.tsv.gz"
    write_index(wordlist, tmp_path / "index.gz", data_dir() / "historical_de.tsv.gz")
    assert (tmp_path / "index.gz").read_bytes() == index_path(wordlist).read_bytes(), "run dictionaries/build_index.py"


def test_shipped_index_reads_as_the_lists_make_it():
    from ocrfix.lexicon import _WordList, data_dir, index_path, read_index

    wordlist, historical = data_dir() / "wordlist_de.tsv.gz", data_dir() / "historical_de.tsv.gz"
    index = read_index(index_path(wordlist), wordlist, historical)
    made = Prefixes({first_lower(f) for f in _WordList(wordlist, historical).forms})
    assert index.items == made.items
    assert index.drops("") == made.drops("") and index.drops("einuss") == made.drops("einuss")
    assert index._drops == drop_index(made.items)
    assert dict(index._folded) == dict(folded_items(made.items))
    assert index.chars == made.chars


def test_a_stale_index_is_not_used(tmp_path):
    import gzip

    from ocrfix.lexicon import data_dir, index_path, read_index

    wordlist, historical = data_dir() / "wordlist_de.tsv.gz", data_dir() / "historical_de.tsv.gz"
    index = read_index(index_path(wordlist), wordlist, historical)
    assert index.drops("einuss") == (("einfluss", "fl", 3),)
    other = tmp_path / "wordlist_de.tsv.gz"
    with gzip.open(other, "wt", encoding="utf-8") as f:
        f.write("# ocrfix-wordlist 2\nHaus\t500\t7\n")
    with pytest.raises(ValueError):
        read_index(index_path(wordlist), other, historical)


def test_word_list_lists_the_most_common_first():
    """lexicon._WordList takes the compound parts from the head of the file."""
    import gzip

    from ocrfix.lexicon import data_dir

    with gzip.open(data_dir() / "wordlist_de.tsv.gz", "rt", encoding="utf-8") as f:
        next(f)
        zipfs = [int(line.split("\t")[1]) for line in f]
    assert all(a >= b for a, b in zip(zipfs, zipfs[1:]))


def test_old_text_frequency_of_listed_forms():
    """historical_de.tsv.gz lists its old forms (kind 1) first, then listed forms with their
    frequency in old text where that is higher than today's (kind 0), which Lexicon.era_zipf
    gives; other words have their zipf as with ``old``."""
    import gzip

    from ocrfix.lexicon import Lexicon, data_dir

    with gzip.open(data_dir() / "historical_de.tsv.gz", "rt", encoding="utf-8") as f:
        next(f)
        kinds = [line.rstrip("\n").split("\t")[2] for line in f]
    assert kinds == sorted(kinds, reverse=True) and kinds[0] == "1" and kinds[-1] == "0"
    lex = Lexicon()
    assert lex.era_zipf("ihn") > lex.zipf("ihn", old=True) + 0.5  # (a pronoun: novels and drama)
    assert lex.era_zipf("daß") == lex.zipf("daß", old=True) > lex.zipf("daß")  # an old form
    assert lex.era_zipf("Internet") == lex.zipf("Internet")  # today's more than old text's
    assert lex.era_zipf("kahn") < lex.era_zipf("Kahn")  # as written: a noun is not its lower case
