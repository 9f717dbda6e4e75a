"""Writing and editing questions of every type through the web, with the quote checked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.authoring.packdata import pack_dict
from app.models import Pack, Question
from app.packs.format import validate_pack
from tests.authoring.conftest import FLEET, SIGNED, TEXT, TYPE_FORMS, question_form


def _questions(fresh_session, pack_id):
    with fresh_session() as session:
        return session.scalars(
            select(Question).where(Question.pack_id == pack_id).order_by(Question.position)
        ).all()


@pytest.mark.parametrize("qtype", list(TYPE_FORMS))
def test_create_each_type(as_owner, pack_id, fresh_session, app, qtype):
    needle = FLEET if qtype == "numeric" else SIGNED
    response = as_owner.post(
        f"/authoring/packs/{pack_id}/questions/new", data=question_form(qtype, needle)
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    [question] = _questions(fresh_session, pack_id)
    assert question.type == qtype
    assert question.review_status == "approved"
    assert question.quote_text == needle == TEXT[question.quote_start : question.quote_end]
    assert question.tags == ["charters", "ships"]
    assert question.difficulty == pytest.approx(0.4)
    with app.app_context():
        from app.extensions import db

        data = pack_dict(db.session.get(Pack, pack_id))
    assert validate_pack(data, source_texts={"velmar": TEXT}) == []


def test_type_specific_fields_are_stored(as_owner, pack_id, fresh_session):
    for qtype in ("multiple_response", "matching", "numeric", "short_answer", "ordering"):
        needle = FLEET if qtype == "numeric" else SIGNED
        as_owner.post(
            f"/authoring/packs/{pack_id}/questions/new", data=question_form(qtype, needle)
        )
    by_type = {q.type: q for q in _questions(fresh_session, pack_id)}
    response = by_type["multiple_response"]
    assert [a["weight"] for a in response.answers] == [50, 50, -100]
    assert response.answer == "Signed in 1788; Signed by Tesa Brandt"
    assert by_type["matching"].pairs[-1] == {"left": "", "right": "1801"}
    assert by_type["numeric"].answers == [{"text": "64", "weight": 100, "tolerance": 2.0}]
    assert by_type["short_answer"].accept == ["Brandt", "T. Brandt"]
    assert [i["text"] for i in by_type["ordering"].items] == ["Velmar Charter", "Corran Accord"]


@pytest.mark.parametrize(
    ("qtype", "overrides", "field", "message"),
    [
        ("multiple_choice", {"answer": "1800"}, "answer", "must be one of the choices"),
        ("multiple_choice", {"choices": "1788\n1799"}, "choices", "at least 3 choices"),
        ("multiple_response", {"right_choices": "Nope"}, "right_choices", "Not among the choices"),
        ("true_false", {"answer": "Maybe"}, "answer", "True"),
        ("cloze", {"prompt": "No blank here."}, "prompt", "needs a blank"),
        ("matching", {"pairs": "only one => pair"}, "pairs", "at least 2 pairs"),
        ("matching", {"pairs": "a => 1\nno arrow"}, "pairs", "Line 2"),
        ("numeric", {"answer": "sixty"}, "answer", "must be a number"),
        ("ordering", {"items": "just one"}, "items", "2 to 10 items"),
        ("short_answer", {"prompt": ""}, "prompt", "Write the question"),
        ("short_answer", {"difficulty": "7"}, "difficulty", "from 0"),
    ],
)
def test_errors_are_shown_next_to_the_field(
    as_owner, pack_id, fresh_session, qtype, overrides, field, message
):
    response = as_owner.post(
        f"/authoring/packs/{pack_id}/questions/new", data=question_form(qtype, **overrides)
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    error = page.split(f'id="{field}-error">', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert _questions(fresh_session, pack_id) == []


def test_quote_must_match_the_source_verbatim(as_owner, pack_id, fresh_session):
    form = question_form("short_answer")
    form["quote_text"] = SIGNED.replace("1788", "1789")
    page = as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=form).get_data(
        as_text=True
    )
    assert 'id="quote_text-error"' in page and "Select the passage again" in page
    form = question_form("short_answer", quote_start="5", quote_end="999999")
    page = as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=form).get_data(
        as_text=True
    )
    assert 'id="quote_start-error"' in page
    assert _questions(fresh_session, pack_id) == []


def test_quote_by_offsets_alone_or_by_text_alone(as_owner, pack_id, fresh_session):
    start = TEXT.index("Nine harbours")
    by_offsets = question_form("short_answer", quote_start=str(start), quote_end=str(start + 13))
    by_offsets["quote_text"] = ""
    assert (
        as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=by_offsets).status_code
        == 302
    )
    by_text = question_form(
        "short_answer", quote_start="", quote_end="", quote_text="Corran Accord"
    )
    assert (
        as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=by_text).status_code == 302
    )
    ambiguous = question_form("short_answer", quote_start="", quote_end="", quote_text="Charter")
    page = as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=ambiguous).get_data(
        as_text=True
    )
    assert "appears 2 times" in page
    quotes = [q.quote_text for q in _questions(fresh_session, pack_id)]
    assert quotes == ["Nine harbours", "Corran Accord"]


def test_form_shows_the_source_with_paragraph_offsets(as_owner, pack_id):
    page = as_owner.get(f"/authoring/packs/{pack_id}/questions/new").get_data(as_text=True)
    start = TEXT.index("Nine")
    assert f'data-start="{start}"' in page
    assert "authoring.js" in page


def test_edit_keeps_item_details_and_bumps_versions(as_owner, pack_id, fresh_session):
    as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=question_form("short_answer"))
    [question] = _questions(fresh_session, pack_id)
    page = as_owner.get(f"/authoring/questions/{question.id}/edit").get_data(as_text=True)
    assert "Tesa Brandt" in page and "T. Brandt" in page
    form = question_form("short_answer", answer="Tesa Brandt", explanation="Edited.")
    assert as_owner.post(f"/authoring/questions/{question.id}/edit", data=form).status_code == 302
    [edited] = _questions(fresh_session, pack_id)
    assert (edited.explanation, edited.version) == ("Edited.", 2)
    with fresh_session() as session:
        pack = session.get(Pack, pack_id)
        assert pack.version == 3  # created a question, then edited it
    history = as_owner.get(f"/authoring/questions/{question.id}/history").get_data(as_text=True)
    assert "Version 2" in history and "Version 1" in history


def test_unchanged_edit_is_not_a_new_version(as_owner, pack_id, fresh_session):
    as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=question_form("cloze"))
    [question] = _questions(fresh_session, pack_id)
    response = as_owner.post(
        f"/authoring/questions/{question.id}/edit",
        data=question_form("cloze"),
        follow_redirects=True,
    )
    assert "Nothing changed" in response.get_data(as_text=True)
    assert _questions(fresh_session, pack_id)[0].version == 1
