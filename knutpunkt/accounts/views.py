from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knutpunkt.accounts import second_factor
from knutpunkt.accounts.forms import CodeForm, SwitchUnitForm
from knutpunkt.accounts.models import User
from knutpunkt.audit.actions import record
from knutpunkt.organisations.access import Actor, active_memberships, membership_for
from knutpunkt.organisations.middleware import SESSION_MEMBERSHIP_KEY


def _actor(request: HttpRequest, user: User) -> Actor:
    membership = membership_for(user, request.session.get(SESSION_MEMBERSHIP_KEY))
    return Actor(user=user, membership=membership, request_id=getattr(request, "request_id", ""))


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.get_user()
            login(request, user)
            with transaction.atomic():
                record(_actor(request, user), "auth.login", detail={"method": "password"})
            return redirect(_next_url(request))
        record(None, "auth.login_failed")
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of sign-in for an account that has a TOTP device."""
    user: User = request.user  # type: ignore[assignment]
    if second_factor.is_strongly_authenticated(request):
        return redirect("core:home")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.verify_code(request, user, form.cleaned_data["code"]):
            return redirect(_next_url(request))
        form.add_error("code", _("Koden stämmer inte. Försök igen med en ny kod."))
    return render(request, "accounts/verify.html", {"form": form})


@login_required
def setup_second_factor(request: HttpRequest) -> HttpResponse:
    """Enrol a TOTP app: scan the QR code, confirm with one code, receive backup codes once."""
    user: User = request.user  # type: ignore[assignment]
    if second_factor.has_confirmed_device(user) and not second_factor.is_strongly_authenticated(request):
        return redirect("accounts:verify")
    device = second_factor.pending_totp_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if second_factor.verify_code(request, user, form.cleaned_data["code"], device=device):
                codes = second_factor.new_backup_codes(user)
                record(_actor(request, user), "auth.second_factor_enrolled")
                return render(request, "accounts/backup_codes.html", {"codes": codes})
        form.add_error("code", _("Koden stämmer inte. Kontrollera klockan i telefonen och försök igen."))
    return render(
        request,
        "accounts/setup_second_factor.html",
        {
            "form": form,
            "qr_code": second_factor.qr_code_data_uri(device),
            "secret": second_factor.secret_for_manual_entry(device),
        },
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        record(_actor(request, request.user), "auth.logout")
    logout(request)
    messages.info(request, _("Du är utloggad."))
    return redirect("accounts:login")


@login_required
@require_POST
def switch_unit(request: HttpRequest) -> HttpResponse:
    form = SwitchUnitForm(request.POST)
    user: User = request.user  # type: ignore[assignment]
    if form.is_valid():
        membership = active_memberships(user).filter(uuid=form.cleaned_data["membership"]).first()
        if membership is not None:
            request.session[SESSION_MEMBERSHIP_KEY] = str(membership.uuid)
            record(
                Actor(user=user, membership=membership, request_id=getattr(request, "request_id", "")),
                "auth.unit_switched",
            )
            messages.success(
                request,
                _("Du arbetar nu som %(role)s på %(unit)s.")
                % {"role": membership.get_role_display().lower(), "unit": membership.unit},
            )
            return redirect("core:home")
    messages.error(request, _("Det gick inte att byta enhet."))
    return redirect("core:home")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    return render(
        request,
        "accounts/account.html",
        {"has_totp": second_factor.has_confirmed_device(user), "memberships": active_memberships(user)},
    )


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            User.objects.filter(pk=user.pk).update(must_change_password=False)
            record(_actor(request, user), "auth.password_changed")
        update_session_auth_hash(request, form.user)
        messages.success(request, _("Ditt lösenord är bytt."))
        return redirect("core:home")
    return render(request, "accounts/password_change.html", {"form": form, "forced": user.must_change_password})
