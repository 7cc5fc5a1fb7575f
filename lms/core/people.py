"""How people are named on pages, in emails and in exports."""


def display_name(user):
    """The user's full name, or their username when they have none."""
    return user.get_full_name() or user.get_username()
