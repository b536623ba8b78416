"""One module per MIB area: the objects to read and how their rows become observation
fields. Parsers take plain ``{oid: value}`` / ``{column: {index: value}}`` data, so they
are tested without an agent."""
