"""Errors raised inside a featurizer in Node name the Python file and line (node --enable-source-maps)."""

import json
import subprocess
from pathlib import Path

from harness import ROOT

SOURCES = ROOT / "src" / "featurizers"


def line_of(path, text):
    """The 1-based number of the only line of ``path`` that contains ``text``."""
    numbers = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line]
    assert len(numbers) == 1, (path, text, numbers)
    return numbers[0]


def node_stack(bundle, texts_json):
    script = f"try {{ require({json.dumps(str(bundle))}).transform({texts_json}); }} catch (e) {{ console.log(e.stack); }}"
    result = subprocess.run(
        ["node", "--enable-source-maps", "-e", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return result.stdout


def test_a_type_error_in_node_points_at_the_python_raise_and_its_callers(flagship):
    stack = node_stack(flagship.bundle, '["ok", null]')
    assert stack.startswith("TypeError: EmailBody.transform: item 1 is NoneType, expected str\n")
    raise_line = line_of(SOURCES / "base.py", 'raise TypeError(f"{where}: item {i} is {bad}')
    check_line = line_of(SOURCES / "base.py", 'self._check_batch("transform", data, _describer(self.INPUT)')
    call_line = line_of(SOURCES / "mail.py", "self._check_items(texts, check_input)")
    step_line = line_of(SOURCES / "compose.py", "return self.steps[k].transform(data)")
    frames = [line.strip() for line in stack.splitlines()[1:]]
    # V8 names some receivers "Function" (instances are made with Object.create of a function).
    python_frames = [frame.replace("at Function.", "at ") for frame in frames if "/src/featurizers/" in frame]
    # Methods are native JS methods (jscall), so the frames carry the Python method names.
    assert python_frames[:4] == [
        f"at _check_batch ({SOURCES / 'base.py'}:{raise_line}:1)",
        f"at _check_items ({SOURCES / 'base.py'}:{check_line}:1)",
        f"at transform ({SOURCES / 'mail.py'}:{call_line}:1)",
        f"at _apply ({SOURCES / 'compose.py'}:{step_line}:1)",
    ]


def test_the_source_map_embeds_the_python_sources(flagship):
    source_map = json.loads(Path(f"{flagship.package_bundle}.map").read_text(encoding="utf-8"))
    by_source = dict(zip(source_map["sources"], source_map["sourcesContent"]))
    assert by_source["../../src/featurizers/text.py"] == (SOURCES / "text.py").read_text(encoding="utf-8")
    # Only the modules the fitted config uses are bundled: the flagship has no TF-IDF, no numeric
    # columns, and pipelines/pipeline.py defines no featurizer of its own.
    assert "../../src/featurizers/encoders.py" not in by_source
    assert "../../src/featurizers/numeric.py" not in by_source
    assert "../../pipelines/pipeline.py" not in by_source


def test_the_first_frame_is_the_featurizer_method_that_raised(flagship):
    """Not the runtime's Exception constructor: the stack starts at the raise (runtime_patches)."""
    stack = node_stack(flagship.bundle, '["ok", null]')
    first = stack.splitlines()[1].strip().replace("at Function.", "at ")
    raise_line = line_of(SOURCES / "base.py", 'raise TypeError(f"{where}: item {i} is {bad}')
    assert first == f"at _check_batch ({SOURCES / 'base.py'}:{raise_line}:1)"
    assert "__runtime__" not in stack


def test_the_runtime_and_the_npm_packages_are_ignore_listed(flagship):
    for name in ("index.js.map", "browser.js.map"):
        source_map = json.loads((flagship.dist_dir / name).read_text(encoding="utf-8"))
        ignored = {source_map["sources"][i] for i in source_map["ignoreList"]}
        assert source_map["x_google_ignoreList"] == source_map["ignoreList"]
        assert {s for s in source_map["sources"] if "__runtime__" in s} <= ignored
        assert any("__runtime__" in s for s in ignored)
        assert not [s for s in ignored if "/src/featurizers/" in s]
        if name == "browser.js.map":
            assert not [s for s in source_map["sources"] if "node_modules" in s and s not in ignored]
