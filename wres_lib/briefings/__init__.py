"""The content of each briefing: figures, sentences, tables and charts, built in wres_lib."""
