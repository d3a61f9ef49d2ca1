"""What a Spark job of featurizers needs around it: pyspark and Java found (or named in a clear
error), a quiet session, the featurizers package shipped to the executors, and a local standalone
cluster (a master and workers from the pyspark package, on 127.0.0.1) for tests and benchmarks."""

import hashlib
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
import zipfile
from pathlib import Path

PYSPARK_VERSION = "4.3.0"  # pinned in pyproject.toml (the spark extra) and constraints.txt
JAVA_VERSIONS = (17, 21)  # what Spark 4 runs on
INSTALL_HINT = "pip install 'featurizers[spark]'"
WORK_DIR = Path(tempfile.gettempdir()) / "featurizers-spark"

# Spark's own log lines (its default log4j profile, WARN and INFO) are not this tool's progress.
LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""


class SparkUnavailable(RuntimeError):
    """pyspark is not installed, or no Java that Spark runs on was found."""


def require_pyspark():
    """The pyspark module, or SparkUnavailable naming the extra to install."""
    try:
        import pyspark
    except ImportError:
        raise SparkUnavailable(f"featurizers.spark needs pyspark {PYSPARK_VERSION}: {INSTALL_HINT}") from None
    return pyspark


def find_java():
    """(path to java, major version) of the Java that Spark will use: ``$JAVA_HOME/bin/java``
    when JAVA_HOME is set, else ``java`` on PATH; SparkUnavailable when there is none, or it is
    not a version Spark 4 runs on."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    where = f"JAVA_HOME={home}" if home else "PATH"
    supported = " or ".join(str(v) for v in JAVA_VERSIONS)
    if not java or not Path(java).is_file():
        raise SparkUnavailable(
            f"featurizers.spark needs Java {supported} (Spark {PYSPARK_VERSION} runs on the JVM), and found no java on {where}: "
            "install a JDK or JRE (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
        )
    try:
        shown = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
    except OSError as error:
        raise SparkUnavailable(f"featurizers.spark: {java} does not run: {error}") from None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', shown)
    major = None if match is None else int(match.group(2) if match.group(1) == "1" else match.group(1))
    if major is None or major < JAVA_VERSIONS[0]:
        raise SparkUnavailable(
            f"featurizers.spark needs Java {supported} for Spark {PYSPARK_VERSION}; {java} is {shown.splitlines()[0] if shown else 'unknown'}: "
            "install a newer JDK or JRE, or point JAVA_HOME at one"
        )
    return java, major


def _quiet_conf_dir():
    """A SPARK_CONF_DIR whose log4j2.properties keeps Spark's JVMs to errors."""
    conf_dir = WORK_DIR / "conf"
    conf_dir.mkdir(parents=True, exist_ok=True)
    (conf_dir / "log4j2.properties").write_text(LOG4J2)
    return conf_dir


def _is_local(master):
    return master.startswith("local") or "//127.0.0.1:" in master or "//localhost:" in master


def spark_env(master):
    """The environment of Spark's JVMs and Python workers on this machine."""
    env = {"SPARK_CONF_DIR": str(_quiet_conf_dir()), "PYSPARK_PYTHON": os.environ.get("PYSPARK_PYTHON", sys.executable)}
    if _is_local(master):
        env["SPARK_LOCAL_IP"] = "127.0.0.1"  # a master, workers and driver on loopback only
    return env


def session(master=None, app_name="featurizers", config=None):
    """A SparkSession for ``master`` (default: ``$SPARK_MASTER``, else ``local[*]``), or the
    active one. Java is checked first; Spark's JVM output goes to a log file (named in errors),
    not to the terminal."""
    require_pyspark()
    active = active_session()
    if active is not None:
        return active
    find_java()
    master = master or os.environ.get("SPARK_MASTER") or "local[*]"
    os.environ.update(spark_env(master))
    # pyspark's note that it does not support this pandas yet: featurizers.spark uses no pandas.
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    with warnings.catch_warnings():
        from pyspark import SparkConf, SparkContext
        from pyspark.java_gateway import launch_gateway
        from pyspark.sql import SparkSession

    conf = SparkConf().setMaster(master).setAppName(app_name)
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.pyspark.python": os.environ["PYSPARK_PYTHON"],
        "spark.executorEnv.SPARK_CONF_DIR": os.environ["SPARK_CONF_DIR"],
    }
    settings.update(config or {})
    for key, value in settings.items():
        conf.set(key, str(value))
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    log_path = WORK_DIR / f"driver-{os.getpid()}.log"
    with open(log_path, "ab") as log:
        try:
            gateway = launch_gateway(conf, popen_kwargs={"stdout": log, "stderr": log})
        except Exception as error:
            raise SparkUnavailable(f"featurizers.spark: the Spark driver did not start ({error}); its output is in {log_path}") from None
    context = SparkContext(conf=conf, gateway=gateway)
    return SparkSession(context)


def active_session():
    """The active SparkSession, or None (also when pyspark is not installed)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None

    return SparkSession.getActiveSession()


# --- the package, shipped with the job ----------------------------------------------------------


def package_zip():
    """A zip of the installed ``featurizers`` package (its Python files), named by a hash of its
    content: what the executors import, so that they need no install of their own."""
    import featurizers

    root = Path(featurizers.__file__).resolve().parent
    files = sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    target = WORK_DIR / f"featurizers-{digest.hexdigest()[:16]}.zip"
    if not target.is_file():
        WORK_DIR.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                info = zipfile.ZipInfo(str(Path("featurizers") / path.relative_to(root)), date_time=(1980, 1, 1, 0, 0, 0))
                archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(buffer.getvalue())
        partial.replace(target)
    return target


_SHIPPED = set()


def ship_package(context):
    """Add the package's zip to the job (``SparkContext.addPyFile``), once per application."""
    path = package_zip()
    key = (context.applicationId, path.name)
    if key not in _SHIPPED:
        context.addPyFile(str(path))
        _SHIPPED.add(key)


# --- a local standalone cluster -----------------------------------------------------------------


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalCluster:
    """A Spark standalone cluster on 127.0.0.1: a master and ``workers`` workers of
    ``cores`` cores each, started from the scripts inside the pyspark package, stopped by
    ``stop()`` (or at the end of a ``with`` block). Its logs are in ``log_dir``."""

    def __init__(self, workers=2, cores=1, memory="2g", log_dir=None):
        self.workers = workers
        self.cores = cores
        self.memory = memory
        self.log_dir = Path(log_dir or tempfile.mkdtemp(prefix="cluster-", dir=_work_dir()))
        self.processes = []
        self.url = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, timeout=120):
        pyspark = require_pyspark()
        find_java()
        spark_class = Path(pyspark.__file__).parent / "bin" / "spark-class"
        port, ui_port = _free_port(), _free_port()
        self.url = f"spark://127.0.0.1:{port}"
        env = dict(os.environ, **spark_env(self.url))
        env["SPARK_WORKER_DIR"] = str(self.log_dir / "work")
        self._spawn("master", env, [spark_class, "org.apache.spark.deploy.master.Master",
                                    "--host", "127.0.0.1", "--port", str(port), "--webui-port", str(ui_port)])
        self._ui = f"http://127.0.0.1:{ui_port}/json/"
        self._wait(lambda status: True, timeout, "the master")
        for i in range(self.workers):
            self._spawn(f"worker-{i}", env, [spark_class, "org.apache.spark.deploy.worker.Worker",
                                             "--host", "127.0.0.1", "--cores", str(self.cores), "--memory", self.memory,
                                             "--webui-port", str(_free_port()), self.url])
        self._wait(lambda status: status.get("aliveworkers", 0) >= self.workers, timeout, f"{self.workers} workers")
        return self

    def _spawn(self, name, env, command):
        log = open(self.log_dir / f"{name}.log", "wb")
        process = subprocess.Popen([str(c) for c in command], env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        self.processes.append(process)

    def _wait(self, ready, timeout, what):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    self.stop()
                    raise SparkUnavailable(f"LocalCluster: a Spark process exited while starting {what}; see {self.log_dir}")
            try:
                with urllib.request.urlopen(self._ui, timeout=5) as response:
                    if ready(json.load(response)):
                        return
            except (OSError, ValueError):  # not listening yet, or an empty page while it starts
                pass
            time.sleep(0.5)
        self.stop()
        raise SparkUnavailable(f"LocalCluster: {what} not up after {timeout} s; see {self.log_dir}")

    def stop(self):
        """Stop the workers, then the master (each process group this cluster started)."""
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for process in reversed(self.processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes = []


def _work_dir():
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    return WORK_DIR
