"""The foundation every layer stands on, storage included: bilingual messages, errors with
their exit codes, the data folder's paths, atomic file writing, progress and cancel, what a
write changed, the clock, resources and fonts, the crash log and the controlled
vocabularies. Its modules import only each other."""
