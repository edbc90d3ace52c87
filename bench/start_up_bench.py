#!/usr/bin/env python3
"""The shell's fixed costs: whole processes, each timed from the parent.

    python3 bench/start_up_bench.py [BUILD_DIR] [--repeat N]

Creates a small database in a fresh directory (7,000 customers from the
demo generator, imported with `guanxi import`), then times, N times each
(default 30) in turn so that a drift of the machine hits every figure alike:

  /bin/true                        the machine's floor for starting a process
  guanxi --version                 start-up alone, no database
  guanxi DB -c "RETURN 1"          start + open + first statement (target <= 10 ms)
  guanxi DB -f <2,000 x RETURN 1>  per statement of a script, after the first

Prints the median of each, and of the script per statement beyond the first.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default="build")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    guanxi = os.path.join(args.build, "shell", "guanxi")
    generate = os.path.join(args.build, "bench", "guanxi-generate")
    for tool in (guanxi, generate):
        if not os.access(tool, os.X_OK):
            sys.exit(f"build {tool} first")
    work = tempfile.mkdtemp(prefix="guanxi-start-up-bench.")
    try:
        csv = os.path.join(work, "csv")
        db = os.path.join(work, "db")
        subprocess.run([generate, "customers", "--customers", "7000", "--seed", "42", "--out", csv],
                       check=True, stdout=subprocess.DEVNULL)
        command = [guanxi, "import", db, "--nodes=Customer", os.path.join(csv, "customers.csv"),
                   "--relationships", os.path.join(csv, "relationships.csv")]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        script = os.path.join(work, "script.cypher")
        with open(script, "w") as out:
            out.write("RETURN 1;\n" * 2000)
        figures = {
            "/bin/true": ["/bin/true"],
            "guanxi --version": [guanxi, "--version"],
            'guanxi DB -c "RETURN 1"': [guanxi, db, "-c", "RETURN 1"],
            "guanxi DB -f (2,000 statements)": [guanxi, db, "-f", script],
        }
        times = {name: [] for name in figures}
        for _ in range(args.repeat):
            for name, argv in figures.items():
                start = time.perf_counter()
                subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
                times[name].append(time.perf_counter() - start)
        for name, seconds in times.items():
            print(f"{name:<34} {statistics.median(seconds) * 1000:8.2f} ms (median of {args.repeat})")
        script_ms = statistics.median(times["guanxi DB -f (2,000 statements)"]) * 1000
        first_ms = statistics.median(times['guanxi DB -c "RETURN 1"']) * 1000
        print(f"{'per statement after the first':<34} {(script_ms - first_ms) / 1999 * 1000:8.2f} us")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
