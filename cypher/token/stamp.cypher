// The token feed's stamp: a new random value with every token change (create, revoke,
// reissue), so an API process that saw this stamp knows its cached look-ups still hold
// (``services/token_cache.py``); null before any change (or after a wipe).
OPTIONAL MATCH (f:ChangeFeed {name: $feed})
RETURN f.stamp AS stamp
