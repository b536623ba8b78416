// Device CIs sharing a strong identifier: a serial number (case-insensitive; split by
// manufacturer in Python), a MAC address, an FQDN. Oldest CI first in each group.
CALL () {
  MATCH (c:CI) WHERE c.serialNumber IS NOT NULL AND c.ciClass IN $classes
  WITH toUpper(trim(c.serialNumber)) AS value, c ORDER BY c.createdAt, c.id
  WITH value, collect(c) AS cis WHERE size(cis) > 1
  RETURN 'SERIAL' AS kind, value, cis
  UNION ALL
  MATCH (c:CI) WHERE c.macAddresses IS NOT NULL AND c.ciClass IN $classes
  UNWIND c.macAddresses AS value
  WITH value, c ORDER BY c.createdAt, c.id
  WITH value, collect(c) AS cis WHERE size(cis) > 1
  RETURN 'MAC' AS kind, value, cis
  UNION ALL
  MATCH (c:CI) WHERE c.fqdn IS NOT NULL AND c.ciClass IN $classes
  WITH c.fqdn AS value, c ORDER BY c.createdAt, c.id
  WITH value, collect(c) AS cis WHERE size(cis) > 1
  RETURN 'FQDN' AS kind, value, cis
}
RETURN kind, value, [c IN cis | c {.*, labels: labels(c)}] AS cis
ORDER BY kind DESC, value
LIMIT $limit
