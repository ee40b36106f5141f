"""The UI's door to the label table, which lives on the rendering floor (`rendering/labels/`)."""

from rendering.labels import LANGUAGES, TEXT, t

__all__ = ["LANGUAGES", "TEXT", "t"]
