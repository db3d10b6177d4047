"""A minimal Language Server Protocol client over stdio, for testing the editors' schemas with the
real yaml-language-server: JSON-RPC 2.0 messages framed by ``Content-Length`` headers.

Only what the tests need: requests with a result, notifications, the server's own requests
answered with ``null``, and the diagnostics it publishes.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any


class LspError(RuntimeError):
    """The server answered with an error, died, or did not answer in time."""


class LspClient:
    """One running server; use as a context manager so the process always ends."""

    def __init__(self, command: list[str], cwd: Path, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._next_id = 0
        self._incoming: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._pending: list[dict[str, Any]] = []  # notifications read while awaiting a reply
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        assert self._process.stdout is not None
        threading.Thread(target=self._read, args=(self._process.stdout,), daemon=True).start()

    def __enter__(self) -> LspClient:
        return self

    def __exit__(self, *_: object) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self._process.wait(timeout=5)
        except (LspError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()

    # -- wire format -------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        stdin = self._process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def _read(self, stream: IO[bytes]) -> None:
        try:
            while True:
                length = None
                while True:  # headers, up to the empty line
                    line = stream.readline()
                    if not line:
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                if length is None:
                    continue
                self._incoming.put(json.loads(stream.read(length).decode("utf-8")))
        finally:
            self._incoming.put(None)  # the server ended: wake whoever waits

    def _receive(self, deadline: float) -> dict[str, Any]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise LspError("yaml-language-server did not answer in time")
        try:
            message = self._incoming.get(timeout=left)
        except queue.Empty:
            raise LspError("yaml-language-server did not answer in time") from None
        if message is None:
            raise LspError("yaml-language-server ended")
        if "method" in message and "id" in message:  # a request from the server
            self._send({"id": message["id"], "result": None})
        elif message.get("method") == "textDocument/publishDiagnostics":
            params = message["params"]
            self.diagnostics[params["uri"]] = params["diagnostics"]
        return message

    # -- calls -------------------------------------------------------------------------------

    def request(self, method: str, params: Any) -> Any:
        self._next_id += 1
        wanted = self._next_id
        self._send({"id": wanted, "method": method, "params": params})
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted and "method" not in message:
                if "error" in message:
                    raise LspError(f"{method}: {message['error']}")
                return message.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait_diagnostics(self, uri: str, version: int) -> list[dict[str, Any]]:
        """The diagnostics published for ``uri`` at ``version`` (the server pushes them)."""
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(deadline)
            params = message.get("params") or {}
            if (message.get("method") == "textDocument/publishDiagnostics"
                    and params.get("uri") == uri and params.get("version", version) == version):
                return list(params["diagnostics"])
