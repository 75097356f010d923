"""A per-user disk cache of the tables read from the shipped dictionaries.

A new process spends most of its first ``clean()`` reading the shipped files: gzip, a split
of each file, a dict of 440,000 forms, the sorted index, the context model.  The same
objects written with :mod:`marshal` load in less than half the time, so the first process
writes them to a folder of the user's (:func:`folder`) and later ones read them.  An
entry is used only where its key matches: the digest of the files it was made from, of
ocrfix's code and of the Python version, so that any change makes it again.  A folder that
cannot be written is no error (the files are read as before), and a damaged entry is made
again.  ``OCRFIX_CACHE`` names another folder, or ``off``.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

ENV = "OCRFIX_CACHE"
OFF = ("", "0", "off", "no", "false")
FORMAT = b"ocrfix-cache 1"
SUFFIX = ".marshal"
T = TypeVar("T")


def folder() -> Path | None:
    """Where the entries go: ``OCRFIX_CACHE`` if set (None where it says ``off``), else the
    platform's cache folder for the user (``$XDG_CACHE_HOME/ocrfix`` or ``~/.cache/ocrfix``,
    ``~/Library/Caches/ocrfix``, ``%LOCALAPPDATA%\\ocrfix\\Cache``); None where there is no home."""
    value = os.environ.get(ENV)
    try:
        if value is not None:
            return None if value.strip().lower() in OFF else Path(value).expanduser()
        if sys.platform == "win32":
            return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "ocrfix" / "Cache"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "ocrfix"
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ocrfix"
    except (RuntimeError, KeyError):  # (a user with no home: a service account, a bare container)
        return None


def cached(name: str, sources: Iterable[Path], make: Callable[[], T]) -> T:
    """What ``make()`` returns (plain data that :mod:`marshal` writes: dicts, tuples, strings,
    numbers), read from the entry ``name`` if it was made from these ``sources`` by this code,
    else made and written there for the next process."""
    where = folder()
    if where is None:
        return make()
    path = where / (name + SUFFIX)
    try:
        key = _key(tuple(sources))
    except OSError:
        return make()
    try:
        with open(path, "rb") as f:
            if f.readline().rstrip(b"\n") == key:
                # (one read and loads: marshal.load(f) reads the file object by object)
                return marshal.loads(f.read())  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass  # (none yet, or a damaged one: made again)
    value = make()
    _write(path, key, value)
    return value


def _write(path: Path, key: bytes, value: Any) -> None:
    """Write an entry whole or not at all: processes that start together may each write it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(key + b"\n")
                marshal.dump(value, f)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # (a read-only home, a full disk: the next process reads the files again)


def _key(sources: tuple[Path, ...]) -> bytes:
    sha = hashlib.sha1(FORMAT)
    sha.update(f"{sys.implementation.name} {sys.version} {marshal.version}".encode())
    sha.update(_code_digest())
    for source in sources:
        sha.update(_file_digest(source))
    return sha.hexdigest().encode()


@functools.lru_cache(maxsize=None)
def _file_digest(path: Path) -> bytes:
    return hashlib.sha1(path.read_bytes()).digest()


@functools.lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """The digest of ocrfix's modules: the entries are what the code made of the files (the
    sources, or the compiled modules where only those are installed)."""
    sha = hashlib.sha1()
    for module in sorted(p for p in Path(__file__).parent.iterdir() if p.suffix in (".py", ".pyc")):
        sha.update(module.name.encode() + b"\0" + module.read_bytes())
    return sha.digest()
