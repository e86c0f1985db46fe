"""The screening printouts: answer sheet, consent form, round summary."""
