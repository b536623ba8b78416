// The @neo4j/graphql peer of benchmarks/peers.py: the estate's type definitions over the
// same Neo4j the graphcmdb API reads, served on loopback by Node's own http module (no
// framework in the way). The benchmark starts it with:
//
//   NEO4J_URI=bolt://127.0.0.1:PORT NEO4J_USER=neo4j NEO4J_PASSWORD=... PORT=... node server.mjs
//
// and waits for "listening" on stdout. POST / takes {query, variables} and answers JSON.
//
// Impact: the closure of what needs the failed nodes is an @cypher field (the library's
// way to run a traversal it cannot generate); the k-of-n redundancy of clusters is left
// to the client, which gets each impacted node's hard needs and a cluster's members.
import http from "node:http";

import { Neo4jGraphQL } from "@neo4j/graphql";
import { graphql } from "graphql";
import neo4j from "neo4j-driver";

// Everything that needs a node: DEPENDS_ON / RUNS_ON / HOSTED_ON point from the dependent
// to what it needs; MEMBER_OF points from a member to its cluster (the cluster needs it).
// The quantified path pattern walks either, and DISTINCT keeps each node once.
const CLOSURE = `
MATCH (s:Entity) WHERE s.id IN $down
MATCH (s)((a)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(b)
          WHERE (type(r) = 'MEMBER_OF') = (startNode(r) = a))*(x)
RETURN DISTINCT x
`;

const typeDefs = /* GraphQL */ `
  type Entity @node(labels: ["Entity"]) {
    id: ID!
    name: String
    minAvailable: Int
    dependsOn: [Entity!]! @relationship(type: "DEPENDS_ON", direction: OUT)
    runsOn: [Entity!]! @relationship(type: "RUNS_ON", direction: OUT)
    hostedOn: [Entity!]! @relationship(type: "HOSTED_ON", direction: OUT)
    members: [Entity!]! @relationship(type: "MEMBER_OF", direction: IN)
    "Ids of what this node needs hard (RUNS_ON, HOSTED_ON, DEPENDS_ON not soft)."
    hardNeeds: [ID!]!
      @cypher(
        statement: """
        MATCH (this)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]->(d)
        WHERE type(r) <> 'DEPENDS_ON' OR coalesce(r.kind, 'hard') <> 'soft'
        RETURN collect(d.id) AS ids
        """
        columnName: "ids"
      )
    "Ids of a cluster's members, one per MEMBER_OF relationship."
    memberIds: [ID!]!
      @cypher(
        statement: "MATCH (this)<-[:MEMBER_OF]-(m) RETURN collect(m.id) AS ids"
        columnName: "ids"
      )
  }

  type Service @node(labels: ["Service"]) {
    id: ID!
    name: String!
    dependsOn: [Entity!]! @relationship(type: "DEPENDS_ON", direction: OUT)
  }

  type Query {
    "Every node that needs one of down, transitively, the inputs included."
    impactClosure(down: [ID!]!): [Entity!]!
      @cypher(statement: """${CLOSURE}""", columnName: "x")
  }
`;

const driver = neo4j.driver(
  process.env.NEO4J_URI,
  neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD),
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    let body;
    try {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const result = await graphql({
        schema,
        source: query,
        variableValues: variables,
        contextValue: { sessionConfig: { database: process.env.NEO4J_DATABASE ?? "neo4j" } },
      });
      body = JSON.stringify(result);
    } catch (err) {
      body = JSON.stringify({ errors: [{ message: String(err) }] });
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
});

server.keepAliveTimeout = 120_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
process.on("SIGTERM", async () => {
  server.close();
  await driver.close();
  process.exit(0);
});
