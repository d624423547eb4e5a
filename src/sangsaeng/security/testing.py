"""For tests: a client logged in with force_login counts as having passed every sign-in step.

force_login skips the login form, so the session has not passed the second factor; fixtures that
do not test sign-in itself mark it as if it had. Production has no such switch.
"""

from django.test import Client

from sangsaeng.security import session_state


def mark_signed_in_fully(client: Client) -> Client:
    session = client.session
    session_state.mark_verified(session)
    session.save()
    return client
