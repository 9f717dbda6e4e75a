"""Error pages: written for the reader, with a way back."""

from __future__ import annotations


def test_500_page_is_friendly_and_hides_details(app, client):
    def broken():
        raise RuntimeError("secret internals")

    app.add_url_rule("/broken", view_func=broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/broken")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong on our side" in body and 'href="/"' in body
    assert "secret internals" not in body


def test_405_page(client):
    response = client.post("/bank")
    assert response.status_code == 405
    assert "That action is not allowed here" in response.get_data(as_text=True)


def test_403_page_says_why_and_a_script_gets_json(client, learner):
    response = client.get("/classroom/")
    assert response.status_code == 403
    body = response.get_data(as_text=True)
    assert "That is not yours to open" in body and "The classroom is for instructors" in body
    scripted = client.get("/classroom/", headers={"Accept": "application/json"})
    assert scripted.status_code == 403 and scripted.is_json
    assert "instructors" in scripted.get_json()["detail"]
