"""Cleaning Dask bags and DataFrame columns (``pip install ".[dask]"`` in a checkout).

Nothing here is needed to use ocrfix with Dask: a :class:`~ocrfix.Cleaner`
pickles as its options only and loads the dictionaries on first use in each
worker process (once per process, shared by every task there), so these work
as they are::

    import glob
    from pathlib import Path

    import dask.bag as db
    from ocrfix import Cleaner

    cleaner = Cleaner(variant="de_AT")
    texts = db.from_sequence(sorted(glob.glob("scans/*.txt")), npartitions=64)
    cleaned = texts.map(lambda p: Path(p).read_text(encoding="utf-8")).map(cleaner.clean)
    df["text"].map(cleaner.clean, meta=("text", "object"))   # a column without missing values

Clean whole documents (or paragraphs), not lines: ``db.read_text`` yields lines,
and a word broken across two lines ("Wirtschafts-" / "standort") can only be
joined when both lines are in the same text.

The helpers below add what the one-liners lack: :func:`clean_column` keeps
missing values (``None``, ``NaN``, ``pd.NA``) and the column's dtype, where
``map(cleaner.clean)`` raises ``TypeError`` on the first missing value.

This module does not import Dask: the helpers only call methods of the bag or
Series they are given, so ``import ocrfix.dask`` works without the extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Config
from .pipeline import Cleaner

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas

__all__ = ["clean_bag", "clean_column"]


def clean_bag(bag: dask.bag.Bag, config: Config | None = None, **options: Any) -> dask.bag.Bag:
    """A lazy bag of the cleaned texts of ``bag``, in the same order and partitions.

    Options as for :class:`~ocrfix.Cleaner` (given with ``config``, they change it); the
    same as ``bag.map(Cleaner(**options).clean)``.  Every element must be a
    ``str`` (anything else raises ``TypeError`` when the bag is computed)::

        clean_bag(db.from_sequence(texts, npartitions=64), variant="de_CH").compute()
    """
    return bag.map(_cleaner(config, options).clean)


def clean_column(
    column: dask.dataframe.Series, config: Config | None = None, **options: Any
) -> dask.dataframe.Series:
    """A lazy Series of the cleaned texts of ``column``; missing values stay missing.

    Options as for :class:`~ocrfix.Cleaner`.  The result has the name, dtype,
    index and partitions of ``column``, so it can be assigned back::

        df = df.assign(text=clean_column(df["text"]))
    """
    cleaner = _cleaner(config, options)
    return column.map_partitions(_clean_partition, cleaner, meta=(column.name, column.dtype))


def _cleaner(config: Config | None, options: dict[str, Any]) -> Cleaner:
    """``Cleaner(**options)``, or the cleaner of ``config`` with ``options`` changed."""
    return Cleaner(**options) if config is None else Cleaner(config.replace(**options))


def _clean_partition(part: pandas.Series, cleaner: Cleaner) -> pandas.Series:
    """Clean one pandas partition: each ``str`` cleaned, missing values kept, dtype kept."""
    out = part.map(cleaner.clean, na_action="ignore")
    return out if out.dtype == part.dtype else out.astype(part.dtype)
