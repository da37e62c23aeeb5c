"""Side by side: reportgen against the analyst's script, whole processes, three sizes (not a test).

    python benchmarks/compare.py                          # city, province, national; check and build; 3 runs
    python benchmarks/compare.py --scale city --scale province --repeat 1
    python benchmarks/compare.py --scale national --only reportgen --what build

The inboxes come from the shared yardstick's generator (`make_synthetic.py OUT FILES ROWS --distinct`: one
county per file, 33 rows each, OUT.toml naming the counties) and are made once under benchmarks/.cache/.
Each measurement starts the real command as a child of this process, in turn with the others (never two at
once), and keeps the best wall time of --repeat runs (the machine is shared: the best run is the one least
disturbed). Peak memory is the highest sum of the proportional set sizes (PSS: a page shared by forked
workers counted once) of the child and its descendants, sampled every 20 ms, and never less than the
largest single process's high-water mark (wait4's ru_maxrss).

Rows, per scale:
  check     `reportgen check` against the analyst's script without letters (it checks nothing) and against
            calamine alone reading every sheet of every file in one process (the floor for reading);
  build     `reportgen build` (tally.json, 汇总表, every document: a 核对函 per county) against the analyst's
            script with --letters (totals.json and one docxtpl letter per file).
ratio = the analyst's best time / reportgen's best time (above 1: reportgen is faster).
The marginal cost between consecutive sizes (ms per 1,000 rows, each file one county and one 核对函) shows
whether time grows linearly; `--scale deep` (national rows in province files) separates rows from documents.
The CPU seconds (user + system of the whole tree, least of the runs) are printed beside the wall time: on a
shared machine they move less than the wall time does. Results are appended to benchmarks/.cache/results.jsonl.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache" / "synthetic"
SHARED = Path(os.environ.get("REPORTGEN_SHARED_BENCH", ROOT.parent.parent / "shared" / "bench"))
SCALES = {"city": (16, 33), "province": (300, 33), "national": (3_000, 33), "deep": (300, 330)}  # files, rows each
DATE = "2021-12-01"
CALAMINE_ALONE = ("import sys, pathlib, python_calamine as pc\n"
                  "n = 0\n"
                  "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.xlsx')):\n"
                  "    wb = pc.CalamineWorkbook.from_path(str(p))\n"
                  "    for name in wb.sheet_names:\n"
                  "        n += len(wb.get_sheet_by_name(name).to_python())\n"
                  "print(n)\n")


@dataclass
class Run:
    seconds: float
    peak_kib: int
    code: int
    cpu: float = 0.0  # user + system seconds of the child and the descendants it waited for


def shared_bench() -> Path:
    for folder in (SHARED, Path("/work/shared/bench")):
        if (folder / "make_synthetic.py").is_file():
            return folder
    raise SystemExit(f"the yardstick is not at {SHARED}: set REPORTGEN_SHARED_BENCH to the folder of "
                     "make_synthetic.py and naive_baseline.py")


def make_inbox(scale: str) -> tuple[Path, Path]:
    """The synthetic inbox of a scale and its OUT.toml (made once by the yardstick's generator)."""
    files, rows = SCALES[scale]
    inbox = CACHE / scale
    done = CACHE / f"{scale}.complete"
    if not done.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        subprocess.run([sys.executable, str(shared_bench() / "make_synthetic.py"), str(inbox), str(files),
                        str(rows), "--distinct"], check=True)
        done.write_text(f"{files} {rows}\n", encoding="utf-8")
        print(f"(made {scale} inbox: {files} files x {rows} rows in {time.perf_counter() - t:.0f} s)", flush=True)
    return inbox, CACHE / f"{scale}.toml"


def _memory_kib(pid: int) -> int:
    """The proportional set size (pages shared with forked workers counted once over the tree), else VmRSS."""
    for name, key in (("smaps_rollup", b"Pss:"), ("status", b"VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}", "rb") as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def _tree_kib(root: int) -> int:
    """Memory of `root` and its descendants (Linux /proc; 0 elsewhere)."""
    try:
        parents: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    with open(f"/proc/{entry.name}/stat", "rb") as fh:
                        stat = fh.read()
                    parents[int(entry.name)] = int(stat[stat.rindex(b")") + 2:].split()[1])
                except (OSError, ValueError):
                    pass
        tree, todo = {root}, [root]
        while todo:
            pid = todo.pop()
            for child, parent in parents.items():
                if parent == pid and child not in tree:
                    tree.add(child)
                    todo.append(child)
        return sum(_memory_kib(pid) for pid in tree)
    except OSError:
        return 0


def measure(command: list[str]) -> Run:
    """One run of `command` as a child: wall seconds and peak memory of its process tree."""
    t = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.02):
            peak[0] = max(peak[0], _tree_kib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    stop.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, max(peak[0], usage.ru_maxrss), proc.returncode, usage.ru_utime + usage.ru_stime)


def best(command: list[str], repeat: int, ok: tuple[int, ...] = (0,), out: Path | None = None) -> Run:
    runs = []
    for _ in range(repeat):
        if out is not None:  # each run writes a fresh folder (build refuses one it did not write)
            shutil.rmtree(out, ignore_errors=True)
        run = measure(command)
        if run.code not in ok:
            raise SystemExit(f"exit {run.code}: {' '.join(command)}")
        runs.append(run)
    return Run(min(r.seconds for r in runs), min(r.peak_kib for r in runs), runs[0].code, min(r.cpu for r in runs))


def commands(scale: str, what: str, out: Path) -> dict[str, list[str]]:
    inbox, config = make_inbox(scale)
    py = sys.executable
    rg = [py, "-m", "reportgen", what, "2021", "--inbox", str(inbox), "--config", str(config), "--date", DATE]
    analyst = [py, str(shared_bench() / "naive_baseline.py"), str(inbox), str(out / "analyst")]
    if what == "build":
        return {"reportgen": [*rg, "--out", str(out / "reportgen")], "analyst": [*analyst, "--letters"]}
    return {"reportgen": rg, "analyst": analyst, "calamine": [py, "-c", CALAMINE_ALONE, str(inbox)]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=list(SCALES), action="append", help="default: city, province, national")
    parser.add_argument("--what", choices=["check", "build"], action="append", help="default: both")
    parser.add_argument("--only", choices=["reportgen", "analyst", "calamine"], action="append",
                        help="run only these (default: all)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--label", default="", help="a note stored with the results (e.g. a commit)")
    args = parser.parse_args()
    scales = args.scale or ["city", "province", "national"]
    out = CACHE / "out"
    results = []
    print(f"{'scale':<9} {'what':<6} {'files':>6} {'rows':>7} {'tool':<10} {'best s':>8} {'cpu s':>7} {'peak MiB':>9}",
          flush=True)
    for scale in scales:
        files, per = SCALES[scale]
        for what in args.what or ["check", "build"]:
            for tool, command in commands(scale, what, out).items():
                if args.only and tool not in args.only:
                    continue
                run = best(command, args.repeat, (0, 1) if tool == "reportgen" else (0,), out / tool)
                results.append({"scale": scale, "what": what, "files": files, "rows": files * per, "tool": tool,
                                "command": command, **asdict(run)})
                print(f"{scale:<9} {what:<6} {files:>6} {files * per:>7} {tool:<10} {run.seconds:>8.2f} "
                      f"{run.cpu:>7.2f} {run.peak_kib / 1024:>9.0f}", flush=True)
    report(results)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
    with open(CACHE / "results.jsonl", "a", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps({"at": stamp, "label": args.label, "repeat": args.repeat, **r}, ensure_ascii=False)
                     + "\n")


def report(results: list[dict]) -> None:
    """The side-by-side table (markdown, for the README) and the marginal cost between sizes."""
    by = {(r["scale"], r["what"], r["tool"]): r for r in results}
    print("\n| scale | files / rows | command | reportgen | the analyst's script | ratio | calamine alone |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for (scale, what, tool), r in by.items():
        if tool != "reportgen":
            continue
        a, c = by.get((scale, what, "analyst")), by.get((scale, what, "calamine"))
        cell = lambda x: f"{x['seconds']:.2f} s, {x['peak_kib'] / 1024:.0f} MiB" if x else "—"  # noqa: E731
        ratio = f"{a['seconds'] / r['seconds']:.1f}×" if a else "—"
        print(f"| {scale} | {r['files']:,} / {r['rows']:,} | {what} | {cell(r)} | {cell(a)} | {ratio} | {cell(c)} |")
    for what in ("check", "build"):
        for tool in ("reportgen", "analyst"):
            points = sorted((r["rows"], r["seconds"], r["scale"]) for r in results
                            if r["what"] == what and r["tool"] == tool and r["scale"] != "deep")
            if len(points) < 2:
                continue
            steps = [f"{a[2]}→{b[2]} {(b[1] - a[1]) / (b[0] - a[0]) * 1e6:.1f}" for a, b in zip(points, points[1:], strict=False)]
            print(f"marginal ms per 1,000 rows, {what}, {tool}: {'; '.join(steps)}")


if __name__ == "__main__":
    main()
