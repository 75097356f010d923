"""The ``ocrfix`` command, run as a subprocess the way people run it.

Every run that cleans loads the dictionaries (about a second), so the cases
are grouped to keep the file fast; usage errors stop before the dictionaries
are touched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ocrfix
from ocrfix.config import Config

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
ENV.pop("NO_COLOR", None)
CLI = [sys.executable, "-m", "ocrfix.cli"]

# Damaged sentences and what the library makes of them.
BUERGER = "Die Biirger fordern eine schnelle Antwort fur den Verkehr."
BUERGER_OK = "Die Bürger fordern eine schnelle Antwort für den Verkehr."
FEST = "Ein groBes Fest fand im Friihjahr statt."
FEST_OK = "Ein großes Fest fand im Frühjahr statt."
PRUEFUNG = "Wir haben die Priifung bestanden und sind sehr gliicklich."
PRUEFUNG_OK = "Wir haben die Prüfung bestanden und sind sehr glücklich."
CLEAN = "Der Vertrag wurde am Montag unterschrieben."
# Long enough (some 380 letters) for a profile to tell the lost letters: read by an English OCR model, and intact.
STADTWERKE = (
    "Die Fiihrung der Stadtwerke kiindigte am Montag an, dass die groBen Anlagen fur die Versorgung\n"
    "der Gemeinde im Friihjahr erneuert werden. Die Arbeiten dauern iiber zwei Jahre, und die Kosten\n"
    "kénnten deutlich steigen, sagte die Sprecherin. Die Biirger wurden in einer Versammlung informiert,\n"
    "und viele fragten, wer die Gebiihren am Ende bezahlt. Der Biirgermeister versprach eine schnelle\n"
    "Priifung aller Einwande und eine offentliche Sitzung im Rathaus.\n"
)
STADTWERKE_OK = (
    "Die Führung der Stadtwerke kündigte am Montag an, dass die großen Anlagen für die Versorgung\n"
    "der Gemeinde im Frühjahr erneuert werden. Die Arbeiten dauern über zwei Jahre, und die Kosten\n"
    "könnten deutlich steigen, sagte die Sprecherin. Die Bürger wurden in einer Versammlung informiert,\n"
    "und viele fragten, wer die Gebühren am Ende bezahlt. Der Bürgermeister versprach eine schnelle\n"
    "Prüfung aller Einwände und eine öffentliche Sitzung im Rathaus.\n"
)


def run(*args: str | os.PathLike, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*CLI, *map(str, args)], input=stdin, capture_output=True, cwd=cwd, env=ENV, timeout=120)


def out(proc: subprocess.CompletedProcess[bytes]) -> str:
    return proc.stdout.decode("utf-8")


def err(proc: subprocess.CompletedProcess[bytes]) -> str:
    text = proc.stderr.decode("utf-8")
    assert "Traceback" not in text, text
    return text


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".ocrfix-tmp")]


# -- stdin and stdout -------------------------------------------------------------------


def test_stdin_to_stdout():
    proc = run(stdin=f"{BUERGER}\n{FEST}\n".encode())
    assert proc.returncode == 0, err(proc)
    assert out(proc) == f"{BUERGER_OK}\n{FEST_OK}\n"
    summary = err(proc)
    assert "1 file" in summary and "16 words" in summary and "eszett 1" in summary
    assert "umlaut 2" in summary and "context 1" in summary  # ("fur": its neighbours decide)


def test_dash_is_stdin_and_quiet_is_quiet():
    proc = run("-", "--quiet", stdin=PRUEFUNG.encode())
    assert (proc.returncode, out(proc), err(proc)) == (0, PRUEFUNG_OK, "")


@pytest.mark.skipif(shutil.which("ocrfix") is None, reason="the ocrfix command is not installed")
def test_installed_command():
    proc = subprocess.run(["ocrfix", "-q"], input=FEST.encode(), capture_output=True, timeout=120)
    assert (proc.returncode, proc.stdout.decode()) == (0, FEST_OK)
    version = subprocess.run(["ocrfix", "--version"], capture_output=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith(b"ocrfix ")


def test_help_reads_well():
    proc = run("--help")
    assert proc.returncode == 0
    text = out(proc)
    assert text.startswith("usage: ocrfix [OPTIONS] [PATH ...]")
    assert "examples:" in text and "exit status:" in text and "--out-dir DIR" in text
    for field in Config.__dataclass_fields__.values():  # every step switch comes from Config
        if field.type in (bool, "bool"):
            assert f"--{field.name}, --no-{field.name}" in text


def test_step_switches_and_user_words(tmp_path):
    text = "Die Firma Griinwerk baut\nGebaude fur die Stadt.\n"
    assert out(run("-q", stdin=text.encode())) == "Die Firma Grünwerk baut\nGebäude für die Stadt.\n"
    assert (
        out(run("-q", "--no-words", "--unwrap", stdin=text.encode()))
        == "Die Firma Griinwerk baut Gebaude fur die Stadt.\n"
    )
    folded = "Die grosse Strasse fuhrt zum Fluss.\n"  # (ss for ß, a for ä: a scrape's ASCII)
    assert out(run("-q", stdin=folded.encode())) == "Die grosse Strasse führt zum Fluss.\n"
    assert out(run("-q", "--folded", stdin=folded.encode())) == "Die große Straße führt zum Fluss.\n"
    words = tmp_path / "words.txt"
    words.write_text("# names of our customers\nGriinwerk\n", encoding="utf-8")
    assert (
        out(run("-q", "--user-words", words, stdin=text.encode()))
        == "Die Firma Griinwerk baut\nGebäude für die Stadt.\n"
    )


# -- files and folders ------------------------------------------------------------------


def make_tree(root: Path) -> None:
    (root / "2023" / "mai").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text(BUERGER + "\n", encoding="utf-8")
    (root / "2023" / "b.txt").write_text(FEST, encoding="utf-8")
    (root / "2023" / "mai" / "c.txt").write_text(CLEAN + "\r\n" + PRUEFUNG + "\r\n", encoding="utf-8")
    (root / "2023" / "mai" / "notes.md").write_text(FEST, encoding="utf-8")
    (root / ".git" / "x.txt").write_text(FEST, encoding="utf-8")


def test_tree_into_out_dir_on_two_workers(tmp_path):
    src, dst = tmp_path / "scans", tmp_path / "clean"
    make_tree(src)
    before = {p: p.read_bytes() for p in src.rglob("*") if p.is_file()}
    proc = run(src, "--out-dir", dst, "-j", "2")
    assert proc.returncode == 0, err(proc)
    assert "3 files" in err(proc)
    assert sorted(str(p.relative_to(dst)) for p in dst.rglob("*") if p.is_file()) == [
        "2023/b.txt",
        "2023/mai/c.txt",
        "a.txt",
    ]
    assert (dst / "a.txt").read_text(encoding="utf-8") == BUERGER_OK + "\n"
    assert (dst / "2023" / "b.txt").read_text(encoding="utf-8") == FEST_OK
    assert (dst / "2023" / "mai" / "c.txt").read_bytes() == (CLEAN + "\r\n" + PRUEFUNG_OK + "\r\n").encode()
    assert {p: p.read_bytes() for p in src.rglob("*") if p.is_file()} == before  # inputs untouched


def test_jobs_zero_is_every_core(tmp_path):
    src, dst = tmp_path / "scans", tmp_path / "clean"
    make_tree(src)
    proc = run(src, "--out-dir", dst, "-j", "0", "-q")
    assert (proc.returncode, err(proc)) == (0, "")
    assert (dst / "2023" / "b.txt").read_text(encoding="utf-8") == FEST_OK


def test_glob_and_single_file_into_out_dir(tmp_path):
    src = tmp_path / "scans"
    make_tree(src)
    proc = run(src, "--glob", "*.md", "--glob", "2023/mai/*.txt", "--out-dir", tmp_path / "md", "-q")
    assert proc.returncode == 0, err(proc)
    found = sorted(str(p.relative_to(tmp_path / "md")) for p in (tmp_path / "md").rglob("*") if p.is_file())
    assert found == ["2023/mai/c.txt", "2023/mai/notes.md"]
    # a file named on the command line is taken whatever its name, and lands beside the others
    proc = run(src / "2023" / "mai" / "notes.md", "--out-dir", tmp_path / "one", "-q")
    assert (tmp_path / "one" / "notes.md").read_text(encoding="utf-8") == FEST_OK


def test_output_file(tmp_path):
    (tmp_path / "in.txt").write_text(FEST, encoding="utf-8")
    proc = run(tmp_path / "in.txt", "-o", tmp_path / "out.txt", "-q")
    assert proc.returncode == 0, err(proc)
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == FEST_OK
    assert (tmp_path / "in.txt").read_text(encoding="utf-8") == FEST
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out.txt"]


def test_in_place_keeps_a_backup(tmp_path):
    (tmp_path / "a.txt").write_text(FEST, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "a.txt").chmod(0o640)
    proc = run("--in-place", tmp_path, "-q")
    assert proc.returncode == 0, err(proc)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == FEST_OK
    assert (tmp_path / "a.txt.orig").read_text(encoding="utf-8") == FEST
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o640
    assert not (tmp_path / "b.txt.orig").exists()  # nothing to fix: the file is left alone
    # a second run finds nothing to change: the files and the backup stay as they are
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    proc = run("--in-place", tmp_path, "-q")
    assert (proc.returncode, err(proc)) == (0, "")
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()} == before


def test_in_place_resumed_never_overwrites_a_backup(tmp_path):
    """A run resumed after an interruption: some files done, some not, some with a backup of their own."""
    (tmp_path / "done.txt").write_text(FEST_OK, encoding="utf-8")  # cleaned by the first run
    (tmp_path / "done.txt.orig").write_text(FEST, encoding="utf-8")
    (tmp_path / "todo.txt").write_text(BUERGER, encoding="utf-8")  # not reached
    (tmp_path / "linked.txt").write_text(PRUEFUNG, encoding="utf-8")  # stopped between backup and rename
    os.link(tmp_path / "linked.txt", tmp_path / "linked.txt.orig")
    (tmp_path / "other.txt").write_text(FEST, encoding="utf-8")  # a backup that holds another text
    (tmp_path / "other.txt.orig").write_text("Eine andere Fassung.", encoding="utf-8")
    proc = run("--in-place", tmp_path, "-q")
    assert proc.returncode == 1
    assert err(proc) == (
        f"ocrfix: error: {tmp_path / 'other.txt'}: backup {tmp_path / 'other.txt.orig'} already exists; "
        "file left as it was (remove it, or use --no-backup)\n"
    )
    texts = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert texts == {
        "done.txt": FEST_OK,
        "done.txt.orig": FEST,
        "todo.txt": BUERGER_OK,
        "todo.txt.orig": BUERGER,
        "linked.txt": PRUEFUNG_OK,
        "linked.txt.orig": PRUEFUNG,
        "other.txt": FEST,
        "other.txt.orig": "Eine andere Fassung.",
    }
    os.remove(tmp_path / "other.txt.orig")  # once the user has dealt with it, the run finishes
    proc = run("--in-place", tmp_path, "-q")
    assert (proc.returncode, err(proc)) == (0, "")
    assert (tmp_path / "other.txt").read_text(encoding="utf-8") == FEST_OK


def test_in_place_without_backup(tmp_path):
    (tmp_path / "a.txt").write_text(PRUEFUNG, encoding="utf-8")
    proc = run("--in-place", "--no-backup", tmp_path / "a.txt", "-q")
    assert proc.returncode == 0, err(proc)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == PRUEFUNG_OK
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


# -- JSONL ------------------------------------------------------------------------------


def test_jsonl_keeps_other_fields_and_broken_lines(tmp_path):
    lines = [
        '{"id": 1, "text": "%s", "tags": ["a", "b"], "score": 1.50}' % BUERGER,
        '{"id": 2, "text": "%s"}' % CLEAN,
        '{"id": 3, "text": "abgeschnitten',
        '{"id": 4, "body": "kein Textfeld"}',
        '{"id": 5, "text": 42}',
        "",
        '{"text": "%s",   "id": 6, "meta": {"text": "Friihjahr"}}' % FEST,
        '{"id":7,"text":"Die Biirger \\u00fcberlegen"}',
    ]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run(tmp_path / "dump.jsonl", "-o", tmp_path / "clean.jsonl")
    assert proc.returncode == 0, err(proc)
    got = (tmp_path / "clean.jsonl").read_text(encoding="utf-8").split("\n")
    assert got == [
        '{"id": 1, "text": "%s", "tags": ["a", "b"], "score": 1.50}' % BUERGER_OK,
        lines[1],
        lines[2],
        lines[3],
        lines[4],
        "",
        '{"text": "%s",   "id": 6, "meta": {"text": "Friihjahr"}}' % FEST_OK,
        '{"id":7,"text":"Die B\\u00fcrger \\u00fcberlegen"}',  # escaped as it was
        "",
    ]
    messages = err(proc)
    for n in (3, 4, 5):
        assert f"dump.jsonl:{n}: " in messages
    assert "dump.jsonl:6" not in messages and "3 JSONL lines kept" in messages


def test_jsonl_field_and_format_from_stdin():
    lines = [json.dumps({"body": PRUEFUNG, "text": FEST}, ensure_ascii=False), '{"body": null}']
    proc = run("--format", "jsonl", "--field", "body", "-q", stdin="\n".join(lines).encode())
    assert proc.returncode == 0, err(proc)
    assert out(proc).split("\n") == [json.dumps({"body": PRUEFUNG_OK, "text": FEST}, ensure_ascii=False), lines[1]]
    assert '<stdin>:2: field "body" is not a string' in err(proc)


def test_jsonl_field_that_no_line_has_fails_the_file(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(json.dumps({"body": FEST}) + "\n", encoding="utf-8")
    lines = [json.dumps({"id": i, "text": FEST}) for i in range(20)]
    (tmp_path / "in" / "b.jsonl").write_text("\n".join(["", "kein JSON", *lines]) + "\n", encoding="utf-8")
    proc = run(tmp_path / "in", "--field", "body", "--out-dir", tmp_path / "out")
    assert proc.returncode == 1
    messages = err(proc)
    assert messages.startswith(  # one message, not a warning a line
        f'ocrfix: error: {tmp_path / "in" / "b.jsonl"}: no line has the field "body" '
        "(--field NAME picks the field to clean)\nocrfix: 1 file, "
    )
    assert "kept as it was" not in messages and "1 input failed" in messages
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.jsonl"]
    proc = run("--field", "titel", "--format", "jsonl", "-q", stdin=json.dumps({"text": FEST}).encode())
    assert proc.returncode == 1 and 'no line has the field "titel"' in err(proc)


# -- encodings and unreadable inputs ----------------------------------------------------


def test_bad_encodings_and_binary_files_are_skipped(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(FEST, encoding="utf-8")
    (src / "latin.txt").write_bytes("Die Gebäude fur die Kinder.".encode("cp1252"))
    (src / "nul.txt").write_bytes(b"Das ist kein Text\x00\x01\x02")
    (src / "zz.jsonl").write_text(json.dumps({"text": PRUEFUNG}) + "\n", encoding="utf-8")
    (src / "wide.txt").write_text(PRUEFUNG, encoding="utf-16")
    proc = run(src, "--out-dir", tmp_path / "out")
    assert proc.returncode == 1
    messages = err(proc)
    assert "latin.txt: not valid utf-8 at byte offset 7" in messages
    assert "nul.txt: binary file (NUL byte at byte offset 17)" in messages
    assert "wide.txt: utf-16 text (it starts with a byte order mark); use --encoding auto" in messages
    assert "2 files" in messages and "3 inputs failed" in messages
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.txt", "zz.jsonl"]
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == FEST_OK

    proc = run(src / "latin.txt", "--encoding", "cp1252", "-q")
    assert (proc.returncode, out(proc)) == (0, "Die Gebäude für die Kinder.")
    proc = run(src, "--encoding", "auto", "--out-dir", tmp_path / "auto", "-q")
    assert proc.returncode == 1 and "nul.txt" in err(proc) and "latin.txt" not in err(proc)
    assert (tmp_path / "auto" / "latin.txt").read_text(encoding="utf-8") == "Die Gebäude für die Kinder."
    assert (tmp_path / "auto" / "wide.txt").read_text(encoding="utf-8") == PRUEFUNG_OK  # output is UTF-8


def test_missing_paths_fail_the_run_but_not_the_others(tmp_path):
    (tmp_path / "a.txt").write_text(FEST, encoding="utf-8")
    proc = run(tmp_path / "nope.txt")
    assert proc.returncode == 1
    assert "nope.txt: no such file or folder" in err(proc)
    proc = run(tmp_path / "a.txt", tmp_path / "nope.txt", "--out-dir", tmp_path / "out", "-q")
    assert proc.returncode == 1 and "nope.txt" in err(proc)
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == FEST_OK


def test_write_errors_name_the_file(tmp_path):
    (tmp_path / "a.txt").write_text(FEST, encoding="utf-8")
    (tmp_path / "blocker").write_text("a file where a folder should be", encoding="utf-8")
    proc = run(tmp_path / "a.txt", "--out-dir", tmp_path / "blocker" / "out", "-q")
    assert proc.returncode == 1
    assert "a.txt" in err(proc) and "blocker" in err(proc)


BUG = """
import ocrfix.pipeline

_explain = ocrfix.pipeline.Cleaner.explain


def explain(self, text):
    if "Fest" in text:
        raise RuntimeError("a bug")
    return _explain(self, text)


ocrfix.pipeline.Cleaner.explain = explain
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bug_fails_only_the_input_it_meets(tmp_path, jobs):
    (tmp_path / "bug").mkdir()
    (tmp_path / "bug" / "sitecustomize.py").write_text(BUG, encoding="utf-8")  # in every process, workers too
    env = {**ENV, "PYTHONPATH": os.pathsep.join([str(tmp_path / "bug"), ENV["PYTHONPATH"]])}
    src, dst = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name, text in (("a.txt", BUERGER), ("b.txt", FEST), ("c.txt", PRUEFUNG)):
        (src / name).write_text(text, encoding="utf-8")
    proc = subprocess.run([*CLI, src, "--out-dir", dst, "-j", jobs], capture_output=True, env=env, timeout=120)
    assert proc.returncode == 1
    assert f"{src / 'b.txt'}: internal error while cleaning (RuntimeError: a bug); please report it" in err(proc)
    assert sorted(p.name for p in dst.iterdir()) == ["a.txt", "c.txt"]
    assert (dst / "c.txt").read_text(encoding="utf-8") == PRUEFUNG_OK


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path):
    (tmp_path / "a.txt").write_text(FEST, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(FEST, encoding="utf-8")
    (tmp_path / "secret.txt").chmod(0)
    proc = run(tmp_path, "--out-dir", tmp_path / "out", "-q")
    assert proc.returncode == 1 and "secret.txt: Permission denied" in err(proc)
    assert (tmp_path / "out" / "a.txt").exists()


# -- usage errors: exit 2 before any work ------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["A", "B"], "need --out-dir or --in-place"),
        (["DIR"], "need --out-dir or --in-place"),
        (["A", "B", "-o", "X"], "-o FILE takes a single input"),
        (["A", "-o", "A"], "would be overwritten; use --in-place"),
        (["DIR", "--out-dir", "DIR"], "is the input folder"),
        (["A", "--no-backup"], "--no-backup only applies to --in-place"),
        (["-", "A"], "cannot be combined"),
        (["-", "--in-place"], "stdin cannot be cleaned"),
        (["A", "--in-place", "-o", "X"], "not allowed with argument"),
        (["A", "--explain", "--diff"], "--explain and --diff"),
        (["A", "--explain", "--profile", "-"], "--explain and --profile - cannot both write to stdout"),
        (["A", "--diff", "--profile", "-"], "--diff and --profile - cannot both write to stdout"),
        (["A", "-o", "-", "--profile", "-"], "where --profile - already writes"),
        (["A", "-o", "X", "--profile", "X"], "--profile x.txt is also an input or an output"),
        (["A", "--in-place", "--profile", "A"], "--profile A is also an input or an output"),
        (["A", "-o", "X", "--explain-out", "P", "--profile", "P"], "--profile p.jsonl is also an input or an output"),
        (["A", "-o", "X", "--explain-out", "X"], "--explain-out x.txt is also an input or an output"),
        (["A", "-o", "X", "--explain-out", "A"], "--explain-out A is also an input or an output"),
        (["A", "--in-place", "--explain-out", "A"], "--explain-out A is also an input or an output"),
        (["A", "-j", "-1"], "--jobs must be 0 (every core) or more"),
        (["A", "-j", "many"], "invalid int value"),
        (["A", "--variant", "de_XX"], "variant must be one of"),
        (["A", "--encoding", "klingonisch"], "unknown encoding"),
        (["A", "--user-words", "MISSING"], "--user-words"),
        (["A", "--format", "xml"], "invalid choice"),
        (["A", "--unknown-option"], "unrecognized arguments"),
    ],
)
def test_usage_errors(tmp_path, args, message):
    (tmp_path / "dir").mkdir()
    for name in ("A", "B"):
        (tmp_path / name).write_text(FEST, encoding="utf-8")
    names = {"A": "A", "B": "B", "DIR": "dir", "X": "x.txt", "P": "p.jsonl", "MISSING": "missing.txt"}
    proc = run(*[names.get(a, a) for a in args], cwd=tmp_path)
    assert proc.returncode == 2
    messages = err(proc)
    assert messages.startswith("usage: ocrfix") and message in messages
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A", "B", "dir"]  # nothing written


# -- reports ----------------------------------------------------------------------------


def test_explain_to_stdout_and_to_a_file(tmp_path):
    text = f"{CLEAN}\n{BUERGER}\nDie Stadt plant eine Wirtschafts-\nforderung.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    proc = run(tmp_path / "a.txt", "--explain", "-q")  # reports instead of the text
    assert proc.returncode == 0, err(proc)
    records = [json.loads(line) for line in out(proc).splitlines()]
    assert [r["original"] for r in records] == ["Biirger", "fur", "Wirtschafts-\nforderung"]
    assert [r["replacement"] for r in records] == ["Bürger", "für", "Wirtschaftsförderung"]
    for r in records:
        assert r["file"] == str(tmp_path / "a.txt") and "line" not in r
        assert text[r["start"] : r["end"]] == r["original"]
        assert set(r) == {"file", "start", "end", "original", "replacement", "rule", "confidence"}

    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": CLEAN}) + "\n" + json.dumps({"text": FEST}) + "\n", encoding="utf-8"
    )
    proc = run(tmp_path / "b.jsonl", "-o", tmp_path / "b.out.jsonl", "--explain-out", tmp_path / "fixes.jsonl", "-q")
    assert proc.returncode == 0, err(proc)
    assert out(proc) == ""
    records = [json.loads(line) for line in (tmp_path / "fixes.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["line"], r["original"], r["rule"]) for r in records] == [
        (2, "groBes", "eszett"),
        (2, "Friihjahr", "umlaut"),
    ]
    assert all(FEST[r["start"] : r["end"]] == r["original"] for r in records)


def test_profile_a_record_per_text_beside_the_outputs(tmp_path):
    src, dst = tmp_path / "scans", tmp_path / "clean"
    src.mkdir()
    (src / "damaged.txt").write_text(STADTWERKE, encoding="utf-8")
    (src / "intact.txt").write_text(STADTWERKE_OK, encoding="utf-8")
    lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate((STADTWERKE, STADTWERKE_OK))]
    (src / "both.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run(src, "--out-dir", dst, "--profile", tmp_path / "profiles.jsonl", "-q")
    assert (proc.returncode, out(proc), err(proc)) == (0, "", "")
    assert (dst / "damaged.txt").read_text(encoding="utf-8") == STADTWERKE_OK  # the text goes where it would
    records = [json.loads(line) for line in (tmp_path / "profiles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["file"], r.get("line"), r.get("offset")) for r in records] == [
        (str(src / "both.jsonl"), 1, None),
        (str(src / "both.jsonl"), 2, None),
        (str(src / "damaged.txt"), None, 0),
        (str(src / "intact.txt"), None, 0),
    ]
    assert records[2] == {"file": str(src / "damaged.txt"), "offset": 0, **ocrfix.profile(STADTWERKE).to_dict()}
    for damaged, intact in (records[0], records[1]), (records[2], records[3]):
        assert damaged["damaged"] > intact["damaged"]
        assert (damaged["channels"]["ü"]["state"], intact["channels"]["ü"]["state"]) == ("lost", "intact")
    # to stdout: in the text's place
    proc = run(src / "damaged.txt", "--profile", "-", "-q")
    assert proc.returncode == 0, err(proc)
    assert [json.loads(line) for line in out(proc).splitlines()] == [records[2]]


def test_diff(tmp_path):
    (tmp_path / "a.txt").write_text(f"{CLEAN}\n{FEST}\n", encoding="utf-8")
    proc = run("--diff", tmp_path / "a.txt", "-q")
    assert proc.returncode == 0, err(proc)
    assert (
        out(proc)
        == f"{tmp_path / 'a.txt'}:2: Ein [-groBes-]{{+großes+}} Fest fand im [-Friihjahr-]{{+Frühjahr+}} statt.\n"
    )
    coloured = out(run("--diff", "--color", "always", tmp_path / "a.txt", "-q"))
    assert "\x1b[31mgroBes\x1b[0m\x1b[32mgroßes\x1b[0m" in coloured
    # a whole folder can be previewed: nothing is written
    (tmp_path / "b.txt").write_text(BUERGER, encoding="utf-8")
    proc = run("--diff", tmp_path, "-q")
    assert proc.returncode == 0 and out(proc).count("\n") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_large_text_is_cleaned_in_pieces(tmp_path):
    """A file above the split size gives the same text and offsets as one piece would."""
    paragraphs = [f"Absatz {i}: {BUERGER}\n{FEST} Und eine Wirtschafts-\nforderung.\n" for i in range(40)]
    text = "\n".join(paragraphs)
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    small = ["-c", "import sys, ocrfix.batch as b, ocrfix.cli as c; b.SPLIT_ABOVE = 500; b.PIECE_CHARS = 300; "
             "sys.exit(c.main())"]
    whole = run(tmp_path / "big.txt", "-q")
    pieces = subprocess.run(
        [sys.executable, *small, tmp_path / "big.txt", "-q"], capture_output=True, env=ENV, timeout=120
    )
    assert pieces.returncode == 0 and pieces.stdout == whole.stdout
    assert out(whole).count("Wirtschaftsförderung") == 40
    explained = subprocess.run(
        [sys.executable, *small, tmp_path / "big.txt", "--explain", "--profile", tmp_path / "profiles.jsonl", "-q"],
        capture_output=True,
        env=ENV,
        timeout=120,
    )
    records = [json.loads(line) for line in explained.stdout.decode().splitlines()]
    assert len(records) == 40 * 5
    assert all(text[r["start"] : r["end"]] == r["original"] for r in records)
    # a profile a piece, each at its offset: the start of a paragraph
    profiles = [json.loads(line) for line in (tmp_path / "profiles.jsonl").read_text(encoding="utf-8").splitlines()]
    offsets = [p["offset"] for p in profiles]
    assert len(offsets) > 1 and offsets[0] == 0 and offsets == sorted(offsets)
    assert all(text[o - 2 : o] == "\n\n" and text[o:].startswith("Absatz") for o in offsets[1:])
    assert sum(p["words"] for p in profiles) == ocrfix.profile(text).words  # every word in one piece
    diff = subprocess.run([sys.executable, *small, tmp_path / "big.txt", "--diff", "-q"], capture_output=True, env=ENV)
    last = diff.stdout.decode().splitlines()[-1]
    assert last.startswith(f"{tmp_path / 'big.txt'}:{text.count(chr(10)) - 1}: ") and "Wirtschafts-↵forderung" in last


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_only_on_a_terminal(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    (tmp_path / "a.txt").write_text(FEST, encoding="utf-8")
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([*CLI, tmp_path, "--out-dir", tmp_path / "out"], stderr=side, env=ENV)
    os.close(side)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal is gone: the command has ended
            break
        if not chunk:
            break
        shown += chunk
    assert proc.wait(timeout=60) == 0
    os.close(main)
    assert b"ocrfix:" in shown and b"%|" in shown and b"1 file" in shown
    piped = run(tmp_path, "--out-dir", tmp_path / "out2")
    assert b"%|" not in piped.stderr and b"\r" not in piped.stderr
