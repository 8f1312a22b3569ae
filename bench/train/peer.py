"""Python peers of bench/train/run.ts on the same CSV, the same validation rows and the same preprocessing
(numerics: training mean imputed, standardized; categoricals: training mode imputed, one-hot over the
training levels; regression targets standardized for the networks).

--impl sklearn: the matching scikit-learn estimator. Iterative ones (MLPClassifier/MLPRegressor) run one
partial_fit epoch at a time with the validation metric after each; the rest (LogisticRegression lbfgs,
LinearRegression, Ridge, RandomForest*) are timed over their full fit, which is the quality reference.
--impl keras: the same network as ours (Keras 3 on JAX), validation after each epoch.

Prints `SEED {json}` after each seed (a trace of [seconds since the fit started, validation metric] per
epoch) and `RESULT {json}` at the end (load + preprocessing time, peak RSS, and the RSS after the imports)."""
import argparse
import json
import os
import resource
import time
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")

p = argparse.ArgumentParser()
p.add_argument("--impl", choices=["sklearn", "keras"], required=True)
p.add_argument("--family", required=True)
p.add_argument("--data", required=True)
p.add_argument("--target", required=True)
p.add_argument("--validation", required=True, help="int32 little-endian validation row indices")
p.add_argument("--params", required=True, help="the family's hyperparameters (JSON, our registry's names)")
p.add_argument("--seeds", default="1,2,3")
p.add_argument("--cap-seconds", type=float, default=60)
p.add_argument("--patience", type=int, default=0, help="stop after this many epochs without a better validation metric (0: off)")
p.add_argument("--repeats", type=int, default=1, help="fits per seed; the one with the median fit time is reported")
a = p.parse_args()
params = json.loads(a.params)
if a.impl == "keras":
    os.environ.setdefault("KERAS_BACKEND", "jax")
    import keras

    side = f"keras {keras.__version__} ({keras.backend.backend()})"
else:
    import sklearn
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
    from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
    from sklearn.neural_network import MLPClassifier, MLPRegressor

    side = f"scikit-learn {sklearn.__version__}"
baseline_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
classification = a.family in ("logistic_regression", "mlp_classifier", "random_forest_classifier")
mlp = a.family.startswith("mlp_")

started = time.perf_counter()
df = pd.read_csv(a.data)
y_all = df.pop(a.target)
n_rows = len(df)
val_idx = np.fromfile(a.validation, dtype="<i4")
is_train = np.ones(n_rows, dtype=bool)
is_train[val_idx] = False
train_idx = np.flatnonzero(is_train)
parts = []
for name in df.columns:
    col = df[name]
    if pd.api.types.is_numeric_dtype(col):
        values = col.to_numpy(dtype=np.float64)
        train = values[train_idx]
        mean = np.nanmean(train)
        std = np.nanstd(train)
        std = std if std > 1e-12 else 1.0
        parts.append(((np.where(np.isnan(values), mean, values) - mean) / std).astype(np.float32)[:, None])
    else:
        train = col.iloc[train_idx]
        levels = sorted(train.dropna().unique())
        codes = pd.Categorical(col.fillna(train.value_counts().idxmax()), categories=levels).codes
        onehot = np.zeros((n_rows, len(levels)), dtype=np.float32)
        known = codes >= 0
        onehot[np.flatnonzero(known), codes[known]] = 1
        parts.append(onehot)
X = np.hstack(parts)
X_train, X_val = X[train_idx], X[val_idx]
del X, parts
if classification:
    classes, y_codes = np.unique(y_all.astype(str).to_numpy(), return_inverse=True)
    y_train, y_val = y_codes[train_idx], y_codes[val_idx]
else:
    y = y_all.to_numpy(dtype=np.float64)
    y_train, y_val = y[train_idx], y[val_idx]
    y_mean, y_std = y_train.mean(), y_train.std()
    y_train_s = ((y_train - y_mean) / y_std).astype(np.float32)
load_seconds = time.perf_counter() - started
n = len(X_train)


def score(predicted):
    """Accuracy (classes) or RMSE in the target's unit (standardized predictions for the networks)."""
    if classification:
        return float(np.mean(predicted == y_val))
    return float(np.sqrt(np.mean((predicted - y_val) ** 2)))


def better(metric, best):
    if best is None:
        return True
    return metric > best + 1e-4 if classification else metric < best * (1 - 1e-4)


class Stopper:
    """The harness's stop rule, the same on every side: the time cap, the epochs, the plateau."""

    def __init__(self):
        self.best, self.since, self.reason = None, 0, "epochs"

    def stop(self, elapsed, metric):
        if better(metric, self.best):
            self.best, self.since = metric, 0
        else:
            self.since += 1
        if elapsed > a.cap_seconds:
            self.reason = "time cap"
        elif a.patience and self.since >= a.patience:
            self.reason = "plateau"
        else:
            return False
        return True


def sklearn_run(seed):
    estimator = None if mlp else sklearn_estimator(seed)
    t0, c0 = time.perf_counter(), time.process_time()
    if estimator is not None:
        estimator.fit(X_train, y_train)
        seconds = time.perf_counter() - t0
        metric = score(estimator.predict(X_val))
        stopped = "all trees" if a.family.startswith("random_forest") else "converged"
        cpu = time.process_time() - c0
        return {"trace": [[seconds, metric]], "final": metric, "fitSeconds": seconds, "fitCpuSeconds": cpu, "epochRowsPerSecond": [], "stopped": stopped}
    mlp_args = dict(
        hidden_layer_sizes=tuple(params["hiddenLayers"]),
        activation=params["activation"],
        solver="adam",
        alpha=2 * params["l2"] * params["batchSize"],  # ours: l2·Σw² on the mean loss; sklearn: alpha/2·Σw² / batch
        batch_size=params["batchSize"],
        learning_rate_init=params["learningRate"],
        random_state=seed,
    )
    model = MLPClassifier(**mlp_args) if classification else MLPRegressor(**mlp_args)
    stopper, trace, rates = Stopper(), [], []
    for _ in range(params["epochs"]):
        t = time.perf_counter()
        if classification:
            model.partial_fit(X_train, y_train, classes=np.arange(len(classes)))
        else:
            model.partial_fit(X_train, y_train_s)
        rates.append(n / (time.perf_counter() - t))
        predicted = model.predict(X_val)
        metric = score(predicted if classification else predicted * y_std + y_mean)
        elapsed = time.perf_counter() - t0
        trace.append([elapsed, metric])
        if stopper.stop(elapsed, metric):
            break
    return {
        "trace": trace, "final": trace[-1][1], "fitSeconds": trace[-1][0], "fitCpuSeconds": time.process_time() - c0,
        "epochRowsPerSecond": rates, "stopped": stopper.reason,
    }


def sklearn_estimator(seed):
    if a.family == "logistic_regression":
        l2 = params.get("l2", 0)
        return LogisticRegression(solver="lbfgs", C=1 / (2 * l2 * n) if l2 > 0 else np.inf, max_iter=1000)
    if a.family == "linear_regression":
        return LinearRegression()
    if a.family == "ridge_regression":
        return Ridge(alpha=params["alpha"])
    forest = RandomForestClassifier if classification else RandomForestRegressor
    return forest(
        n_estimators=params["trees"],
        max_depth=params["maxDepth"],
        min_samples_leaf=params["minSamplesLeaf"],
        max_features={"sqrt": "sqrt", "log2": "log2", "all": 1.0}[params["maxFeatures"]],
        n_jobs=2,
        random_state=seed,
    )


def keras_run(seed):
    keras.utils.set_random_seed(seed)
    t0, c0 = time.perf_counter(), time.process_time()
    layers = [keras.Input((X_train.shape[1],))]
    for i, units in enumerate(params["hiddenLayers"]):
        layers.append(keras.layers.Dense(units, activation=params["activation"], kernel_initializer=keras.initializers.HeNormal(seed + i + 1)))
    layers.append(keras.layers.Dense(1, activation="sigmoid" if classification else None))
    model = keras.Sequential(layers)
    model.compile(
        optimizer=keras.optimizers.Adam(params["learningRate"]),
        loss="binary_crossentropy" if classification else "mse",
        metrics=["accuracy"] if classification else [keras.metrics.RootMeanSquaredError(name="rmse")],
    )
    stopper, trace, rates, epoch_started = Stopper(), [], [], [0.0]

    class Trace(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            epoch_started[0] = time.perf_counter()

        def on_test_begin(self, logs=None):
            rates.append(n / (time.perf_counter() - epoch_started[0]))

        def on_epoch_end(self, epoch, logs=None):
            metric = float(logs["val_accuracy"] if classification else logs["val_rmse"] * y_std)
            elapsed = time.perf_counter() - t0
            trace.append([elapsed, metric])
            if stopper.stop(elapsed, metric):
                self.model.stop_training = True

    y_fit = y_train.astype(np.float32) if classification else y_train_s
    y_check = y_val.astype(np.float32) if classification else ((y_val - y_mean) / y_std).astype(np.float32)
    model.fit(
        X_train, y_fit, batch_size=params["batchSize"], epochs=params["epochs"], validation_data=(X_val, y_check),
        validation_batch_size=8192, callbacks=[Trace()], verbose=0, shuffle=True,
    )
    return {
        "trace": trace, "final": trace[-1][1], "fitSeconds": trace[-1][0], "fitCpuSeconds": time.process_time() - c0,
        "epochRowsPerSecond": rates, "stopped": stopper.reason,
    }


for seed in [int(s) for s in a.seeds.split(",")]:
    repeats = sorted((keras_run(seed) if a.impl == "keras" else sklearn_run(seed) for _ in range(a.repeats)), key=lambda r: r["fitSeconds"])
    run = repeats[(len(repeats) - 1) // 2]  # the median fit time, as quality.ts medianRun
    print("SEED " + json.dumps({"seed": seed, **run, "repeats": len(repeats)}), flush=True)
print("RESULT " + json.dumps({
    "side": side,
    "loadSeconds": load_seconds,
    "rowsTrain": n,
    "inputDim": int(X_train.shape[1]),
    "baselineRssMb": baseline_rss_mb,
    "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}), flush=True)
