"""The client's protocol over a fake transport (httpx.MockTransport): retries, resume, SSE wait, bodies."""

import json
from typing import Callable, List

import httpx
import pytest

from modelstream import (
    BadRequestError,
    Client,
    JobCancelledError,
    JobFailedError,
    NotFoundError,
    ServiceUnavailableError,
    WaitTimeoutError,
)


def make_client(handler: Callable[[httpx.Request], httpx.Response], sleeps: List[float]) -> Client:
    client = Client(
        "http://ingest.test:3000",
        inference_url="http://inference.test:3001",
        transport=httpx.MockTransport(handler),
        max_retries=3,
    )
    client._sleep = sleeps.append
    return client


def multipart_fields(request: httpx.Request) -> dict:
    """The text fields and file bytes of a multipart request (enough for these tests)."""
    boundary = request.headers["content-type"].split("boundary=")[1].encode()
    fields = {}
    for part in request.content.split(b"--" + boundary):
        if b"\r\n\r\n" not in part:
            continue
        head, value = part.split(b"\r\n\r\n", 1)
        name = head.split(b'name="')[1].split(b'"')[0].decode()
        fields[name] = value[:-2] if value.endswith(b"\r\n") else value
    return fields


def test_upload_retries_a_503_chunk_after_retry_after_and_sends_settings_once():
    seen = []
    fails = {"left": 1}

    def handler(request):
        fields = multipart_fields(request)
        index = int(fields["chunkIndex"])
        if index == 1 and fails["left"]:
            fails["left"] -= 1
            return httpx.Response(
                503, headers={"Retry-After": "2"}, json={"statusCode": 503, "message": "Kafka is down"}
            )
        seen.append(fields)
        total = int(fields["totalChunks"])
        return httpx.Response(
            200,
            json={
                "trackingId": "t-1",
                "chunkIndex": index,
                "receivedChunks": index + 1,
                "totalChunks": total,
                "status": "pending",
            },
        )

    sleeps: List[float] = []
    answer = make_client(handler, sleeps).upload(
        b"a,b\n" + b"1,2\n" * 10, target="b", params={"epochs": 2}, chunk_size=16
    )
    assert answer["receivedChunks"] == answer["totalChunks"] == 3
    assert sleeps == [2.0]
    assert [f["chunkIndex"] for f in seen] == [b"0", b"1", b"2"]
    assert seen[0]["target"] == b"b" and json.loads(seen[0]["params"]) == {"epochs": 2}
    assert "trackingId" not in seen[0]
    assert all(f["trackingId"] == b"t-1" and "target" not in f for f in seen[1:])
    assert b"".join(f["file"] for f in seen) == b"a,b\n" + b"1,2\n" * 10


def test_upload_gives_up_after_max_retries_with_the_api_message():
    def handler(request):
        return httpx.Response(503, json={"statusCode": 503, "message": "Object store is down"})

    sleeps: List[float] = []
    with pytest.raises(ServiceUnavailableError, match="Object store is down"):
        make_client(handler, sleeps).upload(b"a\n1\n")
    assert len(sleeps) == 3


def test_upload_retries_network_errors_but_not_a_400():
    calls = {"n": 0}

    def handler(request):
        calls["n"] += 1
        if calls["n"] == 1:
            raise httpx.ConnectError("refused")
        return httpx.Response(400, json={"statusCode": 400, "message": "filename is required"})

    with pytest.raises(BadRequestError, match="filename is required"):
        make_client(handler, []).upload(b"a\n1\n")
    assert calls["n"] == 2


def test_upload_resumes_after_the_chunks_the_server_holds():
    posted = []

    def handler(request):
        if request.method == "GET":
            assert request.url.path == "/api/model-train/status/t-9"
            return httpx.Response(
                200, json={"trackingId": "t-9", "status": "pending", "receivedChunks": 2, "totalChunks": 4}
            )
        fields = multipart_fields(request)
        posted.append(int(fields["chunkIndex"]))
        assert fields["trackingId"] == b"t-9"
        i = int(fields["chunkIndex"])
        return httpx.Response(
            200,
            json={"trackingId": "t-9", "chunkIndex": i, "receivedChunks": i + 1, "totalChunks": 4, "status": "pending"},
        )

    make_client(handler, []).upload(b"x" * 40, chunk_size=10, tracking_id="t-9")
    assert posted == [2, 3]
    with pytest.raises(ValueError, match="same file and chunk_size"):
        make_client(handler, []).upload(b"x" * 40, chunk_size=20, tracking_id="t-9")


def sse(*views: dict) -> bytes:
    return "".join(f"id: {i}\nevent: status\ndata: {json.dumps(v)}\n\n" for i, v in enumerate(views)).encode()


def test_wait_reports_progress_and_returns_the_final_status():
    stream = sse(
        {"trackingId": "t", "status": "pending", "progress": 0},
        {"trackingId": "t", "status": "running", "progress": 50},
        {"trackingId": "t", "status": "completed", "progress": 100, "modelId": "models:/m/1"},
    )
    client = make_client(
        lambda r: httpx.Response(200, headers={"content-type": "text/event-stream"}, content=stream), []
    )
    progress = []
    final = client.wait("t", on_progress=lambda s: progress.append(s["progress"]))
    assert progress == [0, 50, 100]
    assert final["modelId"] == "models:/m/1"


def test_wait_reopens_a_dropped_stream():
    answers = [
        sse({"trackingId": "t", "status": "running", "progress": 10}),
        sse({"trackingId": "t", "status": "completed", "progress": 100}),
    ]
    client = make_client(lambda r: httpx.Response(200, content=answers.pop(0)), [])
    assert client.wait("t")["status"] == "completed"


@pytest.mark.parametrize("status,cls", [("failed", JobFailedError), ("cancelled", JobCancelledError)])
def test_wait_raises_when_the_job_did_not_complete(status, cls):
    stream = sse({"trackingId": "t", "status": status, "progress": 40, "error": "The target column has one class"})
    client = make_client(lambda r: httpx.Response(200, content=stream), [])
    with pytest.raises(cls, match="one class") as caught:
        client.wait("t")
    assert caught.value.job["status"] == status and caught.value.tracking_id == "t"
    assert client.wait("t", raise_on_failure=False)["status"] == status


def test_wait_unknown_job_and_timeout():
    client = make_client(
        lambda r: httpx.Response(404, json={"statusCode": 404, "message": 'No job with trackingId "x"'}), []
    )
    with pytest.raises(NotFoundError, match="No job with trackingId"):
        client.wait("x")
    quiet = make_client(
        lambda r: httpx.Response(200, content=sse({"trackingId": "t", "status": "running", "progress": 1})), []
    )
    with pytest.raises(WaitTimeoutError):
        quiet.wait("t", timeout=0.05)


def test_predict_accepts_rows_or_a_dataframe_and_names_the_model():
    bodies = []

    def handler(request):
        assert request.url.host == "inference.test" and request.url.path == "/api/predict"
        bodies.append(json.loads(request.content))
        return httpx.Response(200, json={"status": "success", "predictions": []})

    client = make_client(handler, [])
    client.predict("models:/m/2", [{"a": 1}])
    client.predict("m@champion", [{"a": 2}])
    client.predict("m", [{"a": 3}])
    assert [b["modelId"] for b in bodies] == ["models:/m/2", "models:/m@champion", "models:/m/latest"]
    pd = pytest.importorskip("pandas")
    client.predict("m/1", pd.DataFrame({"a": [1.5, float("nan")], "c": ["x", None]}))
    assert bodies[-1]["features"] == [{"a": 1.5, "c": "x"}, {"a": None, "c": None}]


def test_cancel_one_or_many_and_alias_bodies():
    requests = []

    def handler(request):
        requests.append((request.method, request.url.host, request.url.path, json.loads(request.content or b"null")))
        return httpx.Response(200, json={})

    client = make_client(handler, [])
    client.cancel("a")
    client.cancel("a", "b")
    client.cancel_many(sweep_id="sw-1", status="pending")
    client.set_alias("penguins", "champion", 3)
    client.delete_alias("penguins", "champion")
    assert requests == [
        ("POST", "ingest.test", "/api/model-train/a/cancel", {}),
        ("POST", "ingest.test", "/api/model-train/cancel", {"trackingIds": ["a", "b"]}),
        ("POST", "ingest.test", "/api/model-train/cancel", {"sweepId": "sw-1", "status": "pending"}),
        ("PUT", "inference.test", "/api/models/penguins/aliases/champion", {"version": "3"}),
        ("DELETE", "inference.test", "/api/models/penguins/aliases/champion", None),
    ]


def test_a_sweep_is_settled_when_its_best_version_is_promoted():
    from modelstream.client import sweep_settled

    entry = {"status": "completed", "score": 0.9, "modelVersion": "2"}
    base = {"status": "completed", "promoteAlias": "champion", "promotedVersion": None, "leaderboard": [entry]}
    assert not sweep_settled({**base, "status": "running"})
    assert not sweep_settled(base)  # every job final, the alias not given yet
    assert sweep_settled({**base, "promotedVersion": "2"})
    assert sweep_settled({**base, "promoteAlias": None})
    assert sweep_settled({**base, "leaderboard": [{"status": "failed", "score": None, "modelVersion": None}]})
