"""Builds a tiny but real Argos Translate package: a CTranslate2 Transformer with random
weights and a SentencePiece tokenizer trained on a few lines, zipped as .argosmodel.

The translations it makes are nonsense; it exists so tests and the latency benchmark can
run the real loading and translation code without downloading a model.
"""
from __future__ import annotations

import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm

TRAINING_LINES = (
    "Hello, how can I help you today?",
    "The housing office is open on Monday and Thursday.",
    "Please bring your passport and your residence permit.",
    "You can call the office at [1] or write to [2].",
    "The integration course has 600 hours of German lessons.",
    "Guten Tag, wie kann ich Ihnen helfen?",
    "Das Wohnungsamt ist montags und donnerstags geöffnet.",
    "Bitte bringen Sie Ihren Pass und Ihre Aufenthaltserlaubnis mit.",
    "Sie erreichen das Amt unter [3] oder per E-Mail.",
    "Der Integrationskurs umfasst 600 Stunden Deutschunterricht.",
    "مرحبا، كيف يمكنني مساعدتك اليوم؟",
    "مكتب الإسكان مفتوح يومي الاثنين والخميس.",
    "يرجى إحضار جواز سفرك وتصريح الإقامة.",
    "Bonjour, comment puis-je vous aider ?",
    "Le bureau du logement est ouvert le lundi et le jeudi.",
    "Merhaba, size nasıl yardımcı olabilirim?",
    "Konut ofisi pazartesi ve perşembe günleri açıktır.",
    "Здравствуйте, чем я могу вам помочь?",
    "Добрий день, чим я можу вам допомогти?",
    "Dzień dobry, jak mogę pomóc?",
    "Bună ziua, cu ce vă pot ajuta?",
    "Hola, ¿en qué puedo ayudarle hoy?",
    "سلام، چطور می‌توانم کمکتان کنم؟",
    "Numbers 0 1 2 3 4 5 6 7 8 9 and signs . , ; : ! ? ( ) [ ] { } - _ / @ + # % &",
    "Emergency 112, police 110, office hours 8:00 to 16:00.",
    "Ask about language tuition, employment, health and education.",
    "Discrimination at work can be reported within two months.",
    "The counselling service speaks Arabic, Farsi, Turkish and Ukrainian.",
    "Wo finde ich eine Wohnung? Wer hilft mir bei der Arbeitssuche?",
    "Where do I find a flat? Who helps me look for work?",
)



@dataclass(frozen=True)
class ModelSize:
    layers: int = 1
    d_model: int = 32
    ffn: int = 64
    heads: int = 2
    vocabulary: int = 0  # pad the vocabulary to this many tokens (0: SentencePiece's own)
    eos_bias: float = 3.0  # higher ends sentences sooner
    quantization: str | None = None


TINY = ModelSize()
# The shape of Argos's usual models (Transformer base, int8, a large vocabulary), for
# latency estimates only: random weights still make nonsense.
ARGOS_BASE = ModelSize(
    layers=6, d_model=512, ffn=2048, heads=8, vocabulary=32000, eos_bias=4.0, quantization="int8"
)


def build_argos_package(
    directory: Path,
    source: str,
    target: str,
    *,
    version: str = "1.0",
    seed: int = 7,
    size: ModelSize = TINY,
) -> Path:
    """Write translate-<source>_<target>-<version>.argosmodel into directory and return it."""
    name = f"translate-{source}_{target}-{version.replace('.', '_')}"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / name
        root.mkdir()
        pieces = _train_sentencepiece(root / "sentencepiece.model")
        _build_model(root / "model", pieces, np.random.default_rng(seed), size)
        (root / "metadata.json").write_text(
            json.dumps(
                {
                    "package_version": version,
                    "argos_version": "1.11",
                    "from_code": source,
                    "from_name": source,
                    "to_code": target,
                    "to_name": target,
                    "type": "translate",
                }
            ),
            encoding="utf-8",
        )
        (root / "README.md").write_text("Tiny random test model: its output is nonsense.\n")
        archive = directory / f"{name}.argosmodel"
        _zip(root, archive)
    return archive


def _train_sentencepiece(path: Path) -> list[str]:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(TRAINING_LINES),
        model_writer=model,
        vocab_size=200,
        character_coverage=1.0,
        model_type="unigram",
        hard_vocab_limit=False,
        minloglevel=2,
    )
    path.write_bytes(model.getvalue())
    processor = spm.SentencePieceProcessor(model_file=str(path))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _build_model(
    path: Path, pieces: list[str], rng: np.random.Generator, shape: ModelSize
) -> None:
    spec = ctranslate2.specs.TransformerSpec.from_config(shape.layers, shape.heads)
    # SentencePiece's own <unk>, <s> and </s> are CTranslate2's defaults
    padding = [f"<extra_{i}>" for i in range(max(0, shape.vocabulary - len(pieces)))]
    vocabulary = pieces + padding
    size = len(vocabulary)
    d_model, ffn_size = shape.d_model, shape.ffn

    def linear(layer, outputs: int, inputs: int) -> None:
        scale = 1.0 / np.sqrt(inputs)
        layer.weight = (rng.standard_normal((outputs, inputs)) * scale).astype(np.float32)
        layer.bias = np.zeros(outputs, dtype=np.float32)

    def norm(layer) -> None:
        layer.gamma = np.ones(d_model, dtype=np.float32)
        layer.beta = np.zeros(d_model, dtype=np.float32)

    def ffn(layer) -> None:
        norm(layer.layer_norm)
        linear(layer.linear_0, ffn_size, d_model)
        linear(layer.linear_1, d_model, ffn_size)

    def self_attention(layer) -> None:
        norm(layer.layer_norm)
        linear(layer.linear[0], 3 * d_model, d_model)
        linear(layer.linear[1], d_model, d_model)

    encoder, decoder = spec.encoder, spec.decoder
    encoder.embeddings[0].weight = _embeddings(rng, size, d_model)
    norm(encoder.layer_norm)
    for layer in encoder.layer:
        self_attention(layer.self_attention)
        ffn(layer.ffn)
    decoder.embeddings.weight = _embeddings(rng, size, d_model)
    norm(decoder.layer_norm)
    linear(decoder.projection, size, d_model)
    for special in ("<unk>", "<s>"):
        decoder.projection.bias[vocabulary.index(special)] = -20.0
    decoder.projection.bias[vocabulary.index("</s>")] = shape.eos_bias
    for layer in decoder.layer:
        self_attention(layer.self_attention)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d_model, d_model)
        linear(layer.attention.linear[1], 2 * d_model, d_model)
        linear(layer.attention.linear[2], d_model, d_model)
        ffn(layer.ffn)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    if shape.quantization:
        spec.optimize(quantization=shape.quantization)
    path.mkdir()
    spec.save(str(path))


def _embeddings(rng: np.random.Generator, size: int, d_model: int) -> np.ndarray:
    return (rng.standard_normal((size, d_model)) / np.sqrt(d_model)).astype(np.float32)


def _zip(root: Path, archive: Path) -> None:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for file in sorted(root.rglob("*")):
            bundle.write(file, Path(root.name) / file.relative_to(root))


def main() -> None:
    """python -m tests.machine_translation.tiny_argos de en: one package, in this folder."""
    import sys

    source, target = sys.argv[1:3]
    print(build_argos_package(Path.cwd(), source, target))


if __name__ == "__main__":
    main()
