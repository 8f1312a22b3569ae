"""Where the client talks to, and as whom: arguments first, then the environment, then the defaults.

The rule is the TypeScript SDK's too:

- ingest: ``base_url`` argument, else ``MODELSTREAM_URL``, else ``http://127.0.0.1:3000``;
- inference: ``inference_url`` argument, else ``MODELSTREAM_INFERENCE_URL``, else the ingest URL's scheme
  and host on port 3001 (``http://10.0.0.5:3000`` → ``http://10.0.0.5:3001``);
- key: ``api_key`` argument, else ``MODELSTREAM_API_KEY``; sent as ``Authorization: Bearer <key>`` when set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping, Optional
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "http://127.0.0.1:3000"
DEFAULT_INFERENCE_PORT = 3001


@dataclass(frozen=True)
class Endpoints:
    ingest: str
    inference: str
    api_key: Optional[str]


def _clean(url: str) -> str:
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    return url.rstrip("/")


def inference_url_for(ingest_url: str) -> str:
    """The inference app beside an ingest app: same scheme and host, port 3001."""
    parts = urlsplit(_clean(ingest_url))
    host = parts.hostname or "127.0.0.1"
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return urlunsplit((parts.scheme, f"{host}:{DEFAULT_INFERENCE_PORT}", "", "", ""))


def resolve_endpoints(
    base_url: Optional[str] = None,
    inference_url: Optional[str] = None,
    api_key: Optional[str] = None,
    env: Optional[Mapping[str, str]] = None,
) -> Endpoints:
    env = os.environ if env is None else env
    ingest = _clean(base_url or env.get("MODELSTREAM_URL") or DEFAULT_URL)
    inference = inference_url or env.get("MODELSTREAM_INFERENCE_URL")
    key = api_key if api_key is not None else env.get("MODELSTREAM_API_KEY")
    return Endpoints(
        ingest=ingest,
        inference=_clean(inference) if inference else inference_url_for(ingest),
        api_key=key or None,
    )
