"""Python peer of bench/mlp/run.ts: the validation metric of scikit-learn's MLPClassifier/MLPRegressor
or Keras 3 (JAX) over training time, on the same CSV, the same validation rows and standardized features.

--impl sklearn --converged: fit() with scikit-learn's own stopping rule (tol, n_iter_no_change) and print
the final metric (the quality target is 99% of it). Otherwise train --epochs epochs, checking the
validation metric --checks times per epoch; the clock stops while it is checked, so `curve` holds
(training seconds, metric) pairs. Prints one line `RESULT {json}`."""
import argparse
import json
import os
import resource
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, r2_score
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore")

p = argparse.ArgumentParser()
p.add_argument("--data", required=True)
p.add_argument("--validation", required=True, help="int32 little-endian validation row indices (our split)")
p.add_argument("--family", required=True)
p.add_argument("--impl", choices=["sklearn", "keras"], default="sklearn")
p.add_argument("--batch", type=int, default=200)
p.add_argument("--lr", type=float, default=0.001)
p.add_argument("--epochs", type=int, default=3)
p.add_argument("--checks", type=int, default=10)
p.add_argument("--seed", type=int, default=42)
p.add_argument("--converged", action="store_true")
a = p.parse_args()

df = pd.read_csv(a.data)
y = df.pop("target").to_numpy()
X = df.to_numpy(dtype=np.float32)
is_val = np.zeros(len(X), dtype=bool)
is_val[np.fromfile(a.validation, dtype="<i4")] = True
X_train, X_val, y_train, y_val = X[~is_val], X[is_val], y[~is_val], y[is_val]
scaler = StandardScaler().fit(X_train)
X_train, X_val = scaler.transform(X_train).astype(np.float32), scaler.transform(X_val).astype(np.float32)
classification = a.family == "mlp_classifier"
classes = np.unique(y_train)
if classification:
    y_fit = np.searchsorted(classes, y_train).astype(np.float32)
else:
    y_mean, y_std = y_train.mean(), y_train.std()
    y_fit = ((y_train - y_mean) / y_std).astype(np.float32)
n = len(X_train)


def metric_of(raw):
    """raw: P(class 1) or the standardized prediction."""
    if classification:
        return float(accuracy_score(y_val, classes[(raw.ravel() >= 0.5).astype(int)]))
    return float(r2_score(y_val, raw.ravel() * y_std + y_mean))


def emit(side, curve, epoch_seconds, extra=None):
    print("RESULT " + json.dumps({
        "side": side,
        "batch": a.batch,
        "lr": a.lr,
        "curve": curve,
        "epochSeconds": epoch_seconds,
        "epochRowsPerSecond": [n / s for s in epoch_seconds],
        "epochMetrics": [m for i, (_, m) in enumerate(curve) if (i + 1) % a.checks == 0],
        "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **(extra or {}),
    }))


if a.impl == "sklearn":
    Model = MLPClassifier if classification else MLPRegressor
    model = Model(hidden_layer_sizes=(64, 32), batch_size=a.batch, learning_rate_init=a.lr, random_state=a.seed)
    sk_raw = (lambda: model.predict_proba(X_val)[:, 1]) if classification else (lambda: model.predict(X_val))
    if a.converged:
        t = time.perf_counter()
        model.fit(X_train, y_fit)
        seconds = time.perf_counter() - t
        emit(f"sklearn {type(model).__name__}", [[seconds, metric_of(sk_raw())]], [], {"iterations": model.n_iter_})
        raise SystemExit(0)
    rng = np.random.default_rng(a.seed)
    curve, epoch_seconds, clock = [], [], 0.0
    for epoch in range(a.epochs):
        order = rng.permutation(n)
        chunks = np.array_split(order, a.checks)
        started = clock
        for chunk in chunks:
            t = time.perf_counter()
            if classification:
                model.partial_fit(X_train[chunk], y_fit[chunk], classes=np.array([0.0, 1.0], dtype=np.float32))
            else:
                model.partial_fit(X_train[chunk], y_fit[chunk])
            clock += time.perf_counter() - t
            curve.append([clock, metric_of(sk_raw())])
        epoch_seconds.append(clock - started)
    emit(f"sklearn {type(model).__name__}", curve, epoch_seconds)
    raise SystemExit(0)

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402

keras.utils.set_random_seed(a.seed)
model = keras.Sequential([
    keras.Input((X_train.shape[1],)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid" if classification else None),
])
model.compile(optimizer=keras.optimizers.Adam(a.lr), loss="binary_crossentropy" if classification else "mse")
steps = -(-n // a.batch)
per_check = max(1, steps // a.checks)


class Checks(keras.callbacks.Callback):
    """Checks the validation metric every `per_check` batches with the clock stopped."""

    def __init__(self):
        super().__init__()
        self.curve, self.paused, self.started = [], 0.0, 0.0

    def on_train_begin(self, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        t = time.perf_counter()
        metric = metric_of(self.model.predict(X_val, batch_size=8192, verbose=0))
        self.curve.append([t - self.started - self.paused, metric])
        self.paused += time.perf_counter() - t


# An "epoch" of fit is 1/checks of the data (the iterator carries on across them), so the callback
# sees the weights every per_check batches.
checks = Checks()
t = time.perf_counter()
model.fit(X_train, y_fit, batch_size=a.batch, epochs=a.epochs * a.checks, steps_per_epoch=per_check, shuffle=True,
          verbose=0, callbacks=[checks])
emit(f"keras {keras.__version__} ({keras.backend.backend()})", checks.curve,
     [checks.curve[(e + 1) * a.checks - 1][0] - (checks.curve[e * a.checks - 1][0] if e else 0) for e in range(a.epochs)])
