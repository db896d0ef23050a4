"""`sparring report`: one self-contained HTML file per run, charts inline as SVG."""
