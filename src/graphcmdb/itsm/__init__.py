"""ITSM rules without a database: state tables, numbering, failed-item facts, conflicts."""
