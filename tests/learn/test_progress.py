"""The progress dashboard, a question's history, and the charts' escaping."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.learn.charts import forecast_chart, mastery_chart
from app.study.learner import calibrated_recall
from app.study_models import Card
from app.study_service import choosing
from app.study_service.rows import card_state
from tests.learn.conftest import START, put_card


def test_visitor_sees_an_invitation(study):
    html = study.client.get("/learn/progress").get_data(as_text=True)
    assert "Nothing yet." in html and "<svg" not in html


def test_dashboard_after_answers(study, learner, qids, app, clock):
    put_card(app, learner, qids["q3"], due=START + timedelta(days=2, hours=1))
    study.answer(study.show(qids["q1"]), "1902")
    study.answer(study.show(qids["q2"], form="typed"), "nobody")
    html = study.client.get("/learn/progress").get_data(as_text=True)
    assert html.count("<svg") == 3 and "<script>" not in html and "kozea" not in html
    assert 'id="answered-today">2<' in html and 'id="streak">1<' in html
    assert "Mastery by source" in html and "Treaties of Lisvale" in html
    # Three cards, each due within the month: the forecast table counts each once.
    table = html.split("Reviews due per day")[1].split("</table>")[0]
    counts = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', table)]
    assert len(counts) == 30 and sum(counts) == 3 and counts[2] >= 1  # q3, in two days
    clock.advance(days=1)
    study.answer(study.show(qids["q4"]), ["Harbour Compact", "Ostrov Accord"])
    html = study.client.get("/learn/progress").get_data(as_text=True)
    assert 'id="streak">2<' in html


def test_true_retention_counts_reviews_of_learned_cards(study, learner, qids, app):
    put_card(app, learner, qids["q1"])
    put_card(app, learner, qids["q3"])
    study.answer(study.show(qids["q1"]), "1902")
    study.answer(study.show(qids["q3"]), "True")
    study.answer(study.show(qids["q2"], form="typed"), "Mara Quell")  # new: not counted
    html = study.client.get("/learn/progress").get_data(as_text=True)
    assert 'id="retention">50%<' in html and "2 reviews" in html


def test_question_history_lists_every_answer(study, learner, qids, clock):
    study.answer(study.show(qids["q1"]), "1899")
    clock.advance(days=1)
    study.answer(study.show(qids["q1"]), "1902")
    study.client.post("/learn/undo")
    html = study.client.get(f"/learn/progress/questions/{qids['q1']}").get_data(as_text=True)
    table = html.split("<tbody>")[1]
    assert table.index("1899") < table.index("1902")
    assert "Wrong, Again" in html and "(undone)" in html


def test_chart_labels_are_escaped():
    svg = str(
        mastery_chart(
            "Mastery <b>by</b> source",
            [("<script>alert(1)</script>", {"recall": 0.5, "mastered": 0.25})],
        )
    )
    assert "<script>alert" not in svg and "&lt;script&gt;" in svg
    assert "&lt;b&gt;by&lt;/b&gt;" in svg and "<b>" not in svg
    assert svg.startswith("<svg") and "kozea.github.io" not in svg


def test_forecast_chart_has_one_bar_per_day():
    from datetime import date

    svg = str(forecast_chart([3, 0, 1] + [0] * 27, date(2026, 3, 2)))
    assert "Today" in svg and "Reviews due over the next 30 days" in svg
    bars = re.findall(r'<rect class="bar"[^>]* height="([0-9.]+)"', svg)
    assert len(bars) == 30
    heights = [float(height) for height in bars]
    # Drawn to scale: the first day's 3 reviews three times the third day's 1, the rest empty.
    assert heights[0] == pytest.approx(3 * heights[2], abs=0.2) and heights[0] > 0
    assert heights[1] == 0 and not any(heights[3:])
    assert re.findall(r"<title>([^<]*) due</title>", svg)[:3] == [
        "Today: 3",
        "03 Mar: 0",
        "04 Mar: 1",
    ]


def test_progress_shows_the_recall_the_chooser_uses(study, learner, qids, app, clock):
    """After a wrong answer the card fades within the day: the progress page, the question's
    history and the API show the chooser's continuous, calibrated recall, not FSRS's whole-day
    value (which stays 100% until midnight)."""
    study.answer(study.show(qids["q1"]), "1899")
    clock.advance(hours=6)
    with app.app_context():
        card = card_state(db.session.scalar(select(Card).where(Card.user_id == learner)))
        chooser = calibrated_recall(card, choosing.learner_state(learner), clock())
    assert chooser < 0.95  # fading, and shown as such (whole-day FSRS would say 1.0)
    shown = f"{chooser * 100:.0f}%"
    history = study.client.get(f"/learn/progress/questions/{qids['q1']}").get_data(as_text=True)
    assert f"Chance of recall now: {shown}" in history
    page = study.client.get("/learn/progress").get_data(as_text=True)
    studied = page.split("In which year was the Harbour Compact signed?")[1].split("</tr>")[0]
    assert shown in studied
    api = study.client.get("/api/v1/me/progress").get_json()
    [dates] = [group for group in api["mastery"]["by_kind"] if group["name"] == "Date"]
    assert dates["questions"] == 1 and dates["recall"] == pytest.approx(chooser)


def test_progress_states_the_forecast_and_the_history_names_the_schedules_estimate(
    study, learner, qids, app
):
    """The chance of recall shown for a reviewed card is the forecast (here the learner's and
    the item's forecast state put it well below the reference); the question's history also
    gives the estimate the schedule works from."""
    from app.study.forecast import ItemMemory
    from app.study.learner import stated_recall
    from app.study_models import ItemStat, LearnerSkill

    put_card(app, learner, qids["q1"], exposures=3, last_rating=3)
    with app.app_context():
        db.session.add(LearnerSkill(user_id=learner, forecast_bias=-1.0))
        db.session.add(ItemStat(question_id=qids["q1"], difficulty=0.0, forecast_offset=-0.5))
        db.session.commit()
        row = db.session.scalar(select(Card).where(Card.user_id == learner))
        card, skill = card_state(row), choosing.learner_state(learner)
        reference = calibrated_recall(card, skill, START)
        stated = stated_recall(card, 3, 3, skill, ItemMemory(-0.5, 0), START)
    assert stated < reference - 0.1
    page = study.client.get("/learn/progress").get_data(as_text=True)
    cell = page.split("In which year was the Harbour Compact signed?")[1].split("</tr>")[0]
    assert f"{stated * 100:.0f}%" in cell and f"{reference * 100:.0f}%" not in cell
    assert "Chance of recall now" in page and "does not change" in page
    history = study.client.get(f"/learn/progress/questions/{qids['q1']}").get_data(as_text=True)
    assert f"Chance of recall now: {stated * 100:.0f}%" in history
    assert f"scheduled from a separate estimate, {reference * 100:.0f}%" in history
    # The group figures (the page's mastery tables, the API's mastery) state the same chance.
    api = study.client.get("/api/v1/me/progress").get_json()
    [dates] = [group for group in api["mastery"]["by_kind"] if group["name"] == "Date"]
    assert dates["recall"] == pytest.approx(stated / dates["questions"])


def test_a_question_just_missed_says_so_beside_its_recall(study, learner, qids):
    # Just after an answer the recall is near 100% (the answer was shown): a wrong one must
    # not read as "100%, well known".
    study.answer(study.show(qids["q1"]), "1899")
    page = study.client.get("/learn/progress").get_data(as_text=True)
    studied = page.split("In which year was the Harbour Compact signed?")[1].split("</tr>")[0]
    assert "missed last time" in studied
    history = study.client.get(f"/learn/progress/questions/{qids['q1']}").get_data(as_text=True)
    assert "(missed last time" in history
    study.answer(study.show(qids["q1"]), "1902")
    page = study.client.get("/learn/progress").get_data(as_text=True)
    assert "missed last time" not in page


def _bundled_titles() -> list[str]:
    import json
    from pathlib import Path

    listed = json.loads(Path("questions/sources/sources.json").read_text(encoding="utf-8"))
    return [source["title"] for source in listed["sources"]]


def test_mastery_by_source_is_readable_with_real_titles():
    # Issue 16 item 4: the bundled bank's titles were cut to 32 characters, in a font a phone
    # shrank to 9 px, and a 0% bar was a 2-px sliver.
    from xml.etree import ElementTree

    titles = _bundled_titles()
    assert len(titles) == 5 and max(len(t) for t in titles) > 60
    rows = [
        (t, {"recall": 0.0 if i == 0 else 0.2 * i, "mastered": 0.0}) for i, t in enumerate(titles)
    ]
    svg = ElementTree.fromstring(str(mastery_chart("Mastery by source", rows)))
    ns = "{http://www.w3.org/2000/svg}"
    view_width = float(svg.get("viewBox").split()[2])
    # At 375 px the chart is about 343 px wide: its 15-unit text is at least 11 px tall.
    assert 15 * 343 / view_width >= 11
    labels = [t for t in svg.iter(f"{ns}text") if t.get("class") == "label"]
    assert len(labels) == 5
    for title, label in zip(titles, labels, strict=True):
        assert label.find(f"{ns}title").text == title  # the full title as its tooltip
        lines = [span.text for span in label.iter(f"{ns}tspan")]
        assert " ".join(lines) == title  # wrapped, not cut: these titles fit in two lines
        for line in lines:  # each line fits the view box at a generous 0.6 em per character
            assert float(label.get("x")) + 0.6 * 15 * len(line) <= view_width
    bars = [r for r in svg.iter(f"{ns}rect") if r.get("class") == "bar"]
    tracks = [r for r in svg.iter(f"{ns}rect") if r.get("class") == "track"]
    assert len(bars) == 10 and len(tracks) == 10
    assert all(float(t.get("width")) > view_width / 2 for t in tracks)  # the scale shows
    assert float(bars[2].get("width")) > 50  # 20% recall is a visible bar


def test_progress_page_tables_name_each_source_in_full(study, learner, qids):
    study.answer(study.show(qids["q1"]), "1899")
    html = study.client.get("/learn/progress").get_data(as_text=True)
    table = html.split("<caption>Mastery by source</caption>")[1].split("</table>")[0]
    assert '<th scope="row">Treaties of Lisvale' in table
