"""The widgets of the main window's tabs and dialogs, one module per view (docs/architecture.md).

Views show what the backend and the models give them and send what a person does back to the
window's parts (gui/window/); none of them scores or stores anything itself.
"""
