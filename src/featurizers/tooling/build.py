"""Compile a pipeline to JavaScript: restricted Python -> Transcrypt -> Babel -> Jinja + esbuild.

``build(name)`` writes ``js_dist/NAME.js`` (CommonJS for Node, fitted state embedded) and copies
the tfjs model files to ``js_dist/NAME/model/``. Intermediates stay in ``build/NAME/``:

- ``py/``: the sources Transcrypt sees, the pipeline module and the restricted package only;
- ``py/__target__/``: Transcrypt's ES modules; ``js/``: the same after Babel;
- ``entry.cjs``, ``predict.cjs``, ``errors.cjs``, ``cli.cjs``: the rendered ``templates/node/``
  that esbuild bundles.

The same inputs give a byte-identical bundle.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2

from featurizers.tooling import runtime_patches
from featurizers.tooling.artifacts import Artifacts

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PACKAGE_DIR.parent / "templates"
BABEL_SCRIPT = Path(__file__).resolve().parent / "js" / "babel_dir.cjs"
NODE_TARGETS = {"node": "20"}
# Python-only parts of the package that never reach Transcrypt.
PYTHON_ONLY = {"tooling", "__main__.py", "__pycache__"}


def run(command, cwd=None):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def stage_sources(artifacts, staging):
    """Copy the pipeline module and the restricted package into ``staging``."""
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shutil.copytree(PACKAGE_DIR, staging / "featurizers", ignore=lambda _d, names: [n for n in names if n in PYTHON_ONLY])
    shutil.copy(artifacts.source, staging / f"{artifacts.name}.py")


def transpile(artifacts, staging):
    """Transcrypt: ES modules in ``staging/__target__``. -b: full build, -n: readable output."""
    run([sys.executable, "-m", "transcrypt", "-b", "-n", f"{artifacts.name}.py"], cwd=staging)
    target = staging / "__target__"
    runtime_patches.apply(target)
    return target


def babel(source_dir, out_dir, targets, root):
    shutil.rmtree(out_dir, ignore_errors=True)
    run(["node", str(BABEL_SCRIPT), str(source_dir), str(out_dir), json.dumps(targets)], cwd=root)


def render(template_name, out_path, **context):
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    out_path.write_text(env.get_template(template_name).render(**context), encoding="utf-8")


def js_string(value):
    """``value`` as JSON inside a JS string literal: ASCII only, so no U+2028 or BOM can break it."""
    return json.dumps(json.dumps(value, sort_keys=True, separators=(",", ":")))


def bundle(entry, outfile, root):
    esbuild = root / "node_modules" / ".bin" / "esbuild"
    run(
        [
            str(esbuild),
            str(entry),
            "--bundle",
            "--platform=node",
            "--format=cjs",
            "--target=node20",
            "--external:@tensorflow/*",
            "--legal-comments=none",
            "--charset=ascii",
            "--log-level=warning",
            f"--outfile={outfile}",
        ],
        cwd=root,
    )


def build(name, root=None, log=print):
    artifacts = Artifacts(name, root)
    staging = artifacts.build_dir / "py"
    stage_sources(artifacts, staging)
    target = transpile(artifacts, staging)
    js_dir = artifacts.build_dir / "js"
    babel(target, js_dir, NODE_TARGETS, artifacts.root)

    config = artifacts.read_json(artifacts.featurizer_json)
    meta = artifacts.read_json(artifacts.meta_json)
    context = {
        "name": name,
        "module": f"./js/{name}.js",
        "config_literal": js_string(config),
        "labels_literal": json.dumps(meta["labels"]),
        "model_dir": f"{name}/model",
    }
    for template in sorted((TEMPLATES_DIR / "node").glob("*.j2")):
        render(f"node/{template.name}", artifacts.build_dir / template.stem, **context)

    artifacts.bundle.parent.mkdir(parents=True, exist_ok=True)
    bundle(artifacts.build_dir / "entry.cjs", artifacts.bundle, artifacts.root)
    model_dir = artifacts.dist_dir / "model"
    shutil.rmtree(model_dir, ignore_errors=True)
    shutil.copytree(artifacts.tfjs_dir, model_dir)
    log(f"[{name}] wrote {artifacts.bundle.relative_to(artifacts.root)} ({artifacts.bundle.stat().st_size:,} bytes)")
    return artifacts
