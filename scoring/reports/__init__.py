"""Everything a supervisor prints or opens: charts, the ranked workbook, the PDF report, the
sections of the robustness, reconciliation and tracking studies, and the audit workbook.
"""
