"""The review queue: pending questions, flags, bulk and single actions, serving unreviewed."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from app.authoring.review import flags_by_question
from app.extensions import db
from app.generation import acceptability
from app.models import UNREVIEWED_FLOOR, Pack, Question
from tests.authoring.conftest import SIGNED, TEXT


def _pending(app, pack_id, specs) -> list[int]:
    """Add pending questions: (uid, fact, answer, quality) each quoting SIGNED."""
    start = TEXT.index(SIGNED)
    with app.app_context():
        ids = []
        for position, (uid, fact, answer, quality) in enumerate(specs):
            question = Question(
                pack_id=pack_id,
                uid=uid,
                fact=fact,
                type="short_answer",
                kind="other",
                prompt=f"Prompt {uid}?",
                answer=answer,
                source_id="velmar",
                quote_start=start,
                quote_end=start + len(SIGNED),
                quote_text=SIGNED,
                explanation="",
                quality=quality,
                position=position,
                review_status="pending",
            )
            db.session.add(question)
            db.session.flush()
            ids.append(question.id)
        db.session.commit()
        return ids


def _statuses(fresh_session, pack_id):
    with fresh_session() as session:
        rows = session.execute(
            select(Question.uid, Question.review_status).where(Question.pack_id == pack_id)
        )
        return dict(rows.all())


def test_flags_low_quality_and_facts_asked_twice():
    rows = [
        {"id": 1, "uid": "a", "fact": "f1", "answer": "1788", "quote_text": "x", "quality": 0.9},
        {"id": 2, "uid": "b", "fact": "f1", "answer": "Orrin", "quote_text": "y", "quality": 0.8},
        {
            "id": 3,
            "uid": "c",
            "fact": "",
            "answer": "The  Tesa",
            "quote_text": "q z",
            "quality": 0.2,
        },
        {"id": 4, "uid": "d", "fact": "", "answer": "tesa", "quote_text": "q  z", "quality": None},
        {"id": 5, "uid": "e", "fact": "", "answer": "alone", "quote_text": "q z", "quality": 0.7},
    ]
    flags = flags_by_question(rows)
    codes = {qid: sorted(f.code for f in found) for qid, found in flags.items()}
    assert codes == {
        1: ["duplicate"],
        2: ["duplicate"],
        3: ["duplicate", "low-quality"],
        4: ["duplicate"],
    }
    assert flags[1][0].related == (2,)


def test_queue_lists_pending_with_flags(as_owner, app, pack_id):
    _pending(app, pack_id, [("g1", "f1", "1788", 0.9), ("g2", "f1", "Tesa", 0.3)])
    page = as_owner.get(f"/authoring/packs/{pack_id}/review").get_data(as_text=True)
    assert "Prompt g1?" in page and "Prompt g2?" in page
    assert "Low quality score (0.30" in page
    assert page.count("flag-duplicate") == 2
    flagged = as_owner.get(f"/authoring/packs/{pack_id}/review?flagged=1").get_data(as_text=True)
    assert "Prompt g2?" in flagged


def test_bulk_approve_and_reject(as_owner, app, pack_id, fresh_session):
    ids = _pending(app, pack_id, [("g1", "", "a", 0.9), ("g2", "", "b", 0.9), ("g3", "", "c", 0.9)])
    url = f"/authoring/packs/{pack_id}/review"
    both = {"action": "approve", "question": [ids[0], ids[1]], "siblings": "y"}
    as_owner.post(url, data=both)
    assert _statuses(fresh_session, pack_id) == {
        "g1": "approved",
        "g2": "approved",
        "g3": "pending",
    }
    as_owner.post(url, data={"action": "reject", "question": [ids[1], ids[2]]})
    assert _statuses(fresh_session, pack_id) == {
        "g1": "approved",
        "g2": "rejected",
        "g3": "rejected",
    }
    as_owner.post(url, data={"action": "approve", "question": [ids[0]], "one": f"reject:{ids[0]}"})
    assert _statuses(fresh_session, pack_id)["g1"] == "rejected"
    response = as_owner.post(url, data={"action": "approve"}, follow_redirects=True)
    assert "Tick at least one question" in response.get_data(as_text=True)


def test_learners_see_unreviewed_only_when_the_pack_allows(as_owner, app, pack_id):
    ids = _pending(app, pack_id, [("g1", "", "1788", 0.9), ("g2", "", "Tesa", 0.3)])
    as_owner.post(f"/authoring/packs/{pack_id}/sharing", data={"visibility": "public"})
    visitor = app.test_client()
    assert "Prompt g1?" not in visitor.get("/bank").get_data(as_text=True)
    as_owner.post(
        f"/authoring/packs/{pack_id}/edit",
        data={"title": "Velmar", "language": "en", "serve_unreviewed": "y"},
    )
    with app.app_context():
        assert db.session.scalar(select(Pack.serve_unreviewed).where(Pack.id == pack_id))
    bank = visitor.get("/bank").get_data(as_text=True)
    assert "Prompt g1?" in bank
    # Below the ranker's threshold, a generated question waits for a reviewer all the same.
    assert "Prompt g2?" not in bank
    with app.app_context():
        assert not db.session.get(Question, ids[1]).is_studyable
    as_owner.post(
        f"/authoring/packs/{pack_id}/review", data={"action": "approve", "question": [ids[1]]}
    )
    assert "Prompt g2?" in visitor.get("/bank").get_data(as_text=True)


def test_the_serving_floor_and_the_review_flag_are_the_ranker_threshold(app):
    model = json.loads(acceptability.MODEL_PATH.read_text(encoding="utf-8"))
    assert UNREVIEWED_FLOOR == model["threshold"] == app.config["QUIRE_LOW_QUALITY"]


def test_after_an_action_the_queue_returns_to_the_tab_it_came_from(as_owner, app, pack_id):
    ids = _pending(app, pack_id, [("g1", "", "a", 0.9), ("g2", "", "b", 0.9)])
    url = f"/authoring/packs/{pack_id}/review"
    page = as_owner.get(url).get_data(as_text=True)
    # The form posts back to the tab on screen, and the tab on screen is marked as selected.
    assert f'action="{url}?status=pending"' in page
    assert "Macro" not in page
    assert f'href="{url}?status=pending" aria-current="page"' in page
    response = as_owner.post(
        f"{url}?status=pending", data={"action": "trash", "one": f"approve:{ids[0]}"}
    )
    assert response.headers["Location"].endswith("status=pending")
    landed = as_owner.get(response.headers["Location"]).get_data(as_text=True)
    assert "Macro" not in landed and "Prompt g2?" in landed and "Prompt g1?" not in landed
    approved = as_owner.get(f"{url}?status=approved").get_data(as_text=True)
    assert "Prompt g1?" in approved
    assert 'status=approved" aria-current="page"' in approved


def test_duplicate_flags_link_to_the_other_question_on_the_page(as_owner, app, pack_id):
    specs = [("j1-dcdd8df66e6b-cz", "f1", "1788", 0.9), ("g2", "f1", "x", 0.9)]
    ids = _pending(app, pack_id, specs)
    page = as_owner.get(f"/authoring/packs/{pack_id}/review").get_data(as_text=True)
    # Internal ids mean nothing to a reviewer; the flag points at the question itself.
    notes = re.findall(r'<p class="flag flag-duplicate".*?</p>', page, re.S)
    assert len(notes) == 2 and not any("j1-dcdd8df66e6b-cz" in note for note in notes)
    assert f'href="#q{ids[0]}"' in page and f'href="#q{ids[1]}"' in page


def test_the_pack_page_shows_its_questions_a_page_at_a_time(as_owner, app, pack_id):
    _pending(app, pack_id, [(f"p{n}", "", f"a{n}", 0.9) for n in range(25)])
    first = as_owner.get(f"/authoring/packs/{pack_id}").get_data(as_text=True)
    assert "25 questions" in first and "1 question waiting" not in first
    assert first.count('<li class="question"') == 20
    assert "Prompt p0?" in first and "Prompt p20?" not in first
    assert f'href="/authoring/packs/{pack_id}?page=2"' in first
    second = as_owner.get(f"/authoring/packs/{pack_id}?page=2").get_data(as_text=True)
    assert second.count('<li class="question"') == 5 and "Prompt p24?" in second
    assert 'start="21"' in second


def test_bulk_approve_takes_one_question_per_sentence_unless_asked(
    as_owner, app, pack_id, fresh_session
):
    # All three quote the same sentence: learners would meet one fact three times.
    ids = _pending(app, pack_id, [("g1", "", "a", 0.6), ("g2", "", "b", 0.9), ("g3", "", "c", 0.7)])
    url = f"/authoring/packs/{pack_id}/review"
    response = as_owner.post(url, data={"action": "approve", "question": ids[:2]})
    assert _statuses(fresh_session, pack_id) == {
        "g1": "pending",
        "g2": "approved",  # the better of the two ticked
        "g3": "pending",
    }
    page = as_owner.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 question approved. 1 left pending" in page
    # Its sentence already has an approved question: nothing more is approved in bulk.
    as_owner.post(url, data={"action": "approve", "question": [ids[0], ids[2]]})
    assert _statuses(fresh_session, pack_id)["g3"] == "pending"
    # Asked for, siblings are approved too; a row's own button always approves its question.
    as_owner.post(url, data={"action": "approve", "question": [ids[0]], "one": f"approve:{ids[0]}"})
    as_owner.post(url, data={"action": "approve", "question": [ids[2]], "siblings": "y"})
    assert set(_statuses(fresh_session, pack_id).values()) == {"approved"}


def test_each_tab_offers_only_the_actions_that_change_its_questions(
    as_owner, app, pack_id, fresh_session
):
    ids = _pending(app, pack_id, [("g1", "", "a", 0.9), ("g2", "", "b", 0.9), ("g3", "", "c", 0.9)])
    url = f"/authoring/packs/{pack_id}/review"
    as_owner.post(f"{url}?status=pending", data={"action": "approve", "one": f"approve:{ids[0]}"})
    as_owner.post(f"{url}?status=pending", data={"action": "reject", "one": f"reject:{ids[1]}"})
    statuses = _statuses(fresh_session, pack_id)
    assert [statuses[uid] for uid in ("g1", "g2", "g3")] == ["approved", "rejected", "pending"]

    def offered(status):
        page = as_owner.get(f"{url}?status={status}").get_data(as_text=True)
        buttons = set(re.findall(r'name="one" value="(\w+):(\d+)"', page))
        bulk = set(re.findall(r'<option[^>]* value="(\w+)"', page))
        return buttons, bulk

    buttons, bulk = offered("approved")
    assert buttons == {("reject", str(ids[0]))} and bulk == {"reject", "trash"}
    # Nor the bulk approval's option about siblings.
    assert 'name="siblings"' not in as_owner.get(f"{url}?status=approved").get_data(as_text=True)
    assert 'name="siblings"' in as_owner.get(f"{url}?status=rejected").get_data(as_text=True)
    buttons, bulk = offered("rejected")
    assert buttons == {("approve", str(ids[1]))} and bulk == {"approve", "trash"}
    buttons, bulk = offered("pending")
    assert buttons == {("approve", str(ids[2])), ("reject", str(ids[2]))}
    assert bulk == {"approve", "reject", "trash"}
