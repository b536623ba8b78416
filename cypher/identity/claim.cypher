// Each CI claims exactly the keys of its current identifiers: keys it no longer has are
// released, new ones claimed (a key may identify several CIs: duplicates are found by
// identification and reported, never refused here).
UNWIND $claims AS claim
MATCH (c:CI {id: claim.id})
CALL (c, claim) {
  MATCH (c)<-[old:IDENTIFIES]-(k:IdentityKey)
  WHERE NOT k.key IN claim.keys
  DELETE old
}
CALL (c, claim) {
  UNWIND claim.keys AS key
  MERGE (k:IdentityKey {key: key})
  MERGE (k)-[:IDENTIFIES]->(c)
}
RETURN count(c) AS claimed
