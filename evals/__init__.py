"""Evaluation suites for the assistant: ``python -m evals run SUITE --out DIR``.

Hand-written cases (JSON Lines or YAML) are run through the same
``Assistant.answer`` the chat app uses, scored for routing, retrieval,
citations and wording, and written up as JSON, Markdown and HTML reports.
See docs/evaluation.md for the format and every metric's definition.
"""
