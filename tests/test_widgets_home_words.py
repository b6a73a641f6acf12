"""Home greets a new user once: "Welcome. Four steps ..." to someone who has done nothing
yet, "Next steps:" to someone who has (it welcomed Lena again after she deleted the one
person she had, her profile filled in)."""

from __future__ import annotations

from infoview.models import UserProfile
from infoview.widgets.home import HomePage


def _intro(store) -> str:
    page = HomePage(store, go=lambda _key: None, choose=lambda **_kw: None, background=False)
    return page.first_steps.children[0].value


def test_a_new_user_is_welcomed(store):
    assert _intro(store).startswith("<p>Welcome. Four steps")


def test_someone_with_a_profile_and_nobody_yet_gets_next_steps_not_a_welcome(store):
    store.save_profile(UserProfile(name="Lena Fischer", background="ten years on a cardiac ward"))
    assert _intro(store) == "<p>Next steps:</p>"
