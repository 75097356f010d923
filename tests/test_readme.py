"""The README's install commands work as written from a fresh clone (its examples are doctests)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _extras() -> set[str]:
    """The extras pyproject.toml defines (read without tomllib, which Python 3.10 lacks)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    section = text.split("[project.optional-dependencies]", 1)[1].split("\n[", 1)[0]
    return set(re.findall(r"^(\w+) = \[", section, re.MULTILINE))


def test_pip_installs_from_a_checkout_name_extras_that_exist():
    commands = re.findall(r"pip install \"\.\[(\w+)\]\"", README)
    assert {"test", "dask", "bench"} <= set(commands)
    assert set(commands) <= _extras()


def test_the_package_name_is_installed_only_from_an_index():
    """'pip install "ocrfix[dask]"' fails in a checkout ("No matching distribution found"):
    where the README names the package, the same sentence says it is for an index."""
    paragraphs = README.split("\n\n")
    for paragraph in paragraphs:
        if re.search(r"pip install \"?ocrfix", paragraph):
            assert "package index" in paragraph and 'pip install ".[' in paragraph, paragraph
