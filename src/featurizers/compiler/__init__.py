"""Python only, never compiled: the restricted-subset checker (``check``), Transcrypt and the
Babel passes over its output (``js/``), the runtime patches, the Jinja templates and esbuild
(``build``), and the generator of the Unicode tables ``_unicode.py`` holds."""

# The parts of the featurizers package that are Python only: never staged for Transcrypt, and an
# import of them from compiled code is refused by the checker (TS603). Everything else in the
# package is restricted Python, compiled as-is.
PYTHON_ONLY = ("__main__", "cli", "compiler", "estimator", "interop", "spark", "testing", "training")
