"""Hypothesis profiles for the differential fuzz tests, chosen by $HYPOTHESIS_PROFILE.

- ``ci`` (the default; ``make test``): derandomized, so every CI run compares the same texts;
  at least 2,000 texts per featurizer. No Hypothesis shrinking: a failing batch is narrowed by the
  test itself to the rows and characters that diverge (seconds, where Hypothesis' shrinker needs
  minutes for a batch of 50+ texts), and Hypothesis prints nothing of the (large) batch.
- ``fuzz`` (``make fuzz``): randomized, failing examples kept in ``.hypothesis/``; at least
  100,000 texts per featurizer. Hypothesis shrinks a failing batch to its minimal form (it stops
  by itself after 5 minutes), then the test narrows it further.

``$FUZZ_TEXTS`` overrides the number of texts per featurizer (``FUZZ_TEXTS=20000 make fuzz``).
The profile is applied to the fuzz tests only (not loaded as the session default), so other
Hypothesis tests keep their own settings. At the end of the session the number of texts each
featurizer compared is printed.
"""

import os
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, Phase, Verbosity, settings

TEXTS_PER_FEATURIZER = {"ci": 2_000, "fuzz": 100_000}
EXPECTED_BATCH = 100  # the average batch Hypothesis draws from lists(min_size=50, max_size=200)

# A batch of 50-200 texts is a large example: generating it is slow for Hypothesis' taste, and it
# may hit Hypothesis' entropy limit (it is then discarded, not failed).
_SUPPRESSED = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "ci",
    max_examples=TEXTS_PER_FEATURIZER["ci"] // EXPECTED_BATCH,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=_SUPPRESSED,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    verbosity=Verbosity.quiet,
    print_blob=False,
)
settings.register_profile(
    "fuzz",
    max_examples=TEXTS_PER_FEATURIZER["fuzz"] // EXPECTED_BATCH,
    derandomize=False,
    deadline=None,
    suppress_health_check=_SUPPRESSED,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    print_blob=True,
)


@dataclass
class FuzzBudget:
    profile: str
    settings: settings
    texts: int  # texts (token lists, id sequences) each featurizer compares at least
    expected_batch: int = EXPECTED_BATCH
    compared: dict = field(default_factory=dict)  # featurizer -> [texts, batches]

    @property
    def derandomized(self):
        return self.settings.derandomize


_BUDGET = None


@pytest.fixture(scope="session")
def fuzz_budget():
    global _BUDGET
    profile = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    if profile not in TEXTS_PER_FEATURIZER:
        raise pytest.UsageError(f"HYPOTHESIS_PROFILE={profile}: the fuzz tests know {sorted(TEXTS_PER_FEATURIZER)}")
    texts = int(os.environ.get("FUZZ_TEXTS", TEXTS_PER_FEATURIZER[profile]))
    _BUDGET = FuzzBudget(profile, settings.get_profile(profile), texts)
    return _BUDGET


def pytest_terminal_summary(terminalreporter):
    if _BUDGET is None or not _BUDGET.compared:
        return
    terminalreporter.section(f"differential fuzzing, profile {_BUDGET.profile}")
    for name, (texts, batches) in _BUDGET.compared.items():
        terminalreporter.write_line(f"{name}: {texts:,} generated texts in {batches:,} batches, identical in CPython and Node")
