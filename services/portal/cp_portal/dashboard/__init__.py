"""The start page: widgets of the creditor's dossiers."""
