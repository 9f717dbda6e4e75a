"""Accounts: sign up, log in and out, settings, and guests who study before signing up."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/accounts")

from app.accounts import routes  # noqa: E402, F401
