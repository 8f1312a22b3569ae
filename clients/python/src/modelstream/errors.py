"""Typed errors: every API error answer becomes one of these, carrying the API's own message."""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping, Optional, Type


class ModelstreamError(Exception):
    """Any error the API answered (or the client met while talking to it)."""

    def __init__(
        self,
        message: str,
        *,
        status_code: Optional[int] = None,
        error: Optional[str] = None,
        details: Optional[Any] = None,
        body: Optional[Any] = None,
        retry_after: Optional[float] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.error = error
        self.details = details
        self.body = body
        self.retry_after = retry_after

    def __str__(self) -> str:
        return f"{self.status_code}: {self.message}" if self.status_code is not None else self.message


class BadRequestError(ModelstreamError):
    """400 (and 413, 422): the request itself is wrong; the message says what to change."""


class UnauthorizedError(ModelstreamError):
    """401/403: no key, a bad key, or a key without the scope or owner this needs."""


class NotFoundError(ModelstreamError):
    """404: no such job, dataset, sweep, model, version or alias."""


class ConflictError(ModelstreamError):
    """409: the request clashes with the current state (a chunk out of order, a job already final, ...)."""


class ServiceUnavailableError(ModelstreamError):
    """503 (or the server could not be reached): retry later; ``retry_after`` holds the server's hint."""


class JobFailedError(ModelstreamError):
    """A training job ended ``failed`` (or ``cancelled``): ``job`` is its final status."""

    def __init__(self, message: str, *, job: Mapping[str, Any]) -> None:
        super().__init__(message, details={"trackingId": job.get("trackingId")}, body=dict(job))
        self.job: Dict[str, Any] = dict(job)
        self.tracking_id: Optional[str] = job.get("trackingId")
        self.job_status: Optional[str] = job.get("status")


class JobCancelledError(JobFailedError):
    """A training job ended ``cancelled``."""


class WaitTimeoutError(ModelstreamError, TimeoutError):
    """``wait`` gave up before the job reached a final status."""


_BY_STATUS: Dict[int, Type[ModelstreamError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: UnauthorizedError,
    404: NotFoundError,
    409: ConflictError,
    413: BadRequestError,
    422: BadRequestError,
    502: ServiceUnavailableError,
    503: ServiceUnavailableError,
    504: ServiceUnavailableError,
}


def parse_retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None when absent or unreadable."""
    if value is None or value.strip() == "":
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from datetime import datetime, timezone
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _message_of(body: Any, fallback: str) -> str:
    if isinstance(body, Mapping):
        message = body.get("message")
        if isinstance(message, list):  # class-validator answers a list of problems
            return "; ".join(str(m) for m in message) or fallback
        if isinstance(message, str) and message:
            return message
        error = body.get("error")
        if isinstance(error, str) and error:
            return error
    if isinstance(body, str) and body.strip():
        return body.strip()[:2000]
    return fallback


def error_from_response(
    status_code: int,
    content: bytes,
    headers: Optional[Mapping[str, str]] = None,
    reason: str = "",
) -> ModelstreamError:
    """The typed error for an error answer: the class by status, the message from the JSON body."""
    text = content.decode("utf-8", errors="replace")
    body: Any
    try:
        body = json.loads(text) if text else None
    except ValueError:
        body = text
    message = _message_of(body, reason or f"HTTP {status_code}")
    cls = _BY_STATUS.get(status_code, ModelstreamError)
    lower = {k.lower(): v for k, v in (headers or {}).items()}
    return cls(
        message,
        status_code=status_code,
        error=body.get("error") if isinstance(body, Mapping) and isinstance(body.get("error"), str) else None,
        details=body.get("details") if isinstance(body, Mapping) else None,
        body=body,
        retry_after=parse_retry_after(lower.get("retry-after")),
    )
