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

# The runtime adds its Python methods (append, py_split, __class__ ...) to Array.prototype and
# String.prototype as enumerable properties: after require(), a host's `for (k in [1])` saw 36
# keys. Snapshot the built-in prototypes' keys before the runtime's body runs, then make every key
# it added non-enumerable. The methods still work; the host's own properties are left as they are.
HOST_PROTOTYPES = (
    "[Array.prototype, String.prototype, Function.prototype, Number.prototype, Boolean.prototype, "
    "Object.prototype, Uint8Array.prototype]"
)  # every built-in prototype the runtime assigns to
HOST_SNAPSHOT = (
    "var __name__ = 'org.transcrypt.__runtime__';\n",
    f"const __hostKeys__ = {HOST_PROTOTYPES}.map((proto) => new Set(Reflect.ownKeys(proto)));\n"
    "var __name__ = 'org.transcrypt.__runtime__';\n",
)
HOST_RESTORE = (
    "export var input = __terminal__.input;\n",
    "export var input = __terminal__.input;\n"
    f"{HOST_PROTOTYPES}.forEach((proto, i) => {{\n"
    "    for (const key of Reflect.ownKeys(proto)) {\n"
    "        const descriptor = Object.getOwnPropertyDescriptor(proto, key);\n"
    "        if (!__hostKeys__[i].has(key) && descriptor.enumerable && descriptor.configurable) {\n"
    "            Object.defineProperty(proto, key, {enumerable: false});\n"
    "        }\n"
    "    }\n"
    "});\n",
)

# String.prototype.format is defined enumerable and non-configurable, so HOST_RESTORE cannot
# change it afterwards: define it non-enumerable in the first place.
STRING_FORMAT = (
    "    enumerable: true\n});\nString.prototype.isalnum",
    "    enumerable: false\n});\nString.prototype.isalnum",
)

# str.startswith tested `slice(start).indexOf(prefix) === 0`: when the prefix is not at the start,
# indexOf searches the whole rest of the text (a 1 MB text costs 1 MB per call). startsWith
# answers the same question at the start alone.
STARTSWITH = (
    """            if (str.indexOf (prefix [i]) === 0)
                return true;
        }
    } else {
        return str.indexOf(prefix) === 0;
    }""",
    """            if (str.startsWith (prefix [i]))
                return true;
        }
    } else {
        return str.startsWith (prefix);
    }""",
)

PATCHES = {RUNTIME: [CLASS_FUNCTION_PROPERTIES, HOST_SNAPSHOT, HOST_RESTORE, STRING_FORMAT, STARTSWITH]}


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
