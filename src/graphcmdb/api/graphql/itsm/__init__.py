"""itsm"""
