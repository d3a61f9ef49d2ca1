"""What ``featurizers.spark`` needs around a job, named when missing; without starting Spark."""

import builtins
import os
import subprocess
import sys
import zipfile

import pytest

from featurizers.spark import runtime


def test_the_core_package_never_imports_pyspark():
    code = "import sys, featurizers, featurizers.spark; print('pyspark' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_a_missing_pyspark_is_named_with_the_extra_to_install(monkeypatch):
    real_import = builtins.__import__

    def without_pyspark(name, *args, **kwargs):
        if name == "pyspark" or name.startswith("pyspark."):
            raise ImportError(f"No module named '{name}'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_pyspark)
    with pytest.raises(runtime.SparkUnavailable, match=r"^featurizers\.spark needs pyspark 4\.3\.0: pip install 'featurizers\[spark\]'$"):
        runtime.require_pyspark()


def test_no_java_is_named_with_where_it_was_looked_for(monkeypatch, tmp_path):
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk"))
    with pytest.raises(runtime.SparkUnavailable, match=r"needs Java 17 or 21 .* found no java on JAVA_HOME=.*no-jdk: install a JDK or JRE"):
        runtime.find_java()
    monkeypatch.delenv("JAVA_HOME")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(runtime.SparkUnavailable, match=r"found no java on PATH"):
        runtime.find_java()


def test_a_java_older_than_17_is_refused_by_its_version(monkeypatch, tmp_path):
    java = tmp_path / "bin" / "java"
    java.parent.mkdir()
    java.write_text('#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n')
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(runtime.SparkUnavailable, match=r'needs Java 17 or 21 .*openjdk version "11\.0\.2"'):
        runtime.find_java()


def test_the_machines_java_is_found():
    path, major = runtime.find_java()
    assert os.path.isfile(path) and major >= 17


def test_the_shipped_zip_holds_the_package_and_is_the_same_for_the_same_sources():
    first, second = runtime.package_zip(), runtime.package_zip()
    assert first == second and first.name.startswith("featurizers-")
    names = zipfile.ZipFile(first).namelist()
    assert "featurizers/__init__.py" in names and "featurizers/exact.py" in names and "featurizers/spark/passes.py" in names
    assert not [n for n in names if "__pycache__" in n or not n.endswith(".py")]
