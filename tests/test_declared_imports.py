"""Every package our code imports is named in requirements/requirements.in, so a dependency
that stops pulling it in (and a lock regenerated after that) cannot break an import."""
from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions

from bot.paths import PROJECT_ROOT

OURS = ("bot", "actions", "rasa_addons", "tests")
HELD_OUT = PROJECT_ROOT / "tests" / "real_questions"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    requirements = PROJECT_ROOT / "requirements" / "requirements.in"
    return {
        _normal(match.group(1))
        for line in requirements.read_text(encoding="utf-8").splitlines()
        if (match := re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)", line))
    }


def _imported() -> dict[str, set[str]]:
    """Top-level module names that our files import, each with the files importing it."""
    found: dict[str, set[str]] = {}
    for root in OURS:
        for path in (PROJECT_ROOT / root).rglob("*.py"):
            if HELD_OUT in path.parents:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    where = str(path.relative_to(PROJECT_ROOT))
                    found.setdefault(name.partition(".")[0], set()).add(where)
    return found


def test_every_package_we_import_is_declared() -> None:
    declared = _declared()
    distributions = packages_distributions()
    undeclared = {
        module: sorted(paths)
        for module, paths in _imported().items()
        if module not in sys.stdlib_module_names and module not in {*OURS, "__future__"}
        and not any(_normal(name) in declared for name in distributions.get(module, []))
    }
    assert undeclared == {}
