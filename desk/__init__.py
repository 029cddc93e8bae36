"""The review desk: the Streamlit page over the engine (``streamlit run app.py``).

state (resources, session) · actions (what widgets do) · render (markup from a Comparison) ·
sections (widgets and layout) · page (the page, top to bottom) · style.css
"""
