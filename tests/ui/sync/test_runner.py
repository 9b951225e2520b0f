"""The job runner runs work that talks to a server off the GUI thread, one job at a time, with
its progress, its result or its error in words, and stops when the window closes."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from netdesk.errors import ServiceError
from netdesk.ui.sync.runner import JobRunner, Progress


def count_to(n: int) -> object:
    def job(progress: Progress, cancel: threading.Event) -> object:
        for i in range(1, n + 1):
            progress("counting", i, n)
        return {"thread": threading.current_thread().name, "counted": n}

    return job


def refuse(_progress: Progress, _cancel: threading.Event) -> object:
    raise ServiceError("The server refused the user name or password for http://x/.")


def crash(_progress: Progress, _cancel: threading.Event) -> object:
    return 1 // 0


def wait_for_cancel(started: threading.Event) -> object:
    def job(_progress: Progress, cancel: threading.Event) -> object:
        started.set()
        cancel.wait(20)
        return "stopped" if cancel.is_set() else "never told"

    return job


def test_a_job_runs_off_the_gui_thread_with_its_progress(qtbot: QtBot) -> None:
    runner = JobRunner()
    steps: list[tuple[str, int, int]] = []
    runner.progress.connect(lambda *step: steps.append(step))
    with qtbot.waitSignal(runner.finished, timeout=10_000) as done:
        assert runner.start(count_to(3))  # type: ignore[arg-type]
    assert done.args is not None
    result = done.args[0]
    assert result["counted"] == 3
    assert result["thread"] != threading.current_thread().name
    assert steps == [("counting", 1, 3), ("counting", 2, 3), ("counting", 3, 3)]
    assert not runner.busy()


def test_one_job_at_a_time(qtbot: QtBot) -> None:
    runner = JobRunner()
    started = threading.Event()
    assert runner.start(wait_for_cancel(started))  # type: ignore[arg-type]
    assert started.wait(10)
    assert runner.busy()
    assert not runner.start(count_to(1))  # type: ignore[arg-type]
    with qtbot.waitSignal(runner.finished, timeout=10_000) as done:
        runner.cancel()
    assert done.args == ["stopped"]
    # Once it is over, the next one may start (even from a slot of the last one's signal).
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        assert runner.start(count_to(1))  # type: ignore[arg-type]


def test_an_error_comes_back_in_words(qtbot: QtBot) -> None:
    runner = JobRunner()
    with qtbot.waitSignal(runner.failed, timeout=10_000) as failed:
        runner.start(refuse)
    assert failed.args is not None
    assert str(failed.args[0]) == "The server refused the user name or password for http://x/."


def test_a_bug_comes_back_as_words_not_a_traceback(qtbot: QtBot) -> None:
    runner = JobRunner()
    with qtbot.waitSignal(runner.failed, timeout=10_000) as failed:
        runner.start(crash)
    assert failed.args is not None
    error = failed.args[0]
    assert isinstance(error, ServiceError)
    assert "by zero" in str(error) and "Traceback" not in str(error)


def test_stop_cancels_and_waits(qtbot: QtBot) -> None:
    runner = JobRunner()
    started = threading.Event()
    results: list[object] = []
    runner.finished.connect(results.append)
    runner.start(wait_for_cancel(started))  # type: ignore[arg-type]
    assert started.wait(10)
    assert runner.stop()
    assert not runner.busy()
    qtbot.wait(50)
    assert results == []  # the window that asked is closing: no result delivered
