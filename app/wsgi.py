"""The WSGI application for gunicorn and other servers: `app.wsgi:app`."""

from app import create_app

app = create_app()
