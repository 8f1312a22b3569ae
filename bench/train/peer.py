"""Python peer of bench/train/run.ts: scikit-learn's matching estimator per family, one epoch at a time
(partial_fit), on the same CSV, with the same 80/20 split fraction and standardized features.
Prints one line `RESULT {json}` with rows/s per epoch, peak RSS and the validation metric."""
import argparse
import json
import resource
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.linear_model import SGDClassifier, SGDRegressor
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore")

p = argparse.ArgumentParser()
p.add_argument("--data", required=True)
p.add_argument("--family", required=True)
p.add_argument("--epochs", type=int, default=3)
a = p.parse_args()

started = time.perf_counter()
df = pd.read_csv(a.data)
y = df.pop("target").to_numpy()
X = df.to_numpy(dtype=np.float32)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=42)
scaler = StandardScaler().fit(X_train)
X_train, X_val = scaler.transform(X_train), scaler.transform(X_val)
classification = a.family in ("logistic_regression", "mlp_classifier")
if not classification:
    y_mean, y_std = y_train.mean(), y_train.std()
    y_train_s = (y_train - y_mean) / y_std
load_seconds = time.perf_counter() - started

n = len(X_train)
batch = 1
if a.family == "logistic_regression":
    model = SGDClassifier(loss="log_loss", penalty=None, learning_rate="constant", eta0=0.01, random_state=42)
    side = "sklearn SGDClassifier(log_loss)"
elif a.family == "linear_regression":
    model = SGDRegressor(penalty=None, learning_rate="constant", eta0=0.001, random_state=42)
    side = "sklearn SGDRegressor"
elif a.family == "ridge_regression":
    model = SGDRegressor(penalty="l2", alpha=1.0 / n, learning_rate="constant", eta0=0.001, random_state=42)
    side = "sklearn SGDRegressor(l2)"
elif a.family == "mlp_classifier":
    batch = 128
    model = MLPClassifier(hidden_layer_sizes=(64, 32), batch_size=batch, learning_rate_init=0.01, random_state=42)
    side = "sklearn MLPClassifier(adam)"
else:
    batch = 128
    model = MLPRegressor(hidden_layer_sizes=(64, 32), batch_size=batch, learning_rate_init=0.01, random_state=42)
    side = "sklearn MLPRegressor(adam)"

rates = []
classes = np.unique(y_train)
rng = np.random.default_rng(42)
for epoch in range(a.epochs):
    order = rng.permutation(n)
    t = time.perf_counter()
    if classification:
        if isinstance(model, SGDClassifier):
            model.partial_fit(X_train[order], y_train[order], classes=classes)
        else:
            model.partial_fit(X_train[order], y_train[order], classes=classes)
    else:
        model.partial_fit(X_train[order], y_train_s[order])
    rates.append(n / (time.perf_counter() - t))

if classification:
    metric = accuracy_score(y_val, model.predict(X_val))
else:
    metric = r2_score(y_val, model.predict(X_val) * y_std + y_mean)

print("RESULT " + json.dumps({
    "side": f"{side} (py)",
    "family": a.family,
    "rowsTrain": n,
    "loadSeconds": load_seconds,
    "epochRowsPerSecond": rates,
    "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "metric": float(metric),
    "batchSize": batch,
}))
