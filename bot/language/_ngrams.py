"""langdetect n-gram statistics, loaded once on first use.

Two factories: one with only the profiles of languages we support (the detector
proper), one with all profiles (to notice a language we do not support).
"""

from __future__ import annotations

import math
import threading
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .languages import SUPPORTED

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

SEED = 0
_lock = threading.Lock()
_factories: dict[str, DetectorFactory] = {}


def _profile_dir() -> Any:
    return resources.files("langdetect") / "profiles"


def _profile_names() -> list[str]:
    return sorted(p.name for p in _profile_dir().iterdir() if not p.name.startswith("."))


def available_supported() -> tuple[str, ...]:
    """The supported languages that langdetect has a profile for."""
    names = set(_profile_names())
    return tuple(code for code in SUPPORTED if code in names)


def factory(kind: str) -> DetectorFactory:
    """The seeded factory "supported" (our profiles only) or "all" (every profile)."""
    # Imported here: langdetect reads its resource files when its modules load.
    from langdetect.detector_factory import DetectorFactory

    with _lock:
        if kind not in _factories:
            names = available_supported() if kind == "supported" else _profile_names()
            built = DetectorFactory()
            built.load_json_profile(
                [(_profile_dir() / name).read_text(encoding="utf-8") for name in names]
            )
            built.set_seed(SEED)
            _factories[kind] = built
        return _factories[kind]


def probabilities(text: str, kind: str, prior: dict[str, float] | None = None) -> dict[str, float]:
    """langdetect's language probabilities for text ({} if it finds no usable n-gram)."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = factory(kind).create()
    if prior:
        detector.set_prior_map(prior)
    detector.append(text)
    try:
        return {item.lang: item.prob for item in detector.get_probabilities()}
    except LangDetectException:
        return {}


# Smoothing for n-grams a profile lacks, and the weight of uni-, bi- and trigrams; chosen on
# our own word lists (data/words), where they beat langdetect's defaults (0.5, equal weights).
ALPHA = 0.1
ORDER_WEIGHTS = (1.0, 1.0, 2.0)


def log_likelihoods(
    text: str, candidates: tuple[str, ...], alpha: float = ALPHA
) -> dict[str, float]:
    """Deterministic naive-Bayes score of every n-gram of text under each candidate profile.

    Unlike langdetect's random sampling this reads every n-gram once, so a short
    word is judged on all its letters.
    """
    built = factory("supported")
    index = {lang: i for i, lang in enumerate(built.langlist)}
    usable = [c for c in candidates if c in index]
    scores = {c: 0.0 for c in usable}
    detector = built.create()
    detector.append(text)
    detector.cleaning_text()
    for gram in detector._extract_ngrams():
        logs = _gram_logs(gram, alpha)
        for code in usable:
            scores[code] += logs[index[code]]
    return scores


@cache  # bounded: only n-grams of the profiles get here
def _gram_logs(gram: str, alpha: float) -> tuple[float, ...]:
    """Weighted log-probability of one n-gram under every profile (n-grams recur: cached)."""
    built = factory("supported")
    floor = alpha / built.create().BASE_FREQ
    weight = ORDER_WEIGHTS[len(gram) - 1]
    return tuple(weight * math.log(floor + p) for p in built.word_lang_prob_map[gram])
