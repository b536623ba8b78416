// The device CIs that claim each address key, with their environment (an address moves
// only within one environment: identity/ageing.py).
UNWIND $keys AS key
MATCH (:IdentityKey {key: key})-[:IDENTIFIES]->(c:CI)
WHERE c.ciClass IN $classes
RETURN key, c.id AS id, c.environment AS environment
ORDER BY key, id
