#!/usr/bin/env bash
# Sets everything up and runs the product on embedded defaults: SQLite, in-memory
# conversations (unless REDIS_URL is set), the sample catalogue.
#   Rasa (REST channel):        http://127.0.0.1:${RASA_PORT:-5005}
#   action server and NLG:      http://127.0.0.1:${ACTIONS_PORT:-5055}
#   web pages (widget demo, kiosk, staff console): http://127.0.0.1:${WEB_PORT:-8080}
#   the report outbox worker, when SMTP_HOST is set, and the daily report retention run
#   (docs/reports.md)
# Log files in var/log/ are readable by their owner and group only (0640).
# Stop with Ctrl-C; both servers stop with it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
open_logs() {
  umask 027
  mkdir -p var/log
  touch var/log/actions.log var/log/rasa.log var/log/web.log var/log/outbox.log \
    var/log/retention.log
  chmod 0750 var/log
  chmod 0640 var/log/*.log
}
open_logs
.venv/bin/python -m bot.catalogue load services_catalogue
# The service ranker's sentence embeddings are computed on the second core while the NLU
# model trains (both once per machine: they are cached).
.venv/bin/python -m bot.catalogue embed services_catalogue &
embedding=$!
model="$(./scripts/train.sh)"
wait "$embedding"

rasa_port="${RASA_PORT:-5005}"
actions_port="${ACTIONS_PORT:-5055}"
web_port="${WEB_PORT:-8080}"
host="${HOST:-127.0.0.1}"
# Browsers may call Rasa directly only from these origins (the widget with data-bot-url);
# the kiosk and the demo page use the web server's relay and need none.
cors="${RASA_CORS_ORIGINS:-http://$host:$web_port}"
pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

.venv/bin/python -m rasa_addons.action_server --host 127.0.0.1 --port "$actions_port" \
  >>var/log/actions.log 2>&1 &
pids+=($!)
ACTIONS_URL="http://127.0.0.1:$actions_port" .venv/bin/python -m bot.runtime.endpoints \
  endpoints.yml > var/endpoints.yml
if [ -n "${SMTP_HOST:-}" ]; then
  .venv/bin/python -m bot.reports.outbox >>var/log/outbox.log 2>&1 &
  pids+=($!)
else
  echo "run: SMTP_HOST is not set: filed reports are stored and wait in the outbox until it is"
fi
.venv/bin/python -m bot.reports.retention >>var/log/retention.log 2>&1 &
pids+=($!)
.venv/bin/rasa run --model "$model" --endpoints var/endpoints.yml --credentials credentials.yml \
  --interface "$host" --port "$rasa_port" --cors $cors >>var/log/rasa.log 2>&1 &
pids+=($!)
.venv/bin/python -m bot.web --host "$host" --port "$web_port" \
  --bot-url "http://127.0.0.1:$rasa_port" >>var/log/web.log 2>&1 &
pids+=($!)
.venv/bin/python -m bot.runtime.wait_ready "http://127.0.0.1:$actions_port/health" \
  "http://127.0.0.1:$rasa_port/" "http://127.0.0.1:$web_port/" --timeout 300
echo "run: the assistant is ready: POST http://$host:$rasa_port/webhooks/rest/webhook"
echo "run: web pages: http://$host:$web_port/ (city page with the widget), /kiosk, /staff"
echo "run: logs in var/log/; Ctrl-C stops it"
wait -n "${pids[@]}"
