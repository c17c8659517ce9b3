"""The one settings object.

Everything an organisation may change lives here, read from environment
variables prefixed ``ASSISTANT_`` (and an optional ``.env`` file). It is
loaded once by an entry point and passed down; nothing else reads the
environment. Paths default to folders beside the project, never to the
directory the command happened to be launched from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .model_names import DEFAULT_EMBEDDING_MODEL

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Typed configuration; refuses combinations that would be unsafe to run."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    environment: Literal["local", "production"] = "local"

    # Corpus and storage
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    corpus_dirs: Annotated[list[Path], NoDecode] = Field(default_factory=list)
    """More folders reconciled like the corpus folder at every start and plain ``ingest.py``
    (comma-separated, or a JSON list)."""
    data_dir: Path = PROJECT_ROOT / "data"
    max_file_mb: float = Field(20.0, gt=0)

    # Fetching the organisation's web pages (``ingest.py --url / --sitemap``)
    fetch_timeout_s: float = Field(15.0, gt=0, le=300)
    fetch_retries: int = Field(2, ge=0, le=5)
    fetch_backoff_s: float = Field(1.0, ge=0, le=60)
    fetch_delay_s: float = Field(0.5, ge=0, le=60)
    """Pause between two requests to the same site (robots.txt Crawl-delay wins, up to 30 s)."""
    fetch_max_pages: int = Field(500, ge=1, le=100_000)
    fetch_user_agent: str = "OncologyMassageAssistant/0.1 (+ingest.py; respects robots.txt)"

    # Embeddings and vector store
    embedding_model: str = DEFAULT_EMBEDDING_MODEL
    embedding_backend: Literal["torch", "onnx"] = "onnx"
    """``onnx`` (default): the same model exported once (``python -m assistant export-onnx``,
    or the first start) and served by onnxruntime: no torch in the serving process, the same
    vectors to ~1e-6 and the same evaluation results case by case (docs/performance.md).
    ``torch``: sentence-transformers."""
    embedding_onnx_path: Path = PROJECT_ROOT / "data" / "onnx"
    """Where the ONNX export is kept: an install artefact (like the weights), shared by every
    data folder; one file per model, so another model is exported beside it."""
    chroma_host: str | None = None
    chroma_port: int = Field(8000, gt=0, lt=65536)
    chroma_path: Path | None = None
    collection: str = "oncology_massage"

    # Chunking (sizes chosen by measurement: see docs/retrieval.md)
    chunk_size: int = Field(700, ge=100, le=8000)
    chunk_overlap: int = Field(120, ge=0)

    # Retrieval
    retrieval_k: int = Field(6, ge=1, le=50)
    dense_enabled: bool = True
    bm25_enabled: bool = True
    rrf_k: int = Field(60, ge=1)
    relevance_floor: float = Field(0.35, ge=-1.0, le=1.0)
    relevance_confident: float = Field(0.70, ge=-1.0, le=1.0)
    relevance_close: float = Field(0.58, ge=-1.0, le=1.0)
    """At or above this best cosine a question is covered when one of its own topics is
    in the passages, however few of its other words are (paraphrases). Chosen on the
    training suites other than answers_v5 (``python -m evals.fit_relevance``,
    docs/retrieval.md)."""
    approved_answer_threshold: float = Field(0.90, ge=0.0, le=1.0)
    """Cosine similarity at or above which a staff-approved answer is served for an
    ordinary answer-route question (measured: docs/staff.md, evals/approved_threshold.py)."""
    min_term_coverage: float = Field(0.6, ge=0.0, le=1.0)
    history_turns: int = Field(2, ge=0, le=10)
    rerank_model: str | None = None

    # Answers
    answer_backend: Literal["extractive", "llm"] = "extractive"
    max_answer_sentences: int = Field(5, ge=1, le=10)
    llm_model: str | None = None
    llm_provider: str = "openai"
    llm_base_url: str | None = None
    llm_api_key: SecretStr = SecretStr("not-needed")
    llm_timeout_s: float = Field(30.0, gt=0)
    llm_temperature: float = Field(0.0, ge=0.0, le=2.0)

    # Routing
    multilingual_safety_vote: bool = True
    """Ask the multilingual safety vote (``routing/multilingual_vote.py``) about a message
    the language identifier does not read as English once the word lists found no red
    flag: it may only add an emergency or crisis route (docs/routing.md, "s33-14m")."""

    # Referral details an organisation changes for its country
    emergency_number: str = "911"
    crisis_line: str = "988"
    crisis_line_name: str = "988 Suicide & Crisis Lifeline"
    abuse_line: str = "1-800-799-7233"
    abuse_line_name: str = "National Domestic Violence Hotline"
    therapist_locator_url: str = "https://www.s4om.org/"

    # Conversation store and app
    database_url: SecretStr | None = None
    """May hold the database password, so it never prints (``db_url`` reveals it to the store)."""
    host: str = "127.0.0.1"
    port: int = Field(7860, gt=0, lt=65536)
    max_message_chars: int = Field(2000, ge=10)
    rate_limit_per_minute: int = Field(20, ge=1)
    client_key_secret: SecretStr | None = None
    """Keys the per-client limits' hash of a client address (32+ characters). Set the same
    value in every app process on one database so they share each client's limit; unset,
    each process makes its own (``assistant serve --workers N`` makes one for its workers).
    Held in memory only; the address and its hash under it are never stored."""
    retention_days: int | None = Field(None, ge=1)
    privacy_contact: str | None = None
    """Where people ask for their chat to be deleted (an email address, phone or web page)."""
    allowed_embed_origins: list[str] = Field(default_factory=lambda: ["*"])
    widget_title: str = "Ask about oncology massage"
    widget_color: str = "#1d4e89"
    widget_position: Literal["bottom-right", "bottom-left"] = "bottom-right"

    # Staff console (/staff): see docs/staff.md
    staff_session_secret: SecretStr | None = None
    """Signs staff session cookies; production refuses to start without one (32+ characters)."""
    staff_session_minutes: int = Field(480, ge=5, le=7 * 24 * 60)
    staff_login_failures_per_account: int = Field(5, ge=1)
    staff_login_failures_per_client: int = Field(20, ge=1)
    staff_login_window_minutes: int = Field(15, ge=1)
    review_suite: Path = PROJECT_ROOT / "evals" / "suites" / "reviewed.jsonl"
    """Where "Add to evaluation suite" appends cases (``python -m evals run`` reads it)."""

    @field_validator("corpus_dirs", mode="before")
    @classmethod
    def _split_dirs(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                import json

                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        if self.answer_backend == "llm" and not self.llm_model:
            raise ValueError("answer_backend 'llm' needs ASSISTANT_LLM_MODEL")
        if self.environment == "production" and "*" in self.allowed_embed_origins:
            raise ValueError("production needs explicit ASSISTANT_ALLOWED_EMBED_ORIGINS")
        if self.environment == "production":
            for name in type(self).model_fields:
                value = getattr(self, name)
                if isinstance(value, SecretStr) and not value.get_secret_value().strip():
                    raise ValueError(
                        f"ASSISTANT_{name.upper()} is blank; production needs a real value"
                    )
        if self.client_key_secret is not None and (
            len(self.client_key_secret.get_secret_value().strip()) < 32
        ):
            raise ValueError("ASSISTANT_CLIENT_KEY_SECRET needs 32+ characters")
        if self.environment == "production" and (
            self.staff_session_secret is None
            or len(self.staff_session_secret.get_secret_value()) < 32
        ):
            raise ValueError("production needs ASSISTANT_STAFF_SESSION_SECRET (32+ characters)")
        return self

    @property
    def corpus_folders(self) -> list[Path]:
        """The corpus folder, then ``corpus_dirs``: what a plain ``ingest.py`` reconciles."""
        folders: list[Path] = []
        for folder in [self.corpus_dir, *self.corpus_dirs]:
            if folder.resolve() not in {f.resolve() for f in folders}:
                folders.append(folder)
        return folders

    @property
    def sources_db(self) -> Path:
        """The source registry (SQLite) beside the vector store."""
        return self.data_dir / "sources.sqlite3"

    @property
    def lexical_dir(self) -> Path:
        """Where the persisted BM25 index lives."""
        return self.data_dir / "lexical"

    @property
    def onnx_dir(self) -> Path:
        """Where the embedding model's ONNX export is kept (one file per model)."""
        return self.embedding_onnx_path

    @property
    def chroma_dir(self) -> Path:
        return self.chroma_path or self.data_dir / "chroma"

    @property
    def chroma_server(self) -> bool:
        return self.chroma_host is not None

    @property
    def db_url(self) -> str:
        if self.database_url is not None and self.database_url.get_secret_value().strip():
            return self.database_url.get_secret_value().strip()
        return f"sqlite:///{self.data_dir / 'conversations.sqlite3'}"

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment once; tests pass overrides instead."""
    return Settings(**overrides)  # type: ignore[arg-type]
