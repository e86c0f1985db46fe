"""Students: finding them (search keys and search) and their risk level over time."""
