// The replaced CI steps out of its role before the new hardware takes it: renamed (the
// new CI takes the name), REPLACED, and its role facts (addresses, FQDN, host name)
// cleared — they move to the new CI with the observation.
MATCH (old:CI {id: $id})
WITH old, old {.name, .status, .ipAddresses, .fqdn, .hostname} AS before
SET old.name = $name, old.status = 'REPLACED', old.updatedAt = $now
REMOVE old.ipAddresses, old.fqdn, old.hostname
RETURN before
