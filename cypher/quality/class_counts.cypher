// Per CI class: CIs, those with every mandatory field (absent, '' and [] are missing),
// the CIs missing each field, those without an asset (classes that expect one), and
// those not confirmed since the class's cut-off (as quality/stale_cis). A CI whose
// hardware was replaced is history, not data to complete: it is left out.
UNWIND $classes AS cls
CALL (cls) {
  MATCH (c:CI) WHERE c.ciClass = cls.ciClass AND coalesce(c.status, '') <> 'REPLACED'
  WITH c, [f IN cls.fields WHERE c[f] IS NULL OR c[f] IN ['', []]] AS missing
  RETURN count(c) AS total,
         count(CASE WHEN size(missing) = 0 THEN 1 END) AS complete,
         count(CASE WHEN cls.assetExpected AND NOT EXISTS { (:Asset)-[:TRACKS]->(c) }
                    THEN 1 END) AS withoutAsset,
         count(CASE WHEN coalesce(c.lastSeen, c.updatedAt, c.createdAt) < cls.cutoff
                    THEN 1 END) AS stale,
         collect(missing) AS gaps
}
RETURN cls.ciClass AS ciClass, total, complete, withoutAsset, stale,
       [f IN cls.fields | {field: f, missing: size([g IN gaps WHERE f IN g])}] AS missing
