"""Find the words a corrector may touch, and the spans it must never touch.

Protected spans (URLs, e-mail addresses, paths, file names, hashtags and
handles, identifiers and code, numbers and dates) are found first; words are
looked for only between them.  A word starts with a letter and may carry the
characters OCR puts in place of letters ("er6ffnete", "gro8ten", "gro&en",
"grof{en", "hie&"), but never touches a digit outside the word, so "A1",
"2016er" and "MP3" are not words.
"""

from __future__ import annotations

import bisect
from typing import Iterator, NamedTuple

import regex

from .chardata import contains_any

_PROTECTED = regex.compile(
    r"""
      (?:https?://|ftp://|www\.)[^\s<>"']+[^\s<>"'.,;:!?)\]]   # URLs
    | (?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++             # e-mail addresses
    | (?<![\w/])(?:[A-Za-z]:\\|~?/|\.{1,2}/)[^\s"'<>]+          # absolute and relative paths
    | (?<![\w/.-])[\w.-]*+(?<=\w)(?:/(?:[\w-]|\.(?=[\w./-]))++)++(?<=\.\w{1,5})(?!\w)  # dir/file.ext
    | (?<![\w-])[\w-]+\.(?:py|txt|pdf|docx?|xlsx?|csv|json|jsonl|html?|jpe?g|png|gif|zip|gz|md|js|ts|java|cpp|sh|exe|xml|ya?ml|toml|ini|log)\b
    | (?<![\w#@])[#@][\p{L}\p{N}_]+                            # hashtags, handles
    | `[^`\n]*`                                                # inline code
    | (?<![\p{L}\p{M}\p{N}_])[\p{L}\p{N}]*_[\p{L}\p{N}_]*      # snake_case identifiers
    | (?<![\p{L}\p{M}\p{N}_]|[\p{L}\p{M}\p{N}_]\.)[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*\(\)?  # calls: foo(), os.path.join(
    | \b[\p{L}_]\w*(?:\.[\p{L}_]\w*){2,}\b                    # dotted names: a.b.c
    | \b\p{Ll}+(?!G6\p{Ll})\p{Lu}\p{L}*\d\w*                     # camelCase with digits: getUtf8Bytes (not hG6ren, ö read as G6)
    | (?<!\S)(?:--[A-Za-z]|-[a-z])[A-Za-z0-9]*+(?:[-=][A-Za-z0-9]++)*+  # command-line options: --no-backup, -un
    """,
    regex.VERBOSE,
)

# Quotation marks: the opening one, the closing ones, and those that may not stand inside.
_QUOTE_PAIRS = (
    ("„", "“”\"", "„“”\""),
    ("“", "”", "“”"),
    ('"', '"', '"'),
    ("»", "«", "»«"),
    ("«", "»", "»«"),
)
QUOTE_OPENINGS = "".join(opening for opening, _, _ in _QUOTE_PAIRS)


def quotations(across_lines: bool) -> regex.Pattern:
    """Quotations: „…“, “…”, "…", »…«, «…», on one line, or (``across_lines``) across the
    line breaks of a paragraph, as wrapped text has them."""
    size = "{1,400}" if across_lines else "{1,160}"
    parts = []
    for opening, closing, inside in _QUOTE_PAIRS:
        char = f"[^{inside}\\n]"
        body = f"(?:{char}|\\n(?![ \\t]*\\n))" if across_lines else char
        parts.append(f"{opening}{body}{size}[{closing}]")
    return regex.compile("|".join(parts))


# Letters, combining marks, and inside a word the characters OCR reads for ß/ö.
_OCR_INNER = "68&{3|@®§$"
WORD = regex.compile(
    rf"""
    (?<![\p{{L}}\p{{M}}\p{{N}}_])             # not glued to a digit or letter before,
    (?=\p{{L}}|[46]\p{{Ll}}\p{{L}}|2\p{{Ll}})(?<![\p{{L}}\p{{M}}][{_OCR_INNER}]+)  # nor inside a word's OCR junk ("a{{a{{a_" is no word)
    (?>                                       # atomic: a word glued to a digit is no word at all,
      (?:\p{{L}}|[46](?=\p{{Ll}}\p{{L}})|2(?=\p{{Ll}}))  # not a shorter one ("MP3" is not "M"); 6/4 for ö/ä, 2 for z: 6ffentlich, 4uSerst, 2u
      [\p{{L}}\p{{M}}]*
      (?:[{_OCR_INNER}]+[\p{{L}}\p{{M}}]+)*   # OCR junk between letters: gro8ten, er6ffnete
      (?:(?<=\p{{Ll}})(?:[&{{8§®$]|}}(?<!{{\p{{L}}*}})|(?<=f)3|(?<=[aeiou])6)(?![\p{{L}}\p{{N}}]))?  # final ß read as &, {{, 8,
      # §, ®, $, f3, 6 after a vowel (not "IPv6") or }} (not closing a brace: "{{name}}"): hie&, daf3, mu6, wei}}
    )
    (?![\p{{N}}_])                            # not glued to a digit after
    """,
    regex.VERBOSE,
)


# Runs of letters with their marks, and what makes WORD find more than such runs: OCR
# junk or a final ß read as "}" after a letter, or 6/4 for ö/ä or 2 for z before one.
# Where _NOT_RUNS finds nothing, every word is a run (the converse need not hold: "MP3" has
# a run but no word).
_RUNS = regex.compile(r"\p{L}[\p{L}\p{M}]*")
_NOT_RUNS = regex.compile(rf"(?<=\p{{L}})[{_OCR_INNER}}}]|[246](?=\p{{Ll}})")


class Word(NamedTuple):
    start: int
    end: int
    text: str


# Each kind of protected span needs one of these; most text has none, and looking for
# them costs a tenth of running _PROTECTED, whose many branches are tried at every position.
_TRIGGER_CHARS = "@#`_/\\"  # e-mail, handles, code, snake_case, paths and URLs
_TRIGGERS = (
    regex.compile(r"\.[\p{L}_]"),  # file names, dotted names, www.
    regex.compile(r"-(?<=(?:^|\s)-)[-a-z]"),  # command-line options
    regex.compile(r"\((?<=[\p{L}\p{N}_]\()"),  # calls
    regex.compile(r"\d(?<=\p{L}\d)"),  # camelCase with digits
)


# Every protected span but inline code is free of whitespace and holds one of these, or
# starts with a dash: the runs of non-space characters that do are all _PROTECTED must look at.
_WITH_TRIGGER = regex.compile(r"(?<!\S)(?:[^\s@#_/\\.(\d]*+[@#_/\\.(\d]\S*+|-\S++)")


def protected_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The protected spans of ``text`` (within ``text[start:end]``)."""
    end = len(text) if end is None else end
    whole = start == 0 and end == len(text)
    part = text if whole else text[start:end]
    if not (
        contains_any(part, _TRIGGER_CHARS) or "www." in part or any(t.search(text, start, end) for t in _TRIGGERS)
    ):
        return []
    if whole and "`" not in text:  # (inline code may hold spaces)
        return [m.span() for r in _WITH_TRIGGER.finditer(text) for m in _PROTECTED.finditer(text, *r.span())]
    return [m.span() for m in _PROTECTED.finditer(text, start, end)]


class Protected:
    """The protected spans of ``text`` about the places a step asks about.

    No protected span holds a line break, so they are found a line at a time, for the
    lines asked about: a step that looks at a few places of a long text need not find
    all of its spans (on text full of triggers, tables or code, that costs a second per
    megabyte, and a run of the steps would pay it for each step that changes the text).
    """

    __slots__ = ("text", "_lines")

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def near(self, start: int, end: int) -> list[tuple[int, int]]:
        """The protected spans on the lines that ``text[start:end]`` is on, sorted."""
        text = self.text
        a = text.rfind("\n", 0, start) + 1
        b = text.find("\n", end)
        lines = (a, len(text) if b < 0 else b)
        spans = self._lines.get(lines)
        if spans is None:
            spans = self._lines[lines] = protected_spans(text, *lines)
        return spans

    def touches(self, start: int, end: int) -> bool:
        """Does ``text[start:end]`` overlap a protected span?"""
        return touches(self.near(start, end), start, end)


# Shell commands in prose ("starten Sie ihn mit sudo systemctl start dienst"): the words
# after one, up to the end of its clause, are its arguments, not German words to repair;
# so with the keywords of code ("return run(ziel)").  Only names that are no German words,
# that German prose writes in lower case, and that no OCR reading makes of a common word
# ("ln" is "In" misread, "cat" may be "tat": see CODE_LINE for "def" and "var").
COMMANDS = frozenset("""
    sudo systemctl journalctl apt apt-get dpkg yum dnf pacman brew snap flatpak
    pip pip3 pipx conda npm npx yarn pnpm cargo rustc gcc clang cmake javac node python python3
    git svn docker podman kubectl helm ssh scp rsync sftp curl wget ping traceroute nslookup
    ifconfig ipconfig netstat chmod chown chgrp mkdir rmdir useradd userdel usermod groupadd
    passwd mount umount tar unzip gzip gunzip grep egrep sed awk xargs crontab powershell ocrfix
    make ninja meson ls head tail less echo cd cp mv rm touch ps kill killall dmesg uname
    env export source bash sh zsh nano emacs diff patch sort uniq wc tee chroot sysctl
    modprobe lsblk fdisk mkfs whoami hostname jq pytest mypy java ruby perl php mysql
    psql sqlite3 openssl gpg ssh-keygen nginx
    elif lambda return import async await const let func
""".split())
# A line of code that starts with a keyword OCR may make of a German word ("def" of "der",
# "var" of "vor"): a call on it, and it ends as a statement or a block's head does.
CODE_LINE = regex.compile(r"^[ \t]*+(?:def|var)[ \t][^\n(]*+\([^\n]*+(?<=[:;){][ \t]*)$", regex.MULTILINE)


# ... or a definition in prose ("die Methode def speichern(self, ziel) schreibt"), its keyword
# and parameters: a lower-case name right before its parenthesis, as German writes no noun.
INLINE_DEF = regex.compile(r"(?<![\w.])def[ \t]+[a-z_][A-Za-z0-9_]*\([^()\n]{0,80}\)")
_DEF_REACH = 100  # characters: a definition's keyword and its parameters


def code_line(text: str, start: int) -> bool:
    """Is the word at ``text[start:]`` the keyword that starts a line of code (CODE_LINE), or
    part of a definition (INLINE_DEF)?"""
    line = text.rfind("\n", 0, start) + 1
    if not text[line:start].strip() and CODE_LINE.match(text, line) is not None:
        return True
    at = text.rfind("def", max(line, start - _DEF_REACH), start + 3)
    return at >= 0 and (m := INLINE_DEF.match(text, at)) is not None and start < m.end()


# Unit symbols, which follow a number ("50 nm", "3 kWh"): no words, though an OCR reading
# makes some of them one ("nm": "um").
UNITS = frozenset("""
    nm µm mm cm dm km pm fm mg µg ng kg ml µl dl cl hl nl mol mmol µmol kmol
    kJ MJ GJ kWh MWh GWh TWh Wh kW MW GW mW Hz kHz MHz GHz THz mV kV µV mA µA kA
    hPa kPa MPa GPa mbar bar dB ppm ppb lm lx cd Bq kBq Gy mGy Sv mSv µSv eV keV MeV GeV
    nF µF pF mH µH kΩ MΩ Ω ms µs ns ps min kcal cal rpm dpt sm kn ha
""".split())
_NUMBER_BEFORE = regex.compile(r"\d[ \t\u00a0\u202f]?$")


def unit_after_number(text: str, token: str, start: int) -> bool:
    """Is ``token`` at ``text[start:]`` a unit symbol (UNITS) right after a number ("50 nm")?"""
    return token in UNITS and _NUMBER_BEFORE.search(text, max(0, start - 2), start) is not None


_ARGUMENT = regex.compile(
    r"(?!(?:und|oder|aus|an|auf|ein|eine|einen|in|im|mit|zu|um|ab|bis|als|wie|ist|sind|wird|werden)$)"
    r"[a-z0-9~./$%={<>'-][^\s,;:!?()\"„“”]*"
)
COMMAND_REACH = 120  # characters looked at before a word for a command it belongs to


def after_command(text: str, start: int) -> bool:
    """Is the word at ``text[start:]`` an argument of a shell command before it on its line,
    with only other arguments between (no German conjunction, capital or clause mark)?"""
    first = text[start : start + 1]
    if not (first.islower() and first.isascii()) or not text[start - 1 : start].isspace():
        return False
    line = text.rfind("\n", max(0, start - COMMAND_REACH), start) + 1
    for token in reversed(text[max(line, start - COMMAND_REACH) : start].split()):
        if token.lstrip("(\"'„“") in COMMANDS:
            return True
        if not _ARGUMENT.fullmatch(token):
            return False
    return False


def touches(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted, disjoint ``spans``?"""
    i = bisect.bisect_left(spans, (start, start)) - 1
    return any(a < end and start < b for a, b in spans[max(i, 0) : i + 3])


def words(text: str, start: int = 0, end: int | None = None) -> Iterator[Word]:
    """The words of ``text`` (or of ``text[start:end]``, seen within ``text``) outside protected spans."""
    end = len(text) if end is None else end
    pos = start
    for a, b in protected_spans(text, start, end):
        for m in WORD.finditer(text, pos, a):
            yield Word(m.start(), m.end(), m.group())
        pos = b
    for m in WORD.finditer(text, pos, end):
        yield Word(m.start(), m.end(), m.group())


def letter_runs(text: str) -> list[str]:
    """The runs of letters of ``text``, protected spans included: a superset of its
    words where :func:`only_letter_runs` holds, and several times faster to find."""
    return _RUNS.findall(text)


def letter_run_at(text: str, pos: int) -> str:
    """The run of letters that starts at ``pos`` ("" if none does)."""
    m = _RUNS.match(text, pos)
    return m.group() if m else ""


def letter_run_start(text: str, pos: int, lo: int = 0) -> int:
    """Where the run of letters that ends at ``pos`` starts, not before ``lo`` (``pos`` if none
    ends there)."""
    while pos > lo and text[pos - 1].isalpha():
        pos -= 1
    return pos


def hyphen_beside(text: str, start: int, end: int) -> bool:
    """Does a hyphen touch the word at ``text[start:end]``: is it a part of a compound with
    hyphens ("Fu-Lin", "Daist-Gruppe")?"""
    return "-" in text[start - 1 : start] + text[end : end + 1]


def only_letter_runs(text: str) -> bool:
    """Is every word of ``text`` one of its :func:`letter_runs`?"""
    return _NOT_RUNS.search(text) is None
