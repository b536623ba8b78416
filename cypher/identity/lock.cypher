// Take the write lock of every identity key a writer is about to decide on, creating
// the keys that do not exist yet (the unique constraint on IdentityKey.key makes two
// concurrent creators of one key wait for each other). Keys come sorted, so writers
// lock in one order. SET then REMOVE takes the lock and leaves no trace; the lock is
// held until the transaction ends.
UNWIND $keys AS key
MERGE (k:IdentityKey {key: key})
SET k.locked = true
REMOVE k.locked
RETURN count(k) AS locked
