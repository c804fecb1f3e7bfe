"""Outputs are replaced in one step and readable like any new file."""

import errno
import io
import os
import stat
import tempfile
import threading
import zipfile
import zlib
from pathlib import Path

import pytest

from scoring.io.atomic import OutputError, output_error, replacing, save_workbook, write_text


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


# -------------------------------------------------------- save_workbook and openpyxl's temporary files


def a_workbook_with_everything_a_sheet_refers_to(tmp_path):
    """A chart, an image, a note and a link: the parts a sheet's relationships name."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.comments import Comment
    from openpyxl.drawing.image import Image
    from PIL import Image as Picture

    Picture.new("RGB", (4, 3), "red").save(tmp_path / "red.png")
    workbook = Workbook()
    sheet = workbook.active
    for row in ([1, 2], [3, 4], [5, 6]):
        sheet.append(row)
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=1, max_col=2, min_row=1, max_row=3))
    sheet.add_chart(chart, "D2")
    sheet.add_image(Image(tmp_path / "red.png"), "D20")
    sheet["A1"].comment = Comment("a note", "SynergyPilot")
    sheet["B1"].hyperlink = "https://example.org"
    workbook.create_sheet("Second")["A1"] = "二"
    return workbook


def test_a_saved_workbook_has_the_parts_openpyxl_itself_writes(tmp_path):
    import datetime as dt

    when = dt.datetime(2024, 1, 1)
    ours, theirs = tmp_path / "ours.xlsx", tmp_path / "theirs.xlsx"
    save_workbook(a_workbook_with_everything_a_sheet_refers_to(tmp_path), ours, modified=when)
    openpyxls = a_workbook_with_everything_a_sheet_refers_to(tmp_path)
    openpyxls.save(theirs)
    with zipfile.ZipFile(ours) as a, zipfile.ZipFile(theirs) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        assert "xl/drawings/drawing1.xml" in a.namelist() and "xl/comments/comment1.xml" in a.namelist()
        for name in a.namelist():
            if name != "docProps/core.xml":  # its times
                assert a.read(name) == b.read(name), name


class Stream:
    """A binary stream that runs ``during`` at its first write, while a save is under way; on a
    ``full`` disk, one that fills up when the first sheet is written (its name opens its entry)."""

    def __init__(self, during=lambda: None, full=False):
        self.target, self.during, self.full = io.BytesIO(), during, full

    def write(self, data):
        self.during()
        self.during = lambda: None
        if self.full and b"xl/worksheets/sheet" in data:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.target.write(data)

    def __getattr__(self, name):
        return getattr(self.target, name)


@pytest.fixture
def system_temporary(tmp_path, monkeypatch):
    """The system's temporary folder, as Python's tempfile sees it, empty."""

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_a_failed_save_leaves_nothing_in_the_temporary_folder(tmp_path, system_temporary):

    workbook = a_workbook_with_everything_a_sheet_refers_to(tmp_path)
    seen = []  # the system temporary folder at the first write: the save's own folder
    with pytest.raises(OSError):
        save_workbook(workbook, Stream(lambda: seen.extend(system_temporary.iterdir()), full=True))
    assert [p.name.startswith("synergypilot-save-") for p in seen] == [True]  # the save's folder
    assert list(system_temporary.iterdir()) == []
    assert tempfile.tempdir == str(system_temporary)  # given back


def test_a_save_stopped_by_a_full_temporary_folder_leaves_nothing_in_it(tmp_path, monkeypatch):
    """openpyxl's own write of a sheet fails: its half-written file goes too (on a real small
    disk where the tests may mount one, else under a file-size limit)."""

    from openpyxl import Workbook

    from tests.faults import small_disk

    workbook = Workbook()
    for r in range(1, 3001):
        workbook.active.append([r, f"evidence {r} " * 10])
    with small_disk(tmp_path) as disk:
        monkeypatch.setattr(tempfile, "tempdir", str(disk.folder))
        disk.leave(64 * 1024)
        try:
            with pytest.raises(OSError) as raised:
                save_workbook(workbook, io.BytesIO())
        finally:
            disk.free()
        assert raised.value.errno in (errno.ENOSPC, errno.EFBIG)
        assert disk.files() == []


def test_a_temporary_file_another_thread_makes_during_a_save_survives_it(tmp_path, system_temporary):

    made = []

    def another_thread():
        # a thread of the application's own, making a temporary file while the save runs
        with tempfile.NamedTemporaryFile(delete=False) as handle:
            handle.write(b"kept")
        made.append(Path(handle.name))

    def during_the_save():
        thread = threading.Thread(target=another_thread)
        thread.start()
        thread.join()

    out = Stream(during_the_save)
    save_workbook(a_workbook_with_everything_a_sheet_refers_to(tmp_path), out)
    (theirs,) = made
    assert theirs.parent.parent == system_temporary  # made in the save's folder ...
    assert theirs.read_bytes() == b"kept"  # ... and still there, with its folder
    assert [p.name for p in theirs.parent.iterdir()] == [theirs.name]  # openpyxl's are gone
    with zipfile.ZipFile(out.target) as saved:
        assert saved.testzip() is None


def test_concurrent_saves_take_turns_and_each_gives_the_temporary_folder_back(tmp_path, system_temporary):

    outputs = [io.BytesIO() for _ in range(4)]
    books = [a_workbook_with_everything_a_sheet_refers_to(tmp_path) for _ in outputs]
    threads = [threading.Thread(target=save_workbook, args=pair) for pair in zip(books, outputs, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for out in outputs:
        with zipfile.ZipFile(out) as saved:
            assert saved.testzip() is None and "xl/worksheets/sheet2.xml" in saved.namelist()
    assert tempfile.tempdir == str(system_temporary)
    assert list(system_temporary.iterdir()) == []


def test_a_save_removes_what_a_killed_save_left_and_keeps_a_running_ones(tmp_path, system_temporary):
    fcntl = pytest.importorskip("fcntl")  # Windows marks a running save by keeping its file open
    from scoring.io.atomic import SAVE_IN_PROGRESS

    killed, running, unmarked = (system_temporary / f"synergypilot-save-{name}"
                                 for name in ("killed00", "running0", "unmarked"))
    for folder in (killed, running, unmarked):
        folder.mkdir()
        (folder / "openpyxl.abc123").write_bytes(b"<worksheet")
    for folder in (killed, running):
        (folder / SAVE_IN_PROGRESS).write_bytes(b"")
    holder = os.open(running / SAVE_IN_PROGRESS, os.O_RDONLY)
    try:
        fcntl.flock(holder, fcntl.LOCK_SH)  # another process's save, still running
        save_workbook(a_workbook_with_everything_a_sheet_refers_to(tmp_path), io.BytesIO())
    finally:
        os.close(holder)
    assert sorted(p.name for p in system_temporary.iterdir()) == [running.name, unmarked.name]
    assert sorted(p.name for p in running.iterdir()) == [SAVE_IN_PROGRESS, "openpyxl.abc123"]
    assert [p.name for p in unmarked.iterdir()] == ["openpyxl.abc123"]  # not a save's: left alone
