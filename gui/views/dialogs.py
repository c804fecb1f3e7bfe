"""Small modal dialogs: assess a criterion, withdraw an override, settings, a cell's location.

Each dialog has an ``ask(...)`` classmethod returning the answer or None; tests replace that
classmethod by monkeypatching, so no test waits on a modal loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import labels, translation
from gui.views.common import ok_cancel_buttons
from scoring.core import presentation
from scoring.core.report_settings import FIELDS as REPORT_FIELDS
from scoring.core.report_settings import MAX_LENGTH as REPORT_MAX_LENGTH
from scoring.core.report_settings import ReportSettings


@dataclass(frozen=True)
class AssessAnswer:
    fraction: float
    inspector: str
    reason: str


class AnswersRequired(QDialog):
    """A dialog whose OK, and Ctrl+Enter, wait until every required answer is given: the name
    and reason of a score, a withdrawal or a consensus, a new version's name and reason.

    A subclass makes its fields, then calls :meth:`lay_out` (an intro, the form, OK and Cancel),
    or with a layout of its own makes ``self.buttons`` and calls :meth:`require`; it may ask
    more of the answers in :meth:`answers_complete`.
    """

    buttons: QDialogButtonBox

    def lay_out(self, intro: QLabel, form: QFormLayout, *required: QLineEdit | QPlainTextEdit) -> None:
        """``intro`` over ``form`` over OK and Cancel, OK waiting for ``required``."""
        self.buttons = ok_cancel_buttons(self)
        self.intro, self.form = intro, form
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.require(*required)

    def require(self, *fields: QLineEdit | QPlainTextEdit) -> None:
        """OK once none of ``fields`` is blank (:meth:`answers_complete` agreeing); Ctrl+Enter presses OK."""
        self._required = fields
        for field in fields:
            field.textChanged.connect(self._on_input_changed)
        submit_with_ctrl_enter(self, self._on_submit_pressed)
        self._on_input_changed()

    def answers_complete(self) -> bool:
        """Whether every required answer is given (OK and Ctrl+Enter wait for it)."""
        return all(_field_text(field).strip() for field in self._required)

    def _on_input_changed(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.answers_complete())

    def _on_submit_pressed(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            self.accept()


def _field_text(field: QLineEdit | QPlainTextEdit) -> str:
    return field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()


class _FractionReasonDialog(AnswersRequired):
    """A fraction, a name and a required reason, OK only once both texts are given.

    Subclasses make ``self.fraction``, ``self.inspector`` and ``self.reason`` with their own
    (translated) labels, then call :meth:`_finish`.
    """

    fraction: QDoubleSpinBox
    inspector: QLineEdit
    reason: QPlainTextEdit

    def _finish(self, intro: QLabel, form: QFormLayout) -> None:
        self.lay_out(intro, form, self.inspector, self.reason)
        self.reason.setFocus()

    def answer(self) -> AssessAnswer:
        return AssessAnswer(
            self.fraction.value(), self.inspector.text().strip(), self.reason.toPlainText().strip()
        )


def submit_with_ctrl_enter(dialog: QDialog, submit) -> None:
    """Ctrl+Enter (either Enter key) calls ``submit``, also while typing in a text box."""
    for key in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(key), dialog, submit)


def required(text: str) -> str:
    """A form label marked as required (a red star, as the reason and name need a text)."""
    return f"{escape(text)} <span style='color:{labels.VETO_COLOUR}'>*</span>"


class AssessDialog(_FractionReasonDialog):
    """Score a manual criterion or override any criterion: what the criterion asks, its current
    value and fraction with the worked calculation, then fraction, inspector and reason."""

    def __init__(self, criterion, result, inspector: str, parent=None, *, fraction: float | None = None,
                 note: str = "", worked: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Score or override a criterion"))
        intro = QLabel(self._intro_html(criterion, result, note, worked or []))
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        intro.setMinimumWidth(460)
        self.fraction = QDoubleSpinBox()
        self.fraction.setRange(0.0, 1.0)
        self.fraction.setDecimals(3)
        self.fraction.setSingleStep(0.05)
        # A criterion never scored has no fraction to offer: the inspector must give one, or a
        # keyboard user who only typed the reason would record 0 without having chosen it.
        self._fraction_given = fraction is not None or result.score is not None
        if fraction is None:
            fraction = result.score if result.score is not None else 0.0
        self.fraction.setValue(fraction)
        self.choices = QComboBox()
        self.choices.addItem(self.tr("(type a fraction)"), None)
        for label, value in criterion.choices:
            self.choices.addItem(f"{label} = {value:g}", value)
        self.choices.setVisible(bool(criterion.choices))
        self.inspector = QLineEdit(inspector)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Why: what you checked on site, which document…"))
        self.reason.setFixedHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("Fraction (0 = worst, 1 = best):"), self.fraction)
        if criterion.choices:
            form.addRow(self.tr("Or pick a level:"), self.choices)
        form.addRow(QLabel(required(self.tr("Inspector:"))), self.inspector)
        form.addRow(QLabel(required(self.tr("Reason:"))), self.reason)
        hint = QLabel(self.tr("* required · Ctrl+Enter records the score"))
        hint.setEnabled(False)
        form.addRow(hint)
        self._finish(intro, form)
        self.choices.currentIndexChanged.connect(self._on_choices_changed)
        self.fraction.valueChanged.connect(self._on_fraction_given)
        self.fraction.lineEdit().textEdited.connect(self._on_fraction_given)  # typing the same value
        self._on_input_changed()
        self._keyboard_order(asked_name=not inspector)

    def _keyboard_order(self, asked_name: bool) -> None:
        """The fraction first, then Tab to what is still missing: the name the first time (it
        is remembered), else the reason; the levels list last (docs/gui.md, "5. Score a manual criterion")."""
        texts = [self.inspector, self.reason] if asked_name else [self.reason, self.inspector]
        order = [self.fraction, *texts]
        for before, after in zip(order, [*order[1:], self.choices], strict=True):
            self.setTabOrder(before, after)
        self.fraction.setFocus()
        self.fraction.selectAll()

    def _on_fraction_given(self, *_args) -> None:
        self._fraction_given = True
        self._on_input_changed()

    def answers_complete(self) -> bool:
        return self._fraction_given and super().answers_complete()

    def _intro_html(self, criterion, result, note: str, worked: list[str]) -> str:
        """The criterion, its guidance, the current value and fraction, the worked calculation."""
        dimension, indicator = labels.criterion_text(criterion)
        weight = self.tr("weight")
        parts = [
            f"<b>{escape(criterion.code)}</b> {escape(indicator)}<br>{escape(dimension)} · "
            f"{escape(labels.label('type', criterion.type))} · {weight} {criterion.weight:g}"
        ]
        guidance, guidance_text = self.tr("Guidance:"), labels.criterion_guidance(criterion)
        if guidance_text:
            parts.append(f"<b>{escape(guidance)}</b> {escape(guidance_text)}")
        value = "—" if result.value in (None, "") else labels.value_text(criterion, result.value)
        current = "—" if result.score is None else f"{result.score:.3f}"
        parts.append(escape(self.tr("Now: value {value}, fraction {fraction} ({status})").format(
            value=value, fraction=current, status=labels.status_name(criterion, result))))
        if worked:
            parts.append("<br>".join(escape(line) for line in worked))
        if note:  # a what-if kept as an override says what was tried
            parts.append(f"<i>{escape(note)}</i>")
        return "<br>".join(parts)

    def _on_choices_changed(self, *_args) -> None:
        if self.choices.currentData() is not None:
            self.fraction.setValue(float(self.choices.currentData()))

    @classmethod
    def ask(cls, parent, criterion, result, inspector: str, *, fraction: float | None = None,
            note: str = "", worked: list[str] | None = None) -> AssessAnswer | None:
        """The inspector's answer, or None when cancelled; ``fraction`` and ``note`` prefill the
        fraction and say what was tried (for a what-if kept as an override); ``worked`` is the
        criterion's worked calculation (scoring.core.explain.worked_lines)."""
        dialog = cls(criterion, result, inspector, parent, fraction=fraction, note=note, worked=worked)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class WithdrawDialog(AnswersRequired):
    """Withdraw a score or override: says what it removes; the inspector and a required reason."""

    def __init__(self, code: str, inspector: str, parent=None, *, what: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Withdraw the score of {code}").format(code=code))
        self.what = QLabel(what)
        self.what.setWordWrap(True)
        self.inspector = QLineEdit(inspector)
        self.reason = QLineEdit()
        form = QFormLayout(self)
        if what:
            form.addRow(self.what)
        form.addRow(QLabel(required(self.tr("Inspector:"))), self.inspector)
        form.addRow(QLabel(required(self.tr("Reason:"))), self.reason)
        self.buttons = ok_cancel_buttons(self)
        form.addRow(self.buttons)
        self.require(self.inspector, self.reason)
        (self.reason if inspector else self.inspector).setFocus()

    @classmethod
    def ask(cls, parent, code: str, inspector: str, *, what: str = "") -> AssessAnswer | None:
        """The withdrawing inspector and reason, or None; ``what`` says what is withdrawn."""
        dialog = cls(code, inspector, parent, what=what)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return AssessAnswer(0.0, dialog.inspector.text().strip(), dialog.reason.text().strip())


class ConsensusDialog(_FractionReasonDialog):
    """A supervisor's consensus on a criterion several inspectors scored: fraction, name, reason."""

    def __init__(self, row, indicator: str, inspector: str, parent=None) -> None:
        super().__init__(parent)
        rec = row.reconciliation
        self.setWindowTitle(self.tr("Record a consensus"))
        scores = ", ".join(f"{s.inspector} {s.fraction:g}" for s in rec.scores)
        spread = "—" if rec.spread is None else f"{rec.spread:g}"
        said = self.tr("Inspectors' scores: {scores} (spread {spread})").format(scores=scores, spread=spread)
        intro = QLabel(
            f"<b>{escape(row.project_id)}</b> {escape(row.name)}<br>"
            f"<b>{escape(row.code)}</b> {escape(indicator)}<br>{escape(said)}"
        )
        intro.setWordWrap(True)
        self.fraction = QDoubleSpinBox()
        self.fraction.setRange(0.0, 1.0)
        self.fraction.setDecimals(3)
        self.fraction.setSingleStep(0.05)
        start = rec.consensus.fraction if rec.consensus else rec.used
        self.fraction.setValue(start if start is not None else 0.0)
        self.inspector = QLineEdit(inspector)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(
            self.tr("Why this fraction: what the inspectors agreed, on what evidence…")
        )
        self.reason.setFixedHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("Agreed fraction (0 to 1):"), self.fraction)
        form.addRow(QLabel(required(self.tr("Supervisor:"))), self.inspector)
        form.addRow(QLabel(required(self.tr("Reason:"))), self.reason)
        self._finish(intro, form)

    @classmethod
    def ask(cls, parent, row, indicator: str, inspector: str) -> AssessAnswer | None:
        dialog = cls(row, indicator, inspector, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class SettingsAnswer:
    language: str
    inspector: str
    import_folder: str
    export_folder: str


class SettingsDialog(QDialog):
    """Language, inspector name and default folders."""

    def __init__(self, settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        for code, name in translation.LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.inspector = QLineEdit(settings.inspector)
        self.inspector.setPlaceholderText(self.tr("Your name, recorded with every score you give"))
        self.import_folder = self._folder_row(settings.import_folder)
        self.export_folder = self._folder_row(settings.export_folder)
        form = QFormLayout(self)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Inspector name:"), self.inspector)
        form.addRow(self.tr("Import from:"), self.import_folder[0])
        form.addRow(self.tr("Export to:"), self.export_folder[0])
        buttons = ok_cancel_buttons(self)
        form.addRow(buttons)

    def _folder_row(self, folder: str) -> tuple[QWidget, QLineEdit]:
        row = QWidget()
        edit = QLineEdit(folder)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(lambda: self._on_browse_clicked(edit))
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit)
        layout.addWidget(browse)
        return row, edit

    def _on_browse_clicked(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), edit.text())
        if folder:
            edit.setText(folder)

    def answer(self) -> SettingsAnswer:
        return SettingsAnswer(
            self.language.currentData(),
            self.inspector.text().strip(),
            self.import_folder[1].text().strip(),
            self.export_folder[1].text().strip(),
        )

    @classmethod
    def ask(cls, parent, settings) -> SettingsAnswer | None:
        dialog = cls(settings, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ReportSettingsDialog(QDialog):
    """Who signs the workspace's reports: assessing body, document number, period, names.

    The field names are the reports' own words (scoring.core.presentation), in the reports'
    language, so the dialog says what the cover and the approval block will print.
    """

    def __init__(self, settings: ReportSettings, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report sign-off"))
        form = QFormLayout(self)
        note = QLabel(self.tr("Printed on the PDF report's cover, after each ranking and under the "
                              "workbook's ranked sheets, with signature and date lines and a box for the "
                              "seal."))
        note.setWordWrap(True)
        form.addRow(note)
        self.edits: dict[str, QLineEdit] = {}
        for name in REPORT_FIELDS:
            edit = QLineEdit(getattr(settings, name))
            edit.setObjectName(name)
            edit.setMaxLength(REPORT_MAX_LENGTH)
            self.edits[name] = edit
            form.addRow(presentation.text(name, lang), edit)
        buttons = ok_cancel_buttons(self)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def answer(self) -> ReportSettings:
        return ReportSettings(**{name: edit.text() for name, edit in self.edits.items()})

    @classmethod
    def ask(cls, parent, settings: ReportSettings, lang: str) -> ReportSettings | None:
        dialog = cls(settings, lang, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class LocationDialog(QDialog):
    """Where an issue or rejection comes from: file, sheet and cell, what is wrong and what to do."""

    def __init__(self, source: str, sheet: str, cell: str, detail: str, action: str = "",
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Where the problem is"))
        form = QFormLayout(self)
        self.fields = {}
        rows = [
            ("file", self.tr("File:"), source),
            ("sheet", self.tr("Sheet:"), sheet or "—"),
            ("cell", self.tr("Cell:"), cell or "—"),
            ("detail", self.tr("Problem:"), detail),
        ]
        if action:
            rows.append(("action", self.tr("What to do:"), action))
        for key, title, value in rows:
            label = QLabel(value)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = label
            form.addRow(title, label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    @classmethod
    def of_row(cls, row, parent=None) -> LocationDialog:
        """The dialog for an import report row (gui.models.tables.ReportRow)."""
        return cls(row.source, row.sheet, row.cell, row.detail, row.action, parent)

    @classmethod
    def show_location(cls, parent, row) -> None:
        cls.of_row(row, parent).exec()
