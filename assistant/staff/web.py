"""The ``/staff`` console: server-rendered FastAPI pages behind a login.

Why not Gradio: every Gradio app exposes its own API routes (``/gradio_api/...``,
queue, upload, file) that would each need the same session and CSRF checks, and
its state-changing calls are JavaScript fetches rather than forms. Plain pages
with forms have one small set of routes, each guarded by one dependency, work
without JavaScript, and are tested with an ordinary HTTP client (docs/staff.md).

Sessions are Starlette's signed cookie (itsdangerous), HttpOnly, SameSite=Strict,
Secure in production, scoped to ``/staff``, expiring after
``staff_session_minutes`` (checked on the server too, from the login time in
the signed cookie). Every POST carries the session's CSRF token. Each request
re-reads the account, so disabling it or changing its role takes effect at once.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.middleware.sessions import SessionMiddleware

from ..config import Settings
from ..conversations import ROUTES, ConversationStore
from ..conversations.approved import ApprovedAnswers, ChunkLookup
from ..errors import ApprovedAnswerError, UnknownApprovedAnswer, UnknownConversation, UnknownMessage
from ..schema import ApprovedAnswer
from . import approving, trends
from .accounts import StaffAccount, StaffAccounts
from .review import (
    FEEDBACK_FILTERS,
    REASON_KINDS,
    STATUSES,
    VERDICTS,
    QueueFilter,
    ReviewDesk,
    ReviewError,
)
from .suite_cases import append_case, build_case
from .throttle import FailureThrottle

log = logging.getLogger(__name__)

STAFF_PATH = "/staff"
SESSION_COOKIE = "staff_session"
PAGE_SIZE = 50


class NotAuthenticated(Exception):
    """No valid staff session: pages redirect to the login, other requests get 401."""


class Forbidden(Exception):
    """Logged in, but the role or the CSRF token does not allow this request."""


@dataclass(frozen=True)
class StaffContext:
    account: StaffAccount
    csrf: str


@dataclass(frozen=True)
class _Guard:
    accounts: StaffAccounts
    ttl_s: int
    clock: Callable[[], float]


def csrf_token(request: Request) -> str:
    """This session's CSRF token (made on first use, also for the login form)."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def staff(request: Request) -> StaffContext:
    """The logged-in staff member, or NotAuthenticated."""
    guard: _Guard = request.app.state.guard
    session = request.session
    name, login_at = session.get("name"), session.get("login_at")
    if not isinstance(name, str) or not isinstance(login_at, int | float):
        raise NotAuthenticated
    if not 0 <= guard.clock() - login_at < guard.ttl_s:
        session.clear()
        raise NotAuthenticated
    account = guard.accounts.get(name)
    if account is None or account.disabled:
        session.clear()
        raise NotAuthenticated
    return StaffContext(account, csrf_token(request))


async def checked(request: Request, ctx: Annotated[StaffContext, Depends(staff)]) -> StaffContext:
    """A logged-in POST carrying this session's CSRF token."""
    form = await request.form()
    sent = form.get("csrf_token")
    if not isinstance(sent, str) or not hmac.compare_digest(sent, ctx.csrf):
        raise Forbidden("the form is out of date; reload the page and try again")
    return ctx


def admin(ctx: Annotated[StaffContext, Depends(staff)]) -> StaffContext:
    if not ctx.account.is_admin:
        raise Forbidden("only admins may do this")
    return ctx


def checked_admin(ctx: Annotated[StaffContext, Depends(checked)]) -> StaffContext:
    """An admin's POST carrying this session's CSRF token."""
    return admin(ctx)


Staff = Annotated[StaffContext, Depends(staff)]
Checked = Annotated[StaffContext, Depends(checked)]
Admin = Annotated[StaffContext, Depends(admin)]
CheckedAdmin = Annotated[StaffContext, Depends(checked_admin)]


def _templates() -> Jinja2Templates:
    folder = resources.files("assistant.staff").joinpath("templates")
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = lambda d: "" if d is None else d.strftime("%Y-%m-%d %H:%M UTC")
    return Jinja2Templates(env=env)


def _secret(settings: Settings) -> str:
    if settings.staff_session_secret is not None:
        return settings.staff_session_secret.get_secret_value()
    log.warning(
        "ASSISTANT_STAFF_SESSION_SECRET is not set: staff sessions end when the app restarts"
    )
    return secrets.token_urlsafe(32)


def build_staff_app(
    settings: Settings,
    store: ConversationStore,
    *,
    clock: Callable[[], float] = time.time,
    chunks: ChunkLookup | None = None,
) -> FastAPI:
    """The console as its own ASGI app, to be mounted at ``/staff``.

    ``chunks`` reads stored corpus passages by id (``VectorStore.get_chunks``):
    approved answers quote them, and without it they cannot be approved.
    """
    accounts = StaffAccounts(store)
    desk = ReviewDesk(store)
    approved = ApprovedAnswers(store, chunks)
    ttl_s = settings.staff_session_minutes * 60
    throttle = FailureThrottle(
        settings.staff_login_failures_per_account,
        settings.staff_login_failures_per_client,
        settings.staff_login_window_minutes * 60,
        clock=clock,
    )
    templates = _templates()
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.desk = desk
    app.state.throttle = throttle
    app.state.guard = _Guard(accounts, ttl_s, clock)

    def render(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
        values.setdefault("base", STAFF_PATH)
        response = templates.TemplateResponse(request, name, values, status_code=status)
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.exception_handler(NotAuthenticated)
    async def _login_first(request: Request, _: NotAuthenticated) -> Response:
        if request.method in ("GET", "HEAD"):
            return RedirectResponse(f"{STAFF_PATH}/login", status_code=303)
        return Response("login required", status_code=401, media_type="text/plain")

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        return render(request, "error.html", 403, message=str(exc), ctx=None)

    @app.exception_handler(ReviewError)
    @app.exception_handler(ApprovedAnswerError)
    async def _bad_input(request: Request, exc: ReviewError) -> Response:
        return render(request, "error.html", 400, message=str(exc), ctx=None)

    @app.exception_handler(UnknownConversation)
    @app.exception_handler(UnknownMessage)
    @app.exception_handler(UnknownApprovedAnswer)
    async def _missing(request: Request, exc: Exception) -> Response:
        return render(request, "error.html", 404, message=str(exc), ctx=None)

    # Login

    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> HTMLResponse:
        return render(request, "login.html", csrf=csrf_token(request), error=None)

    @app.post("/login", response_class=HTMLResponse)
    def login(
        request: Request,
        name: Annotated[str, Form(max_length=64)] = "",
        password: Annotated[str, Form(max_length=1024)] = "",
        csrf_token_field: Annotated[str, Form(alias="csrf_token")] = "",
    ) -> Response:
        expected = request.session.get("csrf")
        if not isinstance(expected, str) or not hmac.compare_digest(csrf_token_field, expected):
            return render(request, "login.html", 403, csrf=csrf_token(request), error="csrf")
        client = request.client.host if request.client else "unknown"
        name = name.strip().lower()
        wait = throttle.wait_s(name, client)
        if wait:
            known = accounts.get(name) is not None
            desk.audit(name if known else "(unknown name)", "login_throttled")
            response = render(request, "login.html", 429, csrf=expected, error="throttled")
            response.headers["Retry-After"] = str(int(wait) + 1)
            return response
        account = accounts.authenticate(name, password)
        if account is None:
            throttle.failed(name, client)
            # Only a real account's name is recorded: a mistyped name may be a password.
            known = accounts.get(name) is not None
            desk.audit(name if known else "(unknown name)", "login_failed")
            return render(request, "login.html", 401, csrf=expected, error="wrong")
        throttle.succeeded(name)
        request.session.clear()
        request.session.update(
            {"name": account.name, "login_at": clock(), "csrf": secrets.token_urlsafe(32)}
        )
        desk.audit(account.name, "login")
        return RedirectResponse(f"{STAFF_PATH}/", status_code=303)

    @app.post("/logout")
    def logout(request: Request, ctx: Checked) -> Response:
        desk.audit(ctx.account.name, "logout")
        request.session.clear()
        return RedirectResponse(f"{STAFF_PATH}/login", status_code=303)

    # The queue

    @app.get("/", response_class=HTMLResponse)
    def queue(request: Request, ctx: Staff, page: int = 1) -> HTMLResponse:
        f = QueueFilter.parse(dict(request.query_params))
        page = max(page, 1)
        rows = desk.queue(f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        return render(
            request,
            "queue.html",
            ctx=ctx,
            rows=rows,
            filters=f,
            query=f.query(),
            total=desk.count(f),
            counts=desk.reason_counts(f),
            page=page,
            page_size=PAGE_SIZE,
            reasons=REASON_KINDS,
            routes=sorted(ROUTES),
            statuses=STATUSES,
            feedbacks=FEEDBACK_FILTERS,
            staff_names=[a.name for a in accounts.list() if not a.disabled],
        )

    @app.get("/export.jsonl")
    def export_jsonl(request: Request, ctx: Admin) -> Response:
        f = QueueFilter.parse(dict(request.query_params))
        body = desk.export_jsonl(f)
        desk.audit(ctx.account.name, "export", "jsonl", filters=f.query(), rows=body.count("\n"))
        return _download(body, "application/x-ndjson", "jsonl")

    @app.get("/export.csv")
    def export_csv(request: Request, ctx: Admin) -> Response:
        f = QueueFilter.parse(dict(request.query_params))
        body = desk.export_csv(f)
        rows = max(body.count("\n") - 1, 0)
        desk.audit(ctx.account.name, "export", "csv", filters=f.query(), rows=rows)
        return _download(body, "text/csv; charset=utf-8", "csv")

    # One conversation

    @app.get("/c/{conversation_id}", response_class=HTMLResponse)
    def conversation(request: Request, conversation_id: str, ctx: Staff) -> HTMLResponse:
        detail = desk.conversation(conversation_id)
        desk.audit(ctx.account.name, "view", conversation_id)
        return render(
            request,
            "conversation.html",
            ctx=ctx,
            detail=detail,
            state=desk.state(conversation_id),
            verdicts=desk.verdicts(conversation_id),
            scores=_scores(detail),
            statuses=STATUSES,
            verdict_kinds=VERDICTS,
            routes=sorted(r for r in ROUTES if r != "error"),
            staff_names=[a.name for a in accounts.list() if not a.disabled],
            notice=request.query_params.get("done"),
        )

    @app.post("/c/{conversation_id}/review")
    def review(
        conversation_id: str,
        ctx: Checked,
        status: Annotated[str, Form()] = "",
        assignee: Annotated[str, Form()] = "",
        notes: Annotated[str | None, Form()] = None,
    ) -> Response:
        state = desk.update(
            conversation_id,
            ctx.account.name,
            status=status or None,
            assignee=assignee or None,
            clear_assignee=not assignee,
            notes=notes,
        )
        desk.audit(
            ctx.account.name,
            "review",
            conversation_id,
            status=state["status"],
            assignee=state["assignee"],
            notes_changed=notes is not None,
        )
        return RedirectResponse(f"{STAFF_PATH}/c/{conversation_id}?done=review", status_code=303)

    @app.post("/c/{conversation_id}/verdict")
    def verdict(
        conversation_id: str,
        ctx: Checked,
        message_id: Annotated[int, Form()],
        verdict: Annotated[str, Form()],
        right_route: Annotated[str, Form()] = "",
        comment: Annotated[str, Form()] = "",
    ) -> Response:
        record = desk.set_verdict(
            conversation_id,
            message_id,
            ctx.account.name,
            verdict,
            right_route=right_route,
            comment=comment,
        )
        desk.audit(
            ctx.account.name,
            "verdict",
            conversation_id,
            message_id=message_id,
            verdict=record["verdict"],
            right_route=record["right_route"],
        )
        return RedirectResponse(
            f"{STAFF_PATH}/c/{conversation_id}?done=verdict#m{message_id}", status_code=303
        )

    @app.post("/c/{conversation_id}/suite")
    def add_to_suite(
        conversation_id: str,
        ctx: Checked,
        message_id: Annotated[int, Form()],
        gold: Annotated[list[int] | None, Form()] = None,
    ) -> Response:
        detail = desk.conversation(conversation_id)
        case = build_case(
            detail,
            message_id,
            desk.verdicts(conversation_id).get(message_id),
            gold or [],
            ctx.account.name,
        )
        append_case(settings.review_suite, case)
        desk.audit(
            ctx.account.name,
            "add_to_suite",
            conversation_id,
            message_id=message_id,
            case_id=case["id"],
            suite=settings.review_suite.name,
        )
        return RedirectResponse(
            f"{STAFF_PATH}/c/{conversation_id}?done=suite#m{message_id}", status_code=303
        )

    # Approved answers (admins approve, edit and retire; everyone can read them)

    @app.get("/approved", response_class=HTMLResponse)
    def approved_list(request: Request, ctx: Staff) -> HTMLResponse:
        return render(
            request,
            "approved_list.html",
            ctx=ctx,
            answers=approved.latest_all(),
            threshold=settings.approved_answer_threshold,
        )

    @app.get("/approved/new", response_class=HTMLResponse)
    def approved_new(
        request: Request,
        ctx: Admin,
        conversation_id: str = "",
        message_id: int | None = None,
    ) -> HTMLResponse:
        questions: list[str] = []
        chunk_ids: list[str] = []
        if conversation_id and message_id is not None:
            detail = desk.conversation(conversation_id)
            questions, chunk_ids = approving.from_answer(detail, message_id)
        return render(
            request,
            "approved_form.html",
            ctx=ctx,
            answer=None,
            questions="\n".join(questions),
            lead="",
            candidates=approving.candidates(chunks, chunk_ids),
            picked=set(),
            extra="",
            source=conversation_id,
        )

    @app.post("/approved")
    def approved_create(
        ctx: CheckedAdmin,
        questions: Annotated[str, Form(max_length=20_000)] = "",
        lead: Annotated[str, Form(max_length=5_000)] = "",
        quote: Annotated[list[str] | None, Form()] = None,
        extra_quotes: Annotated[str, Form(max_length=20_000)] = "",
        source: Annotated[str, Form(max_length=64)] = "",
    ) -> Response:
        form = approving.lines(questions), lead, approving.quotes(quote or [], extra_quotes)
        answer = approved.create(*form, ctx.account.name)
        return saved(ctx, "approve_answer", answer, conversation=source or None)

    def saved(ctx: StaffContext, action: str, answer: ApprovedAnswer, **detail: Any) -> Response:
        """Audit an approve or edit (ids and counts only, never text); show the answer."""
        desk.audit(
            ctx.account.name,
            action,
            f"approved:{answer.answer_id}",
            version=answer.version,
            quotes=len(answer.quotes),
            questions=len(answer.questions),
            **detail,
        )
        return RedirectResponse(
            f"{STAFF_PATH}/approved/{answer.answer_id}?done=saved", status_code=303
        )

    @app.get("/approved/{answer_id}", response_class=HTMLResponse)
    def approved_page(request: Request, answer_id: int, ctx: Staff) -> HTMLResponse:
        versions = approved.versions(answer_id)
        latest = versions[-1]
        picked = {approving.quote_value(q) for q in latest.quotes}
        return render(
            request,
            "approved_form.html",
            ctx=ctx,
            answer=latest,
            versions=list(reversed(versions)),
            questions="\n".join(latest.questions),
            lead=latest.lead,
            candidates=approving.candidates(chunks, [q.chunk_id for q in latest.quotes]),
            picked=picked,
            extra="",
            source="",
            notice=request.query_params.get("done"),
        )

    @app.post("/approved/{answer_id}/edit")
    def approved_edit(
        answer_id: int,
        ctx: CheckedAdmin,
        questions: Annotated[str, Form(max_length=20_000)] = "",
        lead: Annotated[str, Form(max_length=5_000)] = "",
        quote: Annotated[list[str] | None, Form()] = None,
        extra_quotes: Annotated[str, Form(max_length=20_000)] = "",
    ) -> Response:
        form = approving.lines(questions), lead, approving.quotes(quote or [], extra_quotes)
        answer = approved.edit(answer_id, *form, ctx.account.name)
        return saved(ctx, "edit_approved_answer", answer)

    @app.post("/approved/{answer_id}/retire")
    def approved_retire(answer_id: int, ctx: CheckedAdmin) -> Response:
        answer = approved.retire(answer_id, ctx.account.name)
        desk.audit(
            ctx.account.name,
            "retire_approved_answer",
            f"approved:{answer_id}",
            version=answer.version,
        )
        return RedirectResponse(f"{STAFF_PATH}/approved/{answer_id}?done=retired", status_code=303)

    # Trends

    @app.get("/trends", response_class=HTMLResponse)
    def trends_page(request: Request, ctx: Staff, days: int = 30) -> HTMLResponse:
        if not 1 <= days <= 366:
            raise ReviewError("days must be between 1 and 366")
        t = trends.compute(store, days)
        feedback = {d: t.rated.get(d, 0) / n for d, n in t.answers.items() if n}
        unknown = {d: t.unknown.get(d, 0) / n for d, n in t.answers.items() if n}
        return render(
            request,
            "trends.html",
            ctx=ctx,
            t=t,
            days=days,
            conversations_chart=trends.stacked_bars(
                "Conversations per day by route", t.days, t.conversations, trends.ROUTE_COLOURS
            ),
            flags_chart=trends.stacked_bars(
                "Flags per day by reason", t.days, t.flags, trends.KIND_COLOURS
            ),
            feedback_chart=trends.share_bars(
                "Share of answers with feedback per day", t.days, feedback, "#db2777"
            ),
            unknown_chart=trends.share_bars(
                "Share of unknown replies per day", t.days, unknown, "#ca8a04"
            ),
        )

    # Audit log

    @app.get("/audit", response_class=HTMLResponse)
    def audit(request: Request, ctx: Admin) -> HTMLResponse:
        desk.audit(ctx.account.name, "view_audit")
        return render(request, "audit.html", ctx=ctx, entries=desk.audit_log())

    app.add_middleware(
        SessionMiddleware,
        secret_key=_secret(settings),
        session_cookie=SESSION_COOKIE,
        max_age=ttl_s,
        path=STAFF_PATH,
        same_site="strict",
        https_only=settings.environment == "production",
    )
    return app


def _download(body: str, media_type: str, suffix: str) -> Response:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="flagged-{stamp}.{suffix}"',
            "Cache-Control": "no-store",
        },
    )


def _scores(detail: Any) -> dict[int, dict[str, dict[str, Any]]]:
    """Per assistant message: retrieval scores by chunk id, for the passages it cited."""
    out: dict[int, dict[str, dict[str, Any]]] = {}
    for m in detail["messages"]:
        retrieval = m["retrieval"] if isinstance(m["retrieval"], dict) else {}
        passages = retrieval.get("passages") or []
        out[m["id"]] = {str(p.get("chunk_id")): p for p in passages if isinstance(p, dict)}
    return out
