"""UI layer: the main window's screens, one module each."""
