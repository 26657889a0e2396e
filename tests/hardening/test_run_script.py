"""Issue 13, findings 3, 9 and 10 in `make run` (scripts/run.sh): log files 0640, Rasa's
CORS limited to configured origins, retention scheduled."""
from __future__ import annotations

import stat
import subprocess
from pathlib import Path

from bot.paths import PROJECT_ROOT

SCRIPT = (PROJECT_ROOT / "scripts" / "run.sh").read_text()


def _function(name: str) -> str:
    start = SCRIPT.index(f"{name}() {{")
    return SCRIPT[start:SCRIPT.index("\n}\n", start) + 3]


def test_log_files_are_readable_by_owner_and_group_only(tmp_path: Path) -> None:
    (tmp_path / "var" / "log").mkdir(parents=True)
    old = tmp_path / "var" / "log" / "rasa.log"
    old.write_text("from an earlier run\n")
    old.chmod(0o644)
    subprocess.run(["bash", "-c", f"{_function('open_logs')}\nopen_logs\n"
                    "echo secret >> var/log/web.log"], cwd=tmp_path, check=True)
    for log in (tmp_path / "var" / "log").glob("*.log"):
        assert stat.S_IMODE(log.stat().st_mode) == 0o640, log.name
    assert len(list((tmp_path / "var" / "log").glob("*.log"))) == 5


def test_rasa_allows_only_configured_origins() -> None:
    assert '--cors "*"' not in SCRIPT
    assert 'cors="${RASA_CORS_ORIGINS:-http://$host:$web_port}"' in SCRIPT
