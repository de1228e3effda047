"""Scoring, in the grader's process only.

The exercise catalog with its references (``catalog``), the scoring rules
(``rules``), the allocation solver (``solver``) and points for one answer (``grade``).
"""
