"""The service layer: the only code that runs catalogue queries. API, CLI, demo and
discovery all call these functions."""
