"""Security headers on every response, and trusting a load balancer's X-Forwarded-* headers."""

from __future__ import annotations

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

# Scripts only from Quire's own static files, never inline. Inline styles stay allowed: the
# server-drawn SVG charts carry their own <style> element and style attributes.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self'",
        # Question audio is served from /media like its images (app/bank/media.py).
        "media-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Nothing Quire does needs these browser features, so no page (or injected frame) may ask.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()" for feature in ("camera", "microphone", "geolocation", "payment", "usb")
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}


def init_security_headers(app: Flask) -> None:
    """Add the security headers to every response (a view may set its own value first)."""
    hsts_seconds = int(app.config["QUIRE_HSTS_SECONDS"] or 0)

    @app.after_request
    def _security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        # Only over HTTPS: browsers ignore it on plain HTTP, and it would be a lie there.
        if hsts_seconds > 0 and request.is_secure:
            response.headers.setdefault(
                "Strict-Transport-Security", f"max-age={hsts_seconds}; includeSubDomains"
            )
        return response


def proxy_hops(value: object) -> int:
    """How many proxies to trust from QUIRE_PROXY_FIX: 0 when unset, 1 for "1"/"true"."""
    if value is None or value is False or value == "":
        return 0
    if value is True:
        return 1
    text = str(value).strip().lower()
    if text in {"true", "yes", "on"}:
        return 1
    if text in {"false", "no", "off"}:
        return 0
    try:
        hops = int(text)
    except ValueError:
        raise ValueError(
            f'QUIRE_PROXY_FIX must be the number of proxies in front of Quire, not "{value}".'
        ) from None
    if hops < 0:
        raise ValueError("QUIRE_PROXY_FIX cannot be negative.")
    return hops


def apply_proxy_fix(app: Flask) -> None:
    """Behind QUIRE_PROXY_FIX proxies, take the client address and scheme from X-Forwarded-*.

    Only X-Forwarded-For and X-Forwarded-Proto are trusted: the Host header already reaches us
    unchanged through usual load balancers, and trusting X-Forwarded-Host or -Prefix that a
    proxy does not overwrite would let a client choose the links Quire builds.
    """
    hops = proxy_hops(app.config["QUIRE_PROXY_FIX"])
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
