"""Benchmark of `reportgen check` / `build` at city, province and national scale (not a test).

    python benchmarks/intake.py                 # all three scales, check; city also build
    python benchmarks/intake.py --scale city --build

Generates synthetic inboxes once (cached under benchmarks/.cache/, deterministic) — one file per county,
with a reportgen.toml naming that many counties, as a province or the national roll-up would have — then
runs the real command in a fresh process, start-up included, and reports wall time, rows/s and peak
memory. `build` writes every document: a 核对函 per county among them.
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache" / "v2"
SCALES = {"city": (16, 300), "province": (300, 10_000), "national": (3_000, 100_000)}  # files, rows
INDUSTRIES = [("水泥", "万吨", "水泥磨机", "Φ2.2×6.5m"), ("钢铁", "吨", "中频炉", "2×5t"),
              ("铁合金", "万吨", "矿热炉", "12500kVA"), ("活性炭", "吨", "炭化炉", "SLP-1"),
              ("制革", "万标张", "转鼓", "Φ3.0×3.2m")]
HEADER = ["序号", "县（市）区", "企业名称", "统一社会信用代码", "行业", "落后生产线（设备）名称", "规格型号", "数量",
          "数量单位", "退出产能", "产能单位", "退出方式", "依据类别", "完成时间", "验收情况", "职工安置（人）",
          "奖补资金（万元）", "备注"]


def make_inbox(scale: str) -> Path:
    """A deterministic synthetic inbox of the given scale (written once, then reused)."""
    files, rows = SCALES[scale]
    inbox = CACHE / scale
    done = inbox / ".complete"
    if done.exists():
        return inbox
    from openpyxl import Workbook

    inbox.mkdir(parents=True, exist_ok=True)
    counties = [f"样例{f + 1:04d}县" for f in range(files)]
    config = "".join(f'[[counties]]\nname = "{c}"\ncode = "{650000 + f}"\n' for f, c in enumerate(counties))
    (CACHE / f"{scale}.toml").write_text(config, encoding="utf-8")
    rnd = random.Random(2021)
    per_file = rows // files
    for f in range(files):
        county = counties[f]
        wb = Workbook()
        ws = wb.active
        ws.title = "退出明细"
        ws.append([f"{county}2021年落后产能退出情况表"])
        ws.append([f"填报单位：{county}工业和信息化局", None, None, None, None, None, "填报日期：2021年11月25日"])
        ws.append(HEADER)
        for n in range(per_file):
            ind, unit, equip, spec = INDUSTRIES[rnd.randrange(len(INDUSTRIES))]
            ws.append([n + 1, county, f"宁夏{county}第{f}-{n}号有限公司", "", ind, equip, spec, rnd.randint(1, 4), "台",
                       round(rnd.uniform(0.5, 60), 2), unit, rnd.choice(["拆除", "封存", "关停"]), "技术",
                       f"2021-{rnd.randint(1, 11)}-{rnd.randint(1, 28)}", "已验收", rnd.randint(0, 80),
                       round(rnd.uniform(0, 200), 1), ""])
        ws.append(["合计"])
        wb.save(inbox / f"{county}-{f:04d}.xlsx")
    done.write_text("ok", encoding="utf-8")
    return inbox


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run of the real command in a fresh process."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    out = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, check=True)
    seconds, rss, rc = out.stdout.split()
    if int(rc) not in (0, 1):
        raise SystemExit(f"command failed ({rc}): {' '.join(command)}")
    return float(seconds), int(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=list(SCALES), action="append")
    parser.add_argument("--build", action="store_true", help="also time build (city scale always does)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    exe = [sys.executable, "-m", "reportgen"]
    print(f"{'scale':<9} {'cmd':<6} {'files':>6} {'rows':>7} {'best s':>8} {'rows/s':>9} {'peak MiB':>9}")
    for scale in args.scale or list(SCALES):
        inbox = make_inbox(scale)
        files, rows = SCALES[scale]
        commands = ["check"] + (["build"] if args.build or scale == "city" else [])
        for cmd in commands:
            extra = ["--out", str(CACHE / f"out-{scale}")] if cmd == "build" else []
            config = ["--config", str(CACHE / f"{scale}.toml")]
            best, peak = min(run([*exe, cmd, "2021", "--inbox", str(inbox), "--date", "2021-12-01", *config, *extra])
                             for _ in range(args.repeat))
            print(f"{scale:<9} {cmd:<6} {files:>6} {rows:>7} {best:>8.2f} {rows / best:>9.0f} {peak / 1024:>9.0f}")


if __name__ == "__main__":
    t0 = time.perf_counter()
    main()
    print(f"(benchmark itself: {time.perf_counter() - t0:.0f} s)")
