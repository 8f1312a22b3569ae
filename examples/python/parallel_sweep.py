"""Upload a dataset once (train=False), sweep three model families over it, print the leaderboard and put an
alias on the best version.

    python examples/python/parallel_sweep.py               # MODELSTREAM_URL, MODELSTREAM_API_KEY, ...

The task: predict a penguin's body mass (grams) from its measurements, species and island, scored by R².
MODELSTREAM_EXAMPLE_EPOCHS sets the epochs of every run (default 30).
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pandas as pd

from modelstream import Client

DATA = Path(__file__).resolve().parent / "data" / "penguins.csv"
FAMILIES = ["linear_regression", "ridge_regression", "mlp_regressor"]
ALIAS = "champion"


def main() -> int:
    epochs = int(os.environ.get("MODELSTREAM_EXAMPLE_EPOCHS", "30"))
    model_name = os.environ.get("MODELSTREAM_EXAMPLE_MODEL") or f"penguin-mass-{uuid.uuid4().hex[:6]}"

    with Client() as ms:
        dataset = ms.upload(DATA, train=False, chunk_size=4096)
        dataset_id = dataset["datasetId"]
        info = ms.get_dataset(dataset_id)
        print(f"dataset {dataset_id}: {info['rows']} rows, {len(info['columns'])} columns (uploaded once)")

        sweep = ms.create_sweep(
            dataset_id,
            FAMILIES,
            target="body_mass_g",
            metric="r2",
            grid={"epochs": [epochs], "learningRate": [0.01, 0.05]},
            model_name=model_name,
        )
        print(f"sweep {sweep['sweepId']}: {len(sweep['combinations'])} trainings across the trainer group")

        def show(s: dict) -> None:
            done = sum(e["status"] in ("completed", "failed", "cancelled") for e in s["leaderboard"])
            print(f"  {done}/{len(s['leaderboard'])} final")

        done = ms.wait_sweep(sweep["sweepId"], on_update=show, timeout=1200, poll_interval=2.0)

        board = pd.DataFrame(
            [
                {
                    "rank": e["rank"],
                    "model": e["modelType"],
                    "params": ", ".join(f"{k}={v}" for k, v in sorted(e["params"].items())),
                    "status": e["status"],
                    "r2": e["score"],
                    "rmse": (e["metrics"] or {}).get("rmse"),
                    "version": e["modelVersion"],
                }
                for e in done["leaderboard"]
            ]
        ).sort_values("r2", ascending=False, na_position="last")
        print(board.to_string(index=False))

        best = board.dropna(subset=["r2"]).iloc[0] if board["r2"].notna().any() else None
        if best is None or best["version"] is None:
            print("no run completed: nothing to promote", file=sys.stderr)
            return 1
        alias = ms.set_alias(model_name, ALIAS, best["version"])
        print(f"models:/{model_name}@{ALIAS} → version {alias['version']} ({best['model']}, r2 {best['r2']:.3f})")

        row = pd.read_csv(DATA).dropna().drop(columns=["body_mass_g"]).head(3)
        answer = ms.predict(f"{model_name}@{ALIAS}", row)
        print("predicted body mass (g):", [round(p["value"]) for p in answer["predictions"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
