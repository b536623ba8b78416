// The remote CI of each LLDP neighbour: by chassis MAC, else by sysName (FQDN, then
// hostname or name); the oldest when several match. Unknown neighbours give no row.
UNWIND $rows AS row
CALL (row) {
  CALL (row) {
    WITH row WHERE row.mac IS NOT NULL
    CALL db.index.fulltext.queryNodes('ciAddresses', 'macAddresses:"' + row.mac + '"')
      YIELD node
    RETURN node AS c, 0 AS rank
    UNION
    MATCH (c:CI) WHERE c.fqdn = row.fqdn RETURN c, 1 AS rank
    UNION
    MATCH (c:CI) WHERE c.hostname IN row.names RETURN c, 2 AS rank
    UNION
    MATCH (c:CI) WHERE c.name IN row.names RETURN c, 2 AS rank
  }
  WITH c, rank WHERE c.ciClass IN $classes AND c.id <> row.fromId
  RETURN c.id AS toId ORDER BY rank, c.createdAt, c.id LIMIT 1
}
RETURN row.fromId AS fromId, toId, row.localPort AS localPort, row.remotePort AS remotePort
