"""A short coverage-guided run of bench/fuzz_codec_atheris.py (longer: run the script itself)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_codec_atheris_short_run(tmp_path: Path) -> None:
    if importlib.util.find_spec("atheris") is None:
        if os.environ.get("CI"):
            pytest.fail("atheris is not installed (pip install -e '.[test]')")
        pytest.skip("atheris is not installed")
    seconds = int(float(os.environ.get("PGSERVER_FUZZ_SECONDS", "5")))
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "fuzz_codec_atheris.py"), f"-max_total_time={seconds}",
         f"-artifact_prefix={tmp_path}/"],
        capture_output=True, text=True, timeout=seconds + 60, cwd=str(REPO))
    assert proc.returncode == 0, proc.stderr[-5000:]
    runs = re.search(r"Done (\d+) runs", proc.stderr)
    assert runs is not None and int(runs.group(1)) > 0, proc.stderr[-2000:]
    print(f"\natheris codec fuzzer: {runs.group(1)} inputs, 0 crashes")
