"""Where a pipeline's sources and build products live, and loading them back in Python.

A pipeline is a module file anywhere (``spam/pipeline.py``); its name is the file's stem, which
must be a Python identifier (it is compiled as a module of that name). ``Artifacts.of_module``
places its products as the ``featurizers`` command does, relative to the current directory:

- ``build/NAME/``: what training and the build produce; ``featurizer.json`` is the fitted
  featurizer's ``get_config()``, ``meta.json`` the labels and training report, ``probe.json`` the
  slice of the training inputs the build's parity gate runs, ``keras/`` and ``tfjs/`` the model;
  the compiler's intermediates (``py/``, ``js/`` ...);
- ``dist/NAME/``: the npm package (bundles, model, types, README, service, demo);
  ``dist/NAME.js`` and ``dist/NAME.browser.js`` re-export it.

``Artifacts(NAME, root)`` is this checkout's layout, which ``make py=NAME`` uses:
``pipelines/NAME.py``, ``build/NAME/`` and ``js_dist/NAME/`` under ``root`` (the current
directory, or ``$FEATURIZERS_ROOT``).
"""

import importlib.util
import json
import os
import sys
from pathlib import Path


class Artifacts:
    def __init__(self, name, root=None, *, source=None, build_root=None, dist_root=None, train_command=None):
        self.name = name
        self.root = Path(root or os.environ.get("FEATURIZERS_ROOT") or Path.cwd()).resolve()
        self.source = Path(source).resolve() if source is not None else self.root / "pipelines" / f"{name}.py"
        self.build_dir = (Path(build_root).resolve() if build_root is not None else self.root / "build") / name
        self.dist_root = Path(dist_root).resolve() if dist_root is not None else self.root / "js_dist"
        # What a user runs to make the files a command reads, named when one is missing.
        self.train_command = train_command or f"make py={name}"

    @classmethod
    def of_module(cls, path, build=None, dist=None, cwd=None):
        """A pipeline module at ``path``, trained into ``BUILD/NAME/`` (default ``./build``) and
        built into ``DIST/NAME/`` (default ``./dist``); relative paths are taken from ``cwd``."""
        cwd = Path(cwd or Path.cwd()).resolve()
        source = cwd / Path(path)
        name = source.stem
        if source.suffix != ".py":
            raise ValueError(f"{path}: a pipeline is a Python module, a file named NAME.py")
        if not name.isidentifier():
            raise ValueError(f"{path}: the module's name {name!r} is not a Python identifier (it is compiled as a module)")
        if not source.is_file():
            raise FileNotFoundError(f"no pipeline module {path}")
        build_root = cwd / (build or "build")
        dist_root = cwd / (dist or "dist")
        train = f"featurizers train {path}" + ("" if build is None else f" --out {build}")
        return cls(name, cwd, source=source, build_root=build_root, dist_root=dist_root, train_command=train)

    @property
    def featurizer_json(self):
        return self.build_dir / "featurizer.json"

    @property
    def meta_json(self):
        return self.build_dir / "meta.json"

    @property
    def probe_json(self):
        """``{"inputs": [...]}``: a deterministic slice of the training inputs, which the build's
        parity gate runs in Node and CPython (written by training, or by an importer)."""
        return self.build_dir / "probe.json"

    @property
    def keras_model(self):
        return self.build_dir / "keras" / "model.keras"

    @property
    def tfjs_dir(self):
        return self.build_dir / "tfjs"

    @property
    def bundle(self):
        """``DIST/NAME.js``: the package as one ``require()``able file, and its command line."""
        return self.dist_root / f"{self.name}.js"

    @property
    def dist_dir(self):
        """The npm package: ``index.js``, ``browser.js``, ``model/`` ..."""
        return self.dist_root / self.name

    @property
    def package_bundle(self):
        """The CommonJS bundle itself (``DIST/NAME.js`` re-exports it)."""
        return self.dist_dir / "index.js"

    def shown(self, path):
        """``path`` as messages show it: relative to the project root when it is inside it."""
        path = Path(path)
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def module(self):
        """Import the pipeline module (its Python-only training recipe included)."""
        if not self.source.is_file():
            raise FileNotFoundError(f"no pipeline module {self.source}")
        spec = importlib.util.spec_from_file_location(f"pipelines.{self.name}", self.source)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module

    def read_json(self, path):
        try:
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        except FileNotFoundError:
            raise FileNotFoundError(f"{path} is missing: run `{self.train_command}` first") from None
        except json.JSONDecodeError as e:
            raise ValueError(f"{path} is corrupt: {e}") from None


def artifacts_of(pipeline, root=None, build=None):
    """The ``Artifacts`` of a pipeline given as a module file (``"pipeline.py"``), a name in this
    checkout's layout (``"pipeline"``), or an ``Artifacts``."""
    if isinstance(pipeline, Artifacts):
        return pipeline
    if str(pipeline).endswith(".py"):
        return Artifacts.of_module(pipeline, build=build, cwd=root)
    return Artifacts(pipeline, root, build_root=build)


def load_pipeline(pipeline, root=None, build=None):
    """The fitted featurizer as the last training left it: ``pipeline`` is a module file
    (``"pipeline.py"``, trained into ``BUILD/pipeline/``, ``./build`` by default), a name in this
    checkout's layout (``"pipeline"``: ``pipelines/pipeline.py``), or an ``Artifacts``."""
    from featurizers import from_config

    artifacts = artifacts_of(pipeline, root, build)
    artifacts.module()  # registers any featurizer classes the pipeline module defines
    return from_config(artifacts.read_json(artifacts.featurizer_json))


def load_meta(pipeline, root=None, build=None):
    artifacts = artifacts_of(pipeline, root, build)
    return artifacts.read_json(artifacts.meta_json)
