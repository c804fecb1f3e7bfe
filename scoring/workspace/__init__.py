"""The workspace: one SQLite file holding an assessment's submissions, scores and audit log.

facade.py is the public face (class Workspace) the CLI and GUI use; db.py owns the schema and
its migrations, file.py/lock.py opening and locking, records.py the stored records, check.py
the damage checks, merge.py merging inspectors' copies, consensus.py several inspectors'
scores, audit.py the audit entries. docs/workspace.md says what it guarantees.
"""
