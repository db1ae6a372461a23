"""Live capture: the loop driven by scripted input, and the real command in a pseudo-terminal."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main
from assess.errors import AssessError, InvalidInput
from assess.load import yamlio
from assess.workshop.capture import open_session
from assess.workshop.capture_loop import run_capture, walk

from .workshop_support import mini_copy

DAY = dt.date(2026, 1, 15)


class Script:
    """A terminal that types the given lines, then ends input (as Ctrl-D would)."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = list(lines)
        self.shown: list[str] = []
        self.prompts: list[str] = []

    def show(self, text: str) -> None:
        self.shown.append(text)

    def ask(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        return self.lines.pop(0) if self.lines else None

    @property
    def output(self) -> str:
        return "\n".join(self.shown)


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return mini_copy(tmp_path)


def _saved(mini: Path, name: str = "alpha.cara.yaml") -> dict[str, object]:
    data = yamlio.read(mini / "responses" / name).data
    assert isinstance(data, dict)
    return data


def test_answers_are_saved_with_details(mini: Path) -> None:
    term = Script(["3", "h", "MFA on all staff", "policy v2; report",  # AL-A-01
                   "n/a", "", "", "",                                   # AL-A-02
                   "q"])
    with open_session(mini, "alpha", "Cara", "CISO", today=DAY) as session:
        summary = walk(session, term)
    assert (summary.answered, summary.total, summary.unanswered) == (2, 4, ("AL-B-01", "AL-B-02"))
    assert _saved(mini) == {
        "schema_version": 1, "questionnaire": "alpha",
        "respondent": {"name": "Cara", "role": "CISO"}, "date": DAY,
        "answers": {"AL-A-01": {"value": 3, "confidence": "high", "notes": "MFA on all staff",
                                "evidence": ["policy v2", "report"]},
                    "AL-A-02": {"value": "n/a"}}}
    assert "[1/4] AL-A-01 · Alpha capability" in term.output
    assert "3 Defined     standard" in term.output  # the descriptors are shown
    assert runner_validates(mini)


def runner_validates(mini: Path) -> bool:
    return CliRunner().invoke(main, ["validate", str(mini)]).exit_code == 0


def test_skip_back_clear_and_bad_input(mini: Path) -> None:
    term = Script(["s",            # skip AL-A-01
                   "7", "2",       # out of range, asked again; then 2
                   "x-ray", "m", "", "",   # confidence re-asked after a bad answer
                   "b",            # back to AL-A-02 (answered)
                   "x",            # clear it
                   "",             # Enter on an unanswered question: move on
                   "?", "q"])
    with open_session(mini, "alpha", "Cara", today=DAY) as session:
        walk(session, term)
    assert "7 is outside the levels 0-5; type ? for help" in term.output
    assert "expected low, medium or high, got 'x-ray'" in term.output
    assert "cleared AL-A-02" in term.output
    assert "Enter   keep the current answer" in term.output
    assert _saved(mini)["answers"] == {}
    assert term.prompts[-1].startswith("Answer [0-5 or n/a")
    assert "[3/4] AL-B-01" in term.shown[-3]


def test_resume_starts_at_first_unanswered_and_keeps_details(mini: Path) -> None:
    with open_session(mini, "alpha", "Cara", "CISO", today=DAY) as session:
        walk(session, Script(["1", "l", "first note", "", "2", "", "", ""]))
    term = Script(["b", "", "-", "", "-", "q"])  # back to AL-A-02: keep value, clear notes
    with open_session(mini, "alpha", "Cara") as session:
        assert session.first_unanswered() == 2
        walk(session, term)
    assert "2 of 4 questions answered; starting at question 3." in term.output
    data = _saved(mini)
    assert data["respondent"] == {"name": "Cara", "role": "CISO"}  # role kept from the file
    assert data["answers"] == {"AL-A-01": {"value": 1, "confidence": "low",
                                           "notes": "first note"},
                               "AL-A-02": {"value": 2}}


def test_quitting_mid_question_keeps_the_value(mini: Path) -> None:
    with open_session(mini, "alpha", "Cara", today=DAY) as session:
        walk(session, Script(["4"]))  # input ends
    assert _saved(mini)["answers"] == {"AL-A-01": {"value": 4}}


def test_consensus_and_start(mini: Path) -> None:
    summary = run_capture(mini, "alpha", None, Script(["3", "h", "", ""]), start="AL-B-02")
    data = _saved(mini, "alpha.consensus.yaml")
    assert data["consensus"] is True and "respondent" not in data
    assert data["answers"] == {"AL-B-02": {"value": 3, "confidence": "high"}}
    assert summary.unanswered == ("AL-A-01", "AL-A-02", "AL-B-01")
    with pytest.raises(AssessError, match="unknown question 'NOPE'"):
        run_capture(mini, "alpha", None, Script([]), start="NOPE")


def test_refuses_someone_elses_file_and_broken_files(mini: Path) -> None:
    (mini / "responses" / "alpha.cara.yaml").write_text(
        "schema_version: 1\nquestionnaire: alpha\nrespondent: {name: CARA}\nanswers: {}\n")
    with pytest.raises(AssessError, match="holds the answers of 'CARA', not 'Cara'"):
        open_session(mini, "alpha", "Cara")
    (mini / "responses" / "alpha.cara.yaml").write_text(
        "schema_version: 1\nquestionnaire: alpha\nrespondent: {name: Cara}\n"
        "answers: {AL-A-01: {value: 9}}\n")
    with pytest.raises(InvalidInput) as err:
        open_session(mini, "alpha", "Cara")
    assert str(err.value) == ("mini/responses/alpha.cara.yaml:4: answers.AL-A-01.value: 9 is "
                              "outside the levels 0-5")
    gamma = (mini / "questionnaires" / "alpha.yaml").read_text()
    (mini / "questionnaires" / "gamma.yaml").write_text(gamma.replace("\nid: alpha\n",
                                                                      "\nid: gamma\n"))
    with pytest.raises(AssessError, match=r"questionnaire 'gamma' is not in the scope of "
                       r"mini/assessment.yaml \(alpha\)"):
        open_session(mini, "gamma", "Cara")


def test_cli_needs_exactly_one_of_respondent_and_consensus(mini: Path,
                                                           runner: CliRunner) -> None:
    assert runner.invoke(main, ["capture", str(mini), "alpha"]).exit_code == 2
    both = runner.invoke(main, ["capture", str(mini), "alpha", "--respondent", "A",
                                "--consensus"])
    assert both.exit_code == 2
    assert "one of them" in both.output


def test_capture_in_a_pseudo_terminal_resumes_after_a_kill(mini: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    command = [sys.executable, "-m", "assess", "capture", str(mini), "alpha",
               "--respondent", "Dee Q", "--role", "Network lead"]
    env = {**os.environ, "TERM": "dumb", "COLUMNS": "120"}

    child = pexpect.spawn(command[0], command[1:], env=env, encoding="utf-8", timeout=30)
    try:
        for value in ("2", "4", "n/a"):
            child.expect(r"Answer \[")
            child.sendline(value)
            child.expect("Confidence")
            child.sendline("m")
            child.expect("Notes")
            child.sendline(f"note for {value}")
            child.expect("Evidence")
            child.sendline("")
        child.expect(r"\[4/4\] AL-B-02")
        child.expect(r"Answer \[")
        child.kill(signal.SIGKILL)  # the laptop dies mid-workshop
        child.wait()
    finally:
        child.close(force=True)

    target = mini / "responses" / "alpha.dee-q.yaml"
    answers = yamlio.read(target).data["answers"]
    assert answers == {"AL-A-01": {"value": 2, "confidence": "medium", "notes": "note for 2"},
                       "AL-A-02": {"value": 4, "confidence": "medium", "notes": "note for 4"},
                       "AL-B-01": {"value": "n/a", "confidence": "medium",
                                   "notes": "note for n/a"}}
    # No temporary file; the killed session's lock is left behind, stale.
    assert sorted(p.name for p in (mini / "responses").iterdir()) == [
        ".alpha.dee-q.yaml.lock", "alpha.dee-q.yaml"]
    killed = child.pid

    child = pexpect.spawn(command[0], [*command[1:6], "--respondent", "Dee Q"], env=env,
                          encoding="utf-8", timeout=30)
    try:
        child.expect(rf"note: took over a stale lock of .+ \(pid {killed} on .+\) since "
                     r".+ \(that session is no longer running\)")
        child.expect("3 of 4 questions answered; starting at question 4")
        child.expect(r"\[4/4\] AL-B-02")
        child.expect(r"Answer \[")
        child.sendline("5")
        for _ in ("Confidence", "Notes", "Evidence"):
            child.expect(_)
            child.sendline("")
        child.expect("4 of 4 questions answered")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    data = yamlio.read(target).data
    assert len(data["answers"]) == 4 and data["answers"]["AL-B-02"] == {"value": 5}
    assert data["respondent"] == {"name": "Dee Q", "role": "Network lead"}
    assert [p.name for p in (mini / "responses").iterdir()] == ["alpha.dee-q.yaml"]  # released
