"""Reading and writing the files ocrfix cleans.

:func:`read_pieces` reads a plain text or JSON Lines file as the texts to
clean, with their places in the file.  On the way, :func:`check_encoding`
tells whether the file is text in an encoding (or finds its encoding) and
names the byte offset of the first problem, and :class:`JsonlField` finds
the string field to clean in each JSON line, so that it can be replaced while
every other byte of the line is kept.  :class:`AtomicFile` writes a file
under a temporary name and renames it into place when it is done.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import filecmp
import io
import json
import os
import re
import secrets
import shutil
from json.decoder import scanstring as _scanstring  # type: ignore[attr-defined]  # json's own, C-accelerated
from typing import IO, Iterator, NamedTuple

# German text that is not UTF-8 is nearly always in one of these.  Left free,
# charset-normalizer reads short German cp1252 text as cp1250, Farsi or Greek.
LEGACY_ENCODINGS = ["cp1252", "iso8859_15", "cp850", "mac_roman"]
BLOCK = 1 << 20  # bytes read at a time when checking an encoding
SPLIT_ABOVE = 1 << 20  # a plain text longer than this (characters) is read in pieces ...
PIECE_CHARS = 1 << 16  # ... of about this size, cut at blank lines

_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
_JSON_WS = re.compile(r"[ \t\n\r]*")  # matches everywhere, maybe empty
_JSON = json.JSONDecoder()


# -- reading -----------------------------------------------------------------------------


class Piece(NamedTuple):
    """A part of a file: a text to clean, or (``clean=False``) a JSON line to keep as it is."""

    text: str
    nbytes: int  # the bytes of the file it stands for (about, for JSONL: its characters)
    offset: int = 0  # plain text: where ``text`` starts in the file (characters) ...
    line: int = 1  # ... and on which line; JSONL: the line's number
    field: JsonlField | None = None  # JSONL: the line, cut around ``text``
    clean: bool = True
    warning: str = ""  # why a JSON line is kept (not for blank lines)
    has_field: bool | None = None  # JSONL: does the line's object have the field (None: blank, not an object)


def read_pieces(
    f: IO[bytes],
    encoding: str = "utf-8",
    field: str | None = None,
    split_above: int = SPLIT_ABOVE,
    piece_chars: int = PIECE_CHARS,
) -> Iterator[Piece]:
    """The pieces of the file ``f``, once :func:`check_encoding` has read all of it.

    Plain text is one piece, or pieces of about ``piece_chars`` characters cut
    at blank lines if it is longer than ``split_above``.  With ``field``, ``f``
    is JSON Lines: a piece a line, the value of ``field`` to clean, or the line
    to keep, with a warning if it is not blank.  Raises :class:`NotText`.

    >>> data = '{"id": 1, "text": "Die Fiihrung"}\\n[1, 2]\\n'.encode()
    >>> [(p.text, p.line, p.clean, p.warning) for p in read_pieces(io.BytesIO(data), field="text")]
    [('Die Fiihrung', 1, True, ''), ('[1, 2]\\n', 2, False, 'not a JSON object')]
    """
    if field is None:  # cleaned in memory anyway: read once
        data = f.read()
        yield from _text_pieces(data, check_encoding(io.BytesIO(data), encoding), split_above, piece_chars)
        return
    # JSON Lines are read twice, checked first and then streamed line by line
    if not f.seekable():  # a pipe: from memory
        f = io.BytesIO(f.read())
    encoding = check_encoding(f, encoding)
    f.seek(0)
    lines = io.TextIOWrapper(f, encoding=encoding, newline="\n")
    try:
        for n, raw in enumerate(lines, 1):
            yield _jsonl_piece(n, raw, field)
    finally:
        lines.detach()


def _text_pieces(data: bytes, encoding: str, split_above: int, piece_chars: int) -> Iterator[Piece]:
    text = data.decode(encoding)
    if len(text) <= split_above:
        yield Piece(text, len(data))
        return
    # Cut at blank lines, which the steps do not look across.
    pos, line, done = 0, 1, 0
    while pos < len(text):
        m = _PARAGRAPH_BREAK.search(text, pos + piece_chars)
        end = m.end() if m else len(text)
        nbytes = len(data) * end // len(text) - done
        done += nbytes
        yield Piece(text[pos:end], nbytes, pos, line)
        line += text.count("\n", pos, end)
        pos = end


def _jsonl_piece(n: int, raw: str, name: str) -> Piece:
    bom = "\ufeff" if n == 1 and raw.startswith("\ufeff") else ""
    try:
        field = JsonlField.find(raw[len(bom) :], name)
    except NoField as e:
        return Piece(raw, len(raw), line=n, clean=False, warning=str(e), has_field=not e.missing)
    except ValueError as e:
        return Piece(raw, len(raw), line=n, clean=False, warning=str(e))
    if field is None:
        return Piece(raw, len(raw), line=n, clean=False)
    field = field._replace(head=bom + field.head)
    return Piece(field.value, len(raw), line=n, field=field, has_field=True)


# -- encodings ---------------------------------------------------------------------------


class NotText(ValueError):
    """Bytes that are not text in the encoding asked for; the message names the byte offset.

    ``reason`` is "binary" (a NUL byte), "wide" (a UTF-16 or UTF-32 byte order
    mark where a narrow encoding was asked for), "invalid" (the bytes do not
    decode in ``encoding``) or "unknown" (no encoding could be detected).
    """

    def __init__(self, message: str, reason: str = "invalid", encoding: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.encoding = encoding


def detect_encoding(sample: bytes, final: bool = True) -> str:
    """The encoding of text starting with ``sample``: by its byte order mark, UTF-8, or else a guess.

    The guess (charset-normalizer's) prefers the legacy encodings of German
    text.  ``final=False`` says that ``sample`` is only the start of the text.
    Bytes with a NUL are taken for UTF-8, so that :func:`check_encoding` calls
    them binary.  Raises :class:`NotText` when nothing fits.

    >>> detect_encoding("Die Gebäude für die Kinder.".encode("cp1252"))
    'cp1252'
    >>> detect_encoding(codecs.BOM_UTF16_LE + "Grüße".encode("utf-16-le")), detect_encoding("Grüße".encode())
    ('utf-16', 'utf-8')
    """
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\0" in sample:
        return "utf-8"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=LEGACY_ENCODINGS).best() or from_bytes(sample).best()
    if best is None:
        raise NotText("cannot detect the encoding (not text?)", "unknown")
    return codecs.lookup(best.encoding).name


def check_encoding(f: IO[bytes], encoding: str = "utf-8") -> str:
    """Read ``f`` to its end, and return its encoding if all of it decodes and holds no NUL byte.

    ``encoding="auto"`` detects the encoding from the first block.  Raises
    :class:`NotText` naming the byte offset of the first problem.

    >>> import io
    >>> check_encoding(io.BytesIO("Grüße".encode("cp1252")), "auto")
    'cp1252'
    >>> check_encoding(io.BytesIO("Grüße".encode("cp1252")))
    Traceback (most recent call last):
    ocrfix.io.NotText: not valid utf-8 at byte offset 2
    """
    block = f.read(BLOCK)
    if encoding == "auto":
        encoding = detect_encoding(block, final=len(block) < BLOCK)
    elif not _wide(encoding) and block.startswith(_WIDE_BOMS):
        wide = detect_encoding(block[:4], final=False)
        raise NotText(f"{wide} text (it starts with a byte order mark)", "wide", wide)
    decoder = codecs.getincrementaldecoder(encoding)()
    pos = 0
    while True:
        if not _wide(encoding) and (nul := block.find(b"\0")) >= 0:
            raise NotText(f"binary file (NUL byte at byte offset {pos + nul})", "binary")
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(block, final=not block)
        except UnicodeDecodeError as e:
            offset = pos - pending + e.start
            raise NotText(f"not valid {encoding} at byte offset {offset}", "invalid", encoding) from None
        if not block:
            return encoding
        pos += len(block)
        block = f.read(BLOCK)


def _wide(encoding: str) -> bool:
    """UTF-16 and UTF-32 text is full of NUL bytes, so NUL does not mean binary there."""
    return encoding.startswith(("utf-16", "utf-32"))


# -- JSON Lines --------------------------------------------------------------------------


class NoField(ValueError):
    """A JSON object without the field to clean (``missing``), or where its value is no string."""

    def __init__(self, message: str, missing: bool) -> None:
        super().__init__(message)
        self.missing = missing


class JsonlField(NamedTuple):
    """A JSON line cut around the value of one field: ``head + token + tail`` is the line.

    >>> found = JsonlField.find('{"id": 7, "text": "Gr\\\\u00fc\\\\u00dfe",  "n": 1.50}\\n', "text")
    >>> found.token, found.value
    ('"Gr\\\\u00fc\\\\u00dfe"', 'Grüße')
    >>> found.replace("Grüße!")  # the escapes kept, every other byte too
    '{"id": 7, "text": "Gr\\\\u00fc\\\\u00dfe!",  "n": 1.50}\\n'
    """

    head: str
    token: str  # the value as written: a JSON string
    tail: str
    value: str  # the token decoded

    @classmethod
    def find(cls, line: str, field: str) -> JsonlField | None:
        """Where the string value of ``field`` is written in the JSON object ``line``; None for a blank line.

        Raises ValueError saying why the line cannot be cleaned (not JSON, not
        an object, no such field, not a string).  Of repeated keys, the last counts,
        as in :func:`json.loads`.
        """
        if not line.strip():
            return None
        try:
            obj = json.loads(line)
        except ValueError as e:
            raise ValueError(f"not valid JSON ({e.args[0] if e.args else e})") from None
        if not isinstance(obj, dict):
            raise ValueError("not a JSON object")
        if field not in obj:
            raise NoField(f'no field "{field}"', missing=True)
        if not isinstance(obj[field], str):
            raise NoField(f'field "{field}" is not a string', missing=False)
        # The line is valid: walk its top-level keys to find the (last) value of the field.
        span = (0, 0)
        pos = _skip_ws(line, line.index("{") + 1)
        while line[pos] != "}":
            key, pos = _scanstring(line, pos + 1)
            pos = _skip_ws(line, _skip_ws(line, pos) + 1)  # past the ":"
            _, end = _JSON.raw_decode(line, pos)
            if key == field:
                span = (pos, end)
            pos = _skip_ws(line, end)
            if line[pos] == ",":
                pos = _skip_ws(line, pos + 1)
        start, end = span
        return cls(line[:start], line[start:end], line[end:], obj[field])

    def replace(self, text: str) -> str:
        """The line with ``text`` as the field's value; ``\\u`` escapes are kept where the line used them."""
        line = self.head + self.token + self.tail
        if text == self.value:
            return line
        escaped = "\\u" in self.token and line.isascii()  # written with json.dumps' ensure_ascii
        return self.head + json.dumps(text, ensure_ascii=escaped) + self.tail


def _skip_ws(line: str, pos: int) -> int:
    return _JSON_WS.match(line, pos).end()  # type: ignore[union-attr]  # the pattern always matches


# -- writing -----------------------------------------------------------------------------


class AtomicFile:
    """A file written under a temporary name beside ``path``, and renamed onto it by :meth:`commit`.

    Until then ``path`` is untouched, and :meth:`discard` leaves no trace.  The
    file gets the permissions of a new file, or ``mode``.  With ``backup``,
    :meth:`commit` keeps the old ``path`` there first (a hard link where
    possible), and refuses to overwrite an existing backup.
    """

    def __init__(self, path: str, mode: int | None = None, backup: str | None = None) -> None:
        self.path, self.mode, self.backup = path, mode, backup
        folder, name = os.path.split(path)
        os.makedirs(folder or ".", exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        while True:  # 0o666: the umask decides, as for any new file
            self.tmp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.ocrfix-tmp")
            with contextlib.suppress(FileExistsError):
                self.file = os.fdopen(os.open(self.tmp, flags, 0o666), "wb")
                break

    def write(self, text: str) -> None:
        """Append ``text``, encoded as UTF-8."""
        self.file.write(text.encode("utf-8"))

    def commit(self) -> None:
        self.file.close()
        if self.mode is not None:
            os.chmod(self.tmp, self.mode)
        if self.backup is not None:
            _keep(self.path, self.backup)
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)


def _keep(path: str, backup: str) -> None:
    """Keep ``path`` as ``backup`` (a hard link, or a copy where links are impossible).

    An existing backup is never overwritten: if it holds what ``path`` holds (made by
    a run that stopped before the rename), it stands; else FileExistsError.
    """
    if os.path.lexists(backup):
        if os.path.isfile(backup) and filecmp.cmp(path, backup, shallow=False):
            return
        raise FileExistsError(errno.EEXIST, "backup already exists", backup)
    try:
        os.link(path, backup)
    except FileExistsError:
        raise
    except OSError:
        with open(path, "rb") as src, open(backup, "xb") as dst:
            shutil.copyfileobj(src, dst)
        shutil.copystat(path, backup)
