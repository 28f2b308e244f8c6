"""What every app's tests share: the permission-matrix harness (matrix.py), reading HTML
(html.py), made-up identifiers (identifiers.py) and the audit (audit.py). It imports no
capability, so any app's tests may use it."""
