"""A featurizer in a data scientist's Python: numpy arrays and pandas in, a readable repr,
scikit-learn's estimator protocol (get_params, set_params, clone, Pipeline, GridSearchCV), and
numpy or SciPy output when asked. Python only (featurizers.estimator): a bundle's transform keeps
its exact checks of plain lists, and by default transform gives the plain lists it always gave."""

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.base import clone
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.utils import get_tags
from sklearn.utils.validation import check_is_fitted

import featurizers
from featurizers import (
    CategoryEncoder,
    Columns,
    Counts,
    Discretize,
    EmailBody,
    Featurizer,
    MinMaxScale,
    MultiHot,
    NotFittedError,
    OneHot,
    PadSequences,
    Pipeline,
    Standardize,
    TextCleaner,
    TfIdf,
    Tokenizer,
    Vocabulary,
)
from featurizers.estimator import data as estimator_data

TEXTS = ["Free money NOW!!!", "Hi Bob, lunch at noon?", "WIN a free prize", "see you at noon", "money money money"]
LABELS = ["spam", "ham", "spam", "ham", "spam"]


def text_pipeline(max_tokens=None):
    return Pipeline([TextCleaner(), Tokenizer(), Vocabulary(max_tokens=max_tokens), Counts()])


# --- numpy and pandas in ---------------------------------------------------------------------


def test_the_issues_example_fits_a_numpy_array():
    scaler = Standardize().fit(np.array([1.0, 2.0]))
    assert (scaler.mean_, scaler.var_) == (1.5, 0.25)
    assert scaler.transform(np.array([1.0, 3.0])) == [-1.0, 3.0]


@pytest.mark.parametrize(
    "featurizer, batch",
    [
        (Standardize(), [1.0, 2.5, -3.0]),
        (MinMaxScale(), [1, 5, 3]),
        (Discretize([0.5, 2.0]), [0.1, 0.5, 3.0]),
        (OneHot(4), [0, 3, 1]),
        (CategoryEncoder(), ["red", "green", "red"]),
        (TextCleaner(), TEXTS),
        (EmailBody(), ["Subject: hi\n\nbody", "no headers"]),
        (Tokenizer(ngram_range=[1, 2]), ["a b c", "d e"]),
        (Vocabulary(), [["a", "b"], ["b"], []]),
        (PadSequences(3), [[5, 6], [1, 2, 3, 4]]),
        (Counts(), [[2, 3, 3], [4, 1]]),
        (TfIdf(), [[2, 3, 3], [4, 1], [2]]),
        (text_pipeline(), TEXTS),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Featurizer) else "",
)
def test_numpy_arrays_and_pandas_series_are_taken_as_lists(featurizer, batch):
    expected = clone(featurizer).fit_transform(batch)
    as_array = np.empty(len(batch), dtype=object)  # items that are lists stay lists
    as_array[:] = batch
    for given in [np.array(batch) if not isinstance(batch[0], list) else as_array, pd.Series(batch, dtype=object)]:
        assert clone(featurizer).fit_transform(given) == expected
        assert clone(featurizer).fit(given).transform(given) == expected
    assert clone(featurizer).fit(batch).transform(pd.Series(batch, dtype=object)) == expected


def test_a_two_dimensional_array_is_a_list_of_rows():
    ids = np.array([[2, 3, 3], [4, 0, 1]])
    assert Counts().fit_transform(ids) == Counts().fit_transform(ids.tolist())
    assert PadSequences(2).transform(ids) == [[2, 3], [4, 0]]


def test_a_dataframe_is_taken_by_columns_as_its_records():
    frame = pd.DataFrame({"color": ["red", "blue", "red"], "size": [1.0, 3.0, 2.0], "unused": [0, 0, 0]})
    columns = Columns([["color", CategoryEncoder()], ["size", Standardize()]])
    expected = Columns([["color", CategoryEncoder()], ["size", Standardize()]]).fit_transform(frame.to_dict("records"))
    assert columns.fit(frame).transform(frame) == expected
    assert columns.transform(frame.iloc[:1]) == [[0, 1, -1.224744871391589]]


def test_converted_input_gets_the_same_item_checks_as_a_list():
    with pytest.raises(TypeError, match=r"^Standardize\.fit: item 1 is str, expected number$"):
        Standardize().fit(np.array([1.0, "x"], dtype=object))
    with pytest.raises(TypeError, match=r"^Standardize\.fit: item 0 is bool, expected number$"):
        Standardize().fit(np.array([True, False]))
    with pytest.raises(TypeError, match=r"^TextCleaner\.transform: item 1 is NoneType, expected str$"):
        TextCleaner().transform(pd.Series(["a", None], dtype=object))
    with pytest.raises(TypeError, match=r"^TextCleaner\.transform: item 1 is nan, expected str$"):
        TextCleaner().transform(pd.Series(["a", np.nan]))  # a missing value
    with pytest.raises(TypeError, match=r"^Columns\.transform: item 0 has no field 'size'$"):
        Columns([["size", Standardize()]]).fit([{"size": 1.0}]).transform(pd.DataFrame({"color": ["red"]}))


def test_a_dataframe_is_not_a_list_for_other_featurizers():
    with pytest.raises(TypeError, match=r"^Standardize\.fit expects a list of number, got DataFrame$"):
        Standardize().fit(pd.DataFrame({"x": [1.0, 2.0]}))


def test_fit_takes_scikit_learns_y_and_refuses_other_fit_parameters():
    assert Standardize().fit([1.0, 3.0], [0, 1]).mean_ == 2.0
    assert Standardize().fit_transform([1.0, 3.0], y=[0, 1]) == [-1.0, 1.0]
    with pytest.raises(TypeError, match=r"^Standardize\.fit takes no fit parameters, got sample_weight$"):
        Standardize().fit([1.0, 3.0], None, sample_weight=[1, 2])


# --- default output: the plain lists ---------------------------------------------------------


def test_default_outputs_stay_plain_lists():
    ids = text_pipeline().fit(TEXTS).transform(np.array(TEXTS))
    assert type(ids) is list and all(type(row) is list for row in ids)
    assert {type(x) for row in ids for x in row} == {int}
    scaled = Standardize().fit(pd.Series([1.0, 2.0])).transform(pd.Series([1.0, 2.0]))
    assert type(scaled) is list and {type(x) for x in scaled} == {float}
    tfidf = TfIdf().fit_transform(np.array([[2, 3], [1, 2]]))
    assert type(tfidf) is list and {type(x) for row in tfidf for x in row} == {float}


# --- set_output: numpy and SciPy -------------------------------------------------------------


def test_numpy_output_gives_rows_as_rows_and_numbers_as_a_column():
    counts = text_pipeline().set_output(transform="numpy").fit(TEXTS)
    matrix = counts.transform(TEXTS)
    assert isinstance(matrix, np.ndarray) and matrix.dtype == np.int64
    assert matrix.tolist() == text_pipeline().fit(TEXTS).transform(TEXTS)
    column = Standardize().set_output(transform="numpy").fit([1.0, 3.0]).transform([1.0, 2.0, 3.0])
    assert column.shape == (3, 1) and column.dtype == np.float64 and column[:, 0].tolist() == [-1.0, 0.0, 1.0]


@pytest.mark.parametrize("encoder", [Counts(), MultiHot(), TfIdf(sublinear_tf=True)], ids=lambda e: type(e).__name__)
def test_sparse_output_holds_exactly_the_dense_values(encoder):
    ids = Pipeline([TextCleaner(), Tokenizer(), Vocabulary()]).fit(TEXTS).transform(TEXTS * 300)  # 1,500 rows
    dense = clone(encoder).fit(ids).transform(ids)
    matrix = clone(encoder).set_output(transform="sparse").fit(ids).transform(ids)
    assert sparse.issparse(matrix) and matrix.format == "csr" and matrix.shape == (len(dense), len(dense[0]))
    assert len(ids) > estimator_data.SPARSE_BLOCK  # made in blocks, with the same values
    assert matrix.toarray().tolist() == dense
    assert matrix.nnz == sum(1 for row in dense for x in row if x != 0)


def test_an_error_in_a_block_names_the_item_in_the_whole_batch():
    counts = Counts(num_tokens=5).set_output(transform="sparse")
    batch = [[1, 2]] * 1000 + [[1, 9]]
    with pytest.raises(ValueError, match=r"^Counts\.transform: item 1000 has id 9 at index 1, outside 0\.\.4$"):
        counts.transform(batch)


def test_output_that_is_not_numbers_is_refused_by_name():
    with pytest.raises(ValueError, match=r"Tokenizer\.transform: set_output\(transform='numpy'\) needs rows of numbers of one length: item 0 is a list holding str"):
        Tokenizer().set_output(transform="numpy").transform(["a b"])
    with pytest.raises(ValueError, match=r"item 1 is a list of 1 numbers, item 0 a list of 2 numbers"):
        Vocabulary().set_output(transform="sparse").fit([["a", "b"]]).transform([["a", "b"], ["a"]])
    with pytest.raises(ValueError, match=r"transform must be 'default', 'numpy' or 'sparse', got 'pandas'"):
        Counts().set_output(transform="pandas")


def test_set_output_default_gives_lists_again_and_none_changes_nothing():
    counts = Counts().set_output(transform="numpy").set_output(transform=None)
    assert isinstance(counts.fit_transform([[1, 2]]), np.ndarray)
    assert counts.set_output(transform="default").fit_transform([[1, 2]]) == [[0, 1, 1]]


# --- repr ------------------------------------------------------------------------------------


def test_repr_shows_the_parameters_that_differ_from_their_defaults():
    assert repr(Tokenizer(ngram_range=[1, 2])) == "Tokenizer(ngram_range=[1, 2])"
    assert repr(Tokenizer(ngram_range=(1, 1))) == "Tokenizer()"
    assert repr(PadSequences(200, padding="pre")) == "PadSequences(length=200, padding='pre')"
    assert repr(Standardize().fit([1.0, 2.0])) == "Standardize()"  # parameters only, as scikit-learn
    assert repr(Pipeline([TextCleaner(), Tokenizer(ngram_range=[1, 2])])) == (
        "Pipeline(steps=[TextCleaner(), Tokenizer(ngram_range=[1, 2])])"
    )


def test_a_long_repr_is_wrapped_as_scikit_learns():
    pipe = Pipeline([EmailBody(), TextCleaner(), Tokenizer(ngram_range=[1, 2]), Vocabulary(max_tokens=20000), PadSequences(200)])
    assert repr(pipe) == (
        "Pipeline(steps=[EmailBody(), TextCleaner(), Tokenizer(ngram_range=[1, 2]),\n"
        "                Vocabulary(max_tokens=20000), PadSequences(length=200)])"
    )
    assert str(pipe) == repr(pipe)
    # As scikit-learn's, the repr is Python that builds an equal featurizer (here with every rule).
    explicit = featurizers.from_config(pipe.get_config())
    rebuilt = eval(repr(explicit), {name: getattr(featurizers, name) for name in featurizers.__all__})  # noqa: S307
    assert rebuilt.get_config() == explicit.get_config() and "\n" in repr(explicit)


# --- get_params, set_params, clone -----------------------------------------------------------


def test_get_params_names_steps_as_make_pipeline_does():
    pipe = Pipeline([TextCleaner(), Tokenizer(), Tokenizer(ngram_range=[2, 2]), Vocabulary()])
    params = pipe.get_params()
    assert params["steps"] is pipe.steps
    assert params["tokenizer-2"] is pipe.steps[2] and params["tokenizer-2__ngram_range"] == [2, 2]
    assert params["vocabulary__max_tokens"] is None and params["textcleaner__lowercase"] is True
    assert pipe.get_params(deep=False) == {"steps": pipe.steps}
    assert Vocabulary(max_tokens=5).get_params() == {"max_tokens": 5, "min_count": 1, "oov_token": "[UNK]", "pad_token": ""}


def test_columns_name_their_featurizers_by_field():
    columns = Columns([["color", CategoryEncoder()], ["size", Standardize()], ["size", Discretize([1.0])]])
    params = columns.get_params()
    assert params["color"] is columns.columns[0][1] and params["color__handle_unknown"] == "ignore"
    assert params["size-2__bin_boundaries"] == [1.0]
    columns.set_params(color__output="index", **{"size-1": MinMaxScale()})
    assert columns.columns[0][1].output == "index" and type(columns.columns[1][1]) is MinMaxScale


def test_set_params_sets_through_the_constructor_and_nested_names():
    pipe = text_pipeline()
    assert pipe.set_params(vocabulary__max_tokens=3, tokenizer__ngram_range=(1, 2)) is pipe
    assert pipe.steps[2].max_tokens == 3 and pipe.steps[1].ngram_range == [1, 2]  # a list, as __init__ makes it
    pipe.set_params(counts=TfIdf())
    assert type(pipe.steps[3]) is TfIdf
    with pytest.raises(ValueError, match=r"(?s)Invalid parameter 'max_tokens' for featurizer Pipeline\(.*Valid parameters are: \['steps', 'textcleaner', 'tfidf', 'tokenizer', 'vocabulary'\]"):
        pipe.set_params(max_tokens=3)
    with pytest.raises(ValueError, match=r"Invalid parameter 'nope' for featurizer Vocabulary\(max_tokens=3\)"):
        pipe.set_params(vocabulary__nope=1)


@pytest.mark.parametrize("name", sorted(featurizers.base._TYPES.keys()))
def test_clone_gives_an_unfitted_equal_featurizer_of_every_type(name):
    made = {
        "Columns": lambda: Columns([["x", Standardize()]]),
        "Discretize": lambda: Discretize([1.0, 2.0]),
        "OneHot": lambda: OneHot(3),
        "PadSequences": lambda: PadSequences(4, padding="pre"),
        "Pipeline": lambda: text_pipeline(max_tokens=7),
    }
    original = made.get(name, lambda: featurizers.base._TYPES.get(name, None)())()
    copy = clone(original)
    assert type(copy) is type(original) and repr(copy) == repr(original)
    assert copy.get_config() == original.get_config()  # parameters, no state
    for value, copied in zip(original.get_params().values(), copy.get_params().values()):
        assert copied is not value or value is None or isinstance(value, (str, int, float, bool))


def test_clone_of_a_fitted_featurizer_is_unfitted_and_keeps_set_output():
    fitted = text_pipeline().set_output(transform="sparse").fit(TEXTS)
    copy = clone(fitted)
    with pytest.raises(NotFittedError):
        copy.transform(TEXTS)
    assert sparse.issparse(copy.fit(TEXTS).transform(TEXTS))
    check_is_fitted(copy)
    with pytest.raises(Exception, match="not fitted"):
        check_is_fitted(clone(Vocabulary()))


def test_tags_say_a_transformer_of_text_or_records():
    tags = get_tags(text_pipeline())
    assert tags.estimator_type is None and tags.target_tags.required is False
    assert tags.input_tags.string and not tags.input_tags.two_d_array and tags.requires_fit
    assert get_tags(Columns([["x", Standardize()]])).input_tags.dict
    assert not get_tags(TextCleaner()).requires_fit


# --- inside scikit-learn ---------------------------------------------------------------------


def test_a_featurizer_is_tuned_by_a_scikit_learn_grid_search(sms_texts):
    texts, labels = sms_texts
    features = text_pipeline().set_output(transform="sparse")
    search = GridSearchCV(
        make_pipeline(features, LogisticRegression(max_iter=1000)),
        {"pipeline__vocabulary__max_tokens": [10, 2000]},
        cv=3,
    ).fit(texts, labels)
    assert search.best_params_ == {"pipeline__vocabulary__max_tokens": 2000}
    scores = search.cv_results_["mean_test_score"]
    assert scores[1] > scores[0] > 0.5
    fitted = search.best_estimator_.steps[0][1]
    assert fitted is not features and fitted.steps[2].max_tokens == 2000 and len(fitted.steps[2].vocabulary_) == 2000
    assert features.steps[2].vocabulary_ is None  # the grid search fitted clones
    # The same features as the featurizer gives alone, in the model scikit-learn fitted.
    alone = text_pipeline(max_tokens=2000).fit(texts)
    assert (fitted.transform(texts[:50]).toarray() == np.asarray(alone.transform(texts[:50]))).all()


def test_numbers_go_into_a_scikit_learn_regression_as_a_column():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    model = make_pipeline(Standardize().set_output(transform="numpy"), LinearRegression()).fit(x, 2 * x + 1)
    assert np.allclose(model.predict(np.array([5.0])), [11.0])


def test_a_featurizer_of_your_own_gets_the_same_python_side():
    class Shouting(Featurizer):
        INPUT = "str"

        def __init__(self, threshold=2):
            self.threshold = threshold

        def transform(self, texts, check_input=True):
            self._check_items(texts, check_input)
            return [1 if sum(1 for ch in text if ch.isupper()) >= self.threshold else 0 for text in texts]

    shouting = Shouting(threshold=3)
    assert repr(shouting) == "Shouting(threshold=3)" and clone(shouting).threshold == 3
    assert shouting.set_output(transform="numpy").transform(pd.Series(["ABC", "Ab"])).tolist() == [[1], [0]]
    with pytest.raises(TypeError, match=r"^Shouting\.transform: item 0 is int, expected str$"):
        Shouting().transform(np.array([1]))


@pytest.fixture(scope="module")
def sms_texts():
    """1,500 labelled SMS messages: the first of the SMS Spam Collection the package ships."""
    from featurizers.training import datasets

    rows = [(record[4], record[5]) for record in datasets.sms_records()]
    return [text for _label, text in rows[:1500]], [label for label, _text in rows[:1500]]
