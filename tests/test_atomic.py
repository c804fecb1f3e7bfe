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


# ---------------------------------------------------------------- save_workbook's openpyxl adapter

#: openpyxl 3.1.5's ExcelWriter.write_worksheet, which atomic.write_sheet_in_memory follows with
#: the sheet's XML in memory. When openpyxl changes it, the adapter must be checked against the
#: new one (and OPENPYXL_INTERNALS raised): this copy is then updated with it.
OPENPYXL_WRITE_WORKSHEET = '''
    def write_worksheet(self, ws):
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        if self.workbook.write_only:
            if not ws.closed:
                ws.close()
            writer = ws._writer
        else:
            writer = WorksheetWriter(ws)
            writer.write()

        ws._rels = writer._rels
        self._archive.write(writer.out, ws.path[1:])
        self.manifest.append(ws)
        writer.cleanup()
'''


def test_the_adapter_follows_the_openpyxl_it_is_pinned_against():
    import inspect

    import openpyxl
    from openpyxl.writer.excel import ExcelWriter

    from scoring.io.atomic import OPENPYXL_INTERNALS

    assert openpyxl.__version__ == OPENPYXL_INTERNALS
    assert inspect.getsource(ExcelWriter.write_worksheet).strip() == OPENPYXL_WRITE_WORKSHEET.strip()


def test_no_other_module_reaches_into_openpyxl():
    # issue 16: openpyxl's private parts are used in atomic.write_sheet_in_memory alone
    import re
    from pathlib import Path

    import scoring

    private = re.compile(r"openpyxl[\w.]*\._|\._(style|cell_styles|charts|images|drawing|rels|archive)\b")
    package = Path(scoring.__file__).parent
    reaching = [f"{path.relative_to(package)}:{n}" for path in sorted(package.rglob("*.py"))
                if path.name != "atomic.py"
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if private.search(line)]
    assert reaching == []


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


def test_a_workbook_saved_in_memory_has_the_parts_openpyxl_itself_writes(tmp_path):
    import datetime as dt
    import zipfile

    from scoring.io.atomic import save_workbook

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


def test_a_failed_save_leaves_nothing_in_the_temporary_folder(tmp_path, monkeypatch):
    import tempfile

    from scoring.io.atomic import save_workbook

    class FullDisk:
        """A disk that fills up when the first sheet is written (its name opens its entry)."""

        def write(self, data):
            if b"xl/worksheets/sheet" in data:
                raise OSError(errno.ENOSPC, "No space left on device")
            return len(data)

        def tell(self):
            return 0

        def flush(self):
            pass

    system_temporary = tmp_path / "tmp"
    system_temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temporary))
    workbook = a_workbook_with_everything_a_sheet_refers_to(tmp_path)
    with pytest.raises(OSError):
        save_workbook(workbook, FullDisk())
    assert list(system_temporary.iterdir()) == []
