"""Run the patient chat app: ``python app.py [--host H] [--port N]`` (same as ``assistant serve``).

Serves the chat page (/chat/), the JSON API (/api/...), the widget script
(/widget.js) and a demo host page (/demo) on one port. Other settings come
from ASSISTANT_* environment variables (see assistant/config.py).
"""

from assistant.cli import run_serve

if __name__ == "__main__":
    raise SystemExit(run_serve(prog="app.py"))
