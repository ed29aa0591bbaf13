"""Every label of the app in Chinese (default) and English (``--lang en``). Domain terms live in engine.glossary."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "app.title": ("医保参谋", "yibao · medical insurance advisor"),
    "app.modified": ("已修改", "modified"),
    # --- profile pane -------------------------------------------------------------------------------------------
    "pane.profile": ("档案", "Profile"),
    # --- decisions / explanation panes ---------------------------------------------------------------------------
    "pane.decisions": ("结论", "Decisions"),
    "pane.why": ("解释", "Why"),
    # --- timeline pane -------------------------------------------------------------------------------------------
    "pane.timeline": ("缴费时间线", "Contribution timeline"),
}


def t(key: str, lang: str = "zh") -> str:
    """The label for ``key`` in ``lang``; an unknown key shows itself so that a missing label is visible."""
    zh, en = LABELS.get(key, (key, key))
    return en if lang == "en" else zh
