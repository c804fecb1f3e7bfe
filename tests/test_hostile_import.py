"""Untrusted Excel import: hostile files refused one by one, awkward real ones read, nothing crashes.

Every file is built inside the test (tests/hostile/), never shipped. No test asserts a wall-clock
time: what must be fast is shown by how little memory it takes, and timed by ``make bench``.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from openpyxl import Workbook

from scoring.io.importer import FileReader, ImportOptions, read_file, read_files
from scoring.io.pipeline import expand_inputs, load_schemes, read_and_match, run, scheme_key
from scoring.io.safe_read import Limits, SubmissionRejected, read_workbook
from tests.builders import project, write_form
from tests.hostile import corpus, ods, ole, readers, zips
from tests.hostile.corpus import SKIPPED, build_corpus, write_city_template
from tests.system_programs import program

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
#: What a refusal must tell the sender to do, in one of these words.
#: What a Chinese refusal asks the sender to do: send again, save, fill in, remove, copy, use.
ACTIONS_ZH = ("发送", "另存为", "填写", "取消", "复制", "使用", "改发")
ACTIONS = ("send", "save", "remove", "fill", "copy", "open", "use")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The corpus, built once for the module (the zip bombs take a moment to compress)."""
    path = tmp_path_factory.mktemp("corpus")
    expected = build_corpus(path / "in")
    template = write_city_template(path / "city.xlsx")
    return path / "in", template, expected


@pytest.fixture(scope="module")
def imported(folder):
    inputs, template, _ = folder
    return run([template], [inputs])


def outcome_by_file(result) -> dict[str, str | None]:
    """File name → None when it scored (even partly, as a batch), else its rejection reason."""
    found: dict[str, str | None] = {Path(p.source).name: None for p in result.projects}
    for rejection in result.rejected:
        found.setdefault(Path(rejection.source.split(":")[0]).name, rejection.reason)
    return found


def reject(path: Path, **limits) -> SubmissionRejected:
    with pytest.raises(SubmissionRejected) as caught:
        read_workbook(path, Limits(**limits) if limits else None)
    assert path.name in caught.value.message
    return caught.value


# --------------------------------------------------------------------------- the corpus


def test_the_corpus_has_at_least_25_hostile_or_malformed_files(folder):
    _, _, expected = folder
    refused = [name for name, outcome in expected.items() if outcome not in (None, SKIPPED)]
    assert len(refused) >= 25, refused
    assert len(expected) >= 35


def test_each_file_in_the_folder_gets_its_expected_outcome(folder, imported):
    _, _, expected = folder
    found = outcome_by_file(imported)
    wanted = {name: outcome for name, outcome in expected.items() if outcome != SKIPPED}
    assert found == wanted


def test_lock_files_are_skipped_silently(folder, imported):
    inputs, _, _ = folder
    assert "~$good_form.xlsx" not in [p.name for p in expand_inputs([inputs])]
    assert not any("~$" in r.source for r in imported.rejected)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_refusal_names_the_file_and_says_what_to_do(imported, lang):
    english = lang == "en"
    colon, actions = (": ", ACTIONS) if english else ("：", ACTIONS_ZH)
    password = "remove the password" if english else "取消密码"
    by_reason = {}
    for rejection in imported.rejected:
        message = rejection.message_zh if lang == "zh" else rejection.message
        name = Path(rejection.source.split(":")[0]).name
        assert message.startswith(f"{name}{colon}"), rejection
        if rejection.reason not in ("duplicate_project", "no_matching_template"):
            assert any(word in message for word in actions), message
        by_reason[rejection.reason] = message
    assert password in by_reason["encrypted"]


def test_every_good_file_scores_with_hand_computed_totals(imported):
    # Scheme: A value 0..100 weight 2; B change (lower) 0..20; Y yes/no; K choice, not required.
    # A complete form: A 50 → 0.5·2, B 100→90 is 10 % → 0.5, Y yes 1, K "I" 1: 3.5 of 5 → 70.
    totals = {p.project_id: p.total for p in imported.projects}
    assert totals == pytest.approx({
        "P01": 70.0,  # good_form
        "P02": 70.0,  # merged A1:XFD1048576
        "P03": 70.0,  # header under merged title rows
        "P04": 70.0,  # Chinese sheets, keys, headers and level
        "P05": 70.0,  # a hidden Batch sheet is ignored
        "P06": 37.5,  # A #DIV/0! → required, 0; K #N/A → not required, left out: 1.5 of 4
        "P07": 50.0,  # A a date → 0; Y TRUE → yes; B "９０" → 90; K " i " → I: 2.5 of 5
        "P08": 70.0,  # A 0.5 shown as 50% reads 50
        "P09": 62.5,  # .xls: K #DIV/0! left out: 2.5 of 4
        "P10": 62.5,  # .ods: A 50% reads 50, K #N/A left out: 2.5 of 4
        "P12": 50.0,  # A cached 50; Y never calculated → 0: 2.5 of 5
        "B01": 51.0,  # A 40 → 0.8, B 100→95 is 5 % → 0.25, Y yes, K II 0.5: 2.55 of 5
        "B02": 64.0,  # A 60 → 1.2, B 100→80 is 20 % → 1, Y no, K I: 3.2 of 5
    })
    assert "HIDDEN-1" not in totals


def issues_of(result, project_id: str) -> list[tuple[str, str]]:
    (found,) = [p for p in result.projects if p.project_id == project_id]
    return [(issue.kind, issue.location) for issue in found.issues]


def test_error_cells_are_their_own_issue_at_the_exact_cell(imported):
    assert issues_of(imported, "P06") == [("error_cell", "error_cells.xlsx:Data!E2"),
                                          ("error_cell", "error_cells.xlsx:Data!E5")]
    assert issues_of(imported, "P09") == [("error_cell", "legacy.xls:Data!E5")]
    assert issues_of(imported, "P10") == [("error_cell", "calc.ods:Data!E5")]


def test_dates_and_uncalculated_formulas_are_invalid_never_zero_silently(imported):
    assert issues_of(imported, "P07") == [("not_a_number", "odd_values.xlsx:Data!E2")]
    assert issues_of(imported, "P12") == [("formula_without_value", "formulas.xlsx:Data!E4")]


def test_a_batch_row_without_id_is_refused_alone(imported):
    (row,) = [r for r in imported.rejected if r.reason == "missing_project_id" and "batch" in r.source]
    assert row.source.endswith("batch.xlsx:Batch!4")
    assert {"B01", "B02"} <= {p.project_id for p in imported.projects}


def test_the_first_submission_by_input_order_wins(imported):
    (first,) = [p for p in imported.projects if p.project_id == "P01"]
    assert Path(first.source).name == "good_form.xlsx"
    (dup,) = [r for r in imported.rejected if r.reason == "duplicate_project"]
    assert "good_form.xlsx" in dup.message and dup.message.startswith("zz_duplicate.xlsx: ")


CLI_RUN = """
import json, resource, sys
from scoring.cli.main import main
from scoring.io.importer import last_peak_worker_rss
code = main(["score", "--template", sys.argv[1], sys.argv[2], "--json", sys.argv[3]])
print(json.dumps({"code": code, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                  "worker_rss": last_peak_worker_rss()}))
"""


def test_the_command_line_imports_the_corpus_without_traceback_within_1_5_gb(folder, tmp_path):
    inputs, template, expected = folder
    out = tmp_path / "result.json"
    done = subprocess.run([sys.executable, "-c", CLI_RUN, str(template), str(inputs), str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr and "panicked" not in done.stderr, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["code"] == 3  # some inputs refused, the rest scored and written
    assert figures["rss"] < 1.5 * 1024 * MB
    assert 0 < figures["worker_rss"] < 1.5 * 1024 * MB
    written = json.loads(out.read_text(encoding="utf-8"))
    refused = {Path(r["source"].split(":")[0]).name for r in written["rejected"]}
    assert refused == {name for name, outcome in expected.items() if outcome not in (None, SKIPPED)} | {
        "batch.xlsx"}


# --------------------------------------------------------------------------- limits


def test_zip_bombs_are_refused_with_little_memory(tmp_path):
    for lying in (False, True):
        path = corpus.zip_bomb(tmp_path, lying=lying)
        assert path.stat().st_size < 1 * MB  # 400 MB inside
        tracemalloc.start()
        error = reject(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert error.reason == "too_large"
        assert peak < 8 * MB, f"{path.name}: {peak / MB:.1f} MB"
    assert "zip directory declares" in error.message


def test_inflated_size_limit_from_the_directory_and_while_inflating(tmp_path):
    form = corpus.good(tmp_path, "form.xlsx", "P1")
    assert reject(form, max_uncompressed_bytes=10_000).reason == "too_large"
    assert read_workbook(form).sheet("Data") is not None


def test_more_than_1000_parts_is_too_large(tmp_path):
    error = reject(corpus.many_parts(tmp_path))
    assert error.reason == "too_large" and "1,011 parts" in error.message
    form = corpus.good(tmp_path, "form.xlsx", "P1")
    assert reject(form, max_members=5).reason == "too_large"


def test_file_size_is_checked_before_reading(tmp_path):
    error = reject(corpus.huge_file(tmp_path))  # sparse: 51 MB that take no disk
    assert error.reason == "too_large" and "51.0 MB" in error.message
    form = corpus.good(tmp_path, "form.xlsx", "P1")
    assert reject(form, max_file_bytes=1000).reason == "too_large"


def test_rows_per_sheet_limit_can_be_lowered(tmp_path):
    eleven = zips.write_sheet_xml(tmp_path / "eleven.xlsx", zips.sheet_xml(zips.number_rows(11)))
    error = reject(eleven, max_rows=10)
    assert error.reason == "too_large" and "row 11" in error.message
    assert len(read_workbook(eleven, Limits(max_rows=11)).sheets[0].rows) == 11


def test_far_apart_cells_are_refused_before_the_reader_allocates(tmp_path):
    # Read in this very process: python-calamine would abort it trying to allocate 549 GB.
    assert reject(corpus.far_cells(tmp_path)).reason == "too_large"
    error = reject(corpus.sparse_rectangle(tmp_path))
    assert "400 rows by 16,384 columns" in error.message


def test_repeated_ods_cells_are_counted_not_expanded(tmp_path):
    path = corpus.ods_bomb(tmp_path)
    assert path.stat().st_size < 5000
    assert reject(path).reason == "too_large"
    # 1,048,000 empty repeated rows end every sheet LibreOffice saves: they cost nothing.
    fine = ods.write_ods(tmp_path / "fine.ods", {"Data": [["code", "current"], ["A", 1]]})
    assert read_workbook(fine).sheet("Data").rows == [["code", "current"], ["A", 1.0]]


def test_a_whole_sheet_merge_costs_no_memory(tmp_path):
    path = corpus.merged_whole_sheet(tmp_path)
    assert path.stat().st_size < 10_000
    tracemalloc.start()
    book = read_workbook(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 8 * MB
    assert book.sheet("Data").cell(1, 0) == "A"


# --------------------------------------------------------------------------- XML


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml",
                                  "[Content_Types].xml", "xl/theme/theme1.xml", "docProps/core.xml"])
def test_a_doctype_in_any_xml_part_is_unsafe(tmp_path, part):
    path = corpus.with_doctype(tmp_path, "doctype.xlsx", part, zips.BILLION_LAUGHS)
    error = reject(path)
    assert error.reason == "unsafe_xml" and part in error.message


def test_a_doctype_in_utf16_is_found_too(tmp_path):
    source = corpus.good(tmp_path, "source.xlsx", "P1")

    def utf16(xml: bytes) -> bytes:
        body = xml.decode("utf-8").split("?>", 1)[-1]
        prolog = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]>'
        return (prolog + body).encode("utf-16")

    path = zips.rewrite(source, tmp_path / "utf16.xlsx", {"xl/styles.xml": utf16})
    assert reject(path).reason == "unsafe_xml"


def test_openpyxl_uses_defusedxml(monkeypatch):
    import openpyxl.xml

    from scoring.io.safe_read import assert_defused_xml

    assert openpyxl.xml.DEFUSEDXML is True
    assert_defused_xml()
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(RuntimeError, match="defusedxml"):
        assert_defused_xml()


# --------------------------------------------------------------------------- encryption and foreign files


def test_encrypted_workbooks_ask_for_the_password_to_be_removed(tmp_path):
    for path in (ole.write_encrypted_xlsx(tmp_path / "locked.xlsx"),
                 ole.write_xls(tmp_path / "locked.xls", corpus.grid("P1"), password_protected=True)):
        error = reject(path)
        assert error.reason == "encrypted" and "remove the password" in error.message


@pytest.mark.parametrize("build", [corpus.empty, corpus.truncated, corpus.renamed_text, corpus.renamed_pdf,
                                   corpus.word_document, corpus.renamed_docx])
def test_files_that_are_not_spreadsheets_are_unreadable(tmp_path, build):
    error = reject(build(tmp_path))
    assert error.reason == "unreadable"


def test_the_reason_says_what_the_foreign_file_is(tmp_path):
    assert "PDF" in reject(corpus.renamed_pdf(tmp_path)).message
    assert "CSV" in reject(corpus.renamed_text(tmp_path)).message
    assert "Word" in reject(corpus.word_document(tmp_path)).message


# --------------------------------------------------------------------------- tolerance and notes


def test_plain_xls_reads_values_percentages_errors_and_hidden_sheets(tmp_path):
    path = ole.write_xls(tmp_path / "old.xls", {
        "Data": [["code", "current"], ["A", ole.Percent(0.125)], ["B", ole.CellError("#N/A")], ["C", True]],
        "隐藏": [["x"]],
    }, hidden=("隐藏",))
    book = read_workbook(path)
    data = book.sheet("Data")
    assert book.format == "xls"
    assert data.rows == [["code", "current"], ["A", 0.125], ["B", "#N/A"], ["C", True]]
    assert data.notes == {(1, 1): "percent", (2, 1): "error_cell"}
    assert book.sheet("隐藏") is None and [s.visible for s in book.sheets] == [True, False]


def test_ods_notes_percentages_errors_and_uncalculated_formulas(tmp_path):
    path = ods.write_ods(tmp_path / "calc.ods", {
        "Data": [["code", "current"], ["A", ods.Percent(0.125)], ["B", ods.Error("#DIV/0!")],
                 ["C", ods.Uncalculated()], ["D", 7]],
        "Hidden": [["x"]],
    }, hidden=("Hidden",))
    book = read_workbook(path)
    data = book.sheet("Data")
    assert data.notes == {(1, 1): "percent", (2, 1): "error_cell", (3, 1): "formula_without_value"}
    assert data.cell(2, 1) == "#DIV/0!" and data.cell(1, 1) == 0.125 and data.cell(4, 1) == 7
    assert book.sheet("Hidden") is None


def test_sheets_written_with_a_namespace_prefix_and_without_references(tmp_path):
    """The OpenXML SDK writes <x:c>; some streaming writers leave out r="B2"."""
    rows = ['<x:row r="1"><x:c r="A1" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="B1"><x:f>1+1</x:f></x:c></x:row>']
    book = read_workbook(zips.write_sheet_xml(tmp_path / "sdk.xlsx", zips.sheet_xml(rows, prefix="x")))
    assert book.sheets[0].notes == {(0, 0): "error_cell", (0, 1): "formula_without_value"}
    plain = ['<row><c t="e"><v>#N/A</v></c><c><v>2</v></c></row>', "<row><c/><c><f>A1</f></c></row>"]
    sheet = read_workbook(zips.write_sheet_xml(tmp_path / "norefs.xlsx", zips.sheet_xml(plain))).sheets[0]
    assert sheet.notes == {(0, 0): "error_cell", (1, 1): "formula_without_value"}
    assert sheet.rows[0] == ["#N/A", 2.0]
    far = ["<row>" + "<c><v>1</v></c>" * 30 + "</row>"]
    assert reject(zips.write_sheet_xml(tmp_path / "wide.xlsx", zips.sheet_xml(far)), max_cells=29
                  ).reason == "too_large"


def test_percent_styles_read_from_custom_formats(tmp_path):
    path = write_form(tmp_path / "p.xlsx", project("P1"), [{"code": "A", "current": 0.125},
                                                           {"code": "B", "current": 0.5}])
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["Data"]["E2"].number_format = '0.0"%"'  # a quoted % is text: the number is not scaled
    wb["Data"]["E3"].number_format = "#,##0.00%;[Red]-#,##0.00%"
    wb.save(path)
    assert read_workbook(path).sheet("Data").notes == {(2, 4): "percent"}


# --------------------------------------------------------------------------- real office suite


def test_xls_and_ods_saved_by_libreoffice_score_like_the_xlsx(tmp_path):
    # without LibreOffice (outside CI) this skips; the hand-built .xls and .ods files above still run
    soffice = program("soffice", "libreoffice", package="libreoffice-calc")
    source = corpus.good(tmp_path, "office.xlsx", "P1", A=0.5, K="=NA()")
    from openpyxl import load_workbook

    wb = load_workbook(source)
    wb["Data"]["E2"].number_format = "0%"
    wb.save(source)
    out = tmp_path / "converted"
    for fmt in ("xls", "ods"):
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--convert-to", fmt, "--outdir", str(out), str(source)],
                       check=True, capture_output=True, timeout=180)
    template = write_city_template(tmp_path / "city.xlsx")
    for name in ("office.xls", "office.ods"):
        result = run([template], [out / name])
        assert not result.rejected, result.rejected
        (scored,) = result.projects
        # A 0.5 as 50 % → 50; K =NA() → an error cell, not required, left out: 2.5 of 4.
        assert scored.total == pytest.approx(62.5), name
        assert [(i.kind, i.location) for i in scored.issues] == [("error_cell", f"{name}:Data!E5")]


# --------------------------------------------------------------------------- workers


def forms(tmp_path: Path, names: list[str]) -> list[Path]:
    return [corpus.good(tmp_path, name, f"P{i}") for i, name in enumerate(names)]


def test_a_file_that_hangs_is_stopped_and_the_rest_still_import(tmp_path):
    files = forms(tmp_path, ["a.xlsx", "slow.xlsx", "c.xlsx", "d.xlsx"])
    options = ImportOptions(workers=2, timeout=1.0, reader=readers.hangs_on_slow)
    results = read_files(files, options)
    assert [type(items[0]).__name__ for items in results] == ["Submission", "Rejection", "Submission",
                                                               "Submission"]
    (stopped,) = results[1]
    assert stopped.reason == "too_large" and stopped.message.startswith("slow.xlsx: ")
    assert "longer than 1 s" in stopped.message


def test_the_time_limit_is_per_file_though_a_worker_answers_per_batch(tmp_path):
    """Three files of 0.6 s in one batch take 1.8 s: each is within its 1 s, none is stopped."""
    files = forms(tmp_path, ["while_a.xlsx", "while_b.xlsx", "while_c.xlsx"])
    options = ImportOptions(workers=1, timeout=1.0, chunk=3, reader=readers.takes_a_while)
    assert [items[0].project_id for items in read_files(files, options)] == ["P0", "P1", "P2"]


def test_a_file_that_kills_its_worker_is_refused_alone(tmp_path):
    files = forms(tmp_path, ["a.xlsx", "crash.xlsx", "c.xlsx", "bug.xlsx", "e.xlsx"])
    results = read_files(files, ImportOptions(workers=2, reader=readers.dies_on_crash))
    assert [items[0].project_id for i, items in enumerate(results) if i != 1] == ["P0", "P2", "P3", "P4"]
    (crashed,) = results[1]
    assert crashed.reason == "unreadable" and crashed.message.startswith("crash.xlsx: ")
    results = read_files(files, ImportOptions(workers=1, reader=readers.raises_on_bug))
    assert results[3][0].reason == "unreadable" and "RuntimeError" in results[3][0].message


def test_reading_in_workers_gives_what_read_file_gives(tmp_path):
    files = forms(tmp_path, [f"f{i}.xlsx" for i in range(9)])
    assert read_files(files, ImportOptions(workers=2, chunk=2)) == [read_file(f) for f in files]
    assert read_files(files, ImportOptions(workers=0)) == [read_file(f) for f in files]


def test_cancelling_stops_reading_and_the_workers(tmp_path):
    files = forms(tmp_path, [f"f{i}.xlsx" for i in range(6)])
    schemes = load_schemes([write_city_template(tmp_path / "city.xlsx")])
    seen = []

    def progress(done, total, path):
        seen.append((done, total, path.name))
        return done < 2

    by_scheme, rejected = read_and_match(files, schemes, progress)
    assert seen == [(0, 6, "f0.xlsx"), (1, 6, "f1.xlsx"), (2, 6, "f2.xlsx")]
    assert [s.project_id for s in by_scheme[scheme_key(schemes[0])]] == ["P0", "P1"] and not rejected
    reader = FileReader(files, ImportOptions(workers=2))
    reader.result(0)
    processes = reader.worker_processes
    reader.close()
    assert processes and not any(p.is_alive() for p in processes)


def test_read_file_never_raises(tmp_path, monkeypatch):
    import scoring.io.importer as importer

    def broken(book):
        raise IndexError("a bug")

    monkeypatch.setattr(importer, "read_submission_book", broken)
    (rejection,) = read_file(corpus.good(tmp_path, "f.xlsx", "P1"))
    assert rejection.reason == "unreadable" and rejection.message.startswith("f.xlsx: ")


def test_a_workbook_with_only_a_chart_sheet_is_not_a_submission(tmp_path):
    wb = Workbook()
    wb.active.title = "Notes"
    wb.save(tmp_path / "notes.xlsx")
    (rejection,) = read_file(tmp_path / "notes.xlsx")
    assert rejection.reason == "not_a_submission"


def test_small_sheets_are_bounded_quickly_and_measured_exactly_when_the_bound_is_not_enough(tmp_path):
    """A sheet within A1:Z999 counts as 999 × 26 cells until the workbook's total would pass
    the limit; then each sheet is measured to its last cell, and only a real excess refuses."""
    book = Workbook()
    book.active.title = "One"
    for name in ("One", "Two", "Three"):
        sheet = book[name] if name in book.sheetnames else book.create_sheet(name)
        sheet["C4"] = 1.0  # 4 rows × 3 columns = 12 cells each
    path = tmp_path / "three_small_sheets.xlsx"
    book.save(path)
    # 3 bounds of 25,974 cells are over 60,000; 3 × 12 real cells are not
    assert len(read_workbook(path, Limits(max_cells=60_000)).sheets) == 3
    with pytest.raises(SubmissionRejected) as refused:
        read_workbook(path, Limits(max_cells=30))  # 36 real cells are over 30
    assert refused.value.reason == "too_large" and "Three" in refused.value.message


FIELDS = ("filename", "flag_bits", "compress_type", "CRC", "compress_size", "file_size", "header_offset")


def test_the_quick_zip_directory_reads_what_zipfile_reads_or_leaves_it_to_zipfile(folder, tmp_path):
    """Every zip in the hostile corpus: the same entries as zipfile, or None (zipfile then
    decides). A comment or bytes before the archive must go to zipfile."""
    import io
    import zipfile

    from scoring.io.safe_read import plain_zip_directory

    inputs, _, _ = folder
    read_quickly = 0
    for path in sorted(p for p in inputs.rglob("*") if p.is_file()):
        data = path.read_bytes()
        entries = plain_zip_directory(data)
        if entries is None:
            continue
        read_quickly += 1
        expected = zipfile.ZipFile(io.BytesIO(data)).infolist()
        assert [[getattr(e, f) for f in FIELDS] for e in entries] == \
               [[getattr(e, f) for f in FIELDS] for e in expected], path.name
    assert read_quickly >= 10  # the ordinary workbooks do take the quick path

    plain = (inputs / "good_form.xlsx").read_bytes()
    commented = tmp_path / "commented.xlsx"
    with zipfile.ZipFile(commented, "w") as archive:
        archive.comment = b"written by a script"
        for info in zipfile.ZipFile(io.BytesIO(plain)).infolist():
            archive.writestr(info, zipfile.ZipFile(io.BytesIO(plain)).read(info))
    assert plain_zip_directory(commented.read_bytes()) is None
    assert plain_zip_directory(b"MZ prefix" + plain) is None
    assert read_workbook(commented).sheet("Data") is not None  # zipfile reads it


def test_notes_are_found_by_the_quick_scan_as_by_the_full_one(tmp_path, monkeypatch):
    """A referenced sheet without formulas is scanned only at its error and percent cells;
    the notes must be those of the full scan, cell for cell."""
    from scoring.io import xlsx_cells

    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    for row in range(1, 40):
        sheet.cell(row, 1, f"C{row}")
        sheet.cell(row, 2, row / 100).number_format = "0.0%" if row % 3 == 0 else "0.00"
        sheet.cell(row, 3, row)
    path = tmp_path / "styled.xlsx"
    book.save(path)
    quick = read_workbook(path).sheet("Data").notes
    measure = xlsx_cells.measure_sheet
    # the full scan: every cell looked at, positions counted in document order
    monkeypatch.setattr(xlsx_cells, "measure_sheet", lambda xml, quick=True: dataclasses.replace(
        measure(xml, quick=False), referenced=False))
    full = read_workbook(path).sheet("Data").notes
    assert quick == full and len(quick) == 13
    assert all(kind == "percent" and col == 1 for (_row, col), kind in quick.items())


def test_a_template_given_as_a_submission_says_to_load_it_as_a_template(tmp_path):
    from scoring.io.submission import read_submission_file

    template = write_city_template(tmp_path / "city.xlsx")
    (refused,) = read_submission_file(template)
    assert refused.reason == "not_a_submission"
    assert refused.message.startswith("city.xlsx: this is an assessment scheme template")
    assert "--template" in refused.message and "模板" in refused.message_zh


def test_a_folder_scan_lists_every_file_it_did_not_take_and_why(tmp_path):
    from scoring.io.pipeline import scan_inputs

    for name in ("a.xlsx", "b.xlsb", "c.xltx", "d.numbers", "sub/e.ods", "notes.txt", "table.csv", "~$a.xlsx",
                 "README"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    files, skipped = scan_inputs([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["a.xlsx", "b.xlsb", "c.xltx", "d.numbers",
                                                                  "sub/e.ods"]
    reasons = {Path(s.path).name: (s.message, s.message_zh) for s in skipped}
    assert set(reasons) == {"notes.txt", "table.csv", "~$a.xlsx", "README"}
    csv, _ = reasons["table.csv"]
    assert ".csv is not a spreadsheet kind" in csv and "save it as" in csv
    assert "lock file" in reasons["~$a.xlsx"][0] and "锁定文件" in reasons["~$a.xlsx"][1]
    assert all(name in en and name in zh for name, (en, zh) in reasons.items())



def test_a_numbers_document_saved_as_a_folder_is_listed_once_with_what_to_do(tmp_path):
    from scoring.io.pipeline import scan_inputs

    bundle = tmp_path / "city.numbers"
    (bundle / "Metadata").mkdir(parents=True)
    (bundle / "Index.zip").write_bytes(b"PK")
    (bundle / "Metadata" / "Properties.plist").write_text("<plist/>")
    files, skipped = scan_inputs([tmp_path])
    assert files == [] and [Path(s.path).name for s in skipped] == ["city.numbers"]
    assert "Export To > Excel" in skipped[0].message and "导出为" in skipped[0].message_zh
    assert [Path(s.path).name for s in scan_inputs([bundle])[1]] == ["city.numbers"]


# --------------------------------------------------------------------------- what real programs write


def score_alone(path: Path, template: Path):
    return run([template], [path])


def test_formatted_rows_down_to_the_last_row_are_not_counted(tmp_path):
    """LibreOffice and WPS keep row heights and styled empty cells down to row 1,048,576."""
    from tests.hostile.variants import formatted_trailing_rows

    form = corpus.good(tmp_path, "form.xlsx", "P50")
    trailing = formatted_trailing_rows(form, tmp_path / "trailing.xlsx")
    template = write_city_template(tmp_path / "city.xlsx")
    assert not score_alone(trailing, template).rejected
    # a value down there still counts
    from openpyxl import load_workbook

    book = load_workbook(trailing)
    book["Data"].cell(1_048_576, 5).value = 1
    book.save(tmp_path / "far_value.xlsx")
    assert reject(tmp_path / "far_value.xlsx").reason == "too_large"


def test_xls_streams_named_in_capitals_are_read(tmp_path):
    stream = ole.biff8_workbook(corpus.grid("P51"))
    template = write_city_template(tmp_path / "city.xlsx")
    for name in ("WORKBOOK", "BOOK", "workbook"):
        path = tmp_path / f"{name}.xls"
        path.write_bytes(ole.compound_file({name: stream}))
        result = score_alone(path, template)
        assert [p.total for p in result.projects] == [pytest.approx(70.0)], (name, result.rejected)


def test_backslash_paths_and_a_workbook_elsewhere_are_read(tmp_path):
    from tests.hostile.variants import backslash_paths, relocated_workbook

    form = corpus.percent(tmp_path)  # A 0.5 formatted 0% reads 50: the styles part must be found
    template = write_city_template(tmp_path / "city.xlsx")
    for variant in (backslash_paths(form, tmp_path / "backslash.xlsx"),
                    relocated_workbook(form, tmp_path / "moved.xlsx")):
        result = score_alone(variant, template)
        assert [p.total for p in result.projects] == [pytest.approx(70.0)], (variant.name, result.rejected)


def test_xlsb_reads_values_percentages_and_errors(tmp_path):
    from tests.hostile.xlsb import write_xlsb

    # A 0.5 shown as 50.0% reads 50; K #DIV/0! is left out as not required: 2.5 of 4 → 62.5
    path = write_xlsb(tmp_path / "binary.xlsb", corpus.grid("P53", A=ole.Percent(0.5),
                                                             K=ole.CellError("#DIV/0!")))
    book = read_workbook(path)
    assert book.format == "xlsb"
    assert book.sheet("Data").notes == {(1, 4): "percent", (4, 4): "error_cell"}
    result = score_alone(path, write_city_template(tmp_path / "city.xlsx"))
    assert [p.total for p in result.projects] == [pytest.approx(62.5)]


def test_a_password_protected_ods_is_encrypted(tmp_path):
    manifest = (b'<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                b'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
                b'<manifest:encryption-data manifest:checksum="x"/></manifest:file-entry>'
                b'</manifest:manifest>')
    path = zips.write_zip(tmp_path / "locked.ods", [
        zips.stored("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        zips.deflated("META-INF/manifest.xml", manifest),
        zips.deflated("content.xml", bytes(range(256)) * 40)])
    error = reject(path)
    assert error.reason == "encrypted" and "password" in error.message and "密码" in error.message_zh


@pytest.mark.parametrize(("name", "content", "words"), [
    ("numbers.xlsx", None, "Apple Numbers"),
    ("page.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "web page"),
    ("xml2003.xls", b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook '
                    b'xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>', "Excel 2003 XML"),
    ("letter.xls", b"{\\rtf1\\ansi hello}", "RTF"),
    ("gbk.xls", "项目编号,名称\nP1,试点\n".encode("gb18030"), "CSV"),
    ("biff4.xls", bytes.fromhex("0904060000001000") + b"\0" * 100, "Excel 4.0"),
])
def test_each_foreign_kind_gets_its_own_reason_and_fix(tmp_path, name, content, words):
    path = tmp_path / name
    if content is None:  # Numbers: a zip of .iwa parts whose plist has an ordinary DOCTYPE
        plist = b'<?xml version="1.0"?><!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "x"><plist/>'
        zips.write_zip(path, [zips.deflated("Index/Document.iwa", b"\0" * 64),
                              zips.deflated("Metadata/Properties.plist", plist)])
    else:
        path.write_bytes(content)
    error = reject(path)
    assert error.reason == "unreadable" and words in error.message
    assert name in error.message_zh and any(word in error.message_zh for word in ACTIONS_ZH)


def test_a_reader_failure_keeps_the_readers_own_words(tmp_path):
    """Handed bytes, the reader only says 'Cannot detect file format'; its real reason is kept."""
    form = corpus.good(tmp_path, "form.xlsx", "P54")
    broken = zips.rewrite(form, tmp_path / "broken.xlsx",
                          {"xl/workbook.xml": b'<workbook xmlns="http://schemas.openxmlformats.org/'
                                              b'spreadsheetml/2006/main"><sheets><sheet name="S" '
                                              b'state="show" sheetId="1"/></sheets></workbook>'})
    error = reject(broken)
    assert error.reason == "unreadable" and "Cannot detect" not in error.message
    assert "the reader says:" in error.message and ".xlsx" in error.message


def test_only_the_sheets_a_submission_uses_are_read_and_a_foreign_data_sheet_stops_early(tmp_path):
    book = Workbook()
    book.active.title = "Project"
    book.active.append(["project_id", "P55"])
    data = book.create_sheet("Data")
    for i in range(12_000):  # 24,000 cells: looked at first, as a small sheet is not
        data.append([f"row {i}", i])
    other = book.create_sheet("Other")
    other.append(["x"] * 10)
    book.save(tmp_path / "foreign.xlsx")
    from scoring.io.submission import SHEETS

    read = read_workbook(tmp_path / "foreign.xlsx", sheets=SHEETS)
    assert [s.name for s in read.sheets] == ["Project", "Data", "Other"]
    assert len(read.sheet("Data").rows) == 10 and read.sheet("Other").rows == []
    assert len(read_workbook(tmp_path / "foreign.xlsx").sheet("Data").rows) == 12_000
    assert read_file(tmp_path / "foreign.xlsx")[0].reason == "not_a_submission"


def test_the_cells_a_reader_holds_are_limited_not_the_sheets_extent(tmp_path):
    """Two values 32,770 rows × 130 columns apart in an .xls: 4.3 million cells for the reader
    to hold in a sheet a submission reads; refused before the reader opens it."""
    far = [[1.0] + [None] * 128 + [2.0]] + [[None]] * 32_768 + [[None] * 129 + [3.0]]
    path = ole.write_xls(tmp_path / "far.xls", {"Data": far})
    error = reject(path)
    assert error.reason == "too_large" and "32,770 rows by 130 columns" in error.message
    # the same sheet under a name no submission uses is never loaded, so costs nothing
    other = ole.write_xls(tmp_path / "other.xls", {"Sheet1": far})
    assert read_file(other)[0].reason == "not_a_submission"


def test_sheet_names_with_markup_characters_keep_their_notes(tmp_path):
    """Sheet names are read from workbook.xml quickly; '&', '<', '>' and quotes must come out as
    the reader names the sheets, or the percent note would be lost."""
    book = Workbook()
    sheet = book.active
    sheet.title = "A&B>C 'x' 数据"
    sheet.append(["code", "current"])
    sheet.append(["A", 0.5])
    sheet["B2"].number_format = "0%"
    book.save(tmp_path / "names.xlsx")
    read = read_workbook(tmp_path / "names.xlsx")
    assert [s.name for s in read.sheets] == ["A&B>C 'x' 数据"]
    assert read.sheets[0].notes == {(1, 1): "percent"}


def test_the_extent_of_values_is_the_last_row_and_column_holding_something():
    from scoring.io.xlsx_cells import valued_extent

    xml = (b'<c r="A1"><v>1</v></c><c r="XFD1048576" s="1"/><c r="AB77" t="s"><v>2</v></c>'
           b'<c r="C100"><f>1+1</f></c><c r="ZZ9" s="2"></c><c r="B5" t="inlineStr"><is><t>x</t></is></c>')
    # XFD1048576 and ZZ9 are only formatted; AB is column 28, C100 a formula
    assert valued_extent(xml) == (100, 28)
    assert valued_extent(b"<sheetData/>") == (0, 0)
