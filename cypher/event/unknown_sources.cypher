// Alerts no CI could be bound to (no CI has their identifiers, or several do), counted
// per source and source key: the "unknown sources" report.
MATCH (a:Alert)
WHERE a.match IN ['UNMATCHED', 'AMBIGUOUS']
WITH a.source AS source, a.sourceKey AS sourceKey, collect(a) AS alerts
UNWIND alerts AS a
UNWIND CASE WHEN size(coalesce(a.candidateIds, [])) = 0 THEN [null] ELSE a.candidateIds END AS candidate
WITH source, sourceKey, alerts, collect(DISTINCT candidate) AS candidates
RETURN source, sourceKey,
       size(alerts) AS alerts,
       reduce(n = 0, a IN alerts | n + a.eventCount) AS events,
       size([a IN alerts WHERE a.state = 'FIRING']) AS firing,
       reduce(t = null, a IN alerts | CASE WHEN t IS NULL OR a.lastSeen > t THEN a.lastSeen ELSE t END) AS lastSeen,
       [a IN alerts | a.alertName][..10] AS alertNames,
       [a IN alerts WHERE a.reason IS NOT NULL | a.reason][0] AS reason,
       candidates[..20] AS candidateIds
ORDER BY events DESC, source, sourceKey
LIMIT $limit
