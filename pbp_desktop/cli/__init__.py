"""CLI layer: headless commands over the services. Never imports Qt."""
