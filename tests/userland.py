"""A user's machine, for the tests of "Use it in your own project" (tests/tool/): fresh virtual
environments outside the checkout, and an environment in which neither a system Node nor this
checkout's node_modules can be found."""

import os
import shutil
import subprocess
import sys
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
