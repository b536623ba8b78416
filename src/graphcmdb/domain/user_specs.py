"""People who sign in, and their browsers' sessions: server-written internal nodes with
hand-written Cypher (``cypher/user/``, ``cypher/session/``). Not ``Entity`` nodes:
``node(id)``, ``relate``, imports, exports and the explorer never see them, and no read
returns a password hash or a session's hash (``hidden``)."""

from __future__ import annotations

from functools import partial

from graphcmdb.domain.user_records import UserRecord
from graphcmdb.graph.enums import Label
from graphcmdb.graph.node_spec import AnySpec, NodeSpec

_internal = partial(NodeSpec, entity=False, crud=False)

#: ``name`` is the user name (unique); grants as a token has them.
USER_SPEC = _internal(
    label=Label.USER,
    area="user",
    record=UserRecord,
    system=("role", "permissions", "scopes", "passwordHash", "disabledAt", "lastSignInAt"),
    key=("name",),
    hidden=("passwordHash",),
)

#: One signed-in browser: found by the SHA-256 of its cookie (the cookie itself is never
#: stored), for ``userId``, until ``expiresAt``. Deleted at sign-out, when the user is
#: disabled or changes password, and once expired.
SESSION_SPEC = _internal(
    label=Label.SESSION,
    area="session",
    record=dict,
    system=("id", "hash", "userId", "createdAt", "expiresAt"),
    unique=(("id",), ("hash",)),
    indexed=("userId", "expiresAt"),
    hidden=("hash",),
    common=False,
)

USER_SPECS: tuple[AnySpec, ...] = (USER_SPEC, SESSION_SPEC)
