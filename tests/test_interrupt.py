"""The ``ocrfix`` command stopped by Ctrl-C or SIGTERM: no temporary file survives it.

An interrupted run keeps the outputs it finished, whole, leaves the others
unwritten and the inputs as they were (or, with --in-place, cleaned and
backed up), and removes every temporary file it made.  The command is run as
a subprocess and stopped at many points: while it waits on an input that
never ends, right after it made, renamed or linked a file (where a signal
once left a temporary file behind), and after delays across a whole run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import ocrfix
from ocrfix.batch import BATCH_TEXTS
from tests.test_cli import BUERGER, BUERGER_OK, CLI, ENV, FEST, FEST_OK, PRUEFUNG, PRUEFUNG_OK, temp_files

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

# -- an input that never ends: the moment is certain --------------------------------------


def _open_writer(fifo: Path, proc: subprocess.Popen[bytes], timeout: float = 60) -> int:
    """Open the write end of ``fifo`` once the command has opened it for reading."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # no reader yet
            if proc.poll() is not None:
                pytest.fail(f"ocrfix ended early: {proc.communicate()}")
            time.sleep(0.02)
    proc.kill()
    pytest.fail("ocrfix did not reach the named pipe")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
@pytest.mark.parametrize(
    "how, jobs, sig, profile",
    [
        ("out-dir", "1", signal.SIGINT, False),
        ("out-dir", "2", signal.SIGINT, True),
        ("in-place", "1", signal.SIGINT, True),
        ("in-place", "2", signal.SIGINT, False),
        ("out-dir", "1", signal.SIGTERM, True),
    ],
)
def test_interrupted_run_leaves_no_partial_output(tmp_path, how, jobs, sig, profile):
    """Stop the command while it waits on an input that never ends, with an output not yet done.

    The last input is a named pipe that never ends, so the moment of the
    interruption is certain: the pipe is being read, and the files before it
    are done, except what is still in flight.  With one worker, the writer is
    right behind the reader: the large JSONL file is done too, and the pipe's
    output is open.  With two, batches are in flight: the JSONL output is half
    written to its temporary file.  With ``profile``, the --profile file is half written too,
    and is removed: it is put in place only when the whole run is done.
    """
    src, dst = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(BUERGER, encoding="utf-8")
    (src / "b.txt").write_text(FEST, encoding="utf-8")
    dump = "".join(json.dumps({"id": i, "text": PRUEFUNG}) + "\n" for i in range(8 * BATCH_TEXTS))
    (src / "m.jsonl").write_text(dump, encoding="utf-8")
    os.mkfifo(src / "z.txt")
    where = ["--in-place"] if how == "in-place" else ["--out-dir", str(dst)]
    reports = ["--profile", str(tmp_path / "profiles.jsonl")] if profile else []
    proc = subprocess.Popen(
        [*CLI, src, *where, *reports, "-j", jobs],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, start_new_session=True,
    )
    writer = _open_writer(src / "z.txt", proc)
    try:
        partial = temp_files(tmp_path)
        outputs = [p for p in partial if not p.name.startswith(".profiles.jsonl.")]
        # the pipe's output, or the JSONL's if its batches are still in flight (-j 2)
        assert outputs and {p.name.split(".")[1] for p in outputs} <= {"m", "z"}
        assert len(partial) - len(outputs) == profile  # and the --profile file's, until the run is done
        proc.send_signal(sig)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        os.close(writer)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the workers too
    assert proc.returncode == (130 if sig == signal.SIGINT else 128 + signal.SIGTERM)
    assert b"Traceback" not in stderr and b"no partial ones left" in stderr
    assert temp_files(tmp_path) == [] and not (tmp_path / "profiles.jsonl").exists()
    cleaned = dump.replace(PRUEFUNG, PRUEFUNG_OK)
    # whether the JSONL file was finished before the signal depends on timing: either
    # it is whole and cleaned, or it was not written at all
    jsonl_done = (src / "m.jsonl.orig").exists() if how == "in-place" else (dst / "m.jsonl").exists()
    if jobs == "1":
        assert jsonl_done  # one worker: the writer is right behind the reader
    if how == "in-place":
        assert (src / "a.txt").read_text(encoding="utf-8") == BUERGER_OK
        assert (src / "a.txt.orig").read_text(encoding="utf-8") == BUERGER
        assert (src / "m.jsonl").read_text(encoding="utf-8") == (cleaned if jsonl_done else dump)
        if jsonl_done:
            assert (src / "m.jsonl.orig").read_text(encoding="utf-8") == dump
        assert not (src / "z.txt.orig").exists()
    else:
        assert (src / "m.jsonl").read_text(encoding="utf-8") == dump
        assert sorted(p.name for p in dst.iterdir()) == ["a.txt", "b.txt"] + (["m.jsonl"] if jsonl_done else [])
        assert (dst / "a.txt").read_text(encoding="utf-8") == BUERGER_OK
        assert (dst / "b.txt").read_text(encoding="utf-8") == FEST_OK
        if jsonl_done:
            assert (dst / "m.jsonl").read_text(encoding="utf-8") == cleaned
        assert (src / "a.txt").read_text(encoding="utf-8") == BUERGER


# -- a signal at a chosen point, or after a delay -----------------------------------------

# Loaded by every process of the command (sitecustomize): once the Nth call of os.NAME whose
# arguments name a file ending in SUFFIX has returned, the command gets the signal.
SIGNAL_AFTER = """
import os, signal

name, suffix, nth = os.environ["OCRFIX_SIGNAL_AFTER"].split(":")
sig = getattr(signal, os.environ["OCRFIX_SIGNAL"])
real, calls = getattr(os, name), []


def wrapped(*args, **kwargs):
    result = real(*args, **kwargs)
    if any(str(a).endswith(suffix) for a in args) and os.getpid() == int(os.environ["OCRFIX_PID"] or os.getpid()):
        calls.append(args)
        if len(calls) == int(nth):
            signal.raise_signal(sig)
    return result


setattr(os, name, wrapped)
"""

TEXTS = [BUERGER, FEST, PRUEFUNG]


def make_inputs(src: Path, n: int) -> dict[str, tuple[str, str]]:
    """``n`` small files: name -> (text, cleaned text)."""
    src.mkdir()
    cleaner = ocrfix.Cleaner()
    files = {}
    for i in range(n):
        text = f"{TEXTS[i % 3]}\nAbsatz {i}: {TEXTS[(i + 1) % 3]}\n"
        (src / f"doc{i:03d}.txt").write_text(text, encoding="utf-8")
        files[f"doc{i:03d}.txt"] = (text, cleaner.clean(text))
    return files


def check_stopped(proc_returncode: int, stderr: bytes, sig: int, tmp_path: Path, files: dict, how: str) -> None:
    """The run stopped as it says, and left nothing half done."""
    assert b"Traceback" not in stderr, stderr.decode()
    src, dst = tmp_path / "in", tmp_path / "out"
    if proc_returncode in (0, -sig):  # the signal came after the last output (-sig: as Python exited)
        assert b"no partial ones left" not in stderr
        done = [(src / (name + ".orig")) if how == "in-place" else dst / name for name in files]
        assert all(p.exists() for p in done)
    else:
        assert proc_returncode == (130 if sig == signal.SIGINT else 128 + signal.SIGTERM), stderr.decode()
        assert b"no partial ones left" in stderr, stderr.decode()
    assert temp_files(tmp_path) == []
    for name, (text, cleaned) in files.items():
        if how == "in-place":  # each file as it was, or cleaned with its backup
            now = (src / name).read_text(encoding="utf-8")
            backup = src / (name + ".orig")
            assert (now, backup.exists()) in ((text, False), (cleaned, True)), name
            if backup.exists():
                assert backup.read_text(encoding="utf-8") == text
        else:  # the inputs as they were, each output whole or not there
            assert (src / name).read_text(encoding="utf-8") == text
            if (dst / name).exists():
                assert (dst / name).read_text(encoding="utf-8") == cleaned, name


@pytest.mark.parametrize(
    "how, after, sig, profile",
    [
        ("out-dir", "open:.ocrfix-tmp:1", signal.SIGINT, False),  # the first output was just made
        ("out-dir", "open:.ocrfix-tmp:1", signal.SIGINT, True),  # the --profile file was just made
        ("out-dir", "open:.ocrfix-tmp:4", signal.SIGTERM, False),
        ("in-place", "open:.ocrfix-tmp:3", signal.SIGINT, False),
        ("in-place", "link:.orig:2", signal.SIGINT, False),  # a backup was just made, the rename comes next
        ("in-place", "replace:.txt:2", signal.SIGTERM, False),  # an output was just put in place
    ],
)
def test_signal_right_after_a_file_operation(tmp_path, how, after, sig, profile):
    files = make_inputs(tmp_path / "in", 6)
    where = ["--in-place"] if how == "in-place" else ["--out-dir", str(tmp_path / "out")]
    if profile:
        where += ["--profile", str(tmp_path / "profiles.jsonl")]
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(SIGNAL_AFTER, encoding="utf-8")
    env = {
        **ENV,
        "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), ENV["PYTHONPATH"]]),
        "OCRFIX_SIGNAL_AFTER": after,
        "OCRFIX_SIGNAL": sig.name,
        "OCRFIX_PID": "",
    }
    proc = subprocess.run([*CLI, tmp_path / "in", *where, "-j", "1"], capture_output=True, env=env, timeout=120)
    assert proc.returncode != 0, "the signal did not come"
    check_stopped(proc.returncode, proc.stderr, sig, tmp_path, files, how)
    assert not (tmp_path / "profiles.jsonl").exists()


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs process groups")
@pytest.mark.parametrize(
    "how, jobs, sig, delays",
    [
        ("out-dir", "2", signal.SIGINT, (0.2, 0.7, 1.2, 1.7, 2.2, 2.8)),  # Ctrl-C: the whole process group
        ("in-place", "2", signal.SIGINT, (0.5, 1.5, 2.5)),
        ("out-dir", "1", signal.SIGTERM, (0.4, 1.3, 2.4)),  # kill: the command alone
    ],
)
def test_signal_at_many_points_of_a_run(tmp_path, how, jobs, sig, delays):
    """The same run, stopped after each of ``delays`` seconds: from the start-up to the last files."""
    for delay in delays:
        run_dir = tmp_path / f"after-{delay}"
        run_dir.mkdir()
        files = make_inputs(run_dir / "in", 120)
        where = ["--in-place"] if how == "in-place" else ["--out-dir", str(run_dir / "out")]
        proc = subprocess.Popen(
            [*CLI, run_dir / "in", *where, "-j", jobs, "-q"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, start_new_session=True,
        )
        time.sleep(delay)
        try:
            if sig == signal.SIGINT:
                os.killpg(proc.pid, sig)
            else:
                proc.send_signal(sig)
            _, stderr = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        check_stopped(proc.returncode, stderr, sig, run_dir, files, how)


@pytest.mark.skipif(not hasattr(os, "register_at_fork"), reason="needs fork")
def test_ctrl_c_as_a_worker_is_forked_is_not_the_workers(tmp_path):
    """A Ctrl-C reaches the whole process group, so a worker may get it the moment it is
    forked, before it ignores Ctrl-C: it must not run the parent's handlers there (a
    KeyboardInterrupt in a fork hook, printed as a traceback).  Here every worker gets
    one at that moment; the parent does not, so the run finishes."""
    files = make_inputs(tmp_path / "in", 6)
    script = (
        "import os, signal, sys\n"
        "os.register_at_fork(after_in_child=lambda: os.kill(os.getpid(), signal.SIGINT))\n"
        "from ocrfix.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, tmp_path / "in", "--out-dir", tmp_path / "out", "-j", "2", "-q"],
        capture_output=True, env=ENV, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    check_stopped(proc.returncode, proc.stderr, signal.SIGINT, tmp_path, files, "out-dir")
