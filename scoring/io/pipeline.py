"""From input paths to ranked results: expand folders, read, match to schemes, score.

This is the one sequence the CLI, the GUI's import worker and the benchmarks share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scoring.core.memory import paused_gc
from scoring.core.model import Issue, Rejection, Scheme, Submission
from scoring.core.presentation import level_label, said, scheme_label
from scoring.core.shown_paths import told_apart
from scoring.core.values import normalise_text
from scoring.io.template import TemplateError, load_template

if TYPE_CHECKING:  # the engine (numpy) and the readers (multiprocessing) load when something is
    # scored or read: an empty run, as the desktop window holds before its workspace opens, needs
    # neither (issue 19: start-up)
    from scoring.core.results import ProjectResult
    from scoring.io.importer import ImportOptions

#: What a folder scan takes: every kind the reader reads (.xlsb through python-calamine, the
#: templates .xltx/.xltm as workbooks) and .numbers, so that its sender is told to export it.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".ods", ".numbers")


@dataclass(frozen=True)
class SkippedFile:
    """A file found in a folder and not read, with why (English and Chinese)."""

    path: str
    message: str
    message_zh: str

    def as_dict(self) -> dict:
        return {"path": self.path, "message": self.message, "message_zh": self.message_zh}

    def text(self, lang: str) -> str:
        """Why the file was not read, in Chinese (``zh``) or English."""
        return self.message_zh if lang == "zh" and self.message_zh else self.message


@dataclass
class AssessmentRun:
    """The outcome of one scoring run."""

    schemes: list[Scheme]
    projects: list[ProjectResult] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    #: The assessment round scored (its label and year), when scored from a workspace.
    round: str = ""
    round_year: str = ""
    #: Files of the input folders that were not read (not a spreadsheet's name, lock files).
    skipped: list[SkippedFile] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The run as JSON-ready data, each project with its points lost, gap and paths."""
        data = self.json_document()
        with paused_gc():  # a few small objects per project over a heap of results, none cyclic
            data["projects"] = list(data["projects"])
        return data

    def json_document(self) -> dict:
        """:meth:`as_dict` with ``projects`` an iterator: each project's dict is made when it
        is read, so a writer can write and drop it (scoring/io/json_stream.py)."""
        from scoring.core.explain import explained_dicts

        data: dict[str, object] = {
            "schemes": [s.summary() for s in self.schemes],
            "projects": explained_dicts(self.schemes, self.projects),
            "rejected": [r.as_dict() for r in self.rejected],
            "skipped": [s.as_dict() for s in self.skipped],
        }
        if self.round:
            data["round"] = {"label": self.round, "year": self.round_year}
        return data

    def projects_of(self, scheme: Scheme) -> list[ProjectResult]:
        """The scheme's projects ordered by rank (then by project id for equal ranks)."""
        mine = [p for p in self.projects if p.scheme == scheme.name and p.scheme_version == scheme.version]
        return sorted(mine, key=lambda p: (p.rank, p.project_id))


def scheme_key(scheme: Scheme) -> tuple[str, str]:
    """What identifies a scheme among those loaded: its name and version."""
    return scheme.name, scheme.version


def load_schemes(paths: Iterable[str | Path]) -> list[Scheme]:
    """Load several templates; raise one TemplateError listing every problem of every file.

    The reader processes start meanwhile: files are read next, almost always.
    """
    from scoring.io.importer import start_readers_early

    start_readers_early()
    schemes: list[Scheme] = []
    errors: list[TemplateError] = []
    for path in paths:
        try:
            schemes.append(load_template(path))
        except TemplateError as exc:
            errors.append(exc)
    if errors:
        raise TemplateError.of_several(errors)
    _check_unique_names(schemes)
    return schemes


def _check_unique_names(schemes: list[Scheme]) -> None:
    from scoring.io.template import TemplateProblem

    seen: dict[tuple[str, str], Scheme] = {}
    for scheme in schemes:
        key = (scheme.name.casefold(), scheme.version)
        if key in seen:
            twice = said("tp_scheme_twice", scheme=repr(scheme.name), version=scheme.version,
                         other=seen[key].source)
            problem = TemplateProblem("Scheme", "", twice, Path(scheme.source).name)
            raise TemplateError(scheme.source, [problem])
        seen[key] = scheme


def is_lock_file(path: Path) -> bool:
    """Excel's and LibreOffice's lock files (``~$name.xlsx``, ``.~lock.name#``)."""
    return path.name.startswith("~$") or path.name.startswith(".~lock.")


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders searched recursively for spreadsheets, sorted by path.

    A file named explicitly is always kept, whatever its extension, so that its rejection is
    reported; see :func:`scan_inputs` for what a folder scan leaves out.
    """
    return scan_inputs(inputs)[0]


def scan_inputs(inputs: Iterable[str | Path]) -> tuple[list[Path], list[SkippedFile]]:
    """:func:`expand_inputs`, and every file of the folders that was not taken, with why.

    Lock files and files without a spreadsheet's extension are not read; a file named
    explicitly is always taken, except a lock file.
    """
    files: list[Path] = []
    skipped: list[SkippedFile] = []
    for item in inputs:
        path = Path(item)
        if not path.is_dir():
            if is_lock_file(path):
                skipped.append(_skipped_lock_file(path))
            else:
                files.append(path)
            continue
        if path.suffix.lower() == ".numbers":  # a Numbers document saved as a folder, given itself
            skipped.append(_skipped_numbers_bundle(path))
            continue
        bundles = sorted(p for p in path.rglob("*.numbers") if p.is_dir())
        skipped.extend(_skipped_numbers_bundle(b) for b in bundles)
        for found in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(bundle in found.parents for bundle in bundles):
                continue  # a part of a Numbers document, listed once above
            if is_lock_file(found):
                skipped.append(_skipped_lock_file(found))
            elif found.suffix.lower() in SPREADSHEET_SUFFIXES:
                files.append(found)
            else:
                skipped.append(_skipped_by_name(found))
    return files, skipped


def _skipped_lock_file(path: Path) -> SkippedFile:
    return SkippedFile(str(path), f"{path.name}: not read: a lock file that Excel, WPS or LibreOffice "
                       "keeps while a workbook is open; nothing to do (close the workbook to remove it)",
                       f"{path.name}：未读取：Excel、WPS 或 LibreOffice 在工作簿打开时保留的锁定文件；"
                       "无需处理（关闭该工作簿即会删除）")


def _skipped_numbers_bundle(path: Path) -> SkippedFile:
    return SkippedFile(str(path), f"{path.name}: not read: an Apple Numbers document; in Numbers choose "
                       "File > Export To > Excel, and add the .xlsx",
                       f"{path.name}：未读取：这是 Apple Numbers 文档；请在 Numbers 中选择 文件 > 导出为 > "
                       "Excel，再添加导出的 .xlsx")


def _skipped_by_name(path: Path) -> SkippedFile:
    kind = path.suffix.lower() or "no extension"
    kind_zh = path.suffix.lower() or "无扩展名"
    known = ", ".join(SPREADSHEET_SUFFIXES[:-1])
    return SkippedFile(str(path), f"{path.name}: not read: {kind} is not a spreadsheet kind the importer "
                       f"reads ({known}); if it is a table (e.g. CSV), open it in Excel or WPS, save it as "
                       ".xlsx and add that",
                       f"{path.name}：未读取：{kind_zh} 不是可导入的电子表格类型（{known}）；"
                       "如果是表格（例如 CSV），请用 Excel 或 WPS 打开，另存为 .xlsx 后再添加")


def match_scheme(submission: Submission, schemes: list[Scheme]) -> Scheme | Rejection:
    """The scheme a submission belongs to, by its template name (and version), else by level."""
    if submission.template:
        named = schemes_named(submission.template, schemes)
        if submission.template_version:
            named = [s for s in named if s.version == submission.template_version]
        if len(named) == 1:
            return named[0]
        version = f" version {submission.template_version}" if submission.template_version else ""
        version_zh = f" 版本 {submission.template_version}" if submission.template_version else ""
        return _no_match(
            submission,
            f"names the template {submission.template!r}{version}, "
            f"which is not loaded (loaded: {_loaded(schemes)})",
            f"指定的模板 {submission.template!r}{version_zh} 未载入（已载入：{_loaded(schemes, 'zh')}）",
        )
    by_level = [s for s in schemes if s.level == submission.level]
    if len(by_level) == 1:
        return by_level[0]
    if not by_level:
        return _no_match(
            submission,
            f"has level {submission.level!r} and no loaded scheme is "
            f"for that level (loaded: {_loaded(schemes)})",
            f"的层级为 {submission.level!r}，没有载入该层级的评估方案（已载入：{_loaded(schemes, 'zh')}）",
        )
    return _no_match(
        submission,
        f"has level {submission.level!r}, which several loaded schemes "
        "share; fill in the template name in the Project sheet",
        f"的层级为 {submission.level!r}，有多个已载入的评估方案属于该层级；请在 Project 工作表中填写模板名称",
    )


def schemes_named(name: str, schemes: Sequence[Scheme]) -> list[Scheme]:
    """The schemes a form's or a user's ``name`` stands for, case and width ignored.

    A scheme whose ``name`` it is wins over one that only answers to it by another of its
    :attr:`~scoring.core.model.Scheme.template_names`, so a workspace holding a template from before
    ``name_zh`` beside its successor still finds the one the name was written for.
    """
    wanted = normalise_text(name).casefold()
    exact = [s for s in schemes if normalise_text(s.name).casefold() == wanted]
    return exact or [
        s for s in schemes if any(normalise_text(n).casefold() == wanted for n in s.template_names[1:])
    ]


def _loaded(schemes: list[Scheme], lang: str = "en") -> str:
    """The loaded schemes by name, version and level (in Chinese for ``zh``)."""
    if lang == "zh":
        return "；".join(f"{scheme_label(s, lang)} {s.version}（{level_label(s.level, lang)}）"
                        for s in schemes) or "无"
    return "; ".join(f"{s.name} {s.version} ({s.level})" for s in schemes) or "none"


def _no_match(submission: Submission, what: str, what_zh: str) -> Rejection:
    name = Path(submission.source).name
    # the field that decided: the template's name when given, else the level
    cells = submission.field_cells
    decided = cells.get("template" if submission.template else "level")
    sheet, cell = decided or cells.get("project_id", ("", ""))
    return Rejection(
        submission.source,
        "no_matching_template",
        f"{name}: project {submission.project_id} {what}",
        f"{name}：项目 {submission.project_id} {what_zh}",
        sheet,
        cell,
    )


def note_unknown_codes(submission: Submission, scheme: Scheme) -> None:
    """Warn (``unknown_code``) on each row of ``submission`` whose code ``scheme`` does not have."""
    known = scheme.code_set
    # only the unknown rows are looked up: a form's inputs build an entry per lookup
    for code in [c for c in submission.inputs if c not in known]:
        entry = submission.inputs[code]
        where = entry.current.location if entry.current else submission.source
        submission.issues.append(
            Issue(
                "warning",
                "unknown_code",
                where,
                f"the code {code} is not in the scheme {scheme.name}; the row is ignored",
                f"编号 {code} 不在评估方案 {scheme.name} 中；该行未计分",
            )
        )


def read_and_match(
    files: list[Path],
    schemes: list[Scheme],
    progress: Callable[[int, int, Path], bool] | None = None,
    *,
    options: ImportOptions | None = None,
    on_match: Callable[[Scheme, Submission], None] | None = None,
    while_starting: Callable[[], None] | None = None,
) -> tuple[dict[tuple[str, str], list[Submission]], list[Rejection]]:
    """Read each file and assign its submissions to schemes, refusing duplicates.

    Files are read in worker processes (see :mod:`scoring.io.importer`) but handled here in
    input order, so the first submission of a project by input order is the one kept.

    Parameters
    ----------
    progress : callable, optional
        Called as ``progress(done, total, path)`` before each file; returning False cancels.
    options : ImportOptions, optional
        Workers, time limit per file and size limits; the defaults suit a desktop import.
    on_match : callable, optional
        Called as ``on_match(scheme, submission)`` for each submission kept, in the order
        they are added to the scheme's list, while the readers go on with the next files.
    while_starting : callable, optional
        Called once while the readers start (in a thread of their own), before the first
        file is handled: to load what ``on_match`` needs meanwhile.
    """
    from scoring.io.importer import FileReader

    by_scheme: dict[tuple[str, str], list[Submission]] = {scheme_key(s): [] for s in schemes}
    seen: dict[tuple[str, str], str] = {}
    rejected: list[Rejection] = []
    # the collector paused: each file brings hundreds of small objects, none of them cyclic
    with FileReader(files, options) as reader, paused_gc():
        if while_starting is not None:
            reader.start()
            while_starting()
        for index, path in enumerate(files):
            if progress is not None and progress(index, len(files), path) is False:
                break
            _assign(reader.result(index), schemes, by_scheme, seen, rejected, on_match)
    return by_scheme, rejected


def duplicate_refusal(item: Submission, first: str, *, this_import: bool = False) -> Rejection:
    """The refusal of ``item``, whose project the file ``first`` submitted earlier in the run (or
    import), at its project ID's cell.

    Both files are named so that they can be told apart (same-named forms of two folders show
    their folders); ``this_import`` says the earlier one came in the same workspace import.
    """
    again, before = told_apart(item.source, first)
    during, during_zh = (" in this import", "本次导入的") if this_import else ("", "")
    sheet, cell = item.field_cells.get("project_id", ("", ""))
    return Rejection(
        item.source,
        "duplicate_project",
        f"{again}: project {item.project_id} was already submitted in {before}{during}; "
        "the first one is kept",
        f"{again}：项目 {item.project_id} 已在{during_zh} {before} 中提交过；保留第一份",
        sheet,
        cell,
    )


def _assign(items, schemes, by_scheme, seen, rejected, on_match=None) -> None:
    """Match one file's submissions to schemes; refusals and duplicates go to ``rejected``."""
    for item in items:
        if isinstance(item, Rejection):
            rejected.append(item)
            continue
        scheme = match_scheme(item, schemes)
        if isinstance(scheme, Rejection):
            rejected.append(scheme)
            continue
        key = (*scheme_key(scheme), item.project_id)
        if key in seen:
            rejected.append(duplicate_refusal(item, seen[key]))
            continue
        seen[key] = item.source
        note_unknown_codes(item, scheme)
        by_scheme[scheme_key(scheme)].append(item)
        if on_match is not None:
            on_match(scheme, item)


def run(
    template_paths: Iterable[str | Path],
    inputs: Iterable[str | Path],
    assessments: dict | None = None,
    progress: Callable[[int, int, Path], bool] | None = None,
    *,
    options: ImportOptions | None = None,
) -> AssessmentRun:
    """Load templates, read inputs and score everything; see the CLI's ``score`` command.

    ``options`` says how files are read (workers, time limit, size limits; see
    :class:`~scoring.io.importer.ImportOptions`), the importer's defaults when not given.

    Raises
    ------
    TemplateError
        When any template is invalid (nothing is scored then).
    """
    schemes = load_schemes(template_paths)
    files, skipped = scan_inputs(inputs)
    result = score_files(schemes, files, assessments, progress, options=options)
    result.skipped = skipped
    return result


def score_files(schemes, files, assessments=None, progress=None, *,
                options: ImportOptions | None = None) -> AssessmentRun:
    """Read, match and score already-expanded files against loaded schemes (``options`` as
    for :func:`run`)."""
    parsed: dict[tuple[str, str], list] = {scheme_key(s): [] for s in schemes}
    parse = []

    def load_the_engine() -> None:
        # numpy and the engine load while the readers start (they wait for the fork server)
        from scoring.core.inputs import parse_submission

        parse.append(parse_submission)

    def parse_while_reading(scheme: Scheme, submission: Submission) -> None:
        # The parent would otherwise wait for the readers, then parse everything alone.
        parsed[scheme_key(scheme)].append(parse[0](scheme, submission))

    by_scheme, rejected = read_and_match(files, schemes, progress, options=options,
                                         on_match=parse_while_reading, while_starting=load_the_engine)
    from scoring.core.engine import score_scheme

    result = AssessmentRun(schemes=schemes, rejected=rejected)
    # the collector paused, as when a workspace scores: it would walk the 10,000 forms just read
    # again and again while their results are made (scoring them took 1.2 s instead of 0.5 s)
    with paused_gc():
        for scheme in schemes:
            key = scheme_key(scheme)
            result.projects.extend(score_scheme(scheme, by_scheme[key], assessments, parsed[key]))
    return result
