"""Load the corpus into the vector store: ``python ingest.py [PATH ...] [--rebuild] [--dry-run]``.

Same as ``assistant ingest``.
"""

from assistant.cli import run_ingest

if __name__ == "__main__":
    raise SystemExit(run_ingest())
