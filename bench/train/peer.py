"""Python peer of bench/train/run.ts, on the same CSV with the same 80/20 split fraction and standardized
features: --impl sklearn trains scikit-learn's matching estimator one epoch at a time (partial_fit);
--impl keras trains the same network as TF.js (Keras 3 on JAX, same batch size, Adam and learning rate).
Prints one line `RESULT {json}` with rows/s per epoch, peak RSS and the validation metric."""
import argparse
import json
import os
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
p.add_argument("--impl", choices=["sklearn", "keras"], default="sklearn")
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
if a.impl == "keras":
    os.environ.setdefault("KERAS_BACKEND", "jax")
    import keras

    keras.utils.set_random_seed(42)
    mlp = a.family.startswith("mlp")
    batch = 128 if mlp else 256
    lr = 0.01 if mlp else 0.05
    layers = [keras.Input((X_train.shape[1],))]
    if mlp:
        layers += [keras.layers.Dense(64, activation="relu"), keras.layers.Dense(32, activation="relu")]
    layers.append(keras.layers.Dense(1, activation="sigmoid" if classification else None))
    model = keras.Sequential(layers)
    model.compile(optimizer=keras.optimizers.Adam(lr), loss="binary_crossentropy" if classification else "mse")
    labels = {c: i for i, c in enumerate(np.unique(y_train))}
    y_fit = np.array([labels[v] for v in y_train], dtype=np.float32) if classification else y_train_s.astype(np.float32)
    rates, cpu_rates = [], []
    for epoch in range(a.epochs):
        t, c = time.perf_counter(), time.process_time()
        model.fit(X_train, y_fit, batch_size=batch, epochs=1, verbose=0, shuffle=True)
        rates.append(n / (time.perf_counter() - t))
        cpu_rates.append(n / (time.process_time() - c))
    out = model.predict(X_val, batch_size=4096, verbose=0).ravel()
    if classification:
        inverse = np.array(list(labels.keys()))
        metric = accuracy_score(y_val, inverse[(out >= 0.5).astype(int)])
    else:
        metric = r2_score(y_val, out * y_std + y_mean)
    print("RESULT " + json.dumps({
        "side": f"keras {keras.__version__} on {keras.backend.backend()} (py)",
        "family": a.family,
        "rowsTrain": n,
        "loadSeconds": load_seconds,
        "epochRowsPerSecond": rates,
        "epochRowsPerCpuSecond": cpu_rates,
    "epochRowsPerCpuSecond": cpu_rates,
        "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "metric": float(metric),
        "batchSize": batch,
    }))
    raise SystemExit(0)

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

rates, cpu_rates = [], []
classes = np.unique(y_train)
rng = np.random.default_rng(42)
for epoch in range(a.epochs):
    order = rng.permutation(n)
    t, c = time.perf_counter(), time.process_time()
    if classification:
        if isinstance(model, SGDClassifier):
            model.partial_fit(X_train[order], y_train[order], classes=classes)
        else:
            model.partial_fit(X_train[order], y_train[order], classes=classes)
    else:
        model.partial_fit(X_train[order], y_train_s[order])
    rates.append(n / (time.perf_counter() - t))
    cpu_rates.append(n / (time.process_time() - c))

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
    "epochRowsPerCpuSecond": cpu_rates,
    "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "metric": float(metric),
    "batchSize": batch,
}))
