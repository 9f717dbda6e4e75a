"""Importing packs: success, refusal with clear errors, and nothing half imported."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.models import Pack, Question, Source
from app.packs import importer
from app.packs.errors import PackValidationError
from app.packs.importer import check_pack, import_pack, pack_slug
from tests.conftest import SOURCE_ID, SOURCE_TEXT


def _counts(session):
    return tuple(
        session.scalar(select(func.count()).select_from(m)) for m in (Source, Pack, Question)
    )


def test_import_success(app, pack_data, fresh_session):
    pack = import_pack(pack_data, {}, filename="lisvale.json")
    assert pack.slug == "lisvale"
    with fresh_session() as session:
        assert _counts(session) == (1, 1, 4)
        stored = session.scalar(select(Pack))
        assert [q.uid for q in stored.questions] == ["q1", "q2", "q3", "q4"]
        assert [s.id for s in stored.sources] == [SOURCE_ID]
        source = session.get(Source, SOURCE_ID)
        assert source.text == SOURCE_TEXT and source.author == "A. Tester"
        q3 = stored.questions[2]
        assert q3.correction == "The fleet grew to 40 ships."
        assert SOURCE_TEXT[q3.quote_start : q3.quote_end] == q3.quote_text
        assert stored.questions[3].items[1]["quote"]["text"] == "Ostrov Accord"


def test_malformed_pack_is_refused_and_nothing_is_imported(app, pack_data, fresh_session):
    pack_data["questions"][2]["quote"]["end"] = 20000
    del pack_data["questions"][1]["answer"]
    with pytest.raises(PackValidationError) as caught:
        import_pack(pack_data, {}, filename="packs/bad.json")
    assert [str(e) for e in caught.value.errors] == [
        "packs/bad.json: questions[1].answer: expected this required field, got nothing",
        f'packs/bad.json: questions[2].quote.end: expected an offset within source "{SOURCE_ID}" '
        f"(length {len(SOURCE_TEXT)}), got 20000",
    ]
    with fresh_session() as session:
        assert _counts(session) == (0, 0, 0)


def test_database_failure_midway_rolls_everything_back(app, pack_data, fresh_session, monkeypatch):
    # Skip validation so the foreign key fails only after the source and pack were added.
    monkeypatch.setattr(importer, "check_pack", lambda *args, **kwargs: [])
    pack_data["questions"][3]["quote"]["source"] = "not-in-the-database"
    with pytest.raises(IntegrityError):
        import_pack(pack_data, {})
    with fresh_session() as session:
        assert _counts(session) == (0, 0, 0)


def test_reimport_needs_replace(app, pack_data, fresh_session):
    import_pack(pack_data, {}, filename="a.json")
    with pytest.raises(PackValidationError) as caught:
        import_pack(pack_data, {}, filename="a.json")
    (error,) = caught.value.errors
    assert (
        error.location == "id" and 'got "lisvale"' in error.message and "--replace" in error.message
    )

    pack_data["questions"] = pack_data["questions"][:2]
    import_pack(pack_data, {}, filename="a.json", replace=True)
    with fresh_session() as session:
        assert _counts(session) == (1, 1, 2)


def test_existing_source_with_other_text_is_refused(app, pack_data, fresh_session):
    import_pack(pack_data, {})
    other = dict(pack_data, id="other")
    text = SOURCE_TEXT.replace("Café", "Cafe")
    other["sources"] = [dict(pack_data["sources"][0], text=text, sha256=importer.sha256_text(text))]
    errors = check_pack(other, {}, filename="other.json")
    assert [e.location for e in errors] == ["sources[0].sha256"]
    assert "already in the database has a different text" in errors[0].message
    with pytest.raises(PackValidationError):
        import_pack(other, {}, filename="other.json")
    with fresh_session() as session:
        assert _counts(session) == (1, 1, 4)


def test_second_pack_reuses_identical_source(app, pack_data, fresh_session):
    import_pack(pack_data, {})
    import_pack(dict(pack_data, id="again"), {})
    with fresh_session() as session:
        assert _counts(session) == (1, 2, 8)


def test_pack_slug_falls_back_to_title():
    assert pack_slug({"title": "Treaties of 1902: A Quiz!"}) == "treaties-of-1902-a-quiz"
    assert pack_slug({"id": "given", "title": "x"}) == "given"


def test_sibling_group_is_stored_and_optional(app, pack_data, fresh_session):
    pack_data["questions"][0]["group"] = "g1"
    pack_data["questions"][1]["group"] = "g1"
    import_pack(pack_data, {}, filename="lisvale.json")
    with fresh_session() as session:
        stored = session.scalar(select(Pack))
        assert [q.group for q in stored.questions] == ["g1", "g1", "", ""]


def test_generated_packs_start_easiest_first_and_others_in_pack_order(app, pack_data):
    """`quire generate`'s packs (the bundled bank) carry no author's order; others keep theirs."""
    import copy

    from app.extensions import db

    with app.app_context():
        authored = import_pack(pack_data, {}, filename="authored.json")
        generated_data = copy.deepcopy(pack_data)
        generated_data["id"] = "generated-copy"
        generated_data["generator"] = {"name": "quire", "version": "0.1.0"}
        generated = import_pack(generated_data, {}, filename="generated.json")
        assert db.session.get(Pack, authored.id).new_order == "pack order"
        assert db.session.get(Pack, generated.id).new_order == "easiest first"


def test_a_packs_own_order_of_new_questions_wins_over_the_default(app, pack_data):
    import copy

    from app.extensions import db

    with app.app_context():
        generated = copy.deepcopy(pack_data)
        generated["generator"] = {"name": "quire", "version": "0.1.0"}
        generated["new_order"] = "random"
        pack = import_pack(generated, {}, filename="generated.json")
        assert db.session.get(Pack, pack.id).new_order == "random"


def test_an_unknown_order_of_new_questions_is_refused_whole(app, pack_data, fresh_session):
    pack_data["new_order"] = "hardest first"
    with pytest.raises(PackValidationError) as refused:
        import_pack(pack_data, {}, filename="lisvale.json")
    assert [str(error) for error in refused.value.errors] == [
        'lisvale.json: new_order: expected one of "pack order", "easiest first", "random", '
        'got "hardest first"'
    ]
    with fresh_session() as session:
        assert _counts(session) == (0, 0, 0)


def test_the_schemas_orders_are_the_apps():
    import json

    from app.packs.format import SCHEMA_PATH
    from app.packs.new_order import NEW_ORDERS

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert tuple(schema["properties"]["new_order"]["enum"]) == NEW_ORDERS
