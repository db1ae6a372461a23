"""Renderers: results -> text, files and pictures. The last stage of the flow."""
