// The alerts each incident links to (its alertFingerprints), oldest first; an alert
// pruned by retention is gone from the list.
UNWIND $ids AS id
MATCH (i:Incident {id: id})
UNWIND coalesce(i.alertFingerprints, []) AS fp
MATCH (a:Alert {fingerprint: fp})
RETURN id, a {.fingerprint, .source, .alertName, .state, .severity, .summary, .ciId,
              .firstSeen, .lastSeen} AS alert
ORDER BY id, alert.firstSeen, fp
