"""Files in and out: reading spreadsheets safely, templates, submissions, forms, a scoring run.

safe_read.py guards and reads any spreadsheet a stranger sends (xlsx, xls via biff.py, xlsb,
ods); template.py and submission.py turn sheets into schemes and submissions; importer.py reads
many files in worker processes; pipeline.py scores files against schemes; form.py writes the
blank forms; atomic.py writes every output in one step.
"""
