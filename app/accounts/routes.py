"""Views: sign up, log in, log out, settings, and the page shown when attempts are limited."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.exceptions import TooManyRequests
from werkzeug.wrappers import Response

from app import attempts
from app.accounts import bp
from app.accounts.forms import LoginForm, PasswordForm, SettingsForm, SignupForm
from app.accounts_models import User, normalise_email
from app.clock import request_now
from app.extensions import db, limiter
from app.guests import record_visit, register
from app.passwords import authenticate, check_password, set_password
from app.routing import wants_json
from app.study_service import refit

LOGIN_EMAIL = "login_email"
# One message for a new email and for one that already has an account (nothing was sent, so the
# page cannot say which); the owner of an existing account logs in with its own password.
SIGNED_UP = (
    "Sign-up received for {email}. Log in with that email and the password you chose. "
    "If it already had an account, that account is unchanged: use its own password."
)


def _auth_rate_limit() -> str:
    return current_app.config["QUIRE_AUTH_RATE_LIMIT"]


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (no open redirects through next=)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    # Browsers read a backslash as a slash, and control characters are stripped before parsing.
    if "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def _redirect_onward() -> Response:
    return redirect(safe_next(request.args.get("next")) or url_for("sources.index"))


@bp.before_app_request
def note_last_seen() -> None:
    """Keep the logged-in user's last_seen_at roughly current."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    if record_visit(current_user, request_now()):
        db.session.commit()


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_auth_rate_limit, methods=["POST"])
def signup() -> str | Response:
    """Create an account, then ask to log in: the same answer whether or not the email had one."""
    if current_user.is_authenticated and not current_user.is_guest:
        return _redirect_onward()
    form = SignupForm()
    if not form.validate_on_submit():
        return render_template("accounts/signup.html", form=form)
    guest = current_user._get_current_object() if current_user.is_authenticated else None
    register(
        guest,
        email=form.email.data,
        display_name=form.display_name.data,
        password=form.password.data,
    )
    # Never logged in here, guest or not: being logged in (or still a guest) on the next page
    # would tell whether the email was new. A converted guest's progress waits in the account.
    logout_user()
    session[LOGIN_EMAIL] = normalise_email(form.email.data)
    flash(SIGNED_UP.format(email=session[LOGIN_EMAIL]), "success")
    return redirect(url_for("accounts.login", next=safe_next(request.args.get("next"))))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_auth_rate_limit, methods=["POST"])
def login() -> str | Response:
    """Log in with email and password, then go back to the page that asked (if it is ours)."""
    if current_user.is_authenticated and not current_user.is_guest:
        return _redirect_onward()
    # After a sign-up the email is filled in; it was in the sign-up form, never in a URL.
    form = LoginForm(email=session.pop(LOGIN_EMAIL, None))
    if form.validate_on_submit():
        # Failed log-ins count per account too, whoever tries from wherever (and whether or not
        # the account exists, so the limit tells nothing about which emails have one).
        attempt = attempts.reserve(
            current_app.config["QUIRE_ACCOUNT_RATE_LIMIT"],
            "login-account",
            attempts.key_of(normalise_email(form.email.data)),
        )
        if not attempt.granted:
            raise attempts.TooManyAttempts(
                attempt.wait_seconds,
                "Too many log-ins to this account failed, so it is paused for a while. Wait, "
                "then try again, or ask an admin to reset your password.",
            )
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            attempt.refund()
            login_user(user, remember=form.remember.data)
            flash(f"Welcome back, {user.display_name}.", "success")
            return _redirect_onward()
        # The same message whether or not the email has an account.
        form.form_errors.append(
            "That email and password do not match an account. Check them and try again."
        )
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
def logout() -> Response:
    """Log out (POST only, with the CSRF token, so no link or image can do it)."""
    if current_user.is_authenticated:
        # Revoked on the server: a copy of this session or remember cookie stops working.
        current_user.rotate_session_token()
        db.session.commit()
    logout_user()
    flash("You have logged out.", "info")
    return redirect(url_for("sources.index"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings() -> str | Response:
    """Change the display name, the study preferences, and (for accounts) the password."""
    user: User = current_user._get_current_object()
    posted = request.form if request.method == "POST" else {}
    # Two forms on one page: only the one whose button was pressed reads the request.
    settings_form = SettingsForm(
        formdata=request.form if "save_settings" in posted else None, obj=user
    )
    password_form = PasswordForm(formdata=request.form if "change_password" in posted else None)
    if "change_password" in posted:
        if user.is_guest:
            flash("Guests have no password. Sign up to choose one.", "info")
            return redirect(url_for("accounts.signup"))
        if password_form.validate() and _change_password(user, password_form):
            flash("Your password has been changed. Other devices have been logged out.", "success")
            return redirect(url_for("accounts.settings"))
    elif "save_settings" in posted and settings_form.validate():
        for name in ("display_name", "desired_retention", "new_per_day", "reviews_per_day"):
            setattr(user, name, settings_form[name].data)
        user.timezone = settings_form.timezone.data
        db.session.commit()
        flash("Your settings have been saved.", "success")
        return redirect(url_for("accounts.settings"))
    return render_template(
        "accounts/settings.html",
        form=settings_form,
        password_form=password_form,
        scheduling=refit.describe(user.id),
    )


def _change_password(user: User, form: PasswordForm) -> bool:
    if not check_password(user, form.current_password.data):
        form.current_password.errors.append("That is not your current password.")
        return False
    set_password(user, form.new_password.data)
    db.session.commit()
    # The login cookies name the replaced token: issue fresh ones for this device.
    remembered = current_app.config["REMEMBER_COOKIE_NAME"] in request.cookies
    login_user(user, remember=remembered)
    return True


@bp.app_errorhandler(TooManyRequests)
def too_many_requests(error: TooManyRequests) -> tuple[str, int]:
    """Explain the limit on attempts and when to try again."""
    wait, reason = getattr(error, "wait_seconds", None), None
    if isinstance(error, attempts.TooManyAttempts):
        reason = error.description
    elif (current := limiter.current_limit) is not None:
        wait = max(1, current.reset_at - int(request_now().timestamp()))
    if wants_json():
        return jsonify(error="Too Many Requests", detail=reason or "Too many attempts."), 429
    return render_template("accounts/too_many_requests.html", wait=wait, reason=reason), 429
