#!/usr/bin/env bash
# Sets up and runs every test: the linters (ruff, mypy), unit tests, catalogue and
# translation checks, Rasa data validation, and end-to-end conversations against a real
# trained model, real Redis and real PostgreSQL. Extra arguments go to pytest
# (e.g. ./scripts/test.sh -k redis).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# The linters first (rules and paths in pyproject.toml): a style or type error fails in
# seconds, not after the training.
.venv/bin/ruff check
.venv/bin/mypy
eval "$(./scripts/test-services.sh)"
echo "test: Redis $TEST_REDIS_URL, PostgreSQL $TEST_POSTGRES_URL"
# The service ranker's sentence embeddings are computed on the second core while the NLU
# model trains (both once per machine: they are cached).
.venv/bin/python -m bot.catalogue embed services_catalogue &
embedding=$!
export CITY_ASSISTANT_MODEL="$PWD/$(./scripts/train.sh)"
wait "$embedding"
.venv/bin/rasa data validate --domain domain --quiet
.venv/bin/python -m bot.translation check
.venv/bin/python -m pytest -p no:cacheprovider "$@"
