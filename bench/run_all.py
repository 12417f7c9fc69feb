"""Run every benchmark in bench/ one after another and print their numbers (`make bench`)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHES = ["extraction.py", "duplicates.py", "actors.py", "events.py", "cross_validate.py", "stage_costs.py", "throughput.py", "analysis_scale.py"]

if __name__ == "__main__":
    failed = []
    for name in BENCHES:
        script = HERE / name
        if not script.exists():
            continue
        print(f"\n== {name}", flush=True)
        if subprocess.run([sys.executable, str(script)]).returncode != 0:
            failed.append(name)
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")
