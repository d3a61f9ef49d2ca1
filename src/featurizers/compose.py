"""``Pipeline``: featurizers applied in sequence."""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, config_value, from_config, join_parts, register

# Items go through all the steps CHUNK_SIZE at a time. A chunk's intermediate results (token
# lists, n-grams) are garbage before the next chunk starts, so they never outlive the JS engine's
# young generation: a batch of 6,046 e-mails through the TF-IDF pipeline spent 43% of its time in
# the garbage collector when each step ran over the whole batch.
CHUNK_SIZE = 64
# A str longer than this (where TextCleaner starts cleaning in pieces) goes through on its own, in
# parts where the steps allow (Featurizer._pieces).
LONG_ITEM = 32768


class Pipeline(Featurizer):
    """Apply ``steps`` in order: each step's output is the next step's input.

    ``fit`` fits each step on the output of the steps before it, as scikit-learn's ``Pipeline``;
    as mergeable statistics (``fit_start`` .. ``fit_finish``), in one pass per stateful step.
    ``transform`` assumes what every featurizer here is: a step transforms each item on its own
    (fitted state aside), so the batch can go through in chunks of ``CHUNK_SIZE`` items. When a
    chunk fails, the whole batch is transformed step by step again, so the error raised is the
    one step-by-step transforming gives, item positions included. A step whose ``INPUT`` kind is
    the ``OUTPUT`` kind of the step before it gets ``check_input=False``: its items were made
    by a featurizer, not given by the caller. A str longer than ``LONG_ITEM`` characters goes
    through on its own, in parts where its steps allow (``Featurizer._pieces``): the output is
    the same, and time and memory grow in proportion to its length.
    The config is ``{"type": "Pipeline", "steps": [<step config>, ...]}``.
    """

    # __pragma__('kwargs')
    def __init__(self, steps=None):
        if steps is None:
            steps = []
        self.steps = steps
    # __pragma__('nokwargs')

    def fit(self, data):
        # The passes of fit_start .. fit_finish, with each step's input made once and kept: in one
        # process that is faster than running the fitted steps again for each stateful step.
        for step in self.steps:
            data = step.fit_transform(data)
        return self

    # In passes, as tf.Transform's analyzer phases: a pass adds the data, run through the steps
    # before one stateful step (already fitted), to that step's statistics. The stateless steps
    # before it run in the same pass, and the data is read once per pass. Statistics: [k, the
    # statistics of step k].

    def fit_start(self):
        return self._pass_from(0)

    def _pass_from(self, k):
        """The statistics of the first step from ``k`` on that has something to learn, or None."""
        while k < len(self.steps):
            stats = self.steps[k].fit_start()
            if stats is not None:
                return [k, stats]
            k += 1
        return None

    def fit_add(self, stats, data):
        k = stats[0]
        if k > 0:
            data = Pipeline(self.steps[:k]).transform(data)
        stats[1] = self.steps[k].fit_add(stats[1], data)
        return stats

    def fit_merge(self, stats, other):
        stats[1] = self.steps[stats[0]].fit_merge(stats[1], other[1])
        return stats

    def fit_finish(self, stats):
        k = stats[0]
        following = self.steps[k].fit_finish(stats[1])
        if following is not None:
            return [k, following]
        return self._pass_from(k + 1)

    def fit_split(self, stats, parts, part_of):
        pieces = self.steps[stats[0]].fit_split(stats[1], parts, part_of)
        return [None if piece is None else [stats[0], piece] for piece in pieces]

    def fit_prune(self, stats):
        stats[1] = self.steps[stats[0]].fit_prune(stats[1])
        return stats

    def transform(self, data):
        checks = self._input_checks()
        if not _host.is_list(data) or len(data) == 0:
            return self._transform_steps(data, checks)
        try:
            rows = []
            chunk = []
            for item in data:
                if _host.is_str(item) and len(item) > LONG_ITEM:
                    self._add_rows(rows, chunk, checks)
                    chunk = []
                    rows.append(self._transform_long(item, checks))
                else:
                    chunk.append(item)
                    if len(chunk) == CHUNK_SIZE:
                        self._add_rows(rows, chunk, checks)
                        chunk = []
            self._add_rows(rows, chunk, checks)
            return rows
        except Exception:
            return self._transform_steps(data, checks)

    def _add_rows(self, rows, chunk, checks):
        if len(chunk) > 0:
            for row in self._transform_steps(chunk, checks):
                rows.append(row)

    def _transform_long(self, item, checks):
        """One long item: through each chain of steps that go in parts (``_chain``) part by
        part, through the other steps whole."""
        steps = self.steps
        k = 0
        while k < len(steps):
            made = []
            chain = self._chain(k, checks, made)
            if chain[0] is None:
                item = self._apply(k, [item], checks)[0]
                k += 1
            else:
                chain[0](item)
                chain[0](None)
                item = join_parts(made, steps[chain[1] - 1].OUTPUT)
                k = chain[1]
        return item

    def _chain(self, k, checks, made):
        """[a function that takes the parts of step ``k``'s input, then None, and sends the parts
        of its output on through the steps after it that take parts, into ``made``; the index of
        the step that then takes ``made`` joined]. [None, k] when step ``k`` takes its input whole."""
        steps = self.steps
        after = [None, k + 1]
        if k + 1 < len(steps):
            after = self._chain(k + 1, checks, made)
        receive = after[0]

        def through(part):
            if receive is not None:
                receive(part)
            else:
                made.append(part)
                if k + 1 < len(steps):
                    steps[k + 1]._compact(made)

        take = steps[k]._pieces(checks[k], through)
        if take is None:
            return [None, k]

        def take_all(part):
            take(part)
            if part is None and receive is not None:
                receive(None)  # the end, once step k gave its last parts

        return [take_all, after[1] if receive is not None else k + 1]

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
            data = self._apply(k, data, checks)
        return data

    def _apply(self, k, data, checks):
        if checks[k]:
            return self.steps[k].transform(data)
        return self.steps[k].transform(data, False)

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
