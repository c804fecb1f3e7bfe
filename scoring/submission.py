"""Reading pilots' submissions (one-project forms and many-project batch sheets).

The reader does not know which scheme applies yet (that is decided by matching), so it keeps
every value raw with its provenance; the engine parses values against the matched criteria.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from scoring.model import CellValue, IndicatorInput, Issue, Rejection, Submission
from scoring.safe_read import RawSheet, RawWorkbook, SubmissionRejected, cell_ref, read_workbook
from scoring.template import canonical_level, header_key
from scoring.values import normalise_text, plain_text, text_of

PROJECT_KEYS = {
    "project_id": ("project_id", "项目编号", "project id"),
    "name": ("name", "项目名称", "project name"),
    "level": ("level", "层级"),
    "template": ("template", "模板"),
    "template_version": ("template_version", "模板版本", "template version"),
    "region": ("region", "地区"),
    "organisation": ("organisation", "organization", "单位"),
    "year": ("year", "年份"),
    "contact": ("contact", "联系人"),
}
DATA_COLUMNS = {
    "code": ("code", "编号"),
    "indicator": ("indicator", "指标"),
    "unit": ("unit", "单位"),
    "baseline": ("baseline", "基准值"),
    "current": ("current", "现状值"),
    "evidence": ("evidence", "佐证材料"),
}
BASELINE_SUFFIX = ":baseline"


def location(source: Path | str, sheet: str, row: int, col: int) -> str:
    """Provenance of a cell as ``file:sheet!A1`` (0-based row and column)."""
    # Called for every cell read: a Path's name is cheap, building a new Path is not.
    name = source.name if isinstance(source, PurePath) else Path(source).name
    return f"{name}:{sheet}!{cell_ref(row, col)}"


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
        book = read_workbook(path)
        return read_submission_book(book)
    except SubmissionRejected as exc:
        return [Rejection(str(path), exc.reason, exc.message)]


def read_submission_book(book: RawWorkbook) -> list[Submission | Rejection]:
    """Turn an already-read workbook into submissions; see :func:`read_submission_file`."""
    batch = book.sheet("Batch", "批量")
    if batch is not None:
        return _read_batch(book.path, batch)
    project, data = book.sheet("Project", "项目"), book.sheet("Data", "数据")
    if project is None or data is None:
        missing = " and ".join(n for n, s in (("Project", project), ("Data", data)) if s is None)
        raise SubmissionRejected(
            "not_a_submission",
            f"{book.path.name}: no {missing} sheet, so this is not a SynergyPilot submission; "
            "use the form generated for the scheme (python main.py form) or a Batch sheet",
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


def _rejected(path: Path, reason: str, message: str) -> SubmissionRejected:
    return SubmissionRejected(reason, f"{path.name}: {message}")


def _base_submission(path: Path, fields: dict[str, str], where: str) -> Submission:
    project_id = normalise_text(fields.get("project_id", ""))
    if not project_id:
        raise _rejected(path, "missing_project_id", f"no project_id ({where}); fill in the project number")
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
    )


def _read_form(path: Path, project: RawSheet, data: RawSheet) -> Submission:
    fields, where = _project_fields(project)
    submission = _base_submission(
        path, fields, f"sheet {project.name}, {where.get('project_id', 'column B')}"
    )
    header = _find_data_header(data)
    if header is None:
        raise _rejected(
            path,
            "not_a_submission",
            f"sheet {data.name} has no header row with 'code' and 'current' columns in its first 10 rows",
        )
    header_row, columns = header
    for r in range(header_row + 1, len(data.rows)):
        code = text_of(data.cell(r, columns["code"]))
        if not code:
            continue
        if code in submission.inputs:
            submission.issues.append(
                Issue(
                    "warning",
                    "duplicate_code",
                    location(path, data.name, r, columns["code"]),
                    f"the code {code} appears again; the first row is used",
                )
            )
            continue
        submission.inputs[code] = IndicatorInput(
            current=_cell(path, data, r, columns["current"]),
            baseline=_cell(path, data, r, columns.get("baseline")),
            evidence=plain_text(data.cell(r, columns["evidence"])) if "evidence" in columns else "",
        )
    return submission


def _find_data_header(sheet: RawSheet) -> tuple[int, dict[str, int]] | None:
    for r in range(min(10, len(sheet.rows))):
        found: dict[str, int] = {}
        for c, value in enumerate(sheet.rows[r]):
            key = header_key(value, DATA_COLUMNS)
            if key and key not in found:
                found[key] = c
        if "code" in found and "current" in found:
            return r, found
    return None


def _cell(path: Path, sheet: RawSheet, r: int, col: int | None) -> CellValue | None:
    if col is None:
        return None
    value = sheet.cell(r, col)
    note = sheet.notes.get((r, col))
    if value is None and note is None:
        return None
    return CellValue(value, location(path, sheet.name, r, col), note)


def _batch_header(sheet: RawSheet) -> tuple[int, dict[str, int], dict[str, int], dict[str, int]] | None:
    """Header row of a Batch sheet: project fields, current-value and baseline columns."""
    for r in range(min(10, len(sheet.rows))):
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
            path, "not_a_submission", f"sheet {sheet.name} has no project_id column in its first 10 rows"
        )
    header_row, fields, currents, baselines = header
    results: list[Submission | Rejection] = []
    for r in range(header_row + 1, len(sheet.rows)):
        if all(v is None or v == "" for v in sheet.rows[r]):
            continue
        row_fields = {k: plain_text(sheet.cell(r, c)) for k, c in fields.items()}
        try:
            submission = _base_submission(path, row_fields, f"sheet {sheet.name}, row {r + 1}")
        except SubmissionRejected as exc:
            results.append(Rejection(f"{path}:{sheet.name}!{r + 1}", exc.reason, exc.message))
            continue
        for code in set(currents) | set(baselines):
            submission.inputs[code] = IndicatorInput(
                current=_cell(path, sheet, r, currents.get(code)),
                baseline=_cell(path, sheet, r, baselines.get(code)),
            )
        results.append(submission)
    return results
