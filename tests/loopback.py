"""Browser tests over loopback HTTP: a free port, a static server, a context that may reach
127.0.0.1 only (any other request is aborted and recorded)."""

from __future__ import annotations

import functools
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from _serving import serving

PHONE = {"width": 360, "height": 740}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".webmanifest": "application/manifest+json", ".js": "text/javascript"}

    def __init__(self, *args: Any, log: list[str], delay: float, **kwargs: Any) -> None:
        self._log, self._delay = log, delay
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (the base's name)
        self._log.append(self.path)
        if self._delay:
            time.sleep(self._delay)
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        pass


@contextmanager
def static_server(root: Path, log: list[str] | None = None,
                  delay: float = 0.0) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 from a thread; yield its address (no trailing slash). Each
    request's path is appended to ``log``; each answer waits ``delay`` seconds."""
    handler = functools.partial(_QuietHandler, directory=str(root),
                                log=log if log is not None else [], delay=delay)
    with serving(ThreadingHTTPServer(("127.0.0.1", free_port()), handler)) as address:
        yield address


@dataclass
class LoopbackPage:
    """A Chromium tab that may load only 127.0.0.1; what it tried elsewhere, and its errors."""

    context: Any
    page: Any
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextmanager
def loopback_page(browser: Any, viewport: dict[str, int] | None = None,
                  **options: Any) -> Iterator[LoopbackPage]:
    """A fresh context at ``viewport`` (a phone by default) that reaches 127.0.0.1 only."""
    context = browser.new_context(viewport=viewport or PHONE, **options)
    state = LoopbackPage(context, None)

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            state.blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    state.page = context.new_page()
    state.page.on("pageerror", lambda e: state.errors.append(str(e)))
    try:
        yield state
    finally:
        context.close()
