// Every set's stored secrets, each set write-locked first (the SET/REMOVE leaves nothing
// behind), so re-sealing reads and writes them in one transaction while a concurrent
// update of a set waits for it.
MATCH (s:CredentialSet)
SET s.resealLock = true
REMOVE s.resealLock
RETURN s {.id, .community, .authKey, .privKey} AS secrets
ORDER BY s.id
