"""Screening: scales, answers, the interview worklist."""
