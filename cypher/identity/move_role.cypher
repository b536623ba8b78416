// Move a replaced CI's role to the hardware that replaced it: every relationship (what
// depends on it, the services it supports, LLDP links ...) but those that belong to the
// box itself ($kept: its asset, installed software, history), then link old to new.
MATCH (old:CI {id: $oldId}), (new:CI {id: $newId})
CALL (old, new) {
  OPTIONAL MATCH (old)-[r]->(o)
  WHERE r IS NOT NULL AND NOT type(r) IN $kept AND o <> new AND NOT o:IdentityKey
  CALL (r, o, new) {
    WITH r, o, new WHERE r IS NOT NULL
    CREATE (new)-[m:$(type(r))]->(o)
    SET m = properties(r)
    DELETE r
  }
  RETURN count(r) AS outgoing
}
CALL (old, new) {
  OPTIONAL MATCH (o)-[r]->(old)
  WHERE r IS NOT NULL AND NOT type(r) IN $kept AND o <> new AND NOT o:IdentityKey
  CALL (r, o, new) {
    WITH r, o, new WHERE r IS NOT NULL
    CREATE (o)-[m:$(type(r))]->(new)
    SET m = properties(r)
    DELETE r
  }
  RETURN count(r) AS incoming
}
CREATE (old)-[:REPLACED_BY {at: $now, source: $source}]->(new)
RETURN outgoing + incoming AS moved
