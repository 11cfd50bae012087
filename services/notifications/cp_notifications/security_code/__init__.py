"""The security code email of the second login factor."""
