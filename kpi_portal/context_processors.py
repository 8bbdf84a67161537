from django.utils.functional import SimpleLazyObject

from agencies.permissions import user_scope


def navigation(request):
    """The user's scope for the menu; evaluated only when a template reads it."""
    return {"nav_scope": SimpleLazyObject(lambda: user_scope(request.user))}
