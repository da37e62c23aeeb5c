"""Many inbox files read in child processes; a file that kills its reader is named and the run goes on.

Each child reads the files it is sent, in order, and answers one Submission per file. The parent
knows which file a child was on when it died (a native crash in the spreadsheet library: a signal,
an abort on a huge allocation): that file becomes an unreadable Submission naming the cause, the
rest of the child's files go to a fresh child.
"""
from __future__ import annotations

import gc
import multiprocessing
import signal
from collections import deque
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from collections.abc import Callable
from typing import cast

from reportgen.config import Settings
from reportgen.models import Submission
from reportgen.parse.intake import crashed_submission, read_submission

CHUNK = 8  # files sent to a child at a time: few messages, little work lost when a child dies


def _serve(conn: Connection, inbox: Path, settings: Settings) -> None:
    gc.disable()  # see api.without_gc
    while True:
        chunk = conn.recv()
        if chunk is None:
            break
        for n, path in chunk:
            try:
                sub = read_submission(path, inbox, settings)
            except Exception as exc:  # noqa: BLE001 - a bug on one file must not lose the others
                sub = crashed_submission(path, inbox, settings, f"程序内部错误 {type(exc).__name__}: {exc}"[:300])
            conn.send((n, sub))
    conn.close()


def _cause(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"被信号 {signal.Signals(-exitcode).name} 终止"
        except ValueError:
            return f"被信号 {-exitcode} 终止"
    return f"异常退出（退出码 {exitcode}）"


def read_in_children(files: list[Path], inbox: Path, settings: Settings, workers: int,
                     progress: Callable[[int, int, str], None] | None = None) -> list[Submission]:
    """Every file read by `workers` child processes; results in the order of `files`."""
    ctx = multiprocessing.get_context()
    total = len(files)
    results: list[Submission | None] = [None] * total
    pending = deque(enumerate(files))
    # parent end of the pipe -> (process, files sent and not answered)
    children: dict[Connection, tuple[BaseProcess, deque[tuple[int, Path]]]] = {}
    done = 0

    def feed(conn: Connection) -> None:
        chunk = [pending.popleft() for _ in range(min(CHUNK, len(pending)))]
        if chunk:
            conn.send(chunk)
            children[conn][1].extend(chunk)
        else:
            conn.send(None)
            children.pop(conn)[0].join()
            conn.close()

    def spawn() -> None:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child, inbox, settings), daemon=True)
        proc.start()
        child.close()
        children[parent] = (proc, deque())
        feed(parent)

    for _ in range(min(workers, total)):
        spawn()
    while children:
        for ready in wait(list(children)):
            conn = cast(Connection, ready)  # wait() returns some of the objects it was given
            proc, sent = children[conn]
            try:
                answer: tuple[int, Submission] = conn.recv()
                n, sub = answer
            except (EOFError, OSError):  # the child died while reading the first file it had not answered
                children.pop(conn)
                conn.close()
                proc.join()
                n, path = sent.popleft()
                sub = crashed_submission(path, inbox, settings, _cause(proc.exitcode))
                pending.extendleft(reversed(sent))
                if pending:
                    spawn()
            else:
                sent.popleft()
                if not sent:
                    feed(conn)
            results[n] = sub
            done += 1
            if progress:
                progress(done, total, sub.file)
    return [s for s in results if s is not None]
