"""Reading pilots' submissions (one-project forms and many-project batch sheets).

The reader does not know which scheme applies yet (that is decided by matching), so it keeps
every value raw with its provenance; the engine parses values against the matched criteria.
"""

from __future__ import annotations

from pathlib import Path

from scoring.core.model import Issue, Rejection, SheetInputs, Submission
from scoring.core.presentation import DATA_COLUMN_ZH, PROJECT_FIELD_ZH
from scoring.core.values import normalise_text, plain_text, text_of
from scoring.io.safe_read import (
    RawSheet,
    RawWorkbook,
    SheetFilter,
    SubmissionRejected,
    cell_ref,
    column_letter,
    read_workbook,
)
from scoring.io.template import canonical_level, header_key

#: Spellings a hand-made Project sheet or a batch header may use besides a field's key and its
#: Chinese name (the catalogue's PROJECT_FIELD_ZH, which the blank form prints).
OTHER_SPELLINGS = {
    "project_id": ("project id",),
    "name": ("project name",),
    "template_version": ("template version",),
    "organisation": ("organization",),
}
#: The headers each Project field is found under: its key, other spellings, its Chinese name.
PROJECT_KEYS = {key: (key, *OTHER_SPELLINGS.get(key, ()), zh) for key, zh in PROJECT_FIELD_ZH.items()}
#: The headers each Data column is found under: its key and its Chinese name.
DATA_COLUMNS = {key: (key, zh) for key, zh in DATA_COLUMN_ZH.items()}
BASELINE_SUFFIX = ":baseline"
#: The header row of a Data or Batch sheet must be within this many rows from the top.
HEADER_ROWS = 10
#: The sheets a submission is read from (a Criteria sheet tells a scheme template sent by
#: mistake); the cells of any other sheet are never read.
SUBMISSION_SHEETS = ("Project", "项目", "Data", "数据", "Batch", "批量", "Criteria")


def read_submission_file(path: str | Path) -> list[Submission | Rejection]:
    """Read one submission file into submissions (a form gives one, a batch sheet many).

    Returns
    -------
    list of Submission or Rejection
        A file refused as a whole gives a single Rejection; a batch row without a project_id
        gives a Rejection for that row only.
    """
    path = Path(path)
    try:
        book = read_workbook(path, sheets=SHEETS)
        return read_submission_book(book)
    except SubmissionRejected as exc:
        return [rejection_of(path, exc)]


def rejection_of(source: str | Path, exc: SubmissionRejected) -> Rejection:
    """The Rejection of a file (or batch row, ``source``) a reader refused, with its sheet and cell."""
    return Rejection(str(source), exc.reason, exc.message, exc.message_zh, exc.sheet, exc.cell)


def _has_submission_layout(name: str, head: list[list[object]]) -> bool:
    """Whether a sheet's first rows hold a header a submission reader uses; a Data or Batch
    sheet without one is refused whatever lies below, so it is read no further."""
    key = name.strip().casefold()
    if key in ("data", "数据"):
        return _find_data_header(RawSheet(name, head)) is not None
    if key in ("batch", "批量"):
        return _batch_header(RawSheet(name, head)) is not None
    return True


#: What :func:`scoring.io.safe_read.read_workbook` takes into Python for a submission.
SHEETS = SheetFilter(frozenset(n.casefold() for n in SUBMISSION_SHEETS), _has_submission_layout, HEADER_ROWS)


def read_submission_book(book: RawWorkbook) -> list[Submission | Rejection]:
    """Turn an already-read workbook into submissions; see :func:`read_submission_file`."""
    batch = book.sheet("Batch", "批量")
    if batch is not None:
        return _read_batch(book.path, batch)
    project, data = book.sheet("Project", "项目"), book.sheet("Data", "数据")
    if (project is None or data is None) and book.sheet("Criteria") is not None:
        raise SubmissionRejected(
            "not_a_submission",
            f"{book.path.name}: this is an assessment scheme template (it has a Criteria sheet), not a "
            "submission; load it as a template (--template on the command line, the Templates tab "
            "in the app)",
            f"{book.path.name}：这是评估方案模板（含 Criteria 工作表），不是申报文件；请作为模板载入"
            "（命令行用 --template，应用中用“模板”页）",
        )
    if project is None or data is None:
        missing = [n for n, s in (("Project", project), ("Data", data)) if s is None]
        raise SubmissionRejected(
            "not_a_submission",
            f"{book.path.name}: no {' and '.join(missing)} sheet, so this is not a SynergyPilot "
            "submission; use the form generated for the scheme (python main.py form) or a Batch sheet",
            f"{book.path.name}：没有 {'、'.join(missing)} 工作表，不是 SynergyPilot 申报文件；"
            "请使用按评估方案生成的申报表（python main.py form）或 Batch 批量表",
        )
    return [_read_form(book.path, project, data)]


def _project_fields(sheet: RawSheet) -> tuple[dict[str, str], dict[str, str]]:
    """Key/value rows of the Project sheet → (values, locations) by canonical key.

    The key may stand in any of the first three columns (English or Chinese label); its value
    is the cell to its right.
    """
    values: dict[str, str] = {}
    where: dict[str, str] = {}
    for r in range(len(sheet.rows)):
        row = sheet.rows[r]
        for c in range(min(len(row), 3)):
            key = header_key(row[c], PROJECT_KEYS)
            if key is None or key in values:
                continue
            values[key] = plain_text(sheet.cell(r, c + 1))
            where[key] = cell_ref(r, c + 1)
            break
    return values, where


def _rejected(path: Path, reason: str, message: str, message_zh: str, sheet: str = "",
              cell: str = "") -> SubmissionRejected:
    return SubmissionRejected(reason, f"{path.name}: {message}", f"{path.name}：{message_zh}", sheet, cell)


def _base_submission(path: Path, fields: dict[str, str], where: tuple[str, str],
                     cells: dict[str, tuple[str, str]]) -> Submission:
    """The project fields of a submission; ``where`` says where the project_id should be
    (in English and in Chinese), ``cells`` where each field was found (sheet, cell)."""
    project_id = normalise_text(fields.get("project_id", ""))
    if not project_id:
        sheet, cell = cells.get("project_id", ("", ""))
        raise _rejected(path, "missing_project_id", f"no project_id ({where[0]}); fill in the project number",
                        f"没有项目编号（{where[1]}）；请填写项目编号", sheet, cell)
    level_text = fields.get("level", "")
    return Submission(
        project_id=project_id,
        name=fields.get("name", ""),
        level=canonical_level(level_text) or normalise_text(level_text),
        source=str(path),
        template=fields.get("template", ""),
        template_version=fields.get("template_version", ""),
        region=fields.get("region", ""),
        organisation=fields.get("organisation", ""),
        year=fields.get("year", ""),
        contact=fields.get("contact", ""),
        field_cells=cells,
    )


def _read_form(path: Path, project: RawSheet, data: RawSheet) -> Submission:
    fields, where = _project_fields(project)
    cell = where.get("project_id")
    field_cells = {key: (project.name, ref) for key, ref in where.items()}
    field_cells.setdefault("project_id", (project.name, ""))  # no label: the sheet is still known
    submission = _base_submission(path, fields, (f"sheet {project.name}, {cell or 'column B'}",
                                                 f"工作表 {project.name}，{cell or 'B 列'}"), field_cells)
    header = _find_data_header(data)
    if header is None:
        raise _rejected(
            path,
            "not_a_submission",
            f"sheet {data.name} has no header row with 'code' and 'current' columns in its first 10 rows",
            f"工作表 {data.name} 的前 10 行中没有含“编号”(code) 和“现状值”(current) 列的表头行",
            data.name,
        )
    header_row, columns = header
    cells = _SheetCells(path, data)
    first = header_row + 1
    code_col = columns["code"]
    kept: list[int] = []
    codes: list[str] = []
    seen: set[str] = set()
    for k, value in enumerate(cells.column(code_col, first)):
        code = text_of(value)
        if not code:
            continue
        if code in seen:
            submission.issues.append(
                Issue("warning", "duplicate_code", cells.location(first + k, code_col),
                      f"the code {code} appears again; the first row is used",
                      f"编号 {code} 重复出现；以第一行为准")
            )
            continue
        seen.add(code)
        codes.append(code)
        kept.append(k)
    rows = [first + k for k in kept]
    # plain_text of each, its common case (text) inline
    evidence = [v.strip() if type(v) is str else plain_text(v)
                for v in cells.pick(columns.get("evidence"), rows)]
    submission.inputs = SheetInputs(
        codes,
        rows,
        cells.prefix,
        cells.form_column(columns["current"], rows),
        cells.form_column(columns["baseline"], rows) if "baseline" in columns else None,
        evidence,
    )
    return submission


class _SheetCells:
    """One sheet's cells with their provenance, for the readers' per-row loops.

    Every value read carries its location (``file:sheet!A1``); building that string is most of
    the cost of reading a cell, so its file and sheet part is built once per sheet.
    """

    def __init__(self, path: Path, sheet: RawSheet):
        self.sheet = sheet
        self.rows = sheet.rows
        self.notes = sheet.notes
        self.prefix = f"{path.name}:{sheet.name}!"

    def value(self, r: int, col: int | None) -> object:
        """Value at 0-based (r, col); None for a blank cell, outside the grid or no column."""
        return None if col is None else self.sheet.cell(r, col)

    def location(self, r: int, col: int) -> str:
        return f"{self.prefix}{column_letter(col)}{r + 1}"

    def column(self, col: int | None, first: int) -> list[object]:
        """The values of column ``col`` from row ``first`` down ("" for a blank cell)."""
        rows = self.rows[first:]
        if col is None:
            return [None] * len(rows)
        try:  # calamine's grid is a rectangle: every row is long enough
            return [row[col] for row in rows]
        except IndexError:  # rows of other lengths (a reader's note written past the grid)
            return [row[col] if col < len(row) else None for row in rows]

    def pick(self, col: int | None, rows: list[int]) -> list[object]:
        """The values of column ``col`` in the given rows ("" for a blank cell)."""
        if col is None:
            return [None] * len(rows)
        grid = self.rows
        try:
            return [grid[r][col] for r in rows]
        except IndexError:
            return [self.sheet.cell(r, col) for r in rows]

    def form_column(self, col: int, rows: list[int]) -> tuple:
        """``(letter, values, notes)`` of column ``col`` in the given rows, for SheetInputs."""
        notes = None
        if self.notes:
            notes = [self.notes.get((r, col)) for r in rows]
            if not any(note is not None for note in notes):
                notes = None
        return column_letter(col), self.pick(col, rows), notes


def _find_data_header(sheet: RawSheet) -> tuple[int, dict[str, int]] | None:
    for r in range(min(HEADER_ROWS, len(sheet.rows))):
        found: dict[str, int] = {}
        for c, value in enumerate(sheet.rows[r]):
            key = header_key(value, DATA_COLUMNS)
            if key and key not in found:
                found[key] = c
        if "code" in found and "current" in found:
            return r, found
    return None


def _batch_header(sheet: RawSheet) -> tuple[int, dict[str, int], dict[str, int], dict[str, int]] | None:
    """Header row of a Batch sheet: project fields, current-value and baseline columns."""
    for r in range(min(HEADER_ROWS, len(sheet.rows))):
        fields: dict[str, int] = {}
        currents: dict[str, int] = {}
        baselines: dict[str, int] = {}
        for c, value in enumerate(sheet.rows[r]):
            key = header_key(value, PROJECT_KEYS)
            text = text_of(value)
            if key is not None:
                fields.setdefault(key, c)
            elif text.casefold().endswith(BASELINE_SUFFIX):
                baselines.setdefault(text[: -len(BASELINE_SUFFIX)].strip(), c)
            elif text:
                currents.setdefault(text, c)
        if "project_id" in fields:
            return r, fields, currents, baselines
    return None


def _read_batch(path: Path, sheet: RawSheet) -> list[Submission | Rejection]:
    header = _batch_header(sheet)
    if header is None:
        raise _rejected(
            path, "not_a_submission", f"sheet {sheet.name} has no project_id column in its first 10 rows",
            f"工作表 {sheet.name} 的前 10 行中没有项目编号 (project_id) 列", sheet.name,
        )
    header_row, fields, currents, baselines = header
    cells = _SheetCells(path, sheet)
    codes = list(dict.fromkeys([*currents, *baselines]))  # in the sheet's column order
    # Shared by every row's SheetInputs: a batch's rows cross from the reader in one pickle,
    # which keeps each shared list once.
    current = _BatchColumns(cells, [currents.get(code) for code in codes])
    baseline = _BatchColumns(cells, [baselines.get(code) for code in codes]) if baselines else None
    no_evidence = [""] * len(codes)
    results: list[Submission | Rejection] = []
    for r in range(header_row + 1, len(sheet.rows)):
        if all(v is None or v == "" for v in sheet.rows[r]):
            continue
        row_fields = {k: plain_text(cells.value(r, c)) for k, c in fields.items()}
        row_cells = {k: (sheet.name, cell_ref(r, c)) for k, c in fields.items()}
        try:
            submission = _base_submission(
                path, row_fields, (f"sheet {sheet.name}, row {r + 1}", f"工作表 {sheet.name}，第 {r + 1} 行"),
                row_cells,
            )
        except SubmissionRejected as exc:
            results.append(rejection_of(f"{path}:{sheet.name}!{r + 1}", exc))
            continue
        submission.inputs = SheetInputs(
            codes, [r] * len(codes), cells.prefix, current.of_row(r),
            None if baseline is None else baseline.of_row(r), no_evidence,
        )
        results.append(submission)
    return results


class _BatchColumns:
    """The columns of one kind of value (current or baseline) of a Batch sheet, one per code."""

    def __init__(self, cells: _SheetCells, columns: list[int | None]):
        self.cells = cells
        self.columns = columns
        self.letters = ["" if c is None else column_letter(c) for c in columns]

    def of_row(self, r: int) -> tuple:
        """``(letters, values, notes)`` of row ``r``, for SheetInputs."""
        value, notes = self.cells.value, self.cells.notes
        values = [value(r, c) for c in self.columns]
        row_notes = [None if c is None else notes.get((r, c)) for c in self.columns] if notes else None
        return self.letters, values, row_notes
