"""The one core module that speaks MkDocs: generated pages become in-memory ``File``s.

For ``mkdocs serve --dirty`` it also remembers, for the life of the process, a digest of every
generated file, so a rebuild after one YAML edit converts only the pages whose Markdown changed.
"""

from __future__ import annotations

import hashlib
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .render import Page

# Digest of each generated file as the previous build in this process wrote it. Only dirty
# builds ask File.is_modified(), so clean builds (make site, tests) never depend on it.
_previous_digests: dict[str, str] = {}


class _GeneratedFile(File):
    """A generated file that is 'unmodified' when its content and output are unchanged."""

    unchanged: bool = False

    def is_modified(self) -> bool:
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


def generated_file(config: MkDocsConfig, path: str, content: str | bytes,
                   live: bool = True) -> File:
    """An in-memory file at ``path`` that remembers whether the last build wrote the same.

    A file that is not ``live`` counts as unchanged once written, so a dirty rebuild keeps it.
    """
    file = _GeneratedFile.generated(config, path, content=content)
    assert isinstance(file, _GeneratedFile)
    data = content.encode("utf-8") if isinstance(content, str) else content
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    file.unchanged = _previous_digests.get(path) == digest or (not live and path in _previous_digests)
    if live or path not in _previous_digests:
        _previous_digests[path] = digest
    return file


def emit(pages: list[Page], files: Files, config: MkDocsConfig) -> Files:
    """Add every generated page to ``files``, replacing a real file of the same path."""
    for page in pages:
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            files.remove(existing)
        files.append(generated_file(config, page.path, page.content, page.live))
    return files
