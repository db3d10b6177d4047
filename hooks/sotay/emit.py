"""The one core module that speaks MkDocs: generated pages become in-memory ``File``s."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .render import Page


def emit(pages: list[Page], files: Files, config: MkDocsConfig) -> Files:
    """Add every generated page to ``files``, replacing a real file of the same path."""
    for page in pages:
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.path, content=page.content))
    return files
