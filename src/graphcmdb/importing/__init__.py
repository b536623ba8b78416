"""Import and export: the spreadsheet every ITAM project starts from, in and out of the graph."""
