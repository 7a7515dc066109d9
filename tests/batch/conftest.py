"""Fixtures of the batch tests: small articles written here, and one local 2-worker Dask cluster per test file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CITIES = ("Nairobi", "Geneva", "Lima", "Hanoi", "Oslo", "Dakar", "Quito")
VERBS = ("said", "told reporters", "announced")


def article_texts(count: int) -> list[str]:
    """Short, distinct news-like texts (distinct because the number and the city vary with the index)."""
    texts = []
    for index in range(count):
        city = CITIES[index % len(CITIES)]
        verb = VERBS[index % len(VERBS)]
        texts.append(
            f"Officials in {city} {verb} on Monday that {index + 2} people were hurt in a fire at a market. "
            f'"We are still counting," the mayor said. The United Nations sent a team to the area on Tuesday.'
        )
    return texts


def write_jsonl(path: Path, texts: list[str], *, extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [
        json.dumps({"text": text, "published": f"2024-03-{1 + index % 3:02d}", "outlet": "Test Wire"})
        for index, text in enumerate(texts)
    ]
    path.write_text("\n".join([*lines, *extra_lines]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dask_cluster():
    """A local cluster of two worker processes (its start and the model load cost a few seconds)."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def dask_client(dask_cluster):
    from distributed import Client

    with Client(dask_cluster) as client:
        yield client
