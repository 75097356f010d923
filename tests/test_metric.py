"""The benchmark's sentence split (benchmarks/metric.py), which --sentences scores by."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from metric import sentences  # noqa: E402


def test_pairs_of_sentences_where_truth_and_input_split_alike():
    record = {
        "truth": "Der Zug fährt um acht Uhr ab. »Bist du bereit?« Sie nickte nur kurz.",
        "ocr": "Der Zug fahrt um acht Uhr ab. »Bist du bereit?« Sie nickte nur kurz.",
    }
    assert sentences([record]) == [
        {"truth": "Der Zug fährt um acht Uhr ab.", "ocr": "Der Zug fahrt um acht Uhr ab."},
        {"truth": "»Bist du bereit?«", "ocr": "»Bist du bereit?«"},
        {"truth": "Sie nickte nur kurz.", "ocr": "Sie nickte nur kurz."},
    ]


def test_a_record_whose_input_lost_a_full_stop_is_left_out():
    record = {"truth": "Es regnet seit Tagen. Die Felder stehen unter Wasser.",
              "ocr": "Es regnet seit Tagen Die Felder stehen unter Wasser."}
    assert sentences([record]) == []


def test_correct_text_and_short_sentences():
    record = {"text": "Ja. Das Wetter bleibt heute trocken. Morgen soll es schneien, sagt der Dienst."}
    assert sentences([record]) == [
        {"text": "Das Wetter bleibt heute trocken."},
        {"text": "Morgen soll es schneien, sagt der Dienst."},
    ]


def test_no_split_after_an_abbreviation_before_a_small_letter():
    record = {"text": "Er kam ca. drei Stunden später an und ging gleich wieder."}
    assert sentences([record]) == [record]
