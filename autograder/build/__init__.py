"""Building what learners get, before any learner sees it.

Source notebooks from lesson texts (``notebooks``), the release (``release``), the leak
scan (``leaks``) and the curriculum map (``curriculum``).
"""
