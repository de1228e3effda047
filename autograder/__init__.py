"""The instructor side of the course: reference answers, scoring and the grading pipeline."""

__all__: list[str] = []
