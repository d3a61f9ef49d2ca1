"""The featurizer contract, config serialization and the type registry.

A featurizer stores its constructor parameters as given (``PARAMS``) and learns state in ``fit``
into attributes whose names end in ``_`` (``STATE``), as scikit-learn estimators do. ``get_config``
returns plain JSON: ``{"type": <class name>, <param>: value, ..., <state>_: value, ...}``; the state
keys appear only once the featurizer is fitted. ``from_config`` rebuilds an equal featurizer.
"""
# __pragma__('kwargs')

from featurizers import _host


class NotFittedError(ValueError):
    """``transform`` was called before ``fit`` (and no fitted config was loaded)."""


_TYPES = _host.StrMap()


def register(cls):
    """Make ``cls`` known to ``from_config`` under its class name; returns ``cls``."""
    _TYPES.set(cls.__name__, cls)
    return cls


def from_config(config):
    """Rebuild a featurizer (fitted, if the config holds state) from ``get_config()`` output."""
    if not _host.is_str(config["type"]):
        raise ValueError("from_config: the config has no 'type' tag")
    cls = _TYPES.get(config["type"], None)
    if cls is None:
        raise ValueError(f"Unknown featurizer type '{config['type']}'")
    featurizer = cls()
    featurizer._configure(config)
    return featurizer


class Featurizer:
    """Base class: ``fit`` learns state, ``transform`` maps a batch, ``fit_transform`` does both."""

    PARAMS = []
    STATE = []

    def fit(self, data):
        """Learn the state from a batch; stateless featurizers only return ``self``."""
        return self

    def transform(self, data):
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
            config[name] = getattr(self, name)
        if len(self.STATE) > 0 and self.is_fitted():
            for name in self.STATE:
                config[name] = getattr(self, name)
        return config

    def _configure(self, config):
        for name in self.PARAMS:
            if name in config:
                setattr(self, name, config[name])
        has_state = len(self.STATE) > 0
        for name in self.STATE:
            if not (name in config):
                has_state = False
        if has_state:
            for name in self.STATE:
                setattr(self, name, config[name])
            self._restore()

    def _restore(self):
        """Rebuild derived lookup structures after the ``_`` state was set (fit or from_config)."""

    def _check_fitted(self):
        if not self.is_fitted():
            raise NotFittedError(
                f"{self.__class__.__name__} is not fitted: call fit() first, or build it with from_config() from a fitted config"
            )

    def _check_batch(self, data, item_check, expected):
        """Raise TypeError naming the featurizer and the position of the first bad item."""
        name = self.__class__.__name__
        if not _host.is_list(data):
            raise TypeError(f"{name}.transform expects a list of {expected}, got {_host.type_name(data)}")
        for i in range(len(data)):
            if not item_check(data[i]):
                raise TypeError(f"{name}.transform: item {i} is {_host.type_name(data[i])}, expected {expected}")
