"""``selfeval serve``: the report of one output folder on 127.0.0.1, with review marks.

Standard library only (``http.server``). It serves the files under ``OUT/report/`` and nothing
else, ``/review.csv`` (the marks as a table) and ``/api/marks`` (GET: every mark; POST: store
one). Requests must name this server as their host (no DNS rebinding) and a POST must come from
a page of this server (same Origin) with a JSON body, so other web pages cannot mark for you.
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from selfeval.report import review
from selfeval.report.build import REPORT_DIR, write_marks
from selfeval.report.collect import load_entries

HOST = "127.0.0.1"
MAX_BODY = 64 * 1024
_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".png": "image/png"}


class ReviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, out: Path, port: int = 0) -> None:
        self.out = Path(out).resolve()
        self.root = (self.out / REPORT_DIR).resolve()
        self.lock = threading.Lock()
        self.known: dict[str, str | None] = {}
        self.n_forms: dict[str, int] = {}
        self.reload()
        super().__init__((HOST, port), Handler)

    def reload(self) -> None:
        """Read the inputs' hashes and form counts again (after a rerun of extract)."""
        entries = load_entries(self.out)
        self.known = {e.input: e.sha256 for e in entries}
        self.n_forms = {e.input: len(e.forms) for e in entries}

    @property
    def port(self) -> int:
        return self.server_address[1]

    def allowed_hosts(self) -> set[str]:
        return {f"{HOST}:{self.port}", f"localhost:{self.port}"}


def resolve(root: Path, url_path: str) -> Path | None:
    """The file under ``root`` that ``url_path`` names, or None when it names anything else
    (``..``, an absolute or Windows path, a NUL, a symlink leading out, a folder)."""
    path = unquote(url_path, errors="strict") if "%" in url_path else url_path
    if "\x00" in path or "\\" in path:
        return None
    parts = [p for p in posixpath.normpath("/" + path).split("/") if p]
    if any(p in ("..", ".") or p.startswith(".") for p in parts):
        return None
    target = root.joinpath(*parts) if parts else root
    if target.is_dir():
        target = target / "index.html"
    try:
        real = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not real.is_relative_to(root) or not real.is_file():
        return None
    return real


class _Refused(Exception):
    """A request turned away: the status and message to answer it with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "selfeval-review"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the terminal is the user's
        pass

    # -- helpers --------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
            "'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        )
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode(), "text/plain; charset=utf-8")

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode(), "application/json")

    def _host_ok(self) -> bool:
        return self.headers.get("Host", "") in self.server.allowed_hosts()

    def _marks(self) -> list[dict[str, Any]]:
        return review.with_staleness(review.load_marks(self.server.out), self.server.known)

    # -- methods --------------------------------------------------------------------------

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if not self._host_ok():
            return self._error(HTTPStatus.FORBIDDEN, "unknown host")
        try:
            path = urlsplit(self.path).path
        except ValueError:
            return self._error(HTTPStatus.BAD_REQUEST, "bad request")
        if path == "/api/marks":
            return self._json(HTTPStatus.OK, {"marks": self._marks()})
        if path == "/" + review.CSV_NAME:
            with self.server.lock:
                review.export_csv(self.server.out, self._marks())
            body = (self.server.out / review.CSV_NAME).read_bytes()
            return self._send(HTTPStatus.OK, body, "text/csv; charset=utf-8")
        try:
            target = resolve(self.server.root, path)
        except UnicodeDecodeError:
            target = None
        if target is None:
            return self._error(HTTPStatus.NOT_FOUND, "not found")
        kind = _TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0]
        kind = kind or "application/octet-stream"
        if kind.startswith("text/"):
            kind += "; charset=utf-8"
        self._send(HTTPStatus.OK, target.read_bytes(), kind)

    def _check_post(self) -> None:
        """Host, Origin, path and Content-Type of a POST; raises _Refused."""
        if not self._host_ok():
            raise _Refused(HTTPStatus.FORBIDDEN, "unknown host")
        origin = self.headers.get("Origin")
        if origin is not None and origin.removeprefix("http://") not in self.server.allowed_hosts():
            raise _Refused(HTTPStatus.FORBIDDEN, "marks come from this server's pages only")
        if urlsplit(self.path).path != "/api/marks":
            raise _Refused(HTTPStatus.NOT_FOUND, "not found")
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            raise _Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON")

    def _read_object(self) -> dict[str, Any]:
        """The request body as a JSON object; raises _Refused."""
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            raise _Refused(HTTPStatus.BAD_REQUEST, "body missing or too large")
        try:
            data = json.loads(self.rfile.read(length))
        except ValueError:
            raise _Refused(HTTPStatus.BAD_REQUEST, "body is not JSON") from None
        if not isinstance(data, dict):
            raise _Refused(HTTPStatus.BAD_REQUEST, "body must be a JSON object")
        return data

    def _check_mark(self, data: dict[str, Any]) -> tuple[str, int, str]:
        """The input, form and target a mark names, each known; raises _Refused."""
        input_path = data.get("input")
        if not isinstance(input_path, str):
            raise _Refused(HTTPStatus.BAD_REQUEST, "unknown input")
        if self.server.known.get(input_path) != data.get("sha256"):
            with self.server.lock:  # extract may have run again since the server started
                self.server.reload()
        if input_path not in self.server.known:
            raise _Refused(HTTPStatus.BAD_REQUEST, "unknown input")
        if data.get("sha256") != self.server.known[input_path]:
            raise _Refused(HTTPStatus.CONFLICT, "the file has changed: reload the report")
        form, target = data.get("form"), data.get("target")
        if not isinstance(form, int) or not 0 <= form < self.server.n_forms[input_path]:
            raise _Refused(HTTPStatus.BAD_REQUEST, "no such form in that input")
        if not isinstance(target, str) or not (target == "form" or target.startswith("finding:")):
            raise _Refused(HTTPStatus.BAD_REQUEST, "target is 'form' or 'finding:...'")
        return input_path, form, target

    def do_POST(self) -> None:
        try:
            self._check_post()
            data = self._read_object()
            input_path, form, target = self._check_mark(data)
        except _Refused as refused:
            return self._error(refused.status, refused.message)
        try:
            with self.server.lock:
                mark = review.add_mark(
                    self.server.out,
                    input=input_path,
                    sha256=data["sha256"],
                    form=form,
                    target=target,
                    verdict=data.get("verdict"),
                    note=data.get("note") or "",
                )
                write_marks(self.server.out, self.server.known)
        except review.MarkError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc))
        self._json(HTTPStatus.CREATED, {"mark": mark})


def make_server(out: str | Path, port: int = 0) -> ReviewServer:
    """A server for ``out`` on 127.0.0.1 (``port`` 0: any free port), not started yet."""
    return ReviewServer(Path(out), port)
