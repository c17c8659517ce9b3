"""Run the patient chat app: ``python app.py [--host H] [--port N]``.

Serves the chat page (/chat/), the JSON API (/api/...), the widget script
(/widget.js) and a demo host page (/demo) on one port. Other settings come
from ASSISTANT_* environment variables (see assistant/config.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the oncology massage chat app.")
    parser.add_argument(
        "--host", help="interface to listen on (default: ASSISTANT_HOST or 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, help="port to listen on (default: ASSISTANT_PORT or 7860)"
    )
    args = parser.parse_args(argv)
    if args.port is not None and not 0 < args.port < 65536:
        parser.error("--port must be between 1 and 65535")

    from assistant.config import load_settings
    from assistant.web import serve

    serve(load_settings(), host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
