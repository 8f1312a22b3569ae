"""The scikit-learn twin of the bench's TF.js model: the same CSV, the same features, the same kind of
preprocessing (impute + standardize numerics, impute + one-hot categoricals) and a logistic regression,
logged to the MLflow tracking server so `mlflow models serve` can serve it. Prints one JSON line."""
import json
import sys

import mlflow
import pandas as pd
from mlflow.models import infer_signature
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def main() -> None:
    csv, target, features, tracking_uri, experiment = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4], sys.argv[5]
    df = pd.read_csv(csv)
    x, y = df[features], df[target].astype(str)
    numeric = [c for c in features if pd.api.types.is_numeric_dtype(x[c])]
    categorical = [c for c in features if c not in numeric]
    model = Pipeline(
        [
            (
                "preprocess",
                ColumnTransformer(
                    [
                        ("numeric", Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]), numeric),
                        (
                            "categorical",
                            Pipeline([("impute", SimpleImputer(strategy="most_frequent")), ("onehot", OneHotEncoder(handle_unknown="ignore"))]),
                            categorical,
                        ),
                    ]
                ),
            ),
            ("classifier", LogisticRegression(max_iter=1000)),
        ]
    )
    model.fit(x, y)
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_experiment(experiment)
    with mlflow.start_run(run_name="sklearn-twin") as run:
        example = x.head(3)
        info = mlflow.sklearn.log_model(
            model,
            name="model",
            signature=infer_signature(example, model.predict(example)),
            input_example=example,
            # the default skops format refuses numpy dtypes inside ColumnTransformer; they are our own objects
            skops_trusted_types=["numpy.dtype"],
        )
        print(json.dumps({"run_id": run.info.run_id, "model_uri": info.model_uri, "train_accuracy": float(model.score(x, y))}))


if __name__ == "__main__":
    main()
