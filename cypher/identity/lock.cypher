// Take the write lock of every identity key a writer is about to decide on, creating
// the keys that do not exist yet (the unique constraint on IdentityKey.key makes two
// concurrent creators of one key wait for each other). Keys come sorted, so writers
// lock in one order. SET then REMOVE takes the lock of an existing key and leaves no
// trace (a key created here is locked by its creation); the lock is held until the
// transaction ends.
UNWIND $keys AS key
MERGE (k:IdentityKey {key: key})
ON MATCH SET k.locked = true
REMOVE k.locked
RETURN count(k) AS locked
