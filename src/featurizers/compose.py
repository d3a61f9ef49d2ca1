"""``Pipeline``: featurizers applied in sequence."""

# __pragma__('jscall')  # methods as native JS methods (see tooling/check.py, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, config_value, from_config, register


class Pipeline(Featurizer):
    """Apply ``steps`` in order: each step's output is the next step's input.

    ``fit`` fits each step on the output of the steps before it, as scikit-learn's ``Pipeline``.
    The config is ``{"type": "Pipeline", "steps": [<step config>, ...]}``.
    """

    # __pragma__('kwargs')
    def __init__(self, steps=None):
        if steps is None:
            steps = []
        self.steps = steps
    # __pragma__('nokwargs')

    def fit(self, data):
        for step in self.steps:
            data = step.fit_transform(data)
        return self

    def transform(self, data):
        for step in self.steps:
            data = step.transform(data)
        return data

    def is_fitted(self):
        for step in self.steps:
            if not step.is_fitted():
                return False
        return True

    def get_config(self):
        return {"type": "Pipeline", "steps": [step.get_config() for step in self.steps]}

    def _configure(self, config):
        steps = config_value(config, "steps", "Pipeline")
        if not _host.is_list(steps):
            raise ValueError("Pipeline config: 'steps' must be a list of featurizer configs")
        self.steps = [from_config(step) for step in steps]

    def step(self, type_name):
        """The first step of the given class name (for example ``"Vocabulary"``)."""
        for step in self.steps:
            if step.__class__.__name__ == type_name:
                return step
        raise ValueError(f"Pipeline has no {type_name} step")


register(Pipeline)
