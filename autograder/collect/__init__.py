"""Bringing submissions in, before grading.

From folders and zips (``cohort``) and from nbgrader's exchange with identity checks
(``exchange``).
"""
