"""Loads modelstream models with plain MLflow pyfunc and predicts, for the pyfunc tests.

stdin:  JSON [{"uri": "models:/<name>/<version>" or a local model directory, "rows": [{column: value}]}]
stdout: JSON [{"uri", "flavors", "params_schema", "predictions": [...],
               "probabilities": {"columns": [...], "data": [[...]]} (classifiers)}]
MLFLOW_TRACKING_URI says where models:/ URIs resolve.
"""

import json
import sys
import warnings

import mlflow.pyfunc
import pandas as pd

warnings.filterwarnings("ignore")


def main():
    answers = []
    for request in json.load(sys.stdin):
        model = mlflow.pyfunc.load_model(request["uri"])
        df = pd.DataFrame(request["rows"])
        # The signature declares numeric columns double, and MLflow does not convert int64 to double by itself.
        df = df.astype({c: "float64" for c in df.select_dtypes("integer").columns})
        params = model.metadata.get_params_schema()
        answer = {
            "uri": request["uri"],
            "flavors": sorted(model.metadata.flavors),
            "params_schema": params.to_dict() if params else None,
            "predictions": pd.Series(model.predict(df)).tolist(),
        }
        if params and any(p["name"] == "probabilities" for p in params.to_dict()):
            out = model.predict(df, params={"probabilities": True})
            answer["probabilities"] = {"columns": list(out.columns), "data": out.values.tolist()}
        answers.append(answer)
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
