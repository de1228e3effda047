"""nbgrader's exchange collect, trusting a submission's folder name only as far as it can check.

A learner writes into the exchange's ``inbound/`` folder, named ``<learner id>+<module>+
<timestamp>+<random>``; the name is a claim anyone can make. Stock ``nbgrader collect``
takes the newest folder per claimed id and only logs a warning when the folder's owner
differs, so a learner who hands in under another learner's id replaces that learner's
work. :class:`CheckedCollect` (selected with ``--ExchangeFactory.collect=
autograder.collect.exchange.CheckedCollect``, as ``plcourse collect`` does) applies these rules:

- **Ownership.** A submission is the learner's whose account wrote it: the folder and
  every file and folder in it must be owned by the operating-system account named by
  the claimed learner id. Otherwise it is left out, with ``submitted by account X,
  claims to be Y`` (or ``no account Y exists here``). A submission holding a symbolic
  link is left out too: copying it would pull in a file the learner cannot read.
- **Where ownership cannot be checked** (Windows has no owners to compare; a hub where
  every learner shares one account and ``CourseDirectory.student_id`` comes from
  ``JUPYTERHUB_USER``, so ``CheckedCollect.check_ownership = False``), the folder name is
  trusted, as stock nbgrader does, and every submission collected says so in a warning.
  Give learners their own accounts to make the check possible.
- **Several submissions for one learner**: the newest by the timestamp in its folder
  name is collected (before the due date when nbgrader's ``before_duedate`` is on); each
  other one is reported, never silently dropped.

Every decision is logged as a warning ``<DECISION> <learner id>: <reason> [exchange folder
<name>]`` with ``REFUSED``, ``NOT COLLECTED`` or ``UNCHECKED`` for the decision, which
``plcourse collect`` reads back and reports.
"""

from __future__ import annotations

import glob
import os
import sys
from collections import defaultdict
from pathlib import Path

from nbgrader.exchange.default.collect import ExchangeCollect
from traitlets import Bool

__all__ = ["CheckedCollect", "ownership_problem"]

if sys.platform != "win32":
    import pwd
else:  # pragma: no cover - no file owners to compare on Windows
    pwd = None


def _account(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid} (no such account)"


def ownership_problem(folder: Path, claimed: str) -> str | None:
    """Return why ``folder`` is not ``claimed``'s own submission, or None when it is.

    Raises ``RuntimeError`` where file ownership cannot be checked (no ``pwd`` module).
    """
    if pwd is None:
        raise RuntimeError("this system has no file owners to check")
    try:
        uid = pwd.getpwnam(claimed).pw_uid
    except KeyError:
        return f"claims to be {claimed}, but no account {claimed} exists here"
    paths = [folder]
    for current, dirs, files in os.walk(folder):
        paths += [Path(current, name) for name in dirs + files]
    for path in paths:
        info = path.lstat()
        if path.is_symlink():
            return (f"holds a symbolic link ({path.relative_to(folder)}), which could pull in "
                    f"files of others")
        if info.st_uid != uid:
            where = "" if path == folder else f" ({path.relative_to(folder)})"
            return f"submitted by account {_account(info.st_uid)}, claims to be {claimed}{where}"
    return None


class CheckedCollect(ExchangeCollect):
    """nbgrader's collect that refuses submissions not written by the learner they claim."""

    check_ownership = Bool(
        True,
        help="Leave out a submission whose folder or files are owned by an account other than "
        "the one named by its learner id, with the reason. Turn off only where every learner "
        "shares one operating-system account (ownership then says nothing): the exchange's "
        "folder names are then trusted, and each collected submission is reported as "
        "unchecked.",
    ).tag(config=True)

    def _refusal(self, record: dict) -> str | None:
        if not self.check_ownership or pwd is None:
            return None
        return ownership_problem(Path(self.inbound_path, record["filename"]),
                                 record["username"])

    def init_src(self) -> None:
        """Choose each learner's newest submission among those the learner's account wrote."""
        super().init_src()  # the stock checks, paths and due date
        student = self.coursedir.student_id or "*"
        pattern = os.path.join(self.inbound_path, f"{student}+{self.coursedir.assignment_id}+*")
        groups: dict[str, list[dict]] = defaultdict(list)
        for record in (self._path_to_record(f) for f in sorted(glob.glob(pattern))):
            why = self._refusal(record)
            if why:
                self.log.warning("REFUSED %s: %s [exchange folder %s]", record["username"], why,
                                 record["filename"])
                continue
            if not self.check_ownership or pwd is None:
                reason = ("this system has no file owners" if pwd is None
                          else "CheckedCollect.check_ownership is off")
                self.log.warning("UNCHECKED %s: ownership not checked (%s); the folder name is "
                                 "trusted [exchange folder %s]", record["username"], reason,
                                 record["filename"])
            groups[record["username"]].append(record)
        self.src_records = []
        for learner, records in sorted(groups.items()):
            records = self._sort_by_timestamp(records)
            chosen = records[0]
            if self.duedate is not None and self.before_duedate:
                early = [r for r in records if r["timestamp"] <= self.duedate]
                chosen = early[0] if early else records[0]
            self.src_records.append(chosen)
            for other in records:
                if other is not chosen:
                    self.log.warning("NOT COLLECTED %s: a submission of %s; the one of %s was "
                                     "kept, the newest by timestamp [exchange folder %s]",
                                     learner, other["timestamp"], chosen["timestamp"],
                                     other["filename"])
