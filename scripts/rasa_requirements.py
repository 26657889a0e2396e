"""Print rasa's and rasa-sdk's requirements for this interpreter, minus overridden names.

Used by regenerate-lock.sh: rasa's metadata cannot be resolved as is on Python 3.11.
"""
import sys
from importlib.metadata import requires

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def overridden_names(path: str) -> set[str]:
    with open(path, encoding="utf-8") as handle:
        lines = [line.split("#")[0].strip() for line in handle]
    return {canonicalize_name(Requirement(line).name) for line in lines if line}


def main() -> None:
    skip = overridden_names(sys.argv[1]) | {"rasa", "rasa-sdk"}
    for distribution in ("rasa", "rasa-sdk"):
        for text in requires(distribution) or []:
            requirement = Requirement(text)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            if canonicalize_name(requirement.name) in skip:
                continue
            requirement.marker = None
            print(requirement)


if __name__ == "__main__":
    main()
