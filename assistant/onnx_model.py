"""The embedding model served by ONNX Runtime (``ASSISTANT_EMBEDDING_BACKEND=onnx``).

The packaged sentence-transformers weights are exported once with
``torch.onnx.export`` (``python -m assistant export-onnx``, or by a child
process at the first start that needs the file), then served with
onnxruntime and the model's own ``tokenizer.json`` (the ``tokenizers``
package): mean pooling over the attention mask and L2 normalising, as the
model's ``modules.json`` and ``1_Pooling/config.json`` say, truncated at its
``max_seq_length``. A process that serves this backend never imports torch,
transformers or sentence-transformers.

The exported file's name carries a digest of the model (its name, config and
weight files' sizes), so another model, or new weights, is exported again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import EmbeddingModelUnavailable

if TYPE_CHECKING:
    import onnxruntime

log = logging.getLogger(__name__)

OPSET = 17
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise EmbeddingModelUnavailable(f"cannot read {path}: {exc}") from exc
    return data if isinstance(data, dict) else {}


def model_digest(model_name: str, model_dir: Path) -> str:
    """What the export depends on: the model's name, config and weight files (by size)."""
    digest = hashlib.sha256(f"{model_name}\x00opset{OPSET}\x00".encode())
    for name in ("config.json", "sentence_bert_config.json", "1_Pooling/config.json"):
        path = model_dir / name
        digest.update(name.encode() + b"\x00")
        if path.is_file():
            digest.update(path.read_bytes())
    for name in WEIGHT_FILES:
        path = model_dir / name
        if path.is_file():
            digest.update(f"{name}:{path.stat().st_size}".encode())
    return digest.hexdigest()[:16]


def exported_path(onnx_dir: Path, model_name: str, model_dir: Path) -> Path:
    """Where the export of ``model_dir`` lives (or will) under ``onnx_dir``."""
    slug = "".join(c if c.isalnum() or c in "-_." else "-" for c in Path(model_name).name)
    return onnx_dir / f"{slug or 'model'}-{model_digest(model_name, model_dir)}.onnx"


def export(model_dir: Path, target: Path) -> Path:
    """Export the transformer of ``model_dir`` to ``target`` (written atomically).

    Needs torch, transformers and the ``onnx`` package; the serving process
    does not (``ensure_exported`` runs this in a child process)."""
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir))
    model.eval()

    class HiddenStates(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            token_type_ids: torch.Tensor,
        ) -> torch.Tensor:
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    ids = torch.ones(2, 8, dtype=torch.long)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        with torch.no_grad():
            torch.onnx.export(
                HiddenStates(model),
                (ids, torch.ones_like(ids), torch.zeros_like(ids)),
                tmp,
                input_names=list(INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in (*INPUTS, "last_hidden_state")},
                opset_version=OPSET,
                dynamo=False,
            )
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def ensure_exported(onnx_dir: Path, model_name: str, model_dir: Path) -> Path:
    """The exported file for the model, exported first by a child process if missing
    (so this process never imports torch)."""
    target = exported_path(onnx_dir, model_name, model_dir)
    if target.is_file():
        return target
    log.info("exporting embedding model %s to ONNX (once)", model_name)
    package_root = str(Path(__file__).resolve().parent.parent)
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")])
    )
    done = subprocess.run(
        [sys.executable, "-m", "assistant.onnx_model", str(model_dir), str(target)],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not target.is_file():
        tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise EmbeddingModelUnavailable(
            f"exporting {model_name!r} to ONNX failed: {tail[0]} "
            "(run `python -m assistant export-onnx`, or set ASSISTANT_EMBEDDING_BACKEND=torch)"
        )
    return target


class OnnxEncoder:
    """A sentence-transformers model (transformer, mean pooling, normalise) on onnxruntime."""

    def __init__(self, model_dir: Path, onnx_file: Path, batch_size: int = 32, threads: int = 1):
        self.batch_size = batch_size
        self.max_seq_length = self._max_seq_length(model_dir)
        self._check_pooling(model_dir)
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EmbeddingModelUnavailable(
                f"the onnx embedding backend needs onnxruntime and tokenizers: {exc}"
            ) from exc
        tokenizer_file = model_dir / "tokenizer.json"
        if not tokenizer_file.is_file():
            raise EmbeddingModelUnavailable(f"{model_dir} has no tokenizer.json")
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(max_length=self.max_seq_length)
        pad = self.tokenizer.padding or {}
        self.tokenizer.enable_padding(
            pad_id=int(pad.get("pad_id", 0)), pad_token=str(pad.get("pad_token", "[PAD]"))
        )
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        try:
            self.session: onnxruntime.InferenceSession = ort.InferenceSession(
                str(onnx_file), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise EmbeddingModelUnavailable(
                f"cannot load the ONNX export {onnx_file}: {exc} (delete it to export again)"
            ) from exc
        names = {i.name for i in self.session.get_inputs()}
        if not {"input_ids", "attention_mask"} <= names:
            raise EmbeddingModelUnavailable(
                f"{onnx_file} is not a transformer export (inputs {sorted(names)}); delete it"
            )
        self._inputs = [n for n in INPUTS if n in names]

    @staticmethod
    def _max_seq_length(model_dir: Path) -> int:
        configured = _read_json(model_dir / "sentence_bert_config.json").get("max_seq_length")
        limit = _read_json(model_dir / "config.json").get("max_position_embeddings", 512)
        return int(min(configured or limit, limit))

    @staticmethod
    def _check_pooling(model_dir: Path) -> None:
        pooling = _read_json(model_dir / "1_Pooling" / "config.json")
        modes = [k for k, v in pooling.items() if k.startswith("pooling_mode_") and v]
        if modes not in ([], ["pooling_mode_mean_tokens"]):
            raise EmbeddingModelUnavailable(
                f"{model_dir}: the onnx backend does mean pooling only, not {modes}; "
                "use ASSISTANT_EMBEDDING_BACKEND=torch"
            )

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        """Normalised vectors of ``texts``, in order. Texts the tokenizer reads as the same
        tokens (the model is uncased and splits punctuation: "Is it safe?" and "is it safe
        ?") run through the model once: a turn's texts (the message as typed, routing's
        lower-cased reading of it) are often such a pair. Dropping the twin row keeps the
        batch's padded length (its twin stays), and each row's output is its own, so the
        vectors are bitwise those of the whole batch (``tests/test_embedding_twins.py``)."""
        encoded = self.tokenizer.encode_batch(texts)
        row_of: dict[tuple[tuple[int, ...], ...], int] = {}
        unique: list[Any] = []
        where: list[int] = []
        for e in encoded:
            key = (tuple(e.ids), tuple(e.attention_mask), tuple(e.type_ids))
            if key not in row_of:
                row_of[key] = len(unique)
                unique.append(e)
            where.append(row_of[key])
        vectors = self._forward(unique)
        return vectors if len(unique) == len(encoded) else vectors[where]

    def _forward(self, encoded: list[Any]) -> np.ndarray:
        """One model run over tokenized rows (padded alike): mean-pooled, normalised."""
        feed = {
            "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
        }
        hidden = self.session.run(None, {n: feed[n] for n in self._inputs})[0]
        mask = feed["attention_mask"][..., None].astype(hidden.dtype)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Normalised vectors, batched by length (less padding) and returned in order."""
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out: list[list[float]] = [[] for _ in texts]
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            vectors = self._encode_batch([str(texts[i]) for i in batch])
            for i, vector in zip(batch, vectors.tolist(), strict=True):
                out[i] = vector
        return out


if __name__ == "__main__":  # the child process ``ensure_exported`` starts
    export(Path(sys.argv[1]), Path(sys.argv[2]))
