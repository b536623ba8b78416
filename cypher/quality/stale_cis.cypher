// CIs not confirmed since their class's cut-off (confirmed: last seen by a source, else
// last edited, else created), optionally of one class; the longest unconfirmed first.
// A replaced CI is expected never to be seen again: it is not stale.
MATCH (c:CI)
WHERE ($ciClass IS NULL OR c.ciClass = $ciClass) AND coalesce(c.status, '') <> 'REPLACED'
WITH c, coalesce(c.lastSeen, c.updatedAt, c.createdAt) AS confirmedAt
WHERE confirmedAt < $cutoffs[c.ciClass]
RETURN c {.*, labels: labels(c)} AS ci, confirmedAt
ORDER BY confirmedAt, c.name, c.id
LIMIT $limit
