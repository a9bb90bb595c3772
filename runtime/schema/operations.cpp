// placeholder: filled in by the migration work
