"""Secret settings never print, and configuration errors are one line naming the variable.

Run through the real command (``python -m assistant serve``) in a
subprocess, the way an operator meets them.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from assistant.config import PROJECT_ROOT, Settings, load_settings

SECRET = "hunter2-very-secret"


def _serve(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    base["PYTHONPATH"] = str(PROJECT_ROOT)
    return subprocess.run(
        [sys.executable, "-m", "assistant", "serve", "--port", "1"],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT / "tests",
    )


def test_secret_settings_never_print() -> None:
    settings = load_settings(
        _env_file=None,
        llm_api_key=SECRET,
        database_url=f"postgresql+psycopg://app:{SECRET}@db.example/assistant",
    )
    for shown in (repr(settings), str(settings), settings.model_dump_json()):
        assert SECRET not in shown
    assert SECRET in settings.db_url  # the store still gets the real URL


@pytest.mark.parametrize(
    ("env", "names"),
    [
        (
            {
                "ASSISTANT_ENVIRONMENT": "production",
                "ASSISTANT_LLM_API_KEY": SECRET,
                "ASSISTANT_DATABASE_URL": f"postgresql://u:{SECRET}@h/db",
            },
            "ASSISTANT_ALLOWED_EMBED_ORIGINS",
        ),
        (
            {
                "ASSISTANT_ENVIRONMENT": "production",
                "ASSISTANT_ALLOWED_EMBED_ORIGINS": '["https://clinic.example.org"]',
                "ASSISTANT_LLM_API_KEY": " " * 12,
            },
            "ASSISTANT_LLM_API_KEY",
        ),
        (
            {"ASSISTANT_RETENTION_DAYS": "0", "ASSISTANT_LLM_API_KEY": SECRET},
            "ASSISTANT_RETENTION_DAYS",
        ),
    ],
)
def test_configuration_errors_are_one_line_naming_the_variable(
    env: dict[str, str], names: str
) -> None:
    done = _serve(env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert names in lines[0]
    assert SECRET not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


def test_a_short_client_key_secret_is_refused() -> None:
    """The shared key of the per-client limits' address hashes must be hard to guess."""
    with pytest.raises(ValueError, match="ASSISTANT_CLIENT_KEY_SECRET needs 32"):
        Settings(client_key_secret="short")  # type: ignore[arg-type]
    long = "k" * 32
    settings = Settings(client_key_secret=long)  # type: ignore[arg-type]
    assert long not in repr(settings) and long not in str(settings)
