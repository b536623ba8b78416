// Revoke every live token with this name (a reissue replaces a token whose secret is lost);
// the token feed gets a new stamp (API processes drop what they cached).
MATCH (t:ApiToken {name: $name})
WHERE t.revokedAt IS NULL
WITH t, t {.id, .name, .role, .revokedAt} AS before
SET t.revokedAt = datetime(), t.updatedAt = datetime()
REMOVE t.activeName
WITH t, before
MERGE (f:ChangeFeed {name: $feed})
SET f.seq = coalesce(f.seq, 0) + 1, f.stamp = randomUUID()
RETURN before, t {.id, .name, .role, .prefix, .createdAt, .revokedAt} AS token
ORDER BY t.id
