"""The sign-in pages, in the handbook's order, and the person's own profile.

Handbook 2023/24, Practicalities, "NCETM Axis – events": "Click Login and then enter your
email address and press Continue. You will be prompted to re-enter your email address
and then enter a verification code. Once verified, you can create a password and
continue." The state between pages lives in the session (FLOW), never in the URL.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mathshubs.accounts import forms, rules, services
from mathshubs.accounts.models import ApiToken, CodePurpose, User
from mathshubs.activities.selectors import activities_of
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Hub
from mathshubs.directory.rules import programme_year_for, staff_hub_ids

FLOW = "accounts_flow"
ACCOUNT_CREATED = "Your account has been created"
PASSWORD_CHANGED = "Your password has been changed"
NEW_CODE_SENT = "We have sent a new code. Codes sent before no longer work"
TOKEN_REVOKED = "The API token has been revoked"
SIGNED_OUT = "You have signed out"

# Each code flow: the URL names of its pages and the page words that differ.
CODE_FLOWS: dict[str, dict[str, str]] = {
    CodePurpose.CREATE_ACCOUNT: {
        "code_url": "accounts:create_code",
        "resend_url": "accounts:create_code_new",
        "password_url": "accounts:create_password",
        "start_url": "accounts:login",
        "password_heading": "Create a password",
    },
    CodePurpose.RESET_PASSWORD: {
        "code_url": "accounts:reset_code",
        "resend_url": "accounts:reset_code_new",
        "password_url": "accounts:reset_password",
        "start_url": "accounts:reset",
        "password_heading": "Create a new password",
    },
}


def _flow(request: HttpRequest) -> dict[str, Any]:
    return dict(request.session.get(FLOW) or {})


def _flow_save(request: HttpRequest, **values: Any) -> None:
    request.session[FLOW] = {**_flow(request), **values}


def _next_url(request: HttpRequest, candidate: str | None) -> str:
    """Only a URL on this site is followed after sign-in; anything else goes home."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return settings.LOGIN_REDIRECT_URL


def _sign_in(request: HttpRequest, user: User, message: str | None = None) -> HttpResponse:
    destination = _next_url(request, _flow(request).get("next"))
    request.session.pop(FLOW, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if message:
        messages.success(request, message)
    return redirect(destination)


def _verified(flow: dict[str, Any], purpose: str) -> bool:
    """A code for this purpose was accepted in this session, within the code's lifetime."""
    ttl = settings.VERIFICATION_CODE_TTL_MINUTES * 60
    at = flow.get("verified_at")
    return flow.get("purpose") == purpose and at is not None and time.time() - at < ttl


def _client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR only: no forwarded-for header is trusted (docs/accounts.md).
    return request.META.get("REMOTE_ADDR", "")


def _over_limit(request: HttpRequest, step: str, email: str) -> bool:
    """Count this attempt at a sign-in step; True when it is past a limit (ADR 0015)."""
    allowed = rules.signin_attempt_allowed(
        step=step, email=email, client_address=_client_address(request)
    )
    return not allowed


@never_cache
def login_start(request: HttpRequest) -> HttpResponse:
    """Login: enter your email address, Continue.

    Every address goes on to "Enter your password", which also offers "Create your
    account" for a first login: which page comes next never tells whether an account
    exists (ADR 0015).
    """
    form = forms.EmailForm(request.POST or None, initial={"email": _flow(request).get("email")})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if _over_limit(request, "email", email):
            form.add_error("email", services.TOO_MANY_ATTEMPTS)
        else:
            next_url = request.POST.get("next") or request.GET.get("next") or ""
            request.session[FLOW] = {"email": email, "next": next_url}
            return redirect("accounts:login_password")
    next_url = request.GET.get("next", "")
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@never_cache
def login_password(request: HttpRequest) -> HttpResponse:
    """Enter your password (an account already set up), or go on to create the account."""
    email = _flow(request).get("email")
    if not email:
        return redirect("accounts:login")
    form = forms.PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if _over_limit(request, "password", email):
                raise ValidationError(services.TOO_MANY_ATTEMPTS)
            user = services.login_check(email=email, password=form.cleaned_data["password"])
        except ValidationError as exc:
            form.add_error("password", exc.messages[0])
        else:
            return _sign_in(request, user)
    return render(request, "accounts/login_password.html", {"form": form, "email": email})


@never_cache
def create_start(request: HttpRequest) -> HttpResponse:
    """Create your account: re-enter your email address, then a code is sent."""
    email = _flow(request).get("email")
    if not email:
        return redirect("accounts:login")
    form = forms.ReenterEmailForm(request.POST or None, expected=email)
    if request.method == "POST" and form.is_valid():
        try:
            if _over_limit(request, "code_send", email):
                raise ValidationError(services.TOO_MANY_ATTEMPTS)
            services.verification_code_send(email=email, purpose=CodePurpose.CREATE_ACCOUNT)
        except ValidationError as exc:
            form.add_error("email", exc.messages[0])
        else:
            _flow_save(request, purpose=CodePurpose.CREATE_ACCOUNT, verified_at=None)
            return redirect("accounts:create_code")
    return render(request, "accounts/create_start.html", {"form": form})


@never_cache
def reset_start(request: HttpRequest) -> HttpResponse:
    """Forgotten your password: enter your email address, then a code is sent."""
    form = forms.EmailForm(request.POST or None, initial={"email": _flow(request).get("email")})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            if _over_limit(request, "code_send", email):
                raise ValidationError(services.TOO_MANY_ATTEMPTS)
            services.verification_code_send(email=email, purpose=CodePurpose.RESET_PASSWORD)
        except ValidationError as exc:
            form.add_error("email", exc.messages[0])
        else:
            _flow_save(request, email=email, purpose=CodePurpose.RESET_PASSWORD, verified_at=None)
            return redirect("accounts:reset_code")
    return render(request, "accounts/reset_start.html", {"form": form})


@never_cache
def code_check(request: HttpRequest, purpose: str) -> HttpResponse:
    """Check your email: enter the code (GOV.UK "Confirm an email address")."""
    flow, urls = _flow(request), CODE_FLOWS[purpose]
    if not flow.get("email") or flow.get("purpose") != purpose:
        return redirect(urls["start_url"])
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if _over_limit(request, "code_check", flow["email"]):
                raise ValidationError(services.TOO_MANY_ATTEMPTS)
            services.verification_code_check(
                email=flow["email"], purpose=purpose, code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            form.add_error("code", exc.messages[0])
        else:
            _flow_save(request, verified_at=time.time())
            return redirect(urls["password_url"])
    context = {"form": form, "email": flow["email"], "urls": urls, "purpose": purpose}
    context["ttl_minutes"] = settings.VERIFICATION_CODE_TTL_MINUTES
    return render(request, "accounts/code_check.html", context)


@never_cache
def code_resend(request: HttpRequest, purpose: str) -> HttpResponse:
    """Send a new code: replaces the codes sent before; limited per hour."""
    flow, urls = _flow(request), CODE_FLOWS[purpose]
    if not flow.get("email") or flow.get("purpose") != purpose:
        return redirect(urls["start_url"])
    error = None
    if request.method == "POST":
        try:
            if _over_limit(request, "code_send", flow["email"]):
                raise ValidationError(services.TOO_MANY_ATTEMPTS)
            services.verification_code_send(email=flow["email"], purpose=purpose)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.info(request, NEW_CODE_SENT)
            return redirect(urls["code_url"])
    context = {"email": flow["email"], "urls": urls, "error": error}
    return render(request, "accounts/code_resend.html", context)


@never_cache
def password_create(request: HttpRequest, purpose: str) -> HttpResponse:
    """Create a password: after a correct code, the account is created (or reset)."""
    flow, urls = _flow(request), CODE_FLOWS[purpose]
    if not _verified(flow, purpose):
        return redirect(urls["start_url"])
    email = flow["email"]
    form = forms.NewPasswordForm(request.POST or None, user=User(email=email))
    if request.method == "POST" and form.is_valid():
        create = purpose == CodePurpose.CREATE_ACCOUNT
        service = services.account_create if create else services.password_reset
        try:
            user = service(email=email, password=form.cleaned_data["password"])
        except ValidationError as exc:
            form.add_error("password", exc.messages[0])
        else:
            return _sign_in(request, user, ACCOUNT_CREATED if create else PASSWORD_CHANGED)
    context = {"form": form, "heading": urls["password_heading"], "email": email}
    return render(request, "accounts/password_create.html", context)


def home(request: HttpRequest) -> HttpResponse:
    """The front page; signed in, it shows your hub and this year's activities."""
    context: dict[str, Any] = {}
    person = getattr(request.user, "person", None) if request.user.is_authenticated else None
    if person is not None:
        from mathshubs.collaboration.visits import spaces_with_news
        from mathshubs.evaluation.timeline_views import due_for_lead  # builds on accounts

        year = programme_year_for(request.user)
        context = {
            "year": year,
            "year_label": academic_year_label(year),
            "activities": activities_of(person=person, year=year),
            "my_hub": person.institution.hub if person.institution else None,
            # Hub staff start their day from their hub's year: plan, journey, LLMEs, grants.
            "staff_hubs": list(
                Hub.objects.filter(pk__in=staff_hub_ids(request.user)).order_by("name")
            ),
            # An LLME's evaluation timeline: what is overdue and due this week.
            "evaluation_due": due_for_lead(person, year),
            # Their spaces with something new since they last looked.
            "spaces_news": spaces_with_news(request.user, year),
        }
    return render(request, "home.html", context)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, SIGNED_OUT)
    return redirect("home")


def _profile_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user = request.user
    person = getattr(user, "person", None)
    roles = []
    if person is not None:
        rows = person.roles.select_related("hub").order_by("-academic_year", "role", "hub__name")
        roles = [
            {
                "role": row.get_role_display(),
                "hub": row.hub.name if row.hub else "National",
                "year": academic_year_label(row.academic_year) if row.academic_year else "Ongoing",
            }
            for row in rows
        ]
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    context = {"person": person, "roles": roles, "tokens": tokens}
    context.setdefault("token_form", forms.TokenForm())
    return {**context, **extra}


@never_cache
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Your profile: who the programme knows you as, and your API tokens."""
    return render(request, "accounts/profile.html", _profile_context(request))


@never_cache
@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Create an API token; the page shows it in full once and never again."""
    form = forms.TokenForm(request.POST)
    if not form.is_valid():
        context = _profile_context(request, token_form=form)
        return render(request, "accounts/profile.html", context, status=400)
    new = services.api_token_create(user=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
    context = _profile_context(request, new_token=new)
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        services.api_token_revoke(user=request.user, token_id=token_id)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise Http404(services.TOKEN_NOT_FOUND) from exc
    messages.success(request, TOKEN_REVOKED)
    return redirect("accounts:profile")
