"""Sign-in in Streamlit's AppTest (issue 9.5, 9.7): demo mode without users, no data before sign-in, wrong and
disabled sign-ins refused, the user's scope in the filter state, the admin-only Data page with the audit log."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipelines import users as users_module
from pipelines.queries.filters import Scope
from pipelines.retro.store import STORE_ENV
from pipelines.users import Users
from tests.conftest import REPO
from ui.auth import audited
from ui.i18n import t

PASSWORD = "correct horse battery"


@pytest.fixture
def store(tmp_path: Path, demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LOAN_DASHBOARD_DB", str(demo_warehouse))
    path = tmp_path / "retro.sqlite"
    monkeypatch.setenv(STORE_ENV, str(path))
    return path


@pytest.fixture
def open_app(store: Path) -> Callable[..., AppTest]:
    def run(page: str | None = None, **params: str) -> AppTest:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        for name, value in params.items():
            at.query_params[name] = value
        if page:
            at.switch_page(page)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    next(b for b in at.button if b.label == t("sign_in", "en")).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shows_data(at: AppTest) -> bool:
    return bool(at.metric) or bool(at.dataframe)


def test_without_users_the_app_runs_in_demo_mode_with_a_banner(open_app, store: Path) -> None:
    at = open_app()
    assert any(w.value == t("demo_mode_banner", "en") for w in at.warning)
    assert shows_data(at)  # everything visible, as before
    assert at.session_state["_filter_context"].filters.scope == Scope()
    assert not store.exists()  # demo mode writes nothing


@pytest.mark.parametrize("page", [None, "pages/teams.py", "pages/credit.py", "pages/data.py", "pages/retrospective.py"])
def test_with_users_no_page_shows_data_before_sign_in(open_app, store: Path, page: str | None) -> None:
    Users(store).add("ann", "admin", PASSWORD)
    at = open_app(page)
    assert not shows_data(at)
    assert at.title[0].value == t("sign_in_title", "en")
    assert not any(w.value == t("demo_mode_banner", "en") for w in at.warning)
    assert "_filter_context" not in at.session_state


def test_a_wrong_password_is_refused_and_the_right_one_opens_the_app(
    open_app, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first delay of a minute rather than a second: the retry below must fall inside it on a loaded machine.
    monkeypatch.setattr(users_module, "FIRST_DELAY_SECONDS", 60)
    users = Users(store)
    users.add("ann", "admin", PASSWORD)
    at = sign_in(open_app(), "ann", "not the password")
    assert not shows_data(at)
    # The wait shown counts down from the minute (59 or 60 s by the time the page is drawn).
    assert at.error[0].value in {t("sign_in_wrong", "en", seconds=s) for s in (59, 60)}
    assert users.failures("ann")["failures"] == 1
    # Straight away again, even with the right password: refused while the delay runs.
    at = sign_in(at, "ann", PASSWORD)
    assert not shows_data(at) and "wait" in at.error[0].value
    Users(store).reset_password("ann", PASSWORD)  # clears the delay, as an admin would
    at = sign_in(at, "ann", PASSWORD)
    assert shows_data(at)
    assert any(c.value == t("signed_in_as", "en", name="ann", role="admin") for c in at.sidebar.caption)
    events = users.audit_log()["event"].to_list()
    assert events[0] == "sign_in" and "sign_in_failed" in events


def test_a_disabled_user_cannot_sign_in(open_app, store: Path) -> None:
    users = Users(store)
    users.add("dan", "director", PASSWORD)
    users.disable("dan")
    at = sign_in(open_app(), "dan", PASSWORD)
    assert not shows_data(at) and at.error[0].value == t("sign_in_disabled", "en")


def test_a_user_disabled_while_signed_in_is_signed_out_at_the_next_run(open_app, store: Path) -> None:
    users = Users(store)
    users.add("dan", "director", PASSWORD)
    at = sign_in(open_app(), "dan", PASSWORD)
    assert shows_data(at)
    users.disable("dan")
    at.run()
    assert not shows_data(at) and at.title[0].value == t("sign_in_title", "en")


def test_a_session_expires_after_its_idle_time(open_app, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Users(store).add("dan", "director", PASSWORD)
    at = sign_in(open_app(), "dan", PASSWORD)
    assert shows_data(at)
    monkeypatch.setenv("LOAN_DASHBOARD_SESSION_IDLE_MINUTES", "0")
    at.run()
    assert not shows_data(at) and at.info[0].value == t("session_expired", "en")
    assert Users(store).audit_log()["event"][0] == "session_expired"


def test_a_region_heads_filter_state_carries_their_regions(open_app, store: Path) -> None:
    Users(store).add("rhea", "region_head", PASSWORD, region_ids=("R02", "R01"))
    at = sign_in(open_app("pages/teams.py"), "rhea", PASSWORD)
    assert at.session_state["_filter_context"].filters.scope == Scope(region_ids=("R01", "R02"))


def test_a_team_leads_filter_state_carries_their_teams(open_app, store: Path) -> None:
    Users(store).add("tess", "team_lead", PASSWORD, team_ids=("T010",))
    at = sign_in(open_app(), "tess", PASSWORD)
    assert at.session_state["_filter_context"].filters.scope == Scope(team_ids=("T010",))


def test_an_admin_sees_the_audit_log_on_the_data_page(open_app, store: Path) -> None:
    Users(store).add("ann", "admin", PASSWORD)
    at = sign_in(open_app("pages/data.py"), "ann", PASSWORD)
    assert t("audit_log", "en") in [h.value for h in at.subheader]
    audit = at.dataframe[-1].value
    assert list(audit.columns) == ["at", "user_name", "event", "what", "filters"]
    assert {"user_added", "sign_in"} <= set(audit["event"])
    assert not any(PASSWORD in str(v) for v in audit.to_numpy().ravel())


def test_a_director_does_not_see_the_data_page(open_app, store: Path) -> None:
    Users(store).add("dan", "director", PASSWORD)
    at = sign_in(open_app("pages/data.py"), "dan", PASSWORD)
    titles = [x.value for x in at.title]
    assert t("data_title", "en") not in titles
    assert t("audit_log", "en") not in [h.value for h in at.subheader]


def test_a_download_is_recorded_in_the_audit_log(open_app, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Users(store).add("rhea", "region_head", PASSWORD, region_ids=("R01",))
    at = sign_in(open_app(), "rhea", PASSWORD)
    ctx = at.session_state["_filter_context"]
    # ui.components.downloads wraps each deferred file with audited() while the page runs (the signed-in user in
    # the session); the file is made on click, off the session. The same here, outside AppTest's run.
    monkeypatch.setattr("ui.auth.current_user", lambda: at.session_state["_auth_user"])
    make = audited(lambda: b"a,b\n1,2\n", "leaderboard-team (CSV)", ctx.filters)
    monkeypatch.undo()
    assert Users(store).audit_log()["event"][0] == "sign_in"  # nothing recorded before the click
    assert make() == b"a,b\n1,2\n"
    row = Users(store).audit_log().row(0, named=True)
    assert row["event"] == "download" and row["user_name"] == "rhea"
    assert row["what"] == "leaderboard-team (CSV)" and "region=R01" in row["filters"]
    assert row["filters"].startswith(f"period {ctx.filters.period.start}")


def test_in_demo_mode_a_download_records_nothing_and_creates_no_store(open_app, store: Path) -> None:
    open_app()
    make = audited(lambda: b"x", "table (CSV)", None)
    assert make() == b"x" and not store.exists()


def test_signing_out_returns_to_the_sign_in_form_and_is_audited(open_app, store: Path) -> None:
    Users(store).add("dan", "director", PASSWORD)
    at = sign_in(open_app(), "dan", PASSWORD)
    assert shows_data(at)
    at.sidebar.button(key="sign_out").click().run()
    assert not at.exception and not shows_data(at)
    assert at.title[0].value == t("sign_in_title", "en")
    assert Users(store).audit_log()["event"].to_list()[:2] == ["sign_out", "sign_in"]


def test_the_sign_in_screen_speaks_chinese(open_app, store: Path) -> None:
    Users(store).add("ann", "admin", PASSWORD)
    at = open_app(lang="zh")
    assert at.title[0].value == t("sign_in_title", "zh") and not shows_data(at)


OIDC_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not a real secret",
    "client_id": "dashboard",
    "client_secret": "not a real secret either",
    "server_metadata_url": "https://id.example.com/.well-known/openid-configuration",
}


def open_with_oidc(store: Path, user: dict) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.secrets["auth"] = OIDC_SECRETS
    at.user = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_with_oidc_the_sign_in_is_the_providers_and_shows_no_data_before(open_app, store: Path) -> None:
    Users(store).add("rhea", "region_head", "", email="rhea@example.com", region_ids=("R01",))
    at = open_with_oidc(store, {"is_logged_in": False})
    assert not shows_data(at) and not at.text_input  # no password form: the provider signs in
    assert [b.label for b in at.button if b.label == t("sign_in_with_provider", "en")]


def test_with_oidc_the_signed_in_email_maps_to_its_user_and_scope(open_app, store: Path) -> None:
    Users(store).add("rhea", "region_head", "", email="rhea@example.com", region_ids=("R01",))
    at = open_with_oidc(store, {"is_logged_in": True, "email": "Rhea@Example.com"})
    assert shows_data(at)
    assert at.session_state["_filter_context"].filters.scope == Scope(region_ids=("R01",))
    assert Users(store).audit_log().row(0, named=True)["what"] == "OIDC (Rhea@Example.com)"


def test_with_oidc_an_unknown_email_gets_no_access_never_data(open_app, store: Path) -> None:
    Users(store).add("ann", "admin", PASSWORD)
    at = open_with_oidc(store, {"is_logged_in": True, "email": "mallory@example.com"})
    assert not shows_data(at) and at.title[0].value == t("no_access_title", "en")
    at.run()
    failures = Users(store).audit_log()
    assert failures["event"].to_list().count("sign_in_failed") == 1  # audited once per session


def test_notes_are_authored_by_the_signed_in_user_in_their_scopes_meeting(open_app, store: Path) -> None:
    from pipelines.retro.periods import default_retro_period
    from pipelines.retro.store import RetroKey, RetroStore
    from pipelines.warehouse import connect
    from ui import retro_view

    Users(store).add("hana", "region_head", PASSWORD, region_ids=("R01",))
    at = sign_in(open_app("pages/retrospective.py"), "hana", PASSWORD)
    at.session_state[retro_view.TAB_KEY] = t("retro_tab_notes", "en")
    at.run()
    # The author field shows the signed-in user and cannot be changed.
    shown = at.text_input(key=f"{retro_view.AUTHOR_KEY}_signed_in")
    assert shown.value == "hana" and shown.disabled
    at.text_input(key="retro_new_what").input("Call the R01 branch heads")
    next(b for b in at.button if b.label == t("retro_add", "en")).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    with connect(Path(os.environ["LOAN_DASHBOARD_DB"])) as con:
        period = default_retro_period(con).period
    items = RetroStore(store).items(RetroKey(period.start, "region=R01"))
    assert [i.what for i in items] == ["Call the R01 branch heads"]
    with sqlite3.connect(store) as db:  # who created it is kept in the store
        assert db.execute("select created_by, saved_by from action_items").fetchall() == [("hana", "hana")]
    assert RetroStore(store).items(RetroKey(period.start)) == []  # not the company's meeting


def test_an_action_item_is_changed_only_by_its_author_or_an_owner_of_the_scope(store: Path) -> None:
    from datetime import date

    from pipelines.retro import ActionItem
    from pipelines.retro.store import RetroKey
    from ui import retro_view

    users = Users(store)
    hana = users.add("hana", "region_head", PASSWORD, region_ids=("R01",))
    wide = users.add("wide", "region_head", PASSWORD, region_ids=("R01", "R02"))
    boss = users.add("boss", "director", PASSWORD)
    key = RetroKey(date(2026, 11, 2), "region=R01")

    def item(created_by: str) -> ActionItem:
        return ActionItem(1, key.period_start, "an item", "", None, "open", created_by=created_by)

    # hana's access scope is exactly R01: she owns the R01 meeting and may change every item in it.
    assert retro_view.may_edit(item("someone"), key, hana)
    # wide (R01 and R02) filtering on R01 holds the R01 meeting but does not own it: only what she added.
    assert not retro_view.may_edit(item("someone"), key, wide)
    assert not retro_view.may_edit(item("hana"), key, wide)
    assert retro_view.may_edit(item("wide"), key, wide)
    # Directors and admins may change anything; in demo mode (no user) anyone may.
    assert retro_view.may_edit(item("someone"), key, boss)
    assert retro_view.may_edit(item("someone"), key, None)
