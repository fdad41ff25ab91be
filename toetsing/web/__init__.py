"""`toetsing web`: the toetsing in the browser, for who does not use a terminal (app.py)."""
