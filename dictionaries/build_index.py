"""Build ``wordlist_de.index.gz`` from ``wordlist_de.tsv.gz`` and ``historical_de.tsv.gz``:
run after ``build_wordlist.py`` or ``build_historical.py``.

    python dictionaries/build_index.py

The index holds the forms of both lists with their first letter folded, sorted;
for each form with a dropped glyph taken out ("Einuss" from "Einfluss") the
forms it restores to; and the forms with ä/ö/ü, folded to a/o/u.  ocrfix makes
them on first use if the index is missing or was built from another word list
(its first line names the lists' sha1), at a cost of about a second per
process.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from ocrfix.lexicon import index_path, write_index  # noqa: E402


def main() -> None:
    wordlist = HERE / "wordlist_de.tsv.gz"
    out = index_path(wordlist)
    write_index(wordlist, out, HERE / "historical_de.tsv.gz")
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
