"""Capture never loses work: one session per response file (a lock), and changes made to
the file on disk meanwhile merged in before each save, never written over."""

from __future__ import annotations

import getpass
import os
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.cli import main
from assess.errors import AssessError
from assess.load import yamlio
from assess.workshop.capture import open_session
from assess.workshop.capture_loop import walk
from assess.workshop.lock import LockHeld, acquire, lock_path

from .workshop_support import mini_copy

pexpect = pytest.importorskip("pexpect")

ENV = {**os.environ, "TERM": "dumb", "COLUMNS": "120"}
HEAD = "schema_version: 1\nquestionnaire: alpha\nrespondent: {name: Cara}\n"


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return mini_copy(tmp_path)


def _spawn(mini: Path, *extra: str) -> Any:
    return pexpect.spawn(sys.executable, ["-m", "assess", "capture", str(mini), "alpha",
                                          "--respondent", "Cara", *extra],
                         env=ENV, encoding="utf-8", timeout=30)


@pytest.fixture
def spawn(mini: Path) -> Iterator[Callable[..., Any]]:
    children: list[Any] = []

    def start(*extra: str) -> Any:
        children.append(_spawn(mini, *extra))
        return children[-1]

    yield start
    for child in children:
        child.close(force=True)


def _answer(child: Any, value: str, notes: str = "") -> None:
    child.expect(r"Answer \[")
    child.sendline(value)
    for prompt, line in (("Confidence", ""), ("Notes", notes), ("Evidence", "")):
        child.expect(prompt)
        child.sendline(line)


def _answers(mini: Path) -> Any:
    return yamlio.read(mini / "responses" / "alpha.cara.yaml").data["answers"]


class Script:
    """A terminal that types the given lines; ``before`` runs a hook before a given line."""

    def __init__(self, lines: list[str], before: dict[int, Callable[[], None]]) -> None:
        self.lines, self.before, self.count = lines, before, 0
        self.shown: list[str] = []

    def show(self, text: str) -> None:
        self.shown.append(text)

    def ask(self, prompt: str) -> str | None:
        hook = self.before.get(self.count)
        if hook:
            hook()
        self.count += 1
        return self.lines.pop(0) if self.lines else None

    @property
    def output(self) -> str:
        return "\n".join(self.shown)


def test_a_second_session_is_refused_naming_the_holder_until_the_first_ends(
        mini: Path, spawn: Callable[..., Any]) -> None:
    first = spawn()
    _answer(first, "3", "first session")
    first.expect(r"Answer \[")

    second = spawn()
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 3
    assert second.before.strip() == (
        f"error: mini/responses/alpha.cara.yaml is being captured by {getpass.getuser()} "
        f"(pid {first.pid} on {socket.gethostname()}) since "
        f"{_label(mini)['started']}; wait until that session ends, or if it is gone, run "
        "again with --break-lock (lock file: mini/responses/.alpha.cara.yaml.lock)")
    assert "Answer" not in second.before

    first.sendline("q")
    first.expect(pexpect.EOF)
    assert not lock_path(mini / "responses" / "alpha.cara.yaml").exists()

    third = spawn()
    third.expect("1 of 4 questions answered; starting at question 2")
    _answer(third, "4")
    third.sendline("q")
    third.expect(pexpect.EOF)
    assert _answers(mini) == {"AL-A-01": {"value": 3, "notes": "first session"},
                              "AL-A-02": {"value": 4}}


def _label(mini: Path) -> dict[str, str]:
    text = lock_path(mini / "responses" / "alpha.cara.yaml").read_text()
    return dict(line.split(": ", 1) for line in text.splitlines())


def test_the_lock_names_user_host_pid_and_start(mini: Path, spawn: Callable[..., Any]) -> None:
    child = spawn()
    child.expect(r"Answer \[")
    label = _label(mini)
    assert (label["user"], label["host"], int(label["pid"])) == (
        getpass.getuser(), socket.gethostname(), child.pid)
    assert label["started"][:4].isdigit()
    child.sendeof()
    child.expect(pexpect.EOF)


def test_sigterm_releases_the_lock_and_keeps_the_answers(mini: Path,
                                                          spawn: Callable[..., Any]) -> None:
    child = spawn()
    _answer(child, "2")
    child.expect(r"Answer \[")
    child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 128 + signal.SIGTERM
    assert _answers(mini) == {"AL-A-01": {"value": 2}}
    assert [p.name for p in (mini / "responses").iterdir()] == ["alpha.cara.yaml"]


def test_an_edit_made_between_two_answers_is_merged(mini: Path,
                                                    spawn: Callable[..., Any]) -> None:
    child = spawn()
    _answer(child, "3", "ours")
    child.expect(r"\[2/4\] AL-A-02")
    child.expect(r"Answer \[")
    # Someone edits the file by hand meanwhile: changes AL-A-01's notes, answers AL-B-01.
    (mini / "responses" / "alpha.cara.yaml").write_text(
        HEAD + "answers:\n  AL-A-01: {value: 3, notes: edited by hand}\n"
        "  AL-B-01: {value: 1, evidence: [minutes]}\n")
    child.sendline("4")
    child.expect("note: mini/responses/alpha.cara.yaml was changed meanwhile; merged its "
                 "changes")
    for prompt in ("Confidence", "Notes", "Evidence"):
        child.expect(prompt)
        child.sendline("")
    child.expect("saved AL-A-02: 4")
    child.expect(r"\[3/4\] AL-B-01")  # the edit's answer is shown as the current one
    child.expect("Current answer: 1")
    child.sendline("q")
    child.expect(pexpect.EOF)
    assert _answers(mini) == {"AL-A-01": {"value": 3, "notes": "edited by hand"},
                              "AL-A-02": {"value": 4},
                              "AL-B-01": {"value": 1, "evidence": ["minutes"]}}


def _rewrite(mini: Path, answers: str) -> Callable[[], None]:
    return lambda: (mini / "responses" / "alpha.cara.yaml").write_text(
        HEAD + "answers:\n" + answers)


def test_a_question_changed_on_both_sides_keeps_the_files_and_is_asked_again(
        mini: Path) -> None:
    # AL-A-01 answered 3 (saved); while confidence is asked, the file gets 1 for it; saving
    # the details finds both sides changed AL-A-01 since the last save.
    lines = ["3", "h", "", "",   # conflict: kept the file's 1, asked again
             "4", "", "", "",    # answered again: now saved over the file's
             "q"]
    term = Script(lines, {1: _rewrite(mini, "  AL-A-01: {value: 1, notes: theirs}\n")})
    with open_session(mini, "alpha", "Cara") as session:
        walk(session, term)
    assert ("AL-A-01 was changed in the file meanwhile, as well as here: kept the file's "
            "answer, yours was not saved; answer it again to replace it") in term.output
    assert "Current answer: 1" in term.output
    assert _answers(mini) == {"AL-A-01": {"value": 4, "notes": "theirs"}}


def test_untouched_questions_follow_the_file_even_when_it_removes_them(mini: Path) -> None:
    # AL-A-01 was saved by this session, then an import --force replaces the file without
    # it: this session did not change AL-A-01 since, so the removal stands.
    term = Script(["2", "", "", "", "5", "", "", "", "q"],
                  {4: _rewrite(mini, "  AL-B-02: {value: 0}\n")})
    with open_session(mini, "alpha", "Cara") as session:
        walk(session, term)
    assert _answers(mini) == {"AL-A-02": {"value": 5}, "AL-B-02": {"value": 0}}


def test_a_file_broken_meanwhile_is_not_written_over(mini: Path) -> None:
    broken = "  AL-A-01: {value: 9}\n"
    term = Script(["2", "", "", "", "5", "", "", "", "q"], {4: _rewrite(mini, broken)})
    with open_session(mini, "alpha", "Cara") as session, \
            pytest.raises(AssessError) as err:
        walk(session, term)
    assert "NOT saved: mini/responses/alpha.cara.yaml was changed meanwhile and no longer " \
           "validates: mini/responses/alpha.cara.yaml:5: answers.AL-A-01.value: 9 is " \
           "outside the levels 0-5" in term.output
    assert str(err.value).endswith("to copy into the file once it is fixed:\nanswers:\n"
                                   "  AL-A-01:\n    value: 2\n  AL-A-02:\n    value: 5\n")
    assert (mini / "responses" / "alpha.cara.yaml").read_text() == HEAD + "answers:\n" + broken


def test_a_file_fixed_after_a_refused_save_gets_the_answers(mini: Path) -> None:
    term = Script(["2", "", "", "", "5", "", "", "", "1", "", "", "", "q"],
                  {4: _rewrite(mini, "  AL-A-01: {value: 9}\n"),
                   8: _rewrite(mini, "  AL-A-01: {value: 0}\n")})
    with open_session(mini, "alpha", "Cara") as session:
        walk(session, term)
    # AL-A-01 was not changed here since the last good save: the file's 0 stands.
    assert _answers(mini) == {"AL-A-01": {"value": 0}, "AL-A-02": {"value": 5},
                              "AL-B-01": {"value": 1}}


def test_a_file_deleted_meanwhile_is_written_again_with_everything(mini: Path) -> None:
    target = mini / "responses" / "alpha.cara.yaml"
    term = Script(["2", "", "", "", "5", "", "", "", "q"], {4: target.unlink})
    with open_session(mini, "alpha", "Cara") as session:
        walk(session, term)
    assert "was removed while capturing; written again with every answer" in term.output
    assert _answers(mini) == {"AL-A-01": {"value": 2}, "AL-A-02": {"value": 5}}


def test_break_lock_takes_a_live_lock_and_the_old_session_merges(mini: Path) -> None:
    with open_session(mini, "alpha", "Cara") as old:
        with pytest.raises(LockHeld, match=r"is being captured by .* \(pid \d+ on "):
            open_session(mini, "alpha", "Cara")
        walk(old, Script(["1", "", "", "", "q"], {}))
        with open_session(mini, "alpha", "Cara", break_lock=True) as new:
            assert new.notices[0].startswith(f"broke the lock of {getpass.getuser()} (pid "
                                             f"{os.getpid()} on ")
            walk(new, Script(["3", "", "", "", "q"], {}))
            term = Script(["", "4", "", "", "", "q"], {})
            walk(old, term)  # still running: its save merges, and it is told
            assert "another session broke this session's lock" in term.output
            old.close()  # the old session's end leaves the new lock in place
            assert lock_path(new.path).exists()
    assert not lock_path(new.path).exists()
    assert _answers(mini) == {"AL-A-01": {"value": 1}, "AL-A-02": {"value": 3},
                              "AL-B-01": {"value": 4}}


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_stale_label_is_taken_over_and_another_hosts_is_not(mini: Path) -> None:
    response = mini / "responses" / "alpha.cara.yaml"
    label = "user: ann\nhost: {host}\npid: {pid}\nstarted: 2026-01-15 09:00:00+00:00\n"
    lock_path(response).write_text(label.format(host=socket.gethostname(), pid=_dead_pid()))
    lock = acquire(response)
    assert lock.notice is not None
    assert lock.notice.startswith("took over a stale lock of ann (pid ")
    lock.release()

    lock_path(response).write_text(label.format(host="other-laptop", pid=os.getpid()))
    with pytest.raises(LockHeld) as err:
        acquire(response)
    assert str(err.value).startswith("mini/responses/alpha.cara.yaml is being captured by "
                                     f"ann (pid {os.getpid()} on other-laptop) since "
                                     "2026-01-15 09:00:00+00:00; ")
    acquire(response, break_lock=True).release()


def test_two_locks_in_one_process_exclude_each_other(mini: Path) -> None:
    response = mini / "responses" / "alpha.cara.yaml"
    lock = acquire(response)
    with pytest.raises(LockHeld):
        acquire(response)
    lock.release()
    acquire(response).release()
    assert list((mini / "responses").iterdir()) == []


def test_the_lock_file_is_not_read_as_a_response(mini: Path, runner: CliRunner) -> None:
    lock_path(mini / "responses" / "alpha.cara.yaml").write_text("user: x\n")
    for command in (["validate", str(mini)], ["score", str(mini)]):
        result = runner.invoke(main, command, catch_exceptions=False)
        assert result.exit_code == 0, result.output


def test_responses_that_is_a_file_is_refused_before_the_first_question(
        mini: Path, runner: CliRunner) -> None:
    (mini / "responses").rmdir()
    (mini / "responses").write_text("not a folder\n")
    result = runner.invoke(main, ["capture", str(mini), "alpha", "--respondent", "Cara"],
                           input="3\nh\n\n\n", catch_exceptions=False)
    assert result.exit_code == 3
    assert result.output == ("mini/responses: <root>: expected the folder of response files, "
                             "found a file; move it aside and create a folder named "
                             "responses\n")
    assert (mini / "responses").read_text() == "not a folder\n"


def test_a_lock_path_that_is_a_symlink_is_refused_not_followed(mini: Path) -> None:
    victim = mini / "precious.txt"
    victim.write_text("keep me\n")
    lock_path(mini / "responses" / "alpha.cara.yaml").symlink_to(victim)
    with pytest.raises(AssessError, match=r"^mini/responses/\.alpha\.cara\.yaml\.lock is not "
                       "a regular file; capture keeps its lock there: remove it$"):
        open_session(mini, "alpha", "Cara")
    assert victim.read_text() == "keep me\n"


def test_ctrl_c_at_a_prompt_quits_and_releases_the_lock(mini: Path,
                                                        spawn: Callable[..., Any]) -> None:
    child = spawn()
    _answer(child, "1")
    child.expect(r"Answer \[")
    child.sendintr()
    child.expect("1 of 4 questions answered")
    child.expect(pexpect.EOF)
    assert [p.name for p in (mini / "responses").iterdir()] == ["alpha.cara.yaml"]


QIDS = ("AL-A-01", "AL-A-02", "AL-B-01", "AL-B-02")
_answer_or_none = st.one_of(st.none(), st.builds(
    lambda value, note: {"value": value, **({"notes": note} if note else {})},
    st.sampled_from([0, 3, 5, "n/a"]), st.sampled_from(["", "x"])))
_answer_sets = st.fixed_dictionaries({q: _answer_or_none for q in QIDS})


def _dump(answers: dict[str, Any]) -> str:
    return yamlio.dump({"schema_version": 1, "questionnaire": "alpha",
                        "respondent": {"name": "Cara"},
                        "answers": {q: a for q, a in answers.items() if a is not None}})


@settings(max_examples=60, deadline=None)
@given(base=_answer_sets, ours=_answer_sets, theirs=_answer_sets)
def test_a_save_keeps_every_change_in_the_file_and_this_sessions_elsewhere(
        base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        mini = mini_copy(Path(tmp))
        target = mini / "responses" / "alpha.cara.yaml"
        target.write_text(_dump(base))
        with open_session(mini, "alpha", "Cara") as session:
            session.answers = {q: dict(a) for q, a in ours.items() if a is not None}
            target.write_text(_dump(theirs))
            report = session.save()
        saved = yamlio.read(target).data["answers"]
    assert {q: saved.get(q) for q in QIDS} == {
        q: theirs[q] if theirs[q] != base[q] else ours[q] for q in QIDS}
    assert report.conflicts == [q for q in QIDS if base[q] != ours[q] != theirs[q] != base[q]]


def test_a_response_that_is_a_fifo_is_refused_not_read(mini: Path) -> None:
    os.mkfifo(mini / "responses" / "alpha.cara.yaml")
    result = subprocess.run([sys.executable, "-m", "assess", "capture", str(mini), "alpha",
                             "--respondent", "Cara"], input="3\n", capture_output=True,
                            text=True, timeout=60, env=ENV)
    assert result.returncode == 3
    assert result.stderr == "error: mini/responses/alpha.cara.yaml is not a regular file\n"
    assert "Answer" not in result.stdout


def test_without_flock_an_exclusive_create_and_the_label_decide(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assess.workshop import lock as lock_module

    monkeypatch.setattr(lock_module, "_flock", lambda fd: None)  # e.g. Windows
    response = mini / "responses" / "alpha.cara.yaml"
    first = acquire(response)
    with pytest.raises(LockHeld, match=rf"by .* \(pid {os.getpid()} on "):
        acquire(response)
    first.release()
    label = f"user: ann\nhost: {socket.gethostname()}\npid: {{}}\nstarted: 2026-01-15\n"
    lock_path(response).write_text(label.format(_dead_pid()))
    taken = acquire(response)
    assert taken.notice is not None and taken.notice.startswith("took over a stale lock")
    taken.release()
    lock_path(response).write_text(label.format(os.getpid()))
    with pytest.raises(LockHeld, match=r"by ann \(pid"):
        acquire(response)
    broken = acquire(response, break_lock=True)
    assert broken.notice is not None and broken.notice.startswith("broke the lock of ann")
    broken.release()
    assert list((mini / "responses").iterdir()) == []


def test_a_role_given_on_the_command_line_survives_a_merge(mini: Path) -> None:
    target = mini / "responses" / "alpha.cara.yaml"
    file = ("schema_version: 1\nquestionnaire: alpha\nrespondent: {name: Cara, role: Head}\n"
            "answers:\n  AL-B-02: {value: %s}\n")
    target.write_text(file % 1)
    term = Script(["2", "", "", "", "q"], {0: lambda: target.write_text(file % 4)})
    with open_session(mini, "alpha", "Cara", role="CISO") as session:
        walk(session, term)
    data = yamlio.read(target).data
    assert data["respondent"] == {"name": "Cara", "role": "CISO"}
    assert data["answers"] == {"AL-A-01": {"value": 2}, "AL-B-02": {"value": 4}}


RACER = """
import sys
from pathlib import Path
from assess.workshop.lock import LockHeld, acquire
sys.stdin.readline()
try:
    lock = acquire(Path(sys.argv[1]))
except LockHeld:
    print("held", flush=True)
else:
    print("won", flush=True)
    sys.stdin.readline()
    lock.release()
"""


def test_processes_racing_for_one_lock_have_one_winner(mini: Path) -> None:
    response = mini / "responses" / "alpha.cara.yaml"
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(response)], text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
              for _ in range(6)]
    try:
        for racer in racers:  # all start before any can finish: winners wait for a line
            assert racer.stdin is not None
            racer.stdin.write("go\n")
            racer.stdin.flush()
        results = [racer.stdout.readline().strip() for racer in racers if racer.stdout]
        assert sorted(results) == ["held"] * 5 + ["won"]
    finally:
        for racer in racers:
            racer.communicate("\n", timeout=60)
    assert list((mini / "responses").iterdir()) == []
