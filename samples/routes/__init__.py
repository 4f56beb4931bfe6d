"""Renderers: each turns a Sample into a source document or straight into a PDF."""
