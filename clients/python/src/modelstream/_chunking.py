"""The pure parts of an upload: what a source's bytes and name are, how they split, how long to back off."""

from __future__ import annotations

import io
import json
import os
import random
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

MAX_FILE_BYTES = 25 * 1024 * 1024
DEFAULT_CHUNK_SIZE = 1 << 20

PathLike = Union[str, "os.PathLike[str]"]


def is_dataframe(value: Any) -> bool:
    """A pandas DataFrame, without importing pandas when it is not installed."""
    cls = type(value)
    return cls.__name__ == "DataFrame" and cls.__module__.startswith("pandas")


def dataframe_to_csv(frame: Any) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def dataframe_to_records(frame: Any) -> List[Dict[str, Any]]:
    """Rows as JSON-ready dicts: NaN/NaT become None, numpy scalars plain numbers."""
    records: List[Dict[str, Any]] = json.loads(frame.to_json(orient="records", date_format="iso"))
    return records


def read_source(source: Any, filename: Optional[str] = None) -> Tuple[bytes, str]:
    """The CSV bytes and file name of a path, bytes, a binary file object or a DataFrame."""
    if is_dataframe(source):
        return dataframe_to_csv(source), filename or "dataframe.csv"
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), filename or "data.csv"
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        with open(path, "rb") as handle:
            return handle.read(), filename or os.path.basename(path)
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        name = filename or os.path.basename(str(getattr(source, "name", "") or "")) or "data.csv"
        return bytes(data), name
    raise TypeError(f"cannot upload a {type(source).__name__}: pass a path, bytes, a binary file or a pandas DataFrame")


def split_chunks(data: bytes, chunk_size: int = DEFAULT_CHUNK_SIZE) -> List[bytes]:
    """Consecutive slices of at most ``chunk_size`` bytes; an empty file is one empty chunk (the API says why
    it refuses it)."""
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1 byte")
    if not data:
        return [b""]
    return [data[at : at + chunk_size] for at in range(0, len(data), chunk_size)]


def chunk_fields(
    *,
    filename: str,
    chunk_index: int,
    total_chunks: int,
    tracking_id: Optional[str] = None,
    settings: Optional[Mapping[str, Any]] = None,
) -> Dict[str, str]:
    """The text fields of one chunk: settings go with chunk 0 only, the trackingId with every later one."""
    fields = {"filename": filename, "chunkIndex": str(chunk_index), "totalChunks": str(total_chunks)}
    if chunk_index > 0:
        if not tracking_id:
            raise ValueError("chunks after the first need the trackingId the first answer returned")
        fields["trackingId"] = tracking_id
    elif tracking_id:
        fields["trackingId"] = tracking_id
    if chunk_index == 0 and settings:
        for key, value in settings.items():
            if value is None:
                continue
            if key == "params" and not isinstance(value, str):
                value = json.dumps(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            fields[key] = str(value)
    return fields


def training_settings(
    *,
    target: Optional[str] = None,
    model_type: Optional[str] = None,
    params: Optional[Mapping[str, Any]] = None,
    model_name: Optional[str] = None,
    train: bool = True,
) -> Dict[str, Any]:
    """Chunk 0's settings (API names); ``train`` is sent only when False, so older servers still accept it."""
    settings: Dict[str, Any] = {}
    if target is not None:
        settings["target"] = target
    if model_type is not None:
        settings["modelType"] = model_type
    if params is not None:
        settings["params"] = dict(params)
    if model_name is not None:
        settings["modelName"] = model_name
    if not train:
        settings["train"] = False
    return settings


def backoff_delay(attempt: int, retry_after: Optional[float] = None, base: float = 0.5, cap: float = 30.0) -> float:
    """Seconds to wait before retry ``attempt`` (1-based): the server's Retry-After when it gave one, else
    exponential with jitter, at most ``cap``."""
    if retry_after is not None:
        return min(max(0.0, retry_after), cap)
    exp = float(min(cap, base * (2 ** (attempt - 1))))
    return exp / 2 + random.uniform(0, exp / 2)
