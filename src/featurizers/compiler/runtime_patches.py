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

# String.prototype.format is defined enumerable (and non-configurable): a host's `for (k in "a")`
# would see it. Define it non-enumerable, as compiler/js/host_methods.cjs does the runtime's other
# methods of built-in prototypes.
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

# str.replace split the string and joined it again even when `old` does not occur: a copy of the
# whole string (EmailBody's CRLF replace copied every 10 MB message). Return it as it is, as
# CPython does.
REPLACE_NOTHING = (
    """    if (maxreplace === undefined || maxreplace < 0) {
        return this.split(old).join(aNew);""",
    """    if (maxreplace === undefined || maxreplace < 0) {
        return old !== '' && this.indexOf(old) < 0 ? String(this) : this.split(old).join(aNew);""",
)

# An exception took its stack from `new Error()` inside the runtime's Exception.__init__, so the first
# frames a user read were the runtime's (`__init__`, `apply`, `__new__`, `py_TypeError`), before the
# featurizer method that raised. V8's captureStackTrace starts the stack below the call of the
# exception's class: at the raise. Engines without it keep `new Error().stack`.
STACK_FROM_RAISE = (
    """		else if (Error) {
			self.stack = new Error ().stack;
		}""",
    """		else if (Error.captureStackTrace) {
			var site = {};
			Error.captureStackTrace (site, self.__class__);
			self.stack = site.stack;
		}
		else if (Error) {
			self.stack = new Error ().stack;
		}""",
)

PATCHES = {RUNTIME: [CLASS_FUNCTION_PROPERTIES, STRING_FORMAT, STARTSWITH, REPLACE_NOTHING, STACK_FROM_RAISE]}


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
