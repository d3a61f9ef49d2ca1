"""Train a pipeline: fit its featurizer in CPython, fit its Keras model, export both.

The pipeline module (``NAME.py``, anywhere) provides, besides its restricted-Python featurizer:

- ``make_featurizer()``: the unfitted featurizer (restricted Python, compiled into the bundle);
- ``load_data(artifacts)``: a ``datasets.Split`` (Python only; ``Split.from_csv``, ``from_jsonl``
  and ``from_sqlite`` read the usual files);
- ``make_model(featurizer, n_labels)``: an uncompiled Keras model (Python only);
- ``make_optimizer()`` (optional): the Keras optimizer to compile it with (default ``"adam"``);
- ``EPOCHS``, ``BATCH_SIZE``, ``SEED`` (optional); ``CLASS_WEIGHT = "balanced"`` (optional)
  weights each class by ``n_samples / (n_classes * n_samples_of_class)``, as scikit-learn does;
- ``INPUT``: ``"text"`` (default; one JSON string per input) or ``"record"`` (a JSON object);
  ``INPUT_DTYPE``: the model input's dtype, ``"int32"`` (default, ids) or ``"float32"``;
- ``MODEL_FORMAT``: ``"layers"`` (default: tfjs layers model) or ``"graph"`` (a TensorFlow
  SavedModel converted to a tfjs graph model, for ``tf.loadGraphModel``);
- ``QUANTIZE``: ``None`` (default: float32 weights), ``"float16"`` or ``"uint8"``: the tfjs
  model stores its weights in that type, and Python predicts with the weights tfjs reads back
  (``featurizers.training.quantize``); the test scores are the quantized model's.

The featurizer is fitted by an engine (``fit_featurizer``): ``"python"``, in this process, or
``"spark"``, on Apache Spark (``$SPARK_MASTER``, else a local Spark); both give the same
``featurizer.json``, byte for byte.

The test examples are scored per source where the split names them (``Split.test_sources``):
accuracy, each label's recall and precision, printed and kept in ``meta.json``, and a picture of
each source's confusion matrix, ``build/NAME/confusion-SOURCE.png``.

A module may bring a model made with scikit-learn instead: ``sklearn_model(split)`` (Python only)
returns the fitted ``Pipeline`` (a vectorizer or ``ColumnTransformer``, then a classifier), which
training imports exactly (``featurizers.interop.sklearn``: the featurizer, the classifier as dense
tfjs layers), after checking both against scikit-learn on the whole test split.

Or a Keras model on the raw inputs: ``keras_model(split)`` (Python only) returns an uncompiled
model whose inputs go through preprocessing layers (``TextVectorization`` ...) that it has
adapted; training fits it on the raw training examples with the settings above, tests it, and cuts
it after its preprocessing (``featurizers.interop.keras``): the layers become the featurizer,
checked equal to them on the test split, and the rest of the model is exported for tfjs.
"""

import json
import time

from featurizers.training import console, models
from featurizers.training.artifacts import Artifacts
from featurizers.training.quantize import check_quantize, quantize_files, settle_model


def write_json(path, value):
    """Deterministic JSON: sorted keys, no trailing spaces, a final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, sort_keys=True, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def scores_of(labels, truth, predicted):
    """Accuracy, and each label's recall and precision (None where nothing to divide), of the
    label indexes ``predicted`` against ``truth``; and the confusion matrix (rows: true labels,
    columns: predicted ones), as scikit-learn's ``confusion_matrix`` gives it."""
    from sklearn.metrics import confusion_matrix

    matrix = confusion_matrix(truth, predicted, labels=list(range(len(labels)))).tolist()
    total = sum(sum(row) for row in matrix)
    scores = {
        "messages": total,
        "accuracy": sum(matrix[i][i] for i in range(len(labels))) / total if total else None,
        "recall": {},
        "precision": {},
        "confusion_matrix": matrix,
    }
    for i, label in enumerate(labels):
        true_count = sum(matrix[i])
        predicted_count = sum(row[i] for row in matrix)
        scores["recall"][label] = matrix[i][i] / true_count if true_count else None
        scores["precision"][label] = matrix[i][i] / predicted_count if predicted_count else None
    return scores


def scores_by_source(split, labels, truth, predicted):
    """{source: ``scores_of`` its test examples}, sources in order of appearance (one group,
    "test", where the split names no sources)."""
    sources = split.test_sources or ["test" for _ in predicted]
    groups = {}
    for group in dict.fromkeys(sources):
        rows = [i for i, source in enumerate(sources) if source == group]
        groups[group] = scores_of(labels, [truth[i] for i in rows], [predicted[i] for i in rows])
    return groups


def report_test(name, artifacts, split, labels, truth, predicted, log):
    """The scores of each source's test examples (``scores_by_source``): logged, drawn into
    ``build/NAME/confusion-SOURCE.png``, and returned for meta.json."""
    test = scores_by_source(split, labels, truth, predicted)
    for group in test:
        log(f"[{name}] " + describe_scores(group, test[group], labels))
        plot_confusion(artifacts.build_dir / f"confusion-{group}.png", group, test[group], labels)
    return test


def describe_scores(group, scores, labels):
    def shown(value):
        return "n/a" if value is None else f"{value:.4f}"

    per_label = "; ".join(
        f"{label} recall {shown(scores['recall'][label])} precision {shown(scores['precision'][label])}" for label in labels
    )
    return f"test {group} ({scores['messages']:,}): accuracy {shown(scores['accuracy'])}; {per_label}"


def plot_confusion(path, group, scores, labels):
    """A picture of a confusion matrix: counts, and the share of each true label's examples."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matrix = scores["confusion_matrix"]
    figure, axes = plt.subplots(figsize=(3.6, 3.2), dpi=100)
    shares = [[value / max(sum(row), 1) for value in row] for row in matrix]
    axes.imshow(shares, cmap="Blues", vmin=0.0, vmax=1.0)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            axes.text(
                j, i, f"{value:,}\n{shares[i][j]:.1%}", ha="center", va="center",
                color="white" if shares[i][j] > 0.5 else "black", fontsize=9,
            )  # fmt: skip
    axes.set_xticks(range(len(labels)), labels)
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlabel("predicted")
    axes.set_ylabel("true")
    axes.set_title(f"{group} ({scores['messages']:,}): accuracy {scores['accuracy']:.4f}", fontsize=10)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, metadata={"Software": None})  # no version string: the same picture every run
    plt.close(figure)


def label_warnings(labels, train_labels, test_labels):
    """What a split lacks, one warning each: a label with no train or no test example."""
    warnings = []
    for label in labels:
        if label not in train_labels:
            warnings.append(f"no train example has the label '{label}': the model cannot learn it")
        if label not in test_labels:
            warnings.append(f"no test example has the label '{label}': its recall is undefined")
    return warnings


# How many training inputs the build's parity gate runs (every k-th, in the split's order).
PROBE_INPUTS = 300


def probe_slice(inputs, count=PROBE_INPUTS):
    """A deterministic slice of ``inputs``: every k-th one, about ``count`` of them."""
    step = max(1, -(-len(inputs) // count))
    return list(inputs[::step])


ENGINES = ("python", "spark")


def fit_featurizer(featurizer, items, engine="python", master=None, log=print):
    """``featurizer`` fitted on ``items`` (texts, or records: dicts) by ``engine``: "python" fits
    it in this process; "spark" on Apache Spark at ``master`` (default ``$SPARK_MASTER``, else
    ``local[*]``), with the rows in the session's default number of partitions. The fitted
    config is the same either way. Returns the fitted featurizer."""
    if engine == "python":
        return featurizer.fit(items)
    if engine != "spark":
        raise ValueError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")
    import featurizers.spark as fs

    started = time.perf_counter()
    active = fs.runtime.active_session()
    spark = active or fs.session(master)
    try:
        context = spark.sparkContext
        log(f"Spark {spark.version} at {context.master}, {context.defaultParallelism} partitions: fitting the featurizer")
        if items and isinstance(items[0], dict):
            frame, input_col = spark.createDataFrame(items), None
        else:
            frame, input_col = spark.createDataFrame([(item,) for item in items], "text string"), "text"
        fitted = fs.fit(featurizer, frame, input_col=input_col)
    finally:
        if active is None:  # a session this function started
            spark.stop()
    log(f"fitted on Spark in {time.perf_counter() - started:.1f} s")
    return fitted


def epoch_logger(keras, log, prefix, epochs):
    """A Keras callback: one line per epoch, with its metrics and time."""

    class EpochLine(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.started = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            metrics = "  ".join(f"{key} {value:.4f}" for key, value in (logs or {}).items())
            log(f"{prefix} epoch {epoch + 1}/{epochs}: {metrics}  ({time.perf_counter() - self.started:.1f} s)")

    return EpochLine()


def train(name, root=None, log=print, verbose=False, engine="python"):
    """Fit the featurizer (by ``engine``, see ``fit_featurizer``) and the model of a pipeline and
    export both (``name``: an ``Artifacts``, or a name in this checkout's layout). TensorFlow's
    own output is held back unless ``verbose``."""
    artifacts = name if isinstance(name, Artifacts) else Artifacts(name, root)
    name = artifacts.name
    prefix = f"[{name}]"
    started = time.perf_counter()
    with console.native_stderr_held(verbose):
        return _train(artifacts, prefix, log, verbose, started, engine)


def _train(artifacts, prefix, log, verbose, started, engine):
    import numpy as np

    from featurizers.compiler.check.configs import refuse_unportable_featurizer

    module = artifacts.module()
    if hasattr(module, "sklearn_model"):
        return train_sklearn(artifacts.name, artifacts, module, log)
    if hasattr(module, "keras_model"):
        return train_keras(artifacts.name, artifacts, module, log, verbose, started)
    # A featurizer the bundle would run otherwise (a pattern outside the portable subset) is
    # refused before anything is loaded or fitted: it would never ship.
    refuse_unportable_featurizer(module.make_featurizer(), f"{artifacts.shown(artifacts.source)}'s make_featurizer()")
    quantize = check_quantize(getattr(module, "QUANTIZE", None), artifacts.shown(artifacts.source))
    seed_everything(module, log, prefix, started)

    step = time.perf_counter()
    split = module.load_data(artifacts)
    labels = list(split.labels)
    log(
        f"{prefix} data: {len(split.train_texts):,} train, {len(split.test_texts):,} test examples, labels {labels}"
        f" ({time.perf_counter() - step:.1f} s)"
    )
    if not split.train_texts:
        raise ValueError("load_data: the train split is empty")
    unknown = sorted({y for y in [*split.train_labels, *split.test_labels] if y not in labels})
    if unknown:
        raise ValueError(f"load_data: labels {unknown} are not in the split's labels {labels}")
    for warning in label_warnings(labels, set(split.train_labels), set(split.test_labels)):
        log(f"{prefix} warning: {warning}")

    step = time.perf_counter()
    dtype = getattr(module, "INPUT_DTYPE", "int32")
    featurizer = module.make_featurizer()
    featurizer = fit_featurizer(featurizer, split.train_texts, engine, log=lambda line: log(f"{prefix} {line}"))
    log(f"{prefix} featurizer fitted on {len(split.train_texts):,} examples in {time.perf_counter() - step:.1f} s")
    x_train = np.asarray(console.transform_with_progress(featurizer, split.train_texts, f"{prefix} transform train"), dtype=dtype)
    x_test = np.asarray(console.transform_with_progress(featurizer, split.test_texts, f"{prefix} transform test"), dtype=dtype)
    log(f"{prefix} features {x_train.shape[1:]} ({time.perf_counter() - step:.1f} s)")
    y_train = np.asarray([labels.index(y) for y in split.train_labels], dtype=np.int32)
    y_test = np.asarray([labels.index(y) for y in split.test_labels], dtype=np.int32)

    model = module.make_model(featurizer, len(labels))
    step = time.perf_counter()
    fit_model(model, module, x_train, y_train, len(labels), log, prefix, verbose)
    log(f"{prefix} trained in {time.perf_counter() - step:.1f} s")
    if quantize:
        if len(y_test):  # what quantization costs: the float32 weights' scores, before
            trained = scores_by_source(split, labels, y_test.tolist(), model.predict(x_test, verbose=0).argmax(axis=1).tolist())
            for group, scores in trained.items():
                log(f"{prefix} float32 weights: " + describe_scores(group, scores, labels))
        settle_model(model, quantize)
        log(f"{prefix} weights settled to what tfjs reads from {quantize}; the scores below are with them")
    if len(y_test):
        predicted = model.predict(x_test, verbose=0).argmax(axis=1).tolist()
        test = report_test(artifacts.name, artifacts, split, labels, y_test.tolist(), predicted, log)
    else:
        test = {}
        log(f"{prefix} warning: the test split is empty: no test accuracy")

    model_format = getattr(module, "MODEL_FORMAT", "layers")
    trim = padding_to_trim(featurizer.get_config(), model, model_format, x_test if len(x_test) else x_train)
    if trim is not None:
        log(f"{prefix} the model masks the padding: tfjs is given each row without its padding ({trim})")
    write_json(artifacts.featurizer_json, featurizer.get_config())
    write_json(artifacts.probe_json, {"inputs": probe_slice(split.train_texts)})
    write_json(
        artifacts.meta_json,
        {
            "name": artifacts.name,
            "labels": labels,
            "input_shape": list(x_train.shape[1:]),
            "input": getattr(module, "INPUT", "text"),
            "input_dtype": dtype,
            "model_format": model_format,
            "quantize": quantize,
            "trim_padding": trim,
            "test": test,
        },
    )
    step = time.perf_counter()
    artifacts.keras_model.parent.mkdir(parents=True, exist_ok=True)
    model.save(artifacts.keras_model)
    if model_format == "graph":
        export_tfjs_graph(model, artifacts.build_dir / "saved_model", artifacts.tfjs_dir, any_length=trim is not None)
    else:
        export_tfjs(model, artifacts.tfjs_dir)
    if quantize:
        kept = quantize_files(artifacts.tfjs_dir, quantize)
        if kept:
            log(f"{prefix} {len(kept)} constant(s) kept float32, where {quantize} would change them: {', '.join(kept)}")
    log(f"{prefix} model exported for tfjs in {time.perf_counter() - step:.1f} s")
    log(f"{prefix} wrote {artifacts.shown(artifacts.build_dir)}/ in {time.perf_counter() - started:.1f} s")
    return artifacts


def seed_everything(module, log, prefix, started):
    """Load TensorFlow (saying how long it took, counted from ``started``), then the module's
    ``SEED`` for Keras, numpy and Python, and deterministic TensorFlow ops."""
    k = models.keras()
    import tensorflow as tf

    log(f"{prefix} TensorFlow {tf.__version__} loaded in {time.perf_counter() - started:.1f} s")
    k.utils.set_random_seed(getattr(module, "SEED", 0))
    tf.config.experimental.enable_op_determinism()


def fit_model(model, module, x_train, y_train, n_labels, log, prefix, verbose=False):
    """Compile and fit ``model`` with the module's ``make_optimizer()`` (default Adam), ``EPOCHS``,
    ``BATCH_SIZE`` and ``CLASS_WEIGHT``: one line per epoch (``epoch_logger``), or Keras' own lines
    if ``verbose``."""
    import numpy as np

    class_weight = None
    if getattr(module, "CLASS_WEIGHT", None) == "balanced":
        counts = np.bincount(y_train, minlength=n_labels)
        class_weight = {i: len(y_train) / (n_labels * c) for i, c in enumerate(counts) if c}
    optimizer = module.make_optimizer() if hasattr(module, "make_optimizer") else "adam"
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    epochs = getattr(module, "EPOCHS", 10)
    model.fit(
        x_train,
        y_train,
        epochs=epochs,
        batch_size=getattr(module, "BATCH_SIZE", 32),
        shuffle=True,
        class_weight=class_weight,
        verbose=2 if verbose else 0,
        callbacks=[] if verbose else [epoch_logger(models.keras(), log, prefix, epochs)],
    )


def train_keras(name, artifacts, module, log=print, verbose=False, started=None):
    """Fit the module's Keras model on the raw examples, test it, cut it after its preprocessing
    layers, check the featurizer against them on the test split, and write what ``train`` writes
    (``keras/source.keras`` is the whole model, preprocessing included)."""
    import numpy as np

    from featurizers.interop import keras as interop

    prefix = f"[{name}]"
    started = time.perf_counter() if started is None else started
    seed_everything(module, log, prefix, started)
    split = module.load_data(artifacts)
    labels = list(split.labels)
    log(f"{prefix} data: {len(split.train_texts):,} train, {len(split.test_texts):,} test examples, labels {labels}")
    if not split.train_texts or not split.test_texts:
        # The featurizer is checked against the Keras preprocessing on the test split: it needs one.
        raise ValueError(f"load_data: the {'train' if not split.train_texts else 'test'} split is empty")
    model = module.keras_model(split)
    y_train = np.asarray([labels.index(y) for y in split.train_labels], dtype=np.int32)
    y_test = [labels.index(y) for y in split.test_labels]
    step = time.perf_counter()
    fit_model(model, module, interop.keras_inputs(model, split.train_texts), y_train, len(labels), log, prefix, verbose)
    log(f"{prefix} trained in {time.perf_counter() - step:.1f} s")
    predicted = model.predict(interop.keras_inputs(model, split.test_texts), verbose=0).argmax(axis=1).tolist()
    test = report_test(name, artifacts, split, labels, y_test, predicted, log)
    cut = interop.split_model(model)
    worst = interop.check_samples(cut, split.test_texts)
    log(f"{prefix} featurizer equals the Keras preprocessing on the {len(y_test):,} test examples; scores within {worst:.1e}")
    interop.write_artifacts(cut, artifacts, labels, test=test)
    write_json(artifacts.probe_json, {"inputs": probe_slice(split.train_texts)})
    model.save(artifacts.keras_model.parent / "source.keras")
    log(f"{prefix} wrote {artifacts.shown(artifacts.build_dir)}/ in {time.perf_counter() - started:.1f} s")
    return artifacts


def train_sklearn(name, artifacts, module, log=print):
    """Fit the module's scikit-learn model, import it, check it, and write what ``train`` writes."""
    from featurizers.interop import sklearn as interop

    split = module.load_data(artifacts)
    log(f"[{name}] data: {len(split.train_texts)} train, {len(split.test_texts)} test examples, labels {list(split.labels)}")
    started = time.perf_counter()
    model = module.sklearn_model(split)
    log(f"[{name}] scikit-learn model fitted in {time.perf_counter() - started:.1f} s: {interop._describe(model)}")
    conversion = interop.convert(model)
    interop.check_samples(model, conversion, split.test_texts)
    log(f"[{name}] featurizer and classifier equal scikit-learn's on the {len(split.test_texts)} test examples")
    labels = conversion.labels
    truth = [labels.index(str(y)) for y in split.test_labels]
    predicted = [labels.index(str(y)) for y in model.predict(split.test_texts)]
    test = report_test(name, artifacts, split, labels, truth, predicted, log)
    write_json(artifacts.featurizer_json, conversion.config)
    write_json(artifacts.probe_json, {"inputs": probe_slice(split.train_texts)})
    meta = interop.package_meta(conversion, name)
    meta = {key: meta[key] for key in ("name", "labels", "input", "input_dtype", "model_format", "score")}
    meta["input_shape"] = [conversion.layers[0][0].shape[0]]
    meta["test"] = test
    write_json(artifacts.meta_json, meta)
    keras_model = conversion.keras_model()
    artifacts.keras_model.parent.mkdir(parents=True, exist_ok=True)
    keras_model.save(artifacts.keras_model)
    export_tfjs(keras_model, artifacts.tfjs_dir)
    log(f"[{name}] wrote {artifacts.shown(artifacts.build_dir)}/")
    return artifacts


def export_tfjs(model, directory):
    import shutil
    import warnings

    import tensorflowjs

    shutil.rmtree(directory, ignore_errors=True)
    with warnings.catch_warnings():
        # The converter goes through a temporary HDF5 file and warns that the format is legacy.
        warnings.simplefilter("ignore", UserWarning)
        tensorflowjs.converters.save_keras_model(model, str(directory))


# Rows of the test split on which trimmed and padded rows must score alike (padding_to_trim), and
# how alike: ten times closer than the parity contract's 1e-5 between Python and JS.
TRIM_CHECK_ROWS = 256
TRIM_TOLERANCE = 1e-6


def padding_to_trim(config, model, model_format, rows):
    """The end of each feature row (``"post"`` or ``"pre"``) whose padding the predict stub may
    leave out, or None.

    A row without its padding scores as the padded row does when the padding is masked: the
    featurizer ends in ``PadSequences`` padding with id 0, the model masks id 0 from its first
    layer on (``models.masks_padding``), and what follows skips masked steps. The last is checked,
    not assumed (a layer that reads every step, a position embedding, would fail it): Keras must
    give ``rows`` (at most ``TRIM_CHECK_ROWS`` of them, and a row of padding only) the same scores,
    within ``TRIM_TOLERANCE``, cut to their tokens as padded. Only a graph model is exported to
    take rows of any length (``export_tfjs_graph``)."""
    import numpy as np

    steps = config["steps"] if config["type"] == "Pipeline" else [config]
    last = steps[-1] if steps else {}
    if model_format != "graph" or last.get("type") != "PadSequences" or last.get("value") != 0:
        return None
    if not models.masks_padding(model):
        return None
    side = last["padding"]
    rows = np.concatenate([np.asarray(rows[:TRIM_CHECK_ROWS]), np.zeros((1, np.shape(rows)[1]), dtype=np.asarray(rows).dtype)])
    padded = model.predict(rows, verbose=0)
    call = any_length_call(model)
    for row, expected in zip(rows, padded):
        tokens = np.flatnonzero(row)
        if not len(tokens):
            kept = row[:1]  # a row of padding only: one step, all masked
        elif side == "post":
            kept = row[: tokens[-1] + 1]
        else:
            kept = row[tokens[0] :]
        (trimmed,) = call(kept[None, :]).values()
        trimmed = trimmed.numpy()[0]
        if np.max(np.abs(trimmed - expected)) >= TRIM_TOLERANCE:
            return None
    return side


def any_length_call(model):
    """``model``'s one input and output as a function of rows of any length, ``[batch, None]``
    (Keras checks a call's shape against the ``Input``'s, a traced signature's only against its
    own); it returns ``{output name: scores}``, as the SavedModel's default signature does."""
    import tensorflow as tf

    (name,) = model.input_names
    (output,) = model.output_names

    @tf.function(input_signature=[tf.TensorSpec([None, None], model.inputs[0].dtype, name=name)])
    def call(ids):
        return {output: model(ids, training=False)}

    return call


def export_tfjs_graph(model, saved_model_dir, directory, any_length=False):
    """A TensorFlow SavedModel, converted as ``tensorflowjs_converter --input_format=tf_saved_model``
    does, to a graph model (``tf.loadGraphModel``). ``any_length``: its input takes rows of any
    length (``[batch, None]``), for a model that masks padding (``padding_to_trim``)."""
    import shutil

    from tensorflowjs.converters import tf_saved_model_conversion_v2

    shutil.rmtree(saved_model_dir, ignore_errors=True)
    shutil.rmtree(directory, ignore_errors=True)
    with console.native_stderr_held():  # the converter's grappler pass logs its session in C++
        if any_length:
            model.save(str(saved_model_dir), save_format="tf", signatures={"serving_default": any_length_call(model)})
        else:
            model.save(str(saved_model_dir), save_format="tf")
        tf_saved_model_conversion_v2.convert_tf_saved_model(str(saved_model_dir), str(directory))
