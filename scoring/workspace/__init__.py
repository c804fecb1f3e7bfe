"""The workspace: one SQLite file holding an assessment's submissions, scores and audit log.

facade.py is the public face (class Workspace) the CLI and GUI use, its methods one module per
concern (catalog, imports, history, assessments, consensus, report_settings); store.py owns the
connection, transactions and audit log, and every SQL statement is in a store module (store.py,
store_inputs.py, store_inspectors.py, store_merge.py) or the schema (schema.py); merge.py
merges inspectors' copies. docs/architecture.md lists every module, docs/workspace.md says what
the workspace guarantees.
"""
