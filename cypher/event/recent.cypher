// The newest events, newest first, optionally of one source and/or bound to one CI.
MATCH (e:Event)
WHERE ($source IS NULL OR e.source = $source) AND ($ciId IS NULL OR e.ciId = $ciId)
WITH e ORDER BY e.receivedAt DESC, e.id DESC LIMIT $limit
OPTIONAL MATCH (c:CI {id: e.ciId})
RETURN e {.id, .receivedAt, .source, .alertName, .state, .severity, .match, .ciId,
          .suppressed, .fingerprint} AS event, c.name AS ciName
