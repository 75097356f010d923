"""Cleaning on a real Dask cluster: a bag and a DataFrame column on a 2-worker ``LocalCluster``.

Skipped unless the ``dask`` extra is installed (``pip install ".[dask]"``).  The
cluster listens on 127.0.0.1 only and is started once for the module.
"""

from __future__ import annotations

import os
import pickle

import pytest

try:
    import dask.bag as db
    import dask.dataframe as dd
    import distributed
    import pandas as pd
    import psutil  # a dependency of distributed
except ImportError as e:  # not installed, or dask without its dataframe requirements
    pytest.skip(f"needs the dask extra (pip install '.[dask]'): {e}", allow_module_level=True)

import ocrfix
from ocrfix import Cleaner
from ocrfix.dask import _clean_partition, clean_bag, clean_column

SENTENCES = [
    "Die Biirger fordern eine schnelle Antwort fur den Verkehr.",
    "Ein groBes Fest fand im Friihjahr statt.",
    "Der Vertrag wurde am Montag unterschrieben.",
    "Die Stadt plant eine Wirtschafts-\nforderung.",
    "Wir haben die Priifung bestanden.",
]
TEXTS = [f"{i}. {s}" for i, s in enumerate(SENTENCES * 4)]  # 20 texts, all different


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        client.wait_for_workers(2, timeout=60)
        pids = set(client.run(os.getpid).values())
        assert len(pids) == 2 and os.getpid() not in pids
        yield client
    # shut down cleanly: the cluster is closed and its worker processes are gone
    assert cluster.status.name == "closed"
    alive = [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
    assert not alive


@pytest.fixture(scope="module")
def serial() -> list[str]:
    return [ocrfix.clean(t) for t in TEXTS]


def test_a_cleaner_ships_as_its_options_even_after_loading_the_dictionaries():
    cleaner = Cleaner(user_words=["Fiihrung"])
    cleaner.clean("Ein groBes Fest.")  # dictionaries loaded in this process
    assert len(pickle.dumps(cleaner.clean)) < 1000
    assert pickle.loads(pickle.dumps(cleaner)).config == cleaner.config


def test_bag_map_works_as_is(client, serial):
    bag = db.from_sequence(TEXTS, npartitions=4)
    assert bag.map(ocrfix.clean).compute() == serial
    assert bag.map(Cleaner().clean).compute() == serial
    assert serial != TEXTS  # there was something to clean


def test_the_work_runs_in_the_worker_processes(client, serial):
    workers = set(client.run(os.getpid).values())
    cleaner = Cleaner()
    done = db.from_sequence(TEXTS, npartitions=4).map(lambda t: (os.getpid(), cleaner.clean(t))).compute()
    assert [text for _, text in done] == serial
    assert {pid for pid, _ in done} <= workers


def test_clean_bag_takes_the_options(client):
    bag = db.from_sequence(TEXTS, npartitions=3)
    swiss = [ocrfix.clean(t, variant="de_CH") for t in TEXTS]
    assert clean_bag(bag, variant="de_CH").compute() == swiss
    assert any("grosses" in t for t in swiss)
    assert clean_bag(bag, Cleaner(variant="de_CH").config).compute() == swiss


def test_dataframe_column_map_works_as_is(client, serial):
    ddf = dd.from_pandas(pd.DataFrame({"text": TEXTS, "n": range(len(TEXTS))}), npartitions=3)
    cleaner = Cleaner()
    assert ddf["text"].map(cleaner.clean, meta=("text", "object")).compute().tolist() == serial


def test_clean_column_keeps_missing_values_index_and_dtype(client, serial):
    texts: list[str | None] = list(TEXTS)
    texts[3] = texts[11] = None
    index = [f"doc{i:02d}" for i in range(len(texts))]  # sorted: from_pandas sorts the index
    ddf = dd.from_pandas(pd.DataFrame({"text": texts, "n": range(len(texts))}, index=index), npartitions=3)
    cleaned = clean_column(ddf["text"])
    assert cleaned.dtype == ddf["text"].dtype
    got = cleaned.compute()
    assert got.index.tolist() == index
    assert [None if pd.isna(t) else t for t in got] == [None if t is None else s for t, s in zip(texts, serial)]
    assigned = ddf.assign(text=cleaned).compute()
    assert assigned["text"].equals(got) and assigned["n"].tolist() == list(range(len(texts)))


def test_plain_map_stops_at_a_missing_value(client):
    ddf = dd.from_pandas(pd.DataFrame({"text": ["Ein groBes Fest.", None]}), npartitions=1)
    with pytest.raises(TypeError, match="ocrfix cleans str"):
        ddf["text"].map(Cleaner().clean, meta=("text", "object")).compute()


@pytest.mark.parametrize("dtype", [object, "string"])
def test_a_partition_keeps_missing_values_and_dtype(dtype):
    part = pd.Series(["Ein groBes Fest.", None, "Die Biirger."], index=[5, 6, 7], dtype=dtype)
    out = _clean_partition(part, Cleaner())
    assert out.dtype == part.dtype and out.index.tolist() == [5, 6, 7]
    assert out[5] == "Ein großes Fest." and pd.isna(out[6]) and out[7] == ocrfix.clean("Die Biirger.")
