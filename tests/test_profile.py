"""ocrfix.profile: what a document says about its own damage (issue 10)."""

from __future__ import annotations

import dataclasses
import json

import pytest

import ocrfix
from ocrfix import Cleaner, Profile
from ocrfix.document import read
from ocrfix.lexicon import get_lexicon

# Our own sentences, damaged the way each source damages text.
ENGLISH_MODEL = (
    "Die Fiihrung der Stadtwerke kiindigte an, dass die groBen Anlagen fur die Versorgung im "
    "Friihjahr erneuert werden. Die Arbeiten dauern Gber zwei Jahre, und die Kosten kénnten "
    "steigen, sagte die Sprecherin. Die Biirger wurden informiert."
)
GERMAN_MODEL = (
    "Die Führung der Stadtwerke kündigte an, dass die großen Anlagen für die Versorgung im "
    "Frühjahr erneuert werden. Die Arbeiten dauern über zwei Jahre, und die Kosten könnten "
    "steigen, sagte die Sprecherin. Die Bürger wurden informiert, und die Gemeinde prüft es."
)
OLD_SPELLING = (
    "Er wuBte wohl, daB er das SchloB vor dem Abend verlassen muB, denn der FluB stieg, und "
    "sein EntschluB stand fest. DaB es regnete, lieB ihn kalt; er lief zum Thor hinaus."
)


def test_text_read_by_an_english_model():
    p = ocrfix.profile(ENGLISH_MODEL)
    assert {c.name: c.state for c in p.channels if c.name in "äöüß"} == dict.fromkeys("äöüß", "lost")
    assert p.english_model >= 4
    assert p.channel("ü").lost > p.channel("ü").intact
    assert 0.15 < p.damaged < 0.6


def test_correct_text_is_intact_and_undamaged():
    p = ocrfix.profile(GERMAN_MODEL)
    assert all(c.state == "intact" for c in p.channels if c.name in "äöüß")
    assert p.english_model == 0 and p.damaged == 0.0
    assert p.era == "modern"  # "dass"


def test_old_spelling_is_told_by_its_readings():
    p = ocrfix.profile(OLD_SPELLING)
    assert p.era == "traditional" and p.traditional >= 3 and p.modern == 0
    assert p.channel("ß").state == "lost"


def test_only_one_letter_lost():
    text = "Die Bäume blühen schön, die Vögel singen in den Gärten, aber uber den Winter frieren sie, und fur die Kinder ist es hart."
    p = ocrfix.profile(text)
    assert p.channel("ü").state == "lost"
    assert p.channel("ä").state == "intact" and p.channel("ö").state == "intact"


def test_an_old_form_as_common_as_its_dotted_twin_is_no_sign():
    """ "ander" (old for "andere") is a word as it stands, not a lost "änder"; "uber" is a lost "über"."""
    p = ocrfix.profile("Und ander Leute gingen mit ihm in die Dämmerung hinaus.")
    assert p.channel("ä").lost == 0 and p.channel("ä").intact == 1
    assert ocrfix.profile("Und ander Leute gingen uber die Brücke.").channel("ü").lost == 1


def test_profile_is_a_small_frozen_result_that_serializes():
    p = Cleaner().profile(ENGLISH_MODEL)
    assert p == ocrfix.profile(ENGLISH_MODEL)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.era = "modern"  # type: ignore[misc]
    record = json.loads(json.dumps(p.to_dict(), ensure_ascii=False))
    assert record["channels"]["ü"]["state"] == "lost" and record["words"] == p.words
    assert isinstance(p, Profile)


def test_explain_and_profile_agree_with_their_parts():
    cleaner = Cleaner()
    explanation, p = cleaner.explain_and_profile(ENGLISH_MODEL)
    assert explanation == cleaner.explain(ENGLISH_MODEL)
    assert p == cleaner.profile(ENGLISH_MODEL)


def test_empty_and_short_texts():
    assert ocrfix.profile("").words == 0
    p = ocrfix.profile("Hallo")
    assert p.damaged == 0.0 and p.era == "unknown"


def test_the_era_is_told_by_the_letters_of_old_forms_too():
    """'thun', 'Noth', 'seyn', 'todt' are pre-1901 spelling; 'That' and names such as 'Huth' are no sign."""
    old = "Er wollte nichts mehr thun, denn die Noth war groß, und was er gethan hatte, reute ihn. " * 2
    assert ocrfix.profile(old).era == "traditional"
    assert ocrfix.profile("Er mag nicht mehr seyn, der Hund ist todt, und bey uns ist es still. " * 2).era == "traditional"
    today = "Der Film heißt That Girl; Regie führte Anna Huth, die Musik schrieb Tom Roth. " * 2
    assert ocrfix.profile(today).era != "traditional"


def test_the_era_is_told_by_other_old_spellings_too():
    """c for k or z, -iren for -ieren and ie for i ('Doctor', 'Medicin', 'disponirt', 'giebt')
    are pre-1901 spelling; names with a c and today's spelling are no sign."""
    old = "Der Doctor gieng früh zum Kranken, disponirte alles und giebt ihm eine Medicin."
    assert ocrfix.profile(old).era == "traditional"
    assert ocrfix.profile(old.replace("Doctor", "Doktor").replace("gieng", "ging")
                          .replace("disponirte", "disponierte").replace("giebt", "gibt")
                          .replace("Medicin", "Medizin")).era == "unknown"
    assert ocrfix.profile("Marco und Lucas fahren mit Victor und Carla nach Cádiz.").era == "unknown"


def test_repairs_into_old_forms_tell_the_era_where_the_words_do_not():
    """"dab" is no sign (it is no reading of the ß the era looks for), "daß" repaired from it is."""
    p = ocrfix.profile("Er wiinschte, dab alles gut ginge, und er glaubte, da sie ihn verstehen wiirde.")
    assert (p.era, p.traditional, p.modern) == ("traditional", 2, 0)  # (and the "da" it then repairs)
    p = ocrfix.profile("Er wiinschte, dab alles gut ginge, und sie glaubte, dass er es wiirde.")
    assert p.era != "traditional"  # (a modern form: the repair decides nothing)


def test_an_old_form_whose_eszett_was_read_as_a_digit_or_sign_tells_the_era():
    """"da8", "La&" and "dafS" are "daß" and "Laß" as "daB" is; "gro8e" is today's "große" too."""
    assert ocrfix.profile("Er sagte, da8 er morgen kommt.").era == "traditional"
    assert ocrfix.profile("La& ihn gehen, sagte sie.").era == "traditional"
    assert ocrfix.profile("Ich hoffe, da} es bald regnet.").era == "traditional"  # (the only mark of the text)
    assert ocrfix.profile("Er weiß, dafS sie kommt.").era == "traditional"  # (two letters: fS)
    assert ocrfix.profile("Der gro8e Hund und die wei&e Katze schliefen.").era == "unknown"


def test_an_acronym_is_no_sign_of_the_era():
    """An S in capitals is no misread ß: "IS" and "USA" say nothing of the spelling."""
    text = "Der IS bekannte sich zu dem Anschlag, die USA und die EU verurteilten ihn. Die Lage war ernst."
    assert ocrfix.profile(text).era == "unknown"
    assert ocrfix.profile(text.replace("ernst", "ernst, daB es kaum einer glaubte")).era == "traditional"


def test_a_token_common_today_is_no_dropped_eszett():
    """Where ß are lost, "mu" is "muß" with its ß dropped, but "la" is the article of French names."""
    text = ("Die StraBe zur Place de la Concorde ist groB, die FuBganger gehen zum Musée de la Ville "
            "und weiter zur Rue de la Paix. Die groBen Platze sind schon.")
    assert ocrfix.profile(text).era != "traditional"


def test_a_word_more_common_as_written_than_its_old_form_is_no_sign_of_the_era():
    """"if" read with ß would be "iß", an old form, but far rarer than "if" is in text today:
    code and English say nothing of the spelling; "dafs" (for "daß") does."""
    text = "Die Bedingung if x and not y prüft beides. Die Schleife endet danach."
    assert ocrfix.profile(text).era == "unknown"
    assert ocrfix.profile(text.replace("endet", "endet, dafs es kaum einer merkt")).era == "traditional"


def test_the_rare_readings_a_text_shows_are_in_its_profile():
    p = ocrfix.profile("Die Kinder wollten im Wald Holz sanimeln, doch die Mutter rief sie nach Hause.")
    assert p.readings == ("ni→m",) and p.to_dict()["readings"] == ["ni→m"]
    assert ocrfix.profile("Die Kinder wollten im Wald Holz sammeln.").readings == ()


def test_a_capitalized_word_far_rarer_than_its_dotted_twin_is_evidence():
    # a short verse whose nouns lost their dots: capitalized words count where the dotted
    # form is far more common ("Konig", "Hande"), and a name stays no evidence ("Trummer")
    verse = "Der Konig hob die Hande, die Gotter sahen zu, und er ging heim."
    p = ocrfix.profile(verse)
    assert p.channel("ö").lost == 2 and p.channel("ä").lost == 1
    assert ocrfix.clean(verse) == "Der König hob die Hände, die Götter sahen zu, und er ging heim."
    names = ocrfix.profile("Herr Trummer und Frau Horner kamen am Montag.")
    assert names.channel("ü").lost == 0 and names.channel("ö").lost == 0


def test_a_capitalized_word_one_misread_shape_from_a_common_word_is_evidence():
    # German-model text keeps its dots; "Verwaltnng" (n for u) and "Repuhlik" (h for b) show
    # misread shapes, and then such a long capitalized word gets one reading's fix; names that
    # no single shape makes a common word ("Hallberg", "Sommerin") are no evidence
    text = "Die Verwaltnng der Repuhlik prüfte die Wasserversorgung, sagte Frau Hallberg."
    assert ocrfix.profile(text).channel("shapes").lost == 2
    assert ocrfix.clean(text) == "Die Verwaltung der Republik prüfte die Wasserversorgung, sagte Frau Hallberg."
    names = ocrfix.profile("Frau Hallberg und Herr Sommerin prüften die Wasserversorgung.")
    assert names.channel("shapes").lost == 0
    # so is one with ss, fi, fl, ff or dots ("Eintluss": f read as t)
    assert ocrfix.profile("Der Eintluss der Kommission wächst, sagte Frau Hallberg.").channel("shapes").lost == 1


def test_a_capital_b_that_joins_two_listed_words_is_no_eszett():
    # product names join two words with a capital ("WetterBox"): no ß read as B, as in "groBe"
    joined = ocrfix.profile("Die WetterBox und die InfoBox zeigen die Temperatur an.")
    assert joined.channel("ß").lost == 0
    assert ocrfix.profile("Die groBe Box zeigt die Temperatur an.").channel("ß").lost > 0


def test_dotted_words_that_lose_their_dots_to_become_listed_make_a_dialect_scene():
    # a Swiss scene: "nöch", "dänn" and "Gärn" are no German model's made-up dots, so they count
    # with the dialect forms and not as misread shapes; one such word in standard German does not
    swiss = "„Chömed Si nöch inä, es isch dänn gmüetlicher“, hät de Wirt gsait. „Gärn“, hät sie gsait."
    lex = get_lexicon("de_DE", frozenset())
    doc = read(swiss, lex)
    assert doc.dialect_scene
    assert ocrfix.clean(swiss) == swiss
    assert not read("Die Orgänisation der Regionalmeisterschaft übernahm der Verein, der im Dorf lange besteht.", lex).dialect_scene


def test_dialect_in_the_quotations_alone_is_a_dialect_scene_there():
    # standard narration, Saxon speech: the quotations' unknown words are the dialect's, not
    # misread shapes; the same words outside quotation marks still count
    speech = (
        "Der Fremde fragte nach dem Weg zum Bahnhof, weil er den letzten Zug am Abend nicht verpassen wollte. "
        "Der alte Mann an der Ecke dachte nach und sagte: „Nu, do missense hier nunter laafn, un dann glei links.“ "
        "Der Fremde bedankte sich und ging mit seinem Koffer los, kam aber nach einer Stunde zurück. "
        "„Do hamse sich verloofn, wa? Ich hab doch gesaacht, glei links!“"
    )
    lex = get_lexicon("de_DE", frozenset())
    doc = read(speech, lex)
    assert not doc.dialect_scene and doc.speech
    assert doc.in_speech(speech.index("laafn")) and not doc.in_speech(speech.index("Koffer"))
    assert ocrfix.profile(speech).channel("shapes").lost == 0
    plain = speech.replace("„", "").replace("“", "")
    assert ocrfix.profile(plain).channel("shapes").lost > 0


def test_quotations_full_of_unknown_words_in_clean_narration_are_the_dialects():
    # Swiss speech has few forms the lists know as old or dialect, but many no list knows;
    # where the narration around it holds hardly any such word, they are its own, no damage
    swiss = (
        "Am Bahnhof in Luzern fragte eine Touristin aus Köln den Mann am Schalter nach dem nächsten Zug "
        "in die Berge. Er sah kurz auf den Fahrplan und antwortete ruhig: „Grüessech, dä nächscht Zug "
        "fahrt grad am halbi drü, Si müend aber z Arth-Goldau umstiige.“ Die Touristin bedankte sich "
        "und kaufte eine Karte. Als sie ging, rief er ihr noch nach: „Uf Widerluege, gönd Si gschwind!“"
    )
    lex = get_lexicon("de_DE", frozenset())
    assert read(swiss, lex).speech
    assert ocrfix.profile(swiss).channel("shapes").lost == 0
    assert ocrfix.clean(swiss) == swiss
    # the same quotations in a text that misreads shapes in its narration too are no dialect scene
    damaged = swiss.replace("fragte", "fragle").replace("antwortete", "antwortcte").replace("bedankte", "bedaukte")
    assert not read(damaged, lex).speech


def test_words_no_misread_shape_takes_to_a_known_word_show_no_misread_shapes():
    # terms and old or foreign forms the lists lack ("wibil", "wifel") are a sign at most; one word
    # a misread shape takes to a known word ("gcschrieben": c for e) shows them plainly
    terms = (
        "Im Althochdeutschen hiess der Kafer wibil, im Mittelhochdeutschen wibel; verwandt sind altenglisch "
        "wifel und gotisch wibils, doch die Wurzel bleibt dunkel, sagen die Worterbucher."
    )
    assert ocrfix.profile(terms).channel("shapes").state == "neutral"
    assert ocrfix.profile(terms + " So steht es gcschrieben.").channel("shapes").state == "lost"


def test_an_old_form_is_one_old_text_uses_at_least_as_often_as_the_web():
    lex = get_lexicon("de_DE", frozenset())
    assert lex.old_form("nich") and lex.old_form("det")
    assert lex.historical("inn") and not lex.old_form("inn")  # (English "inn": the web has it more)
    assert not lex.old_form("Haus")


def test_a_word_is_no_evidence_for_its_own_lost_dots():
    """A dialect form the lists lack ("zudrucken" for "zudrücken") is the one word that lost
    its ü: by the others, the text keeps them, and the word is decided so."""
    lex = get_lexicon("de_DE", frozenset())
    text = "Der Hansi sagte, er müsse jetzt die Augen zudrucken, so müde sei er von der Fahrt über die Berge."
    doc = read(text, lex)
    assert doc.key.state("ü") != "intact" and doc.key_of("zudrucken", lex).state("ü") == "intact"
    assert ocrfix.clean(text) == text
    damaged = "Die Biirger sagten, er miisse die Augen zudrucken."  # (the English model's readings)
    doc = read(damaged, lex)
    assert doc.key_of("Biirger", lex) == doc.key and doc.key_of("zudrucken", lex) == doc.key
