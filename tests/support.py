"""Helpers for tests: run the real CLI in a subprocess, read JSON lines."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "caucasus"
DYADWATCH = Path(sys.executable).with_name("dyadwatch")


def run_cli(*args: str, input: str | None = None, check: bool = True, cwd: Path | None = None
            ) -> subprocess.CompletedProcess:
    """Run `dyadwatch ARGS` as a user would, in a subprocess."""
    result = subprocess.run([str(DYADWATCH), *args], input=input, capture_output=True, text=True,
                            cwd=cwd, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"dyadwatch {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


