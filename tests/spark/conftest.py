"""A real Spark standalone cluster for the Spark tests: a master and two workers (one core each)
from the pyspark package, on 127.0.0.1, started once and stopped at the end; one session on it.

The executors run the interpreter this virtual environment was made from, which cannot import
featurizers: the package reaches them only as the zip ``featurizers.spark`` ships with the job.
Every test here is marked ``spark`` (``pytest -m 'not spark'`` skips them in a quick run).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.spark)


def bare_python():
    """The interpreter the venv was made from: no featurizers (nor pyspark) installed in it."""
    python = getattr(sys, "_base_executable", None) or sys.executable
    probe = subprocess.run([python, "-c", "import featurizers"], capture_output=True, env={"PATH": os.environ.get("PATH", "")})
    return python if probe.returncode != 0 else None


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    from featurizers.spark import LocalCluster

    with LocalCluster(workers=2, cores=1, memory="1g", log_dir=tmp_path_factory.mktemp("spark-cluster")) as running:
        yield running


@pytest.fixture(scope="session")
def executor_python():
    python = bare_python()
    if python is None:
        pytest.fail(f"{sys._base_executable} imports featurizers: the test of the shipped package needs an interpreter without it")
    return python


@pytest.fixture(scope="session")
def spark(cluster, executor_python):
    import featurizers.spark as fs

    previous = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = executor_python
    session = fs.session(cluster.url, app_name="featurizers-tests", config={"spark.default.parallelism": "4"})
    yield session
    session.stop()
    if previous is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = previous
