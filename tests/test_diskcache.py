"""The per-user disk cache of the shipped tables (ocrfix.diskcache): an entry is read only
where it was made from the same files by the same code, and no folder can make it fail."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ocrfix import diskcache, ngrams
from ocrfix.lexicon import _WordList, data_dir


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


class Maker:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_an_entry_is_made_once_and_read_after(folder, tmp_path):
    source = tmp_path / "table.tsv"
    source.write_text("Haus\t500\n", encoding="utf-8")
    value = ({"Haus": 500, "daß": 3 << 14}, ("a", "b"), {"x": None}, frozenset({"y"}), "äöü")
    make = Maker(value)
    assert diskcache.cached("table", [source], make) == value
    assert diskcache.cached("table", [source], make) == value
    assert make.calls == 1
    assert [p.name for p in folder.iterdir()] == ["table.marshal"]  # (no temporary file left)


def test_a_changed_source_makes_the_entry_again(folder, tmp_path):
    source = tmp_path / "table.tsv"
    source.write_text("Haus\t500\n", encoding="utf-8")
    assert diskcache.cached("table", [source], Maker({"Haus": 500})) == {"Haus": 500}
    source.write_text("Haus\t510\n", encoding="utf-8")
    diskcache._file_digest.cache_clear()  # (a process reads each source once: a new process)
    make = Maker({"Haus": 510})
    assert diskcache.cached("table", [source], make) == {"Haus": 510} and make.calls == 1
    assert diskcache.cached("table", [source], Maker(None)) == {"Haus": 510}


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_a_damaged_entry_is_made_again(folder, tmp_path, damage):
    source = tmp_path / "table.tsv"
    source.write_text("Haus\t500\n", encoding="utf-8")
    value = {f"Haus{i}": i for i in range(100)}
    diskcache.cached("table", [source], Maker(value))
    entry = folder / "table.marshal"
    data = entry.read_bytes()
    head = data.index(b"\n") + 1
    # nothing, another key, or the right key and half the data (a process killed while writing
    # is not one: an entry is written whole or not at all)
    entry.write_bytes(data[: head + (len(data) - head) // 2] if damage is None else damage)
    make = Maker(value)
    assert diskcache.cached("table", [source], make) == value and make.calls == 1
    assert entry.read_bytes() == data


def test_off_or_unwritable_is_no_error(tmp_path, monkeypatch):
    source = tmp_path / "table.tsv"
    source.write_text("Haus\t500\n", encoding="utf-8")
    for value in ("off", "0", ""):
        monkeypatch.setenv(diskcache.ENV, value)
        assert diskcache.folder() is None
        make = Maker([1, 2])
        assert diskcache.cached("table", [source], make) == [1, 2]
        assert diskcache.cached("table", [source], make) == [1, 2] and make.calls == 2
    blocked = tmp_path / "a file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(diskcache.ENV, str(blocked / "cache"))  # (a folder inside a file)
    assert diskcache.cached("table", [source], Maker([3])) == [3]
    assert diskcache.cached("table", [tmp_path / "missing.tsv"], Maker([4])) == [4]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG layout")
def test_the_default_folder_is_the_users_cache(monkeypatch, tmp_path):
    monkeypatch.delenv(diskcache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert diskcache.folder() == tmp_path / "ocrfix"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert diskcache.folder() == tmp_path / ".cache" / "ocrfix"


def test_no_home_is_no_error(monkeypatch, tmp_path):
    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv(diskcache.ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setattr(diskcache.Path, "home", staticmethod(no_home))
    assert diskcache.folder() is None
    source = tmp_path / "table.tsv"
    source.write_text("Haus\t500\n", encoding="utf-8")
    assert diskcache.cached("table", [source], Maker({"Haus": 500})) == {"Haus": 500}


def test_the_shipped_tables_read_back_as_made(folder):
    wordlist, historical = data_dir() / "wordlist_de.tsv.gz", data_dir() / "historical_de.tsv.gz"
    made = _WordList(wordlist, historical)
    _WordList(wordlist, historical, cache=True).prefixes  # (writes both entries)
    read = _WordList(wordlist, historical, cache=True)
    assert sorted(p.name for p in folder.iterdir()) == ["index.marshal", "wordlist.marshal"]
    assert read.forms == made.forms and read.old_text == made.old_text
    assert read.parts == made.parts and read.known_parts == made.known_parts
    assert read.prefixes.items == made.prefixes.items and read.prefixes._drops == made.prefixes._drops
    assert read.prefixes._folded == made.prefixes._folded and read.prefixes.chars == made.prefixes.chars
    model = ngrams.read_model(data_dir() / "context_de.tsv.gz")
    again = ngrams.Model.from_tables(diskcache.cached("context", [data_dir() / "context_de.tsv.gz"], model.tables))
    assert again.tables() == model.tables()
    assert again.features("hätte") == model.features("hätte") != {}


def test_a_process_with_the_cache_cleans_as_one_without(folder):
    """The whole path in fresh processes: one writes the entries, one reads them, one has none."""
    text = "Die Fiihrung in Miinchen erdffnete ein groBes Projekt, als hatte er nichts davon gehort."
    code = f"import ocrfix; print(ocrfix.clean({text!r}))"
    outs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120,
                       env={**os.environ, "PYTHONIOENCODING": "utf-8", diskcache.ENV: value}).stdout
        for value in (str(folder), str(folder), "off")
    ]
    assert sorted(p.name for p in folder.iterdir()) == ["context.marshal", "index.marshal", "wordlist.marshal"]
    assert outs[0] == outs[1] == outs[2] == "Die Führung in München eröffnete ein großes Projekt, als hätte er nichts davon gehört.\n"
