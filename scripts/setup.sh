#!/usr/bin/env bash
# Creates or refreshes the project virtualenv (.venv) from requirements/lock.txt.
# Idempotent: the lock's hash is stamped into the venv, and a venv whose stamp matches is
# left alone, so running it before every command costs a second.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VENV:-.venv}"
python="${PYTHON:-python3.11}"
stamp="$venv/.lock-sha256"
want="$(cat requirements/lock.txt pyproject.toml | sha256sum | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "setup: installing the locked environment into $venv (first run takes a few minutes)"
if ! command -v "$python" >/dev/null; then
  echo "setup: $python not found; this project needs Python 3.11" >&2
  exit 1
fi
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check 'pip==24.3.1'
# Lines of the lock that carry a --hash (packages that ship model weights) are installed
# apart, hash-checked: pip checks hashes only when every requirement of a file has one.
plain="$(mktemp)"; hashed="$(mktemp)"
trap 'rm -f "$plain" "$hashed"' EXIT
grep -v -e '--hash=' requirements/lock.txt > "$plain"
grep -e '--hash=' requirements/lock.txt > "$hashed" || true
"$venv/bin/python" -m pip install -q --disable-pip-version-check \
  --no-deps --ignore-requires-python -r "$plain"
if [ -s "$hashed" ]; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check \
    --no-deps --require-hashes -r "$hashed"
fi
# The project's own packages (bot, actions, rasa_addons) are used in place, as an
# editable install would, without building anything.
site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
pwd > "$site/city_assistant.pth"
echo "$want" > "$stamp"
echo "setup: done"
