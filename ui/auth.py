"""Sign-in before any page or data, the signed-in user's scope, and the audit of downloads (issue 9).

**Modes.** No user in the store (pipelines/users.py): demo mode, a banner, everything visible. Users exist and
`.streamlit/secrets.toml` has an `[auth]` section: Streamlit's OIDC sign-in (`st.login`), the signed-in e-mail mapped
to a user; an unknown or disabled e-mail gets a "no access" page. Otherwise: local accounts, a user name and password
form (pipelines.users.Users.authenticate: argon2, growing delay after failures kept in the store).

**Sessions** live in the browser tab's Streamlit session and expire after `SESSION_IDLE_MINUTES` without a page run
(default 30, `$LOAN_DASHBOARD_SESSION_IDLE_MINUTES`) or `SESSION_MAX_HOURS` after signing in (default 12,
`$LOAN_DASHBOARD_SESSION_MAX_HOURS`), whichever comes first. The user is read from the store on every run, so a
user disabled or changed by an admin takes effect at their next click.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import streamlit as st

from pipelines.queries.filters import Filters, Scope
from pipelines.retro.store import StoreError, scope_text, store_path
from pipelines.users import SignIn, User, Users, scope_of
from ui.format import echo
from ui.i18n import t

IDLE_ENV = "LOAN_DASHBOARD_SESSION_IDLE_MINUTES"
MAX_ENV = "LOAN_DASHBOARD_SESSION_MAX_HOURS"
SESSION_IDLE_MINUTES = 30.0
SESSION_MAX_HOURS = 12.0

_SESSION = "_auth_session"  # {"user", "via", "signed_in_at", "last_seen"} of the signed-in user
_USER = "_auth_user"  # the User of this run (read from the store by gate)
_MODE = "_auth_mode"  # "demo" or "sign_in"
_LOGOUT = "_auth_logout"  # an OIDC user signed out: st.logout() in the next run
_REFUSED = "_auth_refused_email"  # the OIDC e-mail last refused in this session (audited once)
_REFUSAL = "_auth_refusal"  # why the last sign-in attempt was refused
_NOTICE = "_auth_notice"  # (kind, text) for the sign-in screen: a store error, an expired session


@dataclass(frozen=True)
class Access:
    """What gate() decided for this run: the mode, and the signed-in user (None in demo mode or before sign-in)."""

    mode: str
    user: User | None = None

    @property
    def granted(self) -> bool:
        """Pages may run: demo mode, or a signed-in, enabled user."""
        return self.mode == "demo" or self.user is not None

    @property
    def sees_data_page(self) -> bool:
        return self.mode == "demo" or (self.user is not None and self.user.is_admin)


def session_limits() -> tuple[timedelta, timedelta]:
    """(idle, absolute) lifetime of a session, from the environment or the defaults."""

    def number(name: str, default: float) -> float:
        try:
            return float(os.environ.get(name, default))
        except ValueError:
            return default

    idle = timedelta(minutes=number(IDLE_ENV, SESSION_IDLE_MINUTES))
    return idle, timedelta(hours=number(MAX_ENV, SESSION_MAX_HOURS))


def oidc_configured() -> bool:
    """True when `.streamlit/secrets.toml` has an `[auth]` section: sign-in goes through st.login."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file, or one that does not parse: no OIDC
        return False


def _oidc_provider() -> str | None:
    """The provider to pass to st.login: None for a single `[auth]` provider, else the first `[auth.NAME]`."""
    auth = st.secrets["auth"]
    if "client_id" in auth:
        return None
    named = [key for key, value in auth.items() if hasattr(value, "keys")]
    return named[0] if named else None


def current_user() -> User | None:
    """The signed-in user of this run; None in demo mode."""
    return st.session_state.get(_USER)


def current_scope() -> Scope:
    """What the current user may see (pipelines.users.scope_of): no restriction in demo mode, for admins and
    directors; a region_head's regions; a team_lead's teams."""
    return scope_of(current_user())


def sign_in_enabled() -> bool:
    """True when users exist (as decided by gate() for this run)."""
    return st.session_state.get(_MODE) == "sign_in"


def filters_text(filters: Filters | None) -> str:
    """The filter state in one line for the audit log: period, comparison and the effective scope."""
    if filters is None:
        return ""
    parts = [f"period {filters.period.start}–{filters.period.end}"]
    if filters.comparison is not None:
        parts.append(f"compared with {filters.comparison.start}–{filters.comparison.end}")
    parts.append(scope_text(filters))
    return "; ".join(parts)


def audited(make: Callable[[], bytes | str], what: str, filters: Filters | None) -> Callable[[], bytes | str]:
    """`make` (a download's deferred file), recording in the audit log who downloaded `what` with which filters
    when it runs. The user and store are taken now: the file is made on click, off the page's session. In demo
    mode nothing is recorded (there is nobody to record, and no store is created for it)."""
    user = current_user()
    if user is None:
        return make
    who, path, where = user.name, store_path(), filters_text(filters)

    def run() -> bytes | str:
        data = make()
        Users(path).audit("download", who, what, where)
        return data

    return run


def record(event: str, what: str = "", filters: Filters | None = None) -> None:
    """Record an event of the current user in the audit log (nothing in demo mode)."""
    user = current_user()
    if user is not None:
        Users().audit(event, user.name, what, filters_text(filters))


# -- the gate ---------------------------------------------------------------------------------------


def gate(lang: str) -> Access:
    """Decide who is using the app before any page or data: demo mode (with its banner), or the signed-in user.
    When `granted` is False the caller draws `sign_in_screen` instead of a page."""
    st.session_state.pop(_USER, None)
    try:
        users = Users()
        has_users = users.has_users()
    except StoreError as exc:
        # Fail closed: users live in the store, so when it cannot be read nobody can say who may see what (a store
        # damaged or deleted on purpose must not turn into demo mode). Nothing is written to it.
        st.session_state[_MODE] = "sign_in"
        from ui.retro_view import store_error_text  # the store's own sentence, as the retrospective page says it

        st.session_state[_NOTICE] = ("error", store_error_text(exc, lang))
        return Access("sign_in")
    if not has_users:
        st.session_state[_MODE] = "demo"
        st.session_state.pop(_SESSION, None)
        st.warning(t("demo_mode_banner", lang), icon=":material/lock_open:")
        return Access("demo")
    st.session_state[_MODE] = "sign_in"
    if st.session_state.pop(_LOGOUT, False):
        st.logout()
    user = _oidc_user(users, lang) if oidc_configured() else _session_user(users, datetime.now(UTC), lang)
    if user is None:
        return Access("sign_in")
    st.session_state[_USER] = user
    _sign_out_button(users, user, lang)
    return Access("sign_in", user)


def sign_in_screen(lang: str) -> None:
    """What replaces every page until sign-in: the local form, the OIDC button, or the "no access" page.

    Drawn after st.navigation (Streamlit keys a widget by the page it is drawn on, so the form keeps what was typed
    from one run to the next)."""
    notice = st.session_state.pop(_NOTICE, None)
    if notice and notice[0] == "error":
        st.error(notice[1], icon=":material/lock:")
        return
    if oidc_configured() and st.user.is_logged_in:
        email = str(st.user.get("email") or "")
        st.title(t("no_access_title", lang))
        st.error(t("no_access", lang, email=echo(email or "?")), icon=":material/block:")
        if st.button(t("sign_out", lang), icon=":material/logout:"):
            st.logout()
        return
    st.title(t("sign_in_title", lang))
    if notice:
        st.info(notice[1], icon=":material/timer_off:")
    st.caption(t("sign_in_intro", lang))
    if oidc_configured():
        if st.button(t("sign_in_with_provider", lang), type="primary", icon=":material/login:"):
            st.login(_oidc_provider())
        return
    refusal = st.session_state.pop(_REFUSAL, None)
    if refusal:
        st.error(refusal, icon=":material/block:")
    with st.form("sign_in"):
        st.text_input(t("user_name", lang), key="sign_in_name", autocomplete="username")
        st.text_input(t("password", lang), type="password", key="sign_in_password")
        st.form_submit_button(t("sign_in", lang), type="primary", on_click=_submit_sign_in, args=(lang,))


def _submit_sign_in(lang: str) -> None:
    """The form's callback: check the name and password typed; start the session or say why not.

    A callback runs before the next run's script, whichever script that is, so a submission is never lost."""
    name = st.session_state.get("sign_in_name", "")
    password = st.session_state.get("sign_in_password", "")
    st.session_state["sign_in_password"] = ""  # not kept in the session beyond this check
    result = Users().authenticate(name, password)
    if result.ok:
        _start_session(result.user, "local", datetime.now(UTC))
    else:
        st.session_state[_REFUSAL] = _refusal(result, lang)


def _expired(session: dict, now: datetime) -> str:
    """Why the session has expired ('' when it has not)."""
    idle, absolute = session_limits()
    if now - session["last_seen"] > idle:
        return f"idle for more than {idle}"
    if now - session["signed_in_at"] > absolute:
        return f"signed in for more than {absolute}"
    return ""


def _session_user(users: Users, now: datetime, lang: str) -> User | None:
    """The user of a live session (refreshed from the store), or None; an expired session leaves a notice."""
    session = st.session_state.get(_SESSION)
    if not session:
        return None
    expired = _expired(session, now)
    user = users.get(session["user"])
    if expired:
        users.audit("session_expired", session["user"], expired)
        st.session_state[_NOTICE] = ("info", t("session_expired", lang))
    elif user is None or user.disabled:
        users.audit("sign_out", session["user"], "user disabled or removed: session ended")
    else:
        session["last_seen"] = now
        return user
    st.session_state.pop(_SESSION, None)
    if session.get("via") == "oidc":
        st.logout()  # the provider's identity cookie goes too
    return None


def _start_session(user: User, via: str, now: datetime) -> None:
    st.session_state[_SESSION] = {"user": user.name, "via": via, "signed_in_at": now, "last_seen": now}


def _refusal(result: SignIn, lang: str) -> str:
    if result.reason == "disabled":
        return t("sign_in_disabled", lang)
    wait = result.delay_seconds
    if result.locked_until is not None:
        wait = max(0.0, (result.locked_until - datetime.now(UTC)).total_seconds())
    seconds = max(1, math.ceil(wait))
    return t("sign_in_locked" if result.reason == "locked" else "sign_in_wrong", lang, seconds=seconds)


def _oidc_user(users: Users, lang: str) -> User | None:
    """The user the OIDC identity maps to (by e-mail), None before st.login or for an unknown/disabled e-mail."""
    if not st.user.is_logged_in:
        st.session_state.pop(_SESSION, None)
        return None
    session = st.session_state.get(_SESSION)
    if session:
        return _session_user(users, datetime.now(UTC), lang)
    email = str(st.user.get("email") or "")
    user = users.by_email(email) if email else None
    if user is None or user.disabled:
        if st.session_state.get(_REFUSED) != email:  # once per session, not on every run of the no-access page
            reason = "disabled user" if user is not None else "no user with this e-mail"
            users.audit("sign_in_failed", email, f"OIDC: {reason}")
            st.session_state[_REFUSED] = email
        return None
    st.session_state.pop(_REFUSED, None)
    users.audit("sign_in", user.name, f"OIDC ({email})")
    _start_session(user, "oidc", datetime.now(UTC))
    return user


def _sign_out_button(users: Users, user: User, lang: str) -> None:
    sidebar = st.sidebar
    sidebar.caption(t("signed_in_as", lang, name=echo(user.name), role=t(f"role_{user.role}", lang)))
    sidebar.button(t("sign_out", lang), icon=":material/logout:", key="sign_out", on_click=_sign_out, args=(user.name,))


def _sign_out(user_name: str) -> None:
    """The sign-out button's callback (runs before the next run, whichever script it starts with): end the
    session; an OIDC session also leaves the provider (st.logout, in the next run's gate)."""
    Users().audit("sign_out", user_name)
    session = st.session_state.pop(_SESSION, None) or {}
    st.session_state.pop(_USER, None)
    if session.get("via") == "oidc":
        st.session_state[_LOGOUT] = True


def require_admin(lang: str) -> None:
    """Stop a page for anyone but an admin when sign-in is on (demo mode: everyone)."""
    user = current_user()
    if sign_in_enabled() and (user is None or not user.is_admin):
        st.error(t("admin_only", lang), icon=":material/lock:")
        st.stop()
