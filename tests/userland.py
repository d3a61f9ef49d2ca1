"""A user's machine, for the tests of "Use it in your own project" (tests/tool/): fresh virtual
environments outside the checkout, an environment in which neither a system Node nor this
checkout's node_modules can be found, and the README's commands run there as a user runs them."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from harness import ROOT

# What a source distribution of the project holds; the checkout's build/, js_dist/ and
# node_modules/ stay out (pip builds in the source folder, and setuptools writes build/ there).
SOURCE_FILES = ["pyproject.toml", "README.md", "src"]
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
PYTHONS = {
    "3.11": ["python3.11"],
    "3.12": ["python3.12", "/root/.pyenv/versions/3.12.1/bin/python3.12"],
    "3.13": ["python3.13", "/root/.pyenv/versions/3.13.0/bin/python3.13"],
}


def find_python(version):
    """An interpreter of that version that runs: this one, this machine's pyenv's, or one on PATH
    (pyenv's shims on PATH answer only for the versions pyenv has selected)."""
    if version == f"{sys.version_info[0]}.{sys.version_info[1]}":
        return Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    for candidate in PYTHONS[version][1:] + PYTHONS[version][:1]:
        found = shutil.which(candidate)
        if not found:
            continue
        result = subprocess.run([found, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout.strip() == str(tuple(int(n) for n in version.split("."))):
            return Path(found).resolve()
    return None


def user_environment(bin_dirs, **extra):
    """This machine's environment, with PATH reduced to ``bin_dirs``: no /usr/bin (where the
    system node is), no node_modules/.bin, no NODE_PATH, no virtualenv of the checkout's. pip and
    npm keep their caches (a user's machine has them too; CI's start empty)."""
    drop = ("PATH", "NODE_PATH", "NODE_OPTIONS", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("FEATURIZERS_")}
    home = Path(os.environ.get("HOME", str(Path.home())))
    env.setdefault("PIP_CACHE_DIR", str(Path(os.environ.get("XDG_CACHE_HOME", home / ".cache")) / "pip"))
    env.setdefault("npm_config_cache", str(home / ".npm"))
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    # The versions this repository locks and tests (pip would otherwise pick the newest of every
    # unpinned transitive dependency on the day).
    env["PIP_CONSTRAINT"] = str(ROOT / "constraints.txt")
    env["PATH"] = os.pathsep.join(str(d) for d in bin_dirs)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def python_bin(folder, python):
    """A folder holding only ``python3.X`` (a link to ``python``), for a PATH without /usr/bin."""
    folder.mkdir(parents=True, exist_ok=True)
    version = subprocess.run([str(python), "-c", "import sys; print(f'{sys.version_info[0]}.{sys.version_info[1]}')"],
                             capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    link = folder / f"python{version}"
    if not link.exists():
        link.symlink_to(python)
    return folder


# Pythons besides 3.11 that the core is tested on (tests/tool/test_python_versions.py).
OTHER_VERSIONS = ["3.12", "3.13"]
# The core's specifications and the checker's rules, run again under each of them. The checker's
# divergence probes (Transcrypt's output run in Node) and its command-line tests (this checkout's
# make) run on 3.11: Transcrypt writes the same JavaScript on every Python, which the
# byte-identical build in test_python_versions.py shows.
CORE_TESTS = ["tests/unit", "tests/check/test_rules.py"]
# What the core's tests use besides the wheel (numpy, pandas, SciPy and scikit-learn: the
# Python-side specifications use them).
CORE_TEST_PACKAGES = ["pytest", "hypothesis", "numpy", "scikit-learn", "pandas", "scipy"]


def copy_source(folder):
    """The project's files as a source distribution holds them, in ``folder`` (outside the checkout)."""
    folder.mkdir(parents=True)
    for name in SOURCE_FILES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, folder / name, ignore=IGNORED)
        else:
            shutil.copy(path, folder / name)
    return folder


def build_wheel(source, out, run=subprocess.run):
    """The project's wheel, built as `pip wheel` builds it (isolated, setuptools from PyPI)."""
    out.mkdir(parents=True)
    argv = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w", str(out), str(source)]
    result = run(argv, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    [built] = out.glob("featurizers-*.whl")
    return built


def fresh_venv(version, wheel, folder, run=subprocess.run):
    """A new venv of that Python in ``folder/.venv`` with the wheel and CORE_TEST_PACKAGES;
    returns (version, folder, its user environment)."""
    python = find_python(version)
    assert python is not None, f"no Python {version} here (python{version} on PATH, or pyenv's)"
    env = user_environment([folder / ".venv" / "bin"])
    result = run([str(python), "-m", "venv", str(folder / ".venv")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    pip = [str(folder / ".venv" / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel), *CORE_TEST_PACKAGES]
    result = run(pip, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return version, folder, env


README_SECTION = "## Use it in your own project"


def readme_commands():
    """The lines of the README section's first sh block, comments and blank lines aside."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert README_SECTION in text, f"README.md has no {README_SECTION!r} section"
    section = text.split(README_SECTION, 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the section has no sh block"
    lines = [re.sub(r"\s+#.*$", "", line).strip() for line in block[1].splitlines()]
    return [line for line in lines if line]


class Session:
    """A user's shell: each line run by bash in the current folder (``cd`` changes it), timed."""

    def __init__(self, cwd, env, run=subprocess.run):
        self.cwd, self.env, self._run = Path(cwd), env, run
        self.results = []

    def run(self, line, timeout=900, env=None, check=True):
        if line.startswith("cd "):
            self.cwd = (self.cwd / line[3:].strip()).resolve()
            return None
        started = time.perf_counter()
        result = self._run(["/bin/bash", "-c", line], cwd=self.cwd, env=env or self.env, capture_output=True, text=True, timeout=timeout)
        result.seconds = time.perf_counter() - started
        result.line = line
        self.results.append(result)
        if check:
            assert result.returncode == 0, f"`{line}` in {self.cwd} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        return result


def readme_sequence(source, home, run=subprocess.run):
    """The README section's commands, run as written in the empty folder ``home`` (the checkout
    there is ``source``), with PATH reduced to its new venv and a `python3.11`; returns (session,
    {line: result}). Each command's wall time goes to test-artifacts/tool_commands.json."""
    python = find_python("3.11")
    assert python is not None, "no python3.11"
    home.mkdir(parents=True)
    assert ROOT not in home.parents
    assert not [p for p in home.parents if (p / "node_modules").exists()], "a node_modules above the user's folder"
    env = user_environment([home / ".venv" / "bin", python_bin(home / ".python", python)], FEATURIZERS_CACHE=home / ".toolchain-cache")
    assert shutil.which("node", path=env["PATH"]) is None, "a node is visible before the install"
    session = Session(home, env, run)
    results = {}
    for line in readme_commands():
        line = line.replace("file:///path/to/checkout", source.as_uri())
        try:
            results[line] = session.run(line)
        finally:
            write_timings(session)
    return session, results


def write_timings(session):
    """Each command's wall time, for the README and for CI's budget (test-artifacts/)."""
    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    timings = [{"command": result.line, "seconds": round(result.seconds, 1)} for result in session.results]
    (out / "tool_commands.json").write_text(json.dumps(timings, indent=1) + "\n", encoding="utf-8")


def core_suite(venv, run=subprocess.run):
    """CORE_TESTS run by that venv's Python on this checkout's sources (they read its pipelines/
    and make), with the venv's packages and this checkout's node_modules."""
    _, folder, env = venv
    bin_dir = folder / ".venv" / "bin"
    env = dict(env, PATH=os.pathsep.join([str(bin_dir), os.environ["PATH"]]), PYTHONPATH=str(ROOT / "src"), FEATURIZERS_NODE_MODULES=str(ROOT / "node_modules"))
    argv = [str(bin_dir / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", *CORE_TESTS]
    return run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)


def start_tool_setups(ahead, items):
    """Submit to ``ahead`` (tests/ahead.py) the setups that the selected tests of tests/tool/
    use, by the fixtures that return them, in the order those tests come."""
    items = [item for item in items if item.path.parent == ROOT / "tests" / "tool"]
    uses = {name for item in items for name in item.fixturenames}
    versions = sorted({item.callspec.params["venv"] for item in items if hasattr(item, "callspec") and "venv" in item.callspec.params})
    if uses & {"source_copy", "project", "wheel", "venv"}:
        ahead.submit("source_copy", copy_source, ahead.folder / "checkout" / "featurizers")
    if "project" in uses:
        ahead.submit("project", lambda: readme_sequence(ahead.result("source_copy"), ahead.folder / "user", ahead.run))
    if uses & {"wheel", "venv"}:
        ahead.submit("wheel", lambda: build_wheel(ahead.result("source_copy"), ahead.folder / "wheel", ahead.run))
    for version in versions:
        ahead.submit(f"venv[{version}]", lambda v=version: fresh_venv(v, ahead.result("wheel"), ahead.folder / f"py{v}", ahead.run))
        if "core_suite" in uses:
            ahead.submit(f"core_suite[{version}]", lambda v=version: core_suite(ahead.result(f"venv[{v}]"), ahead.run))
