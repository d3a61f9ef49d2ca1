"""The featurizer contract, config serialization and the type registry.

A featurizer stores its constructor parameters as given (``PARAMS``) and learns state in ``fit``
into attributes whose names end in ``_`` (``STATE``), as scikit-learn estimators do. ``get_config``
returns plain JSON: ``{"type": <class name>, <param>: value, ..., <state>_: value, ...}``; the state
keys appear only once the featurizer is fitted. ``from_config`` rebuilds an equal featurizer.

Only constructors are compiled with keyword arguments (``# __pragma__('kwargs')`` ... ``nokwargs``
around ``__init__``): Transcrypt reads the last argument of a kwargs-compiled function as its
keyword arguments when it has an own ``__kwargtrans__`` key, so a ``fit`` or ``transform`` compiled
that way would take a JSON object for keywords instead of rejecting it.
"""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host


class NotFittedError(ValueError):
    """``transform`` was called before ``fit`` (and no fitted config was loaded)."""


_TYPES = _host.StrMap()


def register(cls):
    """Make ``cls`` known to ``from_config`` under its class name; returns ``cls``."""
    _TYPES.set(cls.__name__, cls)
    return cls


def copy_json(value):
    """A deep copy of a JSON value's lists, so configs never share lists with featurizers; numbers
    as JSON has them (an integral float is the int it equals, as in JS)."""
    if _host.is_list(value):
        return [copy_json(item) for item in value]
    return _host.json_number(value)


def config_value(config, key, owner):
    """``config[key]``, or a ValueError naming ``owner`` and the missing key."""
    if not _host.has_key(config, key):
        raise ValueError(f"{owner} config has no '{key}'")
    return config[key]


def from_config(config):
    """Rebuild a featurizer (fitted, if the config holds state) from ``get_config()`` output."""
    if not (_host.is_dict(config) and _host.has_key(config, "type") and _host.is_str(config["type"])):
        raise ValueError("from_config: the config has no 'type' tag")
    cls = _TYPES.get(config["type"], None)
    if cls is None:
        raise ValueError(f"Unknown featurizer type '{config['type']}'")
    # __pragma__('skip')
    # Python only: a config the bundle would run otherwise (a pattern outside the portable subset,
    # an int beyond 2**53) is refused here, so it is never used in training either. The build
    # checks the fitted config the same way (compiler/check/configs.py).
    from featurizers.compiler.check.configs import refuse_unportable

    refuse_unportable(config)
    # __pragma__('noskip')
    featurizer = cls()
    featurizer._configure(config)
    return featurizer


class Featurizer:
    """Base class: ``fit`` learns state, ``transform`` maps a batch, ``fit_transform`` does both."""

    PARAMS = []
    STATE = []
    # The kind of item ``transform`` takes and the kind it gives ("str", "list of str", "list of
    # int", or "vector": floats made by _host.zeros, a Float64Array in JS), where it declares
    # them. A Pipeline passes ``check_input=False`` to a step whose INPUT is its predecessor's
    # OUTPUT: those items are of that kind by construction, and checking each token again cost a
    # TF-IDF pipeline 15% of its time.
    INPUT = None
    OUTPUT = None

    # Fitting is mergeable statistics (tf.Transform's analyzers, Beam's CombineFn): ``fit_start``
    # makes empty statistics, ``fit_add`` adds a batch, ``fit_merge`` merges the statistics of two
    # disjoint batches, and ``fit_finish`` learns the state from them. The statistics of the same
    # items give the same state however the items were split into batches and in whatever order
    # they were merged: counts are ints, sums of floats are exact (``exact.ExactSum``), orders
    # are total. ``fit`` is that with one batch; ``featurizers.spark`` runs it over partitions.

    def fit(self, data):
        """Learn the state from a batch (``fit_start``, ``fit_add``, ``fit_finish``, as many
        passes as ``fit_finish`` asks for); returns ``self``."""
        self._check_fit_data(data)
        stats = self.fit_start()
        while stats is not None:
            stats = self.fit_finish(self.fit_add(stats, data))
        return self

    def _check_fit_data(self, data):
        """A check of the whole batch that ``fit`` makes even when there is nothing to learn
        (``fit_add`` checks what it adds). Default: none."""

    def fit_start(self):
        """Empty statistics for the first pass over the data, or None: nothing to learn (the
        default, for stateless featurizers). Checks the parameters."""
        return None

    def fit_add(self, stats, data):
        """``stats`` with the batch ``data`` added (checked as ``fit`` checks it); may update
        ``stats`` in place."""
        return stats

    def fit_merge(self, stats, other):
        """The statistics of the batches of both; may update ``stats`` in place."""
        return stats

    def fit_finish(self, stats):
        """Learn the state from the statistics of all the data. Returns None when fitted, or the
        empty statistics of one more pass over the same data (a variance needs the mean)."""
        return None

    def fit_split(self, stats, parts, part_of):
        """``stats`` as a list of ``parts`` statistics (None for none) that merge back to it. Keyed
        statistics (token counts) are split by key, ``part_of(key)`` giving a key's part, so that
        each part can be merged and pruned on its own; others go whole to part 0 (the default)."""
        split = [None for _ in range(parts)]
        split[0] = stats
        return split

    def fit_prune(self, stats):
        """For statistics that are complete for their keys (every batch's counts of a key merged):
        only what ``fit_finish`` may keep (a vocabulary's top tokens). Default: ``stats``."""
        return stats

    def transform(self, data, check_input=True):
        """Map a batch. ``check_input=False`` skips the check that each item is of kind ``INPUT``
        (as scikit-learn's ``check_input``): only for items a featurizer made. Parameters, fitted
        state and value ranges (ids) are checked either way."""
        raise NotImplementedError(f"{self.__class__.__name__}.transform")

    def fit_transform(self, data):
        return self.fit(data).transform(data)

    def is_fitted(self):
        for name in self.STATE:
            if getattr(self, name) is None:
                return False
        return True

    def get_config(self):
        config = {"type": self.__class__.__name__}
        for name in self.PARAMS:
            if not self._config_omits(name):
                config[name] = copy_json(self._config_param(name))
        if len(self.STATE) > 0 and self.is_fitted():
            for name in self.STATE:
                config[name] = copy_json(getattr(self, name))
        return config

    def _config_omits(self, name):
        """Whether ``get_config`` leaves parameter ``name`` out: a parameter added after configs
        were first written, at its default, so that those configs (and bundles) stay as they were
        (``from_config`` then keeps the default)."""
        return False

    def _config_param(self, name):
        """The value ``get_config`` records for parameter ``name`` (a default resolved, say)."""
        return getattr(self, name)

    def _configure(self, config):
        for name in self.PARAMS:
            if _host.has_key(config, name):
                setattr(self, name, copy_json(config[name]))
        has_state = len(self.STATE) > 0
        for name in self.STATE:
            if not _host.has_key(config, name):
                has_state = False
        if has_state:
            for name in self.STATE:
                setattr(self, name, copy_json(config[name]))
            self._restore()

    def _restore(self):
        """Rebuild derived lookup structures after the ``_`` state was set (fit or from_config)."""

    def _check_fitted(self):
        if not self.is_fitted():
            raise NotFittedError(
                f"{self.__class__.__name__} is not fitted: call fit() first, or build it with from_config() from a fitted config"
            )

    def _check_batch(self, method, data, describe_bad, expected):
        """Raise TypeError naming the featurizer, the method and the position of the first bad item.

        ``describe_bad(item)`` returns None for a good item, else what the item is (``"int"``,
        ``"list with NoneType at index 2"``).
        """
        where = f"{self.__class__.__name__}.{method}"
        if not _host.is_list(data):
            raise TypeError(f"{where} expects a list of {expected}, got {_host.type_name(data)}")
        for i in range(len(data)):
            bad = describe_bad(data[i])
            if bad is not None:
                raise TypeError(f"{where}: item {i} is {bad}, expected {expected}")

    def _check_items(self, data, check_input):
        """``transform``'s check of ``data``: a list of items of kind ``INPUT`` (unless
        ``check_input`` is False: a featurizer made them)."""
        if check_input:
            self._check_batch("transform", data, _describer(self.INPUT), self.INPUT)

    # A Pipeline sends a long text through its steps in parts where they allow, so that the whole
    # document cleaned, its tokens and their ids never exist at once (time and memory then grow
    # with the length alone). Each step that can takes the item's parts as they come and gives
    # its output in parts as soon as they are made (``_pieces``); a step that cannot gets all
    # the parts before it, joined, which it may keep fewer of as they come (``_compact``).

    def _pieces(self, check_input, emit):
        """For one long item that comes in parts (each cut next to a space): a function to call
        with each part in turn, then with None, which calls ``emit`` with each part of
        ``transform([item])[0]`` (parts that concatenate to it, each cut next to a space) as soon
        as it is made; or None to take the item whole. By default, each part's own output
        when ``_part_by_part()``, else None."""
        if not self._part_by_part():
            return None
        return lambda part: None if part is None else emit(self.transform([part], check_input)[0])

    def _part_by_part(self):
        """Whether the output for a concatenation of parts cut next to a space is the
        concatenation of the outputs for each part (default False)."""
        return False

    def _compact(self, parts):
        """Given the parts of one input item so far: may replace them, in place, with fewer that
        give the same ``transform`` result."""


def split_keys(stats, parts, part_of):
    """``fit_split`` of keyed statistics held in a ``_host.StrMap``: one ``StrMap`` per part,
    each key with its value in part ``part_of(key)``."""
    split = [_host.StrMap() for _ in range(parts)]
    for key in stats.keys():
        split[part_of(key)].set(key, stats.get(key, None))
    return split


# __pragma__('skip')
# Python only (a skip region cannot sit inside a class body): the parameters that hold regular
# expressions (None, a pattern, a list of patterns, or a list of [pattern, ...] lists).
# from_config and the build check them with the source checker's rules (compiler/check/configs.py).
# A featurizer of your own declares its own (PATTERN_PARAMS = ["pattern"] in its class body works too).
Featurizer.PATTERN_PARAMS = []

# Python only, never in a bundle: numpy and pandas input, set_output, scikit-learn's estimator
# protocol (get_params, set_params, clone) and a readable repr, for Featurizer and every subclass.
from featurizers import estimator as _estimator  # noqa: E402

_estimator.install(Featurizer)
# __pragma__('noskip')


def join_parts(parts, kind):
    """The item that ``parts`` concatenate to: a str for kind "str", else a list (one part is
    that item itself, not a copy)."""
    if len(parts) == 1:
        return parts[0]
    if kind == "str":
        return "".join(parts)
    joined = []
    for part in parts:
        for value in part:
            joined.append(value)
    return joined


def describe_non_str(value):
    if not _host.is_str(value):
        return _host.type_name(value)
    # An unpaired UTF-16 surrogate: a str holds it in both runtimes, but it is not Unicode text
    # (no UTF-8 encoding), and the runtimes would not treat it alike.
    if not _host.is_well_formed(value):
        return "str with a lone surrogate"
    return None


def shown_param(value):
    """A parameter as an error message shows it: a str quoted, anything else by its type."""
    if _host.is_str(value):
        return f"'{value}'"
    return _host.type_name(value)


def describe_non_int(value):
    if _host.is_int(value):
        return None
    if _host.type_name(value) == "int":
        return "int beyond 2**53"
    return _host.type_name(value)


def _list_describer(describe_item):
    def describe(value):
        if not _host.is_list(value):
            return _host.type_name(value)
        for j in range(len(value)):
            bad = describe_item(value[j])
            if bad is not None:
                return f"list with {bad} at index {j}"
        return None

    return describe


describe_non_str_list = _list_describer(describe_non_str)
describe_non_int_list = _list_describer(describe_non_int)


def _describer(kind):
    """The ``describe_bad`` of ``_check_batch`` for items of an ``INPUT`` kind."""
    if kind == "str":
        return describe_non_str
    if kind == "list of str":
        return describe_non_str_list
    if kind == "list of int":
        return describe_non_int_list
    raise ValueError(f"no check for items of kind {kind}")
