"""Where a pipeline's sources and build products live, and loading them back in Python.

For a pipeline named NAME, relative to the project root (the current directory, or
``$FEATURIZERS_ROOT``):

- ``pipelines/NAME.py``: the restricted-Python module that defines the featurizer;
- ``build/NAME/``: everything training and the build produce; ``featurizer.json`` is the fitted
  featurizer's ``get_config()``, ``meta.json`` the labels and training report, ``probe.json`` the
  slice of the training inputs the build's parity gate runs, ``keras/`` and ``tfjs/`` the model;
- ``js_dist/NAME/``: the npm package (bundles, model, types, README, service, demo);
  ``js_dist/NAME.js`` and ``js_dist/NAME.browser.js`` re-export it.
"""

import importlib.util
import json
import os
import sys
from pathlib import Path


class Artifacts:
    def __init__(self, name, root=None):
        self.name = name
        self.root = Path(root or os.environ.get("FEATURIZERS_ROOT") or Path.cwd()).resolve()

    @property
    def source(self):
        return self.root / "pipelines" / f"{self.name}.py"

    @property
    def build_dir(self):
        return self.root / "build" / self.name

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
        return self.root / "js_dist" / f"{self.name}.js"

    @property
    def dist_dir(self):
        """The npm package: ``index.js``, ``browser.js``, ``model/`` ..."""
        return self.root / "js_dist" / self.name

    @property
    def package_bundle(self):
        """The CommonJS bundle itself (``js_dist/NAME.js`` re-exports it)."""
        return self.dist_dir / "index.js"

    def module(self):
        """Import ``pipelines/NAME.py`` (its Python-only training recipe included)."""
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
            raise FileNotFoundError(f"{path} is missing: run `make py={self.name}` first") from None
        except json.JSONDecodeError as e:
            raise ValueError(f"{path} is corrupt: {e}") from None


def load_pipeline(name, root=None):
    """The fitted featurizer that the last ``make py=NAME`` produced."""
    from featurizers import from_config

    artifacts = Artifacts(name, root)
    artifacts.module()  # registers any featurizer classes the pipeline module defines
    return from_config(artifacts.read_json(artifacts.featurizer_json))


def load_meta(name, root=None):
    artifacts = Artifacts(name, root)
    return artifacts.read_json(artifacts.meta_json)
