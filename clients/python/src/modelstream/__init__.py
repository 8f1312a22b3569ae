"""Python client of the modelstream ML platform (ingest, training jobs, datasets, sweeps, inference)."""

__version__ = "0.1.0"

from .client import Client, ModelstreamClient  # noqa: E402
from .errors import (  # noqa: E402
    BadRequestError,
    ConflictError,
    JobCancelledError,
    JobFailedError,
    ModelstreamError,
    NotFoundError,
    ServiceUnavailableError,
    UnauthorizedError,
    WaitTimeoutError,
)

__all__ = [
    "BadRequestError",
    "Client",
    "ConflictError",
    "JobCancelledError",
    "JobFailedError",
    "ModelstreamClient",
    "ModelstreamError",
    "NotFoundError",
    "ServiceUnavailableError",
    "UnauthorizedError",
    "WaitTimeoutError",
    "__version__",
]
