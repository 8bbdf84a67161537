"""How the portal names a person: pages, reminders and listings alike."""


def person_name(user) -> str:
    """The user's full name, or the login when the account has no name; "" for nobody."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
