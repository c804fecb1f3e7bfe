"""Text made safe to show: one rule for every output that prints a name or a reason.

Names, reasons and evidence come from strangers' files and from inspectors' keyboards. They can
hold a byte-order mark (U+FEFF) pasted from Notepad, zero-width joiners from a web page, bidi
controls, or terminal escapes (ESC, BEL). Printed raw they break PDF layout, make a workbook cell
look empty, or drive a terminal. Every output (PDF, workbook, terminal, GUI labels) passes free
text through :func:`clean_text` so they all show the same thing; the stored value stays as it was
given, since the workspace keeps what the user typed (docs/workspace.md, "What it holds").
"""

from __future__ import annotations

import dataclasses
import unicodedata

#: Shown in place of a control character, so a reader sees that something was there.
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"

# Format characters (Unicode category Cf) that carry no visible glyph and only confuse layout:
# byte-order mark / zero-width no-break space, zero-width space/joiners, word joiner, bidi marks
# and embeddings/isolates, soft hyphen, invisible operators. They are dropped without a mark.
_INVISIBLE = frozenset(
    "\ufeff\u200b\u200c\u200d\u2060\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u180e"
)

# Kept as they are: ordinary white space that a wrapped paragraph understands.
_KEPT_CONTROLS = frozenset("\n\t")


def _clean_char(ch: str, keep_newlines: bool) -> str:
    if ch in _INVISIBLE:
        return ""
    category = unicodedata.category(ch)
    if category == "Cc":
        if ch in _KEPT_CONTROLS:
            return ch if keep_newlines else " "
        if ch == "\r":
            return ""
        return REPLACEMENT
    if category in ("Cs", "Co", "Cn"):
        # Lone surrogates, private-use and unassigned code points have no glyph in any font we
        # ship; a visible mark says something was there rather than printing a box or crashing.
        return REPLACEMENT
    if category in ("Zl", "Zp"):
        return "\n" if keep_newlines else " "
    if category == "Cf":
        return ""
    return ch


def clean_text(value: object, *, keep_newlines: bool = True) -> str:
    """Return ``value`` as text that every output can show.

    Parameters
    ----------
    value : object
        Any value; ``None`` becomes an empty string, anything else ``str(value)``.
    keep_newlines : bool, optional
        Keep line breaks and tabs (paragraphs in a PDF or a wrapped cell). When false they become
        single spaces, for table cells and terminal lines that must stay on one line.

    Returns
    -------
    str
        The text in NFC form with invisible format characters removed and control, surrogate,
        private-use and unassigned code points replaced by U+FFFD.

    Examples
    --------
    >>> clean_text("\\ufeff唐山市\\u200b")
    '唐山市'
    >>> clean_text("Li\\x1b[31mWei\\x07")
    'Li\\ufffd[31mWei\\ufffd'
    """
    if value is None:
        return ""
    text = str(value)
    if text.isascii() and text.isprintable():
        return text
    text = unicodedata.normalize("NFC", text)
    return "".join(_clean_char(ch, keep_newlines) for ch in text)


#: The free text of a project result that reports print as names, on one line each.
NAME_FIELDS = ("name", "region", "organisation")


def with_clean_names(run):
    """``run`` (an AssessmentRun) with each project's names passed through :func:`clean_text`.

    What the ranked workbook and the PDF receive, so that a name holding a byte-order mark or an
    escape prints in either renderer the same way. Projects whose names are clean already, and
    the run itself when all are, are passed on unchanged (no copy of a 20,000-project run).
    """
    projects, changed = [], False
    for project in run.projects:
        names = {f: clean_text(getattr(project, f), keep_newlines=False) for f in NAME_FIELDS}
        if any(names[f] != getattr(project, f) for f in NAME_FIELDS):
            project, changed = dataclasses.replace(project, **names), True
        projects.append(project)
    return dataclasses.replace(run, projects=projects) if changed else run
