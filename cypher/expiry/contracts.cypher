// Contracts whose notice-to-end period meets the window (see itam/expiry.py), with
// the CIs tracked by the assets they cover.
MATCH (c:Contract)
WHERE c.endDate >= $asOf AND c.endDate - duration({days: coalesce(c.noticeDays, 0)}) <= $until
RETURN c {.*, labels: labels(c)} AS contract,
       [(ci:CI)<-[:TRACKS]-(:Asset)-[:COVERED_BY]->(c) | ci.id] AS ciIds
