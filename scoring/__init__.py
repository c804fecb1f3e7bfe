"""SynergyPilot's scoring core: formats, rules, engine, results and exports (no Qt)."""

#: The one place the version is written; pyproject.toml, ``--version`` and the bundle read it.
__version__ = "0.1.0"
