"""Do follow-ups stay on the conversation's service? Per language, over REST.

Plays the scripted conversations of tests/conversation/follow_up_conversations.yml (written
before the follow-up handling was tuned, never trained on) against the real product: the
first message names a service (when it is offered as a choice, the person presses its
button, as they would), then each follow-up without a topic of its own ("who can get it?",
"and where do I go?") must be answered about that service (custom.sources names it).

    .venv/bin/python bench/follow_ups.py [--model PATH] [--url http://127.0.0.1:5005] [--misses]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._product import start_ours  # noqa: E402
from tests.conversation.follow_ups import play  # noqa: E402

CONVERSATIONS = ROOT / "tests" / "conversation" / "follow_up_conversations.yml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running Rasa server (default: start the product)")
    parser.add_argument("--model", type=Path, help="the trained model (default: as the tests)")
    parser.add_argument("--misses", action="store_true", help="print every lost topic")
    arguments = parser.parse_args()
    if arguments.model:
        import os

        os.environ["CITY_ASSISTANT_MODEL"] = str(arguments.model)
    conversations = yaml.safe_load(CONVERSATIONS.read_text(encoding="utf-8"))["conversations"]
    product = None
    url = arguments.url
    if url is None:
        product = start_ours(Path(tempfile.mkdtemp(prefix="follow-ups-")), "")
        url = product.rasa_urls[0]
    results: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    misses: list[str] = []
    try:
        for conversation in conversations:
            opened, kept, notes = play(url, conversation)
            tally = results[conversation["language"]]
            tally[0] += 1
            tally[1] += opened
            tally[2] += len(kept)
            tally[3] += sum(kept)
            misses += [f"{conversation['language']} {conversation['service']}: {note}"
                       for note in notes]
    finally:
        if product is not None:
            product.stop()
    print(f"{'lang':>5} {'convs':>6} {'opened':>7} {'follow-ups':>11} {'kept %':>7}")
    total = [0, 0, 0, 0]
    for language, tally in [*sorted(results.items()), ("all", total)]:
        if language != "all":
            total[:] = [a + b for a, b in zip(total, tally, strict=True)]
        share = 100 * tally[3] / tally[2] if tally[2] else 0.0
        print(f"{language:>5} {tally[0]:>6} {tally[1]:>7} {tally[2]:>11} {share:>7.1f}")
    if arguments.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
