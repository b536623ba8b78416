// Every CI one observation could be: the CIs its identity keys identify (serial, MAC,
// FQDN, host names, addresses; index look-ups on IdentityKey.key), each with what
// reconciliation needs to decide and write: properties, installations, asset link.
// Also the untracked assets carrying the serial, and which names a new CI could not take.
CALL () {
  UNWIND $keys AS key
  MATCH (:IdentityKey {key: key})-[:IDENTIFIES]->(c:CI)
  RETURN DISTINCT c
}
WITH collect(c {.*, labels: labels(c),
                installs: [(c)-[i:HAS_INSTALLED]->(p:SoftwareProduct) |
                           i {.version, .installedAt, .source, productKey: p.key}],
                tracked: EXISTS { (:Asset)-[:TRACKS]->(c) },
                namesakes: COLLECT { MATCH (o:CI {name: c.name}) WHERE o <> c
                                     RETURN o.ciClass },
                assetTags: [(a:Asset)-[:TRACKS]->(c) | a.assetTag]}) AS candidates
RETURN candidates,
       COLLECT { MATCH (a:Asset) WHERE a.serialNumber IN $serials
                                   AND NOT EXISTS { (a)-[:TRACKS]->(:CI) }
                 RETURN a {.id, .assetTag, .manufacturer} } AS assets,
       COLLECT { UNWIND $newNames AS name
                 MATCH (t:CI {ciClass: $ciClass, name: name})
                 RETURN t.name } AS takenNames
