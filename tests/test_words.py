"""The words step's short cuts change nothing: quiet words, stretches around odd words, span triggers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocrfix import Cleaner
from ocrfix.correct import Fix, _read_for
from ocrfix.result import Edit
from ocrfix.words import _correct_span, _foreign_quotes, _view, correct_words
from ocrfix.document import INTACT, LOST, NEUTRAL, NEUTRAL_KEY, Key, read
from ocrfix.tokens import _PROTECTED, Protected, after_command, protected_spans, words
from tests.strategies import PROTECTED, WORDS, damaged_word, german_ocr_text, hostile_text

# Names and parts the dictionary lacks or may join ("Rohstoff|preise"), lower-case
# single letters ("z. B."), acronyms.
ODD = ("Murphy", "Escobar", "Gnesda", "Rohstoff", "preise", "z", "B", "e", "US", "ORF", "Pölten", "Qualitätsserien")
SEPARATORS = (" ", " ", " ", "  ", "\n", " \n", "\t", "\r\n", " \n\t", ", ", ". ", " - ", " (", ") ", "-\n", "\u00a0", " 2016 ")


@st.composite
def mixed_text(draw: st.DrawFn) -> str:
    """Correct words (most), odd words, damaged words and protected spans, between separators."""
    pieces = st.one_of(
        st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(ODD),
        damaged_word(), st.sampled_from(PROTECTED),
    )
    n = draw(st.integers(0, 60))
    out = []
    for _ in range(n):
        out.append(draw(pieces))
        out.append(draw(st.sampled_from(SEPARATORS)))
    text = "".join(out)
    if draw(st.booleans()):
        text = (text + " ") * draw(st.integers(1, 6))  # long enough to tell the document's key
    return text


def _full(text: str, cleaner: Cleaner) -> list:
    ctx = cleaner._ctx
    doc = read(text, ctx.lexicon)
    ctx.corrector.odd_words([], doc.key)  # (makes the key's quiet set)
    return _correct_span(doc, 0, len(text), ctx.corrector)


@given(st.one_of(mixed_text(), german_ocr_text(), hostile_text))
def test_stretches_find_what_the_whole_text_finds(text):
    cleaner = Cleaner()
    assert correct_words(text, cleaner._ctx) == _full(text, cleaner)
    # and again, now that the words of the text are known quiet or not
    assert correct_words(text, cleaner._ctx) == _full(text, cleaner)


@given(st.one_of(mixed_text(), german_ocr_text()))
def test_quiet_words_stay_wherever_they_stand(text):
    corrector = Cleaner()._ctx.corrector
    for state in (LOST, NEUTRAL, INTACT):
        for key in (NEUTRAL_KEY._replace(dots=(state,) * 4, umlauts=state), NEUTRAL_KEY._replace(shapes=INTACT, ligature=LOST, old=True)):
            corrector.odd_words(text.split(), key)
            for word in corrector.quiet[key.of_dots] & set(text.split()):
                for start in (False, True):
                    for hyphen in (False, True):
                        assert corrector.settled(word, start, hyphen, key) is None, (word, key)


@given(st.one_of(mixed_text(), hostile_text, st.builds(lambda p, t: f"{t} {p} {t}", st.sampled_from(PROTECTED), st.text())))
def test_triggers_never_miss_a_protected_span(text):
    assert protected_spans(text) == [m.span() for m in _PROTECTED.finditer(text)]


@given(
    st.one_of(mixed_text(), hostile_text, st.builds(lambda p, t: f"{t}\n{p} {t}", st.sampled_from(PROTECTED), st.text())),
    st.data(),
)
def test_protected_near_a_place_are_those_of_the_whole_text(text, data):
    """Protected finds the spans a line at a time, where asked: as the whole text has them."""
    spans = protected_spans(text)
    protected = Protected(text)
    for _ in range(3):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        assert protected.touches(start, end) == any(a < end and start < b for a, b in spans)
        near = protected.near(start, end)
        assert set(near) <= set(spans) and all(s in near for s in spans if s[0] < end and start < s[1])


def test_a_stretch_holds_the_word_after_an_odd_word_inside_it():
    """Found by the fuzzer: 'Präs' lay inside the stretch of 'Kicl', which ended with it, so
    its join with the next line's 'ident' waited for the next clean()."""
    text = "Kicl Präs\nident"
    cleaner = Cleaner()
    assert correct_words(text, cleaner._ctx) == _full(text, cleaner)
    once = cleaner.clean("K-\nIcl Präs\nident")
    assert cleaner.clean(once) == once


def test_a_word_may_end_in_a_reading_of_its_eszett():
    text = "hie& daf3 gewif8 mp3 MP3 Kapitel3 ab3 B8"
    assert [w.text for w in words(text, 0, len(text))] == ["hie&", "daf3", "gewif8"]


def test_a_word_may_start_with_a_reading_of_its_z():
    text = "2u 2um 2a 2er 12u 2U 2"
    assert [w.text for w in words(text, 0, len(text))] == ["2u", "2um", "2a", "2er"]


def test_a_word_may_start_with_a_reading_of_its_umlaut():
    # (the next letter lower-case, the one after any letter: "4uSerst" has its ß read as S)
    text = "4uSerst 6ffentlich 4er 4U 4 46er 4a"
    assert [w.text for w in words(text, 0, len(text))] == ["4uSerst", "6ffentlich", "4er"]
    # (G6 inside a word is its ö, no identifier of camelCase and digits: getUtf8Bytes)
    text = "hG6ren getUtf8Bytes toBase64"
    assert [w.text for w in words(text, 0, len(text))] == ["hG6ren"]


@pytest.mark.parametrize("word", ["Fiihrungǅ", "groBeЖ", "Miinchenไทย", "ĭFiihrung", "uberȶ"])
def test_a_word_with_a_letter_no_word_holds_stays(word):
    """No listed word holds it and OCR reads it for none: no repair makes the word one,
    and the sure readings of the rest ("ii", "B") would put out a word nothing knows."""
    cleaner = Cleaner()
    assert not cleaner._ctx.corrector.readable(word)
    assert cleaner.clean(f"Die {word} in Miinchen") == f"Die {word} in München"


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("Starten Sie ihn mit sudo systemctl start meindienst und prüfen Sie", "start", True),
        ("Starten Sie ihn mit sudo systemctl start meindienst und prüfen Sie", "meindienst", True),
        ("mit sudo systemctl start meindienst und prüfen Sie", "prüfen", False),  # after "und": prose again
        ("den Zustand (systemctl status meindienst) prüfen", "status", True),
        ("mit useradd -m -s /bin/bash anna an", "anna", True),
        ("Er sagte: git. Dann kam er", "kam", False),  # the clause ended
        ("Das Programm startet mit start", "start", False),  # no command before it
        ("Er nutzt Git start", "start", False),  # a name in prose, capitalized
    ],
)
def test_shell_command_arguments(text, word, expected):
    assert after_command(text, text.rindex(word)) is expected


@pytest.mark.parametrize(
    "word, form, allowed",
    [
        ("rothlich", "röthlich", True),  # OCR read the th: the text had it
        ("dafs", "daß", True),  # ... or a ß
        ("Wertn", "Werth", False),  # a misread shape made the th
        ("tbun", "thun", False),
    ],
)
def test_old_forms_where_the_era_is_unknown_only_with_the_old_letters_ocr_read(word, form, allowed):
    from ocrfix.correct import _old_seen

    lex = Cleaner()._ctx.lexicon
    assert lex.historical(form) and not lex.target(form)
    assert lex.target(form, None, _old_seen(word, form)) is allowed


def test_a_lower_case_compound_ends_in_a_lower_case_word():
    """A compound is what its last part is: "spät|antiker" is an adjective, "durch|wächter" no word."""
    ctx = Cleaner()._ctx
    lex, corrector = ctx.lexicon, ctx.corrector
    assert lex.lower_compound("spätantiker") and lex.lower_compound("burgähnlicher")
    assert not lex.lower_compound("durchwächter") and lex.compound_like("durchwächter")
    assert not corrector.knows("durchwächter", {}) and corrector.knows("Durchwächter", {})


@pytest.mark.parametrize("word", ["vorzuschützen", "Bürgerlichste", "gerührts", "abströmenden"])
def test_a_listed_word_with_what_german_adds_to_any_is_known(word):
    """A zu-infinitive, a superlative, an elided "es" and a verb prefix make forms the lists
    lack: a sure reading may put them out."""
    corrector = Cleaner()._ctx.corrector
    assert corrector.knows(word, {})


@pytest.mark.parametrize("word", ["vorzuschützlen", "Bürgerlichtste", "gerührtx", "abstrmenden"])
def test_a_word_no_list_knows_in_any_form_stays_unknown(word):
    assert not Cleaner()._ctx.corrector.knows(word, {})


@pytest.mark.parametrize(
    ("form", "at", "dotted"),
    [
        ("Heizkörperthermostat", 4, True),  # a listed part between known ones
        ("durchlässigkeit", 8, True),  # before a suffix
        ("Bücherregalbrettchen", 1, True),
        ("Schulgärtnerinnen", 5, True),
        ("Schulgärtnerichs", 5, False),  # "ichs" ends no word
        ("Heizkörperxyz", 4, False),
    ],
)
def test_restored_dots_fall_in_a_listed_part(form, at, dotted):
    """Dots put back in a long word that nothing knows must fall in a listed word of five
    letters or more, after known words and before known words or an ending."""
    corrector = Cleaner()._ctx.corrector
    assert corrector._dotted_part(form, at) is dotted


def test_dots_for_known_parts_only_where_the_word_is_no_known_parts_as_read():
    """A compound of three parts that hunspell does not build gets its lost dots back; one that
    is known parts as it stands ("Sau|getier|fell") stays, as does one in intact text."""
    corrector = Cleaner()._ctx.corrector
    lost = Key((LOST,) * 4, LOST, NEUTRAL, NEUTRAL, False)
    fix = corrector.fix("Heizkorperthermostatventil", False, False, lost)
    assert fix is not None and (fix.replacement, fix.rule) == ("Heizkörperthermostatventil", "umlaut")
    assert corrector.fix("Saugetierfell", False, False, lost) is None
    intact = Key((INTACT,) * 4, INTACT, NEUTRAL, NEUTRAL, False)
    assert corrector.fix("Heizkorperthermostatventil", False, False, intact) is None


@pytest.mark.parametrize(
    ("seen", "form", "at", "reading"),
    [
        ("gefiillt", "gefällt", 3, "ii"),
        ("geschatzt", "geschätzt", 5, "a"),
        ("Gemdalde", "Gemälde", 3, "da"),
        ("fhren", "führen", 1, ""),  # the letter dropped
        ("miiBig", "mäßig", 1, "ii"),  # the letter and the ß after it read together, each part a reading
        ("regelmaftig", "regelmäßig", 6, "a"),  # "äß" read as "aft": a for ä, ft for ß
        ("mxig", "mäßig", 1, None),  # "äß" read as "x": the letter is part of a longer misreading
    ],
)
def test_what_ocr_read_for_a_letter(seen, form, at, reading):
    assert _read_for(seen, form, at) == reading


def test_an_old_form_is_no_misread_shape_where_the_text_may_be_old():
    """"von seiten" is the old spelling: where misread shapes are plain but the era is unknown,
    an old form changes by shapes alone only towards a far more common word; in modern text it
    is the misreading it looks like ("seiten": "selten")."""
    corrector = Cleaner()._ctx.corrector
    unknown_era = Key((LOST,) * 4, LOST, LOST, NEUTRAL, False)
    assert corrector.lex.historical("seiten")
    assert corrector.fix("seiten", False, False, unknown_era) is None
    fix = corrector.fix("seiten", False, False, unknown_era._replace(modern=True))
    assert fix is not None and fix.replacement == "selten"


def test_a_twin_reads_its_neighbours_as_corrected() -> None:
    """The context of a twin (words._view) holds the edits made before it, its own form, and
    the fixes of the words after it, with its offsets in that text."""
    text = "Ich wiinschte, er hatte gewifs mehr Zeit."
    ws = list(words(text, 0, len(text)))
    i = [w.text for w in ws].index("hatte")
    edits = [Edit(4, 13, "wünschte", "umlaut")]
    fixes = {j: Fix("gewiß", "eszett", 0.9) if w.text == "gewifs" else None for j, w in enumerate(ws)}
    view, start, end = _view(text, ws, i, edits, fixes.__getitem__, frozenset(), "hätte")
    assert view == "Ich wünschte, er hätte gewiß mehr Zeit."
    assert view[start:end] == "hätte"
    # a quiet word is never asked about
    view, start, end = _view(text, ws, i, [], lambda j: pytest.fail("asked"), frozenset(w.text for w in ws), "hatte")
    assert (view, view[start:end]) == (text, "hatte")


def test_one_reading_in_a_capitalized_word_by_the_shapes_channel():
    """A capitalized word that nothing knows is one misread shape away from a common word only
    where the text shows misread shapes, or from twelve letters on (a compound more often than a
    name), and a short one only where it shows them plainly (a name); old text gets the same
    fallback for its lower-case words."""
    corrector = Cleaner()._ctx.corrector
    neutral = Key((LOST,) * 4, LOST, NEUTRAL, NEUTRAL, False)
    fix = corrector.fix("Landschaff", False, False, neutral)
    assert fix is not None and (fix.replacement, fix.rule) == ("Landschaft", "letters")
    assert corrector.fix("Landschaff", False, False, neutral._replace(shapes=INTACT)) is None
    fix = corrector.fix("Gesellschaff", False, False, neutral._replace(shapes=INTACT))
    assert fix is not None and fix.replacement == "Gesellschaft"  # (twelve letters: NAME_MAX_LEN)
    assert corrector.fix("Buchhaltong", False, False, neutral) is None  # (no reading: "o" for "u")
    assert corrector.fix("Fieund", False, False, neutral) is None  # (short: a name may be meant)
    fix = corrector.fix("Fieund", False, False, neutral._replace(shapes=LOST))
    assert fix is not None and fix.replacement == "Freund"
    old = neutral._replace(old=True)
    fix = corrector.fix("wohnlen", False, False, old)
    assert fix is not None and fix.replacement == "wohnten"
    # a reading of a dotted letter that the text need not show ("it" for "ä", "éi" for "ö"),
    # reported as the reading's rule
    for seen, meant in (("Gebitude", "Gebäude"), ("gewéihnlich", "gewöhnlich")):
        fix = corrector.fix(seen, False, False, neutral)
        assert fix is not None and (fix.replacement, fix.rule) == (meant, "umlaut")


def test_a_short_capitalized_word_gets_a_shape_fix_towards_a_common_word_only():
    """Where the text shows misread shapes only as a sign, a capitalized word of fewer than
    READ_MIN_CAPITAL letters may be a name or a foreign word ("Errare humanum est"): one misread
    shape changes it only towards a common word ("Wcrk": "Werk"), not a rare one ("Errate");
    where the text shows them plainly, towards a rare one too."""
    corrector = Cleaner()._ctx.corrector
    sign = Key((INTACT,) * 4, INTACT, NEUTRAL, NEUTRAL, False)
    assert corrector.fix("Errare", False, False, sign) is None
    fix = corrector.fix("Wcrk", False, False, sign)
    assert fix is not None and fix.replacement == "Werk"
    fix = corrector.fix("Errare", False, False, sign._replace(shapes=LOST))
    assert fix is not None and fix.replacement == "Errate"


def test_one_reading_makes_a_long_compound_two_listed_words():
    """A long word that no list, hunspell or known parts take is the one reading that makes it
    two listed words of five letters or more; a word that is known parts as it stands stays."""
    corrector = Cleaner()._ctx.corrector
    neutral = Key((LOST,) * 4, LOST, NEUTRAL, NEUTRAL, False)
    for seen, meant in (("Tischlerwcrkstatt", "Tischler|werkstatt"), ("Fensterrahmeufarbe", "Fensterrahmen|farbe")):
        fix = corrector._read_compound(seen, neutral)
        assert fix is not None and (fix.replacement, fix.rule) == (meant.replace("|", ""), "letters")
    assert corrector._read_compound("Fensterrahmenfarbe", neutral) is None  # (known parts as it stands)
    assert corrector._read_compound("Regenwasserfasstonne", neutral) is None  # (Regenwasser|fass|tonne)
    fix = corrector.fix("Tischlerwcrkstatt", False, False, neutral)
    assert fix is not None and fix.replacement == "Tischlerwerkstatt"
    # a plain vowel for a dotted one only where the text does not keep that dot intact
    fix = corrector._read_compound("Fahrradschlusselbund", neutral)
    assert fix is not None and fix.replacement == "Fahrradschlüsselbund"
    assert corrector._read_compound("Fahrradschlusselbund", neutral._replace(dots=(INTACT,) * 4)) is None


def test_a_known_word_taken_as_junk_becomes_no_rarer_word():
    """Old text knows no English, so a word only the web knows is looked at as junk there; its
    fix must still be more common than the word as written ("goes" is no "gots")."""
    corrector = Cleaner()._ctx.corrector
    old = Key((INTACT,) * 4, INTACT, LOST, INTACT, True)
    assert corrector.fix("goes", False, False, old) is None
    fix = corrector.fix("ruben", False, False, old)  # (rarer than "ruhen": a misread h)
    assert fix is not None and fix.replacement == "ruhen"


@pytest.mark.parametrize(
    "text, left, right, joined",
    [
        ("Der Sprecher trat vor. To be or not to be, sagte er.", "To", "be", False),  # two words, a sentence's start
        ("Sie trat vor. Tobe nicht so, sagte er.", "Tobe", "nicht", False),
        ("mit einigen Ris\nsen im Stoff", "Ris", "sen", True),  # a capital inside a sentence: a noun's start
    ],
)
def test_two_common_words_are_not_joined(text, left, right, joined):
    corrector = Cleaner()._ctx.corrector
    found = list(words(text, 0, len(text)))
    i = next(i for i, w in enumerate(found) if w.text == left)
    assert found[i + 1].text == right
    assert corrector.should_merge(text, found[i], found[i + 1]) is joined


def test_shell_commands_and_code_keywords_stay():
    """A shell command's name and a keyword of code are no German words: "make" is no "male",
    "def" no "der" (nor is what follows: "self" is no "seit")."""
    cleaner = Cleaner()
    text = (
        "Bauen Sie es so:\n\n    def build(self, ziel: str) -> int:\n        return run(ziel)\n\n"
        "Danach make install ausführen; alte Meldungen zeigt dmesg | tail an."
    )
    assert cleaner.clean(text) == text


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Starten Sie ihn mit sudo systemetl restart drucker.service neu.", "systemctl"),
        ("Sichern Sie den Ordner mit rsyne -a quelle/ ziel/ auf die Platte.", "rsync"),
        ("Die Meldungen zeigt journaletl --since heute an.", "journalctl"),
        ("Er sagte nur systemetl und ging.", "systemetl"),  # no command line follows
        ("I clung to the rope, she said.", "clung"),  # (English: "clang" is a compiler)
    ],
)
def test_a_misread_shell_command_before_its_arguments(text, fixed):
    """A command of five letters or more that one letter reading made into no word ("c" read
    as "e") is that command where an option, a path or a file name follows."""
    misread = next(w for w in text.split() if w[:2] == fixed[:2])
    assert Cleaner().clean(text) == text.replace(misread, fixed)


def test_a_recurring_lower_case_word_an_edit_would_change_is_the_documents_own():
    """OCR seldom makes the same edit in the same word three times: a lower-case term that
    recurs ("messd", a daemon's name) is the document's own, as with a shape guess."""
    from ocrfix.words import _own_word

    cleaner = Cleaner()
    lex = cleaner._ctx.lexicon
    text = "Der Dienst messd liest die Werte. Starten Sie messd neu, denn messd liest sie nur beim Start."
    doc = read(text, lex)
    assert _own_word(doc, "messd", Fix("messe", "dictionary", 0.6), lex, text.index("messd"))
    once = read("Der Dienst messd liest die Werte beim Start.", lex)
    assert not _own_word(once, "messd", Fix("messe", "dictionary", 0.6), lex, once.text.index("messd"))


def test_sure_umlauts_only_of_a_lost_channel_and_not_in_a_known_word():
    """A capital inside a word ("begUtigte") is the English model's ü only where the text lost
    its ü; a word known in lower case ("WhatsApp": "Whatsapp") is a name written so."""
    from ocrfix.correct import _unambiguous

    lex = Cleaner()._ctx.lexicon
    lost = Key((LOST,) * 4, LOST, NEUTRAL, NEUTRAL, False)
    fix = _unambiguous("begUtigte", lost, lex)
    assert fix is not None and fix.replacement == "begütigte"
    assert _unambiguous("begUtigte", lost._replace(dots=(LOST, LOST, INTACT, LOST)), lex) is None
    assert _unambiguous("WhatsApp", lost, lex) is None


@pytest.mark.parametrize(
    "text, token, expected",
    [
        ("Sie traf den Zoologen Nikolaas Hoekstra am Fluss.", "Nikolaas", True),  # a surname after it
        ("Sie las das Buch von Hoekstra Nikolaas am Fluss.", "Nikolaas", False),  # not by the word before it
        ("Sie traf den Zoologen Nikolaas am Fluss.", "Nikolaas", False),  # a listed word after it
        ("Sie traf ihn. Dic Rcgierung tagte.", "Dic", False),  # a sentence's start
    ],
)
def test_a_capitalized_word_beside_an_unknown_capitalized_word_is_a_names_part(text, token, expected):
    from ocrfix.words import _beside_a_name

    lex = Cleaner()._ctx.lexicon
    start = text.index(token)
    assert _beside_a_name(lex, text, token, start, start + len(token)) is expected


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("    def build(self, ziel):\n        return run(ziel)\n", "def", True),  # a line of code
        ("var x = f(1);\n", "var", True),
        ("Die Fiihrung kam, def Mann (ein Arzt) sprach: gut.", "def", False),  # "der" misread, in prose
        ("def Mann (ein Arzt) kam\n", "def", False),  # a line of prose that ends as none of code does
    ],
)
def test_a_keyword_ocr_may_make_of_a_word_is_code_only_on_a_line_of_code(text, word, expected):
    from ocrfix.tokens import code_line

    assert code_line(text, text.index(word)) is expected


def test_a_short_quotation_of_foreign_words_is_a_foreign_phrase():
    """Most of its words foreign words the lists know, no more than half listed German: a
    foreign phrase. German quotations, damaged or not, and long ones are not."""
    lex = Cleaner()._ctx.corrector.lex
    text = "Er sagte „Alea iacta est“, dann „Die Fiihrung karn spat“ und „So far, so good“."
    spans = [text[a:b] for a, b in _foreign_quotes(text, lex)]
    assert spans == ["„Alea iacta est“", "„So far, so good“"]
    assert _foreign_quotes("Sie rief „Das Gesprach war gut“.", lex) == []  # (German with its dots lost)
    assert _foreign_quotes("Er rief »Attila, Konig Attila«.", lex) == []  # (names)


def test_the_last_letter_of_a_short_word_read_for_the_eszett_of_dass():
    """Old faces' OCR reads the ß of "daß", the commonest old form, as any letter: in text that
    is old, or may be and lost its ß, a three-letter word nothing knows is "daß"; an old or
    dialect form ("dat") stays, and so does any such word in modern text."""
    corrector = Cleaner()._ctx.corrector
    old = Key((LOST,) * 4, LOST, LOST, NEUTRAL, True)
    for seen, meant in (("dai", "daß"), ("dab", "daß"), ("Dab", "Daß")):
        fix = corrector.fix(seen, seen[0].isupper(), False, old)
        assert fix is not None and (fix.replacement, fix.rule) == (meant, "eszett")
    fix = corrector.fix("dai", False, False, old._replace(old=False))  # (the era unknown, the ß lost)
    assert fix is not None and fix.replacement == "daß"
    assert corrector.fix("dat", False, False, old) is None
    assert corrector.fix("dai", False, False, old._replace(old=False, modern=True)) is None


def test_a_unit_symbol_after_a_number_is_no_word():
    from ocrfix.tokens import unit_after_number

    text = "Die Schicht ist 80 nm dick, der Strom 5\u00a0mA, und nm allein ist keine Einheit."
    assert unit_after_number(text, "nm", text.index("nm"))
    assert unit_after_number(text, "mA", text.index("mA"))
    assert not unit_after_number(text, "nm", text.rindex("nm"))  # (no number before it)
    assert not unit_after_number("Es waren 3 um 5 Uhr.", "um", 9)  # (no unit)
