"""The client's address for login throttling (django-axes AXES_CLIENT_IP_CALLABLE).

Behind N trusted reverse proxies, each proxy appends the address it received the
request from to X-Forwarded-For, so the client is the N-th entry from the right;
anything further left was written by the client and cannot be trusted. (ipware's
proxy_count counts differently and returns no address at all behind a single
nginx, which would put every user of an agency into one lockout bucket.)
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(chain) < proxies:
        return remote  # did not come through the configured proxies: ignore the header
    candidate = chain[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
