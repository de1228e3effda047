"""What instructors and facilitators read after grading.

Grade exports (``export``), the cohort report (``report``) and the workshop board
(``workshop``).
"""
