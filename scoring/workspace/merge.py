"""Merging inspectors' offline workspaces into one, without losing or doubling anything.

Each inspector works for days in a private copy; the supervisor then merges the copies into a
master (``python main.py merge --into MASTER.spw A.spw B.spw``, or File ▸ Merge in the GUI).

What a merge does, source by source, each source in one transaction:

- **Schemes** must match: a scheme with the same name and version must have the same content
  hash everywhere, otherwise the whole merge is refused before anything is written (a scheme
  in use is never replaced). Schemes the master lacks are added.
- **Assessment rounds** are matched by their label (case aside); rounds the master lacks are
  added, and everything below stays in its round. A source from before rounds (format 4 or
  older) counts as the one round its upgrade would make, named after its submissions' years.
- **Submissions** are united. Every stored row has a globally unique id, so a row the master
  already holds (a copy handed out earlier) is recognised and skipped; so is the same file
  imported in both places (same file hash and values), and a version whose values equal the
  project's latest. Anything else is added as the project's next version; the latest is the
  one imported last (by its original import time).
- **Inspectors' work** (scores, overrides, their withdrawals, consensus records, evidence
  notes) is copied with its author and original timestamps. A withdrawal made later in a
  source reaches the master on the next merge. An inspector's newer score supersedes their
  older one across workspaces too, as it does within one.
- **The audit trail** of the source arrives with it (each entry keeps its time and author
  and is marked with the workspace it was written in), followed by one ``merge`` entry
  saying what this merge added.

Merging the same file again changes nothing: every row is keyed by its unique id, and a merge
that adds nothing writes nothing, not even an audit entry. Sources are only read; a source
another program has open is read as of its last committed change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from scoring.core.presentation import said
from scoring.workspace.check import DamagedRow
from scoring.workspace.facade import Workspace
from scoring.workspace.merge_report import MergeReport, SourceReport
from scoring.workspace.records import WorkspaceCorrupt, WorkspaceError, database_error
from scoring.workspace.store import check_rows
from scoring.workspace.store_merge import NOTHING_MERGED, Source, copy_source, open_source, scheme_index

#: The reports, for ``from scoring.workspace.merge import MergeReport``.
__all__ = ["MergeRefused", "MergeReport", "SourceReport", "check_schemes", "check_sources", "merge",
           "merge_into"]

Progress = Callable[[int, int, Path], bool]


class MergeRefused(WorkspaceError):
    """The merge cannot be done as asked (a scheme differs, a source is the target itself)."""


# --------------------------------------------------------------------------- sources


def _open_sources(target: Path, paths: Iterable[str | Path]) -> list[Source]:
    """Open every source (each once), refusing the target itself; all or none stay open."""
    opened: list[Source] = []
    seen: set[Path] = set()
    try:
        for raw in paths:
            path = Path(raw)
            real = path.resolve()
            if real in seen:
                continue
            if real == target.resolve():
                raise MergeRefused(said("mg_into_itself", name=path.name))
            seen.add(real)
            opened.append(open_source(path))
    except BaseException:
        for source in opened:
            source.close()
        raise
    if not opened:
        raise MergeRefused(said("mg_none"))
    return opened


# --------------------------------------------------------------------------- schemes must match


def check_schemes(target: tuple[str, sqlite3.Connection] | None, sources: list[Source]) -> None:
    """Refuse the merge when a scheme's name and version match but its content does not.

    Checked across the target and all sources before anything is written, so a refusal in
    the last source leaves the first ones unmerged too.

    Raises
    ------
    MergeRefused
        Naming the scheme, the two workspaces and what to do.
    """
    known: dict[tuple[str, str], tuple[str, str, str]] = {}  # → (hash, name, where)
    holders = ([target] if target is not None else []) + [(s.path.name, s.conn) for s in sources]
    for where, conn in holders:
        for key, (content_hash, name) in scheme_index(conn).items():
            first = known.setdefault(key, (content_hash, name, where))
            if first[0] != content_hash:
                raise MergeRefused(said("mg_scheme_changed", where=where, scheme=name, version=key[1],
                                        first=first[2], ours=content_hash[:12], theirs=first[0][:12]))


# --------------------------------------------------------------------------- merging


def merge(
    into: str | Path,
    sources: Iterable[str | Path],
    *,
    actor: str | None = None,
    progress: Progress | None = None,
) -> MergeReport:
    """Merge workspaces into ``into`` (created when it does not exist yet).

    Parameters
    ----------
    into : str or Path
        The master workspace.
    sources : iterable of str or Path
        The inspectors' workspaces (only read).
    actor : str, optional
        Recorded in the audit log for the merge (default: the operating-system user).
    progress : callable, optional
        ``progress(done, total, path)`` before each source; False cancels the rest.

    Returns
    -------
    MergeReport

    Raises
    ------
    WorkspaceError
        MergeRefused (a scheme differs, the target named as a source), or the error of a
        source or target that cannot be opened; nothing is merged in these cases.
    """
    target = Path(into)
    opened = _open_sources(target, sources)
    try:
        with _snapshots(opened):
            check_schemes(None, opened)  # before the target may be created
            check_sources(opened)
            with Workspace.open(target, create=True, read_only=False, actor=actor) as workspace:
                return _merge_opened(workspace, opened, progress)
    finally:
        for source in opened:
            source.close()


def merge_into(workspace: Workspace, sources: Iterable[str | Path],
               progress: Progress | None = None) -> MergeReport:
    """Merge workspaces into an open, writable Workspace (the GUI's open workspace)."""
    workspace.check_writable(said("mg_nothing_into_it"))
    opened = _open_sources(workspace.path, sources)
    try:
        with _snapshots(opened):
            check_sources(opened)
            return _merge_opened(workspace, opened, progress)
    finally:
        for source in opened:
            source.close()


@contextmanager
def _snapshots(opened: list[Source]) -> Iterator[None]:
    """Read each source as one snapshot, from the check of its rows to the last row merged,
    even if its owner is writing meanwhile."""
    for source in opened:
        source.begin()
    try:
        yield
    finally:
        for source in opened:
            with suppress(sqlite3.Error):
                source.end()


def check_sources(opened: list[Source]) -> None:
    """Decode every row a merge would take from each source, before anything is written.

    SQLite's check passed already (:func:`~scoring.workspace.store_merge.open_source`); this
    one reads what it cannot see, the JSON columns (scoring/workspace/check.py). A source with
    any damage is refused whole, and so is the merge: the master stays byte for byte as it was.

    Raises
    ------
    WorkspaceCorrupt
        Naming the source, the table and the project.
    """
    for source in opened:
        try:
            check_rows(source.conn, source.version)
        except DamagedRow as exc:
            raise WorkspaceCorrupt(said("mg_damaged_row", name=source.path.name, detail=exc.said,
                                        nothing=NOTHING_MERGED))
        except sqlite3.Error as exc:
            raise database_error(source.path, exc)


def _merge_opened(workspace: Workspace, opened: list[Source], progress: Progress | None) -> MergeReport:
    with workspace.store.reading() as conn:
        check_schemes((workspace.path.name, conn), opened)
    report = MergeReport(str(workspace.path))
    for done, source in enumerate(opened):
        if progress is not None and progress(done, len(opened), source.path) is False:
            report.cancelled = True
            break
        try:
            report.sources.append(_merge_source(workspace, source))
        except sqlite3.Error as exc:
            raise database_error(source.path, exc)
    return report


def _merge_source(workspace: Workspace, source: Source) -> SourceReport:
    """Merge one source in one transaction (a consistent snapshot of it, read meanwhile)."""
    report = SourceReport(str(source.path), source.workspace_id)
    with workspace.store.writing() as conn:  # the source is read in its snapshot (_snapshots)
        copy_source(conn, source, report)
        if report.changed:
            workspace.store.audit(
                conn,
                "merge",
                "merged " + report.summary(),
                detail=report.as_dict(),
            )
    return report
