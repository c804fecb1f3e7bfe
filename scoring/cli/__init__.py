"""The command line: main.py parses and dispatches; each command family has a module of its own
(workspace, explain, robustness, tracking, selftest) built on common.py's errors and exit codes.
"""
