#!/usr/bin/env bash
# Trains the Rasa model only when its inputs changed, and prints the model's path.
# Models are cached by a hash of everything training reads (config, domain, data and the
# locked environment) in $MODEL_CACHE (default ~/.cache/city-assistant/models), so a new
# clone on the same machine reuses the model instead of training for minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/city-assistant/models}"
inputs="$( (cat config.yml requirements/lock.txt; find domain data -type f -name '*.yml' | sort | xargs cat) | sha256sum | cut -d' ' -f1)"
model="$cache/$inputs.tar.gz"
mkdir -p "$cache" models
# Two runs for the same inputs at once (tests and a benchmark, say) train once: the
# second waits for the first and then finds its model.
exec 9>"$cache/$inputs.lock"
flock 9
if [ ! -f "$model" ]; then
  echo "train: training a new model (inputs $inputs)" >&2
  start=$(date +%s)
  partial="$cache/partial-$$"
  trap 'rm -rf "$partial"' EXIT
  .venv/bin/rasa train --config config.yml --domain domain --data data \
    --out "$partial" --fixed-model-name "$inputs" --force --quiet >&2
  mv "$partial/$inputs.tar.gz" "$model"
  echo "train: trained in $(( $(date +%s) - start )) s" >&2
fi
# Keep the five most recent models of the cache.
ls -t "$cache"/*.tar.gz | tail -n +6 | xargs -r rm -f
find "$cache" -maxdepth 1 -name '*.lock' -mmin +1440 -delete
cp "$model" models/city-assistant.tar.gz
echo "models/city-assistant.tar.gz"
