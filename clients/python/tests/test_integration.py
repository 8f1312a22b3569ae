"""The client against a running modelstream (MODELSTREAM_URL): a real CSV trained and served, the typed errors
with the API's messages, and the datasets, sweeps, bulk-cancel and alias APIs where the server has them."""

from __future__ import annotations

import csv
import random
import time
from typing import Any, Dict, List, Set

import pytest

from modelstream import BadRequestError, Client, ConflictError, JobCancelledError, JobFailedError, NotFoundError

from .conftest import PENGUINS, RUN_ID, TINY, model_name

FEATURES = ["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"]


def requires(paths: Set[str], path: str) -> None:
    if path not in paths:
        pytest.skip(f"the running server has no {path} yet (docs/datasets.md)")


def delete_when_idle(client: Client, dataset_id: str, within: float = 30.0) -> Dict[str, Any]:
    """Deletes a dataset, retrying its 409 while the job history (projected apart from the live status that
    ``wait`` follows) still shows the dataset's last job running."""
    deadline = time.monotonic() + within
    while True:
        try:
            return dict(client.delete_dataset(dataset_id))
        except ConflictError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def penguins_of_this_run() -> bytes:
    """penguins.csv with its rows in an order of this run: a dataset of its own (datasets are per sha256), so
    deleting it touches no other run's or suite's."""
    header, *rows = PENGUINS.read_text().strip().split("\n")
    random.Random(RUN_ID).shuffle(rows)
    return ("\n".join([header, *rows]) + "\n").encode()


def penguin_rows() -> List[Dict[str, str]]:
    with open(PENGUINS, newline="") as handle:
        return [row for row in csv.DictReader(handle) if "NA" not in row.values()]


@pytest.fixture(scope="module")
def trained(client: Client) -> Dict[str, Any]:
    """penguins.csv uploaded in 4 kB chunks, trained, followed over SSE to the end."""
    name = model_name("penguins")
    chunks: List[int] = []
    answer = client.upload(
        PENGUINS,
        target="species",
        model_type="logistic_regression",
        params={**TINY, "epochs": 20},
        model_name=name,
        chunk_size=4096,
        on_chunk=lambda a: chunks.append(a["chunkIndex"]),
    )
    assert chunks == list(range(answer["totalChunks"])) and answer["totalChunks"] == 4
    seen: List[Dict[str, Any]] = []
    job = client.wait(answer["trackingId"], on_progress=lambda s: seen.append(dict(s)), timeout=240)
    return {"job": job, "seen": seen, "name": name, "trackingId": answer["trackingId"]}


def test_train_a_real_csv_follow_it_and_predict(client: Client, trained: Dict[str, Any]) -> None:
    job = trained["job"]
    assert job["status"] == "completed" and job["progress"] == 100
    assert job["modelId"] == f"models:/{trained['name']}/1"
    assert job["result"] is not None and job["result"]["metrics"]["accuracy"] > 0.8
    assert trained["seen"][-1]["status"] == "completed"
    assert {"running", "completed"} <= {s["status"] for s in trained["seen"]}

    rows = penguin_rows()[::25]
    answer = client.predict(job["modelId"], [{k: row[k] for k in FEATURES} for row in rows])
    assert answer["modelId"] == job["modelId"] and answer["classes"] == ["Adelie", "Chinstrap", "Gentoo"]
    labels = [p["label"] for p in answer["predictions"]]
    right = sum(label == row["species"] for label, row in zip(labels, rows))
    assert right >= 0.8 * len(rows), (labels, [r["species"] for r in rows])


def test_predict_takes_a_dataframe(client: Client, trained: Dict[str, Any]) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(PENGUINS).drop(columns=["species"]).dropna().head(5)
    answer = client.predict(f"{trained['name']}/latest", frame)
    assert len(answer["predictions"]) == 5 and answer["modelId"] == trained["job"]["modelId"]


def test_status_lists_and_history_know_the_job(client: Client, trained: Dict[str, Any]) -> None:
    tid = trained["trackingId"]
    assert client.status(tid)["modelId"] == trained["job"]["modelId"]
    assert tid in [j["trackingId"] for j in client.jobs(limit=100)["items"]]
    assert client.job(tid)["trackingId"] == tid
    assert any(v["modelId"] == trained["job"]["modelId"] for m in client.models(trained["name"]) for v in m["versions"])


def test_a_bad_target_is_a_bad_request_with_the_api_message(client: Client) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.train(PENGUINS, target="no_such_column", model_name=model_name("bad"))
    assert caught.value.status_code == 400
    assert "no_such_column" in caught.value.message and "species" in caught.value.message


def test_bad_hyperparameters_are_a_bad_request(client: Client) -> None:
    with pytest.raises(BadRequestError, match="epochs"):
        client.train(PENGUINS, target="species", params={"epochs": 0}, model_name=model_name("bad"))


def test_an_unknown_tracking_id_is_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError, match="No job with trackingId"):
        client.status("no-such-job")
    with pytest.raises(NotFoundError):
        client.wait("no-such-job", timeout=30)
    with pytest.raises(NotFoundError):
        client.cancel("no-such-job")


def test_a_finished_job_cannot_be_cancelled(client: Client, trained: Dict[str, Any]) -> None:
    with pytest.raises(ConflictError):
        client.cancel(trained["trackingId"])


def test_a_job_that_fails_raises_job_failed(client: Client) -> None:
    # every row has the same species: the trainer refuses a one-class target
    one_class = "x,y\n" + "".join(f"{i},only\n" for i in range(40))
    try:
        tid = client.train(
            one_class.encode(), target="y", model_type="logistic_regression", params=TINY, model_name=model_name("fail")
        )
    except BadRequestError:
        pytest.skip("this server refuses a one-class target at upload already")
    with pytest.raises(JobFailedError) as caught:
        client.wait(tid, timeout=120)
    assert caught.value.job["status"] == "failed" and caught.value.message


def test_aliases_move_what_a_name_serves(client: Client, api_paths: Set[str], trained: Dict[str, Any]) -> None:
    requires(api_paths, "/api/models/{name}/aliases/{alias}")
    name = trained["name"]
    assert client.set_alias(name, "champion", 1) == {"name": name, "alias": "champion", "version": "1"}
    assert client.predict(f"{name}@champion", [{k: penguin_rows()[0][k] for k in FEATURES}])["version"] == "1"
    assert client.delete_alias(name, "champion")["deleted"] is True
    with pytest.raises(NotFoundError):
        client.delete_alias(name, "champion")
    with pytest.raises(NotFoundError):
        client.set_alias(name, "champion", 99)


def test_batch_prediction_over_a_csv(client: Client, trained: Dict[str, Any]) -> None:
    rows = penguin_rows()[:20]
    body = ",".join(FEATURES) + "\n" + "".join(",".join(r[k] for k in FEATURES) + "\n" for r in rows)
    job = client.predict_batch(trained["job"]["modelId"], body.encode(), timeout=120)
    assert job["status"] == "completed"
    results = client.download_batch(job).decode().strip().splitlines()
    assert len(results) == 21


def test_train_rows(client: Client, api_paths: Set[str]) -> None:
    requires(api_paths, "/api/train")
    rows = [{k: (float(v) if k.endswith(("_mm", "_g")) else v) for k, v in r.items()} for r in penguin_rows()]
    tid = client.train_rows(
        rows, target="species", model_type="logistic_regression", params=TINY, model_name=model_name("rows")
    )
    job = client.wait(tid, timeout=240)
    assert job["modelId"] == f"models:/{model_name('rows')}/1"
    assert job.get("datasetId")


def test_bulk_cancel_answers_per_job(client: Client, api_paths: Set[str], trained: Dict[str, Any]) -> None:
    requires(api_paths, "/api/model-train/cancel")
    answer = client.cancel("no-such-job", trained["trackingId"])
    outcomes = {r["trackingId"]: r["outcome"] for r in answer["results"]}
    assert outcomes == {"no-such-job": "not_found", trained["trackingId"]: "already_final"}
    assert answer["cancelled"] == 0
    with pytest.raises(BadRequestError):
        client.cancel_many()


def test_datasets_upload_once_train_again_and_delete(client: Client, api_paths: Set[str]) -> None:
    requires(api_paths, "/api/datasets/{datasetId}/train")
    uploaded = client.upload(
        penguins_of_this_run(), train=False, filename=f"penguins-{model_name('ds')}.csv", chunk_size=8192
    )
    dataset_id = uploaded["datasetId"]
    dataset = client.get_dataset(dataset_id)
    assert dataset["rows"] == 344 and "species" in [c["name"] for c in dataset["columns"]]
    assert dataset_id in [d["datasetId"] for d in client.list_datasets(limit=100)["items"]]
    tid = client.train_dataset(
        dataset_id, target="species", model_type="logistic_regression", params=TINY, model_name=model_name("ds")
    )
    job = client.wait(tid, timeout=240)
    assert job["status"] == "completed" and job.get("datasetId") == dataset_id
    assert delete_when_idle(client, dataset_id)["deleted"] is True
    with pytest.raises(NotFoundError):
        client.get_dataset(dataset_id)


def test_a_sweep_ranks_its_jobs_and_promotes_the_best(client: Client, api_paths: Set[str]) -> None:
    requires(api_paths, "/api/datasets/{datasetId}/sweeps")
    dataset_id = client.upload(penguins_of_this_run(), train=False, filename="penguins.csv", chunk_size=8192)[
        "datasetId"
    ]
    name = model_name("sweep")
    sweep = client.create_sweep(
        dataset_id,
        ["logistic_regression", "mlp_classifier"],
        target="species",
        metric="accuracy",
        grid={"epochs": [3]},
        model_name=name,
        promote_alias="champion",
    )
    done = client.wait_sweep(sweep["sweepId"], timeout=300, poll_interval=1.0)
    board = done["leaderboard"]
    assert len(board) == 2 and [e["rank"] for e in board] == [1, 2]
    scores = [e["score"] for e in board if e["score"] is not None]
    assert scores == sorted(scores, reverse=True)
    assert done["promotedVersion"] == board[0]["modelVersion"]
    assert client.leaderboard(sweep["sweepId"])[0]["trackingId"] == board[0]["trackingId"]
    assert (
        client.predict(f"{name}@champion", [{k: penguin_rows()[0][k] for k in FEATURES}])["version"]
        == done["promotedVersion"]
    )


def test_an_interrupted_upload_resumes_where_the_server_stopped(client: Client) -> None:
    class Interrupted(Exception):
        pass

    data = PENGUINS.read_bytes()
    settings: Dict[str, Any] = dict(
        target="species",
        model_type="logistic_regression",
        params=TINY,
        model_name=model_name("resume"),
        chunk_size=3000,
    )
    first: List[str] = []

    def stop_after_two(answer: Any) -> None:
        first.append(answer["trackingId"])
        if answer["chunkIndex"] == 1:
            raise Interrupted()

    with pytest.raises(Interrupted):
        client.upload(data, on_chunk=stop_after_two, **settings)
    tracking_id = first[0]
    assert client.status(tracking_id)["status"] == "pending"
    sent: List[int] = []
    answer = client.upload(data, tracking_id=tracking_id, on_chunk=lambda a: sent.append(a["chunkIndex"]), **settings)
    assert answer["trackingId"] == tracking_id and answer["receivedChunks"] == answer["totalChunks"] == 6
    assert 0 not in sent and sent[-1] == 5
    assert client.wait(tracking_id, timeout=240)["modelId"] == f"models:/{model_name('resume')}/1"


def test_a_cancelled_job_ends_wait_with_job_cancelled(client: Client) -> None:
    tid = client.train(
        PENGUINS,
        target="species",
        model_type="mlp_classifier",
        params={"epochs": 1000, "batchSize": 8, "seed": 3},
        model_name=model_name("cancel"),
    )
    deadline = time.monotonic() + 120
    while client.status(tid)["status"] == "pending" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert client.cancel(tid, reason="pytest")["cancelRequestedAt"]
    with pytest.raises(JobCancelledError) as caught:
        client.wait(tid, timeout=120)
    assert caught.value.job["status"] == "cancelled"
