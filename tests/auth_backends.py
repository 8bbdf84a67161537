"""Test-only authentication backend.

Production uses axes.backends.AxesStandaloneBackend, which refuses any
authenticate() call without a request. Django's test client `login()` calls
authenticate() without one, so tests use this subclass: every login that comes
through a request (the login page, the API) is still checked by axes.
"""

from axes.backends import AxesStandaloneBackend


class RequestOptionalAxesBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
