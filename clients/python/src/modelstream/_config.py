"""Where the client talks to, and as whom: arguments first, then the environment, then the defaults.

The rule is the TypeScript SDK's (libs/client/src/config.ts):

- ingest: ``base_url`` argument, else ``MODELSTREAM_URL``, else ``http://127.0.0.1:3000``; it may also be the
  portal (or a gateway) that fronts both APIs;
- inference: ``inference_url`` argument, else ``MODELSTREAM_INFERENCE_URL``, else derived from the ingest URL:
  on port 3000 (ingest's own) → the same host on port 3001; any other URL serves both APIs → itself;
- key: ``api_key`` argument, else ``MODELSTREAM_API_KEY``; sent as ``Authorization: Bearer <key>`` when set.

Blank values count as unset.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping, Optional
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "http://127.0.0.1:3000"
INGEST_PORT = 3000
INFERENCE_PORT = 3001


@dataclass(frozen=True)
class Endpoints:
    ingest: str
    inference: str
    api_key: Optional[str]


def _non_empty(value: Optional[str]) -> Optional[str]:
    return value.strip() if value is not None and value.strip() != "" else None


def _absolute(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{what} must be an absolute http(s) URL, got {url!r}")
    return url.rstrip("/")


def default_inference_url(url: str) -> str:
    """The inference base for an ingest/portal base: port 3000 → 3001 on the same host, anything else → itself."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if port != INGEST_PORT:
        return url.rstrip("/")
    host = parts.hostname or "127.0.0.1"
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = f"{host}:{INFERENCE_PORT}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)).rstrip("/")


def resolve_endpoints(
    base_url: Optional[str] = None,
    inference_url: Optional[str] = None,
    api_key: Optional[str] = None,
    env: Optional[Mapping[str, str]] = None,
) -> Endpoints:
    env = os.environ if env is None else env
    ingest = _absolute(_non_empty(base_url) or _non_empty(env.get("MODELSTREAM_URL")) or DEFAULT_URL, "MODELSTREAM_URL")
    inference = _non_empty(inference_url) or _non_empty(env.get("MODELSTREAM_INFERENCE_URL"))
    return Endpoints(
        ingest=ingest,
        inference=_absolute(inference, "MODELSTREAM_INFERENCE_URL") if inference else default_inference_url(ingest),
        api_key=_non_empty(api_key) or _non_empty(env.get("MODELSTREAM_API_KEY")),
    )
