"""A student's file (一生一档), built once for the screen and the printout: the student's facts,
the timeline of every record, and the overview the screen shows."""
