// The one read that returns secrets (sealed; the service opens them): for handing them to
// the scanner, never to a client. The id is the sealed values' associated data.
MATCH (s:CredentialSet {name: $name})
RETURN s {.id, .name, .version, .community, .v3User, .authProtocol, .authKey, .privProtocol,
          .privKey, .targetRanges} AS credentialSet
