"""Fixes to Transcrypt 3.9.5's runtime, applied to its output after every compile.

Each patch replaces one exact anchor; a missing anchor (another Transcrypt version) fails the
build instead of shipping an unpatched runtime.
"""

RUNTIME = "org.transcrypt.__runtime__.js"

# Instances are Object.create(cls) where cls is a function, so they inherit the function's
# read-only `length` and `name`: `self.length = n` throws in strict mode (silently ignored in
# sloppy mode). Make both ordinary writable, non-enumerable properties, undefined until assigned.
CLASS_FUNCTION_PROPERTIES = (
    """        var cls = function () {
            var args = [] .slice.apply (arguments);
            return cls.__new__ (args);
        };
""",
    """        var cls = function () {
            var args = [] .slice.apply (arguments);
            return cls.__new__ (args);
        };
        for (const key of ['length', 'name']) {
            Object.defineProperty (cls, key, {value: undefined, writable: true, configurable: true, enumerable: false});
        }
""",
)

PATCHES = {RUNTIME: [CLASS_FUNCTION_PROPERTIES]}


def apply(target_dir):
    """Patch the Transcrypt output in ``target_dir`` in place."""
    for filename, patches in PATCHES.items():
        path = target_dir / filename
        text = path.read_text(encoding="utf-8")
        for anchor, replacement in patches:
            if text.count(anchor) != 1:
                raise RuntimeError(f"{path}: patch anchor not found once; is Transcrypt 3.9.5 installed?")
            text = text.replace(anchor, replacement)
        path.write_text(text, encoding="utf-8")
