"""The one core module that speaks MkDocs: generated pages become in-memory ``File``s, and
the pages the core wrote as HTML become :class:`PrerenderedPage`s, which skip Markdown.

For ``mkdocs serve --dirty`` it also remembers, for the life of the process, a digest of every
generated file, so a rebuild after one YAML edit converts only the pages whose Markdown changed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from .outline import Heading, outline
from .render import Page

log = logging.getLogger("mkdocs.sotay")

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


class _SiteFiles:
    """Every file of one build by its path in the built site, made at the first lookup (the
    list is final by then: pages are rendered after every file was added)."""

    def __init__(self) -> None:
        self.by_dest: dict[str, File] | None = None

    def get(self, files: Files, dest: str) -> File | None:
        if self.by_dest is None:
            self.by_dest = {f.dest_uri: f for f in files}
        return self.by_dest.get(dest)


class PrerenderedPage(MkDocsPage):
    """A page the core wrote as HTML: its body is the page's content as it is. Its table of
    contents and anchors come from its own headings and ids, and each of its links must land
    on a file of the site (a warning, so a strict build fails) and on an anchor there (checked
    by MkDocs with every page's anchors, as for Markdown pages)."""

    def __init__(self, file: File, config: MkDocsConfig, site_files: _SiteFiles) -> None:
        super().__init__(None, file, config)
        self._site_files = site_files

    def render(self, config: MkDocsConfig, files: Files) -> None:
        body = self.markdown or ""
        found = outline(body)
        self.content = body
        self.toc = get_toc(_toc_tokens(found.headings))
        self.present_anchor_ids = set(found.anchors)
        self.links_to_anchors = self._link_targets(found.links, files)

    def _link_targets(self, links: tuple[str, ...], files: Files) -> dict[File, dict[str, str]]:
        folder = posixpath.dirname(self.file.dest_uri)
        targets: dict[File, dict[str, str]] = {}
        for link in links:
            path, _, anchor = link.partition("#")
            target = self.file if not path else self._site_files.get(
                files, posixpath.normpath(posixpath.join(folder, path)))
            if target is None:
                log.warning(f"Trang '{self.file.src_uri}' có liên kết '{link}' tới một tệp "
                            "không có trong sổ tay.")
            elif anchor:
                targets.setdefault(target, {})[anchor] = link
        return targets


def _toc_tokens(headings: tuple[Heading, ...]) -> list[Any]:
    """Headings as the nested tokens MkDocs builds a table of contents from."""
    root: list[Any] = []
    open_levels: list[tuple[int, list[Any]]] = [(0, root)]
    for heading in headings:
        while open_levels[-1][0] >= heading.level:
            open_levels.pop()
        children: list[Any] = []
        open_levels[-1][1].append({"level": heading.level, "id": heading.anchor,
                                   "name": heading.text, "children": children})
        open_levels.append((heading.level, children))
    return root


def emit(pages: list[Page], files: Files, config: MkDocsConfig) -> Files:
    """Add every generated page to ``files``, replacing a real file of the same path; a page
    written as HTML gets its :class:`PrerenderedPage` now, so MkDocs never converts it."""
    site_files = _SiteFiles()
    for page in pages:
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            files.remove(existing)
        file = generated_file(config, page.path, page.content, page.live)
        if page.html:
            PrerenderedPage(file, config, site_files)
        files.append(file)
    return files
