"""The modelstream client: ingest (uploads, jobs, datasets, sweeps) and inference (predictions, models, aliases)."""

from __future__ import annotations

import json
import time
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union, cast, overload
from urllib.parse import quote

import httpx

from . import __version__
from ._chunking import (
    DEFAULT_CHUNK_SIZE,
    backoff_delay,
    chunk_fields,
    dataframe_to_records,
    is_dataframe,
    read_source,
    split_chunks,
    training_settings,
)
from ._config import resolve_endpoints
from ._sse import parse_sse
from .errors import (
    JobCancelledError,
    JobFailedError,
    ModelstreamError,
    ServiceUnavailableError,
    WaitTimeoutError,
    error_from_response,
)
from .types import (
    FINAL_STATUSES,
    Alias,
    AliasDeleted,
    BatchJob,
    BulkCancelResult,
    Dataset,
    DatasetDeleted,
    JobStatus,
    LeaderboardEntry,
    Page,
    PredictResult,
    Sweep,
    UploadAnswer,
)

ProgressCallback = Callable[[JobStatus], None]
Rows = Union[Sequence[Mapping[str, Any]], Any]  # a list of dicts, or a pandas DataFrame

_RETRYABLE_STATUS = {502, 503, 504}


def _model_uri(model: str) -> str:
    """``models:/churn/3``, ``churn/3``, ``churn@champion`` or ``churn`` (latest) → a models:/ URI."""
    if model.startswith("models:/"):
        return model
    if "/" in model or "@" in model:
        return f"models:/{model}"
    return f"models:/{model}/latest"


def _seg(value: str) -> str:
    return quote(str(value), safe="")


def _rows_of(rows: Rows) -> List[Dict[str, Any]]:
    if is_dataframe(rows):
        return dataframe_to_records(rows)
    if isinstance(rows, Mapping):
        raise TypeError("pass a list of rows (dicts) or a DataFrame, not a single dict")
    return [dict(r) for r in rows]


def _drop_none(values: Mapping[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def sweep_settled(sweep: Sweep) -> bool:
    """Every job final, and the alias given to the best version when there is one to promote."""
    if sweep.get("status") != "completed":
        return False
    if not sweep.get("promoteAlias") or sweep.get("promotedVersion"):
        return True
    promotable = any(
        e.get("status") == "completed" and e.get("score") is not None and e.get("modelVersion")
        for e in sweep.get("leaderboard", [])
    )
    return not promotable


class Client:
    """A client of one modelstream deployment.

    >>> ms = Client()                                  # MODELSTREAM_URL, MODELSTREAM_API_KEY, or localhost
    >>> tid = ms.train("penguins.csv", target="species", model_type="mlp_classifier")
    >>> job = ms.wait(tid, on_progress=lambda s: print(s["progress"]))
    >>> ms.predict(job["modelId"], [{"bill_length_mm": 39.1, ...}])

    ``base_url`` is the ingest API (or the portal); ``inference_url`` the inference API (by default
    ``MODELSTREAM_INFERENCE_URL``, else port 3001 of an ingest on port 3000, else ``base_url`` itself: the
    TypeScript SDK's rule). ``max_retries`` bounds the retries of a chunk or a read after a
    503 or a network error (backing off, honouring Retry-After).
    """

    def __init__(
        self,
        base_url: Optional[str] = None,
        *,
        inference_url: Optional[str] = None,
        api_key: Optional[str] = None,
        timeout: float = 60.0,
        max_retries: int = 5,
        transport: Optional[httpx.BaseTransport] = None,
    ) -> None:
        endpoints = resolve_endpoints(base_url, inference_url, api_key)
        self.base_url = endpoints.ingest
        self.inference_url = endpoints.inference
        self.max_retries = max_retries
        headers = {"User-Agent": f"modelstream-python/{__version__}", "Accept": "application/json"}
        if endpoints.api_key:
            headers["Authorization"] = f"Bearer {endpoints.api_key}"
        self._http = httpx.Client(headers=headers, timeout=timeout, transport=transport)
        self._sleep: Callable[[float], None] = time.sleep

    # -- plumbing ---------------------------------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Client(base_url={self.base_url!r}, inference_url={self.inference_url!r})"

    def _url(self, app: str, path: str) -> str:
        return (self.inference_url if app == "inference" else self.base_url) + path

    def _request(
        self,
        method: str,
        app: str,
        path: str,
        *,
        retry: bool = False,
        **kwargs: Any,
    ) -> Any:
        """One call; the JSON answer, or a typed error. ``retry``: resend after a 503/502/504 or a network error."""
        url = self._url(app, path)
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._http.request(method, url, **kwargs)
            except httpx.TransportError as exc:
                if retry and attempt <= self.max_retries:
                    self._sleep(backoff_delay(attempt))
                    continue
                raise ServiceUnavailableError(f"{method} {url} failed: {exc.__class__.__name__}: {exc}") from exc
            if response.status_code < 400:
                if not response.content:
                    return None
                try:
                    return response.json()
                except ValueError:
                    return response.text
            error = error_from_response(
                response.status_code, response.content, response.headers, response.reason_phrase
            )
            if retry and response.status_code in _RETRYABLE_STATUS and attempt <= self.max_retries:
                self._sleep(backoff_delay(attempt, error.retry_after))
                continue
            raise error

    # -- uploads and training ---------------------------------------------------------------------------

    def upload(
        self,
        source: Any,
        *,
        target: Optional[str] = None,
        model_type: Optional[str] = None,
        params: Optional[Mapping[str, Any]] = None,
        model_name: Optional[str] = None,
        train: bool = True,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        filename: Optional[str] = None,
        tracking_id: Optional[str] = None,
        on_chunk: Optional[Callable[[UploadAnswer], None]] = None,
    ) -> UploadAnswer:
        """Uploads a CSV (a path, bytes, a binary file or a DataFrame) in chunks; the last chunk's answer.

        ``train=False`` stores it as a dataset without starting a job (``datasetId`` in the answer).
        ``tracking_id`` resumes an upload that stopped part way: the chunks the server holds are skipped
        (use the same ``chunk_size``). A chunk that meets a 503 or a network error is sent again.
        """
        data, name = read_source(source, filename)
        chunks = split_chunks(data, chunk_size)
        total = len(chunks)
        settings = training_settings(
            target=target, model_type=model_type, params=params, model_name=model_name, train=train
        )
        start = 0
        answer: Optional[UploadAnswer] = None
        if tracking_id:
            held = self.status(tracking_id)
            held_total = held.get("totalChunks")
            if held_total is not None and held_total != total:
                raise ValueError(
                    f"upload {tracking_id} has {held_total} chunks but this file splits into {total}: "
                    "resume with the same file and chunk_size"
                )
            start = min(int(held.get("receivedChunks") or 0), total)
            if start == total:
                return cast(
                    UploadAnswer,
                    _drop_none(
                        {
                            "trackingId": tracking_id,
                            "chunkIndex": total - 1,
                            "receivedChunks": total,
                            "totalChunks": total,
                            "status": held["status"],
                            "datasetId": held.get("datasetId"),
                        }
                    ),
                )
        for index in range(start, total):
            fields = chunk_fields(
                filename=name, chunk_index=index, total_chunks=total, tracking_id=tracking_id, settings=settings
            )
            answer = cast(
                UploadAnswer,
                self._request(
                    "POST",
                    "ingest",
                    "/api/model-train/start",
                    data=fields,
                    files={"file": (name, chunks[index], "text/csv")},
                    retry=True,
                ),
            )
            tracking_id = answer["trackingId"]
            if on_chunk is not None:
                on_chunk(answer)
        assert answer is not None
        return answer

    def train(
        self,
        source: Any,
        *,
        target: Optional[str] = None,
        model_type: Optional[str] = None,
        params: Optional[Mapping[str, Any]] = None,
        model_name: Optional[str] = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        filename: Optional[str] = None,
    ) -> str:
        """Uploads a CSV (path, bytes or DataFrame) and starts its training; the job's tracking id."""
        return self.upload(
            source,
            target=target,
            model_type=model_type,
            params=params,
            model_name=model_name,
            chunk_size=chunk_size,
            filename=filename,
        )["trackingId"]

    def train_rows(
        self,
        rows: Rows,
        *,
        target: Optional[str] = None,
        model_type: Optional[str] = None,
        params: Optional[Mapping[str, Any]] = None,
        model_name: Optional[str] = None,
        filename: Optional[str] = None,
    ) -> str:
        """Trains on JSON rows (a list of dicts or a DataFrame) in one call (``POST /api/train``); the tracking id."""
        body = _drop_none(
            {
                "rows": _rows_of(rows),
                "target": target,
                "modelType": model_type,
                "params": dict(params) if params is not None else None,
                "modelName": model_name,
                "filename": filename,
            }
        )
        answer = self._request("POST", "ingest", "/api/train", json=body)
        return str(answer["trackingId"])

    # -- jobs -------------------------------------------------------------------------------------------

    def status(self, tracking_id: str) -> JobStatus:
        """A job's live status (``GET /api/model-train/status/:id``)."""
        return cast(
            JobStatus, self._request("GET", "ingest", f"/api/model-train/status/{_seg(tracking_id)}", retry=True)
        )

    def jobs(
        self,
        status: Optional[str] = None,
        *,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
        **filters: Any,
    ) -> Page:
        """A page of every job with its status, newest first (``GET /api/model-train/status``)."""
        query = _drop_none({"status": status, "limit": limit, "offset": offset, **filters})
        return cast(Page, self._request("GET", "ingest", "/api/model-train/status", params=query, retry=True))

    def history(
        self,
        status: Optional[str] = None,
        *,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
        **filters: Any,
    ) -> Page:
        """A page of the durable job history (``GET /api/model-train/jobs``; filters such as ``modelType``)."""
        query = _drop_none({"status": status, "limit": limit, "offset": offset, **filters})
        return cast(Page, self._request("GET", "ingest", "/api/model-train/jobs", params=query, retry=True))

    def job(self, tracking_id: str) -> Dict[str, Any]:
        """A job's full life from the history: settings, transitions, per-epoch and final metrics."""
        return cast(
            Dict[str, Any], self._request("GET", "ingest", f"/api/model-train/jobs/{_seg(tracking_id)}", retry=True)
        )

    def model_specs(self) -> Any:
        """The model families (``modelType`` keys) with their default hyperparameters."""
        return self._request("GET", "ingest", "/api/model-specs", retry=True)

    def wait(
        self,
        tracking_id: str,
        on_progress: Optional[ProgressCallback] = None,
        timeout: Optional[float] = 600.0,
        *,
        raise_on_failure: bool = True,
    ) -> JobStatus:
        """Follows a job's live events (SSE) until it is final; its final status.

        ``on_progress`` gets every status change. A job that ended ``failed`` raises JobFailedError, one
        ``cancelled`` JobCancelledError (unless ``raise_on_failure=False``); WaitTimeoutError after
        ``timeout`` seconds (None: no limit). A dropped stream is reopened (it starts with the current state).
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        url = self._url("ingest", f"/api/model-train/{_seg(tracking_id)}/events")
        last_seen: Optional[Tuple[Any, ...]] = None
        failures = 0
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                last = last_seen[0] if last_seen else "?"
                raise WaitTimeoutError(
                    f"job {tracking_id} was not final after {timeout} s (last status: {last})",
                    details={"trackingId": tracking_id},
                )
            read = 30.0 if remaining is None else max(0.5, min(30.0, remaining))
            try:
                with self._http.stream(
                    "GET",
                    url,
                    headers={"Accept": "text/event-stream", "Cache-Control": "no-cache"},
                    timeout=httpx.Timeout(10.0, read=read),
                ) as response:
                    if response.status_code >= 400:
                        response.read()
                        error = error_from_response(
                            response.status_code, response.content, response.headers, response.reason_phrase
                        )
                        if not isinstance(error, ServiceUnavailableError):
                            raise error
                        failures += 1
                        self._sleep(backoff_delay(failures, error.retry_after, cap=10.0))
                        continue
                    for event in parse_sse(response.iter_lines()):
                        if event.event not in ("status", "message"):
                            continue
                        view = cast(JobStatus, json.loads(event.data))
                        failures = 0
                        seen = (view.get("status"), view.get("progress"), view.get("stage"), view.get("epoch"))
                        if seen != last_seen:
                            last_seen = seen
                            if on_progress is not None:
                                on_progress(view)
                        if view.get("status") in FINAL_STATUSES:
                            return self._final(view, raise_on_failure)
                        if deadline is not None and time.monotonic() >= deadline:
                            break
            except httpx.ReadTimeout:
                continue  # a quiet job: reopen the stream (it starts with the current state)
            except httpx.TransportError:
                failures += 1
                if failures > self.max_retries:
                    raise
                self._sleep(backoff_delay(failures, cap=10.0))

    @staticmethod
    def _final(view: JobStatus, raise_on_failure: bool) -> JobStatus:
        if raise_on_failure and view["status"] == "failed":
            raise JobFailedError(view.get("error") or f"job {view['trackingId']} failed", job=view)
        if raise_on_failure and view["status"] == "cancelled":
            raise JobCancelledError(view.get("error") or f"job {view['trackingId']} was cancelled", job=view)
        return view

    @overload
    def cancel(self, __tracking_id: str, *, reason: Optional[str] = None) -> JobStatus: ...

    @overload
    def cancel(self, __first: str, __second: str, *more: str, reason: Optional[str] = None) -> BulkCancelResult: ...

    def cancel(self, *tracking_ids: str, reason: Optional[str] = None) -> Union[JobStatus, BulkCancelResult]:
        """Cancels one job (its status view; NotFoundError/ConflictError when unknown or already final), or
        several at once through the bulk endpoint (a result per job, no error for final or unknown ones)."""
        if not tracking_ids:
            raise ValueError("name at least one tracking id (or use cancel_many for sweeps and filters)")
        if len(tracking_ids) == 1:
            body = _drop_none({"reason": reason})
            return cast(
                JobStatus,
                self._request("POST", "ingest", f"/api/model-train/{_seg(tracking_ids[0])}/cancel", json=body),
            )
        return self.cancel_many(list(tracking_ids))

    def cancel_many(
        self,
        tracking_ids: Optional[Iterable[str]] = None,
        *,
        sweep_id: Optional[str] = None,
        status: Optional[str] = None,
        created_before: Optional[str] = None,
    ) -> BulkCancelResult:
        """Bulk cancel (``POST /api/model-train/cancel``): by ids, by sweep, by status and/or age."""
        body = _drop_none(
            {
                "trackingIds": list(tracking_ids) if tracking_ids is not None else None,
                "sweepId": sweep_id,
                "status": status,
                "createdBefore": created_before,
            }
        )
        return cast(BulkCancelResult, self._request("POST", "ingest", "/api/model-train/cancel", json=body))

    # -- datasets ---------------------------------------------------------------------------------------

    def list_datasets(self, *, limit: Optional[int] = None, offset: Optional[int] = None) -> Page:
        """A page of datasets, newest first."""
        query = _drop_none({"limit": limit, "offset": offset})
        return cast(Page, self._request("GET", "ingest", "/api/datasets", params=query, retry=True))

    def get_dataset(self, dataset_id: str) -> Dataset:
        """A dataset with its columns and a preview of its first rows."""
        return cast(Dataset, self._request("GET", "ingest", f"/api/datasets/{_seg(dataset_id)}", retry=True))

    def delete_dataset(self, dataset_id: str) -> DatasetDeleted:
        """Deletes a dataset (ConflictError while one of its jobs is pending or running)."""
        return cast(DatasetDeleted, self._request("DELETE", "ingest", f"/api/datasets/{_seg(dataset_id)}"))

    def train_dataset(
        self,
        dataset_id: str,
        *,
        target: Optional[str] = None,
        model_type: Optional[str] = None,
        params: Optional[Mapping[str, Any]] = None,
        model_name: Optional[str] = None,
    ) -> str:
        """Trains a stored dataset again, without re-uploading it; the new job's tracking id."""
        body = _drop_none(
            {
                "target": target,
                "modelType": model_type,
                "params": dict(params) if params is not None else None,
                "modelName": model_name,
            }
        )
        answer = self._request("POST", "ingest", f"/api/datasets/{_seg(dataset_id)}/train", json=body)
        return str(answer["trackingId"])

    # -- sweeps -----------------------------------------------------------------------------------------

    def create_sweep(
        self,
        dataset_id: str,
        model_types: Sequence[str],
        *,
        metric: str,
        target: Optional[str] = None,
        grid: Optional[Mapping[str, Sequence[Any]]] = None,
        model_name: Optional[str] = None,
        promote_alias: Optional[str] = None,
    ) -> Sweep:
        """Trains one dataset with every combination of families × grid; the sweep (live leaderboard)."""
        body = _drop_none(
            {
                "modelTypes": list(model_types),
                "metric": metric,
                "target": target,
                "grid": {k: list(v) for k, v in grid.items()} if grid is not None else None,
                "modelName": model_name,
                "promoteAlias": promote_alias,
            }
        )
        return cast(Sweep, self._request("POST", "ingest", f"/api/datasets/{_seg(dataset_id)}/sweeps", json=body))

    def get_sweep(self, sweep_id: str) -> Sweep:
        return cast(Sweep, self._request("GET", "ingest", f"/api/sweeps/{_seg(sweep_id)}", retry=True))

    def leaderboard(self, sweep_id: str) -> List[LeaderboardEntry]:
        """The sweep's jobs, best first by its metric (unscored ones last)."""
        return self.get_sweep(sweep_id)["leaderboard"]

    def wait_sweep(
        self,
        sweep_id: str,
        on_update: Optional[Callable[[Sweep], None]] = None,
        timeout: Optional[float] = 1800.0,
        poll_interval: float = 2.0,
    ) -> Sweep:
        """Polls a sweep until it is settled: every job final and, with ``promoteAlias``, the best version
        promoted (the server promotes a few seconds after the last job ends); the final sweep."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            sweep = self.get_sweep(sweep_id)
            if on_update is not None:
                on_update(sweep)
            if sweep_settled(sweep):
                return sweep
            if deadline is not None and time.monotonic() >= deadline:
                raise WaitTimeoutError(
                    f"sweep {sweep_id} was not completed after {timeout} s", details={"sweepId": sweep_id}
                )
            self._sleep(poll_interval)

    # -- inference --------------------------------------------------------------------------------------

    def predict(self, model: str, rows: Rows) -> PredictResult:
        """Predictions for rows (a list of dicts or a DataFrame) from ``models:/<name>/<version>``,
        ``models:/<name>@<alias>`` or ``.../latest`` (the ``models:/`` prefix may be left out)."""
        body = {"modelId": _model_uri(model), "features": _rows_of(rows)}
        return cast(PredictResult, self._request("POST", "inference", "/api/predict", json=body))

    def predict_batch(
        self,
        model: str,
        source: Any,
        *,
        wait: bool = True,
        timeout: Optional[float] = 600.0,
        poll_interval: float = 1.0,
    ) -> BatchJob:
        """Starts a batch prediction over a CSV (path, bytes or DataFrame); with ``wait`` its final state,
        whose ``downloadUrl`` is the results CSV (``download_batch`` fetches it)."""
        data, name = read_source(source)
        job = cast(
            BatchJob,
            self._request(
                "POST",
                "inference",
                "/api/predict/batch",
                data={"modelId": _model_uri(model)},
                files={"file": (name, data, "text/csv")},
            ),
        )
        if not wait:
            return job
        deadline = None if timeout is None else time.monotonic() + timeout
        while job["status"] not in ("completed", "failed"):
            if deadline is not None and time.monotonic() >= deadline:
                raise WaitTimeoutError(
                    f"batch {job['jobId']} was not done after {timeout} s", details={"jobId": job["jobId"]}
                )
            self._sleep(poll_interval)
            job = self.batch_status(job["jobId"])
        if job["status"] == "failed":
            raise ModelstreamError(job.get("error") or f"batch prediction {job['jobId']} failed", body=job)
        return job

    def batch_status(self, job_id: str) -> BatchJob:
        return cast(BatchJob, self._request("GET", "inference", f"/api/predict/batch/{_seg(job_id)}", retry=True))

    def download_batch(self, job: Union[BatchJob, str]) -> bytes:
        """The results CSV of a completed batch prediction."""
        state = self.batch_status(job) if isinstance(job, str) else job
        url = state.get("downloadUrl")
        if not url:
            raise ModelstreamError(f"batch prediction {state['jobId']} has no results yet (status {state['status']})")
        response = httpx.get(url, timeout=60.0)  # presigned: no API key goes to the object store
        if response.status_code >= 400:
            raise error_from_response(response.status_code, response.content, response.headers, response.reason_phrase)
        return response.content

    def models(self, name: Optional[str] = None) -> List[Dict[str, Any]]:
        """Registered models (optionally whose name contains ``name``) with versions and aliases."""
        answer = self._request("GET", "inference", "/api/models", params=_drop_none({"name": name}), retry=True)
        return cast(List[Dict[str, Any]], answer["models"])

    def set_alias(self, name: str, alias: str, version: Union[str, int]) -> Alias:
        """Points ``models:/<name>@<alias>`` at a version (sets or moves the alias)."""
        return cast(
            Alias,
            self._request(
                "PUT", "inference", f"/api/models/{_seg(name)}/aliases/{_seg(alias)}", json={"version": str(version)}
            ),
        )

    def delete_alias(self, name: str, alias: str) -> AliasDeleted:
        return cast(
            AliasDeleted, self._request("DELETE", "inference", f"/api/models/{_seg(name)}/aliases/{_seg(alias)}")
        )

    def health(self, app: str = "ingest") -> Dict[str, Any]:
        """An app's ``/health`` (``ingest`` or ``inference``); answers even while a dependency is down."""
        response = self._http.get(self._url(app, "/health"))
        return cast(Dict[str, Any], response.json())


ModelstreamClient = Client
