"""The assistant's exception tree: what a caller can catch, and what each means.

    AssistantError
    ├── ChatInputError        a message or request refused before anything is stored
    │   ├── EmptyMessage
    │   ├── MessageTooLong
    │   └── RateLimited       (``retry_after_s``)
    ├── ApprovedAnswerError   an approved answer staff asked for cannot be saved as given
    ├── NotFound              what a request names does not exist
    │   ├── UnknownConversation
    │   ├── UnknownMessage    (not a message of that conversation)
    │   ├── UnknownFeedback   (not feedback given in that conversation)
    │   └── UnknownApprovedAnswer
    ├── ServiceUnavailable    a part a reply needs is down (``part``: "database"); nothing
    │                         of the message was stored
    └── EmbeddingModelUnavailable  the embedding model cannot be loaded or exported (missing
                              files, an unusable ONNX export, onnxruntime not installed)

``ChatInputError.message`` and ``ServiceUnavailable.message`` are reviewed text
(``assistant.content``) safe to show the person; adapters (the web API, the
chat page) choose their own status codes from the type, never from the text.
Storage and vector-store failures keep their own types (``store.StoreError``
and its ``VectorStoreUnavailable``, SQLAlchemy's errors) until the chat turns
a database failure into ``ServiceUnavailable``.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base of the errors this package raises on purpose."""


class ChatInputError(AssistantError, ValueError):
    """A message the chat refuses before storing anything; ``message`` is shown to the person."""

    def __init__(self, message: str, field: str = "message") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class EmptyMessage(ChatInputError):
    pass


class MessageTooLong(ChatInputError):
    pass


class RateLimited(ChatInputError):
    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class NotFound(AssistantError, LookupError, ValueError):
    """The conversation or message a request names does not exist (a bad value, too)."""

    field = "conversation_id"


class UnknownConversation(NotFound):
    field = "conversation_id"


class UnknownMessage(NotFound):
    field = "message_id"


class UnknownFeedback(NotFound):
    field = "feedback_id"


class UnknownApprovedAnswer(NotFound):
    field = "answer_id"


class ApprovedAnswerError(AssistantError, ValueError):
    """An approved answer that cannot be saved as given (a quote not verbatim in its passage,
    an empty lead...); the message says which part, for the staff member to correct."""


class ServiceUnavailable(AssistantError):
    """A part the reply needs is down, so nothing was stored; ``message`` is reviewed text
    (the apology with the urgent-help numbers) safe to show, ``part`` names what failed."""

    def __init__(self, message: str, part: str) -> None:
        super().__init__(message)
        self.message = message
        self.part = part


class EmbeddingModelUnavailable(AssistantError, RuntimeError):
    """The configured embedding model cannot be loaded (or exported to ONNX); the message
    says which file or package, and what to run."""
