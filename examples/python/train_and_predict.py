"""Upload a real CSV (Palmer penguins), train a classifier, follow its progress live, predict with pandas.

    pip install -e 'clients/python[pandas]'
    python examples/python/train_and_predict.py            # MODELSTREAM_URL, MODELSTREAM_API_KEY, ...

MODELSTREAM_EXAMPLE_EPOCHS sets the epochs (default 30); MODELSTREAM_EXAMPLE_MODEL the registered model name.
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pandas as pd

from modelstream import Client, JobFailedError

DATA = Path(__file__).resolve().parent / "data" / "penguins.csv"


def main() -> int:
    epochs = int(os.environ.get("MODELSTREAM_EXAMPLE_EPOCHS", "30"))
    model_name = os.environ.get("MODELSTREAM_EXAMPLE_MODEL") or f"penguins-{uuid.uuid4().hex[:6]}"
    frame = pd.read_csv(DATA)
    print(f"{DATA.name}: {len(frame)} rows, columns {', '.join(frame.columns)}")

    with Client() as ms:
        print(f"ingest {ms.base_url}, inference {ms.inference_url}")
        upload = ms.upload(
            DATA,
            target="species",
            model_type="mlp_classifier",
            params={"epochs": epochs, "hiddenLayers": [16], "seed": 1},
            model_name=model_name,
            chunk_size=4096,  # small on purpose: the file goes up in several chunks
            on_chunk=lambda a: print(f"  chunk {a['chunkIndex'] + 1}/{a['totalChunks']} stored"),
        )
        tracking_id = upload["trackingId"]
        print(f"training job {tracking_id}")

        def progress(status: dict) -> None:
            epoch = f" epoch {status['epoch']}/{status['epochs']}" if status.get("epoch") else ""
            print(f"  {status['status']:<9} {status['progress']:>5.1f}% {status.get('stage') or ''}{epoch}")

        try:
            job = ms.wait(tracking_id, on_progress=progress, timeout=600)
        except JobFailedError as failed:
            print(f"the job failed: {failed.message}", file=sys.stderr)
            return 1
        metrics = job["result"]["metrics"] if job["result"] else {}
        print(
            f"registered {job['modelId']}: "
            f"accuracy {metrics.get('accuracy', float('nan')):.3f}, f1 {metrics.get('f1', float('nan')):.3f}"
        )

        sample = frame.dropna().sample(8, random_state=3)
        answer = ms.predict(job["modelId"], sample.drop(columns=["species"]))
        sample = sample.assign(
            predicted=[p["label"] for p in answer["predictions"]],
            confidence=[max(p["probabilities"].values()) for p in answer["predictions"]],
        )
        print(
            sample[["island", "bill_length_mm", "flipper_length_mm", "species", "predicted", "confidence"]].to_string(
                index=False
            )
        )
        right = int((sample["species"] == sample["predicted"]).sum())
        print(f"{right}/{len(sample)} predicted right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
