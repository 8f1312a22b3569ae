"""MLflow ``python_function`` loader for modelstream models, NumPy and pandas only.

A modelstream model version (``models:/<name>/<version>``) holds its model in one of two formats, which
its MLmodel's ``modelstream_tfjs`` flavor names: ``tfjs-layers``, a TF.js layers model of Dense layers
(``tfjs/model.json`` + ``tfjs/weights.bin``), or ``random-forest``, a forest of binary trees as flat
arrays (``forest/forest.json`` + ``forest/trees.bin``); and its fitted feature transform
(``preprocessing.json``). Its MLmodel names this module as the ``python_function`` loader, shipped
under ``code/``, so

    model = mlflow.pyfunc.load_model("models:/<name>/<version>")
    model.predict(df)                                   # one label (classifier) or value (regressor) per row
    model.predict(df, params={"probabilities": True})   # classifiers: DataFrame of label, probability_<class>

answers what the inference app's ``POST /api/predict`` answers: the same transform (numerics imputed with
the training mean and standardized, categoricals imputed with the training mode and one-hot encoded, a
level never seen in training encoding as zeros), the Dense stack with float32 results like TF.js (or the
trees, walked on the same float32 inputs and averaged in float64 in tree order like the inference app),
and regression outputs mapped back to the target's unit. Labels are equal; values and probabilities agree
to float32 precision (an ulp or two of TF.js's own float32 arithmetic; forests exactly).
"""

import json
import os

import numpy as np
import pandas as pd

PROBABILITIES = "probabilities"

__all__ = ["ModelstreamModel", "PROBABILITIES", "_load_pyfunc"]


FLAVOR = "modelstream_tfjs"
FOREST_FORMAT = "modelstream-random-forest"


def _load_pyfunc(data_path, model_config=None):
    """Called by mlflow.pyfunc.load_model with the model's directory."""
    return ModelstreamModel.load(data_path)


def _sigmoid(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-z))


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# On float64 arrays; each layer's result is rounded to float32 (see ModelstreamModel.raw).
_ACTIVATIONS = {
    "linear": lambda z: z,
    None: lambda z: z,
    "relu": lambda z: np.maximum(z, 0),
    "tanh": np.tanh,
    "sigmoid": _sigmoid,
    "elu": lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0))),
    "softmax": _softmax,
}


def _f32(a):
    """Rounds to float32 (what a TF.js tensor holds) and back to float64 for the next step."""
    return a.astype(np.float32).astype(np.float64)


class ModelstreamModel:
    """The model as pyfunc sees it: ``predict(model_input, params=None)``."""

    def __init__(self, preprocessing, network):
        self.preprocessing = preprocessing
        # encoded float32 [rows, inputs] -> float32 [rows, units]: a _DenseStack or a _Forest
        self.network = network
        self.features = preprocessing["features"]
        self.problem_type = preprocessing["problemType"]
        self.classes = list(preprocessing.get("classes") or [])

    @classmethod
    def load(cls, path):
        """The model in directory ``path``, in the format and at the paths its MLmodel names."""
        flavor = _flavor(os.path.join(path, "MLmodel"))
        model_format = flavor.get("format", "tfjs-layers")
        preprocessing = flavor.get("preprocessing", "preprocessing.json")
        with open(os.path.join(path, preprocessing), encoding="utf-8") as f:
            pre = json.load(f)
        if pre.get("format") != "modelstream-preprocessing":
            raise ValueError(f"{preprocessing} is not a modelstream preprocessing file")
        if model_format == "tfjs-layers":
            model_path = os.path.join(path, flavor.get("model", "tfjs/model.json"))
            with open(model_path, encoding="utf-8") as f:
                model_json = json.load(f)
            return cls(pre, _DenseStack(_dense_stack(model_json, os.path.dirname(model_path))))
        if model_format == "random-forest":
            return cls(pre, _Forest.load(os.path.join(path, flavor.get("model", "forest/forest.json"))))
        raise ValueError(f'MLmodel names the model format "{model_format}", which this loader cannot run')

    def encode(self, df):
        """The rows as the model's float32 input matrix (the transform of preprocessor.ts)."""
        missing = [f["name"] for f in self.features if f["name"] not in df.columns]
        if missing:
            raise ValueError(f"missing input columns: {', '.join(missing)}")
        n = len(df)
        blocks = []
        for f in self.features:
            column = df[f["name"]]
            if f["kind"] == "numeric":
                values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
                bad = np.isinf(values) | (np.isnan(values) & ~_empty(column))
                if bad.any():
                    raise ValueError(f'column "{f["name"]}" must hold finite numbers (row {int(np.argmax(bad))})')
                values = np.where(np.isnan(values), f["impute"], values)
                # float64 arithmetic, then one rounding to float32: what a Float32Array stores.
                blocks.append(((values - f["mean"]) / f["std"]).astype(np.float32).reshape(n, 1))
            else:
                levels = {level: j for j, level in enumerate(f["levels"])}
                block = np.zeros((n, len(levels)), dtype=np.float32)
                for r, (value, empty) in enumerate(zip(column.tolist(), _empty(column))):
                    slot = levels.get(f["impute"] if empty else _level(value))
                    if slot is not None:
                        block[r, slot] = 1
                blocks.append(block)
        x = np.concatenate(blocks, axis=1) if blocks else np.zeros((n, 0), dtype=np.float32)
        if x.shape[1] != self.preprocessing["inputDim"]:
            raise ValueError(f"encoded {x.shape[1]} inputs, the model takes {self.preprocessing['inputDim']}")
        return x

    def raw(self, df):
        """The model's outputs (probabilities or a standardized value), float32 [rows, units]."""
        return self.network(self.encode(df))

    def class_probabilities(self, df):
        """[rows, classes]; a single sigmoid output is P(classes[1])."""
        out = self.raw(df)
        if out.shape[1] == 1 and len(self.classes) == 2:
            p = out[:, 0].astype(np.float64)
            # inference computes 1 - p in double and keeps it in double (a Float64Array)
            return np.stack([1.0 - p, p], axis=1)
        return out

    def predict(self, model_input, params=None):
        df = model_input if isinstance(model_input, pd.DataFrame) else pd.DataFrame(model_input)
        if self.problem_type == "regression":
            scale = self.preprocessing.get("targetScale") or {"mean": 0, "std": 1}
            z = self.raw(df)[:, 0].astype(np.float64)
            return z * scale["std"] + scale["mean"]
        probs = self.class_probabilities(df)
        labels = np.array([self.classes[j] for j in np.argmax(probs, axis=1)], dtype=object)
        if not (params or {}).get(PROBABILITIES):
            return labels
        out = pd.DataFrame({"label": labels}, index=df.index)
        for j, c in enumerate(self.classes):
            out[f"probability_{c}"] = probs[:, j].astype(np.float64)
        return out


class _DenseStack:
    """A chain of Dense layers: [(kernel float32 [in, out], bias float32 [out] or None, activation name)].

    TF.js computes in float32; here each layer's sums are taken in float64 over the float32 inputs and
    weights and rounded once to float32, as is its activation: the float32 result correctly rounded, which
    TF.js's own float32 arithmetic matches to an ulp or two (and which does not depend on the BLAS build's
    summation order).
    """

    def __init__(self, layers):
        self.layers = layers

    def __call__(self, x):
        h = x.astype(np.float64)
        for i, (kernel, bias, activation) in enumerate(self.layers):
            z = np.matmul(h, kernel.astype(np.float64))
            if bias is not None:
                z = z + bias.astype(np.float64)
            if i == len(self.layers) - 1 and activation == "sigmoid" and kernel.shape[1] == 1:
                # inference computes a one-unit sigmoid output in double from the float32 layer below
                # (libs/ml/src/trained-model.ts), so P(class 0) = 1 - P(class 1) keeps its precision
                return _sigmoid(z)
            h = _f32(_ACTIVATIONS[activation](_f32(z)))
        return h.astype(np.float32)


class _Forest:
    """Trees as flat arrays (forest-model.ts): tree t starts at roots[t]; a split node sends a row left when
    x[feature] <= threshold (both float32), a leaf (feature -1) holds ``width`` values from values[value].
    The output is the mean over trees of the leaves reached: P(class 1), class probabilities, or the
    standardized target."""

    ARRAYS = ("roots", "feature", "threshold", "left", "right", "value", "values")

    def __init__(self, meta, arrays):
        self.width = int(meta["outputWidth"])
        self.input_dim = int(meta["inputDim"])
        for name in self.ARRAYS:
            setattr(self, name, arrays[name])

    @classmethod
    def load(cls, forest_json):
        with open(forest_json, encoding="utf-8") as f:
            meta = json.load(f)
        if meta.get("format") != FOREST_FORMAT or meta.get("version") != 1:
            raise ValueError(f"{forest_json} is not a version 1 {FOREST_FORMAT} file")
        with open(os.path.join(os.path.dirname(forest_json), meta["data"]), "rb") as f:
            data = f.read()
        arrays = {}
        for name in cls.ARRAYS:
            spec = meta["arrays"][name]
            dtype = "<f4" if spec["dtype"] == "float32" else "<i4"
            arrays[name] = np.frombuffer(data, dtype=dtype, count=spec["length"], offset=spec["offset"])
        return cls(meta, arrays)

    def __call__(self, x):
        n = x.shape[0]
        if x.shape[1] != self.input_dim:
            raise ValueError(f"the forest takes {self.input_dim} inputs, got {x.shape[1]}")
        sums = np.zeros((n, self.width), dtype=np.float64)
        offsets = np.arange(self.width)
        for root in self.roots:
            node = np.full(n, root, dtype=np.int64)
            active = np.flatnonzero(self.feature[node] >= 0)
            while active.size:
                at = node[active]
                left = x[active, self.feature[at]] <= self.threshold[at]  # float32 against float32
                node[active] = np.where(left, self.left[at], self.right[at])
                active = active[self.feature[node[active]] >= 0]
            sums += self.values[self.value[node][:, None] + offsets]  # in tree order, as inference sums
        return (sums / len(self.roots)).astype(np.float32)


def _flavor(mlmodel_path):
    """The scalar fields of the MLmodel's modelstream_tfjs flavor ({} without an MLmodel file)."""
    if not os.path.exists(mlmodel_path):
        return {}
    fields, indent = {}, None
    with open(mlmodel_path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if not line.strip():
                continue
            depth = len(line) - len(line.lstrip())
            if indent is None:
                if line.strip() == f"{FLAVOR}:":
                    indent = depth
                continue
            if depth <= indent:
                break
            key, sep, value = line.strip().partition(":")
            if sep and value.strip():
                fields[key] = value.strip().strip("'")
    return fields


def _empty(column):
    """Missing cells: None, NaN, pd.NA and "" (imputed like missing cells in training)."""
    return np.array([_missing(v) for v in column.tolist()], dtype=bool)


def _missing(value):
    if isinstance(value, str):
        return value == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _level(value):
    if isinstance(value, bool):
        return "true" if value else "false"  # as JavaScript's String(true)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # as JavaScript's String(3.0) == "3"
    return str(value).strip()


def _dense_stack(model_json, model_dir):
    """[(kernel, bias, activation)] of a TF.js layers model that is a chain of Dense (and Dropout) layers."""
    topology = model_json["modelTopology"]
    topology = topology.get("model_config", topology)
    layers = topology["config"]["layers"] if isinstance(topology["config"], dict) else topology["config"]
    weights = _weights(model_json, model_dir)
    stack = []
    previous = None
    for layer in layers:
        kind, config = layer["class_name"], layer["config"]
        inbound = [node[0] for nodes in layer.get("inbound_nodes") or [] for node in nodes]
        if inbound and previous is not None and inbound != [previous]:
            raise ValueError(f'layer {config["name"]} is not fed by {previous}: only a chain of layers is supported')
        previous = config["name"]
        if kind == "InputLayer" or kind == "Dropout":  # dropout is the identity at inference
            continue
        if kind != "Dense":
            raise ValueError(f"unsupported layer {kind} ({config['name']}): the loader runs Dense stacks")
        activation = config.get("activation")
        if activation not in _ACTIVATIONS:
            raise ValueError(f"unsupported activation {activation} in layer {config['name']}")
        kernel = weights.pop(f"{config['name']}/kernel")
        bias = weights.pop(f"{config['name']}/bias", None) if config.get("use_bias", True) else None
        stack.append((kernel, bias, activation))
    return stack


def _weights(model_json, model_dir):
    """Weight name → float32 array, from the manifest's files concatenated in order (as TF.js reads them)."""
    data = b"".join(
        open(os.path.join(model_dir, p), "rb").read() for group in model_json["weightsManifest"] for p in group["paths"]
    )
    weights, offset = {}, 0
    for group in model_json["weightsManifest"]:
        for spec in group["weights"]:
            if spec.get("quantization") or spec.get("dtype", "float32") != "float32":
                raise ValueError(f"weight {spec['name']}: only unquantized float32 weights are supported")
            size = int(np.prod(spec["shape"], dtype=np.int64))
            array = np.frombuffer(data, dtype="<f4", count=size, offset=offset).reshape(spec["shape"])
            weights[spec["name"]] = array
            offset += size * 4
    return weights
