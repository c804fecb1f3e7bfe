"""Outputs are replaced in one step and readable like any new file."""

import errno
import os
import stat
import zlib

import pytest

from scoring.io.atomic import OutputError, output_error, replacing, write_text


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


def test_a_failure_caused_by_the_disk_names_the_real_file_in_both_languages(tmp_path):
    out = tmp_path / "ranked.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(OutputError) as raised, replacing(out) as temporary:
        try:
            temporary.write_bytes(b"half")
            raise OSError(errno.ENOSPC, "No space left on device", str(temporary))
        except OSError:
            # a compressor flushing after the failed write hides the disk's error behind its own
            raise zlib.error("Error -2 while flushing: buffer error")
    assert str(raised.value) == f"cannot write {out}: the disk is full; free some space and try again"
    assert raised.value.message_zh == f"无法写入 {out}：磁盘已满；请腾出空间后重试"
    assert raised.value.filename == str(out) and raised.value.errno == errno.ENOSPC
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["ranked.xlsx"]


@pytest.mark.parametrize(
    ("code", "english", "chinese"),
    [(errno.EFBIG, "file too large", "文件过大"), (errno.EPIPE, "broken pipe", "管道已断开"),
     (errno.EACCES, "permission denied", "没有写入权限")],
)
def test_each_cause_is_said_plainly(tmp_path, code, english, chinese):
    error = output_error(tmp_path / "r.json", OSError(code, os.strerror(code)))
    assert english in error.message and chinese in error.message_zh


def test_a_program_error_in_the_body_is_not_dressed_as_a_disk_error(tmp_path):
    with pytest.raises(KeyError), replacing(tmp_path / "r.pdf"):
        raise KeyError("bug")
    assert list(tmp_path.iterdir()) == []


def test_the_next_export_removes_what_killed_exports_left_and_nothing_else(tmp_path):
    fcntl = pytest.importorskip("fcntl")  # Windows marks a file in use by keeping it open
    stale = tmp_path / ".~ranked.k2j3h4g5.sptmp.xlsx"  # a killed export of this version
    old_style = tmp_path / ".~r8u0kqgq2.xlsx"  # and of the version before the mark
    in_use = tmp_path / ".~report.abcdefgh.sptmp.pdf"  # another export still writing
    libreoffice_lock = tmp_path / ".~lock.ranked.xlsx#"
    for path in (stale, old_style, in_use, libreoffice_lock):
        path.write_bytes(b"x")
    holder = os.open(in_use, os.O_RDONLY)
    try:
        fcntl.flock(holder, fcntl.LOCK_SH)
        write_text(tmp_path / "result.json", "{}")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [".~lock.ranked.xlsx#", ".~report.abcdefgh.sptmp.pdf", "result.json"]
        )
    finally:
        os.close(holder)
    assert (tmp_path / "result.json").read_text() == "{}"


def test_a_long_file_name_still_has_room_for_its_temporary_file(tmp_path):
    out = tmp_path / ("评估结果" * 20 + "x" * 150 + ".xlsx")  # 240 bytes of UTF-8 and more
    out = out.with_name(out.name.encode()[:250].decode(errors="ignore").rstrip(".") + ".xlsx")
    write_text(out, "ok")
    assert out.read_text() == "ok"
