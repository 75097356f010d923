"""The public API: options, variants, user words, errors, the step registry."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from pathlib import Path

import pytest

import ocrfix
from ocrfix import Cleaner, Config

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_shipped_example_is_cleaned_as_documented():
    text = (EXAMPLES / "zeitung.txt").read_text(encoding="utf-8")
    assert ocrfix.clean(text) == (EXAMPLES / "zeitung.clean.txt").read_text(encoding="utf-8")


def test_swiss_variant_never_produces_eszett():
    assert ocrfix.clean("Das ist ein groBes Haus.", variant="de_CH") == "Das ist ein grosses Haus."
    assert ocrfix.clean("Das ist ein groBes Haus.", variant="de_AT") == "Das ist ein großes Haus."


def test_unknown_variant_and_option_are_refused():
    with pytest.raises(ValueError, match="variant"):
        Cleaner(variant="de_XX")
    with pytest.raises(TypeError, match="unexpected keyword argument 'spelling'"):
        Cleaner(spelling=True)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="user_words"):
        Cleaner(user_words="Zalando")


@pytest.mark.parametrize(
    "bad, message",
    [
        (b"bytes", "ocrfix cleans str, not bytes; decode it first"),
        (None, "ocrfix cleans str, not None$"),
        (42, "ocrfix cleans str, not int$"),
        (["a list"], "ocrfix cleans one str, not a list; clean_many"),
    ],
)
def test_non_str_input_raises_a_type_error_that_fits_it(bad, message):
    with pytest.raises(TypeError, match=message):
        ocrfix.clean(bad)
    with pytest.raises(TypeError, match=message):
        ocrfix.explain(bad)


def test_clean_many_refuses_one_string():
    """A str is an iterable of characters, not a collection of texts."""
    with pytest.raises(TypeError, match="not one str; clean"):
        Cleaner().clean_many("ein string")
    with pytest.raises(TypeError, match="not one bytes"):
        Cleaner().explain_many(b"ein string", workers=2)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"dehyphenate": "no"}, "dehyphenate must be True or False, not 'no'"),
        ({"words": 0}, "words must be True or False, not 0"),
        ({"user_words": [1, 2]}, r"user_words must hold words \(str\), not 1 \(int\)"),
        ({"user_words": ["Klimatrix", None]}, "not None"),
        ({"user_words": 7}, "user_words must be an iterable of words, not int"),
        ({"variant": 7}, "variant must be a str"),
    ],
)
def test_options_of_the_wrong_type_are_refused(options, message):
    with pytest.raises(TypeError, match=message):
        ocrfix.clean("Text", **options)
    with pytest.raises(TypeError, match=message):
        Config(**options)


def test_cleaner_takes_a_config_or_keyword_options():
    assert Cleaner(Config(variant="de_CH")).config.variant == "de_CH"
    with pytest.raises(TypeError, match="Cleaner\\(variant='de_CH'\\)"):
        Cleaner("de_CH")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="config must be a Config, not dict"):
        Cleaner({"variant": "de_CH"})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not both: Cleaner\\(config.replace\\(words=...\\)\\)"):
        Cleaner(Config(variant="de_CH"), words=False)


@pytest.mark.parametrize("function", [ocrfix.clean, ocrfix.explain, ocrfix.profile, Cleaner])
def test_keyword_options_are_the_config_fields(function):
    """Editors and type checkers see the options: the keywords are Config's fields, with its defaults."""
    params = [p for p in inspect.signature(function).parameters.values() if p.kind is p.KEYWORD_ONLY]
    fields = dataclasses.fields(Config)
    assert [p.name for p in params] == [f.name for f in fields]
    assert Config(**{p.name: p.default for p in params}) == Config()
    assert all(p.annotation == "bool" for p in params if p.name in {s.name for s in ocrfix.STEPS})


def test_replay_refuses_corrections_of_another_text():
    corrections = ocrfix.explain("Die Strafie ist groB.").corrections
    with pytest.raises(ValueError, match="correction 0 does not fit the text: 'Strafie' at 4..11, where the text has ''"):
        ocrfix.replay("abc", corrections)
    with pytest.raises(ValueError, match="overlaps the one before"):
        ocrfix.replay("Die Strafie ist groB.", corrections[::-1])


def test_user_words_are_accepted_and_corrected_towards():
    text = "Die Firma Klimatrix liefert, sagte der Chef von KLIMATRIX und klimatrix über Klirnatrix."
    out = ocrfix.clean(text, user_words=["Klimatrix"])
    assert out == "Die Firma Klimatrix liefert, sagte der Chef von KLIMATRIX und Klimatrix über Klimatrix."


# Our own manual paragraph, its dots lost (an ASCII scrape): "Buchse" and "Locher" are words
# of manuals that the context model, built from encyclopedia and old novels, knows hardly at all
MANUAL_FOLDED = (
    "Schliessen Sie das Netzteil an die Buchse DC IN an. Die grune LED leuchtet, sobald das "
    "Gerat betriebsbereit ist. Mit dem Locher konnen Sie die Ausdrucke abheften."
)


def test_a_user_word_stays_as_written_where_the_context_prefers_its_twin():
    out = ocrfix.clean(MANUAL_FOLDED, user_words=["Buchse", "Locher"])
    assert "an die Buchse DC" in out and "Mit dem Locher" in out
    assert "grüne" in out and "Gerät" in out and "können" in out  # the rest is repaired
    uber = "Der Fahrdienst Uber 300 Meter weiter fahrt fur die Firma."
    assert ocrfix.clean(uber, user_words=["Uber"]).startswith("Der Fahrdienst Uber 300")


@pytest.mark.parametrize("word", sorted(set(MANUAL_FOLDED.replace(".", " ").split())))
def test_no_correction_changes_a_user_word(word):
    corrections = ocrfix.explain(MANUAL_FOLDED, user_words=[word]).corrections
    assert not [c for c in corrections if word in c.original.split()]


def test_step_switches_turn_steps_off():
    text = "Die Fiihrung der Wirtschafts-\nstandorte."
    assert ocrfix.clean(text, words=False) == "Die Fiihrung der Wirtschaftsstandorte."
    assert ocrfix.clean(text, dehyphenate=False) == "Die Führung der Wirtschafts-\nstandorte."
    assert ocrfix.clean("Erste Zeile\nzweite Zeile", unwrap=True) == "Erste Zeile zweite Zeile"


def test_registry_and_config_agree():
    switches = {f.name for f in dataclasses.fields(Config) if f.type in ("bool", bool)}
    assert switches == {s.name for s in ocrfix.STEPS}


def test_cleaner_pickles_as_its_options():
    c = Cleaner(variant="de_AT", user_words=["Klimatrix"], quotes=False)
    c.clean("Vorladen")
    data = pickle.dumps(c)
    assert len(data) < 1000  # no dictionaries inside
    c2 = pickle.loads(data)
    assert c2.config == c.config
    assert c2.clean("Das groBe Fest.") == c.clean("Das groBe Fest.") == "Das große Fest."


def test_config_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Config().variant = "de_CH"  # type: ignore[misc]


def test_explanation_reports_offsets_rules_and_confidence():
    text = "Die FÃ¼hrung ist groB."
    ex = ocrfix.explain(text)
    assert ex.text == "Die Führung ist groß."
    assert [(c.original, c.replacement, c.rule) for c in ex.corrections] == [
        ("Ã¼", "ü", "mojibake"),
        ("groB", "groß", "eszett"),
    ]
    assert all(text[c.start : c.end] == c.original for c in ex.corrections)
    text_, corrections = ex
    assert text_ == ex.text and corrections == ex.corrections


def test_overlapping_steps_are_reported_together():
    # mojibake first gives "fÃ¼r" -> "für" within a word that the corrector then leaves
    ex = ocrfix.explain("Die Stra\u00adBe ist gro\u00dfartig.")
    assert ex.text == "Die Straße ist großartig."
    (c,) = ex.corrections
    assert c.original == "Stra\u00adBe" and c.replacement == "Straße" and c.rule == "invisible+eszett"


def test_swiss_old_spelling_readings_become_ss():
    """de_CH writes ss where the old spelling has ß: 'muBten' is 'mussten' there, 'mußten' elsewhere."""
    assert ocrfix.clean("Sie muBten gehen, daB sie es wuBten.", variant="de_CH") == "Sie mussten gehen, dass sie es wussten."
    assert ocrfix.clean("Sie muBten gehen, daB sie es wuBten.") == "Sie mußten gehen, daß sie es wußten."


def test_swiss_context_fixes_write_ss():
    """A ß form the sentence restores is written with ss in de_CH too ('da' -> 'dass', not 'daß')."""
    text = "Der Alte sah wohl, da das Kind mude war. Er hoffte, da alles gut werde."
    assert ocrfix.clean(text) == "Der Alte sah wohl, daß das Kind müde war. Er hoffte, daß alles gut werde."
    swiss = ocrfix.clean(text, variant="de_CH")
    assert swiss == "Der Alte sah wohl, dass das Kind müde war. Er hoffte, dass alles gut werde."


def test_mojibake_is_decoded_as_far_as_it_is_mojibake():
    """One layer where one layer leaves no mojibake ("ï¬‚Â¨" is "ﬂ¨", not "߬"), two where two do."""
    assert ocrfix.clean("Die Anbauï¬‚Â¨ache.") == "Die Anbaufläche."
    assert ocrfix.clean("Die FÃƒÂ¼hrung.") == "Die Führung."
    ex = ocrfix.explain("Die Deï¬\ufffdnition.")
    assert ex.text == "Die Definition."
    assert [(c.original, c.replacement, c.rule) for c in ex.corrections] == [("ï¬\ufffd", "fi", "mojibake+ligature")]


def test_a_german_letter_before_a_sign_is_no_mojibake():
    """"ß€" are the bytes of "߀" (NKo) read as cp1252, but in German text a letter and a sign:
    the run starts after the letter, and the rest of it is still decoded."""
    assert ocrfix.clean("Preis: 3 € für den Spaß€") == "Preis: 3 € für den Spaß€"
    assert ocrfix.clean("Der Spaß€Ã¼ber alles.") == "Der Spaß€über alles."
    assert ocrfix.clean("Die FÃ¼hrung, ÃŸ und Ð¼Ð¾") == "Die Führung, ß und мо"
