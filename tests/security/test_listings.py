"""Listings, filters and option lists follow the one visibility rule (app/visibility.py): a
private pack's title, its sources' titles and ids and its questions' tags reach only those who
may read the pack."""

from __future__ import annotations

import pytest

from tests.security.conftest import ACTORS, SECRET_SOURCE, SECRETS, client_for

# Every page or API answer that lists packs, questions, sources, tags or kinds, or offers them
# as choices. (The authoring pages list a person's own packs and are checked by the matrix.)
LISTINGS = (
    "/",
    "/bank",
    "/bank?kind=date",
    "/learn/plan",
    "/learn/progress",
    "/learn/quiz",
    "/learn/cards",
    "/api/v1/packs",
    "/api/v1/sources",
    "/api/v1/me/progress",
    "/classroom/quizzes/new",
)
READERS = {"owner", "admin"}


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


@pytest.mark.parametrize("actor", [a for a in ACTORS if a not in READERS])
def test_no_listing_shows_a_private_packs_names(app, people, actor):
    found = []
    for path in LISTINGS:
        response = client_for(app, people, actor).get(path)
        assert response.status_code < 500, (path, response.status_code)
        if leaked := _leaks(response.get_data(as_text=True)):
            found.append(f"{path}: {leaked}")
    assert found == []


@pytest.mark.parametrize("actor", [a for a in ACTORS if a not in READERS])
def test_a_private_source_is_not_a_filter_choice(app, people, actor):
    response = client_for(app, people, actor).get(f"/bank?source={SECRET_SOURCE}")
    assert response.status_code == 400
    assert not _leaks(response.get_data(as_text=True))


@pytest.mark.parametrize("actor", sorted(READERS))
def test_those_who_may_read_it_see_it_where_they_edit(app, people, actor):
    """The rule is not simply "hide everything": the owner and admins list the pack."""
    client = client_for(app, people, actor)
    packs = client.get("/api/v1/packs").get_json()
    assert any(item["id"] == people["pack_id"] for item in packs["items"])
    page = client.get("/classroom/quizzes/new").get_data(as_text=True)
    assert SECRETS[0] in page or actor == "admin"


def test_the_rule_for_a_person_widens_only_to_their_own_packs(app, people):
    from sqlalchemy import select

    from app import visibility
    from app.accounts_models import User
    from app.extensions import db
    from app.models import Question, Source

    with app.app_context():
        for actor, expected in (("owner", True), ("admin", True), ("other", False)):
            person = db.session.get(User, people["ids"][actor])
            sources = set(db.session.scalars(select(Source.id).where(visibility.sources(person))))
            tags = visibility.tags_of(db.session.scalars(visibility.question_tags(person)).all())
            kinds = db.session.scalars(visibility.question_kinds(person)).all()
            shown = db.session.scalars(select(Question.uid).where(visibility.questions(person)))
            assert (SECRET_SOURCE in sources) is expected, actor
            assert (SECRETS[2] in tags) is expected, actor
            assert ("z1" in set(shown)) is expected, actor
            assert "date" in kinds
        assert SECRET_SOURCE not in set(
            db.session.scalars(select(Source.id).where(visibility.sources(None)))
        )
