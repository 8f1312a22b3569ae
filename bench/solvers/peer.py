"""scikit-learn on the solver bench's data (written by run.ts): fit times, validation metrics and time to
quality, as JSON on stdout.

    peer.py <data.bin> <rows> <d> <train_rows> <repeats>

Time to quality of the iterative fits: the median time of a fit capped at k iterations, for the first k
whose validation metric reaches 99% of the converged fit's (such a fit does exactly the first k iterations).
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge

warnings.simplefilter("ignore", ConvergenceWarning)


def main():
    path, rows, d, n_train, repeats = sys.argv[1], *map(int, sys.argv[2:6])
    raw = np.fromfile(path, dtype=np.float32)
    x = raw[: rows * d].reshape(rows, d).astype(np.float64)
    regression, binary, multiclass = (raw[rows * d + i * rows : rows * d + (i + 1) * rows] for i in range(3))
    xt, xv = x[:n_train], x[n_train:]
    rmse = lambda m, y: float(np.sqrt(np.mean((m.predict(xv) - y) ** 2)))
    accuracy = lambda m, y: float(np.mean(m.predict(xv) == y))

    def fit(make, y):
        times, cpu = [], []
        for _ in range(repeats):
            model = make()
            start, start_cpu = time.perf_counter(), time.process_time()
            model.fit(xt, y[:n_train])
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        return model, sorted(times)[len(times) // 2], sorted(cpu)[len(cpu) // 2]

    out = {}
    for name, make, y, metric in [
        ("ols", LinearRegression, regression.astype(np.float64), rmse),
        ("ridge", lambda: Ridge(alpha=1.0), regression.astype(np.float64), rmse),
    ]:
        model, ms, best = fit(make, y)
        out[name] = {"ms": ms, "cpu": best, "metric": metric(model, y[n_train:]), "iterations": 1, "msToQuality": ms}
    for name, y in [("logistic binary", binary.astype(int)), ("logistic 3-class", multiclass.astype(int))]:
        make = lambda tol=1e-6, max_iter=200: LogisticRegression(C=np.inf, tol=tol, max_iter=max_iter)
        model, ms, best = fit(make, y)
        final = accuracy(model, y[n_train:])
        to_quality = None
        for k in range(1, int(model.n_iter_[0]) + 1):
            capped, capped_ms, _ = fit(lambda: make(max_iter=k), y)
            if accuracy(capped, y[n_train:]) >= 0.99 * final:
                to_quality = capped_ms
                break
        default_model, default_ms, _ = fit(lambda: make(tol=1e-4), y)
        out[name] = {"ms": ms, "cpu": best, "metric": final, "iterations": int(model.n_iter_[0]), "msToQuality": to_quality,
                     "msDefaultTol": default_ms, "iterationsDefaultTol": int(default_model.n_iter_[0])}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
