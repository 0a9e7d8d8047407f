"""The web page's ASGI application (Starlette): routes that call the pipeline, the store and the
exporters, and pages rendered on the server from Jinja templates that escape every text.

Safe by default: an access token when the server listens beyond this machine, a check of the
Host header against DNS rebinding on loopback, a form token and an Origin check on every POST,
uploads limited in size and read in worker processes, and a Content-Security-Policy that lets
the page run only its own script and style.
"""

from __future__ import annotations

import hmac
import re
import secrets
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from actionplan import export, ingest
from actionplan.normalise import Settings

from ..diff import compare, word_diff
from ..validate import where
from . import views
from .reading import Upload, read_uploads
from .store import Plan, Store

HERE = Path(__file__).parent
SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: files in one upload; with the size limit per file this bounds one request
MAX_FILES = 20
TOKEN_COOKIE = "actionplan_token"
MEDIA = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
NO_PLAN = "No such plan: it may have been forgotten."
OUT_OF_DATE = "The form is out of date: reload the page."
CSP = ("default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


@dataclass
class WebConfig:
    """Everything the application needs, checked by the command that starts it."""

    db: Path
    settings: Settings = field(default_factory=Settings)
    options: ingest.ReadOptions = field(default_factory=ingest.ReadOptions)
    max_bytes: int = 50_000_000
    #: seconds one file may take in its worker
    timeout: float = 120.0
    keep_files: bool = False
    #: required on every request when set (always when the server listens beyond loopback)
    token: str | None = None
    #: Host header names accepted (None: any); on loopback, the loopback names
    allowed_hosts: frozenset[str] | None = None
    #: the form token of this server's forms (CSRF)
    form_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(advice=views.advice, where=lambda f: where(f, ", "),
                       status_label=views.STATUS_NAMES.get, word_diff=word_diff)
    return env


def download_name(name: str) -> str:
    """A file name safe in a Content-Disposition header: letters, digits, `_`, `.` and `-`."""
    path = Path(name)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-.") or "plan"
    suffix = re.sub(r"[^A-Za-z0-9]+", "", path.suffix)
    return f"{stem}.{suffix}" if suffix else stem


class BodyLimit:
    """Stops reading a request body past `limit` bytes, whether or not it declared its length
    (a chunked upload): the request ends as 413 instead of filling the disk."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        read = 0

        async def limited() -> Any:
            nonlocal read
            message = await receive()
            read += len(message.get("body", b""))
            if read > self.limit:
                raise HTTPException(413, f"Too much at once: at most {self.limit:,} bytes in one upload.")
            return message

        await self.app(scope, limited, send)


class Guard(BaseHTTPMiddleware):
    """Access token, Host and Origin checks, and security headers on every response."""

    def __init__(self, app: Any, config: WebConfig) -> None:
        super().__init__(app)
        self.config = config

    async def dispatch(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
                       ) -> Response:
        refused = self.refusal(request)
        if refused:
            response: Response = HTMLResponse(f"<!doctype html><title>Refused</title><p>{refused}</p>",
                                              status_code=403)
        else:
            response = await call_next(request)
        given = request.query_params.get("token")
        if self.config.token and given and hmac.compare_digest(given, self.config.token) and not refused:
            response.set_cookie(TOKEN_COOKIE, self.config.token, httponly=True, samesite="strict")
        response.headers.update({"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                                 "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"})
        return response

    def refusal(self, request: Request) -> str | None:
        """Why the request is refused (plain text, no document content), or None."""
        hosts = self.config.allowed_hosts
        host = (request.headers.get("host") or "").rsplit(":", 1)[0].strip("[]").lower()
        if hosts is not None and host not in hosts:
            return "This server answers only to its own address."
        token = self.config.token
        if token:
            given = request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
            if not hmac.compare_digest(given.encode(), token.encode()):
                return "Open the address with the token printed when the server started."
        if request.method == "POST":
            origin = request.headers.get("origin")
            if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
                return "A form from another site cannot change this page's plans."
        return None


class Pages:
    """The endpoints, sharing one store, one template environment and the configuration."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.store = Store(config.db)
        self.env = environment()

    def page(self, name: str, request: Request, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(request=request, form_token=self.config.form_token,
                                                  max_mb=self.config.max_bytes / 1_000_000, **context)
        return HTMLResponse(html, status_code=status_code)

    def form_ok(self, form: Any) -> bool:
        given = str(form.get("form_token", "")).encode()
        return hmac.compare_digest(given, self.config.form_token.encode())

    def plan_or_404(self, sha: str) -> Plan | None:
        return self.store.get(sha) if SHA256.match(sha) else None

    def index(self, request: Request) -> Response:
        return self.page("index.html", request, plans=self.store.plans())

    async def upload(self, request: Request) -> Response:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.config.max_bytes * MAX_FILES + 1_000_000:
            return self.page("error.html", request, 413,
                             message=f"Too much at once: at most {MAX_FILES} files of "
                                     f"{self.config.max_bytes / 1_000_000:g} MB each.")
        async with request.form(max_files=MAX_FILES, max_fields=20) as form:
            if not self.form_ok(form):
                return self.page("error.html", request, 403, message=OUT_OF_DATE)
            uploads = []
            for item in form.getlist("plans"):
                if isinstance(item, UploadFile) and item.filename:
                    uploads.append(Upload(item.filename, await item.read(self.config.max_bytes + 1)))
            compare_with = str(form.get("compare_with", ""))
        if not uploads:
            return self.page("error.html", request, 400, message="Choose or drop at least one plan.")
        config = self.config
        outcomes = await run_in_threadpool(read_uploads, uploads, config.settings, config.options,
                                           config.timeout, config.max_bytes, config.keep_files)
        for outcome in outcomes:
            if outcome.plan:
                self.store.save(outcome.plan, outcome.pages, outcome.data)
        read = [o for o in outcomes if o.plan]
        if len(outcomes) == 1 and read:
            sha = read[0].plan.sha256 if read[0].plan else ""
            if SHA256.match(compare_with) and compare_with != sha:
                return RedirectResponse(f"/compare?old={sha}&new={compare_with}", status_code=303)
            return RedirectResponse(f"/plan/{sha}", status_code=303)
        return self.page("results.html", request, 200 if read else 422, outcomes=outcomes)

    def plan_page(self, request: Request) -> Response:
        plan = self.plan_or_404(request.path_params["sha"])
        if plan is None:
            return self.page("error.html", request, 404, message=NO_PLAN)
        findings = views.findings_today(plan, self.config.settings)
        rows = views.table_rows(plan, findings)
        filters = views.Filters.of(request.query_params)
        shown = filters.apply(rows)
        themes = sorted({r.theme for r in plan.records if r.theme})
        others = [p for p in self.store.plans() if p.sha256 != plan.sha256]
        day = plan.updated.isoformat() if plan.updated else ""
        earlier = next((p.sha256 for p in others if p.updated and p.updated < day), None)
        return self.page("plan.html", request, plan=plan, findings=findings,
                         groups=views.by_severity(findings, rows), rows=shown, total=len(rows),
                         filters=filters, themes=themes, codes=views.finding_codes(findings),
                         statuses=views.STATUS_NAMES, status_bars=views.status_bars(plan.records),
                         rag_bars=views.rag_bars(plan.records),
                         pages=set(self.store.pages(plan.sha256)), others=others,
                         earlier=earlier, kept=self.store.has_file(plan.sha256))

    def download(self, request: Request) -> Response:
        plan = self.plan_or_404(request.path_params["sha"])
        fmt = request.path_params["fmt"]
        if plan is None or fmt not in MEDIA:
            return self.page("error.html", request, 404, message="No such download.")
        rows = views.table_rows(plan, views.findings_today(plan, self.config.settings))
        records = [row.record for row in views.Filters.of(request.query_params).apply(rows)]
        with tempfile.TemporaryDirectory(prefix="actionplan-download-") as folder:
            path = Path(folder) / f"actions.{fmt}"
            export.FORMATS[fmt].write(records, path)
            data = path.read_bytes()
        stem = Path(download_name(plan.name)).stem
        return Response(data, media_type=MEDIA[fmt], headers={
            "Content-Disposition": f'attachment; filename="{stem}-actions.{fmt}"'})

    def original(self, request: Request) -> Response:
        """The uploaded file as it was, when the server keeps files (`--keep-files`)."""
        sha = request.path_params["sha"]
        plan = self.plan_or_404(sha)
        data = self.store.file(sha) if plan else None
        if plan is None or data is None:
            return self.page("error.html", request, 404, message="The file itself was not kept.")
        return Response(data, media_type="application/octet-stream", headers={
            "Content-Disposition": f'attachment; filename="{download_name(plan.name)}"'})

    def page_view(self, request: Request) -> Response:
        """A page's picture with a text alternative and a way back, for the links in the table."""
        plan, number = self.plan_or_404(request.path_params["sha"]), request.path_params["page"]
        pages = self.store.pages(plan.sha256) if plan else []
        if plan is None or number not in pages:
            return self.page("error.html", request, 404, message="No picture of that page.")
        rows = [str(r.row) for r in plan.records if r.page == number]
        return self.page("page.html", request, plan=plan, number=number, pages=pages, rows=rows)

    def picture(self, request: Request) -> Response:
        sha, number = request.path_params["sha"], request.path_params["page"]
        png = self.store.page(sha, number) if SHA256.match(sha) else None
        if png is None:
            return self.page("error.html", request, 404, message="No picture of that page.")
        return Response(png, media_type="image/png")

    async def forget(self, request: Request) -> Response:
        async with request.form(max_files=0, max_fields=5) as form:
            if not self.form_ok(form):
                return self.page("error.html", request, 403, message=OUT_OF_DATE)
        sha = request.path_params["sha"]
        if not (SHA256.match(sha) and self.store.forget(sha)):
            return self.page("error.html", request, 404, message=NO_PLAN)
        return RedirectResponse("/?forgotten=1", status_code=303)

    def comparison(self, request: Request) -> Response:
        old = self.plan_or_404(request.query_params.get("old", ""))
        new = self.plan_or_404(request.query_params.get("new", ""))
        if old is None or new is None:
            return self.page("error.html", request, 404, message="Choose two plans kept here to compare.")
        try:
            as_of = date.fromisoformat(request.query_params.get("as_of", ""))
        except ValueError:
            as_of = None  # the later plan's own update date, as `actionplan diff` judges it
        result = compare(old.records, new.records, as_of)
        return self.page("compare.html", request, old=old, new=new, comparison=result,
                         counts=result.counts(), groups=views.comparison_groups(result))


def create_app(config: WebConfig) -> Starlette:
    """The application for one store and one set of reading settings."""
    pages = Pages(config)
    routes = [
        Route("/", pages.index),
        Route("/upload", pages.upload, methods=["POST"]),
        Route("/plan/{sha}", pages.plan_page),
        Route("/plan/{sha}/actions.{fmt}", pages.download),
        Route("/plan/{sha}/page/{page:int}.png", pages.picture),
        Route("/plan/{sha}/page/{page:int}", pages.page_view),
        Route("/plan/{sha}/original", pages.original),
        Route("/plan/{sha}/forget", pages.forget, methods=["POST"]),
        Route("/compare", pages.comparison),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    limit = config.max_bytes * MAX_FILES + 1_000_000
    app = Starlette(routes=routes, middleware=[Middleware(Guard, config=config),
                                               Middleware(BodyLimit, limit=limit)])
    app.state.config = config
    app.state.store = pages.store
    return app
