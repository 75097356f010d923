"""The shared German running text, as the build scripts and the development sets read it.

The text lives outside the project, in ``../shared/corpus/text/`` (its README names
the sources, licences and the attribution to carry); nothing of it is committed.
Each file is cut into blocks of ``BLOCK_LINES`` lines, and every ``HELD_OUT_EVERY``-th
block is held out: the build scripts (``build_context.py``, ``build_oldspelling.py``)
never count it, and the development sets (``benchmarks/devsets.py``) are made from
it only, so that what ocrfix ships has not seen the sentences it is measured on.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Iterator, Literal

ROOT = Path(__file__).resolve().parent.parent
TEXT_DIR = ROOT.parent / "shared" / "corpus" / "text"

# file stem -> its spelling: "modern" (1996/2006 rules) or "historical" (1901 and older)
FILES: dict[str, str] = {
    "wikipedia_klexikon": "modern",
    "klexikon": "modern",
    "gerdracor": "historical",
    "eltec_deu": "historical",
}
BLOCK_LINES = 200
HELD_OUT_EVERY = 25  # 4 % of the text

Part = Literal["build", "heldout", "all"]

# What to credit for data derived from each file (the text's README).
CREDITS: dict[str, str] = {
    "wikipedia_klexikon": "Wikipedia – Die freie Enzyklopädie (contributors of the articles listed in "
    "wikipedia_klexikon.titles.txt), CC BY-SA 3.0",
    "klexikon": "Klexikon (ZUM e.V.), CC BY-SA",
    "gerdracor": "German Drama Corpus (GerDraCor, dracor-org/gerdracor), CC0 1.0",
    "eltec_deu": "ELTeC German novels (COST-ELTeC/ELTeC-deu), public domain",
}


def attribution(stems: list[str]) -> str:
    """The credit line for data derived from ``stems``."""
    via = " via the Klexikon dataset (Aumiller & Gertz 2022)" if "wikipedia_klexikon" in stems or "klexikon" in stems else ""
    return "; ".join(CREDITS[s] for s in stems) + via


def held_out(line_number: int) -> bool:
    """Is the line with this 0-based number in a held-out block?"""
    return (line_number // BLOCK_LINES) % HELD_OUT_EVERY == 0


def lines(stem: str, part: Part = "build", text_dir: Path = TEXT_DIR) -> Iterator[str]:
    """The lines of ``text_dir/stem.txt.gz`` (without line ends) in ``part`` of the split."""
    with gzip.open(text_dir / f"{stem}.txt.gz", "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if part == "all" or held_out(n) == (part == "heldout"):
                yield line.rstrip("\n")
