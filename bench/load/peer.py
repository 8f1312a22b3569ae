"""Python peer of bench/load/run.ts: pandas read_csv, then the same preprocessing as ours — an 80/20 split,
numeric columns imputed with the training mean and standardized, categorical columns imputed with the
training mode and one-hot encoded (unknown levels ignored), float32 matrices out. Prints one line
`RESULT {json}` with the seconds of each part and the process's peak RSS."""
import argparse
import json
import resource
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

p = argparse.ArgumentParser()
p.add_argument("--file", required=True)
p.add_argument("--kind", choices=["numeric", "mixed", "float64"], required=True)
p.add_argument("--target", required=True)
a = p.parse_args()

started = time.perf_counter()
df = pd.read_csv(a.file)
loaded = time.perf_counter()
y = df.pop(a.target)
numeric = list(df.select_dtypes("number").columns)
categorical = [c for c in df.columns if c not in numeric]
X_train, X_val, y_train, y_val = train_test_split(df, y, test_size=0.2, random_state=42)
if a.kind != "mixed":
    scaler = StandardScaler().fit(X_train.to_numpy(dtype=np.float32))
    xt = scaler.transform(X_train.to_numpy(dtype=np.float32))
    xv = scaler.transform(X_val.to_numpy(dtype=np.float32))
    y_mean, y_std = y_train.mean(), y_train.std()
    yt, yv = ((y_train - y_mean) / y_std).to_numpy(np.float32), ((y_val - y_mean) / y_std).to_numpy(np.float32)
else:
    transform = ColumnTransformer(
        [
            ("num", Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]), numeric),
            (
                "cat",
                Pipeline(
                    [
                        ("impute", SimpleImputer(strategy="most_frequent")),
                        ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False, dtype=np.float32)),
                    ]
                ),
                categorical,
            ),
        ]
    )
    xt = transform.fit_transform(X_train).astype(np.float32)
    xv = transform.transform(X_val).astype(np.float32)
    classes = {c: i for i, c in enumerate(sorted(y_train.dropna().unique()))}
    yt, yv = y_train.map(classes).to_numpy(np.float32), y_val.map(classes).to_numpy(np.float32)
done = time.perf_counter()

print("RESULT " + json.dumps({
    "side": f"pandas {pd.__version__}",
    "rows": len(df),
    "loadSeconds": loaded - started,
    "prepSeconds": done - loaded,
    "seconds": done - started,
    "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "inputDim": int(xt.shape[1]),
}))
