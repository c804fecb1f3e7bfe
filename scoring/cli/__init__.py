"""The command line: main.py runs a command from the registry (registry.py), whose options are in
parsers.py and whose work is in the module of its family (score, scheme, workspace, explain,
tracking, selftest), imported only when the command runs; common.py holds the errors, exit codes
and the printing of messages in English and Chinese.
"""
