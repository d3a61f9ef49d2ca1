"""Compile a pipeline to JavaScript: restricted Python -> Transcrypt -> Babel -> Jinja + esbuild.

``build(name)`` writes ``js_dist/NAME/`` from ``pipelines/NAME.py`` and what training left in
``build/NAME/``; ``build_package`` is the build itself, for a fitted featurizer config, a tfjs model
and its labels from wherever they come (a pipeline module's training, or
``featurizers.export_sklearn``). The package is an npm package: ``index.js`` (CommonJS for Node, fitted
state embedded), ``cli.js`` (its command line, required only when run as one), ``index.mjs``,
``browser.js`` (an ES module, with tfjs in ``chunks/`` and its ``wasm/``), ``model/``,
``state.json``, ``index.d.ts``, ``README.md``, ``serve.js`` (an HTTP service) and ``demo/``;
``js_dist/NAME.js`` and ``js_dist/NAME.browser.js`` re-export it. Source maps lead to the Python
sources (``node --enable-source-maps`` shows Python files and lines). Intermediates stay in ``build/NAME/``:

- ``py/``: the sources Transcrypt sees, the pipeline module and the restricted package only;
- ``py/__target__/``: Transcrypt's ES modules; ``js/``: the same after Babel;
- ``entry.cjs``, ``model.cjs``, ``predictor.cjs``, ``errors.cjs``: the rendered ``templates/node/``
  and ``templates/common/`` that esbuild bundles.

``build_library`` bundles the featurizer classes alone (no fitted state), with ``_host`` and
``portable``, for tests.

The same inputs give a byte-identical bundle.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2

from featurizers import compiler
from featurizers.compiler import runtime_patches, toolchain
from featurizers.training.artifacts import Artifacts
from featurizers.compiler.check import CheckFailed, check_files

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
BABEL_SCRIPT = Path(__file__).resolve().parent / "js" / "babel_dir.cjs"
NODE_TARGETS = {"node": "20"}
TFJS_VERSION = "4.22.0"  # the package's dependency, as package.json pins it here
# The browser module's documented target: ES2017-era browsers with ES modules. Babel lowers the
# compiled featurizers to them; esbuild lowers the templates and tfjs to the same list.
BROWSER_TARGETS = {"chrome": "80", "edge": "80", "firefox": "78", "safari": "14"}
ESBUILD_BROWSER_TARGET = "chrome80,edge80,firefox78,safari14"
# Python-only parts of the package that never reach Transcrypt.
PYTHON_ONLY = {*(name + ".py" if name == "__main__" else name for name in compiler.PYTHON_ONLY), "__pycache__"}


def run(command, cwd=None, env=None):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def stage_sources(staging, module_name, module_source, modules=None):
    """Copy the restricted package and the main module into ``staging``, and ``modules`` ({name:
    path}: modules of your own that the main module imports) beside it."""
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shutil.copytree(PACKAGE_DIR, staging / "featurizers", ignore=lambda _d, names: [n for n in names if n in PYTHON_ONLY])
    (staging / f"{module_name}.py").write_text(module_source, encoding="utf-8")
    for name, path in sorted((modules or {}).items()):
        shutil.copy(path, staging / f"{name}.py")


def transcrypt_command(source, source_maps=False):
    """Transcrypt's command line as the build runs it: rebuild everything, no minification.

    Per-module choices are pragmas in the modules: every featurizers module compiles its methods
    as native JS methods (``# __pragma__('jscall')``: no bound closure made per method access;
    the checker's TS606/TS607 reject what that cannot express). Transcrypt's own runtime relies
    on bound methods (``print = __terminal__.print``), so ``-jc`` is not a global flag."""
    return [sys.executable, "-m", "transcrypt", "-b", "-n", *(["-m"] if source_maps else []), source]


def transpile(staging, module_name):
    """Transcrypt: ES modules in ``staging/__target__``. -b: full build, -n: readable output, -m: source maps."""
    run(transcrypt_command(f"{module_name}.py", source_maps=True), cwd=staging)
    target = staging / "__target__"
    runtime_patches.apply(target)
    return target


def compile_module(work_dir, module_name, module_source, root, outputs=None, entries=None, sealed=False, params=None, modules=None):
    """Restricted Python to ES modules: Transcrypt once, then Babel into each ``work_dir/FOLDER``
    of ``outputs`` (folder -> Babel targets; by default ``js`` for Node). ``entries``: the
    modules the bundle imports (by default ``module_name``); the runtime keeps what they reach.
    ``sealed``: only the templates call into them (a pipeline bundle), so class methods that no
    code names can go, and ``params`` ({class name: {param: value}}, ``sealed_params``) are
    written into the methods. ``modules``: {name: path} of your own modules the main one imports."""
    staging = work_dir / "py"
    stage_sources(staging, module_name, module_source, modules)
    target = transpile(staging, module_name)
    for folder, targets in (outputs or {"js": NODE_TARGETS}).items():
        babel(target, work_dir / folder, targets, root, entries or [module_name], sealed, params)


def babel(source_dir, out_dir, targets, root, entries, sealed=False, params=None):
    """Babel to ``targets``; Transcrypt's runtime is trimmed to what the modules ``entries``
    reach and the templates mention (the templates are listed relative to ``root``, so builds
    are reproducible); with ``sealed``, so are the classes' methods (unreachable_methods.cjs),
    with its parameter values written in (sealed_params.cjs)."""
    shutil.rmtree(out_dir, ignore_errors=True)
    templates = sorted(os.path.relpath(path, root) for path in TEMPLATES_DIR.rglob("*.j2"))
    files = [f"{module}.js" for module in entries]
    arguments = [json.dumps(targets), json.dumps(templates), json.dumps(files), json.dumps(sealed), json.dumps(params or {}, sort_keys=True)]
    toolchain.run_node([BABEL_SCRIPT, source_dir, out_dir, *arguments], cwd=root)


def render_templates(folders, out_dir, **context):
    """Render every ``*.j2`` of the given template folders into ``out_dir``, minus the suffix
    (``NAME`` in a file name becomes the pipeline's name)."""
    for folder in folders:
        for template in sorted((TEMPLATES_DIR / folder).glob("*.j2")):
            out_name = template.stem.replace("NAME", context.get("name", "NAME"))
            render(f"{folder}/{template.name}", out_dir / out_name, **context)


def render(template_name, out_path, **context):
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # HTML templates escape what they insert (a docstring's `<` or `&`); JS, JSON and Markdown
        # templates insert values through tojson or as they are.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False, default=False),
    )
    out_path.write_text(env.get_template(template_name).render(**context), encoding="utf-8")


def js_string(value):
    """``value`` as JSON inside a JS string literal: ASCII only, so no U+2028 or BOM can break it."""
    return json.dumps(json.dumps(value, sort_keys=True, separators=(",", ":")))


def esbuild(entry, root, options):
    """esbuild runs in the entry's folder, so the paths it records are relative to it alone; the
    packages it bundles (tfjs, for the browser) are found through NODE_PATH, at the toolchain's."""
    entry = Path(entry).resolve()
    common = ["--bundle", "--sourcemap", "--charset=ascii", "--log-level=warning"]
    toolchain.run([toolchain.esbuild(), entry.name, *common, *options], cwd=entry.parent)


def bundle(entry, outfile, root):
    """One CommonJS file for Node; tfjs stays a dependency, required at run time, and so does the
    command line, ``cli.js`` beside the bundle (only a command needs it)."""
    options = ["--platform=node", "--format=cjs", "--target=node20", "--legal-comments=none"]
    options += ["--external:@tensorflow/*", "--external:./cli.js"]
    esbuild(entry, root, [*options, f"--outfile={Path(outfile).resolve()}"])


def bundle_browser(entry, package, root):
    """``PACKAGE/browser.js``, an ES module, minified (what a page fetches), with its source map;
    the parts of tfjs that ``templates/browser/model.mjs`` imports (core, the model format's
    loader, each backend) become chunks in ``PACKAGE/chunks/`` that the module fetches on first
    use (their license comments kept, at each file's end).

    esbuild names each bundled file by its path from the entry's folder, in the code itself
    (comments, CommonJS wrappers), which would put where the toolchain lives into the chunks
    (``../../../../home/alice/.cache/...``). The entry's folder links ``node_modules`` to the
    toolchain's, and esbuild keeps that link's path: every build, from this checkout or from
    a wheel, names tfjs ``node_modules/...`` and writes the same bytes."""
    link = Path(entry).resolve().parent / "node_modules"
    if not link.is_symlink():
        link.symlink_to(toolchain.node_modules(), target_is_directory=True)
    options = [
        "--preserve-symlinks",
        "--platform=browser",
        "--format=esm",
        "--splitting",
        "--minify",
        f"--target={ESBUILD_BROWSER_TARGET}",
        "--legal-comments=eof",
        f"--outdir={Path(package).resolve()}",
        "--entry-names=browser",
        "--chunk-names=chunks/[name]-[hash]",
    ]
    esbuild(entry, root, options)


def relink_source_map(map_path, module_name, module_path):
    """Point the bundle's source map at the real Python files, with their text embedded.

    Transcrypt names its sources after the compiled modules (``featurizers.text.py`` in the build
    folder); stack traces should name ``src/featurizers/text.py`` and ``pipelines/NAME.py``. The
    runtime's and npm packages' sources are ignore-listed (``ignoreList``, and Chrome's older
    ``x_google_ignoreList``), so debuggers show the featurizers' frames first.
    """
    source_map = json.loads(map_path.read_text(encoding="utf-8"))
    contents = source_map.get("sourcesContent") or [None] * len(source_map["sources"])
    for i, source in enumerate(source_map["sources"]):
        stem = Path(source).name[: -len(".py")] if source.endswith(".py") else None
        if stem == "featurizers":
            real = PACKAGE_DIR / "__init__.py"
        elif stem is not None and stem.startswith("featurizers."):
            real = PACKAGE_DIR / (stem[len("featurizers.") :] + ".py")
        elif stem == module_name:
            real = Path(module_path)
        else:
            continue
        source_map["sources"][i] = Path(os.path.relpath(real.resolve(), map_path.parent.resolve())).as_posix()
        contents[i] = real.read_text(encoding="utf-8")
    source_map["sourcesContent"] = contents
    # Debuggers skip ignore-listed sources in stack traces and stepping: Transcrypt's runtime and
    # the npm packages (tfjs) are not the user's code.
    ignored = [i for i, source in enumerate(source_map["sources"]) if "org.transcrypt.__runtime__" in source or "node_modules/" in source]
    source_map["ignoreList"] = ignored
    source_map["x_google_ignoreList"] = ignored
    map_path.write_text(json.dumps(source_map, separators=(",", ":")), encoding="utf-8")


def config_types(config):
    """The featurizer types a config names, its steps' and columns' included, in first-seen order."""
    types = [config["type"]]
    children = [step for step in config.get("steps", [])] + [column[1] for column in config.get("columns", [])]
    for child in children:
        types += [t for t in config_types(child) if t not in types]
    return types


def registered_class(featurizer_type):
    """The featurizer class ``from_config`` knows by that name (None if none)."""
    import featurizers.base

    return featurizers.base._TYPES.get(featurizer_type, None)


def sealed_params(featurizer):
    """{class name: {param: value}}: the parameters that are the same str, bool, int or None in
    every instance of the class within ``featurizer`` (and the featurizers it holds, in its
    attributes or lists in them). In a pipeline bundle nothing can change them after the build."""
    from featurizers._host import MAX_SAFE_INTEGER
    from featurizers.base import Featurizer

    values = {}

    def visit(obj):
        if isinstance(obj, Featurizer):
            seen = values.setdefault(type(obj).__name__, {})
            for param in obj.PARAMS:
                value = getattr(obj, param)
                plain = value is None or isinstance(value, (str, bool)) or (isinstance(value, int) and abs(value) <= MAX_SAFE_INTEGER)
                seen.setdefault(param, []).append(value if plain else _NOT_PLAIN)
            for value in vars(obj).values():
                visit(value)
        elif isinstance(obj, list):
            for value in obj:
                visit(value)

    visit(featurizer)
    return {
        name: {param: found[0] for param, found in params.items() if found[0] is not _NOT_PLAIN and all(v is found[0] or (type(v) is type(found[0]) and v == found[0]) for v in found)}
        for name, params in sorted(values.items())
    }


_NOT_PLAIN = object()


def featurizer_modules(config, name):
    """The compiled modules a bundle needs to rebuild ``config``: those defining its types, or,
    when a type is the pipeline module's own, that module (which imports the whole library)."""
    modules = []
    for featurizer_type in config_types(config):
        cls = registered_class(featurizer_type)
        module = cls.__module__ if cls is not None and cls.__module__.startswith("featurizers.") else name
        if module not in modules:
            modules.append(module)
    return modules


def package_context(name, config, meta):
    """What the templates need: names, the embedded state, and a description of the steps.
    ``meta``: the labels and input kinds (``meta.json``), and optionally ``package_name``,
    ``version``, ``description``, ``made_by``, ``made_from``, ``score`` (what a prediction's
    score is: ``"probability"``, the default, or ``"decision_function"``) and ``default_input``
    (the text the demo page's box starts with)."""
    steps = config["steps"] if config["type"] == "Pipeline" else [config]
    return {
        "name": name,
        "package_name": meta.get("package_name", name),
        "version": meta.get("version", "0.1.0"),
        "description": meta.get("description", name),
        "made_by": meta.get("made_by", f"`make py={name}`"),
        "made_from": meta.get("made_from", f"pipelines/{name}.py"),
        "score_kind": meta.get("score", "probability"),
        "labels": meta["labels"],
        "input": meta.get("input", "text"),
        "input_dtype": meta.get("input_dtype", "int32"),
        "model_format": meta.get("model_format", "layers"),
        # The end of a row whose padding the model ignores ("post", "pre"), which predict leaves out.
        "trim_padding_literal": json.dumps(meta.get("trim_padding")),
        "labels_literal": json.dumps(meta["labels"]),
        "config_literal": js_string(config),
        "steps": [
            {"type": step["type"], "params": {k: v for k, v in step.items() if k != "type" and not k.endswith("_")}}
            for step in steps
        ],
        "tfjs_version": TFJS_VERSION,
        "featurizer_modules": featurizer_modules(config, name),
        "row_type": row_type(steps[-1]["type"] if steps else config["type"]),
        "default_input": meta.get("default_input", ""),
    }


def row_type(featurizer_type):
    """The TypeScript type of one ``transform`` row in JS, by the last step's ``OUTPUT`` kind."""
    cls = registered_class(featurizer_type)
    return "Float64Array" if cls is not None and cls.OUTPUT == "vector" else "number[]"


def build(name, root=None, log=print):
    """Check, compile, gate and package a pipeline: ``DIST/NAME/`` is the npm package,
    ``DIST/NAME.js`` and ``DIST/NAME.browser.js`` the entry points that re-export it. ``name`` is
    an ``Artifacts`` (``Artifacts.of_module``: a module anywhere), or a name in this checkout's
    layout.

    The restricted-subset check of the pipeline module first, then ``build_package`` (the config
    check, the compile, the parity gate on the module's ``SAMPLES``, the training slice in
    ``build/NAME/probe.json`` and the adversarial set); the entry points only once the package is
    in place: a build that fails at any step writes nothing to ``DIST/`` (a previous build stays
    as it was). Returns the ``Artifacts``."""
    from featurizers.compiler.gate import pipeline_probe

    artifacts = name if isinstance(name, Artifacts) else Artifacts(name, root)
    name = artifacts.name
    # The restricted-subset check first: a construct whose JS means something else fails the build.
    findings = check_files([artifacts.source], cwd=artifacts.root)
    if findings:
        raise CheckFailed(findings)
    module = artifacts.module()
    samples = list(getattr(module, "SAMPLES", []))
    meta = {
        # The demo page's text box starts with the pipeline's first sample (a record as JSON).
        "default_input": "" if not samples else samples[0] if isinstance(samples[0], str) else json.dumps(samples[0]),
        "package_name": getattr(module, "PACKAGE_NAME", name),
        "version": getattr(module, "VERSION", "0.1.0"),
        "description": (module.__doc__ or name).strip().split("\n")[0],
        # Named by the file alone, so the same module builds the same bytes in any folder, by
        # `make py=NAME` or by the command.
        "made_by": "`featurizers build`",
        "made_from": f"`{artifacts.source.name}`",
        **artifacts.read_json(artifacts.meta_json),
    }
    config = artifacts.read_json(artifacts.featurizer_json)
    context = build_package(
        name, config, artifacts.tfjs_dir, meta, artifacts.dist_dir, artifacts.build_dir, artifacts.root, artifacts.source,
        log=log, probe=pipeline_probe(artifacts, module), config_name=artifacts.shown(artifacts.featurizer_json),
    )
    render_templates(["dist"], artifacts.dist_dir.parent, **context)
    for path in (artifacts.bundle, artifacts.dist_dir.parent / f"{name}.browser.js"):
        log(f"[{name}] wrote {artifacts.shown(path)} ({path.stat().st_size:,} bytes)")
    return artifacts


# What Transcrypt compiles when the config comes from no pipeline module: the library alone.
LIBRARY_MODULE = "import featurizers  # the featurizer library; the config names the classes the bundle keeps\n"


def _shown(path, root):
    """``path`` relative to ``root`` when it is inside it (as messages show it), else absolute."""
    path = Path(path)
    try:
        return str(path.relative_to(Path(root)))
    except ValueError:
        return str(path)


def build_package(name, config, model_dir, meta, package, work_dir, root, source=None, log=print, probe=(), config_name=None):
    """Check ``config`` (a fitted featurizer's ``get_config()``), compile it with the library into
    the npm package folder ``package``, beside the tfjs model in ``model_dir`` (copied into it) and
    ``meta`` (the labels, input kinds and names: see ``package_context``), and gate it. ``source``:
    the pipeline module the config comes from (compiled too, so the config may use its classes), or
    None. Intermediates go to ``work_dir``; ``root`` is the project's folder, where Babel runs (the
    JS toolchain, Babel, esbuild and tfjs, is ``toolchain.node_modules()``, found or installed
    once whatever the folder). Returns the templates' context.

    In order: the config check (``check.configs``: every pattern a featurizer compiles at run
    time, every number the bundle embeds; ``UnportableConfig`` names ``config_name``, by default
    "the config of NAME"); Transcrypt, Babel, Jinja and esbuild into a staging folder beside
    ``package``; the parity gate (``gate.check_bundle``: the staged bundle in Node against CPython,
    exactly, on ``probe`` (``[(label, inputs)]``: a pipeline's samples and training slice, an
    export's samples) and the adversarial set; ``ParityGateFailed``). Only then is ``package``
    replaced: a build that fails at any step leaves it as it was (or absent)."""
    from featurizers.compiler.check.configs import refuse_unportable
    from featurizers.compiler.gate import check_bundle, probe_cases

    root = Path(root)
    work_dir = Path(work_dir)
    package = Path(package)
    # What the source checker cannot see: patterns and numbers that reach the bundle in its config.
    refuse_unportable(config, config_name or f"the config of {name}")
    module_name = name if source is not None else "featurizers_package"
    module_source = Path(source).read_text(encoding="utf-8") if source is not None else LIBRARY_MODULE
    module_path = Path(source) if source is not None else work_dir / "py" / f"{module_name}.py"
    context = package_context(name, config, meta)
    outputs = {"js": NODE_TARGETS, "js-browser": BROWSER_TARGETS}
    # The bundle's users get transform and predict, never a featurizer object: sealed.
    from featurizers import from_config

    params = sealed_params(from_config(config))
    compile_module(work_dir, module_name, module_source, root, outputs, context["featurizer_modules"], True, params)

    # Staged beside the package (the same depth, so the source maps' relative paths are the final
    # ones), gated, then moved into place.
    staging = package.parent / f".{package.name}.staging"
    made_parent = not package.parent.exists()
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        write_package(name, config, model_dir, context, staging, work_dir, root, module_name, module_path)
        library = lambda: gate_library(module_name, source, root)  # noqa: E731 (compiled only on a difference)
        check_bundle(name, staging / "index.js", config, probe_cases(meta, probe, config), library, log, destination=_shown(package, root) + "/")
        publish(staging, package)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if made_parent and package.parent.is_dir() and not any(package.parent.iterdir()):
            package.parent.rmdir()  # a failed first build leaves no js_dist/ either
    if log is not None:
        for path in (package / "index.js", package / "browser.js"):
            log(f"[{name}] wrote {_shown(path, root)} ({path.stat().st_size:,} bytes)")
    return context


def write_package(name, config, model_dir, context, package, work_dir, root, module_name, module_path):
    """The npm package from the compiled modules in ``work_dir``, into the (empty) folder ``package``."""
    render_templates(["common", "node"], work_dir, **context)
    bundle(work_dir / "entry.cjs", package / "index.js", root)
    relink_source_map(package / "index.js.map", module_name, module_path)

    browser_dir = work_dir / "browser"
    shutil.rmtree(browser_dir, ignore_errors=True)
    browser_dir.mkdir()
    render_templates(["common", "browser"], browser_dir, **context)
    bundle_browser(browser_dir / "entry.mjs", package, root)
    relink_source_map(package / "browser.js.map", module_name, module_path)

    shutil.copytree(model_dir, package / "model")
    (package / "wasm").mkdir()
    for wasm in toolchain.tfjs_wasm_files():
        shutil.copy(wasm, package / "wasm" / wasm.name)
    (package / "state.json").write_text(json.dumps(config, sort_keys=True, indent=1) + "\n", encoding="utf-8")
    render_templates(["package"], package, **context)
    (package / "serve.js").chmod(0o755)  # runnable as ./serve.js, as npm's bin link makes it
    (package / "demo").mkdir()
    render_templates(["package/demo"], package / "demo", **context)
    # Runnable where it is written (`node PACKAGE/cli.js predict`), as after `npm install`: its
    # dependencies from the toolchain, unless Node already finds them from there (this checkout).
    dependencies = json.loads((package / "package.json").read_text(encoding="utf-8"))["dependencies"]
    if not toolchain.resolvable_from(package, dependencies):
        toolchain.install_dependencies(package, dependencies)


def publish(staging, package):
    """Move the staged package into ``package``, replacing what a previous build wrote (renames
    within one folder)."""
    previous = package.parent / f".{package.name}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if package.exists():
        os.replace(package, previous)
    os.replace(staging, package)
    shutil.rmtree(previous, ignore_errors=True)


def gate_library(name, source, root):
    """An unsealed library bundle of the featurizers (with the pipeline module ``source``'s, if
    any): the parity gate runs a pipeline's steps one by one with it, to say where Node and CPython
    part."""
    from featurizers.testing.compile import compile_library

    modules = {name: Path(source)} if source is not None else {}
    return compile_library(modules, root).node


def build_library(out_file, root):
    """Bundle the featurizer library alone (``{featurizers, host, portable, pythonError}``) into ``out_file``."""
    root = Path(root)
    work_dir = Path(out_file).parent / "library"
    compile_module(work_dir, "featurizers_library", "import featurizers\nimport featurizers.portable\n", root)
    render_templates(["common", "library"], work_dir)
    bundle(work_dir / "entry.cjs", Path(out_file), root)
    relink_source_map(Path(f"{out_file}.map"), "featurizers_library", work_dir / "py" / "featurizers_library.py")
    return Path(out_file)
