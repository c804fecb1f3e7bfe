"""The engine runs without Qt: scoring/ never imports it, directly or through a dependency."""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qtpy")


def test_scoring_source_never_imports_qt():
    offenders = []
    for path in (ROOT / "scoring").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")) and any(q in stripped for q in QT_MODULES):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {stripped}")
    assert offenders == []


def test_importing_every_scoring_module_loads_no_qt():
    modules = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                     for p in (ROOT / "scoring").rglob("*.py"))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"print([q for q in {QT_MODULES!r} if q in sys.modules])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


# ------------------------------------------------- docs/architecture.md and the docs agree with the tree

ARCHITECTURE = ROOT / "docs" / "architecture.md"
#: A folder's heading in docs/architecture.md, "**`scoring/core/` — ...", and a row of its table.
FOLDER_HEADING = re.compile(r"^\*\*`((?:scoring|gui)(?:/[\w]+)*)/`")
MODULE_ROW = re.compile(r"^\| `([\w/]+\.py)` \|")


def modules_in_tree() -> set[str]:
    """Every module of scoring/ and gui/ but the packages' __init__.py, as a path from the root."""
    return {p.relative_to(ROOT).as_posix() for package in ("scoring", "gui")
            for p in (ROOT / package).rglob("*.py") if p.name != "__init__.py"}


def modules_in_architecture() -> list[str]:
    """Every module docs/architecture.md lists: a table row under its folder's bold heading."""
    listed, folder = [], None
    for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines():
        heading = FOLDER_HEADING.match(line)
        if heading:
            folder = heading.group(1)
        row = MODULE_ROW.match(line)
        if row and folder:
            listed.append(f"{folder}/{row.group(1)}")
    return listed


def test_architecture_lists_every_module_once_and_nothing_that_is_gone():
    listed = modules_in_architecture()
    tree = modules_in_tree()
    missing = sorted(tree - set(listed))
    gone = sorted(set(listed) - tree)
    twice = sorted({m for m in listed if listed.count(m) > 1})
    assert missing == [], ("add a line `| `name.py` | what it does |` to the table under the folder's "
                           f"heading in docs/architecture.md for: {missing}")
    assert gone == [], f"docs/architecture.md lists modules that no longer exist: {gone}"
    assert twice == [], f"docs/architecture.md lists these modules twice: {twice}"


def test_the_architecture_check_sees_a_missing_and_a_gone_module():
    """The check above reads the tables as written: a real module is found, a made-up one is not."""
    listed = set(modules_in_architecture())
    assert {"scoring/core/model.py", "scoring/reports/charts/kinds.py", "gui/views/common.py"} <= listed
    assert "scoring/core/nothing_here.py" not in modules_in_tree() | listed


def test_every_scoring_module_is_on_the_type_checkers_allow_list():
    """`make lint` runs mypy on the files of pyproject's [tool.mypy]: every module of scoring/ is
    among them, so a new one is checked from its first commit (CONTRIBUTING.md)."""
    import tomllib

    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    checked = set(settings["tool"]["mypy"]["files"])
    scoring = {p.relative_to(ROOT).as_posix() for p in (ROOT / "scoring").rglob("*.py")}
    assert sorted(scoring - checked) == [], "add these to [tool.mypy] files in pyproject.toml (kept sorted)"
    assert "scoring/core/model.py" in checked and "scoring/core/nothing_here.py" not in checked


def test_every_module_opens_with_a_docstring_saying_why_it_exists():
    """A module's first statement is its docstring, a sentence or more (a bare name says no why)."""
    short = []
    for path in sorted((ROOT / "scoring").rglob("*.py")) + sorted((ROOT / "gui").rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if not doc or len(doc.split()) < MIN_DOCSTRING_WORDS:
            short.append(path.relative_to(ROOT).as_posix())
    assert not short, "give these modules a docstring that says why they exist:\n" + "\n".join(short)


MIN_DOCSTRING_WORDS = 8

#: A citation of a section of a document of the repository: docs/method.md, "Synergy" (also
#: docs/method.md "X", docs/method.md ("X"), docs/method.md, section "X", docs/method.md's section
#: "X"), possibly across a comment's line break.
CITATION = re.compile(r"""(docs/[\w./-]+\.md)(?:'s section|,? section|,|\s*\(section|\s*\()?"""
                      r"""\s*(?:#\s*)?["“]([^"”\n]+)["”]""")
#: A path of a document or a module of the repository, cited anywhere.
DOC_PATH = re.compile(r"\bdocs/[\w./-]+\.md\b|\b(?:scoring|gui|tests|bench|packaging)/[\w/]+\.py\b")
CITING_FOLDERS = ("scoring", "gui", "tests", "bench", "packaging", "templates/source", "docs", "assets")
CITING_FILES = ("main.py", "Makefile", "README.md", "CONTRIBUTING.md", "pyproject.toml")


def citing_files() -> list[Path]:
    """Every file of ours that may cite a document: code, tests, docs, template sources, build."""
    files = [ROOT / name for name in CITING_FILES]
    for folder in CITING_FOLDERS:
        files += [p for p in sorted((ROOT / folder).rglob("*"))
                  if p.suffix in (".py", ".md", ".toml") and p.is_file()]
    return [p for p in files if p != Path(__file__)]  # this file writes citations as examples


def section_names(doc: Path) -> set[str]:
    """A document's headings, whole and each half of "English · 中文"."""
    names = set()
    for line in doc.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and line.lstrip("#").startswith(" "):
            heading = line.lstrip("#").strip()
            names |= {heading, *(part.strip() for part in heading.split(" · "))}
    return names


def test_every_cited_document_and_section_exists():
    """Code and docs cite documents and modules of the repository by path, sections by heading."""
    wrong = []
    for path in citing_files():
        source = path.read_text(encoding="utf-8", errors="replace")
        where = path.relative_to(ROOT).as_posix()
        for cited in set(DOC_PATH.findall(source)):
            if not (ROOT / cited).is_file():
                wrong.append(f"{where}: {cited} does not exist")
        for match in CITATION.finditer(source):
            doc, section = ROOT / match.group(1), match.group(2)
            if doc.is_file() and section not in section_names(doc):
                line = source.count("\n", 0, match.start()) + 1
                wrong.append(f'{where}:{line}: {match.group(1)} has no section "{section}"')
    assert not wrong, "\n".join(wrong)


def test_the_citation_check_reads_the_forms_the_code_uses():
    """Each way the code cites a section is read as one citation of that section."""
    for written in ('docs/method.md, "Synergy"', 'docs/method.md "Synergy"', 'docs/method.md ("Synergy")',
                    'docs/method.md, section "Synergy"', "docs/method.md's section \"Synergy\"",
                    'docs/method.md,\n    # "Synergy"'):
        assert [m.groups() for m in CITATION.finditer(written)] == [("docs/method.md", "Synergy")], written
    assert "Synergy" in section_names(ROOT / "docs" / "method.md")
    assert "协同指数" in section_names(ROOT / "docs" / "method.md")


def test_nothing_cites_a_document_outside_the_repository():
    """The spec is docs/method.md: no comment sends the reader to a file that is not here."""
    outside = re.compile(r"domain\.md|\.\./shared|/work/shared")
    found = [f"{p.relative_to(ROOT).as_posix()}:{n}" for p in citing_files()
             for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
             if outside.search(line)]
    assert found == []


# --------------------------------------------------------------------------- private names (issue 16)

#: Underscored names that their library documents as public: ``os._exit`` (exit without
#: clean-up, for a child process), openpyxl's anchor ``_from`` (its spelling of the XML's
#: ``from``, a Python keyword), and namedtuple's methods, underscored so as not to clash with
#: field names.
PUBLIC_UNDERSCORED = frozenset({"_exit", "_from", "_asdict", "_replace", "_fields", "_make"})
#: Where the rule holds: the application, its tests and its benchmarks.
CHECKED = ("scoring", "gui", "tests", "bench")


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def names_defined_in(tree) -> set[str]:
    """Names a module gives its own functions, classes, variables and attributes (``self.x =``)."""
    defined = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defined.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            defined.add(node.attr)
    return defined


def private_reaches(source: str) -> list[tuple[int, str]]:
    """(line, code) of each use of another module's or library's private name in ``source``.

    An import of an underscored name or module, and an underscored attribute (also through
    getattr, setattr or hasattr) that this module does not define itself: its own classes'
    private attributes are its own business, wherever in it they are used, and so are
    ``self._x`` and ``cls._x`` (a window's mixins share one object's private methods).
    """
    tree = ast.parse(source)
    own = names_defined_in(tree) | PUBLIC_UNDERSCORED
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            parts = (node.module or "").split(".") + [alias.name for alias in node.names]
            if any(_private(part) for part in parts):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Import):
            if any(_private(part) for alias in node.names for part in alias.name.split(".")):
                found.append((node.lineno, ast.unparse(node)))
        elif (isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own
              and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
            found.append((node.lineno, ast.unparse(node)))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) > 1
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
              and _private(node.args[1].value) and node.args[1].value not in own):
            found.append((node.lineno, ast.unparse(node)))
    return found


def test_no_module_uses_a_private_name_of_another_module_or_library():
    reaching = [f"{path.relative_to(ROOT)}:{line}: {code}"
                for folder in CHECKED for path in sorted((ROOT / folder).rglob("*.py"))
                for line, code in private_reaches(path.read_text(encoding="utf-8"))]
    assert reaching == []


def test_the_private_name_check_finds_each_kind_of_reach():
    source = (
        "from openpyxl.worksheet._writer import WorksheetWriter\n"
        "import openpyxl.worksheet._writer\n"
        "from scoring.core.engine import _fast_label\n"
        "def save(writer, ws):\n"
        "    writer._archive.close()\n"
        "    return ws._charts, getattr(ws, '_images')\n"
    )
    assert sorted(line for line, _ in private_reaches(source)) == [1, 2, 3, 5, 6, 6]


def test_the_private_name_check_leaves_a_modules_own_private_names_alone():
    source = (
        "_relay = None\n"
        "class Relay:\n"
        "    def _on_raised(self):\n"
        "        return self._count\n"
        "    def __init__(self):\n"
        "        self._count = 0\n"
        "def handle(other):\n"
        "    _relay._on_raised()\n"  # the module's own object and method
        "    return other._count, os._exit, point._replace(x=1), __name__\n"
    )
    assert private_reaches(source) == []
