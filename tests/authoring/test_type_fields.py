"""The question form marks each answer field with the types that read it; with scripts off
every field still shows, and the server still checks only the chosen type's fields."""

from __future__ import annotations

import lxml.html
import pytest

from app.authoring.question_fields import FIELD_TYPES, QUESTION_TYPES
from tests.authoring.conftest import BASE_FIELDS, TYPE_FORMS, question_form


def _groups(page: str) -> dict[str, list[str]]:
    """Field name -> the types its wrapper lists, from the served page."""
    tree = lxml.html.fromstring(page)
    out = {}
    for group in tree.xpath("//form[@data-question-form]//*[@data-types]"):
        [control] = group.xpath(".//input | .//textarea | .//select")
        # Served without the hidden attribute: without the script every field shows.
        assert group.get("hidden") is None
        out[control.get("name")] = group.get("data-types").split()
    return out


def test_no_script_page_has_every_field_marked_with_its_types(as_owner, pack_id):
    page = as_owner.get(f"/authoring/packs/{pack_id}/questions/new").get_data(as_text=True)
    groups = _groups(page)
    assert set(groups) == set(FIELD_TYPES)
    assert groups["tolerance"] == ["numeric"]
    assert groups["choices"] == ["multiple_choice", "multiple_response"]
    assert "true_false" in groups["answer"] and "matching" not in groups["answer"]
    # The common fields stay outside any group, so they show for every type.
    tree = lxml.html.fromstring(page)
    for name in ("type", "prompt", "explanation", "quote_start", "source_id"):
        [control] = tree.xpath(f"//form[@data-question-form]//*[@name='{name}']")
        assert not any(a.get("data-types") for a in control.iterancestors())


@pytest.mark.parametrize("qtype", QUESTION_TYPES)
def test_a_valid_form_of_each_type_uses_only_the_fields_shown_for_it(qtype):
    """What a valid form of a type fills in is never hidden for that type."""
    filled = {name for name, value in TYPE_FORMS[qtype].items() if value} & set(FIELD_TYPES)
    assert all(qtype in FIELD_TYPES[name] for name in filled), filled


def test_a_description_has_no_answer_fields_and_an_essay_only_notes():
    assert [name for name, types in FIELD_TYPES.items() if "description" in types] == []
    assert [name for name, types in FIELD_TYPES.items() if "essay" in types] == ["answer"]


@pytest.mark.parametrize(
    ("qtype", "field", "value", "message"),
    [
        ("numeric", "tolerance", "wide", "The tolerance must be a number"),
        ("multiple_choice", "choices", "1788", "Give at least 3 choices"),
        ("true_false", "answer", "Maybe", "Choose &#34;True&#34;"),
    ],
)
def test_the_server_still_checks_the_chosen_type(as_owner, pack_id, qtype, field, value, message):
    form = question_form(qtype, **{field: value})
    response = as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=form)
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_fields_of_other_types_are_ignored(as_owner, pack_id, fresh_session):
    """A no-script author leaves other types' fields filled; only the type's own are read."""
    from sqlalchemy import select

    from app.models import Question

    form = question_form("short_answer", tolerance="wide", pairs="nonsense", choices="a")
    assert BASE_FIELDS["source_id"] == form["source_id"]
    response = as_owner.post(f"/authoring/packs/{pack_id}/questions/new", data=form)
    assert response.status_code == 302
    with fresh_session() as session:
        question = session.scalar(select(Question).where(Question.pack_id == pack_id))
        assert (question.type, question.choices, question.pairs) == ("short_answer", [], [])
