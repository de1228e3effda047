"""``plcourse``: one command for running the course with a class.

A thin layer over :mod:`autograder.build.release`, :mod:`autograder.collect.cohort`,
:mod:`autograder.parallel`, :mod:`autograder.reports.export`, :mod:`autograder.reports.report` and
:mod:`autograder.reports.workshop`.
Every step works on nbgrader's standard folders and gradebook in the course root, so the
stock ``nbgrader`` commands keep working beside it.

Exit status: 0 when all went well, 1 when the step found a problem it reports (a leaked
answer, a submission left out or not graded), 2 for a command-line mistake.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from autograder.nbg import ROOT, NbgraderError, modules, nbgrader
from course.models._checks import plural

__all__ = ["main"]

_EPILOG = ("If a step fails, the message says which learner, module or file and why; fix "
           "that and run the same command again: every step can be repeated safely.")


def _root(args: argparse.Namespace) -> Path:
    here = Path.cwd()
    default = here if (here / "nbgrader_config.py").exists() else ROOT
    root = Path(args.root or default).resolve()
    if not (root / "nbgrader_config.py").exists() or not (root / "source").is_dir():
        raise SystemExit(f"plcourse: {root} is not a course root (it needs nbgrader_config.py "
                         f"and source/); pass --root or run from the course folder")
    return root


def _modules(root: Path, names: list[str]) -> list[str]:
    known = modules(root)
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise SystemExit(f"plcourse: no such module in {root / 'source'}: "
                         f"{', '.join(unknown)} (known: {', '.join(known)})")
    return names or known


def _release(args: argparse.Namespace) -> int:
    from autograder.build.release import release
    from autograder.collect.cohort import ensure_registered

    root = _root(args)
    names = _modules(root, args.modules)
    outcome = release(names, root)
    for path in outcome.written:
        print(f"released {path.relative_to(root)}")
    for leak in outcome.leaks:
        print(f"LEAK {leak}")
    if outcome.leaks:
        print("Answers would leak: release/ was left exactly as it was (nothing written). Fix "
              "the lesson named in each LEAK line and release again.")
        return 1
    if not args.no_gradebook:
        ensure_registered(root, names, refresh=True)
        print(f"recorded in the gradebook: {', '.join(names)}")
    print("No answer leaked. Hand out release/ (or `nbgrader release_assignment <module>` "
          "on JupyterHub).")
    return 0


def _collect(args: argparse.Namespace) -> int:
    from autograder.collect.cohort import collect_exchange, import_cohort

    root = _root(args)
    if args.source is None and not args.module:
        raise SystemExit("plcourse collect: give --from PATH (a folder or zip), or a module "
                         "to collect from nbgrader's exchange")
    if args.source is not None:
        report = import_cohort(root, Path(args.source), args.module)
    else:
        report = collect_exchange(root, _modules(root, [args.module])[0])
    for line in report.lines():
        print(line)
    return 1 if report.problems else 0


def _grade(args: argparse.Namespace) -> int:
    from autograder.pipeline.parallel import grade

    root = _root(args)
    names = _modules(root, args.modules) if args.modules else None
    from autograder.pipeline.sandbox import available

    if args.no_sandbox:
        print("WARNING: grading without a sandbox (--no-sandbox): learner code can read the "
              "grading package and other learners' work, so scores can be forged.")
    else:
        ok, why = available()
        if not ok:
            print(f"Refusing to grade: learner code must run in a sandbox and none can be made "
                  f"here: {why}. To grade without one anyway (scores can then be forged), "
                  f"add --no-sandbox.")
            return 2
    summary = grade(root, names, args.student or None, workers=args.jobs, force=args.force,
                    progress=not args.no_progress, fast=not args.stock_kernels,
                    sandbox=not args.no_sandbox)
    for line in summary.lines():
        print(line)
    if not summary.outcomes:
        print("Nothing to grade: put submissions in submitted/ with `plcourse collect`.")
    return 1 if summary.count("failed") else 0


def _feedback(args: argparse.Namespace) -> int:
    from autograder.build.leaks import answer_texts

    root = _root(args)
    names = _modules(root, args.modules)
    extra = ["--force"] + ([f"--student={args.student}"] if args.student else [])
    texts = answer_texts(root / "source")
    leaked = 0
    for name in names:
        if not list((root / "autograded").glob(f"*/{name}")):
            print(f"{name}: nothing graded yet, no feedback")
            continue
        nbgrader("generate_feedback", name, *extra, root=root)
        pages = sorted((root / "feedback").glob(f"*/{name}/*.html"))
        for page in pages:
            body = page.read_text(encoding="utf-8", errors="replace")
            found = [what for text, what in texts.items() if text in body]
            if "BEGIN HIDDEN TESTS" in body:
                found.append("a hidden test block")
            for what in found:
                leaked += 1
                print(f"LEAK {page.relative_to(root)}: {what}")
        print(f"{name}: {plural(len(pages), 'feedback pages')} in feedback/<learner>/{name}/")
    if leaked:
        print("Feedback would show answers: do not return it; check ClearHiddenTests in "
              "nbgrader_config.py and the lesson's hidden tests.")
    return 1 if leaked else 0


def _export(args: argparse.Namespace) -> int:
    from autograder.reports.export import export

    root = _root(args)
    for path in export(root, Path(args.out) if args.out else None):
        print(f"wrote {path}")
    return 0


def _doctor(args: argparse.Namespace) -> int:
    from autograder.doctor import LEARNER_CONFIG, LEARNER_PYTHON, Setup, diagnose

    root = _root(args)
    setup = Setup(root, learners=args.learner or [], instructor=args.instructor,
                  python=Path(args.python or LEARNER_PYTHON),
                  learner_config=Path(args.learner_config or LEARNER_CONFIG))
    findings = diagnose(setup)
    for finding in findings:
        print(finding)
    fixes = sum(f.status == "fix" for f in findings)
    print(f"{plural(fixes, 'things')} to fix." if fixes else "Nothing to fix.")
    return 1 if fixes else 0


def _report(args: argparse.Namespace) -> int:
    from autograder.reports.report import write

    root = _root(args)
    print(f"wrote {write(root, Path(args.out) if args.out else None)}")
    return 0


_TEAMS_HELP = """\
Form teams from a roster and give each team the module's notebooks.

Reads ROSTER.csv (a header row with a 'name' column; 'department', 'level' and
'team_hint' columns, when present, are mixed across the teams), deals people into
balanced teams of 3-5 near --size (the same roster and --seed give the same teams),
prints them, and writes OUT/teams.csv and OUT/<team>/<module>/ holding a copy of
release/<module>/ without answer records: the same scenario for every team
(--variants per-team gives each team its own numbers).
A folder that already holds a workshop is never overwritten: the command refuses,
unless --force, which first moves the earlier teams (answers included) into
OUT/replaced-<time>/."""
_TEAMS_EXAMPLE = """\
examples:
  plcourse workshop teams roster.csv --module 03-director --out workshop/
  plcourse workshop teams roster.csv --module 03-director \\
      --notebook 2-allocate-capacity --size 5 --seed 7

"""
_BOARD_HELP = """\
Score every team's saved answers and compare the teams on an HTML board.

Reads the answer records the course widgets saved in WORKSHOP_DIR/<team>/<module>/,
scores them as grading does, and writes a self-contained page: points per exercise
and team (chart and table), each team's decision side by side, what each allocation
plan is projected to achieve, and 'not yet answered' where a team has no answer yet;
a CSV goes beside it. Exercises answered in code or in writing are listed for the
debrief, not scored. An unreadable answer record is reported under its team and set
aside under a new name, never lost. Run it again at any time to refresh the board."""
_BOARD_EXAMPLE = """\
examples:
  plcourse workshop board workshop/       # workshop/board.html and workshop/board.csv
  plcourse workshop board workshop/ --out results/board.html

"""


def _workshop_teams(args: argparse.Namespace) -> int:
    from autograder.reports.workshop import WorkshopError, format_teams, set_up

    root = _root(args)
    out = Path(args.out)
    try:
        teams = set_up(root, Path(args.roster), args.module, out, notebook=args.notebook,
                       size=args.size, seed=args.seed, force=args.force,
                       variants=args.variants)
    except WorkshopError as exc:
        print(f"plcourse workshop teams: {exc}", file=sys.stderr)
        return 1
    print(format_teams(teams))
    print(f"\n{sum(len(t.members) for t in teams)} people in {len(teams)} teams (seed "
          f"{args.seed}; another --seed deals them again). Wrote {out / 'teams.csv'} and, for "
          f"each team, {out}/<team>/{args.module}/ with the released notebooks. Hand each "
          f"team its folder; later run `plcourse workshop board {out}`.")
    return 0


def _workshop_board(args: argparse.Namespace) -> int:
    from autograder.reports.workshop import WorkshopError, write_board

    try:
        board, page, table = write_board(Path(args.folder), Path(args.out) if args.out else None)
    except WorkshopError as exc:
        print(f"plcourse workshop board: {exc}", file=sys.stderr)
        return 1
    out_of = sum(e.points for e in board.scored)
    for team in board.teams:
        print(f"{team}: {board.total(team):g} of {out_of:g} points, {board.answered(team)} of "
              f"{len(board.scored)} exercises answered")
        for problem in board.problems.get(team, []):
            print(f"  problem: {problem}")
    if board.debrief:
        print(f"Not scored here (discuss in the debrief): "
              f"{', '.join(e.exercise for e in board.debrief)}")
    print(f"wrote {page} and {table}")
    return 0


_VARIANTS_HELP = """\
Check that every learner's scenario is sound, as PrairieLearn's question tester does.

For N learners' variants (tester-000, tester-001, ... under the course seed of
nbgrader_config.py, or --seed) and every exercise whose data varies per learner:
the reference answer scores full marks, a blank scores 0, and each typical mistake
(the reverse order, the default plan, an off-by-one cut) scores less than full. Each
module's soundness checks run too (a unique optimum, no tie at the cut line, one worst
funnel step, a capstone year that can be completed), and every figure a lesson states
must be fillable. Run it after changing a generator in course/variation/.
Exit 1 when anything is found; each finding names the variant, so
PLCOURSE_LEARNER=<learner> in make lab shows that very scenario."""


def _variants_check(args: argparse.Namespace) -> int:
    from traitlets.config import Config

    from autograder.scoring.tester import check_variants
    from autograder.scoring.variants import Variants

    seed = args.seed
    if seed is None:
        config = Config()
        config_file = _root(args) / "nbgrader_config.py"
        if config_file.exists():
            from traitlets.config.loader import PyFileConfigLoader

            config = PyFileConfigLoader(config_file.name, str(config_file.parent)).load_config()
        seed = Variants(config=config).course_seed
    result = check_variants(args.n, args.module or None, seed=seed, start=args.start,
                            progress=not args.no_progress)
    for finding in result.findings:
        print(f"FOUND {finding.variant} {finding.where}: {finding.problem}")
    exercises = len(result.checked)
    print(f"{result.variants} variants (course seed {seed!r}) x {exercises} varying "
          f"exercises and {len(result.checks)} soundness checks: "
          f"{len(result.findings) or 'nothing'} found.")
    return 0 if result.ok else 1


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``plcourse``."""
    top = argparse.ArgumentParser(
        prog="plcourse",
        description="Run the course with a class: release, collect, grade, feedback, export, "
        "report. Works on nbgrader's folders and gradebook in the course root.",
        epilog=_EPILOG,
    )
    root_help = ("the course root, holding nbgrader_config.py (default: the current folder "
                 f"when it is one, else {ROOT}); accepted before or after the command")
    top.add_argument("--root", default=None, help=root_help)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_root(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        # after the command too; SUPPRESS keeps a --root given before the command
        p.add_argument("--root", default=argparse.SUPPRESS, help=root_help)
        return p

    def add(name: str, summary: str, details: str) -> argparse.ArgumentParser:
        return with_root(sub.add_parser(name, help=summary, description=f"{summary} {details}",
                                        epilog=_EPILOG))

    p = add("release", "Generate the learners' notebooks of every module (or the named ones).",
            "Runs nbgrader generate_assignment in a scratch folder, scans the result for "
            "leaked answers there, and only when none leaked replaces release/<module>/ and "
            "records the modules in the gradebook. Exit 1 if an answer leaked (release/ is "
            "left untouched): fix the lesson named in the LEAK line and release again.")
    p.add_argument("modules", nargs="*", help="module ids (default: all)")
    p.add_argument("--no-gradebook", action="store_true",
                   help="do not record the modules in the gradebook")
    p.set_defaults(run=_release)

    p = add("collect", "Bring learners' submissions into submitted/.",
            "Either from nbgrader's exchange (`plcourse collect MODULE`, which runs nbgrader "
            "collect with an ownership check: a submission whose files are owned by another "
            "account than the learner id it claims is left out with the reason, and of two "
            "submissions of one learner the newest is kept and the other reported; nbgrader's "
            "warnings are shown) or from a folder or zip downloaded from a learning platform "
            "(`plcourse collect --from cohort.zip [MODULE]`): one folder or zip per learner, "
            "named by the learner id, holding <module>/ folders or the notebooks themselves. "
            "Answer records travel with the notebooks. Invalid ids, duplicates, unreadable "
            "notebooks and notebooks of other modules are left out and listed with the "
            "reason (exit 1): fix or rename them and collect again.")
    p.add_argument("module", nargs="?", help="the module (required for the exchange)")
    p.add_argument("--from", dest="source", metavar="PATH",
                   help="a folder or zip of submissions to import")
    p.set_defaults(run=_collect)

    p = add("grade", "Autograde the submissions in submitted/, in parallel.",
            "Uses nbgrader's autograde converter and gradebook with one worker per core and "
            "a fresh kernel per notebook; scores equal `nbgrader autograde`. Shows a "
            "progress bar and ends with a summary. A learner whose kernel had to be killed "
            "(a loop that ignores interrupts, or past the sandbox's memory or CPU limit) is "
            "graded with the reason noted. Learner code runs in a bubblewrap sandbox: no "
            "network, and the grading package, source/, the gradebook and other learners' "
            "work are out of its sight. Exit 1 if a "
            "submission could not be graded: read its reason, fix it, and run grade again "
            "with --student ID --force.")
    p.add_argument("modules", nargs="*", help="module ids (default: every submitted module)")
    p.add_argument("--student", action="append", metavar="ID",
                   help="grade only this learner (repeatable)")
    p.add_argument("-j", "--jobs", type=int, help="worker processes (default: one per core)")
    p.add_argument("--force", action="store_true", help="grade again what is already graded")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--stock-kernels", action="store_true",
                   help="start every kernel the usual way (slower; for comparison)")
    p.add_argument("--no-sandbox", action="store_true",
                   help="run learner code without the sandbox (only where none can be made; "
                        "scores can then be forged, and every run says so)")
    p.set_defaults(run=_grade)

    p = add("feedback", "Write the feedback pages learners get back (hidden tests stripped).",
            "Runs nbgrader generate_feedback for each graded module into "
            "feedback/<learner>/<module>/ and checks the pages for leaked answers. Exit 1 "
            "on a leak: do not return those pages.")
    p.add_argument("modules", nargs="*", help="module ids (default: all)")
    p.add_argument("--student", metavar="ID", help="only this learner")
    p.set_defaults(run=_feedback)

    p = add("export", "Export grades as CSV.",
            "Writes grades.csv (nbgrader export), grades_by_exercise.csv and "
            "grades_by_competency.csv (via the catalog's competencies). Answers that wait "
            "for a hand grade are marked and left out of the competency shares; grade them "
            "in formgrader and export again.")
    p.add_argument("--out", metavar="DIR", help="folder for the CSV files (default: root)")
    p.set_defaults(run=_export)

    p = add("doctor", "Check the course root and a JupyterHub set-up; say what to fix.",
            "One line a check (ok, FIX with the command that fixes it, or skip with why): the "
            "exchange root exists and is 1777; course_id is set in the course's and the "
            "learners' nbgrader configs; homes are 0700; nbgrader's instructor tools are off "
            "and locked for learners and on for the instructor; the formgrader knows "
            "CourseDirectory.root; learners cannot import the grading package nor read the "
            "course root; the grading sandbox works. Run it as root to check other accounts. "
            "Exit 1 if anything needs a fix: fix it and run doctor again.")
    p.add_argument("--learner", action="append", metavar="NAME",
                   help="a learner account to check (repeatable)")
    p.add_argument("--instructor", metavar="NAME",
                   help="the instructor's account (default: the owner of the course root)")
    p.add_argument("--python", metavar="PATH",
                   help="the learners' interpreter (default: /opt/plcourse/bin/python)")
    p.add_argument("--learner-config", metavar="PATH", help="the nbgrader config learners' "
                   "servers read (default: /etc/jupyter/nbgrader_config.py)")
    p.set_defaults(run=_doctor)

    p = add("report", "Write the cohort report (HTML with plots).",
            "Score distribution per module, exercise difficulty and the cohort's competency "
            "profile, from the gradebook. Run grade first; the page is self-contained.")
    p.add_argument("--out", metavar="FILE", help="where to write it (default: report.html)")
    p.set_defaults(run=_report)

    p = add("workshop", "Run a team workshop: teams from a roster, then a results board.",
            "`plcourse workshop teams` forms teams of 3-5 and gives each its own copy of a "
            "module's released notebooks; `plcourse workshop board` scores the teams' saved "
            "answers and compares their decisions. See `plcourse workshop STEP --help`.")
    steps = p.add_subparsers(dest="step", required=True, metavar="STEP")
    raw = argparse.RawDescriptionHelpFormatter
    p = steps.add_parser("teams", help=_TEAMS_HELP.split("\n", 1)[0], description=_TEAMS_HELP,
                         epilog=_TEAMS_EXAMPLE + textwrap.fill(_EPILOG, 80), formatter_class=raw)
    with_root(p)
    p.add_argument("roster", metavar="ROSTER.csv", help="the roster: one person a row")
    p.add_argument("--module", required=True, help="the module to run, e.g. 03-director")
    p.add_argument("--notebook", metavar="NAME",
                   help="hand out only this notebook of the module (default: all of them)")
    p.add_argument("--size", type=int, default=4, help="the team size to aim for, 3-5 "
                   "(default: 4)")
    p.add_argument("--seed", type=int, default=1, help="seed of the deal (default: 1)")
    p.add_argument("--out", default="workshop", metavar="DIR",
                   help="the workshop folder (default: ./workshop)")
    p.add_argument("--force", action="store_true",
                   help="replace an earlier workshop in DIR, moving it aside first")
    p.add_argument("--variants", choices=["shared", "per-team"], default="shared",
                   help="'shared' (default): every team works on the same scenario, so the "
                        "board compares like with like; 'per-team': each team gets its own "
                        "numbers, and the board shows each plan as a share of its own "
                        "team's best")
    p.set_defaults(run=_workshop_teams)

    p = steps.add_parser("board", help=_BOARD_HELP.split("\n", 1)[0], description=_BOARD_HELP,
                         epilog=_BOARD_EXAMPLE + textwrap.fill(_EPILOG, 80), formatter_class=raw)
    p.add_argument("folder", metavar="WORKSHOP_DIR", help="the folder `workshop teams` wrote")
    p.add_argument("--out", metavar="FILE",
                   help="where to write the page (default: WORKSHOP_DIR/board.html); the "
                   "CSV goes beside it")
    p.set_defaults(run=_workshop_board)

    p = add("variants", "Per-learner scenarios: check that every variant is sound.",
            "Every learner gets scenario data of their own (Variants.mode and "
            "Variants.course_seed in nbgrader_config.py). See `plcourse variants check "
            "--help`.")
    steps = p.add_subparsers(dest="step", required=True, metavar="STEP")
    p = steps.add_parser("check", help=_VARIANTS_HELP.split("\n", 1)[0],
                         description=_VARIANTS_HELP, formatter_class=raw,
                         epilog="examples:\n  plcourse variants check\n  plcourse variants "
                                "check --n 500 --module 03-director\n\n"
                                + textwrap.fill(_EPILOG, 80))
    with_root(p)
    p.add_argument("--n", type=int, default=50, help="variants to check (default: 50)")
    p.add_argument("--start", type=int, default=0,
                   help="first tester learner number, to check other variants (default: 0)")
    p.add_argument("--module", action="append", metavar="MODULE",
                   help="check only this module (repeatable; default: all)")
    p.add_argument("--seed", help="course seed (default: Variants.course_seed of the config)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(run=_variants_check)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run ``plcourse`` with ``argv`` (default: the command line); return the exit status."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except NbgraderError as exc:
        print(f"plcourse {args.command}: nbgrader failed.\n{exc}", file=sys.stderr)
        return 1
    except (FileNotFoundError, ValueError) as exc:
        print(f"plcourse {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"plcourse {args.command}: stopped. What was finished is kept; run the same "
              f"command again to go on.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
