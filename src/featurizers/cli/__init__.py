"""Python only, never compiled: the ``featurizers`` command line (``python -m featurizers``)."""

from featurizers.cli.main import main

__all__ = ["main"]
