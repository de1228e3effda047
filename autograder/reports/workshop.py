"""Workshop tools: teams from a roster, and a results board that compares the teams.

A facilitator runs one module's scenarios with teams of 3 to 5 people:

- :func:`set_up` reads a roster CSV (:func:`read_roster`), deals people into teams that
  mix departments and levels (:func:`form_teams`, seeded), and gives every team its own
  copy of the module's released notebooks. By default every team works on one shared
  scenario variant, so the board compares like with like; ``variants="per-team"`` gives
  each team its own, and the board then compares each plan with its own team's best. The
  choice is written beside the notebooks (:data:`course.variants.FOLDER_FILE`). It writes
  ``<out>/teams.csv`` and ``<out>/<team>/<module>/``.
- :func:`write_board` reads every team's answer records (written by the course widgets
  beside the notebooks), scores them with the catalog through
  :func:`autograder.scoring.grade.grade`, adds what an allocation plan achieves according to the
  scenario model (projected value, capacity and budget used), and writes an HTML board
  with plots and a CSV beside it. Exercises answered in code or in writing cannot be
  scored from records: the board lists them for the debrief.

The board only reads the teams' folders, except that an unreadable answer record is set
aside under a new name by :class:`course.answers.AnswerStore`, exactly as grading does.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from autograder.reports.report import Plot, _figure, _now, plot, render
from autograder.scoring.catalog import Exercise, all_exercises
from autograder.scoring.grade import grade
from course.answers import Answer, AnswerStore
from course.models._checks import plural
from course.variants import DEFAULT_SEED, FOLDER_FILE, Variant, active

__all__ = [
    "MAX_SIZE",
    "MIN_SIZE",
    "NOT_ANSWERED",
    "SPREAD_COLUMNS",
    "TEAMS_FILE",
    "VARIANT_CHOICES",
    "Board",
    "Member",
    "Result",
    "Team",
    "WorkshopError",
    "build_board",
    "form_teams",
    "format_teams",
    "plan_sizes",
    "read_board",
    "read_roster",
    "set_up",
    "team_variant",
    "write_board",
]

MIN_SIZE, MAX_SIZE = 3, 5
#: Roster columns used to mix teams, most important first: people who share a value are
#: spread over the teams (``team_hint`` is, for example, the team they work in every day).
SPREAD_COLUMNS = ("department", "level", "team_hint")
TEAMS_FILE = "teams.csv"
#: the workshop's scenario variants: one shared by all teams, or one per team
VARIANT_CHOICES = ("shared", "per-team")
NOT_ANSWERED = "not yet answered"
_DEBRIEF = "discussed in the debrief, not scored here"


class WorkshopError(ValueError):
    """A roster, option or workshop folder the tools cannot use; the message says what to do."""


@dataclass(frozen=True)
class Member:
    """One person of the roster: the name, the roster row and the other columns."""

    name: str
    row: int
    details: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Team:
    """A team: its name (also its folder's name) and its members."""

    name: str
    members: tuple[Member, ...]


# -- the roster ---------------------------------------------------------------------------


def _column(header: str) -> str:
    return "_".join(header.strip().casefold().replace("-", " ").split())


def read_roster(path: str | os.PathLike[str]) -> list[Member]:
    """Return the people of the roster CSV at ``path``, in roster order.

    The first non-blank row names the columns; ``name`` is required, any other column is
    kept (``department``, ``level`` and ``team_hint`` mix the teams; a ``team`` column is
    read as ``team_hint``, since teams are dealt here). A byte-order mark,
    blank lines and spaces around cells are tolerated. Every problem found (no name
    column, an empty name, a row with too many cells, the same name twice, fewer than
    three people) is listed in one :class:`WorkshopError`, by spreadsheet row.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise WorkshopError(f"there is no roster at {path}: give the path of a CSV file with "
                            f"a 'name' column") from None
    except IsADirectoryError:
        raise WorkshopError(f"{path} is a folder: give the roster's CSV file") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkshopError(f"{path.name} is not UTF-8 text: save it again as 'CSV UTF-8' "
                            f"(spreadsheets offer it under Save as) and run again") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    members: list[Member] = []
    problems: list[str] = []
    try:
        for record in reader:
            row = reader.line_num
            cells = [cell.strip() for cell in record]
            if not any(cells):
                continue
            if header is None:
                header = [_column(cell) for cell in cells]
                if "team" in header:  # the team people work in now: spread, never assigned
                    header[header.index("team")] = ("roster_team" if "team_hint" in header
                                                    else "team_hint")
                if "name" not in header:
                    raise WorkshopError(
                        f"{path.name} has no 'name' column (its first row reads: "
                        f"{', '.join(cells)}); the first row must name the columns, one of "
                        f"them 'name', with one person per row below it")
                continue
            if len(cells) > len(header) and any(cells[len(header):]):
                problems.append(
                    f"row {row} has {len(cells)} cells but the header names {len(header)} "
                    f"column{'' if len(header) == 1 else 's'}; put a name holding a comma "
                    f"in double quotes (\"Lovelace, Ada\")")
                continue
            values = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
            name = " ".join(values.pop("name").split())
            if not name:
                problems.append(f"row {row} has no name; fill it in or delete the row")
                continue
            details = {key: value for key, value in values.items() if key}
            members.append(Member(name, row, details))
    except csv.Error as exc:
        raise WorkshopError(f"{path.name}, row {reader.line_num}: {exc}; fix the quoting "
                            f"there and run again") from None
    if header is None:
        raise WorkshopError(f"{path.name} is empty: it needs a header row with a 'name' column "
                            f"and one row per person")
    rows: dict[str, list[int]] = {}
    for member in members:
        rows.setdefault(member.name.casefold(), []).append(member.row)
    for member in members:
        seen = rows[member.name.casefold()]
        if len(seen) > 1 and seen[0] == member.row:
            where = ", ".join(map(str, seen[:-1])) + f" and {seen[-1]}"
            problems.append(f"{member.name!r} appears on rows {where}; names must be unique, "
                            f"so add a surname or an initial")
    if problems:
        raise WorkshopError(f"{path.name} cannot be used as it is:\n  "
                            + "\n  ".join(problems) + "\nFix these rows and run again.")
    if len(members) < MIN_SIZE:
        raise WorkshopError(f"{path.name} lists {plural(len(members), 'person', 'people')}; "
                            f"a workshop needs at least {MIN_SIZE} people, since a team has "
                            f"{MIN_SIZE} to {MAX_SIZE}")
    return members


# -- teams --------------------------------------------------------------------------------


def plan_sizes(count: int, size: int = 4) -> list[int]:
    """Return the team sizes for ``count`` people: each 3-5, balanced, nearest to ``size``."""
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise WorkshopError(f"a team size of {size} is outside {MIN_SIZE}-{MAX_SIZE}; choose "
                            f"--size {MIN_SIZE}, 4 or {MAX_SIZE}")
    if count < MIN_SIZE:
        raise WorkshopError(f"{plural(count, 'person', 'people')} cannot make a team of "
                            f"{MIN_SIZE} to {MAX_SIZE}; add people to the roster")
    fewest, most = -(-count // MAX_SIZE), count // MIN_SIZE
    teams = min(range(fewest, most + 1), key=lambda k: (abs(count / k - size), k))
    base, extra = divmod(count, teams)
    return [base + 1] * extra + [base] * (teams - extra)


def form_teams(members: Sequence[Member], size: int = 4, seed: int = 1) -> list[Team]:
    """Deal ``members`` into balanced teams of 3-5 that mix departments and levels.

    People are ordered by the columns of :data:`SPREAD_COLUMNS` the roster fills (the
    order of the groups and of the people inside each group drawn with ``seed``) and dealt
    round the teams like cards, so a department of ``m`` people puts at most
    ``ceil(m / teams)`` of them in any team. The same roster and seed give the same teams.
    """
    sizes = plan_sizes(len(members), size)
    names = [m.name.casefold() for m in members]
    if len(set(names)) != len(names):
        raise WorkshopError("two roster entries share a name; give each person their own")
    rng = random.Random(seed)
    people = list(members)
    rng.shuffle(people)
    columns = [c for c in SPREAD_COLUMNS if any(m.details.get(c) for m in people)]
    ranks: dict[str, dict[str, int]] = {}
    for column in columns:
        values = sorted({m.details.get(column, "").casefold() for m in people})
        rng.shuffle(values)
        ranks[column] = {value: i for i, value in enumerate(values)}
    people.sort(key=lambda m: tuple(ranks[c][m.details.get(c, "").casefold()] for c in columns))
    dealt: list[list[Member]] = [[] for _ in sizes]
    for position, member in enumerate(people):
        dealt[position % len(sizes)].append(member)
    width = len(str(len(sizes)))
    return [Team(f"team-{i:0{width}d}", tuple(sorted(group, key=lambda m: m.name.casefold())))
            for i, group in enumerate(dealt, start=1)]


def format_teams(teams: Sequence[Team]) -> str:
    """Return the teams as a plain-text table: one person a line, the mixing columns too."""
    columns = [c for c in SPREAD_COLUMNS if any(m.details.get(c) for t in teams
                                                 for m in t.members)]
    head = ["team", "name", *columns]
    lines = []
    for team in teams:
        for i, member in enumerate(team.members):
            label = f"{team.name} ({len(team.members)})" if i == 0 else ""
            lines.append([label, member.name, *(member.details.get(c, "") for c in columns)])
    widths = [max(len(str(x)) for x in column) for column in zip(head, *lines, strict=True)]

    def show(cells: Iterable[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [show(head), show("-" * w for w in widths)]
    for line in lines:
        if line[0] and len(out) > 2:
            out.append("")
        out.append(show(line))
    return "\n".join(out)


def _read_teams(folder: Path) -> dict[str, list[str]]:
    """Return ``{team: [names]}`` from ``folder/teams.csv`` (empty when it is missing)."""
    path = folder / TEAMS_FILE
    if not path.exists():
        return {}
    teams: dict[str, list[str]] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            team, name = (row.get("team") or "").strip(), (row.get("name") or "").strip()
            if team:
                teams.setdefault(team, []).append(name)
    return teams


def _released(root: Path, module: str, notebook: str | None) -> tuple[Path, list[str]]:
    """Return the module's release folder and the notebook file names handed out."""
    release = Path(root) / "release" / module
    if not release.is_dir():
        known = sorted(p.name for p in (Path(root) / "release").glob("*") if p.is_dir())
        raise WorkshopError(f"module {module!r} has no released notebooks ({release} is "
                            f"missing); run `plcourse release {module}` first, or pick a "
                            f"released module: {', '.join(known) or 'none yet'}")
    files = sorted(p.name for p in release.glob("*.ipynb"))
    if notebook is not None:
        wanted = notebook.removesuffix(".ipynb") + ".ipynb"
        if wanted not in files:
            raise WorkshopError(f"{module} has no notebook {notebook!r}; it has: "
                                f"{', '.join(f.removesuffix('.ipynb') for f in files)}")
        files = [wanted]
    if not files:
        raise WorkshopError(f"{release} holds no notebook; run `plcourse release {module}`")
    return release, files


def set_up(
    root: str | os.PathLike[str], roster: str | os.PathLike[str], module: str,
    out: str | os.PathLike[str], *, notebook: str | None = None, size: int = 4, seed: int = 1,
    force: bool = False, variants: str = "shared", course_seed: str | None = None,
) -> list[Team]:
    """Form the teams of ``roster`` and give each a copy of ``module``'s released notebooks.

    Writes ``out/teams.csv`` (team, name and the roster's other columns) and
    ``out/<team>/<module>/`` with the notebooks of ``root/release/<module>/`` (only
    ``notebook`` when given; answer records are never copied). Nothing is written when the
    roster or the module is wrong. When ``out`` already holds a workshop, it refuses,
    unless ``force``: then the earlier teams.csv and team folders, with the answers in
    them, are moved into ``out/replaced-<time>/``, never deleted. ``variants`` is "shared"
    (every team the same scenario) or "per-team"; ``course_seed`` defaults to the course's
    ``Variants.course_seed``.
    """
    if variants not in VARIANT_CHOICES:
        raise WorkshopError(f"--variants must be {' or '.join(VARIANT_CHOICES)}, not "
                            f"{variants!r}")
    seed_text = course_seed or _course_seed(Path(root))
    members = read_roster(roster)
    teams = form_teams(members, size, seed)
    release, files = _released(Path(root), module, notebook)
    out = Path(out)
    earlier = [out / TEAMS_FILE, *(out / name for name in _read_teams(out)
                                   if name and Path(name).name == name),
               *(out / team.name for team in teams)]
    earlier = list(dict.fromkeys(p for p in earlier if p.exists()))
    if earlier and not force:
        raise WorkshopError(
            f"{out} already holds a workshop ({', '.join(p.name for p in earlier)}); running "
            f"again would overwrite the teams' work. Choose another --out, or pass --force to "
            f"move the earlier teams (answers included) into {out}/replaced-<time>/ and start "
            f"afresh")
    if earlier:
        aside = out / f"replaced-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}"
        aside.mkdir(parents=True)
        for path in earlier:
            shutil.move(path, aside / path.name)
    chosen = set(files)

    def skip(_folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n in {".ipynb_checkpoints", "__pycache__"}
                or (n.endswith(".json") and ".answers" in n)
                or (n.endswith(".ipynb") and n not in chosen)]

    for team in teams:
        shutil.copytree(release, out / team.name / module, ignore=skip)
        chosen_variant = {"learner": team.name if variants == "per-team" else "workshop",
                          "seed": seed_text,
                          "mode": "per-learner" if variants == "per-team" else "shared"}
        _write_atomic(out / team.name / module / FOLDER_FILE,
                      json.dumps(chosen_variant, indent=1) + "\n")
    extra = list(dict.fromkeys(k for m in members for k in m.details))
    lines = [{"team": team.name, "name": m.name, **m.details} for team in teams
             for m in team.members]
    _write_atomic(out / TEAMS_FILE, _csv(["team", "name", *extra], lines))
    return teams


def _course_seed(root: Path) -> str:
    """The course seed of ``root``'s nbgrader_config.py (``Variants.course_seed``)."""
    from traitlets.config.loader import PyFileConfigLoader

    from autograder.scoring.variants import Variants

    config_file = root / "nbgrader_config.py"
    if not config_file.exists():
        return DEFAULT_SEED
    config = PyFileConfigLoader(config_file.name, str(root)).load_config()
    return Variants(config=config).course_seed


def team_variant(directory: Path) -> Variant:
    """The variant a team's module folder works on (its variant file; else a shared one)."""
    try:
        raw = json.loads((directory / FOLDER_FILE).read_text(encoding="utf-8"))
        return Variant(str(raw["learner"]), str(raw["seed"]), str(raw["mode"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Variant("workshop", DEFAULT_SEED, "shared")


# -- the board ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One team's answer to one exercise scored from its record, and what it achieves."""

    team: str
    exercise: Exercise
    status: str  #: "scored" or "not yet answered"
    points: float | None = None
    why: str = ""
    decision: str = NOT_ANSWERED
    outcome: str = ""
    projected: float | None = None  #: an allocation plan's projected value, when it fits
    saved_at: str | None = None
    #: the projected value as a share of the best plan of the team's own scenario
    share: float | None = None
    #: the id of the scenario variant the team works on
    variant: str = ""


@dataclass
class Board:
    """What the results board shows: teams, scored results, exercises left to the debrief."""

    folder: Path
    teams: dict[str, list[str]]
    modules: list[str]
    scored: list[Exercise]
    debrief: list[Exercise]
    results: dict[tuple[str, str], Result]
    problems: dict[str, list[str]]

    def total(self, team: str) -> float:
        """Return the points ``team`` has earned on the scored exercises so far."""
        return sum(r.points or 0.0 for (t, _), r in self.results.items() if t == team)

    def answered(self, team: str) -> int:
        """Return how many scored exercises ``team`` has answered."""
        return sum(r.status == "scored" for (t, _), r in self.results.items() if t == team)


def _short(value: Any, limit: int = 60) -> str:
    text = str(value) if not isinstance(value, (dict, list)) else _describe(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(value: Any, plan: bool = False) -> str:
    """Return a decision in a few words: a ranking's top 3, a ``plan``'s funded items, ..."""
    def top(order: Sequence[Any]) -> str:
        head = "  ".join(f"{i}. {item}" for i, item in enumerate(order[:3], start=1))
        return head + (f"  (+{len(order) - 3} more)" if len(order) > 3 else "")

    if isinstance(value, Mapping):
        if isinstance(value.get("order"), list):
            cut = value.get("cut")
            return top(value["order"]) + (f" · top {cut} funded" if isinstance(cut, int) else "")
        if plan:
            funded = [f"{k}: {_short(v)}" for k, v in value.items() if v]
            return " · ".join(funded) if funded else "nothing funded"
        return "; ".join(f"{k}: {_short(v)}" for k, v in value.items()) or "(empty)"
    if isinstance(value, list):
        return top(value) if value else "(empty)"
    return _short(value, 200)


def _outcome(exercise: Exercise, value: Any) -> tuple[float | None, str]:
    """Return an allocation plan's projected value (None if it breaks a rule) and a summary."""
    if exercise.family != "allocation":
        return None, ""
    from course.models import ScenarioError

    if exercise.scenario is None:
        return None, ""
    try:
        scenario = exercise.scenario()
    except Exception:  # noqa: BLE001 - a scenario that cannot be built: no projection
        return None, ""
    try:
        evaluation = scenario.evaluate(value)
    except ScenarioError as exc:
        return None, f"not a plan of this scenario: {exc}"
    parts = [f"projected {evaluation.value:,.0f} {scenario.value_unit}"]
    if scenario.capacity is not None:
        parts.append(f"{evaluation.used:g} of {scenario.capacity:g} {scenario.unit}")
    if scenario.budget is not None:
        parts.append(f"{evaluation.spent:,.0f} of {scenario.budget:,.0f} {scenario.money} "
                     f"budget")
    if evaluation.violations:
        return None, "; ".join(parts) + "; breaks: " + " ".join(evaluation.violations)
    return evaluation.value, "; ".join(parts)


def _best(exercise: Exercise) -> float | None:
    """The projected value of the reference plan of the current scenario (None if unknown)."""
    if exercise.scenario is None or exercise.reference is None:
        return None
    try:
        return float(exercise.scenario().evaluate(exercise.reference()).value)
    except Exception:  # noqa: BLE001 - no reference plan to compare with
        return None


def _result(team: str, exercise: Exercise, answer: Answer | None, variant: Variant) -> Result:
    if answer is None:
        return Result(team, exercise, NOT_ANSWERED, variant=variant.id)
    said = io.StringIO()
    with active(variant), contextlib.redirect_stdout(said):
        points = grade(exercise.key, answer.value)
        projected, outcome = _outcome(exercise, answer.value)
        best = _best(exercise) if projected is not None else None
    why = " ".join(said.getvalue().split()).removeprefix(f"{exercise.exercise}: ")
    share = projected / best if projected is not None and best else None
    if share is not None:
        outcome += f"; {share:.0%} of the best plan for this scenario"
    if answer.variant is not None and answer.variant != variant.id:
        why += (f" (answered on scenario {answer.variant}, not on the team's scenario "
                f"{variant.id}: was a notebook opened outside the team's folder?)")
    decision = _describe(answer.value, plan=exercise.family == "allocation")
    return Result(team, exercise, "scored", points, why, decision, outcome, projected,
                  answer.saved_at, share, variant.id)


def read_board(folder: str | os.PathLike[str]) -> Board:
    """Read and score every team's answer records in the workshop ``folder``.

    Teams come from ``folder/teams.csv`` (or, without it, every sub-folder holding a
    module folder). Exercises are those of the notebooks handed out; the ones answered in
    a widget are scored with :func:`autograder.scoring.grade.grade`, the others are listed in
    :attr:`Board.debrief`. A record that cannot be read is reported under its team (and
    set aside by the answer store, so nothing is lost); it never stops the board.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise WorkshopError(f"there is no workshop folder at {folder}: give the folder "
                            f"`plcourse workshop teams` wrote (its --out)")
    catalog = all_exercises()
    known = {e.module for e in catalog}
    teams = _read_teams(folder) or {
        p.name: [] for p in sorted(folder.iterdir())
        if p.is_dir() and any((p / m).is_dir() for m in known)}
    modules = sorted({m for t in teams for m in known if (folder / t / m).is_dir()})
    if not modules:
        raise WorkshopError(f"no team folder in {folder} holds a module folder: set the "
                            f"workshop up with `plcourse workshop teams` first")
    handed_out = sorted({(m, nb.name.removesuffix(".ipynb")) for t in teams for m in modules
                         for nb in (folder / t / m).glob("*.ipynb")})
    exercises = [e for e in catalog if (e.module, e.notebook) in handed_out]
    scored = [e for e in exercises if e.source == "record"]
    results: dict[tuple[str, str], Result] = {}
    problems: dict[str, list[str]] = {}
    for team in teams:
        notes = problems.setdefault(team, [])
        for module in modules:
            if not (folder / team / module).is_dir():
                notes.append(f"{team}/{module}/ is missing, so this team has no answers yet; "
                             f"copy the notebooks from release/{module}/ into it")
        for module, notebook in handed_out:
            directory = folder / team / module
            for aside in sorted(directory.glob(f"{notebook}.answers.*-*.json")):
                notes.append(f"An earlier answer record of {notebook} could not be read and "
                             f"was kept as {aside.name}; answers saved since are on the board.")
            store = AnswerStore(directory, module, notebook)
            answers = store.load()
            notes.extend(store.problems)
            variant = team_variant(directory)
            for exercise in scored:
                if (exercise.module, exercise.notebook) == (module, notebook):
                    results[(team, exercise.key)] = _result(
                        team, exercise, answers.get(exercise.record), variant)
    return Board(folder, teams, modules, scored, [e for e in exercises if e.source != "record"],
                 results, problems)


def _plot_teams(groups: list[str], board: Board, value: Callable[[str, str], float | str],
                title: str, xlabel: str) -> Plot:
    """Return a :class:`Plot` of grouped horizontal bars: one group an exercise, a bar a team.

    ``value(team, key)`` gives a bar's length, or a text shown instead of a bar.
    """
    teams = list(board.teams)
    exercises = {e.key: e for e in board.scored}

    def label(key: str) -> str:
        e = exercises[key]
        name = e.exercise if len(board.modules) == 1 else key
        return f"{name}\n({_points(e.points)})"

    fig = _figure(7.5, 1.2 + 0.22 * max(1, len(groups) * (len(teams) + 1)))
    ax = fig.add_subplot()
    step = 1.0 / (len(teams) + 1)
    for i, team in enumerate(teams):
        ys = [g + i * step for g in range(len(groups))]
        xs = [value(team, group) for group in groups]
        ax.barh(ys, [0.0 if isinstance(x, str) else x for x in xs], height=step * 0.9,
                label=team)
        for y, x in zip(ys, xs, strict=True):
            if isinstance(x, str):
                ax.text(0.0, y, f" {x}", va="center", fontsize=7, color="0.5")
            else:
                ax.text(x, y, f" {x:,.0f}" if abs(x) >= 100 else f" {x:g}", va="center",
                        fontsize=7, color="0.25")
    ax.set_yticks([g + step * (len(teams) - 1) / 2 for g in range(len(groups))],
                  [label(g) for g in groups])
    ax.margins(x=0.12)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.legend(fontsize=8, loc="lower right")
    said = "; ".join(
        f"{label(group).splitlines()[0]}: " + ", ".join(
            f"{team} {x}" if isinstance(x := value(team, group), str) else f"{team} {x:,.4g}"
            for team in teams)
        for group in groups)
    return plot(fig, f"Bar chart, {title} ({xlabel}), one bar per team. {said}.")


def _or_marker(result: Result, number: float | None) -> float | str:
    """Return ``number``, or what to show instead of a bar when there is none."""
    if result.status != "scored":
        return NOT_ANSWERED
    return "breaks a rule" if number is None else number


def _points(points: float) -> str:
    return f"{points:g} point" + ("" if points == 1 else "s")


def build_board(board: Board) -> str:
    """Return the self-contained HTML page of the results board (``templates/board.html.j2``).

    The plots are PNGs at twice the display resolution with alt text; the page has a table
    of contents, prints well and reloads itself every minute on screen.
    """
    cell = board.results
    keys = [e.key for e in board.scored]
    toc: list[dict[str, Any]] = []
    points = outcomes = None
    decisions: list[dict[str, Any]] = []
    if keys:
        out_of = sum(e.points for e in board.scored)
        points = {
            "plot": _plot_teams(
                keys, board, lambda t, k: _or_marker(cell[(t, k)], cell[(t, k)].points),
                "Points per exercise and team", "points"),
            "head": ["team", *(f"{e.exercise} (/{e.points:g})" for e in board.scored), "total",
                     "answered"],
            "body": [[team, *(NOT_ANSWERED if cell[(team, k)].points is None
                              else f"{cell[(team, k)].points:g}" for k in keys),
                      f"{board.total(team):g} of {out_of:g}",
                      f"{board.answered(team)} of {len(keys)}"] for team in board.teams]}
        for number, exercise in enumerate(board.scored, start=1):
            results = [cell[(team, exercise.key)] for team in board.teams]
            outcome = any(r.outcome for r in results)
            decisions.append({
                "id": f"decision-{number}", "title": exercise.exercise,
                "where": f"{exercise.module} · {exercise.notebook}, {_points(exercise.points)}",
                "head": ["team", "decision", *(["outcome"] if outcome else []), "points", "why"],
                "body": [[r.team, r.decision, *([r.outcome] if outcome else []),
                          "–" if r.points is None else f"{r.points:g}", r.why]
                         for r in results]})
        toc += [{"id": "points", "title": "Points per exercise", "children": []},
                {"id": "decisions", "title": "Decisions side by side",
                 "children": [{"id": d["id"], "title": d["title"]} for d in decisions]}]
        projected = [e.key for e in board.scored if any(
            cell[(t, e.key)].projected is not None for t in board.teams)]
        if projected:
            units = {e.scenario().value_unit for e in board.scored
                     if e.key in projected and e.scenario is not None}
            outcomes = _plot_teams(
                projected, board, lambda t, k: _or_marker(cell[(t, k)], cell[(t, k)].projected),
                "Projected value of each team's plan",
                f"projected value ({', '.join(sorted(units))})")
            toc.append({"id": "outcomes", "title": "Outcomes", "children": []})
    debrief = [{"exercise": e.exercise, "notebook": e.notebook, "points": _points(e.points),
                "how": "a written answer, graded by hand" if e.source == "manual"
                else "computed in the notebook's code"} for e in board.debrief]
    if debrief:
        toc.append({"id": "debrief", "title": _DEBRIEF.capitalize(), "children": []})
    toc += [{"id": "teams", "title": "Teams", "children": []},
            {"id": "problems", "title": "Problems", "children": []}]
    return render(
        "board.html.j2", title=f"Workshop results: {', '.join(board.modules)}", refresh=60,
        generated=_now(), teams_count=plural(len(board.teams), "teams"), toc=toc,
        points=points, decisions=decisions, outcomes=outcomes, debrief=debrief,
        debrief_title=_DEBRIEF.capitalize(),
        teams=[[team, ", ".join(names) or "(not listed)"] for team, names in board.teams.items()],
        problems=[(t, p) for t, ps in board.problems.items() for p in ps])


def _csv(head: list[str], rows: Iterable[Mapping[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=head, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a reader never sees half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _board_rows(board: Board) -> list[dict[str, Any]]:
    rows = []
    for team in board.teams:
        for e in [*board.scored, *board.debrief]:
            r = board.results.get((team, e.key))
            rows.append({
                "team": team, "module": e.module, "notebook": e.notebook,
                "exercise": e.exercise, "max_points": f"{e.points:g}",
                "status": r.status if r else _DEBRIEF,
                "points": "" if r is None or r.points is None else f"{r.points:g}",
                "decision": r.decision if r and r.status == "scored" else "",
                "outcome": r.outcome if r else "",
                "projected_value": "" if r is None or r.projected is None
                else f"{r.projected:.2f}",
                "saved_at": (r.saved_at or "") if r else "", "why": r.why if r else "",
            })
    return rows


def write_board(
    folder: str | os.PathLike[str], out: str | os.PathLike[str] | None = None
) -> tuple[Board, Path, Path]:
    """Write the results board of the workshop ``folder``; return it and the two files.

    The HTML page goes to ``out`` (default ``folder/board.html``) and the CSV, one row per
    team and exercise, beside it with the same name ending in ``.csv``. Running it again
    replaces both with the answers saved since.
    """
    board = read_board(folder)
    page = Path(out) if out else Path(folder) / "board.html"
    table = page.with_suffix(".csv")
    rows = _board_rows(board)
    _write_atomic(page, build_board(board))
    _write_atomic(table, _csv(list(rows[0]) if rows else ["team"], rows))
    return board, page, table
