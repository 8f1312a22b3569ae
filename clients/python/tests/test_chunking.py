"""The pure parts of an upload: sources, chunk slices, the fields of each chunk, backoff."""

import io
import json

import pytest

from modelstream._chunking import backoff_delay, chunk_fields, read_source, split_chunks, training_settings


def test_split_chunks_covers_the_file_in_order():
    data = bytes(range(256)) * 10
    chunks = split_chunks(data, 1000)
    assert [len(c) for c in chunks] == [1000, 1000, 560]
    assert b"".join(chunks) == data


def test_split_chunks_exact_multiple_empty_and_bad_size():
    assert split_chunks(b"abcd", 2) == [b"ab", b"cd"]
    assert split_chunks(b"", 10) == [b""]
    with pytest.raises(ValueError):
        split_chunks(b"x", 0)


def test_settings_go_with_chunk_zero_and_the_tracking_id_with_later_chunks():
    settings = training_settings(
        target="species", model_type="mlp_classifier", params={"epochs": 3}, model_name="p", train=False
    )
    first = chunk_fields(filename="p.csv", chunk_index=0, total_chunks=3, settings=settings)
    assert first == {
        "filename": "p.csv",
        "chunkIndex": "0",
        "totalChunks": "3",
        "target": "species",
        "modelType": "mlp_classifier",
        "params": json.dumps({"epochs": 3}),
        "modelName": "p",
        "train": "false",
    }
    later = chunk_fields(filename="p.csv", chunk_index=2, total_chunks=3, tracking_id="t-1", settings=settings)
    assert later == {"filename": "p.csv", "chunkIndex": "2", "totalChunks": "3", "trackingId": "t-1"}
    with pytest.raises(ValueError):
        chunk_fields(filename="p.csv", chunk_index=1, total_chunks=3)


def test_train_true_is_not_sent():
    assert training_settings(target="y") == {"target": "y"}


def test_read_source_from_path_bytes_file_and_dataframe(tmp_path):
    path = tmp_path / "iris.csv"
    path.write_bytes(b"a,b\n1,2\n")
    assert read_source(path) == (b"a,b\n1,2\n", "iris.csv")
    assert read_source(str(path), "other.csv") == (b"a,b\n1,2\n", "other.csv")
    assert read_source(b"x\n1\n") == (b"x\n1\n", "data.csv")
    assert read_source(io.BytesIO(b"x\n2\n")) == (b"x\n2\n", "data.csv")
    with pytest.raises(TypeError):
        read_source(42)
    pd = pytest.importorskip("pandas")
    data, name = read_source(pd.DataFrame({"a": [1, 2], "b": ["x", None]}))
    assert (data, name) == (b"a,b\n1,x\n2,\n", "dataframe.csv")


def test_backoff_honours_retry_after_and_grows_otherwise():
    assert backoff_delay(1, retry_after=3) == 3
    assert backoff_delay(1, retry_after=999, cap=30) == 30
    for attempt in range(1, 8):
        delay = backoff_delay(attempt, base=0.5, cap=30)
        full = min(30, 0.5 * 2 ** (attempt - 1))
        assert full / 2 <= delay <= full
