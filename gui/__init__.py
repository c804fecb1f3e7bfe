"""The desktop app (PySide6); it adapts scoring/ and holds no scoring rule."""

from gui.singletons import make_singletons_immortal

# Before any Qt call: PySide6 6.12.0 on CPython 3.11 leaks references of None (gui/singletons.py).
make_singletons_immortal()
