"""The error pages of `app.error_pages`, registered for every blueprint of the app."""

from app.error_pages import client_error, server_error
from app.errors import bp

for code in (400, 403, 404, 405, 413):
    bp.app_errorhandler(code)(client_error)
bp.app_errorhandler(500)(server_error)
