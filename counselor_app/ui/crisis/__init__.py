"""The crisis workflow on screen: the case list with its state and filter, a case's steps and
referral history, and the dialogs that add to them."""
