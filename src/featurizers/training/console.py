"""What the commands print: their own progress, never third-party noise (unless ``--verbose``).

TensorFlow's C++ libraries write to file descriptor 2 directly, some of it before their logging
is configured (``E0000 ... cuBLAS factory``, ``W0000 ... computation placer``), and importing
tensorflowjs prints ydf's advertisement there too: ``TF_CPP_MIN_LOG_LEVEL`` cannot stop what is
logged before it is read. ``native_stderr_held`` points descriptor 2 at a temporary file for the
length of a block and drops what was written, unless the block fails: then it is shown, since it
may say why.
"""

import contextlib
import os
import sys
import tempfile
import time

# Before TensorFlow is imported: no CUDA probing errors on CPU-only machines, no oneDNN notice,
# and tf_keras, which tensorflowjs converts faithfully.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
# tensorflowjs imports tensorflow_decision_forests, whose welcome banner (printed, or shown with
# IPython where stdout is not a terminal, which fails without IPython) is no progress of ours.
os.environ.setdefault("TFDF_DISABLE_WELCOME_MESSAGE", "1")


@contextlib.contextmanager
def native_stderr_held(verbose=False):
    """Hold what is written to file descriptor 2 in the block; show it only if the block raises."""
    if verbose:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        failed = False
        try:
            yield
        except BaseException:
            failed = True
            raise
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            if failed:
                held.seek(0)
                sys.stderr.write(held.read().decode("utf-8", errors="replace"))
                sys.stderr.flush()


class Progress:
    """Progress of a long step, ``[name] what: done/total unit``: on a terminal one line
    rewritten in place, elsewhere a line at most every ``every`` seconds; and a last line with
    the time taken (only if the step was long enough to show progress)."""

    def __init__(self, label, total, unit="texts", stream=None, every=5.0, after=1.0):
        self.label, self.total, self.unit = label, total, unit
        self.stream = stream or sys.stdout
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.every = 0.25 if self.tty else every
        self.after = after
        self.started = time.perf_counter()
        self.shown = None

    def update(self, done):
        now = time.perf_counter()
        if now - self.started < self.after or (self.shown is not None and now - self.shown < self.every):
            return
        self.shown = now
        line = f"{self.label}: {done:,}/{self.total:,} {self.unit} ({100 * done // max(self.total, 1)}%)"
        self.stream.write(f"\r{line}" if self.tty else line + "\n")
        self.stream.flush()

    def finish(self):
        """The seconds the step took; a closing line if progress was shown."""
        seconds = time.perf_counter() - self.started
        if self.shown is not None:
            line = f"{self.label}: {self.total:,} {self.unit} in {seconds:.1f} s"
            self.stream.write(f"\r{line}\n" if self.tty else line + "\n")
            self.stream.flush()
        return seconds


TRANSFORM_CHUNK = 2_000


def transform_with_progress(featurizer, data, label, stream=None):
    """``featurizer.transform(data)``, in chunks that show progress on a long batch. A chunk that
    fails is retried as the whole batch, so the error names the item's position in ``data``."""
    if len(data) <= TRANSFORM_CHUNK:
        return featurizer.transform(data)
    progress = Progress(label, len(data), stream=stream)
    rows = []
    try:
        for start in range(0, len(data), TRANSFORM_CHUNK):
            rows.extend(featurizer.transform(data[start : start + TRANSFORM_CHUNK]))
            progress.update(len(rows))
    except (TypeError, ValueError):
        return featurizer.transform(data)
    progress.finish()
    return rows
