"""Accountable forecasts: when each implication is due, what became of it, how well
the corpus's likelihoods were calibrated.

    due.py    the due date of each horizon, the build's "as of" date, each
              implication's state (resolved, due for review, open)
    score.py  the probability each likelihood band stands for, Brier scores
              overall and by band (with counts), the track record
    chart.py  the calibration chart's geometry (the SVG markup is a template)
    page.py   the emitter of the track record page (``track-record.md``)
"""
