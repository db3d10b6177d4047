"""MkDocs hooks: map MkDocs events onto the plain-Python core in ``hooks/sotay``."""

from __future__ import annotations

import functools
import gc
import json
import os
import posixpath
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkPage

from sotay import printable
from sotay.abbreviations import definitions, used_in
from sotay.edition import edition_date
from sotay.emit import PrerenderedPage, emit, generated_file
from sotay.explore import explore_pages
from sotay.link import Graph
from sotay.model import Problem, format_problems
from sotay.navigation import with_type_entries
from sotay.opendata import open_data
from sotay.pipeline import build_graph
from sotay.render import problem_pages, render_pages
from sotay.resolve import expand, page_href
from sotay.safe_markdown import SafeLinksExtension
from sotay.search_index import (
    Document,
    build_search_files,
    page_document,
    with_remembered,
    write_search_files,
)
from sotay.synonyms import synonym_pairs
from sotay.vi import slugify
from sotay.webapp import write_webapp


class _Build:
    """What one build knows; replaced at every ``on_config`` so serve never sees stale data."""

    graph: Graph | None = None
    generated: frozenset[str] = frozenset()
    page_urls: frozenset[str] = frozenset()
    abbreviations: str = ""
    synonyms: tuple[tuple[str, str], ...] = ()

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self.search_docs: list[Document] = []
        self.problems: list[Problem] = []


class _Serve:
    """What ``mkdocs serve`` keeps across its rebuilds: that it is serving, and the paths the
    last good build generated, where a data problem is then shown instead of a dead page."""

    active: bool = False
    last_generated: frozenset[str] = frozenset()


_build = _Build()
_serve = _Serve()


def on_startup(command: str, **_: Any) -> None:
    _serve.active = command == "serve"


def _timed(stage: str, flush: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add an event's CPU seconds to this build's timings; ``flush`` appends them, as one JSON
    line, to the file named by SOTAY_TIMINGS (set by scripts/bench.py, otherwise unused)."""
    def wrap(event: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(event)
        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return event(*args, **kwargs)
            finally:
                timings = _build.timings
                timings[stage] = timings.get(stage, 0.0) + time.process_time() - started
                target = os.environ.get("SOTAY_TIMINGS")
                if flush and target:
                    with open(target, "a", encoding="utf-8") as out:
                        out.write(json.dumps(timings) + "\n")
        return run
    return wrap


def data_dir(config: MkDocsConfig) -> Path:
    """``data/`` beside mkdocs.yml, unless SOTAY_DATA_DIR names another (benchmarks, tests)."""
    override = os.environ.get("SOTAY_DATA_DIR")
    return Path(override) if override else Path(config.config_file_path).parent / "data"


@_timed("config")
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build = _Build()
    # A build keeps millions of long-lived objects (records, pages, their HTML); with CPython's
    # default thresholds the collector rescans them again and again, so the build grew faster
    # than the record count (4,000 records: 79 s → 44 s with these). Cycles are still found.
    gc.set_threshold(50_000, 20, 100)
    config.mdx_configs.setdefault("toc", {})["slugify"] = lambda text, sep: slugify(text)
    config.markdown_extensions.append(SafeLinksExtension())
    config.nav = with_type_entries(config.nav)
    graph, problems = build_graph(data_dir(config), Path(config.docs_dir), _build.timings)
    synonyms, synonym_problems = synonym_pairs(data_dir(config), Path(config.config_file_path).parent)
    problems = [*problems, *synonym_problems]
    _build.synonyms = tuple(synonyms)
    if problems or graph is None:
        if not _serve.active:
            raise PluginError(format_problems(problems))
        # A live preview shows the problems in the browser and reloads once they are fixed.
        print(format_problems(problems), file=sys.stderr)
        _build.problems = problems
        return config
    _build.graph = graph
    _build.abbreviations = definitions(graph.records.values())[0]  # checked by build_graph
    return config


@_timed("files")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _build.graph is None:  # only while serving: the problems take the pages' place
        return emit(problem_pages(_build.problems, _serve.last_generated), files, config)
    started = time.process_time()
    edition = edition_date(_build.graph, os.environ.get("SOURCE_DATE_EPOCH"))
    pages = (render_pages(_build.graph, config.site_url or "", edition)
             + explore_pages(_build.graph))
    _serve.last_generated = frozenset(p.path for p in pages if p.path.endswith(".md"))
    _build.timings["render"] = time.process_time() - started
    _build.generated = frozenset(p.path for p in pages)
    # Open data is added as files (not written after the build) so page links to it validate.
    for path, content in open_data(_build.graph, config.site_url or "").items():
        files.append(generated_file(config, path, content))
    files = emit(pages, files, config)
    _build.page_urls = frozenset(f.url for f in files.documentation_pages())
    return files


@_timed("page_markdown")
def on_page_markdown(markdown: str, page: MkPage, **_: Any) -> str:
    """Expand ``[[id]]`` in hand-written pages; give every page the abbreviation tooltips."""
    if _build.graph is None:
        return markdown
    if page.file.src_uri == printable.PATH:
        # Tooltips mean nothing on paper, and Markdown's abbr pass is quadratic on a page
        # this long (+20 s at 4,000 records).
        return markdown
    if isinstance(page, PrerenderedPage):  # HTML, abbreviations and links already in place
        return markdown
    if page.file.src_uri in _build.generated:  # already expanded
        return markdown + used_in(markdown, _build.abbreviations)
    expanded, _unknown = expand(markdown, _build.graph, page_href(page.file.src_uri))
    return expanded + used_in(expanded, _build.abbreviations)


@_timed("page_content")
def on_page_content(html: str, page: MkPage, **_: Any) -> str:
    """Keep each rendered page's text for the search index written after the build."""
    if (page.meta.get("search") or {}).get("exclude"):  # Material's opt-out, e.g. the print page
        return html
    graph = _build.graph
    record = graph.get(str(page.meta.get("sotay_id", ""))) if graph else None
    listing = record is None and page.file.src_uri in _build.generated
    _build.search_docs.append(page_document(html, page.url, page.title or "", record, listing))
    return html


def on_env(env: jinja2.Environment, **_: Any) -> jinja2.Environment:
    """Material draws the whole navigation on every page; for a page outside it (every record
    page) the drawing is the same for all pages of one folder, so it is drawn once per folder
    (tests/test_determinism.py checks the site is byte for byte what it was without this)."""
    template = env.get_template("partials/nav.html")
    draw = getattr(template, "_sotay_draw", template.root_render_func)
    drawn: dict[str, str] = {}
    keep_drawings = os.environ.get("SOTAY_NAV_CACHE") != "0"

    def cached(context: Any) -> Iterator[str]:
        page, nav = context.get("page"), context.get("nav")
        if not keep_drawings or page is None or nav is None or any(page is p for p in nav.pages):
            yield from draw(context)
            return
        folder = posixpath.dirname(page.url)
        if folder not in drawn:
            drawn[folder] = "".join(draw(context))
        yield drawn[folder]

    template._sotay_draw = draw  # type: ignore[attr-defined]
    template.root_render_func = cached
    return env


@_timed("post_build", flush=True)
def on_post_build(config: MkDocsConfig) -> None:
    """Outputs made from the finished site go here (timed as the post-build stage)."""
    graph = _build.graph
    pairs = [(r.get("viet_tat"), r.get("day_du")) for r in graph.of_type("viet-tat")] if graph else []
    documents = with_remembered(_build.search_docs, _build.page_urls)
    write_search_files(Path(config.site_dir),
                       build_search_files(documents, [*pairs, *_build.synonyms]))
    # Last: the web app's content list hashes every file written before it.
    write_webapp(Path(config.site_dir), config.site_name, config.site_description or "")
