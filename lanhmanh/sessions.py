"""The session engine (``SESSION_ENGINE``): Django's database sessions, which also tell
when the stored session ends, so that ``middleware.IdleSessionMiddleware`` can push
the end forward only when it has come nearer, not on every request."""

from django.contrib.sessions.backends import db


class SessionStore(db.SessionStore):
    expires_at = None  # when the stored session ends, once loaded

    def _get_session_from_db(self):
        stored = super()._get_session_from_db()
        self.expires_at = stored.expire_date if stored is not None else None
        return stored

    async def _aget_session_from_db(self):
        stored = await super()._aget_session_from_db()
        self.expires_at = stored.expire_date if stored is not None else None
        return stored
