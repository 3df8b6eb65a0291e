"""API keys: create (the secret is shown once), list, revoke, check. Only sha256 digests are stored."""

import hashlib
import secrets
from datetime import datetime

from sqlmodel import Session, col, select

from app.errors import NotFound
from app.storage.tables import ApiKey

KEY_PREFIX = "nr_"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(session: Session, name: str, now: datetime) -> str:
    """A new key named `name`; returns the secret, which is stored nowhere. A revoked key's name
    may be given again: the revoked key is deleted."""
    existing = session.exec(select(ApiKey).where(ApiKey.name == name)).first()
    if existing is not None and existing.revoked_at is None:
        raise ValueError(f"a key named {name!r} is in use; revoke or delete it first")
    if existing is not None:
        session.delete(existing)
        session.flush()
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiKey(name=name, prefix=secret[:10], key_hash=_digest(secret), created_at=now))
    session.flush()
    return secret


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.exec(select(ApiKey).order_by(col(ApiKey.created_at))).all())


def revoke_key(session: Session, name: str, now: datetime) -> ApiKey:
    key = session.exec(select(ApiKey).where(ApiKey.name == name)).first()
    if key is None:
        raise NotFound(f"no key named {name!r}")
    if key.revoked_at is None:
        key.revoked_at = now
        session.add(key)
        session.flush()
    return key


def delete_key(session: Session, name: str) -> None:
    key = session.exec(select(ApiKey).where(ApiKey.name == name)).first()
    if key is None:
        raise NotFound(f"no key named {name!r}")
    session.delete(key)
    session.flush()


def check_key(session: Session, secret: str) -> ApiKey | None:
    """The active key with this secret, or None."""
    key = session.exec(select(ApiKey).where(ApiKey.key_hash == _digest(secret))).first()
    if key is None or key.revoked_at is not None:
        return None
    return key
