"""Authoring: instructors write packs and questions, upload texts, review, import and export."""

from flask import Blueprint

from app.sanitize import authored

bp = Blueprint("authoring", __name__, url_prefix="/authoring")
bp.add_app_template_filter(authored, "authored")

from app.authoring import (  # noqa: E402, F401
    generate,
    routes_packs,
    routes_questions,
    routes_review,
    routes_sharing,
    routes_transfer,
    routes_uploads,
    upload_job,
)
