"""``make mutation``: mutate the domain modules, run their tests, count the survivors.

mutmut (configured in pyproject.toml) copies the project to ``mutants/`` and runs,
for each mutant, the tests that cover the mutated function, on SQLite only. Its
results stay in ``mutants/``: a later run tests again only what changed. Then
this prints per module how many mutants the tests killed, and each survivor.
``--report`` prints the last run's figures without running anything;
``--retest`` tests again the mutants that survived or had no test (mutmut
keeps a result until the function changes, even when a new test would kill
it). ``MUTATION_CHILDREN`` (default 2) is how many mutants run at once.
"""

import json
import os
import subprocess
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"


def run_mutmut(names: list[str]) -> float:
    """Run ``mutmut run`` (on ``names`` only, if any); return the minutes it took."""
    env = {**os.environ, "KIOSK_TEST_ENGINES": "sqlite"}
    children = os.environ.get("MUTATION_CHILDREN", "2")
    mutmut = Path(sys.executable).with_name("mutmut")
    started = time.monotonic()
    done = subprocess.run(
        [str(mutmut), "run", "--max-children", children, *names], cwd=ROOT, env=env
    )
    if done.returncode != 0:
        sys.exit(f"mutmut run failed (exit code {done.returncode})")
    return (time.monotonic() - started) / 60


def outcome(exit_code: int | None) -> str:
    """Return what one mutant's exit code means, in mutmut's words."""
    return status_by_exit_code[exit_code]


def mutated_modules() -> list[str]:
    """Return the modules pyproject.toml has mutmut mutate."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["mutmut"]["only_mutate"]


def module_results() -> dict[str, dict[str, str]]:
    """Return {module path: {mutant: outcome}} from mutmut's files."""
    found = {}
    for module in mutated_modules():
        meta = MUTANTS / f"{module}.meta"
        if meta.exists():
            codes = json.loads(meta.read_text())["exit_code_by_key"]
            found[module] = {name: outcome(code) for name, code in codes.items()}
    return found


def report(results: dict[str, dict[str, str]]) -> None:
    """Print killed, survived and timed out per module and overall; then survivors."""
    row = "{:<28} {:>7} {:>7} {:>9} {:>8} {:>6} {:>8}"
    heads = ("module", "mutants", "killed", "survived", "timeout", "other", "killed")
    print(row.format(*heads))
    everything = Counter()
    for module, outcomes in results.items():
        counts = Counter(outcomes.values())
        everything.update(counts)
        print(row.format(module, *_figures(counts)))
    print(row.format("all", *_figures(everything)))
    for outcomes in results.values():
        for name, found in outcomes.items():
            if found not in ("killed", "timeout"):
                print(f"{found}: {name}  (mutmut show {name})")


def _figures(counts: Counter) -> list:
    total = sum(counts.values())
    killed, survived, timeout = counts["killed"], counts["survived"], counts["timeout"]
    other = total - killed - survived - timeout
    share = f"{100 * killed / total:.1f} %" if total else "-"
    return [total, killed, survived, timeout, other, share]


def main() -> None:
    minutes = None
    if "--retest" in sys.argv:
        again = [
            name
            for outcomes in module_results().values()
            for name, found in outcomes.items()
            if found in ("survived", "no tests")
        ]
        if again:
            minutes = run_mutmut(again)
    elif "--report" not in sys.argv:
        minutes = run_mutmut([])
    results = module_results()
    if not results:
        sys.exit("No results in mutants/: run make mutation first.")
    report(results)
    if minutes is not None:
        print(f"mutmut run took {minutes:.1f} minutes")


if __name__ == "__main__":
    main()
