"""The tool suite's slow setups, started ahead.

What a user's machine does once (the wheel, a fresh venv per Python with the core's own suite run
in it, the README's install-train-build sequence) takes minutes and needs nothing from the rest of
the suite. The session's first fixture (tests/conftest.py) submits the ones the selected tests use
(userland.start_tool_setups); they run one after another in one background thread, on the
machine's second core while the 3.11 suite runs, and each fixture waits for its own result. Nothing is skipped: the same work, started
earlier. A job's exception (a failed assert in the setup) is raised again in the fixture that
waits for it, so the tests that need it error with the reason.
"""

import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor


class Ahead:
    def __init__(self, folder):
        self.folder = folder  # pytest's tmp_path_factory keeps it, as it keeps every test's folder
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tool-ahead")
        self._jobs = {}
        self._running = set()
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, name, job, *args):
        """Run ``job(*args)`` after the jobs submitted before it."""
        self._jobs[name] = self._pool.submit(job, *args)

    def result(self, name):
        """The job's return value, once it has run."""
        return self._jobs[name].result()

    def run(self, argv, *, timeout, input=None, capture_output=True, text=True, **popen):
        """``subprocess.run(argv, capture_output=True, text=True, ...)``, stopped by ``close()``."""
        assert capture_output and text, "a job's output is always captured, as text"
        with subprocess.Popen(argv, stdin=subprocess.PIPE if input is not None else None,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen) as process:  # fmt: skip
            with self._lock:
                if self._closed:
                    process.kill()
                self._running.add(process)
            try:
                stdout, stderr = process.communicate(input, timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                raise
            finally:
                with self._lock:
                    self._running.discard(process)
        return subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)

    def close(self):
        """At the session's end: drop the jobs no test waited for, and stop a running one."""
        with self._lock:
            self._closed = True
            for process in self._running:
                process.kill()
        self._pool.shutdown(wait=True, cancel_futures=True)
