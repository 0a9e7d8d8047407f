"""`actionplan serve`: a web page on the author's own machine to read a draft plan, see its
actions and what to fix, and compare it with last quarter's, with the same pipeline as the
command line. Needs the `serve` extra: `pip install 'actionplan[serve]'`."""

from __future__ import annotations

import ipaddress
import secrets
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from actionplan import ingest
from actionplan.normalise import Settings

if TYPE_CHECKING:
    from .app import WebConfig

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


class ServeError(Exception):
    """The server cannot start: the extra is missing, or the options do not fit together."""


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False
    db: Path | None = None
    keep_files: bool = False
    token: str | None = None
    max_mb: float = 50.0
    timeout: float = 120.0


def is_loopback(host: str) -> bool:
    """Only this machine can reach the address (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def web_config(serve: ServeOptions, settings: Settings, options: ingest.ReadOptions) -> WebConfig:
    """The application's configuration: a token whenever the server listens beyond loopback
    (the one given, else a new one), and on loopback only the loopback names as Host."""
    try:
        from .app import WebConfig
        from .store import default_path
    except ImportError as exc:
        raise ServeError(f"the web page needs its extra ({exc.name} is missing): "
                         "pip install 'actionplan[serve]'") from None
    loopback = is_loopback(serve.host)
    token = serve.token or (None if loopback else secrets.token_urlsafe(24))
    hosts = LOOPBACK_NAMES | {serve.host.lower()} if loopback else None
    return WebConfig(db=serve.db or default_path(), settings=settings, options=options,
                     max_bytes=int(serve.max_mb * 1_000_000), timeout=serve.timeout,
                     keep_files=serve.keep_files, token=token,
                     allowed_hosts=frozenset(hosts) if hosts else None)


def serve(serve_options: ServeOptions, settings: Settings, options: ingest.ReadOptions,
          announce: Callable[[str], None] = print) -> None:
    """Run the web page until stopped (Ctrl-C); `announce` is told its address and database."""
    config = web_config(serve_options, settings, options)
    import uvicorn

    from .app import create_app

    app = create_app(config)
    host = f"[{serve_options.host}]" if ":" in serve_options.host else serve_options.host
    url = f"http://{host}:{serve_options.port}/" + (f"?token={config.token}" if config.token else "")
    announce(f"actionplan: plans kept in {config.db}")
    announce(f"actionplan: open {url}  (Ctrl-C stops the server)")
    if serve_options.open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=serve_options.host, port=serve_options.port, log_level="warning")
