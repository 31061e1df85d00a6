"""The app with sign-in on: the sign-in form and its rate limit, each role against each write path
(refused on the server side for viewers), viewers' privacy, downloads, and the admins' Users page."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from conftest import REPO, USERS, open_app, person, sign_in, small_world, snapshot
from streamlit.testing.v1 import AppTest

from graphkit import auth
from graphkit.app import state
from graphkit.edits import delete_stakeholder, erase_person, log_interaction
from graphkit.model import Interaction, Relationship
from graphkit.store import open_store

DATA = "graphkit/app/data.py"
EXPLORE = "graphkit/app/explore.py"
REFUSED = "Signed in as a viewer: you can read but not change the data."
SHEET = "name;organisation;country;stakeholder group\nNia Okafor;Kenya Library Association;Kenya;library\n"
DINNER_ID = "ix-2026-09-18-amani-wambui-dinner"
DINNER = "Dinner after the Nairobi ICT week"
# a private KNOWS row of seed/relationships/KNOWS.csv
PRIVATE_TIE = "person-joost-bakker,person-mateo-hernandez"


@pytest.fixture
def world_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'data.db'}"
    with open_store(url) as s:
        s.upsert(*small_world(), by="setup")
    return url


def signed_in(url: str, monkeypatch, users_file, name: str, page: str | None = DATA) -> AppTest:
    """The app on ``url`` with sign-in on, at ``page``, signed in as ``name``."""
    monkeypatch.setenv(auth.USERS_ENV, str(users_file))
    at = open_app(url, monkeypatch, page, timeout=30)
    return sign_in(at, name, USERS[name][1])


def stored(url: str) -> tuple[dict, dict]:
    with open_store(url) as s:
        return snapshot(s)


def writers(url: str) -> list[str]:
    """Who made each change of the store's history, newest first, up to the seeding."""
    with open_store(url) as s:
        return [c.user for c in s.history() if c.user != "setup"]


def labelled(elements, label: str):
    (widget,) = [e for e in elements if e.label == label]
    return widget


def click(at: AppTest, label: str) -> None:
    labelled(at.button, label).click().run()
    assert not at.exception


def find(at: AppTest, text: str) -> None:
    at.text_input(key="data_search").input(text).run()
    assert not at.exception


# -- signing in -----------------------------------------------------------------------------------


def test_every_page_asks_who_you_are_first(world_url, monkeypatch, users_file):
    monkeypatch.setenv(auth.USERS_ENV, str(users_file))
    at = open_app(world_url, monkeypatch, DATA)
    assert [t.value for t in at.title] == ["graphkit"]
    assert [w.label for w in at.text_input] == ["User name", "Password"]
    assert not at.header  # nothing of the Data page
    assert not [m for m in at.sidebar.markdown if "Store:" in m.value]  # not even which store


def test_the_right_password_signs_in_and_the_sidebar_says_who_with_a_sign_out_button(
    world_url, monkeypatch, users_file
):
    at = signed_in(world_url, monkeypatch, users_file, "eddie")
    assert at.title[0].value == "Data"
    assert at.sidebar.markdown[0].value == "Signed in as **eddie** (editor)"
    at.sidebar.button(key="sign_out").click().run()
    assert [t.value for t in at.title] == ["graphkit"]
    assert [w.label for w in at.text_input] == ["User name", "Password"]


def test_a_wrong_password_is_refused(world_url, monkeypatch, users_file):
    monkeypatch.setenv(auth.USERS_ENV, str(users_file))
    at = sign_in(open_app(world_url, monkeypatch, DATA), "eddie", "not-my-password")
    assert [e.value for e in at.error] == ["Wrong user name or password."]
    assert [t.value for t in at.title] == ["graphkit"]


def test_five_wrong_passwords_refuse_even_the_right_one_until_the_lockout_is_over(
    world_url, monkeypatch, users_file
):
    monkeypatch.setenv(auth.USERS_ENV, str(users_file))
    limit = state.login_limit(str(users_file), world_url)
    now = [5000.0]
    limit.clock = lambda: now[0]
    at = open_app(world_url, monkeypatch, DATA)
    for _ in range(5):
        sign_in(at, "eddie", "guess-again")
        assert [e.value for e in at.error] == ["Wrong user name or password."]
    sign_in(at, "eddie", USERS["eddie"][1])
    assert [e.value for e in at.error] == ["Too many failed sign-ins as eddie: try again in 5 minutes."]
    assert [t.value for t in at.title] == ["graphkit"]
    now[0] += 300
    sign_in(at, "eddie", USERS["eddie"][1])
    assert at.title[0].value == "Data"


def test_a_removed_user_is_signed_out_at_their_next_click(world_url, monkeypatch, users_file):
    at = signed_in(world_url, monkeypatch, users_file, "eddie")
    auth.remove_user(users_file, "eddie")
    find(at, "amara")
    assert [t.value for t in at.title] == ["graphkit"]


def test_the_users_file_is_read_once_per_page_run_and_a_role_change_shows_at_the_next(
    world_url, monkeypatch, users_file
):
    at = signed_in(world_url, monkeypatch, users_file, "eddie")
    reads = []
    load_users = auth.load_users
    monkeypatch.setattr(auth, "load_users", lambda path: reads.append(path) or load_users(path))
    find(at, "amara")
    assert len(reads) == 1  # every role check of the page (buttons, privacy, downloads) uses that read
    assert not labelled(at.button, "Save").disabled
    auth.set_role(users_file, "eddie", "viewer")
    at.run()
    assert labelled(at.button, "Save").disabled
    assert at.info[0].value == REFUSED


def test_without_a_users_file_nobody_signs_in_and_writes_record_the_login_name(world_url, monkeypatch):
    monkeypatch.delenv(auth.USERS_ENV, raising=False)
    monkeypatch.setenv("GRAPHKIT_USER", "laptop-owner")
    at = open_app(world_url, monkeypatch, DATA)
    assert at.title[0].value == "Data"
    assert "sign_out" not in [b.key for b in at.sidebar.button]
    add_person(at)
    assert at.success[0].value == "Saved the person Nia Okafor."
    assert writers(world_url) == ["laptop-owner"] * 3  # the node and its two relationships


# -- each role against each write path ------------------------------------------------------------


def add_person(at: AppTest) -> None:
    labelled(at.text_input, "name *").input("Nia Okafor")
    labelled(at.selectbox, "stakeholder group *").set_value("library")
    labelled(at.selectbox, "Works for").set_value("org-kla")
    labelled(at.selectbox, "Based in").set_value("country-ke")
    click(at, "Add the person")


def save_person(at: AppTest) -> None:
    find(at, "amara")
    labelled(at.text_input, "email").input("amara@kla.or.ke")
    click(at, "Save")


def delete_person(at: AppTest) -> None:
    find(at, "amara")
    labelled(at.checkbox, "Delete Amara Diallo and their 6 relationships").check().run()
    click(at, "Delete")


def add_relationship(at: AppTest) -> None:
    find(at, "amara")
    labelled(at.selectbox, "Relationship").set_value(("KNOWS", 0)).run()
    labelled(at.selectbox, "Knows whom or what").set_value("person-zoe")
    labelled(at.select_slider, "strength").set_value(3)
    click(at, "Add the relationship")


def pick_knows(at: AppTest) -> None:
    find(at, "amara")
    at.selectbox(key="data_rel_pick-person-amara").set_value(("KNOWS", "person-amara", "person-lucas")).run()


def save_relationship(at: AppTest) -> None:
    pick_knows(at)
    labelled(at.select_slider, "strength").set_value(5)
    click(at, "Save the relationship")


def delete_relationship(at: AppTest) -> None:
    pick_knows(at)
    labelled(at.checkbox, "Delete “Amara Diallo knows Lucas Pereira”").check().run()
    click(at, "Delete the relationship")


def import_sheet(at: AppTest) -> None:
    at.file_uploader[0].set_value(("contacts.csv", SHEET.encode(), "text/csv")).run()
    click(at, "Import")


def log_meeting(at: AppTest) -> None:
    labelled(at.multiselect, "Who took part *").set_value(["person-amara", "person-zoe"]).run()
    labelled(at.date_input, "Date").set_value(date(2026, 11, 30))
    labelled(at.text_input, "Title").input("Budget call")
    at.button(key="log_save").click().run()
    assert not at.exception


#: Every way the app writes, and the error a refused write shows.
WRITE_PATHS = {
    "add a stakeholder": (add_person, f"Nothing was saved: {REFUSED}"),
    "save a stakeholder": (save_person, f"Nothing was saved: {REFUSED}"),
    "delete a stakeholder": (delete_person, f"Nothing was saved: {REFUSED}"),
    "add a relationship": (add_relationship, f"Nothing was saved: {REFUSED}"),
    "save a relationship": (save_relationship, f"Nothing was saved: {REFUSED}"),
    "delete a relationship": (delete_relationship, f"Nothing was saved: {REFUSED}"),
    "import a file": (import_sheet, f"Nothing was saved: {REFUSED}"),
    "log an interaction": (log_meeting, f"Nothing was saved: {REFUSED}"),
}


@pytest.mark.parametrize("path", WRITE_PATHS)
def test_a_viewer_is_refused_by_the_server_even_when_the_button_is_enabled(
    path, world_url, monkeypatch, users_file
):
    # A viewer's write buttons are disabled, and Streamlit drops a click on a disabled widget, so
    # the page is made to draw them enabled: the write code itself must still refuse.
    at = signed_in(world_url, monkeypatch, users_file, "vera")
    monkeypatch.setattr(state, "may_write", lambda: True)
    at.run()
    before = stored(world_url)
    drive, refusal = WRITE_PATHS[path]
    drive(at)
    assert [e.value for e in at.error] == [refusal]
    assert not at.success
    assert stored(world_url) == before
    assert writers(world_url) == []


@pytest.mark.parametrize("name", ["eddie", "ada"])
@pytest.mark.parametrize("path", WRITE_PATHS)
def test_editors_and_admins_write_on_every_path_and_the_history_names_them(
    path, name, world_url, monkeypatch, users_file
):
    at = signed_in(world_url, monkeypatch, users_file, name)
    before = stored(world_url)
    WRITE_PATHS[path][0](at)
    assert not at.error
    assert at.success
    assert stored(world_url) != before
    assert set(writers(world_url)) == {name}


def test_a_viewer_sees_the_data_page_with_every_write_widget_disabled(world_url, monkeypatch, users_file):
    at = signed_in(world_url, monkeypatch, users_file, "vera")
    assert at.info[0].value == REFUSED
    assert labelled(at.button, "Add the person").disabled
    assert at.button(key="log_save").disabled
    assert at.file_uploader[0].disabled
    find(at, "amara")
    assert labelled(at.button, "Save").disabled
    assert labelled(at.checkbox, "Delete Amara Diallo and their 6 relationships").disabled
    assert labelled(at.button, "Delete").disabled
    assert labelled(at.button, "Add the relationship").disabled


# -- privacy --------------------------------------------------------------------------------------


def explore(url: str, monkeypatch, users_file, name: str, search: str) -> AppTest:
    at = signed_in(url, monkeypatch, users_file, name, EXPLORE)
    at.text_input(key="explore_search").input(search).run()
    assert not at.exception
    return at


def panel(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_a_viewers_detail_panel_has_no_private_interaction(seed_url, monkeypatch, users_file):
    at = explore(seed_url, monkeypatch, users_file, "vera", "Wambui Gichuru")
    assert at.subheader[0].value == "Wambui Gichuru"
    assert DINNER not in panel(at)
    assert "Took part in" not in panel(at)
    at = explore(seed_url, monkeypatch, users_file, "eddie", "Wambui Gichuru")
    assert f"#### Took part in (1)\n- {DINNER}\n" in panel(at)
    assert f"- 💬 2026-09-18 meeting: {DINNER} with Amani Njoroge. Outcome: private conversation" in panel(at)


def test_a_viewer_sees_a_log_with_a_private_person_without_them_in_timeline_and_history(
    world_url, monkeypatch, users_file
):
    with open_store(world_url) as s:
        s.upsert([person("person-kofi", "Kofi Mensah", sensitivity="private")], by="setup")
        done = log_interaction(
            s, Interaction("meeting", "2026-11-30", ["person-kofi", "person-amara"]), by="eddie"
        )
    assert done.name == "Meeting with Amara Diallo"
    at = explore(world_url, monkeypatch, users_file, "vera", "Amara Diallo")

    seen = panel(at) + "\n".join(t.value for t in at.text)
    assert "Meeting with Amara Diallo" in seen  # the meeting itself is shared
    assert "kofi" not in seen.casefold()  # neither his name nor his id, in the timeline or the history
    at = explore(world_url, monkeypatch, users_file, "ada", "Amara Diallo")
    assert "person-kofi" in "\n".join(t.value for t in at.text)  # an admin's history names him
    # A tie not itself marked private, but naming him: private by the rule, in a viewer's history too.
    with open_store(world_url) as s:
        s.upsert(
            [],
            [Relationship("KNOWS", "person-kofi", "person-lucas", {"strength": 3})],
            by="eddie",
            action="import",
        )
    at = explore(world_url, monkeypatch, users_file, "vera", "Lucas Pereira")
    assert "kofi" not in (panel(at) + "\n".join(t.value for t in at.text)).casefold()
    assert "eddie  import" not in "\n".join(t.value for t in at.text)


def test_a_viewers_view_follows_the_feed_an_erasure_elsewhere_disappears(world_url, monkeypatch, users_file):
    at = explore(world_url, monkeypatch, users_file, "vera", "Amara Diallo")
    assert "Lucas Pereira" in panel(at)
    with open_store(world_url) as s:  # another process, the command line
        s.apply(erase_person(s, "person-lucas"), by="dpo")
        s.upsert([person("person-nia", "Nia Okafor")], [Relationship("KNOWS", "person-amara", "person-nia")])
    at.run()  # the next run of the viewer's page, with no reload
    assert "Lucas Pereira" not in panel(at) and "Nia Okafor" in panel(at)


def test_a_viewer_does_not_see_a_private_tie(seed_url, monkeypatch, users_file):
    with open_store(seed_url) as s:
        G = s.export()
    ties = [d for _, _, k, d in G.out_edges("person-joost-bakker", keys=True, data=True) if k == "KNOWS"]
    private = sum(d.get("sensitivity") == "private" for d in ties)
    assert private >= 1
    at = explore(seed_url, monkeypatch, users_file, "vera", "Joost Bakker")
    assert f"#### Knows ({len(ties) - private})" in panel(at)
    at = explore(seed_url, monkeypatch, users_file, "ada", "Joost Bakker")
    assert f"#### Knows ({len(ties)})" in panel(at)


def test_a_viewers_search_finds_no_private_person(world_url, monkeypatch, users_file):
    with open_store(world_url) as s:
        s.upsert([person("person-kofi", "Kofi Mensah", sensitivity="private")], by="setup")
    at = signed_in(world_url, monkeypatch, users_file, "vera")
    find(at, "kofi")
    assert labelled(at.selectbox, "Record").options == ["+ add a new record"]
    at = signed_in(world_url, monkeypatch, users_file, "eddie")
    find(at, "kofi")
    assert labelled(at.selectbox, "Record").value == "person-kofi"


@pytest.mark.parametrize(("name", "private"), [("vera", False), ("eddie", False), ("ada", True)])
def test_only_an_admins_download_holds_private_facts(
    name, private, seed_url, monkeypatch, users_file, deferred_downloads
):
    signed_in(seed_url, monkeypatch, users_file, name)
    zipped = deferred_downloads["graphkit-csv.zip"]()  # what a click on the download gives
    with zipfile.ZipFile(io.BytesIO(zipped)) as z:
        text = "\n".join(z.read(f).decode("utf-8") for f in z.namelist())
    assert (DINNER_ID in text) is private
    assert (PRIVATE_TIE in text) is private
    assert "person-joost-bakker,person-pieter-mulder" in text  # a public tie, for everyone


# -- the Users page -------------------------------------------------------------------------------

USERS_PAGE = "graphkit/app/users.py"


def test_only_admins_have_the_users_page(world_url, monkeypatch, users_file):
    for name, listed in [("vera", False), ("eddie", False), ("ada", True)]:
        at = signed_in(world_url, monkeypatch, users_file, name, page=None)
        links = [link.label for link in at.get("page_link")]
        assert any(label.startswith("**Users**") for label in links) is listed, name


def test_an_admin_adds_a_user_changes_a_role_and_removes_a_user(world_url, monkeypatch, users_file):
    at = signed_in(world_url, monkeypatch, users_file, "ada", page=None)
    at.switch_page(USERS_PAGE).run()
    assert at.title[0].value == "Users"
    assert list(at.dataframe[0].value["user"]) == ["ada", "eddie", "vera"]
    labelled(at.text_input, "User name").input("mo")
    at.selectbox(key="users_add_role").set_value("editor")
    labelled(at.text_input, "Password").input("mo-password")
    labelled(at.text_input, "Password again").input("mo-password")
    click(at, "Add the user")
    assert at.success[0].value == "Added mo (editor)."
    assert auth.check_password(users_file, "mo", "mo-password") == auth.User("mo", "editor")
    at.selectbox(key="users_pick").set_value("vera").run()
    at.selectbox(key="users_role-vera").set_value("editor")
    click(at, "Change the role")
    assert at.success[0].value == "vera is now editor."
    at.selectbox(key="users_pick").set_value("eddie").run()
    labelled(at.checkbox, "Remove eddie").check().run()
    click(at, "Remove the user")
    assert at.success[0].value == "Removed eddie."
    assert auth.list_users(users_file) == [
        auth.User("ada", "admin"),
        auth.User("mo", "editor"),
        auth.User("vera", "editor"),
    ]


def test_two_passwords_that_differ_add_nobody(world_url, monkeypatch, users_file):
    at = signed_in(world_url, monkeypatch, users_file, "ada", page=None)
    at.switch_page(USERS_PAGE).run()
    labelled(at.text_input, "User name").input("mo")
    labelled(at.text_input, "Password").input("mo-password")
    labelled(at.text_input, "Password again").input("mo-passw0rd")
    click(at, "Add the user")
    assert [e.value for e in at.error] == ["Nothing was changed: the two passwords differ."]
    assert [u.name for u in auth.list_users(users_file)] == ["ada", "eddie", "vera"]


def test_an_editor_driving_the_users_page_is_refused_by_the_server(world_url, monkeypatch, users_file):
    # The Users page is not in an editor's menu and its buttons are disabled for them; run the page
    # itself, as an editor, with its buttons enabled: the change must still be refused.
    monkeypatch.setenv(auth.USERS_ENV, str(users_file))
    monkeypatch.setattr(state, "may_manage", lambda: True)
    before = users_file.read_text()
    at = AppTest.from_file(str(REPO / USERS_PAGE), default_timeout=30)
    at.session_state[state.SIGNED_IN] = "eddie"
    at.run()
    labelled(at.text_input, "User name").input("mo")
    labelled(at.text_input, "Password").input("mo-password")
    labelled(at.text_input, "Password again").input("mo-password")
    refused = ["Nothing was changed: Signed in as an editor: only an admin can manage users."]
    click(at, "Add the user")
    assert [e.value for e in at.error] == refused
    at.selectbox(key="users_pick").set_value("eddie").run()
    at.selectbox(key="users_role-eddie").set_value("admin")
    click(at, "Change the role")
    assert [e.value for e in at.error] == refused
    labelled(at.checkbox, "Remove eddie").check().run()
    click(at, "Remove the user")
    assert [e.value for e in at.error] == refused
    assert users_file.read_text() == before


@pytest.mark.parametrize("name", ["vera", "ada"])
def test_every_page_runs_for_a_viewer_and_an_admin_on_the_seed(name, seed_url, monkeypatch, users_file):
    from graphkit.app import ADMIN_PAGES, PAGES

    at = signed_in(seed_url, monkeypatch, users_file, name, page=None)
    for file, *_ in PAGES + (ADMIN_PAGES if name == "ada" else []):
        at.switch_page(f"graphkit/app/{file}").run(timeout=60)
        assert not at.exception, (file, at.exception)
        assert not [e.value for e in at.error if "cannot" in e.value], file
        assert at.title[0].value != "graphkit", file


def test_home_counts_for_a_viewer_leave_private_records_out(world_url, monkeypatch, users_file):
    with open_store(world_url) as s:
        s.upsert([person("person-kofi", "Kofi Mensah", sensitivity="private")], by="setup")
    at = signed_in(world_url, monkeypatch, users_file, "vera", page=None)
    assert [m.value for m in at.metric] == ["15", "22"]
    at = signed_in(world_url, monkeypatch, users_file, "eddie", page=None)
    assert [m.value for m in at.metric] == ["16", "22"]


# -- admin-only writes: restore and erase ----------------------------------------------------------


def restore_lucas(at: AppTest) -> None:
    at.button(key="restore-person-lucas").click().run()
    assert not at.exception


def erase_lucas(at: AppTest) -> None:
    find(at, "lucas")
    labelled(
        at.checkbox, next(c.label for c in at.checkbox if c.label.startswith("Erase Lucas"))
    ).check().run()
    at.button(key="rights-erase-person-lucas").click().run()
    assert not at.exception


ADMIN_PATHS = {
    "restore a stakeholder": (
        restore_lucas,
        "Nothing was restored: Signed in as an editor: only an admin can manage users.",
    ),
    "erase a person": (
        erase_lucas,
        "Nothing was saved: Signed in as an editor: only an admin can manage users.",
    ),
}


@pytest.mark.parametrize("path", ADMIN_PATHS)
def test_restore_and_erase_are_an_admins_and_refused_to_an_editor_by_the_server(
    path, world_url, monkeypatch, users_file
):
    with open_store(world_url) as s:
        if path.startswith("restore"):
            s.apply(delete_stakeholder(s, "person-lucas"), by="setup")
        before = snapshot(s), len(s.history(limit=10_000))
    drive, refusal = ADMIN_PATHS[path]
    at = signed_in(world_url, monkeypatch, users_file, "eddie")
    monkeypatch.setattr(state, "may_manage", lambda: True)  # the buttons drawn enabled for the editor
    at.run()
    drive(at)
    assert [e.value for e in at.error] == [refusal]
    with open_store(world_url) as s:
        assert (snapshot(s), len(s.history(limit=10_000))) == before
    monkeypatch.undo()
    at = signed_in(world_url, monkeypatch, users_file, "ada")
    drive(at)
    assert not at.error and at.success
    with open_store(world_url) as s:
        assert s.history(limit=1)[0].user == "ada"
