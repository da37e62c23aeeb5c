"""Independent tasks of a build spread over worker processes where the system can fork.

The workers inherit the tasks (closures over the tally, contexts and compiled templates) instead of
receiving them pickled; only each task's result comes back. Below PARALLEL_FROM tasks, on one core, or
where fork is not available (Windows), the tasks run here, in order. A task's exception stops the run and
is raised here.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any

PARALLEL_FROM = 32  # tasks; below this a process pool costs more than it saves
_TASKS: list[Callable[[], Any]] = []  # set in the parent just before its workers fork


def workers() -> int:
    return min(os.cpu_count() or 1, 8)


def run_all(tasks: Sequence[Callable[[], Any]]) -> list[Any]:
    """Each task's result, in the order of `tasks`."""
    if len(tasks) < PARALLEL_FROM or workers() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [task() for task in tasks]
    _TASKS[:] = tasks
    gc.freeze()  # the workers' collector then leaves the inherited objects (and their pages) alone
    try:
        with multiprocessing.get_context("fork").Pool(workers()) as pool:
            return list(pool.imap(_run, range(len(tasks))))
    finally:
        _TASKS.clear()
        gc.unfreeze()


def _run(index: int) -> Any:
    return _TASKS[index]()
