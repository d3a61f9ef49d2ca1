"""Compile featurizers for the parity kit: the featurizer library with your own modules in it.

A featurizer class of your own lives in a module of restricted Python (your pipeline module, or a
module beside it that imports only ``featurizers``), registered with ``featurizers.register``.
``source_modules`` finds those modules from a featurizer object; ``compile_library`` checks them
with the restricted-subset checker, compiles them with the library exactly as the build compiles a
pipeline (Transcrypt, the Babel passes, esbuild), without sealing: the JS side rebuilds any config
with ``from_config``, as the Python side does, step by step when a difference is to be located.

Compiled libraries are kept for the life of the process (keyed by the sources' contents), in a
temporary folder removed at exit: the first check of a session compiles (about 2 s here), the
next ones reuse it.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2

from featurizers.compiler import build
from featurizers.testing.runtimes import PARITY_CORE

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
MAIN_MODULE = "featurizers_parity"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class CompileError(AssertionError):
    """A featurizer that cannot be compiled as it is (the message says why and what to do)."""


def toolchain_root(root=None):
    """The folder whose ``node_modules`` holds Babel and esbuild: ``root``, ``$FEATURIZERS_ROOT``,
    this checkout (when the package runs from one), or the current folder."""
    if root is not None:
        return Path(root).resolve()
    if os.environ.get("FEATURIZERS_ROOT"):
        return Path(os.environ["FEATURIZERS_ROOT"]).resolve()
    checkout = build.PACKAGE_DIR.parent.parent
    if (checkout / "node_modules" / "@babel" / "core").is_dir():
        return checkout
    return Path.cwd().resolve()


def featurizer_objects(featurizer):
    """Every featurizer object inside ``featurizer`` (itself, its steps and columns, and any held in
    its attributes, lists and dicts), each once."""
    from featurizers.base import Featurizer

    found = []
    seen = set()

    def visit(value):
        if isinstance(value, Featurizer):
            if id(value) in seen:
                return
            seen.add(id(value))
            found.append(value)
            for attribute in vars(value).values():
                visit(attribute)
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)

    visit(featurizer)
    return found


def source_modules(featurizer):
    """{module name: file} of the modules of your own that define the classes inside ``featurizer``
    (the ``featurizers`` package's own need none). Raises ``CompileError`` for a class that cannot
    be compiled where it is: defined in a function, in an interactive session, or not registered."""
    from featurizers.compiler.build import registered_class

    modules = {}
    for obj in featurizer_objects(featurizer):
        cls = type(obj)
        if cls.__module__ == "featurizers" or cls.__module__.startswith("featurizers."):
            continue
        name = cls.__name__
        if registered_class(name) is not cls:
            raise CompileError(
                f"{name} is not registered: decorate the class with @featurizers.register (from_config, "
                "and the JS bundle, find featurizers by their registered name)"
            )
        if "<locals>" in cls.__qualname__:
            raise CompileError(f"{name} is defined inside a function: define it at the top level of a module of restricted Python")
        module = sys.modules.get(cls.__module__)
        path = getattr(module, "__file__", None)
        if path is None:
            raise CompileError(f"{name} is defined in {cls.__module__}, which has no file: define it in a module of restricted Python")
        path = Path(path).resolve()
        stem = path.stem
        if not _IDENTIFIER.fullmatch(stem) or stem in ("featurizers", MAIN_MODULE, "org"):
            raise CompileError(f"{name} is defined in {path}, whose name cannot be a compiled module's: rename the file")
        if modules.get(stem, path) != path:
            raise CompileError(f"two modules named {stem} define featurizers: {modules[stem]} and {path}")
        modules[stem] = path
    return modules


def check_modules(modules):
    """Raise ``CompileError`` listing the restricted-subset checker's findings in ``modules``."""
    from featurizers.compiler.check import check_files

    findings = check_files(sorted(modules.values())) if modules else []
    if findings:
        lines = "\n".join(str(finding) for finding in findings)
        raise CompileError(
            f"the restricted-subset checker refuses {len(findings)} construct(s) in the featurizer's module(s) "
            f"(a featurizer of your own lives in a module of restricted Python, not in the test file):\n{lines}"
        )


@dataclass(frozen=True)
class Library:
    """A compiled featurizer library: ``node`` (CommonJS) and, when asked for, ``browser`` (a
    script that sets ``globalThis.featurizersParity``)."""

    node: Path
    browser: Path | None


_LIBRARIES = {}
_WORK_DIR = None


def _work_dir():
    global _WORK_DIR
    if _WORK_DIR is None:
        _WORK_DIR = Path(tempfile.mkdtemp(prefix="featurizers-parity-"))
        atexit.register(shutil.rmtree, _WORK_DIR, True)
    return _WORK_DIR


def _fingerprint(modules, browser):
    digest = hashlib.sha256(f"browser={browser}".encode())
    files = [path for path in sorted(build.PACKAGE_DIR.rglob("*")) if path.is_file() and "__pycache__" not in path.parts]
    for path in files + [modules[name] for name in sorted(modules)]:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def compile_library(modules, root=None, browser=False):
    """The ``Library`` of the featurizers package with ``modules`` ({name: file}) in it, compiled
    once per process for the same sources. ``browser`` also bundles it for a Chromium page."""
    key = _fingerprint(modules, browser)
    if key in _LIBRARIES:
        return _LIBRARIES[key]
    check_modules(modules)
    root = toolchain_root(root)
    work = _work_dir() / key
    source = "import featurizers\n" + "".join(f"import {name}\n" for name in sorted(modules))
    outputs = {"js": build.NODE_TARGETS, **({"js-browser": build.BROWSER_TARGETS} if browser else {})}
    build.compile_module(work, MAIN_MODULE, source, root, outputs, modules=modules)
    build.render_templates(["common"], work)
    shutil.copy(PARITY_CORE, work / "parity_core.cjs")
    names = sorted(modules)
    _render("library.cjs.j2", work / "library.entry.cjs", modules=names)
    build.bundle(work / "library.entry.cjs", work / "library.cjs", root)
    browser_bundle = None
    if browser:
        _render("browser.mjs.j2", work / "browser.entry.mjs", modules=names)
        browser_bundle = work / "browser.js"
        options = ["--platform=browser", "--format=iife", f"--target={build.ESBUILD_BROWSER_TARGET}", f"--outfile={browser_bundle}"]
        build.esbuild(work / "browser.entry.mjs", root, options)
    library = Library(work / "library.cjs", browser_bundle)
    _LIBRARIES[key] = library
    return library


def _render(template, out_path, **context):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    out_path.write_text(env.get_template(template).render(**context), encoding="utf-8")


def _file_of(module):
    path = getattr(module, "__file__", None)
    try:
        return Path(path).resolve() if path else None
    except (TypeError, OSError):
        return None


def module_file_featurizer(path):
    """Import a pipeline module from its file (a fresh module object each time) and return
    ``(make_featurizer(), {name: file})``."""
    import importlib.util

    path = Path(path).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"no pipeline module {path}")
    stem = path.stem
    if not _IDENTIFIER.fullmatch(stem) or stem in ("featurizers", MAIN_MODULE, "org"):
        raise CompileError(f"{path}: a compiled module's name must be a Python identifier other than featurizers: rename the file")
    module = next((m for m in list(sys.modules.values()) if _file_of(m) == path), None)
    if module is None:  # imported once: importing it again would register its classes anew
        spec = importlib.util.spec_from_file_location(stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[stem] = module  # its classes' __module__, for source_modules
        spec.loader.exec_module(module)
    if not callable(getattr(module, "make_featurizer", None)):
        raise CompileError(f"{path} has no make_featurizer(): a pipeline module defines the featurizer it ships there")
    featurizer = module.make_featurizer()
    modules = source_modules(featurizer)
    modules[stem] = path  # compiled even when only built-in featurizers are used: it is what ships
    return featurizer, modules
