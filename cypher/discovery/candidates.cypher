// Every CI one observation could be (by serial, MAC, FQDN/sysName or IP; index look-ups
// only: MACs and IPs through the keyword full-text index `ciAddresses`), each with what
// reconciliation needs to decide and write: properties, installations, asset link. Also
// the untracked assets carrying the serial, and which names a new CI could not take.
CALL () {
  MATCH (c:CI) WHERE c.serialNumber IN $serials RETURN c
  UNION
  MATCH (c:CI) WHERE c.fqdn IN $fqdns RETURN c
  UNION
  MATCH (c:CI) WHERE c.hostname IN $names RETURN c
  UNION
  MATCH (c:CI) WHERE c.name IN $names RETURN c
  UNION
  UNWIND $macs AS mac
  CALL db.index.fulltext.queryNodes('ciAddresses', 'macAddresses:"' + mac + '"') YIELD node
  RETURN node AS c
  UNION
  UNWIND $ips AS ip
  CALL db.index.fulltext.queryNodes('ciAddresses', 'ipAddresses:"' + ip + '"') YIELD node
  RETURN node AS c
}
WITH c WHERE c.ciClass IN $classes
WITH collect(c {.*, labels: labels(c),
                installs: [(c)-[i:HAS_INSTALLED]->(p:SoftwareProduct) |
                           i {.version, .installedAt, .source, productKey: p.key}],
                tracked: EXISTS { (:Asset)-[:TRACKS]->(c) }}) AS candidates
RETURN candidates,
       COLLECT { MATCH (a:Asset) WHERE a.serialNumber IN $serials
                                   AND NOT EXISTS { (a)-[:TRACKS]->(:CI) }
                 RETURN a {.id, .assetTag, .manufacturer} } AS assets,
       COLLECT { UNWIND $newNames AS name
                 MATCH (t:CI {ciClass: $ciClass, name: name})
                 RETURN t.name } AS takenNames
