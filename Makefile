# The two commands of the README, and the steps they are made of.
.PHONY: run test setup train validate lock

run:
	./scripts/run.sh

test:
	./scripts/test.sh

setup:
	./scripts/setup.sh

train: setup
	./scripts/train.sh

validate: setup
	.venv/bin/rasa data validate --domain domain
	.venv/bin/python -m bot.translation check
	.venv/bin/python -m bot.catalogue validate services_catalogue

lock:
	./scripts/regenerate-lock.sh
