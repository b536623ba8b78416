"""itam"""
