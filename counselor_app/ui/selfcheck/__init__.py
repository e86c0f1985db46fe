"""The self-check page's parts: table models, the confirmation dialog, where evidence leads."""
