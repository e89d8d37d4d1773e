"""Knowledge of UN documents shared by readers, transforms, writers and the linter."""
