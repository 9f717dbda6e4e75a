"""The question bank: every imported question with its answer and quote."""

from flask import Blueprint

bp = Blueprint("bank", __name__)

from app.bank import media, routes  # noqa: E402, F401
