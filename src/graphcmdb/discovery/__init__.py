"""SNMP discovery: scan devices into observations, reconcile observations into the graph."""
