"""The arguments of the ``ocrfix`` command, and its help.

The switches of the cleaning steps come from :class:`~ocrfix.Config`, with the
docstrings of its fields as their help, so a new step needs nothing here.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import itertools
import textwrap

from . import __version__
from .config import SWITCHES, Config

DEFAULT_GLOBS = ("*.txt", "*.jsonl")

DESCRIPTION = """\
Repair OCR- and extraction-damaged German text: lost umlauts and ß ("fur",
"groBe", "kiinstliche"), ligatures, mojibake, HTML entities, words hyphenated
across lines, misread quotes and bullets.

Without PATH, or with "-", reads stdin and writes stdout.  A PATH may be a
file or a folder; folders are walked (hidden entries skipped) for files
matching --glob.  Files ending in .jsonl are JSON Lines: the --field of each
line is cleaned, everything else is kept byte for byte.  Output is UTF-8.
Inputs are never overwritten unless --in-place is given."""

EPILOG = """\
examples:
  ocrfix < scan.txt > clean.txt             clean stdin to stdout
  ocrfix scan.txt -o clean.txt              clean one file
  ocrfix -j 8 scraped/ --out-dir clean/     a folder tree, on 8 cores
  ocrfix dump.jsonl --field body -o out.jsonl
                                            clean the "body" of each JSON line
  ocrfix --in-place --glob '*.md' notes/    rewrite files, keeping FILE.orig
  ocrfix --diff scan.txt | less -R          show what would change
  ocrfix --explain scraped/ > fixes.jsonl   list every correction, write nothing
  ocrfix scans/ --out-dir clean/ --profile profiles.jsonl
                                            also each text's damage profile

exit status:
  0 all inputs done; 1 some inputs failed (each is named on stderr, the
  others are done); 2 usage error; 130 interrupted (no partial output left)."""


def _field_docs(cls: type) -> dict[str, str]:
    """The docstrings under the fields of a dataclass (not kept at run time, so read from source)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):  # no source: the switches still work, without help
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs = {}
    for node, nxt in itertools.pairwise(body):  # each node with the one after it
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(nxt, ast.Expr)
            and isinstance(nxt.value, ast.Constant)
            and isinstance(nxt.value.value, str)
        ):
            docs[node.target.id] = " ".join(nxt.value.value.split())
    return docs


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ocrfix",
        usage="%(prog)s [OPTIONS] [PATH ...]",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help='files or folders to clean; "-" or none: stdin')
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_output_options(p)
    _add_input_options(p)
    _add_cleaning_options(p)
    _add_report_options(p)
    return p


def _add_output_options(p: argparse.ArgumentParser) -> None:
    out = p.add_argument_group("output (default: stdout, for a single input)")
    dest = out.add_mutually_exclusive_group()
    dest.add_argument("-o", "--output", metavar="FILE", help='write the one input\'s result to FILE ("-": stdout)')
    dest.add_argument("--out-dir", metavar="DIR", help="write results under DIR, mirroring each input folder's tree")
    dest.add_argument(
        "--in-place",
        action="store_true",
        help="rewrite the inputs, keeping a backup FILE.orig (never overwritten; files that would not change "
        "are left alone, so a run can be repeated)",
    )
    out.add_argument("--no-backup", action="store_true", help="with --in-place: keep no FILE.orig")


def _add_input_options(p: argparse.ArgumentParser) -> None:
    inp = p.add_argument_group("input")
    inp.add_argument(
        "--glob",
        action="append",
        metavar="PATTERN",
        help="files to take from folders (repeatable; default: %s); a pattern with / matches the path "
        "inside the folder" % " and ".join(DEFAULT_GLOBS),
    )
    inp.add_argument(
        "--format",
        choices=("auto", "text", "jsonl"),
        default="auto",
        help="auto (default): JSONL for .jsonl and .ndjson files, plain text otherwise",
    )
    inp.add_argument("--field", default="text", metavar="NAME", help='JSONL: the field to clean (default: "text")')
    inp.add_argument(
        "--encoding",
        default="utf-8",
        metavar="NAME",
        help='input encoding (default: utf-8), or "auto" to detect it per file (UTF-8/16/32, cp1252, '
        "ISO-8859-15, cp850, Mac Roman, else charset-normalizer's guess)",
    )


def _add_cleaning_options(p: argparse.ArgumentParser) -> None:
    docs = {name: doc.replace("%", "%%") for name, doc in _field_docs(Config).items()}
    clean = p.add_argument_group("cleaning")
    clean.add_argument("--variant", metavar="NAME", help=docs.get("variant", "de_DE, de_AT or de_CH"))
    clean.add_argument(
        "--user-words",
        action="append",
        metavar="FILE",
        help="a file of words to accept and correct towards, one per line (repeatable)",
    )
    clean.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes; 0: one per core (default: one per core, fewer for small inputs)",
    )

    steps = p.add_argument_group("steps (each can be switched on or off)")
    for f in SWITCHES:
        state = "on" if f.default else "off"
        steps.add_argument(
            f"--{f.name.replace('_', '-')}",
            dest=f"step_{f.name}",
            action=argparse.BooleanOptionalAction,
            default=None,
            help=f"{docs.get(f.name, '')} Default: {state}.".lstrip(),
        )


def _add_report_options(p: argparse.ArgumentParser) -> None:
    rep = p.add_argument_group("reports")
    rep.add_argument(
        "--explain",
        action="store_true",
        help="write every correction as a JSON line (file, line for JSONL inputs, start, end, original, "
        "replacement, rule, confidence) to stdout, instead of the text when that would go to stdout",
    )
    rep.add_argument("--explain-out", metavar="FILE", help="write the --explain lines to FILE (implies --explain)")
    rep.add_argument(
        "--profile",
        metavar="FILE",
        help='write a JSON line per cleaned text to FILE ("-": stdout, instead of the text): file, line (JSONL) '
        "or offset, and the text's damage profile: era, channels (ä ö ü ß ligature shapes), english_model, words, "
        "unknown, damaged (the share of damaged words)",
    )
    rep.add_argument(
        "--diff",
        action="store_true",
        help="show a word-level diff of each changed line on stdout, instead of the text when that would go there",
    )
    rep.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the diff: auto (default) when stdout is a terminal and NO_COLOR is unset",
    )
    rep.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar, no summary (errors and warnings are still shown)"
    )

