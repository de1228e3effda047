"""Role and competency data: loaded, validated, and every bad id or rating refused clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from course.answers import AnswerStore
from course.data import load
from course.models import ScenarioError
from course.roles import (
    COMPETENCY_IDS,
    CONTRAST_IDS,
    PAIRS,
    ROLE_IDS,
    SOURCES,
    check_competency,
    check_ratings,
    check_role,
    collaboration,
    competencies,
    find_baseline,
    profile,
    profiles,
    roles,
    specialisations,
    validate_tables,
)

LESSON_IDS = Path(__file__).resolve().parent.parent / "materials" / "lessons" / "README.md"


def _tables() -> dict[str, pd.DataFrame]:
    names = ("roles", "competencies", "role_profiles", "collaboration", "specialisations")
    return {name: load(name) for name in names}


def test_ids_are_the_ones_the_lesson_guide_lists() -> None:
    """The fifteen competency ids and thirteen role ids are exactly those of the lesson guide."""
    guide = LESSON_IDS.read_text()
    for ident in COMPETENCY_IDS + ROLE_IDS + CONTRAST_IDS:
        assert f"`{ident}`" in guide, ident
    assert len(COMPETENCY_IDS) == 15 and len(ROLE_IDS) == 10 and len(CONTRAST_IDS) == 3


def test_tables_load_with_their_shapes() -> None:
    """The tables hold 15 competencies, 13 roles, 10 profiles, 21 aspects, 5 specialisations."""
    assert list(competencies().index) == list(COMPETENCY_IDS)
    assert list(roles().index) == list(ROLE_IDS + CONTRAST_IDS)
    assert list(roles(contrasts=False).index) == list(ROLE_IDS)
    assert sorted(profiles().index) == sorted(ROLE_IDS)
    assert list(profiles().columns) == list(COMPETENCY_IDS)
    assert len(collaboration()) == 21
    assert {pair: len(collaboration(pair)) for pair in PAIRS} == dict.fromkeys(PAIRS, 7)
    assert len(specialisations()) == 5
    ladder = roles().query("track == 'ladder'").sort_values("rank")
    assert list(ladder.index) == list(ROLE_IDS[:8])


def test_every_row_names_a_source_file() -> None:
    """Each row of every table names one of the five source articles."""
    for name, table in _tables().items():
        assert table["source"].isin(SOURCES).all(), name


def test_profiles_rise_up_the_ladder() -> None:
    """No competency expectation falls from one management rung to the next."""
    ladder = ["product_manager", "senior_pm", "director", "senior_director", "head_of_product",
              "vp_product", "cpo"]
    table = profiles().loc[ladder]
    assert (table.diff().dropna() >= 0).all().all()
    assert profile("director")["team-management"] > profile("distinguished_pm")["team-management"]


@pytest.mark.parametrize("role, message", [
    ("vp", "not a role of the course"),
    ("cpoo", "Did you mean 'cpo'"),
    (None, "not a role"),
    ("project_manager", "not a role"),
])
def test_unknown_roles_are_refused(role: object, message: str) -> None:
    """An unknown role id is refused with the list of ids (and a suggestion when close)."""
    with pytest.raises(ScenarioError, match=message):
        check_role(role)
    with pytest.raises(ScenarioError):
        profile(role)  # type: ignore[arg-type]


def test_contrasts_are_accepted_only_when_asked() -> None:
    """The three contrast jobs are known ids only when contrasts are allowed."""
    assert check_role("product_owner", contrasts=True) == "product_owner"
    assert check_role("cpo") == "cpo"


def test_unknown_competency_and_pair_are_refused() -> None:
    """A misspelt competency or collaboration pair gets a suggestion."""
    with pytest.raises(ScenarioError, match="Did you mean 'leadership'"):
        check_competency("leadershi")
    with pytest.raises(ScenarioError, match="pm-director"):
        collaboration("pm-directr")


@pytest.mark.parametrize("ratings, message", [
    ({"leadership": 6}, "outside the scale"),
    ({"leadership": 0}, "outside the scale"),
    ({"leadership": 2.5}, "whole number"),
    ({"leadership": True}, "whole number"),
    ({"leadership": "3"}, "whole number"),
    ({"leadershp": 3}, "Did you mean 'leadership'"),
    ([3, 4], "Ratings map each competency"),
])
def test_bad_ratings_are_refused(ratings: object, message: str) -> None:
    """Out-of-range, non-integer, unknown and malformed ratings are refused with the fix."""
    with pytest.raises(ScenarioError, match=message):
        check_ratings(ratings)


def test_ratings_are_ordered_and_completeness_is_checked() -> None:
    """Valid ratings come back in course order; ``complete`` names what is missing."""
    assert list(check_ratings({"leadership": 2, "strategic-thinking": 5})) == [
        "strategic-thinking", "leadership"]
    with pytest.raises(ScenarioError, match="14 competencies are not rated yet"):
        check_ratings({"leadership": 2}, complete=True)
    full = dict.fromkeys(COMPETENCY_IDS, 3)
    assert check_ratings(full, complete=True) == full


@pytest.mark.parametrize("table, change, message", [
    ("competencies", lambda t: t.drop(index="leadership"), "missing: leadership"),
    ("competencies", lambda t: t.assign(source="wikipedia"), "not one of the course's source"),
    ("competencies", lambda t: t.assign(vp=""), "has no 'vp'"),
    ("roles", lambda t: t.assign(track="other"), "track 'other'"),
    ("role_profiles", lambda t: t.assign(leadership=7), "whole numbers from 1 to 5"),
    ("role_profiles", lambda t: t.drop(index="cpo"), "missing: cpo"),
    ("collaboration", lambda t: t.iloc[1:], "has 6 aspects"),
    ("collaboration", lambda t: t.assign(upper="boss"), "not a role id"),
    ("specialisations", lambda t: t.iloc[:4], "five"),
])
def test_damaged_tables_are_refused(table: str, change: object, message: str) -> None:
    """Each kind of damage to the data is reported with the table, row and fix."""
    tables = _tables()
    tables[table] = change(tables[table])  # type: ignore[operator]
    with pytest.raises(ScenarioError, match=message):
        validate_tables(tables)


def _module00(tmp_path: Path, value: object, notebook: str = "1-the-ladder") -> Path:
    AnswerStore(tmp_path / "00-product-ladder", "00-product-ladder", notebook).save(
        "self-assessment", value)
    module08 = tmp_path / "08-career-progression"
    module08.mkdir(exist_ok=True)
    return module08


def test_baseline_is_found_in_module_00(tmp_path: Path) -> None:
    """Module 00's saved self-assessment is found whatever the notebook is called."""
    here = _module00(tmp_path, {"leadership": 4, "communication": 2}, notebook="3-anything")
    baseline = find_baseline(here)
    assert baseline.ratings == {"leadership": 4, "communication": 2}
    assert baseline.found_in is not None and baseline.found_in.name.startswith("3-anything")


def test_missing_baseline_means_rating_afresh(tmp_path: Path) -> None:
    """Without a module 00 folder or a saved assessment, nothing is found and it says so."""
    here = tmp_path / "08-career-progression"
    here.mkdir()
    assert find_baseline(here).ratings is None
    assert "rate yourself here" in find_baseline(here).notes[0]
    AnswerStore(tmp_path / "00-product-ladder", "00-product-ladder", "1-the-ladder").save(
        "ladder-order", {"order": []})
    baseline = find_baseline(here)
    assert baseline.ratings is None and "No self-assessment saved" in baseline.notes[-1]


def test_out_of_range_baseline_is_not_used(tmp_path: Path) -> None:
    """A baseline with a rating outside 1..5 is reported and ignored, never raised."""
    here = _module00(tmp_path, {"leadership": 9})
    baseline = find_baseline(here)
    assert baseline.ratings is None
    assert "outside the scale" in baseline.notes[0]


def test_corrupt_baseline_is_skipped_and_left_in_place(tmp_path: Path) -> None:
    """A damaged module 00 record is skipped with a note and never moved or changed."""
    here = _module00(tmp_path, {"leadership": 3})
    record = tmp_path / "00-product-ladder" / "1-the-ladder.answers.json"
    record.write_text("{not json")
    baseline = find_baseline(here)
    assert baseline.ratings is None and "could not be read" in baseline.notes[0]
    assert record.read_text() == "{not json"
    assert sorted(p.name for p in record.parent.iterdir()) == [record.name]
    foreign = json.loads(json.dumps({"format": "x", "module": "00-product-ladder"}))
    record.write_text(json.dumps(foreign))
    assert find_baseline(here).ratings is None and record.exists()
