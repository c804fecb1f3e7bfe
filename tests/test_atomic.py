"""Outputs are replaced in one step and readable like any new file."""

import os
import stat

import pytest

from scoring.atomic import replacing


def test_new_file_has_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        with replacing(tmp_path / "r.pdf") as temporary:
            temporary.write_bytes(b"%PDF")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.pdf").stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_a_failure_keeps_the_old_file_and_leaves_nothing_beside_it(tmp_path):
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(out) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]
