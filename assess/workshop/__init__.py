"""The workshop kit: blank forms out (YAML, Excel, printable), answers back in.

``definition`` resolves a questionnaire with its framework and holds the answer rules
shared by import and capture; ``templates`` dispatches to ``template_yaml``,
``template_xlsx`` (cell positions in ``layout``) and ``forms``; ``import_xlsx`` reads
completed workbooks back into response files (``import_sheets`` reads their cells);
``capture`` keeps a live capture session's state (``lock`` gives it the response file to
itself) and ``capture_loop`` walks the questions through a terminal interface.
"""
