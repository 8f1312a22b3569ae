"""Integration tests need a running modelstream: MODELSTREAM_URL (and MODELSTREAM_INFERENCE_URL when inference is
not on the same host's port 3001). Without it they are skipped; the unit tests always run."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Iterator, Set

import httpx
import pytest

from modelstream import Client

REPO = Path(__file__).resolve().parents[3]
PENGUINS = REPO / "examples" / "python" / "data" / "penguins.csv"
# Model names are unique per run: the registry (MLflow) is shared by every run on a stack.
RUN_ID = os.environ.get("MODELSTREAM_TEST_RUN_ID") or uuid.uuid4().hex[:8]
TINY = {"epochs": 3, "seed": 7}


@pytest.fixture(scope="session")
def client() -> Iterator[Client]:
    if not os.environ.get("MODELSTREAM_URL"):
        pytest.skip("integration test: set MODELSTREAM_URL to a running ingest (and MODELSTREAM_INFERENCE_URL)")
    with Client(timeout=60.0) as c:
        yield c


@pytest.fixture(scope="session")
def api_paths(client: Client) -> Set[str]:
    """The paths the running ingest and inference document: newer endpoints are tested where they exist."""
    paths: Set[str] = set()
    for base in (client.base_url, client.inference_url):
        try:
            paths |= set(httpx.get(f"{base}/api/docs-json", timeout=10).json().get("paths", {}))
        except (httpx.HTTPError, ValueError):
            pass
    return paths


def model_name(stem: str) -> str:
    return f"pyclient-{stem}-{RUN_ID}"
