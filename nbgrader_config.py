"""nbgrader configuration of the course; the repository root is the course root.

Every stock command (``nbgrader generate_assignment``, ``autograde``,
``generate_feedback``, ``export``) works from here as instructors know it.
"""

from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

_ROOT = Path(__file__).resolve().parent

# One course id for the gradebook and for nbgrader's exchange.
c.CourseDirectory.course_id = "product-leadership"
# The course root is this folder; source/, release/, submitted/, autograded/ and
# feedback/ are nbgrader's standard folders below it.
c.CourseDirectory.root = str(_ROOT)
# The gradebook sits in the root beside this file (git-ignored).
c.CourseDirectory.db_url = f"sqlite:///{_ROOT / 'gradebook.db'}"

# Answer records (<notebook>.answers.json) must never travel from source/ into
# release/: an instructor who runs a source notebook creates one holding the
# solutions. Ignore them for generate_assignment only; ignoring them globally would
# drop the learners' answers at collect and autograde (see DESIGN.md).
_DEFAULT_IGNORE = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
_RECORDS = ["*.answers.json", "*.answers.*.json", ".*.tmp"]
c.CourseDirectory.ignore = _DEFAULT_IGNORE
c.GenerateAssignmentApp.CourseDirectory.ignore = _DEFAULT_IGNORE + _RECORDS

# ... and a record that somehow exists in source/ must not overwrite a learner's at
# autograde: list every possible record name of every module.
c.Autograde.exclude_overwriting = {
    module.name: [f"{nb.stem}.answers.json" for nb in sorted(module.glob("*.ipynb"))]
    for module in sorted((_ROOT / "source").glob("*"))
    if module.is_dir()
}

# Where a score is made (see DESIGN.md, "The trust boundary"): never in the learner's
# kernel. Sanitising reads the widget answers as handed in (the record beside the
# submitted notebook and the copies kept inside it) before any learner code runs, and
# keeps that snapshot out of the kernel's reach. After execution, ScoreCells scores every
# test cell in this process, from that snapshot and from the plain-data reports of the
# hidden tests, and writes the cell's outputs itself: nbgrader reads only those.
c.Autograde.sanitize_preprocessors = [
    "autograder.pipeline.answers.ReadAnswers",
    # cells that lost their grading marks are matched again; a duplicated grade id: the
    # first copy counts (stock nbgrader stops with a KeyError on both)
    "autograder.pipeline.repair.RepairNotebook",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "autograder.pipeline.metadata.QuickCheckCellMetadata",  # nbgrader's check, schema compiled once
]
c.Autograde.autograde_preprocessors = [
    "autograder.pipeline.answers.UseAnswers",
    # nbgrader's Execute, but a kernel that ignores the interrupt is killed and the rest of
    # its notebook scored 0 with the reason, instead of failing the whole submission
    "autograder.pipeline.execute.GuardedExecute",
    # every test cell's points and reason, made here from the answers, never in the kernel
    "autograder.pipeline.score.ScoreCells",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "autograder.pipeline.metadata.QuickCheckCellMetadata",  # nbgrader's check, schema compiled once
]

# nbconvert checks the notebook against the schema after every preprocessor (a dozen a
# notebook here); once, after the last, still refuses a broken notebook and costs less.
c.Exporter.optimistic_validation = True

# A learner who deletes a test cell must not escape grading: put it back.
c.OverwriteCells.add_missing_cells = True

# Feedback must never show hidden tests.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Widget exercises have a solution cell that sets the widget from code; in the release
# it must not raise, or "Run all" would stop there before the learner reaches the
# widgets below. Learners see the usual prompt.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Lesson cells finish in well under a second; 30 s per cell stops runaway loops
# without failing a slow but honest machine.
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True

# Every learner works on scenario data of their own (backlogs, funnels, budgets, the
# capstone's year), generated from the course seed and their id; grading rebuilds each
# learner's variant from nbgrader's student id and scores against its reference, so one
# solved notebook passed around a class earns nothing. "shared" gives the whole class one
# scenario. A new course seed gives everybody new numbers for a new term. Learners'
# kernels must use the same two values: on a hub, set PLCOURSE_VARIANTS and
# PLCOURSE_SEED in c.Spawner.environment (see the README). `plcourse variants check`
# checks that every variant is sound.
c.Variants.mode = "per-learner"
c.Variants.course_seed = "product-leadership-1"
