"""The API's answers as TypedDicts (openapi/ingest.json, openapi/inference.json and docs/datasets.md).

They describe the JSON the client returns as plain dicts; keys the server adds later pass through.
"""

from __future__ import annotations

import sys
from typing import Any, Dict, List, Optional, Union

if sys.version_info >= (3, 11):
    from typing import Literal, NotRequired, TypedDict
else:  # pragma: no cover
    from typing_extensions import Literal, NotRequired, TypedDict

JobStatusName = Literal["pending", "running", "completed", "failed", "cancelled"]
FINAL_STATUSES = frozenset({"completed", "failed", "cancelled"})

Row = Dict[str, Any]


class UploadAnswer(TypedDict):
    """The answer to one chunk; the last chunk's answer carries ``datasetId`` (servers with datasets)."""

    trackingId: str
    chunkIndex: int
    receivedChunks: int
    totalChunks: int
    status: JobStatusName
    datasetId: NotRequired[str]


class JobStatus(TypedDict):
    """``GET /api/model-train/status/:trackingId`` (and each SSE ``status`` event)."""

    trackingId: str
    status: JobStatusName
    progress: float
    result: Optional[Dict[str, Any]]
    error: Optional[str]
    modelId: Optional[str]
    stage: Optional[str]
    datasetId: NotRequired[str]
    sweepId: NotRequired[str]
    filename: NotRequired[str]
    modelName: NotRequired[str]
    modelType: NotRequired[str]
    problemType: NotRequired[str]
    target: NotRequired[str]
    modelVersion: NotRequired[str]
    mlflowRunId: NotRequired[str]
    receivedChunks: NotRequired[int]
    totalChunks: NotRequired[int]
    epoch: NotRequired[int]
    epochs: NotRequired[int]
    cancelRequestedAt: Optional[str]
    createdAt: str
    updatedAt: str
    requestedAt: Optional[str]
    startedAt: Optional[str]
    finishedAt: Optional[str]


class Page(TypedDict):
    items: List[Dict[str, Any]]
    total: int
    limit: int
    offset: int
    page: NotRequired[int]
    pageSize: NotRequired[int]


class DatasetColumn(TypedDict):
    name: str
    type: str
    missing: int
    distinct: int


class Dataset(TypedDict):
    datasetId: str
    filename: str
    sha256: str
    size: int
    storageBytes: int
    rows: int
    columns: List[DatasetColumn]
    createdAt: str
    trackingId: str
    bucket: NotRequired[str]
    objectKeys: NotRequired[List[str]]
    preview: NotRequired[Dict[str, Any]]


class DatasetDeleted(TypedDict):
    datasetId: str
    deleted: bool
    freedBytes: int


class LeaderboardEntry(TypedDict):
    rank: int
    trackingId: str
    modelType: str
    params: Dict[str, Any]
    status: JobStatusName
    progress: float
    score: Optional[float]
    metrics: Optional[Dict[str, Any]]
    modelId: Optional[str]
    modelVersion: Optional[str]
    error: Optional[str]


class Sweep(TypedDict):
    sweepId: str
    datasetId: str
    modelName: str
    target: NotRequired[Optional[str]]
    metric: str
    direction: Literal["max", "min"]
    promoteAlias: Optional[str]
    status: Literal["running", "completed"]
    promotedVersion: Optional[str]
    createdAt: str
    combinations: List[Dict[str, Any]]
    leaderboard: List[LeaderboardEntry]


class CancelOutcome(TypedDict):
    trackingId: str
    outcome: Literal["cancelled", "already_final", "not_found"]
    status: Optional[str]


class BulkCancelResult(TypedDict):
    results: List[CancelOutcome]
    cancelled: int
    truncated: NotRequired[bool]


class PredictResult(TypedDict):
    """``POST /api/predict``: one prediction per row (``label`` and ``probabilities``, or ``value``)."""

    status: str
    modelId: str
    requested: str
    name: str
    version: str
    modelType: str
    problemType: Literal["classification", "regression"]
    target: str
    classes: NotRequired[List[str]]
    predictions: List[Dict[str, Any]]


class BatchJob(TypedDict):
    jobId: str
    status: Literal["pending", "running", "completed", "failed"]
    requested: str
    modelId: NotRequired[str]
    rows: NotRequired[int]
    processedRows: int
    createdAt: str
    updatedAt: str
    finishedAt: NotRequired[str]
    error: NotRequired[str]
    downloadUrl: NotRequired[str]
    downloadUrlExpiresAt: NotRequired[str]


class Alias(TypedDict):
    name: str
    alias: str
    version: str


class AliasDeleted(TypedDict):
    name: str
    alias: str
    deleted: bool


Rows = Union[List[Row], Any]  # a list of dicts, or a pandas DataFrame
