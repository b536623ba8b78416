/** GraphQL documents of the explore page. */

export const SEARCH = `query ExplorerSearch($q: String!, $first: Int!) {
  byName: cis(filter: { nameContains: $q }, first: $first) {
    edges { node { id name labels ciClass status } }
  }
  byText: cis(filter: { text: $q }, first: $first) {
    edges { node { id name labels ciClass status } }
  }
  services(filter: { nameContains: $q }, first: $first) {
    edges { node { id name labels criticality users } }
  }
  assets(filter: { text: $q }, first: $first) {
    edges { node { id name labels assetTag lifecycleState ci { id name } } }
  }
}`;

/** One shortest path over the whole graph (nodes and edges in path order, empty if none). */
/** asOf: over the relationships of that moment (a past drawing); null for now. */
export const SHORTEST_PATH = `query ExplorerShortestPath($from: ID!, $to: ID!, $maxHops: Int!, $asOf: DateTime) {
  shortestPath(fromId: $from, toId: $to, maxHops: $maxHops, asOf: $asOf) {
    truncated
    nodes { id name labels status }
    edges { id source target type kind }
  }
}`;

/** A neighbourhood; collapsed, lifecycle events and installed software come as counts. */
export const GRAPH = `query ExplorerGraph($id: ID!, $depth: Int!, $types: [RelationshipType!], $collapse: Boolean!) {
  graph(centerId: $id, depth: $depth, types: $types, collapse: $collapse) {
    truncated
    nodes { id name labels status }
    edges { id source target type kind }
    aggregates { nodeId kind type count sharedWith }
  }
}`;

/**
 * A neighbourhood as it stood at $asOf (null: now), uncollapsed, as graphDiff compares it
 * (graph(collapse, asOf) has the counts of then too; the compare view draws every node).
 */
export const GRAPH_AT = `query ExplorerGraphAt($id: ID!, $depth: Int!, $asOf: DateTime) {
  graph(centerId: $id, depth: $depth, asOf: $asOf) {
    truncated
    nodes { id name labels status }
    edges { id source target type kind }
  }
}`;

/** What changed in the neighbourhood between $from and $to (null: now). */
export const GRAPH_DIFF = `query ExplorerGraphDiff($from: DateTime!, $to: DateTime, $id: ID!, $depth: Int!) {
  graphDiff(from: $from, to: $to, centerId: $id, depth: $depth) {
    addedNodes { id labels }
    removedNodes { id labels }
    changedNodes { id changes { name before after } }
    addedEdges { source type target }
    removedEdges { source type target }
    changedEdges { before { source type target properties } after { source type target properties } }
  }
}`;
