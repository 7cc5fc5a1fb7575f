"""Practice workbooks: the Excel modules' workbooks offered for download, and a
learner's completed workbook checked against the answer key, task by task, with
feedback. The answer key never leaves the server."""
