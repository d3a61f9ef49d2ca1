"""``Pipeline``: featurizers applied in sequence."""

# __pragma__('jscall')  # methods as native JS methods (see tooling/check.py, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, config_value, from_config, register

# Items go through all the steps CHUNK_SIZE at a time. A chunk's intermediate results (token
# lists, n-grams) are garbage before the next chunk starts, so they never outlive the JS engine's
# young generation: a batch of 6,046 e-mails through the TF-IDF pipeline spent 43% of its time in
# the garbage collector when each step ran over the whole batch.
CHUNK_SIZE = 64


class Pipeline(Featurizer):
    """Apply ``steps`` in order: each step's output is the next step's input.

    ``fit`` fits each step on the output of the steps before it, as scikit-learn's ``Pipeline``.
    ``transform`` assumes what every featurizer here is: a step transforms each item on its own
    (fitted state aside), so the batch can go through in chunks of ``CHUNK_SIZE`` items. When a
    chunk fails, the whole batch is transformed step by step again, so the error raised is the
    one step-by-step transforming gives, item positions included. A step whose ``INPUT`` kind is
    the ``OUTPUT`` kind of the step before it gets ``check_input=False``: its items were made
    by a featurizer, not given by the caller.
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
        checks = self._input_checks()
        if not _host.is_list(data) or len(data) <= CHUNK_SIZE:
            return self._transform_steps(data, checks)
        try:
            rows = []
            for start in range(0, len(data), CHUNK_SIZE):
                for row in self._transform_steps(data[start : start + CHUNK_SIZE], checks):
                    rows.append(row)
            return rows
        except Exception:
            return self._transform_steps(data, checks)

    def _input_checks(self):
        """For each step, whether it checks its items: all but those whose ``INPUT`` is the
        ``OUTPUT`` of the step before (the caller's items are always checked)."""
        checks = []
        made = None
        for step in self.steps:
            checks.append(step.INPUT is None or step.INPUT != made)
            made = step.OUTPUT
        return checks

    def _transform_steps(self, data, checks):
        for k in range(len(self.steps)):
            if checks[k]:
                data = self.steps[k].transform(data)
            else:
                data = self.steps[k].transform(data, False)
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
