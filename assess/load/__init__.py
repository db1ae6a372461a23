"""Loading: YAML with lines, safe file reads, definition models checked for shape and
meaning, the assessment workspace (shipped content, pinned copies, responses) and
validation of any file kind. The first stage of load -> score -> prioritise -> render."""
