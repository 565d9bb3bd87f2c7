"""How long ``make serve`` takes to show an edit: ``python tools/measure_reload.py``.

Copies the project to a temporary folder (sharing .venv and node_modules, and starting from
a copy of .cache so the notebooks are not executed again), runs ``mkdocs serve --dirty``
there as ``make serve`` does, and makes three edits one after another, each timed from the
moment the file is saved until the served page contains the new text:

1. a comment inside a code section that a lesson includes (``src/coursecode/activations.py``);
2. a sentence added to that lesson's Markdown;
3. a comment in a module that no page includes, which must rebuild no page (timed until the
   rebuild's log line).

Prints each time and the pages the rebuild wrote. The original project is never edited.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".lock-venv",
    "node_modules",
    "site",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
    "__pycache__",
    "*.egg-info",
    "reports",
    "screenshots",
)
MODULE = "src/coursecode/activations.py"
SECTION = "# --8<-- [start:sigmoid]\n"
LESSON = "docs/neural-networks-and-deep-learning/week-3/activation-functions.md"
LESSON_URL = "neural-networks-and-deep-learning/week-3/activation-functions/"
UNINCLUDED = "src/coursecode/core/validation.py"


class Server:
    """``mkdocs serve --dirty`` in ``project``, its log collected line by line."""

    def __init__(self, project: Path, port: int) -> None:
        self.lines: list[str] = []
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "mkdocs"),
                "serve",
                "--dirty",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.base = f"http://127.0.0.1:{port}/nn-course-notes/"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def page(self, url: str) -> str:
        try:
            with urllib.request.urlopen(self.base + url, timeout=5) as answer:
                return answer.read().decode()
        except OSError:
            return ""

    def wait_for(self, condition, timeout: float) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if condition():
                return time.perf_counter() - started
            if self.process.poll() is not None:
                raise SystemExit("mkdocs serve stopped:\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.05)
        raise SystemExit(f"nothing after {timeout} s:\n" + "\n".join(self.lines[-30:]))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def edit(path: Path, after: str | None, line: str) -> None:
    text = path.read_text()
    if after is None:
        path.write_text(text + line)
    else:
        assert after in text, f"{path}: no {after!r}"
        path.write_text(text.replace(after, after + line, 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reload-") as folder:
        project = Path(folder) / "project"
        shutil.copytree(ROOT, project, ignore=NOT_COPIED, symlinks=True)
        (project / "node_modules").symlink_to(ROOT / "node_modules")
        server = Server(project, arguments.port)
        try:
            first = server.wait_for(lambda: "Serving on" in "\n".join(server.lines), 900)
            print(f"first build (notebook outputs cached): {first:.1f} s")
            stamp = str(time.time_ns())
            cases = [
                (
                    "a comment in a code section a lesson includes",
                    MODULE,
                    SECTION,
                    f"# reload probe {stamp}\n",
                    LESSON_URL,
                    f"reload probe {stamp}",
                ),
                (
                    "a sentence added to the lesson",
                    LESSON,
                    None,
                    f"\nReload probe sentence {stamp}.\n",
                    LESSON_URL,
                    f"sentence {stamp}",
                ),
                (
                    "a comment in a module no page includes",
                    UNINCLUDED,
                    None,
                    f"# reload probe {stamp}\n",
                    None,
                    None,
                ),
            ]
            for title, relative, after, line, url, expected in cases:
                seen = len(server.lines)
                edit(project / relative, after, line)
                if url is None:

                    def condition(seen=seen):
                        return any("Documentation built" in x for x in server.lines[seen:])
                else:

                    def condition(url=url, expected=expected):
                        return expected in server.page(url)

                seconds = server.wait_for(condition, 300)
                server.wait_for(
                    lambda seen=seen: any("Documentation built" in x for x in server.lines[seen:]),
                    300,
                )
                rebuilt = next((x for x in server.lines[seen:] if "live reload:" in x), "")
                pages = rebuilt.split("live reload: ")[-1]
                print(f"{title}: shown after {seconds:.2f} s; {pages}")
                for log_line in server.lines[seen:]:
                    if any(word in log_line for word in ("Detected", "typeset", "built in")):
                        print("   ", log_line)
        finally:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
