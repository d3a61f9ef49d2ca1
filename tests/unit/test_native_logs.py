"""Training prints its own progress: what TensorFlow's C++ libraries write to file descriptor 2
(absl logs before it is initialized) is held, and shown only when the step that wrote it fails."""

import os

import pytest

from featurizers.training import models


def test_what_a_step_writes_to_descriptor_2_is_held_when_it_succeeds(capfd):
    with models.native_logs_held():
        os.write(2, b"E0000 cuda_dnn.cc:8579] Unable to register cuDNN factory\n")
    print("[pipeline] progress")
    assert capfd.readouterr() == ("[pipeline] progress\n", "")


def test_what_a_failing_step_wrote_is_shown_before_its_error(capfd):
    with pytest.raises(RuntimeError, match="^conversion failed$"):
        with models.native_logs_held():
            os.write(2, b"W0000 grappler: why it failed\n")
            raise RuntimeError("conversion failed")
    assert capfd.readouterr().err == "W0000 grappler: why it failed\n"
    os.write(2, b"after\n")  # descriptor 2 is the terminal's again
    assert capfd.readouterr().err == "after\n"
