// The one read that returns secrets: for handing them to the scanner, never to a client.
MATCH (s:CredentialSet {name: $name})
RETURN s {.name, .version, .community, .v3User, .authProtocol, .authKey, .privProtocol,
          .privKey, .targetRanges} AS credentialSet
